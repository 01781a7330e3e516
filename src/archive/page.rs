//! Archiving one page: fetching it whole within the caps, judging what it is, reading its
//! text, fetching its images and stylesheets, and making the compressed copy.
//!
//! The network goes through the fetcher (its client, limits and redirects); the parsing runs
//! on tokio's blocking threads, each step guarded against panics of the parsers, so one odd
//! page gives a [`CopyProblem`](super::CopyProblem), never a crash.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use tokio::task::JoinSet;
use url::Url;

use super::snapshot::{self, AssetKind, Assets};
use super::store::{StoredCopy, compress};
use super::{CopyOutcome, Options, human_size, readable};
use crate::fetch::Fetcher;
use crate::fetch::body::{Body, BodyError};
use crate::fetch::extract::{self, Verdict};
use crate::model::now_millis;
use crate::store::Outcome;

/// Stylesheets imported from stylesheets are followed this deep (the page's own are 1).
const MAX_CSS_DEPTH: u8 = 3;

/// Why a page was not archived: the outcome and the message.
pub(crate) type Refusal = (CopyOutcome, String);

/// Archives `url` (the key is filled in by the caller).
pub(crate) async fn archive(
    fetcher: Arc<Fetcher>,
    options: Arc<Options>,
    url: Url,
) -> Result<StoredCopy, Refusal> {
    let body = fetcher
        .fetch_body(&url, options.max_page_bytes)
        .await
        .map_err(|e| refusal(e, options.max_page_bytes))?;
    let kind = page_kind(&body);
    if let PageKind::Other(what) = kind {
        return Err((CopyOutcome::NotAPage, what));
    }
    let tld = body
        .final_url
        .host_str()
        .and_then(|h| h.rsplit('.').next())
        .map(str::to_owned);
    let text = extract::decode(&body.bytes, body.content_type.as_deref(), tld.as_deref())
        .0
        .into_owned();
    let final_url = body.final_url.clone();
    let judged = {
        let (bytes, content_type, final_url) =
            (body.bytes, body.content_type.clone(), final_url.clone());
        let status = body.status;
        blocking(move || {
            let found = extract::extract(&bytes, content_type.as_deref(), &final_url);
            extract::judge(status, false, &found, &bytes)
        })
        .await?
    };
    match judged {
        Verdict::Page => {}
        Verdict::BotWall => {
            return Err((
                CopyOutcome::Blocked,
                format!("a bot check stood in the way (HTTP {})", body.status),
            ));
        }
        Verdict::ErrorPage => {
            let message = if (200..300).contains(&body.status) {
                "an error page (it says the page is missing)".to_owned()
            } else {
                format!("HTTP {}", body.status)
            };
            return Err((CopyOutcome::HttpError, message));
        }
    }
    let text = Arc::new(text);
    let (readable, wanted) = {
        let (text, final_url) = (Arc::clone(&text), final_url.clone());
        let snapshots = options.snapshots;
        blocking(move || {
            let readable = readable::readable(&text, &final_url);
            let wanted = if snapshots && readable.is_ok() {
                snapshot::wanted(&text, &final_url)
            } else {
                Vec::new()
            };
            (readable, wanted)
        })
        .await?
    };
    let readable = readable.map_err(|e| (CopyOutcome::Empty, e.to_string()))?;
    let (assets, fetched, missing) = if options.snapshots {
        fetch_assets(&fetcher, &options, wanted, text.len()).await?
    } else {
        (Assets::default(), 0, 0)
    };
    let max_snapshot = options.max_snapshot_bytes;
    let snapshots = options.snapshots;
    blocking(move || {
        let saved_at = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let snapshot = snapshots.then(|| snapshot::assemble(&text, &final_url, &assets, &saved_at));
        let snapshot_bytes = snapshot.as_ref().map_or(0, String::len);
        if snapshot_bytes > max_snapshot {
            return Err((
                CopyOutcome::TooLarge,
                format!(
                    "too large: the snapshot would be {} (the cap is {})",
                    human_size(snapshot_bytes as u64),
                    human_size(max_snapshot as u64)
                ),
            ));
        }
        let squeeze = |b: &[u8]| compress(b).map_err(|e| (CopyOutcome::Failed, e.to_string()));
        Ok(StoredCopy {
            key: String::new(),
            url: url.to_string(),
            final_url: final_url.to_string(),
            archived_at: now_millis(),
            text_z: squeeze(readable.text.as_bytes())?,
            html_z: squeeze(readable.html.as_bytes())?,
            snapshot_z: snapshot
                .as_deref()
                .map(|s| squeeze(s.as_bytes()))
                .transpose()?,
            snapshot_bytes,
            readable,
            assets: fetched,
            assets_missing: missing,
        })
    })
    .await?
}

