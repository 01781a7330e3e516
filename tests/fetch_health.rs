//! Link health and what gets fetched, against a real HTTP server on 127.0.0.1: redirects
//! (moved links, loops), dead links, updating moved links, freshness and scopes, the
//! library left alone, and `nacre fetch` / `nacre check`.

use std::sync::atomic::AtomicBool;

use nacre::fetch::{self, Options};
use nacre::store::{FetchScope, Freshness, Outcome};
use nacre::{LinkUrl, NewPearl, PearlId, Placement};

use crate::fetch::{dead_ids, fetch_all, import, library, outcome, pages, title};
use crate::fetch_server::TestServer;

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
            .iter()
            .all(|p| p.id == lib.store.inbox_id()),
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
        outcome: Outcome::Ok,
        moved_to: None,
        page: nacre::model::PageDetails {
            fetched_at: Some(1),
            http_status: Some(200),
            title: Some("Title of the old page".to_owned()),
            ..Default::default()
        },
        favicon: None,
    };
    let written = lib.store.record_fetches(&[record]).expect("record");
    assert!(written.is_empty(), "the stale result is not written");
    assert_eq!(title(&lib.store, ids[0]), "Old");
}

/// Addresses on 127.0.0.1 where nothing listens: each a site of its own that refuses every
/// connection, as every site does when the computer is offline.
fn closed_sites(n: usize) -> Vec<String> {
    let listeners: Vec<std::net::TcpListener> = (0..n)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").expect("bind"))
        .collect();
    let urls = listeners
        .iter()
        .map(|l| format!("http://{}/page", l.local_addr().expect("address")))
        .collect();
    drop(listeners);
    urls
}

#[test]
fn a_run_in_which_no_site_answers_is_offline_and_marks_nothing_dead() {
    let lib = library();
    let urls = closed_sites(3);
    let links: Vec<(&str, &str)> = urls.iter().map(|u| ("Kept title", u.as_str())).collect();
    let ids = import(&lib.store, &links);
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.offline, 3, "{report:?}");
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(report.cancelled, 0, "{report:?}");
    for id in ids {
        assert_eq!(
            lib.store.page_details(id).expect("read"),
            None,
            "nothing is recorded while offline"
        );
        assert_eq!(title(&lib.store, id), "Kept title");
    }
    assert!(
        lib.store.dead_links().expect("dead").is_empty(),
        "offline is not dead"
    );
}

#[test]
fn sites_that_do_not_answer_beside_ones_that_do_are_dead() {
    let server = TestServer::start(pages);
    let lib = library();
    let closed = closed_sites(3);
    let live = server.url("/utf8");
    let mut links: Vec<(&str, &str)> = closed.iter().map(|u| ("Gone", u.as_str())).collect();
    links.push(("stale", &live));
    let ids = import(&lib.store, &links);
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.offline, 0, "a site answered: online");
    assert_eq!(report.failed.get("unreachable"), Some(&3), "{report:?}");
    assert_eq!(
        dead_ids(&lib.store),
        ids[..3],
        "refused connections are dead links"
    );

    // One or two sites that never answer, alone in a run, are dead too.
    let lib = library();
    let closed = closed_sites(2);
    let links: Vec<(&str, &str)> = closed.iter().map(|u| ("Gone", u.as_str())).collect();
    let ids = import(&lib.store, &links);
    let report = fetch_all(&lib.store, &Options::default());
    assert_eq!(report.offline, 0, "{report:?}");
    assert_eq!(outcome(&lib.store, ids[0]), Some(Outcome::Unreachable));
    assert_eq!(lib.store.dead_links().expect("dead").len(), 2);
}
