//! Sorting a collection: by title (case and accents ignored), newest first, by site; sections
//! stay put and sort what follows them; collections first; one undo step; nothing recorded
//! when the order is already right.

use nacre::formats::tree::{ImportedTree, Node};
use nacre::{NewPearl, Placement, SortBy};

use crate::common::TestLibrary;

#[test]
fn sorting_by_title_ignores_case_and_accents_keeps_sections_and_puts_collections_first() {
    let lib = TestLibrary::new();
    let top = lib.collection(lib.root(), "Research");
    lib.link(top, "zebra", "https://z.example/");
    lib.link(top, "École", "https://ecole.example/");
    lib.collection(top, "Tools");
    lib.link(top, "apple", "https://a.example/");
    lib.store
        .create(
            top,
            Placement::End,
            &NewPearl::note("mango season").unwrap(),
        )
        .unwrap();
    lib.store
        .create(top, Placement::End, &NewPearl::section("Later").unwrap())
        .unwrap();
    lib.link(top, "Banana", "https://b.example/");
    lib.link(top, "avocado", "https://www.c.example/");
    let before = lib.dump();

    assert!(lib.store.sort_collection(top, SortBy::Title).unwrap());
    assert_eq!(
        lib.titles(top),
        [
            "Tools", "apple", "École", "", "zebra", "Later", "avocado", "Banana"
        ],
        "collections first, A to Z as a reader would (the note by its text, \"mango season\"), \
         each side of the section"
    );
    assert_eq!(
        lib.store.history().unwrap().last().unwrap().label,
        "Sort “Research” by title"
    );
    let history = lib.store.history().unwrap().len();
    assert!(
        !lib.store.sort_collection(top, SortBy::Title).unwrap(),
        "already sorted"
    );
    assert_eq!(
        lib.store.history().unwrap().len(),
        history,
        "nothing recorded for a sort that changes nothing"
    );

    assert!(lib.store.sort_collection(top, SortBy::Site).unwrap());
    assert_eq!(
        lib.titles(top),
        [
            "Tools", "", "apple", "École", "zebra", "Later", "Banana", "avocado"
        ],
        "by site: the note (no site), a., ecole., z. / b., c. (www. ignored)"
    );
    lib.store.undo().unwrap();
    lib.store.undo().unwrap();
    assert_eq!(
        lib.dump(),
        before,
        "each sort is one undo step, undone exactly"
    );
}

#[test]
fn sorting_newest_first_and_refusing_what_is_not_a_collection() {
    let lib = TestLibrary::new();
    let added = |title: &str, at: i64| {
        let mut node = Node::link(title, format!("https://{title}.example/"));
        node.created_at = Some(at);
        node
    };
    let tree = ImportedTree {
        source: "test".to_owned(),
        roots: vec![
            added("first", 1_600_000_000_000),
            added("third", 1_700_000_000_000),
            added("second", 1_650_000_000_000),
        ],
        ..ImportedTree::default()
    };
    let imported = lib
        .store
        .import_tree(&tree, lib.root(), "Dated")
        .unwrap()
        .collection;
    assert!(lib.store.sort_collection(imported, SortBy::Newest).unwrap());
    assert_eq!(lib.titles(imported), ["third", "second", "first"]);
    assert_eq!(
        lib.store.history().unwrap().last().unwrap().label,
        "Sort “Dated” newest first"
    );
    let top = lib.link(lib.root(), "zulu", "https://example.com/");
    lib.link(lib.root(), "alpha", "https://example.org/");
    let before = lib.dump();
    assert!(
        lib.store.sort_collection(top, SortBy::Title).is_err(),
        "a link has nothing to sort"
    );
    assert_eq!(lib.dump(), before, "and nothing changed");
    assert!(
        lib.store
            .sort_collection(lib.root(), SortBy::Title)
            .unwrap()
    );
    assert_eq!(
        lib.store.history().unwrap().last().unwrap().label,
        "Sort the top by title"
    );
}
