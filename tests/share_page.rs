//! One file for everyone (issue 13): the exported page carries the exact native tree, imports
//! back as the native file does, keeps the curator's credit as the branch's provenance, and is
//! refused, with what and where, when cut short, changed by hand or from a newer Nacre.

use nacre::api::export::{ExportOptions, export_bytes_with};
use nacre::formats::detect::Format;
use nacre::formats::export::ExportFormat;
use nacre::formats::tree::{Credit, Node};
use nacre::formats::{detect, read_bytes};
use nacre::{PearlId, Store};

use crate::common::{TestLibrary, without_uuids};

fn credit() -> Credit {
    Credit {
        curator: Some("M. Durand".into()),
        description: Some("La Révolution française, <en> 40 liens & plus".into()),
        license: Some("CC BY 4.0".into()),
    }
}

fn export(store: &Store, top: PearlId, format: ExportFormat, credit: Credit) -> Vec<u8> {
    let options = ExportOptions {
        credit,
        ..ExportOptions::default()
    };
    export_bytes_with(store, top, format, &options).unwrap().0
}

/// `bytes` imported into a fresh library: the library and the imported branch (the one
/// collection inside the import's own).
fn import(bytes: &[u8], name: &str) -> (TestLibrary, PearlId) {
    let tree = read_bytes(bytes, name).unwrap();
    let fresh = TestLibrary::new();
    let report = fresh
        .store
        .import_tree(&tree, fresh.root(), "Imported")
        .unwrap();
    let branch = fresh.store.children(report.collection).unwrap()[0].id;
    (fresh, branch)
}

/// The tree with its alias keys renamed in the order they appear: keys are labels local to one
/// export (the whole library's count the empty Inbox it leaves out).
fn canonical_keys(node: &Node) -> Node {
    use nacre::formats::tree::NodeKind;
    use std::collections::HashMap;
    fn collect(node: &Node, names: &mut HashMap<String, String>) {
        if let Some(k) = &node.key {
            let next = format!("k{}", names.len());
            names.entry(k.clone()).or_insert(next);
        }
        node.children().iter().for_each(|c| collect(c, names));
    }
    fn rename(node: &mut Node, names: &HashMap<String, String>) {
        node.key = node.key.as_ref().map(|k| names[k].clone());
        match &mut node.kind {
            NodeKind::Alias { target_key } => *target_key = names[target_key.as_str()].clone(),
            NodeKind::Collection { children } => children.iter_mut().for_each(|c| rename(c, names)),
            _ => {}
        }
    }
    let mut names = HashMap::new();
    collect(node, &mut names);
    let mut out = node.clone();
    rename(&mut out, &names);
    out
}

/// library → page → import → native export equals library → native export (and equals what
/// importing the native file gives).
fn page_round_trips(store: &Store, top: PearlId) {
    let page = export(store, top, ExportFormat::Page, Credit::default());
    assert_eq!(detect(&page), Some(Format::NacrePage));
    let (from_page, page_branch) = import(&page, "shared.html");
    let native = export(store, top, ExportFormat::Native, Credit::default());
    let (from_native, native_branch) = import(&native, "shared.nacre.json");
    let original = without_uuids(&store.export_tree(top).unwrap());
    let via_page = without_uuids(&from_page.store.export_tree(page_branch).unwrap());
    let via_native = without_uuids(&from_native.store.export_tree(native_branch).unwrap());
    let json = |n: &Node| serde_json::to_string_pretty(&canonical_keys(n)).unwrap();
    let (via_page, original, via_native) = (json(&via_page), json(&original), json(&via_native));
    let first_difference = |a: &str, b: &str| {
        let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let from = at.saturating_sub(300);
        format!(
            "…{}…\nvs …{}…",
            &a[from..(at + 200).min(a.len())],
            &b[from..(at + 200).min(b.len())]
        )
    };
    assert!(
        via_page == original,
        "the page imports back as the same tree: {}",
        first_difference(&via_page, &original)
    );
    assert!(
        via_page == via_native,
        "the page and the native file import the same: {}",
        first_difference(&via_page, &via_native)
    );
}

#[test]
fn a_page_imports_back_as_exactly_the_tree_it_shows_on_every_fixture() {
    let lib = TestLibrary::new();
    let curated = crate::roundtrip::curated(&lib);
    page_round_trips(&lib.store, curated);
    let sample = crate::sample_library::sample(&lib.store);
    page_round_trips(&lib.store, sample);
    // Deep nesting: 100 levels.
    let mut node = Node::link("bottom", "https://example.com/");
    for level in 0..100 {
        node = Node::collection(format!("level {level}"), vec![node]);
    }
    let deep = lib
        .store
        .import_tree(
            &nacre::formats::tree::ImportedTree {
                source: "deep".into(),
                roots: vec![node],
                skipped: vec![],
                shared: None,
            },
            lib.root(),
            "Deep",
        )
        .unwrap()
        .collection;
    page_round_trips(&lib.store, deep);
    // The whole library, with all of the above in it.
    page_round_trips(&lib.store, lib.root());
}

