//! The library file: created fresh, upgraded, migrations all-or-nothing, and files that are
//! not Nacre libraries refused without being changed.

use nacre::store::schema;
use nacre::{Error, Store};

#[test]
fn a_fresh_library_is_at_the_latest_schema_and_marked_as_nacre() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("lib.sqlite");
    Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::latest_version());
    assert_eq!(app, schema::APPLICATION_ID);
    assert_eq!(journal, "wal");
}

#[test]
fn the_schema_is_as_recorded() {
    // A snapshot of the schema: a change to it shows up here, in review.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'pearl_search_%' ORDER BY type, name")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected = [
        "index page_details_favicon",
        "index page_details_moved",
        "index page_details_problem",
        "index pearl_tags_tag",
        "index pearls_alias_target",
        "index pearls_origin",
        "index pearls_role",
        "index pearls_sibling_order",
        "index pearls_url_normalized",
        "index pearls_uuid",
        "index sync_nodes_node",
        "table browser_contacts",
        "table favicons",
        "table history",
        "table page_details",
        "table pearl_search",
        "table pearl_tags",
        "table pearls",
        "table search_paused",
        "table share_credits",
        "table sync_applying",
        "table sync_changes",
        "table sync_config",
        "table sync_conflicts",
        "table sync_devices",
        "table sync_dismissed",
        "table sync_doc_parts",
        "table sync_files_seen",
        "table sync_nodes",
        "trigger page_details_search_delete",
        "trigger page_details_search_insert",
        "trigger page_details_search_update",
        "trigger page_details_sync_insert",
        "trigger page_details_sync_update",
        "trigger pearl_tags_search_delete",
        "trigger pearl_tags_search_insert",
        "trigger pearl_tags_sync_delete",
        "trigger pearl_tags_sync_insert",
        "trigger pearls_base_keeps_curator_values",
        "trigger pearls_inbox_kept",
        "trigger pearls_inbox_stays",
        "trigger pearls_search_delete",
        "trigger pearls_search_insert",
        "trigger pearls_search_update",
        "trigger pearls_sync_delete",
        "trigger pearls_sync_insert",
        "trigger pearls_sync_update",
        "trigger pearls_uuid_fixed",
        "trigger pearls_uuid_given",
        "view searchable_text",
    ];
    assert_eq!(names, expected);
}

#[test]
fn the_schema_refuses_rows_that_break_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let bad = [
        // a link without a URL
        "INSERT INTO pearls (kind, parent_id, order_key, created_at, modified_at) VALUES ('link', 1, 'b0', 0, 0)",
        // a second root
        "INSERT INTO pearls (kind, role, order_key, created_at, modified_at) VALUES ('collection', 'root', 'b0', 0, 0)",
        // a pearl with no parent and no role
        "INSERT INTO pearls (kind, order_key, created_at, modified_at) VALUES ('note', 'b0', 0, 0)",
        // two siblings on one order key
        "INSERT INTO pearls (kind, parent_id, order_key, created_at, modified_at) VALUES ('note', 1, 'c0', 0, 0), ('note', 1, 'c0', 0, 0)",
        // an unknown kind
        "INSERT INTO pearls (kind, parent_id, order_key, created_at, modified_at) VALUES ('folder', 1, 'd0', 0, 0)",
        // an unknown role
        "INSERT INTO pearls (kind, role, parent_id, order_key, created_at, modified_at) VALUES ('collection', 'inbox', 1, 'd1', 0, 0)",
        // page details with an unknown outcome
        "INSERT INTO page_details (pearl_id, outcome) VALUES (1, 'maybe')",
        // a parent that does not exist
        "INSERT INTO pearls (kind, parent_id, order_key, created_at, modified_at) VALUES ('note', 999, 'e0', 0, 0)",
        // its own parent
        "INSERT INTO pearls (id, kind, parent_id, order_key, created_at, modified_at) VALUES (50, 'note', 50, 'f0', 0, 0)",
    ];
    for sql in bad {
        assert!(
            conn.execute_batch(&format!("BEGIN; {sql}; COMMIT;"))
                .is_err(),
            "accepted: {sql}"
        );
        let _ = conn.execute_batch("ROLLBACK");
    }
}

