//! CSV exports of read-later and bookmark services, told apart by their header (or, for
//! Diigo's header-less file, by its first row) and read each by its own rules in `services`:
//! Pocket, Raindrop (Export and Backup), Instapaper, Diigo, Matter, Readwise Reader, and any
//! other CSV with a `url` column. Folder columns become collections (`folders`), reading
//! states become the shared state tags, highlights and notes the link's note.
//!
//! A row that cannot be read or has no URL is skipped with its row number; the rest is read.

mod folders;
mod services;

pub(crate) use folders::Folders;
pub(crate) use services::Service;

use super::common::{ReadOptions, bad_file};
use super::tree::{ImportedTree, Skipped};
use crate::error::Result;
use services::Columns;

/// Reads a bookmarks CSV of any service Nacre knows.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it has no URL column; [`crate::Error::Cancelled`].
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut folders = Folders::default();
    let mut skipped = Vec::new();
    let service = read_into(text, name, options, &mut folders, &mut skipped)?;
    Ok(ImportedTree {
        source: service.label().to_owned(),
        roots: folders.into_roots(),
        skipped,
        shared: None,
    })
}

/// Reads the CSV `text` into `folders`, its skipped rows into `skipped` (named `part` when a
/// zip holds several CSVs), and says which service wrote it.
///
/// # Errors
/// As [`parse`].
pub(crate) fn read_into(
    text: &str,
    name: &str,
    options: &ReadOptions<'_>,
    folders: &mut Folders,
    skipped: &mut Vec<Skipped>,
) -> Result<Service> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let first = match records.next() {
        Some(Ok(first)) => first,
        Some(Err(e)) => {
            return Err(bad_file(
                name,
                format!("its header row cannot be read as CSV: {e}"),
            ));
        }
        None => return Err(bad_file(name, "it is an empty CSV file")),
    };
    let (service, columns, first_data) = match Service::of_header(&first) {
        Some(service) => (service, Columns::from_header(&first), None),
        None if Service::is_diigo_row(&first) => (Service::Diigo, Columns::diigo(), Some(first)),
        None => {
            return Err(bad_file(
                name,
                "it is CSV without a url column: not a bookmarks export",
            ));
        }
    };
    let total = text.len() as u64;
    let data_row_one = if first_data.is_some() { 1 } else { 2 };
    let rows = first_data.into_iter().map(Ok).chain(records);
    for (i, row) in rows.enumerate() {
        let location = format!("row {}", i + data_row_one);
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
        match service.read_row(&columns, &row, &location, skipped) {
            Some(read) => folders.add(&read.folder, service.nests_folders(), read.node),
            None => continue,
        }
    }
    Ok(service)
}

/// Reads a zip archive of CSV exports (Diigo's `<id>_csv_<date>.csv` zip, Matter's
/// `Archive.zip` with `_matter_history.csv` beside its content files): Matter's history file
/// when there is one, else every CSV entry, in name order.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when the zip is damaged, a zip bomb, holds no CSV, or a
/// CSV in it has no URL column.
pub fn parse_zip(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut archive = super::zip::Archive::open(bytes, name)?;
    let mut entries = csv_entries(archive.names());
    if entries.is_empty() {
        return Err(bad_file(
            name,
            "it is a zip archive without a CSV file in it: not a bookmarks export",
        ));
    }
    entries.sort();
    let mut folders = Folders::default();
    let mut skipped = Vec::new();
    let mut service = Service::Generic;
    for (i, entry) in entries.iter().enumerate() {
        options.tick(i as u64, entries.len() as u64)?;
        let bytes = archive.read(entry)?;
        let text = super::common::decode_text(&bytes);
        let label = format!("{name} ({entry})");
        let mut entry_skipped = Vec::new();
        service = read_into(
            &text,
            &label,
            &ReadOptions::default(),
            &mut folders,
            &mut entry_skipped,
        )?;
        skipped.extend(entry_skipped.into_iter().map(|mut s| {
            s.location = format!("{entry}, {}", s.location);
            s
        }));
    }
    Ok(ImportedTree {
        source: service.label().to_owned(),
        roots: folders.into_roots(),
        skipped,
        shared: None,
    })
}

/// The CSV entries worth reading: Matter's history alone when it is there.
pub(crate) fn csv_entries(names: &[String]) -> Vec<String> {
    let base = |n: &str| super::zip::base_name(n).to_ascii_lowercase();
    if let Some(history) = names.iter().find(|n| base(n) == "_matter_history.csv") {
        return vec![history.clone()];
    }
    names
        .iter()
        .filter(|n| base(n).ends_with(".csv"))
        .cloned()
        .collect()
}