/// Runs `f` on a blocking thread; a panic in it becomes a failure.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Refusal> {
    let failed = || {
        (
            CopyOutcome::Failed,
            "the page could not be read (its parser failed)".to_owned(),
        )
    };
    tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(f)))
        .await
        .map_err(|_| failed())?
        .map_err(|_| failed())
}

/// What a fetch failure means for a copy.
fn refusal(e: BodyError, cap: usize) -> Refusal {
    match e {
        BodyError::TooLarge { announced: Some(n) } => (
            CopyOutcome::TooLarge,
            format!(
                "too large: {} (the cap is {})",
                human_size(n),
                human_size(cap as u64)
            ),
        ),
        BodyError::TooLarge { announced: None } => (
            CopyOutcome::TooLarge,
            format!("too large: over {} (the cap)", human_size(cap as u64)),
        ),
        BodyError::Failed {
            outcome, message, ..
        } => {
            let kind = match outcome {
                Outcome::Ok | Outcome::Failed => CopyOutcome::Failed,
                Outcome::HttpError => CopyOutcome::HttpError,
                Outcome::Blocked => CopyOutcome::Blocked,
                Outcome::Unreachable => CopyOutcome::Unreachable,
                Outcome::Timeout => CopyOutcome::Timeout,
            };
            (kind, message)
        }
    }
}

/// What a response is.
enum PageKind {
    Html,
    /// Not a page, with what it is for people.
    Other(String),
}

fn page_kind(body: &Body) -> PageKind {
    let mime = body
        .content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let size = human_size(body.bytes.len() as u64);
    let start = body.bytes.get(..body.bytes.len().min(8)).unwrap_or(&[]);
    if mime == "application/pdf" || start.starts_with(b"%PDF-") {
        return PageKind::Other(format!(
            "not a web page: a PDF document ({size}); Nacre keeps no copy of PDFs yet"
        ));
    }
    if mime.starts_with("image/") || sniff_image(&body.bytes).is_some() {
        let what = if mime.is_empty() {
            sniff_image(&body.bytes).unwrap_or("image")
        } else {
            &mime
        };
        return PageKind::Other(format!("not a web page: an image ({what}, {size})"));
    }
    let html_like =
        mime.is_empty() || mime.contains("html") || mime.contains("xml") || mime == "text/plain";
    if html_like {
        PageKind::Html
    } else {
        PageKind::Other(format!("not a web page: a {mime} file ({size})"))
    }
}

/// An image's media type from its first bytes.
fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    let b = bytes.get(..bytes.len().min(16)).unwrap_or(&[]);
    if b.starts_with(b"\x89PNG") {
        Some("image/png")
    } else if b.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF8") {
        Some("image/gif")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The media type an asset is inlined with, or `None` if it is not what its place needs.
fn asset_mime(body: &Body, kind: AssetKind) -> Option<String> {
    if !(200..300).contains(&body.status) {
        return None;
    }
    let declared = body
        .content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match kind {
        AssetKind::Stylesheet => {
            let ok = declared.is_empty() || declared == "text/css" || declared == "text/plain";
            ok.then(|| "text/css".to_owned())
        }
        AssetKind::Image => {
            if let Some(sniffed) = sniff_image(&body.bytes) {
                return Some(sniffed.to_owned());
            }
            let fits = declared.starts_with("image/")
                || declared.starts_with("font/")
                || declared.contains("font");
            fits.then_some(declared)
        }
    }
}