#[test]
fn the_page_holds_the_tree_once_with_the_credit_at_its_top_and_the_footer_line() {
    let lib = TestLibrary::new();
    let top = crate::roundtrip::curated(&lib);
    let page = String::from_utf8(export(&lib.store, top, ExportFormat::Page, credit())).unwrap();
    assert_eq!(page.matches("id=\"nacre-tree\"").count(), 1);
    assert_eq!(
        page.matches("Rendre le TP 3 avant vendredi").count(),
        1,
        "the tree's data is stored once"
    );
    assert!(page.contains("<span class=\"curator\">M. Durand</span>"));
    assert!(page.contains("href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>"));
    assert!(
        page.contains("La Révolution française, &lt;en&gt; 40 liens &amp; plus"),
        "the description is text, escaped"
    );
    assert!(page.contains("Open this page in Nacre to make it your own"));
}

#[test]
fn an_import_keeps_the_curators_credit_as_the_branchs_provenance() {
    let lib = TestLibrary::new();
    let top = lib.collection(lib.root(), "Révolution");
    lib.link(
        top,
        "Prise de la Bastille",
        "https://fr.wikipedia.org/wiki/Bastille",
    );
    for format in [ExportFormat::Page, ExportFormat::Native] {
        let bytes = export(&lib.store, top, format, credit());
        let (fresh, branch) = import(&bytes, "revolution");
        let pearl = fresh.store.pearl(branch).unwrap();
        let provenance = pearl.provenance.expect("the branch has a provenance");
        assert_eq!(provenance.title, "Révolution");
        assert_eq!(provenance.curator.as_deref(), Some("M. Durand"));
        assert_eq!(provenance.license.as_deref(), Some("CC BY 4.0"));
        assert!(
            provenance
                .summary
                .starts_with("From “Révolution” by M. Durand, CC BY 4.0, "),
            "{}",
            provenance.summary
        );
        // It stays through an edit and a move.
        let inner = fresh.collection(fresh.root(), "Mes cours");
        fresh
            .store
            .update(
                branch,
                &nacre::PearlUpdate {
                    title: Some("Révolution (ma copie)".into()),
                    ..nacre::PearlUpdate::default()
                },
            )
            .unwrap();
        fresh
            .store
            .move_pearls(&[branch], inner, nacre::Placement::End)
            .unwrap();
        assert_eq!(
            fresh
                .store
                .pearl(branch)
                .unwrap()
                .provenance
                .map(|p| p.curator),
            Some(Some("M. Durand".into()))
        );
    }
}

/// The page's bytes with the tree block's text changed by `edit`.
fn with_block(page: &str, edit: impl Fn(&str) -> String) -> String {
    let start = page.find("id=\"nacre-tree\">").unwrap() + "id=\"nacre-tree\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    format!(
        "{}{}{}",
        &page[..start],
        edit(&page[start..end]),
        &page[end..]
    )
}

fn refusal(bytes: &[u8]) -> String {
    match read_bytes(bytes, "shared.html") {
        Ok(_) => panic!("a bad page was read"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_page_cut_short_edited_by_hand_or_from_a_newer_nacre_is_refused_with_what_and_where() {
    let lib = TestLibrary::new();
    let top = crate::roundtrip::curated(&lib);
    let page = String::from_utf8(export(&lib.store, top, ExportFormat::Page, credit())).unwrap();
    let block_line = page[..page.find("id=\"nacre-tree\"").unwrap()]
        .matches('\n')
        .count()
        + 1;

    let block = page.find("id=\"nacre-tree\">").unwrap();
    let cut = &page[..block + (page[block..].find("</script>").unwrap() / 2)];
    let message = refusal(cut.as_bytes());
    assert!(
        message.contains("shared.html") && message.contains("cut short"),
        "{message}"
    );

    let edited = with_block(&page, |b| b.replace("Ondes", "Vagues"));
    let message = refusal(edited.as_bytes());
    assert!(
        message.contains("changed") && message.contains(&format!("line {block_line}")),
        "{message}"
    );

    // A block that is not even JSON, with its checksum made to match: refused by the native
    // reader, naming the line and column inside the tree.
    let broken = with_block(&page, |b| b.replacen('{', "{,", 1));
    let hash = nacre::formats::page::hex_digest(&{
        let s = broken.find("id=\"nacre-tree\">").unwrap() + "id=\"nacre-tree\">".len();
        broken[s..s + broken[s..].find("</script>").unwrap()].to_owned()
    });
    let stated = page
        .split("name=\"nacre-tree-sha256\" content=\"")
        .nth(1)
        .unwrap()[..64]
        .to_owned();
    let broken = broken.replace(&stated, &hash);
    let message = refusal(broken.as_bytes());
    assert!(
        message.contains("the tree in shared.html") && message.contains("column"),
        "{message}"
    );

    let newer = with_block(&page, |b| b.replacen("\"version\":1", "\"version\":9", 1));
    let hash = nacre::formats::page::hex_digest(&{
        let s = newer.find("id=\"nacre-tree\">").unwrap() + "id=\"nacre-tree\">".len();
        newer[s..s + newer[s..].find("</script>").unwrap()].to_owned()
    });
    let newer = newer.replace(&stated, &hash);
    match read_bytes(newer.as_bytes(), "shared.html") {
        Err(nacre::Error::FormatTooNew { found: 9, .. }) => {}
        other => panic!("a newer tree is not refused as newer: {other:?}"),
    }

    // A second block slipped in before the real one.
    let doubled = page.replacen(
        "<main>",
        "<main><script type=\"application/json\" id=\"nacre-tree\">{}</script>",
        1,
    );
    let message = refusal(doubled.as_bytes());
    assert!(message.contains("second tree block"), "{message}");
}
