//! The links' URLs of a tree being imported, parsed and normalised on a second thread while the
//! importer inserts rows on the first: parsing 100,000 URLs took 0.17 s of a page's import,
//! time the second core otherwise spent idle.
//!
//! The feed walks the tree in the order the importer reaches its links (a stack of collections,
//! each one's nodes in order, see `import::Inserter::insert_levels`) and sends each link's parsed
//! URL with the address of its node. The importer takes the next one and checks it is its node's;
//! were the two ever out of step, or the feed gone, the importer parses the URL itself, so the
//! result never depends on the feed.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::Scope;

use crate::error::Result;
use crate::formats::tree::{Node, NodeKind};
use crate::model::LinkUrl;

/// A link's node (by address) and its URL, parsed.
type Parsed = (usize, Result<LinkUrl>);

/// How many parsed URLs travel together, and how many such batches may wait.
const BATCH: usize = 512;
const BATCHES_AHEAD: usize = 16;

/// The importer's end of the feed.
pub(super) struct ParsedUrls {
    from_feed: Option<Receiver<Vec<Parsed>>>,
    batch: std::vec::IntoIter<Parsed>,
}

impl ParsedUrls {
    /// Starts parsing the URLs of the links under `roots` on a thread of `scope`, which ends
    /// with the scope (or sooner, once this end is dropped).
    pub(super) fn start<'scope, 'tree: 'scope>(
        scope: &'scope Scope<'scope, '_>,
        roots: &'tree [Node],
    ) -> ParsedUrls {
        let (to_importer, from_feed) = sync_channel(BATCHES_AHEAD);
        let started = std::thread::Builder::new()
            .name("nacre-import-urls".to_owned())
            .spawn_scoped(scope, move || feed(roots, &to_importer));
        ParsedUrls {
            from_feed: started.is_ok().then_some(from_feed),
            batch: Vec::new().into_iter(),
        }
    }

    /// No feed: every URL is parsed when its link is inserted.
    pub(super) fn none() -> ParsedUrls {
        ParsedUrls {
            from_feed: None,
            batch: Vec::new().into_iter(),
        }
    }

    /// `url`, the URL of the link `node`, parsed: from the feed when it is in step, else here.
    pub(super) fn parse(&mut self, node: &Node, url: &str) -> Result<LinkUrl> {
        while let Some(from_feed) = &self.from_feed {
            if let Some((address, parsed)) = self.batch.next() {
                if address == std::ptr::from_ref(node) as usize {
                    return parsed;
                }
                break;
            }
            match from_feed.recv() {
                Ok(batch) => self.batch = batch.into_iter(),
                Err(_) => break,
            }
        }
        self.from_feed = None;
        LinkUrl::parse(url)
    }
}

/// Parses the links' URLs in the importer's order and sends them in batches; stops when the
/// importer's end is gone.
fn feed(roots: &[Node], to_importer: &SyncSender<Vec<Parsed>>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut stack = vec![roots];
    while let Some(nodes) = stack.pop() {
        for node in nodes {
            match &node.kind {
                NodeKind::Collection { children } => stack.push(children),
                NodeKind::Link { url } => {
                    batch.push((std::ptr::from_ref(node) as usize, LinkUrl::parse(url)));
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if to_importer.send(full).is_err() {
                            return;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if !batch.is_empty() {
        let _ = to_importer.send(batch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two levels of collections with links between them, and one URL that is not one.
    fn tree() -> Vec<Node> {
        let links = |prefix: &str, n: usize| -> Vec<Node> {
            (0..n)
                .map(|i| {
                    Node::link(
                        format!("{prefix} {i}"),
                        format!("https://{prefix}.example/{i}"),
                    )
                })
                .collect()
        };
        let mut inner = links("inner", 700);
        inner.push(Node::link("broken", "not a url"));
        let mut middle = links("middle", 3);
        middle.insert(1, Node::collection("Inner", inner));
        let mut top = links("top", 600);
        top.push(Node::collection("Middle", middle));
        top.push(Node::collection("Empty", Vec::new()));
        top
    }

    #[test]
    fn the_feed_stays_in_step_with_the_importers_order_and_parses_as_the_importer_would() {
        let roots = tree();
        std::thread::scope(|scope| {
            let mut urls = ParsedUrls::start(scope, &roots);
            // The importer's order: a stack of collections, each one's nodes in order.
            let mut stack = vec![roots.as_slice()];
            let mut links = 0;
            while let Some(nodes) = stack.pop() {
                for node in nodes {
                    match &node.kind {
                        NodeKind::Collection { children } => stack.push(children),
                        NodeKind::Link { url } => {
                            links += 1;
                            let parsed = urls.parse(node, url).map_err(|e| e.to_string());
                            let here = LinkUrl::parse(url).map_err(|e| e.to_string());
                            assert_eq!(parsed, here, "{url}");
                        }
                        _ => {}
                    }
                }
            }
            assert_eq!(links, 1304);
            assert!(urls.from_feed.is_some(), "every URL came from the feed");
        });
    }

    #[test]
    fn asked_out_of_order_it_parses_each_url_itself() {
        let roots = tree();
        std::thread::scope(|scope| {
            let mut urls = ParsedUrls::start(scope, &roots);
            for node in roots.iter().rev() {
                if let NodeKind::Link { url } = &node.kind {
                    assert_eq!(urls.parse(node, url).unwrap().as_str(), url);
                }
            }
            assert!(
                urls.from_feed.is_none(),
                "the feed was left once out of step"
            );
        });
    }
}
