//! Offline copies against pages served on 127.0.0.1: an article with navigation, ads, a
//! footer, images, stylesheets and a script that would rewrite the page and call home;
//! windows-1252 text; redirects; a 404; an oversize page; a PDF; a page a script writes; a
//! failed re-archive that keeps the old copy. The pages and helpers are shared with
//! `archive_search` (search inside pages, pruning, the tool, the snapshot in Chromium).

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use nacre::PearlId;
use nacre::archive::{self, ArchiveReport, CopyOutcome, Staleness};
use nacre::store::FetchScope;

use crate::fetch_server::TestServer;

pub(crate) use crate::archive_site::{ARTICLE, archive_all, pages, quick, setup};

fn problem(report: &ArchiveReport, pearl: PearlId) -> Option<(CopyOutcome, String)> {
    report
        .problems
        .iter()
        .find(|p| p.pearl == pearl)
        .map(|p| (p.outcome, p.message.clone()))
}

#[test]
fn an_article_keeps_its_text_without_the_chrome_and_a_snapshot_that_runs_nothing() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article"]);
    let report = archive_all(&s.library.store, &s.archive, &quick());
    assert_eq!(report.saved, 1, "{report:?}");
    let store = &s.library.store;
    let text = archive::read_copy(store, &s.archive, s.links[0])
        .expect("read")
        .expect("a copy");
    assert_eq!(text.title, "La prise de la Bastille");
    for kept in [
        "la foule parisienne",
        "## Les causes",
        "Le renvoi de Necker",
        "c'est une révolution",
        "L'assaut de la Bastille",
        "pont de la Concorde",
    ] {
        assert!(
            text.text.contains(kept),
            "{kept:?} missing from:\n{}",
            text.text
        );
    }
    for chrome in [
        "Accueil",
        "Météo du jour",
        "cookies",
        "montres de luxe",
        "mentions légales",
        "HACKED",
    ] {
        assert!(
            !text.text.contains(chrome),
            "{chrome:?} kept in:\n{}",
            text.text
        );
    }
    let snapshot = archive::read_snapshot(store, &s.archive, s.links[0])
        .expect("read")
        .expect("a snapshot");
    let lower = snapshot.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script left in the snapshot");
    assert!(!lower.contains("onerror"), "a handler left in the snapshot");
    assert!(
        !lower.contains("call-home"),
        "the call home left in the snapshot"
    );
    assert!(
        snapshot.contains("data:image/png;base64,"),
        "the image is inside the snapshot"
    );
    let imported = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode("h1 { font-family: serif }")
    };
    assert!(
        snapshot.contains(&format!("@import url(\"data:text/css;base64,{imported}\")")),
        "the imported stylesheet is inside it"
    );
    let origin = server.url("");
    for (at, _) in snapshot.match_indices(&origin) {
        let before = snapshot.get(at.saturating_sub(9)..at).unwrap_or("");
        assert!(
            before.ends_with("<a href=\"") || before.ends_with("content=\""),
            "only links to follow point at the server, nothing loads from it: {before}{origin}"
        );
    }
    assert!(
        snapshot.contains("Content-Security-Policy"),
        "the snapshot forbids scripts itself"
    );
    assert_eq!(
        server.hits("/js/tracker.js"),
        0,
        "scripts are not even fetched"
    );
    assert_eq!(
        server.hits("/call-home?from=inline") + server.hits("/call-home?from=onerror"),
        0
    );
    let info = archive::copy_info(store, &s.archive, s.links[0])
        .expect("info")
        .expect("info");
    assert_eq!(
        info.assets, 5,
        "two images, the icon and two stylesheets: {info:?}"
    );
    assert!(
        info.stored_bytes < info.snapshot_bytes,
        "stored compressed: {info:?}"
    );
}

#[test]
fn windows_1252_text_is_read_in_its_charset() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/cp1252"]);
    let report = archive_all(&s.library.store, &s.archive, &quick());
    assert_eq!(report.saved, 1, "{report:?}");
    let text = archive::read_copy(&s.library.store, &s.archive, s.links[0])
        .expect("read")
        .expect("copy");
    assert!(
        text.text.contains("Au café de Flore, on boit un crème"),
        "{}",
        text.text
    );
    let snapshot = archive::read_snapshot(&s.library.store, &s.archive, s.links[0])
        .expect("read")
        .expect("snapshot");
    assert!(snapshot.contains("garçons") && snapshot.contains("<meta charset=\"utf-8\">"));
}

