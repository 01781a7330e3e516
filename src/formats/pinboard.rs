//! Pinboard's exports and Delicious's, which share its fields (Pinboard copied Delicious's
//! API): `href`, `description` (the title), `extended` (the note), tags, a date, `toread`.
//! - Pinboard JSON: `[{href, description, extended, time (ISO 8601), tags (space-separated),
//!   shared, toread ("yes"/"no")}]`;
//! - Delicious JSON: the same objects with `tags` an array and `created` a number of seconds;
//! - Pinboard (and Delicious API) XML: `<posts><post href description extended tag time
//!   toread/></posts>`.
//!
//! Neither service has folders, so the links come flat, in the file's order; `toread` becomes
//! the `unread` state tag.

use serde_json::Value;

use super::common::{
    ReadOptions, bad_file, link_or_skip, parse_date, split_tags, unix_any_unit, with_state,
};
use super::tree::{ImportedTree, Node, Skipped, state_tags};
use super::xml::{Item, attr_local, for_each, local};
use crate::error::Result;

/// Reads a Pinboard or Delicious JSON export.
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
    let mut delicious = false;
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    for (i, item) in items.iter().enumerate() {
        let fields = Fields {
            href: text(item, "href"),
            title: text(item, "description"),
            note: text(item, "extended"),
            tags: match item.get("tags") {
                Some(Value::Array(tags)) => {
                    delicious = true;
                    tags.iter()
                        .filter_map(Value::as_str)
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                        .collect()
                }
                _ => split_tags(&text(item, "tags"), ' '),
            },
            created: match item.get("created").or_else(|| item.get("time")) {
                Some(Value::Number(n)) => {
                    delicious = true;
                    n.as_i64().and_then(unix_any_unit)
                }
                Some(Value::String(s)) => parse_date(s),
                _ => None,
            },
            toread: text(item, "toread"),
        };
        if let Some(link) = fields.into_link(&format!("[{i}]"), &mut skipped) {
            roots.push(link);
        }
    }
    Ok(ImportedTree {
        source: if delicious {
            "Delicious export"
        } else {
            "Pinboard export"
        }
        .to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

/// What Pinboard and Delicious say about one bookmark, whatever the file's shape.
struct Fields {
    href: String,
    title: String,
    note: String,
    tags: Vec<String>,
    created: Option<crate::model::Millis>,
    toread: String,
}

impl Fields {
    fn into_link(self, location: &str, skipped: &mut Vec<Skipped>) -> Option<Node> {
        if self.href.trim().is_empty() {
            skipped.push(Skipped::entry(
                location,
                self.title,
                "it has no href".to_owned(),
            ));
            return None;
        }
        let mut link = link_or_skip(
            self.title.trim().to_owned(),
            self.href.trim().to_owned(),
            || location.to_owned(),
            skipped,
        )?;
        link.note = self.note.trim().to_owned();
        link.tags = self.tags;
        link.created_at = self.created;
        if matches!(self.toread.trim(), "yes" | "1" | "true") {
            with_state(&mut link, state_tags::UNREAD);
        }
        Some(link)
    }
}

/// Reads Pinboard's (or Delicious's API) XML export.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is malformed XML or has no `<posts>`.
pub fn parse_xml(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut roots = Vec::new();
    let mut skipped = Vec::new();
    let mut saw_posts = false;
    for_each(text, name, options, |item, line| {
        if let Item::Start { name: tag, attrs } = item {
            match local(&tag) {
                "posts" => saw_posts = true,
                "post" => {
                    let get = |k: &str| attr_local(&attrs, k).unwrap_or("").to_owned();
                    let fields = Fields {
                        href: get("href"),
                        title: get("description"),
                        note: get("extended"),
                        tags: split_tags(&get("tag"), ' '),
                        created: parse_date(&get("time")),
                        toread: get("toread"),
                    };
                    if let Some(link) = fields.into_link(&format!("line {line}"), &mut skipped) {
                        roots.push(link);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    if !saw_posts {
        return Err(bad_file(
            name,
            "it is XML without <posts>: not a Pinboard export",
        ));
    }
    Ok(ImportedTree {
        source: "Pinboard export".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}
