//! Sync through a folder (issue 12): two or three real libraries sharing one real folder, each
//! round run as a user runs `nacre sync`; what merges how, and files the folder must survive.

use std::path::{Path, PathBuf};

use nacre::api::sync as sync_api;
use nacre::{LinkUrl, NewPearl, Pearl, PearlId, PearlUpdate, Placement, Store, Tag};
use tempfile::TempDir;

use crate::common::TestLibrary;

/// One computer: a library of its own, joined to the shared folder.
pub struct Device {
    pub lib: TestLibrary,
    pub name: String,
}

impl Device {
    pub fn join(folder: &Path, name: &str) -> Device {
        let lib = TestLibrary::new();
        lib.store.sync_init(folder, name).expect("join the folder");
        Device {
            lib,
            name: name.to_owned(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.lib.store
    }

    pub fn round(&self) -> nacre::sync::RoundOutcome {
        self.store().sync_round().expect("a sync round")
    }

    /// The pearl with `uuid` here.
    pub fn by_uuid(&self, uuid: &str) -> PearlId {
        let ids = self.store().ids_of_uuids(&[uuid.to_owned()]).unwrap();
        *ids.get(uuid)
            .unwrap_or_else(|| panic!("{} has no pearl {uuid}", self.name))
    }

    pub fn uuid(&self, id: PearlId) -> String {
        self.store().pearl(id).unwrap().uuid
    }

    /// Everything a user sees, by UUID (row ids differ between libraries): the tree and the
    /// Inbox in order, the trash as a set; the Inbox last (its place among the top
    /// collections is each device's own).
    pub fn view(&self) -> Vec<String> {
        let store = self.store();
        let mut lines = Vec::new();
        for (top, name) in [(store.root_id(), "root"), (store.trash_id(), "trash")] {
            let mut part = Vec::new();
            let mut inbox_part = Vec::new();
            let mut in_inbox = false;
            for row in store.subtree(top, None).unwrap() {
                let p = row.pearl;
                if row.depth == 0 {
                    in_inbox = p.id == store.inbox_id();
                }
                let alias = p
                    .alias_target
                    .map(|t| store.pearl(t).unwrap().uuid)
                    .unwrap_or_default();
                let parent = p
                    .parent_id
                    .map(|q| store.pearl(q).unwrap().uuid)
                    .unwrap_or_default();
                let into = if in_inbox { &mut inbox_part } else { &mut part };
                into.push(format!(
                    "{name} {} {} parent={parent} kind={} title={:?} note={:?} url={:?} tags={:?} alias={alias}",
                    row.depth, p.uuid, p.kind, p.title, p.note, p.url, p.tags
                ));
            }
            if name == "trash" {
                // The trash's order is each device's own (the order things were put there).
                part.sort();
            }
            lines.extend(part);
            // The Inbox's own place among the top collections is each device's own; what is in
            // it is shared.
            lines.extend(inbox_part);
        }
        lines
    }
}

/// A shared folder and devices joined to it, in order.
pub fn folder_with(names: &[&str]) -> (TempDir, Vec<Device>) {
    let folder = tempfile::tempdir().unwrap();
    let devices = names
        .iter()
        .map(|n| Device::join(folder.path(), n))
        .collect();
    (folder, devices)
}

/// Rounds until nothing more comes in anywhere (at most a few).
pub fn settle(devices: &[Device]) {
    for _ in 0..4 {
        for d in devices {
            d.round();
        }
    }
}

fn link(url: &str, title: &str) -> NewPearl {
    NewPearl::link(LinkUrl::parse(url).unwrap(), title).unwrap()
}

fn rename(store: &Store, id: PearlId, title: &str) {
    store
        .update(
            id,
            &PearlUpdate {
                title: Some(title.to_owned()),
                ..PearlUpdate::default()
            },
        )
        .unwrap();
}

#[test]
fn an_edit_on_one_computer_reaches_the_other() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let cours = laptop.lib.collection(laptop.lib.root(), "Cours");
    let page = laptop
        .store()
        .create(
            cours,
            Placement::End,
            &link("https://example.org/a", "A page"),
        )
        .unwrap();
    let out = laptop.round();
    assert_eq!(out.published, 2, "{out:?}");
    let out = desktop.round();
    assert_eq!(out.from_devices, vec!["laptop".to_owned()]);
    assert_eq!(desktop.view(), laptop.view());
    let there = desktop.by_uuid(&page.uuid);
    assert_eq!(desktop.store().pearl(there).unwrap().title, "A page");
    let history = desktop.store().history().unwrap();
    assert_eq!(
        history.last().unwrap().label,
        "Synced 2 changes from laptop"
    );
    // Nothing to undo: the synced changes are not this device's.
    assert!(desktop.store().undo().unwrap().is_none());

    rename(desktop.store(), there, "Renamed on the desktop");
    desktop.round();
    laptop.round();
    assert_eq!(
        laptop.store().pearl(page.id).unwrap().title,
        "Renamed on the desktop"
    );
    assert_eq!(desktop.view(), laptop.view());
}

#[test]
fn the_built_in_collections_are_never_doubled() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let inbox = laptop.store().inbox_id();
    laptop
        .store()
        .create(
            inbox,
            Placement::End,
            &link("https://example.org/later", "Later"),
        )
        .unwrap();
    settle(&devices);
    let desktop_inbox = desktop.store().inbox_id();
    assert_eq!(desktop.lib.titles(desktop_inbox), vec!["Later"]);
    let tops: Vec<String> = desktop.lib.titles(desktop.lib.root());
    assert_eq!(tops.iter().filter(|t| *t == "Inbox").count(), 1, "{tops:?}");
    assert_eq!(desktop.view(), laptop.view());
}

