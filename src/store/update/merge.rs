//! The merge itself: the copy's pearls and the newer version's nodes side by side, and each
//! change the update makes (fields, moves, additions, removals), noted by path as it is made.

use foldhash::{HashMap, HashSet};

use rusqlite::{Transaction, params};

use super::base::{Base, stored_form};
use super::{ChangeKind, UpdateChange};
use crate::error::Result;
use crate::formats::tree::Node;
use crate::model::{PearlId, now_millis};
use crate::store::history::Recorder;
use crate::store::{Store, order_key, rows};

/// One pearl of the copy as it is now.
pub(super) struct Local {
    pub origin: String,
    parent: Option<PearlId>,
    title: String,
    note: String,
    url: Option<String>,
    tags: Vec<String>,
    pub base: Option<Base>,
}

/// One node of the newer version, in the order of the tree (parents before children).
pub(super) struct Incoming<'a> {
    node: &'a Node,
    pub uuid: &'a str,
    pub parent: Option<&'a str>,
    /// The previous sibling that has a UUID.
    after: Option<&'a str>,
    stored: Base,
}

/// The nodes of `root` with a UUID and a stored form, parents first.
pub(super) fn incoming(root: &Node) -> Vec<Incoming<'_>> {
    let mut out = Vec::new();
    // Each node with its stored form, worked out once, as its collection's level is read.
    type Entry<'a> = (&'a Node, &'a str, Option<&'a str>, Option<&'a str>, Base);
    let mut stack: Vec<Entry<'_>> = Vec::new();
    if let (Some(uuid), Some(stored)) = (root.uuid.as_deref(), stored_form(root, None)) {
        stack.push((root, uuid, None, None, stored));
    }
    while let Some((node, uuid, parent, after, mut stored)) = stack.pop() {
        stored.after = after.map(str::to_owned);
        let mut prev = None;
        let mut level = Vec::new();
        for child in node.children() {
            let Some(child_uuid) = child.uuid.as_deref() else {
                continue;
            };
            let Some(child_stored) = stored_form(child, Some(uuid)) else {
                continue;
            };
            level.push((child, child_uuid, Some(uuid), prev, child_stored));
            prev = Some(child_uuid);
        }
        out.push(Incoming {
            node,
            uuid,
            parent,
            after,
            stored,
        });
        stack.extend(level.into_iter().rev());
    }
    out
}

