//! Sharing a branch as a file, as one step: read the collection, write it in the chosen
//! format (the web page in the chosen language), and put the file in place whole or not at
//! all. The window's Share dialog and any other shell call this.

use std::path::Path;

use crate::error::Result;
use crate::formats::export::ExportFormat;
use crate::formats::page::{self, PageLanguage};
use crate::model::PearlId;
use crate::store::Store;
use crate::store::window_io::{ExportDone, write_whole};

/// Writes the collection `id` and everything below it to `path` in `format`; a web page
/// speaks `lang`. Nothing is left at `path` if writing fails.
///
/// # Errors
/// [`crate::Error::PearlNotFound`], [`crate::Error::Io`] when the file cannot be written,
/// [`crate::Error::Invalid`] when `path` names no file.
pub fn share_branch(
    store: &Store,
    id: PearlId,
    format: ExportFormat,
    lang: PageLanguage,
    path: &Path,
) -> Result<ExportDone> {
    let tree = store.export_tree(id)?;
    let bytes = match format {
        ExportFormat::Page => page::write_in(&tree, lang)?.into_bytes(),
        other => other.write(&tree)?,
    };
    write_whole(path, &bytes)?;
    Ok(ExportDone {
        path: path.display().to_string(),
        bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        left_out: format.left_out(&tree),
    })
}
