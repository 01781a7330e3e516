//! The archive as the library sees it: which links to archive, a pearl's copy, and pruning
//! the copies of pearls that are gone. Everything here takes pearls, never keys.

use std::collections::HashSet;

use serde::Serialize;

use super::Readable;
use super::key::{keys_of, pearls_of};
use super::store::{Archive, CopyInfo};
use crate::error::{Error, Result};
use crate::model::{Millis, PearlId, PearlKind};
use crate::store::{FetchScope, FetchTarget, Freshness, Store};

/// Which links of a scope [`targets`] gives, by their copy's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staleness {
    /// Links with no copy yet.
    Missing,
    /// Links with no copy, or a copy made before this time (ms since the epoch).
    OlderThan(Millis),
    /// Every link, however recent its copy.
    All,
}

/// The links of `scope` to archive (in the tree, http or not: the run skips the others).
///
/// # Errors
/// [`Error::PearlNotFound`] for a scope naming no pearl; [`Error::Sqlite`] otherwise.
pub fn targets(
    store: &Store,
    archive: &Archive,
    scope: &FetchScope,
    staleness: Staleness,
) -> Result<Vec<FetchTarget>> {
    let links = store.links_to_fetch(scope, Freshness::Any)?;
    if staleness == Staleness::All {
        return Ok(links);
    }
    let made = archive.archived_at()?;
    let ids: Vec<PearlId> = links.iter().map(|t| t.pearl).collect();
    let keys = keys_of(store, &ids)?;
    Ok(links
        .into_iter()
        .filter(|t| {
            let at = keys.get(&t.pearl).and_then(|k| made.get(k));
            match (staleness, at) {
                (_, None) => true,
                (Staleness::OlderThan(before), Some(at)) => *at < before,
                _ => false,
            }
        })
        .collect())
}

/// The key of a link pearl, refusing other kinds.
fn link_key(store: &Store, id: PearlId) -> Result<String> {
    let pearl = store.pearl(id)?;
    if pearl.kind != PearlKind::Link {
        return Err(Error::Invalid(format!(
            "{id} is a {}, not a link: only links have offline copies",
            pearl.kind.as_str()
        )));
    }
    keys_of(store, &[id])?
        .remove(&id)
        .ok_or(Error::PearlNotFound(id))
}

/// What is known of a link's copy, if it has one.
///
/// # Errors
/// [`Error::PearlNotFound`], [`Error::Invalid`] for a pearl that is not a link.
pub fn copy_info(store: &Store, archive: &Archive, id: PearlId) -> Result<Option<CopyInfo>> {
    archive.info(&link_key(store, id)?)
}

/// A link's readable text, if it has a copy.
///
/// # Errors
/// [`Error::PearlNotFound`], [`Error::Invalid`] for a pearl that is not a link.
pub fn read_copy(store: &Store, archive: &Archive, id: PearlId) -> Result<Option<Readable>> {
    archive.readable(&link_key(store, id)?)
}

/// A link's snapshot (one HTML file), if it has a copy with one.
///
/// # Errors
/// [`Error::PearlNotFound`], [`Error::Invalid`] for a pearl that is not a link.
pub fn read_snapshot(store: &Store, archive: &Archive, id: PearlId) -> Result<Option<String>> {
    archive.snapshot(&link_key(store, id)?)
}

/// What pruning removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Pruned {
    /// Copies deleted.
    pub copies: usize,
    /// Bytes they took, compressed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// Deletes the copies of pearls no longer in the library (deleted for good: the trash
/// emptied, or history that kept them dropped), then compacts the file. Copies of pearls in
/// the trash stay, since they can be restored.
///
/// # Errors
/// [`Error::Sqlite`] only.
pub fn prune(store: &Store, archive: &Archive) -> Result<Pruned> {
    let keys: Vec<String> = archive.archived_at()?.into_keys().collect();
    let alive: HashSet<String> = pearls_of(store, &keys)?.into_keys().collect();
    let gone: Vec<String> = keys.into_iter().filter(|k| !alive.contains(k)).collect();
    let (copies, bytes) = archive.remove(&gone)?;
    if copies > 0 {
        archive.vacuum()?;
    }
    Ok(Pruned { copies, bytes })
}

/// Keeps a copy of a page whose HTML the caller already has (a page the browser sent, a
/// file), found at `url`: its readable text, and a snapshot with nothing fetched (its images
/// and stylesheets left out). Replaces the link's previous copy only when it succeeds.
///
/// # Errors
/// [`Error::Invalid`] when the page has no readable text (the message says why) or `url` is
/// not a URL; [`Error::PearlNotFound`] and [`Error::Invalid`] for a pearl that is not a link.
pub fn keep_page(
    store: &Store,
    archive: &Archive,
    id: PearlId,
    url: &str,
    html: &str,
) -> Result<CopyInfo> {
    let key = link_key(store, id)?;
    let page_url = url::Url::parse(url.trim()).map_err(|e| Error::InvalidUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    let readable = super::readable::readable(html, &page_url)
        .map_err(|e| Error::Invalid(format!("{url}: {e}")))?;
    let saved_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let snapshot = super::snapshot::assemble(
        html,
        &page_url,
        &super::snapshot::Assets::default(),
        &saved_at,
    );
    let copy = super::store::StoredCopy {
        key: key.clone(),
        url: url.to_owned(),
        final_url: page_url.to_string(),
        archived_at: crate::model::now_millis(),
        text_z: super::store::compress(readable.text.as_bytes())?,
        html_z: super::store::compress(readable.html.as_bytes())?,
        snapshot_z: Some(super::store::compress(snapshot.as_bytes())?),
        snapshot_bytes: snapshot.len(),
        readable,
        assets: 0,
        assets_missing: 0,
    };
    archive.put(std::slice::from_ref(&copy))?;
    archive.info(&key)?.ok_or(Error::PearlNotFound(id))
}

/// A link's snapshot ready for the window's sandboxed view (its links lead to
/// `/open/ID?url=…` on the protocol it is served from), if it has one.
///
/// # Errors
/// [`Error::PearlNotFound`], [`Error::Invalid`] for a pearl that is not a link.
pub fn snapshot_for_viewing(
    store: &Store,
    archive: &Archive,
    id: PearlId,
) -> Result<Option<String>> {
    Ok(read_snapshot(store, archive, id)?.map(|html| super::view::for_viewing(&html, id.0)))
}
