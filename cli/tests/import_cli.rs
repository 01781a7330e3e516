//! `nacre import` as a user runs it: a real process, a real library file, real browser profile
//! folders, and a kill in the middle of an import.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Small bookmark files of the project's own.
fn fixtures() -> std::path::PathBuf {
    crate::sample_library::repo_root().join("tests/data/import")
}

struct Tool {
    dir: tempfile::TempDir,
}

impl Tool {
    fn new() -> Tool {
        Tool {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn library(&self) -> PathBuf {
        self.dir.path().join("library.sqlite")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_nacre"));
        c.args(args)
            .env("NACRE_LIBRARY", self.library())
            .env("HOME", self.dir.path().join("home"));
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the nacre binary runs")
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "nacre {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    }

    /// How many pearls the library holds, read with the tool itself.
    fn pearl_count(&self) -> usize {
        self.json(&["ls", "--tree"]).as_array().unwrap().len()
    }
}

fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

#[test]
fn importing_a_file_prints_a_report_and_lands_in_a_new_collection() {
    let tool = Tool::new();
    tool.json(&["add", "--collection", "Imports"]);
    let report = tool.json(&[
        "import",
        &fixture("chrome_bookmarks.json"),
        "--into",
        "Imports",
        "--title",
        "From Chrome",
    ]);
    assert_eq!(report["collectionTitle"], "From Chrome");
    assert_eq!(report["imported"]["links"], 3);
    assert_eq!(report["imported"]["collections"], 4);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 1);
    let imports = tool.json(&["ls", "Imports"]);
    assert_eq!(imports[0]["title"], "From Chrome");
    let text = tool.run(&["import", &fixture("firefox_description.html")]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("5 links"), "{text}");
    assert!(
        text.contains("line 18") && text.contains("place:"),
        "skipped entries with where and why: {text}"
    );
    assert!(
        text.contains("Firefox bookmarks, "),
        "the collection is named after the browser that wrote the file (issue 11): {text}"
    );
}

#[test]
fn a_dry_run_prints_the_preview_and_changes_nothing() {
    let tool = Tool::new();
    let out = tool.run(&["import", "--dry-run", &fixture("raindrop.csv")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("▸ Research (3 links, 2 collections)"),
        "{text}"
    );
    assert!(text.contains("  ▸ Go (2 links"), "{text}");
    assert!(
        text.contains(
            "kept as tags and notes: tags on 2 links (favorite 1, go 1, rust 1, tutorial 1); 1 note"
        ),
        "the preview says what became tags and notes (issue 15): {text}"
    );
    assert!(!tool.library().exists(), "no library was even opened");
    let json = tool.json(&["import", "--dry-run", &fixture("raindrop.csv")]);
    assert_eq!(json["preview"]["total"]["links"], 4);
    assert_eq!(json["preview"]["kept"]["taggedLinks"], 2);
    assert_eq!(json["preview"]["kept"]["noted"], 1);
}

#[test]
fn a_bad_file_gets_one_clear_line_and_the_library_is_unchanged() {
    let tool = Tool::new();
    tool.json(&["add", "--collection", "Keep"]);
    let before = tool.pearl_count();
    for name in ["not_bookmarks.txt", "truncated.html"] {
        let out = tool.run(&["import", &fixture(name)]);
        assert!(!out.status.success(), "{name} is refused");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains(name), "names the file: {err}");
    }
    let out = tool.run(&["--json", "import", &fixture("not_bookmarks.txt")]);
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "invalid");
    assert_eq!(tool.pearl_count(), before);
}

/// A Chromium profile folder as Chromium lays it out, with a real exported Bookmarks file.
fn chromium_profile(home: &Path, shared: &Path) {
    let config = home.join(".config/chromium");
    std::fs::create_dir_all(config.join("Default")).unwrap();
    std::fs::create_dir_all(config.join("Profile 1")).unwrap();
    std::fs::copy(
        fixture("chrome_bookmarks.json"),
        config.join("Default/Bookmarks"),
    )
    .unwrap();
    std::fs::copy(
        shared.join("real-exports/chrome-json/jarun__buku__Bookmarks"),
        config.join("Profile 1/Bookmarks"),
    )
    .expect("the shared real Chrome export");
    std::fs::write(
        config.join("Local State"),
        r#"{"profile":{"last_used":"Default","info_cache":{"Default":{"name":"Person 1"},"Profile 1":{"name":"Work"}}}}"#,
    )
    .unwrap();
}

#[test]
fn browsers_are_found_by_profile_name_and_imported_from() {
    let Some(shared) = crate::sample_library::shared_fixtures("the browser profiles test") else {
        return;
    };
    let tool = Tool::new();
    let home = tool.dir.path().join("home");
    chromium_profile(&home, &shared);
    let list = tool.json(&["import", "--list-browsers"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Person 1", "Work"], "the default profile first");
    assert_eq!(list[0]["browser"], "chromium");
    let report = tool.json(&["import", "--from", "chromium", "--profile", "work"]);
    assert_eq!(report["imported"]["links"], 43, "buku's Chromium profile");
    assert!(
        report["collectionTitle"]
            .as_str()
            .unwrap()
            .starts_with("Chromium bookmarks (Work), "),
        "{report}"
    );
    let out = tool.run(&["import", "--from", "firefox"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Firefox bookmarks found"));
}

#[test]
fn an_import_killed_in_its_transaction_leaves_the_library_as_it_was() {
    let tool = Tool::new();
    tool.json(&["add", "--collection", "Before"]);
    let before = tool.pearl_count();
    let mut html = String::from("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n");
    for i in 0..150_000 {
        html.push_str(&format!(
            "<DT><A HREF=\"https://k{}.example/page/{i}\">Link number {i}</A>\n",
            i % 977
        ));
    }
    html.push_str("</DL><p>\n");
    let file = tool.dir.path().join("big.html");
    std::fs::write(&file, html).unwrap();
    let mut child = tool
        .command(&["import", file.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import's transaction is writing (its log grows), then kill it.
    let wal = tool.dir.path().join("library.sqlite-wal");
    let start = Instant::now();
    let mut killed = false;
    while start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::fs::metadata(&wal).map_or(0, |m| m.len()) > 2_000_000 {
            child.kill().unwrap();
            killed = true;
            break;
        }
        std::thread::yield_now();
    }
    let status = child.wait().unwrap();
    assert!(
        killed && !status.success(),
        "the import was killed while writing (it must not finish in under a blink)"
    );
    assert_eq!(tool.pearl_count(), before, "nothing of the import is left");
    let ls = tool.json(&["ls"]);
    assert_eq!(
        ls.as_array().unwrap().len(),
        2,
        "only what was there before (the Inbox and one collection): {ls}"
    );
}
