//! `nacre archive`, `nacre read` and `nacre search` inside pages, against a real HTTP server.

use std::process::Command;

use crate::archive_site::{pages, setup};
use crate::fetch_server::TestServer;

fn nacre(library: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nacre"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env("NACRE_NO_FETCH", "1")
        .output()
        .expect("run nacre")
}

#[test]
fn the_tool_archives_reads_and_searches_inside_pages() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article", "/missing"]);
    let library = s.library.store.path().to_owned();
    let id = format!("#{}", s.links[0].0);
    let out = nacre(&library, &["archive", "Histoire", "--per-host", "8"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("1 copies kept") && said.contains("1 httpError"),
        "{said}"
    );
    assert!(said.contains("HTTP 404"), "each problem is listed: {said}");

    let out = nacre(&library, &["read", &id]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# La prise de la Bastille"), "{text}");
    assert!(
        text.contains("la foule parisienne") && !text.contains("Accueil"),
        "{text}"
    );

    let file = library.with_file_name("copy.html");
    let out = nacre(
        &library,
        &[
            "read",
            &id,
            "--snapshot",
            "-o",
            file.to_str().expect("path"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let snapshot = std::fs::read_to_string(&file).expect("snapshot written");
    assert!(snapshot.contains("la foule parisienne") && !snapshot.contains("<script"));

    let out = nacre(&library, &["search", "necker"]);
    let found = String::from_utf8_lossy(&out.stdout);
    assert!(
        found.contains("page: ") && found.contains("**Necker**"),
        "{found}"
    );

    let missing = format!("#{}", s.links[1].0);
    let out = nacre(&library, &["read", &missing]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no offline copy"),
        "{out:?}"
    );
    let out = nacre(&library, &["archive", "--size"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("1 copies"),
        "{out:?}"
    );
}

#[test]
fn a_page_export_includes_the_offline_copies_when_asked() {
    let server = TestServer::start(pages);
    let s = setup(&server, &["/article"]);
    let library = s.library.store.path().to_owned();
    let out = nacre(&library, &["archive", "Histoire"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = library.with_file_name("shared.html");
    let path = file.to_str().expect("path");
    let export_to = |to: &str| {
        let args = [
            "export",
            "--format",
            "page",
            "--include-copies",
            "Histoire",
            "-o",
            to,
        ];
        nacre(&library, &args)
    };
    let out = export_to(path);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("with the offline copies of 1 links"),
        "{said}"
    );
    let page = std::fs::read_to_string(&file).expect("the page");
    assert!(
        page.contains("<section id=\"offline-copies\">"),
        "the copies' section"
    );
    assert!(
        page.contains("la foule parisienne"),
        "the article's text is in the page"
    );

    let out = export_to("-");
    assert!(!out.status.success(), "copies go into a file only");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--include-copies"));
}
