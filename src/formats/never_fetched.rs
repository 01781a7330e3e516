//! The links of an imported tree that come in but are never fetched: `javascript:`
//! bookmarklets, `data:`, `file:`, `mailto:` and every other address that is not a web page.
//! The import report lists them, so "Nothing was skipped" never hides them.
//!
//! It only looks at the tree; the store decides what it adds.

use serde::Serialize;

use super::tree::{ImportedTree, Node, NodeKind};
use crate::model::LinkUrl;

/// A link kept by an import that page details will never be fetched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NeverFetched {
    /// The folders it was in, from the top of the file ("Bookmarks bar / Tools").
    pub location: String,
    /// Its title (or its address when it has none).
    pub title: String,
    /// The kind of address: `javascript`, `data`, `file`, `mailto`, ...
    pub scheme: String,
}

/// Every link of `tree` that is a valid address but not an http or https one, in the file's
/// order.
pub fn never_fetched(tree: &ImportedTree) -> Vec<NeverFetched> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    for node in &tree.roots {
        walk(node, &mut path, &mut out);
    }
    out
}

fn walk<'a>(node: &'a Node, path: &mut Vec<&'a str>, out: &mut Vec<NeverFetched>) {
    match &node.kind {
        NodeKind::Collection { children } => {
            path.push(&node.title);
            for child in children {
                walk(child, path, out);
            }
            path.pop();
        }
        NodeKind::Link { url } => {
            // Nearly every link of a real file is a web page: tell those from the prefix, without
            // parsing the whole address a second time (the store parses it when it adds it).
            if is_web_prefix(url) {
                return;
            }
            let Ok(parsed) = LinkUrl::parse(url) else {
                return;
            };
            if parsed.is_web() {
                return;
            }
            let scheme = parsed
                .normalized()
                .split(':')
                .next()
                .unwrap_or("")
                .to_owned();
            let title = if node.title.trim().is_empty() {
                url.chars().take(80).collect()
            } else {
                node.title.clone()
            };
            out.push(NeverFetched {
                location: if path.is_empty() {
                    "(top level)".to_owned()
                } else {
                    path.join(" / ")
                },
                title,
                scheme,
            });
        }
        NodeKind::Note | NodeKind::Section | NodeKind::Alias { .. } => {}
    }
}

/// Whether `url` opens with `http://` or `https://` (in any case, after blanks), which makes it
/// a web address whenever it is a valid one.
fn is_web_prefix(url: &str) -> bool {
    let url = url.trim_start().as_bytes();
    let starts = |prefix: &[u8]| {
        url.len() >= prefix.len() && url[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    starts(b"http://") || starts(b"https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookmarklets_and_local_addresses_are_listed_with_their_folders() {
        let tree = ImportedTree {
            source: "test".into(),
            roots: vec![Node::collection(
                "Tools",
                vec![
                    Node::link("Web", "https://a.example/"),
                    Node::link("Bookmarklet", "javascript:alert(1)"),
                    Node::link("", "mailto:me@a.example"),
                    Node::link("Local", "file:///home/me/notes.txt"),
                    Node::link("Picture", "data:image/png;base64,AAAA"),
                ],
            )],
            skipped: Vec::new(),
        };
        let found = never_fetched(&tree);
        let schemes: Vec<&str> = found.iter().map(|n| n.scheme.as_str()).collect();
        assert_eq!(schemes, ["javascript", "mailto", "file", "data"]);
        assert_eq!(found[0].location, "Tools");
        assert_eq!(
            found[1].title, "mailto:me@a.example",
            "no title: its address"
        );
    }
}
