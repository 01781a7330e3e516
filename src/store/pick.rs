//! Picking from an imported tree: pearls or branches of a copy of a shared tree copied into a
//! collection of the user's own, keeping where they came from, as one undoable edit; or, as an
//! alias, the imported collection itself shown in the user's tree, following the curator's
//! version as updates arrive.
//!
//! A picked pearl is the user's own: it gets a UUID of its own, keeps its origin (the tree and
//! its UUID there, for "who else pearled it") and carries the tree's provenance marked as a
//! pick (`pickedAt`), which is what every update, copy finder and similar-tree list leaves
//! alone. The copy is built in the limbo and moved into place as the one recorded change, as an
//! import is, so undo takes it away whatever its size.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::edit::describe;
use super::tree::{Place, ancestry, full_path, subtree_ids};
use super::{Store, order_key, rows};
use crate::error::{Error, Result};
use crate::model::{PearlId, PearlKind, count_of, now_millis};
use crate::provenance::Provenance;
use crate::store::{NewPearl, Placement};

/// What a pick did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PickReport {
    /// The pearls made in the user's tree (the copies' tops, or the aliases), in order.
    pub picked: Vec<PearlId>,
    /// How many pearls were made in all (what is inside the picked branches included).
    pub pearls: usize,
    /// Whether aliases were left instead of copies.
    pub alias: bool,
    /// The collection they went into.
    pub into: PearlId,
    /// Its path in the library.
    pub into_path: String,
    /// The trees they were picked from (one, unless the pearls came from several).
    pub from: Vec<Provenance>,
    /// What was done, in words: "Picked “Les débuts” (3 pearls) into “Mes cours”, from
    /// “Révolution” by M. Durand".
    pub message: String,
}

/// Where a pearl of the tree stands as far as picking goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Standing {
    /// In the imported copy whose top is this pearl (the pearl itself, for the top).
    InCopy(PearlId, Provenance),
    /// Picked already (or inside something picked): the user's own.
    Picked,
    /// Not from a shared tree at all.
    Own,
}

/// Whether a provenance column holds a pick's provenance (or any at all).
fn provenance_at(conn: &Connection, id: PearlId) -> Result<Option<Provenance>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT provenance FROM pearls WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))?;
    Ok(json.as_deref().and_then(Provenance::from_json))
}

/// How `id` stands: the nearest pearl with a provenance above it (itself included) decides;
/// a pearl the user added inside a copy (not from its tree) is their own.
pub(crate) fn standing(conn: &Connection, id: PearlId) -> Result<Standing> {
    for above in ancestry(conn, id)? {
        if let Some(p) = provenance_at(conn, above)? {
            if p.is_pick() {
                return Ok(Standing::Picked);
            }
            let origin: Option<String> = conn
                .prepare_cached("SELECT origin_tree FROM pearls WHERE id = ?1")?
                .query_row([id.0], |r| r.get(0))?;
            return Ok(if origin.as_deref() == Some(p.tree.as_str()) {
                Standing::InCopy(above, p)
            } else {
                Standing::Own
            });
        }
    }
    Ok(Standing::Own)
}

/// Which of the pearls directly in `parent` came from the shared tree `tree` (the others in a
/// copy are the user's own additions).
pub(crate) fn from_tree_in(
    conn: &Connection,
    parent: PearlId,
    tree: &str,
) -> Result<std::collections::HashSet<PearlId>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM pearls WHERE parent_id = ?1 AND origin_tree = ?2")?;
    let ids = stmt
        .query_map(params![parent.0, tree], |r| r.get(0).map(PearlId))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// What [`copies_around`] says: the copies holding a collection, and the copy (with its tree's
/// UUID) its pearls would be picked from.
pub(crate) type CopiesAround = (Vec<PearlId>, Option<(PearlId, String)>);

/// The imported copies holding `id` (itself included if it is one's top), nearest first, and
/// the copy a pearl of its tree directly inside `id` would be picked from, with the tree's UUID
/// (`None` inside a pick or the user's own collections).
pub(crate) fn copies_around(conn: &Connection, id: PearlId) -> Result<CopiesAround> {
    let mut copies = Vec::new();
    let mut pick_from = None;
    let mut decided = false;
    for above in ancestry(conn, id)? {
        if let Some(p) = provenance_at(conn, above)? {
            if !p.is_pick() {
                copies.push(above);
            }
            if !decided {
                decided = true;
                pick_from = (!p.is_pick()).then_some((above, p.tree));
            }
        }
    }
    Ok((copies, pick_from))
}

