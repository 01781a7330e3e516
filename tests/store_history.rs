//! Undo and redo: every edit is one step, undo restores exactly the state before it, redo the
//! state after it, and a new edit forgets what was undone.

use nacre::formats::tree::{ImportedTree, Node};
use nacre::{LinkUrl, PearlUpdate, Placement, Tag};

use crate::common::TestLibrary;

/// One named edit of the library.
type Edit<'a> = Box<dyn Fn() + 'a>;

#[test]
fn every_kind_of_edit_is_undone_and_redone_exactly() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let b = lib.collection(lib.root(), "B");
    let l1 = lib.link(a, "one", "https://one.com");
    let l2 = lib.link(a, "two", "https://two.com");
    let edits: Vec<(&str, Edit<'_>)> = vec![
        (
            "move",
            Box::new(|| {
                lib.store
                    .move_pearls(&[l2, l1], b, Placement::Start)
                    .unwrap()
            }),
        ),
        (
            "reorder",
            Box::new(|| lib.store.move_pearls(&[l2], a, Placement::Start).unwrap()),
        ),
        (
            "rename",
            Box::new(|| {
                lib.store
                    .update(
                        l1,
                        &PearlUpdate {
                            title: Some("uno".into()),
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }),
        ),
        (
            "edit",
            Box::new(|| {
                let update = PearlUpdate {
                    url: Some(LinkUrl::parse("https://uno.com").unwrap()),
                    tags: Some(Tag::parse_list("x,y").unwrap()),
                    note: Some("note".into()),
                    ..Default::default()
                };
                lib.store.update(l1, &update).unwrap();
            }),
        ),
        ("trash", Box::new(|| lib.store.trash(&[a, l2]).unwrap())),
        ("restore", Box::new(|| lib.store.restore(&[a]).unwrap())),
        (
            "empty",
            Box::new(|| {
                lib.store.trash(&[b]).unwrap();
                lib.store.empty_trash().unwrap();
            }),
        ),
        (
            "create",
            Box::new(|| {
                lib.collection(lib.root(), "C");
            }),
        ),
    ];
    for (name, edit) in edits {
        let before = lib.dump();
        let steps_before = lib
            .store
            .history()
            .unwrap()
            .iter()
            .filter(|h| !h.undone)
            .count();
        edit();
        let after = lib.dump();
        assert_ne!(before, after, "{name} changed something");
        let steps = lib
            .store
            .history()
            .unwrap()
            .iter()
            .filter(|h| !h.undone)
            .count()
            - steps_before;
        for _ in 0..steps {
            lib.store.undo().unwrap().expect("something to undo");
        }
        assert_eq!(
            lib.dump(),
            before,
            "undoing {name} restores the state before it"
        );
        for _ in 0..steps {
            lib.store.redo().unwrap().expect("something to redo");
        }
        assert_eq!(
            lib.dump(),
            after,
            "redoing {name} restores the state after it"
        );
    }
}

#[test]
fn a_multi_pearl_move_is_one_step() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let ids: Vec<_> = (0..5)
        .map(|i| lib.link(lib.root(), &i.to_string(), "https://x.com"))
        .collect();
    let before = lib.dump();
    lib.store.move_pearls(&ids, a, Placement::End).unwrap();
    let entry = lib.store.undo().unwrap().unwrap();
    assert_eq!(entry.label, "Move 5 pearls");
    assert_eq!(lib.dump(), before);
}

#[test]
fn an_import_is_one_step_whatever_its_size() {
    let lib = TestLibrary::new();
    let before = lib.dump();
    let links = (0..500)
        .map(|i| Node::link(format!("page {i}"), format!("https://e.com/{i}")))
        .collect();
    let tree = ImportedTree {
        source: "Test".into(),
        roots: vec![Node::collection("Folder", links)],
        skipped: vec![],
        shared: None,
    };
    let report = lib
        .store
        .import_tree(&tree, lib.root(), "Imported")
        .unwrap();
    assert_eq!(report.imported.links, 500);
    assert_eq!(
        lib.store.search("page 42", 10).unwrap()[0].pearl.title,
        "page 42",
        "imported pearls are searchable"
    );
    let after = lib.dump();
    assert_eq!(lib.store.undo().unwrap().unwrap().label, "Import Test");
    assert_eq!(lib.dump(), before, "one undo removes the whole import");
    assert!(
        lib.store.search("page", 10).unwrap().is_empty(),
        "and its pearls are not found"
    );
    lib.store.redo().unwrap();
    assert_eq!(lib.dump(), after, "one redo brings it all back");
}

#[test]
fn a_new_edit_after_undo_forgets_the_redo() {
    let lib = TestLibrary::new();
    lib.collection(lib.root(), "A");
    lib.store.undo().unwrap();
    lib.collection(lib.root(), "B");
    assert!(
        lib.store.redo().unwrap().is_none(),
        "nothing to redo after a new edit"
    );
    assert_eq!(lib.titles(lib.root()), ["Inbox", "B"]);
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let lib = TestLibrary::new();
    assert!(lib.store.undo().unwrap().is_none());
    assert!(lib.store.redo().unwrap().is_none());
}

#[test]
fn the_history_is_bounded_and_old_imports_are_purged_with_it() {
    let lib = TestLibrary::new();
    let tree = ImportedTree {
        source: "Old".into(),
        roots: vec![Node::link("old page", "https://old.com")],
        skipped: vec![],
        shared: None,
    };
    lib.store
        .import_tree(&tree, lib.root(), "Old import")
        .unwrap();
    lib.store.undo().unwrap();
    // A new edit forgets the undone import; its pearls are deleted for good.
    lib.collection(lib.root(), "New");
    for i in 0..(nacre::store::history::MAX_ENTRIES + 10) {
        lib.collection(lib.root(), &format!("c{i}"));
    }
    let history = lib.store.history().unwrap();
    assert_eq!(history.len() as i64, nacre::store::history::MAX_ENTRIES);
    let conn = rusqlite::Connection::open(lib.store.path()).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM pearls WHERE title = 'old page'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0, "the forgotten import is gone from the file");
}

#[test]
fn the_history_is_shared_by_two_handles_on_one_library() {
    let lib = TestLibrary::new();
    lib.collection(lib.root(), "From the window");
    let tool = nacre::Store::open(lib.store.path()).unwrap();
    assert_eq!(tool.undo().unwrap().unwrap().label, "Add collection");
    assert_eq!(lib.titles(lib.root()), ["Inbox"]);
}