/// Reads every pearl of the copy under `top` that came from `tree`: id by origin UUID, and
/// the pearls themselves. Picked pearls are the user's own, even when they stand inside the
/// copy: every pearl of the tree in a pick carries the pick's provenance, so none is read and an
/// update never matches them (what the user added inside a pick is not of the tree).
pub(super) fn read_copy(
    tx: &Transaction<'_>,
    top: PearlId,
    tree: &str,
) -> Result<(HashMap<String, PearlId>, HashMap<PearlId, Local>)> {
    let mut stmt = tx.prepare(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL
            SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)
         SELECT p.id, p.parent_id, p.title, p.note, p.url, p.origin_uuid, p.origin_base,
                (SELECT group_concat(tag, char(31)) FROM pearl_tags t WHERE t.pearl_id = p.id),
                (SELECT o.origin_uuid FROM pearls o WHERE o.id = p.parent_id)
         FROM pearls p JOIN sub ON p.id = sub.id WHERE p.origin_tree = ?2
           AND (p.provenance IS NULL OR json_extract(p.provenance, '$.pickedAt') IS NULL)",
    )?;
    let mut by_origin = HashMap::default();
    let mut locals = HashMap::default();
    let rows = stmt.query_map(params![top.0, tree], |r| {
        Ok((
            PearlId(r.get(0)?),
            r.get::<_, Option<i64>>(1)?.map(PearlId),
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    for row in rows {
        let (id, parent, title, note, url, origin, base, tags, parent_origin) = row?;
        let Some(origin) = origin else { continue };
        let mut tags: Vec<String> = tags
            .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default();
        tags.sort();
        by_origin.insert(origin.clone(), id);
        let base = Base::from_row(
            base.as_deref(),
            parent_origin.as_deref(),
            &title,
            &note,
            url.as_deref(),
        );
        locals.insert(
            id,
            Local {
                origin,
                parent,
                title,
                note,
                url,
                tags,
                base,
            },
        );
    }
    Ok((by_origin, locals))
}

/// The origins of the tree's pearls that the recipient deleted (in the trash or put away):
/// an update does not bring them back. `in_copy` are the copy's own pearls, known to be live.
/// A pick the user deleted is not a pearl of the copy: it says nothing about the copy.
pub(super) fn deleted_origins(
    store: &Store,
    tx: &Transaction<'_>,
    tree: &str,
    in_copy: &HashMap<PearlId, Local>,
) -> Result<HashSet<String>> {
    let mut stmt = tx.prepare(
        "SELECT id, origin_uuid FROM pearls WHERE origin_tree = ?1 AND origin_uuid IS NOT NULL
           AND (provenance IS NULL OR json_extract(provenance, '$.pickedAt') IS NULL)",
    )?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([tree], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = HashSet::default();
    for (id, origin) in rows {
        let id = PearlId(id);
        if !in_copy.contains_key(&id) && store.place_in(tx, id)? != crate::store::Place::Tree {
            out.insert(origin);
        }
    }
    Ok(out)
}

fn quote(text: &str) -> String {
    format!("“{text}”")
}

/// The order key for a pearl going into `parent` right after `after` (at the start when
/// `after` is `None` or not a child of `parent`).
fn key_after(tx: &Transaction<'_>, parent: PearlId, after: Option<PearlId>) -> Result<String> {
    let after_key: Option<String> = match after {
        Some(a) => tx
            .prepare_cached("SELECT order_key FROM pearls WHERE id = ?1 AND parent_id = ?2")?
            .query_row(params![a.0, parent.0], |r| r.get(0))
            .ok(),
        None => None,
    };
    let next: Option<String> = tx
        .prepare_cached(
            "SELECT min(order_key) FROM pearls WHERE parent_id = ?1 AND order_key > coalesce(?2, '')
               AND order_key < '~'",
        )?
        .query_row(params![parent.0, after_key], |r| r.get(0))?;
    order_key::between(after_key.as_deref(), next.as_deref())
}

/// Everything one update run needs.
pub(super) struct Run<'s, 't, 'c> {
    pub store: &'s Store,
    pub tx: &'t Transaction<'c>,
    pub rec: &'t mut Recorder,
    pub tree: &'t str,
    pub changes: Vec<UpdateChange>,
}

impl Run<'_, '_, '_> {
    fn path(&self, id: PearlId) -> Result<String> {
        crate::store::tree::full_path(self.tx, id)
    }

    pub(super) fn note(&mut self, change: ChangeKind, id: PearlId, detail: String) -> Result<()> {
        let path = self.path(id)?;
        self.changes.push(UpdateChange {
            change,
            path,
            detail,
        });
        Ok(())
    }

    /// Merges one field: the curator's `new` value where the recipient kept the `base` one.
    /// Returns the value to write, if it changes.
    fn merge<'v, T: PartialEq + ?Sized>(
        &mut self,
        id: PearlId,
        what: (ChangeKind, &str),
        values: (&'v T, &'v T, &'v T),
        shown: impl Fn(&T) -> String,
    ) -> Result<bool> {
        let (base, local, new) = values;
        if new == base {
            return Ok(false);
        }
        let detail = format!("{} {} → {}", what.1, shown(base), shown(new));
        if local == base {
            self.note(what.0, id, detail)?;
            Ok(true)
        } else if local != new {
            self.note(
                ChangeKind::KeptYours,
                id,
                format!("your {} kept; the curator changed {detail}", what.1),
            )?;
            Ok(false)
        } else {
            Ok(false)
        }
    }

    /// Brings one existing pearl up to the curator's newer values.
    pub fn update_existing(
        &mut self,
        id: PearlId,
        local: &Local,
        item: &Incoming<'_>,
        by_origin: &HashMap<String, PearlId>,
    ) -> Result<()> {
        let base = local.base.clone().unwrap_or_else(|| Base {
            parent: item.parent.map(str::to_owned),
            title: local.title.clone(),
            note: local.note.clone(),
            url: local.url.clone(),
            tags: local.tags.clone(),
            after: item.after.map(str::to_owned),
        });
        let new = &item.stored;
        let show = |s: &String| quote(s);
        let title = self.merge(
            id,
            (ChangeKind::Renamed, "title"),
            (&base.title, &local.title, &new.title),
            show,
        )?;
        let note = self.merge(
            id,
            (ChangeKind::Renoted, "note"),
            (&base.note, &local.note, &new.note),
            show,
        )?;
        let url = self.merge(
            id,
            (ChangeKind::Relinked, "link"),
            (&base.url, &local.url, &new.url),
            |u: &Option<String>| quote(u.as_deref().unwrap_or("")),
        )?;
        let tags = self.merge(
            id,
            (ChangeKind::Retagged, "tags"),
            (&base.tags, &local.tags, &new.tags),
            |t: &Vec<String>| quote(&t.join(", ")),
        )?;
        let moved_to = self.move_target(id, local, &base, item, by_origin)?;
        if title || note || url || tags || moved_to.is_some() || local.base.as_ref() != Some(new) {
            self.rec.touch(self.tx, id)?;
        }
        if title || note || url {
            let mut row = rows::load(self.tx, id)?;
            if title {
                row.title.clone_from(&new.title);
            }
            if note {
                row.note.clone_from(&new.note);
            }
            if url
                && let Some(u) = new
                    .url
                    .as_deref()
                    .and_then(|u| crate::model::LinkUrl::parse(u).ok())
            {
                row.url = Some(u.as_str().to_owned());
                row.url_normalized = Some(u.normalized().to_owned());
            }
            row.modified_at = now_millis();
            rows::upsert(self.tx, &row)?;
        }
        if tags {
            rows::set_tags(self.tx, id, &new.tags)?;
        }
        if let Some((parent, after)) = moved_to {
            let key = key_after(self.tx, parent, after)?;
            self.tx
                .prepare_cached("UPDATE pearls SET parent_id = ?1, order_key = ?2 WHERE id = ?3")?
                .execute(params![parent.0, key, id.0])?;
            let detail = format!("to {}", self.path(parent)?);
            self.note(ChangeKind::Moved, id, detail)?;
        }
        if local.base.as_ref() != Some(new) {
            self.tx
                .prepare_cached("UPDATE pearls SET origin_base = ?1 WHERE id = ?2")?
                .execute(params![new.to_json(), id.0])?;
        }
        Ok(())
    }

    /// Where the curator moved the pearl, if they did and the recipient did not move it
    /// themselves (and the move makes no cycle): the new parent and the sibling to follow.
    fn move_target(
        &mut self,
        id: PearlId,
        local: &Local,
        base: &Base,
        item: &Incoming<'_>,
        by_origin: &HashMap<String, PearlId>,
    ) -> Result<Option<(PearlId, Option<PearlId>)>> {
        let Some(new_parent) = item.parent else {
            return Ok(None); // the tree's top stays where the recipient put it
        };
        if base.parent.as_deref() == Some(new_parent) {
            return Ok(None);
        }
        let local_parent_origin = match local.parent {
            Some(p) => rows::find(self.tx, p)?.and_then(|r| r.origin_uuid),
            None => None,
        };
        if local_parent_origin != base.parent {
            self.note(
                ChangeKind::KeptYours,
                id,
                "your place kept; the curator moved it elsewhere".to_owned(),
            )?;
            return Ok(None);
        }
        let Some(&parent) = by_origin.get(new_parent) else {
            return Ok(None);
        };
        if crate::store::tree::ancestry(self.tx, parent)?.contains(&id) {
            return Ok(None);
        }
        let after = item.after.and_then(|a| by_origin.get(a).copied());
        Ok(Some((parent, after)))
    }

    /// Adds a node the curator added, with everything below it.
    pub fn add(
        &mut self,
        item: &Incoming<'_>,
        by_origin: &mut HashMap<String, PearlId>,
    ) -> Result<bool> {
        let Some(&parent) = item.parent.and_then(|p| by_origin.get(p)) else {
            return Ok(false);
        };
        let after = item.after.and_then(|a| by_origin.get(a).copied());
        let key = key_after(self.tx, parent, after)?;
        let location = self.path(parent)?;
        let (ids, _skipped) = crate::store::import::insert_shared_node(
            self.tx, parent, key, item.node, self.tree, &location,
        )?;
        let Some(&first) = ids.first() else {
            return Ok(false);
        };
        crate::store::provenance::record_bases_from(self.tx, first.0)?;
        for &id in &ids {
            self.rec.created(id);
            if let Some(origin) = rows::find(self.tx, id)?.and_then(|r| r.origin_uuid) {
                by_origin.insert(origin, id);
            }
        }
        let count = ids.len();
        let detail = if count > 1 {
            format!("with {} pearls inside", count - 1)
        } else {
            String::new()
        };
        self.note(ChangeKind::Added, first, detail)?;
        Ok(true)
    }

    /// Whether the recipient annotated `id` or anything in it, or added pearls of their own there.
    fn annotated(&self, id: PearlId, locals: &HashMap<PearlId, Local>) -> Result<bool> {
        for pearl in crate::store::tree::subtree_ids(self.tx, id)? {
            let Some(local) = locals.get(&pearl) else {
                return Ok(true); // the recipient's own pearl
            };
            let Some(base) = &local.base else { continue };
            if base.title != local.title
                || base.note != local.note
                || base.url != local.url
                || base.tags != local.tags
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Takes away a pearl the curator removed: to the trash if the recipient annotated it,
    /// else into the hidden holding collection (which undo brings it back from).
    pub fn remove(&mut self, id: PearlId, locals: &HashMap<PearlId, Local>) -> Result<()> {
        let annotated = self.annotated(id, locals)?;
        let path = self.path(id)?;
        self.rec.touch(self.tx, id)?;
        let to = if annotated {
            self.store.trash_id()
        } else {
            self.store.limbo_id()
        };
        let last = crate::store::sibling_keys::last_key(self.tx, to)?;
        let key = order_key::between(last.as_deref(), None)?;
        self.tx
            .prepare_cached(
                "UPDATE pearls SET restore_parent_id = parent_id, restore_order_key = order_key,
                                   parent_id = ?1, order_key = ?2 WHERE id = ?3",
            )?
            .execute(params![to.0, key, id.0])?;
        let (change, detail) = if annotated {
            (
                ChangeKind::Trashed,
                "you had annotated it: it is in the trash".to_owned(),
            )
        } else {
            (ChangeKind::Removed, String::new())
        };
        self.changes.push(UpdateChange {
            change,
            path,
            detail,
        });
        Ok(())
    }
}
