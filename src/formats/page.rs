//! Writing a tree as one self-contained HTML page: the tree with its pearls (round pearls with
//! their favicons, collections that open and close), and a search box, working offline in any
//! modern browser and asking nothing from anywhere.
//!
//! The page carries the exact native document (`native.rs`) in a data block, `#nacre-tree`:
//! the page's own script shows that same block, and Nacre imports the page as it would the
//! native file ([`read`]). The block's SHA-256 in the page's head tells a complete, unedited
//! tree from one cut short or changed by hand.
//!
//! Safety rests on three things, each enough on its own for markup in the tree:
//! - the tree travels as JSON inside `<script type="application/json">`, with every `<`, `>` and
//!   `&` written as `\u003c`, `\u003e`, `\u0026`, so no text in it can close the element;
//! - the page's script (`page/page.js`) builds the tree with DOM calls and `textContent` only,
//!   never `innerHTML`, and makes a link clickable only for `http`, `https` and `mailto` URLs,
//!   opening it in a new tab with `rel="noopener noreferrer"`;
//! - a Content-Security-Policy `<meta>` allows nothing by default (`default-src 'none'`), the
//!   one script and the one style only by their SHA-256 hashes, and images only as `data:`
//!   URIs (the favicons).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub mod read;
mod words;

pub use words::PageLanguage;

use super::license;
use super::native::{self, DocumentRef};
use super::tree::{Credit, Node};
use super::write_common::{Targets, escape_html};
use crate::error::{Error, Result};

const SCRIPT: &str = include_str!("page/page.js");
const STYLE: &str = include_str!("page/page.css");

/// The name of the `<meta>` that holds the SHA-256 (hex) of the tree block's text.
pub const TREE_HASH_META: &str = "nacre-tree-sha256";

/// The opening tag of the block that holds the native document.
pub const TREE_BLOCK_OPEN: &str = "<script type=\"application/json\" id=\"nacre-tree\">";

/// What the page's script needs besides the tree: its words and its language.
#[derive(Serialize)]
struct PageData<'a> {
    /// The page's title (the tree's shown title).
    title: &'a str,
    /// The page's language tag, for its dates.
    lang: &'static str,
    /// The page's own words in that language.
    words: words::Words,
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
    // Byte by byte, copying the runs between the characters to replace (a char by char loop
    // was a fifth of writing a 100k page): `<`, `>` and `&` are one byte each, U+2028 and
    // U+2029 the three bytes E2 80 A8 and E2 80 A9.
    let bytes = json.as_bytes();
    let mut copied = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let replacement = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0xE2 => match json.get(at..at + 3) {
                Some("\u{2028}") => "\\u2028",
                Some("\u{2029}") => "\\u2029",
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(json.get(copied..at).unwrap_or_default());
        out.push_str(replacement);
        copied = at + if b == 0xE2 { 3 } else { 1 };
    }
    out.push_str(json.get(copied..).unwrap_or_default());
    out
}

/// Writes `root` as one self-contained HTML page, in English.
///
/// # Errors
/// [`Error::Invalid`] only if serialisation fails, which plain data cannot make it do.
pub fn write(root: &Node) -> Result<String> {
    write_in(root, PageLanguage::En)
}

/// Writes `root` as one self-contained HTML page whose own words are in `lang`.
///
/// # Errors
/// As [`write()`].
pub fn write_in(root: &Node, lang: PageLanguage) -> Result<String> {
    write_credited(root, lang, &Credit::default())
}

