//! Pinboard's JSON export: an array of `{href, description (the title), extended (the note),
//! time (ISO 8601), tags (space-separated), shared, toread}`. Pinboard has no folders, so the
//! links come flat, in the file's order.

use serde_json::Value;

use super::common::{ReadOptions, bad_file, link_or_skip, parse_date, split_tags};
use super::tree::{ImportedTree, Skipped};
use crate::error::Result;

/// Reads a Pinboard JSON export.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not JSON (or is cut short) or not an array.
pub fn parse(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| bad_file(name, format!("it is not valid JSON: {e}")))?;
    options.tick(bytes.len() as u64, bytes.len() as u64)?;
    let Some(items) = doc.as_array() else {
        return Err(bad_file(
            name,
            "it is JSON but not an array of bookmarks: not a Pinboard export",
        ));
    };
    let mut roots = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    for (i, item) in items.iter().enumerate() {
        let location = format!("[{i}]");
        let href = text(item, "href");
        if href.trim().is_empty() {
            skipped.push(Skipped {
                location,
                what: text(item, "description"),
                reason: "it has no href".to_owned(),
            });
            continue;
        }
        let Some(mut link) =
            link_or_skip(text(item, "description"), href, || location, &mut skipped)
        else {
            continue;
        };
        link.note = text(item, "extended");
        link.tags = split_tags(&text(item, "tags"), ' ');
        link.created_at = parse_date(&text(item, "time"));
        roots.push(link);
    }
    Ok(ImportedTree {
        source: String::new(),
        roots,
        skipped,
    })
}
