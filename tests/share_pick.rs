//! Picking from an imported tree (issue 13): pearls or branches of a copy copied into one's own
//! tree keeping their provenance, in one undoable edit; the picks are the user's own, so later
//! updates of the copy leave them alone and never double them; an alias pick follows the
//! curator's version as updates arrive; bad picks are refused, naming what, and change nothing.

use nacre::store::Place;
use nacre::{Error, PearlId, Placement};

use crate::common::TestLibrary;
use crate::common::curator::{curator, find, recipient, update, view};

fn pick(
    lib: &TestLibrary,
    ids: &[PearlId],
    into: PearlId,
    alias: bool,
) -> nacre::store::PickReport {
    lib.store.pick(ids, into, Placement::End, alias).unwrap()
}

/// How many pearls of the whole tree have this title.
fn count_titled(lib: &TestLibrary, title: &str) -> usize {
    lib.store
        .subtree(lib.root(), None)
        .unwrap()
        .into_iter()
        .filter(|r| r.pearl.title == title)
        .count()
}

#[test]
fn a_picked_branch_is_a_copy_of_ones_own_that_keeps_its_provenance_in_one_undoable_edit() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let mine = lib.collection(lib.root(), "Mes cours");
    let debuts = find(&lib, copy, "Les débuts");
    let report = pick(&lib, &[debuts], mine, false);
    assert_eq!(report.pearls, 3, "the collection and its two links");
    assert!(
        report.message.starts_with(
            "Picked “Les débuts” (3 pearls) into “Mes cours”, from “Révolution” by M. Durand"
        ),
        "{}",
        report.message
    );
    let [picked] = report.picked.as_slice() else {
        panic!("one pick: {report:?}")
    };
    assert_eq!(lib.titles(mine), ["Les débuts"]);
    assert_eq!(
        view(&lib, *picked),
        view(&lib, debuts),
        "the pick holds what the copy holds"
    );
    assert_eq!(
        lib.titles(debuts).len(),
        2,
        "the copy keeps its pearls: a pick copies, never moves"
    );
    for p in
        std::iter::once(*picked).chain(lib.store.children(*picked).unwrap().iter().map(|p| p.id))
    {
        let pearl = lib.store.pearl(p).unwrap();
        let provenance = pearl
            .provenance
            .expect("every picked pearl says where it came from");
        assert!(provenance.is_pick());
        assert!(
            provenance
                .summary
                .starts_with("From “Révolution” by M. Durand"),
            "{}",
            provenance.summary
        );
        assert_ne!(
            pearl.uuid,
            lib.store.pearl(debuts).unwrap().uuid,
            "a pearl of its own"
        );
    }
    let labels: Vec<String> = lib
        .store
        .history()
        .unwrap()
        .into_iter()
        .map(|h| h.label)
        .collect();
    assert_eq!(
        labels.last().map(String::as_str),
        Some("Pick 1 pearl"),
        "{labels:?}"
    );
    lib.store.undo().unwrap();
    assert!(
        lib.titles(mine).is_empty(),
        "undo takes the whole pick away"
    );
    lib.store.redo().unwrap();
    assert_eq!(lib.titles(mine), ["Les débuts"]);
    assert_eq!(lib.titles(lib.store.children(mine).unwrap()[0].id).len(), 2);
}

#[test]
fn an_update_after_a_pick_changes_only_the_copy_and_doubles_nothing() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let mine = lib.collection(lib.root(), "Mes cours");
    let debuts = find(&lib, copy, "Les débuts");
    let picked = pick(&lib, &[debuts], mine, false).picked[0];
    // The whole tree picked too: still the user's own, never a second copy to update.
    let whole = pick(&lib, &[copy], mine, false).picked[0];
    let picked_before = view(&lib, picked);
    let whole_before = view(&lib, whole);
    c.rename(c.bastille, "La prise de la Bastille");
    c.lib
        .link(c.debuts, "Versailles", "https://example.org/versailles");
    c.lib.store.trash(&[c.serment]).unwrap();
    let report = update(&lib, &c.version(), None, false);
    assert_eq!(report.copy, copy, "the imported copy is the one updated");
    assert!(
        report
            .changes
            .iter()
            .all(|ch| !ch.path.starts_with("Mes cours")),
        "nothing picked is part of the update: {:#?}",
        report.changes
    );
    assert_eq!(
        view(&lib, copy),
        view(&c.lib, c.top),
        "the copy is the curator's tree again"
    );
    assert_eq!(
        view(&lib, picked),
        picked_before,
        "the pick is left as it was"
    );
    assert_eq!(view(&lib, whole), whole_before, "the whole-tree pick too");
    assert_eq!(
        count_titled(&lib, "Versailles"),
        1,
        "the new link comes once, into the copy"
    );
    // Updating again changes nothing and still finds one copy.
    let again = update(&lib, &c.version(), None, false);
    assert!(again.changes.is_empty(), "{:#?}", again.changes);
    assert_eq!(count_titled(&lib, "Versailles"), 1);
}

