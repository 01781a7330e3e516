//! The pure half of fetching: from a page's bytes and headers to its details, with no network
//! and no library.
//!
//! [`decode`] finds the page's real character set the way a browser does (byte order mark,
//! then the HTTP header's `charset`, then a `<meta>` in the head, then detection from the bytes
//! with `chardetng`), with the WHATWG label table of `encoding_rs` (so `iso-8859-1` means
//! windows-1252). [`extract`] parses the text with `scraper` and picks the title (`og:title`,
//! then `twitter:title`, then `<title>`, entities decoded and whitespace collapsed), the
//! description, the site name, the preview image and the icons. [`judge`] says whether a
//! response is a page worth taking a title from, an error page, or a bot wall.
//!
//! Nothing here runs a script or fetches anything.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use scraper::{Html, Selector};
use url::Url;

/// How many bytes of the page's start are searched for a `<meta>` charset. WHATWG says 1024;
/// real pages put long scripts first, so this looks a little further, as browsers' tree
/// builders end up doing.
const META_PRESCAN_BYTES: usize = 8 * 1024;

/// The longest title kept, in characters; longer ones are cut at a word.
const MAX_TITLE_CHARS: usize = 500;

/// The longest description kept, in characters.
const MAX_DESCRIPTION_CHARS: usize = 2000;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The title, cleaned: `og:title`, else `twitter:title`, else `<title>`.
    pub title: Option<String>,
    /// The `<title>` element's text, cleaned (also when a better title was chosen).
    pub title_tag: Option<String>,
    /// `og:description`, else `twitter:description`, else `<meta name=description>`.
    pub description: Option<String>,
    /// `og:site_name`, else `application-name`.
    pub site_name: Option<String>,
    /// `og:image`, else `twitter:image`, made absolute.
    pub image_url: Option<String>,
    /// The icons the page names, best first, made absolute (http and https only).
    pub icon_urls: Vec<Url>,
    /// The character set the text was decoded with (its WHATWG name).
    pub encoding: &'static str,
}

/// Decodes a page's bytes in its real character set: BOM, then the `Content-Type` header's
/// charset, then a `<meta charset>` or `<meta http-equiv=Content-Type>` near the start, then
/// detection from the bytes (`tld` is the host's last label, a hint for the detector).
///
/// Returns the text and the encoding used. Bytes that are not valid in that encoding become
/// U+FFFD; this never fails.
pub fn decode<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    tld: Option<&str>,
) -> (Cow<'a, str>, &'static Encoding) {
    let encoding = Encoding::for_bom(body)
        .map(|(e, _)| e)
        .or_else(|| {
            content_type
                .and_then(charset_param)
                .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        })
        .or_else(|| meta_charset(body))
        .unwrap_or_else(|| detect(body, tld));
    // `decode` removes a BOM (and would follow it, which agrees with the order above).
    let (text, used, _) = encoding.decode(body);
    (text, used)
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// An encoding label as a browser reads it in a page: the WHATWG table, with UTF-16 labels
/// taken as UTF-8 (a page that could say so in ASCII is not UTF-16) and `x-user-defined` as
/// windows-1252.
fn label(text: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(text.trim().as_bytes())?;
    Some(match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => UTF_8,
        "x-user-defined" => WINDOWS_1252,
        _ => encoding,
    })
}

/// The charset a `<meta>` near the start of the page declares. The start is read as
/// windows-1252 (every byte is a character, ASCII stays ASCII) and parsed with the same HTML
/// parser as the page.
fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let start = body.get(..META_PRESCAN_BYTES).unwrap_or(body);
    let (text, _, _) = WINDOWS_1252.decode(start);
    let doc = Html::parse_document(&text);
    for meta in doc.select(&selector("meta")) {
        let el = meta.value();
        if let Some(found) = el.attr("charset").and_then(label) {
            return Some(found);
        }
        let is_content_type = el
            .attr("http-equiv")
            .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type"));
        if is_content_type
            && let Some(found) = el
                .attr("content")
                .and_then(|c| charset_param(&format!("x;{c}")).map(str::to_owned))
                .and_then(|l| label(&l))
        {
            return Some(found);
        }
    }
    None
}

