//! Netscape bookmark HTML, as every browser and bookmark service writes it (and Pocket's old
//! HTML export).
//!
//! The file is read with html5ever's tokenizer, streamed: no DOM is built, so a 40 MB file with
//! icons costs little more than its text. The tree is rebuilt from the tags in document order
//! with the rule that survives every producer's quirks:
//! - a folder (`<H3>`) owns the first `<DL>` that follows it, whether that list sits in the same
//!   `<DT>` or, after a Firefox folder description, inside the `<DD>`;
//! - a `<DL>` that no folder claims (the root list, or none at all as in Safari and legacy
//!   Shaarli files) adds nothing: its items belong to the enclosing folder;
//! - a `<DD>` is the description of the link or folder just before it, up to the next
//!   structural tag; HTML inside it is kept as its text;
//! - `<HR>` is a section; `place:` queries are skipped and reported; a Shaarli note (an HREF
//!   of the form `?id`) becomes a note.
//!
//! Who wrote the file is read from its first lines (`writer`): it names the source ("Chrome
//! bookmarks", "Firefox bookmarks", "linkding export", ...) and says how to read what that
//! writer does its own way (Chromium's and linkding's raw `&` in HREF, Diigo's space-separated
//! tags). States a file marks (`TOREAD="1"`, linkding's archived tag) become the shared state
//! tags; a cover image (Raindrop's `COVER`/`DATA-COVER`) becomes the link's preview image.
//!
//! Unclosed `<DT>`, `<DD>` and `<p>`, raw `&` in URLs, entities in titles, a BOM, legacy
//! charsets and dates in seconds, milliseconds or microseconds are all read. It does not check
//! URLs: the store does that when it adds the tree.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::common::ReadOptions;
use super::tree::ImportedTree;
use crate::error::Result;
use builder::Builder;
use writer::Writer;

mod builder;
pub(crate) mod writer;

/// How much decoded text goes to the tokenizer between two progress reports.
const CHUNK: usize = 1 << 20;

/// Reads a Netscape bookmark file already decoded to text. `name` names the file in errors.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when a folder's list is still open at the end of the
/// file (the file was cut short); [`crate::Error::Cancelled`].
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let writer = Writer::of(text);
    let sink = Sink {
        builder: RefCell::new(Builder::new(writer, text)),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    let total = text.len() as u64;
    let mut start = 0;
    while start < text.len() {
        let end = text.floor_char_boundary((start + CHUNK).min(text.len()));
        let end = if end <= start { text.len() } else { end };
        let chunk = text.get(start..end).unwrap_or_default();
        input.push_back(StrTendril::from_slice(chunk));
        while !input.is_empty() {
            let _ = tokenizer.feed(&input);
        }
        start = end;
        options.tick(start as u64, total)?;
    }
    tokenizer.end();
    let builder = tokenizer.sink.builder.into_inner();
    let mut tree = builder.finish(name)?;
    writer.label().clone_into(&mut tree.source);
    Ok(tree)
}

/// The tokenizer's sink: it hands every token to the [`Builder`].
struct Sink<'a> {
    builder: RefCell<Builder<'a>>,
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut b = self.builder.borrow_mut();
        match token {
            Token::TagToken(tag) => return b.tag(&tag, line),
            Token::CharacterTokens(text) => b.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ImportedTree {
        parse(text, "test.html", &ReadOptions::default()).expect("parses")
    }

    #[test]
    fn a_firefox_folder_description_does_not_move_the_folders_list() {
        let tree = read(
            "<DL><p><DT><H3>Folder</H3>\n<DD>About it\n<DL><p>\n<DT><A HREF=\"https://a.example/\">A</A>\n</DL><p>\n<DT><A HREF=\"https://b.example/\">B</A>\n</DL>",
        );
        assert_eq!(tree.roots.len(), 2, "the folder and B at the top");
        assert_eq!(tree.roots[0].note, "About it");
        assert_eq!(tree.roots[0].children().len(), 1, "A stays in the folder");
    }

    #[test]
    fn safari_files_without_a_root_list_keep_every_top_level_item() {
        let tree = read(
            "<DT><H3 FOLDED>Favoris</H3><DL><DT><A HREF=\"https://a.example/\">A</A></DL>\n<DT><A HREF=\"https://b.example/\">B</A>",
        );
        assert_eq!(tree.count().links, 2);
        assert_eq!(tree.count().collections, 1);
    }
}
