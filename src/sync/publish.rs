//! From the library to the document: the pearls the change log names are written into their
//! nodes (created, moved, their fields set), in the sync round, never during the edit itself.
//!
//! Where a pearl stands in the document: its parent pearl's node (the top of the tree for the
//! root and the Inbox); a pearl in the trash stays where it would be restored to, marked
//! `trashed`; one emptied from the trash is marked `gone` until it is deleted for good. A pearl
//! inside the holding collection of an import in progress has no node and is left out; when the
//! import lands, its top collection is logged and its whole subtree is written then.

use std::collections::HashSet;

use loro::{LoroValue, TreeID, TreeParentId};
use rusqlite::{Connection, OptionalExtension, params};

use super::doc::{
    MAX_FAVICON_BYTES, NodeFields, SyncDoc, TRACKED_FIELDS, forget_node, loro_error, node_of,
    set_node,
};
use crate::error::Result;
use crate::model::PearlId;
use crate::store::{Store, identity, rows};

/// Who is writing: this device.
pub(crate) struct Writer<'a> {
    pub device_id: &'a str,
    pub device_name: &'a str,
    pub now: i64,
}

/// Writes every logged pearl into the document and empties the log; how many were written.
pub(crate) fn publish_logged(
    store: &Store,
    conn: &Connection,
    doc: &SyncDoc,
    writer: &Writer<'_>,
) -> Result<usize> {
    // Siblings in their order, so that placing each after its predecessor gives the order.
    let uuids: Vec<String> = conn
        .prepare(
            "SELECT c.uuid FROM sync_changes c LEFT JOIN pearls p ON p.uuid = c.uuid
             ORDER BY p.parent_id, p.order_key",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut publisher = Publisher {
        store,
        conn,
        doc,
        writer,
        done: HashSet::new(),
    };
    for uuid in &uuids {
        publisher.publish(uuid)?;
    }
    conn.execute("DELETE FROM sync_changes", [])?;
    conn.execute("DELETE FROM sync_dismissed", [])?;
    doc.doc.commit();
    Ok(uuids.len())
}

struct Publisher<'a> {
    store: &'a Store,
    conn: &'a Connection,
    doc: &'a SyncDoc,
    writer: &'a Writer<'a>,
    done: HashSet<String>,
}

/// The node a pearl's parent stands for, and whether that is the Inbox.
enum NodeParent {
    Top { inbox: bool },
    Node(TreeID),
}

impl NodeParent {
    fn loro(&self) -> TreeParentId {
        match self {
            NodeParent::Top { .. } => TreeParentId::Root,
            NodeParent::Node(n) => TreeParentId::Node(*n),
        }
    }
}

