//! Browser files of issue 15 that failed among formats already read: a `places.sqlite` of the
//! Firefox 3 era (schema version 10, no guids) and Chromium's bookmark HTML, whose HREFs hold
//! `&` raw; and the friendlier source names of bookmark HTML whose writer is known.

use std::path::{Path, PathBuf};

use nacre::formats::tree::{ImportedTree, Node, NodeKind};
use nacre::formats::{read_bytes, read_file};

use crate::common::TestLibrary;

fn data(name: &str) -> PathBuf {
    Path::new("tests/data/import").join(name)
}

/// The SQL file loaded into a real SQLite file named `places.sqlite` in `dir`.
fn places_from_sql(sql: &Path, dir: &Path) -> PathBuf {
    let db = dir.join("places.sqlite");
    let conn = rusqlite::Connection::open(&db).expect("a new SQLite file");
    conn.execute_batch(&std::fs::read_to_string(sql).expect("the SQL file"))
        .expect("the SQL loads");
    db
}

fn url_of(node: &Node) -> &str {
    match &node.kind {
        NodeKind::Link { url } => url,
        _ => "",
    }
}

fn links(nodes: &[Node], out: &mut Vec<(String, String)>) {
    for n in nodes {
        if let NodeKind::Link { url } = &n.kind {
            out.push((n.title.clone(), url.clone()));
        }
        links(n.children(), out);
    }
}

fn all_links(tree: &ImportedTree) -> Vec<(String, String)> {
    let mut out = Vec::new();
    links(&tree.roots, &mut out);
    out
}

#[test]
fn a_firefox_3_places_file_without_guids_reads_with_its_roots_tags_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let db = places_from_sql(&data("places_firefox3.sql"), dir.path());
    let tree = read_file(&db).unwrap_or_else(|e| panic!("Firefox 3's places.sqlite reads: {e}"));
    let top: Vec<&str> = tree.roots.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(
        top,
        ["Bookmarks menu", "Bookmarks toolbar", "Other bookmarks"],
        "the roots are named from moz_bookmarks_roots; the tags root is no collection"
    );
    let menu = &tree.roots[0];
    assert_eq!(menu.children().len(), 2, "a folder and a link in the menu");
    let folder = &menu.children()[0];
    assert_eq!(folder.title, "Mozilla Firefox");
    assert!(
        matches!(folder.children()[1].kind, NodeKind::Section),
        "the separator is a section"
    );
    let mdn = &folder.children()[2];
    assert_eq!(url_of(mdn), "https://developer.mozilla.org/");
    assert_eq!(
        mdn.note, "Documentation for the web",
        "the description annotation"
    );
    assert_eq!(mdn.tags, ["reference"], "the tag folder");
    assert_eq!(mdn.created_at, Some(1_262_390_400_000), "PRTime µs as ms");
    assert_eq!(url_of(&menu.children()[1]), "https://example.org/a?x=1&y=2");
    assert!(
        tree.roots[1].children().is_empty(),
        "the toolbar's place: query is skipped"
    );
    assert!(
        tree.skipped.iter().any(|s| s.reason.contains("place:")),
        "and reported: {:?}",
        tree.skipped
    );
    let lib = TestLibrary::new();
    let report = lib
        .store
        .import_tree(&tree, lib.root(), "Firefox 3")
        .unwrap();
    assert_eq!(report.imported.links, 4, "every bookmark but the query");
}

#[test]
fn a_places_file_without_the_columns_every_firefox_has_is_refused_by_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("places.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 3;
         CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
         CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER,
           parent INTEGER, title TEXT);",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let err = read_file(&db).expect_err("a schema without position is refused");
    let message = err.to_string();
    assert!(
        message.contains("version 3") && message.contains("position"),
        "the error names the schema version and what it lacks: {message}"
    );
    assert!(
        !message.contains("no such column"),
        "never a raw SQL error: {message}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the file is left as it was"
    );
}

#[test]
fn chromium_hrefs_are_read_as_chromium_wrote_them_and_titles_are_decoded() {
    let tree = read_file(data("chromium_raw_hrefs.html")).expect("Chromium's HTML reads");
    assert!(
        tree.source.starts_with("Chrome bookmarks ("),
        "the source names the browser: {}",
        tree.source
    );
    assert_eq!(
        all_links(&tree),
        [
            (
                "Fish & chips <recipes>".to_owned(),
                "https://example.org/search?q=fish&amp;chips&lang=en".to_owned()
            ),
            (
                "Entity-like parameters".to_owned(),
                "https://example.org/view?id=3&copy=1&reg=2".to_owned()
            ),
            (
                "A \"quoted\" title".to_owned(),
                "https://example.org/q?a=1&amp;b=2&amp=3".to_owned()
            ),
            (
                "In Other bookmarks".to_owned(),
                "https://other.example/a&lt;b".to_owned()
            ),
        ],
        "every HREF byte for byte; titles with their entities decoded"
    );
    let lib = TestLibrary::new();
    let report = lib.store.import_tree(&tree, lib.root(), "Chrome").unwrap();
    let urls: Vec<String> = lib
        .store
        .subtree(report.collection, None)
        .unwrap()
        .into_iter()
        .filter_map(|r| r.pearl.url)
        .collect();
    assert!(
        urls.contains(&"https://example.org/search?q=fish&amp;chips&lang=en".to_owned()),
        "the library keeps the URL as Chromium wrote it: {urls:?}"
    );
}

#[test]
fn the_same_header_without_the_bookmark_bar_first_is_read_with_decoded_hrefs() {
    // Karakeep and many scripts copy Chromium's header but escape & in HREF as &amp;.
    let html = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<!-- This is an automatically generated file.\n     It will be read and overwritten.\n     DO NOT EDIT! -->\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n    <DT><A HREF=\"https://example.org/?a=1&amp;b=2\" ADD_DATE=\"1700000000\">A</A>\n</DL><p>";
    let tree = read_bytes(html.as_bytes(), "karakeep.html").unwrap();
    assert_eq!(
        all_links(&tree),
        [("A".to_owned(), "https://example.org/?a=1&b=2".to_owned())]
    );
    assert!(tree.source.starts_with("Bookmark HTML"), "{}", tree.source);
}

#[test]
fn bookmark_html_names_the_browser_or_service_that_wrote_it() {
    let cases = [
        ("firefox_description.html", "Firefox bookmarks"),
        ("chromium_raw_hrefs.html", "Chrome bookmarks"),
        ("ie_bom.html", "Bookmark HTML"),
    ];
    for (file, want) in cases {
        let tree = read_file(data(file)).unwrap();
        assert_eq!(tree.source, format!("{want} ({file})"), "{file}");
    }
}
