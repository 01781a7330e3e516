//! Adding an imported tree to the library: in one transaction, as one undoable step, never
//! aborted by one bad entry, and reported.
//!
//! The tree is built inside the limbo, then its top collection is moved into place as the one
//! recorded edit: undo takes the whole import away in one step, whatever its size, and an
//! interrupted import leaves nothing behind (the transaction never committed).

mod inserter;

use std::collections::HashMap;

use rusqlite::{Transaction, params};
use serde::Serialize;

use super::parsed_urls::ParsedUrls;
use super::{Store, order_key};
use crate::error::Result;
use crate::formats::ReadOptions;
use crate::formats::tree::{Counts, ImportedTree, Node, Skipped};
use crate::model::{PearlId, now_millis};
pub(super) use inserter::node_title;
use inserter::{Inserter, RowDraft, one_line};

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
