//! The words of the product as types: pearls, their kinds, ids, and the inputs that carry their
//! own validation.
//!
//! Nothing here touches the library file; the store turns these into rows and back. Inputs
//! (`LinkUrl`, `Title`, `Tag`) can only be built through constructors that check them, so a value
//! of such a type is always valid.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use crate::pearl_id::PearlId;

/// What a pearl is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PearlKind {
    /// A pearl that holds other pearls (Pearltrees: a pearltree).
    Collection,
    /// A URL with its title, note and fetched page details.
    Link,
    /// Free text standing in a collection on its own.
    Note,
    /// A heading that divides a long collection into parts.
    Section,
    /// A pointer to a collection that lives elsewhere in the tree.
    Alias,
}

impl PearlKind {
    /// The word stored in the library file and shown to scripts.
    pub fn as_str(self) -> &'static str {
        match self {
            PearlKind::Collection => "collection",
            PearlKind::Link => "link",
            PearlKind::Note => "note",
            PearlKind::Section => "section",
            PearlKind::Alias => "alias",
        }
    }

    /// Reads the stored word back.
    pub fn parse(word: &str) -> Option<PearlKind> {
        Some(match word {
            "collection" => PearlKind::Collection,
            "link" => PearlKind::Link,
            "note" => PearlKind::Note,
            "section" => PearlKind::Section,
            "alias" => PearlKind::Alias,
            _ => return None,
        })
    }
}

impl fmt::Display for PearlKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

/// Now, in milliseconds since the Unix epoch.
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A count with its noun: "1 pearl", "3 pearls", "2 aliases" (`many` is the plural).
pub(crate) fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A link's URL: the text as the user gave it, which is what is kept and shown, plus the
/// normalised form used to find duplicates.
///
/// See [`normalize_url`] for what normalisation does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkUrl {
    original: String,
    normalized: String,
}

impl LinkUrl {
    /// Parses a URL the user typed or pasted.
    ///
    /// Leading and trailing white space is dropped. A bare host such as `example.com/page` gets
    /// `https://` in front, the way a browser's address bar reads it. Any absolute URL is
    /// accepted, including `javascript:` bookmarklets and `file:` URLs, which are kept but never
    /// fetched.
    ///
    /// # Errors
    /// [`Error::InvalidUrl`] when the text is empty or not an absolute URL.
    pub fn parse(text: &str) -> Result<LinkUrl> {
        let trimmed = text.trim();
        let invalid = |reason: String| Error::InvalidUrl {
            url: trimmed.to_owned(),
            reason,
        };
        if trimmed.is_empty() {
            return Err(invalid("it is empty".into()));
        }
        match url::Url::parse(trimmed) {
            Ok(parsed) => Ok(LinkUrl {
                original: trimmed.to_owned(),
                normalized: normalize_parsed(parsed),
            }),
            Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_bare_host(trimmed) => {
                let with_scheme = format!("https://{trimmed}");
                let parsed = url::Url::parse(&with_scheme).map_err(|e| invalid(e.to_string()))?;
                Ok(LinkUrl {
                    original: with_scheme,
                    normalized: normalize_parsed(parsed),
                })
            }
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                Err(invalid("it has no scheme such as https://".into()))
            }
            Err(e) => Err(invalid(e.to_string())),
        }
    }

    /// The URL as the user gave it.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// The normalised form used to compare URLs.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Whether this URL can be fetched over the network (http or https).
    pub fn is_web(&self) -> bool {
        let scheme = self.normalized.split(':').next().unwrap_or("");
        scheme == "http" || scheme == "https"
    }
}

impl fmt::Display for LinkUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

fn looks_like_bare_host(text: &str) -> bool {
    let host = text.split(['/', '?', '#']).next().unwrap_or("");
    !text.contains(char::is_whitespace)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
}

/// Query parameters that only track where a click came from; two URLs that differ only in them
/// show the same page.
const TRACKING_PARAMS: &[&str] = &["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"];

/// The form two URLs are compared in to find the same page saved twice.
///
/// What the `url` crate does by parsing (WHATWG URL standard): scheme and host lower-cased,
/// internationalised host names to punycode, default ports (`:80` for http, `:443` for https)
/// dropped, an empty path becomes `/`, `.` and `..` segments resolved, percent-encoding made
/// uniform. What Nacre adds, each because it never changes which page is shown:
/// - an empty fragment (`page#`) is dropped; a non-empty one is kept, since single-page apps route
///   on it;
/// - `utm_*` parameters and click ids (`fbclid`, `gclid`, …) are removed, and an empty query
///   (`page?`) is dropped.
///
/// Not normalised, on purpose: `http` versus `https`, `www.` or not, a trailing slash, and the
/// order of query parameters. Each can serve a different page, so they are left to the user.
///
/// Text that does not parse as an absolute URL is returned trimmed, unchanged.
pub fn normalize_url(text: &str) -> String {
    match url::Url::parse(text.trim()) {
        Ok(parsed) => normalize_parsed(parsed),
        Err(_) => text.trim().to_owned(),
    }
}

