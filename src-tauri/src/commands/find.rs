//! Search, duplicate links and the trash's contents. Bindings only; logic lives in
//! `nacre::store` and `nacre::archive`.

use nacre::archive::{Archive, SearchResult, search_everywhere};
use nacre::store::DuplicateGroup;
use nacre::{Pearl, Store};
use tauri::State;

use crate::error::CommandResult;

/// The best pearls matching every word typed, each with its path: title, note and tag matches
/// first, then links found inside their offline copies, each with a snippet.
#[tauri::command(async)]
pub fn search_pearls(
    store: State<'_, Store>,
    archive: State<'_, Archive>,
    text: String,
    limit: usize,
) -> CommandResult<Vec<SearchResult>> {
    search_everywhere(&store, Some(&archive), &text, limit).map_err(Into::into)
}

/// Groups of links in the tree that point at the same page, largest first.
#[tauri::command(async)]
pub fn list_duplicates(store: State<'_, Store>) -> CommandResult<Vec<DuplicateGroup>> {
    store.duplicates().map_err(Into::into)
}

/// The pearls in the trash.
#[tauri::command(async)]
pub fn list_trash(store: State<'_, Store>) -> CommandResult<Vec<Pearl>> {
    store.trash_contents().map_err(Into::into)
}
