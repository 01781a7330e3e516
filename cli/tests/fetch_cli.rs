//! `nacre add` fetching a title at once, `nacre fetch` and `nacre check` against a real HTTP
//! server on 127.0.0.1.

use crate::fetch_server::TestServer;
use crate::sample_site::{CP1252_TITLE, pages};

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
