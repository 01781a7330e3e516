//! "Who else pearled it" (issue 13), offline: a link's other places with their tree and
//! curator, and the imported trees that share the most links with a collection.

use nacre::api::export::{ExportOptions, export_bytes_with};
use nacre::api::share::{similar_trees, who_else};
use nacre::formats::export::ExportFormat;
use nacre::formats::tree::Credit;
use nacre::formats::{ReadOptions, read_bytes};

use crate::common::TestLibrary;

#[test]
fn a_link_lists_the_other_places_holding_its_page_and_a_collection_the_trees_it_shares_most_with() {
    // A curator's tree, handed on with credit.
    let curator = TestLibrary::new();
    let top = curator.collection(curator.root(), "Révolution");
    curator.link(top, "Bastille", "https://example.org/bastille");
    curator.link(top, "Danton", "https://example.org/danton");
    let options = ExportOptions {
        credit: Credit {
            curator: Some("M. Durand".into()),
            ..Credit::default()
        },
        ..ExportOptions::default()
    };
    let page = export_bytes_with(&curator.store, top, ExportFormat::Page, &options)
        .unwrap()
        .0;
    // Another tree sharing one link, without credit.
    let other = TestLibrary::new();
    let small = other.collection(other.root(), "Divers");
    other.link(small, "Bastille", "https://EXAMPLE.org/bastille");
    let native = nacre::api::export::export_bytes(&other.store, small, ExportFormat::Native)
        .unwrap()
        .0;

    let lib = TestLibrary::new();
    for bytes in [&page, &native] {
        let tree = read_bytes(bytes, "shared").unwrap();
        nacre::api::import::commit(&lib.store, &tree, lib.root(), None, &ReadOptions::default())
            .unwrap();
    }
    let mine = lib.collection(lib.root(), "Mes cours");
    let my_link = lib.link(mine, "La Bastille", "https://example.org/bastille");
    lib.link(mine, "Danton", "https://example.org/danton");

    let places = who_else(&lib.store, my_link).unwrap();
    assert_eq!(places.len(), 2, "{places:#?}");
    let from_curator = places
        .iter()
        .find(|p| p.path.contains("Révolution/Bastille"))
        .expect("the curator's copy");
    assert_eq!(
        from_curator
            .tree
            .as_ref()
            .and_then(|t| t.curator.as_deref()),
        Some("M. Durand")
    );

    let similar = similar_trees(&lib.store, mine).unwrap();
    let titles: Vec<(&str, usize)> = similar
        .iter()
        .map(|s| (s.provenance.title.as_str(), s.shared_links))
        .collect();
    assert_eq!(
        titles,
        [("Révolution", 2), ("Divers", 1)],
        "most shared first"
    );
}
