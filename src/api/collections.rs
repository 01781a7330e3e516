//! Finding a collection by what the user types: the one finder behind every collection
//! picker ("Move to…" in the window, the browser popup's picker), so that they all find the
//! same collections in the same order.
//!
//! It does not move anything; the caller does that with [`Store::move_pearls`].

use std::collections::{HashSet, VecDeque};

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::model::PearlId;
use crate::store::Store;
use crate::store::tree::{ancestry, path_of};

/// A collection a picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CollectionChoice {
    /// The collection.
    pub id: PearlId,
    /// Its title ("My pearls" style names are the shell's: the top of the tree has an empty
    /// path and its own title).
    pub title: String,
    /// Titles of the collections above it, from the top of the tree down (empty for a
    /// collection at the top).
    pub path: Vec<String>,
}

/// What the user typed as an FTS5 query on titles alone: each word quoted and made a prefix,
/// all of them required; `None` when no word is left.
fn title_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| format!("title : ({})", words.join(" ")))
}

impl Store {
    /// The collections in the tree (not the trash) whose titles hold every word of `text`,
    /// each word as the start of a word, ignoring case and accents (the search index's own
    /// folding), best match first; at most `limit`. An empty `text` gives the collections
    /// nearest the top, in the tree's order. Collections in `except` and everything below
    /// them are left out (a pearl cannot move into itself).
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn find_collections(
        &self,
        text: &str,
        except: &[PearlId],
        limit: usize,
    ) -> Result<Vec<CollectionChoice>> {
        let root = self.root_id();
        let except: HashSet<PearlId> = except.iter().copied().collect();
        self.read(|conn| {
            let ids = match title_query(text) {
                None => nearest_the_top(conn, root, &except, limit)?,
                Some(query) => matching(conn, root, &query, &except, limit)?,
            };
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let title =
                    conn.query_row("SELECT title FROM pearls WHERE id = ?1", [id.0], |r| {
                        r.get::<_, String>(0)
                    })?;
                out.push(CollectionChoice {
                    id,
                    title,
                    path: path_of(conn, id)?,
                });
            }
            Ok(out)
        })
    }
}

/// Collections matching the FTS5 `query`, best first, that live in the tree outside the
/// branches of `except`.
fn matching(
    conn: &Connection,
    root: PearlId,
    query: &str,
    except: &HashSet<PearlId>,
    limit: usize,
) -> Result<Vec<PearlId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.rowid FROM pearl_search s JOIN pearls p ON p.id = s.rowid
         WHERE pearl_search MATCH ?1 AND p.kind = 'collection'
         ORDER BY bm25(pearl_search, 10.0, 3.0, 1.0, 5.0, 1.0)",
    )?;
    let mut rows = stmt.query([query])?;
    let mut out = Vec::new();
    while out.len() < limit {
        let Some(row) = rows.next()? else { break };
        let id = PearlId(row.get(0)?);
        let chain = ancestry(conn, id)?;
        let in_tree = chain.last() == Some(&root) && chain.len() >= 2;
        if in_tree && !chain.iter().any(|a| except.contains(a)) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The collections nearest the top of the tree, breadth first and in the tree's order,
/// leaving out the branches of `except`; at most `limit`.
fn nearest_the_top(
    conn: &Connection,
    root: PearlId,
    except: &HashSet<PearlId>,
    limit: usize,
) -> Result<Vec<PearlId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM pearls WHERE parent_id = ?1 AND kind = 'collection' ORDER BY order_key",
    )?;
    let mut out = Vec::new();
    let mut queue = VecDeque::from([root]);
    while let Some(parent) = queue.pop_front() {
        let ids = stmt
            .query_map([parent.0], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids.into_iter().map(PearlId) {
            if except.contains(&id) {
                continue;
            }
            if out.len() == limit {
                return Ok(out);
            }
            out.push(id);
            queue.push_back(id);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::title_query;

    #[test]
    fn typed_words_become_prefixes_of_the_title_alone() {
        assert_eq!(
            title_query("École rust").as_deref(),
            Some("title : (\"École\"* \"rust\"*)")
        );
        assert_eq!(title_query(" -*: "), None, "no words, no query");
    }
}
