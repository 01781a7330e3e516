//! Sharing a branch, as every shell does it: read a collection (or the whole library), write it
//! in one of the export formats, put the file in place whole or not at all, and report what was
//! written and what the format had no place for.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::formats::export::ExportFormat;
use crate::formats::tree::Counts;
use crate::model::PearlId;
use crate::store::Store;

/// What an export wrote: the same report in the window's notice and the tool's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportReport {
    /// The format written.
    pub format: ExportFormat,
    /// The file written.
    pub file: String,
    /// Its size.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// What it holds, by kind.
    pub exported: Counts,
    /// Pearls the format has no place for, left out of the file
    /// ([`ExportFormat::left_out`]).
    pub left_out: Counts,
}

/// The collection `top` (and everything below it) in `format`, as bytes, with the counts of what
/// they hold and of what the format left out.
///
/// # Errors
/// As `Store::export_tree` and [`ExportFormat::write`].
pub fn export_bytes(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
) -> Result<(Vec<u8>, Counts, Counts)> {
    let tree = store.export_tree(top)?;
    let bytes = format.write(&tree)?;
    Ok((bytes, tree.count(), format.left_out(&tree)))
}

/// Writes the collection `top` to `file` in `format`, whole or not at all.
///
/// # Errors
/// As [`export_bytes`] and [`write_whole`].
pub fn export_branch(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    file: &Path,
) -> Result<ExportReport> {
    let (bytes, exported, left_out) = export_bytes(store, top, format)?;
    write_whole(file, &bytes)?;
    Ok(ExportReport {
        format,
        file: file.display().to_string(),
        bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        exported,
        left_out,
    })
}

/// The file name to suggest for an export of `name` in `format`: `name` with the format's
/// extension, unless it already has it.
pub fn suggested_file_name(name: &str, format: ExportFormat) -> String {
    let ext = format.extension();
    if name.ends_with(&format!(".{ext}")) {
        name.to_owned()
    } else {
        format!("{name}.{ext}")
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
