//! Writing a tree as a static web site, ready for any static host: one page per collection at a
//! stable path made from its UUID (`c/<uuid>.html`; the exported collection is `index.html`),
//! breadcrumbs on every page, and a search page.
//!
//! The same rules as the single page: nothing from the tree is ever markup or script. The
//! collection pages have no script at all; the search page runs one fixed script
//! (`site/search.js`, allowed by its hash) that reads the index from a JSON data block with `<`,
//! `>` and `&` escaped. Links are made only for `http`, `https` and `mailto` URLs, images only
//! from `data:` URIs of image types; the Content-Security-Policy allows nothing else.

use std::collections::HashMap;
use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::license;
use super::tree::{Credit, Icon, Node, NodeKind};
use super::write_common::{Targets, escape_html, is_safe_link};
use crate::error::{Error, Result};

const SEARCH_SCRIPT: &str = include_str!("site/search.js");
const STYLE: &str = include_str!("site/site.css");

/// One file of the site: its path inside the site's folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Relative path, `/`-separated: `index.html`, `c/<uuid>.html`, `search.html`.
    pub path: String,
    /// The file's text.
    pub text: String,
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

fn csp_hash(text: &str) -> String {
    format!(
        "'sha256-{}'",
        BASE64.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The page path of the collection `node`, the `n`th one met: from its UUID when it is one.
fn page_path(node: &Node, n: usize) -> String {
    match node.uuid.as_deref() {
        Some(u)
            if !u.is_empty()
                && u.len() <= 64
                && u.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') =>
        {
            format!("c/{}.html", u.to_ascii_lowercase())
        }
        _ => format!("c/n{n}.html"),
    }
}

/// A link from the page at `from` to the page at `to` (both site paths).
fn relative(from: &str, to: &str) -> String {
    let from_sub = from.starts_with("c/");
    match (from_sub, to.strip_prefix("c/")) {
        (true, Some(file)) => file.to_owned(),
        (true, None) => format!("../{to}"),
        (false, _) => to.to_owned(),
    }
}

fn icon_html(icon: Option<&Icon>) -> String {
    match icon {
        Some(Icon::Data { mime, base64 })
            if IMAGE_TYPES.contains(&mime.as_str())
                && base64
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=') =>
        {
            format!("<img class=\"icon\" alt=\"\" src=\"data:{mime};base64,{base64}\">")
        }
        _ => String::new(),
    }
}

fn tags_html(tags: &[String]) -> String {
    if tags.is_empty() {
        return String::new();
    }
    let chips: Vec<String> = tags
        .iter()
        .map(|t| format!("<span class=\"tag\">#{}</span>", escape_html(t)))
        .collect();
    format!("<div class=\"tags\">{}</div>", chips.join(""))
}

fn note_html(note: &str) -> String {
    if note.is_empty() {
        String::new()
    } else {
        format!(
            "<div class=\"note\">{}</div>",
            escape_html(note).replace('\n', "<br>")
        )
    }
}

fn credit_html(credit: &Credit) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &credit.curator {
        parts.push(format!("By {}", escape_html(c)));
    }
    if let Some(l) = &credit.license {
        parts.push(match license::known(l) {
            Some(k) => format!(
                "<a rel=\"license noopener noreferrer\" href=\"{}\">{}</a>",
                k.url,
                escape_html(k.name)
            ),
            None => escape_html(l),
        });
    }
    let mut html = String::new();
    if !parts.is_empty() {
        let _ = write!(html, "<p class=\"credit\">{}</p>", parts.join(" · "));
    }
    if let Some(d) = &credit.description {
        let _ = write!(html, "<p class=\"credit\">{}</p>", escape_html(d));
    }
    html
}

/// A whole page: `body` already escaped; `script` the one script it may run, if any.
fn page(title: &str, path: &str, body: &str, script: Option<&str>) -> String {
    let script_src = script.map_or_else(|| "'none'".to_owned(), csp_hash);
    let csp = format!(
        "default-src 'none'; script-src {script_src}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE)
    );
    let search = relative(path, "search.html");
    let script = script.map_or_else(String::new, |s| format!("<script>{s}</script>\n"));
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"Nacre\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
{body}\n<footer><a href=\"{search}\">Search</a> · Made with Nacre</footer>\n{script}</body>\n</html>\n",
        escape_html(title)
    )
}

