//! The order keys of one collection's children, below every edit: the last one, a free one
//! near a given key, and parking (a key moved out of the way, so one edit can hand keys out
//! again among its pearls without two of them meeting). Edits, undo, sorting, imports and
//! updates all place pearls with these.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::Result;
use crate::model::PearlId;
use crate::store::order_key;

/// The first character of a parked key: above every real order key (base-62 digits), so the
/// queries of real keys stop below it.
pub(in crate::store) const PARKED: char = '~';

/// Moves a pearl's key out of the way, so that keys can be handed out again among the pearls
/// of one edit without two of them meeting.
pub(crate) fn park(tx: &Transaction<'_>, id: PearlId) -> Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE pearls SET order_key = '{PARKED}' || id WHERE id = ?1"
    ))?
    .execute([id.0])?;
    Ok(())
}

/// The key of the last real (not parked) child of `parent`.
pub(crate) fn last_key(conn: &Connection, parent: PearlId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            &format!("SELECT order_key FROM pearls WHERE parent_id = ?1 AND order_key < '{PARKED}' ORDER BY order_key DESC LIMIT 1"),
        )?
        .query_row([parent.0], |r| r.get(0))
        .optional()?)
}

/// `key` if no child of `parent` has it, else a key right after it.
pub(in crate::store) fn free_key_near(
    conn: &Connection,
    parent: PearlId,
    key: &str,
) -> Result<String> {
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM pearls WHERE parent_id = ?1 AND order_key = ?2)",
        )?
        .query_row(params![parent.0, key], |r| r.get(0))?;
    if !taken && order_key::is_valid(key) {
        return Ok(key.to_owned());
    }
    let next: Option<String> = conn
        .prepare_cached(
            &format!("SELECT order_key FROM pearls WHERE parent_id = ?1 AND order_key > ?2 AND order_key < '{PARKED}'
             ORDER BY order_key LIMIT 1"),
        )?
        .query_row(params![parent.0, key], |r| r.get(0))
        .optional()?;
    if order_key::is_valid(key) {
        order_key::between(Some(key), next.as_deref())
    } else {
        let last = last_key(conn, parent)?;
        order_key::between(last.as_deref(), None)
    }
}
