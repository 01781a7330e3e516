//! The core's typed errors: one enum for everything a caller can meet, each variant a kind of
//! failure the window or the tool can react to without matching text.
//!
//! Messages name what was wrong and where, and end without a period.

use std::path::PathBuf;

use crate::model::PearlId;

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

impl Error {
    /// A short, stable word for the kind of failure, which crosses to the window and to scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::PearlNotFound(_) | Error::PathNotFound(_) => "notFound",
            Error::InvalidUrl { .. }
            | Error::Invalid(_)
            | Error::AmbiguousPath { .. }
            | Error::FormatTooNew { .. } => "invalid",
            Error::TreeConflict(_) => "conflict",
            Error::NotALibrary { .. } | Error::LibraryTooNew { .. } => "library",
            Error::Io { .. } => "io",
            Error::BadBookmarkFile { .. } => "invalid",
            Error::Cancelled => "cancelled",
            Error::Network(_) => "network",
            Error::Sqlite(_) => "internal",
        }
    }
}
