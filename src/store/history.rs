//! Undo and redo of every edit, kept in the library file so that the window and the tool share
//! one history.
//!
//! An edit runs through `Store::edit` with a `Recorder`: before it changes a row it
//! `touch`es it, and the recorder keeps the row's image from before; at the end the images from
//! after are read, and both go into one history entry. Undo writes the before-images back, redo
//! the after-images, field by field where the field still holds what the edit left (a change
//! synced from another device since is kept). Because entries are undone last-first and redone
//! first-last, the library is then exactly as it was, order keys included. Sync rounds add
//! entries that cannot be undone ("Synced 12 changes from desktop") and leave redo be.
//!
//! Big edits stay cheap: an import builds its tree inside the limbo (a hidden top-level
//! collection) and the recorded edit is only the import's top collection moving out of it;
//! emptying the trash moves its pearls to the limbo. What sits in the limbo is deleted for good
//! once no history entry refers to it any more (the history keeps [`MAX_ENTRIES`] edits; a new
//! edit forgets what was undone).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Store, rows, rows::PearlRow};
use crate::error::{Error, Result};
use crate::model::{Millis, PearlId, now_millis};

/// How many edits can be undone.
pub const MAX_ENTRIES: i64 = 200;

/// One edit in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HistoryEntry {
    /// Its place in the history.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// What the edit was, in words (e.g. "Move 3 pearls").
    pub label: String,
    /// Whether it is currently undone (and can be redone).
    pub undone: bool,
    /// When it was made.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: Millis,
}

/// Collects the rows an edit changes.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    order: Vec<PearlId>,
    before: HashMap<PearlId, Option<PearlRow>>,
}

