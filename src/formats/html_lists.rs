//! HTML exports that are headed lists of links rather than bookmark files: Pocket's old
//! `ril_export.html` (`<h1>Unread</h1><ul><li><a href time_added tags>`, then `<h1>Read
//! Archive</h1>`) and Instapaper's HTML export (one `<h1>` and `<ol>` per folder).
//!
//! A heading that names a reading state (Unread, Archive, Read Archive, Starred) gives its
//! links that state's tag and keeps them at the top; any other heading is a folder, and
//! becomes a collection. Read with html5ever's tokenizer, streamed, like bookmark HTML.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::common::{ReadOptions, bad_file, link_or_skip, split_tags, unix_text, with_state};
use super::tree::{ImportedTree, Node, Skipped, state_tags};
use crate::error::Result;

/// Which service wrote the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListWriter {
    /// Pocket's `ril_export.html`.
    Pocket,
    /// Instapaper's HTML export.
    Instapaper,
}

/// Reads a headed list of links that `writer` wrote.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when it holds no link.
pub(crate) fn parse(
    text: &str,
    name: &str,
    writer: ListWriter,
    options: &ReadOptions<'_>,
) -> Result<ImportedTree> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    while !input.is_empty() {
        let _ = tokenizer.feed(&input);
    }
    tokenizer.end();
    options.tick(text.len() as u64, text.len() as u64)?;
    let lists = tokenizer.sink.lists.into_inner();
    if lists.links == 0 {
        return Err(bad_file(name, "it holds no links"));
    }
    Ok(ImportedTree {
        source: match writer {
            ListWriter::Pocket => "Pocket export",
            ListWriter::Instapaper => "Instapaper export",
        }
        .to_owned(),
        roots: lists.roots,
        skipped: lists.skipped,
        shared: None,
    })
}

#[derive(Default)]
struct Sink {
    lists: RefCell<Lists>,
}

/// What is being read.
#[derive(Default)]
enum Reading {
    #[default]
    Nothing,
    Heading(String),
    Link(Box<Node>, u64),
}

#[derive(Default)]
struct Lists {
    roots: Vec<Node>,
    /// Where links go now: a state tag for the top level, or the index of a collection.
    place: Place,
    reading: Reading,
    skipped: Vec<Skipped>,
    links: usize,
}

#[derive(Default, Clone, Copy)]
enum Place {
    #[default]
    Top,
    State(&'static str),
    Collection(usize),
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl Lists {
    fn tag(&mut self, tag: &Tag, line: u64) -> TokenSinkResult<()> {
        match (tag.kind, &*tag.name) {
            (TagKind::StartTag, "h1" | "h2") => self.reading = Reading::Heading(String::new()),
            (TagKind::EndTag, "h1" | "h2") => {
                if let Reading::Heading(text) = std::mem::take(&mut self.reading) {
                    self.heading(text.trim());
                }
            }
            (TagKind::StartTag, "a") => {
                if let Some(href) = attr(tag, "href") {
                    let mut link = Node::link("", href.trim());
                    link.created_at = attr(tag, "time_added").and_then(unix_text);
                    link.tags = attr(tag, "tags")
                        .map(|t| split_tags(t, ','))
                        .unwrap_or_default();
                    self.reading = Reading::Link(Box::new(link), line);
                }
            }
            (TagKind::EndTag, "a") => {
                if let Reading::Link(link, line) = std::mem::take(&mut self.reading) {
                    self.add(*link, line);
                }
            }
            (TagKind::StartTag, "title" | "textarea") => {
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            (TagKind::StartTag, "script" | "style") => {
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn heading(&mut self, text: &str) {
        self.place = match text.to_ascii_lowercase().as_str() {
            "unread" => Place::State(state_tags::UNREAD),
            "archive" | "read archive" => Place::State(state_tags::ARCHIVED),
            "starred" => Place::State(state_tags::FAVORITE),
            _ => {
                self.roots.push(Node::collection(text, Vec::new()));
                Place::Collection(self.roots.len() - 1)
            }
        };
    }

    fn add(&mut self, mut link: Node, line: u64) {
        let title = link.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let url = match &link.kind {
            super::tree::NodeKind::Link { url } => url.clone(),
            _ => return,
        };
        let Some(mut node) = link_or_skip(title, url, || format!("line {line}"), &mut self.skipped)
        else {
            return;
        };
        node.created_at = link.created_at;
        node.tags = std::mem::take(&mut link.tags);
        self.links += 1;
        match self.place {
            Place::Top => self.roots.push(node),
            Place::State(state) => {
                with_state(&mut node, state);
                self.roots.push(node);
            }
            Place::Collection(i) => {
                if let Some(super::tree::NodeKind::Collection { children }) =
                    self.roots.get_mut(i).map(|c| &mut c.kind)
                {
                    children.push(node);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        match &mut self.reading {
            Reading::Nothing => {}
            Reading::Heading(t) => t.push_str(text),
            Reading::Link(node, _) => node.title.push_str(text),
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut lists = self.lists.borrow_mut();
        match token {
            Token::TagToken(tag) => return lists.tag(&tag, line),
            Token::CharacterTokens(text) => lists.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
