//! From the document to the library: after other devices' files are taken in, the nodes that
//! changed are written into the library's rows, with the change log paused (these edits came
//! from elsewhere and must not be sent back as this device's).
//!
//! Moves follow the tree, fields the node's values (Loro's winner), tags its set, `trashed`
//! puts a pearl in the trash (remembering where it stood), `gone` puts it where an emptied
//! trash waits, and a node deleted from the tree deletes the pearl. Siblings whose order
//! changed get new order keys in the document's order. Values that lost to a concurrent edit
//! of the same field are kept in `sync_conflicts`.

use std::collections::{BTreeSet, HashMap, HashSet};

use loro::{LoroValue, TreeID, TreeParentId};
use rusqlite::{Connection, OptionalExtension, params};

use super::doc::{
    MAX_FAVICON_BYTES, NodeFields, SyncDoc, TRACKED_FIELDS, forget_node, loro_error, set_node,
};
use super::publish::details_json;
use crate::error::Result;
use crate::model::{PearlId, normalize_url};
use crate::store::{Store, order_key, rows};

/// What taking in changes did.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    /// How many pearls changed in the library.
    pub changed: usize,
}

/// Writes the changed nodes into the library (inside the round's transaction).
pub(crate) fn apply_nodes(
    store: &Store,
    conn: &Connection,
    doc: &SyncDoc,
    nodes: &[TreeID],
    my_device: &str,
) -> Result<Applied> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_applying (applying) VALUES (1)",
        [],
    )?;
    // Many changes (a device joining, weeks apart): the search index is written in one
    // statement at the end instead of row by row, as an import does.
    let bulk = nodes.len() > BULK;
    let first_new_id: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM pearls", [], |r| {
            r.get(0)
        })?;
    if bulk {
        conn.execute(
            "INSERT OR IGNORE INTO search_paused (paused) VALUES (1)",
            [],
        )?;
    }
    let mut applier = Applier {
        store,
        conn,
        doc,
        ids: HashMap::new(),
        rows_of_nodes: HashMap::new(),
        fresh: HashSet::new(),
        reorder: BTreeSet::new(),
        my_device,
    };
    let changed = applier.apply(nodes)?;
    if bulk {
        conn.execute("DELETE FROM search_paused", [])?;
        crate::store::index_rows_from(conn, first_new_id)?;
        for &id in changed.iter().filter(|&&id| id < first_new_id) {
            conn.prepare_cached("DELETE FROM pearl_search WHERE rowid = ?1")?
                .execute([id])?;
            conn.prepare_cached(
                "INSERT INTO pearl_search (rowid, title, url, note, tags, description)
                 SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = ?1",
            )?
            .execute([id])?;
        }
    }
    conn.execute("DELETE FROM sync_applying", [])?;
    Ok(Applied {
        changed: changed.len(),
    })
}

/// How many changed nodes make a round index search in one statement at the end.
const BULK: usize = 500;

struct Applier<'a> {
    store: &'a Store,
    conn: &'a Connection,
    doc: &'a SyncDoc,
    /// uuid -> row id, for the pearls of this batch.
    ids: HashMap<String, i64>,
    /// node -> row id, for the pearls of this batch.
    rows_of_nodes: HashMap<TreeID, i64>,
    /// Rows this batch inserted straight into their collection, fields and all: only their
    /// tags, details and order are left to write.
    fresh: HashSet<i64>,
    /// Collections whose children's order must follow the document.
    reorder: BTreeSet<i64>,
    my_device: &'a str,
}