/// The columns of `page_details`, read from the schema so a later migration's are copied too.
fn details_columns(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info('page_details')")?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.into_iter().filter(|n| n != "pearl_id").collect())
}

/// Copies the branch `top` into the limbo (unrecorded, as an import builds its tree), every
/// pearl of the shared tree `tree` carrying `provenance` (a pick's). Returns the new top and
/// how many pearls were made.
fn copy_into_limbo(
    store: &Store,
    tx: &Transaction<'_>,
    top: PearlId,
    (tree, provenance): (&str, &str),
) -> Result<(PearlId, usize)> {
    let ids = subtree_ids(tx, top)?; // parents before children
    let mut next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM pearls", [], |r| {
        r.get(0)
    })?;
    let map: HashMap<i64, i64> = ids
        .iter()
        .map(|id| {
            let new = next;
            next += 1;
            (id.0, new)
        })
        .collect();
    let columns = details_columns(tx)?.join(", ");
    let copy_details = format!(
        "INSERT INTO page_details (pearl_id, {columns}) SELECT ?1, {columns} FROM page_details WHERE pearl_id = ?2"
    );
    let limbo = store.limbo_id();
    let last = super::sibling_keys::last_key(tx, limbo)?;
    let top_key = order_key::between(last.as_deref(), None)?;
    for &id in &ids {
        let mut row = rows::load(tx, id)?;
        row.id = map[&id.0];
        if id == top {
            row.parent_id = Some(limbo.0);
            row.order_key.clone_from(&top_key);
        } else {
            row.parent_id = row.parent_id.and_then(|p| map.get(&p).copied());
        }
        row.alias_target_id = row
            .alias_target_id
            .map(|t| map.get(&t).copied().unwrap_or(t));
        row.restore_parent_id = None;
        row.restore_order_key = None;
        row.uuid = Some(super::identity::new_uuid());
        // The user's own additions inside the copy come along as theirs, without the credit.
        row.provenance =
            (id == top || row.origin_tree.as_deref() == Some(tree)).then(|| provenance.to_owned());
        row.origin_base = None;
        rows::upsert(tx, &row)?;
        tx.prepare_cached(&copy_details)?
            .execute(params![row.id, id.0])?;
    }
    Ok((PearlId(map[&top.0]), ids.len()))
}

/// A pick in words.
fn pick_message(
    conn: &Connection,
    picked: &[PearlId],
    pearls: usize,
    alias: bool,
    into: PearlId,
    from: &[Provenance],
) -> String {
    let what = match picked {
        [one] if alias => format!("an alias of {}", describe(conn, *one)),
        [one] if pearls > 1 => format!("{} ({pearls} pearls)", describe(conn, *one)),
        [one] => describe(conn, *one),
        many if alias => format!("aliases of {} collections", many.len()),
        many => format!(
            "{} ({pearls} pearls)",
            count_of(many.len(), "pearl", "pearls")
        ),
    };
    let verb = if alias { "Left" } else { "Picked" };
    let place = if alias { "in" } else { "into" };
    let trees: Vec<String> = from
        .iter()
        .map(|p| match &p.curator {
            Some(c) => format!("“{}” by {c}", p.title),
            None => format!("“{}”", p.title),
        })
        .collect();
    format!(
        "{verb} {what} {place} {}, from {}",
        describe(conn, into),
        trees.join(" and ")
    )
}

