//! Tree edits: create, rename, move one or many anywhere, reorder, trash and restore, and the
//! edits that must be refused without changing anything.

use nacre::store::Place;
use nacre::{Error, LinkUrl, NewPearl, PearlId, PearlKind, PearlUpdate, Placement, Tag};

use crate::common::TestLibrary;

#[test]
fn a_fresh_library_holds_only_the_inbox_and_an_empty_trash() {
    let lib = TestLibrary::new();
    let top = lib.store.children(lib.root()).unwrap();
    assert_eq!(top.len(), 1, "the root starts with the Inbox alone");
    assert_eq!(
        (top[0].id, top[0].title.as_str(), top[0].uuid.as_str()),
        (
            lib.store.inbox_id(),
            "Inbox",
            nacre::store::identity::INBOX_UUID
        ),
        "the Inbox has its well-known identity"
    );
    assert!(
        lib.store.trash_contents().unwrap().is_empty(),
        "the trash starts empty"
    );
    assert_eq!(
        lib.store.pearl(lib.root()).unwrap().kind,
        PearlKind::Collection
    );
}

#[test]
fn pearls_of_every_kind_are_created_where_asked() {
    let lib = TestLibrary::new();
    let research = lib.collection(lib.root(), "Research");
    let url = LinkUrl::parse("https://example.com/a").unwrap();
    let link = NewPearl::link(url, "Example")
        .unwrap()
        .with_note("why it matters")
        .unwrap();
    let link = link.with_tags(Tag::parse_list("web, reading").unwrap());
    lib.store.create(research, Placement::End, &link).unwrap();
    lib.store
        .create(
            research,
            Placement::Start,
            &NewPearl::section("First part").unwrap(),
        )
        .unwrap();
    lib.store
        .create(
            research,
            Placement::End,
            &NewPearl::note("remember this").unwrap(),
        )
        .unwrap();
    lib.store
        .create(
            research,
            Placement::Index(1),
            &NewPearl::alias(research).with_note("x").unwrap(),
        )
        .expect_err("an alias cannot stand inside the collection it points at");
    lib.store
        .create(lib.root(), Placement::End, &NewPearl::alias(research))
        .unwrap();

    let kids = lib.store.children(research).unwrap();
    let kinds: Vec<PearlKind> = kids.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [PearlKind::Section, PearlKind::Link, PearlKind::Note]
    );
    assert_eq!(kids[1].note, "why it matters");
    assert_eq!(kids[1].tags, ["reading", "web"], "tags come back sorted");
    assert_eq!(kids[1].url.as_deref(), Some("https://example.com/a"));
    let alias = &lib.store.children(lib.root()).unwrap()[2];
    assert_eq!(
        (alias.kind, alias.alias_target, alias.title.as_str()),
        (PearlKind::Alias, Some(research), "Research")
    );
}

#[test]
fn a_link_keeps_the_url_exactly_as_typed() {
    let lib = TestLibrary::new();
    let id = lib.link(lib.root(), "", "HTTPS://Example.COM:443/Path?utm_source=x");
    let pearl = lib.store.pearl(id).unwrap();
    assert_eq!(
        pearl.url.as_deref(),
        Some("HTTPS://Example.COM:443/Path?utm_source=x")
    );
    assert_eq!(
        pearl.display_title(),
        "HTTPS://Example.COM:443/Path?utm_source=x",
        "an untitled link shows its URL"
    );
}

