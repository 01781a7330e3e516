//! RSS and Atom feeds: each item (RSS `<item>`, Atom `<entry>`) becomes a link, in the feed's
//! order: its link (Atom: the `rel="alternate"` one, or the first), its title, its summary or
//! description as the note, its categories as tags, its date (`pubDate`, `published`,
//! `updated`, `dc:date`). The links come flat; the source is named after the feed's title.

use super::common::{ReadOptions, bad_file, link_or_skip, parse_date};
use super::tree::{ImportedTree, Node, Skipped};
use super::xml::{Item, attr_local, for_each, local};
use crate::error::Result;

/// What is known of the item being read.
#[derive(Default)]
struct Entry {
    title: String,
    link: String,
    /// Atom links without `rel="alternate"`, used when no alternate one comes.
    other_link: String,
    note: String,
    tags: Vec<String>,
    date: String,
    line: usize,
}

/// Reads an RSS or Atom feed.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it is malformed XML or not a feed.
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let mut roots: Vec<Node> = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut field = String::new();
    let mut text_of_field = String::new();
    let mut feed_title = String::new();
    let mut is_feed = false;
    let mut depth_in_entry = 0usize;
    for_each(text, name, options, |item, line| {
        match item {
            Item::Start { name: tag, attrs } => {
                let tag = local(&tag).to_ascii_lowercase();
                match tag.as_str() {
                    "rss" | "feed" | "rdf" | "channel" => is_feed = true,
                    "item" | "entry" if entry.is_none() => {
                        entry = Some(Entry {
                            line,
                            ..Entry::default()
                        });
                        depth_in_entry = 0;
                        return Ok(());
                    }
                    _ => {}
                }
                if let Some(e) = entry.as_mut() {
                    depth_in_entry += 1;
                    if tag == "link"
                        && let Some(href) = attr_local(&attrs, "href")
                    {
                        let rel = attr_local(&attrs, "rel").unwrap_or("alternate");
                        if rel == "alternate" && e.link.is_empty() {
                            href.clone_into(&mut e.link);
                        } else if e.other_link.is_empty() {
                            href.clone_into(&mut e.other_link);
                        }
                    }
                    if tag == "category"
                        && let Some(term) = attr_local(&attrs, "term")
                    {
                        push_tag(&mut e.tags, term);
                    }
                    if depth_in_entry == 1 {
                        field = tag;
                        text_of_field.clear();
                    }
                } else if tag == "title" && feed_title.is_empty() {
                    field = "feed-title".to_owned();
                    text_of_field.clear();
                }
            }
            Item::Text(t) => {
                if !field.is_empty() {
                    text_of_field.push_str(&t);
                }
            }
            Item::End { name: tag } => {
                let tag = local(&tag).to_ascii_lowercase();
                if let Some(e) = entry.as_mut() {
                    if depth_in_entry == 0 && (tag == "item" || tag == "entry") {
                        if let Some(e) = entry.take() {
                            finish(e, &mut roots, &mut skipped);
                        }
                        return Ok(());
                    }
                    if depth_in_entry == 1 {
                        let value = text_of_field.trim();
                        match field.as_str() {
                            "title" => value.clone_into(&mut e.title),
                            "link" if e.link.is_empty() && !value.is_empty() => {
                                value.clone_into(&mut e.link);
                            }
                            "guid" | "id" if e.other_link.is_empty() && value.contains("://") => {
                                value.clone_into(&mut e.other_link);
                            }
                            "description" | "summary" | "content" if e.note.is_empty() => {
                                e.note = plain_text(value);
                            }
                            "category" | "subject" if !value.is_empty() => {
                                push_tag(&mut e.tags, value);
                            }
                            "pubdate" | "published" | "date" => value.clone_into(&mut e.date),
                            "updated" if e.date.is_empty() => value.clone_into(&mut e.date),
                            _ => {}
                        }
                        field.clear();
                    }
                    depth_in_entry = depth_in_entry.saturating_sub(1);
                } else if field == "feed-title" && tag == "title" {
                    feed_title = text_of_field.trim().to_owned();
                    field.clear();
                }
            }
        }
        Ok(())
    })?;
    if !is_feed {
        return Err(bad_file(name, "it is XML but not an RSS or Atom feed"));
    }
    Ok(ImportedTree {
        source: if feed_title.is_empty() {
            "Feed".to_owned()
        } else {
            format!("Feed “{feed_title}”")
        },
        roots,
        skipped,
        shared: None,
    })
}

fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = tag.trim();
    if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
        tags.push(tag.to_owned());
    }
}

/// A description that is HTML, as its text: tags dropped, white space collapsed.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn finish(e: Entry, roots: &mut Vec<Node>, skipped: &mut Vec<Skipped>) {
    let url = if e.link.is_empty() {
        e.other_link
    } else {
        e.link
    };
    let location = format!("line {}", e.line);
    if url.trim().is_empty() {
        skipped.push(Skipped::entry(
            &location,
            e.title,
            "the item has no link".to_owned(),
        ));
        return;
    }
    let Some(mut link) = link_or_skip(e.title, url.trim().to_owned(), || location, skipped) else {
        return;
    };
    link.note = e.note;
    link.tags = e.tags;
    link.created_at = parse_date(&e.date);
    roots.push(link);
}
