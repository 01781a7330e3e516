//! Names for what an import brings in, in words a person uses: "Firefox bookmarks" when the
//! file says which browser wrote it, "Bookmarks from links.html" when it does not, and the
//! default title of the import's collection ("Firefox bookmarks, 1 Dec 2026").
//!
//! It only names; detecting the format is [`mod@super::detect`]'s.

use super::detect::Format;

/// How many bytes at the start of a bookmark HTML file are looked at for its writer.
const HEAD: usize = 16 * 1024;

/// The browser or service that wrote a bookmark HTML file, from the marks each leaves in it.
fn html_writer(bytes: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD)]).to_ascii_lowercase();
    let has = |mark: &str| head.contains(mark);
    let firefox_csp = "content=\"default-src 'self'; script-src 'none'; img-src data: *";
    if has("<h1>bookmarks menu</h1>") || has(">bookmarks toolbar</h3>") || has(firefox_csp) {
        Some("Firefox")
    } else if has(">favorites bar</h3>") {
        Some("Edge")
    } else if has(">bookmarks bar</h3>") {
        Some("Chrome")
    } else if has("com.apple.readinglist") {
        Some("Safari")
    } else if has("<title>pocket export</title>") {
        Some("Pocket")
    } else if has("<title>pearltrees") {
        Some("Pearltrees")
    } else {
        None
    }
}

/// The name of the source read from `bytes` (a file called `file_name`, if known) of `format`.
pub(crate) fn source_name(format: Format, bytes: &[u8], file_name: Option<&str>) -> String {
    let file = file_name.filter(|n| !n.is_empty());
    match format {
        Format::NetscapeHtml => match (html_writer(bytes), file) {
            (Some(writer), _) => format!("{writer} bookmarks"),
            (None, Some(f)) => format!("Bookmarks from {f}"),
            (None, None) => "Bookmarks".to_owned(),
        },
        Format::Opml | Format::Xbel | Format::Csv => match file {
            Some(f) => format!("{} from {f}", format.label()),
            None => format.label().to_owned(),
        },
        _ => format.label().to_owned(),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The default title of an import's collection: the source's name and the day
/// ("Firefox bookmarks, 1 Dec 2026").
pub fn import_title(source: &str, day: time::Date) -> String {
    let month = MONTHS[usize::from(u8::from(day.month())) - 1];
    format!("{source}, {} {month} {}", day.day(), day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bookmark_file_is_named_after_the_browser_that_wrote_it() {
        let firefox = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks Menu</H1>";
        assert_eq!(
            source_name(Format::NetscapeHtml, firefox, Some("b.html")),
            "Firefox bookmarks"
        );
        let chrome = b"<H1>Bookmarks</H1>\n<DL><p>\n<DT><H3 PERSONAL_TOOLBAR_FOLDER=\"true\">Bookmarks bar</H3>";
        assert_eq!(
            source_name(Format::NetscapeHtml, chrome, Some("b.html")),
            "Chrome bookmarks"
        );
        let unknown = b"<H1>Bookmarks</H1><DL><p><DT><A HREF=\"https://a.example/\">a</A>";
        assert_eq!(
            source_name(Format::NetscapeHtml, unknown, Some("links.html")),
            "Bookmarks from links.html"
        );
        assert_eq!(
            source_name(Format::ChromeJson, b"{}", Some("Bookmarks")),
            "Chrome bookmarks"
        );
    }

    #[test]
    fn the_import_title_says_the_day_in_words() {
        let day = time::Date::from_calendar_date(2026, time::Month::December, 1).unwrap();
        assert_eq!(
            import_title("Firefox bookmarks", day),
            "Firefox bookmarks, 1 Dec 2026"
        );
    }
}
