//! Page details and favicons: what was fetched from (or imported for) a link's page.
//!
//! Details live beside the pearl row, never in it, so fetching never interferes with the undo
//! history; the title shown for a pearl prefers a fetched title over an imported one, and the
//! user's own title over both (see `rows::PEARL_COLUMNS`).
//!
//! Here too: which links to fetch, and writing what a fetch found (details, outcome, where a
//! link moved, favicons shared per icon URL). The lists of dead and moved links are in
//! `health`.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Store, rows};
use crate::error::{Error, Result};
use crate::model::{Millis, PageDetails, PearlId, PearlKind, now_millis};

/// Stores an icon given as bytes (e.g. from an imported file), once per distinct image, and
/// returns its id.
pub(crate) fn store_favicon(
    conn: &Connection,
    mime: &str,
    bytes: &[u8],
    now: Millis,
) -> Result<i64> {
    let digest = Sha256::digest(bytes);
    let source = format!("sha256:{}", hex(&digest));
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM favicons WHERE source_url = ?1")?
        .query_row([&source], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO favicons (source_url, mime, data, fetched_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![source, mime, bytes, now])?;
    Ok(conn.last_insert_rowid())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How the last fetch of a link went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Outcome {
    /// A real page was read.
    Ok,
    /// An HTTP error status (4xx, 5xx) or a page that says it is an error page.
    HttpError,
    /// A bot wall or challenge page stood in the way.
    Blocked,
    /// The host name did not resolve, or the connection was refused or reset.
    Unreachable,
    /// The server did not answer in time.
    Timeout,
    /// Anything else: a redirect loop, too many redirects, a broken response.
    Failed,
}

impl Outcome {
    /// The word stored in the library and shown to scripts.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::HttpError => "httpError",
            Outcome::Blocked => "blocked",
            Outcome::Unreachable => "unreachable",
            Outcome::Timeout => "timeout",
            Outcome::Failed => "failed",
        }
    }

    /// Reads a stored word.
    pub fn parse(word: &str) -> Option<Outcome> {
        Some(match word {
            "ok" => Outcome::Ok,
            "httpError" => Outcome::HttpError,
            "blocked" => Outcome::Blocked,
            "unreachable" => Outcome::Unreachable,
            "timeout" => Outcome::Timeout,
            "failed" => Outcome::Failed,
            _ => return None,
        })
    }

    /// Whether the link looks dead: an HTTP error, or a host that cannot be reached.
    pub fn is_dead(self) -> bool {
        matches!(self, Outcome::HttpError | Outcome::Unreachable)
    }
}

/// A link to fetch: its pearl and its URL as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FetchTarget {
    /// The link pearl.
    pub pearl: PearlId,
    /// Its URL, as the user gave it.
    pub url: String,
}

/// Which links of a scope [`Store::links_to_fetch`] gives, by when they were last fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Only links never fetched (new, or imported): what to fetch after an import.
    NeverFetched,
    /// Links never fetched or last fetched before this time (ms since the epoch).
    FetchedBefore(Millis),
    /// Every link, however recently fetched.
    Any,
}

impl Freshness {
    /// [`Freshness::NeverFetched`] when `only_new`, else [`Freshness::Any`].
    pub fn never_fetched_if(only_new: bool) -> Freshness {
        if only_new {
            Freshness::NeverFetched
        } else {
            Freshness::Any
        }
    }
}

/// Which links [`Store::links_to_fetch`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchScope {
    /// Every link in the library (not the trash).
    All,
    /// Every link at any depth below a collection.
    Under(PearlId),
    /// These pearls: links themselves, collections for every link below them.
    Ids(Vec<PearlId>),
}

/// A favicon's image as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaviconData {
    /// Where it was fetched from; pearls whose pages name the same icon share it.
    pub source_url: String,
    /// Its media type (`image/png`, `image/x-icon`, ...).
    pub mime: String,
    /// The image.
    pub bytes: Vec<u8>,
}

/// The result of fetching one link, as [`Store::record_fetches`] writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRecord {
    /// The link pearl.
    pub pearl: PearlId,
    /// The URL that was fetched; the result is dropped if the pearl's URL changed meanwhile.
    pub url: String,
    /// How it went. Only for [`Outcome::Ok`] are the page's title, description, site name,
    /// image and favicon written; otherwise the ones from before are kept.
    pub outcome: Outcome,
    /// The URL after the permanent redirects only, when it differs from `url`.
    pub moved_to: Option<String>,
    /// What the page said, in the one shape page details have everywhere: the final URL, the
    /// last response's HTTP status, title, description, site name, preview image, the favicon's
    /// URL (with `favicon` = `None`, one already in the library), when, and what went wrong.
    pub page: PageDetails,
    /// The favicon's image, when it was fetched in this run.
    pub favicon: Option<FaviconData>,
}

