//! The use cases: whole user steps that every shell (the window, the command-line tool, the
//! browser host) calls, and the shapes they answer with. None of the shells repeats them.
//!
//! - [`capture`]: saving from the browser (a page, a note, all tabs), looking a page up, and
//!   finding collections by name.
//! - [`browser_hosts`]: registering the native messaging host with the browsers
//!   (`nacre browser install|status|uninstall`).
//! - [`live`]: noticing other processes' writes, for the live window.
//! - [`deep_link`]: `nacre://` links, which only show a pearl.

pub mod browser_hosts;
pub mod capture;
pub mod deep_link;
pub mod live;

pub use capture::{find_collections, lookup, save, save_note, save_tabs};
