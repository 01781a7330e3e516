//! Sharing a branch, as every shell does it: read a collection (or the whole library), write it
//! in one of the export formats, put the file in place whole or not at all, and report what was
//! written and what the format had no place for. A web page can carry the links' offline copies
//! too ("include offline copies").

use std::path::Path;

use serde::Serialize;

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::formats::export::ExportFormat;
use crate::formats::native::{self, DocumentRef};
use crate::formats::page::{self, PageLanguage};
use crate::formats::tree::{Counts, Credit};
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

/// How an export is written, beyond its format: the page's language, the curator's credit and
/// the offline copies a page carries.
#[derive(Clone, Default)]
pub struct ExportOptions<'a> {
    /// The language of a web page's own words.
    pub lang: PageLanguage,
    /// Who hands the tree on, what it is, its licence: at the top of a page and inside a page
    /// or a native file (an import keeps it). Other formats have no place for it.
    pub credit: Credit,
    /// With an archive (a web page only), the page also carries the readable text of each link
    /// that has an offline copy there ("include offline copies").
    pub copies: Option<&'a Archive>,
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
    let options = ExportOptions {
        lang,
        ..ExportOptions::default()
    };
    export_bytes_with(store, top, format, &options)
}

/// [`export_bytes`] written as `options` say.
///
/// # Errors
/// As [`export_bytes`].
pub fn export_bytes_with(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    options: &ExportOptions<'_>,
) -> Result<(Vec<u8>, Counts, Counts)> {
    let (bytes, exported, left_out, _) = write_bytes(store, top, format, options)?;
    Ok((bytes, exported, left_out))
}

/// [`export_bytes_with`], with how many offline copies the page carries.
fn write_bytes(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    options: &ExportOptions<'_>,
) -> Result<(Vec<u8>, Counts, Counts, usize)> {
    if options.copies.is_some() && format != ExportFormat::Page {
        return Err(Error::Invalid(format!(
            "offline copies can be included in a web page only, not in a {format} file"
        )));
    }
    let tree = store.export_tree(top)?;
    let credit = options.credit.cleaned();
    let mut offline_copies = 0;
    let bytes = match format {
        ExportFormat::Page => {
            let mut page = page::write_credited(&tree, options.lang, &credit)?;
            if let Some(archive) = options.copies {
                offline_copies = insert_copies(&mut page, &tree, options.lang, archive)?;
            }
            page.into_bytes()
        }
        ExportFormat::Native => native::write_document(&DocumentRef::now(&tree, &credit))?,
        ExportFormat::Atom => crate::formats::atom_write::write(&tree, &credit).into_bytes(),
        other => other.write(&tree)?,
    };
    Ok((bytes, tree.count(), format.left_out(&tree), offline_copies))
}

/// Puts the offline copies of `tree`'s links that `archive` holds into `page`, below its tree;
/// how many it put there.
fn insert_copies(
    page: &mut String,
    tree: &crate::formats::tree::Node,
    lang: PageLanguage,
    archive: &Archive,
) -> Result<usize> {
    let heading = match lang {
        PageLanguage::En => "Offline copies",
        PageLanguage::Fr => "Copies hors ligne",
    };
    if let Some((section, n)) = crate::archive::shared_copies_section(archive, tree, heading)?
        && let Some(at) = page.find("</main>")
    {
        page.insert_str(at, &section);
        return Ok(n);
    }
    Ok(0)
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
    let options = ExportOptions {
        lang,
        ..ExportOptions::default()
    };
    export_branch_with(store, top, format, &options, file)
}

/// [`export_branch`] written as `options` say.
///
/// # Errors
/// As [`export_branch`].
pub fn export_branch_with(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    options: &ExportOptions<'_>,
    file: &Path,
) -> Result<ExportReport> {
    if format == ExportFormat::Site {
        return export_site(store, top, options, file);
    }
    let (bytes, exported, left_out, offline_copies) = write_bytes(store, top, format, options)?;
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

/// What the window's Share dialog does: writes `top` as `options` say and remembers the credit
/// for that collection, so the dialog offers it again next time.
///
/// # Errors
/// As [`export_branch_with`].
pub fn share_branch(
    store: &Store,
    top: PearlId,
    format: ExportFormat,
    options: &ExportOptions<'_>,
    file: &Path,
) -> Result<ExportReport> {
    let report = export_branch_with(store, top, format, options, file)?;
    store.remember_share_credit(top, &options.credit)?;
    Ok(report)
}

/// Writes the collection `top` as a static site into the folder `dir` (made if missing): a page
/// per collection at `c/<uuid>.html`, `index.html` and `search.html`. Each file is written
/// whole or not at all.
///
/// # Errors
/// As `Store::export_tree`; [`Error::Io`] if the folder or a file cannot be written.
pub fn export_site(
    store: &Store,
    top: PearlId,
    options: &ExportOptions<'_>,
    dir: &Path,
) -> Result<ExportReport> {
    let tree = store.export_tree(top)?;
    let files = crate::formats::site::write(&tree, &options.credit.cleaned())?;
    let pages = dir.join("c");
    std::fs::create_dir_all(&pages).map_err(|source| Error::Io {
        path: pages.clone(),
        source,
    })?;
    let mut bytes = 0u64;
    for file in &files {
        write_whole(&dir.join(&file.path), file.text.as_bytes())?;
        bytes += u64::try_from(file.text.len()).unwrap_or(u64::MAX);
    }
    Ok(ExportReport {
        format: ExportFormat::Site,
        file: dir.display().to_string(),
        bytes,
        exported: tree.count(),
        left_out: Counts::default(),
        offline_copies: 0,
    })
}

/// The file name to suggest for an export of `name` in `format`: `name` with the format's
/// extension, unless it already has it.
pub fn suggested_file_name(name: &str, format: ExportFormat) -> String {
    let ext = format.extension();
    if ext.is_empty() || name.ends_with(&format!(".{ext}")) {
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
