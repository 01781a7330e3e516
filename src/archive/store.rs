//! The archive file: offline copies kept beside the library (`library.archive.sqlite` beside
//! `library.sqlite`), compressed with zstd, with an FTS5 index of their text.
//!
//! A file of its own, so that the library stays as light and fast to open, move and search
//! as without copies, and so that copies stay optional data: deleting the file loses nothing
//! the user typed, and `nacre archive` makes it again. Copies are keyed by the pearl's key
//! (see `key`), never by anything in the library's rows.
//!
//! The text is stored once, compressed; the search index (`copy_search`, tokenised
//! `unicode61 remove_diacritics 2` like the library's) is an FTS5 table over a view that
//! decompresses it, so snippets come from the same bytes and the uncompressed text is never
//! stored. Writing a copy replaces the old one in the same transaction, so a copy is either
//! the old one or the new one, never half of each.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::readable::Readable;
use crate::error::{Error, Result};
use crate::model::Millis;

/// The archive file's schema version.
const SCHEMA_VERSION: i64 = 1;

/// SQLite's `application_id` of an archive file ("NcrA").
const APPLICATION_ID: i64 = 0x4E63_7241;

/// zstd's level for copies: measured as a good trade of time and size on pages.
const ZSTD_LEVEL: i32 = 9;

const SCHEMA: &str = "
CREATE TABLE copies (
  id INTEGER PRIMARY KEY,
  pearl_key TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  final_url TEXT NOT NULL,
  archived_at INTEGER NOT NULL,
  title TEXT NOT NULL,
  byline TEXT,
  published TEXT,
  site_name TEXT,
  excerpt TEXT,
  lang TEXT,
  text_z BLOB NOT NULL,
  html_z BLOB NOT NULL,
  snapshot_z BLOB,
  text_bytes INTEGER NOT NULL CHECK (text_bytes >= 0),
  snapshot_bytes INTEGER NOT NULL CHECK (snapshot_bytes >= 0),
  assets INTEGER NOT NULL DEFAULT 0,
  assets_missing INTEGER NOT NULL DEFAULT 0
);
CREATE VIEW copy_text AS SELECT id, title, nacre_unzstd(text_z) AS text FROM copies;
CREATE VIRTUAL TABLE copy_search USING fts5(
  title, text, content='copy_text', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO copy_search (copy_search, rank) VALUES ('rank', 'bm25(5.0, 1.0)');
";

/// A copy ready to be written: compressed, with its plain text for the index.
#[derive(Debug, Clone)]
pub(crate) struct StoredCopy {
    pub(crate) key: String,
    pub(crate) url: String,
    pub(crate) final_url: String,
    pub(crate) archived_at: Millis,
    pub(crate) readable: Readable,
    pub(crate) text_z: Vec<u8>,
    pub(crate) html_z: Vec<u8>,
    pub(crate) snapshot_z: Option<Vec<u8>>,
    pub(crate) snapshot_bytes: usize,
    pub(crate) assets: usize,
    pub(crate) assets_missing: usize,
}

impl StoredCopy {
    /// Bytes this copy takes in the file (compressed text, article and snapshot).
    pub(crate) fn stored_bytes(&self) -> usize {
        self.text_z.len() + self.html_z.len() + self.snapshot_z.as_ref().map_or(0, Vec::len)
    }
}

/// What is known of one copy, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CopyInfo {
    /// The URL that was archived.
    pub url: String,
    /// Where its redirects ended.
    pub final_url: String,
    /// When (ms since the epoch).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub archived_at: Millis,
    /// The article's title.
    pub title: String,
    /// Words of readable text.
    pub words: usize,
    /// Bytes of readable text, uncompressed.
    pub text_bytes: usize,
    /// Bytes of the snapshot, uncompressed (0: none kept).
    pub snapshot_bytes: usize,
    /// Bytes the copy takes in the archive file.
    pub stored_bytes: usize,
    /// Images and stylesheets inside the snapshot.
    pub assets: usize,
    /// Those that could not be fetched, and are left out.
    pub assets_missing: usize,
}

