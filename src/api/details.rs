//! What a link's page said, as the shells show it: the stored details of one link, and the
//! favicons of many pearls in one read as data URLs the window can show offline.

use base64::Engine as _;
use rusqlite::params_from_iter;
use serde::Serialize;

use crate::error::Result;
use crate::model::PearlId;
use crate::store::{Store, StoredDetails};

/// A pearl's stored favicon, ready for an `<img src>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PearlFavicon {
    /// The link pearl.
    pub pearl: PearlId,
    /// The icon as a `data:` URL.
    pub data_url: String,
}

/// Image types a favicon may be shown as (anything else is left out rather than trusted).
const SHOWN_MIMES: [&str; 7] = [
    "image/png",
    "image/x-icon",
    "image/vnd.microsoft.icon",
    "image/gif",
    "image/jpeg",
    "image/webp",
    "image/svg+xml",
];

/// What the library holds about a link's page (`None` before any fetch or import gave it one).
///
/// # Errors
/// [`crate::Error::Sqlite`].
pub fn page_info(store: &Store, id: PearlId) -> Result<Option<StoredDetails>> {
    store.page_details(id)
}

/// The stored favicons of `ids` as data URLs (pearls without one, or with an image the
/// window cannot show, are left out).
///
/// # Errors
/// [`crate::Error::Sqlite`].
pub fn favicons_of(store: &Store, ids: &[PearlId]) -> Result<Vec<PearlFavicon>> {
    let mut out = Vec::new();
    store.read(|conn| {
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut stmt = conn.prepare(&format!(
                "SELECT d.pearl_id, f.mime, f.data FROM page_details d \
                 JOIN favicons f ON f.id = d.favicon_id WHERE d.pearl_id IN ({marks})"
            ))?;
            let rows = stmt.query_map(params_from_iter(chunk.iter().map(|id| id.0)), |r| {
                Ok((
                    PearlId(r.get(0)?),
                    r.get::<_, String>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                ))
            })?;
            for row in rows {
                let (pearl, mime, data) = row?;
                let mime = mime.trim().to_ascii_lowercase();
                if data.is_empty() || !SHOWN_MIMES.contains(&mime.as_str()) {
                    continue;
                }
                let b64 = base64::engine::general_purpose::STANDARD.encode(&data);
                out.push(PearlFavicon {
                    pearl,
                    data_url: format!("data:{mime};base64,{b64}"),
                });
            }
        }
        Ok(())
    })?;
    Ok(out)
}
