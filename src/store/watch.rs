//! What the window needs to notice other processes' writes: SQLite's `data_version` (which
//! changes when another connection commits, never for this connection's own writes), and the
//! links added after a given row id that have no page details yet.

use super::Store;
use crate::error::Result;
use crate::model::PearlId;

impl Store {
    /// A number that changes whenever another process (or another connection) has committed a
    /// change to the library since the last call; this store's own edits leave it as it is.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The highest pearl id in the library (0 when there is none).
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn newest_pearl_id(&self) -> Result<i64> {
        self.read(|conn| {
            Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM pearls", [], |r| r.get(0))?)
        })
    }

    /// Links with an id above `after`, in the tree, that have no page details yet, in id
    /// order (at most `limit`).
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn links_without_details_after(&self, after: i64, limit: usize) -> Result<Vec<PearlId>> {
        let ids: Vec<PearlId> = self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT p.id FROM pearls p LEFT JOIN page_details d ON d.pearl_id = p.id
                 WHERE p.id > ?1 AND p.kind = 'link' AND d.pearl_id IS NULL ORDER BY p.id LIMIT ?2",
            )?;
            let ids = stmt
                .query_map(
                    rusqlite::params![after, i64::try_from(limit).unwrap_or(i64::MAX)],
                    |r| r.get::<_, i64>(0),
                )?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(ids.into_iter().map(PearlId).collect())
        })?;
        let mut in_tree = Vec::with_capacity(ids.len());
        for id in ids {
            if self.place(id)? == super::Place::Tree {
                in_tree.push(id);
            }
        }
        Ok(in_tree)
    }
}
