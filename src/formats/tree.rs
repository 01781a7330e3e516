//! The format-neutral tree that every importer produces and every exporter consumes.
//!
//! It holds what any bookmark format can say about a pearl, as plain data: kinds, order (the
//! order of `children`), titles, URLs as written in the source, notes, tags, dates, icons and
//! page details. It owns no validation beyond its types: the store checks URLs and titles when it
//! adds a tree to the library, and reports what it had to skip.

use serde::{Deserialize, Serialize};

use crate::model::{Millis, PageDetails, count_of};

/// The tags every reader gives a link for the reading states services keep, one vocabulary for
/// all of them: Pocket's `unread`/`archive` status, Instapaper's Unread, Archive and Starred
/// folders, Wallabag's `is_archived`/`is_starred`, linkding's `TOREAD`, and the rest.
pub mod state_tags {
    /// Saved to read later and not read yet.
    pub const UNREAD: &str = "unread";
    /// Read, or put away in the service's archive.
    pub const ARCHIVED: &str = "archived";
    /// Starred, liked, favourited or pinned.
    pub const FAVORITE: &str = "favorite";
}

/// One pearl-to-be and, for a collection, everything below it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Its title as the source gave it (entities already decoded); may be empty.
    pub title: String,
    /// Whether `title` was typed by the user, so that it is kept as written and always wins over
    /// a fetched page title. Only Nacre's own files say so; other importers leave it `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub title_is_user: bool,
    /// A note or description; empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Tags, as the source gave them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When it was made, if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Millis>,
    /// When it last changed, if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<Millis>,
    /// Its icon, if the source carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
    /// Page details fetched for a link, if the source carries them (the native format does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<PageDetails>,
    /// The source's own id for this node, so that aliases in the same file can point at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The pearl's stable identity in the library it was exported from (Nacre's own files carry
    /// it); an import records it as the new pearl's origin, never as its own identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// What a [`Node`] is, with what only that kind has.
///
/// Written as an object whose `type` field names the kind (`{"type":"link","url":…}`); read
/// by [`NodeKind`]'s own `Deserialize` below, which takes a `type` that comes first (as Nacre
/// writes it) without buffering the object, so a collection's children are read once.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum NodeKind {
    /// A collection and its children, in order.
    Collection {
        /// The children, in the source's order.
        children: Vec<Node>,
    },
    /// A link.
    Link {
        /// The URL exactly as the source wrote it.
        url: String,
    },
    /// A note standing on its own; its text is the node's `note` (or `title`).
    Note,
    /// A section heading (a separator in browser files).
    Section,
    /// A pointer to another collection in the same file.
    Alias {
        /// The `key` of the collection it points at.
        target_key: String,
    },
}

/// [`NodeKind`] as serde derives it for an internally tagged enum: what reads a kind whose
/// `type` is not its first field (a file edited by hand), after buffering the object.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum BufferedKind {
    Collection {
        children: Vec<Node>,
    },
    Link {
        url: String,
    },
    Note,
    Section,
    Alias {
        #[serde(alias = "targetKey")]
        target_key: String,
    },
}

impl From<BufferedKind> for NodeKind {
    fn from(kind: BufferedKind) -> NodeKind {
        match kind {
            BufferedKind::Collection { children } => NodeKind::Collection { children },
            BufferedKind::Link { url } => NodeKind::Link { url },
            BufferedKind::Note => NodeKind::Note,
            BufferedKind::Section => NodeKind::Section,
            BufferedKind::Alias { target_key } => NodeKind::Alias { target_key },
        }
    }
}

/// The fields a kind's object can hold (named as the derived `Serialize` writes them: the
/// enum's `rename_all` renames its variants, not their fields).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindField {
    Type,
    Children,
    Url,
    /// `target_key` as Nacre writes it; `targetKey`, as the format's documentation once
    /// spelled it, read the same.
    #[serde(alias = "targetKey")]
    TargetKey,
    #[serde(other)]
    Other,
}

/// The kinds' names, as `type` gives them.
const KIND_NAMES: &[&str] = &["collection", "link", "note", "section", "alias"];

impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> serde::de::Visitor<'de> for KindVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a node's kind, an object with a \"type\"")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
        use serde::de::{Error as _, IgnoredAny};
        let Some(first) = map.next_key::<String>()? else {
            return Err(A::Error::missing_field("type"));
        };
        if first != "type" {
            // Buffered, as the derived reader does for a tag anywhere.
            let mut object = serde_json::Map::new();
            object.insert(first, map.next_value()?);
            while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
                object.insert(key, value);
            }
            return BufferedKind::deserialize(serde_json::Value::Object(object))
                .map(NodeKind::from)
                .map_err(A::Error::custom);
        }
        let kind: String = map.next_value()?;
        let (mut children, mut url, mut target_key) = (None, None, None);
        while let Some(field) = map.next_key::<KindField>()? {
            match field {
                KindField::Type => return Err(A::Error::duplicate_field("type")),
                KindField::Children if kind == "collection" => {
                    if children.is_some() {
                        return Err(A::Error::duplicate_field("children"));
                    }
                    children = Some(map.next_value::<Vec<Node>>()?);
                }
                KindField::Url if kind == "link" => {
                    if url.is_some() {
                        return Err(A::Error::duplicate_field("url"));
                    }
                    url = Some(map.next_value::<String>()?);
                }
                KindField::TargetKey if kind == "alias" => {
                    if target_key.is_some() {
                        return Err(A::Error::duplicate_field("target_key"));
                    }
                    target_key = Some(map.next_value::<String>()?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match kind.as_str() {
            "collection" => Ok(NodeKind::Collection {
                children: children.ok_or_else(|| A::Error::missing_field("children"))?,
            }),
            "link" => Ok(NodeKind::Link {
                url: url.ok_or_else(|| A::Error::missing_field("url"))?,
            }),
            "note" => Ok(NodeKind::Note),
            "section" => Ok(NodeKind::Section),
            "alias" => Ok(NodeKind::Alias {
                target_key: target_key.ok_or_else(|| A::Error::missing_field("target_key"))?,
            }),
            other => Err(A::Error::unknown_variant(other, KIND_NAMES)),
        }
    }
}

impl Default for NodeKind {
    fn default() -> Self {
        NodeKind::Collection {
            children: Vec::new(),
        }
    }
}

/// An icon as a source gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Icon {
    /// Image bytes with their media type (from a `data:` URI or a favicon store).
    Data {
        /// The media type, e.g. `image/png`.
        mime: String,
        /// The image, base64-encoded.
        base64: String,
    },
    /// The address the icon can be fetched from.
    Url {
        /// The icon's URL.
        url: String,
    },
}

impl Node {
    /// A collection with the given title and children.
    pub fn collection(title: impl Into<String>, children: Vec<Node>) -> Node {
        Node {
            kind: NodeKind::Collection { children },
            title: title.into(),
            ..Node::default()
        }
    }

    /// A link with the given title and URL.
    pub fn link(title: impl Into<String>, url: impl Into<String>) -> Node {
        Node {
            kind: NodeKind::Link { url: url.into() },
            title: title.into(),
            ..Node::default()
        }
    }

    /// The children of a collection; empty for any other kind.
    pub fn children(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Collection { children } => children,
            _ => &[],
        }
    }

    /// Counts this node and everything below it, by kind.
    pub fn count(&self) -> Counts {
        let mut counts = Counts::default();
        self.add_to(&mut counts);
        counts
    }

    fn add_to(&self, counts: &mut Counts) {
        match &self.kind {
            NodeKind::Collection { children } => {
                counts.collections += 1;
                for child in children {
                    child.add_to(counts);
                }
            }
            NodeKind::Link { .. } => counts.links += 1,
            NodeKind::Note => counts.notes += 1,
            NodeKind::Section => counts.sections += 1,
            NodeKind::Alias { .. } => counts.aliases += 1,
        }
    }
}

/// How many pearls of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Counts {
    /// Collections.
    pub collections: usize,
    /// Links.
    pub links: usize,
    /// Notes.
    pub notes: usize,
    /// Sections.
    pub sections: usize,
    /// Aliases.
    pub aliases: usize,
}

impl Counts {
    /// Whether every count is zero.
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }

    /// The counts that are not zero, in words: "3 notes and 1 alias"; "nothing" if all are.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.collections, "collection", "collections"),
            (self.links, "link", "links"),
            (self.notes, "note", "notes"),
            (self.sections, "section", "sections"),
            (self.aliases, "alias", "aliases"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count_of(n, one, many))
        .collect();
        match parts.as_slice() {
            [] => "nothing".to_owned(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.collections += other.collections;
        self.links += other.links;
        self.notes += other.notes;
        self.sections += other.sections;
        self.aliases += other.aliases;
    }
}

/// An entry of a source file that an importer could not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Skipped {
    /// Where it was in the file: a line number, a JSON path, a row.
    pub location: String,
    /// What it was (its title or URL), for the user to recognise it.
    pub what: String,
    /// Why it was skipped.
    pub reason: String,
}

