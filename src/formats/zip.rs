//! Zip archives that services hand out (Pocket, Omnivore, Matter, Diigo): listing their entries
//! and reading the few a reader needs, within caps, so that a zip bomb is refused with a clear
//! error instead of filling memory.
//!
//! Caps: at most [`MAX_ENTRIES`] entries; at most [`MAX_ENTRY_BYTES`] uncompressed per entry
//! and [`MAX_TOTAL_BYTES`] for everything read from one archive. Sizes are counted while
//! decompressing, never taken from the archive's own (forgeable) headers. macOS's `__MACOSX/`
//! resource entries and folders are not listed.

use std::io::{Cursor, Read};

use super::common::bad_file;
use crate::error::{Error, Result};

/// The magic at the start of a zip file.
pub(crate) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The most entries an archive may list.
pub(crate) const MAX_ENTRIES: usize = 100_000;
/// The most bytes one entry may decompress to (512 MiB).
pub(crate) const MAX_ENTRY_BYTES: u64 = 512 << 20;
/// The most bytes all the entries read from one archive may decompress to (1 GiB).
pub(crate) const MAX_TOTAL_BYTES: u64 = 1 << 30;

/// An open archive and what has been read from it so far.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The file's name, for errors.
    name: String,
    /// The entries' names, in the archive's order.
    names: Vec<String>,
    read_so_far: u64,
}

impl<'a> Archive<'a> {
    /// Opens the zip archive `bytes`.
    ///
    /// # Errors
    /// [`Error::BadBookmarkFile`] when it is not a readable zip archive or lists more than
    /// [`MAX_ENTRIES`] entries.
    pub(crate) fn open(bytes: &'a [u8], name: &str) -> Result<Archive<'a>> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad_file(name, format!("it is a damaged zip archive: {e}")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(bad_file(
                name,
                format!(
                    "it is a zip archive of {} entries, more than the {MAX_ENTRIES} Nacre reads: \
                     it is not a service's export",
                    zip.len()
                ),
            ));
        }
        let names = zip
            .file_names()
            .filter_map(std::result::Result::ok)
            .filter(|n| !n.ends_with('/') && !n.starts_with("__MACOSX/") && !n.contains("/._"))
            .map(std::borrow::Cow::into_owned)
            .collect();
        Ok(Archive {
            zip,
            name: name.to_owned(),
            names,
            read_so_far: 0,
        })
    }

    /// The entries' names (files only, `__MACOSX/` left out), in the archive's order.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The file's name, for errors.
    pub(crate) fn file_name(&self) -> &str {
        &self.name
    }

    /// The decompressed bytes of the entry `entry`.
    ///
    /// # Errors
    /// [`Error::BadBookmarkFile`] when the entry is missing, damaged, encrypted, or would
    /// decompress past the caps (a zip bomb).
    pub(crate) fn read(&mut self, entry: &str) -> Result<Vec<u8>> {
        let name = self.name.clone();
        let bad = |what: String| bad_file(&name, what);
        let file = self
            .zip
            .by_name(entry)
            .map_err(|e| bad(format!("its entry {entry:?} cannot be read: {e}")))?;
        let left = MAX_TOTAL_BYTES.saturating_sub(self.read_so_far);
        let cap = MAX_ENTRY_BYTES.min(left);
        let mut out = Vec::with_capacity(usize::try_from(file.size().min(cap)).unwrap_or(0));
        let read = file
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| bad(format!("its entry {entry:?} is damaged: {e}")))?;
        if read as u64 > cap {
            return Err(bomb(&name, entry, cap));
        }
        self.read_so_far += read as u64;
        Ok(out)
    }
}

fn bomb(name: &str, entry: &str, cap: u64) -> Error {
    bad_file(
        name,
        format!(
            "its entry {entry:?} decompresses to more than {} MiB: the archive looks like a zip \
             bomb and is refused",
            cap >> 20
        ),
    )
}

/// The last part of an entry's name (`annotations/part_000000.json` → `part_000000.json`).
pub(crate) fn base_name(entry: &str) -> &str {
    entry.rsplit('/').next().unwrap_or(entry)
}
