//! Writing a collection's newest pearls as an Atom feed (RFC 4287), so that a curator's tree
//! can be followed in any feed reader.
//!
//! The feed's id is the collection's UUID (`urn:uuid:…`), each entry's the pearl's, so a reader
//! sees the same entries again when the feed is written anew. Entries are the links and notes
//! below the collection, newest first (by creation), at most [`MAX_ENTRIES`]; a link's entry
//! points at its page only for `http`, `https` and `mailto` URLs. Everything is text: titles,
//! notes and tags are XML-escaped, never markup.

use std::fmt::Write as _;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::tree::{Counts, Credit, Node, NodeKind};
use super::write_common::{Targets, Visit, escape_xml as xml, is_safe_link, walk};
use crate::model::{Millis, now_millis};

/// The most entries a feed holds: feed readers keep the newest anyway.
pub const MAX_ENTRIES: usize = 200;

fn rfc3339(ms: Millis) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// An entry-to-be: a link or note with the path of collections above it.
struct Entry<'a> {
    node: &'a Node,
    path: String,
    order: usize,
}

fn id_of(node: &Node, fallback: &str) -> String {
    match node.uuid.as_deref() {
        Some(uuid) => format!("urn:uuid:{uuid}"),
        None => format!("tag:nacre,2026:{fallback}"),
    }
}

/// The links and notes of `root` that the feed holds, newest first.
fn entries(root: &Node) -> Vec<Entry<'_>> {
    let mut path: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    walk(root, |step| match step {
        Visit::Enter(node, _) => match &node.kind {
            NodeKind::Collection { .. } => path.push(&node.title),
            NodeKind::Link { .. } | NodeKind::Note => out.push(Entry {
                node,
                path: path.join(" › "),
                order: out.len(),
            }),
            NodeKind::Section | NodeKind::Alias { .. } => {}
        },
        Visit::Leave(..) => {
            path.pop();
        }
    });
    // Ties (pearls made in the same millisecond) go latest in the tree first.
    out.sort_by_key(|e| {
        (
            std::cmp::Reverse(e.node.created_at.unwrap_or(0)),
            std::cmp::Reverse(e.order),
        )
    });
    out.truncate(MAX_ENTRIES);
    out
}

/// The pearls below `root` that the feed leaves out: collections (they are not entries, only
/// the paths of entries), sections, aliases, and the links and notes beyond the newest
/// [`MAX_ENTRIES`].
pub fn left_out(root: &Node) -> Counts {
    let all = root.count();
    let kept = entries(root);
    let links = kept
        .iter()
        .filter(|e| matches!(e.node.kind, NodeKind::Link { .. }))
        .count();
    Counts {
        collections: all.collections.saturating_sub(1),
        links: all.links - links,
        notes: all.notes - (kept.len() - links),
        sections: all.sections,
        aliases: all.aliases,
    }
}

/// Writes `root`'s newest links and notes as an Atom feed credited to `credit`.
pub fn write(root: &Node, credit: &Credit) -> String {
    let targets = Targets::of(root);
    let list = entries(root);
    let updated = list
        .iter()
        .filter_map(|e| e.node.modified_at.or(e.node.created_at))
        .max()
        .or(root.modified_at)
        .unwrap_or_else(now_millis);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(out, "  <id>{}</id>", xml(&id_of(root, "feed")));
    let _ = writeln!(out, "  <title>{}</title>", xml(targets.shown_title(root)));
    if let Some(description) = &credit.description {
        let _ = writeln!(out, "  <subtitle>{}</subtitle>", xml(description));
    }
    let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(updated));
    let author = credit.curator.as_deref().unwrap_or("Nacre");
    let _ = writeln!(out, "  <author><name>{}</name></author>", xml(author));
    if let Some(license) = &credit.license {
        let _ = writeln!(out, "  <rights>{}</rights>", xml(license));
    }
    out.push_str("  <generator uri=\"https://github.com/nacre\">Nacre</generator>\n");
    for (index, entry) in list.iter().enumerate() {
        let node = entry.node;
        out.push_str("  <entry>\n");
        let _ = writeln!(
            out,
            "    <id>{}</id>",
            xml(&id_of(node, &format!("entry-{index}")))
        );
        let title = targets.shown_title(node);
        let title = if title.is_empty() {
            node.note.lines().next().unwrap_or("")
        } else {
            title
        };
        let _ = writeln!(out, "    <title type=\"text\">{}</title>", xml(title));
        let created = node.created_at.unwrap_or(updated);
        let _ = writeln!(out, "    <published>{}</published>", rfc3339(created));
        let _ = writeln!(
            out,
            "    <updated>{}</updated>",
            rfc3339(node.modified_at.unwrap_or(created))
        );
        if let NodeKind::Link { url } = &node.kind
            && is_safe_link(url)
        {
            let _ = writeln!(
                out,
                "    <link rel=\"alternate\" href=\"{}\"/>",
                xml(url.trim())
            );
        }
        for tag in &node.tags {
            let _ = writeln!(out, "    <category term=\"{}\"/>", xml(tag));
        }
        let mut summary = String::new();
        if !entry.path.is_empty() {
            summary.push_str(&entry.path);
        }
        if !node.note.is_empty() {
            if !summary.is_empty() {
                summary.push_str("\n\n");
            }
            summary.push_str(&node.note);
        }
        if !summary.is_empty() {
            let _ = writeln!(
                out,
                "    <summary type=\"text\">{}</summary>",
                xml(&summary)
            );
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_newest_first_and_markup_stays_text() {
        let mut old = Node::link("old", "https://a.com/");
        old.created_at = Some(1_000);
        let mut new = Node::link("<b>new</b>", "javascript:alert(1)");
        new.created_at = Some(2_000);
        let feed = write(&Node::collection("T", vec![old, new]), &Credit::default());
        assert!(feed.find("&lt;b&gt;new").unwrap() < feed.find(">old<").unwrap());
        assert!(!feed.contains("javascript:"), "an unsafe URL is no link");
    }
}
