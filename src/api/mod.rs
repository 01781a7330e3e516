//! The use cases: what a user does, as whole steps, for every shell (the window in `src-tauri`,
//! the `nacre` tool in `cli`, the browser's native messaging host), and the shapes the shells
//! show. A shell parses its input, calls one function here, and shows the result; none repeats
//! these steps.
//!
//! - [`archive`]: offline copies from the window: keep them with progress and cancel, the
//!   setting for new links, the reader view's copy, the sandboxed snapshot view's protocol;
//! - [`export`]: export a branch to a file and report it;
//! - [`fetch`]: fetch new links' titles, refresh the details of a branch with progress and cancel;
//! - [`import`]: read a file or a browser's profile with a preview, keep it pending, commit it;
//! - [`details`]: what a link's page said, favicons for the window;
//! - [`tree_items`]: the window's tree rows, drafts and edits;
//! - [`resolve`]: a pearl named by `#id` or by path;
//! - [`pick`]: picking pearls or branches of an imported tree into one's own (a copy keeping
//!   its provenance, or an alias that follows the curator's version);
//! - [`share`]: a newer version of a shared tree: the offer, the update in place (or as new);
//! - [`events`]: the names of the events the window hears;
//! - [`capture`]: saving from the browser (a page, a note, all tabs), looking a page up, and
//!   finding collections by name;
//! - [`browser_hosts`]: registering the native messaging host with the browsers;
//! - [`live`]: noticing other processes' writes, for the live window;
//! - [`deep_link`]: `nacre://` links, which only show a pearl;
//! - [`first_screen`]: the browsers' profiles with their bookmark counts, for an empty library;
//! - [`sync`]: one library on several computers, through a shared folder;
//! - [`sync_rounds`]: syncing by itself in an open window: when a round runs, the one loop
//!   that runs them, the watch on the folder.
//!
//! The arrows run down only: `api` uses `store`, `sync`, `formats`, `fetch` and `archive`; none of them uses
//! `api`.

pub mod archive;
pub mod browser_hosts;
pub mod capture;
pub mod deep_link;
pub mod details;
pub mod events;
pub mod export;
pub mod fetch;
pub mod first_screen;
pub mod import;
pub mod live;
pub mod pick;
pub mod resolve;
pub mod share;
pub mod sync;
pub mod sync_rounds;
pub mod tree_items;

pub use capture::{find_collections, lookup, save, save_note, save_tabs};
pub use export::{ExportReport, export_branch};
pub use import::{ImportPreview, ImportProgress, PendingImport};
pub use resolve::resolve_pearl;
pub use tree_items::{ChildList, LibraryInfo, NOTE_START, PearlDraft, PearlEdit, TreeItem};
