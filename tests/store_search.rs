//! Search (prefix, case- and accent-insensitive, ranked, with paths) and duplicate links.

use nacre::formats::tree::{ImportedTree, Node};
use nacre::{NewPearl, Placement, Tag};

use crate::common::TestLibrary;

#[test]
fn a_french_user_typing_ecole_finds_ecole() {
    let lib = TestLibrary::new();
    let fr = lib.collection(lib.root(), "Français");
    lib.link(fr, "École normale supérieure", "https://www.ens.psl.eu/");
    let hits = lib.store.search("ecole", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].pearl.title, "École normale supérieure");
    assert_eq!(hits[0].path, ["Français"], "each hit comes with its path");
    assert_eq!(
        lib.store.search("ÉCOLE SUPÉR", 10).unwrap().len(),
        1,
        "case and accents ignored both ways"
    );
    assert_eq!(
        lib.store.search("francais", 10).unwrap().len(),
        1,
        "collections are found too"
    );
}

#[test]
fn words_match_as_prefixes_and_all_must_match() {
    let lib = TestLibrary::new();
    lib.link(
        lib.root(),
        "The Rust Programming Language",
        "https://doc.rust-lang.org/book/",
    );
    lib.link(lib.root(), "Rusty old car", "https://cars.example/");
    assert_eq!(lib.store.search("rus", 10).unwrap().len(), 2);
    assert_eq!(lib.store.search("rust prog", 10).unwrap().len(), 1);
    assert!(lib.store.search("rust python", 10).unwrap().is_empty());
    assert!(lib.store.search("", 10).unwrap().is_empty());
    assert!(
        lib.store.search("\"*:-", 10).unwrap().is_empty(),
        "query syntax is just text"
    );
}

#[test]
fn urls_notes_and_tags_are_searched_and_titles_rank_first() {
    let lib = TestLibrary::new();
    let url = nacre::LinkUrl::parse("https://kernel.org/").unwrap();
    let tagged = NewPearl::link(url, "Some site")
        .unwrap()
        .with_tags(Tag::parse_list("linux").unwrap());
    lib.store
        .create(lib.root(), Placement::End, &tagged)
        .unwrap();
    lib.store
        .create(
            lib.root(),
            Placement::End,
            &NewPearl::note("install linux on the old laptop").unwrap(),
        )
        .unwrap();
    lib.link(lib.root(), "Linux", "https://www.linux.org/");
    let hits = lib.store.search("linux", 10).unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(
        hits[0].pearl.title, "Linux",
        "a title match ranks above tag and note matches"
    );
    assert_eq!(
        lib.store.search("kernel", 10).unwrap().len(),
        1,
        "URLs are searched"
    );
}

#[test]
fn search_results_are_limited() {
    let lib = TestLibrary::new();
    for i in 0..30 {
        lib.link(lib.root(), &format!("common word {i}"), "https://x.com");
    }
    assert_eq!(lib.store.search("common", 10).unwrap().len(), 10);
}

#[test]
fn duplicates_are_links_to_the_same_page_written_differently() {
    let lib = TestLibrary::new();
    let a = lib.collection(lib.root(), "A");
    lib.link(a, "one", "https://Example.com:443/page?utm_source=news");
    lib.link(lib.root(), "two", "https://example.com/page");
    lib.link(lib.root(), "three", "https://example.com/page#");
    lib.link(lib.root(), "other", "https://example.com/other");
    lib.link(lib.root(), "http", "http://example.com/page");
    let groups = lib.store.duplicates().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].normalized_url, "https://example.com/page");
    let titles: Vec<&str> = groups[0]
        .pearls
        .iter()
        .map(|h| h.pearl.title.as_str())
        .collect();
    assert_eq!(titles, ["one", "two", "three"]);
    assert_eq!(groups[0].pearls[0].path, ["A"]);
}

#[test]
fn trashed_links_are_not_duplicates() {
    let lib = TestLibrary::new();
    lib.link(lib.root(), "one", "https://a.com/");
    let two = lib.link(lib.root(), "two", "https://a.com/");
    lib.store.trash(&[two]).unwrap();
    assert!(lib.store.duplicates().unwrap().is_empty());
}

#[test]
fn an_import_reports_links_already_in_the_library() {
    let lib = TestLibrary::new();
    lib.link(lib.root(), "mine", "https://a.com/");
    let tree = ImportedTree {
        source: "Test".into(),
        roots: vec![
            Node::link("A", "https://A.com"),
            Node::link("B", "https://b.com"),
            Node::link("bad", "not a url"),
        ],
        skipped: vec![],
        shared: None,
    };
    let report = lib
        .store
        .import_tree(&tree, lib.root(), "Imported")
        .unwrap();
    assert_eq!(report.imported.links, 2);
    assert_eq!(report.already_in_library, 1);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].location, "item 3");
    assert!(
        report.skipped[0].reason.contains("no scheme"),
        "{:?}",
        report.skipped[0]
    );
}

#[test]
fn search_follows_renames_tag_edits_deletes_and_undo() {
    let lib = TestLibrary::new();
    let id = lib.link(lib.root(), "Walrus facts", "https://sea.example/");
    let rename = nacre::PearlUpdate {
        title: Some("Narwhal facts".into()),
        ..Default::default()
    };
    lib.store.update(id, &rename).unwrap();
    assert!(
        lib.store.search("walrus", 10).unwrap().is_empty(),
        "the old title is forgotten"
    );
    assert_eq!(lib.store.search("narwhal", 10).unwrap().len(), 1);
    let tags = nacre::PearlUpdate {
        tags: Some(Tag::parse_list("arctic").unwrap()),
        ..Default::default()
    };
    lib.store.update(id, &tags).unwrap();
    assert_eq!(
        lib.store.search("arctic narwhal", 10).unwrap().len(),
        1,
        "tags and title together"
    );
    lib.store.undo().unwrap();
    assert!(
        lib.store.search("arctic", 10).unwrap().is_empty(),
        "undo takes the tag out of the index"
    );
    lib.store.undo().unwrap();
    assert_eq!(
        lib.store.search("walrus", 10).unwrap().len(),
        1,
        "and the old title back in"
    );
    lib.store.trash(&[id]).unwrap();
    lib.store.empty_trash().unwrap();
    assert!(lib.store.search("walrus", 10).unwrap().is_empty());
}

#[test]
fn a_link_is_found_by_its_site_and_an_untitled_one_by_its_address() {
    let lib = TestLibrary::new();
    lib.link(
        lib.root(),
        "Ownership",
        "https://doc.rust-lang.org/book/ch04-00-understanding-ownership.html?utm_source=x",
    );
    lib.link(
        lib.root(),
        "",
        "https://example.net/recipes/tarte-tatin?id=778899",
    );
    assert_eq!(
        lib.store.search("rust-lang", 10).unwrap().len(),
        1,
        "by its site"
    );
    assert_eq!(
        lib.store.search("tatin", 10).unwrap().len(),
        1,
        "an untitled link by its path"
    );
    assert!(
        lib.store.search("understanding", 10).unwrap().is_empty(),
        "a titled link's path is not indexed"
    );
    assert!(
        lib.store.search("778899", 10).unwrap().is_empty(),
        "nor any query string"
    );
}