/// Writes `root` as one self-contained HTML page in `lang`, with the curator's `credit` at its
/// top (and in its tree block, so an import keeps it).
///
/// # Errors
/// As [`write()`].
pub fn write_credited(root: &Node, lang: PageLanguage, credit: &Credit) -> Result<String> {
    let words = lang.words();
    let search_words = escape_html(words.search);
    let needs_script = escape_html(words.needs_script);
    let credit_html = credit_html(credit, &words);
    let title = Targets::of(root).shown_title(root);
    let page = serde_json::to_string(&PageData {
        title,
        lang: lang.tag(),
        words,
    })
    .map_err(|e| Error::Invalid(format!("could not write the page's data: {e}")))?;
    let credit = credit.cleaned();
    let tree = native::write_document(&DocumentRef::now(root, &credit))?;
    let tree = std::str::from_utf8(tree.trim_ascii_end())
        .map_err(|e| Error::Invalid(format!("could not write the page's tree: {e}")))?;
    let tree = script_safe_json(tree);
    let tree_hash = hex_digest(&tree);
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let title = escape_html(title);
    let page = script_safe_json(&page);
    let lang = lang.tag();
    Ok(format!(
        "<!DOCTYPE html>
<html lang=\"{lang}\">
<head>
<meta charset=\"utf-8\">
<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">
<meta name=\"referrer\" content=\"no-referrer\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<meta name=\"generator\" content=\"Nacre\">
<meta name=\"{TREE_HASH_META}\" content=\"{tree_hash}\">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1 id=\"title\">{title}</h1>
{credit_html}<p id=\"summary\"></p>
<input id=\"search\" type=\"search\" placeholder=\"{search_words}\" aria-label=\"{search_words}\" autocomplete=\"off\" disabled>
<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>
</header>
<main>
<ul id=\"results\" class=\"results\" hidden></ul>
<ul id=\"tree\" class=\"tree\" role=\"tree\"></ul>
<noscript><p>{needs_script}</p></noscript>
</main>
<script type=\"application/json\" id=\"nacre-page\">{page}</script>
{TREE_BLOCK_OPEN}{tree}</script>
<script>{SCRIPT}</script>
</body>
</html>
"
    ))
}

/// The credit at the top of the page, written by Nacre as escaped text (a Creative Commons
/// licence links to its deed); empty when there is none.
fn credit_html(credit: &Credit, words: &words::Words) -> String {
    let credit = credit.cleaned();
    let mut parts = Vec::new();
    if let Some(curator) = &credit.curator {
        parts.push(format!(
            "{} <span class=\"curator\">{}</span>",
            escape_html(words.by),
            escape_html(curator)
        ));
    }
    if let Some(text) = &credit.license {
        let shown = match license::known(text) {
            Some(l) => format!(
                "<a class=\"license\" rel=\"license noopener noreferrer\" target=\"_blank\" href=\"{}\">{}</a>",
                l.url,
                escape_html(l.name)
            ),
            None => format!("<span class=\"license\">{}</span>", escape_html(text)),
        };
        parts.push(format!("{} {shown}", escape_html(words.license)));
    }
    let mut html = String::new();
    if !parts.is_empty() {
        html.push_str(&format!(
            "<p id=\"credit\" class=\"credit\">{}</p>\n",
            parts.join(" · ")
        ));
    }
    if let Some(description) = &credit.description {
        html.push_str(&format!(
            "<p id=\"description\" class=\"description\">{}</p>\n",
            escape_html(description)
        ));
    }
    html
}

/// The SHA-256 of `text`, in lower-case hex: what the page's head says of its tree block.
pub fn hex_digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_data_can_close_the_script_element() {
        let mut link = Node::link("</script><script>alert(1)</script>", "javascript:alert(1)");
        link.note = "<!-- <img src=x onerror=alert(1)>".to_owned();
        let page = write(&Node::collection("T", vec![link])).expect("page");
        let start = page.find("id=\"nacre-tree\">").expect("data element");
        let data = &page[start..];
        let end = data.find("</script>").expect("end of data");
        let inside = &data["id=\"nacre-tree\">".len()..end];
        assert!(
            !inside.contains('<') && !inside.contains('>'),
            "raw angle brackets inside the data: {inside}"
        );
        let tree = read::tree_of(page.as_bytes(), "page").expect("the block reads back");
        assert_eq!(
            tree.roots[0].children()[0].note,
            "<!-- <img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn script_safe_json_replaces_exactly_what_could_end_the_script() {
        let text = "<a href=\"x\">é & \u{2028}\u{2029} ∑ 漢 \u{2027}\u{202a} 😀></a>&";
        let reference: String = text
            .chars()
            .map(|c| match c {
                '<' => "\\u003c".to_owned(),
                '>' => "\\u003e".to_owned(),
                '&' => "\\u0026".to_owned(),
                '\u{2028}' => "\\u2028".to_owned(),
                '\u{2029}' => "\\u2029".to_owned(),
                c => c.to_string(),
            })
            .collect();
        assert_eq!(script_safe_json(text), reference);
        assert_eq!(script_safe_json(""), "");
        assert_eq!(script_safe_json("plain"), "plain");
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
