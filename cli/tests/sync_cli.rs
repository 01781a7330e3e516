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
