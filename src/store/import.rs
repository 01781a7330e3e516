//! Adding an imported tree to the library: in one transaction, as one undoable step, never
//! aborted by one bad entry, and reported.
//!
//! The tree is built inside the limbo, then its top collection is moved into place as the one
//! recorded edit: undo takes the whole import away in one step, whatever its size, and an
//! interrupted import leaves nothing behind (the transaction never committed).

use std::collections::{HashMap, HashSet};

use rusqlite::{Transaction, params};
use serde::Serialize;

use super::parsed_urls::ParsedUrls;
use super::tree::{Place, ancestry};
use super::{Store, order_key};
use crate::error::Result;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::formats::ReadOptions;
use crate::formats::tree::{Counts, Icon, ImportedTree, Node, NodeKind, Skipped};
use crate::model::{LinkUrl, Millis, PearlId, Tag, now_millis};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportReport {
    /// The collection the import landed in.
    pub collection: PearlId,
    /// Its title.
    pub collection_title: String,
    /// What was added, by kind (the import's own collection not counted).
    pub imported: Counts,
    /// Entries left out, with where they were and why (the importer's and the store's).
    pub skipped: Vec<Skipped>,
    /// How many imported links point at a page that was already in the library.
    pub already_in_library: usize,
    /// Links kept but never fetched (`javascript:`, `data:`, `file:`, `mailto:`, ...).
    pub never_fetched: Vec<crate::formats::never_fetched::NeverFetched>,
    /// What the import kept as tags and notes.
    pub kept: crate::formats::kept::Kept,
}

/// One pearl-to-insert whose order key is decided but which must wait (aliases wait for every
/// collection to exist).
struct Pending<'a> {
    parent: PearlId,
    key: String,
    node: &'a Node,
    location: String,
    /// The origin of the sibling before it (for its base).
    after: Option<&'a str>,
}

struct Inserter<'t, 'c> {
    tx: &'t Transaction<'c>,
    now: Millis,
    counts: Counts,
    skipped: Vec<Skipped>,
    by_key: HashMap<&'t str, PearlId>,
    /// Normalised URL → the links that had it before the import.
    existing_urls: HashMap<String, Vec<PearlId>>,
    duplicate_candidates: Vec<String>,
    /// Icons already stored by this import, by their base64 text: browsers repeat one site's
    /// icon on every bookmark of that site.
    icons: HashMap<&'t str, i64>,
    /// The caller's progress callback and cancel flag, with the nodes done and in all.
    options: &'t ReadOptions<'t>,
    done: u64,
    total: u64,
    /// The tree the pearls come from (the UUID of the exported collection, when the source is
    /// one tree from a Nacre library), recorded as each imported pearl's origin.
    origin_tree: Option<&'t str>,
    /// Whether each pearl with an origin gets its base (`origin_base`, the curator's values as
    /// imported) in the same insert: an import of a shared tree.
    bases: bool,
    /// The origin of the sibling before the pearl being inserted: a base names it (the
    /// curator's order).
    after: Option<&'t str>,
    /// The links' URLs, parsed ahead on a second thread when the whole tree is imported.
    urls: ParsedUrls,
}

/// The `origin_base` JSON of a pearl as inserted, the shape `update::base::Base` reads
/// (written here from borrowed values, in the insert, rather than by a second pass over the
/// rows). Its parent, title, note and URL are left out: the row holds them, and they are
/// written in before the recipient changes one (migration 0010).
#[derive(Serialize)]
struct BaseJson<'a> {
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
}

/// How many nodes are inserted between two progress reports.
const PROGRESS_EVERY: u64 = 2048;

/// Titles are one line; sources sometimes wrap them.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A node's title as it will be stored: a user's title as written (when it is one line), any
/// other title on one line with its white space collapsed.
pub(super) fn node_title(node: &Node) -> String {
    if node.title_is_user && !node.title.contains(['\n', '\r']) {
        node.title.clone()
    } else {
        one_line(&node.title)
    }
}

