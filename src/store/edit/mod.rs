//! Every change a user makes to the tree: create, update, move (one or many, anywhere),
//! trash, restore, empty the trash. Each is one transaction and one undoable step. What an
//! edit is given lives in [`inputs`], where pearls go among their siblings in [`placement`].
//!
//! Placing pearls reads at most the two neighbours of the gap they go into (plus the pearls
//! being moved), and writes only the pearls that move: the cost of a move does not grow with
//! the size of the collection.

mod inputs;
mod placement;

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::sibling_keys::{free_key_near, last_key, park};
pub(crate) use inputs::NewKind;
pub use inputs::{NewPearl, PearlUpdate, Placement};
use inputs::{checked_text, checked_title};
use placement::slot;

use super::tree::{Place, ancestry};
use super::{Store, order_key, rows};
use crate::error::{Error, Result};
use crate::model::{Pearl, PearlId, PearlKind, count_of, now_millis};

/// A short name of a pearl for messages: its title, or its kind.
pub(super) fn describe(conn: &Connection, id: PearlId) -> String {
    match rows::pearl(conn, id) {
        Ok(p) if !p.display_title().is_empty() => format!("“{}”", p.display_title()),
        Ok(p) => format!("this {}", p.kind),
        Err(_) => id.to_string(),
    }
}

impl Store {
    /// Creates a pearl in the collection `parent`.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] for a missing parent; [`Error::Invalid`] if the parent is not a
    /// collection in the tree; [`Error::TreeConflict`] for an alias that would contain itself.
    pub fn create(&self, parent: PearlId, placement: Placement, new: &NewPearl) -> Result<Pearl> {
        let label = format!("Add {}", new.kind());
        let id = self.edit(&label, |tx, rec| {
            self.insert_pearl(tx, rec, parent, placement, new)
        })?;
        self.pearl(id)
    }

