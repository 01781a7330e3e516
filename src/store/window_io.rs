//! What the window's import, export and fetch screens ask of the library beyond the general
//! API: the shapes that cross to the window (an import's preview with its default title, the
//! progress of an import, an export's result, a pearl's stored favicon as a data URL, what a
//! link's page said), the favicons of many pearls in one read, and writing an exported file
//! whole or not at all.

use std::path::Path;

use base64::Engine as _;
use rusqlite::params_from_iter;
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};
use crate::formats::preview::{Preview, preview};
use crate::formats::tree::{Counts, ImportedTree};
use crate::model::{PageDetails, PearlId};
use crate::store::Outcome;

/// What the window shows before an import is committed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportPreview {
    /// The file read (or the browser profile's file).
    pub file: String,
    /// The title the new collection gets unless the user types another.
    pub title: String,
    /// The tree of collections with counts.
    pub preview: Preview,
}

impl ImportPreview {
    /// The preview of `tree`, read from `file`, with the default title: the source's name and
    /// today's date ("Firefox bookmarks, 1 Dec 2026").
    pub fn of(file: &Path, tree: &ImportedTree) -> ImportPreview {
        let today = time::OffsetDateTime::now_utc().date();
        ImportPreview {
            file: file.display().to_string(),
            title: crate::formats::source_name::import_title(&tree.source, today),
            preview: preview(tree),
        }
    }
}

/// Where a long import stands, as the window's progress bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportProgress {
    /// "read" while the file is read, "add" while the pearls go into the library.
    pub phase: String,
    /// Units done (bytes read, or pearls added).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    /// Units in all.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportDone {
    /// The file written.
    pub path: String,
    /// Its size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// Pearls the format has no place for, left out of the file
    /// ([`crate::formats::export::ExportFormat::left_out`]).
    pub left_out: Counts,
}

/// What the window shows of a link's page: the details last fetched (or imported), how that
/// fetch went, and where the link has moved for good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PageInfo {
    /// Title, description, site name, final URL, status, when, what failed.
    pub details: PageDetails,
    /// How the last fetch went; `None` for details that only came from an import.
    pub outcome: Option<Outcome>,
    /// Where the link has moved for good, if it has.
    pub moved_to: Option<String>,
}

/// A pearl's stored favicon, ready for an `<img src>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PearlFavicon {
    /// The link pearl.
    pub pearl: PearlId,
    /// The icon as a `data:` URL.
    pub data_url: String,
}

/// Image types a favicon may be shown as (anything else is left out rather than trusted).
const SHOWN_MIMES: [&str; 7] = [
    "image/png",
    "image/x-icon",
    "image/vnd.microsoft.icon",
    "image/gif",
    "image/jpeg",
    "image/webp",
    "image/svg+xml",
];

impl Store {
    /// What the library holds about the page of the pearl `id`; `None` if nothing was fetched
    /// or imported for it.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`].
    pub fn page_info(&self, id: PearlId) -> Result<Option<PageInfo>> {
        Ok(self.page_details(id)?.map(|stored| PageInfo {
            details: stored.details,
            outcome: stored.outcome,
            moved_to: stored.moved_to,
        }))
    }

    /// The stored favicons of the pearls `ids` that have one, as data URLs, in one read.
    /// Pearls without a favicon (or with one of an unknown image type) are left out.
    ///
    /// # Errors
    /// [`Error::Sqlite`] if the library cannot be read.
    pub fn favicons_of(&self, ids: &[PearlId]) -> Result<Vec<PearlFavicon>> {
        let mut out = Vec::new();
        self.read(|conn| {
            for chunk in ids.chunks(500) {
                let marks = vec!["?"; chunk.len()].join(",");
                let mut stmt = conn.prepare(&format!(
                    "SELECT d.pearl_id, f.mime, f.data FROM page_details d \
                     JOIN favicons f ON f.id = d.favicon_id WHERE d.pearl_id IN ({marks})"
                ))?;
                let rows = stmt.query_map(params_from_iter(chunk.iter().map(|id| id.0)), |r| {
                    Ok((
                        PearlId(r.get(0)?),
                        r.get::<_, String>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                    ))
                })?;
                for row in rows {
                    let (pearl, mime, data) = row?;
                    let mime = mime.trim().to_ascii_lowercase();
                    if data.is_empty() || !SHOWN_MIMES.contains(&mime.as_str()) {
                        continue;
                    }
                    let b64 = base64::engine::general_purpose::STANDARD.encode(&data);
                    out.push(PearlFavicon {
                        pearl,
                        data_url: format!("data:{mime};base64,{b64}"),
                    });
                }
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over it, so an interrupted export never leaves half a file under the chosen name.
///
/// # Errors
/// [`Error::Invalid`] if `path` names no file; [`Error::Io`] if it cannot be written.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{} is not a file name", path.display())))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(".part");
    let temp = path.with_file_name(temp_name);
    std::fs::write(&temp, bytes).map_err(io)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io(e)
    })
}