#[test]
fn a_pick_moved_into_the_copy_stays_the_users_own_through_updates() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let mine = lib.collection(lib.root(), "Mes cours");
    let bastille = find(&lib, copy, "Prise de la Bastille");
    let picked = pick(&lib, &[bastille], mine, false).picked[0];
    let terreur = find(&lib, copy, "La Terreur");
    lib.store
        .move_pearls(&[picked], terreur, Placement::End)
        .unwrap();
    c.rename(c.bastille, "La prise de la Bastille");
    c.lib.store.trash(&[c.terreur]).unwrap();
    let report = update(&lib, &c.version(), None, false);
    assert_eq!(
        lib.store.pearl(bastille).unwrap().title,
        "La prise de la Bastille"
    );
    assert_eq!(
        lib.store.pearl(picked).unwrap().title,
        "Prise de la Bastille",
        "the pick is not matched with the copy's pearl"
    );
    // La Terreur held the user's own pick: it goes to the trash with it, not into nothing.
    assert_eq!(
        lib.store.place(terreur).unwrap(),
        Place::Trash,
        "{:#?}",
        report.changes
    );
    assert_eq!(lib.store.place(picked).unwrap(), Place::Trash);
}

#[test]
fn an_alias_pick_follows_the_curators_version_as_updates_arrive() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let mine = lib.collection(lib.root(), "Mes cours");
    let debuts = find(&lib, copy, "Les débuts");
    let report = pick(&lib, &[debuts], mine, true);
    assert!(report.alias);
    assert!(
        report
            .message
            .starts_with("Left an alias of “Les débuts” in “Mes cours”"),
        "{}",
        report.message
    );
    let alias = lib.store.pearl(report.picked[0]).unwrap();
    assert_eq!(alias.alias_target, Some(debuts));
    assert!(
        alias.provenance.is_some_and(|p| p.is_pick()),
        "the alias says where it came from"
    );
    c.lib
        .link(c.debuts, "Versailles", "https://example.org/versailles");
    c.rename(c.debuts, "Les tout débuts");
    update(&lib, &c.version(), None, false);
    let alias = lib.store.pearl(report.picked[0]).unwrap();
    assert_eq!(
        alias.title, "Les tout débuts",
        "the alias shows the collection as it is now"
    );
    let target = alias.alias_target.expect("still an alias");
    assert!(
        lib.titles(target).contains(&"Versailles".to_owned()),
        "what the alias shows has the curator's new link: {:?}",
        lib.titles(target)
    );
    assert_eq!(count_titled(&lib, "Versailles"), 1);
}

#[test]
fn who_else_pearled_it_says_a_picked_link_came_from_the_curators_tree() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let mine = lib.collection(lib.root(), "Mes cours");
    let bastille = find(&lib, copy, "Prise de la Bastille");
    let picked = pick(&lib, &[bastille], mine, false).picked[0];
    let others = lib.store.other_places(bastille).unwrap();
    let other = others
        .iter()
        .find(|o| o.pearl == picked)
        .expect("the pick is another place");
    assert_eq!(other.path, "Mes cours/Prise de la Bastille");
    let tree = other.tree.as_ref().expect("with the tree it came from");
    assert_eq!(
        (tree.title.as_str(), tree.curator.as_deref()),
        ("Révolution", Some("M. Durand"))
    );
    // A pick is not an imported tree sharing links with the user's collections.
    let similar = lib.store.similar_trees(mine, 10).unwrap();
    assert!(
        similar
            .iter()
            .all(|t| t.branch == copy || t.provenance.picked_at.is_none())
    );
    // Moved elsewhere in the user's tree, it still says where it came from.
    lib.store
        .move_pearls(&[picked], lib.root(), Placement::Start)
        .unwrap();
    assert!(lib.store.pearl(picked).unwrap().provenance.is_some());
}

