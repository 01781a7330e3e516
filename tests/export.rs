//! Exporting: reading a subtree whole (`Store::export_tree`), the native format's round trip
//! and its errors, the writers on a real library, and `nacre export`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use nacre::Error;
use nacre::formats::export::ExportFormat;
use nacre::formats::native;
use nacre::formats::tree::{Icon, Node, NodeKind};

use crate::sample_library::{PNG, library, sample};

fn kinds(node: &Node) -> Vec<&'static str> {
    node.children()
        .iter()
        .map(|n| match n.kind {
            NodeKind::Collection { .. } => "collection",
            NodeKind::Link { .. } => "link",
            NodeKind::Note => "note",
            NodeKind::Section => "section",
            NodeKind::Alias { .. } => "alias",
        })
        .collect()
}

#[test]
fn export_tree_reads_every_kind_in_order_with_everything_it_holds() {
    let (_dir, store) = library();
    let research = sample(&store);
    let tree = store.export_tree(research).expect("export");
    assert_eq!(tree.title, "Research", "the top is the exported collection");
    assert_eq!(
        kinds(&tree),
        ["collection", "section", "note", "alias", "collection"],
        "children in the library's order"
    );
    let rust = &tree.children()[0];
    assert_eq!(
        rust.key.as_deref(),
        Some("c1"),
        "the alias target carries a key"
    );
    assert_eq!(
        tree.children()[3].kind,
        NodeKind::Alias {
            target_key: "c1".into()
        },
        "the alias names its target's key"
    );
    let book = &rust.children()[0];
    assert_eq!(book.title, "The <Book>");
    assert!(book.title_is_user, "a typed title is marked as the user's");
    assert_eq!(book.note, "Read it all\nTwice");
    assert_eq!(book.tags, ["books", "rust"], "tags in alphabetical order");
    assert!(
        book.created_at.is_some() && book.modified_at.is_some(),
        "dates are read"
    );
    assert_eq!(tree.children()[2].note, "Think about it");

    let fetched = &tree.children()[4].children()[0];
    assert_eq!(
        fetched.title, "Imported title",
        "the stored title, not the fetched one"
    );
    assert!(
        !fetched.title_is_user,
        "an imported title is not the user's"
    );
    assert_eq!(fetched.created_at, Some(1_600_000_000_000));
    assert_eq!(fetched.modified_at, Some(1_600_000_500_000));
    assert_eq!(
        fetched.icon,
        Some(Icon::Data {
            mime: "image/png".into(),
            base64: BASE64.encode(PNG)
        }),
        "the favicon comes as data"
    );
    let details = fetched.details.as_ref().expect("details");
    assert_eq!(details.title.as_deref(), Some("Example Domain"));
    assert_eq!(details.http_status, Some(200));
}

#[test]
fn exporting_something_other_than_a_collection_is_refused() {
    let (_dir, store) = library();
    let research = sample(&store);
    let note = store.children(research).expect("children")[2].id;
    let err = store
        .export_tree(note)
        .expect_err("a note is not a collection");
    assert_eq!(err.code(), nacre::ErrorCode::Invalid, "{err}");
    let err = store
        .export_tree(nacre::PearlId(9999))
        .expect_err("no such pearl");
    assert_eq!(err.code(), nacre::ErrorCode::NotFound, "{err}");
}

