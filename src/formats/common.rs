//! What the importers share: progress and cancelling, dates in every unit the sources use,
//! decoding legacy character sets, and the small helpers that build [`Node`]s.
//!
//! Nothing here knows a particular format.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use serde_json::Value;

use super::tree::{Icon, Node, NodeKind, Skipped};
use crate::error::{Error, Result};
use crate::model::{Millis, PageDetails};

/// How far an import has read: `done` of `total` units (bytes for most formats, entries for a
/// database). `total` is never 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Units read so far.
    pub done: u64,
    /// Units in all.
    pub total: u64,
}

/// How a caller watches and stops a long read: a progress callback and a cancel flag, both
/// optional. The callback is called from the reading thread, at most a few hundred times per
/// file; when `cancel` becomes true the read stops with [`Error::Cancelled`] soon after.
#[derive(Default, Clone, Copy)]
pub struct ReadOptions<'a> {
    /// Called with the progress as the read goes.
    pub on_progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// Set it to true (from any thread) to stop the read.
    pub cancel: Option<&'a AtomicBool>,
}

impl std::fmt::Debug for ReadOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadOptions")
            .field("on_progress", &self.on_progress.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}

impl ReadOptions<'_> {
    /// Reports progress and checks the cancel flag.
    ///
    /// # Errors
    /// [`Error::Cancelled`] when the caller asked to stop.
    pub(crate) fn tick(&self, done: u64, total: u64) -> Result<()> {
        if let Some(cancel) = self.cancel
            && cancel.load(Ordering::Relaxed)
        {
            return Err(Error::Cancelled);
        }
        if let Some(report) = self.on_progress {
            report(Progress {
                done: done.min(total.max(1)),
                total: total.max(1),
            });
        }
        Ok(())
    }
}

/// How deep collections may nest. Deeper nesting (only a hostile or broken file has it) is
/// flattened into the collection at this depth, so no later step recurses without bound.
pub(crate) const MAX_DEPTH: usize = 200;

/// Microseconds between 1601-01-01 (Windows and Chrome's epoch) and 1970-01-01.
const WINDOWS_EPOCH_OFFSET_MICROS: i64 = 11_644_473_600_000_000;

/// The latest plausible date in milliseconds (year 2200); anything later is in a smaller unit.
const LATEST_MILLIS: i64 = 7_258_118_400_000;

/// A Unix timestamp in seconds, milliseconds, microseconds or nanoseconds, told apart by
/// magnitude, as milliseconds. Zero, negative and absurd values give `None`.
pub(crate) fn unix_any_unit(value: i64) -> Option<Millis> {
    if value <= 0 {
        return None;
    }
    // Seconds up to the year 2200 are below 7.3e9; milliseconds from 1970-03 on are above
    // 5e9 (and an ADD_DATE in early 1970 is not a real bookmark).
    let mut v = i128::from(value);
    if v < 10_000_000_000 {
        return Some(value.saturating_mul(1000));
    }
    while v > i128::from(LATEST_MILLIS) {
        v /= 1000;
    }
    i64::try_from(v).ok()
}

/// Parses a decimal timestamp of any unit (see [`unix_any_unit`]); text that is not a number
/// gives `None`.
pub(crate) fn unix_text(text: &str) -> Option<Millis> {
    let t = text.trim();
    if let Ok(v) = t.parse::<i64>() {
        return unix_any_unit(v);
    }
    // Some services write fractional seconds.
    let f = t.parse::<f64>().ok()?;
    if f.is_finite() && f > 0.0 && f < 1e17 {
        #[allow(clippy::cast_possible_truncation)]
        return unix_any_unit(f as i64);
    }
    None
}

/// Chrome's `date_added`: microseconds since 1601-01-01, as text.
pub(crate) fn chrome_time(text: &str) -> Option<Millis> {
    let micros: i64 = text.trim().parse().ok()?;
    if micros <= 0 {
        return None;
    }
    let unix = micros.checked_sub(WINDOWS_EPOCH_OFFSET_MICROS)?;
    (unix > 0).then_some(unix / 1000)
}

/// Firefox's PRTime: microseconds since the Unix epoch.
pub(crate) fn prtime(micros: i64) -> Option<Millis> {
    (micros > 0).then_some(micros / 1000)
}

