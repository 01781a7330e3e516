//! Sharing a collection: the save dialog, then the export written off the UI thread. Bindings
//! only: the steps live in `nacre::api::export`.

use std::path::PathBuf;

use nacre::api::export::{ExportReport, export_branch, suggested_file_name};
use nacre::formats::export::ExportFormat;
use nacre::{PearlId, Store};
use tauri::{AppHandle, Manager};

use super::blocking::run_blocking;
use super::dialog;
use crate::error::CommandResult;

/// Asks where to save a collection in `format` (suggesting `name`); `None` if cancelled.
#[tauri::command(async)]
pub fn choose_export_path(
    app: AppHandle,
    name: String,
    format: ExportFormat,
) -> CommandResult<Option<String>> {
    let suggested = suggested_file_name(&name, format);
    Ok(dialog::save_file(&app, &suggested, format.extension())?.map(|p| p.display().to_string()))
}

/// Writes the collection `id` (and everything below it) to `path` in `format`, whole or not
/// at all.
#[tauri::command]
pub async fn export_collection(
    app: AppHandle,
    id: PearlId,
    format: ExportFormat,
    path: String,
) -> CommandResult<ExportReport> {
    run_blocking(move || export_branch(&app.state::<Store>(), id, format, &PathBuf::from(path)))
        .await
}
