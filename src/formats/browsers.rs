//! Finding the browsers' own bookmark files on this computer: Firefox profiles (from
//! `profiles.ini`, the install's default first), Chrome-family profiles (Chrome, Chromium, Edge,
//! Brave, Vivaldi; names from `Local State`; `Bookmarks` and `AccountBookmarks`), and Safari,
//! on Linux (including snap and flatpak installs), macOS and Windows.
//!
//! It only looks: nothing is read beyond the small files that name profiles.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// A browser Nacre can import from directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Browser {
    /// Mozilla Firefox.
    Firefox,
    /// Google Chrome.
    Chrome,
    /// Chromium.
    Chromium,
    /// Microsoft Edge.
    Edge,
    /// Brave.
    Brave,
    /// Vivaldi.
    Vivaldi,
    /// Apple Safari.
    Safari,
}

impl Browser {
    /// Every browser, in the order they are offered.
    pub const ALL: [Browser; 7] = [
        Browser::Firefox,
        Browser::Chrome,
        Browser::Chromium,
        Browser::Edge,
        Browser::Brave,
        Browser::Vivaldi,
        Browser::Safari,
    ];

    /// The word used on the command line (`--from chrome`).
    pub fn id(self) -> &'static str {
        match self {
            Browser::Firefox => "firefox",
            Browser::Chrome => "chrome",
            Browser::Chromium => "chromium",
            Browser::Edge => "edge",
            Browser::Brave => "brave",
            Browser::Vivaldi => "vivaldi",
            Browser::Safari => "safari",
        }
    }

    /// The browser a command-line word names.
    pub fn from_id(id: &str) -> Option<Browser> {
        Browser::ALL
            .into_iter()
            .find(|b| b.id().eq_ignore_ascii_case(id))
    }

    /// Its name for people.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Firefox => "Firefox",
            Browser::Chrome => "Chrome",
            Browser::Chromium => "Chromium",
            Browser::Edge => "Edge",
            Browser::Brave => "Brave",
            Browser::Vivaldi => "Vivaldi",
            Browser::Safari => "Safari",
        }
    }
}

/// One profile's bookmark file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BrowserProfile {
    /// The browser.
    pub browser: Browser,
    /// The profile's name as the browser shows it ("default-release", "Person 1", "Work").
    pub profile: String,
    /// The bookmark file to import.
    pub file: PathBuf,
    /// Whether it is the browser's default profile.
    pub is_default: bool,
}

/// The folders browsers keep their profiles in, for one user.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// The home folder.
    pub home: PathBuf,
    /// Roaming application data (Windows `%APPDATA%`).
    pub roaming: Option<PathBuf>,
    /// Local application data (Windows `%LOCALAPPDATA%`).
    pub local: Option<PathBuf>,
}

impl Places {
    /// This user's folders.
    pub fn of_this_user() -> Places {
        Places {
            home: dirs::home_dir().unwrap_or_default(),
            roaming: cfg!(windows).then(dirs::config_dir).flatten(),
            local: cfg!(windows).then(dirs::data_local_dir).flatten(),
        }
    }
}

/// Every browser profile with bookmarks found for this user.
pub fn find_profiles() -> Vec<BrowserProfile> {
    find_profiles_in(&Places::of_this_user())
}

/// Every browser profile with bookmarks found under `places`.
pub fn find_profiles_in(places: &Places) -> Vec<BrowserProfile> {
    let mut found = Vec::new();
    for dir in firefox_dirs(places) {
        found.extend(firefox_profiles(&dir));
    }
    for (browser, dir) in chromium_dirs(places) {
        found.extend(chromium_profiles(browser, &dir));
    }
    let safari = places.home.join("Library/Safari/Bookmarks.plist");
    if safari.is_file() {
        found.push(BrowserProfile {
            browser: Browser::Safari,
            profile: "default".to_owned(),
            file: safari,
            is_default: true,
        });
    }
    found.dedup_by(|a, b| a.file == b.file);
    found
}

fn firefox_dirs(p: &Places) -> Vec<PathBuf> {
    let h = &p.home;
    let mut dirs = vec![
        h.join(".mozilla/firefox"),
        h.join("snap/firefox/common/.mozilla/firefox"),
        h.join(".var/app/org.mozilla.firefox/.mozilla/firefox"),
        h.join("Library/Application Support/Firefox"),
    ];
    if let Some(r) = &p.roaming {
        dirs.push(r.join("Mozilla/Firefox"));
    }
    dirs
}

