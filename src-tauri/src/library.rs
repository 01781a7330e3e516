//! Which library the window opens: `NACRE_LIBRARY` if set (tests point it at a temporary file),
//! else the user's default library, the same one the command-line tool uses.

use std::path::PathBuf;

use nacre::Store;

/// Opens the library the window works on.
pub fn open() -> nacre::Result<Store> {
    let path = std::env::var_os("NACRE_LIBRARY")
        .filter(|p| !p.is_empty())
        .map_or_else(Store::default_library_path, PathBuf::from);
    Store::open(path)
}