/// Guesses the encoding of unlabelled bytes, as Firefox does (`chardetng`, UTF-8 allowed),
/// with the fallback of a browser in a Western locale: on a generic TLD (`.com`, `.org`), an
/// IP address or no host, a guess of another Latin-script single-byte encoding
/// (Central European, Baltic, Turkish, Vietnamese) is taken as windows-1252. Those share every
/// ASCII letter with windows-1252 and differ in a few accented ones, so on a short page the
/// detector's choice between them is close to a coin toss ("naïve" reads as "naďve" in
/// windows-1250), while the page is far more likely Western. A country TLD (`.cz`, `.pl`,
/// `.tr`) keeps the detector's guess, and so does any other script (Cyrillic, Greek, CJK).
fn detect(body: &[u8], tld: Option<&str>) -> &'static Encoding {
    let tld = tld
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(body, true);
    let guess = detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    let country = tld.as_deref().is_some_and(|t| t.len() == 2);
    let latin_rival = [
        encoding_rs::WINDOWS_1250,
        encoding_rs::WINDOWS_1254,
        encoding_rs::WINDOWS_1257,
        encoding_rs::WINDOWS_1258,
        encoding_rs::ISO_8859_2,
        encoding_rs::ISO_8859_4,
        encoding_rs::ISO_8859_13,
    ]
    .contains(&guess);
    if latin_rival && !country {
        WINDOWS_1252
    } else {
        guess
    }
}

/// A selector written in this file (constants, never input; the unit tests run each one).
fn selector(css: &'static str) -> Selector {
    Selector::parse(css).expect("the selectors written in this file are valid")
}

/// Collapses runs of whitespace (newlines, tabs, no-break spaces) to one space, trims, and
/// cuts overly long text at a word; `None` if nothing is left.
pub fn clean_text(text: &str, max_chars: usize) -> Option<String> {
    let mut out = String::new();
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if out.chars().count() + word.chars().count() >= max_chars {
            if out.is_empty() {
                out.extend(word.chars().take(max_chars));
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // Control characters have no place in a one-line title.
    out.retain(|c| !c.is_control());
    (!out.is_empty()).then_some(out)
}

/// Extracts a page's details from its bytes. `url` is the page's final URL (relative links
/// are resolved against it, or against the page's `<base href>`); `content_type` is the
/// response's `Content-Type` header, if any.
pub fn extract(body: &[u8], content_type: Option<&str>, url: &Url) -> Extracted {
    let tld = url.host_str().and_then(|h| h.rsplit('.').next());
    let (text, encoding) = decode(body, content_type, tld);
    let doc = Html::parse_document(&text);
    let base = doc
        .select(&selector("base[href]"))
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|href| url.join(href).ok())
        .unwrap_or_else(|| url.clone());

    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            doc.select(&selector("meta[content]")).find_map(|m| {
                let el = m.value();
                let named = [el.attr("property"), el.attr("name"), el.attr("itemprop")]
                    .into_iter()
                    .flatten()
                    .any(|n| n.trim().eq_ignore_ascii_case(key));
                if named {
                    clean_text(el.attr("content")?, MAX_DESCRIPTION_CHARS)
                } else {
                    None
                }
            })
        })
    };
    let title_tag = doc
        .select(&selector("title"))
        .next()
        .and_then(|t| clean_text(&t.text().collect::<String>(), MAX_TITLE_CHARS));
    let title = ["og:title", "twitter:title"]
        .iter()
        .find_map(|key| meta(&[key]))
        .and_then(|t| clean_text(&t, MAX_TITLE_CHARS))
        .or_else(|| title_tag.clone());
    let absolute = |href: &str| {
        base.join(href.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
    };
    Extracted {
        title,
        title_tag,
        description: meta(&["og:description", "twitter:description", "description"]),
        site_name: meta(&["og:site_name", "application-name"]),
        image_url: meta(&["og:image:secure_url", "og:image", "twitter:image"])
            .and_then(|href| absolute(&href))
            .map(String::from),
        icon_urls: icons(&doc, &absolute),
        encoding: encoding.name(),
    }
}

/// The icons a page names in `<link rel>`, best first: plain icons (the smallest square
/// that is at least 16 px first), then Apple touch icons.
fn icons(doc: &Html, absolute: &dyn Fn(&str) -> Option<Url>) -> Vec<Url> {
    let mut found: Vec<(u8, u32, Url)> = Vec::new();
    for link in doc.select(&selector("link[rel][href]")) {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        let tokens: Vec<&str> = rel.split_whitespace().collect();
        let rank = if tokens.contains(&"icon") {
            0
        } else if tokens.iter().any(|t| t.starts_with("apple-touch-icon")) {
            1
        } else {
            continue;
        };
        let size = el.attr("sizes").map_or(32, icon_size);
        if let Some(href) = el.attr("href").and_then(absolute)
            && !found.iter().any(|(_, _, u)| *u == href)
        {
            found.push((rank, size, href));
        }
    }
    found.sort_by_key(|(rank, size, _)| (*rank, if *size >= 16 { *size } else { u32::MAX }));
    found.into_iter().map(|(_, _, u)| u).collect()
}

