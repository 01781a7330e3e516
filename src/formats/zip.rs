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

/// The limits an archive is read within.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caps {
    /// The most entries it may list.
    pub(crate) entries: usize,
    /// The most bytes one entry may decompress to.
    pub(crate) entry_bytes: u64,
    /// The most bytes everything read from it may decompress to.
    pub(crate) total_bytes: u64,
}

impl Default for Caps {
    fn default() -> Caps {
        Caps {
            entries: MAX_ENTRIES,
            entry_bytes: MAX_ENTRY_BYTES,
            total_bytes: MAX_TOTAL_BYTES,
        }
    }
}

/// An open archive and what has been read from it so far.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    caps: Caps,
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
        Archive::open_with(bytes, name, Caps::default())
    }

    /// [`Archive::open`] within other caps.
    ///
    /// # Errors
    /// As [`Archive::open`].
    pub(crate) fn open_with(bytes: &'a [u8], name: &str, caps: Caps) -> Result<Archive<'a>> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad_file(name, format!("it is a damaged zip archive: {e}")))?;
        if zip.len() > caps.entries {
            return Err(bad_file(
                name,
                format!(
                    "it is a zip archive of {} entries, more than the {} Nacre reads: it is not a \
                     service's export",
                    zip.len(),
                    caps.entries
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
            caps,
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
        let left = self.caps.total_bytes.saturating_sub(self.read_so_far);
        let cap = self.caps.entry_bytes.min(left);
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
            "its entry {entry:?} decompresses to more than {cap} bytes ({} MiB): the archive \
             looks like a zip bomb and is refused",
            cap >> 20
        ),
    )
}

/// The last part of an entry's name (`annotations/part_000000.json` → `part_000000.json`).
pub(crate) fn base_name(entry: &str) -> &str {
    entry.rsplit('/').next().unwrap_or(entry)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const SMALL: Caps = Caps {
        entries: 3,
        entry_bytes: 1 << 20,
        total_bytes: 3 << 19,
    };

    #[test]
    fn an_entry_that_decompresses_past_its_cap_is_refused_as_a_bomb() {
        let zeros = vec![0u8; 2 << 20];
        let bytes = zip_of(&[("part_000000.csv", &zeros)]);
        assert!(bytes.len() < 20_000, "two MiB of zeros squeeze small");
        let mut archive = Archive::open_with(&bytes, "bomb.zip", SMALL).unwrap();
        let message = archive.read("part_000000.csv").unwrap_err().to_string();
        assert!(
            message.contains("bomb.zip") && message.contains("zip bomb"),
            "{message}"
        );
    }

    #[test]
    fn the_caps_hold_across_entries_and_on_the_entry_count() {
        let half = vec![b'a'; 1 << 20];
        let bytes = zip_of(&[("a.csv", &half), ("b.csv", &half)]);
        let mut archive = Archive::open_with(&bytes, "two.zip", SMALL).unwrap();
        assert_eq!(archive.read("a.csv").unwrap().len(), 1 << 20);
        assert!(
            archive.read("b.csv").is_err(),
            "the second MiB passes the 1.5 MiB total"
        );
        let many = zip_of(&[("1", b"x"), ("2", b"x"), ("3", b"x"), ("4", b"x")]);
        let message = Archive::open_with(&many, "many.zip", SMALL)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("4 entries"), "{message}");
        let mac = zip_of(&[("__MACOSX/._a.csv", b"x"), ("a.csv", b"x"), ("dir/", b"")]);
        let archive = Archive::open(&mac, "mac.zip").unwrap();
        assert_eq!(
            archive.names(),
            ["a.csv"],
            "resource forks and folders are not listed"
        );
    }
}
