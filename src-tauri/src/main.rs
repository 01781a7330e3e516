//! Starts Nacre's window; everything is in the library crate so that it stays testable.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// mimalloc, as the `nacre` tool: an import or an update from the window builds and drops as
/// many small strings as one from the tool (`cargo bench --bench export`, medians of three
/// alternate runs: the update of 10,000 pearls computed in 0.13 s with it, 0.23 s without).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    nacre_app_lib::run();
}