    /// Creates a pearl inside an edit that is already running (so that several creations make
    /// one undoable step under a label of the caller's).
    pub(crate) fn insert_pearl(
        &self,
        tx: &Transaction<'_>,
        rec: &mut super::history::Recorder,
        parent: PearlId,
        placement: Placement,
        new: &NewPearl,
    ) -> Result<PearlId> {
        self.check_target_collection(tx, parent)?;
        let (url, url_normalized, alias_target) = match &new.kind {
            NewKind::Link(url) => (
                Some(url.as_str().to_owned()),
                Some(url.normalized().to_owned()),
                None,
            ),
            NewKind::Alias(target) => {
                // Without a title of its own, an alias shows its collection's, as it is
                // now: renaming the collection renames what its aliases show.
                self.check_alias(tx, *target, parent)?;
                (None, None, Some(target.0))
            }
            _ => (None, None, None),
        };
        let (lo, hi) = slot(tx, parent, placement, &HashSet::new())?;
        let key = order_key::between(lo.as_deref(), hi.as_deref())?;
        let now = now_millis();
        tx.prepare_cached(
            "INSERT INTO pearls (kind, parent_id, order_key, title, note, url, url_normalized,
                                 alias_target_id, created_at, modified_at, title_is_user, uuid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?4 != '', ?10)",
        )?
        .execute(params![
            new.kind().as_str(),
            parent.0,
            key,
            new.title,
            new.note,
            url,
            url_normalized,
            alias_target,
            now,
            super::identity::new_uuid()
        ])?;
        let id = PearlId(tx.last_insert_rowid());
        let tags: Vec<String> = new.tags.iter().map(|t| t.as_str().to_owned()).collect();
        rows::set_tags(tx, id, &tags)?;
        rec.created(id);
        Ok(id)
    }

    /// Changes a pearl's title, note, URL or tags.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`]; [`Error::Invalid`] for a URL on a pearl that is not a link,
    /// an empty collection name, or a change to the trash.
    pub fn update(&self, id: PearlId, update: &PearlUpdate) -> Result<Pearl> {
        let label = match (&update.title, &update.note, &update.url, &update.tags) {
            (Some(_), None, None, None) => "Rename",
            (None, Some(_), None, None) => "Edit note",
            (None, None, Some(_), None) => "Edit URL",
            (None, None, None, Some(_)) => "Edit tags",
            _ => "Edit",
        };
        self.edit(label, |tx, rec| {
            let mut row = rows::load(tx, id)?;
            if matches!(row.role.as_deref(), Some("trash" | "limbo")) {
                return Err(Error::Invalid("the trash cannot be edited".to_owned()));
            }
            let kind = PearlKind::parse(&row.kind).unwrap_or(PearlKind::Note);
            rec.touch(tx, id)?;
            if let Some(title) = &update.title {
                row.title = checked_title(kind, title)?;
                row.title_is_user = !row.title.is_empty();
            }
            if let Some(note) = &update.note {
                row.note = checked_text("the note", note)?;
                if kind == PearlKind::Note && row.note.is_empty() {
                    return Err(Error::Invalid("a note needs some text".to_owned()));
                }
            }
            if let Some(url) = &update.url {
                if kind != PearlKind::Link {
                    return Err(Error::Invalid(format!("a {kind} has no URL")));
                }
                row.url = Some(url.as_str().to_owned());
                row.url_normalized = Some(url.normalized().to_owned());
            }
            if let Some(tags) = &update.tags {
                row.tags = tags.iter().map(|t| t.as_str().to_owned()).collect();
                row.tags.sort();
            }
            row.modified_at = now_millis();
            rows::upsert(tx, &row)
        })?;
        self.pearl(id)
    }

    /// Moves pearls, in the order given, to one place in the collection `parent`. Moving within
    /// the same collection reorders.
    ///
    /// # Errors
    /// [`Error::TreeConflict`] for a move of a collection into itself or one of its
    /// descendants, or of an alias into the collection it points at; [`Error::Invalid`] for a
    /// move of the root, of a pearl in the trash, or into something that is not a collection
    /// in the tree. Nothing is changed then.
    pub fn move_pearls(
        &self,
        ids: &[PearlId],
        parent: PearlId,
        placement: Placement,
    ) -> Result<()> {
        let ids = dedup(ids);
        let label = format!("Move {}", count_of(ids.len(), "pearl", "pearls"));
        self.edit(&label, |tx, rec| {
            self.check_target_collection(tx, parent)?;
            let target_ancestry = ancestry(tx, parent)?;
            for &id in &ids {
                let row = rows::load(tx, id)?;
                if row.role.is_some() {
                    return Err(Error::Invalid(format!(
                        "{} cannot be moved",
                        describe(tx, id)
                    )));
                }
                if self.place_in(tx, id)? != Place::Tree {
                    return Err(Error::Invalid(format!(
                        "{} is in the trash; restore it first",
                        describe(tx, id)
                    )));
                }
                if target_ancestry.contains(&id) {
                    return Err(Error::TreeConflict(format!(
                        "cannot move {} into itself or one of its own collections",
                        describe(tx, id)
                    )));
                }
                self.check_no_alias_cycle(tx, id, &row.kind, &target_ancestry)?;
            }
            let moving: HashSet<PearlId> = ids.iter().copied().collect();
            let (lo, hi) = slot(tx, parent, placement, &moving)?;
            let keys = order_key::n_between(lo.as_deref(), hi.as_deref(), ids.len())?;
            for &id in &ids {
                rec.touch(tx, id)?;
                park(tx, id)?;
            }
            for (&id, key) in ids.iter().zip(keys) {
                tx.prepare_cached(
                    "UPDATE pearls SET parent_id = ?1, order_key = ?2 WHERE id = ?3",
                )?
                .execute(params![parent.0, key, id.0])?;
            }
            Ok(())
        })
    }

    /// Puts pearls (and everything in them) in the trash, remembering where they stood.
    ///
    /// # Errors
    /// [`Error::Invalid`] for the root or a pearl already in the trash.
    pub fn trash(&self, ids: &[PearlId]) -> Result<()> {
        let ids = dedup(ids);
        let label = format!("Delete {}", count_of(ids.len(), "pearl", "pearls"));
        self.edit(&label, |tx, rec| {
            let mut chains = Vec::new();
            for &id in &ids {
                let row = rows::load(tx, id)?;
                if row.role.is_some() {
                    return Err(Error::Invalid(format!(
                        "{} cannot be deleted",
                        describe(tx, id)
                    )));
                }
                if self.place_in(tx, id)? != Place::Tree {
                    return Err(Error::Invalid(format!(
                        "{} is already in the trash",
                        describe(tx, id)
                    )));
                }
                chains.push((id, ancestry(tx, id)?));
            }
            // A pearl inside another one being trashed goes along with it.
            let tops: Vec<PearlId> = chains
                .iter()
                .filter(|(id, chain)| !chain.iter().skip(1).any(|a| ids.contains(a) && a != id))
                .map(|(id, _)| *id)
                .collect();
            let trash = self.trash_id();
            let last = last_key(tx, trash)?;
            let keys = order_key::n_between(last.as_deref(), None, tops.len())?;
            for (id, key) in tops.into_iter().zip(keys) {
                rec.touch(tx, id)?;
                tx.prepare_cached(
                    "UPDATE pearls SET restore_parent_id = parent_id, restore_order_key = order_key,
                                       parent_id = ?1, order_key = ?2 WHERE id = ?3",
                )?
                .execute(params![trash.0, key, id.0])?;
            }
            Ok(())
        })
    }

    /// Puts pearls from the trash back where they were. If their collection is gone or in the
    /// trash itself, they go to the top of the tree; if their place was taken, right next to it.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a pearl that is not directly in the trash.
    pub fn restore(&self, ids: &[PearlId]) -> Result<()> {
        let ids = dedup(ids);
        let label = format!("Restore {}", count_of(ids.len(), "pearl", "pearls"));
        self.edit(&label, |tx, rec| {
            for &id in &ids {
                let row = rows::load(tx, id)?;
                if row.parent_id != Some(self.trash_id().0) {
                    return Err(Error::Invalid(format!("{} is not in the trash", describe(tx, id))));
                }
                let back_to = row
                    .restore_parent_id
                    .map(PearlId)
                    .filter(|&p| self.check_target_collection(tx, p).is_ok())
                    .unwrap_or(self.root_id());
                let key = match row.restore_order_key.as_deref() {
                    Some(k) if back_to.0 == row.restore_parent_id.unwrap_or(-1) => {
                        free_key_near(tx, back_to, k)?
                    }
                    _ => {
                        let last = last_key(tx, back_to)?;
                        order_key::between(last.as_deref(), None)?
                    }
                };
                rec.touch(tx, id)?;
                tx.prepare_cached(
                    "UPDATE pearls SET parent_id = ?1, order_key = ?2,
                                       restore_parent_id = NULL, restore_order_key = NULL WHERE id = ?3",
                )?
                .execute(params![back_to.0, key, id.0])?;
            }
            Ok(())
        })
    }

    /// Empties the trash. Undoable like any edit, until the history forgets it.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn empty_trash(&self) -> Result<usize> {
        self.edit("Empty the trash", |tx, rec| {
            let ids: Vec<PearlId> = tx
                .prepare("SELECT id FROM pearls WHERE parent_id = ?1 ORDER BY order_key")?
                .query_map([self.trash_id().0], |r| r.get(0).map(PearlId))?
                .collect::<rusqlite::Result<_>>()?;
            let limbo = self.limbo_id();
            let last = last_key(tx, limbo)?;
            let keys = order_key::n_between(last.as_deref(), None, ids.len())?;
            for (&id, key) in ids.iter().zip(keys) {
                rec.touch(tx, id)?;
                tx.prepare_cached(
                    "UPDATE pearls SET parent_id = ?1, order_key = ?2 WHERE id = ?3",
                )?
                .execute(params![limbo.0, key, id.0])?;
            }
            Ok(ids.len())
        })
    }

    /// Checks that `id` is a collection in the tree, where pearls can be put.
    pub(crate) fn check_target_collection(&self, conn: &Connection, id: PearlId) -> Result<()> {
        // Only the kind: reading the whole pearl would count its children, which a move must
        // not pay for.
        let kind: Option<String> = conn
            .prepare_cached("SELECT kind FROM pearls WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?;
        let kind = kind.ok_or(Error::PearlNotFound(id))?;
        if kind != "collection" {
            return Err(Error::Invalid(format!(
                "{} is a {kind}, not a collection",
                describe(conn, id)
            )));
        }
        if self.place_in(conn, id)? != Place::Tree {
            return Err(Error::Invalid(format!(
                "{} is in the trash",
                describe(conn, id)
            )));
        }
        Ok(())
    }

    /// An alias may point only at a collection in the tree, and never from inside it.
    fn check_alias(&self, conn: &Connection, target: PearlId, parent: PearlId) -> Result<()> {
        let pearl = rows::pearl(conn, target)?;
        if pearl.kind != PearlKind::Collection || target == self.root_id() {
            return Err(Error::Invalid(format!(
                "an alias must point at a collection, and {} is not one",
                describe(conn, target)
            )));
        }
        if ancestry(conn, parent)?.contains(&target) {
            return Err(Error::TreeConflict(format!(
                "an alias of {} cannot stand inside it",
                describe(conn, target)
            )));
        }
        Ok(())
    }

    /// Refuses a move that would put an alias inside the collection it points at.
    pub(crate) fn check_no_alias_cycle(
        &self,
        conn: &Connection,
        id: PearlId,
        kind: &str,
        target_ancestry: &[PearlId],
    ) -> Result<()> {
        let targets: Vec<PearlId> = match kind {
            "alias" => rows::load(conn, id)?.alias_target_id.map(PearlId).into_iter().collect(),
            "collection" => conn
                .prepare_cached(
                    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL
                       SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id WHERE p.kind IN ('collection', 'alias'))
                     SELECT p.alias_target_id FROM sub JOIN pearls p ON p.id = sub.id WHERE p.kind = 'alias'",
                )?
                .query_map([id.0], |r| r.get(0).map(PearlId))?
                .collect::<rusqlite::Result<_>>()?,
            _ => Vec::new(),
        };
        if let Some(t) = targets.iter().find(|t| target_ancestry.contains(t)) {
            return Err(Error::TreeConflict(format!(
                "the move would put an alias of {} inside it",
                describe(conn, *t)
            )));
        }
        Ok(())
    }
}

/// The keys of the two siblings around the gap `placement` names in `parent`.
pub(in crate::store) fn slot_for(
    conn: &Connection,
    parent: PearlId,
    placement: Placement,
) -> Result<(Option<String>, Option<String>)> {
    slot(conn, parent, placement, &HashSet::new())
}

fn dedup(ids: &[PearlId]) -> Vec<PearlId> {
    let mut seen = HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}