impl Recorder {
    /// Notes a row the edit is about to change (or delete), keeping its current image.
    pub(crate) fn touch(&mut self, conn: &Connection, id: PearlId) -> Result<()> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.before.entry(id) {
            slot.insert(rows::find(conn, id)?);
            self.order.push(id);
        }
        Ok(())
    }

    /// Notes a row the edit has just created.
    pub(crate) fn created(&mut self, id: PearlId) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.before.entry(id) {
            slot.insert(None);
            self.order.push(id);
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Change {
    id: i64,
    before: Option<PearlRow>,
    after: Option<PearlRow>,
}

impl Store {
    /// Runs an edit in one transaction and records it in the history as one step named `label`.
    /// An edit that changes nothing leaves no entry.
    pub(crate) fn edit<T>(
        &self,
        label: &str,
        f: impl FnOnce(&Transaction<'_>, &mut Recorder) -> Result<T>,
    ) -> Result<T> {
        self.write(|tx| {
            let mut recorder = Recorder::default();
            let out = f(tx, &mut recorder)?;
            let mut changes = Vec::with_capacity(recorder.order.len());
            for id in recorder.order {
                let before = recorder.before.remove(&id).flatten();
                let after = rows::find(tx, id)?;
                if before != after {
                    changes.push(Change { id: id.0, before, after });
                }
            }
            if !changes.is_empty() {
                let forgot_redo = tx.execute("DELETE FROM history WHERE undone = 1", [])? > 0;
                let json = serde_json::to_string(&changes)
                    .map_err(|e| Error::Invalid(format!("cannot record the edit: {e}")))?;
                tx.prepare_cached(
                    "INSERT INTO history (label, changes, undone, created_at) VALUES (?1, ?2, 0, ?3)",
                )?
                .execute(params![label, json, now_millis()])?;
                let pruned = tx.execute(
                    "DELETE FROM history WHERE id <= (SELECT max(id) FROM history) - ?1",
                    [MAX_ENTRIES],
                )? > 0;
                if forgot_redo || pruned {
                    self.purge_limbo(tx)?;
                }
            }
            Ok(out)
        })
    }

    /// Undoes the latest edit that is not undone yet; `None` if there is nothing to undo.
    ///
    /// # Errors
    /// [`Error::Sqlite`] if the library changed in a way the history cannot reverse (it is then
    /// left as it was).
    pub fn undo(&self) -> Result<Option<HistoryEntry>> {
        self.write(|tx| {
            let entry = load_entry(
                tx,
                "SELECT id, label, changes, created_at FROM history WHERE undone = 0 AND undoable = 1 ORDER BY id DESC LIMIT 1",
            )?;
            let Some((entry, changes)) = entry else { return Ok(None) };
            apply(tx, changes.iter().rev().map(|c| (c.id, c.after.as_ref(), c.before.as_ref())))?;
            tx.execute("UPDATE history SET undone = 1 WHERE id = ?1", [entry.id])?;
            Ok(Some(HistoryEntry { undone: true, ..entry }))
        })
    }

    /// Redoes the earliest undone edit; `None` if there is nothing to redo.
    ///
    /// # Errors
    /// As [`Store::undo`].
    pub fn redo(&self) -> Result<Option<HistoryEntry>> {
        self.write(|tx| {
            let entry = load_entry(
                tx,
                "SELECT id, label, changes, created_at FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1",
            )?;
            let Some((entry, changes)) = entry else { return Ok(None) };
            apply(tx, changes.iter().map(|c| (c.id, c.before.as_ref(), c.after.as_ref())))?;
            tx.execute("UPDATE history SET undone = 0 WHERE id = ?1", [entry.id])?;
            Ok(Some(entry))
        })
    }

    /// The history, oldest first: what undo and redo would do next.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn history(&self) -> Result<Vec<HistoryEntry>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare("SELECT id, label, undone, created_at FROM history ORDER BY id")?;
            let entries = stmt
                .query_map([], |r| {
                    Ok(HistoryEntry {
                        id: r.get(0)?,
                        label: r.get(1)?,
                        undone: r.get(2)?,
                        created_at: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(entries)
        })
    }

    /// Deletes for good what sits in the limbo and no history entry refers to any more.
    fn purge_limbo(&self, tx: &Transaction<'_>) -> Result<()> {
        // Usually the limbo is empty, and then reading the history's JSON would be wasted on
        // every edit once the history is full.
        let occupied: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM pearls WHERE parent_id = ?1)")?
            .query_row([self.limbo_id().0], |r| r.get(0))?;
        if !occupied {
            return Ok(());
        }
        tx.execute(
            "DELETE FROM pearls WHERE parent_id = ?1 AND id NOT IN (
               SELECT json_extract(c.value, '$.id') FROM history h, json_each(h.changes) c)",
            [self.limbo_id().0],
        )?;
        Ok(())
    }
}

fn load_entry(tx: &Transaction<'_>, sql: &str) -> Result<Option<(HistoryEntry, Vec<Change>)>> {
    let found = tx
        .query_row(sql, [], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })
        .optional()?;
    let Some((id, label, json, created_at)) = found else {
        return Ok(None);
    };
    let changes: Vec<Change> = serde_json::from_str(&json)
        .map_err(|e| Error::Invalid(format!("history entry {id} is unreadable: {e}")))?;
    Ok(Some((
        HistoryEntry {
            id,
            label,
            undone: false,
            created_at,
        },
        changes,
    )))
}

