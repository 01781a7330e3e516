//! Opera's old hotlist (`bookmarks.adr`, Opera 3 to 12, and Vivaldi's import of it): a text
//! file of records, each a `#URL`, `#FOLDER`, `#SEPERATOR` (sic) or `#NOTE` line followed by
//! tab-indented `KEY=VALUE` lines, a lone `-` closing the current folder.
//!
//! `NAME` is the title, `URL` the address, `CREATED` the date (seconds), `DESCRIPTION` (and a
//! note's `NAME`) the note; separators become sections. The trash folder (`TRASH FOLDER=YES`)
//! holds what the user deleted: it is not imported, and the report says how much was left.

use super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip, unix_text};
use super::tree::{ImportedTree, Node, NodeKind, Skipped};
use crate::error::Result;

/// Whether `text` is an Opera hotlist.
pub(crate) fn looks_like(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("Opera Hotlist version")
}

/// One record being read.
struct Record {
    kind: String,
    fields: Vec<(String, String)>,
    line: usize,
}

impl Record {
    fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map_or("", |(_, v)| v.as_str())
    }
}

/// A folder being filled: its node, and whether it is the trash.
struct Open {
    folder: Node,
    trash: bool,
}

/// Reads an Opera hotlist.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it does not start as a hotlist does.
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    if !looks_like(text) {
        return Err(bad_file(
            name,
            "it does not start with \"Opera Hotlist version\"",
        ));
    }
    let mut stack = vec![Open {
        folder: Node::collection("", Vec::new()),
        trash: false,
    }];
    let mut skipped = Vec::new();
    let mut record: Option<Record> = None;
    let mut trashed = 0usize;
    for (i, raw) in text.lines().enumerate() {
        if i % 65_536 == 0 {
            options.tick(i as u64, text.len() as u64 / 30 + 1)?;
        }
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if let Some(kind) = trimmed.strip_prefix('#') {
            if let Some(r) = record.take() {
                place(&r, &mut stack, &mut skipped);
            }
            record = Some(Record {
                kind: kind.trim().to_ascii_uppercase(),
                fields: Vec::new(),
                line: i + 1,
            });
        } else if trimmed == "-" {
            if let Some(r) = record.take() {
                place(&r, &mut stack, &mut skipped);
            }
            close(&mut stack, &mut trashed);
        } else if let (Some(r), Some((key, value))) = (record.as_mut(), trimmed.split_once('=')) {
            r.fields.push((key.trim().to_owned(), value.to_owned()));
        }
    }
    if let Some(r) = record.take() {
        place(&r, &mut stack, &mut skipped);
    }
    while stack.len() > 1 {
        close(&mut stack, &mut trashed);
    }
    if trashed > 0 {
        skipped.push(Skipped {
            location: "the trash folder".to_owned(),
            what: format!("{trashed} entries in Opera's trash"),
            reason: "they were deleted in Opera".to_owned(),
        });
    }
    let roots = stack
        .pop()
        .map(|o| match o.folder.kind {
            NodeKind::Collection { children } => children,
            _ => Vec::new(),
        })
        .unwrap_or_default();
    Ok(ImportedTree {
        source: "Opera hotlist".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

fn push(stack: &mut [Open], node: Node) {
    let at = stack.len().min(MAX_DEPTH).saturating_sub(1);
    if let Some(Open {
        folder: Node {
            kind: NodeKind::Collection { children },
            ..
        },
        ..
    }) = stack.get_mut(at)
    {
        children.push(node);
    }
}

fn close(stack: &mut Vec<Open>, trashed: &mut usize) {
    if stack.len() <= 1 {
        return;
    }
    if let Some(open) = stack.pop() {
        if open.trash {
            *trashed += open.folder.count().links + open.folder.count().notes;
        } else {
            push(stack, open.folder);
        }
    }
}

fn place(r: &Record, stack: &mut Vec<Open>, skipped: &mut Vec<Skipped>) {
    let created = unix_text(r.get("CREATED"));
    let location = format!("line {}", r.line);
    match r.kind.as_str() {
        "FOLDER" => {
            let mut folder = Node::collection(r.get("NAME").trim(), Vec::new());
            folder.created_at = created;
            folder.note = r.get("DESCRIPTION").trim().to_owned();
            let trash = r.get("TRASH FOLDER").eq_ignore_ascii_case("yes");
            stack.push(Open { folder, trash });
        }
        "URL" => {
            let url = r.get("URL").trim();
            if url.is_empty() {
                skipped.push(Skipped::entry(
                    &location,
                    r.get("NAME").to_owned(),
                    "it has no URL".to_owned(),
                ));
                return;
            }
            if let Some(mut link) = link_or_skip(
                r.get("NAME").trim().to_owned(),
                url.to_owned(),
                || location,
                skipped,
            ) {
                link.created_at = created;
                link.note = r.get("DESCRIPTION").trim().to_owned();
                push(stack, link);
            }
        }
        "NOTE" => {
            let text = r.get("NAME").replace("\u{2}\u{2}", "\n");
            let mut note = Node {
                kind: NodeKind::Note,
                note: text.trim().to_owned(),
                ..Node::default()
            };
            note.created_at = created;
            push(stack, note);
        }
        "SEPERATOR" | "SEPARATOR" => push(
            stack,
            Node {
                kind: NodeKind::Section,
                ..Node::default()
            },
        ),
        other => skipped.push(Skipped::entry(
            &location,
            r.get("NAME").to_owned(),
            format!("its record type #{other} is not a link, folder, note or separator"),
        )),
    }
}
