//! A fetch run: many links fetched concurrently on a tokio runtime of its own, their results
//! written to the library in batches on the calling thread, progress reported after each
//! batch, cancellable at any time.
//!
//! A computer that is offline makes every link look dead. So links that could not be reached
//! are held back until some site answers; if [`OFFLINE_HOSTS`] or more different sites were
//! tried and none answered in the whole run, the run is judged offline and nothing is recorded
//! for them.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::client::Fetcher;
use super::{FetchProgress, Finished, Options, Report};
use crate::error::{Error, Result};
use crate::store::{FetchRecord, FetchTarget, Outcome, Store};

/// How long the writer waits to gather more results into one batch.
const GATHER: Duration = Duration::from_millis(50);

/// How often the writer looks at the cancel flag while no result arrives.
const POLL: Duration = Duration::from_millis(100);

/// A run in which this many different sites (host and port) all failed to answer, and no
/// other site did, is judged to have run offline. One or two dead sites are just dead.
pub const OFFLINE_HOSTS: usize = 3;

/// Results that say nothing about the site itself if the network is down: no connection, no
/// name resolution, no answer in time.
fn could_be_offline(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Unreachable | Outcome::Timeout)
}

/// Holds back results that could come from being offline until some site has answered.
#[derive(Default)]
struct OfflineGuard {
    /// Some site answered in this run: nothing more is held.
    answered: bool,
    held: Vec<FetchRecord>,
    sites: HashSet<String>,
}

impl OfflineGuard {
    /// Of `batch`, the results to write now (with any held ones once a site has answered).
    fn pass(&mut self, batch: Vec<FetchRecord>) -> Vec<FetchRecord> {
        if !self.answered && batch.iter().any(|r| !could_be_offline(r.outcome)) {
            self.answered = true;
        }
        if self.answered {
            let mut out = std::mem::take(&mut self.held);
            out.extend(batch);
            return out;
        }
        for record in &batch {
            self.sites.insert(site_of(&record.url));
        }
        self.held.extend(batch);
        Vec::new()
    }

    /// At the end of the run: the held results to write, or none if the run looks offline
    /// (then their number is returned as the second value).
    fn finish(self) -> (Vec<FetchRecord>, usize) {
        if !self.answered && self.sites.len() >= OFFLINE_HOSTS {
            let n = self.held.len();
            (Vec::new(), n)
        } else {
            (self.held, 0)
        }
    }
}

/// The site of a URL: its host and port.
fn site_of(url: &str) -> String {
    url::Url::parse(url.trim())
        .map(|u| {
            format!(
                "{}:{}",
                u.host_str().unwrap_or(""),
                u.port_or_known_default().unwrap_or(0)
            )
        })
        .unwrap_or_default()
}

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
    mut on_progress: impl FnMut(&FetchProgress),
    cancel: &AtomicBool,
) -> Result<Report> {
    let started = Instant::now();
    let total = targets.len();
    let (web, skipped): (Vec<_>, Vec<_>) = targets.into_iter().partition(is_web);
    let mut progress = FetchProgress {
        total,
        done: skipped.len(),
        skipped: skipped.len(),
        ..FetchProgress::default()
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
    let finished = report.ok + report.failed.values().sum::<usize>() + report.offline;
    report.cancelled = count.saturating_sub(finished);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The writer: receives results, writes them in batches (holding back what could come from
/// being offline, see [`OfflineGuard`]), reports; returns when every task is done or `cancel`
/// is set.
fn write_results(
    store: &Store,
    options: &Options,
    results: &mpsc::Receiver<FetchRecord>,
    cancel: &AtomicBool,
    progress: &mut FetchProgress,
    report: &mut Report,
    on_progress: &mut impl FnMut(&FetchProgress),
) -> Result<()> {
    let batch_size = options.batch.max(1);
    let mut guard = OfflineGuard::default();
    loop {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let first = match results.recv_timeout(POLL) {
            Ok(record) => record,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
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
        progress.done += batch.len();
        // Failures count as they arrive, even those held back (issue 11: "32 done · 0 failed"
        // while every site was failing).
        progress.failed += batch.iter().filter(|r| r.outcome != Outcome::Ok).count();
        let written = guard.pass(batch);
        write(store, &written, progress, report)?;
        on_progress(progress);
    }
    let (held, offline) = guard.finish();
    report.offline = offline;
    if !held.is_empty() {
        write(store, &held, progress, report)?;
        on_progress(progress);
    }
    Ok(())
}

/// Writes `records`, lists them in the progress (as written since the last report) and counts
/// them in the report.
fn write(
    store: &Store,
    records: &[FetchRecord],
    progress: &mut FetchProgress,
    report: &mut Report,
) -> Result<()> {
    progress.finished.clear();
    if records.is_empty() {
        return Ok(());
    }
    store.record_fetches(records)?;
    for record in records {
        if record.outcome == Outcome::Ok {
            report.ok += 1;
        } else {
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
    Ok(())
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
