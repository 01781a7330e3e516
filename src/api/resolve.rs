//! How a shell names a pearl: `#42` (or `42`) for an id, anything else a collection path from
//! the top of the tree (`Cours/Révolution`; `\/` for a slash inside a title). The tool's
//! arguments and the browser host's `collection` field read the same way.

use crate::error::{Error, Result};
use crate::model::PearlId;
use crate::store::{FetchScope, Store};

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

/// The links a fetch or an archive run covers, as the shells name them: pearls by `#id` or path
/// (`ids`, blanks ignored), else everything below the collection at `path`, else the library.
///
/// # Errors
/// As [`resolve_pearl`].
pub fn scope_of(store: &Store, ids: &[String], path: Option<&str>) -> Result<FetchScope> {
    if !ids.is_empty() {
        let ids = ids
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|text| resolve_pearl(store, text))
            .collect::<Result<Vec<PearlId>>>()?;
        return Ok(FetchScope::Ids(ids));
    }
    Ok(match path {
        Some(path) => FetchScope::Under(resolve_pearl(store, path)?),
        None => FetchScope::All,
    })
}
