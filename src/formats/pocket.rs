//! Pocket's export zip (2024 and later): `part_000000.csv`, `part_000001.csv`, ... (10,000
//! rows each, read in order by the CSV reader's Pocket rules) and, in newer zips, an
//! `annotations/` folder of JSON files whose highlights become the note of the link they were
//! made on (`[{"url", "title", "highlights": [{"quote", "created_at"}]}]`).
//!
//! The zip is recognised from its entries, whatever the file is called (Pocket's download is
//! sometimes saved as `.csv`). The CSV alone and the old `ril_export.html` have their own
//! readers (`csv_services`, `html_lists`).

use std::collections::HashMap;

use serde_json::Value;

use super::common::{ReadOptions, bad_file, decode_text, json_text};
use super::csv_services::{self, Folders};
use super::tree::{ImportedTree, Node, NodeKind};
use super::zip::{Archive, base_name};
use crate::error::Result;

/// Whether an entry is one of the CSV parts of a Pocket export.
pub(crate) fn is_part(entry: &str) -> bool {
    let base = base_name(entry);
    base.strip_prefix("part_")
        .and_then(|r| r.strip_suffix(".csv"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_annotations(entry: &str) -> bool {
    entry.contains("annotations/") && entry.ends_with(".json")
}

/// Reads Pocket's export zip.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is damaged, a zip bomb, or holds no CSV part.
pub fn parse_zip(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut archive = Archive::open(bytes, name)?;
    let mut parts: Vec<String> = archive
        .names()
        .iter()
        .filter(|n| is_part(n))
        .cloned()
        .collect();
    if parts.is_empty() {
        return Err(bad_file(
            name,
            "it is a zip archive without part_000000.csv: not a Pocket export",
        ));
    }
    parts.sort_by(|a, b| base_name(a).cmp(base_name(b)));
    let annotation_files: Vec<String> = archive
        .names()
        .iter()
        .filter(|n| is_annotations(n))
        .cloned()
        .collect();
    let mut folders = Folders::default();
    let mut skipped = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        options.tick(i as u64, parts.len() as u64 + 1)?;
        let bytes = archive.read(part)?;
        let text = decode_text(&bytes);
        let entry_name = format!("{} ({part})", archive.file_name());
        let mut part_skipped = Vec::new();
        csv_services::read_into(
            &text,
            &entry_name,
            &ReadOptions::default(),
            &mut folders,
            &mut part_skipped,
        )?;
        for mut s in part_skipped {
            s.location = format!("{part}, {}", s.location);
            skipped.push(s);
        }
    }
    let mut roots = folders.into_roots();
    let mut highlights: HashMap<String, Vec<String>> = HashMap::new();
    for file in &annotation_files {
        let bytes = archive.read(file)?;
        read_highlights(&bytes, &mut highlights);
    }
    if !highlights.is_empty() {
        attach_highlights(&mut roots, &highlights);
    }
    options.tick(1, 1)?;
    Ok(ImportedTree {
        source: "Pocket export".to_owned(),
        roots,
        skipped,
        shared: None,
    })
}

/// Highlights by URL from one annotations file; a file of another shape adds nothing.
fn read_highlights(bytes: &[u8], out: &mut HashMap<String, Vec<String>>) {
    let Ok(Value::Array(items)) = serde_json::from_slice::<Value>(bytes) else {
        return;
    };
    for item in &items {
        let url = json_text(item, "url").trim();
        let Some(Value::Array(marks)) = item.get("highlights") else {
            continue;
        };
        let quotes: Vec<String> = marks
            .iter()
            .map(|m| json_text(m, "quote").trim().to_owned())
            .filter(|q| !q.is_empty())
            .collect();
        if !url.is_empty() && !quotes.is_empty() {
            out.entry(url.to_owned()).or_default().extend(quotes);
        }
    }
}

fn attach_highlights(nodes: &mut [Node], highlights: &HashMap<String, Vec<String>>) {
    for node in nodes {
        match &mut node.kind {
            NodeKind::Collection { children } => attach_highlights(children, highlights),
            NodeKind::Link { url } => {
                if let Some(quotes) = highlights.get(url.trim()) {
                    let text = quotes.join("\n\n");
                    if node.note.is_empty() {
                        node.note = text;
                    } else {
                        node.note = format!("{}\n\n{text}", node.note);
                    }
                }
            }
            _ => {}
        }
    }
}
