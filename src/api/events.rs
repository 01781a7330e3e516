//! The names of the events the window's backend sends its page, in one place for both sides
//! (`ui/src/bindings/events.ts` is written from these by the bindings test).

/// Carries an [`crate::api::import::ImportProgress`] while a file is read or added.
pub const IMPORT_PROGRESS: &str = "import-progress";
/// Carries a [`crate::fetch::FetchProgress`] while a long fetch runs.
pub const FETCH_PROGRESS: &str = "fetch-progress";
/// Carries the ids of links whose quick fetch has just been written.
pub const FETCH_QUICK: &str = "fetch-quick";

/// Carries an [`crate::archive::ArchiveProgress`] while offline copies are made.
pub const ARCHIVE_PROGRESS: &str = "archive-progress";

/// Carries a [`crate::api::sync_rounds::RoundEvent`]: a sync round began or ended, or how
/// syncing stands changed.
pub const SYNC_ROUND: &str = "sync-round";

/// Every event, by the name its constant has in TypeScript.
pub const ALL: [(&str, &str); 5] = [
    ("IMPORT_PROGRESS", IMPORT_PROGRESS),
    ("FETCH_PROGRESS", FETCH_PROGRESS),
    ("FETCH_QUICK", FETCH_QUICK),
    ("ARCHIVE_PROGRESS", ARCHIVE_PROGRESS),
    ("SYNC_ROUND", SYNC_ROUND),
];

#[cfg(all(test, feature = "ts"))]
mod bindings {
    /// Writes `ui/src/bindings/events.ts` (run with the other bindings: `cargo test -p nacre
    /// --features ts --lib export_bindings`).
    #[test]
    fn export_bindings_events() {
        let mut text = String::from(
            "// Written from src/api/events.rs by `cargo test -p nacre --features ts --lib export_bindings`. Do not edit.\n\n",
        );
        for (name, value) in super::ALL {
            text.push_str(&format!("export const {name} = \"{value}\";\n"));
        }
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings/events.ts");
        std::fs::write(path, text).expect("write events.ts");
    }
}