#[test]
fn a_library_that_joins_merges_and_never_replaces() {
    let folder = tempfile::tempdir().unwrap();
    let first = Device::join(folder.path(), "laptop");
    first.lib.collection(first.lib.root(), "From the laptop");
    first.round();
    let second_lib = TestLibrary::new();
    second_lib.collection(second_lib.root(), "Already on the desktop");
    second_lib
        .store
        .sync_init(folder.path(), "desktop")
        .unwrap();
    let second = Device {
        lib: second_lib,
        name: "desktop".to_owned(),
    };
    let devices = vec![first, second];
    settle(&devices);
    for d in &devices {
        let tops = d.lib.titles(d.lib.root());
        assert!(
            tops.contains(&"From the laptop".to_owned()),
            "{}: {tops:?}",
            d.name
        );
        assert!(
            tops.contains(&"Already on the desktop".to_owned()),
            "{}: {tops:?}",
            d.name
        );
    }
    assert_eq!(devices[0].view(), devices[1].view());
}

#[test]
fn concurrent_moves_never_make_a_cycle() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let p = laptop.lib.collection(laptop.lib.root(), "P");
    let q = laptop.lib.collection(laptop.lib.root(), "Q");
    settle(&devices);
    let (p2, q2) = (
        desktop.by_uuid(&laptop.uuid(p)),
        desktop.by_uuid(&laptop.uuid(q)),
    );
    laptop.store().move_pearls(&[p], q, Placement::End).unwrap();
    desktop
        .store()
        .move_pearls(&[q2], p2, Placement::End)
        .unwrap();
    settle(&devices);
    assert_eq!(laptop.view(), desktop.view());
    // One of the moves held, the other was dropped: one is inside the other, not both.
    let p_in_q = laptop.store().pearl(p).unwrap().parent_id == Some(q);
    let q_in_p = laptop.store().pearl(q).unwrap().parent_id == Some(p);
    assert!(p_in_q != q_in_p, "exactly one move holds");
}

