//! What a library records about its syncing, and what a round reports: the shapes the round,
//! the intake of files and the use cases share.

use std::path::PathBuf;

/// Where a library syncs, as recorded in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// The shared folder.
    pub folder: PathBuf,
    /// This device's id (its files' names start with it).
    pub device_id: String,
    /// This device's name, for people.
    pub device_name: String,
    /// When the last round ran here.
    pub last_round: Option<i64>,
}

/// A file of the folder that was not taken in, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    /// Its name in the folder.
    pub name: String,
    /// The device that wrote it (from its name).
    pub device_id: String,
    /// Why, in words.
    pub reason: String,
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundOutcome {
    /// Pearls of this library written into the document.
    pub published: usize,
    /// Pearls of this library changed by other devices' edits.
    pub received: usize,
    /// The devices whose files were taken in.
    pub from_devices: Vec<String>,
    /// Files that could not be taken in (yet).
    pub skipped: Vec<SkippedFile>,
    /// Why the folder could not be used, if it could not (the edits stay logged).
    pub folder_problem: Option<String>,
}
