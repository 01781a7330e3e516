//! Offline copies of link pearls' pages, kept beside the library, and search inside them.
//!
//! A copy is two things: the page's **readable text** ([`readable`]: the article without the
//! site's chrome, as Markdown, found with `dom_smoothie`) and a **snapshot** ([`snapshot`]:
//! one HTML file with the page's images and stylesheets inside it as `data:` URLs, every
//! script and frame removed, and a Content-Security-Policy that forbids anything to run or
//! load). Copies live in their own file ([`Archive`], `library.archive.sqlite`), compressed
//! with zstd and indexed with FTS5 for `search`; the library's tables never see them.
//!
//! [`run`] archives many links the way `fetch::run` fetches their details: on a tokio runtime
//! of its own, through the fetcher's client and its limits (in all, per site, timeouts,
//! redirects), writing results in batches on the calling thread, reporting progress and
//! stopping when cancelled. Pages over the size caps, pages that are not HTML, error pages
//! and pages a script writes each end with a clear [`CopyProblem`] in the report, and leave the
//! pearl's previous copy as it was.
//!
//! Why not the `monolith` crate: it pins exact versions of `html5ever` (0.39, where the core
//! uses 0.40), `reqwest` and `url`, and fetches with a blocking client of its own, so it would
//! fork the tree's parser and bypass the fetcher's per-site limits. The inlining here is
//! small, uses the core's parser (through `dom_query`, which `dom_smoothie` is built on) and
//! the fetcher's client.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use nacre::archive::{self, Archive, Options, Staleness};
//! use nacre::store::FetchScope;
//! # let store = nacre::Store::open("library.sqlite")?;
//! let archive = Archive::open(Archive::path_beside(store.path()))?;
//! let targets = archive::targets(&store, &archive, &FetchScope::All, Staleness::Missing)?;
//! let cancel = AtomicBool::new(false);
//! let report = archive::run(&store, &archive, targets, &Options::default(), |p| {
//!     eprintln!("{} of {} done", p.done, p.total);
//! }, &cancel)?;
//! println!("{} copies kept", report.saved);
//! # Ok::<(), nacre::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::PearlId;

mod copy_search;
mod css;
mod key;
mod library;
mod page;
mod prefix;
pub mod readable;
mod run;
mod search;
mod settings;
mod shared_copies;
pub mod snapshot;
mod store;
mod view;

pub use library::{
    Pruned, Staleness, copy_info, keep_page, prune, read_copy, read_snapshot, snapshot_for_viewing,
    targets,
};
pub use readable::Readable;
pub use run::run;
pub use search::{SearchResult, SnippetPiece, search_everywhere};
pub(crate) use shared_copies::section as shared_copies_section;
pub use store::{Archive, ArchiveSize, CopyInfo};

/// A mebibyte.
const MIB: usize = 1024 * 1024;

/// Limits of an archive run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The fetcher's limits: requests in all and per site, timeouts, redirects.
    /// (`max_body_bytes` and `favicons` are not used: the caps below apply.)
    pub fetch: crate::fetch::Options,
    /// Bytes of a page's HTML read at most; a longer page is reported too large and
    /// skipped. Default 10 MiB.
    pub max_page_bytes: usize,
    /// Bytes of a whole snapshot (the page with its images and stylesheets) at most; a page
    /// whose snapshot would be larger is reported too large and skipped. Default 25 MiB.
    pub max_snapshot_bytes: usize,
    /// Images and stylesheets fetched for one page at most; the rest are left out.
    /// Default 300.
    pub max_assets: usize,
    /// Whether snapshots are made (else the readable text only). Default true.
    pub snapshots: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            fetch: crate::fetch::Options::default(),
            max_page_bytes: 10 * MIB,
            max_snapshot_bytes: 25 * MIB,
            max_assets: 300,
            snapshots: true,
        }
    }
}

/// How archiving one link went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum CopyOutcome {
    /// A copy was kept.
    Saved,
    /// The page, or its snapshot, is over the size cap.
    TooLarge,
    /// Not an HTML page: a PDF, an image, another file.
    NotAPage,
    /// The page has no readable text without its scripts, or only the site's chrome.
    Empty,
    /// An HTTP error status, or a page that says it is an error page.
    HttpError,
    /// A bot wall or challenge page stood in the way.
    Blocked,
    /// The host did not resolve, or refused the connection.
    Unreachable,
    /// The server did not answer in time.
    Timeout,
    /// Anything else: redirect loops, broken responses.
    Failed,
    /// Not an http or https link (`javascript:`, `file:`, ...).
    Skipped,
}

impl CopyOutcome {
    /// The word shown to scripts and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyOutcome::Saved => "saved",
            CopyOutcome::TooLarge => "tooLarge",
            CopyOutcome::NotAPage => "notAPage",
            CopyOutcome::Empty => "empty",
            CopyOutcome::HttpError => "httpError",
            CopyOutcome::Blocked => "blocked",
            CopyOutcome::Unreachable => "unreachable",
            CopyOutcome::Timeout => "timeout",
            CopyOutcome::Failed => "failed",
            CopyOutcome::Skipped => "skipped",
        }
    }
}

/// One link that was not archived, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CopyProblem {
    /// The link pearl.
    pub pearl: PearlId,
    /// Its URL.
    pub url: String,
    /// The kind of problem.
    pub outcome: CopyOutcome,
    /// What happened, for people ("too large: 12.0 MiB (the cap is 10.0 MiB)").
    pub message: String,
}

/// One link finished, as the window refreshes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArchivedLink {
    /// The link pearl.
    pub pearl: PearlId,
    /// How it went.
    pub outcome: CopyOutcome,
}

/// Where a run stands, reported after each batch is written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArchiveProgress {
    /// Links in the run.
    pub total: usize,
    /// Links finished, however they went.
    pub done: usize,
    /// Of those, links with no copy kept.
    pub failed: usize,
    /// The links finished since the last report.
    pub finished: Vec<ArchivedLink>,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArchiveReport {
    /// Links in the run.
    pub total: usize,
    /// Copies kept.
    pub saved: usize,
    /// Links with no copy kept, by outcome word.
    pub failed: BTreeMap<String, usize>,
    /// Each of those, with its reason.
    pub problems: Vec<CopyProblem>,
    /// Links not finished because the run was cancelled.
    pub cancelled: usize,
    /// Bytes the kept copies take in the archive, compressed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub stored_bytes: u64,
    /// Bytes of their snapshots, uncompressed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub snapshot_bytes: u64,
    /// Wall time, in seconds.
    pub seconds: f64,
}

/// A size for people: "12.0 MiB", "340 KiB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes >= MIB as u64 {
        format!("{:.1} MiB", b / MIB as f64)
    } else if bytes >= 1024 {
        format!("{:.0} KiB", b / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}
