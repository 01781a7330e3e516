//! Syncing one library through a folder, as every shell offers it: join a folder, run one
//! round, say how things stand (devices, last seen, what is waiting), leave; and the values
//! that lost to a concurrent edit on another device ("also: … from laptop"), until dismissed.

use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::model::{Millis, PearlId};
use crate::store::Store;
use crate::sync::{RoundOutcome, SkippedFile};

/// A file of the folder not taken in (yet), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WaitingFile {
    /// Its name in the folder.
    pub name: String,
    /// The device that wrote it.
    pub device_id: String,
    /// Why it was not taken in, in words ("incomplete (still arriving?), skipped").
    pub reason: String,
}

impl From<SkippedFile> for WaitingFile {
    fn from(f: SkippedFile) -> Self {
        WaitingFile {
            name: f.name,
            device_id: f.device_id,
            reason: f.reason,
        }
    }
}

/// What one round did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncReport {
    /// Pearls of this library written out for the other devices.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub published: usize,
    /// Pearls of this library changed by the other devices' edits.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub received: usize,
    /// The devices whose files were taken in.
    pub from_devices: Vec<String>,
    /// Files that could not be taken in (yet).
    pub skipped: Vec<WaitingFile>,
    /// Why the folder could not be used, if it could not (edits stay here until it is back).
    pub folder_problem: Option<String>,
}

impl From<RoundOutcome> for SyncReport {
    fn from(o: RoundOutcome) -> Self {
        SyncReport {
            published: o.published,
            received: o.received,
            from_devices: o.from_devices,
            skipped: o.skipped.into_iter().map(WaitingFile::from).collect(),
            folder_problem: o.folder_problem,
        }
    }
}

/// Another device met in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncDevice {
    /// Its id (its files' names start with it).
    pub device_id: String,
    /// Its name ("laptop").
    pub name: String,
    /// When it last wrote to the folder.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub last_seen: Millis,
}

/// How syncing stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncStatus {
    /// Whether this library syncs at all.
    pub syncing: bool,
    /// The shared folder.
    pub folder: Option<String>,
    /// This device's id and name.
    pub device_id: Option<String>,
    /// See `device_id`.
    pub device_name: Option<String>,
    /// When the last round ran here.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub last_round: Option<Millis>,
    /// Why the folder cannot be read now (unmounted, removed), if it cannot.
    pub folder_problem: Option<String>,
    /// The other devices met in the folder.
    pub devices: Vec<SyncDevice>,
    /// Pearls changed here since the last round.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending_changes: usize,
    /// Other devices' files not taken in yet, and why.
    pub waiting_files: Vec<WaitingFile>,
}

/// A value that lost to a concurrent edit of the same field on another device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AlsoValue {
    /// `title`, `note` or `url`.
    pub field: String,
    /// The value that lost.
    pub value: String,
    /// The device it was typed on.
    pub device: String,
    /// When it was typed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub at: Millis,
}

/// This computer's name, the default name of a device: the host name.
pub fn default_device_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this computer".to_owned())
}

/// Joins the library to `folder` (named `device_name`, or after this computer) and runs the
/// first round. A folder typed as `~/…` is in the home folder (a window has no shell to
/// expand it).
///
/// # Errors
/// As [`Store::sync_init`].
pub fn init(store: &Store, folder: &Path, device_name: Option<&str>) -> Result<SyncReport> {
    let name = device_name.map_or_else(default_device_name, str::to_owned);
    let folder = in_home(folder, dirs::home_dir().as_deref());
    Ok(store.sync_init(&folder, &name)?.into())
}

/// `~` or `~/rest` as a path in `home`; any other path as it is.
fn in_home(path: &Path, home: Option<&Path>) -> std::path::PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_owned(),
    }
}

/// Runs one round.
///
/// # Errors
/// As [`Store::sync_round`].
pub fn run(store: &Store) -> Result<SyncReport> {
    Ok(store.sync_round()?.into())
}

/// How syncing stands (reads the folder, changes nothing).
///
/// # Errors
/// [`crate::error::Error::Sqlite`] only; a folder that cannot be read is told in the status.
pub fn status(store: &Store) -> Result<SyncStatus> {
    let Some(config) = store.sync_config()? else {
        return Ok(SyncStatus {
            syncing: false,
            folder: None,
            device_id: None,
            device_name: None,
            last_round: None,
            folder_problem: None,
            devices: Vec::new(),
            pending_changes: 0,
            waiting_files: Vec::new(),
        });
    };
    let (waiting_files, folder_problem) = match store.sync_waiting_files() {
        Ok(files) => (files.into_iter().map(WaitingFile::from).collect(), None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    Ok(SyncStatus {
        syncing: true,
        folder: Some(config.folder.to_string_lossy().into_owned()),
        device_id: Some(config.device_id),
        device_name: Some(config.device_name),
        last_round: config.last_round,
        folder_problem,
        devices: store
            .sync_devices()?
            .into_iter()
            .map(|(device_id, name, last_seen)| SyncDevice {
                device_id,
                name,
                last_seen,
            })
            .collect(),
        pending_changes: store.sync_pending_changes()?,
        waiting_files,
    })
}

/// Stops syncing; returns the folder it synced through.
///
/// # Errors
/// As [`Store::sync_leave`].
pub fn leave(store: &Store) -> Result<String> {
    Ok(store.sync_leave()?.folder.to_string_lossy().into_owned())
}

/// The values of a pearl that lost to concurrent edits on other devices.
///
/// # Errors
/// [`crate::error::Error::Sqlite`] only.
pub fn also_values(store: &Store, pearl: PearlId) -> Result<Vec<AlsoValue>> {
    Ok(store
        .sync_also_values(pearl)?
        .into_iter()
        .map(|(field, value, device, at)| AlsoValue {
            field,
            value,
            device,
            at,
        })
        .collect())
}

/// Dismisses the values of `field` of a pearl that lost (on every device, at the next round).
///
/// # Errors
/// [`crate::error::Error::Sqlite`] only.
pub fn dismiss_also(store: &Store, pearl: PearlId, field: &str) -> Result<usize> {
    store.sync_dismiss_also(pearl, field)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::in_home;

    #[test]
    fn a_folder_typed_from_home_is_found_there() {
        let home = Path::new("/home/ada");
        assert_eq!(
            in_home(Path::new("~/Sync/nacre"), Some(home)),
            home.join("Sync/nacre")
        );
        assert_eq!(in_home(Path::new("~"), Some(home)), home);
        assert_eq!(
            in_home(Path::new("/media/usb"), Some(home)),
            Path::new("/media/usb")
        );
        assert_eq!(
            in_home(Path::new("~bob/x"), Some(home)),
            Path::new("~bob/x"),
            "another user's home is not guessed"
        );
        assert_eq!(in_home(Path::new("~/x"), None), Path::new("~/x"));
    }
}
