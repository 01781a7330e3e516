//! Writing a tree as one self-contained HTML page: the tree with its pearls (round pearls with
//! their favicons, collections that open and close), and a search box, working offline in any
//! modern browser and asking nothing from anywhere.
//!
//! Safety rests on three things, each enough on its own for markup in the tree:
//! - the tree travels as JSON inside `<script type="application/json">`, with every `<`, `>` and
//!   `&` written as `\u003c`, `\u003e`, `\u0026`, so no text in it can close the element;
//! - the page's script (`page/page.js`) builds the tree with DOM calls and `textContent` only,
//!   never `innerHTML`, and makes a link clickable only for `http`, `https` and `mailto` URLs,
//!   opening it in a new tab with `rel="noopener noreferrer"`;
//! - a Content-Security-Policy `<meta>` allows nothing by default (`default-src 'none'`), the
//!   one script and the one style only by their SHA-256 hashes, and images only as `data:`
//!   URIs (the favicons, embedded once each).

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::tree::{Icon, Node, NodeKind};
use super::write_common::{Targets, escape_html, is_safe_link};
use crate::error::{Error, Result};
use crate::model::{Millis, now_millis};

const SCRIPT: &str = include_str!("page/page.js");
const STYLE: &str = include_str!("page/page.css");

/// The tree as the page's script reads it: short keys keep a 100,000-pearl page small.
#[derive(Serialize)]
struct PageData<'a> {
    /// The page's title.
    title: &'a str,
    /// When it was written (ms since the epoch).
    exported: Millis,
    /// Favicons as `data:` URIs; nodes point at them by index.
    icons: Vec<String>,
    root: PageNode<'a>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    /// Kind: `c` collection, `l` link, `n` note, `s` section, `a` alias.
    k: &'static str,
    /// Title to show.
    t: &'a str,
    /// URL (links).
    #[serde(skip_serializing_if = "Option::is_none")]
    u: Option<&'a str>,
    /// 1 when the URL may be made a link (`http`, `https`, `mailto`).
    #[serde(skip_serializing_if = "is_zero")]
    s: u8,
    /// Note.
    #[serde(skip_serializing_if = "str::is_empty")]
    n: &'a str,
    /// Tags.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    g: &'a [String],
    /// Index of the icon in `icons`.
    #[serde(skip_serializing_if = "Option::is_none")]
    i: Option<usize>,
    /// Creation date (ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<Millis>,
    /// An alias's target: the target collection's key, which the target carries as `y`.
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<&'a str>,
    /// The key of a collection that an alias points at.
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<&'a str>,
    /// Children (collections).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    c: Vec<PageNode<'a>>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// Image types a browser shows from a `data:` URI without running anything.
const IMAGE_TYPES: &[&str] = &[
    "image/png",
    "image/gif",
    "image/jpeg",
    "image/webp",
    "image/x-icon",
    "image/vnd.microsoft.icon",
    "image/bmp",
    "image/avif",
];

struct Builder<'a> {
    targets: Targets<'a>,
    icons: Vec<String>,
    icon_index: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> Builder<'a> {
    fn icon(&mut self, icon: Option<&'a Icon>) -> Option<usize> {
        let Some(Icon::Data { mime, base64 }) = icon else {
            return None;
        };
        if !IMAGE_TYPES.contains(&mime.as_str())
            || !base64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
        {
            return None;
        }
        if let Some(&index) = self.icon_index.get(&(mime.as_str(), base64.as_str())) {
            return Some(index);
        }
        let index = self.icons.len();
        self.icons.push(format!("data:{mime};base64,{base64}"));
        self.icon_index
            .insert((mime.as_str(), base64.as_str()), index);
        Some(index)
    }

    /// The page's node for `node` and everything below it (recursive: serde's writer recurses
    /// over the same depth anyway).
    fn node(&mut self, node: &'a Node) -> PageNode<'a> {
        let (k, u, r) = match &node.kind {
            NodeKind::Collection { .. } => ("c", None, None),
            NodeKind::Link { url } => ("l", Some(url.as_str()), None),
            NodeKind::Note => ("n", None, None),
            NodeKind::Section => ("s", None, None),
            NodeKind::Alias { target_key } => ("a", None, Some(target_key.as_str())),
        };
        PageNode {
            k,
            t: self.targets.shown_title(node),
            u,
            s: u8::from(u.is_some_and(is_safe_link)),
            n: &node.note,
            g: &node.tags,
            i: self.icon(node.icon.as_ref()),
            d: node.created_at,
            r,
            y: node.key.as_deref(),
            c: node.children().iter().map(|c| self.node(c)).collect(),
        }
    }
}

