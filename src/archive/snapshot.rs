//! The self-contained snapshot of a page: one HTML file with its images and stylesheets
//! inside it as `data:` URLs and nothing that can run or reach the network.
//!
//! Pure, in two steps around the network (done by `page`): `wanted` lists what the page
//! would fetch (images, stylesheets, icons), and `assemble` writes the snapshot from the page
//! and the assets that were fetched. Both parse the page with `dom_query` (html5ever, the
//! parser the core already uses).
//!
//! What is removed: every `<script>`, frame, object, embed and `<base>`; `<meta http-equiv>`
//! (refreshes, the page's own policies); every `on…` handler attribute; `javascript:` and
//! `vbscript:` URLs; `srcset` and `<source>` (one image is kept); preloads and other `<link>`s;
//! media sources. What is not inlined points at an empty `data:` URL. A Content-Security-Policy
//! `<meta>` at the top forbids scripts, frames and every fetch except `data:`, in case
//! anything was missed.

use std::collections::HashMap;

use dom_query::{Document, NodeRef};
use url::Url;

use super::css;

/// The policy written into every snapshot (the window serves it as a header too).
pub const SNAPSHOT_CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; font-src data:; media-src data:; form-action 'none'; base-uri 'none'";

/// Elements removed with everything inside them.
const REMOVED: &str = "script, iframe, frame, frameset, object, embed, applet, base, portal, \
    meta[http-equiv], source, track, param";

/// Attributes whose value is a URL a browser would load or follow.
const URL_ATTRIBUTES: [&str; 7] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
];

/// What a page asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AssetKind {
    /// An image (`<img>`, icons, CSS backgrounds, fonts: anything used as a `data:` URL).
    Image,
    /// A stylesheet (`<link rel=stylesheet>`), whose own references are then fetched.
    Stylesheet,
}

/// What was fetched for a snapshot, by absolute URL.
#[derive(Debug, Default)]
pub(crate) struct Assets {
    /// Images and fonts, as `data:` URLs.
    pub(crate) data_urls: HashMap<Url, String>,
    /// Stylesheets, their references already inlined.
    pub(crate) stylesheets: HashMap<Url, String>,
}

/// The URL the page's relative references are resolved against: its `<base href>` if it has
/// one, else where it was found.
fn base_of(doc: &Document, page_url: &Url) -> Url {
    doc.select("base[href]")
        .nodes()
        .first()
        .and_then(|b| b.attr("href"))
        .and_then(|href| page_url.join(href.trim()).ok())
        .unwrap_or_else(|| page_url.clone())
}

