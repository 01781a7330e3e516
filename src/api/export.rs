//! Sharing a branch, as every shell does it: read a collection (or the whole library), write it
//! in one of the export formats, put the file in place whole or not at all, and report what was
//! written and what the format had no place for. A web page can carry the links' offline copies
//! too ("include offline copies").

use std::path::Path;

use serde::Serialize;

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::formats::export::ExportFormat;
use crate::formats::page::{self, PageLanguage};
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
    /// Links whose offline copy (readable text) the page carries ("include offline copies").
    pub offline_copies: usize,
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
    export_bytes_in(store, top, format, PageLanguage::En)
}

/// [`export_bytes`], a web page speaking `lang` (its own words and `<html lang>`; the tree's
/// titles and notes are never translated).
///
/// # Errors
/// As [`export_bytes`].
pub fn export_bytes_in(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
) -> Result<(Vec<u8>, Counts, Counts)> {
    let tree = store.export_tree(top)?;
    let bytes = match format {
        ExportFormat::Page => page::write_in(&tree, lang)?.into_bytes(),
        other => other.write(&tree)?,
    };
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
    export_branch_in(store, top, format, PageLanguage::En, file)
}

/// [`export_branch`], a web page speaking `lang`: what the window's Share dialog writes.
///
/// # Errors
/// As [`export_branch`].
pub fn export_branch_in(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
    file: &Path,
) -> Result<ExportReport> {
    export_branch_with(store, top, format, lang, None, file)
}

/// [`export_branch_in`]; with `copies` (a web page only), the page also carries the readable
/// text of each link that has an offline copy in that archive ("include offline copies").
///
/// # Errors
/// As [`export_branch`], and [`Error::Invalid`] when `copies` is asked for another format.
pub fn export_branch_with(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
    copies: Option<&Archive>,
    file: &Path,
) -> Result<ExportReport> {
    let (bytes, exported, left_out, offline_copies) = match copies {
        None => {
            let (bytes, exported, left_out) = export_bytes_in(store, top, format, lang)?;
            (bytes, exported, left_out, 0)
        }
        Some(archive) => page_with_copies(store, top, format, lang, archive)?,
    };
    write_whole(file, &bytes)?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    Ok(ExportReport {
        format,
        file: file.display().to_string(),
        bytes: size,
        exported,
        left_out,
        offline_copies,
    })
}

/// The page of `top` with its links' offline copies below its tree, and how many it carries.
fn page_with_copies(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
    archive: &Archive,
) -> Result<(Vec<u8>, Counts, Counts, usize)> {
    if format != ExportFormat::Page {
        return Err(Error::Invalid(format!(
            "offline copies can be included in a web page only, not in a {format} file"
        )));
    }
    let tree = store.export_tree(top)?;
    let mut page = page::write_in(&tree, lang)?;
    let heading = match lang {
        PageLanguage::En => "Offline copies",
        PageLanguage::Fr => "Copies hors ligne",
    };
    let mut count = 0;
    if let Some((section, n)) = crate::archive::shared_copies_section(archive, &tree, heading)?
        && let Some(at) = page.find("</main>")
    {
        page.insert_str(at, &section);
        count = n;
    }
    Ok((
        page.into_bytes(),
        tree.count(),
        format.left_out(&tree),
        count,
    ))
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
