//! Who wrote a bookmark file, read from its first lines, and what that changes: the source's
//! name, HREFs written raw (Chromium and linkding put `&` in them as it is), tags separated by
//! spaces (Diigo).
//!
//! Signatures (documented in `docs/import.md`):
//! - **Chromium** (Chrome, Edge, Brave, Vivaldi, Opera): the exact header of Chromium's
//!   `bookmark_html_writer.cc` — `<TITLE>Bookmarks</TITLE>`, `<H1>Bookmarks</H1>`, `<DL><p>`,
//!   one per line — and then, as the first entry, the bookmark bar written as
//!   `<DT><H3 ADD_DATE="…" LAST_MODIFIED="…" PERSONAL_TOOLBAR_FOLDER="true">`. Other writers
//!   that copy Chromium's header (Karakeep, many scripts) start with a link or another folder;
//!   and the file holds nothing Chromium never writes: no `TAGS`, `ICON_URI`, `LAST_CHARSET`,
//!   `SHORTCUTURL` or `<DD>`, and a `LAST_MODIFIED` only on folders.
//! - **Firefox**: the `Content-Security-Policy` meta line Firefox writes, or `<H1>Bookmarks
//!   Menu</H1>`.
//! - **linkding**: its header lines joined by `"\n\r"`.
//! - **Raindrop.io**, **Diigo**, **Pinboard**: their name in the `<TITLE>` or `<H1>`.

/// A writer of bookmark HTML that Nacre tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    /// Chrome and the browsers built on Chromium.
    Chromium,
    /// Firefox.
    Firefox,
    /// linkding.
    Linkding,
    /// Raindrop.io.
    Raindrop,
    /// Diigo.
    Diigo,
    /// Pinboard.
    Pinboard,
    /// Any other.
    Unknown,
}

/// How far into the file the signatures are looked for.
const HEAD: usize = 4096;

impl Writer {
    /// The writer of the bookmark file `text`.
    pub(crate) fn of(text: &str) -> Writer {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let head = text.get(..text.floor_char_boundary(HEAD)).unwrap_or(text);
        if head.contains("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n\r") {
            return Writer::Linkding;
        }
        let lower = head.to_ascii_lowercase();
        let named = |name: &str| {
            ["<title>", "<h1>"].iter().any(|tag| {
                lower
                    .split(tag)
                    .nth(1)
                    .and_then(|rest| rest.split('<').next())
                    .is_some_and(|title| title.contains(name))
            })
        };
        if lower.contains("http-equiv=\"content-security-policy\"")
            || lower.contains("<h1>bookmarks menu</h1>")
        {
            Writer::Firefox
        } else if is_chromium(head) && holds_only_what_chromium_writes(text) {
            Writer::Chromium
        } else if named("raindrop") {
            Writer::Raindrop
        } else if named("diigo") {
            Writer::Diigo
        } else if named("pinboard") {
            Writer::Pinboard
        } else {
            Writer::Unknown
        }
    }

    /// The source's name for people.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Writer::Chromium => "Chrome bookmarks",
            Writer::Firefox => "Firefox bookmarks",
            Writer::Linkding => "linkding export",
            Writer::Raindrop => "Raindrop.io export",
            Writer::Diigo => "Diigo export",
            Writer::Pinboard => "Pinboard export",
            Writer::Unknown => "Bookmark HTML",
        }
    }

    /// Whether it writes URLs into HREF as they are, `&` unescaped.
    pub(crate) fn writes_raw_hrefs(self) -> bool {
        matches!(self, Writer::Chromium | Writer::Linkding)
    }

    /// Whether its TAGS are separated by spaces rather than commas.
    pub(crate) fn separates_tags_with_spaces(self) -> bool {
        self == Writer::Diigo
    }
}

