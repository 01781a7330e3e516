//! `nacre pick` as a user runs it: a curator's page imported, pearls of it picked into a
//! collection of one's own (copies keeping their provenance, or aliases), the copy updated
//! afterwards without touching the picks, and bad picks refused with what and where.

use serde_json::Value;

use crate::cli::Tool;

/// A library holding the curator's "Research" and, imported from its page, "Shared".
fn with_shared_copy() -> Tool {
    let tool = Tool::new();
    tool.ok(&["add", "--collection", "Research/Rust"]);
    add_link(&tool, "book", "The book", "Research/Rust");
    add_link(&tool, "std", "std docs", "Research/Rust");
    export_page(&tool);
    tool.ok(&["import", &page(&tool), "--title", "Shared"]);
    tool.ok(&["add", "--collection", "Mine"]);
    tool
}

fn add_link(tool: &Tool, name: &str, title: &str, to: &str) {
    let url = format!("https://example.org/{name}");
    tool.ok(&["add", &url, "--title", title, "--to", to]);
}

fn page(tool: &Tool) -> String {
    tool.dir
        .path()
        .join("research.html")
        .to_str()
        .unwrap()
        .to_owned()
}

/// The curator's "Research" as a credited page (a newer version each time it changed).
fn export_page(tool: &Tool) {
    let page = page(tool);
    let credit = ["--curator", "M. Durand", "--license", "cc-by"];
    tool.ok(&[
        &["export", "-f", "page", "Research", "-o", &page][..],
        &credit,
    ]
    .concat());
}

fn update(tool: &Tool) -> String {
    export_page(tool);
    tool.ok(&["import", &page(tool), "--update", "--into", "Shared"])
}

#[test]
fn pick_copies_a_branch_with_its_provenance_and_an_update_leaves_it_alone() {
    let tool = with_shared_copy();
    let text = tool.ok(&["pick", "Shared/Research/Rust", "--to", "Mine"]);
    assert!(
        text.starts_with(
            "Picked “Rust” (3 pearls) into “Mine”, from “Research” by M. Durand (/Mine)"
        ),
        "{text}"
    );
    let mine = tool.json(&["ls", "Mine/Rust"]);
    let titles: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["The book", "std docs"]);
    let summary = mine[0]["provenance"]["summary"]
        .as_str()
        .expect("a provenance");
    assert!(
        summary.starts_with("From “Research” by M. Durand, CC BY 4.0, "),
        "{summary}"
    );
    assert!(mine[0]["provenance"]["pickedAt"].is_number(), "{mine}");
    assert!(
        tool.ok(&["ls", "Shared/Research/Rust"])
            .contains("The book"),
        "the copy keeps it"
    );

    tool.ok(&["undo"]);
    assert!(
        !tool.ok(&["ls", "Mine"]).contains("Rust"),
        "undo takes the pick away"
    );
    tool.ok(&["redo"]);
    assert!(tool.ok(&["ls", "Mine/Rust"]).contains("std docs"));

    // The curator renames the book and adds a link; the update changes the copy only.
    tool.ok(&["rename", "Research/Rust", "Rust lang"]);
    add_link(&tool, "nomicon", "Nomicon", "Research/Rust lang");
    let done = update(&tool);
    assert!(!done.contains("Mine"), "nothing picked is updated: {done}");
    assert_eq!(
        tool.ok(&["ls", "Mine"]).lines().count(),
        1,
        "no second pick, no copy in Mine"
    );
    assert!(!tool.ok(&["ls", "Mine/Rust"]).contains("Nomicon"));
    assert!(
        tool.ok(&["ls", "Shared/Research/Rust lang"])
            .contains("Nomicon")
    );
    let shared = tool.ok(&["ls", "Shared", "--tree"]);
    assert_eq!(
        shared.matches("Nomicon").count(),
        1,
        "once, in the copy: {shared}"
    );
}

#[test]
fn pick_alias_at_an_index_leaves_an_alias_that_follows_updates_and_prints_json() {
    let tool = with_shared_copy();
    add_link(&tool, "first", "First", "Mine");
    let report = tool.json(&[
        "pick",
        "Shared/Research/Rust",
        "--to",
        "Mine",
        "--alias",
        "--index",
        "0",
    ]);
    assert_eq!(report["alias"], true, "{report}");
    assert_eq!(report["intoPath"], "Mine", "{report}");
    assert_eq!(report["from"][0]["curator"], "M. Durand", "{report}");
    assert_eq!(report["picked"].as_array().unwrap().len(), 1, "{report}");
    let listed = tool.json(&["ls", "Mine"]);
    assert_eq!(listed[0]["kind"], "alias", "at index 0: {listed}");
    assert_eq!(listed[1]["title"], "First");
    add_link(&tool, "nomicon", "Nomicon", "Research/Rust");
    update(&tool);
    let target = format!("#{}", listed[0]["aliasTarget"]);
    assert!(
        tool.ok(&["ls", &target]).contains("Nomicon"),
        "the alias shows the updated collection"
    );
}

#[test]
fn bad_picks_say_what_and_where_and_change_nothing() {
    let tool = with_shared_copy();
    let before = tool.ok(&["ls", "--tree"]);
    for (args, words) in [
        (
            &["pick", "Research/Rust", "--to", "Mine"][..],
            "is not in an imported tree",
        ),
        (
            &["pick", "Shared/Research/Rust", "--to", "Shared/Research"][..],
            "inside “Research”",
        ),
        (&["pick", "No/Such", "--to", "Mine"][..], "No/Such"),
        (
            &["pick", "Shared/Research/Rust", "--to", "Nowhere"][..],
            "Nowhere",
        ),
    ] {
        let out = tool.run(args);
        assert!(!out.status.success(), "{args:?} must fail");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("nacre: ") && err.contains(words),
            "{args:?}: {err}"
        );
        assert_eq!(
            tool.ok(&["ls", "--tree"]),
            before,
            "{args:?} changed nothing"
        );
    }
    let out = tool.run(&["--json", "pick", "Research/Rust", "--to", "Mine"]);
    let err: Value = serde_json::from_slice(&out.stderr).expect("a JSON error");
    assert_eq!(err["code"], "invalid", "{err}");
    let out = tool.run(&["pick", "--to", "Mine"]);
    assert!(!out.status.success(), "no source is a usage error");
}
