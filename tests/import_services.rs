//! Every service's export (issue 15), each quirk on a small file of our own in
//! `tests/data/services` (zips are built here from those files): what the reader makes of it,
//! by name, structure, states, notes, tags and dates, and that it goes into the library.

use std::io::Write;
use std::path::{Path, PathBuf};

use nacre::formats::tree::{ImportedTree, Node, NodeKind, state_tags};
use nacre::formats::{read_bytes, read_file};

use crate::common::TestLibrary;

fn data(name: &str) -> PathBuf {
    Path::new("tests/data/services").join(name)
}

fn bytes_of(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read(name: &str) -> ImportedTree {
    read_file(data(name)).unwrap_or_else(|e| panic!("{name} reads: {e}"))
}

/// A zip of (entry name, bytes), deflated.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn url_of(node: &Node) -> &str {
    match &node.kind {
        NodeKind::Link { url } => url,
        _ => "",
    }
}

fn titles(nodes: &[Node]) -> Vec<&str> {
    nodes.iter().map(|n| n.title.as_str()).collect()
}

/// Every link in preorder.
fn links(tree: &ImportedTree) -> Vec<&Node> {
    fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
        for n in nodes {
            if matches!(n.kind, NodeKind::Link { .. }) {
                out.push(n);
            }
            walk(n.children(), out);
        }
    }
    let mut out = Vec::new();
    walk(&tree.roots, &mut out);
    out
}

fn source_of(tree: &ImportedTree) -> &str {
    let name = tree.source.split(" (").next().unwrap_or_default();
    // A file whose writer is not known is named after it: "CSV bookmarks from one.csv".
    name.split(" from ").next().unwrap_or_default()
}

/// Imports the tree into a fresh library and returns how many links landed.
fn imported_links(tree: &ImportedTree) -> usize {
    let lib = TestLibrary::new();
    let report = lib
        .store
        .import_tree(tree, lib.root(), "import")
        .expect("the tree goes into the library");
    report.imported.links
}

