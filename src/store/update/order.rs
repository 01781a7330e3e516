//! Sibling order in an update, merged three ways like every other field: in each collection of
//! the copy, the curator's order as last imported (each pearl's base says which sibling it
//! followed), the recipient's order now, and the newer version's. Where the curator reordered
//! and the recipient did not, the copy takes the curator's order; where both did, the
//! recipient's stays ("kept yours"). Pearls that are not the curator's pearls of that
//! collection (the recipient's own, picks, pearls moved in from elsewhere) keep their place
//! after the neighbour they follow. Only the pearls that must move get new keys.

use foldhash::{HashMap, HashSet};

use rusqlite::params;

use super::ChangeKind;
use super::base::Base;
use super::merge::{Incoming, Local, Run};
use crate::error::Result;
use crate::model::PearlId;
use crate::store::order_key;
use crate::store::sibling_keys::park;

/// One pearl directly in a collection of the copy, as it stands now.
struct Child {
    id: PearlId,
    key: String,
    /// Its origin, when it is one of the copy's own pearls (not a pick, not the recipient's).
    origin: Option<String>,
}

/// The curator's children of each collection in the newer version, in order, by origin.
fn new_orders<'a>(items: &'a [Incoming<'a>]) -> HashMap<&'a str, Vec<&'a str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::default();
    for item in items {
        if let Some(parent) = item.parent {
            out.entry(parent).or_default().push(item.uuid);
        }
    }
    out
}

/// Whether `order` (positions by origin) breaks the curator's base order of the collection
/// `parent`: some pearl of it stands before the pearl it followed in the base (pearls missing
/// from `order` skipped, through their own bases).
fn breaks_base(order: &HashMap<&str, usize>, parent: &str, bases: &HashMap<&str, &Base>) -> bool {
    for (&origin, &at) in order {
        let Some(base) = bases
            .get(origin)
            .filter(|b| b.parent.as_deref() == Some(parent))
        else {
            continue;
        };
        let mut before = base.after.as_deref();
        let mut steps = 0;
        while let Some(b) = before {
            steps += 1;
            if steps > bases.len() {
                break; // a loop in stored bases: nothing to learn
            }
            let in_place = bases
                .get(b)
                .is_some_and(|x| x.parent.as_deref() == Some(parent));
            if in_place && let Some(&b_at) = order.get(b) {
                if b_at > at {
                    return true;
                }
                break;
            }
            before = bases.get(b).and_then(|x| x.after.as_deref());
        }
    }
    false
}

/// The indices of a longest increasing run (not contiguous) of `values`.
fn longest_increasing(values: &[usize]) -> HashSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into values of each run's last
    let mut prev: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        prev[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = HashSet::default();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep.insert(i);
        cur = prev[i];
    }
    keep
}