/// The largest side named in a `sizes` attribute ("16x16 32x32", "any" = big).
fn icon_size(sizes: &str) -> u32 {
    sizes
        .split_whitespace()
        .filter_map(|s| {
            let lower = s.to_ascii_lowercase();
            let (w, _) = lower.split_once('x')?;
            w.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(512)
}

/// What a response turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A real page: its title may be shown.
    Page,
    /// An error page: an HTTP error status, or a page whose title says it is one.
    ErrorPage,
    /// A bot wall: a challenge or captcha page instead of the real one.
    BotWall,
}

/// Titles of challenge pages put up instead of the real page ("Just a moment..." is
/// Cloudflare's). Compared in lower case, from the title's start.
const CHALLENGE_TITLES: &[&str] = &[
    "just a moment",
    "attention required",
    "are you a robot",
    "are you human",
    "verifying you are human",
    "verify you are human",
    "human verification",
    "please verify you are a human",
    "security check",
    "checking your browser",
    "one more step",
    "access denied",
    "access to this page has been denied",
    "ddos-guard",
    "captcha",
    "robot check",
    "bot verification",
    "please wait while we verify",
    "pardon our interruption",
];

/// Titles of error pages served with status 200, compared in lower case: the whole title, or
/// its start followed by punctuation ("404 - Page Not Found", "Not found | Example").
const ERROR_TITLES: &[&str] = &[
    "404",
    "404 not found",
    "404 page not found",
    "404 error",
    "error 404",
    "page not found",
    "not found",
    "500 internal server error",
    "internal server error",
    "502 bad gateway",
    "503 service unavailable",
    "service unavailable",
    "site not found",
    "domain not found",
    "this page isn't available",
    "page unavailable",
];

/// Markers of challenge pages in a body served with 403, 429 or 503.
const CHALLENGE_MARKERS: &[&str] = &[
    "challenge-platform",
    "cf-chl-",
    "_cf_chl_opt",
    "cf_chl_",
    "g-recaptcha",
    "h-captcha",
    "hcaptcha.com",
    "captcha-delivery.com",
    "px-captcha",
    "/cdn-cgi/challenge",
    "ddos-guard",
];

/// Whether a title is what a challenge page says instead of the real page's title.
pub fn is_challenge_title(title: &str) -> bool {
    let t = title.trim().to_lowercase();
    CHALLENGE_TITLES.iter().any(|c| t.starts_with(c))
}

/// Whether a title is what an error page says ("404 Not Found", "Page not found").
pub fn is_error_title(title: &str) -> bool {
    let t = title.trim().to_lowercase();
    ERROR_TITLES.iter().any(|e| {
        t == *e
            || t.strip_prefix(e).is_some_and(|rest| {
                rest.trim_start()
                    .starts_with([':', '-', '|', '–', '—', '.', '!', '·'])
            })
    })
}

/// Judges a response from its status, a header that names a challenge (`cf-mitigated`), the
/// extracted details and the body: real page, error page, or bot wall.
pub fn judge(status: u16, challenge_header: bool, found: &Extracted, body: &[u8]) -> Verdict {
    let titles = [found.title.as_deref(), found.title_tag.as_deref()];
    let challenge_title = titles.iter().flatten().any(|t| is_challenge_title(t));
    let error_title = titles.iter().flatten().any(|t| is_error_title(t));
    let may_be_wall = matches!(status, 403 | 429 | 503);
    if challenge_header || challenge_title || (may_be_wall && has_challenge_marker(body)) {
        return Verdict::BotWall;
    }
    if !(200..300).contains(&status) || error_title {
        return Verdict::ErrorPage;
    }
    Verdict::Page
}

fn has_challenge_marker(body: &[u8]) -> bool {
    let lower = body.to_ascii_lowercase();
    CHALLENGE_MARKERS
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == m.as_bytes()))
}

