//! The Sync screen and the pearl's "also" values. Bindings only; logic lives in
//! `nacre::api::sync` (the rounds that run by themselves: `crate::sync_loop`).

use nacre::api::sync::{self, AlsoValue, SyncReport, SyncStatus};
use nacre::api::sync_rounds::SyncHandle;
use nacre::{PearlId, Store};
use tauri::{AppHandle, Manager as _, State};

use super::blocking::run_blocking;
use super::dialog;
use crate::error::CommandResult;

/// How syncing stands: the folder, this device, the others, what is waiting.
#[tauri::command(async)]
pub fn sync_status(store: State<'_, Store>) -> CommandResult<SyncStatus> {
    sync::status(&store).map_err(Into::into)
}

/// This computer's name, the default name of this device.
#[tauri::command(async)]
pub fn default_device_name() -> String {
    sync::default_device_name()
}

/// Asks for the folder to sync through; `None` if the dialog was closed.
#[tauri::command(async)]
pub fn choose_sync_folder(app: AppHandle) -> CommandResult<Option<String>> {
    Ok(dialog::pick_folder(&app)?.map(|p| p.to_string_lossy().into_owned()))
}

/// Joins the folder (named `name`) and runs the first round; from then on rounds run by
/// themselves.
#[tauri::command]
pub async fn join_sync_folder(
    app: AppHandle,
    folder: String,
    name: String,
) -> CommandResult<SyncReport> {
    run_blocking(move || {
        let handle = app.state::<SyncHandle>();
        handle.join(&app.state::<Store>(), folder.trim().as_ref(), &name)
    })
    .await
}

/// Asks for a round now; its start and end arrive as `sync-round` events.
#[tauri::command(async)]
pub fn sync_now(handle: State<'_, SyncHandle>) {
    handle.now();
}

/// Stops syncing (the library keeps everything); returns the folder it synced through.
#[tauri::command(async)]
pub fn leave_sync_folder(store: State<'_, Store>) -> CommandResult<String> {
    sync::leave(&store).map_err(Into::into)
}

/// A pearl's values that lost to a concurrent edit on another device.
#[tauri::command(async)]
pub fn also_values(store: State<'_, Store>, id: PearlId) -> CommandResult<Vec<AlsoValue>> {
    sync::also_values(&store, id).map_err(Into::into)
}

/// Dismisses a pearl's lost values of one field.
#[tauri::command(async)]
pub fn dismiss_also(store: State<'_, Store>, id: PearlId, field: String) -> CommandResult<usize> {
    sync::dismiss_also(&store, id, &field).map_err(Into::into)
}
