//! The commands the window calls, one module per domain. Bindings only; logic lives in
//! `nacre::store` and `nacre::api`.

// Tauri hands every argument of a command over by value (State included).
#![allow(clippy::needless_pass_by_value)]

pub mod app;
pub mod archive;
mod blocking;
pub mod browser;
pub mod collections;
mod dialog;
pub mod edit;
pub mod export;
pub mod fetch;
pub mod find;
pub mod history;
pub mod import;
pub mod sync;
pub mod tree;