#[test]
fn bad_picks_are_refused_naming_what_and_change_nothing() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let mine = lib.collection(lib.root(), "Mes cours");
    let own = lib.link(mine, "Mon lien", "https://example.org/mine");
    let debuts = find(&lib, copy, "Les débuts");
    let terreur = find(&lib, copy, "La Terreur");
    let bastille = find(&lib, copy, "Prise de la Bastille");
    let before = lib.dump();
    let refused = |ids: &[PearlId], into: PearlId, alias: bool, words: &str| {
        let err = lib
            .store
            .pick(ids, into, Placement::End, alias)
            .unwrap_err();
        assert!(
            matches!(err, Error::Invalid(_) | Error::PearlNotFound(_)),
            "{err:?}"
        );
        assert!(err.to_string().contains(words), "{err} should say {words}");
        assert_eq!(lib.dump(), before, "{err}: nothing changed");
    };
    refused(&[own], mine, false, "“Mon lien”");
    refused(&[own], mine, false, "is not in an imported tree");
    refused(&[bastille], terreur, false, "inside “Révolution”");
    refused(&[bastille], mine, true, "an alias points at a collection");
    refused(&[debuts], own, false, "not a collection");
    refused(&[], mine, false, "nothing to pick");
    refused(&[PearlId(999_999)], mine, false, "999999");
    let picked = pick(&lib, &[debuts], mine, false).picked[0];
    let after_pick = lib.dump();
    let err = lib
        .store
        .pick(&[picked], lib.root(), Placement::End, false)
        .unwrap_err();
    assert!(err.to_string().contains("picked already"), "{err}");
    assert_eq!(lib.dump(), after_pick);
}

#[test]
fn the_windows_items_say_which_copy_a_pearl_would_be_picked_from_and_ones_own_are_not() {
    let c = curator();
    let (lib, copy) = recipient(&c.version());
    let debuts = find(&lib, copy, "Les débuts");
    let own = lib.link(debuts, "Mon lien", "https://example.org/mine");
    let items = lib.store.child_items(debuts).unwrap();
    let of = |title: &str| items.iter().find(|i| i.title == title).unwrap();
    assert_eq!(of("Prise de la Bastille").pick_from, Some(copy));
    assert_eq!(of("Prise de la Bastille").copies, [copy]);
    assert_eq!(
        of("Mon lien").pick_from,
        None,
        "what the user added is theirs: it moves"
    );
    let wrapper = lib.store.pearl(copy).unwrap().parent_id.unwrap();
    let top = lib.store.child_items(wrapper).unwrap();
    assert_eq!(top[0].copies, [copy], "the copy's top is in itself");
    assert_eq!(top[0].pick_from, None, "the top moves the whole copy");
    // A pick of a branch holding the user's own pearl brings it along, without the credit.
    let mine = lib.collection(lib.root(), "Mes cours");
    let err = lib
        .store
        .pick(&[own], mine, Placement::End, false)
        .unwrap_err();
    assert!(err.to_string().contains("you added it there"), "{err}");
    let picked = pick(&lib, &[debuts], mine, false).picked[0];
    let inside = lib.store.children(picked).unwrap();
    let own_copy = inside.iter().find(|p| p.title == "Mon lien").unwrap();
    assert!(own_copy.provenance.is_none());
    assert!(
        inside
            .iter()
            .filter(|p| p.title != "Mon lien")
            .all(|p| p.provenance.is_some())
    );
    let picked_items = lib.store.child_items(picked).unwrap();
    assert!(
        picked_items
            .iter()
            .all(|i| i.pick_from.is_none() && i.copies.is_empty()),
        "a pick is one's own"
    );
}
