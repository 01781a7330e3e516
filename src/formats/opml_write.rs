//! Writing a tree as an OPML 2.0 outline.
//!
//! Each pearl is an `<outline>` whose `text` is its title. Collections hold their children;
//! links have `type="link"` and `url`; sections `type="section"`; notes `type="note"`;
//! aliases `type="alias"`. Notes go in `_note` (the attribute outliners use), tags in
//! `category` (comma-separated), dates in `created` (RFC 822, as the OPML 2.0 spec says). Values
//! are XML-escaped, line breaks kept as character references, and characters XML cannot hold
//! are dropped.

use std::fmt::Write as _;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

use super::tree::{Node, NodeKind};
use super::write_common::{Targets, Visit, escape_xml as xml, walk};
use crate::model::Millis;

/// Writes `root` as OPML 2.0.
pub fn write(root: &Node) -> String {
    let targets = Targets::of(root);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head>\n",
    );
    let _ = writeln!(out, "  <title>{}</title>", xml(targets.shown_title(root)));
    if let Some(created) = root.created_at.and_then(rfc822) {
        let _ = writeln!(out, "  <dateCreated>{created}</dateCreated>");
    }
    out.push_str("</head>\n<body>\n");

    walk(root, |step| match step {
        Visit::Leave(node, depth) => {
            if !node.children().is_empty() {
                let _ = writeln!(out, "{}</outline>", "  ".repeat(depth));
            }
        }
        Visit::Enter(node, depth) => {
            let text = match targets.shown_title(node) {
                "" => node.note.lines().next().unwrap_or(""),
                title => title,
            };
            let _ = write!(out, "{}<outline text=\"{}\"", "  ".repeat(depth), xml(text));
            match &node.kind {
                NodeKind::Collection { .. } => {}
                NodeKind::Link { url } => {
                    let _ = write!(out, " type=\"link\" url=\"{}\"", xml(url));
                }
                NodeKind::Note => out.push_str(" type=\"note\""),
                NodeKind::Section => out.push_str(" type=\"section\""),
                NodeKind::Alias { .. } => out.push_str(" type=\"alias\""),
            }
            if !node.note.is_empty() {
                let _ = write!(out, " _note=\"{}\"", xml(&node.note));
            }
            if !node.tags.is_empty() {
                let _ = write!(out, " category=\"{}\"", xml(&node.tags.join(",")));
            }
            if let Some(created) = node.created_at.and_then(rfc822) {
                let _ = write!(out, " created=\"{created}\"");
            }
            out.push_str(if node.children().is_empty() {
                "/>\n"
            } else {
                ">\n"
            });
        }
    });
    out.push_str("</body>\n</opml>\n");
    out
}

fn rfc822(millis: Millis) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(millis.div_euclid(1000))
        .ok()?
        .format(&Rfc2822)
        .ok()
}

/// Escapes text for an XML attribute or element; drops what XML 1.0 cannot hold.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outline_keeps_structure_and_escapes_values() {
        let mut link = Node::link("a < b & \"c\"", "https://a.com/?x=1&y=2");
        link.note = "line one\nline\u{1}two".to_owned();
        link.tags = vec!["t1".to_owned(), "t2".to_owned()];
        link.created_at = Some(0);
        let file = write(&Node::collection(
            "Top",
            vec![Node::collection("Sub", vec![link])],
        ));
        assert!(
            file.contains(
                "    <outline text=\"a &lt; b &amp; &quot;c&quot;\" type=\"link\" url=\"https://a.com/?x=1&amp;y=2\" _note=\"line one&#10;linetwo\" category=\"t1,t2\" created=\"Thu, 01 Jan 1970 00:00:00 +0000\"/>"
            ),
            "link outline missing in:\n{file}"
        );
        assert!(file.contains("  <outline text=\"Sub\">\n"), "{file}");
        assert!(file.contains("  </outline>\n</body>"), "{file}");
    }
}
