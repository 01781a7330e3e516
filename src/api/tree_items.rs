//! The window's tree rows and the plain shapes it sends: the library's landmarks, collections' pearls as light [`TreeItem`]s (one collection or
//! many in one read), the chain of collections above a pearl (to reveal it in the tree), and
//! drafts and edits in the plain shapes the window sends. Each item says which imported copies
//! it stands in and which one a drag out of it would pick it from.
//!
//! Nothing here writes on its own: drafts and edits are checked into [`NewPearl`] and
//! [`PearlUpdate`] and go through [`Store::create`] and [`Store::update`].

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{LinkUrl, Pearl, PearlId, PearlKind, Tag};
use crate::provenance::Provenance;
use crate::store::pick::{copies_around, from_tree_in};
use crate::store::tree::{ancestry, children};
use crate::store::{NewPearl, PearlUpdate, Placement, Store};

/// The library's file and the two pearls every library has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LibraryInfo {
    /// The library file.
    pub path: String,
    /// The top of the tree.
    pub root: PearlId,
    /// The trash.
    pub trash: PearlId,
    /// The Inbox, where captures land when no collection is chosen.
    pub inbox: PearlId,
}

/// What the window's tree and collection views show of a pearl: a [`Pearl`] without its
/// tags, dates and the rest of a long note, so that a collection of 10,000 pearls crosses to
/// the window quickly. Field names and meanings are those of [`Pearl`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TreeItem {
    /// Its id.
    pub id: PearlId,
    /// What it is.
    pub kind: PearlKind,
    /// The collection it hangs in.
    pub parent_id: Option<PearlId>,
    /// The title to show (see [`Pearl::title`]).
    pub title: String,
    /// For a link, its URL.
    pub url: Option<String>,
    /// The start of its note, at most [`NOTE_START`] characters: enough for a line of it.
    pub note: String,
    /// For a collection, how many pearls hang directly in it.
    pub child_count: u32,
    /// The imported copies of shared trees it stands in, nearest first (itself first if it is
    /// one's top); empty for most pearls.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<PearlId>>", optional))]
    pub copies: Vec<PearlId>,
    /// The imported copy a drag out of it would pick it from: set for the pearls inside a copy
    /// (not its top, nor what was picked already, which is the user's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pick_from: Option<PearlId>,
}

/// How much of a note a [`TreeItem`] carries, in characters.
pub const NOTE_START: usize = 200;

impl From<Pearl> for TreeItem {
    fn from(p: Pearl) -> TreeItem {
        let note = match p.note.char_indices().nth(NOTE_START) {
            Some((end, _)) => p.note[..end].to_owned(),
            None => p.note,
        };
        TreeItem {
            id: p.id,
            kind: p.kind,
            parent_id: p.parent_id,
            title: p.title,
            url: p.url,
            note,
            child_count: p.child_count,
            copies: Vec::new(),
            pick_from: None,
        }
    }
}

/// The pearls directly in one collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChildList {
    /// The collection.
    pub parent: PearlId,
    /// Its pearls, in order.
    pub children: Vec<TreeItem>,
}

/// A pearl to create, as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PearlDraft {
    /// What to create: a collection, link, note, section, or an alias of `target`.
    pub kind: PearlKind,
    /// Its title (a note's first line is not a title: notes have none).
    #[serde(default)]
    pub title: String,
    /// For a link, its URL as typed or pasted.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub url: Option<String>,
    /// Its note (for a note pearl, the note itself).
    #[serde(default)]
    pub note: String,
    /// For an alias, the collection it points at.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub target: Option<PearlId>,
}

/// Changes to a pearl as the window sends them; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PearlEdit {
    /// A new title.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
    /// A new URL (links only).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub url: Option<String>,
    /// A new note.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
    /// New tags, comma-separated, replacing the old ones.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tags: Option<String>,
}

impl PearlDraft {
    /// The checked pearl to create.
    ///
    /// # Errors
    /// [`Error::InvalidUrl`] for a link without a valid URL; [`Error::Invalid`] for an alias
    /// without a target or for text its kind refuses.
    pub fn to_new_pearl(&self) -> Result<NewPearl> {
        let new = match self.kind {
            PearlKind::Collection => NewPearl::collection(&self.title)?,
            PearlKind::Link => NewPearl::link(
                LinkUrl::parse(self.url.as_deref().unwrap_or(""))?,
                &self.title,
            )?,
            PearlKind::Note => return NewPearl::note(&self.note),
            PearlKind::Section => NewPearl::section(&self.title)?,
            PearlKind::Alias => {
                return self.target.map(NewPearl::alias).ok_or_else(|| {
                    Error::Invalid("an alias needs the collection it points at".to_owned())
                });
            }
        };
        if self.note.trim().is_empty() {
            Ok(new)
        } else {
            new.with_note(&self.note)
        }
    }
}

