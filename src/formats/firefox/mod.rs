//! Firefox's own files: JSON backups (`.json`, and the automatic `.jsonlz4` in
//! `bookmarkbackups/`) in `json`, and the live `places.sqlite` in `places`.
//!
//! Both share the rules here: the menu, toolbar, other ("unfiled") and mobile roots become named
//! collections; the tags root is not a collection, its folders become the bookmarks' tags.
//! Separators become sections, `place:` queries are skipped, descriptions (the
//! `bookmarkProperties/description` annotation) become notes. Dates are PRTime (microseconds
//! since 1970).

mod json;
mod places;

pub use json::{parse_json, parse_jsonlz4};
pub use places::{parse_places_bytes, parse_places_file};

/// The magic at the start of a `.jsonlz4` file.
pub(crate) const MOZLZ4_MAGIC: &[u8] = b"mozLz40\0";

/// The name of a Firefox root, by its `root` word (JSON) or guid (database).
fn root_title(root: &str) -> Option<&'static str> {
    Some(match root {
        "bookmarksMenuFolder" | "menu________" => "Bookmarks menu",
        "toolbarFolder" | "toolbar_____" => "Bookmarks toolbar",
        "unfiledBookmarksFolder" | "unfiled_____" => "Other bookmarks",
        "mobileFolder" | "mobile______" => "Mobile bookmarks",
        _ => return None,
    })
}
