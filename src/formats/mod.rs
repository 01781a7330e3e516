//! Bookmark file formats: one module per format, each an importer and/or exporter, all meeting
//! at [`tree`], the format-neutral tree of [`tree::Node`]s.
//!
//! Importers turn bytes into an [`tree::ImportedTree`] without touching the library; the store
//! then adds that tree in one transaction (`Store::import_tree`). Exporters turn a
//! [`tree::Node`] tree read from the library (`Store::export_tree`) into bytes; [`export`] names
//! the formats and writes any of them.
//!
//! Reading a file: [`read_file`] (or [`read_bytes`]) finds the format from the content
//! ([`detect()`]), never from the name, and calls that format's reader. [`read_file_with`] and
//! [`read_bytes_with`] take [`ReadOptions`]: a progress callback and a cancel flag for the
//! window. [`browsers`] finds the browsers' own bookmark files on this computer.

use std::path::Path;

pub mod browsers;
pub mod chrome;
mod common;
pub mod csv_services;
pub mod detect;
pub mod export;
pub mod feed;
pub mod firefox;
mod html_lists;
pub mod kept;
pub mod markdown;
pub mod native;
pub mod netscape;
pub mod netscape_write;
pub mod never_fetched;
pub mod opera;
pub mod opml;
pub mod opml_write;
pub mod page;
pub mod pearltrees;
pub mod pinboard;
pub mod pocket;
pub mod preview;
pub mod read_later_json;
pub mod safari;
pub mod source_name;
pub mod text_lists;
pub mod tree;
pub mod write_common;
pub mod xbel;
mod xml;
mod zip;

pub use common::{ReadOptions, UnitsDone};
pub use detect::{Format, detect};

use crate::error::{Error, Result};
use common::{bad_file, decode_text};
use html_lists::ListWriter;
use source_name::source_name;
use tree::ImportedTree;

/// Reads a bookmark file of any format Nacre knows, found from its content.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::BadBookmarkFile`] when it is not a
/// bookmark file, or is cut short, naming the file and what was wrong.
pub fn read_file(path: impl AsRef<Path>) -> Result<ImportedTree> {
    read_file_with(path, &ReadOptions::default())
}

/// [`read_file`], reporting progress and stopping when asked to.
///
/// # Errors
/// As [`read_file`], and [`Error::Cancelled`].
pub fn read_file_with(path: impl AsRef<Path>, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let format = detect(&bytes).ok_or_else(|| not_bookmarks(&name, &bytes))?;
    let mut tree = if format == Format::FirefoxPlaces {
        // Read the file itself (with its -wal), not only the bytes of the main file.
        drop(bytes);
        firefox::parse_places_file(path, options)?
    } else {
        read_format(format, &bytes, &name, options)?
    };
    tree.source = source_name(
        &tree.source,
        format,
        path.file_name().and_then(|n| n.to_str()),
    );
    Ok(tree)
}

/// Reads bookmarks from bytes; `name` names them in errors and in the source name (a file
/// name such as `bookmarks.html`, or any label).
///
/// # Errors
/// As [`read_file`].
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<ImportedTree> {
    read_bytes_with(bytes, name, &ReadOptions::default())
}

/// [`read_bytes`], reporting progress and stopping when asked to.
///
/// # Errors
/// As [`read_file`], and [`Error::Cancelled`].
pub fn read_bytes_with(
    bytes: &[u8],
    name: &str,
    options: &ReadOptions<'_>,
) -> Result<ImportedTree> {
    let format = detect(bytes).ok_or_else(|| not_bookmarks(name, bytes))?;
    let mut tree = read_format(format, bytes, name, options)?;
    tree.source = source_name(&tree.source, format, Some(name));
    Ok(tree)
}

/// Reads `bytes` as `format`, without detection.
///
/// # Errors
/// [`Error::BadBookmarkFile`] when the bytes are not that format or are cut short;
/// [`Error::Cancelled`].
pub fn read_format(
    format: Format,
    bytes: &[u8],
    name: &str,
    options: &ReadOptions<'_>,
) -> Result<ImportedTree> {
    match format {
        Format::NetscapeHtml => netscape::parse(&decode_text(bytes), name, options),
        Format::ChromeJson => chrome::parse(strip_bom(bytes), name, options),
        Format::FirefoxJson => firefox::parse_json(strip_bom(bytes), name, options),
        Format::FirefoxJsonLz4 => firefox::parse_jsonlz4(bytes, name, options),
        Format::FirefoxPlaces => firefox::parse_places_bytes(bytes, name, options),
        Format::SafariPlist => safari::parse(bytes, name, options),
        Format::PearltreesRdf => pearltrees::parse(&decode_text(bytes), name, options),
        Format::Opml => opml::parse(&decode_text(bytes), name, options),
        Format::Xbel => xbel::parse(&decode_text(bytes), name, options),
        Format::PocketCsv
        | Format::RaindropCsv
        | Format::InstapaperCsv
        | Format::DiigoCsv
        | Format::MatterCsv
        | Format::ReadwiseCsv
        | Format::Csv => csv_services::parse(&decode_text(bytes), name, options),
        Format::PocketZip => pocket::parse_zip(bytes, name, options),
        Format::CsvZip => csv_services::parse_zip(bytes, name, options),
        Format::PocketHtml => {
            html_lists::parse(&decode_text(bytes), name, ListWriter::Pocket, options)
        }
        Format::InstapaperHtml => {
            html_lists::parse(&decode_text(bytes), name, ListWriter::Instapaper, options)
        }
        Format::PinboardJson => pinboard::parse(strip_bom(bytes), name, options),
        Format::PinboardXml => pinboard::parse_xml(&decode_text(bytes), name, options),
        Format::OmnivoreJson => read_later_json::parse_omnivore(strip_bom(bytes), name, options),
        Format::OmnivoreZip => read_later_json::parse_omnivore_zip(bytes, name, options),
        Format::WallabagJson => read_later_json::parse_wallabag(strip_bom(bytes), name, options),
        Format::LinkwardenJson => {
            read_later_json::parse_linkwarden(strip_bom(bytes), name, options)
        }
        Format::KarakeepJson => read_later_json::parse_karakeep(strip_bom(bytes), name, options),
        Format::Feed => feed::parse(&decode_text(bytes), name, options),
        Format::OperaHotlist => opera::parse(&decode_text(bytes), name, options),
        Format::OneTab => text_lists::parse_onetab(&decode_text(bytes), name, options),
        Format::UrlList => text_lists::parse_url_list(&decode_text(bytes), name, options),
        Format::Native => native::read(strip_bom(bytes), name),
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The error for bytes no reader claims, saying what they look like.
fn not_bookmarks(name: &str, bytes: &[u8]) -> Error {
    let what = if bytes.is_empty() {
        "the file is empty".to_owned()
    } else if bytes.iter().take(512).filter(|b| **b == 0).count() > 4 {
        "it is a binary file of a kind Nacre does not read".to_owned()
    } else {
        "its content is none of the formats Nacre reads (bookmark HTML, Chrome or Firefox JSON, \
         jsonlz4, places.sqlite, Safari plist, Pearltrees RDF, OPML, XBEL, an RSS or Atom feed, \
         the exports of Pocket, Instapaper, Raindrop, Diigo, Omnivore, Wallabag, Matter, \
         Readwise, Linkwarden, linkding, Karakeep, Delicious, Pinboard, Opera and OneTab, a list \
         of URLs)"
            .to_owned()
    };
    bad_file(name, format!("not a bookmark file: {what}"))
}