/// Whether `head` is the start of a file Chromium wrote: its header lines exactly (any line
/// ends), then the bookmark bar folder as the first entry.
fn is_chromium(head: &str) -> bool {
    let mut lines = head.lines().map(str::trim);
    let header = [
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
        "<!-- This is an automatically generated file.",
        "It will be read and overwritten.",
        "DO NOT EDIT! -->",
        "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">",
        "<TITLE>Bookmarks</TITLE>",
        "<H1>Bookmarks</H1>",
        "<DL><p>",
    ];
    if !header.iter().all(|want| lines.next() == Some(want)) {
        return false;
    }
    let Some(first) = lines.find(|l| !l.is_empty()) else {
        return false;
    };
    // <DT><H3 ADD_DATE="digits" LAST_MODIFIED="digits" PERSONAL_TOOLBAR_FOLDER="true">
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    first
        .strip_prefix("<DT><H3 ADD_DATE=\"")
        .and_then(|r| r.split_once("\" LAST_MODIFIED=\""))
        .and_then(|(added, r)| {
            let (modified, r) = r.split_once('"')?;
            Some(
                digits(added)
                    && digits(modified)
                    && r.starts_with(" PERSONAL_TOOLBAR_FOLDER=\"true\">"),
            )
        })
        .unwrap_or(false)
}

/// Whether the file holds only the attributes and tags Chromium's writer writes (links have
/// HREF, ADD_DATE and ICON; folders ADD_DATE, LAST_MODIFIED and the toolbar flag).
fn holds_only_what_chromium_writes(text: &str) -> bool {
    let never = [
        "TAGS=\"",
        "ICON_URI=\"",
        "LAST_CHARSET=\"",
        "SHORTCUTURL=\"",
        "<DD>",
    ];
    if never.iter().any(|n| text.contains(n)) {
        return false;
    }
    text.matches("LAST_MODIFIED=\"").count() == text.matches("<DT><H3 ").count()
}

/// The HREF values of a file, as written, in document order: each `<A HREF="` the writer
/// wrote, up to the next `"` (such a writer turns a `"` in a URL into `&quot;`, and a URL
/// never holds one).
pub(crate) struct RawHrefs<'a> {
    text: &'a str,
    at: usize,
    /// Set when a raw value ever disagreed with the tokenizer's: from then on the tokenizer's
    /// values are used, as for any other file.
    lost: bool,
}

impl<'a> RawHrefs<'a> {
    pub(crate) fn new(text: &'a str) -> RawHrefs<'a> {
        RawHrefs {
            text,
            at: 0,
            lost: false,
        }
    }

    /// The next HREF as written, when it is the same attribute as `decoded` (the tokenizer's
    /// value): both agree up to the raw value's first `&`, and are equal when it has none.
    pub(crate) fn next_matching(&mut self, decoded: &str) -> Option<&'a str> {
        if self.lost {
            return None;
        }
        const OPEN: &str = "<A HREF=\"";
        let rest = self.text.get(self.at..)?;
        let found = rest.find(OPEN).map(|i| self.at + i + OPEN.len());
        let raw = found.and_then(|start| {
            let value = self.text.get(start..)?;
            let end = value.find('"')?;
            self.at = start + end + 1;
            value.get(..end)
        });
        let same_attribute = |raw: &str| match raw.split_once('&') {
            Some((before, _)) => decoded.starts_with(before),
            None => raw == decoded,
        };
        match raw {
            Some(raw) if same_attribute(raw) => Some(raw),
            _ => {
                self.lost = true;
                None
            }
        }
    }
}

/// Diigo's tags: separated by spaces, a tag with spaces in double quotes.
pub(crate) fn split_space_tags(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (tag, after) = if let Some(quoted) = rest.strip_prefix('"') {
            quoted.split_once('"').unwrap_or((quoted, ""))
        } else {
            rest.split_once(char::is_whitespace).unwrap_or((rest, ""))
        };
        let tag = tag.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
        rest = after.trim_start();
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chromium_is_told_from_writers_that_copy_its_header() {
        let header = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\r\n<!-- This is an automatically generated file.\r\n     It will be read and overwritten.\r\n     DO NOT EDIT! -->\r\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\r\n<TITLE>Bookmarks</TITLE>\r\n<H1>Bookmarks</H1>\r\n<DL><p>\r\n";
        let chrome = format!(
            "{header}    <DT><H3 ADD_DATE=\"1\" LAST_MODIFIED=\"2\" PERSONAL_TOOLBAR_FOLDER=\"true\">Bookmarks bar</H3>\r\n"
        );
        assert_eq!(Writer::of(&chrome), Writer::Chromium);
        let karakeep = format!("{header}    <DT><A HREF=\"https://a.example/\">A</A>\n");
        assert_eq!(Writer::of(&karakeep), Writer::Unknown);
        assert_eq!(
            split_space_tags("rust \"two words\" web rust"),
            ["rust", "two words", "web"]
        );
    }
}
