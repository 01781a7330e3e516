//! Where a link is already saved: the lookup behind "Already in Cours / Les débuts" when a
//! link is pasted or dropped, by the same normalised URL that finds duplicates.
//!
//! It only reads; whether to add the link anyway is the user's call.

use crate::error::Result;
use crate::model::{LinkUrl, PearlId};
use crate::store::tree::{ancestry, path_of};
use crate::store::{SearchHit, Store};

impl Store {
    /// The links in the tree (not the trash) to the same page as `url` (compared by
    /// normalised URL, as duplicates are), each with its path, oldest first.
    ///
    /// # Errors
    /// [`crate::Error::InvalidUrl`] when `url` is not a URL; [`crate::Error::Sqlite`].
    pub fn saved_copies(&self, url: &str) -> Result<Vec<SearchHit>> {
        let url = LinkUrl::parse(url)?;
        let root = self.root_id();
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM pearls WHERE url_normalized = ?1 ORDER BY created_at, id",
            )?;
            let ids = stmt
                .query_map([url.normalized()], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut hits = Vec::new();
            for id in ids.into_iter().map(PearlId) {
                if ancestry(conn, id)?.last() != Some(&root) {
                    continue;
                }
                hits.push(SearchHit {
                    pearl: crate::store::rows::pearl(conn, id)?,
                    path: path_of(conn, id)?,
                });
            }
            Ok(hits)
        })
    }
}
