//! The core's typed errors: one enum for everything a caller can meet, each variant a kind of
//! failure the window or the tool can react to without matching text.
//!
//! Messages name what was wrong and where, and end without a period.

use std::path::PathBuf;

use crate::pearl_id::PearlId;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A pearl id that is not in the library.
    #[error("no pearl {0} in this library")]
    PearlNotFound(PearlId),
    /// A collection path that does not lead anywhere.
    #[error("no collection at {0:?}")]
    PathNotFound(String),
    /// A collection path that leads to more than one collection of the same name.
    #[error("{path:?} is ambiguous: {count} collections have that name; use an id such as #42")]
    AmbiguousPath {
        /// The path as given.
        path: String,
        /// How many collections it names.
        count: usize,
    },
    /// Text that is not a URL.
    #[error("{url:?} is not a valid URL: {reason}")]
    InvalidUrl {
        /// The text as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// An edit that would break the tree: a move into the pearl itself or its descendants, an
    /// alias that would make a cycle, a move of the root.
    #[error("{0}")]
    TreeConflict(String),
    /// Any other input that was refused, with the reason.
    #[error("{0}")]
    Invalid(String),
    /// A file that is not a Nacre library.
    #[error("{path} is not a Nacre library: {reason}")]
    NotALibrary {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        reason: String,
    },
    /// A library written by a newer Nacre.
    #[error(
        "{path} was written by a newer Nacre (schema {found}, this version knows up to {known}); update Nacre to open it"
    )]
    LibraryTooNew {
        /// The file.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The newest schema this version knows.
        known: i64,
    },
    /// A file written by a newer Nacre, in a version of a format this one cannot read.
    #[error(
        "{what} was written by a newer Nacre ({format} format version {found}, this version reads up to {known}); update Nacre to import it"
    )]
    FormatTooNew {
        /// The file, or what was read.
        what: String,
        /// The format's name.
        format: &'static str,
        /// The version in the file.
        found: u64,
        /// The newest version this Nacre reads.
        known: u64,
    },
    /// A file that could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file given to import that is not a bookmark file, is cut short, or cannot be read as
    /// the format it claims to be.
    #[error("{file}: {reason}")]
    BadBookmarkFile {
        /// The file (its name, or what the caller called the bytes).
        file: String,
        /// What was wrong, and where.
        reason: String,
    },
    /// A long operation that the caller cancelled.
    #[error("cancelled")]
    Cancelled,
    /// Fetching could not be set up (the HTTP client or its runtime).
    #[error("{0}")]
    Network(String),
    /// The database engine failed.
    #[error("library database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The kind of a failure, as the window, scripts and the browser see it: a stable word that
/// crosses every boundary (the window's `{ code, message }`, the tool's `--json` errors, the
/// browser host's replies), so callers react to a kind of failure without matching text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ErrorCode {
    /// A pearl or a collection path that is not in the library.
    NotFound,
    /// Input that was refused: a bad URL, an empty name, a file that is not a bookmark file.
    Invalid,
    /// An edit that would break the tree (a move into itself, an alias cycle).
    Conflict,
    /// A file that is not a Nacre library, or one from a newer Nacre.
    Library,
    /// A file that could not be read or written.
    Io,
    /// Work that the user cancelled.
    Cancelled,
    /// Fetching could not be set up.
    Network,
    /// Anything else: the database engine failed.
    Internal,
    /// A message from the browser larger than a host accepts (1 MiB).
    TooLarge,
    /// A message from the browser that is not one: its length is cut short, it is not UTF-8
    /// JSON, or a field is missing or of the wrong kind.
    BadMessage,
    /// A message of a type the host does not know.
    UnknownType,
}

impl ErrorCode {
    /// Every code, for the documentation and the tests.
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::NotFound,
        ErrorCode::Invalid,
        ErrorCode::Conflict,
        ErrorCode::Library,
        ErrorCode::Io,
        ErrorCode::Cancelled,
        ErrorCode::Network,
        ErrorCode::Internal,
        ErrorCode::TooLarge,
        ErrorCode::BadMessage,
        ErrorCode::UnknownType,
    ];

    /// The code as it is written on the wire (`"notFound"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "notFound",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Library => "library",
            ErrorCode::Io => "io",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Network => "network",
            ErrorCode::Internal => "internal",
            ErrorCode::TooLarge => "tooLarge",
            ErrorCode::BadMessage => "badMessage",
            ErrorCode::UnknownType => "unknownType",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The kind of failure, which crosses to the window, to scripts and to the browser.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::PearlNotFound(_) | Error::PathNotFound(_) => ErrorCode::NotFound,
            Error::InvalidUrl { .. }
            | Error::Invalid(_)
            | Error::AmbiguousPath { .. }
            | Error::FormatTooNew { .. }
            | Error::BadBookmarkFile { .. } => ErrorCode::Invalid,
            Error::TreeConflict(_) => ErrorCode::Conflict,
            Error::NotALibrary { .. } | Error::LibraryTooNew { .. } => ErrorCode::Library,
            Error::Io { .. } => ErrorCode::Io,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Network(_) => ErrorCode::Network,
            Error::Sqlite(_) => ErrorCode::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn each_code_is_written_as_serde_writes_it() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).expect("json");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
