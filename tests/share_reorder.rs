//! Reorderings in an update (issue 13): the curator's new order of siblings comes to a copy
//! whose recipient left that order alone; where both reordered the same siblings, the
//! recipient's order stays; the recipient's own pearls keep their place after the neighbour
//! they follow; undo and the dry run see the reordering like any other change.

use nacre::Placement;
use nacre::store::{ChangeKind, UpdateReport};

use crate::common::curator::{curator, find, recipient, update};

fn has(report: &UpdateReport, kind: ChangeKind, path_end: &str) -> bool {
    report
        .changes
        .iter()
        .any(|c| c.change == kind && c.path.ends_with(path_end))
}

#[test]
fn the_curators_new_order_comes_to_a_copy_whose_order_was_left_alone() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    c.lib
        .store
        .move_pearls(&[c.serment], c.debuts, Placement::Start)
        .unwrap();
    c.lib
        .store
        .move_pearls(&[c.note], c.top, Placement::Start)
        .unwrap();
    let report = update(&lib, &c.version(), None, false);
    let debuts = find(&lib, copy, "Les débuts");
    assert_eq!(
        lib.titles(debuts),
        ["Serment du Jeu de paume", "Prise de la Bastille"]
    );
    assert_eq!(lib.titles(copy), c.lib.titles(c.top), "the top's order too");
    assert!(
        has(&report, ChangeKind::Reordered, "Révolution/Les débuts"),
        "{:#?}",
        report.changes
    );
    assert!(
        has(&report, ChangeKind::Reordered, "Révolution"),
        "{:#?}",
        report.changes
    );
    let again = update(&lib, &c.version(), None, false);
    assert!(again.changes.is_empty(), "{:#?}", again.changes);
}

#[test]
fn where_both_reordered_the_recipients_order_stays_and_elsewhere_the_curators_comes() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let terreur = find(&lib, copy, "La Terreur");
    lib.store
        .move_pearls(&[terreur], copy, Placement::Start)
        .unwrap();
    let mine = lib.titles(copy);
    c.lib
        .store
        .move_pearls(&[c.note], c.top, Placement::Start)
        .unwrap();
    c.lib
        .store
        .move_pearls(&[c.serment], c.debuts, Placement::Start)
        .unwrap();
    let report = update(&lib, &c.version(), None, false);
    assert_eq!(
        lib.titles(copy),
        mine,
        "the recipient reordered these: theirs stays"
    );
    assert!(
        report
            .changes
            .iter()
            .any(|ch| ch.change == ChangeKind::KeptYours
                && ch.path.ends_with("Révolution")
                && ch.detail.contains("order")),
        "{:#?}",
        report.changes
    );
    assert_eq!(
        lib.titles(find(&lib, copy, "Les débuts")),
        ["Serment du Jeu de paume", "Prise de la Bastille"],
        "only the curator reordered these"
    );
}

#[test]
fn the_recipients_own_pearls_keep_their_place_after_their_neighbour() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let debuts = find(&lib, copy, "Les débuts");
    let bastille = find(&lib, copy, "Prise de la Bastille");
    let first = lib.link(debuts, "Mon premier", "https://example.org/first");
    lib.store
        .move_pearls(&[first], debuts, Placement::Start)
        .unwrap();
    let after = lib.link(debuts, "Après la Bastille", "https://example.org/after");
    lib.store
        .move_pearls(&[after], debuts, Placement::After(bastille))
        .unwrap();
    c.lib
        .store
        .move_pearls(&[c.serment], c.debuts, Placement::Start)
        .unwrap();
    update(&lib, &c.version(), None, false);
    assert_eq!(
        lib.titles(debuts),
        [
            "Mon premier",
            "Serment du Jeu de paume",
            "Prise de la Bastille",
            "Après la Bastille",
        ]
    );
}

#[test]
fn a_reordering_update_is_listed_by_its_dry_run_and_undone_exactly() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    c.lib
        .store
        .move_pearls(&[c.terreur], c.top, Placement::Start)
        .unwrap();
    let v2 = c.version();
    let before = lib.dump();
    let dry = update(&lib, &v2, None, true);
    assert_eq!(lib.dump(), before, "a dry run writes nothing");
    let real = update(&lib, &v2, None, false);
    assert_eq!(dry.changes, real.changes);
    assert_eq!(lib.titles(copy), c.lib.titles(c.top));
    lib.store.undo().unwrap();
    assert_eq!(lib.dump(), before, "undo puts the old order back");
}
