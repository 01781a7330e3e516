//! Offline copies from the window: "Keep an offline copy" of a selection or a collection with
//! progress and cancel, a copy of every new link when the setting is on, a link's copy for the
//! reader view, the archive's size and setting, and the `nacre-copy:` protocol the sandboxed
//! snapshot view is served through. Bindings only: the steps live in `nacre::api::archive`.

use std::sync::atomic::{AtomicBool, Ordering};

use nacre::api::archive::{self, ArchiveOverview, CopyView};
use nacre::api::events::ARCHIVE_PROGRESS;
use nacre::archive::{Archive, ArchiveProgress, ArchiveReport};
use nacre::{PearlId, Store};
use tauri::http::{Request, Response, header};
use tauri::{AppHandle, Emitter, Manager, State, UriSchemeResponder};
use tauri_plugin_opener::OpenerExt;

use super::blocking::run_blocking;
use crate::error::CommandResult;

/// The cancel flag of the archive run.
#[derive(Default)]
pub struct ArchiveRun {
    cancel: AtomicBool,
}

/// Keeps an offline copy of the links among `ids` (collections: every link below them).
/// Emits `archive-progress`; [`cancel_archive`] stops it.
#[tauri::command]
pub async fn keep_copies(app: AppHandle, ids: Vec<PearlId>) -> CommandResult<ArchiveReport> {
    run_blocking(move || {
        let (store, archive, run) = (
            app.state::<Store>(),
            app.state::<Archive>(),
            app.state::<ArchiveRun>(),
        );
        run.cancel.store(false, Ordering::SeqCst);
        let on_progress = |p: &ArchiveProgress| drop(app.emit(ARCHIVE_PROGRESS, p));
        archive::keep_copies(&store, &archive, ids, on_progress, &run.cancel)
    })
    .await
}

/// Stops the archive run; the copies it finished stay.
#[tauri::command(async)]
pub fn cancel_archive(run: State<'_, ArchiveRun>) {
    run.cancel.store(true, Ordering::SeqCst);
}

/// Keeps a copy of links just made, if the setting "keep a copy of every new link" is on.
#[tauri::command]
pub async fn keep_new_link_copies(
    app: AppHandle,
    ids: Vec<PearlId>,
) -> CommandResult<Option<ArchiveReport>> {
    run_blocking(move || {
        let (store, archive) = (app.state::<Store>(), app.state::<Archive>());
        archive::keep_copies_of_new_links(&store, &archive, ids, |_| {})
    })
    .await
}

/// A link's offline copy for the reader view (`None`: none kept).
#[tauri::command(async)]
pub fn copy_of(
    store: State<'_, Store>,
    archive: State<'_, Archive>,
    id: PearlId,
) -> CommandResult<Option<CopyView>> {
    archive::copy_of(&store, &archive, id).map_err(Into::into)
}

/// The archive's size and its setting.
#[tauri::command(async)]
pub fn archive_overview(archive: State<'_, Archive>) -> CommandResult<ArchiveOverview> {
    archive::overview(&archive).map_err(Into::into)
}

/// Turns "keep a copy of every new link" on or off.
#[tauri::command(async)]
pub fn set_keep_new_links(archive: State<'_, Archive>, on: bool) -> CommandResult<ArchiveOverview> {
    archive::set_keep_new_links(&archive, on).map_err(Into::into)
}

/// Answers a request of the sandboxed snapshot view (`nacre-copy://localhost/snapshot/ID`) off
/// the UI thread, opening a clicked link in the system browser.
pub fn serve_copy(app: &AppHandle, request: &Request<Vec<u8>>, responder: UriSchemeResponder) {
    let (app, path) = (
        app.clone(),
        request.uri().path_and_query().map(ToString::to_string),
    );
    tauri::async_runtime::spawn_blocking(move || {
        let (store, archive) = (app.state::<Store>(), app.state::<Archive>());
        let r = archive::serve_copy(&store, &archive, path.as_deref().unwrap_or("/"));
        if let Some(url) = &r.open {
            drop(app.opener().open_url(url, None::<&str>));
        }
        let response = Response::builder()
            .status(r.status)
            .header(header::CONTENT_TYPE, r.content_type);
        let response = response
            .header(header::CONTENT_SECURITY_POLICY, r.csp)
            .body(r.body);
        responder.respond(response.unwrap_or_else(|_| Response::new(Vec::new())));
    });
}
