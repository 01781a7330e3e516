//! Offline copies as the window asks for them: keeping copies of a selection or a collection
//! with progress and cancel, a copy of every new link when the setting says so, a link's copy
//! for the reader view, the archive's size, and the sandboxed snapshot view's protocol
//! (`serve_copy`: what the window answers for `nacre-copy://localhost/…`).
//!
//! The steps themselves live in [`crate::archive`]; this chooses what a window's click means
//! (asked for explicitly: made again even when a copy exists).

use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::archive::{
    self, Archive, ArchiveProgress, ArchiveReport, ArchiveSize, CopyInfo, Options, Readable,
    Staleness,
};
use crate::error::Result;
use crate::model::PearlId;
use crate::store::{FetchScope, Store};

/// A link's offline copy, for the reader view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CopyView {
    /// What is known of it: when, how big, its snapshot.
    pub info: CopyInfo,
    /// Its readable text (title, byline, the article as clean HTML).
    pub readable: Readable,
}

/// The archive as the window's settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArchiveOverview {
    /// Copies kept and the space they take.
    pub size: ArchiveSize,
    /// Whether every new link gets a copy.
    pub keep_new_links: bool,
    /// The archive file.
    pub path: String,
}

/// Makes an offline copy of the links among `ids` (collections: every link below them), again
/// for links that have one; `on_progress` hears first of the total, then of each batch;
/// setting `cancel` stops the run (the copies it finished stay).
///
/// # Errors
/// [`crate::Error::Invalid`] for a pearl that is neither a link nor a collection,
/// [`crate::Error::Network`] when fetching cannot be set up, [`crate::Error::Sqlite`].
pub fn keep_copies(
    store: &Store,
    archive: &Archive,
    ids: Vec<PearlId>,
    mut on_progress: impl FnMut(&ArchiveProgress),
    cancel: &AtomicBool,
) -> Result<ArchiveReport> {
    let targets = archive::targets(store, archive, &FetchScope::Ids(ids), Staleness::All)?;
    on_progress(&ArchiveProgress {
        total: targets.len(),
        ..ArchiveProgress::default()
    });
    archive::run(
        store,
        archive,
        targets,
        &Options::default(),
        on_progress,
        cancel,
    )
}

/// Makes a copy of each of the links just made (`ids`) that has none, when the setting "keep a
/// copy of every new link" is on; `None` when it is off.
///
/// # Errors
/// As [`keep_copies`].
pub fn keep_copies_of_new_links(
    store: &Store,
    archive: &Archive,
    ids: Vec<PearlId>,
    on_progress: impl FnMut(&ArchiveProgress),
) -> Result<Option<ArchiveReport>> {
    if ids.is_empty() || !archive.keeps_new_links()? {
        return Ok(None);
    }
    let targets = archive::targets(store, archive, &FetchScope::Ids(ids), Staleness::Missing)?;
    let cancel = AtomicBool::new(false);
    archive::run(
        store,
        archive,
        targets,
        &Options::default(),
        on_progress,
        &cancel,
    )
    .map(Some)
}

/// A link's copy for the reader view (`None`: it has none).
///
/// # Errors
/// [`crate::Error::PearlNotFound`], [`crate::Error::Invalid`] for a pearl that is not a link.
pub fn copy_of(store: &Store, archive: &Archive, id: PearlId) -> Result<Option<CopyView>> {
    let Some(info) = archive::copy_info(store, archive, id)? else {
        return Ok(None);
    };
    let readable = archive::read_copy(store, archive, id)?.unwrap_or_default();
    Ok(Some(CopyView { info, readable }))
}

/// The archive's size and settings.
///
/// # Errors
/// [`crate::Error::Sqlite`] only.
pub fn overview(archive: &Archive) -> Result<ArchiveOverview> {
    Ok(ArchiveOverview {
        size: archive.size()?,
        keep_new_links: archive.keeps_new_links()?,
        path: archive.path().display().to_string(),
    })
}

/// Turns "keep a copy of every new link" on or off; returns the overview as it is now.
///
/// # Errors
/// [`crate::Error::Sqlite`] only.
pub fn set_keep_new_links(archive: &Archive, on: bool) -> Result<ArchiveOverview> {
    archive.set_keeps_new_links(on)?;
    overview(archive)
}

/// The policy every answer of the copy protocol carries.
fn view_policy() -> String {
    format!("{}; sandbox", crate::archive::snapshot::SNAPSHOT_CSP)
}

/// What the window answers for a request on its copy protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyResponse {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The `Content-Security-Policy`: the snapshot's own (nothing loads but `data:`), and a
    /// sandbox (no scripts, forms, pop-ups or plugins; an origin of its own).
    pub csp: String,
    /// The body.
    pub body: Vec<u8>,
    /// A link the user clicked in the snapshot, for the shell to open in the system browser.
    pub open: Option<String>,
}

impl CopyResponse {
    fn text(status: u16, message: String) -> CopyResponse {
        CopyResponse {
            status,
            content_type: "text/plain; charset=utf-8",
            csp: view_policy(),
            body: message.into_bytes(),
            open: None,
        }
    }
}

/// The answer to `path` (with its query) on the copy protocol: `/snapshot/ID` is the link's
/// snapshot, ready for the sandboxed view; `/open/ID?url=URL` is a link clicked in it, which
/// the shell opens in the system browser while the view shows the snapshot again. Anything
/// else is a 404; never a panic.
pub fn serve_copy(store: &Store, archive: &Archive, path: &str) -> CopyResponse {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (what, id) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let Ok(id) = id.trim_end_matches('/').parse::<i64>().map(PearlId) else {
        return CopyResponse::text(404, format!("no such copy: {path}"));
    };
    let open = match what {
        "snapshot" => None,
        "open" => url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "url")
            .map(|(_, v)| v.into_owned())
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        _ => return CopyResponse::text(404, format!("no such copy: {path}")),
    };
    match archive::snapshot_for_viewing(store, archive, id) {
        Ok(Some(html)) => CopyResponse {
            status: 200,
            content_type: "text/html; charset=utf-8",
            csp: view_policy(),
            body: html.into_bytes(),
            open,
        },
        Ok(None) => CopyResponse::text(404, format!("{id} has no snapshot")),
        Err(e) => CopyResponse::text(404, e.to_string()),
    }
}
