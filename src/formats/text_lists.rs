//! Plain-text lists of links: OneTab's "Export URLs" (`url | title` per line, split on the
//! first ` | ` only, a bare URL when the tab had no title, blank lines between tab groups, each
//! group a collection) and a plain list of URLs, one per line, as people paste them (flat;
//! blank lines ignored; a line that is not a URL is skipped and reported).
//!
//! `looks_like` tells the two apart, and from a one-column CSV (whose first line is a
//! header, not a URL), by their content.

use super::common::{ReadOptions, bad_file, link_or_skip};
use super::tree::{ImportedTree, Node, Skipped};
use crate::error::Result;

/// What a text file of links is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextList {
    /// OneTab's export: some line has a ` | ` title after its URL.
    OneTab,
    /// One URL per line.
    UrlList,
}

/// How many non-blank lines detection looks at.
const SAMPLE_LINES: usize = 50;

/// Whether `line` starts with a URL: a scheme of letters, digits, `+`, `-` or `.`, then `://`.
pub(crate) fn starts_with_url(line: &str) -> bool {
    let Some((scheme, rest)) = line.trim_start().split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.len() <= 32
        && !rest.is_empty()
}

/// The kind of list `text` is, from its first non-blank lines: the first and more than half
/// of them must start with a URL (a stray line of text pasted in is skipped, reported).
pub(crate) fn looks_like(text: &str) -> Option<TextList> {
    let sample: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(SAMPLE_LINES)
        .collect();
    let urls = sample.iter().filter(|l| starts_with_url(l)).count();
    if !sample.first().is_some_and(|l| starts_with_url(l)) || urls * 2 <= sample.len() {
        return None;
    }
    if sample.iter().any(|l| l.contains(" | ")) {
        Some(TextList::OneTab)
    } else {
        Some(TextList::UrlList)
    }
}

/// Reads OneTab's export.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when no line holds a URL.
pub fn parse_onetab(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut groups: Vec<Node> = Vec::new();
    let mut current: Vec<Node> = Vec::new();
    let mut skipped = Vec::new();
    let close = |current: &mut Vec<Node>, groups: &mut Vec<Node>| {
        if !current.is_empty() {
            let title = format!("Tab group {}", groups.len() + 1);
            groups.push(Node::collection(title, std::mem::take(current)));
        }
    };
    for (i, line) in text.lines().enumerate() {
        if i % 65_536 == 0 {
            options.tick(i as u64, text.len() as u64 / 60 + 1)?;
        }
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            close(&mut current, &mut groups);
            continue;
        }
        let (url, title) = line.split_once(" | ").unwrap_or((line, ""));
        let location = || format!("line {}", i + 1);
        if let Some(link) = link_or_skip(
            title.trim().to_owned(),
            url.trim().to_owned(),
            location,
            &mut skipped,
        ) {
            current.push(link);
        }
    }
    close(&mut current, &mut groups);
    if groups.is_empty() {
        return Err(bad_file(name, "it holds no links: not a OneTab export"));
    }
    Ok(ImportedTree {
        source: "OneTab tabs".to_owned(),
        roots: groups,
        skipped,
        shared: None,
    })
}

/// Reads a plain list of URLs.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when no line is a URL.
pub fn parse_url_list(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut roots = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i % 65_536 == 0 {
            options.tick(i as u64, text.len() as u64 / 40 + 1)?;
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let location = || format!("line {}", i + 1);
        if !starts_with_url(line) {
            skipped.push(Skipped {
                location: location(),
                what: line.chars().take(80).collect(),
                reason: "it is not a URL".to_owned(),
            });
            continue;
        }
        if let Some(link) = link_or_skip(String::new(), line.to_owned(), location, &mut skipped) {
            roots.push(link);
        }
    }
    if roots.is_empty() {
        return Err(bad_file(name, "it holds no URLs: not a list of links"));
    }
    Ok(ImportedTree {
        source: "List of links".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_onetab_file_a_url_list_and_a_csv_are_told_apart() {
        assert_eq!(
            looks_like("https://a.example/ | A\nhttps://b.example/\n\nhttps://c.example/ | C"),
            Some(TextList::OneTab)
        );
        assert_eq!(
            looks_like("https://a.example/\n\nhttp://b.example/x?y=1\n"),
            Some(TextList::UrlList)
        );
        assert_eq!(
            looks_like("url\nhttps://a.example/\n"),
            None,
            "a CSV header"
        );
        assert_eq!(looks_like("just words\n"), None);
        assert_eq!(
            looks_like(
                "https://a.example/\nsome words\nhttps://b.example/\nhttps://c.example/\nhttps://d.example/"
            ),
            Some(TextList::UrlList),
            "a stray line among URLs"
        );
    }
}
