//! Finding collections for the "Move to…" picker, and where a pasted link is already saved:
//! the same finder and lookup as the browser popup's. Bindings only; logic lives in
//! `nacre::api::capture`.

use nacre::Store;
use nacre::api::capture::{CollectionChoice, FoundPearl};
use tauri::State;

use crate::error::CommandResult;

/// The collections whose names match `text` (case and accents ignored), best first.
#[tauri::command(async)]
pub fn find_collections(
    store: State<'_, Store>,
    text: String,
    limit: usize,
) -> CommandResult<Vec<CollectionChoice>> {
    nacre::api::find_collections(&store, &text, limit).map_err(Into::into)
}

/// The links already in the library to the same page as `url`, each with where it is.
#[tauri::command(async)]
pub fn saved_copies(store: State<'_, Store>, url: String) -> CommandResult<Vec<FoundPearl>> {
    nacre::api::lookup(&store, &url).map_err(Into::into)
}
