//! Generates the Tauri context (config, capabilities, icons) at build time.
//!
//! The context embeds `ui/dist`, which only exists once the front end has been built. So that a
//! plain `cargo build`/`clippy --workspace` works in a fresh clone, a missing `ui/dist` gets a
//! placeholder page that says how to build the real window (`tauri build` replaces it).

use std::path::Path;

fn main() {
    let dist = Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        let page = "<!doctype html><meta charset=\"utf-8\"><title>Nacre</title>\
            <p>This build has no window contents. Build the app with <code>scripts/run.sh</code> \
            or <code>ui/node_modules/.bin/tauri build</code>.</p>\n";
        if let Err(e) = std::fs::create_dir_all(dist)
            .and_then(|()| std::fs::write(dist.join("index.html"), page))
        {
            println!("cargo::warning=could not write a placeholder ui/dist: {e}");
        }
    }
    tauri_build::build();
}