impl Store {
    /// Adds `tree` as a new collection titled `title` at the end of the collection `into`.
    ///
    /// Links whose URL is not a valid absolute URL, aliases whose target is not in the tree,
    /// and aliases that would stand inside their own target are skipped and reported; the
    /// rest is imported.
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] if `into` is not a collection in the tree; [`crate::Error::Sqlite`].
    /// Nothing is changed then.
    pub fn import_tree(
        &self,
        tree: &ImportedTree,
        into: PearlId,
        title: &str,
    ) -> Result<ImportReport> {
        self.import_tree_with(tree, into, title, &ReadOptions::default())
    }

    /// [`Store::import_tree`], reporting progress (nodes inserted of nodes in the tree) and
    /// stopping when `options.cancel` is set: the transaction is then rolled back and the
    /// library is exactly as before.
    ///
    /// # Errors
    /// As [`Store::import_tree`], and [`crate::Error::Cancelled`].
    pub fn import_tree_with(
        &self,
        tree: &ImportedTree,
        into: PearlId,
        title: &str,
        options: &ReadOptions<'_>,
    ) -> Result<ImportReport> {
        let title = {
            let t = one_line(title);
            if t.is_empty() {
                "Imported bookmarks".to_owned()
            } else {
                t
            }
        };
        let label = format!("Import {}", tree.source);
        let mut large = false;
        let imported = self.edit(&label, |tx, rec| {
            std::thread::scope(|scope| {
                self.check_target_collection(tx, into)?;
                let now = now_millis();
                let mut existing_urls: HashMap<String, Vec<PearlId>> = HashMap::new();
                {
                    let mut stmt = tx.prepare(
                        "SELECT id, url_normalized FROM pearls WHERE url_normalized IS NOT NULL",
                    )?;
                    for row in
                        stmt.query_map([], |r| Ok((PearlId(r.get(0)?), r.get::<_, String>(1)?)))?
                    {
                        let (id, url) = row?;
                        existing_urls.entry(url).or_default().push(id);
                    }
                }
                let origin_tree = match tree.roots.as_slice() {
                    [one] => one.uuid.as_deref(),
                    _ => None,
                };
                let mut ins = Inserter {
                    tx,
                    now,
                    counts: Counts::default(),
                    skipped: tree.skipped.clone(),
                    by_key: HashMap::new(),
                    existing_urls,
                    duplicate_candidates: Vec::new(),
                    icons: HashMap::new(),
                    options,
                    done: 0,
                    total: {
                        let c = tree.count();
                        (c.collections + c.links + c.notes + c.sections + c.aliases) as u64
                    },
                    origin_tree,
                    bases: tree.shared.is_some() && origin_tree.is_some(),
                    after: None,
                    urls: ParsedUrls::start(scope, &tree.roots),
                };
                // Index the import in one statement at the end instead of row by row.
                tx.execute("INSERT INTO search_paused (paused) VALUES (1)", [])?;
                // Links land at random places in the URL index, and a shared tree's pearls wherever
                // their curator's UUIDs fall in the origin index (sorting it at the end saved 0.2 s
                // of a 100k page's import).
                let mut indexes = vec![URL_INDEX];
                if origin_tree.is_some() {
                    indexes.push(ORIGIN_INDEX);
                }
                let set_aside = super::bulk::SetAside::for_import(tx, &indexes, ins.total)?;
                large = set_aside.is_large();
                let first_new_id: i64 =
                    tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM pearls", [], |r| {
                        r.get(0)
                    })?;
                let limbo = self.limbo_id();
                let limbo_last = super::sibling_keys::last_key(tx, limbo)?;
                let top_key = order_key::between(limbo_last.as_deref(), None)?;
                let top = ins.insert_row(
                    limbo,
                    &top_key,
                    &RowDraft {
                        kind: "collection",
                        title: &title,
                        note: "",
                        url: None,
                        alias_target: None,
                        created: now,
                        modified: now,
                        title_is_user: false,
                        origin_uuid: None,
                        tags: &[],
                    },
                )?;
                let pending = ins.insert_children(top, &tree.roots, "")?;
                for alias in pending {
                    ins.insert_alias(&alias)?;
                }
                let already_in_library = ins.count_present_in_tree(self)?;
                set_aside.put_back(tx, first_new_id)?;
                if let Some(shared) = &tree.shared {
                    super::provenance::record_shared_import(tx, tree, shared, top, now)?;
                }
                super::search::index_rows_from(tx, first_new_id)?;
                tx.execute("DELETE FROM search_paused", [])?;
                // The one recorded change: the finished tree moves out of the limbo into place.
                rec.touch(tx, top)?;
                let last = super::sibling_keys::last_key(tx, into)?;
                let key = order_key::between(last.as_deref(), None)?;
                tx.execute(
                    "UPDATE pearls SET parent_id = ?1, order_key = ?2 WHERE id = ?3",
                    params![into.0, key, top.0],
                )?;
                Ok(ImportReport {
                    collection: top,
                    collection_title: title.clone(),
                    imported: ins.counts,
                    skipped: ins.skipped,
                    already_in_library,
                    never_fetched: crate::formats::never_fetched::never_fetched(tree),
                    kept: crate::formats::kept::kept(tree),
                })
            })
        });
        if large {
            self.end_large_write();
        }
        imported
    }
}

