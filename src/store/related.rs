//! "Who else pearled it", offline: the other places in the library that hold the same page (by
//! normalised URL), each with the shared tree it belongs to and who handed that tree on; and the
//! imported trees that share the most links with a collection.

use std::collections::HashSet;

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;
use super::tree::{ancestry, full_path};
use crate::error::Result;
use crate::model::PearlId;
use crate::provenance::Provenance;

/// Another place that holds the same page as a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OtherPlace {
    /// The other link.
    pub pearl: PearlId,
    /// Its path in the library.
    pub path: String,
    /// The imported tree it belongs to (its branch's provenance), if it came in one.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tree: Option<Provenance>,
}

/// An imported tree that shares links with a collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SimilarTree {
    /// The imported branch.
    pub branch: PearlId,
    /// Its path in the library.
    pub path: String,
    /// Its provenance (title, curator…).
    pub provenance: Provenance,
    /// How many distinct pages it shares with the collection.
    pub shared_links: usize,
}

/// The provenance of the nearest imported branch holding `id` (itself included).
fn enclosing_tree(conn: &Connection, id: PearlId) -> Result<Option<Provenance>> {
    let mut stmt = conn.prepare_cached("SELECT provenance FROM pearls WHERE id = ?1")?;
    for above in ancestry(conn, id)? {
        let json: Option<String> = stmt.query_row([above.0], |r| r.get(0))?;
        if let Some(p) = json.as_deref().and_then(Provenance::from_json) {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// The distinct normalised URLs of the links under `top`.
fn urls_under(conn: &Connection, top: PearlId) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL
            SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)
         SELECT DISTINCT p.url_normalized FROM pearls p JOIN sub ON p.id = sub.id
         WHERE p.url_normalized IS NOT NULL",
    )?;
    let urls = stmt
        .query_map([top.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(urls)
}

impl Store {
    /// The other links in the tree (not in the trash) to the same page as the link `id`, each
    /// with the imported tree it belongs to; empty for a pearl that is not a link.
    ///
    /// # Errors
    /// [`crate::Error::PearlNotFound`]; [`crate::Error::Sqlite`].
    pub fn other_places(&self, id: PearlId) -> Result<Vec<OtherPlace>> {
        self.read(|conn| {
            let url: Option<String> = conn.query_row(
                "SELECT url_normalized FROM pearls WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            let Some(url) = url else {
                return Ok(Vec::new());
            };
            let ids: Vec<i64> = conn
                .prepare_cached(
                    "SELECT id FROM pearls WHERE url_normalized = ?1 AND id != ?2 ORDER BY id",
                )?
                .query_map(params![url, id.0], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for other in ids.into_iter().map(PearlId) {
                if self.place_in(conn, other)? != super::Place::Tree {
                    continue;
                }
                out.push(OtherPlace {
                    pearl: other,
                    path: full_path(conn, other)?,
                    tree: enclosing_tree(conn, other)?,
                });
            }
            Ok(out)
        })
    }

    /// The imported trees (branches with a provenance, in the tree, neither inside `collection`
    /// nor holding it; picks are the user's own, not trees) that share links with `collection`, most shared first, at most `limit`.
    ///
    /// # Errors
    /// [`crate::Error::PearlNotFound`]; [`crate::Error::Sqlite`].
    pub fn similar_trees(&self, collection: PearlId, limit: usize) -> Result<Vec<SimilarTree>> {
        self.read(|conn| {
            let mine = urls_under(conn, collection)?;
            if mine.is_empty() {
                return Ok(Vec::new());
            }
            let above = ancestry(conn, collection)?;
            let branches: Vec<(i64, String)> = conn
                .prepare(
                    "SELECT id, provenance FROM pearls WHERE provenance IS NOT NULL
                       AND json_extract(provenance, '$.pickedAt') IS NULL",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for (branch, json) in branches {
                let branch = PearlId(branch);
                if above.contains(&branch)
                    || ancestry(conn, branch)?.contains(&collection)
                    || self.place_in(conn, branch)? != super::Place::Tree
                {
                    continue;
                }
                let Some(provenance) = Provenance::from_json(&json) else {
                    continue;
                };
                let shared = urls_under(conn, branch)?.intersection(&mine).count();
                if shared > 0 {
                    out.push(SimilarTree {
                        branch,
                        path: full_path(conn, branch)?,
                        provenance,
                        shared_links: shared,
                    });
                }
            }
            out.sort_by(|a, b| {
                b.shared_links
                    .cmp(&a.shared_links)
                    .then(a.branch.0.cmp(&b.branch.0))
            });
            out.truncate(limit);
            Ok(out)
        })
    }
}
