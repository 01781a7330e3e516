//! Sync, property-tested: three libraries sharing one folder make random edits (create, move,
//! including moves that make a cycle when combined, rename, note, tags, trash, restore, sort,
//! import of a small tree, undo) and run rounds at random moments, so that edits cross in every
//! order and a device may stay apart for many edits. After everyone has synced, every library
//! shows the same tree, the tree's rules hold in each, and no pearl created anywhere is missing.
//!
//! Undo here undoes only edits that keep pearls (moves, renames, trash, sorts...): undoing the
//! creation of a pearl deletes it by design, which the "nothing missing" check cannot tell
//! from a loss; that case has its own test in `sync`.

use std::collections::HashSet;

use nacre::{LinkUrl, NewPearl, Pearl, PearlId, PearlUpdate, Placement, SortBy, Tag};
use proptest::prelude::*;

use crate::sync::{Device, folder_with, settle};

#[derive(Debug, Clone)]
enum Op {
    Create {
        parent: usize,
        kind: u8,
    },
    Move {
        pearl: usize,
        target: usize,
        index: usize,
    },
    Rename {
        pearl: usize,
        title: String,
    },
    Note {
        pearl: usize,
        text: String,
    },
    Tags {
        pearl: usize,
        tags: u8,
    },
    Trash {
        pearl: usize,
    },
    Restore {
        pearl: usize,
    },
    Sort {
        collection: usize,
        by: u8,
    },
    Import {
        parent: usize,
    },
    Undo,
    Round,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (any::<usize>(), 0u8..3).prop_map(|(parent, kind)| Op::Create { parent, kind }),
        5 => (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(pearl, target, index)| Op::Move { pearl, target, index }),
        2 => (any::<usize>(), "[a-z]{1,5}").prop_map(|(pearl, title)| Op::Rename { pearl, title }),
        1 => (any::<usize>(), "[a-z ]{1,8}").prop_map(|(pearl, text)| Op::Note { pearl, text }),
        2 => (any::<usize>(), 0u8..8).prop_map(|(pearl, tags)| Op::Tags { pearl, tags }),
        1 => any::<usize>().prop_map(|pearl| Op::Trash { pearl }),
        1 => any::<usize>().prop_map(|pearl| Op::Restore { pearl }),
        1 => (any::<usize>(), 0u8..3).prop_map(|(collection, by)| Op::Sort { collection, by }),
        1 => any::<usize>().prop_map(|parent| Op::Import { parent }),
        1 => Just(Op::Undo),
        3 => Just(Op::Round),
    ]
}

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

fn tree_pearls(d: &Device) -> Vec<Pearl> {
    d.store()
        .subtree(d.store().root_id(), None)
        .unwrap()
        .into_iter()
        .map(|r| r.pearl)
        .collect()
}

const SMALL_TREE: &str = r#"<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p>
<DT><H3>Imported folder</H3>
<DL><p>
<DT><A HREF="https://example.org/one">One</A>
<DT><A HREF="https://example.org/two">Two</A>
</DL><p>
<DT><A HREF="https://example.org/three">Three</A>
</DL><p>"#;

