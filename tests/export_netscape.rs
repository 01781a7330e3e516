//! The Netscape bookmark file Nacre writes reads back through Nacre's own importer as the same
//! tree: every folder and link in order, with titles, URLs, tags, notes and dates (in seconds).

use nacre::formats::tree::{Node, NodeKind};
use nacre::formats::{ReadOptions, netscape, netscape_write};

use crate::sample_library::{library, sample};

/// What a Netscape file can hold of a tree, as lines: depth, kind, shown title, URL, tags,
/// note, dates in whole seconds. Note pearls and aliases have no place in the format; a
/// section is an untitled `<HR>`.
fn visible(nodes: &[Node], depth: usize, out: &mut Vec<String>) {
    let targets = nacre::formats::write_common::Targets::default();
    for node in nodes {
        let secs = |d: Option<i64>| d.map(|ms| ms.div_euclid(1000));
        let line = match &node.kind {
            NodeKind::Collection { .. } => format!(
                "{depth} folder {:?} note={:?} {:?} {:?}",
                targets.shown_title(node),
                node.note,
                secs(node.created_at),
                secs(node.modified_at)
            ),
            NodeKind::Link { url } => format!(
                "{depth} link {:?} {url:?} tags={:?} note={:?} {:?} {:?}",
                targets.shown_title(node),
                node.tags,
                node.note,
                secs(node.created_at),
                secs(node.modified_at)
            ),
            NodeKind::Section => format!("{depth} section"),
            NodeKind::Note | NodeKind::Alias { .. } => continue,
        };
        out.push(line);
        visible(node.children(), depth + 1, out);
    }
}

#[test]
fn a_netscape_file_reads_back_through_nacres_importer_as_the_same_tree() {
    let (_dir, store) = library();
    let research = sample(&store);
    let tree = store.export_tree(research).expect("export");
    let file = netscape_write::write(&tree);

    let read = netscape::parse(&file, "bookmarks.html", &ReadOptions::default()).expect("read");
    assert!(
        read.skipped.is_empty(),
        "nothing skipped: {:?}",
        read.skipped
    );
    let (_dir2, other) = library();
    let report = other
        .import_tree(&read, other.root_id(), "Bookmarks")
        .expect("import");
    let again = other.export_tree(report.collection).expect("export");

    let (mut want, mut got) = (Vec::new(), Vec::new());
    visible(tree.children(), 0, &mut want);
    visible(again.children(), 0, &mut got);
    assert!(
        want.len() >= 5,
        "the sample has folders and links: {want:?}"
    );
    assert_eq!(
        got, want,
        "the same folders and links, in order, with every field the format holds"
    );
}