/// The index of links' normalised URLs, where each new link lands at a random place.
const URL_INDEX: &str = "pearls_url_normalized";

/// The index of imported pearls' origins (the tree and the pearl's UUID there).
const ORIGIN_INDEX: &str = "pearls_origin";

/// Inserts `node` (and everything below it) under `parent` at order key `key`, as a pearl of the
/// shared tree `origin_tree`: what an update adds. Aliases in it may only point inside it.
/// Returns the ids of the new rows, first to last, and what was skipped.
pub(super) fn insert_shared_node(
    tx: &Transaction<'_>,
    parent: PearlId,
    key: String,
    node: &Node,
    origin_tree: &str,
    location: &str,
) -> Result<(Vec<PearlId>, Vec<Skipped>)> {
    let first_new_id: i64 =
        tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM pearls", [], |r| {
            r.get(0)
        })?;
    let options = ReadOptions::default();
    let mut ins = Inserter {
        tx,
        now: now_millis(),
        counts: Counts::default(),
        skipped: Vec::new(),
        by_key: HashMap::new(),
        existing_urls: HashMap::new(),
        duplicate_candidates: Vec::new(),
        icons: HashMap::new(),
        options: &options,
        done: 0,
        total: 0,
        origin_tree: Some(origin_tree),
        bases: false,
        after: None,
        urls: ParsedUrls::none(),
    };
    let pending = ins.insert_levels(vec![(
        parent,
        std::slice::from_ref(node),
        location.to_owned(),
        Some(vec![key]),
    )])?;
    for alias in pending {
        ins.insert_alias(&alias)?;
    }
    let ids = tx
        .prepare("SELECT id FROM pearls WHERE id >= ?1 ORDER BY id")?
        .query_map([first_new_id], |r| r.get(0).map(PearlId))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((ids, ins.skipped))
}

/// One row to insert, with everything but its place.
struct RowDraft<'a> {
    kind: &'static str,
    title: &'a str,
    note: &'a str,
    url: Option<&'a LinkUrl>,
    alias_target: Option<PearlId>,
    created: Millis,
    modified: Millis,
    title_is_user: bool,
    /// The pearl's UUID in the tree it came from, if the source says (Nacre's own files do).
    origin_uuid: Option<&'a str>,
    /// The node's tags as the source gave them (for the base; the tags are inserted apart).
    tags: &'a [String],
}

