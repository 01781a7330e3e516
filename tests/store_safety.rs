//! Backups (made, rotated, listed, restored) and two processes sharing one library.

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
