//! The Loro document devices exchange, and how a pearl is written in it.
//!
//! One movable tree (`pearls`, fractional index on) holds every synced pearl as a node; the
//! node's meta map holds the pearl's fields, keyed flat so that every change of a pearl is a
//! change of its own node's map:
//!
//! | key | value |
//! |---|---|
//! | `uuid` | the pearl's UUID (the key every device knows it by) |
//! | `kind`, `title`, `userTitle`, `note`, `url`, `alias` (target UUID) | the pearl's fields |
//! | `created`, `modified`, `originTree`, `originUuid` | the same as in the library file |
//! | `tag:NAME` | `true`: tags as a set (adding and removing different tags both hold) |
//! | `trashed` | in the trash (the node stays where it would be restored to) |
//! | `gone` | emptied from the trash, still undoable; the node leaves the tree when purged |
//! | `top` | `"inbox"` for a node at the tree's top that belongs in the Inbox |
//! | `details` | what a fetch read from the page, as JSON |
//! | `by:FIELD:DEVICE` | `[value, millis, device name]`: the last value DEVICE typed in FIELD |
//!
//! Favicon images travel beside the tree, once each, in the map `favicons`: the key is the
//! image's source URL (what a node's `details` names as `faviconUrl`), the value `[mime,
//! bytes, fetched at]`.
//!
//! The built-in collections are not nodes: a node at the top of the Loro tree stands in the
//! root (or, with `top = "inbox"`, in the Inbox), so every device's root, trash and Inbox are
//! the same, never doubled. Each device keeps its copy of the document in its library
//! (`sync_doc_parts`: a snapshot and the updates since, under a stamp that changes with
//! them) and which node is which pearl (`sync_nodes`); an open library keeps the document of
//! its last round in memory for the next while the stamp holds.

use std::collections::{BTreeMap, BTreeSet};

use loro::{ExportMode, LoroDoc, LoroMap, LoroTree, LoroValue, TreeID, VersionVector};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::store::Store;

/// The name of the tree in the document.
const TREE: &str = "pearls";
/// The name of the map of favicon images in the document.
const FAVICONS: &str = "favicons";
/// The largest favicon image that travels (larger ones are fetched again where needed).
pub(crate) const MAX_FAVICON_BYTES: usize = 64 * 1024;
/// How many stored parts make the library compact its copy of the document into one snapshot.
const PARTS_BEFORE_COMPACTION: i64 = 24;
/// An update part larger than this is stored as a snapshot instead.
const LARGEST_PART: usize = 1 << 20;

/// A Loro failure, as the core's error.
pub(crate) fn loro_error(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("sync document: {e}"))
}

/// This library's copy of the shared document.
pub(crate) struct SyncDoc {
    pub doc: LoroDoc,
    pub tree: LoroTree,
    /// The version as it was stored in the library, to store only what is new.
    stored: VersionVector,
    /// The library's stamp for the stored parts that `stored` is the version of (`None`: the
    /// library has none yet).
    stamp: Option<String>,
}

/// The document of the last round on a library, kept in memory (with the library's `Store`)
/// under the stamp of the parts it equals: the window runs a round shortly after each edit,
/// and reading a 100,000-pearl document from its parts again would be most of a small round.
/// Taken out while a round runs, put back only once the round's transaction committed.
struct KeptDoc {
    stamp: String,
    doc: LoroDoc,
}

impl SyncDoc {
    /// Loads the library's copy of the document, with a fresh random peer id: every writer of
    /// the document (each sync round) is a peer of its own, never one reused. The document
    /// this process kept from its last round is used when the library still holds the parts
    /// it was kept with.
    pub(crate) fn load(store: &Store, conn: &Connection) -> Result<SyncDoc> {
        let stamp: Option<String> = conn
            .query_row("SELECT doc_stamp FROM sync_config", [], |r| r.get(0))
            .optional()?
            .flatten();
        let kept = store
            .take_kept::<KeptDoc>()
            .filter(|kept| stamp.as_ref() == Some(&kept.stamp))
            .map(|kept| kept.doc);
        let doc = match kept {
            Some(doc) => doc,
            None => {
                let doc = LoroDoc::new();
                let parts: Vec<Vec<u8>> = conn
                    .prepare("SELECT bytes FROM sync_doc_parts ORDER BY id")?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                if !parts.is_empty() {
                    doc.import_batch(&parts).map_err(loro_error)?;
                }
                doc
            }
        };
        doc.set_peer_id(fresh_peer_id()).map_err(loro_error)?;
        let tree = doc.get_tree(TREE);
        tree.enable_fractional_index(0);
        let stored = doc.oplog_vv();
        Ok(SyncDoc {
            doc,
            tree,
            stored,
            stamp,
        })
    }

