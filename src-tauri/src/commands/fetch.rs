//! Titles and page details from the window: a new link's page fetched at once with short
//! timeouts, "Refresh details" for a selection or a collection with progress (`fetch-progress`
//! events, results as they arrive) and cancel, link health (dead and moved links, updating
//! moved ones as one undoable edit), what a link's page said, and stored favicons as data URLs. Bindings only; the
//! fetching lives in `nacre::fetch`.

use std::sync::atomic::{AtomicBool, Ordering};

use nacre::fetch::{self, Options, Progress, Report};
use nacre::store::window_io::{PageInfo, PearlFavicon};
use nacre::store::{FetchScope, Freshness, LinkHealth};
use nacre::{PearlId, Store};
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking::run_blocking;
use crate::error::CommandResult;

/// The event carrying a long run's [`Progress`].
const PROGRESS_EVENT: &str = "fetch-progress";
/// The event naming the links a quick fetch has just written.
const QUICK_EVENT: &str = "fetch-quick";

/// The cancel flag of the long run (quick fetches of one new link are not cancelled).
#[derive(Default)]
pub struct FetchRun {
    cancel: AtomicBool,
}

/// Fetches the page of links just created (paste, drop) with short timeouts
/// ([`Options::quick`]), then emits `fetch-quick` with their ids so the window shows the title.
#[tauri::command]
pub async fn fetch_new_links(app: AppHandle, ids: Vec<PearlId>) -> CommandResult<Report> {
    run_blocking(move || {
        let store = app.state::<Store>();
        let targets = store.links_to_fetch(&FetchScope::Ids(ids), Freshness::Any)?;
        let never = AtomicBool::new(false);
        let report = fetch::run(
            &store,
            targets,
            &Options::quick(),
            |p: &Progress| {
                if !p.finished.is_empty() {
                    let ids: Vec<PearlId> = p.finished.iter().map(|f| f.pearl).collect();
                    let _ = app.emit(QUICK_EVENT, ids);
                }
            },
            &never,
        )?;
        Ok(report)
    })
    .await
}

/// Fetches the pages of the links among `ids` (collections: every link below them); with
/// `only_new`, only links never fetched (after an import). Emits `fetch-progress` after each
/// batch of results; [`cancel_fetch`] stops it.
#[tauri::command]
pub async fn refresh_details(
    app: AppHandle,
    ids: Vec<PearlId>,
    only_new: bool,
) -> CommandResult<Report> {
    run_blocking(move || {
        let store = app.state::<Store>();
        let run = app.state::<FetchRun>();
        run.cancel.store(false, Ordering::SeqCst);
        let freshness = if only_new {
            Freshness::NeverFetched
        } else {
            Freshness::Any
        };
        let targets = store.links_to_fetch(&FetchScope::Ids(ids), freshness)?;
        let _ = app.emit(
            PROGRESS_EVENT,
            Progress {
                total: targets.len(),
                ..Progress::default()
            },
        );
        fetch::run(
            &store,
            targets,
            &Options::default(),
            |p: &Progress| {
                let _ = app.emit(PROGRESS_EVENT, p);
            },
            &run.cancel,
        )
    })
    .await
}

/// Stops the long fetch running now; what it finished stays.
#[tauri::command(async)]
pub fn cancel_fetch(run: State<'_, FetchRun>) {
    run.cancel.store(true, Ordering::SeqCst);
}

/// Links whose last fetch found them dead.
#[tauri::command(async)]
pub fn list_dead_links(store: State<'_, Store>) -> CommandResult<Vec<LinkHealth>> {
    store.dead_links().map_err(Into::into)
}

/// Links that have moved for good (permanent redirects) to a URL they do not have yet.
#[tauri::command(async)]
pub fn list_moved_links(store: State<'_, Store>) -> CommandResult<Vec<LinkHealth>> {
    store.moved_links().map_err(Into::into)
}

/// Changes moved links' URLs to where they moved (`ids` empty: all), as one undoable edit;
/// returns the pearls changed.
#[tauri::command(async)]
pub fn update_moved_links(
    store: State<'_, Store>,
    ids: Vec<PearlId>,
) -> CommandResult<Vec<PearlId>> {
    store.update_moved_links(&ids).map_err(Into::into)
}

/// What the library holds about a link's page (`None` before any fetch).
#[tauri::command(async)]
pub fn page_info(store: State<'_, Store>, id: PearlId) -> CommandResult<Option<PageInfo>> {
    store.page_info(id).map_err(Into::into)
}

/// The stored favicons of these pearls, as data URLs (pearls without one are left out).
#[tauri::command(async)]
pub fn favicons_of(store: State<'_, Store>, ids: Vec<PearlId>) -> CommandResult<Vec<PearlFavicon>> {
    store.favicons_of(&ids).map_err(Into::into)
}
