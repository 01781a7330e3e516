//! `nacre archive` (offline copies of links' pages, pruning, the archive's size) and
//! `nacre read` (a link's readable text, or its snapshot as a file).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use nacre::archive::{self, Archive, ArchiveReport, Options, Staleness, human_size};
use nacre::model::now_millis;
use nacre::{Error, Result, Store};

use crate::fetch::LimitArgs;
use crate::output::Output;
use nacre::api::resolve_pearl;

/// A day in milliseconds.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A mebibyte.
const MIB: f64 = 1024.0 * 1024.0;

/// Arguments of `nacre archive`.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// The collection whose links to archive (a path such as Research/Rust, or an id such
    /// as #42) [default: the whole library]
    path: Option<String>,
    /// Also archive again links whose copy is more than DAYS days old [default: only links
    /// with no copy]
    #[arg(long, value_name = "DAYS", conflicts_with = "all")]
    stale: Option<u32>,
    /// Archive every link again, however recent its copy
    #[arg(long)]
    all: bool,
    /// Archive these pearls (links, or collections for every link below them) instead,
    /// e.g. --ids 12,40,#41
    #[arg(long, value_delimiter = ',', conflicts_with = "path")]
    ids: Vec<String>,
    /// Delete the copies of pearls no longer in the library, and compact the archive
    #[arg(long, conflicts_with_all = ["path", "ids", "all", "stale", "size"])]
    prune: bool,
    /// Print how many copies there are and the space they take
    #[arg(long, conflicts_with_all = ["path", "ids", "all", "stale"])]
    size: bool,
    /// Keep the readable text only, no snapshot
    #[arg(long)]
    text_only: bool,
    /// The largest page read, in MiB
    #[arg(long, value_name = "MIB", default_value_t = 10.0)]
    max_page: f64,
    /// The largest snapshot kept (the page with its images and stylesheets), in MiB
    #[arg(long, value_name = "MIB", default_value_t = 25.0)]
    max_snapshot: f64,
    #[command(flatten)]
    limits: LimitArgs,
}

/// A size cap given in MiB, in bytes.
fn cap(name: &str, mib: f64) -> Result<usize> {
    if mib.is_finite() && mib > 0.0 {
        Ok((mib * MIB) as usize)
    } else {
        Err(Error::Invalid(format!(
            "--{name} {mib} is not a positive number of MiB"
        )))
    }
}

/// The archive beside the library.
pub fn open_archive(store: &Store) -> Result<Archive> {
    Archive::open(Archive::path_beside(store.path()))
}

/// `nacre archive`.
pub fn archive(store: &Store, args: &ArchiveArgs, out: &Output) -> Result<()> {
    let archive = open_archive(store)?;
    if args.prune {
        let pruned = archive::prune(store, &archive)?;
        out.print(&pruned, || {
            format!(
                "deleted {} copies of pearls no longer in the library ({})",
                pruned.copies,
                human_size(pruned.bytes)
            )
        });
        return Ok(());
    }
    if args.size {
        let size = archive.size()?;
        out.print(&size, || {
            format!(
                "{} copies, {} compressed ({} on disk, {})",
                size.copies,
                human_size(size.stored_bytes),
                human_size(size.file_bytes),
                archive.path().display()
            )
        });
        return Ok(());
    }
    let scope = nacre::api::resolve::scope_of(store, &args.ids, args.path.as_deref())?;
    let staleness = match (args.all, args.stale) {
        (true, _) => Staleness::All,
        (false, Some(days)) => Staleness::OlderThan(now_millis() - i64::from(days) * DAY_MS),
        (false, None) => Staleness::Missing,
    };
    let options = Options {
        fetch: args.limits.options()?,
        max_page_bytes: cap("max-page", args.max_page)?,
        max_snapshot_bytes: cap("max-snapshot", args.max_snapshot)?,
        snapshots: !args.text_only,
        ..Options::default()
    };
    let targets = archive::targets(store, &archive, &scope, staleness)?;
    let bar = if out.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(targets.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let cancel = AtomicBool::new(false);
    let report = archive::run(
        store,
        &archive,
        targets,
        &options,
        |p| {
            bar.set_position(p.done as u64);
            bar.set_message(format!("{} not kept", p.failed));
        },
        &cancel,
    )?;
    bar.finish_and_clear();
    out.print(&report, || summary(&report));
    Ok(())
}

fn summary(report: &ArchiveReport) -> String {
    let mut text = format!(
        "archived {} links in {:.1} s: {} copies kept ({} compressed, snapshots {})",
        report.total,
        report.seconds,
        report.saved,
        human_size(report.stored_bytes),
        human_size(report.snapshot_bytes)
    );
    for (outcome, n) in &report.failed {
        text.push_str(&format!(", {n} {outcome}"));
    }
    for p in &report.problems {
        text.push_str(&format!("\n  {} <{}>: {}", p.pearl, p.url, p.message));
    }
    if report.total == 0 {
        text.push_str("\n(every link already has a copy; --stale DAYS or --all archives again)");
    }
    text
}

/// Arguments of `nacre read`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The link: an id such as #42
    pearl: String,
    /// Write the snapshot (one HTML file, nothing in it can run) instead of the text
    #[arg(long, requires = "output")]
    snapshot: bool,
    /// The file to write
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// `nacre read`.
pub fn read(store: &Store, args: &ReadArgs, out: &Output) -> Result<()> {
    let id = resolve_pearl(store, &args.pearl)?;
    let archive = open_archive(store)?;
    let none = || {
        Error::Invalid(format!(
            "{id} has no offline copy yet (`nacre archive --ids {}` makes one)",
            id.0
        ))
    };
    if args.snapshot {
        let snapshot = archive::read_snapshot(store, &archive, id)?.ok_or_else(none)?;
        let path = args.output.clone().unwrap_or_default();
        std::fs::write(&path, snapshot.as_bytes()).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let value = serde_json::json!({ "written": path, "bytes": snapshot.len() });
        out.print(&value, || {
            format!(
                "wrote the snapshot of {id} to {} ({})",
                path.display(),
                human_size(snapshot.len() as u64)
            )
        });
        return Ok(());
    }
    let copy = archive::read_copy(store, &archive, id)?.ok_or_else(none)?;
    let info = archive::copy_info(store, &archive, id)?;
    let text = {
        let mut head = format!("# {}\n", copy.title);
        let by: Vec<&str> = [copy.byline.as_deref(), copy.published.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !by.is_empty() {
            head.push_str(&format!("{}\n", by.join(" · ")));
        }
        if let Some(info) = &info {
            head.push_str(&format!("<{}>\n", info.final_url));
        }
        format!("{head}\n{}", copy.text)
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text.as_bytes()).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let value = serde_json::json!({ "written": path, "bytes": text.len() });
            out.print(&value, || {
                format!("wrote the text of {id} to {}", path.display())
            });
        }
        None => {
            let value = serde_json::json!({ "copy": copy, "info": info });
            out.print(&value, || text.clone());
        }
    }
    Ok(())
}
