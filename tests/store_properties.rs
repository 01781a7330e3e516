//! Property tests: random sequences of edits, undos and redos keep the tree valid (no cycles,
//! every pearl reachable from the root or the trash, sibling order total), a refused edit
//! changes nothing, and undo restores exactly the state before the edit (redo, after it).

use std::collections::HashMap;

use nacre::store::order_key;
use nacre::{LinkUrl, NewPearl, Pearl, PearlId, PearlKind, PearlUpdate, Placement, SortBy};
use proptest::prelude::*;

use crate::common::TestLibrary;

#[derive(Debug, Clone)]
enum Op {
    Create {
        parent: usize,
        kind: u8,
        index: usize,
    },
    Move {
        pearls: Vec<usize>,
        target: usize,
        index: usize,
    },
    Trash {
        pearls: Vec<usize>,
    },
    Restore {
        pearl: usize,
    },
    Rename {
        pearl: usize,
        title: String,
    },
    Sort {
        collection: usize,
        by: u8,
    },
    EmptyTrash,
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..5, any::<usize>()).prop_map(|(parent, kind, index)| Op::Create { parent, kind, index }),
        4 => (proptest::collection::vec(any::<usize>(), 1..4), any::<usize>(), any::<usize>())
            .prop_map(|(pearls, target, index)| Op::Move { pearls, target, index }),
        1 => proptest::collection::vec(any::<usize>(), 1..3).prop_map(|pearls| Op::Trash { pearls }),
        1 => any::<usize>().prop_map(|pearl| Op::Restore { pearl }),
        1 => (any::<usize>(), "[a-zé ]{1,8}").prop_map(|(pearl, title)| Op::Rename { pearl, title }),
        1 => (any::<usize>(), 0u8..3).prop_map(|(collection, by)| Op::Sort { collection, by }),
        1 => Just(Op::EmptyTrash),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

type Dump = Vec<(u32, Pearl)>;

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    if items.is_empty() {
        None
    } else {
        Some(items[i % items.len()])
    }
}

