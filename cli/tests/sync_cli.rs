//! `nacre sync`: two libraries on one machine, as two computers, meeting in one folder.

use std::path::Path;
use std::process::Command;

fn nacre(library: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nacre"))
        .args(args)
        .env("NACRE_LIBRARY", library)
        .env("NACRE_NO_FETCH", "1")
        .output()
        .expect("the nacre binary runs")
}

fn ok(library: &Path, args: &[&str]) -> String {
    let out = nacre(library, args);
    assert!(
        out.status.success(),
        "nacre {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn two_libraries_meet_in_a_folder_from_the_tool() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_str().unwrap();
    let laptop = dir.path().join("laptop.sqlite");
    let desktop = dir.path().join("desktop.sqlite");
    ok(&laptop, &["add", "--collection", "Cours"]);
    ok(
        &laptop,
        &[
            "add",
            "https://example.org/a",
            "--to",
            "Cours",
            "--title",
            "A page",
        ],
    );
    let said = ok(&laptop, &["sync", "init", folder, "--name", "laptop"]);
    assert!(said.contains("now syncs through"), "{said}");
    let said = ok(&desktop, &["sync", "init", folder, "--name", "desktop"]);
    assert!(said.contains("from laptop"), "{said}");
    assert!(ok(&desktop, &["ls", "Cours"]).contains("A page"));

    ok(&desktop, &["rename", "Cours", "Courses"]);
    ok(&desktop, &["sync"]);
    ok(&laptop, &["sync"]);
    assert!(ok(&laptop, &["ls"]).contains("Courses"));

    let status = ok(&laptop, &["sync", "status"]);
    assert!(status.contains("desktop"), "{status}");
    assert!(status.contains("pending  0"), "{status}");

    // A file cut short in the folder: skipped with a word, nothing changes.
    std::fs::write(
        Path::new(folder).join("0123456789abcdef.00000001.nacresync"),
        b"NACRSY",
    )
    .unwrap();
    let said = ok(&laptop, &["sync"]);
    assert!(said.contains("incomplete"), "{said}");
    let status = ok(&laptop, &["sync", "status"]);
    assert!(
        status.contains("waiting  0123456789abcdef.00000001.nacresync"),
        "{status}"
    );

    let said = ok(&laptop, &["sync", "leave"]);
    assert!(said.contains("no longer syncs"), "{said}");
    let out = nacre(&laptop, &["sync"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not sync"));
}

#[test]
fn the_window_and_the_tool_syncing_one_library_lose_nothing() {
    // This test process plays the window: it keeps its last round's document in memory. The
    // tool, another process on the same library file, runs rounds in between; each of the
    // window's rounds must start from what the library holds, not from the document it kept
    // (a round that writes the device's snapshot from a document missing the tool's changes
    // would drop them from the folder). Twelve rounds each: past the updates a device writes
    // before a snapshot.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync");
    std::fs::create_dir(&folder).unwrap();
    let laptop = dir.path().join("laptop.sqlite");
    let desktop = dir.path().join("desktop.sqlite");
    let window = nacre::Store::open(&laptop).unwrap();
    window.sync_init(&folder, "laptop").unwrap();
    for i in 0..12 {
        let title = format!("From the window {i}");
        let url = nacre::LinkUrl::parse(&format!("https://example.org/w{i}")).unwrap();
        window
            .create(
                window.root_id(),
                nacre::Placement::End,
                &nacre::NewPearl::link(url, &title).unwrap(),
            )
            .unwrap();
        window.sync_round().unwrap();
        let url = format!("https://example.org/t{i}");
        ok(
            &laptop,
            &["add", &url, "--title", &format!("From the tool {i}")],
        );
        ok(&laptop, &["sync"]);
    }
    // Then the window alone, long enough to write the device's next snapshot itself.
    let first = window.children(window.root_id()).unwrap()[1].id;
    for i in 0..18 {
        let update = nacre::PearlUpdate {
            note: Some(format!("Edited in the window {i}")),
            ..nacre::PearlUpdate::default()
        };
        window.update(first, &update).unwrap();
        window.sync_round().unwrap();
    }
    ok(
        &desktop,
        &[
            "sync",
            "init",
            folder.to_str().unwrap(),
            "--name",
            "desktop",
        ],
    );
    let there = ok(&desktop, &["ls"]);
    for i in 0..12 {
        assert!(there.contains(&format!("From the window {i}")), "{there}");
        assert!(there.contains(&format!("From the tool {i}")), "{there}");
    }
}