#[test]
fn concurrent_renames_keep_one_and_show_the_other() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop.lib.collection(laptop.lib.root(), "Reading");
    settle(&devices);
    let c2 = desktop.by_uuid(&laptop.uuid(c));
    rename(laptop.store(), c, "Reading (laptop)");
    rename(desktop.store(), c2, "Reading (desktop)");
    settle(&devices);
    let kept = laptop.store().pearl(c).unwrap().title;
    assert_eq!(kept, desktop.store().pearl(c2).unwrap().title);
    let lost = if kept == "Reading (laptop)" {
        "Reading (desktop)"
    } else {
        "Reading (laptop)"
    };
    for (d, id) in [(laptop, c), (desktop, c2)] {
        let also = sync_api::also_values(d.store(), id).unwrap();
        assert_eq!(also.len(), 1, "{}: {also:?}", d.name);
        assert_eq!(also[0].value, lost);
        assert_eq!(also[0].field, "title");
    }
    // Dismissed on one device, it is gone on both.
    sync_api::dismiss_also(laptop.store(), c, "title").unwrap();
    settle(&devices);
    assert!(sync_api::also_values(laptop.store(), c).unwrap().is_empty());
    assert!(
        sync_api::also_values(desktop.store(), c2)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_rename_after_seeing_the_other_is_no_conflict() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop.lib.collection(laptop.lib.root(), "One");
    settle(&devices);
    rename(laptop.store(), c, "Two");
    settle(&devices);
    let c2 = desktop.by_uuid(&laptop.uuid(c));
    rename(desktop.store(), c2, "Three");
    settle(&devices);
    assert_eq!(laptop.store().pearl(c).unwrap().title, "Three");
    assert!(sync_api::also_values(laptop.store(), c).unwrap().is_empty());
    assert!(
        sync_api::also_values(desktop.store(), c2)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn tags_merge_as_a_set() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let page = laptop
        .store()
        .create(
            laptop.lib.root(),
            Placement::End,
            &link("https://example.org/t", "Tagged").with_tags(vec![Tag::new("old").unwrap()]),
        )
        .unwrap();
    settle(&devices);
    let there = desktop.by_uuid(&page.uuid);
    let set_tags = |store: &Store, id: PearlId, tags: &[&str]| {
        store
            .update(
                id,
                &PearlUpdate {
                    tags: Some(tags.iter().map(|t| Tag::new(t).unwrap()).collect()),
                    ..PearlUpdate::default()
                },
            )
            .unwrap();
    };
    set_tags(laptop.store(), page.id, &["old", "added-on-laptop"]);
    set_tags(desktop.store(), there, &[]);
    settle(&devices);
    assert_eq!(
        laptop.store().pearl(page.id).unwrap().tags,
        vec!["added-on-laptop"]
    );
    assert_eq!(desktop.view(), laptop.view());
}

#[test]
fn deleted_on_one_edited_on_the_other_is_in_the_trash_with_the_edit() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop.lib.collection(laptop.lib.root(), "Old");
    let page = laptop
        .store()
        .create(c, Placement::End, &link("https://example.org/x", "X"))
        .unwrap();
    settle(&devices);
    laptop.store().trash(&[c]).unwrap();
    let there = desktop.by_uuid(&page.uuid);
    rename(desktop.store(), there, "X, edited");
    settle(&devices);
    assert_eq!(laptop.view(), desktop.view());
    let c2 = desktop.by_uuid(&laptop.uuid(c));
    assert_eq!(
        desktop.store().pearl(c2).unwrap().parent_id,
        Some(desktop.store().trash_id())
    );
    assert_eq!(desktop.store().pearl(there).unwrap().title, "X, edited");
    // Restorable, on either device, back where it was.
    desktop.store().restore(&[c2]).unwrap();
    settle(&devices);
    assert_eq!(
        laptop.store().pearl(c).unwrap().parent_id,
        Some(laptop.lib.root())
    );
    assert_eq!(laptop.view(), desktop.view());
}

#[test]
fn emptying_the_trash_syncs_and_stays_undoable_until_forgotten() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop.lib.collection(laptop.lib.root(), "Doomed");
    laptop.store().trash(&[c]).unwrap();
    settle(&devices);
    let c2 = desktop.by_uuid(&laptop.uuid(c));
    assert_eq!(
        desktop.store().pearl(c2).unwrap().parent_id,
        Some(desktop.store().trash_id())
    );
    laptop.store().empty_trash().unwrap();
    settle(&devices);
    assert!(
        desktop
            .store()
            .children(desktop.store().trash_id())
            .unwrap()
            .is_empty()
    );
    assert_eq!(laptop.view(), desktop.view());
    // Undone on the laptop: back in the trash on both.
    laptop.store().undo().unwrap();
    settle(&devices);
    assert_eq!(
        desktop.store().pearl(c2).unwrap().parent_id,
        Some(desktop.store().trash_id())
    );
    assert_eq!(laptop.view(), desktop.view());
}