/// Applies one edit on one device; refused edits (a move into itself) change nothing.
/// Returns the UUIDs of the pearls it created.
fn apply(d: &Device, op: &Op) -> Vec<String> {
    let store = d.store();
    let pearls = tree_pearls(d);
    let collections: Vec<PearlId> = std::iter::once(store.root_id())
        .chain(
            pearls
                .iter()
                .filter(|p| p.kind == nacre::PearlKind::Collection)
                .map(|p| p.id),
        )
        .collect();
    let movable: Vec<PearlId> = pearls
        .iter()
        .filter(|p| p.id != store.inbox_id())
        .map(|p| p.id)
        .collect();
    let mut made = Vec::new();
    match op {
        Op::Create { parent, kind } => {
            let parent = pick(&collections, *parent).unwrap();
            let n = pearls.len();
            let new = match kind {
                0 => NewPearl::collection(&format!("c{n}")).unwrap(),
                1 => NewPearl::link(
                    LinkUrl::parse(&format!("https://example.org/{n}")).unwrap(),
                    "",
                )
                .unwrap(),
                _ => NewPearl::note(&format!("note {n}")).unwrap(),
            };
            if let Ok(p) = store.create(parent, Placement::End, &new) {
                made.push(p.uuid);
            }
        }
        Op::Move {
            pearl,
            target,
            index,
        } => {
            if let (Some(p), Some(t)) = (pick(&movable, *pearl), pick(&collections, *target)) {
                let _ = store.move_pearls(&[p], t, Placement::Index(*index % 4));
            }
        }
        Op::Rename { pearl, title } => {
            if let Some(p) = pick(&movable, *pearl) {
                let _ = store.update(
                    p,
                    &PearlUpdate {
                        title: Some(title.clone()),
                        ..PearlUpdate::default()
                    },
                );
            }
        }
        Op::Note { pearl, text } => {
            if let Some(p) = pick(&movable, *pearl) {
                let _ = store.update(
                    p,
                    &PearlUpdate {
                        note: Some(text.clone()),
                        ..PearlUpdate::default()
                    },
                );
            }
        }
        Op::Tags { pearl, tags } => {
            if let Some(p) = pick(&movable, *pearl) {
                let tags: Vec<Tag> = ["a", "b", "c"]
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| tags & (1 << i) != 0)
                    .map(|(_, t)| Tag::new(t).unwrap())
                    .collect();
                let _ = store.update(
                    p,
                    &PearlUpdate {
                        tags: Some(tags),
                        ..PearlUpdate::default()
                    },
                );
            }
        }
        Op::Trash { pearl } => {
            if let Some(p) = pick(&movable, *pearl) {
                let _ = store.trash(&[p]);
            }
        }
        Op::Restore { pearl } => {
            let trashed: Vec<PearlId> = store
                .children(store.trash_id())
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect();
            if let Some(p) = pick(&trashed, *pearl) {
                let _ = store.restore(&[p]);
            }
        }
        Op::Sort { collection, by } => {
            let by = [SortBy::Title, SortBy::Newest, SortBy::Site][usize::from(*by) % 3];
            let _ = store.sort_collection(pick(&collections, *collection).unwrap(), by);
        }
        Op::Import { parent } => {
            let tree = nacre::formats::read_bytes(SMALL_TREE.as_bytes(), "small.html").unwrap();
            let before: HashSet<String> = tree_pearls(d).into_iter().map(|p| p.uuid).collect();
            if store
                .import_tree(&tree, pick(&collections, *parent).unwrap(), "Small")
                .is_ok()
            {
                made.extend(
                    tree_pearls(d)
                        .into_iter()
                        .map(|p| p.uuid)
                        .filter(|u| !before.contains(u)),
                );
            }
        }
        Op::Undo => {
            let last = store
                .history()
                .unwrap()
                .into_iter()
                .rev()
                .find(|e| !e.undone && !e.label.starts_with("Synced"));
            if let Some(e) = last
                && !e.label.starts_with("Add")
                && !e.label.starts_with("Import")
            {
                let _ = store.undo();
            }
        }
        Op::Round => {
            d.round();
        }
    }
    made
}

/// One root, no cycle, no orphan: every pearl of the file is reached from the root, the trash
/// or the limbo, exactly once.
fn check_invariants(d: &Device) {
    let store = d.store();
    let mut reached = HashSet::new();
    for top in [store.root_id(), store.trash_id()] {
        reached.insert(top);
        for row in store.subtree(top, None).unwrap() {
            assert!(
                reached.insert(row.pearl.id),
                "{}: {} reached twice",
                d.name,
                row.pearl.id
            );
        }
    }
    let tops: Vec<Pearl> = store.children(store.root_id()).unwrap();
    assert_eq!(
        tops.iter().filter(|p| p.id == store.inbox_id()).count(),
        1,
        "{}: one Inbox at the top",
        d.name
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[test]
    fn three_devices_converge_and_lose_nothing(
        ops in proptest::collection::vec((0usize..3, op()), 20..90),
    ) {
        let (_folder, devices) = folder_with(&["one", "two", "three"]);
        let mut created: Vec<String> = Vec::new();
        for (who, op) in &ops {
            created.extend(apply(&devices[*who], op));
        }
        settle(&devices);
        let first = devices[0].view();
        for d in &devices {
            check_invariants(d);
            prop_assert_eq!(&d.view(), &first, "{} differs from {}", d.name, devices[0].name);
            let present: HashSet<String> = d.view().iter().map(|l| l.split(' ').nth(2).unwrap().to_owned()).collect();
            for uuid in &created {
                prop_assert!(present.contains(uuid), "{}: pearl {} is missing", d.name, uuid);
            }
        }
    }
}
