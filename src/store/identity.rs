//! Stable identity: every pearl's UUID, the well-known UUIDs of the built-in collections, and
//! the Inbox, made when a library opens.
//!
//! The integer [`PearlId`] is the fast local key; the UUID is what survives copies, exports and
//! devices. Pearls made before identities existed got one derived from what two copies of one
//! library file share ([`derived_uuid`]), so that a library copied to two computers is still
//! one set of pearls. New pearls get a version 7 UUID (time-ordered, with random bits).

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use super::order_key;
use crate::error::Result;
use crate::model::{PearlId, now_millis};

/// The root collection's UUID, the same in every library.
pub const ROOT_UUID: &str = "6e616372-0000-4000-8000-000000000001";
/// The trash's UUID, the same in every library.
pub const TRASH_UUID: &str = "6e616372-0000-4000-8000-000000000002";
/// The hidden holding collection's UUID (imports in progress, undo's keep); it never leaves the
/// device.
pub const LIMBO_UUID: &str = "6e616372-0000-4000-8000-000000000003";
/// The Inbox's UUID, the same in every library: captures without a chosen collection land there.
pub const INBOX_UUID: &str = "6e616372-0000-4000-8000-000000000004";

/// The Inbox's title when it is made.
pub const INBOX_TITLE: &str = "Inbox";

/// The namespace of derived UUIDs (a version 5 UUID of "nacre.pearl").
const DERIVED_NAMESPACE: Uuid = Uuid::from_u128(0x6e61_6372_7065_5000_8000_6172_6c5f_6964);

/// A fresh UUID for a new pearl: version 7, a millisecond timestamp and random bits, so that
/// the pearls of one import (100,000 at once) go in at the end of the UUID index instead of at
/// random places all over it.
pub fn new_uuid() -> String {
    Uuid::now_v7().to_string()
}

/// The UUID a pearl made before identities existed receives: the same for the same pearl in two
/// copies of one library file (its row id and creation time, and the library's own creation
/// time, which copies share and two different libraries almost never do).
pub fn derived_uuid(library_created_at: i64, id: i64, created_at: i64) -> String {
    let name = format!("{library_created_at}:{id}:{created_at}");
    Uuid::new_v5(&DERIVED_NAMESPACE, name.as_bytes()).to_string()
}

/// Registers `nacre_derived_uuid(library_created_at, id, created_at)` for the migration that
/// gives existing pearls their UUIDs.
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "nacre_derived_uuid",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let library: Option<i64> = ctx.get(0)?;
            Ok(derived_uuid(library.unwrap_or(0), ctx.get(1)?, ctx.get(2)?))
        },
    )
}

/// Makes the Inbox, first at the top of the tree, if the library has none yet. Idempotent and
/// safe when two processes open the library at once (the UUID is unique).
pub(crate) fn ensure_inbox(conn: &mut Connection, root: PearlId) -> Result<PearlId> {
    if let Some(id) = find(conn, INBOX_UUID)? {
        return Ok(id);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let first: Option<String> = tx
        .query_row(
            "SELECT min(order_key) FROM pearls WHERE parent_id = ?1",
            [root.0],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let key = order_key::between(None, first.as_deref())?;
    let now = now_millis();
    tx.execute(
        "INSERT OR IGNORE INTO pearls (kind, parent_id, order_key, title, created_at, modified_at, uuid)
         VALUES ('collection', ?1, ?2, ?3, ?4, ?4, ?5)",
        params![root.0, key, INBOX_TITLE, now, INBOX_UUID],
    )?;
    tx.commit()?;
    Ok(find(conn, INBOX_UUID)?.unwrap_or(root))
}

/// The pearl with this UUID, if any.
pub(crate) fn find(conn: &Connection, uuid: &str) -> Result<Option<PearlId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM pearls WHERE uuid = ?1")?
        .query_row([uuid], |r| r.get(0))
        .optional()?
        .map(PearlId))
}

impl super::Store {
    /// The UUID of each pearl of `ids` that is in the library.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn uuids_of(&self, ids: &[PearlId]) -> Result<std::collections::HashMap<PearlId, String>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT uuid FROM pearls WHERE id = ?1")?;
            let mut out = std::collections::HashMap::new();
            for &id in ids {
                if let Some(uuid) = stmt
                    .query_row([id.0], |r| r.get::<_, Option<String>>(0))
                    .optional()?
                    .flatten()
                {
                    out.insert(id, uuid);
                }
            }
            Ok(out)
        })
    }

    /// The pearl each of `uuids` names, for those in the library.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn ids_of_uuids(
        &self,
        uuids: &[String],
    ) -> Result<std::collections::HashMap<String, PearlId>> {
        self.read(|conn| {
            let mut out = std::collections::HashMap::new();
            for uuid in uuids {
                if let Some(id) = find(conn, uuid)? {
                    out.insert(uuid.clone(), id);
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_uuids_are_the_same_for_the_same_pearl_and_differ_otherwise() {
        assert_eq!(derived_uuid(1, 2, 3), derived_uuid(1, 2, 3));
        assert_ne!(derived_uuid(1, 2, 3), derived_uuid(9, 2, 3));
        assert_ne!(derived_uuid(1, 2, 3), derived_uuid(1, 3, 3));
        assert!(Uuid::parse_str(&derived_uuid(1, 2, 3)).is_ok());
    }

    #[test]
    fn new_uuids_are_time_ordered_version_7_and_distinct() {
        let a = Uuid::parse_str(&new_uuid()).expect("a UUID");
        assert_eq!(a.get_version_num(), 7);
        assert_ne!(new_uuid(), new_uuid());
    }
}
