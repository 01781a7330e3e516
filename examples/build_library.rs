//! Builds a library from a bookmark file (any format Nacre reads) through `Store::import_tree`,
//! and nothing else: a stand-alone workload to profile the store's bulk insert with `perf`.
//!
//! `cargo run --release --example build_library -- Bookmarks.json out.sqlite`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: build_library BOOKMARK_FILE OUT_SQLITE");
        std::process::exit(2);
    };
    let _ = std::fs::remove_file(out);
    let result = nacre::formats::read_file(input).and_then(|tree| {
        let store = nacre::Store::open(out)?;
        store.import_tree(&tree, store.root_id(), "Bench")
    });
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
