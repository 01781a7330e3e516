//! Keeping a shared tree current, as every shell does it: recognise a newer version of a tree
//! already imported (by its stable ids, never its title), say so ("This is a newer version of
//! “Révolution”, imported 3 Dec"), and update the copy in place, or import the file as new
//! when the library holds no copy of that tree.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::formats::ReadOptions;
use crate::formats::tree::ImportedTree;
use crate::model::PearlId;
use crate::provenance::{Provenance, day_text};
use crate::store::{ImportReport, OtherPlace, SimilarTree, Store, UpdateReport};

/// What the import preview offers when the file is a newer version of a tree already here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UpdateOffer {
    /// The copy to update (the newest import of that tree when there are several).
    pub copy: PearlId,
    /// Its path in the library.
    pub copy_path: String,
    /// Its provenance, as last imported.
    pub provenance: Provenance,
    /// How many copies of that tree the library holds.
    pub copies: usize,
    /// In words: "This is a newer version of “Révolution”, imported 3 Dec 2026".
    pub message: String,
}

/// What `nacre import --update` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum UpdateOutcome {
    /// A copy was updated (or, in a dry run, would be).
    Updated {
        /// What changed.
        report: UpdateReport,
    },
    /// The library holds no copy of the file's tree: it was imported as new (not in a dry run).
    ImportedAsNew {
        /// Why it was not an update, in words.
        reason: String,
        /// The import; `None` in a dry run.
        report: Option<ImportReport>,
    },
}

fn path_of(store: &Store, id: PearlId) -> Result<String> {
    store.full_path(id)
}

/// What the library offers for the tree `pending` holds (previewed, not yet committed): an
/// update of the copy already here when it is a newer version of a tree imported before.
///
/// # Errors
/// As [`update_offer`].
pub fn waiting_update_offer(
    pending: &super::PendingImport,
    store: &Store,
) -> Result<Option<UpdateOffer>> {
    pending.with_waiting(|tree| update_offer(store, tree))
}

/// The update the library offers for `tree`: `None` when it is not a newer version of a tree
/// imported here.
///
/// # Errors
/// [`Error::Sqlite`].
pub fn update_offer(store: &Store, tree: &ImportedTree) -> Result<Option<UpdateOffer>> {
    let Some((_, copies)) = store.copies_for_update(tree)? else {
        return Ok(None);
    };
    let Some((copy, provenance)) = copies.last().cloned() else {
        return Ok(None);
    };
    let message = format!(
        "This is a newer version of “{}”, imported {}",
        provenance.title,
        day_text(provenance.imported_at)
    );
    Ok(Some(UpdateOffer {
        copy,
        copy_path: path_of(store, copy)?,
        provenance,
        copies: copies.len(),
        message,
    }))
}

/// Which copy of the tree `into` picks: the copy that is `into` or holds it; the only copy when
/// `into` is `None`.
fn pick_copy(
    store: &Store,
    title: &str,
    copies: &[(PearlId, Provenance)],
    into: Option<PearlId>,
) -> Result<PearlId> {
    let listed = || -> Result<String> {
        Ok(copies
            .iter()
            .map(|(id, _)| path_of(store, *id).map(|p| format!("{p} ({id})")))
            .collect::<Result<Vec<_>>>()?
            .join(", "))
    };
    match (into, copies) {
        (None, [(only, _)]) => Ok(*only),
        (None, _) => Err(Error::Invalid(format!(
            "the library holds {} copies of “{title}”: {}; pick one with --into",
            copies.len(),
            listed()?
        ))),
        (Some(into), _) => {
            // The copy that is `into` or holds it; else the one copy inside `into`.
            let above = store.ancestry(into)?;
            if let Some((id, _)) = copies.iter().find(|(id, _)| above.contains(id)) {
                return Ok(*id);
            }
            let mut below = Vec::new();
            for (id, _) in copies {
                if store.ancestry(*id)?.contains(&into) {
                    below.push(*id);
                }
            }
            match below.as_slice() {
                [one] => Ok(*one),
                _ => Err(Error::Invalid(format!(
                    "{} copies of “{title}” are in {into}; its copies: {}; name the one to update",
                    below.len(),
                    listed()?
                ))),
            }
        }
    }
}

/// Updates the copy of `tree` (picked by `into` when the library holds several) from it as
/// one undoable edit, or only lists the changes (`dry_run`). A tree the library never imported
/// is imported as new at the end of `into` (or the top), and the outcome says so.
///
/// # Errors
/// [`Error::Invalid`] for several copies and no `into`, or an `into` in none of them; as
/// [`Store::update_copy`] and [`Store::import_tree_with`].
pub fn import_update(
    store: &Store,
    tree: &ImportedTree,
    into: Option<PearlId>,
    dry_run: bool,
    options: &ReadOptions<'_>,
) -> Result<UpdateOutcome> {
    let title = tree.roots.first().map_or("", |r| r.title.as_str());
    let copies = match store.copies_for_update(tree)? {
        Some((_, copies)) if !copies.is_empty() => copies,
        found => {
            let reason = if found.is_none() {
                format!(
                    "{} is not a shared Nacre tree: imported as new",
                    tree.source
                )
            } else {
                format!("the library holds no copy of “{title}”: imported as new")
            };
            let report = if dry_run {
                None
            } else {
                let at = into.unwrap_or_else(|| store.root_id());
                Some(super::import::commit(store, tree, at, None, options)?)
            };
            return Ok(UpdateOutcome::ImportedAsNew { reason, report });
        }
    };
    let copy = pick_copy(store, title, &copies, into)?;
    Ok(UpdateOutcome::Updated {
        report: store.update_copy(tree, copy, dry_run)?,
    })
}

/// How many similar trees a collection's details list.
pub const SIMILAR_TREES: usize = 5;

/// "Who else pearled it": the other places holding the same page as the link `id`, each with
/// the imported tree it belongs to and who handed that tree on.
///
/// # Errors
/// As [`Store::other_places`].
pub fn who_else(store: &Store, id: PearlId) -> Result<Vec<OtherPlace>> {
    store.other_places(id)
}

/// The imported trees sharing the most links with the collection `id` ([`SIMILAR_TREES`] at most).
///
/// # Errors
/// As [`Store::similar_trees`].
pub fn similar_trees(store: &Store, id: PearlId) -> Result<Vec<SimilarTree>> {
    store.similar_trees(id, SIMILAR_TREES)
}

/// What a pearl's details say about where else it stands: for a link, the other places holding
/// its page; for a collection, the imported trees sharing the most links with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Relations {
    /// Other links to the same page (links only).
    pub other_places: Vec<OtherPlace>,
    /// Imported trees sharing links (collections only).
    pub similar_trees: Vec<SimilarTree>,
}

/// The [`Relations`] of the pearl `id`.
///
/// # Errors
/// As [`who_else`] and [`similar_trees`].
pub fn relations(store: &Store, id: PearlId) -> Result<Relations> {
    let pearl = store.pearl(id)?;
    Ok(Relations {
        other_places: if pearl.kind == crate::model::PearlKind::Link {
            who_else(store, id)?
        } else {
            Vec::new()
        },
        similar_trees: if pearl.kind == crate::model::PearlKind::Collection {
            similar_trees(store, id)?
        } else {
            Vec::new()
        },
    })
}