impl Run<'_, '_, '_> {
    fn children_now(&self, parent: PearlId) -> Result<Vec<Child>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, order_key, CASE WHEN origin_tree = ?2 AND (provenance IS NULL
                   OR json_extract(provenance, '$.pickedAt') IS NULL) THEN origin_uuid END
             FROM pearls WHERE parent_id = ?1 ORDER BY order_key",
        )?;
        let rows = stmt.query_map(params![parent.0, self.tree], |r| {
            Ok(Child {
                id: PearlId(r.get(0)?),
                key: r.get(1)?,
                origin: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Merges the sibling order of every collection of the copy (after the update's other
    /// changes, so it orders what the collections now hold).
    pub(super) fn merge_orders(
        &mut self,
        items: &[Incoming<'_>],
        by_origin: &HashMap<String, PearlId>,
        locals: &HashMap<PearlId, Local>,
    ) -> Result<()> {
        let bases: HashMap<&str, &Base> = locals
            .values()
            .filter_map(|l| l.base.as_ref().map(|b| (l.origin.as_str(), b)))
            .collect();
        let orders = new_orders(items);
        let mut parents: Vec<&&str> = orders.keys().collect();
        parents.sort(); // the same order of notes in a dry run and the real update
        for parent_origin in parents {
            let Some(&parent) = by_origin.get(*parent_origin) else {
                continue;
            };
            let theirs = &orders[*parent_origin];
            // A collection the curator did not reorder is not read at all: what it holds now
            // is a part of the newer version, in the same order.
            let new_at: HashMap<&str, usize> =
                theirs.iter().enumerate().map(|(i, o)| (*o, i)).collect();
            if breaks_base(&new_at, parent_origin, &bases) {
                self.merge_order(parent, parent_origin, theirs, &bases)?;
            }
        }
        Ok(())
    }

    fn merge_order(
        &mut self,
        parent: PearlId,
        parent_origin: &str,
        theirs: &[&str],
        bases: &HashMap<&str, &Base>,
    ) -> Result<()> {
        let children = self.children_now(parent)?;
        let new_at: HashMap<&str, usize> =
            theirs.iter().enumerate().map(|(i, o)| (*o, i)).collect();
        // The curator's pearls of this collection, here now and there in the newer version.
        let ours: Vec<&Child> = children
            .iter()
            .filter(|c| c.origin.as_deref().is_some_and(|o| new_at.contains_key(o)))
            .collect();
        if ours.len() < 2 {
            return Ok(());
        }
        let mine: HashMap<&str, usize> = ours
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.origin.as_deref().map(|o| (o, i)))
            .collect();
        let curator_order: HashMap<&str, usize> = mine.keys().map(|o| (*o, new_at[o])).collect();
        if !breaks_base(&curator_order, parent_origin, bases) {
            return Ok(()); // the curator did not reorder: whatever the recipient did stays
        }
        if breaks_base(&mine, parent_origin, bases) {
            return self.note(
                ChangeKind::KeptYours,
                parent,
                "your order kept; the curator reordered it too".to_owned(),
            );
        }
        // The curator's pearls in their order; every other pearl right after the one it
        // follows now (at the start if none).
        let mut sorted: Vec<&Child> = ours.clone();
        sorted.sort_by_key(|c| c.origin.as_deref().map_or(0, |o| new_at[o]));
        let our_ids: HashSet<PearlId> = ours.iter().map(|c| c.id).collect();
        let mut followers: HashMap<Option<PearlId>, Vec<&Child>> = HashMap::default();
        let mut anchor = None;
        for c in &children {
            if our_ids.contains(&c.id) {
                anchor = Some(c.id);
            } else {
                followers.entry(anchor).or_default().push(c);
            }
        }
        let mut wanted: Vec<&Child> = followers.remove(&None).unwrap_or_default();
        for c in sorted {
            wanted.push(c);
            wanted.extend(followers.remove(&Some(c.id)).unwrap_or_default());
        }
        self.place_in_order(parent, &children, &wanted)
    }

    /// Gives new keys to the fewest pearls that make `children` stand as `wanted`.
    fn place_in_order(
        &mut self,
        parent: PearlId,
        children: &[Child],
        wanted: &[&Child],
    ) -> Result<()> {
        let now_at: HashMap<PearlId, usize> = children
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let positions: Vec<usize> = wanted.iter().map(|c| now_at[&c.id]).collect();
        let stay = longest_increasing(&positions);
        if stay.len() == wanted.len() {
            return Ok(());
        }
        for (i, c) in wanted.iter().enumerate() {
            if !stay.contains(&i) {
                self.rec.touch(self.tx, c.id)?;
                park(self.tx, c.id)?;
            }
        }
        let mut before: Option<String> = None;
        let mut i = 0;
        while i < wanted.len() {
            if stay.contains(&i) {
                before = Some(wanted[i].key.clone());
                i += 1;
                continue;
            }
            let start = i;
            while i < wanted.len() && !stay.contains(&i) {
                i += 1;
            }
            let after = wanted.get(i).map(|c| c.key.as_str());
            let keys = order_key::n_between(before.as_deref(), after, i - start)?;
            for (c, key) in wanted[start..i].iter().zip(&keys) {
                self.tx
                    .prepare_cached("UPDATE pearls SET order_key = ?1 WHERE id = ?2")?
                    .execute(params![key, c.id.0])?;
            }
            before = keys.last().cloned();
        }
        let moved = wanted.len() - stay.len();
        self.note(
            ChangeKind::Reordered,
            parent,
            format!(
                "in the curator's order ({})",
                crate::model::count_of(moved, "pearl moved", "pearls moved")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn the_longest_increasing_run_keeps_the_most_pearls_in_place() {
        let keep = longest_increasing(&[0, 3, 1, 2, 4]);
        assert_eq!(keep.len(), 4, "{keep:?}");
        assert!(!keep.contains(&1), "3 is the one out of place");
        assert_eq!(longest_increasing(&[2, 1, 0]).len(), 1);
        assert!(longest_increasing(&[]).is_empty());
    }
}
