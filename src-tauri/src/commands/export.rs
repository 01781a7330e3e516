//! Sharing a collection: the save dialog, then the export written off the UI thread. Bindings
//! only; the writers live in `nacre::formats::export`.

use nacre::formats::export::ExportFormat;
use nacre::store::window_io::{ExportDone, write_whole};
use nacre::{PearlId, Store};
use tauri::{AppHandle, Manager};

use super::blocking::run_blocking;
use super::dialog;
use crate::error::CommandResult;

/// Asks where to save `id` in `format` (suggesting `name`); `None` if the user cancelled.
#[tauri::command(async)]
pub fn choose_export_path(
    app: AppHandle,
    name: String,
    format: ExportFormat,
) -> CommandResult<Option<String>> {
    let ext = format.extension();
    let suggested = if name.ends_with(&format!(".{ext}")) {
        name
    } else {
        format!("{name}.{ext}")
    };
    Ok(dialog::save_file(&app, &suggested, ext)?.map(|p| p.display().to_string()))
}

/// Writes the collection `id` (and everything below it) to `path` in `format`, whole or not
/// at all.
#[tauri::command]
pub async fn export_collection(
    app: AppHandle,
    id: PearlId,
    format: ExportFormat,
    path: String,
) -> CommandResult<ExportDone> {
    run_blocking(move || {
        let store = app.state::<Store>();
        let tree = store.export_tree(id)?;
        let bytes = format.write(&tree)?;
        write_whole(std::path::Path::new(&path), &bytes)?;
        Ok(ExportDone {
            path,
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            left_out: format.left_out(&tree),
        })
    })
    .await
}