/// What the library holds about a link's page: the one shape the shells show it in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StoredDetails {
    /// The details (fetched or imported).
    pub details: PageDetails,
    /// How the last fetch went; `None` for details that only came from an import.
    pub outcome: Option<Outcome>,
    /// Where the link has moved for good, if it has.
    pub moved_to: Option<String>,
    /// The stored favicon, for [`Store::favicon`].
    #[serde(skip)]
    pub favicon_id: Option<i64>,
}

/// A stored favicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Favicon {
    /// Its media type.
    pub mime: String,
    /// The image.
    pub data: Vec<u8>,
}

const WRITE_OK: &str =
    "INSERT INTO page_details (pearl_id, final_url, http_status, title, description,
        site_name, image_url, favicon_id, favicon_url, fetched_at, error, outcome, moved_to)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
    ON CONFLICT (pearl_id) DO UPDATE SET final_url = ?2, http_status = ?3, title = ?4,
        description = ?5, site_name = ?6, image_url = ?7,
        favicon_id = coalesce(?8, favicon_id), favicon_url = coalesce(?9, favicon_url),
        fetched_at = ?10, error = ?11, outcome = ?12, moved_to = ?13";

const WRITE_PROBLEM: &str = "INSERT INTO page_details (pearl_id, final_url, http_status,
        fetched_at, error, outcome, moved_to)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
    ON CONFLICT (pearl_id) DO UPDATE SET final_url = ?2, http_status = ?3, fetched_at = ?4,
        error = ?5, outcome = ?6, moved_to = ?7";

/// The links in the tree (reachable from `top`), as `(id, url)`.
const LINKS_UNDER: &str = "WITH RECURSIVE sub(id) AS (
        SELECT ?1 UNION ALL SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)
    SELECT p.id, p.url FROM sub JOIN pearls p ON p.id = sub.id
    LEFT JOIN page_details d ON d.pearl_id = p.id
    WHERE p.kind = 'link' AND (?2 IS NULL OR d.fetched_at IS NULL OR d.fetched_at < ?2)
    ORDER BY p.id";

impl Store {
    /// The links to fetch in `scope`, filtered by `freshness`, in id order. Links whose URL
    /// is not http(s) are included; the fetcher skips them.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] for an id not in the library; [`Error::Invalid`] for an id of
    /// a pearl that is neither a link nor a collection.
    pub fn links_to_fetch(
        &self,
        scope: &FetchScope,
        freshness: Freshness,
    ) -> Result<Vec<FetchTarget>> {
        let older_than = match freshness {
            Freshness::NeverFetched => Some(Millis::MIN),
            Freshness::FetchedBefore(t) => Some(t),
            Freshness::Any => None,
        };
        self.read(|conn| {
            let tops = match scope {
                FetchScope::All => vec![self.root_id()],
                FetchScope::Under(id) => vec![*id],
                FetchScope::Ids(ids) => ids.clone(),
            };
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            let mut stmt = conn.prepare_cached(LINKS_UNDER)?;
            for top in tops {
                let pearl = rows::pearl(conn, top)?;
                if !matches!(pearl.kind, PearlKind::Link | PearlKind::Collection) {
                    return Err(Error::Invalid(format!(
                        "{top} is a {}; only links and collections can be fetched",
                        pearl.kind
                    )));
                }
                let found = stmt.query_map(params![top.0, older_than], |r| {
                    Ok(FetchTarget {
                        pearl: PearlId(r.get(0)?),
                        url: r.get(1)?,
                    })
                })?;
                for target in found {
                    let target = target?;
                    if seen.insert(target.pearl) {
                        out.push(target);
                    }
                }
            }
            Ok(out)
        })
    }

