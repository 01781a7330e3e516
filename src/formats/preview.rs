//! What an import will add, before it is added: the tree of collections with what each holds,
//! for the window's preview and `nacre import --dry-run`.

use serde::Serialize;

use super::kept::{Kept, kept};
use super::tree::{Counts, ImportedTree, Node, NodeKind};

/// One collection of an import's preview: its own pearls by kind, everything below it, and its
/// sub-collections.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PreviewNode {
    /// Its title as imported.
    pub title: String,
    /// What it holds directly.
    pub own: Counts,
    /// Everything below it (itself not counted).
    pub total: Counts,
    /// Its sub-collections, in order.
    pub collections: Vec<PreviewNode>,
}

/// The preview of a whole import.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Preview {
    /// Where it comes from.
    pub source: String,
    /// Everything it holds.
    pub total: Counts,
    /// How many entries the reader already left out.
    pub skipped: usize,
    /// The top level: what would sit directly in the new collection.
    pub root: PreviewNode,
    /// What it keeps as tags and notes.
    pub kept: Kept,
}

/// The preview of `tree`.
pub fn preview(tree: &ImportedTree) -> Preview {
    let root = node_preview("", &tree.roots);
    Preview {
        source: tree.source.clone(),
        total: root.total,
        skipped: tree.skipped.len(),
        root,
        kept: kept(tree),
    }
}

fn node_preview(title: &str, children: &[Node]) -> PreviewNode {
    let mut own = Counts::default();
    let mut total = Counts::default();
    let mut collections = Vec::new();
    for child in children {
        match &child.kind {
            NodeKind::Collection { children } => {
                own.collections += 1;
                let sub = node_preview(&child.title, children);
                total += sub.total;
                collections.push(sub);
            }
            NodeKind::Link { .. } => own.links += 1,
            NodeKind::Note => own.notes += 1,
            NodeKind::Section => own.sections += 1,
            NodeKind::Alias { .. } => own.aliases += 1,
        }
    }
    total += own;
    PreviewNode {
        title: title.to_owned(),
        own,
        total,
        collections,
    }
}

impl PreviewNode {
    /// The preview as indented text lines, collections only, down to `max_depth` levels.
    pub fn to_text(&self, max_depth: usize) -> String {
        let mut out = String::new();
        self.write(&mut out, 0, max_depth);
        out
    }

    fn write(&self, out: &mut String, depth: usize, max_depth: usize) {
        for c in &self.collections {
            let t = c.total;
            out.push_str(&format!(
                "{}▸ {} ({} links, {} collections{}{})\n",
                "  ".repeat(depth),
                if c.title.is_empty() {
                    "Untitled"
                } else {
                    &c.title
                },
                t.links,
                t.collections,
                if t.notes > 0 {
                    format!(", {} notes", t.notes)
                } else {
                    String::new()
                },
                if t.sections > 0 {
                    format!(", {} sections", t.sections)
                } else {
                    String::new()
                },
            ));
            if depth + 1 < max_depth {
                c.write(out, depth + 1, max_depth);
            } else if !c.collections.is_empty() {
                out.push_str(&format!("{}…\n", "  ".repeat(depth + 1)));
            }
        }
    }
}
