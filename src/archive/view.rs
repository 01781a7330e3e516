//! A snapshot made ready to be shown in the window's sandboxed view: its links lead back to
//! the app's copy protocol (`/open/ID?url=…`), which opens them in the system browser, so
//! that no click ever loads a web page inside the window.
//!
//! The snapshot itself is already disarmed (no script, frame or fetch: see `snapshot`); this
//! only changes where its links point, and removes any `<base>` a page might still carry.

use dom_query::Document;
use url::Url;

/// The snapshot `html` of the pearl `id`, its web links turned into `/open/ID?url=…` (a path
/// on the protocol the snapshot is served from), in-page anchors kept, other links removed.
pub(crate) fn for_viewing(html: &str, id: i64) -> String {
    let doc = Document::from(html);
    doc.select("base").remove();
    for a in doc.select("a[href], area[href]").nodes() {
        let href = a
            .attr("href")
            .map(|h| h.trim().to_owned())
            .unwrap_or_default();
        if href.starts_with('#') {
            continue;
        }
        match Url::parse(&href) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => {
                let encoded: String =
                    url::form_urlencoded::byte_serialize(u.as_str().as_bytes()).collect();
                a.set_attr("href", &format!("/open/{id}?url={encoded}"));
            }
            _ => a.remove_attr("href"),
        }
    }
    doc.html().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_lead_to_the_open_path_and_others_go() {
        let out = for_viewing(
            r##"<html><head><base href="https://evil.example/"></head><body>
            <a href="https://site.example/a?b=1&c=2">web</a> <a href="#top">anchor</a>
            <a href="file:///etc/passwd">file</a></body></html>"##,
            42,
        );
        assert!(
            out.contains("href=\"/open/42?url=https%3A%2F%2Fsite.example%2Fa%3Fb%3D1%26c%3D2\""),
            "{out}"
        );
        assert!(out.contains("href=\"#top\""), "{out}");
        assert!(!out.contains("file:"), "{out}");
        assert!(!out.contains("<base"), "{out}");
    }
}
