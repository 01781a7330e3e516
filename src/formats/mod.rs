//! Bookmark file formats: one module per format, each an importer and/or exporter, all meeting
//! at [`tree`], the format-neutral tree of [`tree::Node`]s.
//!
//! Importers turn bytes into an [`tree::ImportedTree`] without touching the library; the store
//! then adds that tree in one transaction (`Store::import_tree`). Exporters turn a
//! [`tree::Node`] tree read from the library (`Store::export_tree`) into bytes; [`export`] names
//! the formats and writes any of them.

pub mod export;
pub mod markdown;
pub mod native;
pub mod netscape_write;
pub mod opml_write;
pub mod page;
pub mod tree;
