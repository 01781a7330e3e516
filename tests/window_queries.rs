//! What the window asks of the store beyond the general API: drafts and edits in the window's
//! shapes, the children of many collections at once, and the collections above a pearl.

use nacre::api::{PearlDraft, PearlEdit};
use nacre::{Error, PearlId, PearlKind, Placement, Store};

use crate::common::TestLibrary;

fn draft(kind: PearlKind, title: &str, url: Option<&str>, note: &str) -> PearlDraft {
    PearlDraft {
        kind,
        title: title.to_owned(),
        url: url.map(str::to_owned),
        note: note.to_owned(),
        target: None,
    }
}

#[test]
fn drafts_of_every_kind_become_pearls_and_one_undo_step_each() {
    let lib = TestLibrary::new();
    let s = &lib.store;
    let root = lib.root();
    let c = s
        .create_draft(
            root,
            Placement::End,
            &draft(PearlKind::Collection, "Reading", None, ""),
        )
        .expect("a collection");
    let l = s
        .create_draft(
            c.id,
            Placement::End,
            &draft(PearlKind::Link, "", Some("example.com/a"), "why"),
        )
        .expect("a link from a bare host");
    let n = s
        .create_draft(
            c.id,
            Placement::Start,
            &draft(PearlKind::Note, "", None, "remember"),
        )
        .expect("a note");
    let h = s
        .create_draft(
            c.id,
            Placement::End,
            &draft(PearlKind::Section, "Later", None, ""),
        )
        .expect("a section");
    assert_eq!(
        l.url.as_deref(),
        Some("https://example.com/a"),
        "bare hosts get https"
    );
    assert_eq!(l.note, "why", "a link keeps the note it was drafted with");
    let order: Vec<PearlId> = s.children(c.id).unwrap().iter().map(|p| p.id).collect();
    assert_eq!(order, [n.id, l.id, h.id], "placements are honoured");
    s.undo().unwrap();
    assert_eq!(
        s.children(c.id).unwrap().len(),
        2,
        "one undo takes one draft away"
    );
}

#[test]
fn bad_drafts_are_refused_with_their_reason_and_change_nothing() {
    let lib = TestLibrary::new();
    let s = &lib.store;
    let root = lib.root();
    let cases = [
        draft(PearlKind::Link, "", Some("not a url"), ""),
        draft(PearlKind::Link, "", None, ""),
        draft(PearlKind::Collection, "  ", None, ""),
        draft(PearlKind::Note, "", None, " "),
        draft(PearlKind::Alias, "x", None, ""),
    ];
    for d in &cases {
        let err = s.create_draft(root, Placement::End, d).unwrap_err();
        assert!(
            matches!(err, Error::InvalidUrl { .. } | Error::Invalid(_)),
            "{d:?} gave {err}"
        );
    }
    assert_eq!(
        s.children(root).unwrap().len(),
        1,
        "nothing was created beside the Inbox"
    );
    assert!(s.history().unwrap().is_empty(), "nothing was recorded");
}

#[test]
fn an_alias_draft_points_at_its_collection_and_never_inside_it() {
    let lib = TestLibrary::new();
    let s = &lib.store;
    let root = lib.root();
    let rust = lib.collection(root, "Rust");
    let inner = lib.collection(rust, "Crates");
    let elsewhere = lib.collection(root, "Reading");
    let alias_of = |target: PearlId| PearlDraft {
        target: Some(target),
        ..draft(PearlKind::Alias, "", None, "")
    };
    let made = s
        .create_draft(elsewhere, Placement::End, &alias_of(rust))
        .expect("an alias elsewhere");
    assert_eq!(made.kind, PearlKind::Alias);
    assert_eq!(made.alias_target, Some(rust), "it points at Rust");
    assert_eq!(made.title, "Rust", "it shows its collection's title");
    s.apply_edit(
        rust,
        &PearlEdit {
            title: Some("Rust, the language".to_owned()),
            ..PearlEdit::default()
        },
    )
    .expect("rename");
    assert_eq!(
        s.pearl(made.id).expect("alias").title,
        "Rust, the language",
        "renaming the collection renames what its alias shows"
    );
    let shown: Vec<String> = s
        .children_of_many(&[elsewhere])
        .expect("children")
        .into_iter()
        .flat_map(|l| l.children)
        .map(|item| item.title)
        .collect();
    assert_eq!(shown, ["Rust, the language"], "and so does the tree");
    let history = s.history().unwrap().len();
    for place in [rust, inner] {
        let err = s
            .create_draft(place, Placement::End, &alias_of(rust))
            .unwrap_err();
        assert!(
            matches!(err, Error::TreeConflict(_)),
            "an alias inside its own collection is refused: {err}"
        );
    }
    assert!(
        s.children(inner).unwrap().is_empty(),
        "nothing was created inside"
    );
    assert_eq!(s.history().unwrap().len(), history, "nothing was recorded");
}

