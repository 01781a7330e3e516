//! The `--json` output of every subcommand, held against a recorded list of its fields
//! (`cli/tests/cli-json-fields.txt`): scripts depend on those names, so a field may be added
//! but never lost or renamed. `NACRE_RECORD_JSON_FIELDS=1` writes the list anew (only after
//! adding fields, never to hide a lost one).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::fetch_server::{Reply, TestServer};

const RECORD: &str = "tests/cli-json-fields.txt";

/// Every field path of a JSON value, with the kind of value found there: `ls[].title: string`.
fn field_paths(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                field_paths(&format!("{prefix}.{k}"), v, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                field_paths(&format!("{prefix}[]"), item, out);
            }
        }
        // A field that is null in this run may hold a value in another: its name is what counts.
        Value::Null => {
            out.insert(format!("{prefix}: any"));
        }
        Value::Bool(_) => {
            out.insert(format!("{prefix}: bool"));
        }
        Value::Number(_) => {
            out.insert(format!("{prefix}: number"));
        }
        Value::String(_) => {
            out.insert(format!("{prefix}: string"));
        }
    }
}

struct Session {
    dir: tempfile::TempDir,
    fields: BTreeSet<String>,
}

impl Session {
    fn run(&mut self, name: &str, args: &[&str]) -> Value {
        let out = Command::new(env!("CARGO_BIN_EXE_nacre"))
            .arg("--json")
            .args(args)
            .env("NACRE_LIBRARY", self.dir.path().join("library.sqlite"))
            .env("NACRE_NO_FETCH", "1")
            .env("HOME", self.dir.path())
            .output()
            .expect("the nacre binary runs");
        let text = if out.status.success() {
            out.stdout
        } else {
            out.stderr
        };
        let value: Value = serde_json::from_slice(&text).unwrap_or_else(|e| {
            panic!(
                "nacre --json {args:?} printed no JSON ({e}): {}",
                String::from_utf8_lossy(&text)
            )
        });
        field_paths(name, &value, &mut self.fields);
        value
    }
}

#[test]
fn every_subcommand_keeps_the_json_fields_scripts_read() {
    let server = TestServer::start(|path, _| match path {
        "/gone" => Reply::new(404, "text/html", "<title>Not found</title>"),
        "/old" => Reply::redirect(301, "/new"),
        _ => Reply::html(
            "<html><head><title>A page</title><meta name=description content=About></head></html>",
        ),
    });
    let mut s = Session {
        dir: tempfile::tempdir().unwrap(),
        fields: BTreeSet::new(),
    };
    let page = server.url("/page");
    let gone = server.url("/gone");
    let old = server.url("/old");
    s.run("add-collection", &["add", "--collection", "Research/Rust"]);
    s.run(
        "add-link",
        &["add", &page, "--to", "Research", "--tags", "a,b"],
    );
    s.run(
        "add-link",
        &["add", &gone, "--to", "Research", "--title", "Gone"],
    );
    s.run("add-link", &["add", &old, "--to", "Research/Rust"]);
    s.run("add-link", &["add", &page, "--to", "Research/Rust"]);
    s.run(
        "add-note",
        &["add", "--note", "read first", "--to", "Research"],
    );
    s.run(
        "add-section",
        &["add", "--section", "Later", "--to", "Research"],
    );
    s.run("add-alias", &["add", "--alias", "Research/Rust"]);
    s.run("ls", &["ls"]);
    s.run("ls-tree", &["ls", "Research", "--tree"]);
    s.run("rename", &["rename", "Research/Rust", "Rust language"]);
    let listed = s.run("ls", &["ls", "Research"]);
    let first = format!("#{}", listed[0]["id"]);
    s.run("edit", &["edit", &first, "--note", "a note"]);
    s.run("mv", &["mv", &first, "Research", "--index", "1"]);
    s.run("sort", &["sort", "Research", "--by", "title"]);
    s.run("search", &["search", "page"]);
    s.run("dupes", &["dupes"]);
    s.run("fetch", &["fetch", "--all"]);
    s.run("check", &["check"]);
    s.run("check-update", &["check", "--update-moved"]);
    let file = s.dir.path().join("research.nacre.json");
    let file = file.to_str().unwrap();
    s.run("export", &["export", "Research", "-o", file]);
    s.run("import-dry-run", &["import", file, "--dry-run"]);
    s.run("import", &["import", file, "--title", "Copy"]);
    let page = s.dir.path().join("research.html");
    let page = page.to_str().unwrap();
    let credit = [
        "--curator",
        "M. Durand",
        "--license",
        "cc-by",
        "--description",
        "Mes liens",
    ];
    s.run(
        "export-page",
        &[
            &["export", "-f", "page", "Research", "-o", page][..],
            &credit,
        ]
        .concat(),
    );
    s.run("import-page", &["import", page, "--title", "Shared"]);
    s.run("ls-provenance", &["ls", "Shared"]);
    s.run(
        "add-link",
        &["add", "https://example.org/new", "--to", "Research"],
    );
    s.run(
        "export-page",
        &[
            &["export", "-f", "page", "Research", "-o", page][..],
            &credit,
        ]
        .concat(),
    );
    s.run(
        "import-update-dry-run",
        &["import", page, "--update", "--dry-run", "--into", "Shared"],
    );
    s.run(
        "import-update",
        &["import", page, "--update", "--into", "Shared"],
    );
    s.run("add-collection", &["add", "--collection", "Mine"]);
    s.run(
        "pick",
        &["pick", "Shared/Research/Rust language", "--to", "Mine"],
    );
    s.run(
        "pick-alias",
        &[
            "pick",
            "Shared/Research/Rust language",
            "--to",
            "Mine",
            "--alias",
        ],
    );
    s.run("import-list-browsers", &["import", "--list-browsers"]);
    s.run("rm", &["rm", "Copy"]);
    s.run("trash", &["trash"]);
    let trash = s.run("trash", &["trash"]);
    let trashed = format!("#{}", trash[0]["id"]);
    s.run("restore", &["restore", &trashed]);
    s.run("undo", &["undo"]);
    s.run("redo", &["redo"]);
    s.run("trash-empty", &["trash", "--empty"]);
    s.run("backup", &["backup"]);
    s.run("backup-now", &["backup", "now"]);
    let shared = s.dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let shared = shared.to_str().unwrap();
    s.run("sync-init", &["sync", "init", shared, "--name", "laptop"]);
    s.run("sync", &["sync"]);
    s.run("sync-status", &["sync", "status"]);
    s.run("sync-also", &["sync", "also", "Research"]);
    s.run(
        "sync-also-dismiss",
        &["sync", "also", "Research", "--dismiss", "title"],
    );
    s.run("sync-leave", &["sync", "leave"]);
    s.run("error", &["ls", "No/Such/Collection"]);

    let now: Vec<String> = s.fields.iter().cloned().collect();
    let record = Path::new(env!("CARGO_MANIFEST_DIR")).join(RECORD);
    if std::env::var_os("NACRE_RECORD_JSON_FIELDS").is_some() {
        std::fs::write(&record, now.join("\n") + "\n").unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&record).expect("the recorded field list");
    let lost: Vec<&str> = recorded
        .lines()
        .filter(|l| !l.is_empty() && !s.fields.contains(*l))
        .collect();
    assert!(
        lost.is_empty(),
        "fields that scripts read are gone or renamed (they may only be added):\n{}",
        lost.join("\n")
    );
}
