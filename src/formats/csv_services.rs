//! CSV exports of read-later and bookmark services, read by their header: Pocket
//! (`title,url,time_added[,cursor],tags,status`, tags `|`-separated), Raindrop
//! (`id,title,note,excerpt,url,folder,tags,created,...`, `folder` a `/` path, tags a comma
//! list), and any other CSV with a `url` column (Instapaper: `URL,Title,Selection,Folder,
//! Timestamp,Tags`). A `folder` column builds nested collections, in order of first use.
//!
//! A row that cannot be read or has no URL is skipped with its row number.

use std::collections::HashMap;

use super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip, parse_date, split_tags};
use super::tree::{ImportedTree, Node, Skipped};
use crate::error::Result;

/// The columns this reader knows, by position in the file.
#[derive(Default)]
struct Columns {
    url: Option<usize>,
    title: Option<usize>,
    notes: Vec<usize>,
    tags: Option<usize>,
    folder: Option<usize>,
    time: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Columns {
        let mut c = Columns::default();
        for (i, name) in header.iter().enumerate() {
            match name
                .trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
                .as_str()
            {
                "url" | "href" | "link" => c.url = c.url.or(Some(i)),
                "title" | "name" => c.title = c.title.or(Some(i)),
                "note" | "excerpt" | "description" | "selection" | "extended" | "highlights" => {
                    c.notes.push(i);
                }
                "tags" => c.tags = Some(i),
                "folder" | "collection" => c.folder = Some(i),
                "time_added" | "created" | "timestamp" | "date" | "created_at" => {
                    c.time = c.time.or(Some(i));
                }
                _ => {}
            }
        }
        c
    }
}

/// Reads a bookmarks CSV.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when its header has no URL column.
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| bad_file(name, format!("its header row cannot be read: {e}")))?
        .clone();
    let cols = Columns::from_header(&header);
    let Some(url_col) = cols.url else {
        return Err(bad_file(
            name,
            "it is CSV without a url column: not a bookmarks export",
        ));
    };
    let pipe_tags = header.iter().any(|h| h == "time_added"); // Pocket
    let mut folders = Folders::default();
    let mut skipped = Vec::new();
    let total = text.len() as u64;
    for (i, row) in reader.records().enumerate() {
        let location = format!("row {}", i + 2);
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                skipped.push(Skipped {
                    location,
                    what: "a row".to_owned(),
                    reason: format!("it cannot be read as CSV: {e}"),
                });
                continue;
            }
        };
        if i % 4096 == 0 {
            options.tick(row.position().map_or(0, csv::Position::byte), total)?;
        }
        let field = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim();
        let url = field(Some(url_col));
        let title = field(cols.title);
        if url.is_empty() {
            skipped.push(Skipped {
                location,
                what: if title.is_empty() {
                    "a row".to_owned()
                } else {
                    title.to_owned()
                },
                reason: "it has no URL".to_owned(),
            });
            continue;
        }
        // Very old Pocket items carry the URL as their title.
        let title = if title == url { "" } else { title };
        let Some(mut link) = link_or_skip(
            title.to_owned(),
            url.to_owned(),
            || location.clone(),
            &mut skipped,
        ) else {
            continue;
        };
        let notes: Vec<&str> = cols
            .notes
            .iter()
            .filter_map(|c| row.get(*c))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        link.note = notes.join("\n\n");
        let tags = field(cols.tags);
        link.tags = if pipe_tags {
            split_tags(tags, '|')
        } else {
            split_tags(tags.trim_start_matches('[').trim_end_matches(']'), ',')
                .into_iter()
                .map(|t| t.trim_matches('"').to_owned())
                .collect()
        };
        link.created_at = parse_date(field(cols.time));
        folders.add(field(cols.folder), link);
    }
    Ok(ImportedTree {
        source: String::new(),
        roots: folders.into_roots(),
        skipped,
    })
}

/// Nested collections made from `a/b/c` folder paths: folders live in an arena while rows
/// arrive, and become nodes at the end.
#[derive(Default)]
struct Folders {
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
    fn add(&mut self, path: &str, node: Node) {
        if self.arena.is_empty() {
            self.arena.push((String::new(), Vec::new()));
        }
        let mut at = 0;
        let mut key = String::new();
        for part in path
            .split('/')
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

    fn into_roots(mut self) -> Vec<Node> {
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
