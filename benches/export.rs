//! Export benchmark: a library built from the shared bookmark generator's file (100,000 links by
//! default), then the time to read it (`Store::export_tree`) and to write each format, with the
//! files' sizes. Run by `scripts/bench-export.sh`, which also times the page in Chromium.
//!
//! Usage: `cargo bench --bench export -- [BOOKMARKS.html] [OUT_DIR]`
//! (defaults: /tmp/nacre-bench/bm-100000.html and /tmp/nacre-bench/export).
//!
//! The generator's file is read by a line reader below, written before Nacre had its own
//! Netscape importer, that understands exactly what the generator writes (one element per
//! line): folders, bookmarks with dates, `ICON` data URIs, `TAGS`, and `<DD>` descriptions. It
//! runs on the allocator the tool and the window use (mimalloc).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use nacre::Store;
use nacre::formats::export::ExportFormat;
use nacre::formats::tree::{Icon, ImportedTree, Node, NodeKind};

/// The allocator the `nacre` tool and the window run with, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let input = PathBuf::from(
        args.first()
            .map_or("/tmp/nacre-bench/bm-100000.html", String::as_str),
    );
    let out = PathBuf::from(
        args.get(1)
            .map_or("/tmp/nacre-bench/export", String::as_str),
    );
    std::fs::create_dir_all(&out)?;
    let library = out.join("library.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", library.display()));
    }

    let html = std::fs::read_to_string(&input)?;
    let tree = read_generated(&html);
    let counts = tree.count();
    println!(
        "input: {} ({} links, {} folders)",
        input.display(),
        counts.links,
        counts.collections
    );

    let store = Store::open(&library)?;
    let started = Instant::now();
    let report = store.import_tree(&tree, store.root_id(), "Benchmark")?;
    println!(
        "library built with Store::import_tree in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let (node, read) = median(|| store.export_tree(report.collection))?;
    println!(
        "read the tree (Store::export_tree, {} pearls): {:.3} s",
        node.count().links + node.count().collections,
        read.as_secs_f64()
    );
    println!(
        "{:<10} {:>10} {:>12} {:>14}",
        "format", "write s", "read+write s", "size"
    );
    for format in ExportFormat::ALL {
        if format == ExportFormat::Site {
            continue; // a folder, not one file
        }
        let (bytes, write) = median(|| format.write(&node))?;
        let file = out.join(format!("bench-{}.{}", format.name(), format.extension()));
        std::fs::write(&file, &bytes)?;
        println!(
            "{:<10} {:>10.3} {:>12.3} {:>10.1} MiB  {}",
            format.name(),
            write.as_secs_f64(),
            (read + write).as_secs_f64(),
            bytes.len() as f64 / (1024.0 * 1024.0),
            file.display()
        );
    }
    page_round_trip(&store, report.collection, &out)?;
    update_bench(&out)?;
    Ok(())
}

/// The page with its embedded tree: written (with the tree read), then read back and imported
/// into a fresh library, as `nacre import page.html` does (medians of three).
fn page_round_trip(store: &Store, top: nacre::PearlId, out: &std::path::Path) -> nacre::Result<()> {
    let ((bytes, _, _), write) =
        median(|| nacre::api::export::export_bytes(store, top, ExportFormat::Page))?;
    println!(
        "page with its embedded tree, read + written: {:.3} s, {:.1} MiB",
        write.as_secs_f64(),
        bytes.len() as f64 / (1024.0 * 1024.0)
    );
    let (tree, read) = median(|| nacre::formats::read_bytes(&bytes, "bench.html"))?;
    // Median of three imports, each into a fresh library; closing each waits for the import's
    // WAL to be copied into the library file, which runs on a thread of its own meanwhile.
    let mut runs = Vec::new();
    for _ in 0..3 {
        let fresh = out.join("page-import.sqlite");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", fresh.display()));
        }
        let fresh = Store::open(&fresh)?;
        let started = Instant::now();
        fresh.import_tree(&tree, fresh.root_id(), "Page")?;
        let import = started.elapsed();
        let started = Instant::now();
        drop(fresh);
        runs.push((import, started.elapsed()));
    }
    runs.sort();
    let (import, closed) = runs[1];
    println!(
        "page imported back: read {:.3} s + added {:.3} s = {:.3} s (its WAL then copied into the file in {:.3} s more, on a thread of its own)",
        read.as_secs_f64(),
        import.as_secs_f64(),
        (read + import).as_secs_f64(),
        closed.as_secs_f64()
    );
    Ok(())
}

