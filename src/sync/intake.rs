//! Taking in the other devices' files: each new one read, checked (header, length,
//! checksum, writer) and imported into the document, or skipped with the word status shows;
//! files already taken in are known by name, length and checksum and not read again.

use std::collections::BTreeSet;

use rusqlite::{Connection, params};

use super::doc::{SyncDoc, set_node};
use super::file_format::{self, FileProblem};
use super::folder;
use super::outcome::{RoundOutcome, SkippedFile, SyncConfig};
use super::publish::is_built_in;
use crate::error::Result;

pub(crate) fn was_seen(conn: &Connection, name: &str, bytes: &[u8]) -> Result<bool> {
    let length = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let checksum = i64::from(file_format::checksum_of(bytes));
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_files_seen WHERE name = ?1 AND length = ?2 AND checksum = ?3)",
        )?
        .query_row(params![name, length, checksum], |r| r.get(0))?)
}

/// Takes in the other devices' files not taken in yet; whatever cannot be is skipped with its
/// reason (and tried again next round).
pub(crate) fn read_files(
    conn: &Connection,
    doc: &SyncDoc,
    config: &SyncConfig,
    files: &[folder::FolderFile],
    outcome: &mut RoundOutcome,
) -> Result<()> {
    // Snapshots first, then each device's updates in their order.
    let mut files: Vec<&folder::FolderFile> = files
        .iter()
        .filter(|f| f.device_id != config.device_id)
        .collect();
    files.sort_by(|a, b| {
        (&a.device_id, !a.snapshot, &a.name).cmp(&(&b.device_id, !b.snapshot, &b.name))
    });
    let mut from = BTreeSet::new();
    for file in files {
        let path = config.folder.join(&file.name);
        let skip = |reason: String, outcome: &mut RoundOutcome| {
            outcome.skipped.push(SkippedFile {
                name: file.name.clone(),
                device_id: file.device_id.clone(),
                reason,
            });
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            // Replaced or removed by its device while we looked: the next round sees the new one.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                skip(format!("cannot be read ({e}), skipped"), outcome);
                continue;
            }
        };
        if was_seen(conn, &file.name, &bytes)? {
            continue;
        }
        let (meta, payload) = match file_format::decode(&bytes) {
            Ok(ok) => ok,
            Err(problem) => {
                skip(problem.words(), outcome);
                continue;
            }
        };
        if meta.device_id != file.device_id {
            skip(FileProblem::Foreign.words(), outcome);
            continue;
        }
        let before = doc.doc.oplog_vv();
        match doc.doc.import(payload) {
            Ok(status) if status.pending.is_some() => {
                skip(
                    format!("waiting for earlier files from {}", meta.device_name),
                    outcome,
                );
                continue;
            }
            Ok(_) => {}
            Err(_) => {
                skip(FileProblem::Corrupt.words(), outcome);
                continue;
            }
        }
        if doc.doc.oplog_vv() != before {
            from.insert(meta.device_name.clone());
        }
        conn.prepare_cached(
            "INSERT OR REPLACE INTO sync_files_seen (name, length, checksum) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            file.name,
            i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            i64::from(file_format::checksum_of(&bytes))
        ])?;
        conn.prepare_cached(
            "INSERT INTO sync_devices (device_id, name, last_seen) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET name = ?2, last_seen = max(last_seen, ?3)",
        )?
        .execute(params![meta.device_id, meta.device_name, meta.written_at])?;
    }
    outcome.from_devices.extend(from);
    Ok(())
}

/// On joining: pearls this library already has (by UUID) are the nodes the folder has for
/// them, so publishing updates those nodes instead of adding doubles.
pub(crate) fn map_known_pearls(conn: &Connection, doc: &SyncDoc) -> Result<()> {
    for node in doc.tree.nodes() {
        if !doc.is_live(node) {
            continue;
        }
        let uuid = doc.fields(node)?.uuid;
        if uuid.is_empty() || is_built_in(&uuid) {
            continue;
        }
        let known: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM pearls WHERE uuid = ?1)")?
            .query_row([&uuid], |r| r.get(0))?;
        if known {
            set_node(conn, &uuid, node)?;
        }
    }
    Ok(())
}
