//! An archive run: many links archived concurrently on a tokio runtime of its own (through
//! the fetcher's client and limits), their copies written to the archive in batches on the
//! calling thread, progress reported after each batch, cancellable at any time.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use url::Url;

use super::key::keys_of;
use super::page::{self, Refusal};
use super::store::{Archive, StoredCopy};
use super::{ArchiveProgress, ArchiveReport, ArchivedLink, CopyOutcome, CopyProblem, Options};
use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::model::PearlId;
use crate::store::{FetchTarget, Store};

/// How long the writer waits to gather more results into one batch.
const GATHER: Duration = Duration::from_millis(50);

/// How often the writer looks at the cancel flag while no result arrives.
const POLL: Duration = Duration::from_millis(100);

/// Copies written in one transaction at most.
const BATCH: usize = 50;

/// One finished link.
type Done = (FetchTarget, Result<StoredCopy, Refusal>);

/// Archives `targets` into `archive`, reporting progress after each batch written and
/// stopping early when `cancel` becomes true.
///
/// A run that saved this many copies or more ends by merging the search index into one
/// segment ([`Archive::merge_search_index`]).
const MERGE_INDEX_AFTER: usize = 20;

/// Blocks the calling thread until the run ends (call it from a background thread in a
/// window). A link whose archiving fails keeps its previous copy, if it had one; a cancelled
/// run keeps the copies it finished.
///
/// # Errors
/// [`Error::Network`] if the HTTP client or the runtime cannot be set up; [`Error::Sqlite`]
/// if writing fails (the run stops then; copies already written stay).
pub fn run(
    store: &Store,
    archive: &Archive,
    targets: Vec<FetchTarget>,
    options: &Options,
    mut on_progress: impl FnMut(&ArchiveProgress),
    cancel: &AtomicBool,
) -> Result<ArchiveReport> {
    let started = Instant::now();
    let ids: Vec<PearlId> = targets.iter().map(|t| t.pearl).collect();
    let keys = keys_of(store, &ids)?;
    let mut progress = ArchiveProgress {
        total: targets.len(),
        ..ArchiveProgress::default()
    };
    let mut report = ArchiveReport {
        total: targets.len(),
        ..ArchiveReport::default()
    };
    let mut web = Vec::new();
    let mut skipped = Vec::new();
    for target in targets {
        match Url::parse(target.url.trim()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => web.push((target, u)),
            Ok(u) => {
                let why = format!("{}: URLs are not archived", u.scheme());
                skipped.push((target, Err((CopyOutcome::Skipped, why))));
            }
            Err(e) => {
                let why = format!("not a valid URL: {e}");
                skipped.push((target, Err((CopyOutcome::Skipped, why))));
            }
        }
    }
    progress.done = skipped.len();
    write(archive, &keys, skipped, &mut progress, &mut report)?;
    on_progress(&progress);
    if web.is_empty() {
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .thread_name("nacre-archive")
        .build()
        .map_err(|e| Error::Network(format!("cannot start the archive runtime: {e}")))?;
    let fetcher = Arc::new(Fetcher::new(options.fetch.clone(), HashSet::new())?);
    let shared_options = Arc::new(options.clone());
    let stop = Arc::new(AtomicBool::new(false));
    let (sender, results) = mpsc::channel::<Done>();
    let count = web.len();
    for (target, url) in web {
        let fetcher = Arc::clone(&fetcher);
        let options = Arc::clone(&shared_options);
        let stop = Arc::clone(&stop);
        let sender = sender.clone();
        runtime.spawn(async move {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let result = Box::pin(page::archive(fetcher, options, url)).await;
            // The writer is gone only when the run was stopped.
            let _ = sender.send((target, result));
        });
    }
    drop(sender);

    let written = write_results(
        archive,
        &keys,
        &results,
        cancel,
        &mut progress,
        &mut report,
        &mut on_progress,
    );
    stop.store(true, Ordering::Relaxed);
    runtime.shutdown_background();
    let finished = written?;
    if report.saved >= MERGE_INDEX_AFTER {
        archive.merge_search_index()?;
    }
    report.cancelled = count.saturating_sub(finished);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The writer: receives results and writes them in batches; returns how many it received,
/// when every task is done or `cancel` is set.
fn write_results(
    archive: &Archive,
    keys: &std::collections::HashMap<PearlId, String>,
    results: &mpsc::Receiver<Done>,
    cancel: &AtomicBool,
    progress: &mut ArchiveProgress,
    report: &mut ArchiveReport,
    on_progress: &mut impl FnMut(&ArchiveProgress),
) -> Result<usize> {
    let mut received = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let first = match results.recv_timeout(POLL) {
            Ok(done) => done,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut batch = vec![first];
        let deadline = Instant::now() + GATHER;
        while batch.len() < BATCH {
            let left = deadline.saturating_duration_since(Instant::now());
            match results.recv_timeout(left) {
                Ok(done) => batch.push(done),
                Err(_) => break,
            }
        }
        received += batch.len();
        progress.done += batch.len();
        write(archive, keys, batch, progress, report)?;
        on_progress(progress);
    }
    Ok(received)
}

/// Writes the copies of `batch` in one transaction and counts every result.
fn write(
    archive: &Archive,
    keys: &std::collections::HashMap<PearlId, String>,
    batch: Vec<Done>,
    progress: &mut ArchiveProgress,
    report: &mut ArchiveReport,
) -> Result<()> {
    progress.finished.clear();
    let mut copies = Vec::new();
    for (target, result) in batch {
        let outcome = match result {
            Ok(mut copy) => match keys.get(&target.pearl) {
                Some(key) => {
                    copy.key = key.clone();
                    copies.push(copy);
                    CopyOutcome::Saved
                }
                None => {
                    report.problems.push(CopyProblem {
                        pearl: target.pearl,
                        url: target.url,
                        outcome: CopyOutcome::Failed,
                        message: "the pearl is no longer in the library".to_owned(),
                    });
                    CopyOutcome::Failed
                }
            },
            Err((outcome, message)) => {
                report.problems.push(CopyProblem {
                    pearl: target.pearl,
                    url: target.url,
                    outcome,
                    message,
                });
                outcome
            }
        };
        if outcome != CopyOutcome::Saved {
            progress.failed += 1;
            *report
                .failed
                .entry(outcome.as_str().to_owned())
                .or_default() += 1;
        }
        progress.finished.push(ArchivedLink {
            pearl: target.pearl,
            outcome,
        });
    }
    if copies.is_empty() {
        return Ok(());
    }
    archive.put(&copies)?;
    for copy in &copies {
        report.saved += 1;
        report.stored_bytes += copy.stored_bytes() as u64;
        report.snapshot_bytes += copy.snapshot_bytes as u64;
    }
    Ok(())
}
