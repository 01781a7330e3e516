//! Nacre's core: the pearl library and everything that is not a window.
//!
//! # Brief overview
//!
//! A library is one SQLite file holding one tree of pearls ([`model::Pearl`]): collections that
//! hold other pearls, links, notes, section headings, and aliases of collections. [`Store`]
//! opens the file and offers every way to read and change the tree; every change is one
//! transaction and one undoable step. [`formats`] reads and writes bookmark files.
//!
//! ```
//! use nacre::{LinkUrl, NewPearl, Placement, Store};
//!
//! # let dir = tempfile::tempdir().unwrap();
//! let store = Store::open(dir.path().join("library.sqlite"))?;
//! let rust = store.create(store.root_id(), Placement::End, &NewPearl::collection("Rust")?)?;
//! let url = LinkUrl::parse("https://www.rust-lang.org/")?;
//! store.create(rust.id, Placement::End, &NewPearl::link(url, "Rust")?)?;
//! assert_eq!(store.search("rust", 10)?.len(), 2);
//! store.undo()?;
//! assert_eq!(store.children(rust.id)?.len(), 0);
//! # Ok::<(), nacre::Error>(())
//! ```
//!
//! The core never depends on Tauri: the window (`src-tauri`) and the command-line tool
//! (`cli/`) are both thin layers over this crate.

#![deny(missing_docs)]
#![warn(clippy::unwrap_used)]

pub mod api;
pub mod archive;
pub mod error;
pub mod fetch;
pub mod formats;
pub mod model;
mod pearl_id;
pub mod provenance;
pub mod store;
pub mod sync;

pub use error::{Error, ErrorCode, Result};
pub use model::{LinkUrl, Pearl, PearlId, PearlKind, Tag};
pub use provenance::Provenance;
pub use store::{NewPearl, PearlUpdate, Placement, SortBy, Store};
