//! Shared set-up for the integration tests: a fresh library in a temporary folder, small trees,
//! and a dump of the whole library to compare states.

pub mod curator;

use nacre::{LinkUrl, NewPearl, Pearl, PearlId, Placement, Store};
use tempfile::TempDir;

/// A fresh library in its own temporary folder (deleted when dropped).
pub struct TestLibrary {
    pub store: Store,
    /// Kept so the folder lives as long as the library.
    _dir: TempDir,
}

impl TestLibrary {
    pub fn new() -> TestLibrary {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(dir.path().join("library.sqlite")).expect("open a fresh library");
        TestLibrary { store, _dir: dir }
    }

    pub fn root(&self) -> PearlId {
        self.store.root_id()
    }

    pub fn collection(&self, parent: PearlId, title: &str) -> PearlId {
        self.store
            .create(
                parent,
                Placement::End,
                &NewPearl::collection(title).unwrap(),
            )
            .expect("create a collection")
            .id
    }

    pub fn link(&self, parent: PearlId, title: &str, url: &str) -> PearlId {
        let url = LinkUrl::parse(url).expect("a valid URL");
        self.store
            .create(parent, Placement::End, &NewPearl::link(url, title).unwrap())
            .expect("create a link")
            .id
    }

    /// The titles of a collection's children, in order.
    pub fn titles(&self, parent: PearlId) -> Vec<String> {
        self.store
            .children(parent)
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect()
    }

    /// Everything in the tree and the trash, in order, with depths: two equal dumps mean two
    /// equal libraries as far as a user can tell.
    pub fn dump(&self) -> Vec<(u32, Pearl)> {
        let mut all = Vec::new();
        for top in [self.store.root_id(), self.store.trash_id()] {
            all.push((0, self.store.pearl(top).unwrap()));
            for row in self.store.subtree(top, None).unwrap() {
                all.push((row.depth + 1, row.pearl));
            }
        }
        all
    }
}

/// The tree without the pearls' UUIDs: a copy made by importing a file has identities of its
/// own (and remembers the originals as its origin), and everything else must be equal.
pub fn without_uuids(node: &nacre::formats::tree::Node) -> nacre::formats::tree::Node {
    let mut out = node.clone();
    strip_uuids(&mut out);
    out
}

fn strip_uuids(node: &mut nacre::formats::tree::Node) {
    node.uuid = None;
    if let nacre::formats::tree::NodeKind::Collection { children } = &mut node.kind {
        children.iter_mut().for_each(strip_uuids);
    }
}
