//! Fetching page details against a real HTTP server on 127.0.0.1: character sets, title
//! choice, redirects, error pages, bot walls, limits, favicons, link health, and the tool.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use nacre::fetch::{self, Options, Report};
use nacre::formats::tree::{ImportedTree, Node};
use nacre::store::{FetchScope, Freshness, Outcome};
use nacre::{LinkUrl, NewPearl, PearlId, Placement, Store};

use crate::fetch_server::{Reply, TestServer};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/data/fetch/{name}")).expect("fixture")
}

/// The pages every test can ask for.
fn pages(path: &str, before: usize) -> Reply {
    let html = |name: &str| Reply::html(fixture(name));
    let cp1252 = |name: &str, content_type: &str| Reply::new(200, content_type, fixture(name));
    match path {
        "/utf8" => html("utf8.html"),
        "/title-only" => html("title-only.html"),
        "/cp1252-header" => cp1252("cp1252-header.html", "text/html; charset=windows-1252"),
        "/cp1252-meta" => cp1252("cp1252-meta.html", "text/html"),
        "/cp1252-latin1" => cp1252("cp1252-latin1.html", "text/html"),
        "/cp1252-nolabel" => cp1252("cp1252-nolabel.html", "text/html"),
        "/old" => Reply::redirect(301, "/middle"),
        "/middle" => Reply::redirect(308, "/utf8"),
        "/temporary" => Reply::redirect(302, "/utf8"),
        "/loop-a" => Reply::redirect(301, "/loop-b"),
        "/loop-b" => Reply::redirect(301, "/loop-a"),
        "/missing" => Reply::new(404, "text/html; charset=utf-8", fixture("notfound.html")),
        "/soft-404" => html("notfound.html"),
        "/challenge" => Reply::new(403, "text/html; charset=UTF-8", fixture("challenge.html"))
            .header("cf-mitigated", "challenge"),
        "/slow" => html("utf8.html").delayed(Duration::from_secs(3)),
        "/gzip" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&fixture("utf8.html")).expect("gzip");
            Reply::html(gz.finish().expect("gzip")).header("Content-Encoding", "gzip")
        }
        "/brotli" => {
            let mut br = Vec::new();
            brotli::BrotliCompress(
                &mut fixture("utf8.html").as_slice(),
                &mut br,
                &brotli::enc::BrotliEncoderParams::default(),
            )
            .expect("brotli");
            Reply::html(br).header("Content-Encoding", "br")
        }
        "/large" => {
            let mut body =
                b"<html><head><meta charset=utf-8><title>A large page</title></head><body>"
                    .to_vec();
            while body.len() < 5 * 1024 * 1024 {
                body.extend_from_slice(b"<p>filler filler filler filler filler filler</p>\n");
            }
            body.extend_from_slice(b"</body></html>");
            Reply::html(body)
        }
        "/huge-head" => {
            let mut body = b"<html><head><meta charset=utf-8>".to_vec();
            while body.len() < 2 * 1024 * 1024 {
                body.extend_from_slice(b"<!-- a head that never ends -->\n");
            }
            body.extend_from_slice(b"<title>Past the cap</title></head></html>");
            Reply::html(body)
        }
        "/busy" if before == 0 => {
            Reply::new(429, "text/plain", "slow down").header("Retry-After", "1")
        }
        "/busy" => html("title-only.html"),
        "/status-999" => Reply::new(999, "text/html", "<title>Request denied</title>"),
        "/busy-long" => {
            Reply::new(429, "text/plain", "come back tomorrow").header("Retry-After", "86400")
        }
        "/with-icon" | "/with-icon-too" => html("with-icon.html"),
        "/static/icon.png" => Reply::new(200, "image/png", PNG.to_vec()),
        "/image.png" => Reply::new(200, "image/png", PNG.to_vec()),
        _ => Reply::new(404, "text/plain", "no such page"),
    }
}

/// A 1x1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc`\xf8\xcf\xc0\xf0\x1f\0\x05\0\x02\x01\xa5\xf6J\x1b\0\0\0\0IEND\xaeB`\x82";

const CP1252_TITLE: &str = "Café “naïve” – €5 ™ Œuvre";

struct Library {
    _dir: tempfile::TempDir,
    store: Store,
}

fn library() -> Library {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("library.sqlite")).expect("open");
    Library { _dir: dir, store }
}

