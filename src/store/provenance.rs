//! Provenance of shared trees: what an import of a Nacre file or page keeps (the branch's
//! provenance on its top pearl, the curator's values on every pearl as the base of later
//! updates), the copies of one tree in the library, and the credit the share dialog remembers
//! for each collection a curator shares.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Store;
use crate::error::{Error, Result};
use crate::formats::tree::{Credit, ImportedTree, Shared};
use crate::model::{Millis, PearlId, now_millis};
use crate::provenance::Provenance;

/// Keeps, for an import of a shared tree, the provenance on the branch that holds the exported
/// collection (the one child of the import's `top`). The curator's values on every pearl that
/// came with an origin (its base) are written by the import with the pearl's row.
pub(super) fn record_shared_import(
    tx: &Transaction<'_>,
    tree: &ImportedTree,
    shared: &Shared,
    top: PearlId,
    now: Millis,
) -> Result<()> {
    let [root] = tree.roots.as_slice() else {
        return Ok(());
    };
    let Some(tree_uuid) = root.uuid.as_deref() else {
        return Ok(());
    };
    let branch: Option<i64> = tx
        .query_row(
            "SELECT id FROM pearls WHERE parent_id = ?1 AND origin_uuid = ?2",
            params![top.0, tree_uuid],
            |r| r.get(0),
        )
        .optional()?;
    let Some(branch) = branch else { return Ok(()) };
    let provenance = provenance_of(tree_uuid, &root.title, shared, now);
    set_provenance(tx, PearlId(branch), &provenance)
}

/// The provenance of a version of the tree `tree_uuid` titled `title`, imported `now`.
pub(super) fn provenance_of(
    tree_uuid: &str,
    title: &str,
    shared: &Shared,
    now: Millis,
) -> Provenance {
    let credit = shared.credit.cleaned();
    Provenance {
        tree: tree_uuid.to_owned(),
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        curator: credit.curator,
        description: credit.description,
        license: credit.license,
        exported_at: shared.exported_at,
        imported_at: now,
        summary: String::new(),
        picked_at: None,
    }
    .with_summary()
}

/// Writes `provenance` on the pearl `id` (its row: undo restores it with the pearl).
pub(super) fn set_provenance(
    conn: &Connection,
    id: PearlId,
    provenance: &Provenance,
) -> Result<()> {
    let json = serde_json::to_string(provenance)
        .map_err(|e| Error::Invalid(format!("cannot record the provenance: {e}")))?;
    conn.prepare_cached("UPDATE pearls SET provenance = ?1 WHERE id = ?2")?
        .execute(params![json, id.0])?;
    Ok(())
}

/// The SQL that writes a pearl's base (its tags as stored and the origin of the sibling
/// before it: as just imported, the curator's order) in `origin_base` (as `store::import`
/// writes it for a pearl it inserts); its parent, title, note and URL are the row's own until
/// the recipient changes them (migration 0010).
const BASE_JSON: &str = "json_patch(json_object(
        'tags', json((SELECT json_group_array(tag) FROM
                   (SELECT tag FROM pearl_tags WHERE pearl_id = pearls.id ORDER BY tag)))),
        json_object('after', (SELECT s.origin_uuid FROM pearls s
            WHERE s.parent_id = pearls.parent_id AND s.order_key < pearls.order_key
              AND s.origin_uuid IS NOT NULL ORDER BY s.order_key DESC LIMIT 1)))";

/// Records the base of every pearl with an origin from row `first_new_id` on.
pub(super) fn record_bases_from(conn: &Connection, first_new_id: i64) -> Result<()> {
    // Prepared once per connection: an update adds its new pearls one branch at a time.
    conn.prepare_cached(&format!(
        "UPDATE pearls SET origin_base = {BASE_JSON} WHERE id >= ?1 AND origin_uuid IS NOT NULL"
    ))?
    .execute([first_new_id])?;
    Ok(())
}

impl Store {
    /// The credit the share dialog last used for the collection `id` (empty if none).
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn share_credit(&self, id: PearlId) -> Result<Credit> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT curator, description, license FROM share_credits WHERE collection_id = ?1",
                    [id.0],
                    |r| {
                        Ok(Credit {
                            curator: r.get(0)?,
                            description: r.get(1)?,
                            license: r.get(2)?,
                        })
                    },
                )
                .optional()?
                .unwrap_or_default())
        })
    }

    /// Remembers `credit` for the collection `id` (not an edit: nothing to undo).
    ///
    /// # Errors
    /// [`Error::PearlNotFound`]; [`Error::Sqlite`].
    pub fn remember_share_credit(&self, id: PearlId, credit: &Credit) -> Result<()> {
        let credit = credit.cleaned();
        self.write(|tx| {
            super::rows::load(tx, id)?;
            tx.execute(
                "INSERT INTO share_credits (collection_id, curator, description, license, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (collection_id) DO UPDATE SET curator = ?2, description = ?3,
                   license = ?4, updated_at = ?5",
                params![id.0, credit.curator, credit.description, credit.license, now_millis()],
            )?;
            Ok(())
        })
    }

    /// The branches in the tree (not in the trash) that are copies of the shared tree
    /// `tree_uuid`, each with its provenance, oldest import first. A pick of the whole tree is
    /// the user's own, never a copy.
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn copies_of_tree(&self, tree_uuid: &str) -> Result<Vec<(PearlId, Provenance)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, provenance FROM pearls
                 WHERE provenance IS NOT NULL AND origin_tree = ?1 AND origin_uuid = ?1
                   AND json_extract(provenance, '$.pickedAt') IS NULL
                 ORDER BY id",
            )?;
            let rows: Vec<(i64, String)> = stmt
                .query_map([tree_uuid], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for (id, json) in rows {
                let id = PearlId(id);
                if self.place_in(conn, id)? != super::Place::Tree {
                    continue;
                }
                if let Some(p) = Provenance::from_json(&json) {
                    out.push((id, p));
                }
            }
            Ok(out)
        })
    }
}
