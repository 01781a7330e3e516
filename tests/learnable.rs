//! What the newcomer's window asks of the core (issue 11): the collection finder behind
//! "Move to…", where a pasted link is already saved, the browsers' profiles with their
//! bookmark counts, friendlier import names, the links an import keeps but never fetches, and
//! a shared page in the tree's language.

use nacre::api::export::export_branch_in;
use nacre::api::first_screen::profiles_with_counts_in;
use nacre::formats::browsers::{Browser, Places};
use nacre::formats::export::ExportFormat;
use nacre::formats::page::PageLanguage;
use nacre::formats::read_bytes;

use crate::common::TestLibrary;

#[test]
fn a_pasted_link_already_saved_is_found_by_its_normalised_url_with_where_it_is() {
    let lib = TestLibrary::new();
    let cours = lib.collection(lib.root(), "Cours");
    let debuts = lib.collection(cours, "Les débuts");
    let saved = lib.link(debuts, "Saved", "https://Example.org/page?utm_source=mail");
    let copies = nacre::api::lookup(&lib.store, "https://example.org/page").unwrap();
    assert_eq!(
        copies.len(),
        1,
        "the same page, whatever the tracking parameters"
    );
    assert_eq!(copies[0].id, saved);
    assert_eq!(
        copies[0].path, "Cours/Les débuts",
        "where it is, for 'Already in …'"
    );
    assert!(
        nacre::api::lookup(&lib.store, "https://example.org/other")
            .unwrap()
            .is_empty()
    );
    assert!(
        nacre::api::lookup(&lib.store, "not a url at all").is_err(),
        "text that is no URL is refused, not matched"
    );
}

#[test]
fn browser_profiles_come_with_their_bookmark_counts() {
    let home = tempfile::tempdir().unwrap();
    let chromium = home.path().join(".config/chromium");
    std::fs::create_dir_all(chromium.join("Default")).unwrap();
    std::fs::write(
        chromium.join("Local State"),
        r#"{"profile":{"info_cache":{"Default":{"name":"Work"}}}}"#,
    )
    .unwrap();
    let children: Vec<String> = (0..1234)
        .map(|i| format!(r#"{{"type": "url", "name": "p{i}", "url": "https://s{i}.example/"}}"#))
        .collect();
    std::fs::write(
        chromium.join("Default/Bookmarks"),
        format!(
            r#"{{"version": 1, "roots": {{"bookmark_bar": {{"type": "folder", "name": "Bookmarks bar", "children": [{}]}}}}}}"#,
            children.join(",")
        ),
    )
    .unwrap();
    let found = profiles_with_counts_in(&Places {
        home: home.path().to_owned(),
        ..Places::default()
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].profile.browser, Browser::Chromium);
    assert_eq!(found[0].bookmarks, Some(1234));
}

#[test]
fn a_bookmark_file_is_named_after_the_browser_that_wrote_it() {
    let firefox = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks Menu</H1>\n<DL><p>\n<DT><A HREF=\"https://a.example/\">A</A>\n</DL><p>\n";
    assert_eq!(
        read_bytes(firefox, "bookmarks.html").unwrap().source,
        "Firefox bookmarks"
    );
    let plain = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF=\"https://a.example/\">A</A>\n</DL><p>\n";
    assert_eq!(
        read_bytes(plain, "links.html").unwrap().source,
        "Bookmarks from links.html"
    );
}

#[test]
fn an_import_lists_the_links_it_keeps_but_never_fetches() {
    let lib = TestLibrary::new();
    let html = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><H3>Tools</H3>\n<DL><p>\n<DT><A HREF=\"https://a.example/\">Web</A>\n<DT><A HREF=\"javascript:alert(1)\">Bookmarklet</A>\n<DT><A HREF=\"data:text/plain,hi\">Data</A>\n<DT><A HREF=\"file:///home/me/x.txt\">Local</A>\n<DT><A HREF=\"mailto:me@a.example\">Mail</A>\n</DL><p>\n</DL><p>\n";
    let tree = read_bytes(html, "b.html").unwrap();
    let report = lib
        .store
        .import_tree(&tree, lib.root(), "Imported")
        .unwrap();
    assert_eq!(report.imported.links, 5, "every link comes in");
    assert!(report.skipped.is_empty(), "nothing skipped");
    let kept: Vec<(&str, &str, &str)> = report
        .never_fetched
        .iter()
        .map(|n| (n.location.as_str(), n.title.as_str(), n.scheme.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("Tools", "Bookmarklet", "javascript"),
            ("Tools", "Data", "data"),
            ("Tools", "Local", "file"),
            ("Tools", "Mail", "mailto"),
        ]
    );
}

#[test]
fn a_shared_page_speaks_the_chosen_language_and_shows_descriptions() {
    let lib = TestLibrary::new();
    let geo = lib.collection(lib.root(), "🌍 Géographie");
    lib.collection(geo, "Fleuves");
    lib.link(geo, "La Loire", "https://loire.example/");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("geo.html");
    let done =
        export_branch_in(&lib.store, geo, ExportFormat::Page, PageLanguage::Fr, &path).unwrap();
    assert_eq!(done.file, path.display().to_string());
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(
        page.contains("<html lang=\"fr\">"),
        "the page declares French"
    );
    assert!(
        page.contains("Rechercher dans les titres"),
        "the page's own words are French"
    );
    assert!(
        page.contains("<title>🌍 Géographie</title>"),
        "the emoji title is whole"
    );
    let en = dir.path().join("geo-en.html");
    export_branch_in(&lib.store, geo, ExportFormat::Page, PageLanguage::En, &en).unwrap();
    assert!(
        std::fs::read_to_string(&en)
            .unwrap()
            .contains("<html lang=\"en\">")
    );
    let nowhere = dir.path().join("no such folder/geo.html");
    let bad = export_branch_in(
        &lib.store,
        geo,
        ExportFormat::Page,
        PageLanguage::En,
        &nowhere,
    );
    let message = bad.expect_err("a folder that does not exist").to_string();
    assert!(
        message.contains("no such folder"),
        "the error names the path: {message}"
    );
    assert!(!nowhere.exists(), "nothing is left behind");
}

#[test]
fn fetch_failures_are_counted_as_they_happen_even_while_the_run_looks_offline() {
    use std::sync::atomic::AtomicBool;

    use nacre::fetch::{self, Options};
    use nacre::store::{FetchScope, Freshness};

    let lib = TestLibrary::new();
    // Sites on 127.0.0.1 where nothing listens: every one refuses, as when offline.
    let listeners: Vec<std::net::TcpListener> = (0..3)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    for l in &listeners {
        let url = format!("http://{}/page", l.local_addr().unwrap());
        lib.link(lib.root(), "Closed", &url);
    }
    drop(listeners);
    let targets = lib
        .store
        .links_to_fetch(&FetchScope::All, Freshness::Any)
        .unwrap();
    let mut seen = Vec::new();
    let report = fetch::run(
        &lib.store,
        targets,
        &Options::default(),
        |p| seen.push((p.done, p.failed)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(report.offline, 3, "{report:?}");
    assert!(
        seen.iter().all(|&(done, failed)| failed == done),
        "every finished link counted as failed when it finished: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&(3, 3)), "{seen:?}");
}
