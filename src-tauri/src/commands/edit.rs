//! Changing the tree. Bindings only; logic lives in `nacre::store` and `nacre::api`.

use nacre::api::{PearlDraft, PearlEdit};
use nacre::store::PickReport;
use nacre::{Pearl, PearlId, Placement, SortBy, Store};
use tauri::State;

use crate::error::CommandResult;

/// Creates a pearl in a collection.
#[tauri::command(async)]
pub fn create_pearl(
    store: State<'_, Store>,
    parent: PearlId,
    placement: Placement,
    draft: PearlDraft,
) -> CommandResult<Pearl> {
    store
        .create_draft(parent, placement, &draft)
        .map_err(Into::into)
}

/// Changes a pearl's title, URL, note or tags.
#[tauri::command(async)]
pub fn update_pearl(store: State<'_, Store>, id: PearlId, edit: PearlEdit) -> CommandResult<Pearl> {
    store.apply_edit(id, &edit).map_err(Into::into)
}

/// Sorts a collection's pearls (one undoable edit); whether anything moved.
#[tauri::command(async)]
pub fn sort_collection(store: State<'_, Store>, id: PearlId, by: SortBy) -> CommandResult<bool> {
    store.sort_collection(id, by).map_err(Into::into)
}

/// Moves pearls to one place in a collection.
#[tauri::command(async)]
pub fn move_pearls(
    store: State<'_, Store>,
    ids: Vec<PearlId>,
    parent: PearlId,
    placement: Placement,
) -> CommandResult<()> {
    store
        .move_pearls(&ids, parent, placement)
        .map_err(Into::into)
}

/// Picks pearls of an imported tree into a collection of one's own (or leaves aliases).
#[tauri::command(async)]
pub fn pick_pearls(
    store: State<'_, Store>,
    ids: Vec<PearlId>,
    parent: PearlId,
    placement: Placement,
    alias: bool,
) -> CommandResult<PickReport> {
    nacre::api::pick::pick_pearls(&store, &ids, parent, placement, alias).map_err(Into::into)
}

/// Puts pearls in the trash.
#[tauri::command(async)]
pub fn trash_pearls(store: State<'_, Store>, ids: Vec<PearlId>) -> CommandResult<()> {
    store.trash(&ids).map_err(Into::into)
}

/// Puts pearls from the trash back where they were.
#[tauri::command(async)]
pub fn restore_pearls(store: State<'_, Store>, ids: Vec<PearlId>) -> CommandResult<()> {
    store.restore(&ids).map_err(Into::into)
}

/// Empties the trash; returns how many pearls went.
#[tauri::command(async)]
pub fn empty_trash(store: State<'_, Store>) -> CommandResult<usize> {
    store.empty_trash().map_err(Into::into)
}
