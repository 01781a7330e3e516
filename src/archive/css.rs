//! What a stylesheet fetches: the `url(...)` references and `@import` strings of CSS text,
//! found and replaced in place, so a snapshot can carry each one inside it (or nothing).
//!
//! A small scanner, not a CSS parser: it skips comments and strings, and knows the two ways
//! CSS names another resource. Everything else of the text is left byte for byte.

use std::ops::Range;

/// One reference to another resource in CSS text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CssRef {
    /// The bytes to replace: the whole `url(...)`, or the string after `@import`.
    pub(crate) span: Range<usize>,
    /// The reference as written, unquoted and unescaped.
    pub(crate) target: String,
    /// Whether it is an `@import` (a stylesheet), else a `url()` (an image or a font).
    pub(crate) import: bool,
}

/// Every reference in `css`, in order.
pub(crate) fn refs(css: &str) -> Vec<CssRef> {
    let bytes = css.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 2);
            }
            b'"' | b'\'' => i = string_end(bytes, i),
            b'@' if starts_with_ignore_case(&bytes[i + 1..], b"import") => {
                let mut j = skip_space(bytes, i + 7);
                if matches!(bytes.get(j), Some(b'"' | b'\'')) {
                    let end = string_end(bytes, j);
                    let inner = css.get(j + 1..end.saturating_sub(1)).unwrap_or("");
                    out.push(CssRef {
                        span: j..end,
                        target: unescape(inner),
                        import: true,
                    });
                    i = end;
                } else if let Some((found, end)) = url_at(css, j) {
                    out.push(CssRef {
                        span: j..end,
                        target: found,
                        import: true,
                    });
                    i = end;
                } else {
                    j = j.max(i + 1);
                    i = j;
                }
            }
            b'u' | b'U' if i == 0 || !is_name_byte(bytes[i - 1]) => {
                if let Some((found, end)) = url_at(css, i) {
                    out.push(CssRef {
                        span: i..end,
                        target: found,
                        import: false,
                    });
                    i = end;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// `css` with each reference replaced by `url("…")` of what `replace` gives for it (`None`:
/// an empty `data:` URL, so nothing is fetched).
pub(crate) fn rewrite(css: &str, mut replace: impl FnMut(&CssRef) -> Option<String>) -> String {
    let mut out = String::with_capacity(css.len());
    let mut at = 0;
    for r in refs(css) {
        out.push_str(css.get(at..r.span.start).unwrap_or(""));
        let with = replace(&r).unwrap_or_else(|| "data:,".to_owned());
        out.push_str("url(\"");
        out.push_str(&with.replace('\\', "\\\\").replace('"', "\\\""));
        out.push_str("\")");
        at = r.span.end;
    }
    out.push_str(css.get(at..).unwrap_or(""));
    out
}

/// A `url(...)` starting at `at`: its target and where it ends.
fn url_at(css: &str, at: usize) -> Option<(String, usize)> {
    let bytes = css.as_bytes();
    if !starts_with_ignore_case(bytes.get(at..)?, b"url(") {
        return None;
    }
    let mut j = skip_space(bytes, at + 4);
    let target = if matches!(bytes.get(j), Some(b'"' | b'\'')) {
        let end = string_end(bytes, j);
        let inner = css.get(j + 1..end.saturating_sub(1)).unwrap_or("");
        j = skip_space(bytes, end);
        unescape(inner)
    } else {
        let start = j;
        while j < bytes.len() && bytes[j] != b')' && !bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let raw = css.get(start..j).unwrap_or("");
        j = skip_space(bytes, j);
        unescape(raw)
    };
    (bytes.get(j) == Some(&b')')).then(|| (target, j + 1))
}

/// Where the string opening at `at` ends (just after its closing quote, or the text's end).
fn string_end(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut j = at + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b if b == quote => return j + 1,
            b'\n' => return j,
            _ => j += 1,
        }
    }
    bytes.len()
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

/// CSS escapes: `\` before a character stands for it; hex escapes become their character.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
            hex.extend(chars.next());
        }
        if hex.is_empty() {
            out.extend(chars.next());
        } else {
            if chars.peek() == Some(&' ') {
                chars.next();
            }
            out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_imports_are_found_outside_comments_and_strings() {
        let css = r#"@import "base.css"; @import url(print.css) print;
            /* url(commented.png) */ .a { content: "url(in-a-string.png)"; }
            .b { background: URL( 'img/b\'s.png' ) no-repeat, url(c.svg#x); }
            .d { mask: curl(no.png); }"#;
        let found: Vec<(String, bool)> = refs(css)
            .into_iter()
            .map(|r| (r.target, r.import))
            .collect();
        assert_eq!(
            found,
            [
                ("base.css".to_owned(), true),
                ("print.css".to_owned(), true),
                ("img/b's.png".to_owned(), false),
                ("c.svg#x".to_owned(), false),
            ]
        );
    }

    #[test]
    fn rewriting_replaces_only_the_references() {
        let css = "@import 'a.css';\n.x{background:url(b.png) red}.y{src:url(\"f.woff\")}";
        let out = rewrite(css, |r| {
            (r.target == "b.png").then(|| "data:image/png;base64,AA".into())
        });
        assert_eq!(
            out,
            "@import url(\"data:,\");\n.x{background:url(\"data:image/png;base64,AA\") red}.y{src:url(\"data:,\")}"
        );
    }

    #[test]
    fn broken_css_never_panics() {
        for css in [
            "url(",
            "@import",
            "@import '",
            "u",
            "/*",
            "url('x",
            "\\",
            "@imp",
            "é url(é)",
        ] {
            let _ = rewrite(css, |_| None);
        }
        assert_eq!(refs("é url(é)")[0].target, "é");
    }
}
