//! Reading a collection and everything below it as one format-neutral [`Node`] tree, with
//! everything the library holds about each pearl: kind, order, the stored title and whether the
//! user typed it, note, URL, tags, dates, page details and favicon.
//!
//! It reads the whole subtree in three queries (pearls, tags, details with favicons), whatever
//! its size, and builds the tree without recursion, so a deep tree cannot overflow the stack.
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
}

/// The pearls of the subtree, `top` included, as a recursive query's rows.
const SUBTREE: &str = "WITH RECURSIVE sub(id) AS (
       SELECT ?1 UNION ALL SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)";

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
    /// tree names `outside-<id>`, which no node of the tree carries.
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
            build(conn, top)
        })
    }
}

fn read_rows(conn: &Connection, top: PearlId) -> Result<HashMap<i64, ExportRow>> {
    let sql = format!(
        "{SUBTREE} SELECT p.id, p.kind, p.parent_id, p.order_key, p.title, p.title_is_user, p.note,
                          p.url, p.alias_target_id, p.created_at, p.modified_at
                   FROM sub JOIN pearls p ON p.id = sub.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let found = stmt.query_map([top.0], |r| {
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
            },
        ))
    })?;
    let mut rows = HashMap::new();
    for row in found {
        let (id, row) = row?;
        rows.insert(id, row);
    }
    Ok(rows)
}

fn read_tags(conn: &Connection, top: PearlId) -> Result<HashMap<i64, Vec<String>>> {
    let sql = format!(
        "{SUBTREE} SELECT t.pearl_id, t.tag FROM sub JOIN pearl_tags t ON t.pearl_id = sub.id
                   ORDER BY t.pearl_id, t.tag"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for row in stmt.query_map([top.0], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
        let (id, tag) = row?;
        tags.entry(id).or_default().push(tag);
    }
    Ok(tags)
}

/// Page details and icons by pearl id; each distinct favicon is encoded once.
fn read_details(
    conn: &Connection,
    top: PearlId,
) -> Result<HashMap<i64, (PageDetails, Option<Icon>)>> {
    let sql = format!(
        "{SUBTREE} SELECT d.pearl_id, d.final_url, d.http_status, d.title, d.description,
                          d.site_name, d.image_url, d.favicon_url, d.fetched_at, d.error,
                          d.favicon_id, f.mime, f.data
                   FROM sub JOIN page_details d ON d.pearl_id = sub.id
                   LEFT JOIN favicons f ON f.id = d.favicon_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut icons: HashMap<i64, Icon> = HashMap::new();
    let mut out = HashMap::new();
    let mut found = stmt.query([top.0])?;
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
        let icon = match r.get::<_, Option<i64>>(10)? {
            Some(favicon) => {
                if let Some(icon) = icons.get(&favicon) {
                    Some(icon.clone())
                } else {
                    let mime: Option<String> = r.get(11)?;
                    let data: Option<Vec<u8>> = r.get(12)?;
                    match (mime, data) {
                        (Some(mime), Some(data)) => {
                            let icon = Icon::Data {
                                mime,
                                base64: BASE64.encode(data),
                            };
                            icons.insert(favicon, icon.clone());
                            Some(icon)
                        }
                        _ => None,
                    }
                }
            }
            None => None,
        };
        out.insert(r.get::<_, i64>(0)?, (details, icon));
    }
    Ok(out)
}

fn build(conn: &Connection, top: PearlId) -> Result<Node> {
    let mut rows = read_rows(conn, top)?;
    let mut tags = read_tags(conn, top)?;
    let mut details = read_details(conn, top)?;

    let mut children: HashMap<i64, Vec<(&str, i64)>> = HashMap::new();
    for (&id, row) in &rows {
        if id == top.0 {
            continue;
        }
        if let Some(parent) = row.parent {
            children
                .entry(parent)
                .or_default()
                .push((row.order_key.as_str(), id));
        }
    }
    for siblings in children.values_mut() {
        siblings.sort_unstable();
    }
    let children: HashMap<i64, Vec<i64>> = children
        .into_iter()
        .map(|(parent, siblings)| (parent, siblings.into_iter().map(|(_, id)| id).collect()))
        .collect();

    // Preorder, without recursion.
    let mut preorder = Vec::with_capacity(rows.len());
    let mut stack = vec![top.0];
    while let Some(id) = stack.pop() {
        preorder.push(id);
        if let Some(kids) = children.get(&id) {
            stack.extend(kids.iter().rev());
        }
    }
    let index_of: HashMap<i64, usize> = preorder
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    let targeted: std::collections::HashSet<i64> = rows
        .values()
        .filter_map(|r| r.alias_target)
        .filter(|t| index_of.contains_key(t))
        .collect();

    // Children come after their parent in preorder: building in reverse finds them ready.
    let mut built: HashMap<i64, Node> = HashMap::with_capacity(preorder.len());
    for &id in preorder.iter().rev() {
        let Some(row) = rows.remove(&id) else {
            continue;
        };
        let kind = match row.kind.as_str() {
            "collection" => NodeKind::Collection {
                children: children
                    .get(&id)
                    .map(|kids| kids.iter().filter_map(|k| built.remove(k)).collect())
                    .unwrap_or_default(),
            },
            "link" => NodeKind::Link {
                url: row.url.unwrap_or_default(),
            },
            "note" => NodeKind::Note,
            "section" => NodeKind::Section,
            _ => NodeKind::Alias {
                target_key: match row.alias_target {
                    Some(t) => match index_of.get(&t) {
                        Some(&index) => key_for(index),
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
        let node = Node {
            kind,
            title: row.title,
            title_is_user: row.title_is_user,
            note: row.note,
            tags: tags.remove(&id).unwrap_or_default(),
            created_at: Some(row.created_at),
            modified_at: Some(row.modified_at),
            icon,
            details: page,
            key: targeted
                .contains(&id)
                .then(|| index_of.get(&id).copied().map(key_for))
                .flatten(),
        };
        built.insert(id, node);
    }
    built.remove(&top.0).ok_or(Error::PearlNotFound(top))
}
