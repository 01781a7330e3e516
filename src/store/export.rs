//! Reading a collection and everything below it as one format-neutral [`Node`] tree, with
//! everything the library holds about each pearl: kind, order, the stored title and whether the
//! user typed it, note, URL, tags, dates, page details and favicon.
//!
//! It finds the subtree's pearls with one recursive query into a temporary table, then reads
//! pearls, tags, details and favicons with one query each, whatever the subtree's size, and builds the tree without recursion, so a deep tree cannot overflow the stack.
//! Writing the tree to a file is the formats' business (`crate::formats`), not this module's.

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rusqlite::Connection;

use super::{Store, rows};
use crate::error::{Error, Result};
use crate::formats::tree::{Icon, Node, NodeKind};
use crate::model::{Millis, PageDetails, PearlId};

/// One stored pearl row, as read for export.
struct ExportRow {
    kind: String,
    parent: Option<i64>,
    order_key: String,
    title: String,
    title_is_user: bool,
    note: String,
    url: Option<String>,
    alias_target: Option<i64>,
    created_at: Millis,
    modified_at: Millis,
    uuid: Option<String>,
}

/// Fills the connection's temporary table `export_subtree` with the ids of `top` and every
/// pearl below it, so that the queries after it join on it instead of walking the tree again.
fn mark_subtree(conn: &Connection, top: PearlId) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS export_subtree (id INTEGER PRIMARY KEY);
         DELETE FROM export_subtree;",
    )?;
    conn.execute(
        "WITH RECURSIVE sub(id) AS (
           SELECT ?1 UNION ALL SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)
         INSERT INTO export_subtree (id) SELECT id FROM sub",
        [top.0],
    )?;
    Ok(())
}

/// The key an alias uses for a collection of the exported tree: its position in the tree
/// (preorder, the top being 0), so that two exports of the same tree give the same keys.
fn key_for(index: usize) -> String {
    format!("c{index}")
}

impl Store {
    /// The collection `top` and everything below it, as a [`Node`] tree in display order.
    ///
    /// Each node carries the stored title (`title`, possibly empty) and whether the user typed
    /// it (`title_is_user`), the note, tags (alphabetical), creation and modification dates,
    /// page details if any were fetched or imported, and the favicon as [`Icon::Data`].
    /// Collections that an alias in the tree points at get a `key` (`c<preorder index>`), which
    /// the alias names as its `target_key`; an alias whose target lies outside the exported
    /// tree names `outside-<id>`, which no node of the tree carries. The whole library's export
    /// leaves out the built-in Inbox while it is empty.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl; [`Error::Invalid`] if it is not a
    /// collection; [`Error::Sqlite`].
    pub fn export_tree(&self, top: PearlId) -> Result<Node> {
        self.read(|conn| {
            let pearl = rows::pearl(conn, top)?;
            if pearl.kind != crate::model::PearlKind::Collection {
                return Err(Error::Invalid(format!(
                    "only a collection can be exported, and {top} is a {}",
                    pearl.kind
                )));
            }
            let mut tree = build(conn, top)?;
            if top == self.root_id() {
                leave_out_empty_inbox(&mut tree);
            }
            Ok(tree)
        })
    }
}

/// The whole library's export leaves out the built-in Inbox while it holds nothing: every
/// library has one, and an empty folder in a shared page or a browser's bookmarks says nothing.
fn leave_out_empty_inbox(tree: &mut Node) {
    if let NodeKind::Collection { children } = &mut tree.kind {
        children.retain(|c| {
            c.uuid.as_deref() != Some(super::identity::INBOX_UUID) || !c.children().is_empty()
        });
    }
}

fn read_rows(conn: &Connection) -> Result<Vec<(i64, ExportRow)>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.kind, p.parent_id, p.order_key, p.title, p.title_is_user, p.note,
                p.url, p.alias_target_id, p.created_at, p.modified_at, p.uuid
         FROM export_subtree s JOIN pearls p ON p.id = s.id",
    )?;
    let found = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            ExportRow {
                kind: r.get(1)?,
                parent: r.get(2)?,
                order_key: r.get(3)?,
                title: r.get(4)?,
                title_is_user: r.get(5)?,
                note: r.get(6)?,
                url: r.get(7)?,
                alias_target: r.get(8)?,
                created_at: r.get(9)?,
                modified_at: r.get(10)?,
                uuid: r.get(11)?,
            },
        ))
    })?;
    Ok(found.collect::<rusqlite::Result<_>>()?)
}

fn read_tags(conn: &Connection) -> Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare(
        "SELECT t.pearl_id, t.tag FROM export_subtree s JOIN pearl_tags t ON t.pearl_id = s.id
         ORDER BY t.pearl_id, t.tag",
    )?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
        let (id, tag) = row?;
        tags.entry(id).or_default().push(tag);
    }
    Ok(tags)
}