#[test]
fn a_native_file_imports_back_as_a_new_branch_holding_the_same_tree() {
    let (_dir, store) = library();
    let research = sample(&store);
    let tree = store.export_tree(research).expect("export");
    let file = native::write(&tree).expect("write");

    let (_dir2, other) = library();
    let imported = native::read(&file, "research.nacre.json").expect("read");
    let report = other
        .import_tree(&imported, other.root_id(), "Restored")
        .expect("import");
    assert!(
        report.skipped.is_empty(),
        "nothing skipped: {:?}",
        report.skipped
    );
    let branch = other.children(report.collection).expect("children");
    assert_eq!(branch.len(), 1, "the import holds the exported collection");
    let again = other.export_tree(branch[0].id).expect("export");
    assert_eq!(
        crate::common::without_uuids(&again),
        crate::common::without_uuids(&tree),
        "the same tree, every field but the pearls' identities"
    );
    assert!(
        tree.uuid.is_some() && again.uuid.is_some() && again.uuid != tree.uuid,
        "the native file carries UUIDs, and the copy has identities of its own"
    );
    let conn = rusqlite::Connection::open(other.path()).expect("open");
    let (origin_tree, origin_uuid): (Option<String>, Option<String>) = conn
        .query_row(
            "SELECT origin_tree, origin_uuid FROM pearls WHERE id = ?1",
            [branch[0].id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("origin");
    assert_eq!(
        origin_tree, tree.uuid,
        "the copy remembers the tree it came from"
    );
    assert_eq!(origin_uuid, tree.uuid, "and the pearl it was there");
}

#[test]
fn a_native_file_from_a_newer_nacre_fails_clearly() {
    let file = br#"{"format": "nacre", "version": 2, "root": {"kind": {"type": "someNewKind"}}}"#;
    let err = native::read(file, "new.nacre.json").expect_err("version 2 is unknown");
    assert!(
        matches!(
            err,
            Error::FormatTooNew {
                found: 2,
                known: 1,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("new.nacre.json") && message.contains("newer Nacre"),
        "the message names the file and the cause: {message}"
    );
}

#[test]
fn files_that_are_not_nacre_files_are_refused_with_where_and_why() {
    let cases: [(&[u8], &str); 4] = [
        (b"<html></html>", "line 1 column 1"),
        (br#"{"format": "chrome", "version": 1}"#, "\"chrome\""),
        (br#"{"format": "nacre"}"#, "version"),
        (
            b"{\"format\": \"nacre\", \"version\": 1,\n \"root\": {\"kind\": {\"type\": \"link\"}}}",
            "line 2",
        ),
    ];
    for (bytes, expected) in cases {
        let err = native::read(bytes, "x.json").expect_err("not a valid Nacre file");
        assert_eq!(err.code(), nacre::ErrorCode::Invalid, "{err}");
        assert!(
            err.to_string().contains(expected) && err.to_string().contains("x.json"),
            "{:?} should mention {expected:?} and the file: {err}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn a_very_deep_tree_round_trips_through_the_native_format() {
    let mut node = Node::link("bottom", "https://example.com/");
    for level in 0..100 {
        node = Node::collection(format!("level {level}"), vec![node]);
    }
    let file = native::write(&node).expect("write");
    let read = native::read(&file, "deep.nacre.json").expect("read deep file");
    assert_eq!(
        read.roots,
        [node],
        "100 levels of collections read back (serde_json alone stops near 40)"
    );
}

#[test]
fn every_format_writes_the_sample_library() {
    let (_dir, store) = library();
    let research = sample(&store);
    // A site is a folder of pages, written by `export_site` (tests/share_follow.rs).
    for format in ExportFormat::ALL
        .into_iter()
        .filter(|f| *f != ExportFormat::Site)
    {
        let bytes = nacre::api::export::export_bytes(&store, research, format)
            .expect("export")
            .0;
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            text.contains("The &lt;Book&gt;")
                || text.contains("The \\<Book\\>")
                || text.contains("The <Book>")
                || text.contains("The \\u003cBook\\u003e"),
            "{format}: the link's title is in the file:\n{text}"
        );
        assert!(
            !text.contains("<Book>") || format == ExportFormat::Native,
            "{format}: the title's markup is escaped"
        );
    }
}

#[test]
fn the_whole_library_leaves_out_the_inbox_only_while_it_is_empty() {
    let (_dir, store) = library();
    sample(&store);
    let titles = |store: &nacre::Store| -> Vec<String> {
        store
            .export_tree(store.root_id())
            .expect("export")
            .children()
            .iter()
            .map(|n| n.title.clone())
            .collect()
    };
    assert_eq!(titles(&store), ["Research"], "an empty Inbox says nothing");
    let url = nacre::LinkUrl::parse("https://example.org/caught").expect("url");
    store
        .create(
            store.inbox_id(),
            nacre::Placement::End,
            &nacre::NewPearl::link(url, "Caught").expect("link"),
        )
        .expect("a capture");
    assert_eq!(
        titles(&store),
        ["Inbox", "Research"],
        "a full one is shared"
    );
}
