//! How a shell names a pearl: `#42` (or `42`) for an id, anything else a collection path from
//! the top of the tree (`Cours/Révolution`; `\/` for a slash inside a title). The tool's
//! arguments and the browser host's `collection` field read the same way.

use crate::error::{Error, Result};
use crate::model::PearlId;
use crate::store::Store;

/// The pearl `text` names.
///
/// # Errors
/// [`Error::PathNotFound`] / [`Error::PearlNotFound`] when it names nothing,
/// [`Error::AmbiguousPath`] when a path names several collections.
pub fn resolve_pearl(store: &Store, text: &str) -> Result<PearlId> {
    let digits = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let id = digits
            .parse::<i64>()
            .map(PearlId)
            .map_err(|_| Error::PathNotFound(text.to_owned()))?;
        store.pearl(id)?;
        return Ok(id);
    }
    store.resolve_path(text)
}
