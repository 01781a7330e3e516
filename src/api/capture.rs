//! Capturing from the browser: the use cases behind the extension's messages, as the browser
//! host (and any other shell) calls them.
//!
//! - [`save`]: a page (URL, title, note, tags, the page's own details) into a collection or
//!   the Inbox;
//! - [`save_note`]: text selected on a page, as a note pearl;
//! - [`save_tabs`]: every tab of a window, in order, into a new collection;
//! - [`lookup`]: where a page is already a pearl, by the normalised URL duplicates use;
//! - [`find_collections`]: collections by a few letters of their name (the popup's picker,
//!   and the window's "Move to…").
//!
//! Each save is one undoable edit labelled "Pearled “TITLE” from the browser". The input
//! shapes carry the wire's field names (`serde`), so the host only frames and dispatches.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{LinkUrl, PearlId, Tag, now_millis};
use crate::store::{NewPearl, PageFacts, Placement, Store, join_path, write_page_facts};

/// The most pearls a lookup or a search of collections answers with (replies stay small).
pub const MAX_ANSWERS: usize = 50;
/// The most tabs one "Pearl all tabs" takes.
pub const MAX_TABS: usize = 2_000;
/// The largest favicon image kept from a `data:` URL the browser sent.
const MAX_FAVICON_BYTES: usize = 256 * 1024;

/// A page to save.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageCapture {
    /// The page's address.
    pub url: String,
    /// Its title as the user left it (empty: the page's own title from `details`).
    #[serde(default)]
    pub title: String,
    /// A note (the popup fills it with the text selected on the page).
    #[serde(default)]
    pub note: String,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A collection path (`Cours/Révolution`) or id (`#42`); absent or empty: the Inbox.
    #[serde(default)]
    pub collection: Option<String>,
    /// What the browser knows about the page.
    #[serde(default)]
    pub details: Option<BrowserDetails>,
}

/// What the browser already has about a page, in the native format's field names (plus
/// `canonicalUrl`). Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BrowserDetails {
    /// The page's title as shown.
    #[serde(default)]
    pub title: Option<String>,
    /// The meta description (or `og:description`).
    #[serde(default)]
    pub description: Option<String>,
    /// `og:site_name`.
    #[serde(default)]
    pub site_name: Option<String>,
    /// `og:image`.
    #[serde(default)]
    pub image_url: Option<String>,
    /// The favicon's address; a `data:` URL's image is kept in the library.
    #[serde(default)]
    pub favicon_url: Option<String>,
    /// The favicon's image as a `data:image/...;base64,` URL, when the page could read it (the
    /// extension reads a favicon of the page's own site): kept in the library beside
    /// `favicon_url`, so a page saved from the browser shows its icon without a fetch.
    #[serde(default)]
    pub favicon_data: Option<String>,
    /// The page's canonical URL (recorded as where the page lives).
    #[serde(default)]
    pub canonical_url: Option<String>,
}

/// Text selected on a page, to save as a note pearl.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteCapture {
    /// The text.
    pub text: String,
    /// The page it was selected on, written under the text.
    #[serde(default)]
    pub url: Option<String>,
    /// A collection path or id; absent: the Inbox.
    #[serde(default)]
    pub collection: Option<String>,
}

/// One tab of "Pearl all tabs".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Tab {
    /// Its address.
    pub url: String,
    /// Its title.
    #[serde(default)]
    pub title: String,
}

/// Every tab of a window, to save into a new collection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TabsCapture {
    /// The new collection's name.
    pub title: String,
    /// The tabs, in order.
    pub tabs: Vec<Tab>,
    /// Where the new collection goes (a path or id); absent: the Inbox.
    #[serde(default)]
    pub collection: Option<String>,
}

/// A pearl just saved and the collection it landed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    /// The new pearl (for "all tabs", the new collection).
    pub id: PearlId,
    /// The path of the collection it is in (`Cours/Révolution`, `Inbox`); for "all tabs", the
    /// new collection's own path.
    pub path: String,
}

/// A tab that was not pearled, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedTab {
    /// Its address as the browser gave it.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Why it was left out.
    pub reason: String,
}

/// What "Pearl all tabs" did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedTabs {
    /// The new collection.
    pub id: PearlId,
    /// Its path.
    pub path: String,
    /// How many tabs became pearls.
    pub saved: usize,
    /// The tabs left out (pages of the browser itself, addresses that do not parse).
    pub skipped: Vec<SkippedTab>,
}

