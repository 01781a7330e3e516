//! Every real export in `../shared/fixtures/real-exports` imports with the bookmark and folder
//! counts of its MANIFEST.tsv, file by file, through the real store; for bookmark HTML, every
//! URL and title read back from the library equals what an independent reading of the file
//! finds.
//!
//! Skipped, with a message naming the folder, when `../shared/fixtures/real-exports` is absent.
//!
//! MANIFEST counting: `bookmarks` counts every `<A HREF>` or JSON/SQL bookmark, `place:` ones
//! included (Nacre skips those and reports them); `folders` counts `<H3>`s, and for JSON and
//! SQL it includes the browser's root containers (named in the notes column). Of those, the
//! places root (whose children are the roots) and the tags root (whose folders are tags) are
//! not collections in Nacre. Service exports (issue 15): reading states are tags, not
//! collections, so Instapaper's Unread, Archive and Starred folders (named in the notes) are
//! not counted as collections; Opera's trash folder holds what was deleted and is not imported;
//! a Chromium-written HTML file's HREFs are compared as written (`&` raw), not decoded.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nacre::formats::tree::Counts;
use nacre::{Pearl, PearlKind, Store};

use crate::common::TestLibrary;

const REAL: &str = "../shared/fixtures/real-exports";

struct Entry {
    file: String,
    format: String,
    bookmarks: usize,
    folders: usize,
    notes: String,
}

/// The manifest's entries, or `None` (with a message) when the shared folder is absent.
fn manifest() -> Option<Vec<Entry>> {
    let path = Path::new(REAL).join("MANIFEST.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipped: the shared real exports are not at {REAL} (no {}); this test needs that folder",
            path.display()
        );
        return None;
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, format, bookmarks, folders, notes) = (
        col("file"),
        col("format"),
        col("bookmarks"),
        col("folders"),
        col("notes"),
    );
    let entries = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Entry {
                file: f[file].to_owned(),
                format: f[format].to_owned(),
                bookmarks: f[bookmarks].parse().unwrap(),
                folders: f[folders].parse().unwrap(),
                notes: f[notes].to_owned(),
            }
        })
        .collect();
    Some(entries)
}

/// Folders the manifest counts that Nacre reads as something else: reading-state folders
/// (tags) and a trash folder (not imported).
fn folders_that_are_not_collections(e: &Entry) -> usize {
    match e.format.as_str() {
        "instapaper-csv" => ["Unread", "Archive", "Starred"]
            .iter()
            .filter(|f| e.notes.contains(&format!("{f} ")))
            .count(),
        "opera-adr" if e.notes.contains("trash folder") => 1,
        _ => 0,
    }
}

