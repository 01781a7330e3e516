//! Firefox's own files: JSON backups (`.json`, and the automatic `.jsonlz4` in
//! `bookmarkbackups/`) and the live `places.sqlite`.
//!
//! The menu, toolbar, other ("unfiled") and mobile roots become named collections; the tags root
//! is not a collection, its folders become the bookmarks' tags. Separators become sections,
//! `place:` queries are skipped, descriptions (the `bookmarkProperties/description` annotation)
//! become notes. Dates are PRTime (microseconds since 1970).
//!
//! `places.sqlite` is copied (with its `-wal`) to a temporary folder and read there, so it can
//! be read while Firefox runs and holds its lock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde_json::Value;

use super::common::{
    MAX_DEPTH, ReadOptions, bad_file, icon_from, json_text, link_or_skip, prtime, split_tags,
};
use super::tree::{ImportedTree, Node, NodeKind, Skipped};
use crate::error::{Error, Result};

/// The magic at the start of a `.jsonlz4` file.
pub(crate) const MOZLZ4_MAGIC: &[u8] = b"mozLz40\0";

/// The name of a Firefox root, by its `root` word (JSON) or guid (database).
fn root_title(root: &str) -> Option<&'static str> {
    Some(match root {
        "bookmarksMenuFolder" | "menu________" => "Bookmarks menu",
        "toolbarFolder" | "toolbar_____" => "Bookmarks toolbar",
        "unfiledBookmarksFolder" | "unfiled_____" => "Other bookmarks",
        "mobileFolder" | "mobile______" => "Mobile bookmarks",
        _ => return None,
    })
}

/// Reads a `.jsonlz4` backup: the magic, a little-endian size, then one LZ4 block of JSON.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when the block does not decompress or the JSON inside is
/// not a Firefox backup.
pub fn parse_jsonlz4(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let body = bytes.get(MOZLZ4_MAGIC.len()..).unwrap_or_default();
    let size_bytes: [u8; 4] = body
        .get(..4)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| bad_file(name, "the file is cut short after its mozLz4 header"))?;
    let size = u32::from_le_bytes(size_bytes) as usize;
    // A hostile size must not make us allocate gigabytes: LZ4 expands at most 255 times.
    if size > body.len().saturating_mul(255).saturating_add(16) {
        return Err(bad_file(
            name,
            format!("its header claims {size} bytes, more than its data can hold: it is damaged"),
        ));
    }
    let json = lz4_flex::block::decompress_size_prepended(body).map_err(|e| {
        bad_file(
            name,
            format!("its compressed data is damaged or cut short: {e}"),
        )
    })?;
    parse_json(&json, name, options)
}

/// Reads a Firefox JSON backup.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is not JSON (or is cut short) or has no tree.
pub fn parse_json(bytes: &[u8], name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| bad_file(name, format!("it is not valid JSON: {e}")))?;
    options.tick(bytes.len() as u64 / 2, bytes.len() as u64)?;
    if doc.get("children").is_none() {
        return Err(bad_file(
            name,
            "it is JSON but has no \"children\": it is not a Firefox bookmarks backup",
        ));
    }
    let mut reader = JsonReader::default();
    let mut roots = Vec::new();
    if doc.get("root").and_then(Value::as_str) == Some("placesRoot") || doc.get("root").is_none() {
        // The places root itself is not a collection: its children are the browser's roots.
        if let Some(Value::Array(children)) = doc.get("children") {
            for (i, child) in children.iter().enumerate() {
                if let Some(node) = reader.node(child, &format!("children[{i}]")) {
                    roots.push(node);
                }
            }
        }
    } else if let Some(node) = reader.node(&doc, "") {
        roots.push(node);
    }
    options.tick(bytes.len() as u64, bytes.len() as u64)?;
    Ok(ImportedTree {
        source: String::new(),
        roots,
        skipped: reader.skipped,
    })
}

#[derive(Default)]
struct JsonReader {
    skipped: Vec<Skipped>,
}

fn number(value: &Value, key: &str) -> Option<i64> {
    value.get(key).and_then(Value::as_i64)
}

fn description(value: &Value) -> String {
    let Some(Value::Array(annos)) = value.get("annos") else {
        return String::new();
    };
    annos
        .iter()
        .find(|a| json_text(a, "name") == "bookmarkProperties/description")
        .map(|a| json_text(a, "value").to_owned())
        .unwrap_or_default()
}

