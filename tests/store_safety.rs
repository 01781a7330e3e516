//! Backups (made, rotated, listed, restored), two processes sharing one library, and a large
//! import kept whole in the library file.

use crate::common::TestLibrary;

/// The names of the library's backups, newest first.
fn backup_names(lib: &TestLibrary) -> Vec<String> {
    lib.store
        .backups()
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect()
}

#[test]
fn a_backup_is_made_once_a_day_and_restores_the_library() {
    let lib = TestLibrary::new();
    lib.collection(lib.root(), "Before");
    let first = lib
        .store
        .backup_if_due()
        .unwrap()
        .expect("the first backup of the day");
    assert!(
        lib.store.backup_if_due().unwrap().is_none(),
        "only one a day"
    );
    assert!(
        first.name.starts_with("library-20") && first.name.ends_with(".sqlite"),
        "{}",
        first.name
    );
    lib.collection(lib.root(), "After");
    let safety = lib.store.restore_backup(&first.name).unwrap();
    assert_eq!(
        lib.titles(lib.root()),
        ["Inbox", "Before"],
        "the library is as it was at the backup"
    );
    assert!(safety.name.contains("before-restore"), "{}", safety.name);
    let names = backup_names(&lib);
    assert!(
        names.contains(&safety.name) && names.contains(&first.name),
        "{names:?}"
    );
    // The state before the restore is itself restorable.
    lib.store.restore_backup(&safety.name).unwrap();
    assert_eq!(lib.titles(lib.root()), ["Inbox", "Before", "After"]);
}

#[test]
fn restoring_an_unknown_backup_changes_nothing() {
    let lib = TestLibrary::new();
    lib.collection(lib.root(), "Mine");
    let err = lib.store.restore_backup("nope.sqlite").unwrap_err();
    assert!(err.to_string().contains("no backup named"), "{err}");
    assert_eq!(lib.titles(lib.root()), ["Inbox", "Mine"]);
}

#[test]
fn old_daily_backups_are_rotated_out() {
    let lib = TestLibrary::new();
    let dir = lib.store.backup_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for day in 1..=9 {
        std::fs::write(dir.join(format!("library-2020-01-0{day}.sqlite")), b"old").unwrap();
    }
    lib.store.backup_now().unwrap();
    let names = backup_names(&lib);
    assert_eq!(names.len(), nacre::store::backup::KEEP_DAILY, "{names:?}");
    assert!(
        !names.contains(&"library-2020-01-01.sqlite".to_owned()),
        "the oldest went first"
    );
}

/// A large import commits without copying its WAL into the library file (another thread does,
/// store/bulk.rs): a second process reads it at once, and as soon as the library is closed its
/// file alone, copied elsewhere without the WAL, holds everything; later edits go on.
#[test]
fn a_large_import_is_whole_in_the_library_file_alone_once_the_library_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let mut html = String::from("<DL><p><DT><H3>Lectures</H3><DL><p>\n");
    for i in 0..10_050 {
        html.push_str(&format!(
            "<DT><A HREF=\"https://e.example/{i}\">Lien {i}</A>\n"
        ));
    }
    html.push_str("</DL><p></DL><p>\n");
    let tree = nacre::formats::read_bytes(html.as_bytes(), "many.html").unwrap();
    let links = |store: &nacre::Store| {
        store
            .search("Lien", 20_000)
            .unwrap()
            .into_iter()
            .filter(|hit| hit.pearl.kind == nacre::PearlKind::Link)
            .count()
    };
    let store = nacre::Store::open(&path).unwrap();
    store.import_tree(&tree, store.root_id(), "Many").unwrap();
    // Opened at once, read only after the copy: a read here would give the checkpoint time to
    // end by itself, and the copy must not depend on that.
    let other_process = nacre::Store::open(&path).unwrap();
    drop(store);
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("library.sqlite");
    std::fs::copy(&path, &copied).unwrap();
    assert_eq!(
        links(&other_process),
        10_050,
        "another opener reads the import"
    );
    drop(other_process);
    let reopened = nacre::Store::open(&copied).unwrap();
    assert_eq!(
        links(&reopened),
        10_050,
        "every imported link is in the file itself"
    );
    drop(reopened);
    let store = nacre::Store::open(&path).unwrap();
    let after = store
        .create(
            store.root_id(),
            nacre::Placement::End,
            &nacre::NewPearl::collection("After").unwrap(),
        )
        .unwrap()
        .id;
    assert_eq!(
        store.pearl(after).unwrap().title,
        "After",
        "later edits go on"
    );
    assert_eq!(links(&store), 10_050);
}
