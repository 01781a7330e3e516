//! Safari's `Bookmarks.plist` (binary or XML): folders (`WebBookmarkTypeList`) become
//! collections, leaves (`WebBookmarkTypeLeaf`) links; the bar ("BookmarksBar", shown as
//! Favorites) and the menu keep their names; the Reading List becomes a collection with each
//! item's preview text as its note. Proxies (History) have no URL and are left out.

use plist::{Dictionary, Value};

use super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip};
use super::tree::{ImportedTree, Node, Skipped};
use crate::error::Result;

/// Reads a Safari bookmarks property list.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not a property list (or is cut short) or is
/// not Safari's bookmarks.
pub fn parse(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let value = Value::from_reader(std::io::Cursor::new(bytes))
        .map_err(|e| bad_file(name, format!("it is not a readable property list: {e}")))?;
    options.tick(bytes.len() as u64, bytes.len() as u64)?;
    let Some(root) = value.as_dictionary() else {
        return Err(bad_file(
            name,
            "its property list is not a dictionary: not Safari bookmarks",
        ));
    };
    if !root.contains_key("WebBookmarkType") && !root.contains_key("Children") {
        return Err(bad_file(
            name,
            "it is a property list without WebBookmarkType: not Safari bookmarks",
        ));
    }
    let mut skipped = Vec::new();
    let roots = children(root, "Children", &mut skipped, 0);
    Ok(ImportedTree {
        source: String::new(),
        roots,
        skipped,
        shared: None,
    })
}

fn string<'d>(dict: &'d Dictionary, key: &str) -> &'d str {
    dict.get(key).and_then(Value::as_string).unwrap_or("")
}

fn children(dict: &Dictionary, path: &str, skipped: &mut Vec<Skipped>, depth: usize) -> Vec<Node> {
    let Some(items) = dict.get("Children").and_then(Value::as_array) else {
        return Vec::new();
    };
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(d) = item.as_dictionary() else {
            continue;
        };
        let location = format!("{path}[{i}]");
        match string(d, "WebBookmarkType") {
            "WebBookmarkTypeList" => {
                let title = match string(d, "Title") {
                    "BookmarksBar" => "Favorites",
                    "BookmarksMenu" => "Bookmarks menu",
                    "com.apple.ReadingList" => "Reading List",
                    t => t,
                };
                let kids = children(d, &format!("{location}.Children"), skipped, depth + 1);
                out.push(Node::collection(title, kids));
            }
            "WebBookmarkTypeLeaf" => {
                let url = string(d, "URLString").to_owned();
                let title = d
                    .get("URIDictionary")
                    .and_then(Value::as_dictionary)
                    .map(|u| string(u, "title"))
                    .unwrap_or("")
                    .to_owned();
                if url.is_empty() {
                    skipped.push(Skipped {
                        location,
                        what: if title.is_empty() {
                            "a bookmark".to_owned()
                        } else {
                            title
                        },
                        reason: "it has no URLString".to_owned(),
                    });
                    continue;
                }
                if let Some(mut link) = link_or_skip(title, url, || location.clone(), skipped) {
                    if let Some(reading) = d.get("ReadingList").and_then(Value::as_dictionary) {
                        link.note = string(reading, "PreviewText").to_owned();
                        link.created_at = reading
                            .get("DateAdded")
                            .and_then(Value::as_date)
                            .and_then(|date| {
                                let t: std::time::SystemTime = date.into();
                                t.duration_since(std::time::UNIX_EPOCH).ok()
                            })
                            .and_then(|d| i64::try_from(d.as_millis()).ok());
                    }
                    out.push(link);
                }
            }
            _ => {} // proxies such as History
        }
    }
    out
}
