//! Fetching within limits, against a real HTTP server on 127.0.0.1: timeouts, body caps,
//! compression, retries, the per-host limit, progress and cancelling, TLS failures.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use nacre::fetch::{self, Options};
use nacre::store::{FetchScope, Freshness, Outcome};

use crate::fetch::{fetch_all, fixture, import, library, outcome, pages, title};
use crate::fetch_server::{Reply, TestServer};

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