    /// Keeps the document for this process's next round; call it only once what
    /// [`SyncDoc::store`] wrote is committed.
    pub(crate) fn keep(self, store: &Store) {
        if let Some(stamp) = self.stamp {
            store.keep(KeptDoc {
                stamp,
                doc: self.doc,
            });
        }
    }

    /// Stores what is new in the document since it was loaded; returns the snapshot when it
    /// stored the whole (the first time, after many parts, or after a large change: updates
    /// are slow to load, a snapshot loads lazily), which the round can reuse.
    pub(crate) fn store(&mut self, conn: &Connection) -> Result<Option<Vec<u8>>> {
        self.doc.commit();
        let now = self.doc.oplog_vv();
        if now == self.stored {
            return Ok(None);
        }
        let parts: i64 = conn.query_row("SELECT count(*) FROM sync_doc_parts", [], |r| r.get(0))?;
        let update = if parts == 0 || parts >= PARTS_BEFORE_COMPACTION {
            None
        } else {
            Some(
                self.doc
                    .export(ExportMode::updates(&self.stored))
                    .map_err(loro_error)?,
            )
        };
        self.stored = now;
        let stamp = uuid::Uuid::new_v4().simple().to_string();
        conn.execute("UPDATE sync_config SET doc_stamp = ?1", [&stamp])?;
        self.stamp = Some(stamp);
        match update {
            Some(update) if update.len() <= LARGEST_PART => {
                conn.execute("INSERT INTO sync_doc_parts (bytes) VALUES (?1)", [update])?;
                Ok(None)
            }
            _ => {
                let snapshot = self.doc.export(ExportMode::Snapshot).map_err(loro_error)?;
                conn.execute("DELETE FROM sync_doc_parts", [])?;
                conn.execute(
                    "INSERT INTO sync_doc_parts (bytes) VALUES (?1)",
                    [&snapshot],
                )?;
                Ok(Some(snapshot))
            }
        }
    }

    /// The favicon images, by source URL.
    pub(crate) fn favicons(&self) -> LoroMap {
        self.doc.get_map(FAVICONS)
    }

    /// The meta map of a node.
    pub(crate) fn meta(&self, node: TreeID) -> Result<LoroMap> {
        self.tree.get_meta(node).map_err(loro_error)
    }

    /// Whether `node` is in the tree (not deleted, known to this copy).
    pub(crate) fn is_live(&self, node: TreeID) -> bool {
        self.tree.contains(node) && !self.tree.is_node_deleted(&node).unwrap_or(true)
    }

    /// The fields of every live node, read in one pass over the tree (for a round that
    /// takes in many nodes: much cheaper than [`SyncDoc::fields`] node by node).
    pub(crate) fn all_fields(&self) -> std::collections::HashMap<TreeID, NodeFields> {
        let mut out = std::collections::HashMap::new();
        let mut pending: Vec<LoroValue> = match self.tree.get_value_with_meta() {
            LoroValue::List(nodes) => nodes.iter().cloned().collect(),
            _ => Vec::new(),
        };
        while let Some(value) = pending.pop() {
            let LoroValue::Map(node) = value else {
                continue;
            };
            if let Some(LoroValue::List(children)) = node.get("children") {
                pending.extend(children.iter().cloned());
            }
            let id = match node.get("id") {
                Some(LoroValue::String(id)) => TreeID::try_from(id.as_str()).ok(),
                _ => None,
            };
            if let (Some(id), Some(LoroValue::Map(meta))) = (id, node.get("meta")) {
                out.insert(
                    id,
                    NodeFields::from_map(meta.iter().map(|(k, v)| (k.as_str(), v))),
                );
            }
        }
        out
    }

    /// The fields a node holds.
    pub(crate) fn fields(&self, node: TreeID) -> Result<NodeFields> {
        let LoroValue::Map(map) = self.meta(node)?.get_value() else {
            return Ok(NodeFields::default());
        };
        Ok(NodeFields::from_map(
            map.iter().map(|(k, v)| (k.as_str(), v)),
        ))
    }
}

