//! Titles and page details from the window: a new link's page fetched at once with short
//! timeouts, "Refresh details" for a selection or a collection with progress and cancel, link
//! health (dead and moved links, updating moved ones as one undoable edit), what a link's page
//! said, and stored favicons. Bindings only: the steps live in `nacre::api`.

use std::sync::atomic::{AtomicBool, Ordering};

use nacre::api::details::{self, PearlFavicon};
use nacre::api::events::{FETCH_PROGRESS, FETCH_QUICK};
use nacre::api::fetch as fetching;
use nacre::fetch::{FetchProgress, Options, Report};
use nacre::store::{FetchScope, Freshness, LinkHealth, StoredDetails};
use nacre::{PearlId, Store};
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking::run_blocking;
use crate::error::CommandResult;

/// The cancel flag of the long run (quick fetches of one new link are not cancelled).
#[derive(Default)]
pub struct FetchRun {
    cancel: AtomicBool,
}

/// Fetches the page of links just created (paste, drop), then emits `fetch-quick` with the ids
/// written so the window shows their titles.
#[tauri::command]
pub async fn fetch_new_links(app: AppHandle, ids: Vec<PearlId>) -> CommandResult<Report> {
    run_blocking(move || {
        fetching::fetch_new_links(&app.state::<Store>(), ids, |p: &FetchProgress| {
            let done: Vec<PearlId> = p.finished.iter().map(|f| f.pearl).collect();
            if !done.is_empty() {
                drop(app.emit(FETCH_QUICK, done));
            }
        })
    })
    .await
}

/// Fetches the pages of the links among `ids` (collections: every link below them); with
/// `only_new`, only links never fetched. Emits `fetch-progress`; [`cancel_fetch`] stops it.
#[tauri::command]
pub async fn refresh_details(
    app: AppHandle,
    ids: Vec<PearlId>,
    only_new: bool,
) -> CommandResult<Report> {
    let freshness = Freshness::never_fetched_if(only_new);
    run_blocking(move || {
        let (store, run) = (app.state::<Store>(), app.state::<FetchRun>());
        run.cancel.store(false, Ordering::SeqCst);
        let on_progress = |p: &FetchProgress| drop(app.emit(FETCH_PROGRESS, p));
        let (scope, options) = (FetchScope::Ids(ids), Options::default());
        fetching::refresh_details(
            &store,
            &scope,
            freshness,
            &options,
            on_progress,
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

/// Changes moved links' URLs to where they moved (`ids` empty: all), as one undoable edit.
#[tauri::command(async)]
pub fn update_moved_links(
    store: State<'_, Store>,
    ids: Vec<PearlId>,
) -> CommandResult<Vec<PearlId>> {
    store.update_moved_links(&ids).map_err(Into::into)
}

/// What the library holds about a link's page (`None` before any fetch).
#[tauri::command(async)]
pub fn page_info(store: State<'_, Store>, id: PearlId) -> CommandResult<Option<StoredDetails>> {
    details::page_info(&store, id).map_err(Into::into)
}

/// The stored favicons of these pearls, as data URLs (pearls without one are left out).
#[tauri::command(async)]
pub fn favicons_of(store: State<'_, Store>, ids: Vec<PearlId>) -> CommandResult<Vec<PearlFavicon>> {
    details::favicons_of(&store, &ids).map_err(Into::into)
}
