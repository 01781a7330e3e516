//! `nacre export`: to a file and to standard output, and what a browser file had no place for.

use std::process::Command;

use nacre::formats::native;

use crate::sample_library::{library, sample};

#[test]
fn the_tool_exports_a_collection_to_a_file_and_to_standard_output() {
    let (dir, store) = library();
    sample(&store);
    drop(store);
    let file = dir.path().join("research.nacre.json");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_nacre"))
            .arg("--library")
            .arg(dir.path().join("lib.sqlite"))
            .args(args)
            .output()
            .expect("run nacre")
    };
    let out = run(&[
        "export",
        "--format",
        "native",
        "Research",
        "-o",
        file.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(&file).expect("file written");
    let read = native::read(&written, "research.nacre.json").expect("a Nacre file");
    assert_eq!(read.roots[0].title, "Research");

    let out = run(&["export", "-f", "markdown", "Research/Rust", "-o", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "# Rust\n\n- [The \\<Book\\>](<https://doc.rust-lang.org/book/>) ` #books ` ` #rust `\n  Read it all\n  Twice\n"
    );

    let out = run(&["export", "-f", "page", "No/Such/Place", "-o", "-"]);
    assert!(!out.status.success(), "an unknown collection fails");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("No/Such/Place"),
        "the error names the path: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_browser_file_says_which_pearls_it_had_no_place_for() {
    let (dir, store) = library();
    sample(&store);
    drop(store);
    let file = dir.path().join("research.html");
    let run = |json: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nacre"));
        command.arg("--library").arg(dir.path().join("lib.sqlite"));
        if json {
            command.arg("--json");
        }
        command
            .args(["export", "-f", "netscape", "Research", "-o"])
            .arg(&file)
            .output()
            .expect("run nacre")
    };
    let out = run(false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("left out: 1 note and 1 alias (a netscape file has no place for them)"),
        "the summary names what was left out: {text}"
    );
    let out = run(true);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["leftOut"]["notes"], 1, "{report}");
    assert_eq!(report["leftOut"]["aliases"], 1, "{report}");
    assert_eq!(report["leftOut"]["links"], 0, "{report}");
    assert_eq!(report["exported"]["links"], 2, "{report}");
}

#[test]
fn a_page_with_credit_imports_with_its_provenance_and_a_newer_one_updates_the_copy() {
    let (dir, store) = library();
    sample(&store);
    drop(store);
    let page = dir.path().join("research.html");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_nacre"))
            .arg("--library")
            .arg(dir.path().join("lib.sqlite"))
            .env("NACRE_NO_FETCH", "1")
            .args(args)
            .output()
            .expect("run nacre");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let page_arg = page.to_str().expect("path");
    let export = [
        "export",
        "-f",
        "page",
        "Research",
        "-o",
        page_arg,
        "--curator",
        "M. Durand",
        "--license",
        "cc-by",
    ];
    run(&export);
    run(&["import", page_arg, "--title", "Shared"]);
    let listed: serde_json::Value =
        serde_json::from_str(&run(&["--json", "ls", "Shared"])).expect("json");
    let summary = listed[0]["provenance"]["summary"]
        .as_str()
        .expect("a provenance");
    assert!(
        summary.starts_with("From “Research” by M. Durand, CC BY 4.0, "),
        "{summary}"
    );
    // The curator adds a link; the newer page updates the copy instead of making a second one.
    run(&[
        "add",
        "https://example.org/new",
        "--title",
        "New one",
        "--to",
        "Research",
    ]);
    run(&export);
    let dry = run(&[
        "import",
        page_arg,
        "--update",
        "--dry-run",
        "--into",
        "Shared",
    ]);
    assert!(
        dry.contains("would update") && dry.contains("Shared/Research/New one"),
        "{dry}"
    );
    let done = run(&["import", page_arg, "--update", "--into", "Shared"]);
    assert!(
        done.contains("added") && done.contains("Shared/Research/New one"),
        "{done}"
    );
    let copy = run(&["ls", "Shared/Research"]);
    assert!(copy.contains("New one"), "{copy}");
}
