//! The `nacre` command-line tool, run as a user runs it: a real process on a real library file.

use std::path::Path;
use std::process::{Command, Output};

/// The tool on a library of its own in a temporary folder (shared with the other tool tests).
pub(crate) struct Tool {
    pub(crate) dir: tempfile::TempDir,
}

impl Tool {
    pub(crate) fn new() -> Tool {
        Tool {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn library(&self) -> std::path::PathBuf {
        self.dir.path().join("library.sqlite")
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_nacre"))
            .args(args)
            .env("NACRE_LIBRARY", self.library())
            // `nacre add` fetches the new link's page; tests never reach the internet.
            .env("NACRE_NO_FETCH", "1")
            .output()
            .expect("the nacre binary runs")
    }

    /// Runs a command that must succeed; returns its standard output.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "nacre {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail; returns its one-line error.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "nacre {args:?} should have failed");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one clear line, got: {err}"
        );
        err
    }

    pub(crate) fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("valid JSON")
    }
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

#[test]
fn a_user_builds_a_small_tree_and_reads_it_back() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "Research/Rust"]);
    t.ok(&[
        "add",
        "https://www.rust-lang.org/",
        "--title",
        "Rust",
        "--to",
        "Research/Rust",
        "--tags",
        "lang",
    ]);
    t.ok(&["add", "--note", "read the book first", "--to", "Research"]);
    t.ok(&["add", "--section", "Later", "--to", "Research"]);
    let tree = t.ok(&["ls", "--tree"]);
    let expected = [
        "▸ Inbox (0)",
        "▸ Research (3)",
        "  ▸ Rust (1)",
        "    • Rust  <https://www.rust-lang.org/>  [lang]",
        "  ✎ read the book first",
        "  § Later",
    ];
    for (line, want) in tree.lines().zip(expected) {
        assert!(
            line.starts_with(want),
            "{line:?} should start with {want:?}\n{tree}"
        );
    }
    let listed = t.json(&["ls", "Research/Rust"]);
    assert_eq!(listed[0]["title"], "Rust");
    assert_eq!(listed[0]["url"], "https://www.rust-lang.org/");
    assert_eq!(listed[0]["tags"][0], "lang");
}

#[test]
fn moving_reordering_and_undo_work_from_the_tool() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "A"]);
    t.ok(&["add", "--collection", "B"]);
    for name in ["one", "two", "three"] {
        t.ok(&[
            "add",
            &format!("https://{name}.example/"),
            "--title",
            name,
            "--to",
            "A",
        ]);
    }
    let ids: Vec<String> = t
        .json(&["ls", "A"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("#{}", p["id"]))
        .collect();
    t.ok(&["mv", &ids[2], "A", "--index", "0"]);
    let titles = |path: &str| -> Vec<String> {
        t.json(&["ls", path])
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(titles("A"), ["three", "one", "two"]);
    t.ok(&["mv", &ids[0], &ids[1], "B"]);
    assert_eq!(titles("B"), ["one", "two"]);
    assert!(t.ok(&["undo"]).contains("Move 2 pearls"));
    assert_eq!(titles("A"), ["three", "one", "two"]);
    t.ok(&["redo"]);
    assert_eq!(titles("A"), ["three"]);
    t.ok(&["rename", "B", "Bee"]);
    assert_eq!(titles("Bee"), ["one", "two"]);
}

#[test]
fn an_alias_shows_its_collection_in_a_second_place() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "Research/Rust"]);
    t.ok(&["add", "--collection", "Teaching"]);
    let made = t.json(&["add", "--alias", "Research/Rust", "--to", "Teaching"]);
    assert_eq!(made["kind"], "alias");
    assert_eq!(made["title"], "Rust", "titled as its collection");
    t.ok(&["rename", "Research/Rust", "Rust language"]);
    let listed = t.json(&["ls", "Teaching"]);
    assert_eq!(
        listed[0]["title"], "Rust language",
        "it follows its collection's name"
    );
    let named = t.json(&[
        "add",
        "--alias",
        "Teaching",
        "--to",
        "Research",
        "--title",
        "Class notes",
    ]);
    assert_eq!(
        named["title"], "Class notes",
        "unless it has a name of its own"
    );
    let err = t.fails(&[
        "add",
        "--alias",
        "Research",
        "--to",
        "Research/Rust language",
    ]);
    assert!(
        err.contains("inside"),
        "an alias inside its own collection is refused: {err}"
    );
}

