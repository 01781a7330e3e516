//! Updating the copy of a shared tree from a newer version of it, in place: a three-way merge
//! of the curator's version last imported (each pearl's [`base::Base`]), the recipient's copy as
//! it is now, and the newer version.
//!
//! Pearls are matched by their origin (the tree's UUID and the pearl's UUID there), never by
//! title. Where the curator changed something the recipient left alone, the copy takes the
//! curator's change; where both changed it, the recipient's stays. Pearls the recipient added
//! stay where they are. A pearl the curator removed goes quietly (into the hidden holding
//! collection, so undo brings it back) unless the recipient annotated it or put pearls of their
//! own in it: then it goes to the trash. Sibling order merges the same way (`order`). The whole update is one undoable edit; a dry run makes
//! the same changes in a transaction that is rolled back, so it lists exactly what the update
//! would do.

pub(crate) mod base;
mod merge;
mod order;

use foldhash::HashSet;

use rusqlite::Transaction;
use serde::Serialize;

use super::history::Recorder;
use super::{Store, rows};
use crate::error::{Error, Result};
use crate::formats::tree::{ImportedTree, Node, Shared};
use crate::model::{Millis, PearlId, now_millis};
use crate::provenance::Provenance;
use merge::{Run, deleted_origins, incoming, read_copy};

/// The copies of one shared tree in the library: each branch's top with its provenance.
pub type Copies = Vec<(PearlId, Provenance)>;

/// What kind of change an update makes to one pearl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ChangeKind {
    /// The curator added it.
    Added,
    /// The curator removed it, and the recipient had not touched it.
    Removed,
    /// The curator removed it, but the recipient had annotated it or added to it: to the trash.
    Trashed,
    /// The curator moved it to another collection.
    Moved,
    /// The curator changed its title.
    Renamed,
    /// The curator changed its note.
    Renoted,
    /// The curator changed its tags.
    Retagged,
    /// The curator changed its URL.
    Relinked,
    /// Both changed it: the recipient's version stays (the detail says what the curator did).
    KeptYours,
    /// The curator reordered the pearls of this collection, and the recipient had not.
    Reordered,
}

/// One change of an update, by path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UpdateChange {
    /// What kind of change.
    pub change: ChangeKind,
    /// Where the pearl is in the library (after the change).
    pub path: String,
    /// What changed, in words ("title “A” → “B”").
    pub detail: String,
}

/// What an update of a copy did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UpdateReport {
    /// The copy updated: the top of the imported branch.
    pub copy: PearlId,
    /// Its path in the library.
    pub copy_path: String,
    /// Its provenance, as it is after the update.
    pub provenance: Provenance,
    /// When the version it held before was imported (ms since the epoch).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub previously_imported_at: Millis,
    /// Every change, in the order made.
    pub changes: Vec<UpdateChange>,
    /// Whether the changes were written (`false` for a dry run).
    pub applied: bool,
}

impl Store {
    /// The copies of the shared tree that `tree` is a version of (an import of a Nacre file or
    /// page): the tree's UUID and its copies in the library, oldest first. `None` when `tree`
    /// is not one shared tree.
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn copies_for_update(&self, tree: &ImportedTree) -> Result<Option<(String, Copies)>> {
        let (Some(_), [root]) = (&tree.shared, tree.roots.as_slice()) else {
            return Ok(None);
        };
        let Some(uuid) = root.uuid.as_deref() else {
            return Ok(None);
        };
        Ok(Some((uuid.to_owned(), self.copies_of_tree(uuid)?)))
    }

    /// Updates the copy `copy` of the shared tree from `tree`, a newer version of it, as one
    /// undoable edit; with `dry_run`, only says what it would change (nothing is written).
    ///
    /// # Errors
    /// [`Error::Invalid`] if `tree` is not a shared tree or `copy` is not a copy of it;
    /// [`Error::Sqlite`]. Nothing is changed then.
    pub fn update_copy(
        &self,
        tree: &ImportedTree,
        copy: PearlId,
        dry_run: bool,
    ) -> Result<UpdateReport> {
        let (Some(shared), [root]) = (&tree.shared, tree.roots.as_slice()) else {
            return Err(Error::Invalid(
                "only a Nacre file or page can update a copy".to_owned(),
            ));
        };
        let Some(tree_uuid) = root.uuid.as_deref() else {
            return Err(Error::Invalid(
                "the file's tree has no identity to match a copy by".to_owned(),
            ));
        };
        let copy_row = self.read(|conn| rows::load(conn, copy))?;
        let previous = copy_row
            .provenance
            .as_deref()
            .and_then(Provenance::from_json)
            .filter(|p| p.tree == tree_uuid)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "#{} is not a copy of “{}”: it came from another tree, or from none",
                    copy.0, root.title
                ))
            })?;
        let label = format!("Update “{}”", previous.title);
        let work = |tx: &Transaction<'_>, rec: &mut Recorder| {
            self.run_update(
                tx,
                rec,
                tree_uuid,
                root,
                shared,
                copy,
                previous.imported_at,
                dry_run,
            )
        };
        if dry_run {
            let mut conn = self.conn();
            let tx = conn.transaction()?;
            let mut rec = Recorder::default();
            let report = work(&tx, &mut rec)?;
            tx.rollback()?;
            Ok(report)
        } else {
            self.edit(&label, work)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run_update(
        &self,
        tx: &Transaction<'_>,
        rec: &mut Recorder,
        tree_uuid: &str,
        root: &Node,
        shared: &Shared,
        copy: PearlId,
        previously_imported_at: Millis,
        dry_run: bool,
    ) -> Result<UpdateReport> {
        let (mut by_origin, locals) = read_copy(tx, copy, tree_uuid)?;
        let deleted = deleted_origins(self, tx, tree_uuid, &locals)?;
        let items = incoming(root);
        let mut run = Run {
            store: self,
            tx,
            rec,
            tree: tree_uuid,
            changes: Vec::new(),
        };
        let mut seen: HashSet<&str> = HashSet::default();
        for item in &items {
            seen.insert(item.uuid);
            if let Some(&id) = by_origin.get(item.uuid) {
                if let Some(local) = locals.get(&id) {
                    run.update_existing(id, local, item, &by_origin)?;
                }
                // else: added by this update with its collection, nothing more to do
            } else if !deleted.contains(item.uuid) {
                run.add(item, &mut by_origin)?;
            }
        }
        // What the curator removed: the topmost removed pearls, each with what is in it.
        let removed: HashSet<PearlId> = locals
            .iter()
            .filter(|(id, local)| **id != copy && !seen.contains(local.origin.as_str()))
            .map(|(id, _)| *id)
            .collect();
        let mut tops: Vec<PearlId> = Vec::new();
        for &id in &removed {
            let chain = super::tree::ancestry(tx, id)?;
            if !chain.iter().skip(1).any(|a| removed.contains(a)) {
                tops.push(id);
            }
        }
        tops.sort();
        for id in tops {
            run.remove(id, &locals)?;
        }
        run.merge_orders(&items, &by_origin, &locals)?;
        let changes = run.changes;
        let provenance =
            super::provenance::provenance_of(tree_uuid, &root.title, shared, now_millis());
        rec.touch(tx, copy)?;
        super::provenance::set_provenance(tx, copy, &provenance)?;
        Ok(UpdateReport {
            copy,
            copy_path: super::tree::full_path(tx, copy)?,
            provenance,
            previously_imported_at,
            changes,
            applied: !dry_run,
        })
    }
}
