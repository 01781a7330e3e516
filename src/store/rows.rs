//! One pearl row, read and written whole: the unit that edits change and that the undo history
//! records before and after each edit.
//!
//! Also turns rows into the [`Pearl`]s callers see.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Millis, Pearl, PearlId, PearlKind};

/// Every column of a pearl row, plus its tags, exactly as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PearlRow {
    pub id: i64,
    pub kind: String,
    pub role: Option<String>,
    pub parent_id: Option<i64>,
    pub order_key: String,
    pub title: String,
    pub title_is_user: bool,
    pub note: String,
    pub url: Option<String>,
    pub url_normalized: Option<String>,
    pub alias_target_id: Option<i64>,
    pub created_at: Millis,
    pub modified_at: Millis,
    pub restore_parent_id: Option<i64>,
    pub restore_order_key: Option<String>,
    pub tags: Vec<String>,
    /// The pearl's stable identity; `None` only in history written before identities existed
    /// (writing such a row back keeps the UUID the pearl has).
    #[serde(default)]
    pub uuid: Option<String>,
    /// For an imported pearl, the tree it came from and its UUID there.
    #[serde(default)]
    pub origin_tree: Option<String>,
    /// See `origin_tree`.
    #[serde(default)]
    pub origin_uuid: Option<String>,
    /// For the top of a branch imported from a shared tree, its provenance (JSON).
    #[serde(default)]
    pub provenance: Option<String>,
    /// For a pearl imported from a shared tree, the curator's values as last imported (JSON).
    #[serde(default)]
    pub origin_base: Option<String>,
}

const ROW_COLUMNS: &str = "id, kind, role, parent_id, order_key, title, note, url, url_normalized, \
     alias_target_id, created_at, modified_at, restore_parent_id, restore_order_key, title_is_user, \
     uuid, origin_tree, origin_uuid, provenance, origin_base";

impl PearlRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<PearlRow> {
        Ok(PearlRow {
            id: row.get(0)?,
            kind: row.get(1)?,
            role: row.get(2)?,
            parent_id: row.get(3)?,
            order_key: row.get(4)?,
            title: row.get(5)?,
            note: row.get(6)?,
            url: row.get(7)?,
            url_normalized: row.get(8)?,
            alias_target_id: row.get(9)?,
            created_at: row.get(10)?,
            modified_at: row.get(11)?,
            restore_parent_id: row.get(12)?,
            restore_order_key: row.get(13)?,
            title_is_user: row.get(14)?,
            tags: Vec::new(),
            uuid: row.get(15)?,
            origin_tree: row.get(16)?,
            origin_uuid: row.get(17)?,
            provenance: row.get(18)?,
            origin_base: row.get(19)?,
        })
    }
}

/// Reads one whole row, or `None` if there is no such pearl.
pub(crate) fn find(conn: &Connection, id: PearlId) -> Result<Option<PearlRow>> {
    let sql = format!("SELECT {ROW_COLUMNS} FROM pearls WHERE id = ?1");
    let row = conn
        .prepare_cached(&sql)?
        .query_row([id.0], PearlRow::from_row)
        .optional()?;
    let Some(mut row) = row else { return Ok(None) };
    row.tags = tags_of(conn, id)?;
    Ok(Some(row))
}

/// Reads one whole row.
///
/// # Errors
/// [`Error::PearlNotFound`] if there is no such pearl.
pub(crate) fn load(conn: &Connection, id: PearlId) -> Result<PearlRow> {
    find(conn, id)?.ok_or(Error::PearlNotFound(id))
}

