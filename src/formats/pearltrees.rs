//! The Pearltrees RDF/XML export: trees (collections), page pearls (links), ref pearls (a
//! sub-collection in place), alias pearls (a pointer to a tree elsewhere), section pearls and
//! notes, in their `posOrder` (or older `leftPos`) order.
//!
//! Pearls sit outside their trees and name them only by `pt:parentTree`, so the file is read
//! in one streaming pass into small records, and the tree is built in a second pass. Both the
//! 2010 vocabulary (`dc:`, `owl:sameAs`, namespace without `#`) and the current one
//! (`dcterms:` bound to DC elements, `dcterms:identifier`) are read.
//!
//! A ref pearl whose tree is not in the file (the export silently stops at about 24 MB) is
//! skipped and reported. An alias of a tree that is not in the file (another user's tree)
//! becomes a link to that tree's page. A note with a `pt:parentPearl` becomes that pearl's note.

use std::collections::{HashMap, HashSet};

use super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip, parse_date};
use super::tree::{ImportedTree, Node, NodeKind, Skipped};
use super::xml::{Item, attr_local, for_each, local};
use crate::error::Result;

/// What kind of record an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tree,
    Page,
    Ref,
    Alias,
    Section,
    Root,
    Note,
}

fn kind_of(local_name: &str) -> Option<Kind> {
    Some(match local_name {
        "Tree" => Kind::Tree,
        "PagePearl" => Kind::Page,
        "RefPearl" => Kind::Ref,
        "AliasPearl" => Kind::Alias,
        "SectionPearl" => Kind::Section,
        "RootPearl" => Kind::Root,
        "Note" => Kind::Note,
        _ => return None,
    })
}

/// One element of the export, as read.
#[derive(Debug)]
struct Record {
    kind: Kind,
    line: usize,
    about: String,
    title: String,
    url: String,
    parent_tree: String,
    parent_pearl: String,
    see_also: String,
    note: String,
    order: Option<f64>,
    date: String,
    tree_id: String,
}

impl Record {
    fn new(kind: Kind, line: usize, about: String) -> Record {
        Record {
            kind,
            line,
            about,
            title: String::new(),
            url: String::new(),
            parent_tree: String::new(),
            parent_pearl: String::new(),
            see_also: String::new(),
            note: String::new(),
            order: None,
            date: String::new(),
            tree_id: String::new(),
        }
    }
}

/// The key of a tree from any URI that names it or one of its pearls: `id123` when the URI
/// has one, else the URI without fragment and query.
fn tree_key(uri: &str) -> String {
    let base = uri.split(['#', '?']).next().unwrap_or(uri).trim();
    let last = base
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(base);
    if last.len() > 2 && last.starts_with("id") && last[2..].bytes().all(|b| b.is_ascii_digit()) {
        return last.to_owned();
    }
    base.to_owned()
}

/// Reads a Pearltrees RDF export.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is malformed XML, cut short, or holds no tree.
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let records = read_records(text, name, options)?;
    if !records.iter().any(|r| r.kind == Kind::Tree) {
        return Err(bad_file(
            name,
            "it is RDF without any pt:Tree: not a Pearltrees export",
        ));
    }
    Ok(build(&records))
}

