//! What the window asks of offline copies (`nacre::api::archive`), against the article served
//! on 127.0.0.1: keeping copies of a collection with progress, the reader view's copy, the
//! setting for new links, the sandboxed view's protocol (its links lead to the system browser,
//! nothing else answers), and a shared page that carries the copies.

use std::sync::atomic::AtomicBool;

use nacre::api::archive::{self as window, serve_copy};
use nacre::api::export::{ExportOptions, export_branch_with};
use nacre::formats::export::ExportFormat;
use nacre::formats::page::PageLanguage;

use crate::archive_site::{pages, setup};
use crate::fetch_server::TestServer;

#[test]
fn a_collection_is_kept_with_progress_and_its_copy_read_and_served_sandboxed() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article", "/missing"]);
    let store = &s.library.store;
    let folder = store
        .pearl(s.links[0])
        .expect("link")
        .parent_id
        .expect("in a folder");
    let mut totals = Vec::new();
    let report = window::keep_copies(
        store,
        &s.archive,
        vec![folder],
        |p| totals.push((p.total, p.done)),
        &AtomicBool::new(false),
    )
    .expect("run");
    assert_eq!(
        totals.first(),
        Some(&(2, 0)),
        "the total is told first: {totals:?}"
    );
    assert_eq!(totals.last().map(|t| t.1), Some(2), "{totals:?}");
    assert_eq!((report.saved, report.problems.len()), (1, 1), "{report:?}");

    let copy = window::copy_of(store, &s.archive, s.links[0])
        .expect("read")
        .expect("a copy");
    assert_eq!(copy.readable.title, "La prise de la Bastille");
    assert!(
        copy.readable.html.contains("la foule parisienne"),
        "{}",
        copy.readable.html
    );
    assert!(
        !copy.readable.html.contains("<script"),
        "{}",
        copy.readable.html
    );
    assert!(
        copy.info.words > 50 && copy.info.snapshot_bytes > 0,
        "{:?}",
        copy.info
    );
    assert_eq!(
        window::copy_of(store, &s.archive, s.links[1]).expect("read"),
        None
    );
    assert!(
        window::copy_of(store, &s.archive, folder).is_err(),
        "a collection has no copy"
    );

    let id = s.links[0].0;
    let page = serve_copy(store, &s.archive, &format!("/snapshot/{id}"));
    assert_eq!(
        (page.status, page.content_type),
        (200, "text/html; charset=utf-8")
    );
    let html = String::from_utf8(page.body).expect("utf-8");
    assert!(html.contains("la foule parisienne"));
    assert!(
        !html.contains("<script"),
        "no script in the snapshot served"
    );
    assert!(
        html.contains(&format!(
            "href=\"/open/{id}?url=https%3A%2F%2Fads.example%2F\""
        )),
        "its web links lead to the app's /open path"
    );
    assert_eq!(page.open, None);
    assert!(
        page.csp.starts_with("default-src 'none'") && page.csp.ends_with("; sandbox"),
        "{}",
        page.csp
    );

    let clicked = serve_copy(
        store,
        &s.archive,
        &format!("/open/{id}?url=https%3A%2F%2Fads.example%2F"),
    );
    assert_eq!(
        clicked.open.as_deref(),
        Some("https://ads.example/"),
        "the shell opens it"
    );
    assert_eq!(clicked.status, 200, "and the view shows the snapshot again");
    let sneaky = serve_copy(
        store,
        &s.archive,
        &format!("/open/{id}?url=javascript%3Aalert(1)"),
    );
    assert_eq!(sneaky.open, None, "only web links are opened");
    for bad in [
        "/",
        "",
        "/snapshot/",
        "/snapshot/abc",
        "/snapshot/99999",
        "/other/1",
        &format!("/snapshot/{}", s.links[1].0),
        "/snapshot/-1?x",
        "/%ff/\u{0}",
    ] {
        assert_eq!(serve_copy(store, &s.archive, bad).status, 404, "{bad:?}");
    }
}

