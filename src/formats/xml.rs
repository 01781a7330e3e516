//! A thin streaming layer over quick-xml for the XML formats (OPML, XBEL, Pearltrees RDF): start
//! and end tags by their full name (with prefix) plus attributes, and text with entities and
//! CDATA already resolved, each with the line it starts on.
//!
//! It reads one event at a time and keeps nothing, so a 100 MB file costs its own text only.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::escape::{resolve_html5_entity, unescape_with};
use quick_xml::events::Event;

use super::common::{ReadOptions, bad_file};
use crate::error::Result;

/// One thing the XML says.
#[derive(Debug)]
pub(crate) enum Item<'a> {
    /// `<name a="v">` (or `<name/>`, then followed by an [`Item::End`]).
    Start {
        /// The full name, prefix included (`pt:PagePearl`).
        name: Cow<'a, str>,
        /// The attributes, values unescaped.
        attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    },
    /// `</name>`.
    End {
        /// The full name.
        name: Cow<'a, str>,
    },
    /// Text (or CDATA), unescaped.
    Text(Cow<'a, str>),
}

/// Reads `text` as XML, calling `each` with every item and its line.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] naming the line when the XML is malformed or cut short;
/// what `each` returns.
pub(crate) fn for_each<'a>(
    text: &'a str,
    name: &str,
    options: &ReadOptions<'_>,
    mut each: impl FnMut(Item<'a>, usize) -> Result<()>,
) -> Result<()> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().check_end_names = true;
    let total = text.len() as u64;
    let mut line = 1usize;
    let mut counted_to = 0usize;
    let mut next_tick = 0u64;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        line += count_lines(text, &mut counted_to, before);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            let line = line + count_lines(text, &mut counted_to, at);
            bad_file(name, format!("malformed XML at line {line}: {e}"))
        })?;
        match event {
            Event::Start(start) => {
                let attrs = start
                    .attributes()
                    .with_checks(false)
                    .filter_map(std::result::Result::ok)
                    .map(|a| {
                        let value = match unescape_with(&a.value, resolve_html5_entity) {
                            Ok(v) => Cow::Owned(v.into_owned()),
                            Err(_) => Cow::Owned(a.value.to_string()),
                        };
                        (a.key.0, value)
                    })
                    .collect::<Vec<_>>();
                let name = start.name().0;
                // Tie the name to the input text's lifetime: it is a slice of it.
                let name = slice_of(text, name);
                let attrs = attrs
                    .into_iter()
                    .map(|(k, v)| (slice_of(text, k), v))
                    .collect();
                each(Item::Start { name, attrs }, line)?;
            }
            Event::End(end) => {
                let name = slice_of(text, end.name().0);
                each(Item::End { name }, line)?;
            }
            Event::Text(t) => each(Item::Text(Cow::Owned(t.xml10_content().into_owned())), line)?,
            Event::CData(t) => each(Item::Text(Cow::Owned(t.into_inner().into_owned())), line)?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        resolve_html5_entity(&r).map_or_else(|| format!("&{};", &*r), str::to_owned)
                    }
                };
                each(Item::Text(Cow::Owned(resolved)), line)?;
            }
            Event::Eof => break,
            _ => {}
        }
        let pos = reader.buffer_position();
        if pos >= next_tick {
            options.tick(pos, total)?;
            next_tick = pos + (1 << 20);
        }
    }
    Ok(())
}

/// The same text as `part`, borrowed from `whole` when `part` lies inside it (names of start
/// tags do when reading from a `&str`), else copied.
fn slice_of<'a>(whole: &'a str, part: &str) -> Cow<'a, str> {
    let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    match whole.get(start..start.saturating_add(part.len())) {
        Some(s) if s.as_ptr() == part.as_ptr() => Cow::Borrowed(s),
        _ => Cow::Owned(part.to_owned()),
    }
}

fn count_lines(text: &str, counted_to: &mut usize, upto: usize) -> usize {
    let upto = upto.min(text.len());
    if upto <= *counted_to {
        return 0;
    }
    let n = text
        .as_bytes()
        .get(*counted_to..upto)
        .map_or(0, |s| s.iter().filter(|b| **b == b'\n').count());
    *counted_to = upto;
    n
}

/// The value of the attribute `key`, matching the name without its prefix and ignoring case.
pub(crate) fn attr_local<'v>(
    attrs: &'v [(Cow<'_, str>, Cow<'_, str>)],
    key: &str,
) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| local(k).eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_ref())
}

/// A name without its prefix.
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}
