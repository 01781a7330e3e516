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
//! - The page cache grows to hold every page the import writes (a 100,000-pearl page's import
//!   writes about 110 MB, more than the 64 MiB cache): otherwise SQLite spills pages to the WAL
//!   in the middle of the transaction and reads them back. The commit then makes no checkpoint:
//!   the import's caller has it done on a connection of its own ([`Store::checkpoint_aside`]),
//!   so the tree is shown without waiting for its 110 MB to be copied from the WAL into the
//!   library file.

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

use super::Store;
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

/// The page cache of a library's connection, in KiB (SQLite's negative `cache_size`).
pub(super) const CACHE_KIB: i64 = 65_536;

/// The page cache a large import may grow to, per pearl it brings and at most, in KiB.
const CACHE_KIB_PER_PEARL: i64 = 2;
const CACHE_KIB_AT_MOST: i64 = 1_048_576;

/// SQLite's default: a commit checkpoints once the WAL holds this many pages.
pub(super) const AUTO_CHECKPOINT_PAGES: i64 = 1000;

/// The indexes and triggers dropped for a large insert, with the statements that made them.
pub(super) struct SetAside {
    statements: Vec<String>,
}

impl SetAside {
    /// Drops the indexes `indexes` and the insert triggers when the import brings at least
    /// 10,000 pearls and at least as many as the library holds (putting them back then costs
    /// less than what it saves), and grows the page cache and turns the commit's checkpoint off
    /// for it (until [`Store::end_large_write`]); sets nothing aside otherwise.
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
        let cache = i64::try_from(adding)
            .unwrap_or(i64::MAX)
            .saturating_mul(CACHE_KIB_PER_PEARL)
            .clamp(CACHE_KIB, CACHE_KIB_AT_MOST);
        tx.pragma_update(None, "cache_size", -cache)?;
        tx.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(SetAside { statements })
    }

    /// Whether this import set anything aside (and so ends with [`Store::end_large_write`]).
    pub(super) fn is_large(&self) -> bool {
        !self.statements.is_empty()
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

impl Store {
    /// After a large import, committed or not: the page cache back to its size, the commits'
    /// checkpoints back on, and the import's WAL copied into the library file on a thread of
    /// its own ([`Store::checkpoint_aside`]).
    pub(super) fn end_large_write(&self) {
        {
            let conn = self.conn();
            // Both only set a number on the connection; neither can fail on an open one.
            let _ = conn.pragma_update(None, "cache_size", -CACHE_KIB);
            let _ = conn.pragma_update(None, "wal_autocheckpoint", AUTO_CHECKPOINT_PAGES);
        }
        self.checkpoint_aside();
    }

    /// Copies what the WAL holds into the library file, on a connection and a thread of their
    /// own, without waiting for readers or blocking the writer (a passive checkpoint). The
    /// library is whole either way: the WAL is part of it until then. Closing the store waits
    /// for this, so a library file copied after the app or the tool ended holds everything.
    pub(super) fn checkpoint_aside(&self) {
        if !self.path.is_file() {
            return;
        }
        let path = self.path.clone();
        let worker = std::thread::Builder::new()
            .name("nacre-checkpoint".to_owned())
            .spawn(move || {
                // A failure only leaves the pages in the WAL, where SQLite reads them and the
                // next commit's checkpoint copies them.
                // Never made anew: a library moved or deleted meanwhile is left alone.
                let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                if let Ok(conn) = Connection::open_with_flags(&path, flags) {
                    let _ = conn.busy_timeout(super::BUSY_TIMEOUT);
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            });
        if let Ok(worker) = worker {
            let mut slot = self
                .checkpointing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(earlier) = slot.replace(worker) {
                let _ = earlier.join();
            }
        }
    }
}
