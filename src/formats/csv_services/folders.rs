//! The collections a CSV export's folder column names, built while its rows arrive: folders
//! live in an arena and become nodes at the end, in the order each was first used.

use std::collections::HashMap;

use super::super::common::MAX_DEPTH;
use super::super::tree::Node;

/// Nested collections made from `a/b/c` folder paths: folders live in an arena while rows
/// arrive, and become nodes at the end.
#[derive(Default)]
pub(crate) struct Folders {
    /// Folder 0 is the top; each folder has a title and its entries in order.
    arena: Vec<(String, Vec<Entry>)>,
    /// A folder path to its arena index.
    index: HashMap<String, usize>,
}

enum Entry {
    Item(Box<Node>),
    Folder(usize),
}

impl Folders {
    /// Adds `node` to the folder `path`: nested at each `/` when `nested`, else one folder
    /// whose name is the whole path (Instapaper's "Blogs / Portfolios" is one folder).
    pub(crate) fn add(&mut self, path: &str, nested: bool, node: Node) {
        if self.arena.is_empty() {
            self.arena.push((String::new(), Vec::new()));
        }
        let mut at = 0;
        let mut key = String::new();
        let parts: Vec<&str> = if nested {
            path.split('/').collect()
        } else {
            vec![path]
        };
        for part in parts
            .into_iter()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .take(MAX_DEPTH)
        {
            key.push('/');
            key.push_str(part);
            at = match self.index.get(&key) {
                Some(&found) => found,
                None => {
                    let new = self.arena.len();
                    self.arena.push((part.to_owned(), Vec::new()));
                    if let Some((_, entries)) = self.arena.get_mut(at) {
                        entries.push(Entry::Folder(new));
                    }
                    self.index.insert(key.clone(), new);
                    new
                }
            };
        }
        if let Some((_, entries)) = self.arena.get_mut(at) {
            entries.push(Entry::Item(Box::new(node)));
        }
    }

    pub(crate) fn into_roots(mut self) -> Vec<Node> {
        self.take(0)
    }

    fn take(&mut self, at: usize) -> Vec<Node> {
        let entries = self
            .arena
            .get_mut(at)
            .map(|(_, e)| std::mem::take(e))
            .unwrap_or_default();
        entries
            .into_iter()
            .map(|e| match e {
                Entry::Item(node) => *node,
                Entry::Folder(i) => {
                    let title = self
                        .arena
                        .get(i)
                        .map(|(t, _)| t.clone())
                        .unwrap_or_default();
                    Node::collection(title, self.take(i))
                }
            })
            .collect()
    }
}