#[test]
fn moves_reorders_and_sorts_arrive_in_order() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop.lib.collection(laptop.lib.root(), "List");
    for t in ["c", "a", "d", "b"] {
        laptop.lib.link(c, t, &format!("https://example.org/{t}"));
    }
    settle(&devices);
    let c2 = desktop.by_uuid(&laptop.uuid(c));
    assert_eq!(desktop.lib.titles(c2), vec!["c", "a", "d", "b"]);
    desktop
        .store()
        .sort_collection(c2, nacre::SortBy::Title)
        .unwrap();
    settle(&devices);
    assert_eq!(laptop.lib.titles(c), vec!["a", "b", "c", "d"]);
    let d = laptop.store().children(c).unwrap()[3].id;
    laptop
        .store()
        .move_pearls(&[d], c, Placement::Index(0))
        .unwrap();
    settle(&devices);
    assert_eq!(desktop.lib.titles(c2), vec!["d", "a", "b", "c"]);
    assert_eq!(laptop.view(), desktop.view());
}

#[test]
fn undo_restores_a_field_only_where_it_still_holds_what_the_edit_wrote() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let page = laptop
        .store()
        .create(
            laptop.lib.root(),
            Placement::End,
            &link("https://example.org/u", "First"),
        )
        .unwrap();
    settle(&devices);
    // The laptop moves it; the desktop renames it; the laptop's undo of its move must not
    // write the old title back.
    let c = laptop.lib.collection(laptop.lib.root(), "Box");
    laptop
        .store()
        .move_pearls(&[page.id], c, Placement::End)
        .unwrap();
    let there = desktop.by_uuid(&page.uuid);
    rename(desktop.store(), there, "Renamed on the desktop");
    settle(&devices);
    laptop.store().undo().unwrap();
    settle(&devices);
    let p = laptop.store().pearl(page.id).unwrap();
    assert_eq!(p.parent_id, Some(laptop.lib.root()));
    assert_eq!(p.title, "Renamed on the desktop");
    assert_eq!(laptop.view(), desktop.view());
}

// -- files the folder must survive --------------------------------------------------------

fn files_of(folder: &Path, device_id: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(device_id)
        })
        .collect();
    files.sort();
    files
}

fn device_id(d: &Device) -> String {
    d.store().sync_config().unwrap().unwrap().device_id
}

