//! A library with every kind of pearl, shared by the core's export tests and the tool's, and
//! where the repository's test data lives whichever crate's tests run.

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use nacre::formats::tree::{Icon, ImportedTree, Node};
use nacre::model::PageDetails;
use nacre::{LinkUrl, NewPearl, Placement, Store, Tag};

/// The repository's top folder (the core's tests run in it, the tool's in `cli/`).
pub fn repo_root() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while !dir.join("tests/data").is_dir() {
        if !dir.pop() {
            return PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        }
    }
    dir
}

pub fn library() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("lib.sqlite")).expect("library");
    (dir, store)
}

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n not really a png";

/// `../shared/fixtures` beside the repository, or `None` (with a line saying the test is skipped
/// and why) when it is absent: the real exports are shared, never copied into the project.
pub fn shared_fixtures(test: &str) -> Option<PathBuf> {
    let dir = repo_root().join("../shared/fixtures");
    if dir.is_dir() {
        return Some(dir);
    }
    eprintln!(
        "skipped {test}: the shared fixtures folder {} is absent (it sits beside the project)",
        dir.display()
    );
    None
}

/// A library with every kind of pearl, user-typed and imported titles, tags, a note, page
/// details, a favicon and an alias.
pub fn sample(store: &Store) -> nacre::PearlId {
    let research = store
        .create(
            store.root_id(),
            Placement::End,
            &NewPearl::collection("Research").expect("collection"),
        )
        .expect("create");
    let rust = store
        .create(
            research.id,
            Placement::End,
            &NewPearl::collection("Rust").expect("collection"),
        )
        .expect("create");
    let book = NewPearl::link(
        LinkUrl::parse("https://doc.rust-lang.org/book/").expect("url"),
        "The <Book>",
    )
    .expect("link")
    .with_note("Read it all\nTwice")
    .expect("note")
    .with_tags(vec![
        Tag::new("rust").expect("tag"),
        Tag::new("books").expect("tag"),
    ]);
    store
        .create(rust.id, Placement::End, &book)
        .expect("create");
    store
        .create(
            research.id,
            Placement::End,
            &NewPearl::section("Later").expect("section"),
        )
        .expect("create");
    store
        .create(
            research.id,
            Placement::End,
            &NewPearl::note("Think about it").expect("note"),
        )
        .expect("create");
    store
        .create(research.id, Placement::End, &NewPearl::alias(rust.id))
        .expect("create");
    let mut fetched = Node::link("Imported title", "https://example.com/");
    fetched.created_at = Some(1_600_000_000_000);
    fetched.modified_at = Some(1_600_000_500_000);
    fetched.icon = Some(Icon::Data {
        mime: "image/png".into(),
        base64: BASE64.encode(PNG),
    });
    fetched.details = Some(PageDetails {
        final_url: Some("https://example.com/home".into()),
        http_status: Some(200),
        title: Some("Example Domain".into()),
        description: Some("An example".into()),
        ..PageDetails::default()
    });
    let imported = ImportedTree {
        source: "test".into(),
        roots: vec![fetched],
        skipped: vec![],
        shared: None,
    };
    store
        .import_tree(&imported, research.id, "From a file")
        .expect("import");
    research.id
}
