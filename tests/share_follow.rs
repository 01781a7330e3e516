//! Following a collection (issue 13): an Atom feed of its newest pearls, valid enough for an
//! Atom parser (`feed-rs`) to read back what was written, and a static site with a page per
//! collection at stable paths, breadcrumbs, an index and a search page.

use nacre::api::export::{ExportOptions, export_branch_with, export_bytes_with};
use nacre::formats::export::ExportFormat;
use nacre::formats::tree::Credit;
use nacre::{NewPearl, Placement};

use crate::common::TestLibrary;

fn credited() -> ExportOptions<'static> {
    ExportOptions {
        credit: Credit {
            curator: Some("M. Durand".into()),
            description: Some("Pour le cours d'histoire".into()),
            license: Some("CC BY 4.0".into()),
        },
        ..ExportOptions::default()
    }
}

#[test]
fn the_feed_reads_back_in_an_atom_parser_with_every_entry_newest_first() {
    let lib = TestLibrary::new();
    let top = lib.collection(lib.root(), "Révolution");
    let debuts = lib.collection(top, "Les débuts");
    lib.link(
        debuts,
        "Prise de la <Bastille>",
        "https://example.org/bastille",
    );
    lib.store
        .create(
            top,
            Placement::End,
            &NewPearl::note("À lire & retenir").unwrap(),
        )
        .unwrap();
    lib.link(top, "Danton", "https://example.org/danton");
    let (bytes, _, left_out) =
        export_bytes_with(&lib.store, top, ExportFormat::Atom, &credited()).unwrap();
    let feed = feed_rs::parser::parse(bytes.as_slice()).expect("a valid Atom feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    let uuid = lib.store.pearl(top).unwrap().uuid;
    assert_eq!(feed.id, format!("urn:uuid:{uuid}"));
    assert_eq!(feed.title.unwrap().content, "Révolution");
    assert_eq!(feed.authors[0].name.as_deref(), Some("M. Durand"));
    assert_eq!(feed.rights.unwrap().content, "CC BY 4.0");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap().content)
        .collect();
    assert_eq!(
        titles,
        ["Danton", "À lire & retenir", "Prise de la <Bastille>"]
    );
    assert_eq!(
        feed.entries[2].links[0].href,
        "https://example.org/bastille"
    );
    assert_eq!(
        left_out.collections, 1,
        "Les débuts is a path, not an entry"
    );
}

#[test]
fn the_site_has_a_page_per_collection_at_stable_paths_with_crumbs_and_search() {
    let lib = TestLibrary::new();
    let top = lib.collection(lib.root(), "Révolution");
    let debuts = lib.collection(top, "Les débuts");
    lib.link(
        debuts,
        "Prise de la <Bastille>",
        "https://example.org/bastille",
    );
    lib.link(debuts, "Bookmarklet", "javascript:alert(1)");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let report =
        export_branch_with(&lib.store, top, ExportFormat::Site, &credited(), &site).unwrap();
    assert_eq!(report.exported.links, 2);
    let uuid = lib.store.pearl(debuts).unwrap().uuid;
    let page = std::fs::read_to_string(site.join(format!("c/{uuid}.html")))
        .expect("a page at a stable path");
    assert!(
        page.contains("<nav class=\"crumbs\"><a href=\"../index.html\">Révolution</a> ›</nav>")
    );
    assert!(page.contains("Prise de la &lt;Bastille&gt;"));
    assert!(!page.contains("<script"), "collection pages run no script");
    assert!(!page.contains("href=\"javascript:"));
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(&format!("href=\"c/{uuid}.html\"")));
    assert!(index.contains("By M. Durand"));
    let search = std::fs::read_to_string(site.join("search.html")).unwrap();
    assert!(search.contains("id=\"site-index\""));
    assert!(search.contains("Prise de la \\u003cBastille\\u003e"));
    // Exported again, the paths stay.
    export_branch_with(&lib.store, top, ExportFormat::Site, &credited(), &site).unwrap();
    assert!(site.join(format!("c/{uuid}.html")).is_file());
}
