//! Bringing bookmarks in, as every shell does it: read a file (or dropped bytes, or a browser's
//! own profile) with progress and cancel, show its preview, keep the tree read until the user
//! says go, then add it as one new collection in one undoable step.
//!
//! [`PendingImport`] is the state between the preview and the commit, owned by the core so that
//! a shell only holds one (the window keeps it in its state; the tool reads and commits at once).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::formats::browsers::{self, Browser, BrowserProfile};
use crate::formats::preview::{Preview, preview};
use crate::formats::tree::ImportedTree;
use crate::formats::{ReadOptions, UnitsDone, read_bytes_with, read_file_with};
use crate::model::PearlId;
use crate::store::{ImportReport, Store};

/// What the window shows before an import is committed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportPreview {
    /// The file read (or the browser profile's file).
    pub file: String,
    /// The title the new collection gets unless the user types another.
    pub title: String,
    /// The tree of collections with counts.
    pub preview: Preview,
}

impl ImportPreview {
    /// The preview of `tree`, read from `file`, with its [`default_title`].
    pub fn of(file: &Path, tree: &ImportedTree) -> ImportPreview {
        ImportPreview {
            file: file.display().to_string(),
            title: default_title(tree),
            preview: preview(tree),
        }
    }
}

/// Where a long import stands, as the window's progress bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportProgress {
    /// [`Phase::Read`] while the file is read, [`Phase::Add`] while the pearls go in.
    pub phase: Phase,
    /// Units done (bytes read, or pearls added).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    /// Units in all.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
}

/// The two phases of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Phase {
    /// The file is being read (units: bytes).
    Read,
    /// The pearls are going into the library (units: pearls).
    Add,
}

/// The title an import's collection gets unless the user names it: the source's name and today's
/// date.
pub fn default_title(tree: &ImportedTree) -> String {
    let today = time::OffsetDateTime::now_utc().date();
    crate::formats::source_name::import_title(&tree.source, today)
}

/// Reads the bookmark file at `path` (its format found from its content).
///
/// # Errors
/// [`Error::Io`], [`Error::BadBookmarkFile`], [`Error::Cancelled`].
pub fn read_file(path: &Path, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    read_file_with(path, options)
}

/// Reads the bookmarks of a browser on this computer: `browser` by its id (`firefox`, `chrome`,
/// ...), `profile` by name or else the browser's default profile. The tree's source names the
/// browser, and the profile when it has a name of its own ("Firefox bookmarks", "Chromium
/// bookmarks (Work)").
///
/// # Errors
/// [`Error::Invalid`] naming the browsers or the profiles found, and as [`read_file`].
pub fn read_browser(
    browser: &str,
    profile: Option<&str>,
    options: &ReadOptions<'_>,
) -> Result<(BrowserProfile, ImportedTree)> {
    let found = find_profile(browser, profile)?;
    let mut tree = read_file_with(&found.file, options)?;
    let generic = ["default", "default-release", "default-esr"];
    tree.source = if generic.contains(&found.profile.to_ascii_lowercase().as_str()) {
        format!("{} bookmarks", found.browser.name())
    } else {
        format!("{} bookmarks ({})", found.browser.name(), found.profile)
    };
    Ok((found, tree))
}

/// The profile of `browser` named `profile` (or its default one) among those on this computer.
///
/// # Errors
/// [`Error::Invalid`] for an unknown browser, a browser with no bookmarks here, or an unknown
/// profile (naming the ones found).
pub fn find_profile(browser: &str, profile: Option<&str>) -> Result<BrowserProfile> {
    let wanted = Browser::from_id(browser).ok_or_else(|| {
        Error::Invalid(format!(
            "unknown browser {browser:?}; use one of: {}",
            Browser::ALL.map(Browser::id).join(", ")
        ))
    })?;
    let found: Vec<BrowserProfile> = browsers::find_profiles()
        .into_iter()
        .filter(|p| p.browser == wanted)
        .collect();
    let chosen = match profile {
        Some(name) => found.iter().find(|p| p.profile.eq_ignore_ascii_case(name)),
        None => found.iter().find(|p| p.is_default).or(found.first()),
    };
    chosen.cloned().ok_or_else(|| {
        let names: Vec<&str> = found.iter().map(|p| p.profile.as_str()).collect();
        Error::Invalid(match (profile, names.is_empty()) {
            (_, true) => format!("no {} bookmarks found on this computer", wanted.name()),
            (Some(n), false) => format!(
                "no {} profile named {n:?}; found: {}",
                wanted.name(),
                names.join(", ")
            ),
            (None, false) => format!("no {} profile found", wanted.name()),
        })
    })
}

/// Adds `tree` as a new collection titled `title` (or its [`default_title`]) at the end of
/// `into`: one transaction, one undoable step.
///
/// # Errors
/// As [`Store::import_tree_with`].
pub fn commit(
    store: &Store,
    tree: &ImportedTree,
    into: PearlId,
    title: Option<&str>,
    options: &ReadOptions<'_>,
) -> Result<ImportReport> {
    let title = title.map_or_else(|| default_title(tree), str::to_owned);
    store.import_tree_with(tree, into, &title, options)
}

