//! A fetch run: many links fetched concurrently on a tokio runtime of its own, their results
//! written to the library in batches on the calling thread, progress reported after each
//! batch, cancellable at any time.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::client::Fetcher;
use super::{Finished, Options, Progress, Report};
use crate::error::{Error, Result};
use crate::store::{FetchRecord, FetchTarget, Outcome, Store};

/// How long the writer waits to gather more results into one batch.
const GATHER: Duration = Duration::from_millis(50);

/// How often the writer looks at the cancel flag while no result arrives.
const POLL: Duration = Duration::from_millis(100);

/// Fetches `targets` and writes what it finds to `store`, reporting progress after each
/// batch written and stopping early when `cancel` becomes true.
///
/// Blocks the calling thread until the run ends (call it from a background thread in a
/// window); the network work runs on a tokio runtime made for the run, so callers need no
/// runtime of their own. Links that are not http or https (`javascript:`, `place:`, `file:`)
/// are counted as skipped and not fetched. Each result is written as it comes (see
/// [`Store::record_fetches`]): a cancelled run keeps what it finished.
///
/// # Errors
/// [`Error::Network`] if the HTTP client or the runtime cannot be set up; [`Error::Sqlite`]
/// if writing fails (the run stops then; results already written stay).
pub fn run(
    store: &Store,
    targets: Vec<FetchTarget>,
    options: &Options,
    mut on_progress: impl FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<Report> {
    let started = Instant::now();
    let total = targets.len();
    let (web, skipped): (Vec<_>, Vec<_>) = targets.into_iter().partition(is_web);
    let mut progress = Progress {
        total,
        done: skipped.len(),
        skipped: skipped.len(),
        ..Progress::default()
    };
    let mut report = Report {
        total,
        skipped: skipped.len(),
        ..Report::default()
    };
    on_progress(&progress);
    if web.is_empty() {
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("nacre-fetch")
        .build()
        .map_err(|e| Error::Network(format!("cannot start the fetch runtime: {e}")))?;
    let fetcher = Arc::new(Fetcher::new(options.clone(), store.known_favicon_urls()?)?);
    let stop = Arc::new(AtomicBool::new(false));
    let (sender, results) = mpsc::channel::<FetchRecord>();
    let count = web.len();
    for target in interleave_hosts(web) {
        let fetcher = Arc::clone(&fetcher);
        let stop = Arc::clone(&stop);
        let sender = sender.clone();
        runtime.spawn(async move {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            // Boxed, so a task waiting for its turn is small.
            let record = Box::pin(fetcher.fetch(target.pearl, &target.url)).await;
            // The writer is gone only when the run was stopped.
            let _ = sender.send(record);
        });
    }
    drop(sender);

    let outcome = write_results(
        store,
        options,
        &results,
        cancel,
        &mut progress,
        &mut report,
        &mut on_progress,
    );
    stop.store(true, Ordering::Relaxed);
    runtime.shutdown_background();
    outcome?;
    let finished = report.ok + report.failed.values().sum::<usize>();
    report.cancelled = count.saturating_sub(finished);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The writer: receives results, writes them in batches, reports; returns when every task is
/// done or `cancel` is set.
fn write_results(
    store: &Store,
    options: &Options,
    results: &mpsc::Receiver<FetchRecord>,
    cancel: &AtomicBool,
    progress: &mut Progress,
    report: &mut Report,
    on_progress: &mut impl FnMut(&Progress),
) -> Result<()> {
    let batch_size = options.batch.max(1);
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Ok(());
        }
        let first = match results.recv_timeout(POLL) {
            Ok(record) => record,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut batch = vec![first];
        let deadline = Instant::now() + GATHER;
        while batch.len() < batch_size {
            let left = deadline.saturating_duration_since(Instant::now());
            match results.recv_timeout(left) {
                Ok(record) => batch.push(record),
                Err(_) => break,
            }
        }
        store.record_fetches(&batch)?;
        progress.finished.clear();
        for record in &batch {
            progress.done += 1;
            if record.outcome == Outcome::Ok {
                report.ok += 1;
            } else {
                progress.failed += 1;
                *report
                    .failed
                    .entry(record.outcome.as_str().to_owned())
                    .or_default() += 1;
            }
            progress.finished.push(Finished {
                pearl: record.pearl,
                outcome: record.outcome,
            });
        }
        on_progress(progress);
    }
}

fn is_web(target: &FetchTarget) -> bool {
    url::Url::parse(target.url.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// Orders targets so that hosts take turns (first link of each host, then the second of
/// each, ...): a site with many links then never keeps the others waiting at the start.
fn interleave_hosts(targets: Vec<FetchTarget>) -> Vec<FetchTarget> {
    let mut by_host: Vec<VecDeque<FetchTarget>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for target in targets {
        let host = url::Url::parse(target.url.trim())
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let slot = *index.entry(host).or_insert_with(|| {
            by_host.push(VecDeque::new());
            by_host.len() - 1
        });
        if let Some(queue) = by_host.get_mut(slot) {
            queue.push_back(target);
        }
    }
    let mut out = Vec::new();
    loop {
        let before = out.len();
        for queue in &mut by_host {
            if let Some(t) = queue.pop_front() {
                out.push(t);
            }
        }
        if out.len() == before {
            return out;
        }
        by_host.retain(|q| !q.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PearlId;

    #[test]
    fn hosts_take_turns() {
        let t = |id, url: &str| FetchTarget {
            pearl: PearlId(id),
            url: url.to_owned(),
        };
        let order: Vec<i64> = interleave_hosts(vec![
            t(1, "https://a.example/1"),
            t(2, "https://a.example/2"),
            t(3, "https://a.example/3"),
            t(4, "https://b.example/1"),
            t(5, "https://c.example/1"),
        ])
        .into_iter()
        .map(|t| t.pearl.0)
        .collect();
        assert_eq!(order, [1, 4, 5, 2, 3]);
    }
}