#[test]
fn a_truncated_file_is_skipped_and_taken_in_once_whole() {
    let (folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    laptop.lib.collection(laptop.lib.root(), "Arriving");
    laptop.round();
    let file = files_of(folder.path(), &device_id(laptop)).pop().unwrap();
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let before = desktop.view();
    let out = desktop.round();
    assert_eq!(desktop.view(), before, "a file cut short changes nothing");
    assert_eq!(out.skipped.len(), 1, "{out:?}");
    assert!(out.skipped[0].reason.contains("incomplete"), "{out:?}");
    let status = sync_api::status(desktop.store()).unwrap();
    assert_eq!(status.waiting_files.len(), 1);
    std::fs::write(&file, &whole).unwrap();
    desktop.round();
    assert_eq!(desktop.view(), laptop.view());
    assert!(
        sync_api::status(desktop.store())
            .unwrap()
            .waiting_files
            .is_empty()
    );
}

#[test]
fn corrupt_foreign_and_future_files_are_skipped_with_a_word() {
    let (folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    laptop.lib.collection(laptop.lib.root(), "Good");
    laptop.round();
    let file = files_of(folder.path(), &device_id(laptop)).pop().unwrap();
    let whole = std::fs::read(&file).unwrap();
    // A flipped byte in the payload.
    let mut corrupt = whole.clone();
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0xff;
    std::fs::write(
        folder.path().join("aaaa0000aaaa0000.00000001.nacresync"),
        &corrupt,
    )
    .unwrap();
    // Not a sync file at all.
    std::fs::write(
        folder.path().join("bbbb0000bbbb0000.00000001.nacresync"),
        b"<html>hello</html>",
    )
    .unwrap();
    // A newer format version.
    let mut future = whole.clone();
    future[8..12].copy_from_slice(&2u32.to_le_bytes());
    std::fs::write(
        folder.path().join("cccc0000cccc0000.00000001.nacresync"),
        &future,
    )
    .unwrap();
    // A half-written temporary file (hidden name) is not even looked at.
    std::fs::write(
        folder
            .path()
            .join(".dddd0000dddd0000.00000001.nacresync.tmp"),
        &whole[..10],
    )
    .unwrap();
    let out = desktop.round();
    let mut reasons: Vec<(String, String)> = out
        .skipped
        .iter()
        .map(|s| (s.device_id.clone(), s.reason.clone()))
        .collect();
    reasons.sort();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].1.contains("corrupt"), "{reasons:?}");
    assert!(
        reasons[1].1.contains("not a Nacre sync file"),
        "{reasons:?}"
    );
    assert!(reasons[2].1.contains("newer Nacre"), "{reasons:?}");
    // The good file still came in.
    assert_eq!(desktop.view(), laptop.view());
}

#[test]
fn a_duplicated_file_changes_nothing_twice() {
    let (folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop.lib.collection(laptop.lib.root(), "Once");
    laptop.round();
    desktop.round();
    let file = files_of(folder.path(), &device_id(laptop)).pop().unwrap();
    let copy = folder
        .path()
        .join(format!("{}.00000099.nacresync", device_id(laptop)));
    std::fs::copy(&file, &copy).unwrap();
    let out = desktop.round();
    assert_eq!(out.received, 0, "{out:?}");
    assert_eq!(
        desktop
            .lib
            .titles(desktop.lib.root())
            .iter()
            .filter(|t| *t == "Once")
            .count(),
        1
    );
    let _ = c;
}

#[test]
fn a_missing_folder_is_told_and_edits_wait_for_it() {
    let (folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let moved_away = folder.path().with_extension("away");
    std::fs::rename(folder.path(), &moved_away).unwrap();
    laptop.lib.collection(laptop.lib.root(), "Offline edit");
    let out = laptop.round();
    assert!(out.folder_problem.is_some(), "{out:?}");
    let status = sync_api::status(laptop.store()).unwrap();
    assert!(status.folder_problem.is_some());
    std::fs::rename(&moved_away, folder.path()).unwrap();
    let out = laptop.round();
    assert!(out.folder_problem.is_none(), "{out:?}");
    desktop.round();
    assert_eq!(desktop.view(), laptop.view());
}

#[test]
fn two_devices_offline_for_weeks_meet_again() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let shared = laptop.lib.collection(laptop.lib.root(), "Shared");
    settle(&devices);
    let shared2 = desktop.by_uuid(&laptop.uuid(shared));
    for (d, parent) in [(laptop, shared), (desktop, shared2)] {
        let mut made = Vec::new();
        for i in 0..1000 {
            let id = d.lib.link(
                parent,
                &format!("{} {i}", d.name),
                &format!("https://example.org/{}/{i}", d.name),
            );
            made.push(id);
            if i % 10 == 0 {
                rename(d.store(), id, &format!("{} {i} renamed", d.name));
            }
            if i % 25 == 0 && i > 0 {
                d.store()
                    .move_pearls(&[made[i - 1]], parent, Placement::Index(0))
                    .unwrap();
            }
        }
    }
    // Neither ran a round in all that time; now they meet.
    settle(&devices);
    assert_eq!(laptop.view(), desktop.view());
    assert_eq!(laptop.store().children(shared).unwrap().len(), 2000);
}

#[test]
fn page_details_travel_so_no_device_fetches_again() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let page = laptop
        .store()
        .create(
            laptop.lib.root(),
            Placement::End,
            &link("https://example.org/p", ""),
        )
        .unwrap();
    settle(&devices);
    laptop
        .store()
        .record_fetches(&[nacre::store::FetchRecord {
            pearl: page.id,
            url: "https://example.org/p".to_owned(),
            outcome: nacre::store::Outcome::Ok,
            moved_to: None,
            page: nacre::model::PageDetails {
                final_url: Some("https://example.org/p".to_owned()),
                http_status: Some(200),
                title: Some("The page's own title".to_owned()),
                description: Some("What it is about".to_owned()),
                fetched_at: Some(1_700_000_000_000),
                favicon_url: Some("https://example.org/favicon.png".to_owned()),
                ..nacre::model::PageDetails::default()
            },
            favicon: Some(nacre::store::FaviconData {
                source_url: "https://example.org/favicon.png".to_owned(),
                mime: "image/png".to_owned(),
                bytes: ICON.to_vec(),
            }),
        }])
        .unwrap();
    settle(&devices);
    let there = desktop.by_uuid(&page.uuid);
    assert_eq!(
        desktop.store().pearl(there).unwrap().title,
        "The page's own title"
    );
    let details = desktop
        .store()
        .page_details(there)
        .unwrap()
        .expect("details came along");
    assert_eq!(
        details.details.description.as_deref(),
        Some("What it is about")
    );
    assert_eq!(details.outcome, Some(nacre::store::Outcome::Ok));
    // The favicon's image came along too: the desktop shows it without fetching it.
    let icon = details
        .favicon_id
        .and_then(|f| desktop.store().favicon(f).unwrap())
        .expect("the favicon travelled");
    assert_eq!(
        (icon.mime.as_str(), &icon.data[..]),
        ("image/png", &ICON[..])
    );
}

