//! Sync: one library on several computers, through a folder that a sync service (Syncthing,
//! Dropbox, a git repository...) carries, merged by a CRDT engine (Loro). No server of ours.
//!
//! The library file stays what every shell reads; the Loro document (`doc`) is what devices
//! exchange. Edits are logged by triggers in their own transaction (`sync_changes`, see
//! migration 0008); a sync round ([`round`]) writes the logged pearls into the document
//! (`publish`), takes in the other devices' files (`intake`, [`folder`], [`file_format`]) and writes
//! what they changed back into the library (`apply`). `docs/sync.md` says what merges how.

pub(crate) mod apply;
mod changes;
mod conflicts;
pub(crate) mod doc;
pub mod file_format;
pub mod folder;
mod intake;
mod outcome;
pub(crate) mod publish;
pub mod round;

pub use round::{RoundOutcome, SkippedFile, SyncConfig};
