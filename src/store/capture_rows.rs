//! The library reads and writes that capturing from the browser needs beyond the ordinary
//! edits: the page details a browser sends (written beside the new pearl, as a completed
//! fetch, so the fetcher only fills links that arrive without them), links by normalised URL,
//! and every collection of the tree with its path (for the collection finder).
//!
//! The use cases themselves (what a save is, its label, its reply) live in `api::capture`.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::tree::{Place, join_path};
use super::{Store, details};
use crate::error::Result;
use crate::model::{Millis, PearlId};

/// What a browser knows about a page, as it is written to `page_details`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageFacts {
    pub final_url: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub image_url: Option<String>,
    /// The favicon's address, and its image when the browser gave one inline (a `data:` URL).
    pub favicon_url: Option<String>,
    pub favicon: Option<(String, Vec<u8>)>,
}

/// Writes the details a browser sent for the new link `id`, as a fetch that went well at
/// `now` (the page was in front of the user).
pub(crate) fn write_page_facts(
    conn: &Connection,
    id: PearlId,
    facts: &PageFacts,
    now: Millis,
) -> Result<()> {
    let favicon_id = match &facts.favicon {
        Some((mime, bytes)) => Some(details::store_favicon(conn, mime, bytes, now)?),
        None => None,
    };
    let favicon_url = favicon_id.and(facts.favicon_url.as_deref());
    conn.prepare_cached(
        "INSERT INTO page_details (pearl_id, final_url, title, description, site_name,
            image_url, favicon_id, favicon_url, fetched_at, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'ok')",
    )?
    .execute(params![
        id.0,
        facts.final_url,
        facts.title,
        facts.description,
        facts.site_name,
        facts.image_url,
        favicon_id,
        favicon_url,
        now
    ])?;
    Ok(())
}

/// One collection of the tree with its whole path (`Cours/Révolution`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CollectionPath {
    pub id: PearlId,
    pub title: String,
    pub path: String,
}

impl Store {
    /// The links in the tree (not the trash) whose normalised URL is `normalized`, oldest
    /// first, at most `limit`.
    pub(crate) fn links_at(&self, normalized: &str, limit: usize) -> Result<Vec<PearlId>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM pearls WHERE url_normalized = ?1 AND kind = 'link' ORDER BY id",
            )?;
            let ids = stmt
                .query_map([normalized], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            let mut found = Vec::new();
            for id in ids.into_iter().map(PearlId) {
                if self.place_in(conn, id)? == Place::Tree {
                    found.push(id);
                    if found.len() == limit {
                        break;
                    }
                }
            }
            Ok(found)
        })
    }

    /// Every collection in the tree (the root, the trash and what is in it left out), with
    /// its path, in no particular order.
    pub(crate) fn collection_paths(&self) -> Result<Vec<CollectionPath>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, parent_id, title FROM pearls WHERE kind = 'collection'",
            )?;
            let rows: HashMap<i64, (Option<i64>, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
                .collect::<rusqlite::Result<_>>()?;
            let root = self.root_id().0;
            // Memoised: each collection's path below the root, `None` when it is not in the tree.
            let mut paths: HashMap<i64, Option<Vec<String>>> = HashMap::new();
            paths.insert(root, Some(Vec::new()));
            let mut out = Vec::new();
            for &id in rows.keys() {
                if id == root {
                    continue;
                }
                if let Some(titles) = path_below_root(id, &rows, &mut paths) {
                    let title = titles.last().cloned().unwrap_or_default();
                    out.push(CollectionPath {
                        id: PearlId(id),
                        title,
                        path: join_path(&titles),
                    });
                }
            }
            Ok(out)
        })
    }
}

/// The titles from the root (excluded) down to `id` (included), or `None` for a collection
/// outside the tree. Walks up until a collection already known, so the whole list costs
/// about one step per collection.
fn path_below_root(
    id: i64,
    rows: &HashMap<i64, (Option<i64>, String)>,
    paths: &mut HashMap<i64, Option<Vec<String>>>,
) -> Option<Vec<String>> {
    let mut chain = Vec::new();
    let mut current = id;
    let base = loop {
        if let Some(known) = paths.get(&current) {
            break known.clone();
        }
        match rows.get(&current) {
            Some((Some(parent), _)) if !chain.contains(&current) => {
                chain.push(current);
                current = *parent;
            }
            // A top other than the root (trash, limbo), or a cycle the schema should prevent.
            _ => break None,
        }
    };
    let mut titles = base;
    for &step in chain.iter().rev() {
        let at = titles.as_mut().map(|t| {
            t.push(
                rows.get(&step)
                    .map(|(_, title)| title.clone())
                    .unwrap_or_default(),
            );
            t.clone()
        });
        paths.insert(step, at);
    }
    titles
}

/// How long the host waits before recording another contact from the same browser, so that a
/// lookup on every page load does not write to the library each time.
const CONTACT_EVERY_MS: Millis = 10 * 60 * 1000;

/// When a browser's extension first and last spoke to the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserContact {
    /// The browser, as its host registration names it (`chromium`, `firefox`, ...), or the
    /// caller the browser named (`chrome-extension://ID/`).
    pub browser: String,
    /// The first contact (ms since the epoch).
    pub first_at: Millis,
    /// The last recorded contact (recorded at most every ten minutes).
    pub last_at: Millis,
}

impl Store {
    /// Records that `browser`'s extension spoke to the host at `now`, unless it was recorded
    /// less than ten minutes ago (then nothing is written).
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn record_browser_contact(&self, browser: &str, now: Millis) -> Result<()> {
        let browser: String = browser.chars().take(200).collect();
        if browser.is_empty() {
            return Ok(());
        }
        let recent: Option<Millis> = self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT last_at FROM browser_contacts WHERE browser = ?1")?
                .query_row([&browser], |r| r.get(0))
                .ok())
        })?;
        if recent.is_some_and(|at| now - at < CONTACT_EVERY_MS && now >= at) {
            return Ok(());
        }
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO browser_contacts (browser, first_at, last_at) VALUES (?1, ?2, ?2)
                 ON CONFLICT (browser) DO UPDATE SET last_at = ?2",
            )?
            .execute(params![browser, now])?;
            Ok(())
        })
    }

    /// Every browser whose extension has spoken to the host, most recent first.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn browser_contacts(&self) -> Result<Vec<BrowserContact>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT browser, first_at, last_at FROM browser_contacts ORDER BY last_at DESC",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(BrowserContact {
                        browser: r.get(0)?,
                        first_at: r.get(1)?,
                        last_at: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}
