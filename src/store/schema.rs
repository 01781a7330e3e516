//! The library file's schema: the list of migrations and the runner that applies them.
//!
//! Migrations are numbered SQL files in `migrations/`, embedded at build time, append-only (a
//! shipped one is never edited). The version applied is kept in SQLite's `user_version`; all
//! pending migrations and the new version are applied in one transaction, so a failure leaves
//! the file exactly as it was. A file is recognised as a Nacre library by its `application_id`.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// `application_id` of a Nacre library: "NACR" in ASCII.
pub const APPLICATION_ID: i64 = 0x4E41_4352;

/// The migrations, in order; migration `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_link_health.sql"),
    include_str!("migrations/0003_search_on_real_change.sql"),
    include_str!("migrations/0004_stable_identity.sql"),
    include_str!("migrations/0005_browser_capture.sql"),
    include_str!("migrations/0006_checks_without_temp_tables.sql"),
    include_str!("migrations/0007_provenance.sql"),
    include_str!("migrations/0008_sync.sql"),
    include_str!("migrations/0009_sync_doc_stamp.sql"),
    include_str!("migrations/0010_base_keeps_row_values.sql"),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Checks that `conn` is a Nacre library (or an empty file) and brings it to the latest schema.
///
/// # Errors
/// [`Error::NotALibrary`] for a file that is not SQLite or is another program's database,
/// [`Error::LibraryTooNew`] for a library written by a newer Nacre, [`Error::Sqlite`] when a
/// migration fails (and then nothing was changed).
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_with(conn, path, MIGRATIONS)
}

/// [`migrate`] with a given list of migrations, so that an upgrade or a failing migration can be
/// rehearsed on a real file.
///
/// # Errors
/// As [`migrate`].
pub fn migrate_with(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<()> {
    let not_a_library = |reason: String| Error::NotALibrary {
        path: path.to_owned(),
        reason,
    };
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| not_a_library(sqlite_reason(&e)))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if app_id != APPLICATION_ID && !(app_id == 0 && tables == 0) {
        let reason = if tables > 0 {
            format!("it is an SQLite database of another program ({tables} tables, no Nacre mark)")
        } else {
            "it is marked as another program's database".to_owned()
        };
        return Err(not_a_library(reason));
    }
    let known = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    if version > known {
        return Err(Error::LibraryTooNew {
            path: path.to_owned(),
            found: version,
            known,
        });
    }
    if version == known {
        return Ok(());
    }
    super::identity::register_functions(conn)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the write lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for sql in migrations
        .iter()
        .skip(usize::try_from(version).unwrap_or(usize::MAX))
    {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

/// The user-facing reason behind SQLite's answer to a file that is not a database.
fn sqlite_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "it is not an SQLite database".to_owned(),
        _ => e.to_string(),
    }
}
