//! Fetching page details against a real HTTP server on 127.0.0.1: character sets, title
//! choice, error pages, bot walls, favicons; and the pages and helpers the other fetch test
//! modules share (`fetch_limits`: limits, retries, progress, cancel; `fetch_health`: redirects,
//! dead and moved links, what is fetched, the tool).

use std::sync::atomic::AtomicBool;

use nacre::fetch::{self, Options, Report};
use nacre::formats::tree::{ImportedTree, Node};
use nacre::store::{FetchScope, Freshness, Outcome};
use nacre::{LinkUrl, NewPearl, PearlId, Placement, Store};

use crate::fetch_server::{Reply, TestServer};

pub(crate) use crate::sample_site::{CP1252_TITLE, PNG, fixture, pages};

pub(crate) struct Library {
    _dir: tempfile::TempDir,
    pub(crate) store: Store,
}

pub(crate) fn library() -> Library {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("library.sqlite")).expect("open");
    Library { _dir: dir, store }
}

/// Imports links (title, url) as an imported collection, so their titles are not the
/// user's; returns their ids in order.
pub(crate) fn import(store: &Store, links: &[(&str, &str)]) -> Vec<PearlId> {
    let tree = ImportedTree {
        source: "test".to_owned(),
        roots: links.iter().map(|(t, u)| Node::link(*t, *u)).collect(),
        ..ImportedTree::default()
    };
    let report = store
        .import_tree(&tree, store.root_id(), "Imported")
        .expect("import");
    store
        .children(report.collection)
        .expect("children")
        .into_iter()
        .map(|p| p.id)
        .collect()
}

pub(crate) fn fetch_all(store: &Store, options: &Options) -> Report {
    let targets = store
        .links_to_fetch(&FetchScope::All, Freshness::Any)
        .expect("targets");
    fetch::run(store, targets, options, |_| {}, &AtomicBool::new(false)).expect("run")
}

pub(crate) fn title(store: &Store, id: PearlId) -> String {
    store.pearl(id).expect("pearl").title
}

/// The link pearls the library lists as dead, in its order.
pub(crate) fn dead_ids(store: &Store) -> Vec<PearlId> {
    store
        .dead_links()
        .expect("dead")
        .iter()
        .map(|l| l.pearl.id)
        .collect()
}

pub(crate) fn outcome(store: &Store, id: PearlId) -> Option<Outcome> {
    store
        .page_details(id)
        .expect("details")
        .and_then(|d| d.outcome)
}

#[test]
fn titles_are_decoded_in_the_page_s_real_character_set() {
    let server = TestServer::start(pages);
    let lib = library();
    let paths = [
        "/cp1252-header",
        "/cp1252-meta",
        "/cp1252-latin1",
        "/cp1252-nolabel",
    ];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    let links: Vec<(&str, &str)> = urls.iter().map(|u| ("stale", u.as_str())).collect();
    let ids = import(&lib.store, &links);
    fetch_all(&lib.store, &Options::default());
    for (id, path) in ids.iter().zip(paths) {
        assert_eq!(
            title(&lib.store, *id),
            CP1252_TITLE,
            "the title of {path}, in windows-1252"
        );
    }
}

#[test]
fn og_title_is_preferred_and_entities_and_newlines_are_cleaned() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("stale", &server.url("/utf8")),
            ("stale", &server.url("/title-only")),
        ],
    );
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.ok, 2, "both pages read: {report:?}");
    assert_eq!(
        title(&lib.store, ids[0]),
        "Open Graph & its title — Über 日本語",
        "og:title wins over <title>, decoded and on one line"
    );
    assert_eq!(
        title(&lib.store, ids[1]),
        "Line one and \"two\" & three!",
        "<title> alone, entities decoded, whitespace collapsed"
    );
    let details = lib
        .store
        .page_details(ids[0])
        .expect("details")
        .expect("some");
    assert_eq!(details.details.http_status, Some(200));
    assert_eq!(details.details.site_name.as_deref(), Some("Example Site"));
    assert_eq!(
        details.details.description.as_deref(),
        Some("A page about \"things\".")
    );
    assert_eq!(
        details.details.image_url.as_deref(),
        Some(server.url("/preview.png").as_str()),
        "the preview image made absolute"
    );
    assert!(
        details.details.fetched_at.is_some(),
        "the fetch time is kept"
    );
}

