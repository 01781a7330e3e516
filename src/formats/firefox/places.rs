//! Firefox's `places.sqlite`, from Firefox 3 (schema version 7 and up, without `guid` columns,
//! its roots named in `moz_bookmarks_roots`) to today's.
//!
//! The file is copied (with its `-wal`) to a temporary folder and read there, so it can be read
//! while Firefox runs and holds its lock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::super::common::{MAX_DEPTH, ReadOptions, bad_file, link_or_skip, prtime};
use super::super::tree::{ImportedTree, Node, NodeKind, Skipped};
use super::root_title;
use crate::error::{Error, Result};

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

/// The columns of `moz_bookmarks` every Firefox since 3.0 has; without them the file is refused.
const REQUIRED_BOOKMARK_COLUMNS: [&str; 6] = ["id", "type", "fk", "parent", "position", "title"];

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
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(bad)?;
    let bookmark_columns = columns_of(&conn, "moz_bookmarks").map_err(bad)?;
    let place_columns = columns_of(&conn, "moz_places").map_err(bad)?;
    let missing: Vec<&str> = REQUIRED_BOOKMARK_COLUMNS
        .iter()
        .copied()
        .filter(|c| !bookmark_columns.iter().any(|have| have == c))
        .chain((!place_columns.iter().any(|c| c == "url")).then_some("moz_places.url"))
        .collect();
    if !missing.is_empty() {
        return Err(bad_file(
            name,
            format!(
                "its places schema (version {version}) lacks {}: it is not a Firefox places \
                 database Nacre can read (every Firefox since 3.0 has them)",
                missing.join(", ")
            ),
        ));
    }
    // Later columns, read when this schema has them: dates since Firefox 3.0, guids since 4.
    let optional = |column: &str| {
        if bookmark_columns.iter().any(|c| c == column) {
            format!("b.{column}")
        } else {
            "NULL".to_owned()
        }
    };
    let sql = format!(
        "SELECT b.id, b.type, b.fk, b.parent, b.title, p.url, {}, {}, {}
         FROM moz_bookmarks b LEFT JOIN moz_places p ON p.id = b.fk
         ORDER BY b.parent, b.position, b.id",
        optional("dateAdded"),
        optional("lastModified"),
        optional("guid"),
    );
    let mut stmt = conn.prepare(&sql).map_err(bad)?;
    let mut rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                kind: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                fk: r.get(2)?,
                parent: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                title: text_of(r.get_ref(4)?),
                url: r
                    .get::<_, Option<rusqlite::types::Value>>(5)?
                    .and_then(|v| match v {
                        rusqlite::types::Value::Text(t) => Some(t),
                        rusqlite::types::Value::Blob(b) => {
                            Some(String::from_utf8_lossy(&b).into_owned())
                        }
                        _ => None,
                    }),
                added: r.get::<_, Option<i64>>(6).ok().flatten(),
                modified: r.get::<_, Option<i64>>(7).ok().flatten(),
                guid: text_of(r.get_ref(8)?),
            })
        })
        .map_err(bad)?
        .collect::<rusqlite::Result<_>>()
        .map_err(bad)?;
    if !bookmark_columns.iter().any(|c| c == "guid") && has_table("moz_bookmarks_roots")? {
        name_old_roots(&conn, &mut rows).map_err(bad)?;
    }
    let descriptions = if has_table("moz_items_annos")? && has_table("moz_anno_attributes")? {
        read_descriptions(&conn).map_err(bad)?
    } else {
        HashMap::new()
    };
    options.tick(1, 2)?;
    Ok(build_places_tree(&rows, &descriptions))
}

/// The column names of `table`.
fn columns_of(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    stmt.query_map([], |r| r.get::<_, String>(1))?.collect()
}

/// A text column as text, whatever SQLite stored in it (old files hold some titles as blobs).
fn text_of(value: rusqlite::types::ValueRef<'_>) -> String {
    match value {
        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
            String::from_utf8_lossy(t).into_owned()
        }
        _ => String::new(),
    }
}

/// Before Firefox 4 the roots had no guids: `moz_bookmarks_roots` names them. Each root row
/// gets the guid later versions give it, so the rest of the reader treats both alike.
fn name_old_roots(conn: &Connection, rows: &mut [Row]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT root_name, folder_id FROM moz_bookmarks_roots")?;
    let roots: HashMap<i64, String> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(1)?, text_of(r.get_ref(0)?))))?
        .collect::<rusqlite::Result<_>>()?;
    for row in rows {
        let guid = match roots.get(&row.id).map(String::as_str) {
            Some("places") => "root________",
            Some("menu") => "menu________",
            Some("toolbar") => "toolbar_____",
            Some("tags") => "tags________",
            Some("unfiled") => "unfiled_____",
            Some("mobile") => "mobile______",
            _ => continue,
        };
        guid.clone_into(&mut row.guid);
    }
    Ok(())
}

fn read_descriptions(conn: &Connection) -> rusqlite::Result<HashMap<i64, String>> {
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
        shared: None,
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
