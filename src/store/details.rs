//! Page details and favicons: what was fetched from (or imported for) a link's page.
//!
//! Details live beside the pearl row, never in it, so fetching never interferes with the undo
//! history; the title shown for a pearl prefers a fetched title over an imported one, and the
//! user's own title over both (see `rows::PEARL_COLUMNS`).

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::model::Millis;

/// Stores an icon given as bytes (e.g. from an imported file), once per distinct image, and
/// returns its id.
pub(crate) fn store_favicon(
    conn: &Connection,
    mime: &str,
    bytes: &[u8],
    now: Millis,
) -> Result<i64> {
    let digest = Sha256::digest(bytes);
    let source = format!("sha256:{}", hex(&digest));
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM favicons WHERE source_url = ?1")?
        .query_row([&source], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO favicons (source_url, mime, data, fetched_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![source, mime, bytes, now])?;
    Ok(conn.last_insert_rowid())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
