//! The library file: one SQLite file holding one tree of pearls, and every way to read and
//! change it.
//!
//! [`Store`] owns the connection. Each public method takes the lock for one statement or one
//! transaction; edits go through `Store::edit`, which records what they changed so that
//! they can be undone ([`history`]). The tree is a parent reference plus a fractional
//! [`order_key`] per pearl, so no edit ever renumbers a collection.
//!
//! Submodules by concern: [`schema`] (migrations), `rows` (reading and writing one pearl row),
//! [`identity`] (UUIDs, the built-in collections, the Inbox), `tree` (reading the tree and
//! paths), `edit` (create, update, move, trash; its inputs and where pearls go), [`history`]
//! (undo and redo), [`order_key`] (fractional keys), `search` (full text and duplicates),
//! `sort` (sorting a collection), `import` (adding an imported tree; `bulk`, what a large one
//! sets aside while its rows go in), `pick` (picking from
//! an imported tree into one's own), `export` (reading a
//! subtree whole), [`details`] (page details and favicons), `health` (dead and moved links),
//! [`backup`] (online backups), and the others' own tables where a later issue added one
//! (browser contacts). The shapes the shells show live above, in `crate::api`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub mod backup;
mod bulk;
mod capture_rows;
pub mod details;
mod edit;
mod export;
mod health;
pub mod history;
pub mod identity;
mod import;
pub mod order_key;
mod parsed_urls;
pub(crate) mod pick;
mod provenance;
mod related;
pub(crate) mod rows;
pub mod schema;
mod search;
mod sibling_keys;
mod sort;
pub(crate) mod tree;
mod update;
mod watch;

pub use backup::BackupInfo;
pub use capture_rows::BrowserContact;
pub(crate) use capture_rows::{PageFacts, write_page_facts};
pub use details::{
    Favicon, FaviconData, FetchRecord, FetchScope, FetchTarget, Freshness, Outcome, StoredDetails,
};
pub use edit::{NewPearl, PearlUpdate, Placement};
pub use health::LinkHealth;
pub use history::HistoryEntry;
pub use import::ImportReport;
pub use pick::PickReport;
pub use related::{OtherPlace, SimilarTree};
pub use search::{DuplicateGroup, SearchHit};
pub(crate) use search::{fts_query, index_rows_from};
pub(crate) use sibling_keys::last_key as last_key_of;
pub use sort::SortBy;
pub(crate) use sort::folded as folded_text;
pub use tree::{Place, TreeRow, join_path, split_path};
pub use update::{ChangeKind, UpdateChange, UpdateReport};

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open library.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    roles: tree::Roles,
    /// What a use case keeps in memory between its calls on this library (the sync round's
    /// document), opaque to the store: see [`Store::take_kept`].
    kept: Mutex<Option<Box<dyn std::any::Any + Send>>>,
    /// The checkpoint a large import left running on a thread of its own (see
    /// `bulk::Store::checkpoint_aside`); closing the store waits for it.
    checkpointing: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Drop for Store {
    fn drop(&mut self) {
        let worker = self
            .checkpointing
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(worker) = worker {
            let _ = worker.join();
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the library at `path`, creating it (and its folder) if it does not exist, and
    /// brings its schema up to date.
    ///
    /// # Errors
    /// [`Error::NotALibrary`], [`Error::LibraryTooNew`], [`Error::Io`] when the folder cannot be
    /// made, [`Error::Sqlite`] otherwise.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_owned();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let not_a_library = |reason: String| Error::NotALibrary {
            path: path.clone(),
            reason,
        };
        if path.is_dir() {
            return Err(not_a_library("it is a folder".to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        configure(&conn).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                not_a_library("it is not an SQLite database".to_owned())
            }
            _ => Error::Sqlite(e),
        })?;
        schema::migrate(&mut conn, &path)?;
        let mut roles = tree::Roles::load(&conn)?;
        roles.inbox = identity::ensure_inbox(&mut conn, roles.root)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
            roles,
            kept: Mutex::new(None),
            checkpointing: Mutex::new(None),
        })
    }

    /// The library the window and the command-line tool open when none is named: `nacre/
    /// library.sqlite` in the user's data folder (`~/.local/share` on Linux).
    pub fn default_library_path() -> PathBuf {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("nacre")
            .join("library.sqlite")
    }

    /// The library file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for one read.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave the connection half-written (SQLite rolls
        // back an open transaction), so a poisoned lock is still safe to use.
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes what was kept with [`Store::keep`], if it is a `T` (the slot is empty after).
    pub(crate) fn take_kept<T: std::any::Any>(&self) -> Option<T> {
        let mut slot = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.take()
            .and_then(|b| (b as Box<dyn std::any::Any>).downcast::<T>().ok())
            .map(|b| *b)
    }

    /// Keeps `value` in memory with this library until taken (one value at a time).
    pub(crate) fn keep<T: std::any::Any + Send>(&self, value: T) {
        *self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Box::new(value));
    }

    /// Runs `f` in one write transaction, committed when `f` succeeds and rolled back otherwise.
    /// Takes the write lock at the start, so it never fails halfway on another process's write.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` over one consistent snapshot of the library.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }
}

/// How many prepared statements a library's connection keeps for reuse.
const STATEMENT_CACHE: usize = 256;

/// Pragmas, set once per connection.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // Wait for another process's write instead of failing at once.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Readers never block the writer and the writer never blocks readers (window + tool).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // In WAL mode NORMAL is durable across application crashes; a power cut may lose only the
    // last commits, never corrupt the file.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // The schema's foreign keys (parent, alias target, tags, details) are enforced.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Temporary b-trees (sorting search results) in memory.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A 64 MiB page cache and memory-mapped reads: a 100,000-pearl library is ~60 MB, and
    // bulk imports and searches otherwise spend their time re-reading pages from the OS.
    conn.pragma_update(None, "cache_size", -bulk::CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", 268_435_456)?;
    // Room for every statement the core prepares once and reuses (about a hundred): rusqlite
    // keeps 16 by default, and a loop that cycles through more (a sync round uses about 20 per
    // pearl) would parse and plan each statement again at every use.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // One plan per statement, whatever values are bound: otherwise SQLite plans a statement
    // again whenever a bound value might change its plan, which in this library's queries it
    // never does (measured: a sibling lookup of the sync round was planned again at each of
    // its 100,000 uses, 40% of the round). No query binds a LIKE pattern, the one case where
    // a bound value would matter.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}