/// Imports links (title, url) as an imported collection, so their titles are not the
/// user's; returns their ids in order.
fn import(store: &Store, links: &[(&str, &str)]) -> Vec<PearlId> {
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

fn fetch_all(store: &Store, options: &Options) -> Report {
    let targets = store
        .links_to_fetch(&FetchScope::All, Freshness::Any)
        .expect("targets");
    fetch::run(store, targets, options, |_| {}, &AtomicBool::new(false)).expect("run")
}

fn title(store: &Store, id: PearlId) -> String {
    store.pearl(id).expect("pearl").title
}

fn outcome(store: &Store, id: PearlId) -> Option<Outcome> {
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
fn permanent_redirects_mark_a_link_as_moved_and_updating_it_is_undoable() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("old", &server.url("/old")),
            ("temporary", &server.url("/temporary")),
        ],
    );
    fetch_all(&lib.store, &Options::default());
    let moved = lib.store.page_details(ids[0]).expect("read").expect("some");
    assert_eq!(
        moved.details.final_url.as_deref(),
        Some(server.url("/utf8").as_str())
    );
    assert_eq!(
        moved.moved_to.as_deref(),
        Some(server.url("/utf8").as_str()),
        "301 then 308: moved for good to the end of the chain"
    );
    let temporary = lib.store.page_details(ids[1]).expect("read").expect("some");
    assert_eq!(temporary.moved_to, None, "a 302 is not a move");
    assert_eq!(
        title(&lib.store, ids[1]),
        "Open Graph & its title — Über 日本語"
    );

    let listed: Vec<PearlId> = lib
        .store
        .moved_links()
        .expect("moved")
        .iter()
        .map(|l| l.pearl.id)
        .collect();
    assert_eq!(
        listed,
        [ids[0]],
        "only the permanently moved link is listed"
    );
    let updated = lib.store.update_moved_links(&[]).expect("update");
    assert_eq!(updated, [ids[0]]);
    let after = lib.store.pearl(ids[0]).expect("pearl");
    assert_eq!(after.url.as_deref(), Some(server.url("/utf8").as_str()));
    assert!(
        lib.store.moved_links().expect("moved").is_empty(),
        "nothing left to move"
    );
    lib.store.undo().expect("undo");
    let undone = lib.store.pearl(ids[0]).expect("pearl");
    assert_eq!(
        undone.url.as_deref(),
        Some(server.url("/old").as_str()),
        "undo gives the old URL back"
    );
}

#[test]
fn a_redirect_loop_fails_and_keeps_the_title() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(&lib.store, &[("Looping page", &server.url("/loop-a"))]);
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.failed.get("failed"), Some(&1), "{report:?}");
    assert_eq!(title(&lib.store, ids[0]), "Looping page");
    let details = lib.store.page_details(ids[0]).expect("read").expect("some");
    let error = details.details.error.unwrap_or_default();
    assert!(
        error.contains("redirect loop"),
        "the error says why: {error}"
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

    let dead: Vec<PearlId> = lib
        .store
        .dead_links()
        .expect("dead")
        .iter()
        .map(|l| l.pearl.id)
        .collect();
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
fn a_slow_page_times_out_without_holding_up_the_others() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("Slow page", &server.url("/slow")),
            ("stale", &server.url("/utf8")),
        ],
    );
    let options = Options {
        timeout: Duration::from_secs(1),
        ..Options::default()
    };
    let report = fetch_all(&lib.store, &options);
    assert_eq!(report.ok, 1, "{report:?}");
    assert_eq!(outcome(&lib.store, ids[0]), Some(Outcome::Timeout));
    assert_eq!(title(&lib.store, ids[0]), "Slow page");
    assert_eq!(outcome(&lib.store, ids[1]), Some(Outcome::Ok));
}

#[test]
fn large_and_compressed_pages_are_read_up_to_their_head() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("stale", &server.url("/large")),
            ("stale", &server.url("/gzip")),
            ("Huge head", &server.url("/huge-head")),
            ("stale", &server.url("/brotli")),
        ],
    );
    fetch_all(&lib.store, &Options::default());
    assert_eq!(title(&lib.store, ids[0]), "A large page", "a 5 MB page");
    assert_eq!(
        title(&lib.store, ids[1]),
        "Open Graph & its title — Über 日本語",
        "a gzip page"
    );
    assert_eq!(
        title(&lib.store, ids[2]),
        "Huge head",
        "a title past the 1 MiB cap is never read"
    );
    assert_eq!(
        title(&lib.store, ids[3]),
        "Open Graph & its title — Über 日本語",
        "a brotli page"
    );
}

#[test]
fn https_to_a_server_that_speaks_plain_http_fails_cleanly() {
    let server = TestServer::start(pages);
    let lib = library();
    let https = server.url("/utf8").replacen("http://", "https://", 1);
    let ids = import(&lib.store, &[("Not TLS", &https)]);
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.ok, 0, "{report:?}");
    let details = lib.store.page_details(ids[0]).expect("read").expect("some");
    assert_eq!(
        details.outcome,
        Some(Outcome::Failed),
        "reachable, but no TLS: not dead"
    );
    let error = details.details.error.unwrap_or_default();
    assert!(
        error.starts_with("TLS: "),
        "the TLS failure is said: {error}"
    );
    assert_eq!(title(&lib.store, ids[0]), "Not TLS");
}