/// Applies one edit; `Ok(true)` if it was accepted.
fn apply(lib: &TestLibrary, op: &Op) -> Result<(), nacre::Error> {
    let tree: Vec<Pearl> = std::iter::once(lib.store.pearl(lib.root()).unwrap())
        .chain(
            lib.store
                .subtree(lib.root(), None)
                .unwrap()
                .into_iter()
                .map(|r| r.pearl),
        )
        .collect();
    let ids: Vec<PearlId> = tree.iter().skip(1).map(|p| p.id).collect();
    let collections: Vec<PearlId> = tree
        .iter()
        .filter(|p| p.kind == PearlKind::Collection)
        .map(|p| p.id)
        .collect();
    let trashed: Vec<PearlId> = lib
        .store
        .trash_contents()
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    match op {
        Op::Create {
            parent,
            kind,
            index,
        } => {
            let parent = pick(&collections, *parent).expect("the root is always there");
            let new = match kind {
                0 => NewPearl::collection("c")?,
                1 => NewPearl::link(LinkUrl::parse("https://example.com/")?, "l")?,
                2 => NewPearl::note("n")?,
                3 => NewPearl::section("s")?,
                _ => match pick(&collections[1..], *index) {
                    Some(target) => NewPearl::alias(target),
                    None => NewPearl::note("n")?,
                },
            };
            lib.store
                .create(parent, Placement::Index(index % 4), &new)
                .map(|_| ())
        }
        Op::Move {
            pearls,
            target,
            index,
        } => {
            let moving: Vec<PearlId> = pearls.iter().filter_map(|&i| pick(&ids, i)).collect();
            let target = pick(&collections, *target).expect("the root is always there");
            if moving.is_empty() {
                return Ok(());
            }
            lib.store
                .move_pearls(&moving, target, Placement::Index(index % 6))
        }
        Op::Trash { pearls } => {
            let doomed: Vec<PearlId> = pearls.iter().filter_map(|&i| pick(&ids, i)).collect();
            if doomed.is_empty() {
                Ok(())
            } else {
                lib.store.trash(&doomed)
            }
        }
        Op::Restore { pearl } => match pick(&trashed, *pearl) {
            Some(id) => lib.store.restore(&[id]),
            None => Ok(()),
        },
        Op::Rename { pearl, title } => match pick(&ids, *pearl) {
            Some(id) => lib
                .store
                .update(
                    id,
                    &PearlUpdate {
                        title: Some(title.clone()),
                        ..Default::default()
                    },
                )
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Sort { collection, by } => match pick(&collections, *collection) {
            Some(id) => {
                let by = [SortBy::Title, SortBy::Newest, SortBy::Site][usize::from(*by) % 3];
                lib.store.sort_collection(id, by).map(|_| ())
            }
            None => Ok(()),
        },
        Op::EmptyTrash => lib.store.empty_trash().map(|_| ()),
        Op::Undo | Op::Redo => unreachable!("handled by the caller"),
    }
}

/// Checks the tree's invariants straight from the file.
fn check_invariants(lib: &TestLibrary) {
    let conn = rusqlite::Connection::open(lib.store.path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, parent_id, order_key, role FROM pearls")
        .unwrap();
    let rows: Vec<(i64, Option<i64>, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let parent: HashMap<i64, Option<i64>> = rows.iter().map(|r| (r.0, r.1)).collect();
    let roles: HashMap<i64, String> = rows
        .iter()
        .filter_map(|r| r.3.clone().map(|role| (r.0, role)))
        .collect();
    for (id, _, key, role) in &rows {
        if role.is_none() {
            assert!(
                order_key::is_valid(key),
                "pearl {id} has a malformed order key {key:?}"
            );
        }
        // Walk up: must reach a top pearl without revisiting anything.
        let mut seen = vec![*id];
        let mut current = *id;
        while let Some(Some(p)) = parent.get(&current) {
            assert!(!seen.contains(p), "cycle through pearl {p}");
            seen.push(*p);
            current = *p;
        }
        assert!(
            parent.contains_key(&current),
            "pearl {id} hangs from a missing parent"
        );
        assert!(
            roles.contains_key(&current),
            "pearl {id} is not reachable from the root or the trash"
        );
    }
    let dupes: i64 = conn
        .query_row("SELECT count(*) FROM (SELECT 1 FROM pearls GROUP BY parent_id, order_key HAVING count(*) > 1 AND parent_id IS NOT NULL)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dupes, 0, "two siblings share an order key");
    let aliases_inside_target: i64 = conn
        .query_row(
            "WITH RECURSIVE up(alias, id) AS (
               SELECT id, parent_id FROM pearls WHERE kind = 'alias'
               UNION ALL SELECT up.alias, p.parent_id FROM up JOIN pearls p ON p.id = up.id WHERE p.parent_id IS NOT NULL)
             SELECT count(*) FROM up JOIN pearls a ON a.id = up.alias WHERE up.id = a.alias_target_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        aliases_inside_target, 0,
        "an alias stands inside its own target"
    );
}

fn latest_entry(lib: &TestLibrary) -> Option<i64> {
    lib.store
        .history()
        .unwrap()
        .iter()
        .filter(|h| !h.undone)
        .map(|h| h.id)
        .max()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_undos_and_redos_keep_the_tree_valid_and_undo_exact(ops in proptest::collection::vec(op(), 1..40)) {
        let lib = TestLibrary::new();
        // The model: the states around each edit that undo and redo must return to.
        let mut undo_stack: Vec<(Dump, Dump)> = Vec::new();
        let mut redo_stack: Vec<(Dump, Dump)> = Vec::new();
        for op in &ops {
            let before = lib.dump();
            match op {
                Op::Undo => {
                    let undone = lib.store.undo().unwrap();
                    match undo_stack.pop() {
                        Some((b, a)) => {
                            prop_assert!(undone.is_some());
                            prop_assert_eq!(&before, &a);
                            prop_assert_eq!(&lib.dump(), &b, "undo restores exactly the state before the edit");
                            redo_stack.push((b, a));
                        }
                        None => prop_assert!(undone.is_none(), "nothing was there to undo"),
                    }
                }
                Op::Redo => {
                    let redone = lib.store.redo().unwrap();
                    match redo_stack.pop() {
                        Some((b, a)) => {
                            prop_assert!(redone.is_some());
                            prop_assert_eq!(&lib.dump(), &a, "redo restores exactly the state after the edit");
                            undo_stack.push((b, a));
                        }
                        None => prop_assert!(redone.is_none(), "nothing was there to redo"),
                    }
                }
                edit => {
                    let entry_before = latest_entry(&lib);
                    match apply(&lib, edit) {
                        Ok(()) => {
                            if latest_entry(&lib) != entry_before {
                                undo_stack.push((before, lib.dump()));
                                redo_stack.clear();
                            } else {
                                prop_assert_eq!(&lib.dump(), &before, "an edit that left no history changed nothing");
                            }
                        }
                        Err(_) => prop_assert_eq!(&lib.dump(), &before, "a refused edit changes nothing"),
                    }
                }
            }
            check_invariants(&lib);
        }
    }
}