/// Makes each row its image `to` (`None`: the row must not exist), field by field: a field
/// is written back only where it still holds what the edit left (`from`), so that undoing an
/// edit never overwrites a change that came since, from another device (see `crate::sync`).
/// With no such change, each row becomes exactly its image.
///
/// Rows that stay are first parked on a temporary order key of their own, so that two of them
/// trading places never meet on the same key while the images are written back.
fn apply<'a>(
    tx: &Transaction<'_>,
    images: impl Iterator<Item = (i64, Option<&'a PearlRow>, Option<&'a PearlRow>)>,
) -> Result<()> {
    let images: Vec<(i64, Option<&PearlRow>, Option<&PearlRow>)> = images.collect();
    let in_edit: std::collections::HashSet<i64> = images.iter().map(|(id, _, _)| *id).collect();
    let mut rows_to_write = Vec::with_capacity(images.len());
    for (id, from, to) in &images {
        let current = rows::find(tx, PearlId(*id))?;
        match to {
            None if holds_others(tx, *id, &in_edit)? => to_trash(tx, *id)?,
            None => rows::delete(tx, PearlId(*id))?,
            Some(to) => {
                let row = match (&current, from) {
                    (Some(current), Some(from)) => merged(current, from, to),
                    _ => (*to).clone(),
                };
                if current.is_some() {
                    super::sibling_keys::park(tx, PearlId(*id))?;
                }
                rows_to_write.push(row);
            }
        }
    }
    for mut row in rows_to_write {
        if let Some(parent) = row.parent_id {
            let taken: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM pearls WHERE parent_id = ?1 AND order_key = ?2 AND id != ?3)",
                )?
                .query_row(params![parent, row.order_key, row.id], |r| r.get(0))?;
            if taken {
                // A pearl that came from elsewhere since took the place: right next to it.
                row.order_key =
                    super::sibling_keys::free_key_near(tx, PearlId(parent), &row.order_key)?;
            }
        }
        rows::upsert(tx, &row)?;
    }
    Ok(())
}

/// Whether a pearl the undo would delete holds pearls the edit did not make (put there since,
/// from another device): then it goes to the trash instead, with them, so nothing is lost.
fn holds_others(
    tx: &Transaction<'_>,
    id: i64,
    in_edit: &std::collections::HashSet<i64>,
) -> Result<bool> {
    let children: Vec<i64> = tx
        .prepare_cached("SELECT id FROM pearls WHERE parent_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(children.iter().any(|c| !in_edit.contains(c)))
}

/// Puts a pearl in the trash, remembering where it stood (as `Store::trash` does).
fn to_trash(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let trash: i64 = tx.query_row("SELECT id FROM pearls WHERE role = 'trash'", [], |r| {
        r.get(0)
    })?;
    let last = super::sibling_keys::last_key(tx, PearlId(trash))?;
    let key = super::order_key::between(last.as_deref(), None)?;
    tx.prepare_cached(
        "UPDATE pearls SET restore_parent_id = parent_id, restore_order_key = order_key,
                           parent_id = ?1, order_key = ?2 WHERE id = ?3",
    )?
    .execute(params![trash, key, id])?;
    Ok(())
}

/// `current` with each field that still holds what `from` says set to what `to` says; tags
/// as a set (the tags the edit added go, the ones it removed come back).
fn merged(current: &PearlRow, from: &PearlRow, to: &PearlRow) -> PearlRow {
    // Every column is the image's, except a field changed since (by another device's edit).
    let mut row = to.clone();
    let position = |r: &PearlRow| {
        (
            r.parent_id,
            r.order_key.clone(),
            r.restore_parent_id,
            r.restore_order_key.clone(),
        )
    };
    if position(current) != position(from) {
        row.parent_id = current.parent_id;
        row.order_key.clone_from(&current.order_key);
        row.restore_parent_id = current.restore_parent_id;
        row.restore_order_key.clone_from(&current.restore_order_key);
    }
    if (&current.title, current.title_is_user) != (&from.title, from.title_is_user) {
        row.title.clone_from(&current.title);
        row.title_is_user = current.title_is_user;
    }
    if current.note != from.note {
        row.note.clone_from(&current.note);
    }
    if current.url != from.url {
        row.url.clone_from(&current.url);
        row.url_normalized.clone_from(&current.url_normalized);
    }
    if current.alias_target_id != from.alias_target_id {
        row.alias_target_id = current.alias_target_id;
    }
    let mut tags: Vec<String> = current
        .tags
        .iter()
        .filter(|t| !from.tags.contains(t) || to.tags.contains(t))
        .cloned()
        .collect();
    for t in &to.tags {
        if !from.tags.contains(t) && !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    tags.sort();
    row.tags = tags;
    row
}