#[test]
fn a_short_retry_after_is_waited_for_once() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(&lib.store, &[("stale", &server.url("/busy"))]);
    fetch_all(&lib.store, &Options::default());
    assert_eq!(server.hits("/busy"), 2, "one 429, one retry");
    assert_eq!(title(&lib.store, ids[0]), "Line one and \"two\" & three!");
}

#[test]
fn a_long_retry_after_is_not_waited_for_and_the_link_is_not_dead() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(&lib.store, &[("Busy site", &server.url("/busy-long"))]);
    fetch_all(&lib.store, &Options::default());
    assert_eq!(
        server.hits("/busy-long"),
        1,
        "no retry after a day-long Retry-After"
    );
    assert_eq!(title(&lib.store, ids[0]), "Busy site");
    assert_eq!(outcome(&lib.store, ids[0]), Some(Outcome::Blocked));
    assert!(
        lib.store.dead_links().expect("dead").is_empty(),
        "rate limited is not dead"
    );
}

#[test]
fn a_status_outside_http_s_range_is_a_bot_block_and_breaks_nothing() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("Guarded", &server.url("/status-999")),
            ("stale", &server.url("/utf8")),
        ],
    );
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(
        report.ok, 1,
        "the other link in the batch is written: {report:?}"
    );
    assert_eq!(outcome(&lib.store, ids[0]), Some(Outcome::Blocked));
    assert_eq!(title(&lib.store, ids[0]), "Guarded");
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
fn the_per_host_limit_bounds_requests_in_flight() {
    let server = TestServer::start(|_, _| {
        Reply::html(fixture("title-only.html")).delayed(Duration::from_millis(150))
    });
    let lib = library();
    let urls: Vec<String> = (0..12).map(|i| server.url(&format!("/p/{i}"))).collect();
    let links: Vec<(&str, &str)> = urls.iter().map(|u| ("stale", u.as_str())).collect();
    import(&lib.store, &links);
    let options = Options {
        per_host: 3,
        favicons: false,
        ..Options::default()
    };
    let report = fetch_all(&lib.store, &options);
    assert_eq!(report.ok, 12, "{report:?}");
    let max = server.max_in_flight();
    assert!(
        max <= 3,
        "at most 3 requests at once on one host, saw {max}"
    );
    assert!(max >= 2, "requests do run side by side, saw {max}");
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

#[test]
fn a_cancelled_run_stops_and_writes_nothing_more() {
    let server = TestServer::start(pages);
    let lib = library();
    let urls: Vec<String> = (0..5).map(|_| server.url("/slow")).collect();
    let links: Vec<(&str, &str)> = urls.iter().map(|u| ("stale", u.as_str())).collect();
    let ids = import(&lib.store, &links);
    let targets = lib
        .store
        .links_to_fetch(&FetchScope::All, Freshness::Any)
        .expect("targets");
    let cancel = AtomicBool::new(false);
    let report = fetch::run(
        &lib.store,
        targets,
        &Options::default(),
        |_| cancel.store(true, Ordering::Relaxed),
        &cancel,
    )
    .expect("run");
    assert_eq!(report.cancelled, 5, "{report:?}");
    for id in ids {
        assert_eq!(lib.store.page_details(id).expect("read"), None);
    }
}

#[test]
fn progress_reports_every_finished_link() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("stale", &server.url("/utf8")),
            ("Missing", &server.url("/missing")),
            ("Bookmarklet", "javascript:void(0)"),
        ],
    );
    let targets = lib
        .store
        .links_to_fetch(&FetchScope::All, Freshness::Any)
        .expect("targets");
    let mut seen = Vec::new();
    let mut last = None;
    fetch::run(
        &lib.store,
        targets,
        &Options::default(),
        |p| {
            seen.extend(p.finished.iter().map(|f| f.pearl));
            last = Some(p.clone());
        },
        &AtomicBool::new(false),
    )
    .expect("run");
    seen.sort();
    assert_eq!(seen, [ids[0], ids[1]], "each fetched link is reported once");
    let last = last.expect("progress");
    assert_eq!(
        (last.total, last.done, last.failed, last.skipped),
        (3, 3, 1, 1)
    );
    assert_eq!(last.remaining(), 0);
}

