//! Tests of the `nacre` command-line tool, run as a user runs it: a real process on a real
//! library file. Set-up shared with the core's tests comes from `../../tests`.

// Shared with the core's tests: temporary libraries, a sample library, the test HTTP server
// and the pages it serves.
#[allow(dead_code)] // shared: the tool's tests use only part of it
#[path = "../../tests/archive_site.rs"]
mod archive_site;
#[allow(dead_code)] // shared: the tool's tests use only part of it
#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../../tests/fetch_server.rs"]
#[allow(dead_code)] // shared: the tool's tests use only part of it
mod fetch_server;
#[path = "../../tests/sample_library.rs"]
#[allow(dead_code)] // shared: the tool's tests use only part of it
mod sample_library;
#[path = "../../tests/sample_site.rs"]
#[allow(dead_code)] // shared: the tool's tests use only part of it
mod sample_site;

// `nacre archive` and `nacre read`.
mod archive_cli;
// A small tree built, listed, edited, trashed and restored.
mod cli;
// Every subcommand's --json fields, held against the recorded list.
mod cli_json;
// `nacre export`: a file, standard output, what a format left out.
mod export_cli;
// `nacre fetch` and `nacre check` against a real server.
mod fetch_cli;
// `nacre import`: report, preview, errors, browser profiles, a kill mid-import.
mod import_cli;
// `nacre pick`: copies and aliases from an imported tree, updates after, bad picks.
mod pick_cli;
// Four processes writing one library at once.
mod processes;
// `nacre sync`: two libraries meeting in one folder.
mod sync_cli;
