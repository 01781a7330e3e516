//! The rows of an imported tree, inserted one node at a time: collections depth-first, links
//! with their parsed URLs, notes, sections, aliases once every collection exists, each pearl's
//! tags, page details and icon, and the curator's values (its base) for a shared tree.

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::error::Result;
use crate::formats::ReadOptions;
use crate::formats::tree::{Counts, Icon, Node, NodeKind, Skipped};
use crate::model::{LinkUrl, Millis, PearlId, Tag};
use crate::store::Store;
use crate::store::order_key;
use crate::store::parsed_urls::ParsedUrls;
use crate::store::tree::{Place, ancestry};

/// One pearl-to-insert whose order key is decided but which must wait (aliases wait for every
/// collection to exist).
pub(super) struct Pending<'a> {
    pub(super) parent: PearlId,
    pub(super) key: String,
    pub(super) node: &'a Node,
    pub(super) location: String,
    /// The origin of the sibling before it (for its base).
    pub(super) after: Option<&'a str>,
}

pub(super) struct Inserter<'t, 'c> {
    pub(super) tx: &'t Transaction<'c>,
    pub(super) now: Millis,
    pub(super) counts: Counts,
    pub(super) skipped: Vec<Skipped>,
    pub(super) by_key: HashMap<&'t str, PearlId>,
    /// Normalised URL → the links that had it before the import.
    pub(super) existing_urls: HashMap<String, Vec<PearlId>>,
    pub(super) duplicate_candidates: Vec<String>,
    /// Icons already stored by this import, by their base64 text: browsers repeat one site's
    /// icon on every bookmark of that site.
    pub(super) icons: HashMap<&'t str, i64>,
    /// The caller's progress callback and cancel flag, with the nodes done and in all.
    pub(super) options: &'t ReadOptions<'t>,
    pub(super) done: u64,
    pub(super) total: u64,
    /// The tree the pearls come from (the UUID of the exported collection, when the source is
    /// one tree from a Nacre library), recorded as each imported pearl's origin.
    pub(super) origin_tree: Option<&'t str>,
    /// Whether each pearl with an origin gets its base (`origin_base`, the curator's values as
    /// imported) in the same insert: an import of a shared tree.
    pub(super) bases: bool,
    /// The origin of the sibling before the pearl being inserted: a base names it (the
    /// curator's order).
    pub(super) after: Option<&'t str>,
    /// The links' URLs, parsed ahead on a second thread when the whole tree is imported.
    pub(super) urls: ParsedUrls,
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
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A node's title as it will be stored: a user's title as written (when it is one line), any
/// other title on one line with its white space collapsed.
pub(in crate::store) fn node_title(node: &Node) -> String {
    if node.title_is_user && !node.title.contains(['\n', '\r']) {
        node.title.clone()
    } else {
        one_line(&node.title)
    }
}

/// One row to insert, with everything but its place.
pub(super) struct RowDraft<'a> {
    pub(super) kind: &'static str,
    pub(super) title: &'a str,
    pub(super) note: &'a str,
    pub(super) url: Option<&'a LinkUrl>,
    pub(super) alias_target: Option<PearlId>,
    pub(super) created: Millis,
    pub(super) modified: Millis,
    pub(super) title_is_user: bool,
    /// The pearl's UUID in the tree it came from, if the source says (Nacre's own files do).
    pub(super) origin_uuid: Option<&'a str>,
    /// The node's tags as the source gave them (for the base; the tags are inserted apart).
    pub(super) tags: &'a [String],
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
    pub(super) fn insert_row(
        &mut self,
        parent: PearlId,
        key: &str,
        row: &RowDraft<'_>,
    ) -> Result<PearlId> {
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
                crate::store::identity::new_uuid(),
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
    pub(super) fn insert_children(
        &mut self,
        parent: PearlId,
        nodes: &'t [Node],
        path: &str,
    ) -> Result<Vec<Pending<'t>>> {
        self.insert_levels(vec![(parent, nodes, path.to_owned(), None)])
    }

    /// Inserts what `stack` holds and, depth-first, everything below it.
    pub(super) fn insert_levels(&mut self, mut stack: Stack<'t>) -> Result<Vec<Pending<'t>>> {
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
                    let id = crate::store::details::store_favicon(self.tx, mime, &bytes, self.now)?;
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

    pub(super) fn insert_alias(&mut self, alias: &Pending<'t>) -> Result<()> {
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
    pub(super) fn count_present_in_tree(&self, store: &Store) -> Result<usize> {
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
