//! Large inserts (an import of 10,000 pearls or more, into a library that holds no more): what
//! costs per row is set aside while the rows go in and put back at the end, in the same
//! transaction, so an import that fails or is cancelled leaves the schema as it was.
//!
//! - The indexes where new rows land at random places (normalised URLs, a shared tree's
//!   origins) are dropped and made again by one sort: SQLite builds an index far faster than it
//!   takes 100,000 rows one by one at random places in it.
//! - The triggers that run for every inserted pearl, tag and page detail (the search index,
//!   the UUID of a pearl written without one, the sync log) are dropped. SQLite starts a
//!   trigger's program for every row, even when its `WHEN` is false (a frame allocated and a
//!   statement journal written per row: 30 % of a 10,000-pearl page's import). The importer
//!   writes every pearl's UUID itself and indexes its rows for search in one statement; what the
//!   sync log needs is done once, over the new rows, by [`SetAside::put_back`].

use rusqlite::{OptionalExtension, Transaction};

use crate::error::Result;

/// An import smaller than this keeps the indexes and triggers as they are.
const LARGE_IMPORT: u64 = 10_000;

/// The triggers that fire on an insert into the tables an import fills.
const INSERT_TRIGGERS: [&str; 7] = [
    "pearls_search_insert",
    "pearls_uuid_given",
    "pearls_sync_insert",
    "pearl_tags_search_insert",
    "pearl_tags_sync_insert",
    "page_details_search_insert",
    "page_details_sync_insert",
];

/// The indexes and triggers dropped for a large insert, with the statements that made them.
pub(super) struct SetAside {
    statements: Vec<String>,
}

impl SetAside {
    /// Drops the indexes `indexes` and the insert triggers when the import brings at least
    /// 10,000 pearls and at least as many as the library holds (putting them back then costs
    /// less than what it saves); sets nothing aside otherwise.
    pub(super) fn for_import(tx: &Transaction<'_>, indexes: &[&str], adding: u64) -> Result<Self> {
        let held: i64 = tx.query_row("SELECT count(*) FROM pearls", [], |r| r.get(0))?;
        let mut statements = Vec::new();
        if adding < LARGE_IMPORT || i64::try_from(adding).unwrap_or(i64::MAX) < held {
            return Ok(SetAside { statements });
        }
        for (kind, name) in indexes
            .iter()
            .map(|n| ("INDEX", n))
            .chain(INSERT_TRIGGERS.iter().map(|n| ("TRIGGER", n)))
        {
            let sql: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = lower(?1) AND name = ?2",
                    [kind, name],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(sql) = sql else { continue };
            tx.execute_batch(&format!("DROP {kind} {name}"))?;
            statements.push(sql);
        }
        Ok(SetAside { statements })
    }

    /// Makes the indexes and triggers again, and logs every pearl from row `first_new_id` on
    /// for the next sync round, as the triggers would have, when the library syncs.
    pub(super) fn put_back(self, tx: &Transaction<'_>, first_new_id: i64) -> Result<()> {
        if self.statements.is_empty() {
            return Ok(());
        }
        for sql in &self.statements {
            tx.execute_batch(sql)?;
        }
        tx.execute(
            "INSERT INTO sync_changes (uuid)
             SELECT p.uuid FROM pearls p
             WHERE p.id >= ?1 AND p.uuid IS NOT NULL
               AND EXISTS (SELECT 1 FROM sync_config)
               AND NOT EXISTS (SELECT 1 FROM sync_applying)
               AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.uuid = p.uuid)",
            [first_new_id],
        )?;
        Ok(())
    }
}
