//! Builds a library from a Chromium `Bookmarks` JSON file through `Store::import_tree`, and
//! nothing else: a stand-alone workload to profile the store's bulk insert with `perf stat`.
//!
//! `cargo run --release --example build_library -- Bookmarks.json out.sqlite`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: build_library BOOKMARKS_JSON OUT_SQLITE");
        std::process::exit(2);
    };
    let json: serde_json::Value = match std::fs::read(input).map(|b| serde_json::from_slice(&b)) {
        Ok(Ok(v)) => v,
        _ => {
            eprintln!("cannot read {input} as JSON");
            std::process::exit(1);
        }
    };
    let _ = std::fs::remove_file(out);
    let tree = nacre_bench_tree(&json);
    let result = nacre::Store::open(out).and_then(|s| s.import_tree(&tree, s.root_id(), "Bench"));
    match result {
        Ok(r) => println!(
            "{} links, {} collections",
            r.imported.links, r.imported.collections
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

fn nacre_bench_tree(json: &serde_json::Value) -> nacre::formats::tree::ImportedTree {
    use nacre::formats::tree::{ImportedTree, Node};
    fn node(v: &serde_json::Value) -> Option<Node> {
        let name = v["name"].as_str().unwrap_or("").to_owned();
        match v["type"].as_str() {
            Some("folder") => Some(Node::collection(
                name,
                v["children"]
                    .as_array()
                    .map(|c| c.iter().filter_map(node).collect())
                    .unwrap_or_default(),
            )),
            Some("url") => Some(Node::link(name, v["url"].as_str().unwrap_or(""))),
            _ => None,
        }
    }
    let roots = json["roots"]
        .as_object()
        .map(|r| r.values().filter_map(node).collect())
        .unwrap_or_default();
    ImportedTree {
        source: "Chromium".to_owned(),
        roots,
        skipped: Vec::new(),
    }
}
