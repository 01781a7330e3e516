//! One sync round, and joining and leaving a folder.
//!
//! A round, in one write transaction of the library: load the library's copy of the document
//! (with a fresh peer id), write the logged changes into it, take in the other devices' new
//! files, write what changed into the library (one history entry "Synced N changes from
//! DEVICE", not undoable), store the document. Then, outside the transaction, this device's new
//! updates go to the folder as one new file of its own (compacted into a snapshot now and
//! then). A folder that is missing only stops the exchange: edits go on being logged.

use std::path::{Path, PathBuf};

use loro::{ExportMode, VersionVector};
use rusqlite::{Connection, OptionalExtension, params};

use super::apply::apply_nodes;
use super::changes::{ChangedNodes, all_nodes};
use super::doc::{SyncDoc, loro_error};
use super::file_format::{self, FileMeta};
use super::folder;
use super::intake::{map_known_pearls, read_files, was_seen};
pub use super::outcome::{RoundOutcome, SkippedFile, SyncConfig};
use super::publish::{Writer, publish_logged};
use crate::error::{Error, Result};
use crate::model::now_millis;
use crate::store::Store;

/// How many update files a device writes before it compacts them into one snapshot.
const UPDATES_BEFORE_SNAPSHOT: i64 = 16;

/// The library's sync settings, `None` if it does not sync.
pub(crate) fn config(conn: &Connection) -> Result<Option<SyncConfig>> {
    Ok(conn
        .query_row(
            "SELECT folder, device_id, device_name, last_round FROM sync_config",
            [],
            |r| {
                Ok(SyncConfig {
                    folder: PathBuf::from(r.get::<_, String>(0)?),
                    device_id: r.get(1)?,
                    device_name: r.get(2)?,
                    last_round: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn not_syncing() -> Error {
    Error::Invalid(
        "this library does not sync; join a folder first (nacre sync init FOLDER)".to_owned(),
    )
}

impl Store {
    /// Joins this library to `folder`: an empty one, or one holding other devices' files (then
    /// the library takes in theirs and adds its own: a library that joins merges, it never
    /// replaces). Runs the first round.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the library already syncs or `folder` is not a folder;
    /// [`Error::Sqlite`] otherwise.
    pub fn sync_init(&self, folder: &Path, device_name: &str) -> Result<RoundOutcome> {
        if !folder.is_dir() {
            return Err(Error::Invalid(format!(
                "{} is not a folder (make it, or choose the folder your sync service shares)",
                folder.display()
            )));
        }
        let folder = std::fs::canonicalize(folder).map_err(|source| Error::Io {
            path: folder.to_owned(),
            source,
        })?;
        let name = device_name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::Invalid(
                "a device name has 1 to 100 characters".to_owned(),
            ));
        }
        self.write(|tx| {
            if let Some(c) = config(tx)? {
                return Err(Error::Invalid(format!(
                    "this library already syncs through {}; leave it first (nacre sync leave)",
                    c.folder.display()
                )));
            }
            for table in [
                "sync_changes",
                "sync_doc_parts",
                "sync_nodes",
                "sync_files_seen",
                "sync_devices",
                "sync_conflicts",
            ] {
                tx.execute(&format!("DELETE FROM {table}"), [])?;
            }
            let device_id = uuid::Uuid::new_v4().simple().to_string()[..16].to_owned();
            tx.execute(
                "INSERT INTO sync_config (one, folder, device_id, device_name, joined_at)
                 VALUES (1, ?1, ?2, ?3, ?4)",
                params![folder.to_string_lossy(), device_id, name, now_millis()],
            )?;
            // Everything in the tree and the trash is this device's to publish.
            tx.execute(
                "INSERT OR IGNORE INTO sync_changes (uuid)
                 SELECT uuid FROM pearls WHERE uuid IS NOT NULL AND role IS NULL AND parent_id != ?1",
                [self.limbo_id().0],
            )?;
            Ok(())
        })?;
        self.sync_round_with(true)
    }

    /// Runs one sync round: publishes this device's changes, takes in the other devices'.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the library does not sync; [`Error::Sqlite`] otherwise. A folder
    /// that cannot be read or written is no error: the outcome says so.
    pub fn sync_round(&self) -> Result<RoundOutcome> {
        self.sync_round_with(false)
    }

    fn sync_round_with(&self, joining: bool) -> Result<RoundOutcome> {
        let now = now_millis();
        let (outcome, config, doc_export, doc) = self.write(|tx| {
            let config = config(tx)?.ok_or_else(not_syncing)?;
            let mut timing = Timing::start();
            let mut doc = SyncDoc::load(self, tx)?;
            timing.mark("load");
            let mut outcome = RoundOutcome::default();
            let files = match folder::list(&config.folder) {
                Ok(files) => files,
                Err(e) => {
                    outcome.folder_problem = Some(e.to_string());
                    Vec::new()
                }
            };
            let mut others_first = false;
            if joining {
                // Take in the others first, so that pearls both have (one library copied to
                // two computers) map to the same nodes instead of doubling.
                read_files(tx, &doc, &config, &files, &mut outcome)?;
                map_known_pearls(tx, &doc)?;
                others_first = !doc.doc.oplog_vv().is_empty();
            }
            let writer = Writer {
                device_id: &config.device_id,
                device_name: &config.device_name,
                now,
            };
            outcome.published = publish_logged(self, tx, &doc, &writer)?;
            timing.mark("publish");
            let nodes = if others_first {
                all_nodes(&doc)
            } else {
                let changed = ChangedNodes::default();
                let listening = changed.listen(&doc);
                read_files(tx, &doc, &config, &files, &mut outcome)?;
                doc.doc.commit();
                drop(listening);
                changed.take()
            };
            timing.mark("changed nodes");
            let applied = apply_nodes(self, tx, &doc, &nodes, &config.device_id)?;
            timing.mark("apply");
            outcome.received = applied.changed;
            if applied.changed > 0 && !outcome.from_devices.is_empty() {
                let label = format!(
                    "Synced {} from {}",
                    crate::model::count_of(applied.changed, "change", "changes"),
                    outcome.from_devices.join(" and ")
                );
                tx.execute(
                    "INSERT INTO history (label, changes, undone, created_at, undoable)
                     VALUES (?1, '[]', 0, ?2, 0)",
                    params![label, now],
                )?;
            }
            let stored_snapshot = doc.store(tx)?;
            timing.mark("store");
            tx.execute("UPDATE sync_config SET last_round = ?1", [now])?;
            let published: Option<Vec<u8>> =
                tx.query_row("SELECT published FROM sync_config", [], |r| r.get(0))?;
            let published = published
                .and_then(|b| VersionVector::decode(&b).ok())
                .unwrap_or_default();
            let export = if doc.doc.oplog_vv() == published {
                None
            } else {
                let next: i64 =
                    tx.query_row("SELECT next_file FROM sync_config", [], |r| r.get(0))?;
                let snapshot = next > UPDATES_BEFORE_SNAPSHOT || published.is_empty();
                let bytes = match (snapshot, stored_snapshot) {
                    (true, Some(bytes)) => bytes,
                    (true, None) => doc.doc.export(ExportMode::Snapshot).map_err(loro_error)?,
                    (false, _) => doc
                        .doc
                        .export(ExportMode::updates(&published))
                        .map_err(loro_error)?,
                };
                Some((snapshot, next, bytes, doc.doc.oplog_vv().encode()))
            };
            timing.mark("export");
            Ok((outcome, config, export, doc))
        })?;
        doc.keep(self);
        let mut outcome = outcome;
        if outcome.folder_problem.is_none()
            && let Some((snapshot, next, bytes, vv)) = doc_export
        {
            match self.write_own_file(&config, snapshot, &bytes, now) {
                Ok(()) => self.write(|tx| {
                    tx.execute(
                        "UPDATE sync_config SET published = ?1, next_file = ?2",
                        params![vv, if snapshot { 1 } else { next + 1 }],
                    )?;
                    Ok(())
                })?,
                Err(e) => outcome.folder_problem = Some(e.to_string()),
            }
        }
        Ok(outcome)
    }

    fn write_own_file(
        &self,
        config: &SyncConfig,
        snapshot: bool,
        payload: &[u8],
        now: i64,
    ) -> Result<()> {
        let meta = FileMeta {
            device_id: config.device_id.clone(),
            device_name: config.device_name.clone(),
            written_at: now,
            snapshot,
        };
        let bytes = file_format::encode(&meta, payload);
        if snapshot {
            folder::write_atomically(
                &config.folder,
                &folder::snapshot_name(&config.device_id),
                &bytes,
            )?;
            folder::remove_updates_of(&config.folder, &config.device_id)
        } else {
            // Never over an older file of this device (two rounds in one millisecond).
            let mut at = now;
            while config
                .folder
                .join(folder::update_name(&config.device_id, at))
                .exists()
            {
                at += 1;
            }
            folder::write_atomically(
                &config.folder,
                &folder::update_name(&config.device_id, at),
                &bytes,
            )
        }
    }

    /// Stops syncing: the library keeps everything, forgets the folder and the document. The
    /// files this device wrote stay in the folder (the other devices still hold what they say).
    ///
    /// # Errors
    /// [`Error::Invalid`] if the library does not sync.
    pub fn sync_leave(&self) -> Result<SyncConfig> {
        self.write(|tx| {
            let config = config(tx)?.ok_or_else(not_syncing)?;
            for table in [
                "sync_config",
                "sync_changes",
                "sync_doc_parts",
                "sync_nodes",
                "sync_files_seen",
                "sync_devices",
                "sync_conflicts",
            ] {
                tx.execute(&format!("DELETE FROM {table}"), [])?;
            }
            Ok(config)
        })
    }

    /// The library's sync settings, `None` if it does not sync.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        self.read(config)
    }

    /// Other devices' files in the folder not taken in yet, and why (a round would try them
    /// again); an error when the folder cannot be read.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the library does not sync; [`Error::Io`] for a folder that cannot
    /// be read.
    pub fn sync_waiting_files(&self) -> Result<Vec<SkippedFile>> {
        self.read(|conn| {
            let config = config(conn)?.ok_or_else(not_syncing)?;
            let files = folder::list(&config.folder)?;
            let mut waiting = Vec::new();
            for file in files.iter().filter(|f| f.device_id != config.device_id) {
                let path = config.folder.join(&file.name);
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                if was_seen(conn, &file.name, &bytes)? {
                    continue;
                }
                let reason = match file_format::decode(&bytes) {
                    Ok(_) => "new, not taken in yet".to_owned(),
                    Err(p) => p.words(),
                };
                waiting.push(SkippedFile {
                    name: file.name.clone(),
                    device_id: file.device_id.clone(),
                    reason,
                });
            }
            Ok(waiting)
        })
    }

    /// How many pearls changed here since the last round.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn sync_pending_changes(&self) -> Result<usize> {
        self.read(|conn| {
            let n: i64 = conn.query_row("SELECT count(*) FROM sync_changes", [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
    }

    /// What changes with every edit a round would send: how many pearls wait to be sent, and
    /// the newest history entry (an edit of a pearl already waiting adds one).
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn sync_edit_mark(&self) -> Result<(usize, i64)> {
        self.read(|conn| {
            let (n, newest): (i64, i64) = conn.query_row(
                "SELECT (SELECT count(*) FROM sync_changes), (SELECT coalesce(max(id), 0) FROM history)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            Ok((usize::try_from(n).unwrap_or(0), newest))
        })
    }

    /// The devices met in the folder: id, name, when each last wrote there.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn sync_devices(&self) -> Result<Vec<(String, String, i64)>> {
        self.read(|conn| {
            let devices = conn
                .prepare(
                    "SELECT device_id, name, last_seen FROM sync_devices ORDER BY name, device_id",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(devices)
        })
    }
}

/// Phase times of a round, printed on stderr when `NACRE_SYNC_TIMING` is set (for the
/// benchmark's investigations).
struct Timing {
    on: bool,
    last: std::time::Instant,
}

impl Timing {
    fn start() -> Timing {
        Timing {
            on: std::env::var_os("NACRE_SYNC_TIMING").is_some(),
            last: std::time::Instant::now(),
        }
    }

    fn mark(&mut self, phase: &str) {
        if self.on {
            eprintln!(
                "sync round: {phase} {:.3} s",
                self.last.elapsed().as_secs_f64()
            );
        }
        self.last = std::time::Instant::now();
    }
}