/// The whole archive's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArchiveSize {
    /// Copies kept.
    pub copies: usize,
    /// Bytes of the copies, compressed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub stored_bytes: u64,
    /// Bytes of the file on disk (with its index), 0 if there is none yet.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub file_bytes: u64,
}

/// The archive file, open.
pub struct Archive {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Compresses `bytes` for the archive.
pub(crate) fn compress(bytes: &[u8]) -> Result<Vec<u8>> {
    zstd::bulk::compress(bytes, ZSTD_LEVEL)
        .map_err(|e| Error::Invalid(format!("cannot compress a copy: {e}")))
}

/// The text of a compressed copy.
fn decompress(bytes: &[u8]) -> Result<String> {
    decompress_with(&mut None, bytes)
}

/// The largest copy text a frame may claim to hold (a damaged header never makes a larger
/// allocation).
const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// [`decompress`] reusing one decompression context (search decompresses a copy per snippet;
/// making a context each time was a tenth of a search).
fn decompress_with(
    context: &mut Option<zstd::bulk::Decompressor<'static>>,
    bytes: &[u8],
) -> Result<String> {
    let damaged = |e: std::io::Error| Error::Invalid(format!("a damaged copy in the archive: {e}"));
    let plain = match zstd::zstd_safe::get_frame_content_size(bytes) {
        Ok(Some(size)) if size <= MAX_TEXT_BYTES => {
            let context = match context {
                Some(c) => c,
                None => context.insert(zstd::bulk::Decompressor::new().map_err(damaged)?),
            };
            context
                .decompress(bytes, usize::try_from(size).unwrap_or(usize::MAX))
                .map_err(damaged)?
        }
        _ => zstd::stream::decode_all(bytes).map_err(damaged)?,
    };
    String::from_utf8(plain)
        .map_err(|e| Error::Invalid(format!("a damaged copy in the archive: {e}")))
}

impl Archive {
    /// Where the archive of the library at `library` lives: beside it, `NAME.archive.sqlite`
    /// for `NAME.sqlite`.
    pub fn path_beside(library: &Path) -> PathBuf {
        let stem = library
            .file_stem()
            .map_or_else(|| "library".into(), |s| s.to_string_lossy().into_owned());
        library.with_file_name(format!("{stem}.archive.sqlite"))
    }

