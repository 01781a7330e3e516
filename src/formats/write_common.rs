//! What the export writers share: the titles aliases show, escaping, walking a tree, dates in
//! seconds, and which links are safe to make clickable.

use std::collections::HashMap;

use super::tree::{Node, NodeKind};
use crate::model::Millis;

/// The titles of a tree's keyed collections, so that an alias without its own title can show
/// its target's.
#[derive(Debug, Default)]
pub struct Targets<'a> {
    titles: HashMap<&'a str, &'a str>,
}

impl<'a> Targets<'a> {
    /// Collects the keyed collections below (and including) `root`.
    pub fn of(root: &'a Node) -> Targets<'a> {
        let mut titles = HashMap::new();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if let Some(key) = &node.key {
                titles.insert(key.as_str(), node.title.as_str());
            }
            stack.extend(node.children());
        }
        Targets { titles }
    }

    /// The title to show for `node`: the user's title; else the fetched page title; else the
    /// stored title; else, for a link its URL, for an alias its target's title.
    pub fn shown_title(&self, node: &'a Node) -> &'a str {
        if node.title_is_user && !node.title.is_empty() {
            return &node.title;
        }
        if let Some(fetched) = node
            .details
            .as_ref()
            .and_then(|d| d.title.as_deref())
            .filter(|t| !t.is_empty())
        {
            return fetched;
        }
        if !node.title.is_empty() {
            return &node.title;
        }
        match &node.kind {
            NodeKind::Link { url } => url,
            NodeKind::Alias { target_key } => {
                self.titles.get(target_key.as_str()).copied().unwrap_or("")
            }
            _ => "",
        }
    }
}

/// The entity for a character that HTML and XML read as markup, if it is one.
pub fn markup_entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

/// Escapes text for HTML content and double- or single-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match markup_entity(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
    out
}

/// A step of a depth-first walk over a tree.
#[derive(Debug, Clone, Copy)]
pub enum Visit<'a> {
    /// A node, before anything below it; depth 1 for the top's children.
    Enter(&'a Node, usize),
    /// The end of a collection, after everything below it.
    Leave(&'a Node, usize),
}

/// `text` as XML character data or attribute value: markup characters as entities, line breaks
/// and tabs as character references, and the characters XML cannot hold dropped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(entity) = markup_entity(c) {
            out.push_str(entity);
            continue;
        }
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Walks everything below `root` depth-first in order, without recursion (trees can be deep).
pub fn walk<'a>(root: &'a Node, mut visit: impl FnMut(Visit<'a>)) {
    let mut stack: Vec<Visit<'a>> = root
        .children()
        .iter()
        .rev()
        .map(|n| Visit::Enter(n, 1))
        .collect();
    while let Some(step) = stack.pop() {
        if let Visit::Enter(node, depth) = step
            && let NodeKind::Collection { children } = &node.kind
        {
            stack.push(Visit::Leave(node, depth));
            stack.extend(children.iter().rev().map(|n| Visit::Enter(n, depth + 1)));
        }
        visit(step);
    }
}

/// Milliseconds to whole seconds since the epoch, rounding down (also before 1970).
pub fn seconds(millis: Millis) -> i64 {
    millis.div_euclid(1000)
}

/// Whether a URL may be made a clickable link in a written file: `http`, `https` and `mailto`
/// only, so a `javascript:` or `data:` URL is shown as text, never followed.
pub fn is_safe_link(url: &str) -> bool {
    let scheme = url.trim().split(':').next().unwrap_or("");
    ["http", "https", "mailto"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
        && url.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_safe() {
        for safe in ["https://a.com", "HTTP://a.com", "mailto:x@y.z"] {
            assert!(is_safe_link(safe), "{safe} should be clickable");
        }
        for unsafe_ in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "vbscript:x",
            "https",
        ] {
            assert!(!is_safe_link(unsafe_), "{unsafe_} should not be clickable");
        }
    }

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape_html(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn dates_before_1970_round_down_to_whole_seconds() {
        assert_eq!(seconds(1_999), 1);
        assert_eq!(seconds(-1), -1);
    }
}