fn chromium_dirs(p: &Places) -> Vec<(Browser, PathBuf)> {
    let h = &p.home;
    let mut dirs = vec![
        (Browser::Chrome, h.join(".config/google-chrome")),
        (Browser::Chromium, h.join(".config/chromium")),
        (Browser::Chromium, h.join("snap/chromium/common/chromium")),
        (
            Browser::Chromium,
            h.join(".var/app/org.chromium.Chromium/config/chromium"),
        ),
        (Browser::Edge, h.join(".config/microsoft-edge")),
        (
            Browser::Brave,
            h.join(".config/BraveSoftware/Brave-Browser"),
        ),
        (Browser::Vivaldi, h.join(".config/vivaldi")),
    ];
    let mac = h.join("Library/Application Support");
    dirs.extend([
        (Browser::Chrome, mac.join("Google/Chrome")),
        (Browser::Chromium, mac.join("Chromium")),
        (Browser::Edge, mac.join("Microsoft Edge")),
        (Browser::Brave, mac.join("BraveSoftware/Brave-Browser")),
        (Browser::Vivaldi, mac.join("Vivaldi")),
    ]);
    if let Some(l) = &p.local {
        dirs.extend([
            (Browser::Chrome, l.join("Google/Chrome/User Data")),
            (Browser::Chromium, l.join("Chromium/User Data")),
            (Browser::Edge, l.join("Microsoft/Edge/User Data")),
            (
                Browser::Brave,
                l.join("BraveSoftware/Brave-Browser/User Data"),
            ),
            (Browser::Vivaldi, l.join("Vivaldi/User Data")),
        ]);
    }
    dirs
}

/// `profiles.ini`'s sections as (section name, key/value pairs).
fn read_ini(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push((name.to_owned(), Vec::new()));
        } else if let Some((k, v)) = line.split_once('=')
            && let Some((_, pairs)) = sections.last_mut()
        {
            pairs.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    sections
}

fn firefox_profiles(dir: &Path) -> Vec<BrowserProfile> {
    let Ok(text) = std::fs::read_to_string(dir.join("profiles.ini")) else {
        return Vec::new();
    };
    let sections = read_ini(&text);
    let get = |pairs: &[(String, String)], key: &str| {
        pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    // The install's default (what Firefox opens) wins over the old Default=1 flag.
    let install_default: Option<String> = sections
        .iter()
        .filter(|(s, _)| s.starts_with("Install"))
        .find_map(|(_, p)| get(p, "Default"));
    let mut out = Vec::new();
    for (section, pairs) in &sections {
        if !section.starts_with("Profile") {
            continue;
        }
        let Some(path) = get(pairs, "Path") else {
            continue;
        };
        let relative = get(pairs, "IsRelative").is_none_or(|v| v != "0");
        let folder = if relative {
            dir.join(&path)
        } else {
            PathBuf::from(&path)
        };
        let file = folder.join("places.sqlite");
        if !file.is_file() {
            continue;
        }
        let is_default = match &install_default {
            Some(d) => *d == path,
            None => get(pairs, "Default").as_deref() == Some("1"),
        };
        out.push(BrowserProfile {
            browser: Browser::Firefox,
            profile: get(pairs, "Name").unwrap_or(path),
            file,
            is_default,
        });
    }
    out.sort_by_key(|p| !p.is_default);
    out
}

fn chromium_profiles(browser: Browser, dir: &Path) -> Vec<BrowserProfile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let names: serde_json::Value = std::fs::read(dir.join("Local State"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let last_used = names
        .pointer("/profile/last_used")
        .and_then(|v| v.as_str())
        .unwrap_or("Default")
        .to_owned();
    let mut folders: Vec<String> = entries
        .filter_map(std::result::Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n == "Default" || n.starts_with("Profile ") || n == "Guest Profile")
        .collect();
    folders.sort();
    let mut out = Vec::new();
    for folder in folders {
        let display = names
            .pointer(&format!(
                "/profile/info_cache/{}/name",
                folder.replace('~', "~0").replace('/', "~1")
            ))
            .and_then(|v| v.as_str())
            .map_or_else(|| folder.clone(), str::to_owned);
        for file_name in ["Bookmarks", "AccountBookmarks"] {
            let file = dir.join(&folder).join(file_name);
            if file.is_file() {
                let profile = if file_name == "Bookmarks" {
                    display.clone()
                } else {
                    format!("{display} (account)")
                };
                out.push(BrowserProfile {
                    browser,
                    profile,
                    file,
                    is_default: folder == last_used,
                });
            }
        }
    }
    out.sort_by_key(|p| !p.is_default);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_firefox_installs_default_profile_wins_over_the_old_default_flag() {
        let home = tempfile::tempdir().unwrap();
        let ff = home.path().join(".mozilla/firefox");
        for p in ["abc.default", "xyz.default-release"] {
            std::fs::create_dir_all(ff.join(p)).unwrap();
            std::fs::write(ff.join(p).join("places.sqlite"), b"").unwrap();
        }
        std::fs::write(
            ff.join("profiles.ini"),
            "[Install4F96D1932A9F858E]\nDefault=xyz.default-release\nLocked=1\n\n\
             [Profile1]\nName=default\nIsRelative=1\nPath=abc.default\nDefault=1\n\n\
             [Profile0]\nName=default-release\nIsRelative=1\nPath=xyz.default-release\n\n\
             [Profile2]\nName=gone\nIsRelative=1\nPath=missing.profile\n",
        )
        .unwrap();
        let found = find_profiles_in(&Places {
            home: home.path().to_owned(),
            ..Places::default()
        });
        let names: Vec<(&str, bool)> = found
            .iter()
            .map(|p| (p.profile.as_str(), p.is_default))
            .collect();
        assert_eq!(
            names,
            [("default-release", true), ("default", false)],
            "a profile without places.sqlite is left out"
        );
        assert!(found[0].file.ends_with("xyz.default-release/places.sqlite"));
    }
}
