//! Bringing bookmarks in: pick a file (or a browser profile), read it off the UI thread with
//! progress and cancel, show its preview, then commit it. Bindings only: the steps and the
//! pending import live in `nacre::api::import`.

use std::path::PathBuf;

use nacre::api::events::IMPORT_PROGRESS;
use nacre::api::first_screen::{ProfileBookmarks, profiles_with_counts};
use nacre::api::share::{self, UpdateOffer};
use nacre::api::{ImportPreview, ImportProgress, PendingImport};
use nacre::store::{ImportReport, UpdateReport};
use nacre::{PearlId, Store};
use percent_encoding::percent_decode_str;
use tauri::ipc::InvokeBody;
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking::run_blocking;
use super::dialog;
use crate::error::{CommandError, CommandResult};

/// Sends each [`ImportProgress`] to the page as an `import-progress` event.
fn emit_progress(app: &AppHandle) -> impl Fn(ImportProgress) + Sync + use<> {
    let app = app.clone();
    move |p| drop(app.emit(IMPORT_PROGRESS, p))
}

/// Asks for a bookmark file; `None` if the user closed the dialog.
#[tauri::command(async)]
pub fn choose_import_file(app: AppHandle) -> CommandResult<Option<String>> {
    Ok(dialog::pick_file(&app)?.map(|p| p.display().to_string()))
}

/// The Firefox, Chrome-family and Safari profiles found on this machine, with how many
/// bookmarks each holds.
#[tauri::command(async)]
pub fn list_browser_profiles() -> Vec<ProfileBookmarks> {
    profiles_with_counts()
}

/// Reads a bookmark file and returns its preview; the tree waits for [`commit_import`].
#[tauri::command]
pub async fn read_import_file(app: AppHandle, path: String) -> CommandResult<ImportPreview> {
    run_blocking(move || {
        let pending = app.state::<PendingImport>();
        pending.read_file(&PathBuf::from(path), &emit_progress(&app))
    })
    .await
}

/// Reads one browser profile's bookmarks (by the browser's id and the profile's name) and
/// returns its preview, named after the browser and the profile.
#[tauri::command]
pub async fn read_import_profile(
    app: AppHandle,
    browser: String,
    profile: String,
) -> CommandResult<ImportPreview> {
    run_blocking(move || {
        let pending = app.state::<PendingImport>();
        pending.read_browser(&browser, &profile, &emit_progress(&app))
    })
    .await
}

/// The header carrying a dropped file's name, percent-encoded (a header holds ASCII only).
const FILE_NAME_HEADER: &str = "x-file-name";

/// A dropped file's name (from its header) and bytes (the raw body).
fn dropped_file(request: &tauri::ipc::Request<'_>) -> CommandResult<(String, Vec<u8>)> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::invalid(
            "a dropped file must come as raw bytes",
        ));
    };
    let name = request
        .headers()
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_decode_str(v).decode_utf8_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "dropped file".to_owned());
    Ok((name, bytes.clone()))
}

/// A file dropped on the window: its bytes as the request's raw body (no JSON array of numbers
/// for a 40 MB file), its name in the `x-file-name` header; returns its preview.
#[tauri::command]
pub async fn read_import_bytes(
    app: AppHandle,
    request: tauri::ipc::Request<'_>,
) -> CommandResult<ImportPreview> {
    let (name, bytes) = dropped_file(&request)?;
    run_blocking(move || {
        let pending = app.state::<PendingImport>();
        pending.read_bytes(&bytes, &name, &emit_progress(&app))
    })
    .await
}

/// Adds the previewed tree as a new collection titled `title` at the end of `into`.
#[tauri::command]
pub async fn commit_import(
    app: AppHandle,
    into: PearlId,
    title: String,
) -> CommandResult<ImportReport> {
    run_blocking(move || {
        let pending = app.state::<PendingImport>();
        pending.commit(&app.state::<Store>(), into, &title, &emit_progress(&app))
    })
    .await
}

/// Whether the previewed file is a newer version of a tree imported before ("This is a newer
/// version of “Révolution”, imported 3 Dec"), with the copy it would update.
#[tauri::command(async)]
pub fn import_update_offer(app: AppHandle) -> CommandResult<Option<UpdateOffer>> {
    let pending = app.state::<PendingImport>();
    Ok(share::waiting_update_offer(
        &pending,
        &app.state::<Store>(),
    )?)
}

/// Updates the copy `copy` from the previewed tree instead of importing it anew.
#[tauri::command]
pub async fn commit_import_update(app: AppHandle, copy: PearlId) -> CommandResult<UpdateReport> {
    run_blocking(move || {
        let pending = app.state::<PendingImport>();
        pending.commit_update(&app.state::<Store>(), copy)
    })
    .await
}

/// Stops the read or the import running now and forgets a previewed tree.
#[tauri::command(async)]
pub fn cancel_import(pending: State<'_, PendingImport>) {
    pending.cancel();
}
