//! Writing a tree as Markdown: a heading with the exported collection's title, then nested
//! lists (two spaces per level).
//!
//! Collections are bold items holding their own list; links are `[title](<url>)` when the URL
//! is `http`, `https` or `mailto`, and the title followed by the URL as code otherwise (a
//! `javascript:` URL is never made a link); notes follow their item, indented as part of it;
//! tags follow as `#tag` code spans; sections are bold headings marked with `§`; aliases show
//! `↪` and their target's title. Markdown's special characters in titles and notes are
//! backslash-escaped, so a title cannot turn into a link, an image or HTML.

use std::fmt::Write as _;

use super::tree::{Node, NodeKind};
use super::write_common::{Targets, Visit, is_safe_link, walk};

/// Writes `root` as Markdown.
pub fn write(root: &Node) -> String {
    let targets = Targets::of(root);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(targets.shown_title(root)));
    if !root.note.is_empty() {
        for line in root.note.lines() {
            let _ = writeln!(out, "{}", escape(line));
        }
        out.push('\n');
    }
    walk(root, |step| {
        let Visit::Enter(node, depth) = step else {
            return;
        };
        let pad = "  ".repeat(depth - 1);
        let title = escape(targets.shown_title(node));
        let mut note_lines = node.note.lines();
        let mut line = match &node.kind {
            NodeKind::Collection { .. } => format!("**{title}**"),
            NodeKind::Link { url } if is_safe_link(url) => {
                format!("[{title}](<{}>)", link_target(url))
            }
            NodeKind::Link { url } => format!("{title} {}", code(url)),
            NodeKind::Note => note_lines.next().map(escape).unwrap_or_default(),
            NodeKind::Section => format!("**§ {title}**"),
            NodeKind::Alias { .. } => format!("↪ {title}"),
        };
        for tag in &node.tags {
            line.push(' ');
            line.push_str(&code(&format!("#{tag}")));
        }
        let _ = writeln!(out, "{pad}- {}", line.trim_start());
        for note_line in note_lines {
            if note_line.trim().is_empty() {
                let _ = writeln!(out);
            } else {
                let _ = writeln!(out, "{pad}  {}", escape(note_line));
            }
        }
    });
    out
}

/// Backslash-escapes what Markdown could read as syntax: emphasis, code, brackets (so no
/// link or image can form), HTML and entities everywhere, and list or heading markers at the
/// start of the text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let starts_block = i == 0 && "#+-=".contains(c);
        let ends_number = digits > 0 && i == digits && ".)".contains(c);
        if "\\`*_[]<>&|~".contains(c) || starts_block || ends_number {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL inside `<…>`: spaces, angle brackets and line breaks percent-encoded.
fn link_target(url: &str) -> String {
    url.trim()
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

/// A code span that holds any text: fenced with more backticks than the text holds in a row.
fn code(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in one_line.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {one_line} {fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_tree_becomes_nested_lists() {
        let mut link = Node::link("Rust [book]", "https://doc.rust-lang.org/book/");
        link.tags = vec!["rust".to_owned()];
        link.note = "Read it\nall".to_owned();
        let tree = Node::collection(
            "Top",
            vec![Node::collection(
                "Research",
                vec![link, Node::link("x", "javascript:alert(1)")],
            )],
        );
        let expected = [
            "# Top",
            "",
            "- **Research**",
            "  - [Rust \\[book\\]](<https://doc.rust-lang.org/book/>) ` #rust `",
            "    Read it",
            "    all",
            "  - x ` javascript:alert(1) `",
            "",
        ];
        assert_eq!(write(&tree), expected.join("\n"));
    }
}
