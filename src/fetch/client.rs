//! The network half of fetching: one HTTP client, limits on how many requests run at once
//! (in all, and per host), redirects followed by hand (so each hop is checked and counted, and
//! permanent moves are told apart from temporary ones), the body read as a stream and dropped
//! once the head is in, one retry after a short `Retry-After`; favicons are in `favicon`.
//!
//! It knows nothing of the library: it turns a URL into a [`FetchRecord`] without its pearl.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Client, Response, StatusCode};
use tokio::sync::{OnceCell, OwnedSemaphorePermit, Semaphore};
use url::Url;

use super::Options;
use super::extract::{self, Verdict};
use crate::store::{FaviconData, FetchRecord, Outcome};
use crate::{Error, PearlId, model::now_millis};

/// What the fetcher says it is. Browser-like enough for sites that refuse unknown agents,
/// honest about being Nacre.
const USER_AGENT: &str = "Mozilla/5.0 (compatible; Nacre/0.1; +bookmark title fetcher) AppleWebKit/537.36 (KHTML, like Gecko)";

/// Why a fetch stopped without a page.
pub(super) struct Failure {
    pub(super) outcome: Outcome,
    pub(super) message: String,
    pub(super) status: Option<u16>,
}

impl Failure {
    pub(super) fn new(outcome: Outcome, message: impl Into<String>) -> Failure {
        Failure {
            outcome,
            message: message.into(),
            status: None,
        }
    }

    /// Sorts a reqwest error into timeout, unreachable (DNS, refused or reset connection), or
    /// failed (TLS and anything else), with its cause chain as the message, less reqwest's
    /// own wrappers ("error sending request for url (...)").
    pub(super) fn from_http(e: &reqwest::Error) -> Failure {
        let mut parts: Vec<String> = Vec::new();
        let mut tls = false;
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(s) = source {
            let text = s.to_string();
            // rustls's errors (inside io errors), or tokio-rustls's own ("tls handshake eof")
            tls |= is_tls(s) || text.to_ascii_lowercase().contains("tls handshake");
            let wrapper = text.starts_with("error sending request")
                || text.starts_with("client error")
                || text.starts_with("error decoding response body");
            if !wrapper && !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            source = s.source();
        }
        let outcome = if e.is_timeout() {
            Outcome::Timeout
        } else if tls {
            Outcome::Failed
        } else if e.is_connect() {
            Outcome::Unreachable
        } else {
            Outcome::Failed
        };
        let mut message = if parts.is_empty() {
            e.to_string()
        } else {
            parts.join(": ")
        };
        if tls {
            message = format!("TLS: {message}");
        }
        Failure::new(outcome, message)
    }
}