#[test]
fn adding_a_pearl_makes_no_temporary_table() {
    // SQLite checks `kind IN ('collection', 'link', ...)` with a temporary b-tree made at every
    // INSERT, a fifth of an import's work: the schema says the same with comparisons.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "INSERT INTO pearls (kind, parent_id, order_key, title, note, url, url_normalized, alias_target_id, created_at, modified_at, title_is_user, uuid, origin_tree, origin_uuid) VALUES ('link', 1, 'b0', 't', '', 'https://a.example/', 'https://a.example/', NULL, 0, 0, 0, 'x', NULL, NULL)",
        "INSERT INTO page_details (pearl_id, outcome, title) VALUES (1, 'ok', 't')",
    ] {
        let mut stmt = conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
        let listed: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        // The statement's own program; the triggers' programs follow it, numbered from 0 again
        // (the search triggers run outside imports and may use what they like).
        let ops: Vec<&str> = listed
            .iter()
            .enumerate()
            .take_while(|(i, (addr, _))| usize::try_from(*addr).ok() == Some(*i))
            .map(|(_, (_, op))| op.as_str())
            .collect();
        assert!(ops.len() > 10, "{sql}: {ops:?}");
        assert!(
            !ops.contains(&"OpenEphemeral"),
            "{sql} opens a temporary table: {ops:?}"
        );
    }
}

#[test]
fn an_older_library_is_upgraded_keeping_its_pearls() {
    // Simulate the next release: the shipped migrations plus one more.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    {
        let store = Store::open(&path).unwrap();
        store
            .create(
                store.root_id(),
                nacre::Placement::End,
                &nacre::NewPearl::collection("Kept").unwrap(),
            )
            .unwrap();
    }
    let mut migrations: Vec<&str> = schema::MIGRATIONS.to_vec();
    migrations.push("ALTER TABLE pearls ADD COLUMN color TEXT;");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    schema::migrate_with(&mut conn, &path, &migrations).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::latest_version() + 1);
    let kept: i64 = conn
        .query_row(
            "SELECT count(*) FROM pearls WHERE title = 'Kept' AND color IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1, "the pearls survive the upgrade");
}

#[test]
fn a_library_of_the_previous_release_opens_upgraded_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    {
        // A library as the previous release left it: one migration short, one link in it.
        let previous = &schema::MIGRATIONS[..schema::MIGRATIONS.len() - 1];
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        schema::migrate_with(&mut conn, &path, previous).unwrap();
        conn.execute(
            "INSERT INTO pearls (kind, parent_id, order_key, title, url, url_normalized,
                                 created_at, modified_at)
             VALUES ('link', (SELECT id FROM pearls WHERE role = 'root'), 'a0', 'Ancient scrolls',
                     'https://old.example/', 'https://old.example/', 0, 0)",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let titles = |words: &str| -> Vec<String> {
        store
            .search(words, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.pearl.title)
            .collect()
    };
    assert_eq!(
        titles("ancient"),
        ["Ancient scrolls"],
        "found after the upgrade"
    );
    let id = store
        .children(store.root_id())
        .unwrap()
        .into_iter()
        .find(|p| p.title == "Ancient scrolls")
        .expect("the old link is still at the top")
        .id;
    store
        .update(
            id,
            &nacre::PearlUpdate {
                title: Some("Modern scrolls".to_owned()),
                ..nacre::PearlUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(titles("modern"), ["Modern scrolls"], "a rename is indexed");
    assert!(titles("ancient").is_empty(), "and the old title is gone");
    store.undo().unwrap();
    assert_eq!(
        titles("ancient"),
        ["Ancient scrolls"],
        "undo is indexed too"
    );
}

#[test]
fn a_failed_migration_leaves_nothing_half_done() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    Store::open(&path).unwrap();
    let mut migrations: Vec<&str> = schema::MIGRATIONS.to_vec();
    migrations.push("CREATE TABLE half (x); ALTER TABLE no_such_table ADD COLUMN y;");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    assert!(schema::migrate_with(&mut conn, &path, &migrations).is_err());
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let half: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'half'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        (version, half),
        (schema::latest_version(), 0),
        "neither the version nor the first statement stuck"
    );

    // And on a brand-new file, a failure leaves an empty file behind, not a half library.
    let fresh = dir.path().join("fresh.sqlite");
    let mut conn = rusqlite::Connection::open(&fresh).unwrap();
    let broken = ["CREATE TABLE a (x);", "CREATE TABLE a (x);"];
    assert!(schema::migrate_with(&mut conn, &fresh, &broken).is_err());
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0);
}

