//! Reading the tree. Bindings only; logic lives in `nacre::api` and `nacre::store`.

use nacre::api::share::Relations;
use nacre::api::{ChildList, LibraryInfo, TreeItem};
use nacre::{Pearl, PearlId, Store};
use tauri::State;

use crate::error::CommandResult;

/// The library's file, root and trash.
#[tauri::command(async)]
pub fn library_info(store: State<'_, Store>) -> CommandResult<LibraryInfo> {
    Ok(store.info())
}

/// One pearl.
#[tauri::command(async)]
pub fn get_pearl(store: State<'_, Store>, id: PearlId) -> CommandResult<Pearl> {
    store.pearl(id).map_err(Into::into)
}

/// The pearls directly in a collection, in order, as the tree shows them.
#[tauri::command(async)]
pub fn list_children(store: State<'_, Store>, parent: PearlId) -> CommandResult<Vec<TreeItem>> {
    store.child_items(parent).map_err(Into::into)
}

/// The children of several collections at once (those that no longer exist are left out).
#[tauri::command(async)]
pub fn list_children_of(
    store: State<'_, Store>,
    parents: Vec<PearlId>,
) -> CommandResult<Vec<ChildList>> {
    store.children_of_many(&parents).map_err(Into::into)
}

/// The collections from the top of the tree down to a pearl's own collection.
#[tauri::command(async)]
pub fn reveal_pearl(store: State<'_, Store>, id: PearlId) -> CommandResult<Vec<PearlId>> {
    store.collections_above(id).map_err(Into::into)
}

/// Where else the pearl `id` stands: other places holding a link's page, the imported trees
/// sharing the most links with a collection.
#[tauri::command(async)]
pub fn pearl_relations(store: State<'_, Store>, id: PearlId) -> CommandResult<Relations> {
    Ok(nacre::api::share::relations(&store, id)?)
}
