//! Finding collections for the "Move to…" picker, and where a pasted link is already saved.
//! Bindings only; logic lives in `nacre::api`.

use nacre::api::collections::CollectionChoice;
use nacre::store::SearchHit;
use nacre::{PearlId, Store};
use tauri::State;

use crate::error::CommandResult;

/// The collections whose titles match `text` (every word as a word's start), best first,
/// leaving out `except` and what is below them.
#[tauri::command(async)]
pub fn find_collections(
    store: State<'_, Store>,
    text: String,
    except: Vec<PearlId>,
    limit: usize,
) -> CommandResult<Vec<CollectionChoice>> {
    store
        .find_collections(&text, &except, limit)
        .map_err(Into::into)
}

/// The links already in the tree to the same page as `url`, each with its path.
#[tauri::command(async)]
pub fn saved_copies(store: State<'_, Store>, url: String) -> CommandResult<Vec<SearchHit>> {
    store.saved_copies(&url).map_err(Into::into)
}