/// A SQL dump loaded into a real SQLite file, as Firefox's `places.sqlite`.
fn load_places_dump(sql: &Path, dir: &Path) -> PathBuf {
    let db = dir.join("places.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&std::fs::read_to_string(sql).unwrap())
        .unwrap();
    drop(conn);
    db
}

/// Root containers in the notes that are not collections in Nacre.
fn roots_that_are_not_collections(notes: &str) -> usize {
    ["placesRoot", "tagsFolder"]
        .iter()
        .filter(|r| notes.contains(*r))
        .count()
}

fn links_below(store: &Store, id: nacre::PearlId) -> Vec<Pearl> {
    store
        .subtree(id, None)
        .unwrap()
        .into_iter()
        .map(|r| r.pearl)
        .filter(|p| p.kind == PearlKind::Link)
        .collect()
}

#[test]
fn every_real_export_imports_with_the_counts_of_its_manifest() {
    let Some(entries) = manifest() else {
        return;
    };
    assert!(entries.len() >= 29, "the manifest lists the real exports");
    let scratch = tempfile::tempdir().unwrap();
    for e in &entries {
        let path = Path::new(REAL).join(&e.file);
        let path = if e.format == "firefox-places-sql" {
            load_places_dump(&path, scratch.path())
        } else {
            path
        };
        let tree = nacre::formats::read_file(&path)
            .unwrap_or_else(|err| panic!("{} does not import: {err}", e.file));
        let lib = TestLibrary::new();
        let report = lib
            .store
            .import_tree(&tree, lib.root(), "import")
            .unwrap_or_else(|err| panic!("{} does not go into the library: {err}", e.file));
        let got: Counts = report.imported;
        // Bookmarks Nacre reads but does not make links of: place: queries and invalid URLs
        // (skipped, reported), and Shaarli's notes (HREF "?id"), which become notes.
        let skipped_bookmarks = report
            .skipped
            .iter()
            .filter(|s| s.reason.contains("place:") || s.reason.contains("not a valid URL"))
            .count();
        let notes_from_links = if e.format == "netscape-html" {
            got.notes
        } else {
            0
        };
        assert_eq!(
            got.links + notes_from_links + skipped_bookmarks,
            e.bookmarks,
            "{}: links {} + notes {notes_from_links} + skipped {skipped_bookmarks} vs manifest {} \
             (skipped: {:?})",
            e.file,
            got.links,
            e.bookmarks,
            report.skipped
        );
        let mut want_folders = e.folders
            - roots_that_are_not_collections(&e.notes)
            - folders_that_are_not_collections(e);
        if e.format == "firefox-places-sql" {
            // The places root is not a collection either (the manifest's 4 root containers
            // are root, menu, toolbar and other).
            want_folders -= 1;
        }
        assert_eq!(
            got.collections, want_folders,
            "{}: collections (manifest folders {}, notes: {})",
            e.file, e.folders, e.notes
        );
        if [
            "netscape-html",
            "pocket-html",
            "chromium-html",
            "safari-html",
            "linkding-html",
        ]
        .contains(&e.format.as_str())
        {
            let raw_hrefs = tree.source.starts_with("Chrome bookmarks");
            same_urls_and_titles_as_the_file(
                &lib.store,
                report.collection,
                &path,
                &e.file,
                raw_hrefs,
            );
        }
    }
}

/// Every `<A HREF>` of the file, read independently: (URL, title), entities decoded (in the
/// URL too unless `raw_hrefs`).
fn anchors_in(html: &str, raw_hrefs: bool) -> Vec<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<a ").map(|i| i + at) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let tag = &html[start..tag_end];
        let tag_lower = &lower[start..tag_end];
        let url = tag_lower.find("href=\"").map(|i| {
            let v = &tag[i + 6..];
            let value = &v[..v.find('"').unwrap_or(v.len())];
            if raw_hrefs {
                value.to_owned()
            } else {
                decode(value)
            }
        });
        let close = lower[tag_end..]
            .find("</a>")
            .map_or(lower.len(), |i| i + tag_end);
        let title = decode(&html[tag_end + 1..close]);
        if let Some(url) = url {
            out.push((url.trim().to_owned(), collapse(&title)));
        }
        at = close;
    }
    out
}

fn decode(text: &str) -> String {
    quick_xml::escape::unescape_with(text, quick_xml::escape::resolve_html5_entity)
        .map_or_else(|_| text.replace("&amp;", "&"), |c| c.into_owned())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_urls_and_titles_as_the_file(
    store: &Store,
    top: nacre::PearlId,
    path: &Path,
    name: &str,
    raw_hrefs: bool,
) {
    let bytes = std::fs::read(path).unwrap();
    let html = String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes));
    let mut want: HashMap<(String, String), usize> = HashMap::new();
    for (url, title) in anchors_in(&html, raw_hrefs) {
        let is_link = !url.starts_with("place:")
            && !url.starts_with('?')
            && nacre::LinkUrl::parse(&url).is_ok();
        if is_link {
            *want.entry((url, title)).or_default() += 1;
        }
    }
    let mut got: HashMap<(String, String), usize> = HashMap::new();
    for p in links_below(store, top) {
        *got.entry((p.url.clone().unwrap(), p.title.clone()))
            .or_default() += 1;
    }
    assert_eq!(
        got, want,
        "{name}: URLs and titles in the library vs in the file"
    );
}
