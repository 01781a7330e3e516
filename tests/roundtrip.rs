//! Round trips through the formats a user shares with: a branch exported as a native file or as
//! browser bookmark HTML, imported again through format detection (as `nacre import` and the
//! window do), comes back as the same tree.

use nacre::formats::export::ExportFormat;
use nacre::formats::tree::{Node, NodeKind};
use nacre::formats::{detect, read_bytes};
use nacre::{LinkUrl, NewPearl, Placement, Store, Tag};

use crate::common::TestLibrary;

/// A small branch with every kind of pearl, tags, notes and an alias.
pub fn curated(lib: &TestLibrary) -> nacre::PearlId {
    let s = &lib.store;
    let top = lib.collection(lib.root(), "Cours de physique");
    let waves = lib.collection(top, "Ondes & optique");
    let url = LinkUrl::parse("https://fr.wikipedia.org/wiki/Onde?x=1&y=<2>").unwrap();
    let link = NewPearl::link(url, "Onde — Wikipédia \"fr\"")
        .unwrap()
        .with_note("à lire <b>avant</b> jeudi")
        .unwrap();
    s.create(
        waves,
        Placement::End,
        &link.with_tags(Tag::parse_list("physique, ondes").unwrap()),
    )
    .unwrap();
    s.create(
        top,
        Placement::End,
        &NewPearl::section("Exercices").unwrap(),
    )
    .unwrap();
    s.create(
        top,
        Placement::End,
        &NewPearl::note("Rendre le TP 3 avant vendredi").unwrap(),
    )
    .unwrap();
    lib.link(top, "", "https://example.org/untitled");
    s.create(top, Placement::End, &NewPearl::alias(waves))
        .unwrap();
    top
}

/// The imported copy of `original`: the one collection inside the import's own collection.
fn reimport(format: ExportFormat, store: &Store, top: nacre::PearlId) -> (Node, Node) {
    let bytes = nacre::api::export::export_bytes(store, top, format)
        .unwrap()
        .0;
    let tree = read_bytes(&bytes, "shared file").unwrap();
    let fresh = TestLibrary::new();
    let report = fresh
        .store
        .import_tree(&tree, fresh.root(), "Imported")
        .unwrap();
    let copy_top = fresh.store.children(report.collection).unwrap()[0].id;
    (
        store.export_tree(top).unwrap(),
        fresh.store.export_tree(copy_top).unwrap(),
    )
}

#[test]
fn a_native_file_is_detected_and_comes_back_as_exactly_the_same_tree() {
    let lib = TestLibrary::new();
    let top = curated(&lib);
    let bytes = nacre::api::export::export_bytes(&lib.store, top, ExportFormat::Native)
        .unwrap()
        .0;
    assert_eq!(detect(&bytes), Some(nacre::formats::detect::Format::Native));
    let (original, copy) = reimport(ExportFormat::Native, &lib.store, top);
    assert_eq!(
        crate::common::without_uuids(&copy),
        crate::common::without_uuids(&original),
        "every kind, title, note, tag, date and the alias survive"
    );
}

/// What a browser bookmark file can hold: collections and links with titles, URLs, tags and
/// notes, in order (notes pearls and aliases have no place in the format).
fn browser_view(node: &Node) -> Vec<String> {
    let mut lines = Vec::new();
    let mut stack = vec![(0, node)];
    while let Some((depth, n)) = stack.pop() {
        match &n.kind {
            NodeKind::Collection { children } => {
                lines.push(format!("{depth} folder {}", n.title));
                stack.extend(children.iter().rev().map(|c| (depth + 1, c)));
            }
            NodeKind::Link { url } => {
                // The title shown: an untitled link shows (and is exported with) its URL.
                let shown = if n.title.is_empty() { url } else { &n.title };
                lines.push(format!(
                    "{depth} link {shown} <{url}> [{}] {}",
                    n.tags.join(","),
                    n.note
                ));
            }
            _ => {}
        }
    }
    lines
}

#[test]
fn a_browser_bookmark_file_comes_back_as_the_same_folders_and_links() {
    let lib = TestLibrary::new();
    let top = curated(&lib);
    let bytes = nacre::api::export::export_bytes(&lib.store, top, ExportFormat::Netscape)
        .unwrap()
        .0;
    let tree = read_bytes(&bytes, "bookmarks.html").unwrap();
    let fresh = TestLibrary::new();
    let report = fresh
        .store
        .import_tree(&tree, fresh.root(), "Imported")
        .unwrap();
    // The file's top level holds the exported collection's contents.
    let original = lib.store.export_tree(top).unwrap();
    let copy = fresh.store.export_tree(report.collection).unwrap();
    let contents = |n: &Node| {
        n.children()
            .iter()
            .flat_map(browser_view)
            .collect::<Vec<_>>()
    };
    assert_eq!(contents(&copy), contents(&original));
    assert_eq!(report.imported.links, 2);
}
