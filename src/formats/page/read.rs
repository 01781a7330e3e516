//! Reading a page Nacre wrote back as the tree it carries: the native document in its
//! `#nacre-tree` block, checked against the SHA-256 the page's head gives for it.
//!
//! The page is read as text and never as a document: nothing in it runs, nothing it names is
//! fetched, and only the one block is parsed, as JSON. A page cut short, a block changed by
//! hand, two tree blocks, or a tree from a newer Nacre are refused with what and where.

use super::{TREE_BLOCK_OPEN, TREE_HASH_META, hex_digest};
use crate::error::{Error, Result};
use crate::formats::native;
use crate::formats::tree::ImportedTree;

/// The line (from 1) that byte `at` of `text` is on.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(..at)
        .unwrap_or_default()
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The hex digest the page's head gives for its tree block.
fn stated_hash<'t>(text: &'t str, name: &str) -> Result<&'t str> {
    let meta = format!("<meta name=\"{TREE_HASH_META}\" content=\"");
    let start = text.find(&meta).ok_or_else(|| {
        Error::Invalid(format!(
            "{name} is not a Nacre page: it has no <meta name=\"{TREE_HASH_META}\">"
        ))
    })? + meta.len();
    let rest = text.get(start..).unwrap_or_default();
    let hash = rest.split('"').next().unwrap_or_default();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Invalid(format!(
            "{name} is not a valid Nacre page: the tree's checksum on line {} is not a SHA-256",
            line_of(text, start)
        )));
    }
    Ok(hash)
}

/// The text of the page's one tree block, and the line it starts on.
fn tree_block<'t>(text: &'t str, name: &str) -> Result<(&'t str, usize)> {
    let mut found = text.match_indices(TREE_BLOCK_OPEN);
    let Some((open, _)) = found.next() else {
        return Err(Error::Invalid(format!(
            "{name} is not a valid Nacre page: its tree block (<script id=\"nacre-tree\">) is missing; \
             the page may be cut short"
        )));
    };
    if let Some((second, _)) = found.next() {
        return Err(Error::Invalid(format!(
            "{name} is not a valid Nacre page: it holds a second tree block on line {} (the first is on line {}); \
             it was changed after Nacre wrote it",
            line_of(text, second),
            line_of(text, open)
        )));
    }
    let start = open + TREE_BLOCK_OPEN.len();
    let line = line_of(text, start);
    let rest = text.get(start..).unwrap_or_default();
    let end = rest.find("</script>").ok_or_else(|| {
        Error::Invalid(format!(
            "{name} is not a valid Nacre page: its tree block, from line {line}, never ends; the page is cut short"
        ))
    })?;
    Ok((rest.get(..end).unwrap_or_default(), line))
}

/// Reads the tree a Nacre page carries, as importing its native file would; `name` names the
/// page in messages.
///
/// # Errors
/// - [`Error::Invalid`] for a page without a tree block or checksum, cut short, with a block
///   whose checksum does not match (changed by hand), or whose JSON is not a Nacre document
///   (naming the line and column);
/// - [`Error::FormatTooNew`] for a tree written by a newer Nacre.
pub fn tree_of(bytes: &[u8], name: &str) -> Result<ImportedTree> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::Invalid(format!(
            "{name} is not a valid Nacre page: it is not UTF-8 text (at byte {})",
            e.valid_up_to()
        ))
    })?;
    let stated = stated_hash(text, name)?;
    let (block, line) = tree_block(text, name)?;
    if !hex_digest(block).eq_ignore_ascii_case(stated) {
        return Err(Error::Invalid(format!(
            "{name} is not a valid Nacre page: its tree block (from line {line}) is not the one Nacre wrote \
             (its checksum does not match): it was changed or cut short after export"
        )));
    }
    let what = format!("the tree in {name} (from line {line})");
    Ok(native::read_document(block.as_bytes(), &what)?.into_tree("Nacre page"))
}