#[test]
fn renaming_and_editing_change_only_what_was_asked() {
    let lib = TestLibrary::new();
    let id = lib.link(lib.root(), "Old", "https://example.com/");
    let before = lib.store.pearl(id).unwrap();
    let after = lib
        .store
        .update(
            id,
            &PearlUpdate {
                title: Some("New".into()),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(after.title, "New");
    assert_eq!(
        (after.url, after.note, after.tags),
        (before.url, before.note, before.tags)
    );
    let edited = lib
        .store
        .update(
            id,
            &PearlUpdate {
                url: Some(LinkUrl::parse("https://example.org/").unwrap()),
                tags: Some(Tag::parse_list("b,a").unwrap()),
                note: Some("n".into()),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(edited.url.as_deref(), Some("https://example.org/"));
    assert_eq!(edited.tags, ["a", "b"]);
    assert_eq!(edited.title, "New");
}

#[test]
fn a_url_on_a_collection_or_an_empty_collection_name_is_refused() {
    let lib = TestLibrary::new();
    let c = lib.collection(lib.root(), "C");
    let url = Some(LinkUrl::parse("https://a.com").unwrap());
    let err = lib
        .store
        .update(
            c,
            &PearlUpdate {
                url,
                ..PearlUpdate::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), nacre::ErrorCode::Invalid, "{err}");
    let err = lib
        .store
        .update(
            c,
            &PearlUpdate {
                title: Some("  ".into()),
                ..PearlUpdate::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("needs a name"), "{err}");
    assert_eq!(lib.titles(lib.root()), ["Inbox", "C"], "nothing changed");
}

#[test]
fn pearls_move_to_exactly_the_gap_named_by_an_index() {
    let lib = TestLibrary::new();
    let c = lib.collection(lib.root(), "C");
    let ids: Vec<PearlId> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|t| lib.link(c, t, "https://x.com"))
        .collect();
    // Drag "a" to the gap between "c" and "d" (index 3 of the list as shown before the move).
    lib.store
        .move_pearls(&[ids[0]], c, Placement::Index(3))
        .unwrap();
    assert_eq!(lib.titles(c), ["b", "c", "a", "d", "e"]);
    // Drag "e" to the top, then "b" past the end.
    lib.store
        .move_pearls(&[ids[4]], c, Placement::Index(0))
        .unwrap();
    lib.store
        .move_pearls(&[ids[1]], c, Placement::Index(99))
        .unwrap();
    assert_eq!(lib.titles(c), ["e", "c", "a", "d", "b"]);
    // "d" before "b", then "a" after "b".
    lib.store
        .move_pearls(&[ids[3]], c, Placement::Before(ids[1]))
        .unwrap();
    lib.store
        .move_pearls(&[ids[0]], c, Placement::After(ids[1]))
        .unwrap();
    assert_eq!(lib.titles(c), ["e", "c", "d", "b", "a"]);
    // "e" before itself stays where it is; "d" after the last lands last.
    lib.store
        .move_pearls(&[ids[4]], c, Placement::Before(ids[4]))
        .unwrap();
    lib.store
        .move_pearls(&[ids[3]], c, Placement::After(ids[0]))
        .unwrap();
    assert_eq!(lib.titles(c), ["e", "c", "b", "a", "d"]);
}

#[test]
fn many_pearls_move_together_in_the_order_given() {
    let lib = TestLibrary::new();
    let from = lib.collection(lib.root(), "From");
    let to = lib.collection(lib.root(), "To");
    let a = lib.link(from, "a", "https://a.com");
    let b = lib.link(from, "b", "https://b.com");
    let c = lib.link(from, "c", "https://c.com");
    let x = lib.link(to, "x", "https://x.com");
    let y = lib.link(to, "y", "https://y.com");
    lib.store
        .move_pearls(&[c, a], to, Placement::Index(1))
        .unwrap();
    assert_eq!(lib.titles(to), ["x", "c", "a", "y"]);
    assert_eq!(lib.titles(from), ["b"]);
    // Within one collection, a group that includes the pearl at the target index.
    lib.store
        .move_pearls(&[y, x], to, Placement::Index(1))
        .unwrap();
    assert_eq!(lib.titles(to), ["y", "x", "c", "a"]);
    let _ = b;
}

#[test]
fn moving_a_collection_into_itself_or_its_descendant_is_refused_and_changes_nothing() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let b = lib.collection(a, "B");
    let c = lib.collection(b, "C");
    let before = lib.dump();
    for target in [a, b, c] {
        let err = lib
            .store
            .move_pearls(&[a], target, Placement::End)
            .unwrap_err();
        assert!(
            matches!(err, Error::TreeConflict(_)),
            "moving A into {target}: {err}"
        );
        assert!(err.to_string().contains("into itself"), "{err}");
    }
    let err = lib
        .store
        .move_pearls(&[c, a], c, Placement::End)
        .unwrap_err();
    assert!(matches!(err, Error::TreeConflict(_)), "{err}");
    assert_eq!(lib.dump(), before, "a refused move changes nothing");
    assert!(
        lib.store
            .history()
            .unwrap()
            .iter()
            .all(|h| !h.label.starts_with("Move")),
        "and leaves no history"
    );
}

#[test]
fn moving_an_alias_into_its_own_target_is_refused() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let inner = lib.collection(a, "Inner");
    let holder = lib.collection(lib.root(), "Holder");
    let alias = lib
        .store
        .create(holder, Placement::End, &NewPearl::alias(a))
        .unwrap()
        .id;
    let err = lib
        .store
        .move_pearls(&[alias], inner, Placement::End)
        .unwrap_err();
    assert!(matches!(err, Error::TreeConflict(_)), "{err}");
    let err = lib
        .store
        .move_pearls(&[holder], inner, Placement::End)
        .unwrap_err();
    assert!(
        matches!(err, Error::TreeConflict(_)),
        "a collection holding an alias of A cannot go inside A: {err}"
    );
}

#[test]
fn the_root_cannot_be_moved_or_deleted_and_only_collections_hold_pearls() {
    let lib = TestLibrary::new();
    let link = lib.link(lib.root(), "l", "https://l.com");
    let c = lib.collection(lib.root(), "C");
    assert_eq!(
        lib.store
            .move_pearls(&[lib.root()], c, Placement::End)
            .unwrap_err()
            .code(),
        nacre::ErrorCode::Invalid
    );
    assert_eq!(
        lib.store.trash(&[lib.root()]).unwrap_err().code(),
        nacre::ErrorCode::Invalid
    );
    let err = lib
        .store
        .move_pearls(&[c], link, Placement::End)
        .unwrap_err();
    assert!(err.to_string().contains("not a collection"), "{err}");
    assert_eq!(
        lib.store
            .move_pearls(&[PearlId(999)], c, Placement::End)
            .unwrap_err()
            .code(),
        nacre::ErrorCode::NotFound
    );
}

#[test]
fn trashed_pearls_leave_the_tree_and_come_back_where_they_were() {
    let lib = TestLibrary::new();
    let c = lib.collection(lib.root(), "C");
    let inner = lib.collection(c, "Inner");
    let ids: Vec<PearlId> = ["a", "b", "c"]
        .iter()
        .map(|t| lib.link(c, t, "https://x.com"))
        .collect();
    lib.link(inner, "deep", "https://deep.com");
    lib.store.trash(&[ids[1], inner]).unwrap();
    assert_eq!(lib.titles(c), ["a", "c"]);
    assert_eq!(lib.store.trash_contents().unwrap().len(), 2);
    assert!(
        lib.store.search("deep", 10).unwrap().is_empty(),
        "search leaves out the trash"
    );
    assert_eq!(lib.store.place(ids[1]).unwrap(), Place::Trash);
    lib.store.restore(&[ids[1], inner]).unwrap();
    assert_eq!(
        lib.titles(c),
        ["Inner", "a", "b", "c"],
        "each pearl is back at its old place"
    );
    assert_eq!(
        lib.store.search("deep", 10).unwrap().len(),
        1,
        "with everything inside it"
    );
}

#[test]
fn restoring_into_a_collection_that_is_gone_lands_at_the_top() {
    let lib = TestLibrary::new();
    let c = lib.collection(lib.root(), "C");
    let a = lib.link(c, "a", "https://a.com");
    lib.store.trash(&[a]).unwrap();
    lib.store.trash(&[c]).unwrap();
    lib.store.restore(&[a]).unwrap();
    assert_eq!(lib.titles(lib.root()), ["Inbox", "a"]);
    let err = lib.store.restore(&[a]).unwrap_err();
    assert!(err.to_string().contains("not in the trash"), "{err}");
}

#[test]
fn emptying_the_trash_removes_its_pearls_for_the_user() {
    let lib = TestLibrary::new();
    let a = lib.link(lib.root(), "a", "https://a.com");
    lib.store.trash(&[a]).unwrap();
    assert_eq!(lib.store.empty_trash().unwrap(), 1);
    assert!(lib.store.trash_contents().unwrap().is_empty());
    assert!(
        lib.store.restore(&[a]).is_err(),
        "an emptied pearl is not restorable"
    );
    assert!(lib.store.search("a.com", 10).unwrap().is_empty());
}

#[test]
fn paths_address_collections_by_title_or_id() {
    let lib = TestLibrary::new();
    let research = lib.collection(lib.root(), "Research");
    let rust = lib.collection(research, "Rust");
    let slash = lib.collection(research, "Input/Output");
    assert_eq!(lib.store.resolve_path("Research/Rust").unwrap(), rust);
    assert_eq!(
        lib.store.resolve_path("research/RUST").unwrap(),
        rust,
        "case is forgiven"
    );
    assert_eq!(
        lib.store.resolve_path(r"Research/Input\/Output").unwrap(),
        slash
    );
    assert_eq!(
        lib.store.resolve_path(&format!("#{}", rust.0)).unwrap(),
        rust
    );
    assert_eq!(lib.store.resolve_path("/").unwrap(), lib.root());
    assert_eq!(lib.store.path_of(rust).unwrap(), ["Research"]);
    let err = lib.store.resolve_path("Research/Go").unwrap_err();
    assert!(matches!(err, Error::PathNotFound(_)), "{err}");
    lib.collection(research, "Rust");
    let err = lib.store.resolve_path("Research/Rust").unwrap_err();
    assert!(
        matches!(err, Error::AmbiguousPath { count: 2, .. }),
        "{err}"
    );
}

#[test]
fn a_subtree_lists_every_pearl_in_display_order() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    let b = lib.collection(a, "B");
    lib.link(b, "b1", "https://b1.com");
    lib.link(a, "a1", "https://a1.com");
    lib.collection(lib.root(), "Z");
    let rows = lib.store.subtree(lib.root(), None).unwrap();
    let shown: Vec<(u32, &str)> = rows
        .iter()
        .map(|r| (r.depth, r.pearl.title.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (0, "Inbox"),
            (0, "A"),
            (1, "B"),
            (2, "b1"),
            (1, "a1"),
            (0, "Z")
        ]
    );
    let shallow = lib.store.subtree(lib.root(), Some(0)).unwrap();
    assert_eq!(shallow.len(), 3, "depth 0 lists only the children");
}