    /// Writes fetch results in one transaction: each link's page details and its favicon (one
    /// stored image per icon URL, shared by every pearl that names it). Never touches the
    /// pearl rows, so fetching leaves the undo history alone; the title shown follows from
    /// the details (a title the user typed still wins). Results for pearls that are gone or
    /// whose URL changed since the fetch began are dropped.
    ///
    /// Returns the pearls whose details were written.
    ///
    /// # Errors
    /// [`Error::Sqlite`]; nothing is written then.
    pub fn record_fetches(&self, records: &[FetchRecord]) -> Result<Vec<PearlId>> {
        self.write(|tx| {
            let mut written = Vec::with_capacity(records.len());
            for rec in records {
                let current: Option<String> = tx
                    .prepare_cached("SELECT url FROM pearls WHERE id = ?1 AND kind = 'link'")?
                    .query_row([rec.pearl.0], |r| r.get(0))
                    .optional()?;
                if current.as_deref() != Some(rec.url.as_str()) {
                    continue;
                }
                if rec.outcome == Outcome::Ok {
                    let favicon_id = match (&rec.favicon, &rec.page.favicon_url) {
                        (Some(icon), _) => Some(upsert_favicon(
                            tx,
                            icon,
                            rec.page.fetched_at.unwrap_or_else(now_millis),
                        )?),
                        (None, Some(url)) => tx
                            .prepare_cached("SELECT id FROM favicons WHERE source_url = ?1")?
                            .query_row([url], |r| r.get::<_, i64>(0))
                            .optional()?,
                        (None, None) => None,
                    };
                    let favicon_url = favicon_id.and(rec.page.favicon_url.as_deref());
                    tx.prepare_cached(WRITE_OK)?.execute(params![
                        rec.pearl.0,
                        rec.page.final_url,
                        rec.page.http_status,
                        rec.page.title,
                        rec.page.description,
                        rec.page.site_name,
                        rec.page.image_url,
                        favicon_id,
                        favicon_url,
                        rec.page.fetched_at.unwrap_or_else(now_millis),
                        rec.page.error,
                        rec.outcome.as_str(),
                        rec.moved_to,
                    ])?;
                } else {
                    tx.prepare_cached(WRITE_PROBLEM)?.execute(params![
                        rec.pearl.0,
                        rec.page.final_url,
                        rec.page.http_status,
                        rec.page.fetched_at.unwrap_or_else(now_millis),
                        rec.page.error,
                        rec.outcome.as_str(),
                        rec.moved_to,
                    ])?;
                }
                written.push(rec.pearl);
            }
            Ok(written)
        })
    }

    /// The icon URLs whose images the library already holds (a run need not fetch them).
    pub fn known_favicon_urls(&self) -> Result<HashSet<String>> {
        self.read(|conn| {
            let mut stmt = conn
                .prepare("SELECT source_url FROM favicons WHERE source_url NOT LIKE 'sha256:%'")?;
            let urls = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(urls)
        })
    }

    /// What the library holds about a link's page; `None` if nothing was fetched or imported.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`].
    pub fn page_details(&self, id: PearlId) -> Result<Option<StoredDetails>> {
        self.read(|conn| {
            rows::pearl(conn, id)?;
            conn.prepare_cached(
                "SELECT final_url, http_status, title, description, site_name, image_url,
                        favicon_url, fetched_at, error, outcome, moved_to, favicon_id
                 FROM page_details WHERE pearl_id = ?1",
            )?
            .query_row([id.0], |r| {
                Ok(StoredDetails {
                    details: PageDetails {
                        final_url: r.get(0)?,
                        http_status: r.get(1)?,
                        title: r.get(2)?,
                        description: r.get(3)?,
                        site_name: r.get(4)?,
                        image_url: r.get(5)?,
                        favicon_url: r.get(6)?,
                        fetched_at: r.get(7)?,
                        error: r.get(8)?,
                    },
                    outcome: r
                        .get::<_, Option<String>>(9)?
                        .as_deref()
                        .and_then(Outcome::parse),
                    moved_to: r.get(10)?,
                    favicon_id: r.get(11)?,
                })
            })
            .optional()
            .map_err(Error::from)
        })
    }

    /// A stored favicon's image, by the id in [`StoredDetails::favicon_id`].
    pub fn favicon(&self, favicon_id: i64) -> Result<Option<Favicon>> {
        self.read(|conn| {
            conn.prepare_cached("SELECT mime, data FROM favicons WHERE id = ?1")?
                .query_row([favicon_id], |r| {
                    Ok(Favicon {
                        mime: r.get(0)?,
                        data: r.get(1)?,
                    })
                })
                .optional()
                .map_err(Error::from)
        })
    }
}

/// Stores a fetched favicon under its URL (replacing an older image from the same URL) and
/// returns its id.
fn upsert_favicon(conn: &Connection, icon: &FaviconData, now: Millis) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO favicons (source_url, mime, data, fetched_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source_url) DO UPDATE SET mime = ?2, data = ?3, fetched_at = ?4",
    )?
    .execute(params![icon.source_url, icon.mime, icon.bytes, now])?;
    Ok(conn
        .prepare_cached("SELECT id FROM favicons WHERE source_url = ?1")?
        .query_row([&icon.source_url], |r| r.get(0))?)
}