impl Store {
    /// Picks the pearls `ids` of imported trees into the collection `into`, at `placement`, as
    /// one undoable edit: copies of them (with everything inside) that are the user's own and
    /// keep their provenance; with `alias`, aliases of them (collections only) instead, which
    /// show the imported collection as updates change it.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`]; [`Error::Invalid`] for nothing to pick, a pearl that is not
    /// in an imported tree (or is picked already), one in the trash, a destination that is not
    /// a collection in the tree or stands inside the copy a pearl comes from, or an alias of
    /// something that is not a collection; [`Error::TreeConflict`] for a pick that would put
    /// an alias inside its own collection. Nothing is changed then.
    pub fn pick(
        &self,
        ids: &[PearlId],
        into: PearlId,
        placement: Placement,
        alias: bool,
    ) -> Result<PickReport> {
        let mut unique = Vec::new();
        for &id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        if unique.is_empty() {
            return Err(Error::Invalid("nothing to pick".to_owned()));
        }
        let what = count_of(unique.len(), "pearl", "pearls");
        let label = if alias {
            format!("Pick an alias of {what}")
        } else {
            format!("Pick {what}")
        };
        self.edit(&label, |tx, rec| {
            self.check_target_collection(tx, into)?;
            let into_chain = ancestry(tx, into)?;
            let mut sources = Vec::new();
            for &id in &unique {
                sources.push((id, self.pick_source(tx, id, &into_chain, alias)?));
            }
            // A pearl inside another one picked comes along with it.
            let picked_ids: Vec<PearlId> = unique.clone();
            let mut tops = Vec::new();
            for (id, provenance) in sources {
                let chain = ancestry(tx, id)?;
                if alias || !chain.iter().skip(1).any(|a| picked_ids.contains(a)) {
                    tops.push((id, provenance));
                }
            }
            let now = now_millis();
            let mut from: Vec<Provenance> = Vec::new();
            let mut picked = Vec::new();
            let mut pearls = 0;
            let mut at = placement;
            for (id, provenance) in tops {
                let mine = Provenance {
                    picked_at: Some(now),
                    ..provenance.clone()
                }
                .with_summary();
                let json = serde_json::to_string(&mine)
                    .map_err(|e| Error::Invalid(format!("cannot record the provenance: {e}")))?;
                let made = if alias {
                    let made = self.insert_pearl(tx, rec, into, at, &NewPearl::alias(id))?;
                    tx.prepare_cached("UPDATE pearls SET provenance = ?1 WHERE id = ?2")?
                        .execute(params![json, made.0])?;
                    pearls += 1;
                    made
                } else {
                    let (made, count) = copy_into_limbo(self, tx, id, (&provenance.tree, &json))?;
                    let kind = rows::load(tx, made)?.kind;
                    self.check_no_alias_cycle(tx, made, &kind, &into_chain)?;
                    let (lo, hi) = super::edit::slot_for(tx, into, at)?;
                    let key = order_key::between(lo.as_deref(), hi.as_deref())?;
                    rec.touch(tx, made)?;
                    tx.prepare_cached(
                        "UPDATE pearls SET parent_id = ?1, order_key = ?2 WHERE id = ?3",
                    )?
                    .execute(params![into.0, key, made.0])?;
                    pearls += count;
                    made
                };
                at = Placement::After(made);
                picked.push(made);
                if !from.iter().any(|p| p.tree == provenance.tree) {
                    from.push(provenance);
                }
            }
            let message = pick_message(tx, &picked, pearls, alias, into, &from);
            Ok(PickReport {
                picked,
                pearls,
                alias,
                into,
                into_path: full_path(tx, into)?,
                from,
                message,
            })
        })
    }

    /// The provenance of the copy `id` would be picked from into the collection whose chain
    /// up to the top is `into_chain`, or why it cannot be.
    fn pick_source(
        &self,
        tx: &Transaction<'_>,
        id: PearlId,
        into_chain: &[PearlId],
        alias: bool,
    ) -> Result<Provenance> {
        let row = rows::load(tx, id)?;
        if self.place_in(tx, id)? != Place::Tree || row.role.is_some() {
            return Err(Error::Invalid(format!(
                "{} ({id}) is not in the tree: restore it first",
                describe(tx, id)
            )));
        }
        if alias && row.kind != PearlKind::Collection.as_str() {
            return Err(Error::Invalid(format!(
                "an alias points at a collection, and {} ({id}) is a {}: pick it without --alias to copy it",
                describe(tx, id),
                row.kind
            )));
        }
        let (copy, provenance) = match standing(tx, id)? {
            Standing::InCopy(copy, provenance) => (copy, provenance),
            Standing::Picked => {
                return Err(Error::Invalid(format!(
                    "{} ({id}) was picked already: it is yours, move it instead",
                    describe(tx, id)
                )));
            }
            Standing::Own => {
                return Err(Error::Invalid(format!(
                    "{} ({id}) is not in an imported tree (or you added it there): only pearls of a tree someone handed on can be picked",
                    describe(tx, id)
                )));
            }
        };
        if into_chain.contains(&copy) {
            return Err(Error::Invalid(format!(
                "{} is inside “{}”, the imported tree {} ({id}) comes from: pick into a collection of your own (or move it within the tree)",
                describe(tx, into_chain[0]),
                provenance.title,
                describe(tx, id)
            )));
        }
        Ok(provenance)
    }
}
