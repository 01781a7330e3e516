//! Automatic backups of the library file, with SQLite's online backup API (safe while the
//! window or the tool is writing), rotated so that one a day is kept for a week.
//!
//! Backups live in a `backups/` folder beside the library, named `<library>-<YYYY-MM-DD>.sqlite`.
//! Restoring one first backs up the current state as `<library>-before-restore-<time>.sqlite`,
//! so a restore never loses anything either.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::Serialize;

use super::{Store, schema};
use crate::error::{Error, Result};

/// How many daily backups are kept.
pub const KEEP_DAILY: usize = 7;
/// How many "before restore" backups are kept.
pub const KEEP_BEFORE_RESTORE: usize = 3;

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// Its file name, which is how it is named to restore it.
    pub name: String,
    /// Its full path.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

impl Store {
    /// The folder backups go to.
    pub fn backup_dir(&self) -> PathBuf {
        self.path()
            .parent()
            .unwrap_or(Path::new("."))
            .join("backups")
    }

    fn stem(&self) -> String {
        self.path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "library".to_owned())
    }

    /// Makes today's backup now (replacing an earlier one of today) and drops old ones.
    ///
    /// # Errors
    /// [`Error::Io`] when the backup folder cannot be written; [`Error::Sqlite`].
    pub fn backup_now(&self) -> Result<BackupInfo> {
        let name = format!("{}-{}.sqlite", self.stem(), today());
        let info = self.backup_to(&name)?;
        self.rotate(&format!("{}-2", self.stem()), KEEP_DAILY)?;
        Ok(info)
    }

    /// Makes today's backup if there is none yet; `None` if there already was one.
    ///
    /// # Errors
    /// As [`Store::backup_now`].
    pub fn backup_if_due(&self) -> Result<Option<BackupInfo>> {
        let name = format!("{}-{}.sqlite", self.stem(), today());
        if self.backup_dir().join(name).exists() {
            return Ok(None);
        }
        self.backup_now().map(Some)
    }

    /// The backups of this library, newest first.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder exists but cannot be read.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        let dir = self.backup_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let prefix = format!("{}-", self.stem());
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && name.ends_with(".sqlite") {
                let bytes = entry.metadata().map_err(io(&entry.path()))?.len();
                found.push(BackupInfo {
                    name,
                    path: entry.path(),
                    bytes,
                });
            }
        }
        found.sort_by(|a, b| b.name.cmp(&a.name));
        Ok(found)
    }

    /// Replaces the library's contents with the backup named `name`, after backing up the
    /// current state. Returns that safety backup.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an unknown name; [`Error::NotALibrary`] or
    /// [`Error::LibraryTooNew`] if the backup file is not one this version can open (then
    /// nothing changes).
    pub fn restore_backup(&self, name: &str) -> Result<BackupInfo> {
        let backup = self
            .backups()?
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "no backup named {name:?} in {}",
                    self.backup_dir().display()
                ))
            })?;
        check_backup(&backup.path)?;
        let safety = self.backup_to(&self.unused_name("before-restore")?)?;
        self.rotate(
            &format!("{}-before-restore-", self.stem()),
            KEEP_BEFORE_RESTORE,
        )?;
        let mut conn = self.conn();
        conn.restore(
            MAIN_DB,
            &backup.path,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        // A backup from an older version is brought up to date like any library.
        schema::migrate(&mut conn, self.path())?;
        Ok(safety)
    }

    fn backup_to(&self, name: &str) -> Result<BackupInfo> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join(name);
        // Each process writes its own partial file, so two making the day's backup at once
        // never write into one file.
        let partial = dir.join(format!("{name}.{}.partial", std::process::id()));
        // A leftover from an interrupted backup would be appended to; start clean.
        if partial.exists() {
            std::fs::remove_file(&partial).map_err(io(&partial))?;
        }
        self.conn()
            .backup(MAIN_DB, &partial, None::<fn(rusqlite::backup::Progress)>)?;
        std::fs::rename(&partial, &path).map_err(io(&path))?;
        let bytes = std::fs::metadata(&path).map_err(io(&path))?.len();
        Ok(BackupInfo {
            name: name.to_owned(),
            path,
            bytes,
        })
    }

    /// A backup name with `label` and the current time that no backup has yet.
    fn unused_name(&self, label: &str) -> Result<String> {
        let now = time::OffsetDateTime::now_utc();
        let stamp = format!(
            "{:04}-{:02}-{:02}T{:02}{:02}{:02}",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        );
        let taken: Vec<String> = self.backups()?.into_iter().map(|b| b.name).collect();
        let mut name = format!("{}-{label}-{stamp}.sqlite", self.stem());
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{}-{label}-{stamp}-{n}.sqlite", self.stem());
            n += 1;
        }
        Ok(name)
    }

    /// Keeps the newest `keep` backups whose names start with `prefix`.
    fn rotate(&self, prefix: &str, keep: usize) -> Result<()> {
        for old in self
            .backups()?
            .into_iter()
            .filter(|b| b.name.starts_with(prefix))
            .skip(keep)
        {
            std::fs::remove_file(&old.path).map_err(io(&old.path))?;
        }
        Ok(())
    }
}

/// Checks that a backup file is a Nacre library this version can open, without changing it.
fn check_backup(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let not_a_library = |reason: &str| Error::NotALibrary {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_a_library("it is not an SQLite database"))?;
    if app_id != schema::APPLICATION_ID {
        return Err(not_a_library("it has no Nacre mark"));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > schema::latest_version() {
        return Err(Error::LibraryTooNew {
            path: path.to_owned(),
            found: version,
            known: schema::latest_version(),
        });
    }
    Ok(())
}
