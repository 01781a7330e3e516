//! Sharing a collection: the save dialog, then the export written off the UI thread. Bindings
//! only: the steps live in `nacre::api::export`.

use std::path::PathBuf;

use nacre::api::export::{ExportOptions, ExportReport, share_branch, suggested_file_name};
use nacre::archive::Archive;
use nacre::formats::export::ExportFormat;
use nacre::formats::page::PageLanguage;
use nacre::formats::tree::Credit;
use nacre::{PearlId, Store};
use tauri::{AppHandle, Manager};

use super::app::LastShare;

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

/// The credit the Share dialog last used for the collection `id`.
#[tauri::command(async)]
pub fn share_credit(store: tauri::State<'_, Store>, id: PearlId) -> CommandResult<Credit> {
    Ok(store.share_credit(id)?)
}

/// Writes the collection `id` (and everything below it) to `path` in `format` (a page in
/// `lang`, credited to `credit`, with its links' offline copies if `copies`), whole or not at
/// all; remembers the credit for the collection and the file for
/// [`super::app::open_shared_file`].
#[tauri::command]
pub async fn export_collection(
    app: AppHandle,
    id: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
    credit: Option<Credit>,
    copies: bool,
    path: String,
) -> CommandResult<ExportReport> {
    run_blocking(move || {
        let (file, archive) = (PathBuf::from(path), app.state::<Archive>());
        let (credit, copies) = (credit.unwrap_or_default(), copies.then_some(&*archive));
        let options = ExportOptions {
            lang,
            credit,
            copies,
        };
        let report = share_branch(&app.state::<Store>(), id, format, &options, &file)?;
        app.state::<LastShare>().remember(file);
        Ok(report)
    })
    .await
}