#[test]
fn a_title_the_user_typed_wins_over_the_fetched_one() {
    let server = TestServer::start(pages);
    let lib = library();
    let url = LinkUrl::parse(&server.url("/utf8")).expect("url");
    let typed = NewPearl::link(url, "My own name").expect("new");
    let pearl = lib
        .store
        .create(lib.store.root_id(), Placement::End, &typed)
        .expect("create");
    fetch_all(&lib.store, &Options::default());
    assert_eq!(
        title(&lib.store, pearl.id),
        "My own name",
        "the typed title stays"
    );
    let details = lib
        .store
        .page_details(pearl.id)
        .expect("read")
        .expect("some");
    assert_eq!(
        details.details.title.as_deref(),
        Some("Open Graph & its title — Über 日本語"),
        "the fetched title is still kept beside it"
    );
}

#[test]
fn error_pages_and_bot_walls_never_become_titles() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("Missing page", &server.url("/missing")),
            ("Soft missing page", &server.url("/soft-404")),
            ("Guarded page", &server.url("/challenge")),
        ],
    );
    fetch_all(&lib.store, &Options::default());
    assert_eq!(
        title(&lib.store, ids[0]),
        "Missing page",
        "a 404 keeps the title"
    );
    assert_eq!(outcome(&lib.store, ids[0]), Some(Outcome::HttpError));
    let details = lib.store.page_details(ids[0]).expect("read").expect("some");
    assert_eq!(
        details.details.http_status,
        Some(404),
        "the status is recorded"
    );
    assert_eq!(details.details.title, None, "the error title is not stored");
    assert_eq!(
        title(&lib.store, ids[1]),
        "Soft missing page",
        "a 200 page titled 404 Not Found is an error page too"
    );
    assert_eq!(
        title(&lib.store, ids[2]),
        "Guarded page",
        "a challenge keeps the title"
    );
    assert_eq!(outcome(&lib.store, ids[2]), Some(Outcome::Blocked));

    let dead = dead_ids(&lib.store);
    assert_eq!(
        dead,
        [ids[0], ids[1]],
        "error pages are dead; a bot wall is not"
    );
}

#[test]
fn a_failed_refetch_keeps_the_title_fetched_before() {
    let server = TestServer::start(|path, before| match (path, before) {
        ("/flaky", 0) => Reply::html(fixture("title-only.html")),
        ("/flaky", _) => Reply::new(503, "text/html", fixture("notfound.html")),
        _ => Reply::new(404, "text/plain", ""),
    });
    let lib = library();
    let ids = import(&lib.store, &[("stale", &server.url("/flaky"))]);
    fetch_all(&lib.store, &Options::default());
    fetch_all(&lib.store, &Options::default());
    assert_eq!(title(&lib.store, ids[0]), "Line one and \"two\" & three!");
    assert_eq!(outcome(&lib.store, ids[0]), Some(Outcome::HttpError));
}

#[test]
fn favicons_are_fetched_once_and_shared_by_the_pages_of_a_site() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("stale", &server.url("/with-icon")),
            ("stale", &server.url("/with-icon-too")),
        ],
    );
    fetch_all(&lib.store, &Options::default());
    assert_eq!(
        server.hits("/static/icon.png"),
        1,
        "one request for the shared icon"
    );
    let first = lib.store.page_details(ids[0]).expect("read").expect("some");
    let second = lib.store.page_details(ids[1]).expect("read").expect("some");
    let icon = first.favicon_id.expect("an icon");
    assert_eq!(
        second.favicon_id,
        Some(icon),
        "both pages share one stored icon"
    );
    let stored = lib.store.favicon(icon).expect("read").expect("stored");
    assert_eq!(stored.mime, "image/png");
    assert_eq!(stored.data, PNG, "the image itself is in the library");

    // A later run finds the icon in the library and does not ask again.
    let more = import(&lib.store, &[("stale", &server.url("/with-icon"))]);
    fetch_all(&lib.store, &Options::default());
    assert_eq!(server.hits("/static/icon.png"), 1, "no second request");
    let third = lib
        .store
        .page_details(more[0])
        .expect("read")
        .expect("some");
    assert_eq!(third.favicon_id, Some(icon));
}

#[test]
fn links_that_are_not_http_are_skipped_not_fetched() {
    let lib = library();
    import(
        &lib.store,
        &[
            ("Bookmarklet", "javascript:alert(1)"),
            ("Most visited", "place:sort=8"),
            ("Local", "file:///etc/hosts"),
        ],
    );
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.skipped, 3, "{report:?}");
    assert_eq!(report.ok, 0);
}