fn normalize_parsed(mut parsed: url::Url) -> String {
    if parsed.query().is_some() {
        let kept: Vec<(String, String)> = parsed
            .query_pairs()
            .filter(|(k, _)| !k.starts_with("utm_") && !TRACKING_PARAMS.contains(&k.as_ref()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let had_tracking = parsed.query_pairs().count() != kept.len() || parsed.query() == Some("");
        if had_tracking {
            if kept.is_empty() {
                parsed.set_query(None);
            } else {
                parsed.query_pairs_mut().clear().extend_pairs(kept);
            }
        }
    }
    if parsed.fragment() == Some("") {
        parsed.set_fragment(None);
    }
    parsed.into()
}

/// A tag: trimmed, not empty, at most 100 characters, no commas (commas separate tags in
/// bookmark files).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tag(String);

impl Tag {
    /// Checks and trims a tag.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the tag when it is empty, too long or holds a comma.
    pub fn new(text: &str) -> Result<Tag> {
        let t = text.trim();
        let bad = |why: &str| Error::Invalid(format!("tag {t:?} {why}"));
        if t.is_empty() {
            return Err(bad("is empty"));
        }
        if t.chars().count() > 100 {
            return Err(bad("is longer than 100 characters"));
        }
        if t.contains(',') {
            return Err(bad("contains a comma"));
        }
        Ok(Tag(t.to_owned()))
    }

    /// Parses a comma-separated list of tags, skipping empty items and repeats.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a tag that is too long.
    pub fn parse_list(text: &str) -> Result<Vec<Tag>> {
        let mut tags: Vec<Tag> = Vec::new();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let tag = Tag::new(part)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(tags)
    }

    /// The tag's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One pearl as stored, with everything the window and the tool show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Pearl {
    /// Its id.
    pub id: PearlId,
    /// What it is.
    pub kind: PearlKind,
    /// The collection it hangs in; `None` only for the root and the trash.
    pub parent_id: Option<PearlId>,
    /// The title to show: the user's own if they typed one, else the page's fetched title,
    /// else the title it was imported with; may be empty (then show the URL).
    pub title: String,
    /// Whether `title` was typed by the user (and so always wins over a fetched one).
    pub title_is_user: bool,
    /// Free text about it (for a note pearl, the note itself).
    pub note: String,
    /// For a link, its URL as the user gave it.
    pub url: Option<String>,
    /// For an alias, the collection it points at.
    pub alias_target: Option<PearlId>,
    /// Its tags, in alphabetical order.
    pub tags: Vec<String>,
    /// When it was made.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: Millis,
    /// When its title, note, URL or tags last changed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub modified_at: Millis,
    /// For a collection, how many pearls hang directly in it.
    pub child_count: u32,
    /// Its stable identity, the same in every copy of the library and every device.
    pub uuid: String,
    /// For the top of a branch imported from a shared Nacre file or page: which tree, from
    /// whom, under which licence. Every pearl picked from such a branch carries it too, marked
    /// as a pick (`picked_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub provenance: Option<crate::provenance::Provenance>,
}

impl Pearl {
    /// The title to show: the pearl's own, or for an untitled link its URL.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            self.url.as_deref().unwrap_or("")
        } else {
            &self.title
        }
    }
}

/// Details fetched from a link's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PageDetails {
    /// The URL after redirects.
    pub final_url: Option<String>,
    /// The HTTP status of the final response.
    pub http_status: Option<u16>,
    /// The page's own title, cleaned.
    pub title: Option<String>,
    /// The page's description.
    pub description: Option<String>,
    /// The site's name (og:site_name).
    pub site_name: Option<String>,
    /// The URL of a preview image.
    pub image_url: Option<String>,
    /// The URL the favicon came from.
    pub favicon_url: Option<String>,
    /// When it was fetched.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub fetched_at: Option<Millis>,
    /// What went wrong, when it did.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_what_never_changes_the_page() {
        let cases = [
            ("HTTPS://Example.COM", "https://example.com/"),
            ("https://example.com:443/a", "https://example.com/a"),
            ("http://example.com:80/a", "http://example.com/a"),
            ("https://bücher.de/x", "https://xn--bcher-kva.de/x"),
            (
                "https://example.com/a?utm_source=x&id=3",
                "https://example.com/a?id=3",
            ),
            (
                "https://example.com/a?utm_source=x",
                "https://example.com/a",
            ),
            ("https://example.com/a#", "https://example.com/a"),
            ("https://example.com/a#top", "https://example.com/a#top"),
            ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ];
        for (given, expected) in cases {
            assert_eq!(normalize_url(given), expected, "normalising {given}");
        }
    }

    #[test]
    fn normalisation_keeps_what_may_change_the_page() {
        assert_ne!(
            normalize_url("http://a.com/"),
            normalize_url("https://a.com/")
        );
        assert_ne!(
            normalize_url("https://a.com/x"),
            normalize_url("https://a.com/x/")
        );
        assert_ne!(
            normalize_url("https://a.com/?a=1&b=2"),
            normalize_url("https://a.com/?b=2&a=1")
        );
    }

    #[test]
    fn a_link_keeps_the_text_the_user_gave() {
        let url = LinkUrl::parse("  HTTPS://Example.com/Path  ").unwrap();
        assert_eq!(url.as_str(), "HTTPS://Example.com/Path");
        assert_eq!(url.normalized(), "https://example.com/Path");
    }

    #[test]
    fn a_bare_host_becomes_https() {
        let url = LinkUrl::parse("example.com/page").unwrap();
        assert_eq!(url.as_str(), "https://example.com/page");
    }

    #[test]
    fn text_that_is_not_a_url_is_refused_with_its_reason() {
        for bad in ["", "   ", "not a url", "/relative/path", "http://"] {
            let err = LinkUrl::parse(bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidUrl { .. }),
                "{bad:?} gave {err}"
            );
        }
    }

    #[test]
    fn bookmarklets_are_links_but_not_web_links() {
        let url = LinkUrl::parse("javascript:alert(1)").unwrap();
        assert!(!url.is_web());
        assert!(LinkUrl::parse("http://a.com").unwrap().is_web());
    }

    #[test]
    fn tag_lists_are_trimmed_and_deduplicated() {
        let tags = Tag::parse_list(" rust, web ,,rust").unwrap();
        let words: Vec<&str> = tags.iter().map(Tag::as_str).collect();
        assert_eq!(words, ["rust", "web"]);
    }
}
