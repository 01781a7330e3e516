//! JSON exports of read-later and bookmark services:
//! - **Omnivore**: `metadata_*.json` arrays (`title, url, description, labels, state, savedAt`),
//!   alone or in Omnivore's zip, whose `highlights/<slug>.md` become the link's note;
//! - **Wallabag**: v2 (`is_archived`, `is_starred` as booleans or 0/1, `tags` an array,
//!   `annotations`) and v1 (`is_read`, `is_fav` as "0"/"1", `tags` a comma list);
//! - **Karakeep**: `{bookmarks: [{createdAt, title, tags, lists, content: {type: link|text},
//!   note, archived}], lists: [{id, name, parentId, type}]}`, manual lists as collections;
//! - **Linkwarden**: its backup's `collections` (nested by `parentId`) with their `links`.
//!
//! Each entry without a URL is skipped with its JSON path.

use std::collections::HashMap;

use serde_json::Value;

use super::common::{
    MAX_DEPTH, ReadOptions, bad_file, json_text, link_or_skip, parse_date, unix_any_unit,
    with_cover, with_state,
};
use super::tree::{ImportedTree, Node, NodeKind, Skipped, state_tags};
use super::zip::{Archive, base_name};
use crate::error::Result;

fn json(bytes: &[u8], name: &str) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(|e| bad_file(name, format!("it is not valid JSON: {e}")))
}

fn array<'v>(doc: &'v Value, name: &str, what: &str) -> Result<&'v Vec<Value>> {
    doc.as_array().ok_or_else(|| {
        bad_file(
            name,
            format!("it is JSON but not an array of entries: not {what}"),
        )
    })
}

/// A boolean as services write it: `true`, `1`, `"1"`, `"true"`.
fn truthy(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64().is_some_and(|n| n != 0),
        Some(Value::String(s)) => matches!(s.trim(), "1" | "true" | "yes"),
        _ => false,
    }
}

/// Tags as an array of strings, of `{name}` objects, or a comma list.
fn tags_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|t| match t {
                Value::String(s) => Some(s.trim().to_owned()),
                other => other
                    .get("name")
                    .or_else(|| other.get("label"))
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_owned()),
            })
            .filter(|t| !t.is_empty())
            .collect(),
        Some(Value::String(s)) => super::common::split_tags(s, ','),
        _ => Vec::new(),
    }
}

/// A date as an ISO string or a number of seconds (or ms, µs).
fn date_of(value: Option<&Value>) -> Option<crate::model::Millis> {
    match value? {
        Value::String(s) => parse_date(s),
        Value::Number(n) => n.as_i64().and_then(unix_any_unit),
        _ => None,
    }
}

fn link(
    item: &Value,
    url_key: &str,
    title_key: &str,
    path: &str,
    skipped: &mut Vec<Skipped>,
) -> Option<Node> {
    let title = json_text(item, title_key).trim().to_owned();
    let url = json_text(item, url_key).trim().to_owned();
    if url.is_empty() {
        skipped.push(Skipped::entry(path, title, format!("it has no {url_key}")));
        return None;
    }
    link_or_skip(title, url, || path.to_owned(), skipped)
}