fn read_records(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    let mut current: Option<Record> = None;
    // The property element being read inside the current record, and its depth.
    let mut property = String::new();
    let mut depth = 0usize;
    let mut record_depth = 0usize;
    let mut text_buf = String::new();
    let mut closed_root = false;
    let mut opened_root = false;
    for_each(text, name, options, |item, line| {
        match item {
            Item::Start { name: tag, attrs } => {
                depth += 1;
                if depth == 1 {
                    opened_root = true;
                }
                if current.is_none() {
                    if let Some(kind) = kind_of(local(&tag)) {
                        let about = attr_local(&attrs, "about").unwrap_or("").to_owned();
                        current = Some(Record::new(kind, line, about));
                        record_depth = depth;
                    }
                } else if depth == record_depth + 1 {
                    property = local(&tag).to_owned();
                    text_buf.clear();
                    if let (Some(record), Some(resource)) =
                        (current.as_mut(), attr_local(&attrs, "resource"))
                    {
                        set_resource(record, &property, resource);
                    }
                }
            }
            Item::Text(t) => {
                if current.is_some() && depth == record_depth + 1 {
                    text_buf.push_str(&t);
                }
            }
            Item::End { .. } => {
                if let Some(record) = current.as_mut() {
                    if depth == record_depth + 1 {
                        set_text(record, &property, text_buf.trim());
                        property.clear();
                    } else if depth == record_depth
                        && let Some(done) = current.take()
                    {
                        records.push(done);
                    }
                }
                if depth == 1 {
                    closed_root = true;
                }
                depth = depth.saturating_sub(1);
            }
        }
        Ok(())
    })?;
    if opened_root && !closed_root {
        return Err(bad_file(
            name,
            "the file is cut short: its root element is not closed",
        ));
    }
    Ok(records)
}

fn set_resource(record: &mut Record, property: &str, resource: &str) {
    match property {
        "parentTree" => record.parent_tree = resource.to_owned(),
        "parentPearl" => record.parent_pearl = resource.to_owned(),
        "seeAlso" | "sameAs" if record.kind != Kind::Page => record.see_also = resource.to_owned(),
        "sameAs" | "identifier" => record.url = resource.to_owned(),
        _ => {}
    }
}

fn set_text(record: &mut Record, property: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    match property {
        "title" => record.title = text.to_owned(),
        "identifier" | "sameAs" if record.kind == Kind::Page => record.url = text.to_owned(),
        "parentTree" if record.parent_tree.is_empty() => record.parent_tree = text.to_owned(),
        "parentPearl" if record.parent_pearl.is_empty() => record.parent_pearl = text.to_owned(),
        "seeAlso" if record.see_also.is_empty() => record.see_also = text.to_owned(),
        "noteText" | "description" => record.note = text.to_owned(),
        "posOrder" | "leftPos" => record.order = text.parse().ok(),
        "inTreeSinceDate" | "lastUpdate" if record.date.is_empty() => record.date = text.to_owned(),
        "treeId" => record.tree_id = text.to_owned(),
        _ => {}
    }
}

struct Builder<'r> {
    trees: HashMap<String, &'r Record>,
    pearls_of: HashMap<String, Vec<&'r Record>>,
    notes_of: HashMap<&'r str, Vec<&'r Record>>,
    placed: HashSet<String>,
    skipped: Vec<Skipped>,
}