impl Skipped {
    /// An entry skipped at `location`, named by its title ("an entry" when it has none).
    pub fn entry(location: &str, title: String, reason: String) -> Skipped {
        Skipped {
            location: location.to_owned(),
            what: if title.is_empty() {
                "an entry".to_owned()
            } else {
                title
            },
            reason,
        }
    }
}

/// What an importer read from one file, before it goes into the library.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedTree {
    /// A name for the source, shown to the user and used to name the import's collection
    /// (e.g. "Firefox bookmarks").
    pub source: String,
    /// The top-level pearls, in order.
    pub roots: Vec<Node>,
    /// Entries the importer could not use.
    pub skipped: Vec<Skipped>,
    /// For a tree handed on as a Nacre file or page: its credit and when it was written (what
    /// an import keeps as the new branch's provenance); `None` for every other format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<Shared>,
}

/// What a Nacre file or page says about the tree it hands on, beside the tree itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shared {
    /// Who made the tree, what it is and under which licence it is shared.
    pub credit: Credit,
    /// When the file was written.
    pub exported_at: Option<Millis>,
}

/// The credit a curator puts on a shared tree: each part optional, free text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Credit {
    /// The curator's name ("M. Durand").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curator: Option<String>,
    /// A short description of the tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The licence: a Creative Commons name ("CC BY 4.0") or free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

impl Credit {
    /// Whether no part is given.
    pub fn is_empty(&self) -> bool {
        self.curator.is_none() && self.description.is_none() && self.license.is_none()
    }

    /// The credit with each part trimmed, and empty parts left out.
    pub fn cleaned(&self) -> Credit {
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        Credit {
            curator: clean(&self.curator),
            description: clean(&self.description),
            license: clean(&self.license),
        }
    }
}

impl ImportedTree {
    /// Counts everything in the tree, by kind.
    pub fn count(&self) -> Counts {
        let mut counts = Counts::default();
        for root in &self.roots {
            counts += root.count();
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(json: &str) -> std::result::Result<NodeKind, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn a_kind_reads_whether_its_type_comes_first_or_not() {
        let written = Node::collection(
            "Top",
            vec![
                Node::link("A", "https://a.example/"),
                Node {
                    kind: NodeKind::Alias {
                        target_key: "c0".into(),
                    },
                    ..Node::default()
                },
                Node {
                    kind: NodeKind::Note,
                    note: "n".into(),
                    ..Node::default()
                },
            ],
        );
        let json = serde_json::to_string(&written).expect("written");
        assert!(
            json.contains(r#"{"type":"alias","target_key":"c0"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Node>(&json).expect("read"), written);
        assert_eq!(
            kind(r#"{"target_key":"c3","type":"alias"}"#).expect("alias"),
            NodeKind::Alias {
                target_key: "c3".into()
            }
        );
        for spelled in [
            r#"{"type":"alias","targetKey":"c3"}"#,
            r#"{"targetKey":"c3","type":"alias"}"#,
        ] {
            assert_eq!(
                kind(spelled).expect("the documentation's old spelling"),
                NodeKind::Alias {
                    target_key: "c3".into()
                },
                "{spelled}"
            );
        }
        assert_eq!(
            kind(r#"{"url":"https://a.example/","extra":[1],"type":"link"}"#).expect("link"),
            NodeKind::Link {
                url: "https://a.example/".into()
            }
        );
        assert_eq!(
            kind(r#"{"children":[{"kind":{"type":"section"},"title":"S"}],"type":"collection"}"#)
                .expect("collection"),
            NodeKind::Collection {
                children: vec![Node {
                    kind: NodeKind::Section,
                    title: "S".into(),
                    ..Node::default()
                }]
            }
        );
        assert_eq!(
            kind(r#"{"type":"note","url":"ignored"}"#).expect("note"),
            NodeKind::Note
        );
    }

    #[test]
    fn a_kind_that_is_not_one_is_refused() {
        for bad in [
            r#"{"type":"folder","children":[]}"#,
            r#"{"type":"link"}"#,
            r#"{"type":"link","url":"a","url":"b"}"#,
            r#"{"type":"link","type":"note","url":"a"}"#,
            r#"{"url":"a"}"#,
            r#"{}"#,
            r#"{"children":[],"type":"bookmark"}"#,
            r#""link""#,
        ] {
            assert!(kind(bad).is_err(), "{bad} was read");
        }
    }
}
