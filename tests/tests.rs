//! The integration tests: one binary, one module per area.

mod export; // exporting: Store::export_tree, the writers, the native format, `nacre export`
mod export_native; // the native format round trip, property-tested
