//! Page details for link pearls: fetching pages politely and fast, and reading their title,
//! description, site name, preview image and favicon.
//!
//! Two halves, kept apart: [`extract`] is a pure function from a page's bytes and headers to
//! its details (character set, title choice, bot walls and error pages), and `client` is the
//! network side (reqwest + tokio: limits in all and per host, timeouts, redirects, a body size
//! cap). [`run`] ties them to the library: it fetches a list of links concurrently, writes the
//! results in batches on the calling thread (the library lock is never held across network
//! I/O), reports progress, and can be cancelled.
//!
//! What is written never touches a pearl row: a fetched title goes to the page details, and
//! the title shown is the user's typed title if any, else the fetched one, else the imported
//! one (see `Store`). Error pages and bot walls leave the fetched title as it was and record
//! the outcome instead.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use nacre::fetch::{self, Options};
//! use nacre::store::{FetchScope, Freshness};
//! # let store = nacre::Store::open("library.sqlite")?;
//! let targets = store.links_to_fetch(&FetchScope::All, Freshness::NeverFetched)?;
//! let cancel = AtomicBool::new(false);
//! let report = fetch::run(&store, targets, &Options::default(), |p| {
//!     eprintln!("{} of {} done, {} failed", p.done, p.total, p.failed);
//! }, &cancel)?;
//! println!("{} titles fetched", report.ok);
//! # Ok::<(), nacre::Error>(())
//! ```

use std::time::Duration;

use serde::Serialize;

use crate::model::PearlId;
use crate::store::Outcome;

pub(crate) mod body;
mod client;
pub mod extract;
mod favicon;
mod run;

pub(crate) use client::Fetcher;
pub use run::run;

/// Limits of a fetch run. The defaults suit a library of thousands of links on hundreds of
/// sites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Requests in flight at once, in all. Default 64.
    pub concurrency: usize,
    /// Requests in flight at once to one host (name and port). Default 6, what browsers
    /// allow themselves.
    pub per_host: usize,
    /// How long to wait for a connection. Default 5 s.
    pub connect_timeout: Duration,
    /// How long one request may take, from sending it to the end of what is read of the
    /// body (each redirect hop is one request). Default 10 s.
    pub timeout: Duration,
    /// Redirects followed at most. Default 10.
    pub max_redirects: usize,
    /// Bytes of a page read at most; reading stops earlier, once the head is complete.
    /// Default 1 MiB.
    pub max_body_bytes: usize,
    /// The longest `Retry-After` waited for before the one retry on 429 or 503. Default 5 s.
    pub max_retry_after: Duration,
    /// Whether favicons are fetched and stored. Default true.
    pub favicons: bool,
    /// Results written to the library in one transaction at most. Default 200.
    pub batch: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            concurrency: 64,
            per_host: 6,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            max_redirects: 10,
            max_body_bytes: 1024 * 1024,
            max_retry_after: Duration::from_secs(5),
            favicons: true,
            batch: 200,
        }
    }
}

impl Options {
    /// For the one link just created (paste, drop, `nacre add`): shorter timeouts, so its
    /// title arrives within seconds or not at all.
    pub fn quick() -> Options {
        Options {
            connect_timeout: Duration::from_secs(3),
            timeout: Duration::from_secs(5),
            ..Options::default()
        }
    }
}

/// One link whose result has just been written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Finished {
    /// The link pearl (the window refreshes it).
    pub pearl: PearlId,
    /// How its fetch went.
    pub outcome: Outcome,
}

/// Where a run stands, reported after each batch of results is written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Progress {
    /// Links in the run (skipped ones included).
    pub total: usize,
    /// Links finished: fetched, failed or skipped.
    pub done: usize,
    /// Of those, links whose fetch did not give a page (error page, bot wall, unreachable,
    /// timeout, other failure).
    pub failed: usize,
    /// Of those, links that were not fetched: not http(s), such as `javascript:`, `place:`,
    /// `file:`.
    pub skipped: usize,
    /// The links written since the last report.
    pub finished: Vec<Finished>,
}

impl Progress {
    /// Links not finished yet.
    pub fn remaining(&self) -> usize {
        self.total.saturating_sub(self.done)
    }
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Report {
    /// Links in the run.
    pub total: usize,
    /// Links whose page was read.
    pub ok: usize,
    /// Links whose fetch failed, by outcome word.
    pub failed: std::collections::BTreeMap<String, usize>,
    /// Links not fetched (not http or https).
    pub skipped: usize,
    /// Links not finished because the run was cancelled.
    pub cancelled: usize,
    /// Links no site answered for, in a run where no site answered at all: the computer looks
    /// offline, and nothing was recorded for them (they are not marked dead).
    pub offline: usize,
    /// Wall time of the run, in seconds.
    pub seconds: f64,
}