#[test]
fn a_pocket_zip_reads_its_parts_in_order_with_highlights_as_notes_even_named_csv() {
    let zip = zip_of(&[
        // Entries out of order, in a folder, with the annotations beside them.
        ("pocket/part_000001.csv", bytes_of("pocket_part_000001.csv")),
        (
            "pocket/annotations/part_000000.json",
            bytes_of("pocket_annotations.json"),
        ),
        ("pocket/part_000000.csv", bytes_of("pocket_part_000000.csv")),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pocket-export.csv");
    std::fs::write(&path, &zip).unwrap();
    let tree = read_file(&path).expect("a Pocket zip named .csv reads");
    assert_eq!(source_of(&tree), "Pocket export");
    assert_eq!(
        titles(&tree.roots),
        ["First saved", "Quoted, with comma", "Third"],
        "part 0 before part 1, rows in order"
    );
    let first = &tree.roots[0];
    assert_eq!(first.tags, ["reading", "long read", state_tags::UNREAD]);
    assert_eq!(first.note, "The first highlight.\n\nAnd a second one.");
    assert_eq!(first.created_at, Some(1_700_000_000_000));
    assert_eq!(url_of(&tree.roots[1]), "https://second.example/a?b=1&c=2");
    assert_eq!(tree.roots[1].tags, [state_tags::ARCHIVED]);
    assert_eq!(tree.roots[2].tags, ["Übersetzung", state_tags::UNREAD]);
    assert_eq!(imported_links(&tree), 3);
}

#[test]
fn pockets_old_html_export_gives_unread_and_read_archive_as_states() {
    let tree = read("pocket_ril_export.html");
    assert_eq!(source_of(&tree), "Pocket export");
    assert_eq!(titles(&tree.roots), ["Unread & new", "Read one"]);
    assert_eq!(
        tree.roots[0].tags,
        ["news", "long read", state_tags::UNREAD]
    );
    assert_eq!(tree.roots[0].created_at, Some(1_352_708_193_000));
    assert_eq!(tree.roots[1].tags, [state_tags::ARCHIVED]);
    assert_eq!(url_of(&tree.roots[1]), "https://read.example/?a=1&b=2");
}

#[test]
fn instapaper_folders_are_states_or_one_flat_collection_and_selections_are_notes() {
    let tree = read("instapaper.csv");
    assert_eq!(source_of(&tree), "Instapaper export");
    assert_eq!(
        titles(&tree.roots),
        [
            "Unread one",
            "Archived, with a comma",
            "Starred one",
            "Blogs / Portfolios I like"
        ],
        "Unread, Archive and Starred are states; a folder with ' / ' is one collection"
    );
    assert_eq!(tree.roots[0].tags, [state_tags::UNREAD]);
    assert_eq!(tree.roots[1].tags, ["work", "later", state_tags::ARCHIVED]);
    assert_eq!(tree.roots[2].tags, [state_tags::FAVORITE]);
    assert_eq!(tree.roots[2].note, "A selection\non two lines");
    assert_eq!(tree.roots[0].created_at, Some(1_692_762_914_000));
    let folder = &tree.roots[3];
    assert_eq!(
        titles(folder.children()),
        ["In a folder", "and I still welcome you home,,,,"]
    );
    let old = read("instapaper_no_timestamp.csv");
    assert_eq!(titles(&old.roots), ["A", "Tech"], "without Timestamp too");
    assert_eq!(old.roots[0].created_at, None);

    let html = read("instapaper.html");
    assert_eq!(source_of(&html), "Instapaper export");
    assert_eq!(
        titles(&html.roots),
        ["Unread one", "Archived one", "Recipes / Desserts"]
    );
    assert_eq!(html.roots[1].tags, [state_tags::ARCHIVED]);
    assert_eq!(titles(html.roots[2].children()), ["Cake"]);
}

#[test]
fn raindrops_backup_csv_and_html_keep_folders_covers_highlights_and_favourites() {
    let backup = read("raindrop_backup.csv");
    assert_eq!(source_of(&backup), "Raindrop.io export");
    assert_eq!(titles(&backup.roots), ["Work", "Unsorted"]);
    let kept = &backup.roots[0].children()[0].children()[0];
    assert_eq!(kept.title, "Kept", "Work/Design nests");
    assert_eq!(kept.tags, ["design", "ux", state_tags::FAVORITE]);
    assert_eq!(
        kept.note,
        "a note\n\nAn excerpt\n\nHighlight one\nHighlight two"
    );
    assert_eq!(
        kept.details.as_ref().and_then(|d| d.image_url.as_deref()),
        Some("https://img.example/kept.png"),
        "the cover is the preview image"
    );

    let html = read("raindrop.html");
    assert_eq!(source_of(&html), "Raindrop.io export");
    let work = html.roots[0].children();
    assert_eq!(work[0].tags, ["design", "ux"], "\", \" separated");
    assert_eq!(work[1].tags, ["one", "two"], "\",\" separated");
    assert_eq!(work[0].note, "A note");
    for (node, cover) in [(&work[0], "a.png"), (&work[1], "b.png")] {
        assert_eq!(
            node.details.as_ref().and_then(|d| d.image_url.clone()),
            Some(format!("https://img.example/{cover}")),
            "COVER and DATA-COVER"
        );
    }
    let unsorted = &html.roots[1];
    assert_eq!(unsorted.created_at, None, "ADD_DATE=\"0\" is no date");
    assert_eq!(unsorted.children()[0].created_at, None);
    assert_eq!(imported_links(&html), 3);
}

#[test]
fn diigo_csv_without_header_in_a_zip_and_its_html_keep_highlights_and_tags() {
    let tree = read("diigo_no_header.csv");
    assert_eq!(source_of(&tree), "Diigo export");
    assert_eq!(titles(&tree.roots), ["Diigo one", "Diigo two, with comma"]);
    assert!(
        tree.roots[0].tags.is_empty(),
        "the no_tag placeholder is dropped"
    );
    assert_eq!(tree.roots[0].note, "A description");
    assert_eq!(tree.roots[1].tags, ["hall", "reverb"]);
    assert_eq!(
        tree.roots[1].note, "a comment\n\nfirst part\n\nsecond part",
        "Highlight: lines become paragraphs, &nbsp fragments spaces"
    );
    assert_eq!(
        tree.roots[0].created_at,
        Some(1_715_146_603_000),
        "a date without a zone is UTC"
    );
    let zipped = read_bytes(
        &zip_of(&[(
            "802697_csv_2024_05_08_9389e.csv",
            bytes_of("diigo_no_header.csv"),
        )]),
        "diigo.zip",
    )
    .expect("Diigo's zip reads");
    assert_eq!(source_of(&zipped), "Diigo export");
    assert_eq!(links(&zipped).len(), 2);

    let headed = read("diigo.csv");
    assert_eq!(
        source_of(&headed),
        "Diigo export",
        "Diigo's file with its header"
    );
    assert_eq!(
        titles(&headed.roots),
        ["Diigo with header", "Tagged, highlighted"]
    );
    assert_eq!(
        url_of(&headed.roots[0]),
        "https://diigo-header.example/a?x=1&y=2"
    );
    assert!(headed.roots[0].tags.is_empty(), "no_tag dropped");
    assert_eq!(headed.roots[0].note, "Its description");
    assert_eq!(headed.roots[1].tags, ["reverb", "hall"]);
    assert_eq!(headed.roots[1].note, "a comment\n\none\n\ntwo");
    assert_eq!(headed.roots[0].created_at, Some(1_715_146_603_000));

    let html = read("diigo.html");
    assert_eq!(source_of(&html), "Diigo export");
    assert_eq!(titles(&html.roots), ["Diigo HTML one", "Diigo HTML two"]);
    assert_eq!(
        html.roots[0].tags,
        ["rust", "web", "two words"],
        "space-separated, quoted tags kept whole"
    );
    assert_eq!(
        html.roots[0].note, "Its description",
        "DT and DD on one line"
    );
    assert_eq!(html.roots[0].created_at, None, "Diigo's HTML has no dates");
}

#[test]
fn onetab_groups_become_collections_and_titles_split_on_the_first_bar_only() {
    let tree = read("onetab.txt");
    assert_eq!(source_of(&tree), "OneTab tabs");
    assert_eq!(titles(&tree.roots), ["Tab group 1", "Tab group 2"]);
    let group = tree.roots[0].children();
    assert_eq!(titles(group), ["A title | with a bar in it", "", "C"]);
    assert_eq!(url_of(&group[1]), "https://b.example/", "a bare URL");
    assert_eq!(url_of(&group[2]), "http://c.example/path?q=1");
    assert_eq!(titles(tree.roots[1].children()), ["D - second group"]);

    let list = read("urls.txt");
    assert_eq!(list.source, "List of links from urls.txt");
    let urls: Vec<&str> = list.roots.iter().map(url_of).collect();
    assert_eq!(
        urls,
        [
            "https://one.example/",
            "http://two.example/a?b=1",
            "https://three.example/"
        ]
    );
    assert_eq!(list.skipped.len(), 1, "the line that is not a URL");
    assert_eq!(list.skipped[0].location, "line 4");

    let csv = read_bytes(b"url\nhttps://a.example/\nhttps://b.example/\n", "one.csv").unwrap();
    assert_eq!(source_of(&csv), "CSV bookmarks", "a header makes it CSV");
    assert_eq!(csv.roots.len(), 2);
}

#[test]
fn omnivore_json_and_zip_keep_labels_states_and_highlights() {
    let tree = read("omnivore_metadata_0_to_1.json");
    assert_eq!(source_of(&tree), "Omnivore export");
    assert_eq!(
        tree.roots[0].tags,
        ["RSS", "Read later", state_tags::ARCHIVED]
    );
    assert_eq!(tree.roots[0].note, "An excerpt");
    assert_eq!(tree.roots[0].created_at, Some(1_730_219_411_000));
    assert!(tree.roots[1].tags.is_empty(), "Active is no state tag");
    let zipped = read_bytes(
        &zip_of(&[
            (
                "metadata_0_to_1.json",
                bytes_of("omnivore_metadata_0_to_1.json"),
            ),
            (
                "highlights/first-slug.md",
                bytes_of("omnivore_first-slug.md"),
            ),
            ("content/first-slug.html", b"<p>the article</p>".to_vec()),
        ]),
        "omnivore.zip",
    )
    .expect("Omnivore's zip reads");
    assert_eq!(
        zipped.roots[0].note, "> A highlighted sentence.\n\nAn excerpt",
        "the highlights file, then the excerpt"
    );
}

#[test]
fn wallabag_v1_strings_and_v2_states_are_tags() {
    let v1 = read("wallabag_v1.json");
    assert_eq!(source_of(&v1), "Wallabag export");
    assert_eq!(v1.roots[0].tags, ["alpha", "beta", state_tags::ARCHIVED]);
    assert_eq!(
        v1.roots[1].tags,
        [state_tags::UNREAD, state_tags::FAVORITE],
        "\"0\"/\"1\" strings read as booleans"
    );

    let v2 = read("wallabag_v2.json");
    assert_eq!(source_of(&v2), "Wallabag export");
    assert_eq!(
        titles(&v2.roots),
        ["Booleans as JSON booleans", "Booleans as 0 and 1"]
    );
    assert_eq!(
        v2.roots[0].tags,
        ["science", "long read", state_tags::ARCHIVED],
        "JSON booleans"
    );
    assert_eq!(
        v2.roots[1].tags,
        [state_tags::UNREAD, state_tags::FAVORITE],
        "0 and 1 read as booleans"
    );
    assert_eq!(v2.roots[0].note, "“a quoted line” my thought");
    assert_eq!(
        v2.roots[0].created_at,
        Some(1_675_238_400_000),
        "+0200 is two hours ahead of UTC"
    );
}

#[test]
fn matter_csv_and_its_zip_with_macos_entries_keep_states_and_authors() {
    let tree = read("matter_history.csv");
    assert_eq!(source_of(&tree), "Matter export");
    let story = &tree.roots[0];
    assert_eq!(
        story.tags,
        [
            "finance",
            "crypto",
            state_tags::FAVORITE,
            state_tags::ARCHIVED
        ]
    );
    assert_eq!(story.note, "By Matt Levine, Bloomberg");
    assert_eq!(story.created_at, Some(1_671_374_951_000));
    assert_eq!(tree.roots[1].tags, [state_tags::UNREAD]);
    let zipped = read_bytes(
        &zip_of(&[
            (
                "__MACOSX/._matter_history.csv",
                b"\x00\x05\x16\x07junk".to_vec(),
            ),
            ("_matter_history.csv", bytes_of("matter_history.csv")),
            ("content_1.html", b"<p>article</p>".to_vec()),
        ]),
        "Archive.zip",
    )
    .expect("Matter's zip reads");
    assert_eq!(source_of(&zipped), "Matter export");
    assert_eq!(links(&zipped).len(), 2, "__MACOSX entries are ignored");
}

#[test]
fn readwise_locations_are_states_and_python_dates_and_tag_lists_are_read() {
    let tree = read("readwise.csv");
    assert_eq!(source_of(&tree), "Readwise Reader export");
    assert_eq!(
        tree.roots[0].tags,
        ["ai", "reading", state_tags::UNREAD, state_tags::FAVORITE]
    );
    assert_eq!(tree.roots[0].created_at, Some(1_685_613_600_000));
    assert_eq!(tree.roots[1].tags, [state_tags::ARCHIVED]);
    assert_eq!(tree.roots[1].created_at, Some(1_685_700_000_123));
    assert!(tree.roots[2].tags.is_empty(), "the feed is no state");
}

#[test]
fn linkwarden_collections_nest_by_parent_whatever_their_order() {
    let tree = read("linkwarden.json");
    assert_eq!(source_of(&tree), "Linkwarden backup");
    assert_eq!(titles(&tree.roots), ["Tech"]);
    let tech = &tree.roots[0];
    assert_eq!(tech.note, "Things");
    assert_eq!(titles(tech.children()), ["Frameworks", "GitHub"]);
    let next = &tech.children()[0].children()[0];
    assert_eq!(next.note, "The React framework");
    assert_eq!(
        next.tags,
        ["js", state_tags::FAVORITE],
        "pinned is a favourite"
    );
    assert_eq!(
        tree.skipped.len(),
        1,
        "the link without a URL: {:?}",
        tree.skipped
    );
}

#[test]
fn karakeep_lists_nest_text_bookmarks_are_notes_and_files_are_reported() {
    let tree = read("karakeep.json");
    assert_eq!(source_of(&tree), "Karakeep export");
    assert_eq!(
        titles(&tree.roots),
        ["Parent", "A text"],
        "smart lists are no place"
    );
    let parent = &tree.roots[0];
    assert_eq!(titles(parent.children()), ["Child", ""]);
    let child = &parent.children()[0];
    assert_eq!(child.children().len(), 2, "a bookmark in each of its lists");
    assert_eq!(child.children()[0].note, "My note");
    assert_eq!(child.children()[0].tags, ["web", state_tags::ARCHIVED]);
    assert_eq!(child.children()[0].created_at, Some(1_700_000_000_000));
    assert!(matches!(tree.roots[1].kind, NodeKind::Note));
    assert_eq!(tree.roots[1].note, "Remember this.");
    assert_eq!(
        tree.skipped.len(),
        1,
        "the file bookmark: {:?}",
        tree.skipped
    );
}

#[test]
fn delicious_json_and_pinboard_xml_read_like_pinboard_json() {
    let delicious = read("delicious.json");
    assert_eq!(source_of(&delicious), "Delicious export");
    assert_eq!(delicious.roots[0].tags, ["old", "web"]);
    assert_eq!(delicious.roots[0].note, "A note");
    assert_eq!(delicious.roots[0].created_at, Some(1_262_304_000_000));

    let xml = read("pinboard.xml");
    assert_eq!(source_of(&xml), "Pinboard export");
    assert_eq!(titles(&xml.roots), ["Pinboard & XML", "Second"]);
    assert_eq!(url_of(&xml.roots[0]), "https://pb1.example/?a=1&b=2");
    assert_eq!(xml.roots[0].tags, ["xml", "export", state_tags::UNREAD]);
    assert_eq!(xml.roots[0].created_at, Some(1_580_702_706_000));
}

#[test]
fn rss_and_atom_items_become_links_with_their_summaries_and_categories() {
    let rss = read("feed.rss");
    assert_eq!(source_of(&rss), "Feed “A blog”");
    assert_eq!(titles(&rss.roots), ["First post"]);
    assert_eq!(rss.roots[0].note, "Hello world", "HTML as its text");
    assert_eq!(rss.roots[0].tags, ["news"]);
    assert_eq!(rss.roots[0].created_at, Some(1_704_103_200_000));
    assert_eq!(rss.skipped.len(), 1, "the item without a link");

    let atom = read("feed.atom");
    assert_eq!(
        url_of(&atom.roots[0]),
        "https://atom.example/1",
        "rel=alternate"
    );
    assert_eq!(atom.roots[0].note, "Summary one");
    assert_eq!(atom.roots[0].tags, ["atom"]);
}

#[test]
fn an_opera_hotlist_keeps_folders_notes_and_separators_and_leaves_its_trash() {
    let tree = read("opera.adr");
    assert_eq!(source_of(&tree), "Opera hotlist");
    assert_eq!(titles(&tree.roots), ["Reading", "Top"]);
    let reading = tree.roots[0].children();
    assert_eq!(url_of(&reading[0]), "https://inside.example/");
    assert_eq!(reading[0].note, "A description");
    assert_eq!(reading[0].created_at, Some(1_227_140_237_000));
    assert!(matches!(reading[1].kind, NodeKind::Section), "#SEPERATOR");
    assert!(matches!(reading[2].kind, NodeKind::Note));
    assert_eq!(reading[2].note, "A note\non two lines");
    assert!(
        tree.skipped.iter().any(|s| s.what.contains("1 entries")),
        "the trash is reported, not imported: {:?}",
        tree.skipped
    );
}

#[test]
fn floccus_xbel_and_linkding_html_read_with_their_writers_quirks() {
    let floccus = read("floccus.xbel");
    assert_eq!(source_of(&floccus), "floccus bookmarks");
    assert_eq!(titles(&floccus.roots), ["Toolbar", "Top & level"]);
    let toolbar = floccus.roots[0].children();
    assert_eq!(url_of(&toolbar[0]), "https://f1.example/?a=1&b=2");
    assert_eq!(titles(toolbar), ["Floccus one", "Nested"]);

    let linkding = read("linkding.html");
    assert_eq!(source_of(&linkding), "linkding export");
    let one = &linkding.roots[0];
    assert_eq!(
        url_of(one),
        "https://ld.example/?a=1&amp;b=2",
        "linkding writes HREF raw"
    );
    assert_eq!(one.note, "A description\n\nMy own notes");
    assert_eq!(one.tags, ["tag1", state_tags::ARCHIVED, state_tags::UNREAD]);
}
