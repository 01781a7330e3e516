//! Where pearls go among their siblings: the order keys around the gap a placement names,
//! found from at most its two neighbours (the keys themselves: `store::sibling_keys`).

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::Placement;
use super::describe;
use crate::error::{Error, Result};
use crate::model::PearlId;
use crate::store::rows;
use crate::store::sibling_keys::PARKED;

/// The keys of the two siblings around the gap `placement` names, skipping the pearls in
/// `moving`. Reads only as many rows as it skips.
pub(super) fn slot(
    conn: &Connection,
    parent: PearlId,
    placement: Placement,
    moving: &HashSet<PearlId>,
) -> Result<(Option<String>, Option<String>)> {
    // The first sibling at or after `from` (a key, or the start) that is not moving.
    let next_staying = |from: Option<&str>, inclusive: bool| -> Result<Option<String>> {
        let sql = match (from.is_some(), inclusive) {
            (false, _) => {
                "SELECT id, order_key FROM pearls WHERE parent_id = ?1 AND ?2 IS NULL ORDER BY order_key"
            }
            (true, true) => {
                "SELECT id, order_key FROM pearls WHERE parent_id = ?1 AND order_key >= ?2 ORDER BY order_key"
            }
            (true, false) => {
                "SELECT id, order_key FROM pearls WHERE parent_id = ?1 AND order_key > ?2 ORDER BY order_key"
            }
        };
        first_staying(conn, sql, parent, from, moving)
    };
    let last_real = format!(
        "SELECT id, order_key FROM pearls WHERE parent_id = ?1 AND ?2 IS NULL AND order_key < '{PARKED}' ORDER BY order_key DESC"
    );
    let prev_staying = |before: Option<&str>| -> Result<Option<String>> {
        let sql = if before.is_some() {
            "SELECT id, order_key FROM pearls WHERE parent_id = ?1 AND order_key < ?2 ORDER BY order_key DESC"
        } else {
            &last_real
        };
        first_staying(conn, sql, parent, before, moving)
    };
    let key_of_sibling = |id: PearlId| -> Result<String> {
        let row = rows::load(conn, id)?;
        if row.parent_id != Some(parent.0) {
            return Err(Error::Invalid(format!(
                "{} is not in the collection it should be placed next to",
                describe(conn, id)
            )));
        }
        Ok(row.order_key)
    };
    let hi = match placement {
        Placement::Start => next_staying(None, true)?,
        Placement::End => None,
        Placement::Index(i) => {
            let at: Option<String> = conn
                .prepare_cached(
                    "SELECT order_key FROM pearls WHERE parent_id = ?1 ORDER BY order_key LIMIT 1 OFFSET ?2",
                )?
                .query_row(params![parent.0, i64::try_from(i).unwrap_or(i64::MAX)], |r| r.get(0))
                .optional()?;
            match at {
                Some(key) => next_staying(Some(&key), true)?,
                None => None,
            }
        }
        Placement::Before(id) => {
            let key = key_of_sibling(id)?;
            next_staying(Some(&key), true)?
        }
        Placement::After(id) => {
            let key = key_of_sibling(id)?;
            next_staying(Some(&key), false)?
        }
    };
    let lo = prev_staying(hi.as_deref())?;
    Ok((lo, hi))
}

fn first_staying(
    conn: &Connection,
    sql: &str,
    parent: PearlId,
    bound: Option<&str>,
    moving: &HashSet<PearlId>,
) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut found = stmt.query(params![parent.0, bound])?;
    while let Some(row) = found.next()? {
        let id = PearlId(row.get(0)?);
        let key: String = row.get(1)?;
        if key.starts_with(PARKED) {
            return Ok(None);
        }
        if !moving.contains(&id) {
            return Ok(Some(key));
        }
    }
    Ok(None)
}
