//! Picking from an imported tree into one's own, for every shell: the tool names the pearls and
//! the collection (`#id` or path), the window sends ids and the gap of a drop. Both end in
//! [`Store::pick`], one undoable edit.

use crate::error::{Error, Result};
use crate::model::PearlId;
use crate::store::{PickReport, Placement, Store};

use super::resolve::resolve_pearl;

/// Picks the pearls named by `sources` into the collection named by `to`, at `index` among
/// its pearls (counted as it is before the pick; the end without one); with `alias`, leaves
/// aliases of them instead.
///
/// # Errors
/// As [`resolve_pearl`] for a name that names nothing (which one is said); as
/// [`Store::pick`].
pub fn pick_named(
    store: &Store,
    sources: &[String],
    to: &str,
    index: Option<usize>,
    alias: bool,
) -> Result<PickReport> {
    if sources.is_empty() {
        return Err(Error::Invalid("nothing to pick".to_owned()));
    }
    let ids = sources
        .iter()
        .map(|s| resolve_pearl(store, s))
        .collect::<Result<Vec<_>>>()?;
    let into = resolve_pearl(store, to)?;
    let placement = index.map_or(Placement::End, Placement::Index);
    store.pick(&ids, into, placement, alias)
}

/// Picks the pearls `ids` (dragged in the window) into `into` at `placement`; with `alias`,
/// leaves aliases of them instead.
///
/// # Errors
/// As [`Store::pick`].
pub fn pick_pearls(
    store: &Store,
    ids: &[PearlId],
    into: PearlId,
    placement: Placement,
    alias: bool,
) -> Result<PickReport> {
    store.pick(ids, into, placement, alias)
}
