//! The archive's own settings, kept in the archive file beside the copies: whether every new
//! link gets a copy. Beside the copies because they are about them, and optional like them:
//! a library without its archive file reads every setting as its default.

use rusqlite::OptionalExtension;

use super::store::Archive;
use crate::error::Result;

/// The table, made when a setting is first written (older archive files have none).
const TABLE: &str =
    "CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)";

/// The name of "keep a copy of every new link".
const KEEP_NEW_LINKS: &str = "keep_new_links";

impl Archive {
    /// Whether every new link made in the window gets an offline copy (off unless asked).
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn keeps_new_links(&self) -> Result<bool> {
        let conn = self.conn();
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'settings'",
            [],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(false);
        }
        let value: Option<String> = conn
            .query_row(
                "SELECT value FROM settings WHERE name = ?1",
                [KEEP_NEW_LINKS],
                |r| r.get(0),
            )
            .optional()?;
        Ok(value.as_deref() == Some("on"))
    }

    /// Turns "keep a copy of every new link" on or off.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`] only.
    pub fn set_keeps_new_links(&self, on: bool) -> Result<()> {
        let conn = self.conn();
        conn.execute_batch(TABLE)?;
        conn.execute(
            "INSERT INTO settings (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [KEEP_NEW_LINKS, if on { "on" } else { "off" }],
        )?;
        Ok(())
    }
}
