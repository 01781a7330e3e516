//! Bookmark file formats: one module per format, each an importer and/or exporter, all meeting
//! at [`tree`], the format-neutral tree of [`tree::Node`]s.
//!
//! Importers turn bytes into an [`tree::ImportedTree`] without touching the library; the store
//! then adds that tree in one transaction (`Store::import_tree`). Exporters turn a
//! [`tree::Node`] tree read from the library into bytes.

pub mod tree;