/// Fetches what the page wants (and what its stylesheets want, [`MAX_CSS_DEPTH`] deep) within
/// the snapshot's cap; returns the assets, how many were inlined and how many were left out.
async fn fetch_assets(
    fetcher: &Arc<Fetcher>,
    options: &Options,
    wanted: Vec<(Url, AssetKind)>,
    page_bytes: usize,
) -> Result<(Assets, usize, usize), Refusal> {
    let mut assets = Assets::default();
    // Raw stylesheets with their depth, inlined once everything is in.
    let mut sheets: Vec<(Url, Url, String, u8)> = Vec::new();
    let mut seen: std::collections::HashSet<Url> = wanted.iter().map(|(u, _)| u.clone()).collect();
    let mut round: Vec<(Url, AssetKind, u8)> = wanted.into_iter().map(|(u, k)| (u, k, 1)).collect();
    let mut budget = options.max_snapshot_bytes.saturating_sub(page_bytes);
    let (mut fetched, mut missing, mut asked) = (0, 0, 0);
    while !round.is_empty() {
        let mut tasks = JoinSet::new();
        for (url, kind, depth) in round.drain(..) {
            asked += 1;
            if asked > options.max_assets {
                missing += 1;
                continue;
            }
            let fetcher = Arc::clone(fetcher);
            let cap = budget;
            tasks.spawn(async move {
                let body = fetcher.fetch_body(&url, cap).await;
                (url, kind, depth, body)
            });
        }
        let mut next = Vec::new();
        while let Some(done) = tasks.join_next().await {
            let Ok((url, kind, depth, body)) = done else {
                missing += 1;
                continue;
            };
            let body = match body {
                Ok(body) => body,
                Err(BodyError::TooLarge { .. }) => {
                    return Err((
                        CopyOutcome::TooLarge,
                        format!(
                            "too large: the page with its images and stylesheets passes {} (the cap)",
                            human_size(options.max_snapshot_bytes as u64)
                        ),
                    ));
                }
                Err(BodyError::Failed { .. }) => {
                    missing += 1;
                    continue;
                }
            };
            let Some(mime) = asset_mime(&body, kind) else {
                missing += 1;
                continue;
            };
            // base64 makes 3 bytes 4.
            let cost = body.bytes.len().div_ceil(3) * 4;
            if cost > budget {
                return Err((
                    CopyOutcome::TooLarge,
                    format!(
                        "too large: the page with its images and stylesheets passes {} (the cap)",
                        human_size(options.max_snapshot_bytes as u64)
                    ),
                ));
            }
            budget -= cost;
            fetched += 1;
            match kind {
                AssetKind::Image => {
                    assets
                        .data_urls
                        .insert(url, snapshot::data_url(&mime, &body.bytes));
                }
                AssetKind::Stylesheet => {
                    let text = extract::decode(&body.bytes, body.content_type.as_deref(), None)
                        .0
                        .into_owned();
                    for r in super::css::refs(&text) {
                        let Ok(mut target) = body.final_url.join(&r.target) else {
                            continue;
                        };
                        target.set_fragment(None);
                        let web = matches!(target.scheme(), "http" | "https");
                        let kind = if r.import {
                            AssetKind::Stylesheet
                        } else {
                            AssetKind::Image
                        };
                        let deep_enough = kind == AssetKind::Stylesheet && depth >= MAX_CSS_DEPTH;
                        if web && !deep_enough && seen.insert(target.clone()) {
                            next.push((target, kind, depth + 1));
                        }
                    }
                    sheets.push((url, body.final_url.clone(), text, depth));
                }
            }
        }
        round = next;
    }
    // Deepest first, so each sheet's imports are inlined before it is.
    sheets.sort_by_key(|(_, _, _, depth)| std::cmp::Reverse(*depth));
    for (url, base, text, _) in sheets {
        let inlined = snapshot::inline_css(&text, &base, &assets);
        assets.stylesheets.insert(url, inlined);
    }
    Ok((assets, fetched, missing))
}
