//! The error every command returns: the core's typed error, classified as `{ code, message }`
//! so the window can react to a kind of failure without matching text.

use serde::Serialize;

/// A failed command, as the window receives it.
#[derive(Debug, Serialize)]
pub struct CommandError {
    /// The kind of failure.
    pub code: nacre::ErrorCode,
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

impl CommandError {
    /// A refused input, with the reason.
    pub fn invalid(message: &str) -> CommandError {
        CommandError {
            code: nacre::ErrorCode::Invalid,
            message: message.to_owned(),
        }
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;
