//! The title-refresh benchmark's two ends, around a timed `nacre fetch` (see
//! `scripts/bench-fetch.sh`):
//!
//! - `fetch_bench prepare TRUTH LIBRARY`: puts the bookmarks of a `gen_bookmarks.py
//!   --local-port` truth file into a new library as one imported tree (same folders, the stale
//!   titles, imported so those titles are not the user's).
//! - `fetch_bench verify TRUTH LIBRARY`: compares each link's shown title with the title the
//!   truth file expects, and prints how many are wrong, by page kind.

use std::collections::{BTreeMap, HashMap};
use std::process::ExitCode;

use nacre::Store;
use nacre::formats::tree::{ImportedTree, Node, NodeKind};
use serde_json::Value;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, truth, library] if mode == "prepare" => prepare(truth, library),
        [mode, truth, library] if mode == "verify" => verify(truth, library),
        _ => Err("usage: fetch_bench prepare|verify TRUTH.json LIBRARY.sqlite".to_owned()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("fetch_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bookmarks(truth: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(truth).map_err(|e| format!("{truth}: {e}"))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{truth}: {e}"))?;
    json.get("bookmarks")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| format!("{truth}: no \"bookmarks\" list"))
}

fn text<'a>(record: &'a Value, key: &str) -> &'a str {
    record.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Finds (or makes) the collection at `path` among `nodes`.
fn folder<'a>(nodes: &'a mut Vec<Node>, path: &[String]) -> &'a mut Vec<Node> {
    let Some((name, rest)) = path.split_first() else {
        return nodes;
    };
    let at = nodes
        .iter()
        .position(|n| n.title == *name && matches!(n.kind, NodeKind::Collection { .. }));
    let at = at.unwrap_or_else(|| {
        nodes.push(Node::collection(name.clone(), Vec::new()));
        nodes.len() - 1
    });
    match &mut nodes[at].kind {
        NodeKind::Collection { children } => folder(children, rest),
        _ => unreachable!("position() found a collection"),
    }
}

fn prepare(truth: &str, library: &str) -> Result<bool, String> {
    let mut roots = Vec::new();
    for record in bookmarks(truth)? {
        let path: Vec<String> = record
            .get("folder")
            .and_then(Value::as_array)
            .map(|f| {
                f.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        folder(&mut roots, &path).push(Node::link(text(&record, "title"), text(&record, "url")));
    }
    let tree = ImportedTree {
        source: truth.to_owned(),
        roots,
        ..ImportedTree::default()
    };
    let store = Store::open(library).map_err(|e| e.to_string())?;
    let report = store
        .import_tree(&tree, store.root_id(), "Benchmark bookmarks")
        .map_err(|e| e.to_string())?;
    println!("imported {} links", report.imported.links);
    Ok(true)
}

fn verify(truth: &str, library: &str) -> Result<bool, String> {
    let store = Store::open(library).map_err(|e| e.to_string())?;
    let shown: HashMap<String, String> = store
        .subtree(store.root_id(), None)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|row| Some((row.pearl.url.clone()?, row.pearl.title)))
        .collect();
    let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples = Vec::new();
    let records = bookmarks(truth)?;
    for record in &records {
        let expected = text(record, "expected_title");
        let got = shown
            .get(text(record, "url"))
            .map_or("(missing)", String::as_str);
        if got != expected {
            *wrong.entry(text(record, "kind").to_owned()).or_default() += 1;
            if examples.len() < 10 {
                examples.push(format!(
                    "  {}: expected {expected:?}, shown {got:?}",
                    text(record, "url")
                ));
            }
        }
    }
    let total: usize = wrong.values().sum();
    println!(
        "titles checked: {}, wrong: {total} {wrong:?}",
        records.len()
    );
    for line in examples {
        println!("{line}");
    }
    Ok(total == 0)
}
