//! Undo and redo. Bindings only; logic lives in `nacre::store`.

use nacre::Store;
use nacre::store::HistoryEntry;
use tauri::State;

use crate::error::CommandResult;

/// Undoes the last edit; returns it, or nothing if there was none.
#[tauri::command(async)]
pub fn undo(store: State<'_, Store>) -> CommandResult<Option<HistoryEntry>> {
    store.undo().map_err(Into::into)
}

/// Redoes the last undone edit; returns it, or nothing if there was none.
#[tauri::command(async)]
pub fn redo(store: State<'_, Store>) -> CommandResult<Option<HistoryEntry>> {
    store.redo().map_err(Into::into)
}

/// The edits that can be undone or redone, oldest first.
#[tauri::command(async)]
pub fn list_history(store: State<'_, Store>) -> CommandResult<Vec<HistoryEntry>> {
    store.history().map_err(Into::into)
}
