//! The benchmark's generated collection (`../shared/bench/gen_bookmarks.py`, 10,000 bookmarks
//! with place: queries and bookmarklets) imports from its Netscape HTML and from its Chrome
//! JSON with exactly the bookmarks of the generator's truth file: each one's folder path, URL
//! and title.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use nacre::PearlKind;
use serde_json::Value;

use crate::common::TestLibrary;

const GENERATOR: &str = "../shared/bench/gen_bookmarks.py";

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// URLs compare by their normalised form: Chrome writes IDN hosts in punycode.
fn normalized(url: &str) -> String {
    nacre::LinkUrl::parse(url).unwrap().normalized().to_owned()
}

type Multiset = HashMap<(String, String, String), usize>;

/// What the library holds below `top`: (folder path, URL, title) of every link.
fn links_with_paths(lib: &TestLibrary, top: nacre::PearlId) -> Multiset {
    let mut path: Vec<String> = Vec::new();
    let mut out = Multiset::new();
    for row in lib.store.subtree(top, None).unwrap() {
        path.truncate(row.depth as usize);
        match row.pearl.kind {
            PearlKind::Collection => path.push(row.pearl.title.clone()),
            PearlKind::Link => {
                let key = (
                    path.join("/"),
                    normalized(row.pearl.url.as_deref().unwrap()),
                    collapse(&row.pearl.title),
                );
                *out.entry(key).or_default() += 1;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_generated_benchmark_collection_imports_exactly_as_its_truth_file_says() {
    if !Path::new(GENERATOR).exists() {
        // As the tests of the shared real exports: the folder beside the project is what CI
        // has; a checkout without it says what is missing instead of failing.
        eprintln!(
            "skipped: the shared benchmark generator is not at {GENERATOR}; this test needs ../shared beside the project"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("bm-10000.html");
    let json = dir.path().join("Bookmarks-10000.json");
    let truth = dir.path().join("truth-10000.json");
    let status = Command::new("python3")
        .arg(GENERATOR)
        .args(["--n", "10000", "--seed", "1", "--out"])
        .arg(&html)
        .arg("--chrome-out")
        .arg(&json)
        .arg("--truth-out")
        .arg(&truth)
        .output()
        .expect("python3 runs the generator");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let truth: Value = serde_json::from_slice(&std::fs::read(&truth).unwrap()).unwrap();
    let bookmarks = truth["bookmarks"].as_array().unwrap();
    let mut want = Multiset::new();
    let mut places = 0;
    for b in bookmarks {
        // place: queries (some records copy one) are skipped, not links.
        if b["url"].as_str().unwrap().starts_with("place:") {
            places += 1;
            continue;
        }
        let folder: Vec<&str> = b["folder"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let key = (
            folder.join("/"),
            normalized(b["url"].as_str().unwrap()),
            collapse(b["title"].as_str().unwrap()),
        );
        *want.entry(key).or_default() += 1;
    }
    for file in [&html, &json] {
        let tree = nacre::formats::read_file(file).unwrap();
        let lib = TestLibrary::new();
        let report = lib.store.import_tree(&tree, lib.root(), "bench").unwrap();
        assert_eq!(
            report.imported.links + places,
            bookmarks.len(),
            "{}: every bookmark but place: queries is a link",
            file.display()
        );
        assert_eq!(
            report.skipped.len(),
            places,
            "{}: only place: queries are skipped",
            file.display()
        );
        // A large import into a small library makes the URL index again at its end: it is there,
        // and a page looked up by its address is found.
        let conn = rusqlite::Connection::open(lib.store.path()).unwrap();
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'pearls_url_normalized'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 1, "the URL index is back after the import");
        let some_url = bookmarks
            .iter()
            .map(|b| b["url"].as_str().unwrap())
            .find(|u| u.starts_with("https://"))
            .unwrap();
        assert!(
            !nacre::api::capture::lookup(&lib.store, some_url)
                .unwrap()
                .is_empty(),
            "{some_url} is found by its address"
        );
        let got = links_with_paths(&lib, report.collection);
        let missing: Vec<_> = want
            .iter()
            .filter(|(k, n)| got.get(*k) != Some(n))
            .take(5)
            .collect();
        let extra: Vec<_> = got
            .iter()
            .filter(|(k, n)| want.get(*k) != Some(n))
            .take(5)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: folder, URL and title of every link; missing {missing:?}, unexpected {extra:?}",
            file.display()
        );
    }
}
