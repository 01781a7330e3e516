//! Finding a file's format from its content (never from its name): magic bytes for binary
//! formats, then the first structural words of text formats.
//!
//! Detection reads at most the first 64 KiB (and the whole file only for valid JSON's root
//! keys, which sit at the start in every producer seen).

use serde::Serialize;

use super::common::find;
use super::firefox::MOZLZ4_MAGIC;

/// A format Nacre imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// Netscape bookmark HTML (every browser's export; also Pocket's old HTML).
    NetscapeHtml,
    /// Chrome-family `Bookmarks` JSON.
    ChromeJson,
    /// A Firefox JSON backup.
    FirefoxJson,
    /// A Firefox `.jsonlz4` backup.
    FirefoxJsonLz4,
    /// Firefox's `places.sqlite`.
    FirefoxPlaces,
    /// Safari's `Bookmarks.plist` (binary or XML).
    SafariPlist,
    /// A Pearltrees RDF export.
    PearltreesRdf,
    /// OPML.
    Opml,
    /// XBEL.
    Xbel,
    /// Pocket's CSV export.
    PocketCsv,
    /// Raindrop's CSV export.
    RaindropCsv,
    /// Another CSV with a URL column (Instapaper, linkding, mymind...).
    Csv,
    /// Pinboard's JSON export.
    PinboardJson,
    /// Nacre's own `.nacre.json` file.
    Native,
}

impl Format {
    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            Format::NetscapeHtml => "Bookmark HTML",
            Format::ChromeJson => "Chrome bookmarks",
            Format::FirefoxJson | Format::FirefoxJsonLz4 => "Firefox backup",
            Format::FirefoxPlaces => "Firefox bookmarks",
            Format::SafariPlist => "Safari bookmarks",
            Format::PearltreesRdf => "Pearltrees",
            Format::Opml => "OPML",
            Format::Xbel => "XBEL",
            Format::PocketCsv => "Pocket",
            Format::RaindropCsv => "Raindrop",
            Format::Csv => "CSV bookmarks",
            Format::PinboardJson => "Pinboard",
            Format::Native => "Nacre file",
        }
    }
}

const HEAD: usize = 64 * 1024;

/// The format of `bytes`, or `None` when they are no bookmark format Nacre reads.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(MOZLZ4_MAGIC) {
        return Some(Format::FirefoxJsonLz4);
    }
    if bytes.starts_with(b"SQLite format 3\0") {
        return Some(Format::FirefoxPlaces);
    }
    if bytes.starts_with(b"bplist00") {
        return Some(Format::SafariPlist);
    }
    let head = bytes.get(..HEAD).unwrap_or(bytes);
    let head = strip_text_bom(head);
    let lower: Vec<u8> = head
        .iter()
        .filter(|b| **b != 0) // UTF-16 text reads as ASCII with the zeros dropped
        .map(u8::to_ascii_lowercase)
        .collect();
    let start = lower.iter().position(|b| !b.is_ascii_whitespace())?;
    let text = lower.get(start..)?;
    let has = |needle: &str| find(text, needle.as_bytes()).is_some();
    if text.starts_with(b"{") || text.starts_with(b"[") {
        return detect_json(text);
    }
    if has("<plist") && has("webbookmarktype") {
        return Some(Format::SafariPlist);
    }
    if has("<opml") {
        return Some(Format::Opml);
    }
    if has("<xbel") {
        return Some(Format::Xbel);
    }
    if has("pearltrees.com/rdf") {
        return Some(Format::PearltreesRdf);
    }
    if has("netscape-bookmark-file")
        || has("<dt>")
        || has("<dt ")
        || has("<h3")
        || (has("<a ") && has("href") && (has("time_added") || has("add_date")))
    {
        return Some(Format::NetscapeHtml);
    }
    if !text.starts_with(b"<") {
        return detect_csv(text);
    }
    None
}

fn strip_text_bom(bytes: &[u8]) -> &[u8] {
    for bom in [&b"\xef\xbb\xbf"[..], b"\xff\xfe", b"\xfe\xff"] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return rest;
        }
    }
    bytes
}

fn detect_json(text: &[u8]) -> Option<Format> {
    let has = |needle: &str| find(text, needle.as_bytes()).is_some();
    if text.starts_with(b"{") {
        // Nacre's own files say so in their first key; checked first, since their nodes carry
        // keys ("type", "children") that other formats use too.
        if has("\"format\":\"nacre\"") || has("\"format\": \"nacre\"") {
            return Some(Format::Native);
        }
        if has("\"roots\"") && (has("\"bookmark_bar\"") || has("\"other\"") || has("\"type\"")) {
            return Some(Format::ChromeJson);
        }
        if has("text/x-moz-place") || has("\"typecode\"") || has("\"placesroot\"") {
            return Some(Format::FirefoxJson);
        }
        return None;
    }
    if has("\"href\"") {
        return Some(Format::PinboardJson);
    }
    None
}

fn detect_csv(text: &[u8]) -> Option<Format> {
    let first_line = text.split(|b| *b == b'\n').next()?;
    let header: Vec<String> = String::from_utf8_lossy(first_line)
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_owned())
        .collect();
    let has = |name: &str| header.iter().any(|c| c == name);
    if !has("url") {
        return None;
    }
    if has("time_added") {
        Some(Format::PocketCsv)
    } else if has("folder") && (has("excerpt") || has("created") || has("highlights")) {
        Some(Format::RaindropCsv)
    } else {
        Some(Format::Csv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_content() {
        let cases: [(&[u8], Option<Format>); 10] = [
            (
                b"{\"format\":\"nacre\",\"version\":1,\"root\":{\"type\":\"collection\"}}",
                Some(Format::Native),
            ),
            (
                b"<!DOCTYPE NETSCAPE-Bookmark-file-1>",
                Some(Format::NetscapeHtml),
            ),
            (b"\xef\xbb\xbf<DT><A HREF=x>", Some(Format::NetscapeHtml)),
            (
                b"{\"roots\": {\"bookmark_bar\": {}}}",
                Some(Format::ChromeJson),
            ),
            (
                b"{\"guid\":\"root________\",\"type\":\"text/x-moz-place-container\"}",
                Some(Format::FirefoxJson),
            ),
            (b"mozLz40\0\0\0\0\0", Some(Format::FirefoxJsonLz4)),
            (
                b"title,url,time_added,tags,status\n",
                Some(Format::PocketCsv),
            ),
            (b"[{\"href\":\"https://a\"}]", Some(Format::PinboardJson)),
            (b"<html><body><a href=x>hi</a></body></html>", None),
            (b"just some words", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(detect(bytes), want, "{}", String::from_utf8_lossy(bytes));
        }
    }
}