impl Applier<'_> {
    /// Writes the nodes; the ids of the rows that changed.
    fn apply(&mut self, nodes: &[TreeID]) -> Result<HashSet<i64>> {
        let mut live = Vec::new();
        let mut deleted = Vec::new();
        let mut read_at_once = if nodes.len() > BULK {
            self.doc.all_fields()
        } else {
            HashMap::new()
        };
        for &node in nodes {
            if self.doc.is_live(node) {
                let fields = match read_at_once.remove(&node) {
                    Some(f) => f,
                    None => self.doc.fields(node)?,
                };
                if !fields.uuid.is_empty() && !super::publish::is_built_in(&fields.uuid) {
                    live.push((node, fields));
                }
            } else {
                deleted.push(node);
            }
        }
        let mut live = self.without_doubles(live)?;
        // Everything new exists first (aliases last: they need their target), so that parents
        // and alias targets can be set in any order.
        live.sort_by_key(|(_, f)| f.kind == "alias");
        let mut changed = HashSet::new();
        for (node, fields) in &live {
            let id = match self.row_id(&fields.uuid)? {
                Some(id) => id,
                None => match self.insert_new(*node, fields)? {
                    Some(id) => {
                        changed.insert(id);
                        id
                    }
                    None => continue,
                },
            };
            set_node(self.conn, &fields.uuid, *node)?;
            self.ids.insert(fields.uuid.clone(), id);
            self.rows_of_nodes.insert(*node, id);
        }
        for (node, fields) in &live {
            let Some(&id) = self.ids.get(&fields.uuid) else {
                continue;
            };
            if self.fresh.contains(&id) {
                self.write_fresh(*node, id, fields)?;
                continue;
            }
            if self.write_row(*node, id, fields)? {
                changed.insert(id);
            }
            self.record_conflicts(id, fields)?;
        }
        let reorder = std::mem::take(&mut self.reorder);
        for parent in reorder {
            self.reorder_children(parent)?;
        }
        for node in deleted {
            let uuid: Option<String> = self
                .conn
                .prepare_cached("SELECT uuid FROM sync_nodes WHERE node = ?1")?
                .query_row([node.to_string()], |r| r.get(0))
                .optional()?;
            let Some(uuid) = uuid else { continue };
            if let Some(id) = self.row_id(&uuid)? {
                rows::delete(self.conn, PearlId(id))?;
                changed.insert(id);
            }
            forget_node(self.conn, &uuid)?;
        }
        Ok(changed)
    }

    /// Two nodes for one pearl (two copies of one library joined the folder before either saw
    /// the other's files): the smaller node id is the pearl everywhere; the other's children
    /// move into it and it leaves the tree. Every device picks the same one.
    fn without_doubles(
        &self,
        live: Vec<(TreeID, NodeFields)>,
    ) -> Result<Vec<(TreeID, NodeFields)>> {
        let tree = &self.doc.tree;
        let mut kept: HashMap<String, TreeID> = HashMap::new();
        let mut out: Vec<(TreeID, NodeFields)> = Vec::with_capacity(live.len());
        for (node, fields) in live {
            let other = match kept.get(&fields.uuid) {
                Some(n) => Some(*n),
                None => super::doc::node_of(self.conn, &fields.uuid)?.filter(|n| {
                    *n != node
                        && self.doc.is_live(*n)
                        && self.doc.fields(*n).is_ok_and(|f| f.uuid == fields.uuid)
                }),
            };
            let Some(other) = other else {
                kept.insert(fields.uuid.clone(), node);
                out.push((node, fields));
                continue;
            };
            let (keep, drop) = if node < other {
                (node, other)
            } else {
                (other, node)
            };
            for child in tree.children(TreeParentId::Node(drop)).unwrap_or_default() {
                tree.mov(child, TreeParentId::Node(keep))
                    .map_err(loro_error)?;
            }
            tree.delete(drop).map_err(loro_error)?;
            kept.insert(fields.uuid.clone(), keep);
            out.retain(|(n, _)| *n != drop);
            if keep == node {
                out.push((node, fields));
            }
        }
        Ok(out)
    }

    fn row_id(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM pearls WHERE uuid = ?1")?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// A row for a pearl new to this library: straight into its collection when that is
    /// already a row here (a joining device's pearls come parents first), with a key that
    /// `reorder_children` replaces; otherwise parked in the limbo until its place is written.
    fn insert_new(&mut self, node: TreeID, f: &NodeFields) -> Result<Option<i64>> {
        let kind = match f.kind.as_str() {
            "collection" | "link" | "note" | "section" | "alias" => f.kind.as_str(),
            _ => return Ok(None),
        };
        let url = match kind {
            "link" => Some(f.url.clone().unwrap_or_else(|| "about:blank".to_owned())),
            _ => None,
        };
        let alias_target = match (kind, &f.alias) {
            ("alias", Some(target)) => match self.row_id(target)? {
                Some(t) => Some(t),
                None => return Ok(None),
            },
            ("alias", None) => return Ok(None),
            _ => None,
        };
        let placed = if f.gone || f.trashed {
            None
        } else {
            self.known_parent(node, f)?
        };
        self.conn
            .prepare_cached(
                "INSERT INTO pearls (kind, parent_id, order_key, title, title_is_user, note, url,
                    url_normalized, alias_target_id, created_at, modified_at, uuid, origin_tree,
                    origin_uuid)
                 VALUES (?1, ?2, '~s' || ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?3, ?12, ?13)",
            )?
            .execute(params![
                kind,
                placed.unwrap_or(self.store.limbo_id().0),
                f.uuid,
                f.title,
                f.title_is_user,
                f.note,
                url,
                url.as_deref().map(normalize_url),
                alias_target,
                f.created,
                f.modified,
                f.origin_tree,
                f.origin_uuid,
            ])?;
        let id = self.conn.last_insert_rowid();
        if placed.is_some() {
            self.fresh.insert(id);
        }
        Ok(Some(id))
    }

    /// The row of the collection a node stands in, if that collection is a row here already;
    /// `None` when its row is still to come.
    fn known_parent(&self, node: TreeID, f: &NodeFields) -> Result<Option<i64>> {
        match self.doc.tree.parent(node) {
            Some(TreeParentId::Node(p)) => match self.rows_of_nodes.get(&p) {
                Some(&id) => Ok(Some(id)),
                None => match self.node_uuid(p)? {
                    Some(u) => self.row_id(&u),
                    None => Ok(None),
                },
            },
            _ if f.in_inbox => Ok(Some(self.store.inbox_id().0)),
            _ => Ok(Some(self.store.root_id().0)),
        }
    }

    /// What is left to write of a row [`Self::insert_new`] put in its place: tags, details,
    /// the values that lost, and its place among its siblings.
    fn write_fresh(&mut self, node: TreeID, id: i64, f: &NodeFields) -> Result<()> {
        let tags: Vec<String> = f.tags.iter().cloned().collect();
        if !tags.is_empty() {
            rows::set_tags(self.conn, PearlId(id), &tags)?;
        }
        if let Some(d) = &f.details {
            write_details(self.conn, self.doc, id, d)?;
        }
        self.record_conflicts(id, f)?;
        let parent = self.parent_of(node, f)?;
        self.reorder.insert(parent);
        Ok(())
    }

    /// The UUID a node's meta holds.
    fn node_uuid(&self, node: TreeID) -> Result<Option<String>> {
        Ok(self
            .doc
            .meta(node)?
            .get("uuid")
            .and_then(|v| v.into_value().ok())
            .and_then(|v| v.into_string().ok())
            .map(|s| s.to_string()))
    }

    /// The collection a node stands in.
    fn parent_of(&self, node: TreeID, f: &NodeFields) -> Result<i64> {
        let root = self.store.root_id().0;
        match self.doc.tree.parent(node) {
            Some(TreeParentId::Node(p)) => {
                if let Some(&id) = self.rows_of_nodes.get(&p) {
                    return Ok(id);
                }
                match self.node_uuid(p)? {
                    Some(u) => Ok(self.row_id(&u)?.unwrap_or(root)),
                    None => Ok(root),
                }
            }
            _ if f.in_inbox => Ok(self.store.inbox_id().0),
            _ => Ok(root),
        }
    }

    /// Makes the row say what the node says; whether anything changed.
    fn write_row(&mut self, node: TreeID, id: i64, f: &NodeFields) -> Result<bool> {
        let Some(row) = rows::find(self.conn, PearlId(id))? else {
            return Ok(false);
        };
        let mut new = row.clone();
        let (trash, limbo) = (self.store.trash_id().0, self.store.limbo_id().0);
        let stands_in = self.parent_of(node, f)?;
        let current_parent = row.parent_id.unwrap_or(limbo);
        let placeholder = row.order_key.starts_with("~s");
        if f.gone {
            if current_parent != limbo || placeholder {
                new.parent_id = Some(limbo);
                new.order_key = self.key_at_end(limbo)?;
            }
        } else if f.trashed {
            if current_parent != trash || placeholder {
                new.parent_id = Some(trash);
                new.order_key = self.key_at_end(trash)?;
            }
            new.restore_parent_id = Some(stands_in);
            if new.restore_order_key.is_none() || row.restore_parent_id != Some(stands_in) {
                new.restore_order_key = Some(self.key_at_end(stands_in)?);
            }
        } else {
            if current_parent != stands_in || placeholder {
                new.parent_id = Some(stands_in);
                new.order_key = format!("~s{}", f.uuid);
            }
            new.restore_parent_id = None;
            new.restore_order_key = None;
            self.reorder.insert(stands_in);
        }
        new.kind.clone_from(&f.kind);
        new.title.clone_from(&f.title);
        new.title_is_user = f.title_is_user;
        new.note.clone_from(&f.note);
        if new.kind == "link" {
            let url = f.url.clone().unwrap_or_else(|| "about:blank".to_owned());
            new.url_normalized = Some(normalize_url(&url));
            new.url = Some(url);
        }
        if let Some(target) = &f.alias
            && let Some(t) = self.row_id(target)?
        {
            new.alias_target_id = Some(t);
        }
        new.created_at = f.created;
        new.modified_at = f.modified;
        new.origin_tree.clone_from(&f.origin_tree);
        new.origin_uuid.clone_from(&f.origin_uuid);
        new.tags = f.tags.iter().cloned().collect();
        let details_changed = details_json(self.conn, PearlId(id))? != f.details;
        if details_changed && let Some(d) = &f.details {
            write_details(self.conn, self.doc, id, d)?;
        }
        if new == row {
            return Ok(details_changed);
        }
        if new.parent_id != row.parent_id || new.order_key != row.order_key {
            // Off any key a sibling might be given back below.
            park(self.conn, id)?;
        }
        rows::upsert(self.conn, &new)?;
        Ok(true)
    }

    fn key_at_end(&self, parent: i64) -> Result<String> {
        let last = crate::store::last_key_of(self.conn, PearlId(parent))?;
        order_key::between(last.as_deref(), None)
    }

    /// Gives the children of `parent` the document's order (only if it differs).
    fn reorder_children(&self, parent: i64) -> Result<()> {
        let store = self.store;
        let doc = self.doc;
        let loro_children: Vec<TreeID> =
            if parent == store.root_id().0 || parent == store.inbox_id().0 {
                let inbox = parent == store.inbox_id().0;
                let mut top = Vec::new();
                for n in doc.tree.roots() {
                    let f = doc.fields(n)?;
                    if f.in_inbox == inbox {
                        top.push(n);
                    }
                }
                top
            } else {
                let uuid: Option<String> = self
                    .conn
                    .prepare_cached("SELECT uuid FROM pearls WHERE id = ?1")?
                    .query_row([parent], |r| r.get(0))
                    .optional()?
                    .flatten();
                let node = match uuid {
                    Some(u) => super::doc::node_of(self.conn, &u)?,
                    None => None,
                };
                match node {
                    Some(n) => doc.tree.children(TreeParentId::Node(n)).unwrap_or_default(),
                    None => Vec::new(),
                }
            };
        let mut wanted: Vec<i64> = Vec::with_capacity(loro_children.len());
        for n in loro_children {
            if let Some(&id) = self.rows_of_nodes.get(&n) {
                wanted.push(id);
                continue;
            }
            let uuid: Option<String> = self
                .conn
                .prepare_cached("SELECT uuid FROM sync_nodes WHERE node = ?1")?
                .query_row([n.to_string()], |r| r.get(0))
                .optional()?;
            if let Some(u) = uuid
                && let Some(id) = self.row_id(&u)?
            {
                wanted.push(id);
            }
        }
        let current: Vec<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, order_key FROM pearls WHERE parent_id = ?1 ORDER BY order_key",
            )?
            .query_map([parent], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let wanted_set: HashSet<i64> = wanted.iter().copied().collect();
        let present: HashSet<i64> = current.iter().map(|(id, _)| *id).collect();
        let mut in_order = wanted.into_iter().filter(|id| present.contains(id));
        // Pearls the document does not place here (the Inbox at the top) keep their slot; the
        // document's pearls fill the others in its order.
        let order: Vec<i64> = current
            .iter()
            .map(|(id, _)| {
                if wanted_set.contains(id) {
                    in_order.next().unwrap_or(*id)
                } else {
                    *id
                }
            })
            .collect();
        let same = current.iter().map(|(id, _)| *id).eq(order.iter().copied())
            && !current.iter().any(|(_, k)| k.starts_with('~'));
        if same {
            return Ok(());
        }
        // Off the keys handed out below (which never start with '~'): a row already parked
        // or placed with a `~` key cannot collide with them.
        for (id, key) in &current {
            if !key.starts_with('~') {
                park(self.conn, *id)?;
            }
        }
        let keys = order_key::n_between(None, None, order.len())?;
        for (id, key) in order.iter().zip(keys) {
            self.conn
                .prepare_cached("UPDATE pearls SET order_key = ?1 WHERE id = ?2")?
                .execute(params![key, id])?;
        }
        Ok(())
    }

    /// Keeps the values of tracked fields that lost to a concurrent edit.
    fn record_conflicts(&self, id: i64, f: &NodeFields) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM sync_conflicts WHERE pearl_id = ?1")?
            .execute([id])?;
        for ((field, device), (value, at, name)) in &f.by {
            if !TRACKED_FIELDS.contains(&field.as_str()) || &f.field(field) == value {
                continue;
            }
            let who = if device == self.my_device {
                format!("{name} (this device)")
            } else {
                name.clone()
            };
            self.conn
                .prepare_cached(
                    "INSERT OR REPLACE INTO sync_conflicts (pearl_id, field, device, value, at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![id, field, who, value, at])?;
        }
        Ok(())
    }
}