#[test]
fn every_bad_page_gives_a_clear_outcome_and_stores_nothing() {
    let server = TestServer::start(pages);
    let paths = [
        "/old",
        "/missing",
        "/huge",
        "/paper.pdf",
        "/app",
        "/loop-a",
        "/slow",
    ];
    let s = setup(&server, &paths);
    let mut options = quick();
    options.fetch.timeout = Duration::from_millis(800);
    let report = archive_all(&s.library.store, &s.archive, &options);
    assert_eq!(
        report.saved, 1,
        "only the redirected article is kept: {report:?}"
    );
    let copy = archive::copy_info(&s.library.store, &s.archive, s.links[0])
        .expect("info")
        .expect("copy");
    assert_eq!(
        copy.final_url,
        server.url("/article"),
        "the redirect was followed"
    );
    let expect = [
        (1, CopyOutcome::HttpError, "HTTP 404"),
        (
            2,
            CopyOutcome::TooLarge,
            "too large: 12.0 MiB (the cap is 10.0 MiB)",
        ),
        (3, CopyOutcome::NotAPage, "a PDF document"),
        (4, CopyOutcome::Empty, "script"),
        (5, CopyOutcome::Failed, "redirect loop"),
        (6, CopyOutcome::Timeout, ""),
    ];
    for (i, outcome, words) in expect {
        let (got, message) =
            problem(&report, s.links[i]).unwrap_or_else(|| panic!("{} reported", paths[i]));
        assert_eq!(got, outcome, "{}: {message}", paths[i]);
        assert!(
            message.contains(words),
            "{}: {message:?} should say {words:?}",
            paths[i]
        );
        assert!(
            archive::read_copy(&s.library.store, &s.archive, s.links[i])
                .expect("read")
                .is_none(),
            "{} stored nothing",
            paths[i]
        );
    }
    assert_eq!(report.failed.values().sum::<usize>(), 6, "{report:?}");
}

#[test]
fn a_snapshot_over_its_cap_is_skipped_whole() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article"]);
    let mut options = quick();
    options.max_snapshot_bytes = ARTICLE.len() + 100;
    let report = archive_all(&s.library.store, &s.archive, &options);
    let (outcome, message) = problem(&report, s.links[0]).expect("reported");
    assert_eq!(outcome, CopyOutcome::TooLarge, "{message}");
    assert!(message.starts_with("too large"), "{message}");
    assert!(
        archive::read_copy(&s.library.store, &s.archive, s.links[0])
            .expect("read")
            .is_none()
    );
}

#[test]
fn a_failed_re_archive_keeps_the_copy_already_stored() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/flaky"]);
    assert_eq!(archive_all(&s.library.store, &s.archive, &quick()).saved, 1);
    let before = archive::read_copy(&s.library.store, &s.archive, s.links[0]).expect("read");
    let again = archive_all(&s.library.store, &s.archive, &quick());
    assert_eq!(
        problem(&again, s.links[0]).map(|p| p.0),
        Some(CopyOutcome::HttpError)
    );
    let after = archive::read_copy(&s.library.store, &s.archive, s.links[0]).expect("read");
    assert!(after.is_some(), "the old copy is still there");
    assert_eq!(after, before, "and unchanged");
}

#[test]
fn only_links_without_a_copy_are_archived_by_default_and_a_cancelled_run_keeps_what_it_did() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article", "/cp1252"]);
    let (store, a) = (&s.library.store, &s.archive);
    let first = archive::targets(
        store,
        a,
        &FetchScope::Ids(vec![s.links[0]]),
        Staleness::Missing,
    )
    .expect("targets");
    archive::run(store, a, first, &quick(), |_| {}, &AtomicBool::new(false)).expect("run");
    let missing =
        archive::targets(store, a, &FetchScope::All, Staleness::Missing).expect("targets");
    assert_eq!(
        missing.iter().map(|t| t.pearl).collect::<Vec<_>>(),
        [s.links[1]]
    );
    let stale =
        archive::targets(store, a, &FetchScope::All, Staleness::OlderThan(0)).expect("targets");
    assert_eq!(stale.len(), 1, "no copy is older than 1970");
    let cancel = AtomicBool::new(true);
    let report = archive::run(store, a, missing, &quick(), |_| {}, &cancel).expect("run");
    assert_eq!((report.saved, report.cancelled), (0, 1), "{report:?}");
    assert!(
        archive::read_copy(store, a, s.links[0])
            .expect("read")
            .is_some(),
        "the first copy stays"
    );
    let e = archive::read_copy(store, a, store.root_id()).expect_err("not a link");
    assert!(e.to_string().contains("not a link"), "{e}");
}