impl JsonReader {
    fn node(&mut self, value: &Value, path: &str) -> Option<Node> {
        let title = json_text(value, "title").to_owned();
        let root = json_text(value, "root");
        if root == "tagsFolder" || value.get("guid").and_then(Value::as_str) == Some("tags________")
        {
            return None; // tags are carried on each bookmark
        }
        let type_code = number(value, "typeCode").or_else(|| match json_text(value, "type") {
            "text/x-moz-place" => Some(1),
            "text/x-moz-place-container" => Some(2),
            "text/x-moz-place-separator" => Some(3),
            "" if value.get("uri").is_some() => Some(1),
            "" if value.get("children").is_some() => Some(2),
            _ => None,
        });
        let mut node = match type_code {
            Some(1) => {
                let Some(url) = value.get("uri").and_then(Value::as_str) else {
                    return self.skip(path, title, "it is a bookmark without a URI");
                };
                let mut link =
                    link_or_skip(title, url.to_owned(), || path.to_owned(), &mut self.skipped)?;
                link.tags = split_tags(json_text(value, "tags"), ',');
                link.icon = icon_from(json_text(value, "icon"))
                    .or_else(|| icon_from(json_text(value, "iconUri")))
                    .or_else(|| icon_from(json_text(value, "iconuri")));
                link
            }
            Some(2) => {
                let mut children = Vec::new();
                if let Some(Value::Array(items)) = value.get("children") {
                    for (i, child) in items.iter().enumerate() {
                        if let Some(n) = self.node(child, &format!("{path}.children[{i}]")) {
                            children.push(n);
                        }
                    }
                }
                let name = root_title(root).map_or(title, str::to_owned);
                Node::collection(name, children)
            }
            Some(3) => Node {
                kind: NodeKind::Section,
                ..Node::default()
            },
            _ => {
                let kind = json_text(value, "type").to_owned();
                return self.skip(
                    path,
                    title,
                    &format!("its type {kind:?} is not a bookmark, folder or separator"),
                );
            }
        };
        node.note = description(value);
        node.created_at = number(value, "dateAdded").and_then(prtime);
        node.modified_at = number(value, "lastModified").and_then(prtime);
        Some(node)
    }

    fn skip(&mut self, path: &str, title: String, reason: &str) -> Option<Node> {
        self.skipped
            .push(Skipped::entry(path, title, reason.to_owned()));
        None
    }
}

/// A temporary copy of a database and its write-ahead log, removed when dropped.
struct TempCopy {
    dir: PathBuf,
    db: PathBuf,
}

impl Drop for TempCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn temp_dir() -> Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("nacre-import-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

fn copy_database(path: &Path) -> Result<TempCopy> {
    let dir = temp_dir()?;
    let db = dir.join("places.sqlite");
    let copy = TempCopy {
        dir,
        db: db.clone(),
    };
    std::fs::copy(path, &db).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    if wal.exists() {
        std::fs::copy(&wal, copy.dir.join("places.sqlite-wal")).map_err(|source| Error::Io {
            path: wal.clone(),
            source,
        })?;
    }
    Ok(copy)
}

/// Reads the bytes of a `places.sqlite` (written to a temporary file first).
///
/// # Errors
/// As [`parse_places_file`].
pub fn parse_places_bytes(
    bytes: &[u8],
    name: &str,
    options: &ReadOptions<'_>,
) -> Result<ImportedTree> {
    let dir = temp_dir()?;
    let db = dir.join("places.sqlite");
    let copy = TempCopy {
        dir,
        db: db.clone(),
    };
    std::fs::write(&db, bytes).map_err(|source| Error::Io {
        path: db.clone(),
        source,
    })?;
    read_places(&copy.db, name, options)
}

/// Reads Firefox's `places.sqlite`, even while Firefox has it open.
///
/// # Errors
/// [`crate::Error::Io`] when it cannot be copied; [`crate::Error::BadBookmarkFile`] when it is
/// not a Firefox places database or is damaged.
pub fn parse_places_file(path: &Path, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let copy = copy_database(path)?;
    read_places(&copy.db, &path.display().to_string(), options)
}

/// One row of `moz_bookmarks` with its place.
struct Row {
    id: i64,
    kind: i64,
    fk: Option<i64>,
    parent: i64,
    title: String,
    url: Option<String>,
    added: Option<i64>,
    modified: Option<i64>,
    guid: String,
}

fn read_places(db: &Path, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let bad = |e: rusqlite::Error| {
        bad_file(
            name,
            format!("it is not a readable Firefox places database: {e}"),
        )
    };
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(bad)?;
    let has_table = |t: &str| -> Result<bool> {
        Ok(conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t],
                |_| Ok(()),
            )
            .optional()
            .map_err(bad)?
            .is_some())
    };
    if !has_table("moz_bookmarks")? || !has_table("moz_places")? {
        return Err(bad_file(
            name,
            "it is an SQLite database without moz_bookmarks and moz_places: not Firefox's places.sqlite",
        ));
    }
    let mut stmt = conn
        .prepare(
            "SELECT b.id, b.type, b.fk, b.parent, b.title, p.url, b.dateAdded, b.lastModified,
                    COALESCE(b.guid, '')
             FROM moz_bookmarks b LEFT JOIN moz_places p ON p.id = b.fk
             ORDER BY b.parent, b.position, b.id",
        )
        .map_err(bad)?;
    let rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                kind: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                fk: r.get(2)?,
                parent: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                title: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                url: r.get(5)?,
                added: r.get(6)?,
                modified: r.get(7)?,
                guid: r.get(8)?,
            })
        })
        .map_err(bad)?
        .collect::<rusqlite::Result<_>>()
        .map_err(bad)?;
    let descriptions = read_descriptions(&conn, has_table("moz_items_annos")?).map_err(bad)?;
    options.tick(1, 2)?;
    Ok(build_places_tree(&rows, &descriptions))
}