/// Moves a row's key out of the way of the keys handed out again (as `store::edit` parks).
fn park(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE pearls SET order_key = '~' || id WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Writes a page's details from a node's JSON; the favicon is linked, and first taken from
/// the document when this library does not have it yet.
fn write_details(conn: &Connection, doc: &SyncDoc, id: i64, json: &str) -> Result<()> {
    let source = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("faviconUrl")?.as_str().map(str::to_owned));
    if let Some(source) = source {
        take_favicon(conn, doc, &source)?;
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO page_details (pearl_id, final_url, http_status, title, description,
            site_name, image_url, favicon_id, favicon_url, fetched_at, error, outcome, moved_to)
         SELECT ?1, j ->> 'finalUrl', j ->> 'httpStatus', j ->> 'title', j ->> 'description',
                j ->> 'siteName', j ->> 'imageUrl',
                (SELECT f.id FROM favicons f WHERE f.source_url = j ->> 'faviconUrl'),
                j ->> 'faviconUrl', j ->> 'fetchedAt', j ->> 'error', j ->> 'outcome', j ->> 'movedTo'
         FROM (SELECT json(?2) AS j)",
    )?
    .execute(params![id, json])?;
    Ok(())
}

/// Copies the favicon image at `source` from the document into the library, if it travelled
/// and the library does not have it.
fn take_favicon(conn: &Connection, doc: &SyncDoc, source: &str) -> Result<()> {
    let here: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM favicons WHERE source_url = ?1)")?
        .query_row([source], |r| r.get(0))?;
    if here {
        return Ok(());
    }
    let Some(LoroValue::List(icon)) = doc.favicons().get(source).and_then(|v| v.into_value().ok())
    else {
        return Ok(());
    };
    let (Some(LoroValue::String(mime)), Some(LoroValue::Binary(data)), Some(LoroValue::I64(at))) =
        (icon.first(), icon.get(1), icon.get(2))
    else {
        return Ok(());
    };
    if data.len() > MAX_FAVICON_BYTES || !mime.starts_with("image/") {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO favicons (source_url, mime, data, fetched_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![source, mime.as_str(), &data[..], at])?;
    Ok(())
}
