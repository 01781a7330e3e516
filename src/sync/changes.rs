//! Which nodes changed: collected from the document's events while other devices' files are
//! taken in, or, when joining, every node.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use loro::{ContainerID, ContainerType, TreeID, event::Diff};

use super::doc::SyncDoc;

/// The nodes the document's change events name, collected while other devices' files are
/// taken in (cheaper than a diff of the whole document afterwards).
#[derive(Clone, Default)]
pub(crate) struct ChangedNodes(Arc<Mutex<(HashSet<TreeID>, Vec<TreeID>)>>);

impl ChangedNodes {
    /// Collects the nodes named by the document's events until the subscription is dropped.
    pub(crate) fn listen(&self, doc: &SyncDoc) -> loro::Subscription {
        let nodes = self.clone();
        doc.doc.subscribe_root(Arc::new(move |event| {
            for change in &event.events {
                nodes.note(change.target, &change.diff);
            }
        }))
    }

    fn note(&self, cid: &ContainerID, diff: &Diff<'_>) {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (seen, nodes) = &mut *guard;
        let mut add = |node: TreeID| {
            if seen.insert(node) {
                nodes.push(node);
            }
        };
        match diff {
            Diff::Tree(tree) => tree.diff.iter().for_each(|item| add(item.target)),
            Diff::Map(_) => {
                if let ContainerID::Normal {
                    peer,
                    counter,
                    container_type: ContainerType::Map,
                } = cid
                {
                    add(TreeID::new(*peer, *counter));
                }
            }
            _ => {}
        }
    }

    /// The nodes collected, in the order first named.
    pub(crate) fn take(&self) -> Vec<TreeID> {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.0.clear();
        std::mem::take(&mut guard.1)
    }
}

/// Every node of the document (when joining: every node is new here).
pub(crate) fn all_nodes(doc: &SyncDoc) -> Vec<TreeID> {
    doc.tree
        .get_nodes(false)
        .into_iter()
        .map(|n| n.id)
        .collect()
}
