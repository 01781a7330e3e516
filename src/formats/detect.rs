//! Finding a file's format from its content (never from its name): magic bytes for binary
//! formats, then the first structural words of text formats.
//!
//! Detection reads at most the first 64 KiB of a text file, and of a zip archive only its list
//! of entries (and the first bytes of a CSV in it). A OneTab file, a plain list of URLs and a
//! one-column CSV are told apart by their lines: URLs with ` | ` titles, bare URLs, a header.

use serde::Serialize;

use super::common::find;
use super::firefox::MOZLZ4_MAGIC;
use super::text_lists::{TextList, looks_like};
use super::zip::ZIP_MAGIC;

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
    /// Pocket's export zip (`part_000000.csv`..., `annotations/`), whatever its name.
    PocketZip,
    /// Pocket's CSV export (one part of its zip, or the CSV alone).
    PocketCsv,
    /// Pocket's old `ril_export.html` (Unread / Read Archive).
    PocketHtml,
    /// Raindrop's Export or Backup CSV.
    RaindropCsv,
    /// Instapaper's CSV export.
    InstapaperCsv,
    /// Instapaper's HTML export.
    InstapaperHtml,
    /// Diigo's CSV export (with or without its header).
    DiigoCsv,
    /// Matter's `_matter_history.csv`.
    MatterCsv,
    /// Readwise Reader's CSV export.
    ReadwiseCsv,
    /// A zip of CSV exports (Diigo's zip, Matter's `Archive.zip`).
    CsvZip,
    /// Another CSV with a URL column (linkding, mymind, a one-column list...).
    Csv,
    /// Pinboard's JSON export (or Delicious's).
    PinboardJson,
    /// Pinboard's (or Delicious's API) XML export.
    PinboardXml,
    /// Omnivore's `metadata_*.json`.
    OmnivoreJson,
    /// Omnivore's export zip.
    OmnivoreZip,
    /// Wallabag's JSON export (v1 or v2).
    WallabagJson,
    /// Linkwarden's JSON backup.
    LinkwardenJson,
    /// Karakeep's JSON export.
    KarakeepJson,
    /// An RSS or Atom feed.
    Feed,
    /// Opera's old hotlist (`bookmarks.adr`).
    OperaHotlist,
    /// OneTab's "Export URLs" text.
    OneTab,
    /// A plain list of URLs, one per line.
    UrlList,
    /// Nacre's own `.nacre.json` file.
    Native,
    /// A page Nacre wrote (`nacre export --format page`), which carries a native file inside.
    NacrePage,
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
            Format::PocketZip | Format::PocketCsv | Format::PocketHtml => "Pocket export",
            Format::RaindropCsv => "Raindrop.io export",
            Format::InstapaperCsv | Format::InstapaperHtml => "Instapaper export",
            Format::DiigoCsv => "Diigo export",
            Format::MatterCsv => "Matter export",
            Format::ReadwiseCsv => "Readwise Reader export",
            Format::CsvZip => "Zip of CSV bookmarks",
            Format::Csv => "CSV bookmarks",
            Format::PinboardJson => "Pinboard export",
            Format::PinboardXml => "Pinboard export",
            Format::OmnivoreJson | Format::OmnivoreZip => "Omnivore export",
            Format::WallabagJson => "Wallabag export",
            Format::LinkwardenJson => "Linkwarden backup",
            Format::KarakeepJson => "Karakeep export",
            Format::Feed => "Feed",
            Format::OperaHotlist => "Opera hotlist",
            Format::OneTab => "OneTab tabs",
            Format::UrlList => "List of links",
            Format::Native => "Nacre file",
            Format::NacrePage => "Nacre page",
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
    if bytes.starts_with(ZIP_MAGIC) {
        return detect_zip(bytes);
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
    // Before any other HTML: a Nacre page says so in its head.
    if has("<meta name=\"nacre-tree-sha256\"") {
        return Some(Format::NacrePage);
    }
    if has("<plist") && has("webbookmarktype") {
        return Some(Format::SafariPlist);
    }
    if has("<opml") {
        return Some(Format::Opml);
    }
    if has("<posts") && has("<post ") {
        return Some(Format::PinboardXml);
    }
    if has("<rss") || has("<feed") && has("www.w3.org/2005/atom") || has("purl.org/rss/1.0") {
        return Some(Format::Feed);
    }
    if has("<xbel") {
        return Some(Format::Xbel);
    }
    if has("pearltrees.com/rdf") {
        return Some(Format::PearltreesRdf);
    }
    if has("<title>pocket export</title>") || (has("<h1>unread</h1>") && has("<ul>")) {
        return Some(Format::PocketHtml);
    }
    if has("<title>instapaper: export</title>") || (has("<h1>unread</h1>") && has("<ol>")) {
        return Some(Format::InstapaperHtml);
    }
    if has("netscape-bookmark-file")
        || has("<dt>")
        || has("<dt ")
        || has("<h3")
        || (has("<a ") && has("href") && (has("time_added") || has("add_date")))
    {
        return Some(Format::NetscapeHtml);
    }
    if text.starts_with(b"opera hotlist version") {
        return Some(Format::OperaHotlist);
    }
    if !text.starts_with(b"<") {
        // Lines of URLs (OneTab, a pasted list) before CSV: a CSV's first line is a header.
        let original = strip_text_bom(bytes.get(..HEAD).unwrap_or(bytes));
        match looks_like(&String::from_utf8_lossy(original)) {
            Some(TextList::OneTab) => return Some(Format::OneTab),
            Some(TextList::UrlList) => return Some(Format::UrlList),
            None => {}
        }
        return detect_csv(text);
    }
    None
}

/// A zip archive's format, from the names of its entries (and a CSV entry's first line).
fn detect_zip(bytes: &[u8]) -> Option<Format> {
    let archive = super::zip::Archive::open(bytes, "").ok()?;
    let names = archive.names();
    if names.iter().any(|n| super::pocket::is_part(n)) {
        return Some(Format::PocketZip);
    }
    if names
        .iter()
        .any(|n| super::read_later_json::is_omnivore_metadata(n))
    {
        return Some(Format::OmnivoreZip);
    }
    (!super::csv_services::csv_entries(names).is_empty()).then_some(Format::CsvZip)
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
        if has("\"collections\"") && has("\"links\"") {
            return Some(Format::LinkwardenJson);
        }
        if has("\"bookmarks\"") && (has("\"content\"") || has("\"createdat\"")) {
            return Some(Format::KarakeepJson);
        }
        return None;
    }
    if has("\"is_archived\"") || has("\"is_starred\"") || (has("\"is_read\"") && has("\"is_fav\""))
    {
        return Some(Format::WallabagJson);
    }
    if has("\"savedat\"") || (has("\"slug\"") && has("\"labels\"")) {
        return Some(Format::OmnivoreJson);
    }
    if has("\"href\"") {
        return Some(Format::PinboardJson);
    }
    None
}

fn detect_csv(text: &[u8]) -> Option<Format> {
    use super::csv_services::Service;
    let first = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text)
        .records()
        .next()?
        .ok()?;
    let service = match Service::of_header(&first) {
        Some(service) => service,
        None if Service::is_diigo_row(&first) => Service::Diigo,
        None => return None,
    };
    Some(match service {
        Service::Pocket => Format::PocketCsv,
        Service::Raindrop => Format::RaindropCsv,
        Service::Instapaper => Format::InstapaperCsv,
        Service::Diigo => Format::DiigoCsv,
        Service::Matter => Format::MatterCsv,
        Service::Readwise => Format::ReadwiseCsv,
        Service::Generic => Format::Csv,
    })
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
