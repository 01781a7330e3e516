//! Sync benchmark (issue 12) on a 100,000-pearl library: the first publish into an empty
//! folder, a new device joining (taking in the whole library), the folder's size against the
//! library file's, one edit's added cost on the device that makes it (the change log), and
//! from an edit's file arriving to the other library holding it (one round there).
//!
//! Run with `scripts/bench-sync.sh` (which generates the input), or
//! `cargo bench --bench sync -- BOOKMARKS_JSON OUT_DIR`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nacre::{PearlUpdate, Store};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(input), Some(out_dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench sync -- BOOKMARKS_JSON OUT_DIR");
        std::process::exit(2);
    };
    if let Err(e) = run(Path::new(input), Path::new(out_dir)) {
        eprintln!("bench failed: {e}");
        std::process::exit(1);
    }
}

fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn rename_median(store: &Store, ids: &[nacre::PearlId], tag: &str) -> Duration {
    let mut times: Vec<Duration> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let update = PearlUpdate {
                title: Some(format!("{tag} {i}")),
                ..PearlUpdate::default()
            };
            let t = Instant::now();
            store.update(id, &update).expect("rename");
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn run(input: &Path, out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let tree = nacre::formats::read_file(input)?;
    let laptop_path: PathBuf = out_dir.join("sync-laptop.sqlite");
    let desktop_path: PathBuf = out_dir.join("sync-desktop.sqlite");
    let folder = out_dir.join("sync-folder");
    fresh(&laptop_path);
    fresh(&desktop_path);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder)?;

    let laptop = Store::open(&laptop_path)?;
    let report = laptop.import_tree(&tree, laptop.root_id(), "Benchmark bookmarks")?;
    println!(
        "library: {} links, {} collections",
        report.imported.links, report.imported.collections
    );
    let links: Vec<nacre::PearlId> = laptop
        .subtree(laptop.root_id(), None)?
        .into_iter()
        .filter(|r| r.pearl.kind == nacre::PearlKind::Link)
        .map(|r| r.pearl.id)
        .take(400)
        .collect();
    let (before, after) = links.split_at(200);
    let plain = rename_median(&laptop, before, "Plain");

    let t = Instant::now();
    let first = laptop.sync_init(&folder, "laptop")?;
    let publish = t.elapsed();
    println!(
        "first publish ({} pearls into an empty folder): {:.2} s (goal < 5 s)",
        first.published,
        publish.as_secs_f64()
    );

    let logged = rename_median(&laptop, after, "Logged");
    println!(
        "one edit (rename), median of 200: {:.3} ms without sync, {:.3} ms syncing: {:.3} ms added (goal < 2 ms)",
        plain.as_secs_f64() * 1e3,
        logged.as_secs_f64() * 1e3,
        (logged.as_secs_f64() - plain.as_secs_f64()) * 1e3
    );
    let t = Instant::now();
    let round = laptop.sync_round()?;
    println!(
        "a round publishing those {} edits: {:.2} s",
        round.published,
        t.elapsed().as_secs_f64()
    );

    let desktop = Store::open(&desktop_path)?;
    let t = Instant::now();
    let joined = desktop.sync_init(&folder, "desktop")?;
    let join = t.elapsed();
    println!(
        "a new device joining (takes in {} pearls): {:.2} s (goal < 10 s)",
        joined.received,
        join.as_secs_f64()
    );

    // One edit on the laptop; its file lands in the folder; the desktop's round takes it in.
    let mut arrivals: Vec<Duration> = Vec::new();
    for (i, &link) in links.iter().take(5).enumerate() {
        laptop.update(
            link,
            &PearlUpdate {
                title: Some(format!("Arriving {i}")),
                ..PearlUpdate::default()
            },
        )?;
        laptop.sync_round()?;
        let t = Instant::now();
        let got = desktop.sync_round()?;
        arrivals.push(t.elapsed());
        assert_eq!(
            got.received, 1,
            "the desktop takes in the one edit: {got:?}"
        );
    }
    arrivals.sort();
    println!(
        "an edit's file arriving -> the other library holds it: median {:.0} ms of 5 (goal < 1 s)",
        arrivals[2].as_secs_f64() * 1e3
    );

    drop(laptop);
    drop(desktop);
    let library = std::fs::metadata(&laptop_path)?.len();
    let shared = folder_size(&folder);
    println!(
        "folder {:.1} MB for 2 devices, library file {:.1} MB: {:.2}x (goal < 1x)",
        shared as f64 / 1e6,
        library as f64 / 1e6,
        shared as f64 / library as f64
    );
    Ok(())
}