/// The import a shell has previewed and not yet committed, and the cancel flag of the read or
/// the commit running now. One per window.
#[derive(Default)]
pub struct PendingImport {
    tree: Mutex<Option<ImportedTree>>,
    cancel: AtomicBool,
}

impl PendingImport {
    /// Reads `path` (progress as [`Phase::Read`]), keeps the tree for [`PendingImport::commit`]
    /// and returns its preview.
    ///
    /// # Errors
    /// As [`read_file`].
    pub fn read_file(
        &self,
        path: &Path,
        on_progress: &(dyn Fn(ImportProgress) + Sync),
    ) -> Result<ImportPreview> {
        self.read_then_hold(path, on_progress, |options| read_file(path, options))
    }

    /// Reads the bookmarks of one browser profile on this computer (see [`read_browser`]: the
    /// source names the browser and the profile), keeps the tree and returns its preview.
    ///
    /// # Errors
    /// As [`read_browser`].
    pub fn read_browser(
        &self,
        browser: &str,
        profile: &str,
        on_progress: &(dyn Fn(ImportProgress) + Sync),
    ) -> Result<ImportPreview> {
        let found = find_profile(browser, Some(profile))?;
        self.read_then_hold(&found.file, on_progress, |options| {
            read_browser(browser, Some(profile), options).map(|(_, tree)| tree)
        })
    }

    /// Reads a file's `bytes` (a file dropped on the window, whose path is unknown) named
    /// `name`, keeps the tree and returns its preview.
    ///
    /// # Errors
    /// As [`read_file`].
    pub fn read_bytes(
        &self,
        bytes: &[u8],
        name: &str,
        on_progress: &(dyn Fn(ImportProgress) + Sync),
    ) -> Result<ImportPreview> {
        self.read_then_hold(Path::new(name), on_progress, |options| {
            read_bytes_with(bytes, name, options)
        })
    }

    fn read_then_hold(
        &self,
        file: &Path,
        on_progress: &(dyn Fn(ImportProgress) + Sync),
        read: impl FnOnce(&ReadOptions<'_>) -> Result<ImportedTree>,
    ) -> Result<ImportPreview> {
        let tree = self.with_progress(Phase::Read, on_progress, read)?;
        let preview = ImportPreview::of(&PathBuf::from(file), &tree);
        if let Ok(mut slot) = self.tree.lock() {
            *slot = Some(tree);
        }
        Ok(preview)
    }

    /// Adds the previewed tree as a new collection titled `title` at the end of `into`
    /// (progress as [`Phase::Add`]).
    ///
    /// # Errors
    /// [`Error::Invalid`] when no import is waiting, and as [`commit`].
    pub fn commit(
        &self,
        store: &Store,
        into: PearlId,
        title: &str,
        on_progress: &(dyn Fn(ImportProgress) + Sync),
    ) -> Result<ImportReport> {
        let tree = self.take_waiting()?;
        self.with_progress(Phase::Add, on_progress, |options| {
            commit(store, &tree, into, Some(title), options)
        })
    }

    /// Runs `f` on the previewed tree, if one waits (what `share::waiting_update_offer` asks).
    ///
    /// # Errors
    /// As `f`.
    pub fn with_waiting<T>(
        &self,
        f: impl FnOnce(&ImportedTree) -> Result<Option<T>>,
    ) -> Result<Option<T>> {
        match self.tree.lock().ok().as_deref().and_then(Option::as_ref) {
            Some(tree) => f(tree),
            None => Ok(None),
        }
    }

    /// Takes the previewed tree out, for a commit.
    fn take_waiting(&self) -> Result<ImportedTree> {
        self.tree
            .lock()
            .ok()
            .and_then(|mut slot| slot.take())
            .ok_or_else(|| {
                Error::Invalid("no import is waiting: read a bookmark file first".to_owned())
            })
    }

    /// Updates the copy `copy` from the previewed tree (instead of importing it anew), as one
    /// undoable edit.
    ///
    /// # Errors
    /// [`Error::Invalid`] when no import is waiting, and as [`Store::update_copy`].
    pub fn commit_update(
        &self,
        store: &Store,
        copy: PearlId,
    ) -> Result<crate::store::UpdateReport> {
        let tree = self.take_waiting()?;
        store.update_copy(&tree, copy, false)
    }

    /// Stops the read or the commit running now (a commit is rolled back whole) and forgets a
    /// previewed tree.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
        if let Ok(mut slot) = self.tree.lock() {
            *slot = None;
        }
    }

    fn with_progress<T>(
        &self,
        phase: Phase,
        on_progress: &(dyn Fn(ImportProgress) + Sync),
        work: impl FnOnce(&ReadOptions<'_>) -> Result<T>,
    ) -> Result<T> {
        self.cancel.store(false, Ordering::SeqCst);
        let report = |p: UnitsDone| {
            on_progress(ImportProgress {
                phase,
                done: p.done,
                total: p.total,
            });
        };
        work(&ReadOptions {
            on_progress: Some(&report),
            cancel: Some(&self.cancel),
        })
    }
}