fn build(records: &[Record]) -> ImportedTree {
    let mut trees: HashMap<String, &Record> = HashMap::new();
    let mut tree_order: Vec<String> = Vec::new();
    let mut pearls_of: HashMap<String, Vec<&Record>> = HashMap::new();
    let mut notes_of: HashMap<&str, Vec<&Record>> = HashMap::new();
    for r in records {
        match r.kind {
            Kind::Tree => {
                let key = if r.about.is_empty() {
                    format!("id{}", r.tree_id)
                } else {
                    tree_key(&r.about)
                };
                if trees.insert(key.clone(), r).is_none() {
                    tree_order.push(key);
                }
            }
            Kind::Note if !r.parent_pearl.is_empty() => {
                notes_of.entry(r.parent_pearl.as_str()).or_default().push(r);
            }
            Kind::Root => {}
            _ => pearls_of
                .entry(tree_key(&r.parent_tree))
                .or_default()
                .push(r),
        }
    }
    for list in pearls_of.values_mut() {
        // Stable: pearls without an order keep the file's order, after the ordered ones.
        list.sort_by(|a, b| match (a.order, b.order) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    // A tree that a ref pearl places is not a top-level tree.
    let referenced: HashSet<String> = records
        .iter()
        .filter(|r| r.kind == Kind::Ref && !r.see_also.is_empty())
        .map(|r| tree_key(&r.see_also))
        .filter(|k| trees.contains_key(k))
        .collect();
    let mut b = Builder {
        trees,
        pearls_of,
        notes_of,
        placed: HashSet::new(),
        skipped: Vec::new(),
    };
    let mut roots = Vec::new();
    for key in &tree_order {
        if !referenced.contains(key)
            && let Some(node) = b.tree(key, 0)
        {
            roots.push(node);
        }
    }
    // Trees only reachable through a cycle of refs: keep them at the top.
    for key in &tree_order {
        if !b.placed.contains(key)
            && let Some(node) = b.tree(key, 0)
        {
            roots.push(node);
        }
    }
    ImportedTree {
        source: String::new(),
        roots,
        skipped: b.skipped,
        shared: None,
    }
}

impl<'r> Builder<'r> {
    fn tree(&mut self, key: &str, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH || !self.placed.insert(key.to_owned()) {
            return None;
        }
        let record = *self.trees.get(key)?;
        let pearls = self.pearls_of.remove(key).unwrap_or_default();
        let mut children = Vec::with_capacity(pearls.len());
        for pearl in pearls {
            if let Some(node) = self.pearl(pearl, depth) {
                children.push(node);
            }
        }
        let mut node = Node::collection(record.title.clone(), children);
        node.key = Some(key.to_owned());
        node.modified_at = parse_date(&record.date);
        Some(node)
    }

    fn pearl(&mut self, r: &'r Record, depth: usize) -> Option<Node> {
        let location = format!("line {}", r.line);
        let mut node = match r.kind {
            Kind::Page => {
                if r.url.is_empty() {
                    self.skip(location, &r.title, "it is a page pearl without a URL");
                    return None;
                }
                link_or_skip(
                    r.title.clone(),
                    r.url.clone(),
                    || location.clone(),
                    &mut self.skipped,
                )?
            }
            Kind::Section => Node {
                kind: NodeKind::Section,
                title: r.title.clone(),
                ..Node::default()
            },
            Kind::Note => Node {
                kind: NodeKind::Note,
                note: if r.note.is_empty() {
                    r.title.clone()
                } else {
                    r.note.clone()
                },
                ..Node::default()
            },
            Kind::Ref => {
                let key = tree_key(&r.see_also);
                if let Some(mut sub) = self.tree(&key, depth + 1) {
                    if sub.title.is_empty() {
                        sub.title = r.title.clone();
                    }
                    sub
                } else if self.trees.contains_key(&key) {
                    // Already placed elsewhere: point at it instead.
                    Node {
                        kind: NodeKind::Alias { target_key: key },
                        title: r.title.clone(),
                        ..Node::default()
                    }
                } else {
                    self.skip(
                        location,
                        &r.title,
                        "its collection is not in this export (Pearltrees exports stop at about \
                         24 MB; export that collection on its own)",
                    );
                    return None;
                }
            }
            Kind::Alias => {
                let key = tree_key(&r.see_also);
                if self.trees.contains_key(&key) {
                    Node {
                        kind: NodeKind::Alias { target_key: key },
                        title: r.title.clone(),
                        ..Node::default()
                    }
                } else if !r.see_also.is_empty() {
                    Node::link(r.title.clone(), r.see_also.clone())
                } else {
                    self.skip(location, &r.title, "it is an alias without a target");
                    return None;
                }
            }
            Kind::Tree | Kind::Root => return None,
        };
        node.created_at = parse_date(&r.date);
        if let Some(notes) = self.notes_of.get(r.about.as_str()) {
            let text: Vec<&str> = notes.iter().map(|n| n.note.as_str()).collect();
            let text = text.join("\n");
            if node.note.is_empty() {
                node.note = text;
            } else {
                node.note = format!("{}\n{text}", node.note);
            }
        }
        Some(node)
    }

    fn skip(&mut self, location: String, title: &str, reason: &str) {
        self.skipped.push(Skipped {
            location,
            what: if title.is_empty() {
                "a pearl".to_owned()
            } else {
                title.to_owned()
            },
            reason: reason.to_owned(),
        });
    }
}
