//! The system's open and save dialogs, run from Rust (so the page needs no dialog permission).
//!
//! Test-only: when `NACRE_TEST_DIALOG_PATH` is set, no dialog opens and that path is the
//! answer, because WebDriver cannot drive a native dialog. Users never set it.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, CommandResult};

fn test_answer() -> Option<PathBuf> {
    std::env::var_os("NACRE_TEST_DIALOG_PATH")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

fn to_path(file: tauri_plugin_dialog::FilePath) -> CommandResult<PathBuf> {
    file.into_path().map_err(|e| CommandError {
        code: nacre::ErrorCode::Invalid,
        message: format!("the dialog gave no local file: {e}"),
    })
}

/// The endings of the files browsers and services export bookmarks as (the format itself is
/// found from the content).
const BOOKMARK_EXTENSIONS: &[&str] = &[
    "html", "htm", "json", "jsonlz4", "sqlite", "plist", "rdf", "opml", "xml", "xbel", "csv",
];

/// Asks for a bookmark file to import; `None` if the user closed the dialog.
pub fn pick_file(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = test_answer() {
        return Ok(Some(path));
    }
    app.dialog()
        .file()
        .set_title("Import bookmarks")
        .add_filter("Bookmark files", BOOKMARK_EXTENSIONS)
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .map(to_path)
        .transpose()
}

/// Asks where to save an export, suggesting `name` and filtering on `extension`; `None` if
/// the user closed the dialog.
pub fn save_file(app: &AppHandle, name: &str, extension: &str) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = test_answer() {
        return Ok(Some(path));
    }
    let dialog = app.dialog().file().set_title("Export").set_file_name(name);
    // A site is a folder: no file type to filter on.
    let dialog = if extension.is_empty() {
        dialog
    } else {
        dialog.add_filter(extension, &[extension.trim_start_matches('.')])
    };
    dialog.blocking_save_file().map(to_path).transpose()
}

/// Asks for the folder to sync through; `None` if the user closed the dialog.
pub fn pick_folder(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = test_answer() {
        return Ok(Some(path));
    }
    app.dialog()
        .file()
        .set_title("The folder to sync through")
        .blocking_pick_folder()
        .map(to_path)
        .transpose()
}