#[test]
fn sorting_a_collection_from_the_tool_is_one_undoable_step() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "Fruit"]);
    for title in ["pear", "Apple", "fig"] {
        t.ok(&[
            "add",
            &format!("https://{title}.example/"),
            "--title",
            title,
            "--to",
            "Fruit",
        ]);
    }
    let titles = |t: &Tool| -> Vec<String> {
        t.json(&["ls", "Fruit"])
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let out = t.ok(&["sort", "Fruit"]);
    assert!(out.contains("sorted “Fruit”"), "{out}");
    assert_eq!(titles(&t), ["Apple", "fig", "pear"]);
    let again = t.json(&["sort", "Fruit", "--by", "title"]);
    assert_eq!(again["changed"], false, "already in order: {again}");
    t.ok(&["undo"]);
    assert_eq!(
        titles(&t),
        ["pear", "Apple", "fig"],
        "one undo puts it back"
    );
    let out = t.run(&["sort", "Fruit", "--by", "colour"]);
    assert!(!out.status.success(), "an unknown order is refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'colour'") && err.contains("title"), "{err}");
}

#[test]
fn deleting_and_restoring_go_through_the_trash() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "A"]);
    t.ok(&["add", "https://a.example/", "--title", "a", "--to", "A"]);
    t.ok(&["rm", "A"]);
    assert!(t.ok(&["ls", "Inbox"]).contains("(empty)"));
    assert!(!t.ok(&["ls"]).contains("▸ A"), "A left the top of the tree");
    let trash = t.json(&["trash"]);
    let id = format!("#{}", trash[0]["id"]);
    assert!(t.ok(&["restore", &id]).contains("restored"));
    assert!(t.ok(&["ls", "A"]).contains("a.example"));
    t.ok(&["rm", "A"]);
    t.ok(&["trash", "--empty"]);
    assert!(t.ok(&["trash"]).contains("empty"));
}

#[test]
fn search_and_duplicates_print_paths() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "Écoles"]);
    t.ok(&[
        "add",
        "https://www.ens.psl.eu/",
        "--title",
        "École normale",
        "--to",
        "Écoles",
    ]);
    t.ok(&["add", "HTTPS://WWW.ENS.PSL.EU:443/", "--title", "ENS again"]);
    let found = t.ok(&["search", "ecole", "norm"]);
    assert!(
        found.contains("École normale") && found.contains("in /Écoles"),
        "{found}"
    );
    let dupes = t.json(&["dupes"]);
    assert_eq!(dupes[0]["normalizedUrl"], "https://www.ens.psl.eu/");
    assert_eq!(dupes[0]["pearls"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_gets_one_clear_line_and_changes_nothing() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "A/B"]);
    let before = file_bytes(&t.library());
    let cases: [(&[&str], &str); 6] = [
        (&["add", "not a url"], "is not a valid URL"),
        (
            &["add", "https://a.example/", "--to", "Nowhere"],
            "no collection at \"Nowhere\"",
        ),
        (&["mv", "A", "A/B"], "into itself"),
        (&["ls", "#999"], "no pearl #999"),
        (&["rename", "A", ""], "needs a name"),
        (&["restore", "A"], "not in the trash"),
    ];
    for (args, message) in cases {
        let err = t.fails(args);
        assert!(err.contains(message), "nacre {args:?}: {err}");
    }
    assert_eq!(
        file_bytes(&t.library()),
        before,
        "the library file is unchanged"
    );
    let json_err = t.run(&["--json", "mv", "A", "A/B"]);
    let body: serde_json::Value = serde_json::from_slice(&json_err.stderr).unwrap();
    assert_eq!(body["code"], "conflict");
}

#[test]
fn a_file_that_is_not_a_library_or_is_too_new_is_refused() {
    let t = Tool::new();
    let text = t.dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, just some text in a file that is long enough",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nacre"))
        .args(["--library", text.to_str().unwrap(), "ls"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a Nacre library"));

    t.ok(&["ls"]);
    rusqlite::Connection::open(t.library())
        .unwrap()
        .pragma_update(None, "user_version", 42)
        .unwrap();
    assert!(t.fails(&["ls"]).contains("newer Nacre"));
}

#[test]
fn the_tool_backs_up_the_library_and_restores_a_backup() {
    let t = Tool::new();
    t.ok(&["add", "--collection", "Kept"]);
    let backups = t.json(&["backup", "list"]);
    let name = backups[0]["name"].as_str().unwrap().to_owned();
    assert!(
        name.starts_with("library-"),
        "the first command made the day's backup: {name}"
    );
    t.ok(&["backup", "now"]);
    t.ok(&["add", "--collection", "Later"]);
    let restored = t.ok(&["backup", "restore", &name]);
    assert!(restored.contains("before-restore"), "{restored}");
}

#[test]
fn a_reader_that_stops_reading_early_is_no_error() {
    let t = Tool::new();
    for i in 0..400 {
        t.ok(&[
            "add",
            "--section",
            &format!("Section number {i:03} of a long list"),
        ]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_nacre"))
        .args(["ls", "--tree"])
        .env("NACRE_LIBRARY", t.library())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the nacre binary runs");
    // As `nacre ls --tree | head -1` does: read one line, then close the pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    std::io::Read::read(&mut stdout, &mut first).expect("a first line");
    drop(stdout);
    let out = child.wait_with_output().expect("it ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked"),
        "no panic on a closed pipe: {err}"
    );
    assert!(out.status.success(), "{err}");
}