/// An entry of the search page's index.
#[derive(Serialize)]
struct IndexItem<'a> {
    t: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    u: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    s: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    n: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    g: &'a [String],
    /// The page it is on.
    p: String,
    /// That page's title.
    w: &'a str,
}

#[derive(Serialize)]
struct Index<'a> {
    title: &'a str,
    items: Vec<IndexItem<'a>>,
}

/// Writes `root` as a static site credited to `credit`.
///
/// # Errors
/// [`Error::Invalid`] only if the search index cannot be serialised.
pub fn write(root: &Node, credit: &Credit) -> Result<Vec<SiteFile>> {
    let targets = Targets::of(root);
    // Every collection's page path, and the collections aliases point at by key.
    let mut paths: HashMap<*const Node, String> = HashMap::new();
    let mut by_key: HashMap<&str, (String, &str)> = HashMap::new();
    let mut stack = vec![root];
    let mut n = 0;
    while let Some(node) = stack.pop() {
        if let NodeKind::Collection { children } = &node.kind {
            let path = if std::ptr::eq(node, root) {
                "index.html".to_owned()
            } else {
                n += 1;
                page_path(node, n)
            };
            if let Some(k) = &node.key {
                by_key.insert(k.as_str(), (path.clone(), targets.shown_title(node)));
            }
            paths.insert(std::ptr::from_ref(node), path);
            stack.extend(children.iter().rev());
        }
    }
    let mut files = Vec::new();
    let mut items = Vec::new();
    // (collection, its breadcrumbs: title and path of each collection above it)
    let mut pages: Vec<(&Node, Vec<(&str, String)>)> = vec![(root, Vec::new())];
    while let Some((node, crumbs)) = pages.pop() {
        let path = paths[&std::ptr::from_ref(node)].clone();
        let title = targets.shown_title(node);
        let title = if title.is_empty() { "Untitled" } else { title };
        let mut body = String::from("<header>");
        if !crumbs.is_empty() {
            let trail: Vec<String> = crumbs
                .iter()
                .map(|(t, p)| format!("<a href=\"{}\">{}</a>", relative(&path, p), escape_html(t)))
                .collect();
            let _ = write!(body, "<nav class=\"crumbs\">{} ›</nav>", trail.join(" › "));
        }
        let _ = write!(body, "<h1>{}</h1>", escape_html(title));
        if crumbs.is_empty() {
            body.push_str(&credit_html(credit));
        }
        body.push_str(&note_html(&node.note));
        body.push_str("</header>\n<main>\n<ul class=\"pearls\">\n");
        let mut below = crumbs.clone();
        below.push((title, path.clone()));
        for child in node.children() {
            let shown = targets.shown_title(child);
            match &child.kind {
                NodeKind::Collection { .. } => {
                    let to = &paths[&std::ptr::from_ref(child)];
                    let shown = if shown.is_empty() { "Untitled" } else { shown };
                    let _ = writeln!(
                        body,
                        "<li class=\"collection\"><a href=\"{}\">{}</a> <span class=\"note\">({} pearls)</span>{}</li>",
                        relative(&path, to),
                        escape_html(shown),
                        child.children().len(),
                        note_html(&child.note)
                    );
                    pages.push((child, below.clone()));
                }
                NodeKind::Link { url } => {
                    let text = if shown.is_empty() {
                        url.as_str()
                    } else {
                        shown
                    };
                    let safe = is_safe_link(url);
                    let head = if safe {
                        format!(
                            "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                            escape_html(url.trim()),
                            escape_html(text)
                        )
                    } else {
                        format!(
                            "<span title=\"{}\">{}</span>",
                            escape_html(url),
                            escape_html(text)
                        )
                    };
                    let _ = writeln!(
                        body,
                        "<li class=\"link\">{}{head}{}{}</li>",
                        icon_html(child.icon.as_ref()),
                        note_html(&child.note),
                        tags_html(&child.tags)
                    );
                    items.push(IndexItem {
                        t: text,
                        u: Some(url),
                        s: safe,
                        n: &child.note,
                        g: &child.tags,
                        p: path.clone(),
                        w: title,
                    });
                }
                NodeKind::Note => {
                    let _ = writeln!(
                        body,
                        "<li class=\"note-pearl\">{}{}</li>",
                        note_html(&child.note),
                        tags_html(&child.tags)
                    );
                    items.push(IndexItem {
                        t: shown,
                        u: None,
                        s: false,
                        n: &child.note,
                        g: &child.tags,
                        p: path.clone(),
                        w: title,
                    });
                }
                NodeKind::Section => {
                    let _ = writeln!(
                        body,
                        "</ul>\n<h2 class=\"section\">{}</h2>\n<ul class=\"pearls\">",
                        escape_html(shown)
                    );
                }
                NodeKind::Alias { target_key } => {
                    if let Some((to, target_title)) = by_key.get(target_key.as_str()) {
                        let text = if shown.is_empty() {
                            *target_title
                        } else {
                            shown
                        };
                        let _ = writeln!(
                            body,
                            "<li class=\"alias\">↪ <a href=\"{}\">{}</a></li>",
                            relative(&path, to),
                            escape_html(text)
                        );
                    }
                }
            }
        }
        body.push_str("</ul>\n</main>");
        files.push(SiteFile {
            text: page(title, &path, &body, None),
            path,
        });
    }
    let root_title = targets.shown_title(root);
    let index = Index {
        title: root_title,
        items,
    };
    let json = serde_json::to_string(&index)
        .map_err(|e| Error::Invalid(format!("could not write the search index: {e}")))?;
    let json = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    let body = format!(
        "<header><nav class=\"crumbs\"><a href=\"index.html\">{}</a> ›</nav><h1>Search</h1>\
<input id=\"q\" type=\"search\" placeholder=\"Search titles, links, notes and tags\" aria-label=\"Search\" autocomplete=\"off\" disabled>\
<p id=\"status\" class=\"note\" role=\"status\"></p></header>\n<main><ul id=\"found\" class=\"found pearls\"></ul></main>\n\
<script type=\"application/json\" id=\"site-index\">{json}</script>",
        escape_html(root_title)
    );
    files.push(SiteFile {
        path: "search.html".to_owned(),
        text: page("Search", "search.html", &body, Some(SEARCH_SCRIPT)),
    });
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_stable_paths_crumbs_and_no_script_from_the_tree() {
        let mut inner = Node::collection(
            "In <b>",
            vec![Node::link("x</script>", "javascript:alert(1)")],
        );
        inner.uuid = Some("0190-abc".into());
        let files = write(&Node::collection("Top", vec![inner]), &Credit::default()).unwrap();
        let inner = files
            .iter()
            .find(|f| f.path == "c/0190-abc.html")
            .expect("a stable path");
        assert!(inner.text.contains("<a href=\"../index.html\">Top</a> ›"));
        assert!(inner.text.contains("script-src 'none'"));
        assert!(!inner.text.contains("<script"));
        assert!(!inner.text.contains("href=\"javascript"));
        assert!(inner.text.contains("In &lt;b&gt;"));
        let search = files.iter().find(|f| f.path == "search.html").unwrap();
        assert!(search.text.contains("x\\u003c/script\\u003e"));
    }
}