#[test]
fn new_links_get_a_copy_only_when_the_setting_is_on() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article"]);
    let store = &s.library.store;
    let overview = window::overview(&s.archive).expect("overview");
    assert!(!overview.keep_new_links, "off unless asked");
    assert_eq!(overview.size.copies, 0);
    let none = window::keep_copies_of_new_links(store, &s.archive, s.links.clone(), |_| {});
    assert_eq!(
        none.expect("run"),
        None,
        "nothing is fetched while the setting is off"
    );
    assert_eq!(server.hits("/article"), 0);

    assert!(
        window::set_keep_new_links(&s.archive, true)
            .expect("set")
            .keep_new_links
    );
    let reopened = nacre::archive::Archive::open(s.archive.path()).expect("reopen");
    assert!(
        window::overview(&reopened)
            .expect("overview")
            .keep_new_links,
        "the setting stays"
    );
    let report = window::keep_copies_of_new_links(store, &s.archive, s.links.clone(), |_| {})
        .expect("run")
        .expect("on");
    assert_eq!(report.saved, 1, "{report:?}");
    let size = window::overview(&s.archive).expect("overview").size;
    assert_eq!(size.copies, 1);
    assert!(
        size.stored_bytes > 0 && size.file_bytes >= size.stored_bytes,
        "{size:?}"
    );
    let again = window::keep_copies_of_new_links(store, &s.archive, s.links.clone(), |_| {})
        .expect("run")
        .expect("on");
    assert_eq!(again.total, 0, "a link with a copy is not fetched again");
}

#[test]
fn a_shared_page_carries_the_readable_text_of_its_links_when_asked() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article", "/missing"]);
    let store = &s.library.store;
    let folder = store
        .pearl(s.links[0])
        .expect("link")
        .parent_id
        .expect("in a folder");
    window::keep_copies(
        store,
        &s.archive,
        vec![folder],
        |_| {},
        &AtomicBool::new(false),
    )
    .expect("run");
    let dir = tempfile::tempdir().expect("dir");
    let with = dir.path().join("with.html");
    let report = export_branch_with(
        store,
        folder,
        ExportFormat::Page,
        &ExportOptions {
            lang: PageLanguage::Fr,
            copies: Some(&s.archive),
            ..ExportOptions::default()
        },
        &with,
    )
    .expect("export");
    assert_eq!(report.offline_copies, 1);
    let page = std::fs::read_to_string(&with).expect("read");
    let section = &page[page
        .find("<section id=\"offline-copies\">")
        .expect("the copies' section")..];
    let section = &section[..section.find("</section>").expect("closed")];
    assert!(section.contains("<h2>Copies hors ligne</h2>"), "{section}");
    assert!(
        section.contains("<summary>La prise de la Bastille</summary>"),
        "{section}"
    );
    assert!(section.contains("la foule parisienne"), "{section}");
    for never in ["<script", "<img", "<iframe", "onerror", "HACKED", "style="] {
        assert!(!section.contains(never), "{never:?} in {section}");
    }
    let without = dir.path().join("without.html");
    let plain = export_branch_with(
        store,
        folder,
        ExportFormat::Page,
        &ExportOptions {
            lang: PageLanguage::En,
            copies: None,
            ..ExportOptions::default()
        },
        &without,
    )
    .expect("export");
    assert_eq!(plain.offline_copies, 0);
    assert!(
        !std::fs::read_to_string(&without)
            .expect("read")
            .contains("offline-copies")
    );
    let native = dir.path().join("x.nacre.json");
    let e = export_branch_with(
        store,
        folder,
        ExportFormat::Native,
        &ExportOptions {
            lang: PageLanguage::En,
            copies: Some(&s.archive),
            ..ExportOptions::default()
        },
        &native,
    )
    .expect_err("a page only");
    assert!(e.to_string().contains("web page only"), "{e}");
    assert!(!native.exists(), "nothing written");
}