/// A favicon's bytes (the PNG signature and a few more: the store keeps what it is given).
const ICON: [u8; 12] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

#[test]
fn undoing_a_collection_that_another_device_filled_keeps_what_it_holds() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    let c = laptop
        .lib
        .collection(laptop.lib.root(), "Made on the laptop");
    settle(&devices);
    let c2 = desktop.by_uuid(&laptop.uuid(c));
    let page = desktop
        .store()
        .create(
            c2,
            Placement::End,
            &link("https://example.org/kept", "Added on the desktop"),
        )
        .unwrap();
    settle(&devices);
    // The laptop's undo of "Add collection": the desktop's pearl inside must not be lost.
    laptop.store().undo().unwrap();
    settle(&devices);
    for d in [laptop, desktop] {
        let id = d.by_uuid(&page.uuid);
        assert_eq!(
            d.store().pearl(id).unwrap().title,
            "Added on the desktop",
            "{}",
            d.name
        );
        let holder = d.by_uuid(&laptop.uuid(c));
        assert_eq!(
            d.store().pearl(holder).unwrap().parent_id,
            Some(d.store().trash_id()),
            "{}",
            d.name
        );
    }
    assert_eq!(laptop.view(), desktop.view());
}

#[test]
fn two_copies_of_one_library_joining_at_once_are_not_doubled() {
    let folder = tempfile::tempdir().unwrap();
    let original = TestLibrary::new();
    let c = original.collection(original.root(), "Copied");
    original.link(c, "Inside", "https://example.org/inside");
    // The same library on a second computer: a copy of the file.
    let copy = Store::open(original.store.backup_now().unwrap().path).unwrap();
    // Both join before either has seen the other's files.
    original.store.sync_init(folder.path(), "laptop").unwrap();
    let aside = tempfile::tempdir().unwrap();
    let moved: Vec<PathBuf> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for path in &moved {
        std::fs::rename(path, aside.path().join(path.file_name().unwrap())).unwrap();
    }
    copy.sync_init(folder.path(), "desktop").unwrap();
    for path in &moved {
        std::fs::rename(aside.path().join(path.file_name().unwrap()), path).unwrap();
    }
    for _ in 0..3 {
        original.store.sync_round().unwrap();
        copy.sync_round().unwrap();
    }
    for store in [&original.store, &copy] {
        let tops: Vec<Pearl> = store.children(store.root_id()).unwrap();
        let copied: Vec<&Pearl> = tops.iter().filter(|p| p.title == "Copied").collect();
        assert_eq!(copied.len(), 1, "one collection, not two");
        assert_eq!(store.children(copied[0].id).unwrap().len(), 1);
    }
    // Renamed on both at once: both follow the same node, so both end with the same title.
    let c_copy = copy
        .children(copy.root_id())
        .unwrap()
        .into_iter()
        .find(|p| p.title == "Copied")
        .unwrap()
        .id;
    rename(&original.store, c, "Renamed on the laptop");
    rename(&copy, c_copy, "Renamed on the desktop");
    for _ in 0..3 {
        original.store.sync_round().unwrap();
        copy.sync_round().unwrap();
    }
    assert_eq!(
        original.store.pearl(c).unwrap().title,
        copy.pearl(c_copy).unwrap().title
    );
}