fn tags_of(conn: &Connection, id: PearlId) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM pearl_tags WHERE pearl_id = ?1 ORDER BY tag")?;
    let tags = stmt
        .query_map([id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

/// Writes a whole row: inserts it, or updates every column of the row with its id. Never
/// deletes and reinserts, so the pearl's children and details stay.
pub(crate) fn upsert(conn: &Connection, row: &PearlRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO pearls ({ROW_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
         ON CONFLICT (id) DO UPDATE SET kind = ?2, role = ?3, parent_id = ?4, order_key = ?5,
           title = ?6, note = ?7, url = ?8, url_normalized = ?9, alias_target_id = ?10,
           created_at = ?11, modified_at = ?12, restore_parent_id = ?13, restore_order_key = ?14, title_is_user = ?15,
           uuid = coalesce(?16, uuid), origin_tree = ?17, origin_uuid = ?18,
           provenance = ?19, origin_base = ?20"
    );
    conn.prepare_cached(&sql)?.execute(params![
        row.id,
        row.kind,
        row.role,
        row.parent_id,
        row.order_key,
        row.title,
        row.note,
        row.url,
        row.url_normalized,
        row.alias_target_id,
        row.created_at,
        row.modified_at,
        row.restore_parent_id,
        row.restore_order_key,
        row.title_is_user,
        row.uuid,
        row.origin_tree,
        row.origin_uuid,
        row.provenance,
        row.origin_base,
    ])?;
    set_tags(conn, PearlId(row.id), &row.tags)
}

/// Makes the pearl's tags exactly `tags`, touching only the ones that change.
pub(crate) fn set_tags(conn: &Connection, id: PearlId, tags: &[String]) -> Result<()> {
    let current = tags_of(conn, id)?;
    for old in current.iter().filter(|t| !tags.contains(t)) {
        conn.prepare_cached("DELETE FROM pearl_tags WHERE pearl_id = ?1 AND tag = ?2")?
            .execute(params![id.0, old])?;
    }
    for new in tags.iter().filter(|t| !current.contains(t)) {
        conn.prepare_cached("INSERT INTO pearl_tags (pearl_id, tag) VALUES (?1, ?2)")?
            .execute(params![id.0, new])?;
    }
    Ok(())
}

/// Deletes a row (and, by the schema's cascade, anything still below it).
pub(crate) fn delete(conn: &Connection, id: PearlId) -> Result<()> {
    conn.prepare_cached("DELETE FROM pearls WHERE id = ?1")?
        .execute([id.0])?;
    Ok(())
}

/// The columns of a [`Pearl`], for `SELECT {PEARL_COLUMNS} FROM pearls p ...`.
pub(crate) const PEARL_COLUMNS: &str = "p.id, p.kind, p.parent_id, \
     CASE WHEN p.kind = 'alias' AND p.title = '' \
               THEN coalesce((SELECT t.title FROM pearls t WHERE t.id = p.alias_target_id), '') \
          WHEN p.title_is_user = 1 AND p.title != '' THEN p.title \
          ELSE coalesce(nullif((SELECT d.title FROM page_details d WHERE d.pearl_id = p.id), ''), p.title) END, \
     p.note, p.url, \
     p.alias_target_id, p.created_at, p.modified_at, \
     (SELECT group_concat(tag, ',') FROM (SELECT tag FROM pearl_tags WHERE pearl_id = p.id ORDER BY tag)), \
     CASE p.kind WHEN 'collection' THEN (SELECT count(*) FROM pearls c WHERE c.parent_id = p.id) ELSE 0 END, \
     p.title_is_user, p.uuid, p.provenance";

/// How many columns [`PEARL_COLUMNS`] selects: the index of the first column a query adds after
/// them.
pub(crate) const PEARL_COLUMN_COUNT: usize = 14;

/// Reads a [`Pearl`] from a row selected with [`PEARL_COLUMNS`] (and possibly more columns after).
pub(crate) fn pearl_from_row(row: &Row<'_>) -> rusqlite::Result<Pearl> {
    let kind: String = row.get(1)?;
    let tags: Option<String> = row.get(9)?;
    Ok(Pearl {
        id: PearlId(row.get(0)?),
        kind: PearlKind::parse(&kind).unwrap_or(PearlKind::Note),
        parent_id: row.get::<_, Option<i64>>(2)?.map(PearlId),
        title: row.get(3)?,
        note: row.get(4)?,
        url: row.get(5)?,
        alias_target: row.get::<_, Option<i64>>(6)?.map(PearlId),
        created_at: row.get(7)?,
        modified_at: row.get(8)?,
        tags: tags
            .map(|t| t.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
        child_count: row.get(10)?,
        title_is_user: row.get(11)?,
        uuid: row.get::<_, Option<String>>(12)?.unwrap_or_default(),
        provenance: row
            .get::<_, Option<String>>(13)?
            .as_deref()
            .and_then(crate::provenance::Provenance::from_json),
    })
}

/// Reads one [`Pearl`].
///
/// # Errors
/// [`Error::PearlNotFound`] if there is no such pearl.
pub(crate) fn pearl(conn: &Connection, id: PearlId) -> Result<Pearl> {
    let sql = format!("SELECT {PEARL_COLUMNS} FROM pearls p WHERE p.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id.0], pearl_from_row)
        .optional()?
        .ok_or(Error::PearlNotFound(id))
}