    /// Opens (or creates) the archive file at `path`.
    ///
    /// # Errors
    /// [`Error::NotALibrary`] if the file is another kind of SQLite file or not SQLite at
    /// all, or written by a newer Nacre; [`Error::Sqlite`] otherwise.
    pub fn open(path: impl AsRef<Path>) -> Result<Archive> {
        let path = path.as_ref().to_owned();
        let refuse = |reason: String| Error::NotALibrary {
            path: path.clone(),
            reason,
        };
        let conn = Connection::open(&path)?;
        let configure = || -> rusqlite::Result<()> {
            conn.busy_timeout(Duration::from_secs(10))?;
            // Readers (the window) never block the writer (`nacre archive`) and the reverse.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // Durable across application crashes; copies can be made again anyway.
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.create_scalar_function(
                "nacre_unzstd",
                1,
                FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
                {
                    let context = std::sync::Mutex::new(None);
                    move |ctx| {
                        let blob = ctx.get_raw(0).as_blob_or_null()?.unwrap_or_default();
                        let mut context = context
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        decompress_with(&mut context, blob)
                            .map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))
                    }
                },
            )?;
            conn.execute_batch(super::prefix::TEMP_TABLES)
        };
        configure().map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                refuse("it is not an SQLite database".to_owned())
            }
            _ => Error::Sqlite(e),
        })?;
        let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if app == 0 && version == 0 && tables == 0 {
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {SCHEMA} PRAGMA application_id = {APPLICATION_ID};
                 PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))?;
        } else if app != APPLICATION_ID {
            return Err(refuse(
                "it is not a Nacre archive of offline copies".to_owned(),
            ));
        } else if version > SCHEMA_VERSION {
            return Err(refuse(format!(
                "it was written by a newer Nacre (archive schema {version}, this version knows up to {SCHEMA_VERSION})"
            )));
        }
        Ok(Archive {
            conn: Mutex::new(conn),
            path,
        })
    }

    /// The archive file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes `copies` in one transaction, each replacing the pearl's old copy.
    pub(crate) fn put(&self, copies: &[StoredCopy]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for c in copies {
            let old: Option<(i64, String, String)> = tx
                .prepare_cached("SELECT id, title, text FROM copy_text WHERE id = (SELECT id FROM copies WHERE pearl_key = ?1)")?
                .query_row([&c.key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some((id, title, text)) = &old {
                tx.prepare_cached(
                    "INSERT INTO copy_search (copy_search, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)",
                )?
                .execute(params![id, title, text])?;
            }
            let r = &c.readable;
            tx.prepare_cached(
                "INSERT INTO copies (pearl_key, url, final_url, archived_at, title, byline,
                   published, site_name, excerpt, lang, text_z, html_z, snapshot_z, text_bytes,
                   snapshot_bytes, assets, assets_missing)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
                 ON CONFLICT (pearl_key) DO UPDATE SET url = excluded.url,
                   final_url = excluded.final_url, archived_at = excluded.archived_at,
                   title = excluded.title, byline = excluded.byline,
                   published = excluded.published, site_name = excluded.site_name,
                   excerpt = excluded.excerpt, lang = excluded.lang, text_z = excluded.text_z,
                   html_z = excluded.html_z, snapshot_z = excluded.snapshot_z,
                   text_bytes = excluded.text_bytes, snapshot_bytes = excluded.snapshot_bytes,
                   assets = excluded.assets, assets_missing = excluded.assets_missing",
            )?
            .execute(params![
                c.key,
                c.url,
                c.final_url,
                c.archived_at,
                r.title,
                r.byline,
                r.published,
                r.site_name,
                r.excerpt,
                r.lang,
                c.text_z,
                c.html_z,
                c.snapshot_z,
                r.text.len() as i64,
                c.snapshot_bytes as i64,
                c.assets as i64,
                c.assets_missing as i64,
            ])?;
            let id: i64 = tx
                .prepare_cached("SELECT id FROM copies WHERE pearl_key = ?1")?
                .query_row([&c.key], |row| row.get(0))?;
            tx.prepare_cached("INSERT INTO copy_search (rowid, title, text) VALUES (?1, ?2, ?3)")?
                .execute(params![id, r.title, r.text])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// What is known of the copy under `key`, if there is one.
    pub(crate) fn info(&self, key: &str) -> Result<Option<CopyInfo>> {
        let conn = self.conn();
        let row = conn
            .prepare_cached(
                "SELECT url, final_url, archived_at, title, text_bytes, snapshot_bytes,
                   length(text_z) + length(html_z) + coalesce(length(snapshot_z), 0),
                   assets, assets_missing, text_z
                 FROM copies WHERE pearl_key = ?1",
            )?
            .query_row([key], |r| {
                Ok((
                    CopyInfo {
                        url: r.get(0)?,
                        final_url: r.get(1)?,
                        archived_at: r.get(2)?,
                        title: r.get(3)?,
                        words: 0,
                        text_bytes: r.get::<_, i64>(4)? as usize,
                        snapshot_bytes: r.get::<_, i64>(5)? as usize,
                        stored_bytes: r.get::<_, i64>(6)? as usize,
                        assets: r.get::<_, i64>(7)? as usize,
                        assets_missing: r.get::<_, i64>(8)? as usize,
                    },
                    r.get::<_, Vec<u8>>(9)?,
                ))
            })
            .optional()?;
        let Some((mut info, text_z)) = row else {
            return Ok(None);
        };
        info.words = decompress(&text_z)?.split_whitespace().count();
        Ok(Some(info))
    }

    /// The readable text of the copy under `key`.
    pub(crate) fn readable(&self, key: &str) -> Result<Option<Readable>> {
        let conn = self.conn();
        let row = conn
            .prepare_cached(
                "SELECT title, byline, published, site_name, excerpt, lang, text_z, html_z
                 FROM copies WHERE pearl_key = ?1",
            )?
            .query_row([key], |r| {
                Ok((
                    Readable {
                        title: r.get(0)?,
                        byline: r.get(1)?,
                        published: r.get(2)?,
                        site_name: r.get(3)?,
                        excerpt: r.get(4)?,
                        lang: r.get(5)?,
                        text: String::new(),
                        html: String::new(),
                    },
                    r.get::<_, Vec<u8>>(6)?,
                    r.get::<_, Vec<u8>>(7)?,
                ))
            })
            .optional()?;
        let Some((mut readable, text_z, html_z)) = row else {
            return Ok(None);
        };
        readable.text = decompress(&text_z)?;
        readable.html = decompress(&html_z)?;
        Ok(Some(readable))
    }

    /// The snapshot of the copy under `key` (`None`: no copy, or one kept without it).
    pub(crate) fn snapshot(&self, key: &str) -> Result<Option<String>> {
        let conn = self.conn();
        let blob: Option<Option<Vec<u8>>> = conn
            .prepare_cached("SELECT snapshot_z FROM copies WHERE pearl_key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        blob.flatten().map(|b| decompress(&b)).transpose()
    }

    /// When each copy was made, by key.
    pub(crate) fn archived_at(&self) -> Result<std::collections::HashMap<String, Millis>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT pearl_key, archived_at FROM copies")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes the copies under `keys`; returns how many there were and the bytes they took.
    pub(crate) fn remove(&self, keys: &[String]) -> Result<(usize, u64)> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut count, mut bytes) = (0, 0u64);
        for key in keys {
            let old: Option<(i64, String, String, i64)> = tx
                .prepare_cached(
                    "SELECT t.id, t.title, t.text,
                       length(c.text_z) + length(c.html_z) + coalesce(length(c.snapshot_z), 0)
                     FROM copy_text t JOIN copies c ON c.id = t.id WHERE c.pearl_key = ?1",
                )?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            let Some((id, title, text, size)) = old else {
                continue;
            };
            tx.prepare_cached(
                "INSERT INTO copy_search (copy_search, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)",
            )?
            .execute(params![id, title, text])?;
            tx.prepare_cached("DELETE FROM copies WHERE id = ?1")?
                .execute([id])?;
            count += 1;
            bytes += size as u64;
        }
        tx.commit()?;
        Ok((count, bytes))
    }

    /// Gives the space of deleted copies back to the file system.
    pub(crate) fn vacuum(&self) -> Result<()> {
        self.conn().execute_batch("VACUUM")?;
        Ok(())
    }

    /// How many copies there are and the space they take.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn size(&self) -> Result<ArchiveSize> {
        let (copies, stored): (i64, i64) = self.conn().query_row(
            "SELECT count(*), coalesce(sum(length(text_z) + length(html_z)
               + coalesce(length(snapshot_z), 0)), 0) FROM copies",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let file_bytes = ["", "-wal"]
            .iter()
            .filter_map(|s| {
                let mut p = self.path.clone().into_os_string();
                p.push(s);
                std::fs::metadata(p).ok().map(|m| m.len())
            })
            .sum();
        Ok(ArchiveSize {
            copies: copies as usize,
            stored_bytes: stored as u64,
            file_bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(key: &str, title: &str, text: &str) -> StoredCopy {
        StoredCopy {
            key: key.to_owned(),
            url: format!("https://example.org/{key}"),
            final_url: format!("https://example.org/{key}"),
            archived_at: 1,
            readable: Readable {
                title: title.to_owned(),
                text: text.to_owned(),
                ..Readable::default()
            },
            text_z: compress(text.as_bytes()).expect("zstd"),
            html_z: compress(b"<p>x</p>").expect("zstd"),
            snapshot_z: None,
            snapshot_bytes: 0,
            assets: 0,
            assets_missing: 0,
        }
    }

    #[test]
    fn prefixes_find_the_same_copies_newest_first_before_and_after_the_index_is_merged() {
        let dir = tempfile::tempdir().expect("dir");
        let archive = Archive::open(dir.path().join("a.archive.sqlite")).expect("open");
        for (key, text) in [
            ("1", "La Révolution et l'École normale"),
            ("2", "une révolte devant l'école"),
            ("3", "révolutions sans écoles"),
            ("4", "rien à voir"),
        ] {
            archive.put(&[copy(key, "", text)]).expect("put");
        }
        let keys = |archive: &Archive| -> Vec<String> {
            archive
                .search("\"Révol\"* \"éco\"*", 10)
                .expect("search")
                .into_iter()
                .map(|(key, _)| key)
                .collect()
        };
        assert_eq!(keys(&archive), ["3", "2", "1"]);
        archive.merge_search_index().expect("merge");
        assert_eq!(keys(&archive), ["3", "2", "1"]);
        let found = archive.search("\"revolte\"* \"eco\"*", 10).expect("search");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.contains("\u{E000}révolte\u{E001}"),
            "{:?}",
            found[0].1
        );
        assert!(
            archive
                .search("\"revol\"* \"zzz\"*", 10)
                .expect("search")
                .is_empty()
        );
    }

    #[test]
    fn a_replaced_copy_is_found_by_its_new_words_only() {
        let dir = tempfile::tempdir().expect("dir");
        let archive = Archive::open(dir.path().join("a.archive.sqlite")).expect("open");
        archive
            .put(&[copy("1", "Old", "la prise de la Bastille en 1789")])
            .expect("put");
        assert_eq!(
            archive.search("\"bastille\"*", 10).expect("search").len(),
            1
        );
        archive
            .put(&[copy("1", "New", "le serment du Jeu de paume")])
            .expect("put again");
        assert!(
            archive
                .search("\"bastille\"*", 10)
                .expect("search")
                .is_empty()
        );
        let found = archive.search("\"paume\"*", 10).expect("search");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.contains("\u{E000}paume\u{E001}"),
            "{:?}",
            found[0].1
        );
        assert_eq!(archive.remove(&["1".to_owned()]).expect("remove").0, 1);
        assert!(archive.search("\"paume\"*", 10).expect("search").is_empty());
        assert_eq!(archive.size().expect("size").copies, 0);
    }

    #[test]
    fn whole_words_come_before_words_they_start_and_both_are_found() {
        let dir = tempfile::tempdir().expect("dir");
        let archive = Archive::open(dir.path().join("a.archive.sqlite")).expect("open");
        archive
            .put(&[
                copy("1", "Un", "les écoles de la ville"),
                copy("2", "Deux", "une école de quartier"),
                copy("3", "Trois", "la forêt"),
            ])
            .expect("put");
        let keys = |query: &str, limit: usize| -> Vec<String> {
            let found = archive.search(query, limit).expect("search");
            found.into_iter().map(|(k, _)| k).collect()
        };
        assert_eq!(
            keys("\"ecole\"*", 10),
            ["2", "1"],
            "the whole word first, then the prefix"
        );
        assert_eq!(keys("\"ecole\"*", 1), ["2"]);
        assert_eq!(keys("\"eco\"*", 10).len(), 2, "a prefix alone finds both");
        assert!(keys("\"zzz\"*", 10).is_empty());
    }

    #[test]
    fn a_library_file_is_not_taken_for_an_archive() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("library.sqlite");
        drop(crate::Store::open(&path).expect("library"));
        let e = Archive::open(&path).expect_err("refused");
        assert!(e.to_string().contains("not a Nacre archive"), "{e}");
        assert_eq!(
            Archive::path_beside(&path),
            dir.path().join("library.archive.sqlite")
        );
    }
}
