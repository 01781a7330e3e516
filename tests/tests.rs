//! Integration tests of the core: one test binary, one module per area. The command-line
//! tool's tests live with it, in `cli/tests`.

// Shared set-up: temporary libraries and small trees.
mod common;

// The store: tree edits, order, trash.
mod store_edits;
// Undo and redo of every edit.
mod store_history;
// Search and duplicates.
mod store_search;
// Sorting a collection.
mod store_sort;
// Schema migrations and recognising libraries.
mod store_schema;
// Backups and two processes on one library.
mod store_safety;
// Random edit sequences keep the tree valid; undo restores exactly.
mod store_properties;
// Sharing a branch and importing it again.
mod roundtrip;
// Importing the real exports in ../shared/fixtures: counts, URLs and titles, file by file.
mod import_real;
// Every service's export (issue 15), one quirk-laden file of our own per reader.
mod import_services;
// Browser files that failed: Firefox 3 places.sqlite, Chromium HTML, writer names.
mod import_browser_files;
// Each quirk of bookmark files on a small fixture of our own.
mod import_quirks;
// The benchmark's generated collection against the generator's truth file.
mod import_generated;
// Page details: fetching against a real HTTP server on 127.0.0.1.
mod fetch;
mod fetch_health;
mod fetch_limits;
mod fetch_server;
mod sample_site;
// A library with every kind of pearl, and where the test data lives.
mod sample_library;
// Offline copies against a real HTTP server on 127.0.0.1, and search inside pages.
mod archive;
mod archive_search;
mod archive_site;
// What the window asks of offline copies, and a shared page that carries them.
mod archive_window;
// Exporting: Store::export_tree, the writers, the native format's errors, `nacre export`.
mod export;
// The native format round trip, property-tested.
mod export_native;
// The Netscape file Nacre writes reads back through Nacre's importer as the same tree.
mod export_netscape;
// One file for everyone: the page carries the native tree, credit and provenance (issue 13).
mod share_page;
// Updating a copy from a newer version of its tree: three-way merge, undo, dry run.
mod share_update;
// Picking from an imported tree into one's own: copies with provenance, aliases, updates after.
mod share_pick;
// Sibling order in updates: the curator's reorderings merged three ways.
mod share_reorder;
// Following a collection: the Atom feed read back by feed-rs, the static site.
mod share_follow;
// Who else pearled it: other places of a page, trees sharing links.
mod share_related;
// What the window asks of the store.
mod window_queries;
// What the window's import, export and fetch screens ask of the store.
mod window_io;
// What the newcomer's window asks of the core (issue 11).
mod learnable;
// Sync through a shared folder (issue 12): what merges how, files the folder must survive.
mod sync;
// Three devices, random edits and rounds: they converge and lose nothing.
mod sync_properties;
