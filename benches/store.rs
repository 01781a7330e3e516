//! Store benchmark: builds a 100,000-pearl library from the shared generator's tree and
//! measures opening it, searching a common and a rare word, and moving one pearl in a
//! collection of 10 siblings versus one of 10,000.
//!
//! Run with `scripts/bench-store.sh` (which generates the input), or
//! `cargo bench --bench store -- BOOKMARKS_JSON OUT_DIR`, where BOOKMARKS_JSON is the Chromium
//! `Bookmarks` file written by `gen_bookmarks.py --chrome-out` (the same tree as its HTML), read
//! by Nacre's own importer.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nacre::formats::tree::{ImportedTree, Node};
use nacre::{PearlId, Placement, SortBy, Store};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(input), Some(out_dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench store -- BOOKMARKS_JSON OUT_DIR");
        std::process::exit(2);
    };
    if let Err(e) = run(Path::new(input), Path::new(out_dir)) {
        eprintln!("bench failed: {e}");
        std::process::exit(1);
    }
}

fn run(input: &Path, out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let tree = nacre::formats::read_file(input)?;
    let counts = tree.count();
    let path: PathBuf = out_dir.join("library-100000.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }

    let started = Instant::now();
    let store = Store::open(&path)?;
    let report = store.import_tree(&tree, store.root_id(), "Benchmark bookmarks")?;
    let built = started.elapsed();
    println!(
        "library: {} links, {} collections, built in {} ({})",
        report.imported.links,
        report.imported.collections,
        fmt(built),
        path.display()
    );
    // Everything the reader produced went in (the reader itself skips `place:` queries).
    assert_eq!(
        report.imported.links, counts.links,
        "links the store refused: {:?}",
        report.skipped
    );

    // Two collections for the move benchmark: 10 and 10,000 siblings.
    let small = sibling_collection(&store, "Ten siblings", 10)?;
    let large = sibling_collection(&store, "Ten thousand siblings", 10_000)?;
    drop(store);

    let open = median(30, || {
        let t = Instant::now();
        let s = Store::open(&path).expect("open");
        let d = t.elapsed();
        drop(s);
        d
    });
    println!("open the 100k library: median {}", fmt(open));

    let store = &Store::open(&path)?;
    let (common, rare) = common_and_rare_words(&tree);
    for (label, word) in [("common", &common), ("rare", &rare)] {
        let hits = store.search(word, 50)?.len();
        let d = median(50, || {
            let t = Instant::now();
            store.search(word, 50).expect("search");
            t.elapsed()
        });
        println!(
            "search a {label} word ({word:?}, {hits} shown of the best 50): median {}",
            fmt(d)
        );
    }

    let groups = store.duplicates()?.len();
    let d = median(5, || {
        let t = Instant::now();
        store.duplicates().expect("duplicates");
        t.elapsed()
    });
    println!("list duplicate links ({groups} groups): median {}", fmt(d));

    for (label, (collection, ids)) in [("10 siblings", &small), ("10,000 siblings", &large)] {
        let n = ids.len();
        let mover = ids[n / 2];
        // Alternate between two far-apart gaps, as a user dragging back and forth would.
        let by_index = median(200, {
            let mut flip = false;
            move || {
                flip = !flip;
                let at = if flip {
                    Placement::Index(1)
                } else {
                    Placement::Index(n - 1)
                };
                let t = Instant::now();
                store.move_pearls(&[mover], *collection, at).expect("move");
                t.elapsed()
            }
        });
        let by_neighbour = median(200, {
            let mut flip = false;
            move || {
                flip = !flip;
                let at = if flip {
                    Placement::After(ids[0])
                } else {
                    Placement::Before(ids[n - 1])
                };
                let t = Instant::now();
                store.move_pearls(&[mover], *collection, at).expect("move");
                t.elapsed()
            }
        });
        println!(
            "move one pearl among {label}: median {} by neighbour, {} by index",
            fmt(by_neighbour),
            fmt(by_index)
        );
    }
    // The biggest single edits a user makes by hand: sort a collection of 10,000, and undo it
    // (which writes the 10,000 rows back).
    let (collection, _) = &large;
    let mut undos = Vec::new();
    let sort = median(5, || {
        let t = Instant::now();
        assert!(
            store
                .sort_collection(*collection, SortBy::Title)
                .expect("sort"),
            "the siblings were not in title order"
        );
        let sorted = t.elapsed();
        let t = Instant::now();
        store.undo().expect("undo");
        undos.push(t.elapsed());
        sorted
    });
    let undo = median(undos.len(), {
        let mut times = undos.into_iter();
        move || times.next().unwrap_or_default()
    });
    println!(
        "sort 10,000 siblings by title: median {}; undo it: median {}",
        fmt(sort),
        fmt(undo)
    );
    Ok(())
}

/// A collection with `n` links, built through the import path (one transaction).
fn sibling_collection(
    store: &Store,
    title: &str,
    n: usize,
) -> nacre::Result<(PearlId, Vec<PearlId>)> {
    let links = (0..n)
        .map(|i| Node::link(format!("sibling {i}"), format!("https://sib.example/{i}")))
        .collect();
    let tree = ImportedTree {
        source: title.to_owned(),
        roots: links,
        skipped: Vec::new(),
        shared: None,
    };
    let report = store.import_tree(&tree, store.root_id(), title)?;
    let ids = store
        .children(report.collection)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    Ok((report.collection, ids))
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[runs / 2]
}

fn fmt(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:.0} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    }
}

/// The most frequent title word, and a word found in exactly one title.
fn common_and_rare_words(tree: &ImportedTree) -> (String, String) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<&Node> = tree.roots.iter().collect();
    while let Some(n) = stack.pop() {
        for w in n
            .title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
        {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
        stack.extend(n.children());
    }
    let common = counts
        .iter()
        .max_by_key(|(w, c)| (**c, (*w).clone()))
        .map(|(w, _)| w.clone())
        .unwrap_or_default();
    let rare = counts
        .iter()
        .filter(|(w, c)| **c == 1 && w.chars().all(|ch| ch.is_ascii_alphabetic()))
        .map(|(w, _)| w.clone())
        .min()
        .unwrap_or_default();
    (common, rare)
}
