//! Names for what an import brings in, in words a person uses: "Firefox bookmarks" when the
//! file says which browser wrote it, "Bookmarks from links.html" when it does not, and the
//! default title of the import's collection ("Firefox bookmarks, 1 Dec 2026").
//!
//! It only names; detecting the format is [`mod@super::detect`]'s, recognising who wrote a
//! file is each reader's.

use super::detect::Format;

/// Formats whose own name says nothing of who wrote the file: a file of one of them is named
/// after the file instead, unless its reader recognised the writer.
fn says_no_writer(format: Format) -> bool {
    matches!(
        format,
        Format::NetscapeHtml
            | Format::Opml
            | Format::Xbel
            | Format::Csv
            | Format::CsvZip
            | Format::UrlList
            | Format::Feed
    )
}

/// The name of a source of `format` read from a file called `file_name` (if known), given the
/// name its reader gave it (`named`, empty when the reader did not know): the reader's name
/// when it recognised who wrote the file ("Firefox bookmarks", "Pocket export"), the format's
/// name when that says it ("Chrome bookmarks"), else the file's ("Bookmarks from links.html").
pub(crate) fn source_name(named: &str, format: Format, file_name: Option<&str>) -> String {
    let generic = named.is_empty() || named == format.label();
    if !generic {
        return named.to_owned();
    }
    if !says_no_writer(format) {
        return format.label().to_owned();
    }
    let what = match format {
        Format::NetscapeHtml => "Bookmarks",
        other => other.label(),
    };
    match file_name.filter(|n| !n.is_empty()) {
        Some(f) => format!("{what} from {f}"),
        None => what.to_owned(),
    }
}

/// The default title of an import's collection: the source's name and the day
/// ("Firefox bookmarks, 1 Dec 2026").
pub fn import_title(source: &str, day: time::Date) -> String {
    format!("{source}, {}", crate::provenance::date_text(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_named_after_its_writer_or_else_its_file() {
        assert_eq!(
            source_name("Firefox bookmarks", Format::NetscapeHtml, Some("b.html")),
            "Firefox bookmarks",
            "the reader recognised the writer"
        );
        assert_eq!(
            source_name("Bookmark HTML", Format::NetscapeHtml, Some("links.html")),
            "Bookmarks from links.html"
        );
        assert_eq!(
            source_name("", Format::ChromeJson, Some("Bookmarks")),
            "Chrome bookmarks",
            "the format names the writer"
        );
        assert_eq!(
            source_name("", Format::Opml, Some("feeds.opml")),
            "OPML from feeds.opml"
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