/// A 10,000-pearl shared tree imported by a recipient, then a newer version with 500 changes
/// (200 renames, 100 moves, 100 additions, 100 removals; then again with 50 collections
/// reordered too): the time to compute the update (a dry run) and to apply it.
fn update_bench(out: &std::path::Path) -> nacre::Result<()> {
    let fresh = |name: &str| -> nacre::Result<Store> {
        let path = out.join(name);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        Store::open(&path)
    };
    let curator = fresh("update-curator.sqlite")?;
    let folders: Vec<Node> = (0..100)
        .map(|f| {
            Node::collection(
                format!("Folder {f}"),
                (0..99)
                    .map(|l| {
                        Node::link(
                            format!("Link {f}.{l}"),
                            format!("https://example.org/{f}/{l}"),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let source = ImportedTree {
        source: "bench".into(),
        roots: vec![Node::collection("Shared", folders)],
        skipped: Vec::new(),
        shared: None,
    };
    let made = curator.import_tree(&source, curator.root_id(), "Curator")?;
    let top = curator.children(made.collection)?[0].id;
    let v1 = nacre::api::export::export_bytes(&curator, top, ExportFormat::Native)?.0;
    let v1 = nacre::formats::read_bytes(&v1, "v1.nacre.json")?;
    for reorder in [false, true] {
        let v2 = newer_version(&v1, reorder);
        let recipient = fresh(if reorder {
            "update-recipient-reorder.sqlite"
        } else {
            "update-recipient.sqlite"
        })?;
        let imported = recipient.import_tree(&v1, recipient.root_id(), "Shared")?;
        let copy = recipient.children(imported.collection)?[0].id;
        let (plan, compute) = median(|| recipient.update_copy(&v2, copy, true))?;
        let started = Instant::now();
        let done = recipient.update_copy(&v2, copy, false)?;
        let apply = started.elapsed();
        println!(
            "update of a {}-pearl tree with {} changes{}: computed (dry run) {:.3} s, applied {:.3} s",
            v1.count().links + v1.count().collections,
            plan.changes.len(),
            if reorder {
                " (50 of them collections reordered)"
            } else {
                ""
            },
            compute.as_secs_f64(),
            apply.as_secs_f64()
        );
        assert_eq!(plan.changes.len(), done.changes.len());
    }
    Ok(())
}

/// The curator's newer version of `v1`: 200 renames, 100 moves, 100 additions, 100 removals;
/// with `reorder`, the first two links of 50 folders swapped as well.
fn newer_version(v1: &ImportedTree, reorder: bool) -> ImportedTree {
    let mut v2 = v1.clone();
    if let NodeKind::Collection { children: folders } = &mut v2.roots[0].kind {
        let mut moved = Vec::new();
        for (f, folder) in folders.iter_mut().enumerate() {
            if let NodeKind::Collection { children } = &mut folder.kind {
                if f < 50 {
                    for link in children.iter_mut().take(4) {
                        link.title.push_str(" (renamed)");
                    }
                    moved.extend(children.drain(10..12));
                    children.truncate(children.len() - 2);
                } else {
                    if reorder {
                        children.swap(0, 1);
                    }
                    for a in 0..2 {
                        let mut new = Node::link(
                            format!("New {f}.{a}"),
                            format!("https://example.org/new/{f}/{a}"),
                        );
                        new.uuid = Some(format!("00000000-0000-4000-8000-{:012}", f * 10 + a));
                        children.push(new);
                    }
                }
            }
        }
        if let Some(NodeKind::Collection { children }) = folders.last_mut().map(|f| &mut f.kind) {
            children.extend(moved);
        }
    }
    v2
}

/// Runs `f` three times; returns its last result and the median time.
fn median<T>(mut f: impl FnMut() -> nacre::Result<T>) -> nacre::Result<(T, Duration)> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let started = Instant::now();
        last = Some(f()?);
        times.push(started.elapsed());
    }
    times.sort();
    let value = last.ok_or_else(|| nacre::Error::Invalid("no run".into()))?;
    Ok((value, times[1]))
}

/// Reads the generator's Netscape file: one element per line, as `gen_bookmarks.py` writes it.
fn read_generated(html: &str) -> ImportedTree {
    // The open folders, innermost last; the first is the file's top level.
    let mut stack: Vec<Node> = vec![Node::collection("top", Vec::new())];
    let mut pending_folder: Option<Node> = None;
    for line in html.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("<DT><H3") {
            let mut folder = Node::collection(decode(between(rest, ">", "</H3>")), Vec::new());
            folder.created_at = attr(rest, "ADD_DATE").and_then(seconds);
            folder.modified_at = attr(rest, "LAST_MODIFIED").and_then(seconds);
            pending_folder = Some(folder);
        } else if line.starts_with("<DL>") {
            if let Some(folder) = pending_folder.take() {
                stack.push(folder);
            }
        } else if line.starts_with("</DL>") {
            if stack.len() > 1
                && let Some(done) = stack.pop()
                && let Some(parent) = stack.last_mut()
            {
                push(parent, done);
            }
        } else if let Some(rest) = line.strip_prefix("<DT><A") {
            let url = decode(attr(rest, "HREF").unwrap_or_default());
            let title_start = rest.find("\">").map_or(0, |i| i + 2);
            let mut link = Node::link(decode(between(&rest[title_start..], "", "</A>")), url);
            link.created_at = attr(rest, "ADD_DATE").and_then(seconds);
            link.tags = attr(rest, "TAGS")
                .map(|t| t.split(',').map(decode).collect())
                .unwrap_or_default();
            if let Some(data) = attr(rest, "ICON")
                && let Some((mime, base64)) = data
                    .strip_prefix("data:")
                    .and_then(|d| d.split_once(";base64,"))
            {
                link.icon = Some(Icon::Data {
                    mime: mime.to_owned(),
                    base64: base64.to_owned(),
                });
            }
            if let Some(parent) = stack.last_mut() {
                push(parent, link);
            }
        } else if let Some(text) = line.strip_prefix("<DD>") {
            if let Some(folder) = pending_folder.as_mut() {
                folder.note = decode(text);
            } else if let Some(NodeKind::Collection { children }) =
                stack.last_mut().map(|n| &mut n.kind)
                && let Some(last) = children.last_mut()
            {
                last.note = decode(text);
            }
        }
    }
    while stack.len() > 1 {
        if let Some(done) = stack.pop()
            && let Some(parent) = stack.last_mut()
        {
            push(parent, done);
        }
    }
    let roots = match stack.pop().map(|n| n.kind) {
        Some(NodeKind::Collection { children }) => children,
        _ => Vec::new(),
    };
    ImportedTree {
        source: "generated bookmarks".into(),
        roots,
        skipped: Vec::new(),
        shared: None,
    }
}

fn push(parent: &mut Node, child: Node) {
    if let NodeKind::Collection { children } = &mut parent.kind {
        children.push(child);
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).map_or(0, |i| i + start.len());
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let rest = &tag[from..];
    Some(&rest[..rest.find('"')?])
}

fn seconds(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().map(|s| s * 1000)
}

/// Decodes the entities the generator writes (`html.escape`) and numeric references.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