fn read_descriptions(conn: &Connection, has_annos: bool) -> rusqlite::Result<HashMap<i64, String>> {
    if !has_annos {
        return Ok(HashMap::new());
    }
    let mut stmt = conn.prepare(
        "SELECT a.item_id, a.content FROM moz_items_annos a
         JOIN moz_anno_attributes n ON n.id = a.anno_attribute_id
         WHERE n.name = 'bookmarkProperties/description'",
    )?;
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        ))
    })?
    .collect()
}

fn build_places_tree(rows: &[Row], descriptions: &HashMap<i64, String>) -> ImportedTree {
    let by_id: HashMap<i64, &Row> = rows.iter().map(|r| (r.id, r)).collect();
    let mut children: HashMap<i64, Vec<&Row>> = HashMap::new();
    for row in rows {
        children.entry(row.parent).or_default().push(row);
    }
    let tags_root = rows.iter().find(|r| r.guid == "tags________").map(|r| r.id);
    let places_root = rows
        .iter()
        .find(|r| r.guid == "root________" || (r.parent == 0 && r.kind == 2))
        .map(|r| r.id);
    // Tags: each tag folder under the tags root holds one row per tagged place.
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    if let Some(tags_root) = tags_root {
        for tag_folder in children
            .get(&tags_root)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            for tagged in children
                .get(&tag_folder.id)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if let Some(fk) = tagged.fk {
                    tags.entry(fk).or_default().push(tag_folder.title.clone());
                }
            }
        }
    }
    let mut builder = PlacesBuilder {
        children: &children,
        tags: &tags,
        descriptions,
        skip_folder: tags_root,
        skipped: Vec::new(),
    };
    let mut roots = Vec::new();
    if let Some(root) = places_root {
        roots = builder.children_of(root, "", 0);
    }
    // Rows whose folder is gone (a damaged database) are kept, in a collection of their own.
    let mut orphans = Vec::new();
    for row in rows {
        let parent_known = by_id.contains_key(&row.parent) || row.parent == 0;
        if !parent_known
            && Some(row.id) != places_root
            && let Some(node) = builder.node(row, &format!("moz_bookmarks id {}", row.id), 0)
        {
            orphans.push(node);
        }
    }
    if !orphans.is_empty() {
        roots.push(Node::collection(
            "Bookmarks whose folder was missing",
            orphans,
        ));
    }
    ImportedTree {
        source: String::new(),
        roots,
        skipped: builder.skipped,
    }
}

struct PlacesBuilder<'a> {
    children: &'a HashMap<i64, Vec<&'a Row>>,
    tags: &'a HashMap<i64, Vec<String>>,
    descriptions: &'a HashMap<i64, String>,
    skip_folder: Option<i64>,
    skipped: Vec<Skipped>,
}

impl PlacesBuilder<'_> {
    fn children_of(&mut self, id: i64, path: &str, depth: usize) -> Vec<Node> {
        let Some(rows) = self.children.get(&id) else {
            return Vec::new();
        };
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows.clone() {
            let location = format!("{path}/moz_bookmarks id {}", row.id);
            if let Some(node) = self.node(row, &location, depth) {
                out.push(node);
            }
        }
        out
    }

    fn node(&mut self, row: &Row, location: &str, depth: usize) -> Option<Node> {
        if Some(row.id) == self.skip_folder {
            return None;
        }
        let mut node = match row.kind {
            1 => {
                let Some(url) = row.url.clone() else {
                    self.skipped.push(Skipped {
                        location: location.to_owned(),
                        what: row.title.clone(),
                        reason: "its place (URL) is missing from moz_places".to_owned(),
                    });
                    return None;
                };
                let mut link = link_or_skip(
                    row.title.clone(),
                    url,
                    || location.to_owned(),
                    &mut self.skipped,
                )?;
                if let Some(fk) = row.fk {
                    link.tags = self.tags.get(&fk).cloned().unwrap_or_default();
                }
                link
            }
            2 => {
                let children = self.children_of(row.id, location, depth + 1);
                let title = root_title(&row.guid).map_or_else(|| row.title.clone(), str::to_owned);
                Node::collection(title, children)
            }
            3 => Node {
                kind: NodeKind::Section,
                ..Node::default()
            },
            other => {
                self.skipped.push(Skipped {
                    location: location.to_owned(),
                    what: row.title.clone(),
                    reason: format!("its type {other} is not a bookmark, folder or separator"),
                });
                return None;
            }
        };
        node.note = self.descriptions.get(&row.id).cloned().unwrap_or_default();
        node.created_at = row.added.and_then(prtime);
        node.modified_at = row.modified.and_then(prtime);
        Some(node)
    }
}
