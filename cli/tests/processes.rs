//! Two processes on one library: the window and the tool, or several tools, writing at once.

use std::process::Command;

use nacre::Store;

use crate::common::TestLibrary;

#[test]
fn two_processes_writing_at_once_both_succeed_and_nothing_is_lost() {
    let lib = TestLibrary::new();
    let path = lib.store.path().to_owned();
    let nacre = env!("CARGO_BIN_EXE_nacre");
    // The tool, in other processes, adds links while this process adds collections.
    let children: Vec<_> = (0..3)
        .map(|p| {
            let script = (0..20)
                .map(|i| format!("{nacre} add https://p{p}.example/{i} --title p{p}-{i} || exit 1"))
                .collect::<Vec<_>>()
                .join("; ");
            Command::new("sh")
                .arg("-c")
                .arg(script)
                .env("NACRE_LIBRARY", &path)
                // Tests never reach the internet.
                .env("NACRE_NO_FETCH", "1")
                .spawn()
                .unwrap()
        })
        .collect();
    for i in 0..40 {
        lib.collection(lib.root(), &format!("c{i}"));
    }
    for mut child in children {
        assert!(
            child.wait().unwrap().success(),
            "every tool process succeeded despite the concurrent writes"
        );
    }
    let reopened = Store::open(&path).unwrap();
    let kids = reopened.children(reopened.root_id()).unwrap();
    assert_eq!(
        kids.len(),
        101,
        "the Inbox, 40 collections and 60 links, none lost"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
