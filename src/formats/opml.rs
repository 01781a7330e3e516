//! OPML outlines: an outline with children is a collection; a leaf with `url`, `htmlUrl` or
//! `xmlUrl` is a link; a leaf with neither is a note (OPML editors' comments, `isComment`).
//! The name is `text`, else `title`; `created` (RFC 822) is the date. Other attributes are
//! ignored.

use super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip, parse_date, split_tags};
use super::tree::{ImportedTree, Node, NodeKind, Skipped};
use super::xml::{Item, attr_local, for_each, local};
use crate::error::Result;

/// Reads an OPML file.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is malformed XML, cut short, or has no `<body>`.
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    // Each open outline: the node so far and the line it started on.
    let mut stack: Vec<(Node, usize)> = Vec::new();
    let mut roots = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut saw_body = false;
    let mut body_closed = false;
    for_each(text, name, options, |item, line| {
        match item {
            Item::Start { name: tag, attrs } => match local(&tag) {
                "body" => saw_body = true,
                "outline" => {
                    let title = attr_local(&attrs, "text")
                        .or_else(|| attr_local(&attrs, "title"))
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    let url = attr_local(&attrs, "url")
                        .or_else(|| attr_local(&attrs, "htmlUrl"))
                        .or_else(|| attr_local(&attrs, "xmlUrl"))
                        .map(str::trim)
                        .filter(|u| !u.is_empty());
                    let mut node = match url {
                        Some(url) => Node::link(title, url),
                        None => Node {
                            kind: NodeKind::Note,
                            title,
                            ..Node::default()
                        },
                    };
                    node.created_at = attr_local(&attrs, "created").and_then(parse_date);
                    node.tags = attr_local(&attrs, "category")
                        .map(|c| split_tags(c, ','))
                        .unwrap_or_default();
                    if let Some(d) = attr_local(&attrs, "description") {
                        node.note = d.trim().to_owned();
                    }
                    stack.push((node, line));
                }
                _ => {}
            },
            Item::End { name: tag } => match local(&tag) {
                "outline" => {
                    if let Some((node, line)) = stack.pop() {
                        let node = finish(node, line, &mut skipped);
                        if let Some(node) = node {
                            // Outlines nested deeper than MAX_DEPTH join the one at that depth.
                            let at = stack.len().min(MAX_DEPTH);
                            match at.checked_sub(1).and_then(|i| stack.get_mut(i)) {
                                Some((parent, _)) => adopt(parent, node),
                                None => roots.push(node),
                            }
                        }
                    }
                }
                "body" => body_closed = true,
                _ => {}
            },
            Item::Text(_) => {}
        }
        Ok(())
    })?;
    if !saw_body {
        return Err(bad_file(
            name,
            "it is OPML without a <body>: there is nothing to import",
        ));
    }
    if !body_closed {
        return Err(bad_file(
            name,
            "the file is cut short: its <body> is not closed",
        ));
    }
    Ok(ImportedTree {
        source: String::new(),
        roots,
        skipped,
        shared: None,
    })
}

/// An outline that got children becomes a collection (a link outline with children keeps its
/// link as the collection's first pearl).
fn adopt(parent: &mut Node, child: Node) {
    match &mut parent.kind {
        NodeKind::Collection { children } => children.push(child),
        NodeKind::Link { .. } => {
            let link = Node {
                kind: std::mem::take(&mut parent.kind),
                title: parent.title.clone(),
                ..Node::default()
            };
            parent.kind = NodeKind::Collection {
                children: vec![link, child],
            };
        }
        _ => {
            parent.kind = NodeKind::Collection {
                children: vec![child],
            };
        }
    }
}

fn finish(node: Node, line: usize, skipped: &mut Vec<Skipped>) -> Option<Node> {
    match node.kind {
        NodeKind::Link { url } => {
            link_or_skip(node.title.clone(), url, || format!("line {line}"), skipped).map(
                |mut link| {
                    link.created_at = node.created_at;
                    link.tags = node.tags;
                    link.note = node.note;
                    link
                },
            )
        }
        NodeKind::Note if node.title.is_empty() && node.note.is_empty() => {
            skipped.push(Skipped {
                location: format!("line {line}"),
                what: "an outline".to_owned(),
                reason: "it has no text, no URL and no children".to_owned(),
            });
            None
        }
        NodeKind::Note => Some(Node {
            note: if node.note.is_empty() {
                node.title
            } else {
                format!("{}\n{}", node.title, node.note)
            },
            kind: NodeKind::Note,
            created_at: node.created_at,
            ..Node::default()
        }),
        _ => Some(node),
    }
}
