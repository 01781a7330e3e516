// Written from src/api/events.rs by `cargo test -p nacre --features ts --lib export_bindings`. Do not edit.

export const IMPORT_PROGRESS = "import-progress";
export const FETCH_PROGRESS = "fetch-progress";
export const FETCH_QUICK = "fetch-quick";
export const ARCHIVE_PROGRESS = "archive-progress";
export const SYNC_ROUND = "sync-round";