#[test]
fn an_edit_changes_only_the_fields_it_names() {
    let lib = TestLibrary::new();
    let id = lib.link(lib.root(), "Old", "https://example.com/");
    let edit = PearlEdit {
        tags: Some("rust, web, rust".to_owned()),
        ..PearlEdit::default()
    };
    let p = lib.store.apply_edit(id, &edit).expect("tags edited");
    assert_eq!(p.tags, ["rust", "web"], "tags parsed, deduplicated");
    assert_eq!(p.title, "Old", "the title is left alone");
    let bad = PearlEdit {
        url: Some("nope".to_owned()),
        ..PearlEdit::default()
    };
    assert!(
        lib.store.apply_edit(id, &bad).is_err(),
        "a bad URL is refused"
    );
    assert_eq!(
        lib.store.pearl(id).unwrap().url.as_deref(),
        Some("https://example.com/")
    );
}

#[test]
fn children_of_many_collections_skip_the_ones_that_are_gone() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let b = lib.collection(a, "B");
    lib.link(b, "x", "https://x.example/");
    let lists = lib
        .store
        .children_of_many(&[lib.root(), a, b, PearlId(999_999)])
        .expect("read");
    let shape: Vec<(PearlId, usize)> = lists.iter().map(|l| (l.parent, l.children.len())).collect();
    assert_eq!(
        shape,
        [(lib.root(), 2), (a, 1), (b, 1)],
        "the missing id is left out"
    );
}

#[test]
fn the_collections_above_a_pearl_run_from_the_top_down() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let b = lib.collection(a, "B");
    let x = lib.link(b, "x", "https://x.example/");
    assert_eq!(lib.store.collections_above(x).unwrap(), [a, b]);
    assert!(
        lib.store.collections_above(a).unwrap().is_empty(),
        "a top pearl needs nothing open"
    );
    assert!(
        lib.store.collections_above(lib.root()).unwrap().is_empty(),
        "nor does the root"
    );
    lib.store.trash(&[a]).unwrap();
    assert!(
        matches!(lib.store.collections_above(x), Err(Error::Invalid(_))),
        "a pearl in the trash is not in the tree"
    );
}

#[test]
fn the_library_info_names_its_file_root_and_trash() {
    let lib = TestLibrary::new();
    let info = lib.store.info();
    assert_eq!(info.root, lib.root());
    assert_eq!(info.trash, lib.store.trash_id());
    assert!(info.path.ends_with("library.sqlite"), "{}", info.path);
    assert!(
        Store::default_library_path().ends_with("nacre/library.sqlite"),
        "the default library sits in the data folder"
    );
}

#[test]
fn tree_items_carry_what_the_tree_shows_and_only_the_start_of_a_long_note() {
    let lib = TestLibrary::new();
    let c = lib.collection(lib.root(), "C");
    let long = "x".repeat(5000);
    let note = lib
        .store
        .create(
            c,
            Placement::End,
            &nacre::NewPearl::note(&format!("é{long}")).unwrap(),
        )
        .unwrap();
    lib.link(c, "Link", "https://example.com/");
    let items = lib.store.child_items(c).expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].id, note.id);
    assert_eq!(items[0].note.chars().count(), nacre::api::NOTE_START);
    assert_eq!(items[1].url.as_deref(), Some("https://example.com/"));
    let top = lib.store.child_items(lib.root()).unwrap();
    assert_eq!(top[1].child_count, 2, "collections count their pearls");
}
