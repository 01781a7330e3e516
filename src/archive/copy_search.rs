//! Searching the copies' text: the FTS5 index `copy_search` over the archive file's copies
//! (whole words first, ranked when few; prefixes read as the whole terms they begin, see
//! [`super::prefix`]; a snippet for each row returned), and merging that index into one
//! segment after a large run.

use rusqlite::params;

use super::prefix::Expanded;
use super::store::Archive;
use crate::error::Result;

/// Whole-word matches ranked by relevance at most; past that many, search lists them newest
/// first (ranking reads every match).
pub(crate) const RANKED_AT_MOST: usize = 2000;

impl Archive {
    /// The best `limit` copies whose title or text matches the FTS5 `query` (words as
    /// prefixes: `"revolution"* "ecole"*`), each with its key and a snippet whose matched
    /// words are between `\u{E000}` and `\u{E001}`.
    ///
    /// Copies holding the words whole come first: that query reads one term's list per word,
    /// where a prefix merges the lists of every term it starts (a common prefix in 10,000
    /// pages: a hundred terms, 60 ms), so the prefix query runs only when whole words found
    /// fewer than `limit`, and fills the rest, with each prefix as the whole terms it begins
    /// ([`super::prefix`]). Whole-word matches are ranked by relevance
    /// (bm25, the title weighing five times the text) when there are at most
    /// [`RANKED_AT_MOST`] of them; past that, ranking would read every match (40 ms for words
    /// in every page), so they come newest first, as prefix matches always do.
    pub(crate) fn search(&self, query: &str, limit: usize) -> Result<Vec<(String, String)>> {
        let whole = query.replace("\"*", "\"");
        let ranked = self.matches_at_most(&whole, RANKED_AT_MOST)?;
        let mut found = self.matching(&whole, limit, ranked)?;
        let prefixes = if found.len() < limit && whole != query {
            super::prefix::whole_terms(&self.conn(), query)?
        } else {
            Expanded::Nothing
        };
        let prefixes = match &prefixes {
            Expanded::Terms(terms) => Some(terms.as_str()),
            Expanded::AsGiven => Some(query),
            Expanded::Nothing => None,
        };
        if let Some(prefixes) = prefixes {
            let seen: std::collections::HashSet<i64> = found.iter().map(|(id, _)| *id).collect();
            let more = self.matching(prefixes, limit + seen.len(), false)?;
            found.extend(more.into_iter().filter(|(id, _)| !seen.contains(id)));
            found.truncate(limit);
        }
        let conn = self.conn();
        let mut key_of = conn.prepare_cached("SELECT pearl_key FROM copies WHERE id = ?1")?;
        let mut out = Vec::with_capacity(found.len());
        for (id, snippet) in found {
            let key: String = key_of.query_row([id], |r| r.get(0))?;
            out.push((key, snippet));
        }
        Ok(out)
    }

    /// Whether the FTS5 `query` matches at most `most` copies (counted without ranking, so
    /// it stops at `most + 1`).
    fn matches_at_most(&self, query: &str, most: usize) -> Result<bool> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT rowid FROM copy_search WHERE copy_search MATCH ?1 LIMIT ?2)",
            )?
            .query_row(params![query, most as i64 + 1], |r| r.get(0))?;
        Ok(n as usize <= most)
    }

    /// The first `limit` rows matching the FTS5 `query`, best first if `ranked` (else newest
    /// first), with their snippets.
    fn matching(&self, query: &str, limit: usize, ranked: bool) -> Result<Vec<(i64, String)>> {
        // FTS5 sorts by rank (or walks rowids) itself, so the snippets (which decompress the
        // text) are made for the rows returned only, not for every match.
        let sql = if ranked {
            "SELECT rowid, snippet(copy_search, 1, char(57344), char(57345), '…', 16)
             FROM copy_search WHERE copy_search MATCH ?1 ORDER BY rank LIMIT ?2"
        } else {
            "SELECT rowid, snippet(copy_search, 1, char(57344), char(57345), '…', 16)
             FROM copy_search WHERE copy_search MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
        };
        let found = self
            .conn()
            .prepare_cached(sql)?
            .query_map(params![query, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// Merges the search index into one segment. Each write adds a segment, which FTS5 merges
    /// only a few at a time; a search reads every segment for every term it looks up, so a
    /// prefix made whole terms (`archive::prefix`) reads a hundred terms in each. On 10,000
    /// pages this takes 0.35 s and takes such a search from 19 to 12 ms.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn merge_search_index(&self) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO copy_search (copy_search) VALUES ('optimize')",
            [],
        )?;
        // The merge rewrites the whole index through the WAL: fold it back into the file and
        // give its space back, rather than leave it as large as the index.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