/// An ISO 8601 / RFC 3339 date (with or without a zone, with or without a time), or an RFC 2822
/// date, as milliseconds. A zone-less time is read as UTC.
pub(crate) fn parse_date(text: &str) -> Option<Millis> {
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    use time::{Date, OffsetDateTime, PrimitiveDateTime, macros::format_description};
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let millis = |dt: OffsetDateTime| {
        i64::try_from(dt.unix_timestamp_nanos() / 1_000_000)
            .ok()
            .filter(|m| *m > 0)
    };
    if let Ok(dt) = OffsetDateTime::parse(t, &Rfc3339) {
        return millis(dt);
    }
    // "2022-12-21 10:42:20.043+00:00" (a space for the T) and "2016-09-08T11:55:58+0200" (a
    // zone without its colon) are RFC 3339 once spelled out.
    if let Some(spelled) = rfc3339_spelled_out(t)
        && let Ok(dt) = OffsetDateTime::parse(&spelled, &Rfc3339)
    {
        return millis(dt);
    }
    if let Ok(dt) = OffsetDateTime::parse(t, &Rfc2822) {
        return millis(dt);
    }
    let plain = t.trim_end_matches('Z');
    let formats = [
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    ];
    for f in formats {
        if let Ok(dt) = PrimitiveDateTime::parse(plain, f) {
            return millis(dt.assume_utc());
        }
    }
    if let Ok(d) = Date::parse(plain, format_description!("[year]-[month]-[day]")) {
        return millis(d.midnight().assume_utc());
    }
    unix_text(t)
}

/// An ISO date in a spelling RFC 3339 does not allow, spelled as it does: `T` between date and
/// time, a colon in the zone; `None` when there was nothing to change.
fn rfc3339_spelled_out(text: &str) -> Option<String> {
    let mut s = text.to_owned();
    let mut changed = false;
    if s.len() > 11 && s.as_bytes().get(10) == Some(&b' ') && s.is_char_boundary(10) {
        s.replace_range(10..11, "T");
        changed = true;
    }
    let b = s.as_bytes();
    let n = b.len();
    if n > 5
        && matches!(b.get(n - 5), Some(b'+' | b'-'))
        && b.get(n - 4..)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && s.is_char_boundary(n - 2)
    {
        s.insert(n - 2, ':');
        changed = true;
    }
    changed.then_some(s)
}

/// Decodes a text file: a BOM wins, then a charset the file declares in its first bytes
/// (`charset=` in HTML, `encoding=` in XML), then UTF-8 if the bytes are valid UTF-8, then a
/// guess from the bytes (chardetng). Never fails: undecodable bytes become U+FFFD.
pub(crate) fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return encoding.decode_without_bom_handling(body).0;
    }
    let declared = declared_charset(bytes.get(..4096).unwrap_or(bytes));
    if let Some(encoding) = declared
        && encoding != encoding_rs::UTF_8
    {
        // A file that says "latin-1" but is valid UTF-8 was re-saved by a modern tool.
        if std::str::from_utf8(bytes).is_err() || !has_non_ascii(bytes) {
            return encoding.decode_without_bom_handling(bytes).0;
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
            encoding.decode_without_bom_handling(bytes).0
        }
    }
}

fn has_non_ascii(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| !b.is_ascii())
}

/// The charset a file names in its head: `charset=X` (HTML meta) or `encoding="X"` (XML).
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        if let Some(pos) = find(&lower, key) {
            let rest = lower.get(pos + key.len()..)?;
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                })
                .unwrap_or(rest.len());
            if let Some(encoding) = encoding_rs::Encoding::for_label(rest.get(..end)?) {
                return Some(encoding);
            }
        }
    }
    None
}

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A `data:` URI icon as an [`Icon::Data`]; any other non-empty text as an [`Icon::Url`].
pub(crate) fn icon_from(text: &str) -> Option<Icon> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(rest) = t.strip_prefix("data:") {
        let (meta, data) = rest.split_once(',')?;
        let mime = meta.strip_suffix(";base64")?;
        let mime = if mime.is_empty() { "image/png" } else { mime };
        if data.is_empty() {
            return None;
        }
        return Some(Icon::Data {
            mime: mime.to_owned(),
            base64: data.to_owned(),
        });
    }
    let t = t.strip_prefix("fake-favicon-uri:").unwrap_or(t);
    Some(Icon::Url { url: t.to_owned() })
}

