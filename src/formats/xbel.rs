//! XBEL (floccus, buku, KDE, GNOME): `<folder>`s with `<title>` and `<desc>`, `<bookmark href
//! added modified>`s, `<separator/>`s (sections) and `<alias ref>`s (aliases of folders with
//! that `id`). Dates are ISO 8601.
//!
//! floccus's files (its `<!--- highestId :N: ... -->` comment, `id`s on bookmarks, titles
//! indented over several lines) read the same; the source is then named "floccus bookmarks".

use super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip, parse_date};
use super::tree::{ImportedTree, Node, NodeKind, Skipped};
use super::xml::{Item, attr_local, for_each, local};
use crate::error::Result;

/// Which text of the innermost open element is being read.
#[derive(PartialEq)]
enum Field {
    None,
    Title,
    Desc,
}

/// Reads an XBEL file.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is malformed XML or cut short.
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut stack: Vec<(Node, usize)> = vec![(Node::collection("", Vec::new()), 0)];
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut field = Field::None;
    let mut closed = false;
    for_each(text, name, options, |item, line| {
        match item {
            Item::Start { name: tag, attrs } => {
                let dated = |mut node: Node| {
                    node.created_at = attr_local(&attrs, "added").and_then(parse_date);
                    node.modified_at = attr_local(&attrs, "modified").and_then(parse_date);
                    node
                };
                match local(&tag) {
                    "folder" => {
                        let mut folder = dated(Node::collection("", Vec::new()));
                        folder.key = attr_local(&attrs, "id").map(str::to_owned);
                        stack.push((folder, line));
                    }
                    "bookmark" => {
                        let href = attr_local(&attrs, "href").unwrap_or("").trim().to_owned();
                        stack.push((dated(Node::link("", href)), line));
                    }
                    "separator" => stack.push((
                        Node {
                            kind: NodeKind::Section,
                            ..Node::default()
                        },
                        line,
                    )),
                    "alias" => {
                        let target = attr_local(&attrs, "ref").unwrap_or("").to_owned();
                        stack.push((
                            Node {
                                kind: NodeKind::Alias { target_key: target },
                                ..Node::default()
                            },
                            line,
                        ));
                    }
                    "title" => field = Field::Title,
                    "desc" => field = Field::Desc,
                    _ => {}
                }
            }
            Item::End { name: tag } => match local(&tag) {
                "folder" | "bookmark" | "separator" | "alias" => {
                    // Nodes nested deeper than MAX_DEPTH join the folder at that depth.
                    if stack.len() > 1
                        && let Some((node, line)) = stack.pop()
                        && let Some(node) = finish(node, line, &mut skipped)
                    {
                        let at = stack.len().min(MAX_DEPTH).saturating_sub(1);
                        if let Some((NodeKind::Collection { children }, _)) =
                            stack.get_mut(at).map(|(n, l)| (&mut n.kind, l))
                        {
                            children.push(node);
                        }
                    }
                }
                "title" | "desc" => field = Field::None,
                "xbel" => closed = true,
                _ => {}
            },
            Item::Text(t) => {
                if let Some((node, _)) = stack.last_mut() {
                    match field {
                        Field::Title => node.title.push_str(&t),
                        Field::Desc => node.note.push_str(&t),
                        Field::None => {}
                    }
                }
            }
        }
        Ok(())
    })?;
    if !closed {
        return Err(bad_file(
            name,
            "the file is cut short: <xbel> is not closed",
        ));
    }
    let roots = stack
        .into_iter()
        .next()
        .map(|(n, _)| match n.kind {
            NodeKind::Collection { children } => children,
            _ => Vec::new(),
        })
        .unwrap_or_default();
    // floccus writes a comment of its own at the top of the files it syncs.
    let source = if text.contains("for Floccus bookmark sync") {
        "floccus bookmarks"
    } else {
        ""
    };
    Ok(ImportedTree {
        source: source.to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

fn finish(mut node: Node, line: usize, skipped: &mut Vec<Skipped>) -> Option<Node> {
    node.title = node.title.trim().to_owned();
    node.note = node.note.trim().to_owned();
    let NodeKind::Link { url } = &node.kind else {
        return Some(node);
    };
    let url = url.clone();
    let mut link = link_or_skip(
        std::mem::take(&mut node.title),
        url,
        || format!("line {line}"),
        skipped,
    )?;
    link.note = node.note;
    link.created_at = node.created_at;
    link.modified_at = node.modified_at;
    Some(link)
}
