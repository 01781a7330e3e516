//! Firefox's JSON bookmark backups: the `.json` a user saves from the Library window and the
//! `.jsonlz4` Firefox writes itself (mozLz4: a magic, a little-endian size, one LZ4 block).

use serde_json::Value;

use super::super::common::{
    ReadOptions, bad_file, icon_from, json_text, link_or_skip, prtime, split_tags,
};
use super::super::tree::{ImportedTree, Node, NodeKind, Skipped};
use super::{MOZLZ4_MAGIC, root_title};
use crate::error::Result;

/// Reads a `.jsonlz4` backup: the magic, a little-endian size, then one LZ4 block of JSON.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when the block does not decompress or the JSON inside is
/// not a Firefox backup.
pub fn parse_jsonlz4(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let body = bytes.get(MOZLZ4_MAGIC.len()..).unwrap_or_default();
    let size_bytes: [u8; 4] = body
        .get(..4)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| bad_file(name, "the file is cut short after its mozLz4 header"))?;
    let size = u32::from_le_bytes(size_bytes) as usize;
    // A hostile size must not make us allocate gigabytes: LZ4 expands at most 255 times.
    if size > body.len().saturating_mul(255).saturating_add(16) {
        return Err(bad_file(
            name,
            format!("its header claims {size} bytes, more than its data can hold: it is damaged"),
        ));
    }
    let json = lz4_flex::block::decompress_size_prepended(body).map_err(|e| {
        bad_file(
            name,
            format!("its compressed data is damaged or cut short: {e}"),
        )
    })?;
    parse_json(&json, name, options)
}

/// Reads a Firefox JSON backup.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not JSON (or is cut short) or has no tree.
pub fn parse_json(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| bad_file(name, format!("it is not valid JSON: {e}")))?;
    options.tick(bytes.len() as u64 / 2, bytes.len() as u64)?;
    if doc.get("children").is_none() {
        return Err(bad_file(
            name,
            "it is JSON but has no \"children\": it is not a Firefox bookmarks backup",
        ));
    }
    let mut reader = JsonReader::default();
    let mut roots = Vec::new();
    if doc.get("root").and_then(Value::as_str) == Some("placesRoot") || doc.get("root").is_none() {
        // The places root itself is not a collection: its children are the browser's roots.
        if let Some(Value::Array(children)) = doc.get("children") {
            for (i, child) in children.iter().enumerate() {
                if let Some(node) = reader.node(child, &format!("children[{i}]")) {
                    roots.push(node);
                }
            }
        }
    } else if let Some(node) = reader.node(&doc, "") {
        roots.push(node);
    }
    options.tick(bytes.len() as u64, bytes.len() as u64)?;
    Ok(ImportedTree {
        source: String::new(),
        roots,
        skipped: reader.skipped,
        shared: None,
    })
}

#[derive(Default)]
struct JsonReader {
    skipped: Vec<Skipped>,
}

fn number(value: &Value, key: &str) -> Option<i64> {
    value.get(key).and_then(Value::as_i64)
}

fn description(value: &Value) -> String {
    let Some(Value::Array(annos)) = value.get("annos") else {
        return String::new();
    };
    annos
        .iter()
        .find(|a| json_text(a, "name") == "bookmarkProperties/description")
        .map(|a| json_text(a, "value").to_owned())
        .unwrap_or_default()
}

impl JsonReader {
    fn node(&mut self, value: &Value, path: &str) -> Option<Node> {
        let title = json_text(value, "title").to_owned();
        let root = json_text(value, "root");
        if root == "tagsFolder" || value.get("guid").and_then(Value::as_str) == Some("tags________")
        {
            return None; // tags are carried on each bookmark
        }
        let type_code = number(value, "typeCode").or_else(|| match json_text(value, "type") {
            "text/x-moz-place" => Some(1),
            "text/x-moz-place-container" => Some(2),
            "text/x-moz-place-separator" => Some(3),
            "" if value.get("uri").is_some() => Some(1),
            "" if value.get("children").is_some() => Some(2),
            _ => None,
        });
        let mut node = match type_code {
            Some(1) => {
                let Some(url) = value.get("uri").and_then(Value::as_str) else {
                    return self.skip(path, title, "it is a bookmark without a URI");
                };
                let mut link =
                    link_or_skip(title, url.to_owned(), || path.to_owned(), &mut self.skipped)?;
                link.tags = split_tags(json_text(value, "tags"), ',');
                link.icon = icon_from(json_text(value, "icon"))
                    .or_else(|| icon_from(json_text(value, "iconUri")))
                    .or_else(|| icon_from(json_text(value, "iconuri")));
                link
            }
            Some(2) => {
                let mut children = Vec::new();
                if let Some(Value::Array(items)) = value.get("children") {
                    for (i, child) in items.iter().enumerate() {
                        if let Some(n) = self.node(child, &format!("{path}.children[{i}]")) {
                            children.push(n);
                        }
                    }
                }
                let name = root_title(root).map_or(title, str::to_owned);
                Node::collection(name, children)
            }
            Some(3) => Node {
                kind: NodeKind::Section,
                ..Node::default()
            },
            _ => {
                let kind = json_text(value, "type").to_owned();
                return self.skip(
                    path,
                    title,
                    &format!("its type {kind:?} is not a bookmark, folder or separator"),
                );
            }
        };
        node.note = description(value);
        node.created_at = number(value, "dateAdded").and_then(prtime);
        node.modified_at = number(value, "lastModified").and_then(prtime);
        Some(node)
    }

    fn skip(&mut self, path: &str, title: String, reason: &str) -> Option<Node> {
        self.skipped
            .push(Skipped::entry(path, title, reason.to_owned()));
        None
    }
}
