//! Use cases the shells share, as whole steps over the store and the formats: finding a
//! collection by what the user types (the "Move to…" picker), where a link is already saved,
//! the browsers' bookmark files with their sizes for the first screen, and sharing a branch
//! as a file.
//!
//! It owns no storage of its own: every step reads or writes through [`crate::Store`] and
//! [`crate::formats`].

pub mod collections;
pub mod first_screen;
pub mod saved_copies;
pub mod share;