impl Publisher<'_> {
    fn publish(&mut self, uuid: &str) -> Result<()> {
        if !self.done.insert(uuid.to_owned()) || is_built_in(uuid) {
            return Ok(());
        }
        let tree = &self.doc.tree;
        let node = node_of(self.conn, uuid)?.filter(|n| self.doc.is_live(*n));
        let row = match identity::find(self.conn, uuid)? {
            Some(id) => rows::find(self.conn, id)?,
            None => None,
        };
        let Some(row) = row else {
            // Deleted for good: the node leaves the tree.
            if let Some(node) = node {
                tree.delete(node).map_err(loro_error)?;
            }
            forget_node(self.conn, uuid)?;
            return Ok(());
        };
        let (roles_limbo, roles_trash) = (self.store.limbo_id().0, self.store.trash_id().0);
        let parent_id = row.parent_id.unwrap_or(roles_limbo);
        if parent_id == roles_limbo {
            // Emptied from the trash (or an undone import): still undoable here, gone there.
            if let Some(node) = node {
                set_if_changed(self.doc, node, "gone", LoroValue::Bool(true))?;
            }
            return Ok(());
        }
        let trashed = parent_id == roles_trash;
        let stands_in = if trashed {
            row.restore_parent_id.unwrap_or(self.store.root_id().0)
        } else {
            parent_id
        };
        let Some(parent) = self.parent_node(stands_in)? else {
            // Inside an import in progress (or under something that cannot sync).
            return Ok(());
        };
        let (node, created) = match node {
            Some(n) => {
                if tree.parent(n) != Some(parent.loro()) {
                    tree.mov(n, parent.loro()).map_err(loro_error)?;
                }
                (n, false)
            }
            None => {
                let n = tree.create(parent.loro()).map_err(loro_error)?;
                set_node(self.conn, uuid, n)?;
                (n, true)
            }
        };
        if !trashed {
            self.place_among_siblings(node, &row.order_key, parent_id, &parent)?;
        }
        let inbox = matches!(parent, NodeParent::Top { inbox: true });
        self.write_fields(node, &row, trashed, inbox, created)?;
        if created && row.kind == "collection" {
            // A collection new to the document (an import landing, a restore of an old one):
            // everything in it comes along.
            let children: Vec<String> = self
                .conn
                .prepare_cached(
                    "SELECT uuid FROM pearls WHERE parent_id = ?1 AND uuid IS NOT NULL ORDER BY order_key",
                )?
                .query_map([row.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for child in children {
                self.publish(&child)?;
            }
        }
        Ok(())
    }

    /// The node standing for the collection `parent_id`; `None` for one that has none (inside
    /// an import in progress).
    fn parent_node(&mut self, parent_id: i64) -> Result<Option<NodeParent>> {
        let store = self.store;
        if parent_id == store.root_id().0 || parent_id == store.trash_id().0 {
            return Ok(Some(NodeParent::Top { inbox: false }));
        }
        if parent_id == store.inbox_id().0 {
            return Ok(Some(NodeParent::Top { inbox: true }));
        }
        if parent_id == store.limbo_id().0 {
            return Ok(None);
        }
        let uuid: Option<String> = self
            .conn
            .prepare_cached("SELECT uuid FROM pearls WHERE id = ?1")?
            .query_row([parent_id], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(uuid) = uuid else {
            return Ok(Some(NodeParent::Top { inbox: false }));
        };
        self.publish(&uuid)?;
        Ok(node_of(self.conn, &uuid)?
            .filter(|n| self.doc.is_live(*n))
            .map(NodeParent::Node))
    }

    /// Puts `node` right after the node of its previous sibling in the library (or before the
    /// next one's), unless it already stands between them. The Inbox is no node: the
    /// neighbours are the nearest siblings that are.
    fn place_among_siblings(
        &self,
        node: TreeID,
        order_key: &str,
        parent_id: i64,
        parent: &NodeParent,
    ) -> Result<()> {
        let neighbour = |sql: &str| -> Result<Option<TreeID>> {
            let uuid: Option<String> = self
                .conn
                .prepare_cached(sql)?
                .query_row(params![parent_id, order_key], |r| r.get(0))
                .optional()?
                .flatten();
            Ok(match uuid {
                Some(u) => node_of(self.conn, &u)?.filter(|n| {
                    self.doc.is_live(*n) && self.doc.tree.parent(*n) == Some(parent.loro())
                }),
                None => None,
            })
        };
        let prev = neighbour(
            "SELECT uuid FROM pearls WHERE parent_id = ?1 AND order_key < ?2 AND role IS NULL
               AND uuid != '6e616372-0000-4000-8000-000000000004' ORDER BY order_key DESC LIMIT 1",
        )?;
        let next = neighbour(
            "SELECT uuid FROM pearls WHERE parent_id = ?1 AND order_key > ?2 AND order_key < '~'
               AND uuid != '6e616372-0000-4000-8000-000000000004' ORDER BY order_key LIMIT 1",
        )?;
        let tree = &self.doc.tree;
        let index = |n: TreeID| tree.fractional_index(n).unwrap_or_default();
        let mine = index(node);
        // Strictly between: on a tie (two devices placed at one spot) the engine's own order
        // decides, which a library cannot guess, so the pearl is placed anew.
        let after_prev = prev.is_none_or(|p| index(p) < mine);
        let before_next = next.is_none_or(|n| mine < index(n));
        if after_prev && before_next {
            return Ok(());
        }
        match (prev, next) {
            (Some(p), _) => tree.mov_after(node, p).map_err(loro_error),
            (None, Some(n)) => tree.mov_before(node, n).map_err(loro_error),
            (None, None) => Ok(()),
        }
    }

    fn write_fields(
        &self,
        node: TreeID,
        row: &rows::PearlRow,
        trashed: bool,
        inbox: bool,
        created: bool,
    ) -> Result<()> {
        let doc = self.doc;
        let meta = doc.meta(node)?;
        let old = if created {
            NodeFields::default()
        } else {
            doc.fields(node)?
        };
        let text = |s: &str| LoroValue::String(s.to_owned().into());
        let set = |key: &str, value: LoroValue| meta.insert(key, value).map_err(loro_error);
        let uuid = row.uuid.clone().unwrap_or_default();
        if old.uuid != uuid {
            set("uuid", text(&uuid))?;
        }
        if old.kind != row.kind {
            set("kind", text(&row.kind))?;
        }
        let url = row.url.clone();
        let new_values = [
            ("title", row.title.clone()),
            ("note", row.note.clone()),
            ("url", url.clone().unwrap_or_default()),
        ];
        for (field, value) in new_values {
            if old.field(field) == value && !(created && field == "url" && url.is_some()) {
                continue;
            }
            if field == "url" && url.is_none() {
                meta.delete("url").map_err(loro_error)?;
            } else {
                set(field, text(&value))?;
            }
            if !created {
                self.record_typed(&meta, &old, field, &value)?;
            }
        }
        if old.title_is_user != row.title_is_user || created {
            set("userTitle", LoroValue::Bool(row.title_is_user))?;
        }
        let alias = self.alias_uuid(row.alias_target_id)?;
        if old.alias != alias
            && let Some(a) = &alias
        {
            set("alias", text(a))?;
        }
        if old.in_inbox != inbox {
            if inbox {
                set("top", text("inbox"))?;
            } else {
                meta.delete("top").map_err(loro_error)?;
            }
        }
        if old.trashed != trashed || created {
            set("trashed", LoroValue::Bool(trashed))?;
        }
        if old.gone {
            set("gone", LoroValue::Bool(false))?;
        }
        if old.created != row.created_at {
            set("created", LoroValue::I64(row.created_at))?;
        }
        if old.modified != row.modified_at {
            set("modified", LoroValue::I64(row.modified_at))?;
        }
        if old.origin_tree != row.origin_tree
            && let Some(t) = &row.origin_tree
        {
            set("originTree", text(t))?;
        }
        if old.origin_uuid != row.origin_uuid
            && let Some(t) = &row.origin_uuid
        {
            set("originUuid", text(t))?;
        }
        let dismissed: Vec<String> = self
            .conn
            .prepare_cached("SELECT field FROM sync_dismissed WHERE uuid = ?1")?
            .query_map([&uuid], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (f, device) in old.by.keys() {
            if dismissed.contains(f) {
                meta.delete(&format!("by:{f}:{device}"))
                    .map_err(loro_error)?;
            }
        }
        let tags: std::collections::BTreeSet<String> = row.tags.iter().cloned().collect();
        for gone in old.tags.difference(&tags) {
            meta.delete(&format!("tag:{gone}")).map_err(loro_error)?;
        }
        for added in tags.difference(&old.tags) {
            set(&format!("tag:{added}"), LoroValue::Bool(true))?;
        }
        let details = details_json(self.conn, PearlId(row.id))?;
        if old.details != details
            && let Some(d) = &details
        {
            set("details", text(d))?;
            self.publish_favicon(PearlId(row.id))?;
        }
        Ok(())
    }

    /// Puts the favicon image of a link's details in the document, unless it is there.
    fn publish_favicon(&self, id: PearlId) -> Result<()> {
        let icon: Option<(String, String, Vec<u8>, i64)> = self
            .conn
            .prepare_cached(
                "SELECT f.source_url, f.mime, f.data, f.fetched_at
                 FROM page_details d JOIN favicons f ON f.id = d.favicon_id
                 WHERE d.pearl_id = ?1",
            )?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((source, mime, data, fetched_at)) = icon else {
            return Ok(());
        };
        let favicons = self.doc.favicons();
        if data.len() > MAX_FAVICON_BYTES || favicons.get(&source).is_some() {
            return Ok(());
        }
        let value: Vec<LoroValue> = vec![
            LoroValue::String(mime.into()),
            LoroValue::Binary(data.into()),
            LoroValue::I64(fetched_at),
        ];
        favicons.insert(&source, value).map_err(loro_error)?;
        Ok(())
    }

    /// Notes the value this device typed in `field`, and drops the other devices' notes this
    /// device has seen (its edit came after them, so they are no conflict).
    fn record_typed(
        &self,
        meta: &loro::LoroMap,
        old: &NodeFields,
        field: &str,
        value: &str,
    ) -> Result<()> {
        debug_assert!(TRACKED_FIELDS.contains(&field));
        for (f, device) in old.by.keys() {
            if f == field && device != self.writer.device_id {
                meta.delete(&format!("by:{f}:{device}"))
                    .map_err(loro_error)?;
            }
        }
        let note: Vec<LoroValue> = vec![
            LoroValue::String(value.to_owned().into()),
            LoroValue::I64(self.writer.now),
            LoroValue::String(self.writer.device_name.to_owned().into()),
        ];
        meta.insert(&format!("by:{field}:{}", self.writer.device_id), note)
            .map_err(loro_error)?;
        Ok(())
    }

    fn alias_uuid(&self, target: Option<i64>) -> Result<Option<String>> {
        let Some(target) = target else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached("SELECT uuid FROM pearls WHERE id = ?1")?
            .query_row([target], |r| r.get(0))
            .optional()?
            .flatten())
    }
}

fn set_if_changed(doc: &SyncDoc, node: TreeID, key: &str, value: LoroValue) -> Result<()> {
    let meta = doc.meta(node)?;
    let current = meta.get(key).and_then(|v| v.into_value().ok());
    if current.as_ref() != Some(&value) {
        meta.insert(key, value).map_err(loro_error)?;
    }
    Ok(())
}

/// Whether `uuid` is one of the built-in collections, which are never nodes.
pub(crate) fn is_built_in(uuid: &str) -> bool {
    [
        identity::ROOT_UUID,
        identity::TRASH_UUID,
        identity::LIMBO_UUID,
        identity::INBOX_UUID,
    ]
    .contains(&uuid)
}

/// What a fetch read from a link's page, as the JSON a node holds (`None` if never fetched).
pub(crate) fn details_json(conn: &Connection, id: PearlId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT json_object('finalUrl', final_url, 'httpStatus', http_status, 'title', title,
                    'description', description, 'siteName', site_name, 'imageUrl', image_url,
                    'faviconUrl', favicon_url, 'fetchedAt', fetched_at, 'error', error,
                    'outcome', outcome, 'movedTo', moved_to)
             FROM page_details WHERE pearl_id = ?1",
        )?
        .query_row([id.0], |r| r.get(0))
        .optional()?)
}
