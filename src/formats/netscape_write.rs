//! Writing a tree as a Netscape bookmark file, the HTML that every browser imports.
//!
//! The exported collection's title becomes the `<H1>`, and its pearls the file's top level, the
//! way browsers write their own bookmarks. Collections are `<H3>` folders, links `<A>`
//! bookmarks with `ADD_DATE`/`LAST_MODIFIED` in seconds, the favicon as an `ICON` data URI, tags
//! in `TAGS` (comma-separated, as Firefox writes them) and the note in the following `<DD>`
//! (folders' notes too, as Firefox does). Sections become `<HR>` separators (their titles are
//! lost). Note pearls and aliases have no place in the format and are left out.
//!
//! Every title, attribute value and note is HTML-escaped (`&`, `<`, `>`, `"`, `'`), so nothing in
//! the tree can open or close a tag, whatever a browser's parser does with it.

use std::fmt::Write as _;

use super::tree::{Icon, Node, NodeKind};
use super::write_common::{Targets, Visit, escape_html, seconds, walk};

const HEADER: &str = "<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file.
     It will be read and overwritten.
     DO NOT EDIT! -->
<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; img-src data: *; object-src 'none'\"></meta>
<TITLE>Bookmarks</TITLE>
";

/// Writes `root`'s pearls as a Netscape bookmark file.
pub fn write(root: &Node) -> String {
    let targets = Targets::of(root);
    let mut out = String::with_capacity(256 + 200 * root.count().links);
    out.push_str(HEADER);
    let _ = writeln!(out, "<H1>{}</H1>", escape_html(targets.shown_title(root)));
    out.push_str("<DL><p>\n");

    walk(root, |step| match step {
        Visit::Enter(node, depth) => {
            write_node(&mut out, &targets, node, depth);
            if let NodeKind::Collection { .. } = node.kind {
                indent(&mut out, depth);
                out.push_str("<DL><p>\n");
            }
        }
        Visit::Leave(_, depth) => {
            indent(&mut out, depth);
            out.push_str("</DL><p>\n");
        }
    });
    out.push_str("</DL><p>\n");
    out
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn dates(out: &mut String, node: &Node) {
    if let Some(created) = node.created_at {
        let _ = write!(out, " ADD_DATE=\"{}\"", seconds(created));
    }
    if let Some(modified) = node.modified_at {
        let _ = write!(out, " LAST_MODIFIED=\"{}\"", seconds(modified));
    }
}

fn write_node(out: &mut String, targets: &Targets<'_>, node: &Node, depth: usize) {
    match &node.kind {
        NodeKind::Collection { .. } => {
            indent(out, depth);
            out.push_str("<DT><H3");
            dates(out, node);
            let _ = writeln!(out, ">{}</H3>", escape_html(targets.shown_title(node)));
            description(out, node, depth);
        }
        NodeKind::Link { url } => {
            indent(out, depth);
            let _ = write!(out, "<DT><A HREF=\"{}\"", escape_html(url));
            dates(out, node);
            if let Some(Icon::Data { mime, base64 }) = &node.icon {
                let _ = write!(
                    out,
                    " ICON=\"data:{};base64,{}\"",
                    escape_html(mime),
                    escape_html(base64)
                );
            }
            let icon_uri = match &node.icon {
                Some(Icon::Url { url }) => Some(url.as_str()),
                _ => node.details.as_ref().and_then(|d| d.favicon_url.as_deref()),
            };
            if let Some(icon_uri) = icon_uri {
                let _ = write!(out, " ICON_URI=\"{}\"", escape_html(icon_uri));
            }
            if !node.tags.is_empty() {
                let _ = write!(out, " TAGS=\"{}\"", escape_html(&node.tags.join(",")));
            }
            let _ = writeln!(out, ">{}</A>", escape_html(targets.shown_title(node)));
            description(out, node, depth);
        }
        NodeKind::Section => {
            indent(out, depth);
            out.push_str("<HR>\n");
        }
        NodeKind::Note | NodeKind::Alias { .. } => {}
    }
}

fn description(out: &mut String, node: &Node, depth: usize) {
    if !node.note.is_empty() {
        indent(out, depth);
        let _ = writeln!(out, "<DD>{}", escape_html(&node.note));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_titles_urls_and_notes_is_escaped() {
        let mut link = Node::link("<b>\"x\" & 'y'</b>", "https://a.com/?a=1&b=\"2\"");
        link.note = "</DL><script>alert(1)</script>".to_owned();
        link.tags = vec!["a\"b".to_owned(), "c".to_owned()];
        let file = write(&Node::collection("Top", vec![link]));
        assert!(
            file.contains(
                "<A HREF=\"https://a.com/?a=1&amp;b=&quot;2&quot;\" TAGS=\"a&quot;b,c\">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</A>"
            ),
            "escaped bookmark line missing in:\n{file}"
        );
        assert!(
            file.contains("<DD>&lt;/DL&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
            "escaped note missing in:\n{file}"
        );
    }

    #[test]
    fn dates_are_written_in_seconds() {
        let mut link = Node::link("A", "https://a.com/");
        link.created_at = Some(1_700_000_000_999);
        link.modified_at = Some(1_700_000_100_000);
        let file = write(&Node::collection("Top", vec![link]));
        assert!(
            file.contains("ADD_DATE=\"1700000000\" LAST_MODIFIED=\"1700000100\""),
            "dates in seconds missing in:\n{file}"
        );
    }
}
