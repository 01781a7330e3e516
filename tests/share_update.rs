//! Keeping a shared tree current (issue 13): a newer version of a tree already imported updates
//! the copy in place by stable ids, as a three-way merge where the recipient's own changes win,
//! in one undoable edit; a dry run lists every change and writes nothing.

use nacre::api::share::{UpdateOutcome, import_update, update_offer};
use nacre::formats::ReadOptions;
use nacre::store::{ChangeKind, UpdateReport};
use nacre::{PearlUpdate, Placement, Tag};

use crate::common::TestLibrary;
use crate::common::curator::{Curator, curator, find, recipient, update, view};

fn kinds(report: &UpdateReport) -> Vec<ChangeKind> {
    report.changes.iter().map(|c| c.change).collect()
}

/// The curator adds, removes, moves, renames, re-notes and re-tags.
fn curator_edits(c: &Curator) {
    c.lib
        .link(c.terreur, "Danton", "https://example.org/danton");
    c.lib.store.trash(&[c.serment]).unwrap();
    c.lib
        .store
        .move_pearls(&[c.robespierre], c.debuts, Placement::End)
        .unwrap();
    c.rename(c.bastille, "La prise de la Bastille");
    c.lib
        .store
        .update(
            c.note,
            &PearlUpdate {
                note: Some("À lire avant vendredi".into()),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
    c.lib
        .store
        .update(
            c.bastille,
            &PearlUpdate {
                tags: Some(vec![Tag::new("1789").unwrap()]),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
}

#[test]
fn an_untouched_copy_takes_every_change_of_the_curator() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    curator_edits(&c);
    let v2 = c.version();
    let report = update(&lib, &v2, None, false);
    assert!(report.applied);
    for kind in [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Moved,
        ChangeKind::Renamed,
        ChangeKind::Renoted,
        ChangeKind::Retagged,
    ] {
        assert!(
            kinds(&report).contains(&kind),
            "{kind:?} in {:#?}",
            report.changes
        );
    }
    assert_eq!(
        view(&lib, copy),
        view(&c.lib, c.top),
        "the copy is the curator's tree again"
    );
    // Updating again from the same version changes nothing.
    let again = update(&lib, &v2, None, false);
    assert!(again.changes.is_empty(), "{:#?}", again.changes);
}

#[test]
fn the_recipients_changes_win_their_pearls_stay_and_annotated_removals_go_to_the_trash() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    // The recipient renames the Bastille link (the curator will too), annotates the Serment
    // link (which the curator will remove) and adds a link of their own.
    let bastille = find(&lib, copy, "Prise de la Bastille");
    let serment = find(&lib, copy, "Serment du Jeu de paume");
    let terreur = find(&lib, copy, "La Terreur");
    lib.store
        .update(
            bastille,
            &PearlUpdate {
                title: Some("Bastille (mon titre)".into()),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
    lib.store
        .update(
            serment,
            &PearlUpdate {
                note: Some("Question d'examen".into()),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
    let own = lib.link(terreur, "Mon lien", "https://example.org/mine");
    curator_edits(&c);
    let report = update(&lib, &c.version(), None, false);

    assert_eq!(
        lib.store.pearl(bastille).unwrap().title,
        "Bastille (mon titre)"
    );
    assert_eq!(
        lib.store.pearl(bastille).unwrap().tags,
        ["1789"],
        "what only the curator changed still comes"
    );
    assert!(kinds(&report).contains(&ChangeKind::KeptYours));
    assert_eq!(
        lib.store.place(serment).unwrap(),
        nacre::store::Place::Trash
    );
    assert!(kinds(&report).contains(&ChangeKind::Trashed));
    assert_eq!(
        lib.store.pearl(own).unwrap().parent_id,
        Some(terreur),
        "the recipient's own link stays"
    );
    // Danton was added beside it.
    assert!(lib.titles(terreur).contains(&"Danton".to_owned()));
}

#[test]
fn three_successive_versions_each_update_the_same_copy() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    c.lib
        .link(c.debuts, "Versailles", "https://example.org/versailles");
    update(&lib, &c.version(), None, false);
    c.rename(c.terreur, "La Grande Terreur");
    c.lib.store.trash(&[c.bastille]).unwrap();
    let third = update(&lib, &c.version(), None, false);
    assert_eq!(kinds(&third).len(), 2, "{:#?}", third.changes);
    assert_eq!(view(&lib, copy), view(&c.lib, c.top));
    assert_eq!(
        lib.store.children(lib.root()).unwrap().len(),
        2,
        "still one import beside the Inbox"
    );
}

#[test]
fn an_update_finds_the_copy_after_the_recipient_moved_it_elsewhere() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let courses = lib.collection(lib.root(), "Mes cours");
    lib.store
        .move_pearls(&[copy], courses, Placement::End)
        .unwrap();
    c.lib
        .link(c.debuts, "Versailles", "https://example.org/versailles");
    let report = update(&lib, &c.version(), None, false);
    assert_eq!(report.copy, copy);
    assert!(
        report.copy_path.starts_with("Mes cours/"),
        "{}",
        report.copy_path
    );
    assert_eq!(lib.store.pearl(copy).unwrap().parent_id, Some(courses));
    assert_eq!(view(&lib, copy), view(&c.lib, c.top));
}

#[test]
fn undo_restores_the_copy_exactly_and_a_dry_run_changes_nothing() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    curator_edits(&c);
    let v2 = c.version();
    let before = lib.dump();
    let dry = update(&lib, &v2, None, true);
    assert!(!dry.applied);
    assert_eq!(lib.dump(), before, "a dry run writes nothing");
    let real = update(&lib, &v2, None, false);
    assert_eq!(
        dry.changes, real.changes,
        "the dry run listed exactly what the update did"
    );
    assert!(
        real.changes.iter().any(|ch| ch.change == ChangeKind::Added
            && ch.path.ends_with("Révolution/La Terreur/Danton")),
        "changes are listed by path: {:#?}",
        real.changes
    );
    let history = lib.store.history().unwrap();
    let labels: Vec<&str> = history.iter().map(|h| h.label.as_str()).collect();
    assert!(labels.contains(&"Update “Révolution”"), "{labels:?}");
    assert_eq!(
        labels.len(),
        2,
        "the import and the update, one edit each: {labels:?}"
    );
    lib.store.undo().unwrap();
    assert_eq!(lib.dump(), before, "undo restores the copy exactly");
    assert!(view(&lib, copy).iter().any(|l| l.contains("Serment")));
}

#[test]
fn a_tree_never_imported_imports_as_new_and_two_trees_of_one_title_are_never_confused() {
    let first = curator();
    let second = curator(); // another curator's "Révolution", same titles, other identities
    let lib = TestLibrary::new();
    match import_update(
        &lib.store,
        &first.version(),
        None,
        false,
        &ReadOptions::default(),
    )
    .unwrap()
    {
        UpdateOutcome::ImportedAsNew { reason, report } => {
            assert!(reason.contains("no copy of “Révolution”"), "{reason}");
            assert!(report.is_some());
        }
        other => panic!("{other:?}"),
    }
    assert!(
        update_offer(&lib.store, &second.version())
            .unwrap()
            .is_none()
    );
    let offer = update_offer(&lib.store, &first.version())
        .unwrap()
        .expect("an offer");
    assert!(
        offer
            .message
            .starts_with("This is a newer version of “Révolution”, imported "),
        "{}",
        offer.message
    );
    // The second tree imports beside the first, and updating it leaves the first alone.
    import_update(
        &lib.store,
        &second.version(),
        None,
        false,
        &ReadOptions::default(),
    )
    .unwrap();
    second.rename(second.bastille, "Autre titre");
    let report = update(&lib, &second.version(), None, false);
    let first_copy = lib
        .store
        .copies_of_tree(&first.version().roots[0].uuid.clone().unwrap())
        .unwrap()[0]
        .0;
    assert_ne!(report.copy, first_copy);
    assert!(
        view(&lib, first_copy)
            .iter()
            .all(|l| !l.contains("Autre titre"))
    );
}

#[test]
fn with_several_copies_into_picks_one() {
    let c = curator();
    let v1 = c.version();
    let (lib, first) = recipient(&v1);
    nacre::api::import::commit(&lib.store, &v1, lib.root(), None, &ReadOptions::default()).unwrap();
    c.lib
        .link(c.debuts, "Versailles", "https://example.org/versailles");
    let v2 = c.version();
    let err = import_update(&lib.store, &v2, None, false, &ReadOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("2 copies of “Révolution”"),
        "{err}"
    );
    let report = update(&lib, &v2, Some(first), false);
    assert_eq!(report.copy, first);
}

#[test]
fn the_base_an_import_writes_with_each_pearl_is_its_stored_values() {
    let c = curator();
    c.lib
        .store
        .update(
            c.bastille,
            &PearlUpdate {
                note: Some("« 14 juillet »\n\"quoted\" \\ tab\there".into()),
                tags: Some(vec![
                    Tag::new("zèbre").unwrap(),
                    Tag::new("Année 1789").unwrap(),
                    Tag::new("abc").unwrap(),
                ]),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
    let (lib, _) = recipient(&c.version());
    // What the stored rows say, computed by SQLite from them (the sibling before each too),
    // beside the base as it is read: the row's own title, note and URL where it leaves them out.
    let conn = rusqlite::Connection::open(lib.store.path()).unwrap();
    let left_out: i64 = conn
        .query_row(
            "SELECT count(*) FROM pearls WHERE origin_uuid IS NOT NULL
               AND json_type(origin_base, '$.parent') IS NULL
               AND json_type(origin_base, '$.title') IS NULL
               AND json_type(origin_base, '$.url') IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        left_out, 7,
        "a fresh copy's bases leave out what the rows hold"
    );
    let mut stmt = conn
        .prepare(
            "SELECT json_insert(origin_base,
                    '$.parent', (SELECT p.origin_uuid FROM pearls p WHERE p.id = pearls.parent_id),
                    '$.title', title, '$.note', note, '$.url', url),
                    json_patch(json_object(
                'parent', (SELECT p.origin_uuid FROM pearls p WHERE p.id = pearls.parent_id),
                'title', title, 'note', note, 'url', url,
                'tags', json((SELECT json_group_array(tag) FROM
                    (SELECT tag FROM pearl_tags WHERE pearl_id = pearls.id ORDER BY tag)))),
                json_object('after', (SELECT s.origin_uuid FROM pearls s
                    WHERE s.parent_id = pearls.parent_id AND s.order_key < pearls.order_key
                      AND s.origin_uuid IS NOT NULL ORDER BY s.order_key DESC LIMIT 1)))
             FROM pearls WHERE origin_uuid IS NOT NULL",
        )
        .unwrap();
    let rows: Vec<(Option<String>, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(rows.len(), 7, "the tree's seven pearls came with an origin");
    for (base, stored) in rows {
        let base: serde_json::Value = serde_json::from_str(&base.expect("a base")).unwrap();
        let stored: serde_json::Value = serde_json::from_str(&stored).unwrap();
        assert_eq!(base, stored);
    }
}

#[test]
fn a_rename_undone_leaves_the_curators_title_as_the_base_and_a_rename_or_move_kept_stays_the_recipients()
 {
    let c = curator();
    let (undone, undone_copy) = recipient(&c.version());
    let (kept, kept_copy) = recipient(&c.version());
    let rename = |lib: &TestLibrary, id, title: &str| {
        lib.store
            .update(
                id,
                &PearlUpdate {
                    title: Some(title.into()),
                    note: Some(format!("{title}, noted")),
                    ..PearlUpdate::default()
                },
            )
            .unwrap();
    };
    // One recipient renames twice, undoes both, redoes one and undoes it again: the copy's
    // pearl is the curator's. The other renames once and keeps it.
    let undone_bastille = find(&undone, undone_copy, "Prise de la Bastille");
    rename(&undone, undone_bastille, "Ma Bastille");
    rename(&undone, undone_bastille, "Ma Bastille, encore");
    undone.store.undo().unwrap();
    undone.store.undo().unwrap();
    undone.store.redo().unwrap();
    undone.store.undo().unwrap();
    assert_eq!(
        undone.store.pearl(undone_bastille).unwrap().title,
        "Prise de la Bastille"
    );
    let kept_bastille = find(&kept, kept_copy, "Prise de la Bastille");
    let terreur = find(&kept, kept_copy, "La Terreur");
    kept.store
        .move_pearls(&[kept_bastille], terreur, Placement::End)
        .unwrap();
    rename(&kept, kept_bastille, "Ma Bastille");

    c.rename(c.bastille, "La prise de la Bastille");
    let report = update(&undone, &c.version(), None, false);
    let pearl = undone.store.pearl(undone_bastille).unwrap();
    assert_eq!(
        pearl.title, "La prise de la Bastille",
        "the title is the curator's again, so the curator's rename comes: {:#?}",
        report.changes
    );
    assert_eq!(pearl.note, "", "the note taken back stays empty");
    assert!(!kinds(&report).contains(&ChangeKind::KeptYours));

    let report = update(&kept, &c.version(), None, false);
    let pearl = kept.store.pearl(kept_bastille).unwrap();
    assert_eq!(pearl.title, "Ma Bastille", "{:#?}", report.changes);
    assert_eq!(pearl.note, "Ma Bastille, noted");
    assert_eq!(
        pearl.parent_id,
        Some(terreur),
        "the pearl stays where the recipient moved it"
    );
    assert!(kinds(&report).contains(&ChangeKind::KeptYours));
}
