//! `nacre fetch` (titles and page details for links), `nacre check` (dead and moved links),
//! and the fetch that follows `nacre add`.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use nacre::fetch::{Options, Report};
use nacre::model::now_millis;
use nacre::store::{Freshness, LinkHealth};
use nacre::{Result, Store};

use crate::output::{Output, pearl_line};

/// A day in milliseconds.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Arguments of `nacre fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The collection whose links to fetch (a path such as Research/Rust, or an id such as
    /// #42) [default: the whole library]
    path: Option<String>,
    /// Also re-fetch links last fetched more than DAYS days ago [default: only links never
    /// fetched]
    #[arg(long, value_name = "DAYS", conflicts_with = "all")]
    stale: Option<u32>,
    /// Re-fetch every link, however recently it was fetched
    #[arg(long)]
    all: bool,
    /// Fetch these pearls (links, or collections for every link below them) instead,
    /// e.g. --ids 12,40,#41
    #[arg(long, value_delimiter = ',', conflicts_with = "path")]
    ids: Vec<String>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The limits a fetch runs with.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Requests in flight at once, in all
    #[arg(long, default_value_t = Options::default().concurrency)]
    concurrency: usize,
    /// Requests in flight at once to one host
    #[arg(long, default_value_t = Options::default().per_host)]
    per_host: usize,
    /// Seconds one request may take
    #[arg(long, value_name = "SECONDS", default_value_t = Options::default().timeout.as_secs_f64())]
    timeout: f64,
    /// Do not fetch favicons
    #[arg(long)]
    no_favicons: bool,
}

impl LimitArgs {
    /// The fetch options these limits give.
    pub fn options(&self) -> Result<Options> {
        let timeout = Duration::try_from_secs_f64(self.timeout)
            .ok()
            .filter(|t| !t.is_zero())
            .ok_or_else(|| {
                nacre::Error::Invalid(format!(
                    "--timeout {} is not a positive number of seconds",
                    self.timeout
                ))
            })?;
        Ok(Options {
            concurrency: self.concurrency,
            per_host: self.per_host,
            timeout,
            connect_timeout: timeout.min(Options::default().connect_timeout),
            favicons: !self.no_favicons,
            ..Options::default()
        })
    }
}

/// `nacre fetch`.
pub fn fetch(store: &Store, args: &FetchArgs, out: &Output) -> Result<()> {
    let scope = nacre::api::resolve::scope_of(store, &args.ids, args.path.as_deref())?;
    let freshness = match (args.all, args.stale) {
        (true, _) => Freshness::Any,
        (false, Some(days)) => Freshness::FetchedBefore(now_millis() - i64::from(days) * DAY_MS),
        (false, None) => Freshness::NeverFetched,
    };
    let options = args.limits.options()?;
    let bar = if out.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let cancel = AtomicBool::new(false);
    let report = nacre::api::fetch::refresh_details(
        store,
        &scope,
        freshness,
        &options,
        |p| {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
            bar.set_message(format!("{} failed", p.failed));
        },
        &cancel,
    )?;
    bar.finish_and_clear();
    out.print(&report, || summary(&report, &options));
    Ok(())
}

fn summary(report: &Report, options: &Options) -> String {
    let mut text = format!(
        "fetched {} links in {:.1} s: {} pages read",
        report.total, report.seconds, report.ok
    );
    for (outcome, n) in &report.failed {
        text.push_str(&format!(", {n} {outcome}"));
    }
    if report.skipped > 0 {
        text.push_str(&format!(", {} skipped (not http or https)", report.skipped));
    }
    if report.offline > 0 {
        text.push_str(&format!(
            "\nno site answered: this computer looks offline; nothing was recorded for {} links \
             (none is marked dead)",
            report.offline
        ));
    }
    text.push_str(&format!(
        "\n(concurrency {}, {} per host, timeout {:.1} s; see `nacre check` for dead and moved links)",
        options.concurrency,
        options.per_host,
        options.timeout.as_secs_f64()
    ));
    text
}

/// Arguments of `nacre check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Change the URLs of moved links to where they moved (one undoable edit)
    #[arg(long)]
    update_moved: bool,
}

/// `nacre check`: the dead and moved links the last fetches found.
pub fn check(store: &Store, args: &CheckArgs, out: &Output) -> Result<()> {
    let dead = store.dead_links()?;
    let moved = store.moved_links()?;
    let updated = if args.update_moved {
        store.update_moved_links(&[])?
    } else {
        Vec::new()
    };
    let value = serde_json::json!({ "dead": dead, "moved": moved, "updated": updated });
    out.print(&value, || {
        let mut text = format!("dead links: {}\n", dead.len());
        for link in &dead {
            text.push_str(&format!(
                "  {}\n      {}\n",
                pearl_line(&link.pearl),
                problem(link)
            ));
        }
        text.push_str(&format!("moved links: {}\n", moved.len()));
        for link in &moved {
            text.push_str(&format!(
                "  {}\n      moved to {}\n",
                pearl_line(&link.pearl),
                link.moved_to.as_deref().unwrap_or("")
            ));
        }
        if args.update_moved {
            text.push_str(&format!(
                "updated the URLs of {} moved links (`nacre undo` takes it back)\n",
                updated.len()
            ));
        } else if !moved.is_empty() {
            text.push_str("`nacre check --update-moved` updates their URLs\n");
        }
        text.push_str("(as of the last fetch; `nacre fetch --all` checks again)");
        text
    });
    Ok(())
}

fn problem(link: &LinkHealth) -> String {
    let status = link
        .http_status
        .map(|s| format!("HTTP {s}"))
        .unwrap_or_else(|| link.outcome.as_str().to_owned());
    match &link.error {
        Some(error) if !error.starts_with("HTTP") => format!("{status}: {error}"),
        _ => status,
    }
}
