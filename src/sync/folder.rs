//! The shared folder: which files are whose, and writing this device's own files safely.
//!
//! Each device writes only files whose names start with its own device id:
//! `DEVICE.snapshot.nacresync` (the whole document, after a compaction) and
//! `DEVICE.MILLIS.nacresync` (the updates of one round, named by when it was written, so that a
//! library restored from a backup never writes over a file it wrote before). A file is written under a hidden
//! temporary name and renamed into place, so no reader and no sync service ever sees half of it
//! under its real name. No file is ever written by two devices, so a sync service never makes a
//! "conflicted copy".

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How every sync file's name ends.
pub const EXTENSION: &str = "nacresync";

/// A sync file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    /// Its name in the folder.
    pub name: String,
    /// The device id its name starts with.
    pub device_id: String,
    /// Whether it is a snapshot.
    pub snapshot: bool,
}

/// The name of this device's snapshot.
pub fn snapshot_name(device_id: &str) -> String {
    format!("{device_id}.snapshot.{EXTENSION}")
}

/// The name of this device's update file written at `millis`.
pub fn update_name(device_id: &str, millis: i64) -> String {
    format!("{device_id}.{millis:013}.{EXTENSION}")
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// The sync files in `folder`, by name. Hidden files (temporary names) and other files are left
/// out.
///
/// # Errors
/// [`Error::Io`] when the folder cannot be read (unmounted, removed).
pub fn list(folder: &Path) -> Result<Vec<FolderFile>> {
    let entries = std::fs::read_dir(folder).map_err(|e| io(folder, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io(folder, e))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Some(stem) = name.strip_suffix(&format!(".{EXTENSION}")) else {
            continue;
        };
        let Some((device_id, rest)) = stem.split_once('.') else {
            continue;
        };
        let snapshot = rest == "snapshot";
        let numbered = (1..=20).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit());
        if !snapshot && !numbered {
            continue;
        }
        files.push(FolderFile {
            device_id: device_id.to_owned(),
            name,
            snapshot,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Writes `bytes` as `folder/name`: to a hidden temporary file first, flushed to disk, then
/// renamed over the real name.
///
/// # Errors
/// [`Error::Io`] when the folder cannot be written.
pub fn write_atomically(folder: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let temp = folder.join(format!(".{name}.tmp"));
    let target = folder.join(name);
    let mut file = std::fs::File::create(&temp).map_err(|e| io(&temp, e))?;
    file.write_all(bytes).map_err(|e| io(&temp, e))?;
    file.sync_all().map_err(|e| io(&temp, e))?;
    drop(file);
    std::fs::rename(&temp, &target).map_err(|e| io(&target, e))?;
    Ok(())
}

/// Removes this device's update files, once a snapshot holds all they said.
///
/// # Errors
/// [`Error::Io`] when the folder cannot be read.
pub fn remove_updates_of(folder: &Path, device_id: &str) -> Result<()> {
    for file in list(folder)? {
        if file.device_id == device_id && !file.snapshot {
            let path: PathBuf = folder.join(&file.name);
            // Already gone is as good as removed.
            if let Err(e) = std::fs::remove_file(&path)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                return Err(io(&path, e));
            }
        }
    }
    Ok(())
}
