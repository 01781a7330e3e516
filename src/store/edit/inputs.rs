//! What an edit is given: where pearls go ([`Placement`]), a pearl to create ([`NewPearl`],
//! which checks its own text, URL and tags), and the changes to one ([`PearlUpdate`]).

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{LinkUrl, PearlId, PearlKind, Tag};

/// Where in a collection pearls go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "at", content = "pearl", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Placement {
    /// First.
    Start,
    /// Last.
    End,
    /// At this position of the collection as it is before the edit (0 = first); past the end
    /// means last. Pearls being moved count where they are now, so "index 3" is the gap the
    /// user pointed at between the third and fourth pearls shown.
    Index(usize),
    /// Just before this pearl, which must be in the collection.
    Before(PearlId),
    /// Just after this pearl, which must be in the collection.
    After(PearlId),
}

/// The longest title or note accepted, in characters.
const MAX_TEXT: usize = 100_000;

/// A pearl to create. Build one with its kind's constructor, then add a note or tags.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPearl {
    pub(super) kind: NewKind,
    pub(super) title: String,
    pub(super) note: String,
    pub(super) tags: Vec<Tag>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NewKind {
    Collection,
    Link(LinkUrl),
    Note,
    Section,
    Alias(PearlId),
}

pub(super) fn checked_text(what: &str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.chars().count() > MAX_TEXT {
        return Err(Error::Invalid(format!(
            "{what} is longer than {MAX_TEXT} characters"
        )));
    }
    Ok(text.to_owned())
}

pub(super) fn checked_title(kind: PearlKind, title: &str) -> Result<String> {
    let title = checked_text("the title", title)?;
    if title.contains(['\n', '\r']) {
        return Err(Error::Invalid("a title cannot span lines".to_owned()));
    }
    if kind == PearlKind::Collection && title.is_empty() {
        return Err(Error::Invalid("a collection needs a name".to_owned()));
    }
    Ok(title)
}

impl NewPearl {
    /// A collection named `title`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an empty or multi-line name.
    pub fn collection(title: &str) -> Result<NewPearl> {
        Ok(NewPearl::of(
            NewKind::Collection,
            checked_title(PearlKind::Collection, title)?,
        ))
    }

    /// A link; an empty title means "show the URL until the page's title arrives".
    ///
    /// # Errors
    /// [`Error::Invalid`] for a multi-line title.
    pub fn link(url: LinkUrl, title: &str) -> Result<NewPearl> {
        Ok(NewPearl::of(
            NewKind::Link(url),
            checked_title(PearlKind::Link, title)?,
        ))
    }

    /// A note pearl holding `text`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an empty note.
    pub fn note(text: &str) -> Result<NewPearl> {
        let text = checked_text("the note", text)?;
        if text.is_empty() {
            return Err(Error::Invalid("a note needs some text".to_owned()));
        }
        let mut pearl = NewPearl::of(NewKind::Note, String::new());
        pearl.note = text;
        Ok(pearl)
    }

    /// A section heading (may be empty: a plain divider).
    ///
    /// # Errors
    /// [`Error::Invalid`] for a multi-line title.
    pub fn section(title: &str) -> Result<NewPearl> {
        Ok(NewPearl::of(
            NewKind::Section,
            checked_title(PearlKind::Section, title)?,
        ))
    }

    /// An alias of the collection `target`, titled like it unless given a title.
    pub fn alias(target: PearlId) -> NewPearl {
        NewPearl::of(NewKind::Alias(target), String::new())
    }

    fn of(kind: NewKind, title: String) -> NewPearl {
        NewPearl {
            kind,
            title,
            note: String::new(),
            tags: Vec::new(),
        }
    }

    /// Adds a note (for a note pearl, replaces its text).
    ///
    /// # Errors
    /// [`Error::Invalid`] for a note that is too long, or an empty text for a note pearl.
    pub fn with_note(mut self, note: &str) -> Result<NewPearl> {
        let note = checked_text("the note", note)?;
        if self.kind == NewKind::Note && note.is_empty() {
            return Err(Error::Invalid("a note needs some text".to_owned()));
        }
        self.note = note;
        Ok(self)
    }

    /// Gives it a title of its own (for an alias, one that differs from its collection's).
    ///
    /// # Errors
    /// [`Error::Invalid`] for a multi-line title, or an empty one for a collection.
    pub fn with_title(mut self, title: &str) -> Result<NewPearl> {
        self.title = checked_title(self.kind(), title)?;
        Ok(self)
    }

    /// Sets the tags.
    pub fn with_tags(mut self, tags: Vec<Tag>) -> NewPearl {
        self.tags = tags;
        self
    }

    pub(super) fn kind(&self) -> PearlKind {
        match self.kind {
            NewKind::Collection => PearlKind::Collection,
            NewKind::Link(_) => PearlKind::Link,
            NewKind::Note => PearlKind::Note,
            NewKind::Section => PearlKind::Section,
            NewKind::Alias(_) => PearlKind::Alias,
        }
    }
}

/// Changes to a pearl; fields left `None` stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PearlUpdate {
    /// A new title.
    pub title: Option<String>,
    /// A new note.
    pub note: Option<String>,
    /// A new URL (links only).
    pub url: Option<LinkUrl>,
    /// New tags, replacing the old ones.
    pub tags: Option<Vec<Tag>>,
}
