//! Each quirk of real bookmark files, on a small fixture of our own in `tests/data/import`:
//! what the reader makes of it, and what lands in the library.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use nacre::formats::tree::{Icon, ImportedTree, Node, NodeKind};
use nacre::formats::{Format, ReadOptions, detect, read_bytes, read_file, read_file_with};
use nacre::{Error, LinkUrl, PearlKind};

use crate::common::TestLibrary;

fn data(name: &str) -> PathBuf {
    Path::new("tests/data/import").join(name)
}

fn read(name: &str) -> ImportedTree {
    read_file(data(name)).unwrap_or_else(|e| panic!("{name} reads: {e}"))
}

/// Every node of the tree in preorder.
fn all(tree: &ImportedTree) -> Vec<&Node> {
    fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
        for n in nodes {
            out.push(n);
            walk(n.children(), out);
        }
    }
    let mut out = Vec::new();
    walk(&tree.roots, &mut out);
    out
}

fn url_of(node: &Node) -> &str {
    match &node.kind {
        NodeKind::Link { url } => url,
        _ => "",
    }
}

fn titles(nodes: &[Node]) -> Vec<&str> {
    nodes.iter().map(|n| n.title.as_str()).collect()
}

#[test]
fn a_firefox_folder_description_keeps_the_folders_contents_inside_it() {
    let tree = read("firefox_description.html");
    assert_eq!(
        titles(&tree.roots),
        [
            "Reading",
            "Bookmarks Toolbar",
            "Empty folder",
            "After the folders"
        ],
        "the top level, in order"
    );
    let reading = &tree.roots[0];
    assert_eq!(
        reading.note, "Things to read & keep",
        "the folder's description"
    );
    assert_eq!(reading.created_at, Some(1_600_000_000_000));
    let kinds: Vec<&str> = reading
        .children()
        .iter()
        .map(|n| match n.kind {
            NodeKind::Link { .. } => "link",
            NodeKind::Section => "section",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["link", "section", "link", "link"],
        "<HR> is a section; place: is gone"
    );
    assert!(tree.roots[2].children().is_empty(), "an empty folder stays");
}

#[test]
fn raw_ampersands_entities_tags_icons_and_multiline_descriptions_are_read() {
    let tree = read("firefox_description.html");
    let first = &tree.roots[0].children()[0];
    assert_eq!(
        url_of(first),
        "https://example.com/search?q=a&b=c&copy=1",
        "a raw & in HREF stays, and &copy is not an entity there"
    );
    assert_eq!(first.title, "Tom & Jerry's <page>", "entities in titles");
    assert_eq!(first.tags, ["rust", "web"]);
    assert_eq!(
        first.icon,
        Some(Icon::Data {
            mime: "image/png".into(),
            base64: "iVBORw0KGgo=".into()
        })
    );
    assert_eq!(first.note, "A description\nspanning two lines");
    let empty = &tree.roots[0].children()[3];
    assert_eq!(
        empty.icon,
        Some(Icon::Url {
            url: "https://empty.example/".into()
        }),
        "ICON_URI without its fake-favicon-uri: prefix"
    );
}

#[test]
fn place_queries_are_skipped_with_their_line_and_bookmarklets_are_kept_and_marked() {
    let tree = read("firefox_description.html");
    assert_eq!(tree.skipped.len(), 1);
    assert_eq!(tree.skipped[0].location, "line 18");
    assert!(tree.skipped[0].reason.contains("place:"));
    let lib = TestLibrary::new();
    let report = lib.store.import_tree(&tree, lib.root(), "ff").unwrap();
    let pearls: Vec<_> = lib
        .store
        .subtree(report.collection, None)
        .unwrap()
        .into_iter()
        .map(|r| r.pearl)
        .collect();
    let bookmarklet = pearls
        .iter()
        .find(|p| p.title == "Bookmarklet")
        .expect("the bookmarklet is imported");
    let url = LinkUrl::parse(bookmarklet.url.as_deref().unwrap()).unwrap();
    assert!(
        !url.is_web(),
        "a javascript: link is kept and marked as not web"
    );
    let untitled = pearls
        .iter()
        .find(|p| p.url.as_deref() == Some("https://empty.example/"))
        .unwrap();
    assert_eq!(
        untitled.display_title(),
        "https://empty.example/",
        "an empty title shows the URL"
    );
}

#[test]
fn safari_html_without_a_root_list_keeps_every_folder_and_link() {
    let tree = read("safari_no_root_list.html");
    assert_eq!(titles(&tree.roots), ["Favoris", "Menu", "C at the top"]);
    assert_eq!(titles(tree.roots[1].children()), ["Deeper"]);
    assert_eq!(titles(tree.roots[1].children()[0].children()), ["B"]);
}

#[test]
fn dates_in_seconds_milliseconds_and_microseconds_are_the_same_instant() {
    let tree = read("dates.html");
    let dates: Vec<Option<i64>> = tree.roots.iter().map(|n| n.created_at).collect();
    assert_eq!(
        dates,
        [
            Some(1_515_515_697_000),
            Some(1_515_515_697_780),
            Some(1_515_515_697_780),
            None
        ]
    );
    assert_eq!(
        tree.roots[0].modified_at, None,
        "LAST_MODIFIED=0 is no date"
    );
}

#[test]
fn legacy_charsets_and_boms_are_decoded() {
    assert_eq!(read("mac_roman.html").roots[0].title, "Café crème");
    assert_eq!(
        read("windows1252.html").roots[0].title,
        "Café crème brûlée – naïve déjà vu",
        "undeclared windows-1252 is recognised"
    );
    let ie = read("ie_bom.html");
    assert_eq!(ie.roots[0].title, "Über IE");
    assert_eq!(
        detect(&std::fs::read(data("ie_bom.html")).unwrap()),
        Some(Format::NetscapeHtml)
    );
}

#[test]
fn a_truncated_file_is_refused_with_its_name_and_the_library_is_unchanged() {
    let lib = TestLibrary::new();
    let before = lib.dump();
    for name in ["truncated.html", "chrome_truncated.json"] {
        let err = read_file(data(name)).expect_err("a cut file is refused");
        assert!(matches!(err, Error::BadBookmarkFile { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains(name), "names the file: {msg}");
        assert_eq!(err.code(), nacre::ErrorCode::Invalid);
    }
    assert!(
        read_file(data("truncated.html"))
            .unwrap_err()
            .to_string()
            .contains("cut short"),
        "says what was wrong"
    );
    assert_eq!(lib.dump(), before);
}

#[test]
fn a_file_that_is_not_bookmarks_gets_a_clear_error() {
    let err = read_file(data("not_bookmarks.txt")).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("not_bookmarks.txt") && msg.contains("not a bookmark file"),
        "{msg}"
    );
    let err = read_bytes(b"", "empty.html").unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
    let err = read_bytes(b"<html><body><p>hello</p></body></html>", "page.html").unwrap_err();
    assert!(err.to_string().contains("page.html"), "{err}");
}

#[test]
fn chrome_roots_become_named_collections_and_bad_entries_are_skipped_with_their_path() {
    let tree = read("chrome_bookmarks.json");
    assert_eq!(
        titles(&tree.roots),
        ["Bookmarks bar", "Other bookmarks", "Mobile bookmarks"],
        "the browser's trash is not imported"
    );
    let bar = &tree.roots[0];
    assert_eq!(
        bar.children()[0].created_at,
        Some(1_599_750_431_000),
        "1601 epoch"
    );
    assert_eq!(tree.skipped.len(), 1);
    assert_eq!(
        tree.skipped[0].location,
        "roots.bookmark_bar.children[1].children[1]"
    );
    assert_eq!(url_of(&tree.roots[1].children()[0]), "javascript:void(0)");
}

#[test]
fn firefox_backups_read_the_same_from_json_and_jsonlz4() {
    let json = std::fs::read(data("firefox_backup.json")).unwrap();
    let tree = read_bytes(&json, "bookmarks.json").unwrap();
    assert_eq!(
        titles(&tree.roots),
        [
            "Bookmarks menu",
            "Bookmarks toolbar",
            "Other bookmarks",
            "Mobile bookmarks"
        ],
        "the tags root is not a collection"
    );
    let menu = tree.roots[0].children();
    assert_eq!(menu[0].note, "What it is", "the description annotation");
    assert_eq!(menu[0].tags, ["one", "two"]);
    assert!(matches!(menu[1].kind, NodeKind::Section), "a separator");
    assert_eq!(
        url_of(&menu[2]),
        "https://notypecode.example/",
        "no typeCode"
    );
    // A jsonlz4 written the way Firefox writes it: magic, size, one LZ4 block.
    let mut lz4 = b"mozLz40\0".to_vec();
    lz4.extend(lz4_flex::block::compress_prepend_size(&json));
    let from_lz4 = read_bytes(&lz4, "bookmarks.jsonlz4").unwrap();
    assert_eq!(from_lz4.roots, tree.roots);
    let mut cut = lz4.clone();
    cut.truncate(lz4.len() / 2);
    let err = read_bytes(&cut, "cut.jsonlz4").unwrap_err();
    assert!(err.to_string().contains("cut.jsonlz4"), "{err}");
}

#[test]
fn firefox_places_sqlite_is_read_with_tags_and_without_queries() {
    let Some(shared) = crate::sample_library::shared_fixtures("the places.sqlite test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("places.sqlite");
    let sql = shared.join("real-exports/firefox-places-sql/jarun__buku__places.sql");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&std::fs::read_to_string(sql).expect("the shared fixture"))
        .unwrap();
    // Firefox holds the database open while it runs; the reader copies it.
    let tree = read_file(&db).unwrap();
    drop(conn);
    let nodes = all(&tree);
    assert!(
        nodes.iter().any(|n| !n.tags.is_empty()),
        "tags from the tags root"
    );
    assert!(nodes.iter().all(|n| !url_of(n).starts_with("place:")));
    assert_eq!(
        tree.skipped
            .iter()
            .filter(|s| s.reason.contains("place:"))
            .count(),
        9
    );
    assert!(
        nodes.iter().any(|n| n.title == "Marqués récemment")
            || tree
                .skipped
                .iter()
                .any(|s| s.what.contains("Marqués récemment")),
        "a French title, intact"
    );
}

#[test]
fn pearltrees_collections_pearls_notes_sections_and_aliases_keep_their_order() {
    let tree = read("pearltrees.rdf");
    assert_eq!(titles(&tree.roots), ["alice"]);
    let root = tree.roots[0].children();
    assert_eq!(titles(root), ["Science & more", "Science again"]);
    assert!(matches!(&root[1].kind, NodeKind::Alias { target_key } if target_key == "id200"));
    let science = root[0].children();
    assert_eq!(
        titles(science),
        [
            "First by order",
            "Second by order",
            "Part two",
            "Bob's physics"
        ]
    );
    assert_eq!(url_of(&science[0]), "https://first.example/?a=1&b=2");
    assert_eq!(science[0].note, "A note on the first");
    assert!(matches!(science[2].kind, NodeKind::Section));
    assert_eq!(
        url_of(&science[3]),
        "https://www.pearltrees.com/bob/physics/id999",
        "another user's tree becomes a link to it"
    );
    assert_eq!(tree.skipped.len(), 1, "the ref whose tree is missing");
    assert!(tree.skipped[0].reason.contains("not in this export"));
    let lib = TestLibrary::new();
    let report = lib.store.import_tree(&tree, lib.root(), "pt").unwrap();
    assert_eq!(report.imported.aliases, 1, "the alias lands as an alias");
}

#[test]
fn opml_xbel_csv_pinboard_and_safari_plists_are_read() {
    let opml = read("outline.opml");
    assert_eq!(titles(&opml.roots), ["Café links"]);
    let kids = opml.roots[0].children();
    assert!(
        matches!(kids[0].kind, NodeKind::Note),
        "isComment is a note"
    );
    assert_eq!(url_of(&kids[1]), "https://blog.example/", "htmlUrl first");

    let xbel = read("bookmarks.xbel");
    assert_eq!(titles(&xbel.roots), ["Rust & Go", ""]);
    assert_eq!(xbel.roots[0].note, "Languages");
    assert_eq!(
        xbel.roots[0].children()[0].created_at,
        Some(1_577_934_245_000)
    );

    let pocket = read("pocket.csv");
    assert_eq!(
        pocket.roots[0].tags,
        ["rust", "systems programming", "unread"],
        "Pocket's tags, then its status as a state tag (issue 15)"
    );
    assert_eq!(pocket.roots[1].title, "", "a URL as title is no title");
    assert_eq!(pocket.skipped[0].location, "row 5");

    let raindrop = read("raindrop.csv");
    assert_eq!(titles(&raindrop.roots), ["Research", "Loose"]);
    assert_eq!(titles(raindrop.roots[0].children()), ["Go", "Rust"]);
    assert_eq!(
        titles(raindrop.roots[0].children()[0].children()),
        ["Go tour", "Go blog"]
    );
    let tour = &raindrop.roots[0].children()[0].children()[0];
    assert_eq!(tour.tags, ["go", "tutorial"]);
    assert!(tour.note.contains("on two lines"));

    let pinboard = read("pinboard.json");
    assert_eq!(pinboard.roots[0].tags, ["bookmarks", "tools"]);
    assert_eq!(pinboard.roots[0].note, "Social bookmarking");

    let safari = read("safari_bookmarks.plist");
    assert_eq!(titles(&safari.roots), ["Favorites", "Reading List"]);
    assert_eq!(safari.roots[1].children()[0].note, "An article to read");
    // The same list as Safari writes it on disk: a binary plist.
    let value = plist::Value::from_file(data("safari_bookmarks.plist")).unwrap();
    let mut binary = Vec::new();
    value.to_writer_binary(&mut binary).unwrap();
    assert_eq!(
        read_bytes(&binary, "Bookmarks.plist").unwrap().roots,
        safari.roots
    );
}

#[test]
fn progress_is_reported_and_cancelling_stops_the_read() {
    let mut big = String::from("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n");
    for i in 0..40_000 {
        big.push_str(&format!(
            "<DT><A HREF=\"https://e.example/{i}\">Link {i}</A>\n"
        ));
    }
    big.push_str("</DL><p>\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    std::fs::write(&path, &big).unwrap();
    let last = AtomicU64::new(0);
    let report =
        |p: nacre::formats::Progress| last.store(p.done * 100 / p.total, Ordering::Relaxed);
    let options = ReadOptions {
        on_progress: Some(&report),
        cancel: None,
    };
    let tree = read_file_with(&path, &options).unwrap();
    assert_eq!(tree.roots.len(), 40_000);
    assert_eq!(last.load(Ordering::Relaxed), 100, "progress ends at 100%");
    let cancel = AtomicBool::new(true);
    let options = ReadOptions {
        on_progress: None,
        cancel: Some(&cancel),
    };
    assert!(matches!(
        read_file_with(&path, &options),
        Err(Error::Cancelled)
    ));
}

#[test]
fn an_import_is_one_undoable_step_and_reports_links_already_in_the_library() {
    let lib = TestLibrary::new();
    lib.link(lib.root(), "Rust", "https://www.rust-lang.org/");
    let before = lib.dump();
    let tree = read("chrome_bookmarks.json");
    let report = lib.store.import_tree(&tree, lib.root(), "Chrome").unwrap();
    assert_eq!(report.already_in_library, 1);
    assert_eq!(report.imported.links, 3);
    assert_eq!(
        report.skipped.len(),
        1,
        "the reader's skips are in the report"
    );
    let imported = lib.store.pearl(report.collection).unwrap();
    assert_eq!(imported.kind, PearlKind::Collection);
    lib.store.undo().unwrap();
    assert_eq!(lib.dump(), before, "one undo takes the whole import away");
}

#[test]
fn folders_nested_thousands_deep_are_flattened_below_a_bounded_depth() {
    fn depth(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|n| 1 + depth(n.children()))
            .max()
            .unwrap_or(0)
    }
    let n = 5_000;
    let mut html = String::from("<DL><p>\n");
    for i in 0..n {
        html.push_str(&format!("<DT><H3>f{i}</H3><DL><p>\n"));
    }
    html.push_str("<DT><A HREF=\"https://deep.example/\">deep</A>\n");
    html.push_str(&"</DL><p>\n".repeat(n + 1));
    let tree = read_bytes(html.as_bytes(), "deep.html").unwrap();
    assert!(depth(&tree.roots) <= 201, "depth {}", depth(&tree.roots));
    assert_eq!(tree.count().collections, n, "every folder is kept");
    assert_eq!(tree.count().links, 1, "and the link at the bottom");
    assert_eq!(tree.skipped.len(), 1, "the flattening is reported once");
}

#[test]
fn adding_to_the_library_reports_progress_and_a_cancel_rolls_it_all_back() {
    let mut html = String::from("<DL><p>\n");
    for i in 0..10_000 {
        html.push_str(&format!(
            "<DT><A HREF=\"https://e.example/{i}\">Link {i}</A>\n"
        ));
    }
    let tree = read_bytes(html.as_bytes(), "many.html").unwrap();
    let lib = TestLibrary::new();
    let before = lib.dump();
    let seen = AtomicU64::new(0);
    let cancel = AtomicBool::new(false);
    let report = |p: nacre::formats::Progress| {
        seen.store(p.done, Ordering::Relaxed);
        cancel.store(true, Ordering::Relaxed);
    };
    let options = ReadOptions {
        on_progress: Some(&report),
        cancel: Some(&cancel),
    };
    let result = lib
        .store
        .import_tree_with(&tree, lib.root(), "many", &options);
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert!(seen.load(Ordering::Relaxed) > 0, "progress was reported");
    assert_eq!(
        lib.dump(),
        before,
        "nothing of the cancelled import is left"
    );
    cancel.store(false, Ordering::Relaxed);
    let done = lib
        .store
        .import_tree_with(&tree, lib.root(), "many", &ReadOptions::default())
        .unwrap();
    assert_eq!(done.imported.links, 10_000);
}
