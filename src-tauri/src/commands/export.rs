//! Sharing a collection: the save dialog, then the export written off the UI thread. Bindings
//! only; the writers live in `nacre::formats::export`.

use nacre::api::share::share_branch;
use nacre::formats::export::ExportFormat;
use nacre::formats::page::PageLanguage;
use nacre::store::window_io::ExportDone;
use nacre::{PearlId, Store};
use tauri::{AppHandle, Manager};

use super::app::LastShare;

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

/// Writes the collection `id` (and everything below it) to `path` in `format` (a page in
/// `lang`), whole or not at all; remembers the file for [`super::app::open_shared_file`].
#[tauri::command]
pub async fn export_collection(
    app: AppHandle,
    id: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
    path: String,
) -> CommandResult<ExportDone> {
    run_blocking(move || {
        let done = share_branch(&app.state::<Store>(), id, format, lang, path.as_ref())?;
        if let Ok(mut last) = app.state::<LastShare>().0.lock() {
            *last = Some(path.into());
        }
        Ok(done)
    })
    .await
}