/// An http(s) URL for `reference` against `base`, or `None` (`data:`, fragments, others).
fn web_url(base: &Url, reference: &str) -> Option<Url> {
    let reference = reference.trim();
    if reference.is_empty() || reference.starts_with('#') {
        return None;
    }
    let mut url = base.join(reference).ok()?;
    url.set_fragment(None);
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// The image an `<img>` shows: its `src`, else a lazy-loading attribute, else the first of its
/// `srcset`.
fn image_source(img: &NodeRef<'_>) -> Option<String> {
    let src = img.attr("src").map(|s| s.to_string());
    if let Some(src) = src
        .as_ref()
        .filter(|s| !s.trim().is_empty() && !s.starts_with("data:"))
    {
        return Some(src.clone());
    }
    for lazy in ["data-src", "data-lazy-src", "data-original"] {
        if let Some(v) = img.attr(lazy).filter(|v| !v.trim().is_empty()) {
            return Some(v.to_string());
        }
    }
    if let Some(first) = img
        .attr("srcset")
        .and_then(|s| s.split(',').next().map(|c| c.trim().to_owned()))
        .and_then(|c| c.split_whitespace().next().map(str::to_owned))
    {
        return Some(first);
    }
    src
}

/// The `rel` words of a `<link>`, lower-cased.
fn rels(link: &NodeRef<'_>) -> Vec<String> {
    link.attr("rel")
        .map(|r| r.split_whitespace().map(str::to_ascii_lowercase).collect())
        .unwrap_or_default()
}

fn is_icon(rels: &[String]) -> bool {
    rels.iter().any(|r| r == "icon" || r == "apple-touch-icon")
}

/// Everything the page would fetch to show itself, in page order, without repeats.
pub(crate) fn wanted(html: &str, page_url: &Url) -> Vec<(Url, AssetKind)> {
    let doc = Document::from(html);
    let base = base_of(&doc, page_url);
    let mut out: Vec<(Url, AssetKind)> = Vec::new();
    let mut add = |url: Option<Url>, kind| {
        if let Some(url) = url
            && !out.iter().any(|(u, _)| *u == url)
        {
            out.push((url, kind));
        }
    };
    for link in doc.select("link[href]").nodes() {
        let rels = rels(link);
        let href = link.attr("href").map(|h| h.to_string()).unwrap_or_default();
        if rels.iter().any(|r| r == "stylesheet") {
            add(web_url(&base, &href), AssetKind::Stylesheet);
        } else if is_icon(&rels) {
            add(web_url(&base, &href), AssetKind::Image);
        }
    }
    for img in doc.select("img, input[type=image]").nodes() {
        add(
            image_source(img).and_then(|s| web_url(&base, &s)),
            AssetKind::Image,
        );
    }
    for el in doc.select("video[poster]").nodes() {
        let poster = el.attr("poster").map(|p| p.to_string()).unwrap_or_default();
        add(web_url(&base, &poster), AssetKind::Image);
    }
    for style in doc.select("style").nodes() {
        for r in css::refs(&style.text()) {
            let kind = if r.import {
                AssetKind::Stylesheet
            } else {
                AssetKind::Image
            };
            add(web_url(&base, &r.target), kind);
        }
    }
    for el in doc.select("[style]").nodes() {
        let style = el.attr("style").map(|s| s.to_string()).unwrap_or_default();
        for r in css::refs(&style) {
            add(web_url(&base, &r.target), AssetKind::Image);
        }
    }
    out
}

/// CSS of the page (a `<style>`, a `style=""`, a fetched stylesheet at `base`) with its
/// references made `data:` URLs from `assets`, or emptied.
pub(crate) fn inline_css(text: &str, base: &Url, assets: &Assets) -> String {
    css::rewrite(text, |r| {
        if r.target.trim_start().starts_with("data:") {
            // Inside already (a page's own, or inlined by an earlier pass).
            return Some(r.target.clone());
        }
        let url = web_url(base, &r.target)?;
        if r.import {
            let sheet = assets.stylesheets.get(&url)?;
            Some(data_url("text/css", sheet.as_bytes()))
        } else {
            assets.data_urls.get(&url).cloned()
        }
    })
}

/// A `data:` URL of `bytes`.
pub(crate) fn data_url(mime: &str, bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// Whether a URL attribute's value would run code when followed.
fn runs_code(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:")
        || squeezed.starts_with("vbscript:")
        || squeezed.starts_with("data:text/html")
}

/// Removes from `doc` everything that could run or load: see the module's documentation.
fn disarm(doc: &Document) {
    doc.select(REMOVED).remove();
    for link in doc.select("link").nodes() {
        let rels = rels(link);
        if !rels.iter().any(|r| r == "stylesheet") && !is_icon(&rels) {
            link.remove_from_parent();
        }
    }
    for el in doc.select("*").nodes() {
        // By local name (`xlink:href` is `href`), as dom_query finds and removes them.
        let names: Vec<String> = el
            .attrs()
            .iter()
            .map(|a| a.name.local.to_string())
            .collect();
        for name in names {
            let lower = name.to_ascii_lowercase();
            let handler = lower.starts_with("on");
            let dangerous_url = URL_ATTRIBUTES.contains(&lower.as_str())
                && el.attr(&name).is_some_and(|v| runs_code(&v));
            if handler || dangerous_url || lower == "ping" || lower == "srcdoc" {
                el.remove_attr(&name);
            }
        }
    }
    for el in doc.select("img, source").nodes() {
        el.remove_attrs(&[
            "srcset",
            "sizes",
            "data-src",
            "data-lazy-src",
            "data-original",
        ]);
    }
    for el in doc.select("video, audio").nodes() {
        el.remove_attr("src");
    }
    for form in doc.select("form").nodes() {
        form.remove_attr("action");
    }
}

/// An article fragment (from readability) with nothing in it that could run or load: images
/// become their alt text.
pub(crate) fn clean_fragment(html: &str) -> String {
    let doc = Document::fragment(html);
    disarm(&doc);
    doc.select("link, style").remove();
    for img in doc.select("img, picture, svg, video, audio, input").nodes() {
        let alt = img
            .attr("alt")
            .map(|a| a.trim().to_owned())
            .unwrap_or_default();
        if alt.is_empty() {
            img.remove_from_parent();
        } else {
            img.replace_with_html(format!("<em class=\"alt\">{}</em>", escape_text(&alt)));
        }
    }
    for el in doc.select("[style]").nodes() {
        el.remove_attr("style");
    }
    doc.html().to_string()
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The snapshot of the page `html` found at `page_url`, with `assets` inside it, saved at
/// `saved_at` (shown in a comment at the top).
pub(crate) fn assemble(html: &str, page_url: &Url, assets: &Assets, saved_at: &str) -> String {
    let doc = Document::from(html);
    let base = base_of(&doc, page_url);
    disarm(&doc);
    doc.select("meta[charset]").remove();
    let asset = |reference: &str| -> String {
        if reference.trim_start().starts_with("data:") && !runs_code(reference) {
            return reference.trim().to_owned();
        }
        web_url(&base, reference)
            .and_then(|u| assets.data_urls.get(&u).cloned())
            .unwrap_or_else(|| "data:,".to_owned())
    };
    for link in doc.select("link").nodes() {
        let href = link.attr("href").map(|h| h.to_string()).unwrap_or_default();
        if rels(link).iter().any(|r| r == "stylesheet") {
            let sheet = web_url(&base, &href).and_then(|u| assets.stylesheets.get(&u));
            match sheet {
                Some(sheet) => {
                    let media = link
                        .attr("media")
                        .map(|m| format!(" media=\"{}\"", escape_text(&m)))
                        .unwrap_or_default();
                    let sheet = sheet.replace("</style", "<\\/style");
                    link.replace_with_html(format!("<style{media}>{sheet}</style>"));
                }
                None => link.remove_from_parent(),
            }
        } else {
            link.set_attr("href", &asset(&href));
        }
    }
    for img in doc.select("img, input[type=image]").nodes() {
        let source = image_source(img).unwrap_or_default();
        img.set_attr("src", &asset(&source));
    }
    for el in doc.select("video[poster]").nodes() {
        let poster = el.attr("poster").map(|p| p.to_string()).unwrap_or_default();
        el.set_attr("poster", &asset(&poster));
    }
    for style in doc.select("style").nodes() {
        let text = style.text().to_string();
        let inlined = inline_css(&text, &base, assets).replace("</style", "<\\/style");
        if inlined != text {
            style.set_text(inlined);
        }
    }
    for el in doc.select("[style]").nodes() {
        let text = el.attr("style").map(|s| s.to_string()).unwrap_or_default();
        el.set_attr("style", &inline_css(&text, &base, assets));
    }
    for a in doc.select("a[href], area[href]").nodes() {
        let href = a.attr("href").map(|h| h.to_string()).unwrap_or_default();
        if !href.trim().starts_with('#')
            && let Ok(absolute) = base.join(href.trim())
        {
            a.set_attr("href", absolute.as_str());
        }
    }
    if let Some(head) = doc.head() {
        head.prepend_html(format!(
            "<meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{SNAPSHOT_CSP}\">\
             <meta name=\"nacre-snapshot\" content=\"{} {}\">",
            escape_text(page_url.as_str()),
            escape_text(saved_at)
        ));
    }
    let mut out = doc.html().to_string();
    if !out
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("<!doctype")
    {
        out.insert_str(0, "<!DOCTYPE html>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_url() -> Url {
        Url::parse("https://site.example/articles/one.html").expect("url")
    }

    const PAGE: &str = r#"<!doctype html><html><head><meta charset="windows-1252">
        <meta http-equiv="refresh" content="0;url=https://elsewhere.example/">
        <link rel="stylesheet" href="/css/site.css" media="screen">
        <link rel="preload" href="/js/app.js" as="script"><link rel="icon" href="/favicon.png">
        <style>body { background: url('../img/bg.png') }</style>
        <script src="https://tracker.example/t.js"></script>
        <script>fetch('https://tracker.example/hit')</script></head>
        <body onload="alert(1)"><a href="javascript:alert(2)">bad</a> <a href="../other.html">other</a>
        <img src="../img/photo.jpg" srcset="../img/photo-2x.jpg 2x" onerror="alert(3)" alt="photo">
        <img data-src="/img/lazy.png" alt="lazy">
        <iframe src="https://ads.example/"></iframe><div style="background-image:url(/img/div.gif)">x</div>
        <svg><script>alert(4)</script><a xlink:href="javascript:alert(5)"><text>t</text></a></svg>
        </body></html>"#;

    #[test]
    fn what_the_page_would_fetch_is_listed_once_each() {
        let urls: Vec<String> = wanted(PAGE, &page_url())
            .into_iter()
            .map(|(u, k)| format!("{k:?} {u}"))
            .collect();
        assert_eq!(
            urls,
            [
                "Stylesheet https://site.example/css/site.css",
                "Image https://site.example/favicon.png",
                "Image https://site.example/img/photo.jpg",
                "Image https://site.example/img/lazy.png",
                "Image https://site.example/img/bg.png",
                "Image https://site.example/img/div.gif",
            ]
        );
    }

    #[test]
    fn the_snapshot_has_its_assets_inside_and_nothing_that_runs() {
        let mut assets = Assets::default();
        let u = |p: &str| page_url().join(p).expect("url");
        assets
            .data_urls
            .insert(u("/img/photo.jpg"), "data:image/jpeg;base64,PHOTO".into());
        assets
            .data_urls
            .insert(u("/img/bg.png"), "data:image/png;base64,BG".into());
        assets
            .stylesheets
            .insert(u("/css/site.css"), "h1 { color: red }".into());
        let out = assemble(PAGE, &page_url(), &assets, "2026-12-01");
        let lower = out.to_ascii_lowercase();
        for gone in [
            "<script",
            "<iframe",
            "onload",
            "onerror",
            "javascript:",
            "tracker.example",
            "refresh",
            "preload",
            "srcset",
            "windows-1252",
        ] {
            assert!(!lower.contains(gone), "{gone:?} left in:\n{out}");
        }
        assert!(out.contains("data:image/jpeg;base64,PHOTO"), "{out}");
        assert!(out.contains("url(\"data:image/png;base64,BG\")"), "{out}");
        assert!(
            out.contains("<style media=\"screen\">h1 { color: red }</style>"),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://site.example/other.html\""),
            "{out}"
        );
        assert!(out.contains(SNAPSHOT_CSP), "{out}");
        assert!(out.contains("<meta charset=\"utf-8\">"), "{out}");
        assert!(
            !out.contains("src=\"/img/lazy.png\"") && !out.contains("https://site.example/img"),
            "assets not fetched point nowhere:\n{out}"
        );
    }

    #[test]
    fn an_article_fragment_keeps_text_and_alt_text_only() {
        let out = clean_fragment(
            r#"<div><p onclick="x()">Text <img src="https://a.example/i.png" alt="a cat"> and
               <a href="javascript:x()">link</a></p><script>x()</script><img src="y.png"></div>"#,
        );
        assert!(out.contains("<em class=\"alt\">a cat</em>"), "{out}");
        for gone in ["<img", "onclick", "javascript:", "<script"] {
            assert!(!out.contains(gone), "{gone:?} left in {out}");
        }
    }
}
