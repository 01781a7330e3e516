//! The error every command returns: the core's typed error, classified as `{ code, message }`
//! so the window can react to a kind of failure without matching text.

use serde::Serialize;

/// A failed command, as the window receives it.
#[derive(Debug, Serialize)]
pub struct CommandError {
    /// The kind of failure: "notFound", "invalid", "conflict", "library", "io" or "internal".
    pub code: &'static str,
    /// What went wrong, in words, naming what and where.
    pub message: String,
}

impl From<nacre::Error> for CommandError {
    fn from(e: nacre::Error) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;
