//! The curator's values of one pearl as last imported (the base of an update's three-way
//! merge), and the values a node of a newer version would be stored with.

use serde::{Deserialize, Serialize};

use crate::formats::tree::{Node, NodeKind};
use crate::model::{LinkUrl, Tag};

/// What a pearl of a shared tree held in the version last imported: the `origin_base` JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Base {
    /// The pearl's parent in the curator's tree (its origin UUID); `None` for the tree's top.
    #[serde(default)]
    pub parent: Option<String>,
    pub title: String,
    pub note: String,
    #[serde(default)]
    pub url: Option<String>,
    /// Alphabetical.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The sibling it followed in the curator's collection (its origin UUID); `None` for the
    /// first, and in bases recorded before sibling order was merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// A base as a row keeps it: a value left out is the row's own (`None`), told apart from one
/// kept as `null` (`Some(None)`).
#[derive(Deserialize)]
struct StoredBase {
    #[serde(default, deserialize_with = "kept")]
    parent: Option<Option<String>>,
    title: Option<String>,
    note: Option<String>,
    #[serde(default, deserialize_with = "kept")]
    url: Option<Option<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    after: Option<String>,
}

/// A value the base holds, `null` included (a value left out stays `None`, by `default`).
fn kept<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl Base {
    /// Reads the JSON a row keeps, with the row's own values for what it leaves out (an import
    /// leaves them out until the recipient changes them: migration 0010): `parent` is the origin
    /// of the row's parent; `None` when there is none or it is not a base.
    pub fn from_row(
        text: Option<&str>,
        parent: Option<&str>,
        title: &str,
        note: &str,
        url: Option<&str>,
    ) -> Option<Base> {
        let stored: StoredBase = serde_json::from_str(text?).ok()?;
        Some(Base {
            parent: stored.parent.unwrap_or_else(|| parent.map(str::to_owned)),
            title: stored.title.unwrap_or_else(|| title.to_owned()),
            note: stored.note.unwrap_or_else(|| note.to_owned()),
            url: stored.url.unwrap_or_else(|| url.map(str::to_owned)),
            tags: stored.tags,
            after: stored.after,
        })
    }

    /// The JSON to keep in the row.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The values `node` is stored with when imported (as `Store::import_tree` stores them),
/// under the parent `parent`; `None` for a node an import skips (a link without a valid URL,
/// an empty note).
pub(crate) fn stored_form(node: &Node, parent: Option<&str>) -> Option<Base> {
    let title = super::super::import::node_title(node);
    let (title, note, url) = match &node.kind {
        NodeKind::Collection { .. } => (
            if title.is_empty() {
                "Untitled".to_owned()
            } else {
                title
            },
            node.note.clone(),
            None,
        ),
        NodeKind::Link { url } => (
            title,
            node.note.clone(),
            Some(LinkUrl::parse(url).ok()?.as_str().to_owned()),
        ),
        NodeKind::Note => {
            let text = if node.note.trim().is_empty() {
                node.title.trim()
            } else {
                node.note.trim()
            };
            if text.is_empty() {
                return None;
            }
            let title = if node.note.trim().is_empty() {
                String::new()
            } else {
                title
            };
            (title, text.to_owned(), None)
        }
        NodeKind::Section | NodeKind::Alias { .. } => (title, node.note.clone(), None),
    };
    let mut tags: Vec<String> = node
        .tags
        .iter()
        .filter_map(|t| Tag::new(t).ok())
        .map(|t| t.as_str().to_owned())
        .collect();
    tags.sort();
    tags.dedup();
    Some(Base {
        parent: parent.map(str::to_owned),
        title,
        note,
        url,
        tags,
        after: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_reads_what_it_leaves_out_from_the_row_and_keeps_what_it_holds_even_null() {
        let row =
            |json| Base::from_row(Some(json), Some("p"), "Row", "row note", Some("https://r/"));
        let left_out = row(r#"{"tags":["a"],"after":"s"}"#).expect("a base");
        assert_eq!(
            left_out,
            Base {
                parent: Some("p".into()),
                title: "Row".into(),
                note: "row note".into(),
                url: Some("https://r/".into()),
                tags: vec!["a".into()],
                after: Some("s".into()),
            }
        );
        let held = row(r#"{"parent":null,"title":"Theirs","note":"","url":null,"tags":[]}"#)
            .expect("a base");
        assert_eq!(held.parent, None, "a null parent is the tree's top");
        assert_eq!(held.title, "Theirs");
        assert_eq!(held.note, "");
        assert_eq!(held.url, None);
        assert_eq!(Base::from_row(Some("not json"), None, "", "", None), None);
        assert_eq!(Base::from_row(None, None, "", "", None), None);
    }
}