/// Splits a tag list on `sep`, trimming and dropping empty tags.
pub(crate) fn split_tags(text: &str, sep: char) -> Vec<String> {
    text.split(sep)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a URL is a browser query (`place:`), which points at no page and is skipped.
pub(crate) fn is_place_query(url: &str) -> bool {
    url.trim_start()
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("place:"))
}

/// The skip entry for a `place:` query.
pub(crate) fn place_skipped(location: String, title: &str, url: &str) -> Skipped {
    Skipped {
        location,
        what: if title.is_empty() {
            url.to_owned()
        } else {
            format!("{title} <{url}>")
        },
        reason: "it is a browser query (place:), not a page".to_owned(),
    }
}

/// A link node, or `None` with a skip entry pushed when it is a `place:` query.
pub(crate) fn link_or_skip(
    title: String,
    url: String,
    location: impl FnOnce() -> String,
    skipped: &mut Vec<Skipped>,
) -> Option<Node> {
    if is_place_query(&url) {
        skipped.push(place_skipped(location(), &title, &url));
        return None;
    }
    Some(Node {
        kind: NodeKind::Link { url },
        title,
        ..Node::default()
    })
}

/// Adds one of the [`super::tree::state_tags`] to a node, once.
pub(crate) fn with_state(node: &mut Node, state: &str) {
    if !node.tags.iter().any(|t| t == state) {
        node.tags.push(state.to_owned());
    }
}

/// Records the address of a link's cover (preview) image, when there is one.
pub(crate) fn with_cover(node: &mut Node, url: &str) {
    let url = url.trim();
    if url.is_empty() {
        return;
    }
    node.details
        .get_or_insert_with(PageDetails::default)
        .image_url = Some(url.to_owned());
}

/// The error for a file that is not in the format it looked like, or is cut short.
pub(crate) fn bad_file(name: &str, reason: impl Into<String>) -> Error {
    Error::BadBookmarkFile {
        file: name.to_owned(),
        reason: reason.into(),
    }
}

/// The string at `key` of a JSON object, or `""` when it is missing or not a string.
pub(crate) fn json_text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_unit_come_out_as_the_same_millisecond_date() {
        let secs = 1_515_515_697;
        assert_eq!(unix_any_unit(secs), Some(1_515_515_697_000));
        assert_eq!(unix_any_unit(1_515_515_697_780), Some(1_515_515_697_780));
        assert_eq!(
            unix_any_unit(1_515_515_697_780_642),
            Some(1_515_515_697_780)
        );
        assert_eq!(unix_any_unit(0), None, "0 means no date");
        assert_eq!(chrome_time("13084680099000000"), Some(1_440_206_499_000));
        assert_eq!(
            parse_date("2024-01-15T10:30:00"),
            Some(1_705_314_600_000),
            "a zone-less ISO date is UTC"
        );
        assert_eq!(
            parse_date("2024-01-15T10:30:00.000Z"),
            Some(1_705_314_600_000)
        );
        assert_eq!(
            parse_date("2024-01-15T12:30:00+0200"),
            Some(1_705_314_600_000),
            "a zone without its colon"
        );
        assert_eq!(
            parse_date("2024-01-15 10:30:00.000000+00:00"),
            Some(1_705_314_600_000),
            "Python's spelling: a space for the T, microseconds"
        );
        assert_eq!(parse_date("2024-01-15 10:30:00"), Some(1_705_314_600_000));
    }

    #[test]
    fn legacy_charsets_are_decoded_from_the_declaration_or_a_guess() {
        let mac = b"<META CONTENT=\"text/html; charset=x-mac-roman\"><A>caf\x8e</A>";
        assert!(
            decode_text(mac).contains("caf\u{e9}"),
            "x-mac-roman 0x8E is é"
        );
        let cp1252 = b"<A HREF=x>Caf\xe9 cr\xe8me br\xfbl\xe9e and more text here</A>";
        assert!(
            decode_text(cp1252).contains("Caf\u{e9}"),
            "windows-1252 guessed"
        );
        let bom = b"\xef\xbb\xbf<A>\xc3\xa9</A>";
        assert_eq!(decode_text(bom), "<A>\u{e9}</A>");
    }
}