/// The favicons the subtree's pearls use, each encoded once.
fn read_icons(conn: &Connection) -> Result<HashMap<i64, Icon>> {
    let mut stmt = conn.prepare(
        "SELECT f.id, f.mime, f.data FROM favicons f
         WHERE f.id IN (SELECT d.favicon_id FROM export_subtree s
                        JOIN page_details d ON d.pearl_id = s.id)",
    )?;
    let mut icons = HashMap::new();
    let mut found = stmt.query([])?;
    while let Some(r) = found.next()? {
        let data: Vec<u8> = r.get(2)?;
        icons.insert(
            r.get::<_, i64>(0)?,
            Icon::Data {
                mime: r.get(1)?,
                base64: BASE64.encode(data),
            },
        );
    }
    Ok(icons)
}

/// Page details and icons by pearl id.
fn read_details(conn: &Connection) -> Result<HashMap<i64, (PageDetails, Option<Icon>)>> {
    let icons = read_icons(conn)?;
    let mut stmt = conn.prepare(
        "SELECT d.pearl_id, d.final_url, d.http_status, d.title, d.description, d.site_name,
                d.image_url, d.favicon_url, d.fetched_at, d.error, d.favicon_id
         FROM export_subtree s JOIN page_details d ON d.pearl_id = s.id",
    )?;
    let mut out = HashMap::new();
    let mut found = stmt.query([])?;
    while let Some(r) = found.next()? {
        let details = PageDetails {
            final_url: r.get(1)?,
            http_status: r.get(2)?,
            title: r.get(3)?,
            description: r.get(4)?,
            site_name: r.get(5)?,
            image_url: r.get(6)?,
            favicon_url: r.get(7)?,
            fetched_at: r.get(8)?,
            error: r.get(9)?,
        };
        let icon = r
            .get::<_, Option<i64>>(10)?
            .and_then(|favicon| icons.get(&favicon).cloned());
        out.insert(r.get::<_, i64>(0)?, (details, icon));
    }
    Ok(out)
}

fn build(conn: &Connection, top: PearlId) -> Result<Node> {
    mark_subtree(conn, top)?;
    let rows = read_rows(conn)?;
    let mut tags = read_tags(conn)?;
    let mut details = read_details(conn)?;
    conn.execute("DELETE FROM export_subtree", [])?;

    // Everything below works on slots (positions in `rows`), not ids, to avoid hashing.
    let slot_of: HashMap<i64, usize> = rows
        .iter()
        .enumerate()
        .map(|(slot, (id, _))| (*id, slot))
        .collect();
    let top_slot = *slot_of.get(&top.0).ok_or(Error::PearlNotFound(top))?;
    let mut children: Vec<Vec<(&str, usize)>> = vec![Vec::new(); rows.len()];
    for (slot, (_, row)) in rows.iter().enumerate() {
        if slot == top_slot {
            continue;
        }
        if let Some(&parent) = row.parent.and_then(|p| slot_of.get(&p)) {
            children[parent].push((row.order_key.as_str(), slot));
        }
    }
    let children: Vec<Vec<usize>> = children
        .into_iter()
        .map(|mut siblings| {
            siblings.sort_unstable();
            siblings.into_iter().map(|(_, slot)| slot).collect()
        })
        .collect();

    // Preorder, without recursion; a collection's key is its preorder index.
    let mut preorder = Vec::with_capacity(rows.len());
    let mut stack = vec![top_slot];
    while let Some(slot) = stack.pop() {
        preorder.push(slot);
        stack.extend(children[slot].iter().rev());
    }
    let mut index_of = vec![usize::MAX; rows.len()];
    for (index, &slot) in preorder.iter().enumerate() {
        index_of[slot] = index;
    }
    let mut targeted = vec![false; rows.len()];
    for (_, row) in &rows {
        if let Some(&slot) = row.alias_target.and_then(|t| slot_of.get(&t)) {
            targeted[slot] = true;
        }
    }

    // Children come after their parent in preorder: building in reverse finds them ready.
    let mut rows: Vec<Option<(i64, ExportRow)>> = rows.into_iter().map(Some).collect();
    let mut built: Vec<Option<Node>> = Vec::new();
    built.resize_with(rows.len(), || None);
    for &slot in preorder.iter().rev() {
        let Some((id, row)) = rows[slot].take() else {
            continue;
        };
        let kind = match row.kind.as_str() {
            "collection" => NodeKind::Collection {
                children: children[slot]
                    .iter()
                    .filter_map(|&k| built[k].take())
                    .collect(),
            },
            "link" => NodeKind::Link {
                url: row.url.unwrap_or_default(),
            },
            "note" => NodeKind::Note,
            "section" => NodeKind::Section,
            _ => NodeKind::Alias {
                target_key: match row.alias_target {
                    Some(t) => match slot_of.get(&t) {
                        Some(&target) => key_for(index_of[target]),
                        None => format!("outside-{t}"),
                    },
                    None => String::new(),
                },
            },
        };
        let (page, icon) = match details.remove(&id) {
            Some((page, icon)) => (Some(page), icon),
            None => (None, None),
        };
        built[slot] = Some(Node {
            kind,
            title: row.title,
            title_is_user: row.title_is_user,
            note: row.note,
            tags: tags.remove(&id).unwrap_or_default(),
            created_at: Some(row.created_at),
            modified_at: Some(row.modified_at),
            icon,
            details: page,
            key: targeted[slot].then(|| key_for(index_of[slot])),
            uuid: row.uuid,
        });
    }
    built[top_slot].take().ok_or(Error::PearlNotFound(top))
}