impl<'a> RowDraft<'a> {
    /// A draft of `kind` from `node`, titled `title`, with the node's note, dates and origin.
    fn of(kind: &'static str, node: &'a Node, title: &'a str, now: Millis) -> RowDraft<'a> {
        let created = node.created_at.unwrap_or(now);
        RowDraft {
            kind,
            title,
            note: &node.note,
            url: None,
            alias_target: None,
            created,
            modified: node.modified_at.unwrap_or(created),
            title_is_user: node.title_is_user,
            origin_uuid: node.uuid.as_deref(),
            tags: &node.tags,
        }
    }
}

/// Where one node goes, and where it was in the source (for the report).
struct Slot<'p> {
    parent: PearlId,
    key: String,
    path: &'p str,
    index: usize,
}

impl Slot<'_> {
    fn location(&self) -> String {
        if self.path.is_empty() {
            format!("item {}", self.index + 1)
        } else {
            format!("{} › item {}", self.path, self.index + 1)
        }
    }
}

/// Collections still to fill: (collection, its nodes, its path in the source, and the nodes'
/// order keys when they are given rather than made).
type Stack<'t> = Vec<(PearlId, &'t [Node], String, Option<Vec<String>>)>;

impl<'t> Inserter<'t, '_> {
    fn insert_row(&mut self, parent: PearlId, key: &str, row: &RowDraft<'_>) -> Result<PearlId> {
        let origin_tree = row.origin_uuid.and(self.origin_tree);
        let base = match origin_tree.and(row.origin_uuid) {
            Some(_) if self.bases => Some(self.base_json(row)?),
            _ => None,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO pearls (kind, parent_id, order_key, title, note, url, url_normalized,
                                     alias_target_id, created_at, modified_at, title_is_user,
                                     uuid, origin_tree, origin_uuid, origin_base)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                row.kind,
                parent.0,
                key,
                row.title,
                row.note,
                row.url.map(LinkUrl::as_str),
                row.url.map(LinkUrl::normalized),
                row.alias_target.map(|t| t.0),
                row.created,
                row.modified,
                row.title_is_user,
                super::identity::new_uuid(),
                origin_tree,
                origin_tree.and(row.origin_uuid),
                base,
            ])?;
        Ok(PearlId(self.tx.last_insert_rowid()))
    }

    /// The base of `row`: its tags as stored (valid, once each, alphabetical) and the sibling
    /// before it, as `provenance::record_bases_from` writes them; its parent, title, note and
    /// URL are the row's own.
    fn base_json(&self, row: &RowDraft<'_>) -> Result<String> {
        let tags: Vec<Tag> = row.tags.iter().filter_map(|t| Tag::new(t).ok()).collect();
        let mut tags: Vec<&str> = tags.iter().map(Tag::as_str).collect();
        tags.sort_unstable();
        tags.dedup();
        serde_json::to_string(&BaseJson {
            tags,
            after: self.after,
        })
        .map_err(|e| crate::Error::Invalid(format!("cannot record the curator's values: {e}")))
    }

    fn insert_tags(&mut self, id: PearlId, tags: &[String]) -> Result<()> {
        let mut seen = HashSet::new();
        for tag in tags.iter().filter_map(|t| Tag::new(t).ok()) {
            if seen.insert(tag.as_str().to_owned()) {
                self.tx
                    .prepare_cached("INSERT INTO pearl_tags (pearl_id, tag) VALUES (?1, ?2)")?
                    .execute(params![id.0, tag.as_str()])?;
            }
        }
        Ok(())
    }

    /// Inserts `nodes` under `parent` and, depth-first, everything below them; returns the
    /// aliases, which wait until every collection exists.
    fn insert_children(
        &mut self,
        parent: PearlId,
        nodes: &'t [Node],
        path: &str,
    ) -> Result<Vec<Pending<'t>>> {
        self.insert_levels(vec![(parent, nodes, path.to_owned(), None)])
    }

    /// Inserts what `stack` holds and, depth-first, everything below it.
    fn insert_levels(&mut self, mut stack: Stack<'t>) -> Result<Vec<Pending<'t>>> {
        let mut pending = Vec::new();
        while let Some((parent, nodes, path, given_keys)) = stack.pop() {
            let keys = match given_keys {
                Some(keys) => keys,
                None => order_key::n_between(None, None, nodes.len())?,
            };
            let mut after = None;
            for (index, (node, key)) in nodes.iter().zip(keys).enumerate() {
                self.after = after;
                self.done += 1;
                if self.done.is_multiple_of(PROGRESS_EVERY) {
                    self.options.tick(self.done, self.total)?;
                }
                let slot = Slot {
                    parent,
                    key,
                    path: &path,
                    index,
                };
                let id = match &node.kind {
                    NodeKind::Collection { children } => {
                        self.insert_collection(&slot, node, children, &mut stack)?
                    }
                    NodeKind::Link { url } => self.insert_link(&slot, node, url)?,
                    NodeKind::Note => self.insert_note(&slot, node)?,
                    NodeKind::Section => {
                        let title = node_title(node);
                        let row = RowDraft::of("section", node, &title, self.now);
                        self.counts.sections += 1;
                        Some(self.insert_row(slot.parent, &slot.key, &row)?)
                    }
                    NodeKind::Alias { .. } => {
                        pending.push(Pending {
                            location: slot.location(),
                            parent: slot.parent,
                            key: slot.key,
                            node,
                            after,
                        });
                        after = node.uuid.as_deref().or(after);
                        None
                    }
                };
                let Some(id) = id else { continue };
                after = node.uuid.as_deref().or(after);
                self.insert_tags(id, &node.tags)?;
                if node.icon.is_some() || node.details.is_some() {
                    self.insert_details(id, node)?;
                }
            }
        }
        Ok(pending)
    }

    /// A collection, whose children go on the stack.
    fn insert_collection(
        &mut self,
        slot: &Slot<'_>,
        node: &'t Node,
        children: &'t [Node],
        stack: &mut Stack<'t>,
    ) -> Result<Option<PearlId>> {
        let title = node_title(node);
        let name = if title.is_empty() {
            "Untitled".to_owned()
        } else {
            title
        };
        let id = self.insert_row(
            slot.parent,
            &slot.key,
            &RowDraft::of("collection", node, &name, self.now),
        )?;
        self.counts.collections += 1;
        if let Some(k) = &node.key {
            self.by_key.insert(k.as_str(), id);
        }
        let child_path = if slot.path.is_empty() {
            name
        } else {
            format!("{}/{name}", slot.path)
        };
        stack.push((id, children, child_path, None));
        Ok(Some(id))
    }

    /// A link, or a skipped entry when its URL is not one.
    fn insert_link(
        &mut self,
        slot: &Slot<'_>,
        node: &'t Node,
        url: &str,
    ) -> Result<Option<PearlId>> {
        let title = node_title(node);
        let parsed = match self.urls.parse(node, url) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.skipped.push(Skipped {
                    location: slot.location(),
                    what: if title.is_empty() {
                        url.to_owned()
                    } else {
                        title
                    },
                    reason: e.to_string(),
                });
                return Ok(None);
            }
        };
        let row = RowDraft {
            url: Some(&parsed),
            ..RowDraft::of("link", node, &title, self.now)
        };
        let id = self.insert_row(slot.parent, &slot.key, &row)?;
        self.counts.links += 1;
        if self.existing_urls.contains_key(parsed.normalized()) {
            self.duplicate_candidates
                .push(parsed.normalized().to_owned());
        }
        Ok(Some(id))
    }

    /// A note (its text is the node's note, or else its title), or a skipped entry when empty.
    fn insert_note(&mut self, slot: &Slot<'_>, node: &'t Node) -> Result<Option<PearlId>> {
        let text = if node.note.trim().is_empty() {
            node.title.trim()
        } else {
            node.note.trim()
        };
        if text.is_empty() {
            self.skipped.push(Skipped {
                location: slot.location(),
                what: "a note".to_owned(),
                reason: "the note is empty".to_owned(),
            });
            return Ok(None);
        }
        let title = if node.note.trim().is_empty() {
            String::new()
        } else {
            node_title(node)
        };
        let row = RowDraft {
            note: text,
            ..RowDraft::of("note", node, &title, self.now)
        };
        let id = self.insert_row(slot.parent, &slot.key, &row)?;
        self.counts.notes += 1;
        Ok(Some(id))
    }

    /// Stores a node's page details and icon. An icon given as data is stored in the library
    /// (shared by every pearl with the same image); one given as a URL is only recorded.
    fn insert_details(&mut self, id: PearlId, node: &'t Node) -> Result<()> {
        let details = node.details.clone().unwrap_or_default();
        let mut favicon_url = details.favicon_url.clone();
        let mut favicon_id = None;
        match &node.icon {
            Some(Icon::Data { mime, base64 }) => {
                if let Some(&id) = self.icons.get(base64.as_str()) {
                    favicon_id = Some(id);
                } else if let Ok(bytes) = BASE64.decode(base64.trim()) {
                    let id = super::details::store_favicon(self.tx, mime, &bytes, self.now)?;
                    self.icons.insert(base64.as_str(), id);
                    favicon_id = Some(id);
                }
            }
            Some(Icon::Url { url }) => favicon_url = favicon_url.or_else(|| Some(url.clone())),
            None => {}
        }
        self.tx
            .prepare_cached(
                "INSERT INTO page_details (pearl_id, final_url, http_status, title, description, site_name,
                                           image_url, favicon_id, fetched_at, error, favicon_url)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                id.0,
                details.final_url,
                details.http_status,
                details.title,
                details.description,
                details.site_name,
                details.image_url,
                favicon_id,
                details.fetched_at,
                details.error,
                favicon_url
            ])?;
        Ok(())
    }

    fn insert_alias(&mut self, alias: &Pending<'t>) -> Result<()> {
        let NodeKind::Alias { target_key } = &alias.node.kind else {
            return Ok(());
        };
        let what = if alias.node.title.is_empty() {
            format!("alias of {target_key}")
        } else {
            node_title(alias.node)
        };
        let Some(&target) = self.by_key.get(target_key.as_str()) else {
            self.skipped.push(Skipped {
                location: alias.location.clone(),
                what,
                reason: format!(
                    "it points at {target_key:?}, which is not a collection in this file"
                ),
            });
            return Ok(());
        };
        if ancestry(self.tx, alias.parent)?.contains(&target) {
            self.skipped.push(Skipped {
                location: alias.location.clone(),
                what,
                reason: "it stands inside the collection it points at".to_owned(),
            });
            return Ok(());
        }
        // An alias without a title of its own shows its collection's title, as it is now.
        let title = node_title(alias.node);
        let row = RowDraft {
            alias_target: Some(target),
            ..RowDraft::of("alias", alias.node, &title, self.now)
        };
        self.after = alias.after;
        let id = self.insert_row(alias.parent, &alias.key, &row)?;
        self.counts.aliases += 1;
        self.insert_tags(id, &alias.node.tags)
    }

    /// How many of the imported links' pages were already in the tree before the import.
    fn count_present_in_tree(&self, store: &Store) -> Result<usize> {
        let mut present: HashMap<&str, bool> = HashMap::new();
        for url in &self.duplicate_candidates {
            if present.contains_key(url.as_str()) {
                continue;
            }
            let mut in_tree = false;
            for &id in self
                .existing_urls
                .get(url)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if store.place_in(self.tx, id)? == Place::Tree {
                    in_tree = true;
                    break;
                }
            }
            present.insert(url, in_tree);
        }
        Ok(self
            .duplicate_candidates
            .iter()
            .filter(|u| present.get(u.as_str()) == Some(&true))
            .count())
    }
}
