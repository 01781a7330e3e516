//! Chrome-family `Bookmarks` JSON (Chrome, Chromium, Edge, Brave, Vivaldi; also
//! `AccountBookmarks`).
//!
//! Every root in `roots` (bookmark bar, other, mobile, and any a newer browser adds) becomes a
//! named collection, in the browser's order. Dates are microseconds since 1601. The checksum
//! and sync metadata are ignored. An entry of an unknown type, or without the fields its type
//! needs, is skipped with its JSON path; the rest of the file is read.

use serde_json::Value;

use super::common::{ReadOptions, bad_file, chrome_time, json_text, link_or_skip};
use super::tree::{ImportedTree, Node, Skipped};
use crate::error::Result;

/// Reads a Chrome-family bookmarks file.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when the text is not JSON (or is cut short) or has no
/// `roots` object.
pub fn parse(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| bad_file(name, format!("it is not valid JSON: {e}")))?;
    options.tick(bytes.len() as u64 / 2, bytes.len() as u64)?;
    let Some(roots) = doc.get("roots").and_then(Value::as_object) else {
        return Err(bad_file(
            name,
            "it is JSON but has no \"roots\" object: it is not a Chrome bookmarks file",
        ));
    };
    let mut reader = Reader::default();
    let mut tree_roots = Vec::new();
    for (key, root) in roots {
        if !root.is_object() || root.get("children").is_none() {
            continue; // meta_info and other non-folder entries
        }
        let path = format!("roots.{key}");
        if key == "trash" {
            // What the user deleted in the browser is not brought back.
            let n = root
                .get("children")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if n > 0 {
                reader.skipped.push(Skipped {
                    location: path,
                    what: format!("{n} entries in the browser's trash"),
                    reason: "they were deleted in the browser".to_owned(),
                });
            }
            continue;
        }
        if let Some(mut node) = reader.node(root, &path) {
            node.title = match key.as_str() {
                "bookmark_bar" => "Bookmarks bar".to_owned(),
                "other" => "Other bookmarks".to_owned(),
                "synced" => "Mobile bookmarks".to_owned(),
                _ if node.title.is_empty() => key.clone(),
                _ => node.title,
            };
            tree_roots.push(node);
        }
    }
    options.tick(bytes.len() as u64, bytes.len() as u64)?;
    Ok(ImportedTree {
        source: String::new(),
        roots: tree_roots,
        skipped: reader.skipped,
        shared: None,
    })
}

#[derive(Default)]
struct Reader {
    skipped: Vec<Skipped>,
}

impl Reader {
    fn node(&mut self, value: &Value, path: &str) -> Option<Node> {
        let title = json_text(value, "name").to_owned();
        let created = chrome_time(json_text(value, "date_added"));
        let kind = json_text(value, "type");
        let mut node = match (kind, value.get("children"), value.get("url")) {
            ("folder", Some(Value::Array(children)), _) | ("", Some(Value::Array(children)), _) => {
                let mut nodes = Vec::with_capacity(children.len());
                for (i, child) in children.iter().enumerate() {
                    if let Some(n) = self.node(child, &format!("{path}.children[{i}]")) {
                        nodes.push(n);
                    }
                }
                let mut folder = Node::collection(title, nodes);
                folder.modified_at = chrome_time(json_text(value, "date_modified"));
                folder
            }
            ("url" | "", _, Some(Value::String(url))) => {
                link_or_skip(title, url.clone(), || path.to_owned(), &mut self.skipped)?
            }
            _ => {
                self.skipped.push(Skipped::entry(
                    path,
                    title,
                    format!(
                        "its type {kind:?} is not a bookmark or a folder with the fields it needs"
                    ),
                ));
                return None;
            }
        };
        node.created_at = created;
        Some(node)
    }
}
