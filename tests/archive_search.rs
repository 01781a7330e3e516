//! Search inside pages (merged after title matches, with snippets, accents folded, trash left
//! out), pruning, the size, `nacre archive` / `nacre read` / `nacre search`, and the
//! snapshot opened in Chromium: its script never runs and it calls nobody.

use std::process::Command;

use nacre::archive::{self, Archive};

use crate::archive::{archive_all, pages, quick, setup};
use crate::fetch_server::TestServer;

#[test]
fn words_inside_pages_are_found_after_title_matches_with_a_snippet() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article", "/cp1252"]);
    let store = &s.library.store;
    let titled = s.library.link(
        store.root_id(),
        "Forteresse (a title match)",
        "https://other.example/",
    );
    assert_eq!(archive_all(store, &s.archive, &quick()).saved, 2);

    let found =
        archive::search_everywhere(store, Some(&s.archive), "forteresse", 10).expect("search");
    let ids: Vec<_> = found.iter().map(|f| (f.hit.pearl.id, f.in_page)).collect();
    assert_eq!(
        ids,
        [(titled, false), (s.links[0], true)],
        "the title match comes first"
    );
    let snippet = &found[1].snippet;
    assert!(
        snippet
            .iter()
            .any(|p| p.hit && p.text.eq_ignore_ascii_case("forteresse")),
        "{snippet:?}"
    );
    let context: String = snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(
        context.contains("s'empare de la"),
        "the words in context: {context}"
    );

    let folded = archive::search_everywhere(store, Some(&s.archive), "demolition commenca", 10)
        .expect("search");
    assert_eq!(folded.len(), 1, "accents and case are folded: {folded:?}");
    let cafe = archive::search_everywhere(store, Some(&s.archive), "garcons", 10).expect("search");
    assert_eq!(
        cafe.first().map(|f| f.hit.pearl.id),
        Some(s.links[1]),
        "windows-1252 text is searchable"
    );
    assert!(
        archive::search_everywhere(store, None, "garcons", 10)
            .expect("search")
            .is_empty()
    );

    store.trash(&[s.links[0]]).expect("trash");
    let after = archive::search_everywhere(store, Some(&s.archive), "necker", 10).expect("search");
    assert!(
        after.is_empty(),
        "a trashed pearl's page is not found: {after:?}"
    );
}

#[test]
fn pruning_deletes_the_copies_of_pearls_gone_for_good_only() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article", "/cp1252"]);
    let store = &s.library.store;
    archive_all(store, &s.archive, &quick());
    let size = s.archive.size().expect("size");
    assert_eq!(size.copies, 2);
    assert!(
        size.stored_bytes > 0 && size.file_bytes >= size.stored_bytes,
        "{size:?}"
    );
    store.trash(&[s.links[0]]).expect("trash");
    store.empty_trash().expect("empty");
    let kept = archive::prune(store, &s.archive).expect("prune");
    assert_eq!(
        kept.copies, 0,
        "an emptied trash can be undone, so its copies stay"
    );
    store.undo().expect("undo the emptying");
    assert!(
        archive::read_copy(store, &s.archive, s.links[0])
            .expect("read")
            .is_some()
    );
    // Another library, where these pearls never were: every copy is of a pearl gone.
    let other = crate::common::TestLibrary::new();
    let pruned = archive::prune(&other.store, &s.archive).expect("prune");
    assert_eq!(pruned.copies, 2, "{pruned:?}");
    assert!(pruned.bytes > 0);
    assert_eq!(s.archive.size().expect("size").copies, 0);
}

#[test]
fn the_snapshot_in_chromium_runs_no_script_and_calls_nobody() {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        eprintln!("skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)");
        return;
    };
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article"]);
    archive_all(&s.library.store, &s.archive, &quick());
    let snapshot = archive::read_snapshot(&s.library.store, &s.archive, s.links[0])
        .expect("read")
        .expect("copy");
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("snapshot.html");
    std::fs::write(&file, snapshot).expect("write");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--virtual-time-budget=3000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("la foule parisienne"),
        "the page shows: {dom:.400}"
    );
    assert!(!dom.contains("HACKED"), "the page's script ran");
    let calls = [
        "/call-home?from=inline",
        "/call-home?from=onerror",
        "/call-home?from=js",
        "/js/tracker.js",
    ];
    assert_eq!(
        calls.iter().map(|c| server.hits(c)).sum::<usize>(),
        0,
        "the snapshot called the server"
    );
    let _ = Archive::path_beside(s.library.store.path());
}

#[test]
fn a_page_given_whole_is_kept_without_fetching_anything() {
    let s = crate::common::TestLibrary::new();
    let link = s.link(s.root(), "Bastille", "https://news.example/bastille");
    let archive = Archive::open(Archive::path_beside(s.store.path())).expect("archive");
    let info = archive::keep_page(
        &s.store,
        &archive,
        link,
        "https://news.example/bastille",
        crate::archive::ARTICLE,
    )
    .expect("kept");
    assert_eq!(info.assets, 0);
    let snapshot = archive::read_snapshot(&s.store, &archive, link)
        .expect("read")
        .expect("copy");
    assert!(!snapshot.contains("<script") && snapshot.contains("la foule parisienne"));
    let found =
        archive::search_everywhere(&s.store, Some(&archive), "concorde", 5).expect("search");
    assert_eq!(found.len(), 1);
    let e = archive::keep_page(
        &s.store,
        &archive,
        link,
        "https://news.example/",
        "<p>too short</p>",
    )
    .expect_err("empty");
    assert!(e.to_string().contains("empty"), "{e}");
    assert!(
        archive::read_copy(&s.store, &archive, link)
            .expect("read")
            .is_some(),
        "the copy stays"
    );
}
