//! Link health: the links whose last fetch found them dead (an HTTP error, an error page, a
//! host that cannot be reached) or moved for good (permanent redirects), and the one edit
//! these lists lead to, updating moved links' URLs, which is a user edit and so undoable.

use serde::Serialize;

use super::details::Outcome;
use super::{Store, rows};
use crate::error::Result;
use crate::model::{LinkUrl, Millis, Pearl, PearlId, now_millis};

/// A link with a problem, as the link-health views list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LinkHealth {
    /// The link pearl.
    pub pearl: Pearl,
    /// How its last fetch went.
    pub outcome: Outcome,
    /// The last HTTP status.
    pub http_status: Option<u16>,
    /// What went wrong.
    pub error: Option<String>,
    /// Where it has moved for good (for moved links).
    pub moved_to: Option<String>,
    /// When it was fetched.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub fetched_at: Option<Millis>,
}

impl Store {
    /// Links in the library whose last fetch found them dead: an HTTP error (4xx, 5xx, an
    /// error page) or a host that could not be reached. In tree order of ids.
    pub fn dead_links(&self) -> Result<Vec<LinkHealth>> {
        self.link_health("d.outcome IN ('httpError', 'unreachable')")
    }

    /// Links in the library that have moved for good (their page answers with a permanent
    /// redirect to another URL that the link does not have yet).
    pub fn moved_links(&self) -> Result<Vec<LinkHealth>> {
        self.link_health("d.moved_to IS NOT NULL AND d.moved_to != p.url")
    }

    fn link_health(&self, condition: &str) -> Result<Vec<LinkHealth>> {
        self.read(|conn| {
            let sql = format!(
                "WITH RECURSIVE sub(id) AS (
                    SELECT ?1 UNION ALL SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)
                 SELECT {cols}, d.outcome, d.http_status, d.error, d.moved_to, d.fetched_at
                 FROM sub JOIN pearls p ON p.id = sub.id JOIN page_details d ON d.pearl_id = p.id
                 WHERE p.kind = 'link' AND d.outcome IS NOT NULL AND {condition}
                 ORDER BY p.id",
                cols = rows::PEARL_COLUMNS
            );
            let mut stmt = conn.prepare(&sql)?;
            let found = stmt.query_map([self.root_id().0], |r| {
                let outcome: String = r.get(rows::PEARL_COLUMN_COUNT)?;
                Ok(LinkHealth {
                    pearl: rows::pearl_from_row(r)?,
                    outcome: Outcome::parse(&outcome).unwrap_or(Outcome::Failed),
                    http_status: r.get(rows::PEARL_COLUMN_COUNT + 1)?,
                    error: r.get(rows::PEARL_COLUMN_COUNT + 2)?,
                    moved_to: r.get(rows::PEARL_COLUMN_COUNT + 3)?,
                    fetched_at: r.get(rows::PEARL_COLUMN_COUNT + 4)?,
                })
            })?;
            Ok(found.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Changes the URLs of moved links to where they moved, as one undoable edit: the links
    /// in `ids`, or every moved link if `ids` is empty. Links that have not moved are left
    /// alone. Returns the pearls that changed.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`]; nothing is changed then.
    pub fn update_moved_links(&self, ids: &[PearlId]) -> Result<Vec<PearlId>> {
        let moved = self.moved_links()?;
        self.edit("Update moved links", |tx, rec| {
            let mut changed = Vec::new();
            for link in moved {
                if !ids.is_empty() && !ids.contains(&link.pearl.id) {
                    continue;
                }
                let Some(url) = link
                    .moved_to
                    .as_deref()
                    .and_then(|u| LinkUrl::parse(u).ok())
                else {
                    continue;
                };
                let mut row = rows::load(tx, link.pearl.id)?;
                if row.url.as_deref() != link.pearl.url.as_deref() {
                    continue;
                }
                rec.touch(tx, link.pearl.id)?;
                row.url = Some(url.as_str().to_owned());
                row.url_normalized = Some(url.normalized().to_owned());
                row.modified_at = now_millis();
                rows::upsert(tx, &row)?;
                changed.push(link.pearl.id);
            }
            Ok(changed)
        })
    }
}
