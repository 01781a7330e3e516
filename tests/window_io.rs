//! What the window's import, export and fetch screens ask of the store: favicons of many
//! pearls as data URLs in one read, an import's preview, and writing an export whole.

use nacre::PearlId;
use nacre::api::ImportPreview;
use nacre::api::export::write_whole;
use nacre::model::now_millis;
use nacre::store::{FaviconData, FetchRecord, Outcome};

use crate::common::TestLibrary;

fn fetched(pearl: PearlId, url: &str, icon: Option<(&str, &str, &[u8])>) -> FetchRecord {
    FetchRecord {
        pearl,
        url: url.to_owned(),
        fetched_at: now_millis(),
        outcome: Outcome::Ok,
        http_status: Some(200),
        final_url: Some(url.to_owned()),
        moved_to: None,
        error: None,
        title: Some("Fetched".to_owned()),
        description: None,
        site_name: None,
        image_url: None,
        favicon_url: icon.map(|(src, _, _)| src.to_owned()),
        favicon: icon.map(|(src, mime, bytes)| FaviconData {
            source_url: src.to_owned(),
            mime: mime.to_owned(),
            bytes: bytes.to_vec(),
        }),
    }
}

#[test]
fn favicons_of_many_pearls_come_back_as_data_urls_and_unknown_image_types_are_left_out() {
    let lib = TestLibrary::new();
    let root = lib.root();
    let a = lib.link(root, "A", "https://a.example/");
    let b = lib.link(root, "B", "https://b.example/");
    let c = lib.link(root, "C", "https://c.example/");
    let none = lib.link(root, "None", "https://d.example/");
    lib.store
        .record_fetches(&[
            fetched(
                a,
                "https://a.example/",
                Some(("https://a.example/i.png", "image/png", b"\x89PNG")),
            ),
            fetched(
                b,
                "https://b.example/",
                Some(("https://b.example/i.x", "text/html", b"<script>")),
            ),
            fetched(
                c,
                "https://c.example/",
                Some(("https://a.example/i.png", "image/png", b"\x89PNG")),
            ),
            fetched(none, "https://d.example/", None),
        ])
        .expect("results recorded");
    let icons = nacre::api::details::favicons_of(&lib.store, &[a, b, c, none, PearlId(9999)])
        .expect("favicons read");
    let mut got: Vec<(PearlId, String)> =
        icons.into_iter().map(|f| (f.pearl, f.data_url)).collect();
    got.sort_by_key(|(p, _)| p.0);
    assert_eq!(
        got,
        vec![
            (a, "data:image/png;base64,iVBORw==".to_owned()),
            (c, "data:image/png;base64,iVBORw==".to_owned()),
        ],
        "the PNG is shared by two pages; the text/html 'icon' and the pearl without one are left out"
    );
}

#[test]
fn an_import_preview_counts_the_tree_and_titles_it_after_the_source() {
    let html = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><H3>Bar</H3>\n<DL><p>\n<DT><A HREF=\"https://a.example/\">A</A>\n</DL><p>\n</DL><p>\n";
    let tree = nacre::formats::read_bytes(html, "marks.html").expect("a bookmark file");
    let p = ImportPreview::of(std::path::Path::new("/tmp/marks.html"), &tree);
    assert_eq!(p.file, "/tmp/marks.html", "the preview names its file");
    assert_eq!(p.preview.total.links, 1, "one link in all");
    assert_eq!(p.preview.root.collections.len(), 1, "one collection on top");
    assert!(
        p.title.starts_with(&tree.source),
        "the default title starts with the source: {}",
        p.title
    );
}

#[test]
fn an_export_is_written_whole_and_a_path_without_a_file_name_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("out.md");
    write_whole(&path, b"first").expect("written");
    write_whole(&path, b"second").expect("written over");
    assert_eq!(
        std::fs::read(&path).expect("read back"),
        b"second",
        "the new content whole"
    );
    assert!(
        !dir.path().join(".out.md.part").exists(),
        "no temporary file is left behind"
    );
    let err = write_whole(std::path::Path::new("/"), b"x").expect_err("no file name");
    assert_eq!(
        err.code(),
        nacre::ErrorCode::Invalid,
        "a folder is not a file name: {err}"
    );
}
