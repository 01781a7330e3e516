//! Search inside pages, merged with the library's search: title, note and tag matches first
//! (the library's own ranking), then links whose offline copy matches, each with a snippet
//! that shows the words in context.
//!
//! Both use the same query (every word a prefix, all required) and the same folding
//! (`unicode61 remove_diacritics 2`), so "bastille" finds "Bastille" in a title and in a page.

use std::collections::HashSet;

use serde::Serialize;

use super::key::pearls_of;
use super::store::Archive;
use crate::error::Result;
use crate::model::PearlId;
use crate::store::{Place, SearchHit, Store, fts_query};

/// Start and end of a matched word in a raw snippet (Unicode private use characters, which
/// pages do not carry in their text).
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// A piece of a snippet: text, matched or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SnippetPiece {
    /// The text.
    pub text: String,
    /// Whether it is a matched word.
    pub hit: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SearchResult {
    /// The pearl and its path (flattened: a result reads as a `SearchHit` with more fields).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub hit: SearchHit,
    /// Whether it was found inside its page's copy (not in its title, note or tags).
    pub in_page: bool,
    /// For a match inside the page: the words in context ("… la **prise** de la Bastille …");
    /// empty otherwise.
    pub snippet: Vec<SnippetPiece>,
}

/// Splits a raw snippet into pieces.
fn pieces(raw: &str) -> Vec<SnippetPiece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut hit = false;
    for c in raw.chars() {
        if c == HIT_START || c == HIT_END {
            if !text.is_empty() {
                out.push(SnippetPiece {
                    text: std::mem::take(&mut text),
                    hit,
                });
            }
            hit = c == HIT_START;
        } else if c.is_whitespace() {
            if !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(SnippetPiece { text, hit });
    }
    out
}

/// The best `limit` results for `text`: the library's matches first, then links found inside
/// their pages' copies (with `archive`; none without), without repeats, trashed pearls left
/// out.
///
/// # Errors
/// [`crate::Error::Sqlite`] only.
pub fn search_everywhere(
    store: &Store,
    archive: Option<&Archive>,
    text: &str,
    limit: usize,
) -> Result<Vec<SearchResult>> {
    let mut found: Vec<SearchResult> = store
        .search(text, limit)?
        .into_iter()
        .map(|hit| SearchResult {
            hit,
            in_page: false,
            snippet: Vec::new(),
        })
        .collect();
    let (Some(archive), Some(query)) = (archive, fts_query(text)) else {
        return Ok(found);
    };
    if found.len() >= limit {
        return Ok(found);
    }
    let listed: HashSet<PearlId> = found.iter().map(|f| f.hit.pearl.id).collect();
    // Extra, for matches already listed or in the trash.
    let want = limit - found.len() + listed.len() + 8;
    let matches = archive.search(&query, want)?;
    let keys: Vec<String> = matches.iter().map(|(k, _)| k.clone()).collect();
    let pearls = pearls_of(store, &keys)?;
    for (key, raw) in matches {
        if found.len() >= limit {
            break;
        }
        let Some(&id) = pearls.get(&key) else {
            continue;
        };
        if listed.contains(&id) || store.place(id)? != Place::Tree {
            continue;
        }
        found.push(SearchResult {
            hit: SearchHit {
                pearl: store.pearl(id)?,
                path: store.path_of(id)?,
            },
            in_page: true,
            snippet: pieces(&raw),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_snippet_becomes_pieces_with_the_hits_marked() {
        let p = pieces("…la \u{E000}prise\u{E001} de la\n\n Bastille…");
        let shown: Vec<(&str, bool)> = p.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(
            shown,
            [
                ("…la ", false),
                ("prise", true),
                (" de la Bastille…", false)
            ]
        );
    }
}