#[test]
fn only_links_never_fetched_or_stale_are_picked_and_collections_expand() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(
        &lib.store,
        &[
            ("a", &server.url("/utf8")),
            ("b", &server.url("/title-only")),
        ],
    );
    let first = lib
        .store
        .links_to_fetch(&FetchScope::Ids(vec![ids[0]]), Freshness::Any)
        .expect("ids");
    fetch::run(
        &lib.store,
        first,
        &Options::default(),
        |_| {},
        &AtomicBool::new(false),
    )
    .expect("run");
    let never = lib
        .store
        .links_to_fetch(&FetchScope::All, Freshness::NeverFetched)
        .expect("never fetched");
    assert_eq!(never.len(), 1);
    assert_eq!(never[0].pearl, ids[1]);
    let parent = lib
        .store
        .pearl(ids[0])
        .expect("pearl")
        .parent_id
        .expect("parent");
    let under = lib
        .store
        .links_to_fetch(&FetchScope::Ids(vec![parent]), Freshness::Any)
        .expect("collection");
    assert_eq!(under.len(), 2, "a collection stands for its links");
    let note = lib
        .store
        .create(
            lib.store.root_id(),
            Placement::End,
            &NewPearl::note("a note").expect("note"),
        )
        .expect("create");
    let refused = lib
        .store
        .links_to_fetch(&FetchScope::Ids(vec![note.id]), Freshness::Any);
    assert!(
        matches!(refused, Err(nacre::Error::Invalid(_))),
        "a note cannot be fetched: {refused:?}"
    );
}

#[test]
fn the_tool_fetches_and_checks_links() {
    let server = TestServer::start(pages);
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library.sqlite");
    let nacre = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nacre"))
            .arg("--library")
            .arg(&library)
            .args(args)
            .output()
            .expect("run nacre");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "nacre {args:?} failed: {stderr}");
        stdout
    };
    let added = nacre(&["add", &server.url("/cp1252-meta")]);
    assert!(
        added.contains(CP1252_TITLE),
        "nacre add fetches the title right away: {added}"
    );
    nacre(&[
        "add",
        "--no-fetch",
        &server.url("/missing"),
        "--title",
        "Gone",
    ]);
    nacre(&["add", "--no-fetch", &server.url("/old")]);
    let fetched = nacre(&["fetch"]);
    assert!(
        fetched.contains("fetched 2 links"),
        "only the unfetched two: {fetched}"
    );
    let check = nacre(&["check"]);
    assert!(check.contains("dead links: 1"), "{check}");
    assert!(check.contains("HTTP 404"), "{check}");
    assert!(check.contains("moved links: 1"), "{check}");
    let updated = nacre(&["check", "--update-moved"]);
    assert!(
        updated.contains("updated the URLs of 1 moved links"),
        "{updated}"
    );
    let after = nacre(&["check"]);
    assert!(after.contains("moved links: 0"), "{after}");
}

#[test]
fn fetching_leaves_the_undo_history_and_the_pearl_rows_alone() {
    let server = TestServer::start(pages);
    let lib = library();
    let ids = import(&lib.store, &[("stale", &server.url("/utf8"))]);
    let before = lib.store.history().expect("history");
    let modified = lib.store.pearl(ids[0]).expect("pearl").modified_at;
    fetch_all(&lib.store, &Options::default());
    assert_eq!(
        lib.store.history().expect("history"),
        before,
        "no history entry"
    );
    assert_eq!(
        lib.store.pearl(ids[0]).expect("pearl").modified_at,
        modified,
        "the pearl row is untouched"
    );
    lib.store.undo().expect("undo");
    assert!(
        lib.store
            .children(lib.store.root_id())
            .expect("root")
            .is_empty(),
        "the one undo step is the import's, not the fetch's"
    );
}

#[test]
fn a_result_for_a_link_whose_url_changed_meanwhile_is_dropped() {
    let lib = library();
    let ids = import(&lib.store, &[("Old", "http://127.0.0.1:9/old")]);
    let new_url = LinkUrl::parse("http://127.0.0.1:9/new").expect("url");
    lib.store
        .update(
            ids[0],
            &nacre::PearlUpdate {
                url: Some(new_url),
                ..nacre::PearlUpdate::default()
            },
        )
        .expect("edit");
    let record = nacre::store::FetchRecord {
        pearl: ids[0],
        url: "http://127.0.0.1:9/old".to_owned(),
        fetched_at: 1,
        outcome: Outcome::Ok,
        http_status: Some(200),
        final_url: None,
        moved_to: None,
        error: None,
        title: Some("Title of the old page".to_owned()),
        description: None,
        site_name: None,
        image_url: None,
        favicon_url: None,
        favicon: None,
    };
    let written = lib.store.record_fetches(&[record]).expect("record");
    assert!(written.is_empty(), "the stale result is not written");
    assert_eq!(title(&lib.store, ids[0]), "Old");
}