#[test]
fn a_large_import_reaches_the_other_computer_whole_and_later_edits_still_sync() {
    let (_folder, devices) = folder_with(&["laptop", "desktop"]);
    let [laptop, desktop] = &devices[..] else {
        unreachable!()
    };
    // 10,000 links or more: the import sets its per-row triggers aside and logs its pearls
    // for sync in one statement (store/bulk.rs).
    let mut html = String::from("<DL><p><DT><H3>Lectures</H3><DL><p>\n");
    for i in 0..10_050 {
        html.push_str(&format!(
            "<DT><A HREF=\"https://e.example/{i}\" TAGS=\"t{}\">Lien {i}</A>\n<DD>note {i}\n",
            i % 7
        ));
    }
    html.push_str("</DL><p></DL><p>\n");
    let tree = nacre::formats::read_bytes(html.as_bytes(), "many.html").unwrap();
    let schema = |store: &Store| -> Vec<String> {
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |r| {
            Ok(format!(
                "{} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default()
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let before = schema(laptop.store());
    let report = laptop
        .store()
        .import_tree(&tree, laptop.lib.root(), "Import")
        .unwrap();
    assert_eq!(report.imported.links, 10_050);
    assert_eq!(
        schema(laptop.store()),
        before,
        "the triggers and indexes are back as they were"
    );
    let out = laptop.round();
    assert!(out.published >= 10_052, "{out:?}");
    desktop.round();
    // Every pearl with its parent, values and tags, by UUID (the whole view, row by row, is
    // slow at this size), and the imported collection's order.
    let pearls = |store: &Store| -> Vec<String> {
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT p.uuid || ' ' || coalesce((SELECT q.uuid FROM pearls q WHERE q.id = p.parent_id), '')
                   || ' ' || p.kind || ' ' || p.title || ' ' || p.note || ' ' || coalesce(p.url, '')
                   || ' ' || coalesce((SELECT group_concat(tag) FROM
                        (SELECT tag FROM pearl_tags WHERE pearl_id = p.id ORDER BY tag)), '')
                 FROM pearls p WHERE p.role IS NULL ORDER BY p.uuid",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let here = pearls(laptop.store());
    assert!(here.len() >= 10_052, "{}", here.len());
    assert_eq!(pearls(desktop.store()), here);
    let lectures_here = laptop.store().children(report.collection).unwrap()[0].id;
    let lectures_there = desktop.by_uuid(&laptop.uuid(lectures_here));
    assert_eq!(
        desktop.lib.titles(lectures_there),
        laptop.lib.titles(lectures_here)
    );
    let hits = desktop.store().search("lien 10049", 5).unwrap();
    assert_eq!(hits.len(), 1, "the imported links are searchable there");

    // The triggers are back: an edit of an imported pearl is logged and travels.
    assert_eq!(laptop.lib.titles(report.collection), ["Lectures"]);
    let link = laptop.store().children(lectures_here).unwrap()[0].id;
    rename(laptop.store(), link, "Lien renommé");
    laptop.round();
    desktop.round();
    let there = desktop.by_uuid(&laptop.uuid(link));
    assert_eq!(desktop.store().pearl(there).unwrap().title, "Lien renommé");
}
