//! Favicons: fetched once per icon URL per run however many pages name it, kept only if they
//! are images of a sane size, and recognised by their first bytes when the server's media type
//! is vague.

use std::sync::{Arc, PoisonError};

use reqwest::header::CONTENT_TYPE;
use url::Url;

use super::client::Fetcher;
use crate::store::FaviconData;

/// The largest favicon kept, in bytes.
const MAX_FAVICON_BYTES: usize = 256 * 1024;

impl Fetcher {
    /// Fetches an icon once per run, however many pages name it; `None` if it is not an image.
    pub(super) async fn favicon(&self, url: &Url) -> Option<FaviconData> {
        let cell = {
            let mut icons = self.icons.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(icons.entry(url.clone()).or_default())
        };
        cell.get_or_init(|| self.fetch_favicon(url)).await.clone()
    }

    async fn fetch_favicon(&self, url: &Url) -> Option<FaviconData> {
        let followed = self.follow(url).await.ok()?;
        let mut response = followed.held.response;
        if !response.status().is_success() {
            return None;
        }
        let declared = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|t| {
                t.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.ok()? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_FAVICON_BYTES {
                return None;
            }
        }
        let mime = sniff_image(&bytes)
            .map(str::to_owned)
            .or_else(|| declared.filter(|t| t.starts_with("image/")))?;
        Some(FaviconData {
            source_url: url.to_string(),
            mime,
            bytes,
        })
    }
}

/// The media type of an image, from its first bytes.
fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if starts(b"\0\0\x01\0") {
        Some("image/x-icon")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("image/gif")
    } else if starts(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else {
        let head = String::from_utf8_lossy(bytes.get(..512).unwrap_or(bytes)).to_lowercase();
        head.contains("<svg").then_some("image/svg+xml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_their_first_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(
            sniff_image(b"<?xml?><svg xmlns=''/>"),
            Some("image/svg+xml")
        );
        assert_eq!(sniff_image(b"<html>not an icon</html>"), None);
    }
}
