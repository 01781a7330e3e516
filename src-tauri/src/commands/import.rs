//! Bringing bookmarks in: pick a file (or a browser profile), read it off the UI thread with
//! progress and cancel, show its preview, then commit it as one new collection (one undoable
//! step). The tree read waits in [`PendingImport`] between the preview and the commit.
//! Bindings only; the readers and the store's import live in `nacre`.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use nacre::api::first_screen::{ProfileBookmarks, profiles_with_counts};
use nacre::formats::tree::ImportedTree;
use nacre::formats::{Progress, ReadOptions, read_bytes_with, read_file_with};
use nacre::store::ImportReport;
use nacre::store::window_io::{ImportPreview, ImportProgress};
use nacre::{PearlId, Store};
use percent_encoding::percent_decode_str;
use tauri::ipc::InvokeBody;
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking::run_blocking;
use super::dialog;
use crate::error::{CommandError, CommandResult};

/// The event carrying an [`ImportProgress`].
const PROGRESS_EVENT: &str = "import-progress";

/// The import in progress: the tree read and waiting for the user's go, and the cancel flag of
/// the read or the commit running now.
#[derive(Default)]
pub struct PendingImport {
    tree: Mutex<Option<ImportedTree>>,
    cancel: AtomicBool,
}

fn progress_emitter(app: &AppHandle, phase: &'static str) -> impl Fn(Progress) + Sync + use<> {
    let app = app.clone();
    move |p: Progress| {
        let _ = app.emit(
            PROGRESS_EVENT,
            ImportProgress {
                phase: phase.to_owned(),
                done: p.done,
                total: p.total,
            },
        );
    }
}

/// Runs `work` with the import's cancel flag cleared and progress sent as `phase` events.
fn with_progress<T>(
    app: &AppHandle,
    phase: &'static str,
    work: impl FnOnce(&ReadOptions<'_>) -> nacre::Result<T>,
) -> nacre::Result<T> {
    let pending = app.state::<PendingImport>();
    pending.cancel.store(false, Ordering::SeqCst);
    let on_progress = progress_emitter(app, phase);
    work(&ReadOptions {
        on_progress: Some(&on_progress),
        cancel: Some(&pending.cancel),
    })
}

/// Reads a tree off the UI thread with `read`, keeps it for [`commit_import`], and returns its
/// preview.
async fn read_then_hold(
    app: AppHandle,
    file: PathBuf,
    read: impl FnOnce(&ReadOptions<'_>) -> nacre::Result<ImportedTree> + Send + 'static,
) -> CommandResult<ImportPreview> {
    run_blocking(move || {
        let tree = with_progress(&app, "read", read)?;
        let preview = ImportPreview::of(&file, &tree);
        if let Ok(mut slot) = app.state::<PendingImport>().tree.lock() {
            *slot = Some(tree);
        }
        Ok(preview)
    })
    .await
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

/// Reads a bookmark file (emitting `import-progress`) and returns its preview; the tree waits
/// for [`commit_import`].
#[tauri::command]
pub async fn read_import_file(app: AppHandle, path: String) -> CommandResult<ImportPreview> {
    let file = PathBuf::from(&path);
    read_then_hold(app, file.clone(), move |options| {
        read_file_with(&file, options)
    })
    .await
}

/// The header carrying a dropped file's name, percent-encoded (a header holds ASCII only).
const FILE_NAME_HEADER: &str = "x-file-name";

/// Reads a bookmark file dropped on the window and returns its preview, as
/// [`read_import_file`]. The page knows no path, only the file's bytes: they come as the
/// request's raw body (no JSON array of numbers to build and parse for a 40 MB file) and its
/// name in the `x-file-name` header.
#[tauri::command]
pub async fn read_import_bytes(
    app: AppHandle,
    request: tauri::ipc::Request<'_>,
) -> CommandResult<ImportPreview> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError {
            code: "invalid",
            message: "a dropped file must come as raw bytes".to_owned(),
        });
    };
    let name = request
        .headers()
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_decode_str(v).decode_utf8_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "dropped file".to_owned());
    let bytes = bytes.clone();
    read_then_hold(app, PathBuf::from(&name), move |options| {
        read_bytes_with(&bytes, &name, options)
    })
    .await
}

/// Adds the previewed tree as a new collection titled `title` at the end of `into` (one
/// transaction, one undoable step), emitting `import-progress`.
#[tauri::command]
pub async fn commit_import(
    app: AppHandle,
    into: PearlId,
    title: String,
) -> CommandResult<ImportReport> {
    let tree = {
        let pending = app.state::<PendingImport>();
        let taken = pending.tree.lock().ok().and_then(|mut slot| slot.take());
        taken.ok_or_else(|| CommandError {
            code: "invalid",
            message: "no import is waiting: read a bookmark file first".to_owned(),
        })?
    };
    run_blocking(move || {
        with_progress(&app, "add", |options| {
            app.state::<Store>()
                .import_tree_with(&tree, into, &title, options)
        })
    })
    .await
}

/// Stops the read or the import running now (an import is rolled back whole), and forgets a
/// previewed tree.
#[tauri::command(async)]
pub fn cancel_import(pending: State<'_, PendingImport>) {
    pending.cancel.store(true, Ordering::SeqCst);
    if let Ok(mut slot) = pending.tree.lock() {
        *slot = None;
    }
}
