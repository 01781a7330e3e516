//! Which pearl a copy belongs to: the one place that says how copies are keyed.
//!
//! Copies are keyed by a text that names the pearl for good. Until the library gives every
//! pearl a UUID (migration 0004), that is its id in decimal; switching to the UUID changes
//! these two functions and nothing else (an archive keyed by ids is then re-created).

use std::collections::HashMap;

use crate::error::Result;
use crate::model::PearlId;
use crate::store::Store;

/// The key of each pearl of `ids` (pearls not in the library are left out).
pub(crate) fn keys_of(store: &Store, ids: &[PearlId]) -> Result<HashMap<PearlId, String>> {
    let _ = store;
    Ok(ids.iter().map(|id| (*id, id.0.to_string())).collect())
}

/// The pearl each key names, for keys that name one in the library (whether in the tree,
/// the trash, or kept only for undo).
pub(crate) fn pearls_of(store: &Store, keys: &[String]) -> Result<HashMap<String, PearlId>> {
    let mut out = HashMap::new();
    for key in keys {
        let Ok(id) = key.parse::<i64>() else { continue };
        match store.place(PearlId(id)) {
            Ok(_) => {
                out.insert(key.clone(), PearlId(id));
            }
            Err(crate::Error::PearlNotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
