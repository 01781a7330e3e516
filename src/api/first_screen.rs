//! What an empty library's first screen offers: the browsers' bookmark files found on this
//! computer, each with how many bookmarks it holds ("Firefox, default profile: 1,234
//! bookmarks"), so that bringing bookmarks in is the first thing a newcomer sees.
//!
//! Counting is kept cheap: a Chrome-family file is only scanned for its bookmark entries and a
//! Firefox database answers one `count(*)`; only other files (Safari) are read whole. Nothing
//! is imported here.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::formats::browsers::{Browser, BrowserProfile, Places, find_profiles_in};

/// A browser profile with the number of bookmarks in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ProfileBookmarks {
    /// The profile and its bookmark file.
    pub profile: BrowserProfile,
    /// How many bookmarks (links) it holds; `None` when the file could not be read now (the
    /// import itself will say why).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub bookmarks: Option<u64>,
}

/// The profiles found for this user, each with its bookmark count.
pub fn profiles_with_counts() -> Vec<ProfileBookmarks> {
    profiles_with_counts_in(&Places::of_this_user())
}

/// The profiles found under `places`, each with its bookmark count.
pub fn profiles_with_counts_in(places: &Places) -> Vec<ProfileBookmarks> {
    find_profiles_in(places)
        .into_iter()
        .map(|profile| ProfileBookmarks {
            bookmarks: count_bookmarks(profile.browser, &profile.file),
            profile,
        })
        .collect()
}

/// How many bookmarks the bookmark file `file` of `browser` holds.
pub fn count_bookmarks(browser: Browser, file: &Path) -> Option<u64> {
    match browser {
        Browser::Firefox => count_in_places(file).or_else(|| count_by_reading(file)),
        Browser::Safari => count_by_reading(file),
        _ => {
            let bytes = std::fs::read(file).ok()?;
            Some(count_chromium_urls(&bytes))
        }
    }
}

/// The `"type": "url"` entries of a Chrome-family `Bookmarks` file (how Chrome writes every
/// bookmark), counted without parsing the JSON.
fn count_chromium_urls(bytes: &[u8]) -> u64 {
    // The standard library's substring search (two-way, and always built optimised).
    let text = String::from_utf8_lossy(bytes);
    let count = |needle: &str| text.matches(needle).count() as u64;
    count("\"type\": \"url\"") + count("\"type\":\"url\"")
}

/// One `count(*)` on a Firefox `places.sqlite`, opened read-only; `None` if Firefox holds it
/// locked or it is not such a database.
fn count_in_places(file: &Path) -> Option<u64> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.query_row(
        "SELECT count(*) FROM moz_bookmarks b JOIN moz_places p ON p.id = b.fk
         WHERE b.type = 1 AND p.url NOT LIKE 'place:%'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .ok()
    .and_then(|n| u64::try_from(n).ok())
}

/// Reads the file the way an import would and counts its links.
fn count_by_reading(file: &Path) -> Option<u64> {
    let tree = crate::formats::read_file(file).ok()?;
    u64::try_from(tree.count().links).ok()
}

#[cfg(test)]
mod tests {
    use super::count_chromium_urls;

    #[test]
    fn chromium_bookmarks_are_counted_in_either_spacing() {
        let file = br#"{"roots":{"bookmark_bar":{"children":[
            {"type": "url","url":"https://a.example/"},
            {"type":"url","url":"https://b.example/"},
            {"type": "folder","children":[{"type": "url","url":"https://c.example/"}]}]}}}"#;
        assert_eq!(count_chromium_urls(file), 3);
    }
}
