//! Whole bodies, for offline copies (`crate::archive`): a page or one of its images and
//! stylesheets read to its end within a size cap, through the same client, limits in all and
//! per host, timeouts and hand-followed redirects as details fetching (see `client`).
//!
//! It knows nothing of the library nor of what the bytes are for.

use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE};
use url::Url;

use super::client::{Failure, Fetcher};
use crate::store::Outcome;

/// A body read whole.
#[derive(Debug)]
pub(crate) struct Body {
    /// Where the redirects ended.
    pub(crate) final_url: Url,
    /// The final response's status.
    pub(crate) status: u16,
    /// Its `Content-Type`, if any.
    pub(crate) content_type: Option<String>,
    /// The body, decompressed (gzip, brotli) as the client reads it.
    pub(crate) bytes: Vec<u8>,
}

/// Why a body was not read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// It is longer than the cap: `announced` is the length the server gave beforehand, if it
    /// gave one (else reading stopped at the cap).
    TooLarge {
        /// The `Content-Length` the server sent.
        announced: Option<u64>,
    },
    /// Not reached, or refused: the same outcomes as details fetching.
    Failed {
        /// The kind of failure.
        outcome: Outcome,
        /// What happened, for people.
        message: String,
        /// The HTTP status, if a response came.
        status: Option<u16>,
    },
}

impl From<Failure> for BodyError {
    fn from(f: Failure) -> BodyError {
        BodyError::Failed {
            outcome: f.outcome,
            message: f.message,
            status: f.status,
        }
    }
}

impl Fetcher {
    /// Fetches `url` and reads its body to the end, or fails once it passes `cap` bytes
    /// (before reading anything when the server announces a longer body). Error statuses
    /// are returned as bodies too: the caller decides what a 404 means to it.
    pub(crate) async fn fetch_body(&self, url: &Url, cap: usize) -> Result<Body, BodyError> {
        let followed = self.follow(url).await?;
        let mut held = followed.held;
        let status = held.response.status().as_u16();
        let headers = held.response.headers();
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let announced = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if announced.is_some_and(|n| n > cap as u64) {
            return Err(BodyError::TooLarge { announced });
        }
        let mut bytes = Vec::new();
        loop {
            match held.response.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > cap {
                        return Err(BodyError::TooLarge { announced: None });
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(Failure::from_http(&e).into()),
            }
        }
        Ok(Body {
            final_url: followed.final_url,
            status,
            content_type,
            bytes,
        })
    }
}