/// A random peer id for one writer of the document.
fn fresh_peer_id() -> u64 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[..8]);
    // Loro reserves u64::MAX.
    u64::from_le_bytes(b) % (u64::MAX - 1)
}

/// The fields of a pearl as a node holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NodeFields {
    pub uuid: String,
    pub kind: String,
    pub title: String,
    pub title_is_user: bool,
    pub note: String,
    pub url: Option<String>,
    pub alias: Option<String>,
    pub in_inbox: bool,
    pub trashed: bool,
    pub gone: bool,
    pub created: i64,
    pub modified: i64,
    pub origin_tree: Option<String>,
    pub origin_uuid: Option<String>,
    pub tags: BTreeSet<String>,
    pub details: Option<String>,
    /// `(field, device id) -> (value, millis, device name)`.
    pub by: BTreeMap<(String, String), (String, i64, String)>,
}

fn text(v: &LoroValue) -> Option<String> {
    match v {
        LoroValue::String(s) => Some(s.to_string()),
        _ => None,
    }
}

fn number(v: &LoroValue) -> i64 {
    match v {
        LoroValue::I64(n) => *n,
        #[allow(clippy::cast_possible_truncation)]
        LoroValue::Double(d) => *d as i64,
        _ => 0,
    }
}

impl NodeFields {
    fn from_map<'a>(entries: impl Iterator<Item = (&'a str, &'a LoroValue)>) -> NodeFields {
        let mut f = NodeFields::default();
        for (key, value) in entries {
            match key {
                "uuid" => f.uuid = text(value).unwrap_or_default(),
                "kind" => f.kind = text(value).unwrap_or_default(),
                "title" => f.title = text(value).unwrap_or_default(),
                "userTitle" => f.title_is_user = matches!(value, LoroValue::Bool(true)),
                "note" => f.note = text(value).unwrap_or_default(),
                "url" => f.url = text(value),
                "alias" => f.alias = text(value),
                "top" => f.in_inbox = text(value).as_deref() == Some("inbox"),
                "trashed" => f.trashed = matches!(value, LoroValue::Bool(true)),
                "gone" => f.gone = matches!(value, LoroValue::Bool(true)),
                "created" => f.created = number(value),
                "modified" => f.modified = number(value),
                "originTree" => f.origin_tree = text(value),
                "originUuid" => f.origin_uuid = text(value),
                "details" => f.details = text(value),
                _ => {
                    if let Some(tag) = key.strip_prefix("tag:") {
                        if matches!(value, LoroValue::Bool(true)) {
                            f.tags.insert(tag.to_owned());
                        }
                    } else if let Some(rest) = key.strip_prefix("by:")
                        && let Some((field, device)) = rest.split_once(':')
                        && let LoroValue::List(list) = value
                    {
                        let get = |i: usize| list.get(i);
                        f.by.insert(
                            (field.to_owned(), device.to_owned()),
                            (
                                get(0).and_then(text).unwrap_or_default(),
                                get(1).map(number).unwrap_or_default(),
                                get(2).and_then(text).unwrap_or_default(),
                            ),
                        );
                    }
                }
            }
        }
        f
    }

    /// The value of a conflict-tracked field.
    pub(crate) fn field(&self, name: &str) -> String {
        match name {
            "title" => self.title.clone(),
            "note" => self.note.clone(),
            _ => self.url.clone().unwrap_or_default(),
        }
    }
}

/// The fields that keep the last value each device typed, so that a concurrent edit's losing
/// value stays visible.
pub(crate) const TRACKED_FIELDS: [&str; 3] = ["title", "note", "url"];

/// The node of a pearl, if it has one.
pub(crate) fn node_of(conn: &Connection, uuid: &str) -> Result<Option<TreeID>> {
    let node: Option<String> = conn
        .prepare_cached("SELECT node FROM sync_nodes WHERE uuid = ?1")?
        .query_row([uuid], |r| r.get(0))
        .optional()?;
    Ok(node.and_then(|n| TreeID::try_from(n.as_str()).ok()))
}

/// Records which node a pearl is.
pub(crate) fn set_node(conn: &Connection, uuid: &str, node: TreeID) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO sync_nodes (uuid, node) VALUES (?1, ?2)")?
        .execute(params![uuid, node.to_string()])?;
    Ok(())
}

/// Forgets a pearl's node (it left the tree).
pub(crate) fn forget_node(conn: &Connection, uuid: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_nodes WHERE uuid = ?1")?
        .execute([uuid])?;
    Ok(())
}