impl PearlEdit {
    /// The checked update.
    ///
    /// # Errors
    /// [`Error::InvalidUrl`] for a URL that does not parse; [`Error::Invalid`] for a bad tag.
    pub fn to_update(&self) -> Result<PearlUpdate> {
        Ok(PearlUpdate {
            title: self.title.clone(),
            note: self.note.clone(),
            url: self.url.as_deref().map(LinkUrl::parse).transpose()?,
            tags: self.tags.as_deref().map(Tag::parse_list).transpose()?,
        })
    }
}

fn items(conn: &rusqlite::Connection, parent: PearlId) -> Result<Vec<TreeItem>> {
    let pearls = children(conn, parent)?;
    // One walk up from the collection serves all its pearls.
    let (above, pick_from) = copies_around(conn, parent)?;
    let from_tree = match &pick_from {
        Some((_, tree)) => from_tree_in(conn, parent, tree)?,
        None => HashSet::new(),
    };
    Ok(pearls
        .into_iter()
        .map(|p| {
            let shared = p.provenance.as_ref().map(Provenance::is_pick);
            let mut item = TreeItem::from(p);
            if shared == Some(false) {
                item.copies.push(item.id);
            }
            item.copies.extend_from_slice(&above);
            // Only the tree's own pearls are picked: what the user added there is theirs.
            if shared.is_none() && from_tree.contains(&item.id) {
                item.pick_from = pick_from.as_ref().map(|(copy, _)| *copy);
            }
            item
        })
        .collect())
}

impl Store {
    /// The library's file, root and trash.
    pub fn info(&self) -> LibraryInfo {
        LibraryInfo {
            path: self.path().display().to_string(),
            root: self.root_id(),
            trash: self.trash_id(),
            inbox: self.inbox_id(),
        }
    }

    /// The pearls directly in `parent`, in order, as tree items.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn child_items(&self, parent: PearlId) -> Result<Vec<TreeItem>> {
        self.read(|conn| items(conn, parent))
    }

    /// The children of each collection in `parents`, in one consistent read. Ids that are not
    /// in the library (any more) are left out, so a window can refresh what it shows after any
    /// edit without knowing what the edit removed.
    ///
    /// # Errors
    /// [`Error::Sqlite`] only.
    pub fn children_of_many(&self, parents: &[PearlId]) -> Result<Vec<ChildList>> {
        self.read(|conn| {
            let mut lists = Vec::with_capacity(parents.len());
            for &parent in parents {
                match items(conn, parent) {
                    Ok(children) => lists.push(ChildList { parent, children }),
                    Err(Error::PearlNotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(lists)
        })
    }

    /// The collections that hold `id`, from the top of the tree (the root excluded) down to
    /// its own collection: what must be open to show it.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`]; [`Error::Invalid`] for a pearl that is not in the tree.
    pub fn collections_above(&self, id: PearlId) -> Result<Vec<PearlId>> {
        self.read(|conn| {
            let chain = ancestry(conn, id)?;
            if chain.last() != Some(&self.root_id()) {
                return Err(Error::Invalid(format!("{id} is not in the tree")));
            }
            let root = self.root_id();
            Ok(chain
                .into_iter()
                .skip(1)
                .filter(|&c| c != root)
                .rev()
                .collect())
        })
    }

    /// Creates the pearl a window's draft describes.
    ///
    /// # Errors
    /// As [`PearlDraft::to_new_pearl`] and [`Store::create`].
    pub fn create_draft(
        &self,
        parent: PearlId,
        placement: Placement,
        draft: &PearlDraft,
    ) -> Result<Pearl> {
        self.create(parent, placement, &draft.to_new_pearl()?)
    }

    /// Applies a window's edit to a pearl.
    ///
    /// # Errors
    /// As [`PearlEdit::to_update`] and [`Store::update`].
    pub fn apply_edit(&self, id: PearlId, edit: &PearlEdit) -> Result<Pearl> {
        self.update(id, &edit.to_update()?)
    }
}