/// The `'sha256-…'` source expression that lets exactly `text` run under the page's CSP.
fn csp_hash(text: &str) -> String {
    format!(
        "'sha256-{}'",
        BASE64.encode(Sha256::digest(text.as_bytes()))
    )
}

/// JSON that can sit inside a `<script>` element: nothing in it can end the element or open
/// a comment, and line separators cannot break a script that reads it.
fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `root` as one self-contained HTML page.
///
/// # Errors
/// [`Error::Invalid`] only if serialisation fails, which plain data cannot make it do.
pub fn write(root: &Node) -> Result<String> {
    let mut builder = Builder {
        targets: Targets::of(root),
        icons: Vec::new(),
        icon_index: HashMap::new(),
    };
    let tree = builder.node(root);
    let title = tree.t;
    let data = PageData {
        title,
        exported: now_millis(),
        icons: std::mem::take(&mut builder.icons),
        root: tree,
    };
    let json = serde_json::to_string(&data)
        .map_err(|e| Error::Invalid(format!("could not write the page's data: {e}")))?;
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let title = escape_html(title);
    let json = script_safe_json(&json);
    Ok(format!(
        "<!DOCTYPE html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">
<meta name=\"referrer\" content=\"no-referrer\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<meta name=\"generator\" content=\"Nacre\">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1 id=\"title\">{title}</h1>
<p id=\"summary\"></p>
<input id=\"search\" type=\"search\" placeholder=\"Search titles, links, notes and tags\" aria-label=\"Search\" autocomplete=\"off\" disabled>
<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>
</header>
<main>
<ul id=\"results\" class=\"results\" hidden></ul>
<ul id=\"tree\" class=\"tree\" role=\"tree\"></ul>
<noscript><p>This page needs JavaScript to show the tree.</p></noscript>
</main>
<script type=\"application/json\" id=\"nacre-data\">{json}</script>
<script>{SCRIPT}</script>
</body>
</html>
"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_data_can_close_the_script_element() {
        let mut link = Node::link("</script><script>alert(1)</script>", "javascript:alert(1)");
        link.note = "<!-- <img src=x onerror=alert(1)>".to_owned();
        let page = write(&Node::collection("T", vec![link])).expect("page");
        let start = page.find("id=\"nacre-data\">").expect("data element");
        let data = &page[start..];
        let end = data.find("</script>").expect("end of data");
        let inside = &data["id=\"nacre-data\">".len()..end];
        assert!(
            !inside.contains('<') && !inside.contains('>'),
            "raw angle brackets inside the data: {inside}"
        );
        assert!(
            !inside.contains("\"s\""),
            "a javascript: URL is marked safe"
        );
    }

    #[test]
    fn the_policy_allows_exactly_the_page_own_script_and_style() {
        let page = write(&Node::collection("T", vec![])).expect("page");
        assert!(page.contains(&format!("script-src {};", csp_hash(SCRIPT))));
        assert!(page.contains(&format!("style-src {};", csp_hash(STYLE))));
        assert!(page.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(page.contains(&format!("<style>{STYLE}</style>")));
        assert!(page.contains("default-src 'none'"));
    }
}