/// Reads Omnivore's metadata JSON.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not a JSON array.
pub fn parse_omnivore(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc = json(bytes, name)?;
    options.tick(1, 2)?;
    let mut roots = Vec::new();
    let mut skipped = Vec::new();
    omnivore_items(
        array(&doc, name, "an Omnivore export")?,
        "",
        &HashMap::new(),
        &mut roots,
        &mut skipped,
    );
    Ok(ImportedTree {
        source: "Omnivore export".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

fn omnivore_items(
    items: &[Value],
    file: &str,
    highlights: &HashMap<String, String>,
    roots: &mut Vec<Node>,
    skipped: &mut Vec<Skipped>,
) {
    for (i, item) in items.iter().enumerate() {
        let path = format!("{file}[{i}]");
        let Some(mut node) = link(item, "url", "title", &path, skipped) else {
            continue;
        };
        let description = json_text(item, "description").trim();
        let marks = highlights
            .get(json_text(item, "slug"))
            .map_or("", |h| h.trim());
        node.note = [marks, description]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        node.tags = tags_of(item.get("labels"));
        node.created_at = date_of(item.get("savedAt"));
        node.modified_at = date_of(item.get("updatedAt"));
        with_cover(&mut node, json_text(item, "thumbnail"));
        if json_text(item, "state").eq_ignore_ascii_case("archived") {
            with_state(&mut node, state_tags::ARCHIVED);
        }
        roots.push(node);
    }
}

/// Reads Omnivore's export zip: every `metadata_*.json`, in the order of their first item,
/// with `highlights/<slug>.md` as notes.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when the zip is damaged, a zip bomb, or holds no metadata.
pub fn parse_omnivore_zip(
    bytes: &[u8],
    name: &str,
    options: &ReadOptions<'_>,
) -> Result<ImportedTree> {
    let mut archive = Archive::open(bytes, name)?;
    let mut metadata: Vec<String> = archive
        .names()
        .iter()
        .filter(|n| is_omnivore_metadata(n))
        .cloned()
        .collect();
    if metadata.is_empty() {
        return Err(bad_file(
            name,
            "it is a zip archive without metadata_*.json: not an Omnivore export",
        ));
    }
    // metadata_0_to_19.json, metadata_20_to_39.json, ...: by their first number.
    let first_number = |n: &String| -> u64 {
        base_name(n)
            .trim_start_matches("metadata_")
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(u64::MAX)
    };
    metadata.sort_by_key(first_number);
    let highlight_files: Vec<String> = archive
        .names()
        .iter()
        .filter(|n| n.starts_with("highlights/") && n.ends_with(".md"))
        .cloned()
        .collect();
    let mut highlights = HashMap::new();
    for file in &highlight_files {
        let text = String::from_utf8_lossy(&archive.read(file)?).into_owned();
        let slug = base_name(file).trim_end_matches(".md").to_owned();
        highlights.insert(slug, text);
    }
    let mut roots = Vec::new();
    let mut skipped = Vec::new();
    for (i, file) in metadata.iter().enumerate() {
        options.tick(i as u64, metadata.len() as u64)?;
        let label = format!("{name} ({file})");
        let doc = json(&archive.read(file)?, &label)?;
        let items = array(&doc, &label, "an Omnivore export")?;
        omnivore_items(items, file, &highlights, &mut roots, &mut skipped);
    }
    Ok(ImportedTree {
        source: "Omnivore export".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

/// Whether a zip entry is one of Omnivore's metadata files.
pub(crate) fn is_omnivore_metadata(entry: &str) -> bool {
    let base = base_name(entry);
    base.starts_with("metadata_") && base.ends_with(".json")
}

/// Reads a Wallabag export (v1 or v2).
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not a JSON array.
pub fn parse_wallabag(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc = json(bytes, name)?;
    options.tick(1, 2)?;
    let mut roots = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in array(&doc, name, "a Wallabag export")?.iter().enumerate() {
        let Some(mut node) = link(item, "url", "title", &format!("[{i}]"), &mut skipped) else {
            continue;
        };
        node.tags = tags_of(item.get("tags"));
        node.created_at = date_of(item.get("created_at"));
        node.modified_at = date_of(item.get("updated_at"));
        with_cover(&mut node, json_text(item, "preview_picture"));
        if let Some(Value::Array(notes)) = item.get("annotations") {
            let parts: Vec<String> = notes
                .iter()
                .map(|a| {
                    let quote = json_text(a, "quote").trim();
                    let text = json_text(a, "text").trim();
                    match (quote.is_empty(), text.is_empty()) {
                        (false, false) => format!("“{quote}” {text}"),
                        (false, true) => format!("“{quote}”"),
                        _ => text.to_owned(),
                    }
                })
                .filter(|p| !p.is_empty())
                .collect();
            node.note = parts.join("\n\n");
        }
        let archived = truthy(item.get("is_archived")) || truthy(item.get("is_read"));
        with_state(
            &mut node,
            if archived {
                state_tags::ARCHIVED
            } else {
                state_tags::UNREAD
            },
        );
        if truthy(item.get("is_starred")) || truthy(item.get("is_fav")) {
            with_state(&mut node, state_tags::FAVORITE);
        }
        roots.push(node);
    }
    Ok(ImportedTree {
        source: "Wallabag export".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

/// Collections keyed by id with a parent id, nested; a missing parent (or a loop) puts a
/// collection at the top. Returns the top level in the order the collections came.
fn nest(collections: Vec<(String, Option<String>, Node)>) -> Vec<Node> {
    let ids: HashMap<String, usize> = collections
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| (id.clone(), i))
        .collect();
    let parent_of: Vec<Option<usize>> = collections
        .iter()
        .enumerate()
        .map(|(i, (_, parent, _))| {
            let p = parent.as_ref().and_then(|p| ids.get(p)).copied()?;
            // Refuse loops: walk up from the parent; reaching i means a cycle.
            let mut at = Some(p);
            for _ in 0..=MAX_DEPTH {
                match at {
                    Some(a) if a == i => return None,
                    Some(a) => at = collections[a].1.as_ref().and_then(|q| ids.get(q)).copied(),
                    None => return Some(p),
                }
            }
            None
        })
        .collect();
    let mut slots: Vec<Option<Node>> = collections.into_iter().map(|(_, _, n)| Some(n)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); slots.len()];
    let mut top = Vec::new();
    for (i, parent) in parent_of.iter().enumerate() {
        match parent {
            Some(p) => children[*p].push(i),
            None => top.push(i),
        }
    }
    fn build(i: usize, slots: &mut [Option<Node>], children: &[Vec<usize>], depth: usize) -> Node {
        let mut node = slots[i].take().unwrap_or_default();
        let kids: Vec<Node> = if depth < MAX_DEPTH {
            children[i]
                .iter()
                .map(|c| build(*c, slots, children, depth + 1))
                .collect()
        } else {
            Vec::new()
        };
        if let NodeKind::Collection { children } = &mut node.kind {
            // Sub-collections first, then the collection's own links.
            let own = std::mem::take(children);
            *children = kids;
            children.extend(own);
        }
        node
    }
    top.into_iter()
        .map(|i| build(i, &mut slots, &children, 0))
        .collect()
}

fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads a Linkwarden backup.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not JSON with a `collections` array.
pub fn parse_linkwarden(
    bytes: &[u8],
    name: &str,
    options: &ReadOptions<'_>,
) -> Result<ImportedTree> {
    let doc = json(bytes, name)?;
    options.tick(1, 2)?;
    let Some(Value::Array(collections)) = doc.get("collections") else {
        return Err(bad_file(
            name,
            "it is JSON without \"collections\": not a Linkwarden backup",
        ));
    };
    let mut skipped = Vec::new();
    let mut nodes = Vec::new();
    for (c, collection) in collections.iter().enumerate() {
        let mut links = Vec::new();
        if let Some(Value::Array(items)) = collection.get("links") {
            for (i, item) in items.iter().enumerate() {
                let path = format!("collections[{c}].links[{i}]");
                let Some(mut node) = link(item, "url", "name", &path, &mut skipped) else {
                    continue;
                };
                node.note = json_text(item, "description").trim().to_owned();
                node.tags = tags_of(item.get("tags"));
                node.created_at = date_of(item.get("createdAt"));
                node.modified_at = date_of(item.get("updatedAt"));
                if item
                    .get("pinnedBy")
                    .and_then(Value::as_array)
                    .is_some_and(|p| !p.is_empty())
                {
                    with_state(&mut node, state_tags::FAVORITE);
                }
                links.push(node);
            }
        }
        let mut folder = Node::collection(json_text(collection, "name").trim(), links);
        folder.note = json_text(collection, "description").trim().to_owned();
        folder.created_at = date_of(collection.get("createdAt"));
        let id = id_text(collection.get("id")).unwrap_or_else(|| format!("#{c}"));
        nodes.push((id, id_text(collection.get("parentId")), folder));
    }
    Ok(ImportedTree {
        source: "Linkwarden backup".to_owned(),
        roots: nest(nodes),
        skipped,
        shared: None,
    })
}

/// Reads a Karakeep (formerly Hoarder) export.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not JSON with a `bookmarks` array.
pub fn parse_karakeep(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc = json(bytes, name)?;
    options.tick(1, 2)?;
    let Some(Value::Array(bookmarks)) = doc.get("bookmarks") else {
        return Err(bad_file(
            name,
            "it is JSON without \"bookmarks\": not a Karakeep export",
        ));
    };
    // Manual lists become collections; smart lists are searches, not places.
    let mut list_index: HashMap<String, usize> = HashMap::new();
    let mut lists: Vec<(String, Option<String>, Node)> = Vec::new();
    if let Some(Value::Array(items)) = doc.get("lists") {
        for item in items {
            if json_text(item, "type") == "smart" {
                continue;
            }
            let Some(id) = id_text(item.get("id")) else {
                continue;
            };
            let mut folder = Node::collection(json_text(item, "name").trim(), Vec::new());
            folder.note = json_text(item, "description").trim().to_owned();
            list_index.insert(id.clone(), lists.len());
            lists.push((id, id_text(item.get("parentId")), folder));
        }
    }
    let mut top = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in bookmarks.iter().enumerate() {
        let path = format!("bookmarks[{i}]");
        let content = item.get("content").unwrap_or(&Value::Null);
        let title = json_text(item, "title").trim().to_owned();
        let mut node = match json_text(content, "type") {
            "link" => {
                let url = json_text(content, "url").trim().to_owned();
                if url.is_empty() {
                    skipped.push(Skipped::entry(
                        &path,
                        title,
                        "it is a link without a URL".to_owned(),
                    ));
                    continue;
                }
                let Some(mut node) = link_or_skip(title, url, || path.clone(), &mut skipped) else {
                    continue;
                };
                node.note = json_text(item, "note").trim().to_owned();
                node
            }
            "text" => {
                let text = json_text(content, "text").trim();
                let note = json_text(item, "note").trim();
                Node {
                    kind: NodeKind::Note,
                    title,
                    note: [text, note]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    ..Node::default()
                }
            }
            other => {
                skipped.push(Skipped::entry(
                    &path,
                    title,
                    format!(
                        "it is a {} bookmark (a stored file), which the export does not carry",
                        if other.is_empty() { "file" } else { other }
                    ),
                ));
                continue;
            }
        };
        node.tags = tags_of(item.get("tags"));
        node.created_at = date_of(item.get("createdAt"));
        if truthy(item.get("archived")) {
            with_state(&mut node, state_tags::ARCHIVED);
        }
        if truthy(item.get("favourited")) {
            with_state(&mut node, state_tags::FAVORITE);
        }
        // In each of its lists (a bookmark may be in several); in none, at the top.
        let homes: Vec<usize> = item
            .get("lists")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| id_text(Some(id)))
                    .filter_map(|id| list_index.get(&id).copied())
                    .collect()
            })
            .unwrap_or_default();
        if homes.is_empty() {
            top.push(node);
        } else {
            for home in homes {
                if let Some((
                    _,
                    _,
                    Node {
                        kind: NodeKind::Collection { children },
                        ..
                    },
                )) = lists.get_mut(home)
                {
                    children.push(node.clone());
                }
            }
        }
    }
    let mut roots = nest(lists);
    roots.extend(top);
    Ok(ImportedTree {
        source: "Karakeep export".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}
