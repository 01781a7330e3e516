//! Sorting a collection: by title, newest first, or by site. A section heading stays where it
//! is and sorts what follows it up to the next one (as browsers sort around separators), and
//! collections come before the other pearls. One undoable edit; a collection already in that
//! order is left alone and nothing is recorded.

use icu_normalizer::DecomposingNormalizerBorrowed;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::sibling_keys::park;
use super::tree::children;
use super::{Store, order_key, rows};
use crate::error::Result;
use crate::model::{Pearl, PearlId, PearlKind};

/// An order to sort a collection in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum SortBy {
    /// A to Z by the title shown, ignoring case and accents.
    Title,
    /// The pearls added last first.
    Newest,
    /// By the link's site (its host, without `www.`), then by title.
    Site,
}

impl SortBy {
    /// The order in words, for the undo label: "by title", "newest first", "by site".
    pub fn words(self) -> &'static str {
        match self {
            SortBy::Title => "by title",
            SortBy::Newest => "newest first",
            SortBy::Site => "by site",
        }
    }

    /// The order named `name` on the command line (`title`, `newest`, `site`).
    pub fn from_name(name: &str) -> Option<SortBy> {
        match name {
            "title" => Some(SortBy::Title),
            "newest" => Some(SortBy::Newest),
            "site" => Some(SortBy::Site),
            _ => None,
        }
    }
}

/// Text to compare titles by: lower case, accents taken off ("École" sorts as "ecole").
pub(crate) fn folded(text: &str) -> String {
    DecomposingNormalizerBorrowed::new_nfd()
        .normalize(text)
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A link's site: its host without `www.`; empty for other pearls.
fn site(pearl: &Pearl) -> String {
    pearl
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_owned())
        })
        .unwrap_or_default()
}

/// Collections (and aliases of them) before the other pearls.
fn group(pearl: &Pearl) -> u8 {
    match pearl.kind {
        PearlKind::Collection | PearlKind::Alias => 0,
        _ => 1,
    }
}

/// The pearls of one collection, in order, sorted `by` within each run between sections.
pub(crate) fn sorted(pearls: &[Pearl], by: SortBy) -> Vec<PearlId> {
    // A note has no title: its text stands for one.
    let shown = |p: &Pearl| {
        if p.kind == PearlKind::Note {
            p.note.clone()
        } else {
            p.display_title().to_owned()
        }
    };
    let key = |p: &Pearl| (folded(&shown(p)), site(p));
    let mut out = Vec::with_capacity(pearls.len());
    for run in pearls.split_inclusive(|p| p.kind == PearlKind::Section) {
        let (items, section) = match run.split_last() {
            Some((last, rest)) if last.kind == PearlKind::Section => (rest, Some(last)),
            _ => (run, None),
        };
        let mut keyed: Vec<(&Pearl, (String, String))> =
            items.iter().map(|p| (p, key(p))).collect();
        keyed.sort_by(|(a, ka), (b, kb)| {
            let within = match by {
                SortBy::Title => ka.0.cmp(&kb.0),
                SortBy::Newest => b.created_at.cmp(&a.created_at),
                SortBy::Site => ka.1.cmp(&kb.1).then_with(|| ka.0.cmp(&kb.0)),
            };
            group(a)
                .cmp(&group(b))
                .then(within)
                .then_with(|| a.display_title().cmp(b.display_title()))
        });
        out.extend(keyed.into_iter().map(|(p, _)| p.id));
        out.extend(section.map(|s| s.id));
    }
    out
}

impl Store {
    /// Sorts the pearls of the collection `parent` `by` an order, as one undoable edit
    /// ("Sort “Research” by title"). Returns whether anything moved: a collection already in
    /// that order is left alone and nothing is recorded.
    ///
    /// # Errors
    /// [`crate::Error::PearlNotFound`]; [`crate::Error::Invalid`] if `parent` is not a
    /// collection in the tree.
    pub fn sort_collection(&self, parent: PearlId, by: SortBy) -> Result<bool> {
        let name = if parent == self.root_id() {
            "the top".to_owned()
        } else {
            format!(
                "“{}”",
                self.read(|conn| Ok(rows::pearl(conn, parent)?.title))?
            )
        };
        self.edit(&format!("Sort {name} {}", by.words()), |tx, rec| {
            self.check_target_collection(tx, parent)?;
            let pearls = children(tx, parent)?;
            let order = sorted(&pearls, by);
            if order.iter().eq(pearls.iter().map(|p| &p.id)) {
                // Already in that order: nothing is touched, so nothing is recorded.
                return Ok(false);
            }
            let keys = order_key::n_between(None, None, order.len())?;
            for &id in &order {
                rec.touch(tx, id)?;
                park(tx, id)?;
            }
            for (id, key) in order.iter().zip(keys) {
                tx.prepare_cached("UPDATE pearls SET order_key = ?1 WHERE id = ?2")?
                    .execute(params![key, id.0])?;
            }
            Ok(true)
        })
    }
}