/// Whether an error is, or wraps in io errors, a rustls error. (An io error's `source()`
/// skips the error it wraps, so the chain alone does not show it.)
fn is_tls(error: &(dyn std::error::Error + 'static)) -> bool {
    if error.is::<rustls::Error>() {
        return true;
    }
    error
        .downcast_ref::<std::io::Error>()
        .and_then(std::io::Error::get_ref)
        .is_some_and(|inner| is_tls(inner))
}

/// A response with the permits that let it run; they are released when it is dropped.
pub(super) struct Held {
    pub(super) response: Response,
    _permits: (OwnedSemaphorePermit, OwnedSemaphorePermit),
}

/// The end of a redirect chain.
pub(super) struct Followed {
    pub(super) held: Held,
    pub(super) final_url: Url,
    moved_to: Option<Url>,
}

/// One run's client, limits and favicon cache; shared by all of the run's tasks.
pub(crate) struct Fetcher {
    client: Client,
    options: Options,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    pub(super) icons: Mutex<HashMap<Url, Arc<OnceCell<Option<FaviconData>>>>>,
    known_icons: HashSet<String>,
}

impl Fetcher {
    /// Builds the client. `known_icons` are icon URLs the library already holds.
    pub(crate) fn new(options: Options, known_icons: HashSet<String>) -> crate::Result<Fetcher> {
        // reqwest uses rustls with the provider the process installed; install ring's if none
        // is (an error here only means one is installed already).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            reqwest::header::HeaderValue::from_static(
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            ),
        );
        let client = Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .pool_max_idle_per_host(options.per_host)
            .build()
            .map_err(|e| Error::Network(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            global: Arc::new(Semaphore::new(options.concurrency.max(1))),
            hosts: Mutex::new(HashMap::new()),
            icons: Mutex::new(HashMap::new()),
            known_icons,
            options,
        })
    }

    /// Fetches one link and says what it found. Never fails: every problem becomes the
    /// record's outcome and error.
    pub(crate) async fn fetch(&self, pearl: PearlId, url_text: &str) -> FetchRecord {
        let mut record = FetchRecord {
            pearl,
            url: url_text.to_owned(),
            fetched_at: now_millis(),
            outcome: Outcome::Failed,
            http_status: None,
            final_url: None,
            moved_to: None,
            error: None,
            title: None,
            description: None,
            site_name: None,
            image_url: None,
            favicon_url: None,
            favicon: None,
        };
        let start = match Url::parse(url_text.trim()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => u,
            Ok(u) => {
                record.error = Some(format!("{}: URLs are not fetched", u.scheme()));
                return record;
            }
            Err(e) => {
                record.error = Some(format!("not a valid URL: {e}"));
                return record;
            }
        };
        match self.fetch_page(&start, &mut record).await {
            Ok(()) => {}
            Err(failure) => {
                record.outcome = failure.outcome;
                record.error = Some(failure.message);
                record.http_status = failure.status.or(record.http_status);
            }
        }
        record.fetched_at = now_millis();
        record
    }

    async fn fetch_page(&self, start: &Url, record: &mut FetchRecord) -> Result<(), Failure> {
        let followed = self.follow(start).await?;
        record.final_url = Some(followed.final_url.to_string());
        record.moved_to = followed.moved_to.filter(|m| m != start).map(String::from);
        let status = followed.held.response.status();
        if !(100..=599).contains(&status.as_u16()) {
            // Not HTTP's range: LinkedIn's 999 and the like, which sites send to bots.
            return Err(Failure::new(
                Outcome::Blocked,
                format!(
                    "an unusual HTTP status {}, as sites send to bots",
                    status.as_u16()
                ),
            ));
        }
        record.http_status = Some(status.as_u16());
        let headers = followed.held.response.headers().clone();
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let challenge_header = headers.contains_key("cf-mitigated");
        let body = self
            .read_head(followed.held, content_type.as_deref())
            .await?;
        let is_html = body.is_some();
        let body = body.unwrap_or_default();
        let page = extract::extract(&body, content_type.as_deref(), &followed.final_url);
        match extract::judge(status.as_u16(), challenge_header, &page, &body) {
            Verdict::BotWall => {
                return Err(Failure {
                    outcome: Outcome::Blocked,
                    message: format!("a bot check stood in the way (HTTP {status})"),
                    status: Some(status.as_u16()),
                });
            }
            Verdict::ErrorPage if status == StatusCode::TOO_MANY_REQUESTS => {
                // Rate limited: the page is there, the site wants fewer requests.
                return Err(Failure {
                    outcome: Outcome::Blocked,
                    message: "the site asked for fewer requests (HTTP 429)".to_owned(),
                    status: Some(status.as_u16()),
                });
            }
            Verdict::ErrorPage => {
                let said = page.title.as_deref().unwrap_or(status.as_str());
                let message = if status.is_success() {
                    format!("an error page: {said:?}")
                } else {
                    format!("HTTP {status}")
                };
                return Err(Failure {
                    outcome: Outcome::HttpError,
                    message,
                    status: Some(status.as_u16()),
                });
            }
            Verdict::Page => {}
        }
        record.outcome = Outcome::Ok;
        record.title = page.title;
        record.description = page.description;
        record.site_name = page.site_name;
        record.image_url = page.image_url;
        if is_html && self.options.favicons {
            let mut candidates = page.icon_urls;
            if let Ok(fallback) = followed.final_url.join("/favicon.ico")
                && !candidates.contains(&fallback)
            {
                candidates.push(fallback);
            }
            for icon_url in candidates {
                if self.known_icons.contains(icon_url.as_str()) {
                    record.favicon_url = Some(icon_url.to_string());
                    break;
                }
                if let Some(icon) = self.favicon(&icon_url).await {
                    record.favicon_url = Some(icon.source_url.clone());
                    record.favicon = Some(icon);
                    break;
                }
            }
        }
        Ok(())
    }

    /// Follows redirects by hand, up to the limit, refusing loops and non-web targets.
    /// `moved_to` is where the leading permanent redirects (301, 308) lead.
    pub(super) async fn follow(&self, start: &Url) -> Result<Followed, Failure> {
        let mut url = start.clone();
        let mut seen = HashSet::from([url.clone()]);
        let mut moved_to = None;
        let mut permanent_so_far = true;
        for hop in 0..=self.options.max_redirects {
            let held = self.get(&url).await?;
            let status = held.response.status();
            if !status.is_redirection() {
                return Ok(Followed {
                    held,
                    final_url: url,
                    moved_to,
                });
            }
            let Some(location) = held
                .response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
            else {
                return Ok(Followed {
                    held,
                    final_url: url,
                    moved_to,
                });
            };
            let next = url.join(location.trim()).map_err(|e| Failure {
                outcome: Outcome::Failed,
                message: format!("a redirect to an invalid URL {location:?}: {e}"),
                status: Some(status.as_u16()),
            })?;
            drop(held);
            if !matches!(next.scheme(), "http" | "https") {
                return Err(Failure::new(
                    Outcome::Failed,
                    format!(
                        "a redirect to a {} URL, which is not followed",
                        next.scheme()
                    ),
                ));
            }
            if hop == self.options.max_redirects {
                return Err(Failure::new(
                    Outcome::Failed,
                    format!("more than {} redirects", self.options.max_redirects),
                ));
            }
            if !seen.insert(next.clone()) {
                return Err(Failure::new(
                    Outcome::Failed,
                    format!("a redirect loop (back to {next})"),
                ));
            }
            let permanent = matches!(
                status,
                StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
            );
            permanent_so_far &= permanent;
            if permanent_so_far {
                moved_to = Some(next.clone());
            }
            url = next;
        }
        Err(Failure::new(Outcome::Failed, "too many redirects"))
    }

    /// One GET within the limits, retried once after a short `Retry-After` on 429 and 503.
    async fn get(&self, url: &Url) -> Result<Held, Failure> {
        let first = self.get_once(url).await?;
        let status = first.response.status();
        if !matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        ) {
            return Ok(first);
        }
        let wait = first
            .response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(retry_after);
        match wait {
            Some(wait) if wait <= self.options.max_retry_after => {
                // Let others use the slots while waiting.
                drop(first);
                tokio::time::sleep(wait).await;
                self.get_once(url).await
            }
            _ => Ok(first),
        }
    }

    async fn get_once(&self, url: &Url) -> Result<Held, Failure> {
        let permits = self.permits(url).await?;
        let response = self
            .client
            .get(url.clone())
            .send()
            .await
            .map_err(|e| Failure::from_http(&e))?;
        Ok(Held {
            response,
            _permits: permits,
        })
    }

    /// Waits for a slot on the URL's host, then for one of the global slots (in that order,
    /// so tasks queued behind a busy host do not hold global slots that other hosts could use).
    async fn permits(
        &self,
        url: &Url,
    ) -> Result<(OwnedSemaphorePermit, OwnedSemaphorePermit), Failure> {
        let host_key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let host = {
            let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(
                hosts
                    .entry(host_key)
                    .or_insert_with(|| Arc::new(Semaphore::new(self.options.per_host.max(1)))),
            )
        };
        let closed = |_| Failure::new(Outcome::Failed, "the fetch was cancelled");
        let host = host.acquire_owned().await.map_err(closed)?;
        let global = Arc::clone(&self.global)
            .acquire_owned()
            .await
            .map_err(closed)?;
        Ok((host, global))
    }

    /// Reads the body of an HTML response until its head is complete or the size cap is
    /// reached, then drops the rest. `None` for a response that is not HTML (its body is not
    /// read at all).
    async fn read_head(
        &self,
        mut held: Held,
        content_type: Option<&str>,
    ) -> Result<Option<Vec<u8>>, Failure> {
        let html = content_type.is_none_or(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("html") || t.contains("xml") || t.starts_with("text/plain")
        });
        if !html {
            return Ok(None);
        }
        let mut body = Vec::new();
        loop {
            match held.response.chunk().await {
                Ok(Some(chunk)) => {
                    let from = body.len();
                    body.extend_from_slice(&chunk);
                    if body.len() >= self.options.max_body_bytes {
                        body.truncate(self.options.max_body_bytes);
                        break;
                    }
                    if extract::head_complete(&body, from) {
                        break;
                    }
                }
                Ok(None) => break,
                // What arrived before a late failure is still a usable head.
                Err(e) if body.is_empty() => return Err(Failure::from_http(&e)),
                Err(_) => break,
            }
        }
        Ok(Some(body))
    }
}

/// A `Retry-After` value: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    let wait = when - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        assert_eq!(retry_after("soon"), None);
    }
}
