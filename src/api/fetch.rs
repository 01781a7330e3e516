//! Titles and page details, as every shell asks for them: the quick fetch of links just made
//! (a paste, a drop, `nacre add`, a capture from the browser) and the long "refresh details" of
//! a selection, a branch or the library, with progress and cancel.

use std::sync::atomic::AtomicBool;

use crate::error::Result;
use crate::fetch::{self, Options, Progress, Report};
use crate::model::PearlId;
use crate::store::{FetchScope, Freshness, Store};

/// Fetches the pages of links just made with short timeouts ([`Options::quick`]); `on_progress`
/// hears of each batch of results written.
///
/// # Errors
/// [`crate::Error::Network`] when fetching cannot be set up; [`crate::Error::Sqlite`].
pub fn fetch_new_links(
    store: &Store,
    ids: Vec<PearlId>,
    on_progress: impl FnMut(&Progress),
) -> Result<Report> {
    let targets = store.links_to_fetch(&FetchScope::Ids(ids), Freshness::Any)?;
    fetch::run(
        store,
        targets,
        &Options::quick(),
        on_progress,
        &AtomicBool::new(false),
    )
}

/// Fetches the pages of the links in `scope` that are `freshness` (collections: every link
/// below them), with `options`' limits; `on_progress` hears first of the total, then of each
/// batch of results; setting `cancel` stops the run (what it finished stays).
///
/// # Errors
/// As [`fetch_new_links`], and [`crate::Error::Invalid`] for a scope that names a pearl that is
/// not a link or a collection.
pub fn refresh_details(
    store: &Store,
    scope: &FetchScope,
    freshness: Freshness,
    options: &Options,
    mut on_progress: impl FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<Report> {
    let targets = store.links_to_fetch(scope, freshness)?;
    on_progress(&Progress {
        total: targets.len(),
        ..Progress::default()
    });
    fetch::run(store, targets, options, on_progress, cancel)
}
