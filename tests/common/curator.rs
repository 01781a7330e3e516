//! A curator's shared tree "Révolution" and a recipient's copy of it: the set-up of the tests
//! of updates and picks (issue 13).

use nacre::api::export::{ExportOptions, export_bytes_with};
use nacre::api::share::{UpdateOutcome, import_update};
use nacre::formats::export::ExportFormat;
use nacre::formats::tree::{Credit, ImportedTree};
use nacre::formats::{ReadOptions, read_bytes};
use nacre::store::UpdateReport;
use nacre::{PearlId, PearlUpdate, Placement};

use super::TestLibrary;

/// The curator's library and the pearls of their tree "Révolution".
pub struct Curator {
    pub lib: TestLibrary,
    pub top: PearlId,
    pub debuts: PearlId,
    pub terreur: PearlId,
    pub bastille: PearlId,
    pub serment: PearlId,
    pub robespierre: PearlId,
    pub note: PearlId,
}

pub fn curator() -> Curator {
    let lib = TestLibrary::new();
    let top = lib.collection(lib.root(), "Révolution");
    let debuts = lib.collection(top, "Les débuts");
    let terreur = lib.collection(top, "La Terreur");
    let bastille = lib.link(
        debuts,
        "Prise de la Bastille",
        "https://example.org/bastille",
    );
    let serment = lib.link(
        debuts,
        "Serment du Jeu de paume",
        "https://example.org/serment",
    );
    let robespierre = lib.link(terreur, "Robespierre", "https://example.org/robespierre");
    let note = lib
        .store
        .create(
            top,
            Placement::End,
            &nacre::NewPearl::note("À lire avant jeudi").unwrap(),
        )
        .unwrap()
        .id;
    Curator {
        lib,
        top,
        debuts,
        terreur,
        bastille,
        serment,
        robespierre,
        note,
    }
}

impl Curator {
    /// The tree as a page (the file a recipient gets).
    pub fn version(&self) -> ImportedTree {
        let options = ExportOptions {
            credit: Credit {
                curator: Some("M. Durand".into()),
                ..Credit::default()
            },
            ..ExportOptions::default()
        };
        let bytes = export_bytes_with(&self.lib.store, self.top, ExportFormat::Page, &options)
            .unwrap()
            .0;
        read_bytes(&bytes, "revolution.html").unwrap()
    }

    pub fn rename(&self, id: PearlId, title: &str) {
        self.lib
            .store
            .update(
                id,
                &PearlUpdate {
                    title: Some(title.into()),
                    ..PearlUpdate::default()
                },
            )
            .unwrap();
    }
}

/// A recipient who imported the first version: their library and their copy of the tree.
pub fn recipient(tree: &ImportedTree) -> (TestLibrary, PearlId) {
    let lib = TestLibrary::new();
    let report =
        nacre::api::import::commit(&lib.store, tree, lib.root(), None, &ReadOptions::default())
            .unwrap();
    let copy = lib.store.children(report.collection).unwrap()[0].id;
    (lib, copy)
}

pub fn update(
    lib: &TestLibrary,
    tree: &ImportedTree,
    into: Option<PearlId>,
    dry_run: bool,
) -> UpdateReport {
    match import_update(&lib.store, tree, into, dry_run, &ReadOptions::default()).unwrap() {
        UpdateOutcome::Updated { report } => report,
        other => panic!("not an update: {other:?}"),
    }
}

/// What a user sees of a branch: every pearl's depth, kind, title, URL, note and tags.
pub fn view(lib: &TestLibrary, top: PearlId) -> Vec<String> {
    lib.store
        .subtree(top, None)
        .unwrap()
        .into_iter()
        .map(|row| {
            let p = row.pearl;
            format!(
                "{} {:?} {} <{}> {:?} [{}]",
                row.depth,
                p.kind,
                p.title,
                p.url.unwrap_or_default(),
                p.note,
                p.tags.join(",")
            )
        })
        .collect()
}

pub fn find(lib: &TestLibrary, top: PearlId, title: &str) -> PearlId {
    lib.store
        .subtree(top, None)
        .unwrap()
        .into_iter()
        .find(|r| r.pearl.title == title)
        .unwrap_or_else(|| panic!("{title} is not in the copy"))
        .pearl
        .id
}