#[test]
fn a_library_from_a_newer_nacre_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite");
    Store::open(&path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::LibraryTooNew { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer Nacre"), "{err}");
}

#[test]
fn files_that_are_not_libraries_are_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "just some text, long enough to look like a file header..........",
    )
    .unwrap();
    let err = Store::open(&text).unwrap_err();
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "just some text, long enough to look like a file header.........."
    );

    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE moz_places (id);")
        .unwrap();
    let err = Store::open(&other).unwrap_err();
    assert!(matches!(err, Error::NotALibrary { .. }), "{err}");
    assert!(err.to_string().contains("another program"), "{err}");

    let err = Store::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("folder"), "{err}");
}

/// Issue 9: a library copied to two computers before pearls had identities must not become two
/// sets of pearls once each copy is upgraded.
#[test]
fn two_copies_of_a_library_from_before_identities_get_the_same_uuids() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("laptop.sqlite");
    let before_identity = &schema::MIGRATIONS[..3];
    {
        let mut conn = rusqlite::Connection::open(&original).unwrap();
        schema::migrate_with(&mut conn, &original, before_identity).unwrap();
        conn.execute_batch(
            "INSERT INTO pearls (kind, parent_id, order_key, title, created_at, modified_at)
             VALUES ('collection', (SELECT id FROM pearls WHERE role = 'root'), 'a0', 'Cours', 5, 5);
             INSERT INTO pearls (kind, parent_id, order_key, title, url, url_normalized, created_at, modified_at)
             VALUES ('link', (SELECT id FROM pearls WHERE title = 'Cours'), 'a0', 'Page',
                     'https://example.org/', 'https://example.org/', 6, 6);",
        )
        .unwrap();
    }
    let copy = dir.path().join("desktop.sqlite");
    std::fs::copy(&original, &copy).unwrap();
    let other = dir.path().join("someone-else.sqlite");
    {
        let mut conn = rusqlite::Connection::open(&other).unwrap();
        schema::migrate_with(&mut conn, &other, before_identity).unwrap();
        // Another library, born at another moment, with a pearl of the same row id and date.
        conn.execute_batch(
            "UPDATE pearls SET created_at = created_at + 1 WHERE role = 'root';
             INSERT INTO pearls (kind, parent_id, order_key, title, created_at, modified_at)
             VALUES ('collection', (SELECT id FROM pearls WHERE role = 'root'), 'a0', 'Cours', 5, 5);",
        )
        .unwrap();
    }
    let uuids = |path: &std::path::Path| -> Vec<(String, String)> {
        let store = Store::open(path).unwrap();
        let mut found: Vec<(String, String)> = store
            .subtree(store.root_id(), None)
            .unwrap()
            .into_iter()
            .map(|r| (r.pearl.title, r.pearl.uuid))
            .collect();
        found.sort();
        found
    };
    let laptop = uuids(&original);
    assert_eq!(laptop.len(), 3, "the Inbox, Cours and its page: {laptop:?}");
    assert_eq!(
        laptop,
        uuids(&copy),
        "both copies know each pearl by one UUID"
    );
    let theirs = uuids(&other);
    let cours = |list: &[(String, String)]| {
        list.iter()
            .find(|(t, _)| t == "Cours")
            .map(|(_, u)| u.clone())
    };
    assert_ne!(
        cours(&laptop),
        cours(&theirs),
        "a different library's pearl of the same id and date is another pearl"
    );
    let inbox = |list: &[(String, String)]| {
        list.iter()
            .find(|(t, _)| t == "Inbox")
            .map(|(_, u)| u.clone())
    };
    assert_eq!(
        inbox(&laptop).as_deref(),
        Some(nacre::store::identity::INBOX_UUID)
    );
    assert_eq!(inbox(&theirs), inbox(&laptop), "one Inbox on every device");
}
