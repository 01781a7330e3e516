//! What an import keeps beside titles and URLs: the tags it brings (with how many links carry
//! each) and how many pearls carry a note, so that a person leaving a service sees that its
//! reading states, folders-as-tags and highlights came along, before and after the import.

use std::collections::HashMap;

use serde::Serialize;

use super::tree::{ImportedTree, Node, NodeKind};

/// How many of the most used tags a [`Kept`] names.
const TOP_TAGS: usize = 8;

/// One tag an import brings and how many links carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TagCount {
    /// The tag as the source wrote it.
    pub tag: String,
    /// How many links carry it.
    pub links: usize,
}

/// What an import keeps as tags and notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Kept {
    /// Links that carry at least one tag.
    pub tagged_links: usize,
    /// Different tags in all.
    pub distinct_tags: usize,
    /// The most used tags, most used first (ties by name).
    pub top_tags: Vec<TagCount>,
    /// Links, collections and aliases that carry a note (highlights, descriptions, excerpts),
    /// notes standing on their own not counted.
    pub noted: usize,
}

/// What `tree` keeps as tags and notes.
pub fn kept(tree: &ImportedTree) -> Kept {
    let mut tally = Tally::default();
    for node in &tree.roots {
        tally.add(node);
    }
    let distinct_tags = tally.tags.len();
    let mut top: Vec<TagCount> = tally
        .tags
        .into_iter()
        .map(|(tag, links)| TagCount {
            tag: tag.to_owned(),
            links,
        })
        .collect();
    top.sort_by(|a, b| b.links.cmp(&a.links).then_with(|| a.tag.cmp(&b.tag)));
    top.truncate(TOP_TAGS);
    Kept {
        tagged_links: tally.tagged_links,
        distinct_tags,
        top_tags: top,
        noted: tally.noted,
    }
}

#[derive(Default)]
struct Tally<'t> {
    tags: HashMap<&'t str, usize>,
    tagged_links: usize,
    noted: usize,
}

impl<'t> Tally<'t> {
    fn add(&mut self, node: &'t Node) {
        match &node.kind {
            NodeKind::Collection { children } => {
                for child in children {
                    self.add(child);
                }
            }
            NodeKind::Link { .. } if !node.tags.is_empty() => {
                self.tagged_links += 1;
                for tag in &node.tags {
                    *self.tags.entry(tag.as_str()).or_default() += 1;
                }
            }
            _ => {}
        }
        if !node.note.trim().is_empty() && !matches!(node.kind, NodeKind::Note) {
            self.noted += 1;
        }
    }
}

impl Kept {
    /// The line a report prints ("kept 4,120 links' tags (unread 3,000, archived 1,100, …) and
    /// 312 notes"), or nothing when the import brings neither.
    pub fn to_text(&self) -> String {
        let mut parts = Vec::new();
        if self.tagged_links > 0 {
            let named: Vec<String> = self
                .top_tags
                .iter()
                .map(|t| format!("{} {}", t.tag, t.links))
                .collect();
            let more = if self.distinct_tags > self.top_tags.len() {
                format!(", and {} more", self.distinct_tags - self.top_tags.len())
            } else {
                String::new()
            };
            parts.push(format!(
                "tags on {} links ({}{more})",
                self.tagged_links,
                named.join(", ")
            ));
        }
        if self.noted > 0 {
            parts.push(format!(
                "{} {}",
                self.noted,
                if self.noted == 1 { "note" } else { "notes" }
            ));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("  kept as tags and notes: {}\n", parts.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(tags: &[&str], note: &str) -> Node {
        Node {
            kind: NodeKind::Link {
                url: "https://example.org/".into(),
            },
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            note: note.to_owned(),
            ..Node::default()
        }
    }

    #[test]
    fn counts_tags_and_notes_through_collections() {
        let tree = ImportedTree {
            source: "test".into(),
            roots: vec![
                link(&["unread", "rust"], ""),
                Node {
                    kind: NodeKind::Collection {
                        children: vec![link(&["unread"], "a highlight"), link(&[], "  ")],
                    },
                    ..Node::default()
                },
                Node {
                    kind: NodeKind::Note,
                    note: "standing alone".into(),
                    ..Node::default()
                },
            ],
            skipped: vec![],
        };
        let k = kept(&tree);
        assert_eq!(k.tagged_links, 2);
        assert_eq!(k.distinct_tags, 2);
        assert_eq!(
            k.top_tags,
            vec![
                TagCount {
                    tag: "unread".into(),
                    links: 2
                },
                TagCount {
                    tag: "rust".into(),
                    links: 1
                }
            ]
        );
        assert_eq!(k.noted, 1);
        assert_eq!(
            k.to_text(),
            "  kept as tags and notes: tags on 2 links (unread 2, rust 1); 1 note\n"
        );
    }

    #[test]
    fn says_nothing_when_nothing_is_kept() {
        assert_eq!(kept(&ImportedTree::default()).to_text(), "");
    }
}