/// A pearl a page already is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FoundPearl {
    /// The link pearl.
    pub id: PearlId,
    /// The path of the collection it is in.
    pub path: String,
    /// The title it shows.
    pub title: String,
}

/// A collection the finder offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CollectionChoice {
    /// The collection.
    pub id: PearlId,
    /// Its name.
    pub title: String,
    /// Its whole path, itself included (`Cours/Révolution`).
    pub path: String,
}

/// Address schemes a pearl can keep: pages on the web and on disk. The browser's own pages
/// (`chrome:`, `about:`, `moz-extension:` ...) and one-off addresses (`data:`, `blob:`,
/// `javascript:`) are refused.
const PEARLABLE_SCHEMES: &[&str] = &["http", "https", "file", "ftp"];

/// Parses an address the browser gave, refusing what cannot be a pearl.
///
/// # Errors
/// [`Error::InvalidUrl`] naming the address and why.
pub fn pearlable_url(text: &str) -> Result<LinkUrl> {
    let trimmed = text.trim();
    let refuse = |reason: &str| Error::InvalidUrl {
        url: trimmed.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed = url::Url::parse(trimmed).map_err(|e| refuse(&e.to_string()))?;
    if !PEARLABLE_SCHEMES.contains(&parsed.scheme()) {
        return Err(refuse(&format!(
            "{}: pages cannot be pearled (only web and file addresses)",
            parsed.scheme()
        )));
    }
    LinkUrl::parse(trimmed)
}

/// The collection a capture goes into: the one named, or the Inbox.
fn target_collection(store: &Store, named: Option<&str>) -> Result<PearlId> {
    match named.map(str::trim).filter(|n| !n.is_empty()) {
        None => inbox(store),
        Some(name) => {
            let id = store.resolve_path(name)?;
            if id == store.root_id() {
                return Err(Error::Invalid(
                    "pearls cannot hang at the very top of the tree; name a collection".to_owned(),
                ));
            }
            Ok(id)
        }
    }
}

/// The Inbox, where captures land when no collection is chosen.
fn inbox(store: &Store) -> Result<PearlId> {
    Ok(store.inbox_id())
}

/// The path of a collection, itself included.
fn collection_path(store: &Store, id: PearlId) -> Result<String> {
    let mut titles = store.path_of(id)?;
    titles.push(store.pearl(id)?.title);
    Ok(join_path(&titles))
}

fn label_for(title: &str) -> String {
    const LONGEST: usize = 60;
    let short: String = title.chars().take(LONGEST).collect();
    let ellipsis = if title.chars().count() > LONGEST {
        "…"
    } else {
        ""
    };
    format!("Pearled “{short}{ellipsis}” from the browser")
}

fn tags_of(texts: &[String]) -> Result<Vec<Tag>> {
    texts.iter().map(|t| Tag::new(t)).collect()
}

fn non_empty(text: Option<&String>) -> Option<String> {
    text.map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The page details to write from what the browser sent, or `None` when it sent nothing.
fn page_facts(details: Option<&BrowserDetails>, url: &LinkUrl) -> Option<PageFacts> {
    let d = details?;
    let favicon_url = non_empty(d.favicon_url.as_ref());
    let favicon = non_empty(d.favicon_data.as_ref())
        .as_deref()
        .and_then(data_url_image)
        .or_else(|| favicon_url.as_deref().and_then(data_url_image));
    let facts = PageFacts {
        final_url: non_empty(d.canonical_url.as_ref())
            .filter(|c| url::Url::parse(c).is_ok())
            .or_else(|| Some(url.as_str().to_owned())),
        title: non_empty(d.title.as_ref()).map(|t| one_line(&t)),
        description: non_empty(d.description.as_ref()),
        site_name: non_empty(d.site_name.as_ref()),
        image_url: non_empty(d.image_url.as_ref()),
        favicon_url,
        favicon,
    };
    (facts.title.is_some() || facts.description.is_some() || facts.site_name.is_some())
        .then_some(facts)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The image inside a `data:image/...;base64,` URL, when it is small enough to keep.
fn data_url_image(url: &str) -> Option<(String, Vec<u8>)> {
    use base64::Engine as _;
    let rest = url.strip_prefix("data:")?;
    let (head, payload) = rest.split_once(',')?;
    let mime = head.strip_suffix(";base64")?;
    if !mime.starts_with("image/") || payload.len() > MAX_FAVICON_BYTES * 4 / 3 + 4 {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .ok()?;
    (bytes.len() <= MAX_FAVICON_BYTES).then(|| (mime.to_owned(), bytes))
}

/// Saves a page as a link pearl, at the end of the collection named (or of the Inbox), with
/// the details the browser sent; one undoable edit.
///
/// # Errors
/// [`Error::InvalidUrl`] for an address that does not parse or cannot be a pearl;
/// [`Error::PathNotFound`] / [`Error::AmbiguousPath`] / [`Error::PearlNotFound`] for a
/// collection that does not exist or is not one; [`Error::Invalid`] for a bad title, note or
/// tag. Nothing is written then.
pub fn save(store: &Store, capture: &PageCapture) -> Result<Saved> {
    let url = pearlable_url(&capture.url)?;
    let facts = page_facts(capture.details.as_ref(), &url);
    let title = match one_line(&capture.title) {
        t if t.is_empty() => facts
            .as_ref()
            .and_then(|f| f.title.clone())
            .unwrap_or_default(),
        t => t,
    };
    let new = NewPearl::link(url.clone(), &title)?
        .with_note(&capture.note)?
        .with_tags(tags_of(&capture.tags)?);
    let parent = target_collection(store, capture.collection.as_deref())?;
    let shown = if title.is_empty() {
        url.as_str()
    } else {
        &title
    };
    let id = store.edit(&label_for(shown), |tx, rec| {
        let id = store.insert_pearl(tx, rec, parent, Placement::End, &new)?;
        if let Some(facts) = &facts {
            write_page_facts(tx, id, facts, now_millis())?;
        }
        Ok(id)
    })?;
    Ok(Saved {
        id,
        path: collection_path(store, parent)?,
    })
}

/// Saves text selected on a page as a note pearl (the page's address under it); one
/// undoable edit.
///
/// # Errors
/// [`Error::Invalid`] for an empty or too long text; [`Error::InvalidUrl`] for a page address
/// that does not parse; a collection that does not exist, as for [`save`].
pub fn save_note(store: &Store, capture: &NoteCapture) -> Result<Saved> {
    let text = capture.text.trim();
    let from = match non_empty(capture.url.as_ref()) {
        Some(url) => Some(LinkUrl::parse(&url)?),
        None => None,
    };
    let body = match &from {
        Some(url) => format!("{text}\n\n— {url}"),
        None => text.to_owned(),
    };
    if text.is_empty() {
        return Err(Error::Invalid(
            "a note needs some text; nothing was selected".to_owned(),
        ));
    }
    let new = NewPearl::note(&body)?;
    let parent = target_collection(store, capture.collection.as_deref())?;
    let id = store.edit(&label_for(&one_line(text)), |tx, rec| {
        store.insert_pearl(tx, rec, parent, Placement::End, &new)
    })?;
    Ok(Saved {
        id,
        path: collection_path(store, parent)?,
    })
}

/// Saves every tab, in order, into a new collection named `title` at the end of the
/// collection named (or of the Inbox); one undoable edit. Tabs that cannot be pearled are
/// reported back, not failed.
///
/// # Errors
/// [`Error::Invalid`] for an empty or multi-line name, more than [`MAX_TABS`] tabs, or when
/// no tab at all can be pearled; a collection that does not exist, as for [`save`].
pub fn save_tabs(store: &Store, capture: &TabsCapture) -> Result<SavedTabs> {
    if capture.tabs.len() > MAX_TABS {
        return Err(Error::Invalid(format!(
            "{} tabs is more than one save takes ({MAX_TABS})",
            capture.tabs.len()
        )));
    }
    let folder = NewPearl::collection(&one_line(&capture.title))?;
    let mut links = Vec::new();
    let mut skipped = Vec::new();
    for tab in &capture.tabs {
        let made =
            pearlable_url(&tab.url).and_then(|url| NewPearl::link(url, &one_line(&tab.title)));
        match made {
            Ok(link) => links.push(link),
            Err(e) => skipped.push(SkippedTab {
                url: tab.url.chars().take(2_000).collect(),
                title: tab.title.chars().take(300).collect(),
                reason: e.to_string().chars().take(300).collect(),
            }),
        }
    }
    if links.is_empty() {
        return Err(Error::Invalid(format!(
            "none of the {} tabs can be pearled",
            capture.tabs.len()
        )));
    }
    let parent = target_collection(store, capture.collection.as_deref())?;
    let saved = links.len();
    let id = store.edit(&label_for(&one_line(&capture.title)), |tx, rec| {
        let folder_id = store.insert_pearl(tx, rec, parent, Placement::End, &folder)?;
        for link in &links {
            store.insert_pearl(tx, rec, folder_id, Placement::End, link)?;
        }
        Ok(folder_id)
    })?;
    Ok(SavedTabs {
        id,
        path: collection_path(store, id)?,
        saved,
        skipped,
    })
}

/// Where the page at `url` is already a pearl (links in the tree whose normalised URL is
/// the same, the rule duplicates use), oldest first, at most [`MAX_ANSWERS`].
///
/// # Errors
/// [`Error::InvalidUrl`] for an address that does not parse.
pub fn lookup(store: &Store, url: &str) -> Result<Vec<FoundPearl>> {
    let url = LinkUrl::parse(url)?;
    let mut found = Vec::new();
    for id in store.links_at(url.normalized(), MAX_ANSWERS)? {
        let pearl = store.pearl(id)?;
        let parent = pearl.parent_id.unwrap_or(store.root_id());
        found.push(FoundPearl {
            id,
            path: collection_path(store, parent)?,
            title: store.pearl(id)?.display_title().to_owned(),
        });
    }
    Ok(found)
}

/// Collections whose name matches `query` (case and accents ignored): names that start with
/// it first, then names with a word that starts with it, then names that contain it, then
/// paths that contain it; shorter paths first within each. An empty query lists the Inbox
/// and the top-level collections. At most `limit` (and [`MAX_ANSWERS`]).
///
/// # Errors
/// [`Error::Sqlite`].
pub fn find_collections(store: &Store, query: &str, limit: usize) -> Result<Vec<CollectionChoice>> {
    let limit = limit.min(MAX_ANSWERS);
    let wanted = crate::store::folded_text(query.trim());
    let inbox = inbox(store)?;
    let mut scored: Vec<(u8, usize, CollectionChoice)> = Vec::new();
    for c in store.collection_paths()? {
        let name = crate::store::folded_text(&c.title);
        let rank = if wanted.is_empty() {
            if c.id == inbox {
                Some(0)
            } else if !c.path.replace("\\/", "").contains('/') {
                Some(1)
            } else {
                None
            }
        } else if name.starts_with(&wanted) {
            Some(0)
        } else if name
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w.starts_with(&wanted))
        {
            Some(1)
        } else if name.contains(&wanted) {
            Some(2)
        } else if crate::store::folded_text(&c.path).contains(&wanted) {
            Some(3)
        } else {
            None
        };
        if let Some(rank) = rank {
            let rank = if c.id == inbox { 0 } else { rank };
            scored.push((
                rank,
                c.path.chars().count(),
                CollectionChoice {
                    id: c.id,
                    title: c.title,
                    path: c.path,
                },
            ));
        }
    }
    scored.sort_by(|a, b| (a.0, a.1, &a.2.path).cmp(&(b.0, b.1, &b.2.path)));
    Ok(scored.into_iter().take(limit).map(|(_, _, c)| c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_pages_and_one_off_addresses_cannot_be_pearled() {
        for url in [
            "chrome://newtab/",
            "about:blank",
            "moz-extension://x/p.html",
            "data:text/plain,hi",
            "javascript:alert(1)",
        ] {
            let e = pearlable_url(url).expect_err(url);
            assert_eq!(e.code(), crate::ErrorCode::Invalid, "{url}");
        }
        assert!(pearlable_url("https://example.org/a").is_ok());
        assert!(pearlable_url("file:///home/me/notes.html").is_ok());
    }

    #[test]
    fn a_data_url_favicon_is_kept_only_when_it_is_a_small_image() {
        assert_eq!(
            data_url_image("data:image/png;base64,iVBORw0KGgo="),
            Some((
                "image/png".to_owned(),
                vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n']
            ))
        );
        assert_eq!(data_url_image("data:text/html;base64,PGI+"), None);
        assert_eq!(data_url_image("https://example.org/favicon.ico"), None);
        assert_eq!(data_url_image("data:image/png;base64,@@@"), None);
    }

    #[test]
    fn labels_quote_the_title_and_shorten_long_ones() {
        assert_eq!(
            label_for("La prise de la Bastille"),
            "Pearled “La prise de la Bastille” from the browser"
        );
        assert!(label_for(&"x".repeat(200)).contains("…”"));
    }
}
