//! Finding pearls: full-text search over titles, URLs, notes, tags and fetched descriptions,
//! and groups of links to the same page.
//!
//! Search runs on the `pearl_search` FTS5 table, tokenised with `unicode61 remove_diacritics 2`,
//! so it ignores case and accents ("ecole" finds "École"). Every word the user types must
//! match, each as a prefix of a word in the pearl, so results arrive while typing. Results are
//! ranked by BM25 with titles and tags weighing most, and come with their path in the tree;
//! pearls in the trash are left out.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::tree::{ancestry, path_of};
use super::{Store, rows};
use crate::error::Result;
use crate::model::{Pearl, PearlId};

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SearchHit {
    /// The pearl found.
    pub pearl: Pearl,
    /// Titles of the collections from the top of the tree down to the pearl's collection.
    pub path: Vec<String>,
}

/// Links that point at the same page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DuplicateGroup {
    /// The normalised URL they share.
    pub normalized_url: String,
    /// The links, each with its path, oldest first.
    pub pearls: Vec<SearchHit>,
}

/// Turns what the user typed into an FTS5 query: each word quoted (so `"`, `*`, `-`, `:` and
/// `NEAR` are just text) and made a prefix, all of them required.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Adds every pearl with an id from `first_id` on to the search index, in one statement; for
/// bulk edits that paused the index's triggers (see the `search_paused` table).
pub(crate) fn index_rows_from(conn: &Connection, first_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO pearl_search (rowid, title, url, note, tags, description)
         SELECT id, title, url, note, tags, description FROM searchable_text WHERE id >= ?1",
        [first_id],
    )?;
    Ok(())
}

impl Store {
    /// The best `limit` pearls in the tree matching every word of `text`, best first.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            // Weights: title, url, note, tags, description.
            let mut stmt = conn.prepare_cached(
                "SELECT rowid FROM pearl_search WHERE pearl_search MATCH ?1
                 ORDER BY bm25(pearl_search, 10.0, 3.0, 1.0, 5.0, 1.0)",
            )?;
            let mut found = stmt.query([&query])?;
            let mut hits = Vec::new();
            while hits.len() < limit {
                let Some(row) = found.next()? else { break };
                let id = PearlId(row.get(0)?);
                if let Some(hit) = self.hit_in_tree(conn, id)? {
                    hits.push(hit);
                }
            }
            Ok(hits)
        })
    }

    /// The pearl with its path, or `None` if it is not in the tree (trash, limbo, or a root).
    fn hit_in_tree(&self, conn: &Connection, id: PearlId) -> Result<Option<SearchHit>> {
        let chain = ancestry(conn, id)?;
        if chain.last() != Some(&self.root_id()) || chain.len() < 2 {
            return Ok(None);
        }
        Ok(Some(SearchHit {
            pearl: rows::pearl(conn, id)?,
            path: path_of(conn, id)?,
        }))
    }

    /// Groups of links in the tree whose normalised URLs are equal, largest group first.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn duplicates(&self) -> Result<Vec<DuplicateGroup>> {
        self.read(|conn| {
            let live = super::tree::live_ids(conn, self.root_id())?;
            let mut stmt = conn.prepare(
                "SELECT p.id, p.url_normalized FROM pearls p
                 WHERE p.url_normalized IN (
                   SELECT url_normalized FROM pearls WHERE url_normalized IS NOT NULL
                   GROUP BY url_normalized HAVING count(*) > 1)
                 ORDER BY p.url_normalized, p.created_at, p.id",
            )?;
            let mut by_url: HashMap<String, Vec<PearlId>> = HashMap::new();
            let mut urls_in_order = Vec::new();
            for item in stmt.query_map([], |r| Ok((PearlId(r.get(0)?), r.get::<_, String>(1)?)))? {
                let (id, url) = item?;
                if !live.contains(&id) {
                    continue;
                }
                let ids = by_url.entry(url.clone()).or_default();
                if ids.is_empty() {
                    urls_in_order.push(url);
                }
                ids.push(id);
            }
            let mut groups = Vec::new();
            for url in urls_in_order {
                let ids = by_url.remove(&url).unwrap_or_default();
                if ids.len() < 2 {
                    continue;
                }
                let mut pearls = Vec::with_capacity(ids.len());
                for id in ids {
                    pearls.push(SearchHit {
                        pearl: rows::pearl(conn, id)?,
                        path: path_of(conn, id)?,
                    });
                }
                groups.push(DuplicateGroup {
                    normalized_url: url,
                    pearls,
                });
            }
            groups.sort_by_key(|g| std::cmp::Reverse(g.pearls.len()));
            Ok(groups)
        })
    }

    /// The pearls directly in the trash, most recently deleted last.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn trash_contents(&self) -> Result<Vec<Pearl>> {
        self.children(self.trash_id())
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_words_become_quoted_prefixes() {
        assert_eq!(
            fts_query("École rust").as_deref(),
            Some("\"École\"* \"rust\"*")
        );
        assert_eq!(
            fts_query("a\"b OR c*").as_deref(),
            Some("\"a\"* \"b\"* \"OR\"* \"c\"*")
        );
        assert_eq!(fts_query("  -:* "), None);
    }
}