/// Whether the bytes read so far hold the whole head, so the rest of the body can be dropped:
/// a `</head` or `<body` tag (case-insensitive) at or after `from` (minus a few bytes, for a
/// tag cut between two chunks).
pub fn head_complete(body: &[u8], from: usize) -> bool {
    let start = from.saturating_sub(8);
    let window = body.get(start..).unwrap_or_default();
    window.windows(6).any(|w| {
        w.eq_ignore_ascii_case(b"</head")
            || w.get(..5).is_some_and(|b| b.eq_ignore_ascii_case(b"<body"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Url {
        Url::parse(url).unwrap()
    }

    #[test]
    fn charset_comes_from_the_bom_first_then_header_then_meta_then_detection() {
        let bom = b"\xEF\xBB\xBF<meta charset=windows-1252><title>Caf\xC3\xA9</title>";
        assert_eq!(
            decode(bom, Some("text/html; charset=iso-8859-2"), None).1,
            UTF_8
        );
        let header = b"<meta charset=utf-8><title>Caf\xE9</title>";
        assert_eq!(
            decode(header, Some("text/html; charset=windows-1252"), None).1,
            WINDOWS_1252
        );
        let meta = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>";
        assert_eq!(decode(meta, Some("text/html"), None).1, WINDOWS_1252);
        let utf16_meta = b"<meta charset=utf-16><title>x</title>";
        assert_eq!(decode(utf16_meta, None, None).1, UTF_8);
    }

    #[test]
    fn unlabelled_western_bytes_are_detected_as_windows_1252() {
        let body = "<html><head><title>Café “naïve” – €5 ™ Œuvre déjà vu</title></head></html>";
        let (bytes, _, _) = WINDOWS_1252.encode(body);
        let (text, enc) = decode(&bytes, None, Some("com"));
        assert_eq!(enc, WINDOWS_1252, "detected {}", enc.name());
        assert!(text.contains("“naïve” – €5"), "decoded as {text}");
    }

    #[test]
    fn a_central_european_guess_on_a_generic_host_falls_back_to_windows_1252() {
        let title = "Page 929: Café “onyx” – naïve pepper… €929 ™ Œuvre";
        let page = format!(
            "<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
        );
        let (bytes, _, _) = WINDOWS_1252.encode(&page);
        let (text, enc) = decode(&bytes, Some("text/html"), None);
        assert_eq!(enc, WINDOWS_1252, "detected {}", enc.name());
        assert!(text.contains(title), "decoded as {text}");
        let czech = "<html><head><title>Příliš žluťoučký kůň úpěl ďábelské ódy</title></head>\
            <body>Příliš žluťoučký kůň úpěl ďábelské ódy, šťastný úsměv.</body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(czech);
        assert_eq!(
            decode(&bytes, None, Some("cz")).1,
            encoding_rs::WINDOWS_1250
        );
    }

    #[test]
    fn og_title_wins_over_the_title_tag_and_entities_and_newlines_are_cleaned() {
        let body = b"<html><head><title>Raw\n  &amp;  title</title>\
            <meta property=og:title content='Open &lt;Graph&gt;\n title'></head></html>";
        let got = extract(body, None, &page("https://example.com/a"));
        assert_eq!(got.title.as_deref(), Some("Open <Graph> title"));
        assert_eq!(got.title_tag.as_deref(), Some("Raw & title"));
    }

    #[test]
    fn relative_images_and_icons_are_made_absolute() {
        let body = br#"<head><link rel="apple-touch-icon" href="/t.png">
            <link rel="shortcut icon" href="fav.ico"><meta property="og:image" content="/i.jpg">
            <link rel=icon href="javascript:alert(1)"></head>"#;
        let got = extract(body, None, &page("https://example.com/dir/page"));
        assert_eq!(got.image_url.as_deref(), Some("https://example.com/i.jpg"));
        let icons: Vec<String> = got.icon_urls.iter().map(Url::to_string).collect();
        assert_eq!(
            icons,
            [
                "https://example.com/dir/fav.ico",
                "https://example.com/t.png"
            ]
        );
    }

    #[test]
    fn challenge_and_error_pages_are_recognised() {
        let wall = Extracted {
            title: Some("Just a moment...".into()),
            ..Extracted::default()
        };
        assert_eq!(judge(403, false, &wall, b""), Verdict::BotWall);
        let gone = Extracted {
            title: Some("404 Not Found".into()),
            ..Extracted::default()
        };
        assert_eq!(judge(200, false, &gone, b""), Verdict::ErrorPage);
        assert_eq!(
            judge(404, false, &Extracted::default(), b""),
            Verdict::ErrorPage
        );
        let fine = Extracted {
            title: Some("404 ways to cook rice".into()),
            ..Extracted::default()
        };
        assert_eq!(judge(200, false, &fine, b""), Verdict::Page);
        assert!(is_error_title("404 - Page Not Found"));
        assert!(is_error_title("Not found | Example"));
        assert!(!is_error_title("Not Found Records: the label"));
        let marker = b"<script src='/cdn-cgi/challenge-platform/x.js'>";
        assert_eq!(
            judge(503, false, &Extracted::default(), marker),
            Verdict::BotWall
        );
    }

    #[test]
    fn the_head_is_complete_once_its_end_or_the_body_is_seen() {
        assert!(!head_complete(b"<html><head><title>x</title>", 0));
        assert!(head_complete(b"<html><head><title>x</title></HEAD>", 0));
        assert!(head_complete(b"<html><title>x</title><BODY>", 10));
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = "word ".repeat(300);
        let got = clean_text(&long, 20).unwrap();
        assert!(got.chars().count() <= 21 && got.ends_with('…'), "{got}");
    }
}
