//! Which pearl a copy belongs to: the one place that says how copies are keyed.
//!
//! Copies are keyed by the pearl's UUID (`store::identity`), which names the pearl for good:
//! through moves, copies of the library and, later, other devices.

use std::collections::HashMap;

use crate::error::Result;
use crate::model::PearlId;
use crate::store::Store;

/// The key of each pearl of `ids` (pearls not in the library are left out).
pub(crate) fn keys_of(store: &Store, ids: &[PearlId]) -> Result<HashMap<PearlId, String>> {
    store.uuids_of(ids)
}

/// The pearl each key names, for keys that name one in the library (whether in the tree,
/// the trash, or kept only for undo).
pub(crate) fn pearls_of(store: &Store, keys: &[String]) -> Result<HashMap<String, PearlId>> {
    store.ids_of_uuids(keys)
}
