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
//! Unclosed `<DT>`, `<DD>` and `<p>`, raw `&` in URLs, entities in titles, a BOM, legacy
//! charsets and dates in seconds, milliseconds or microseconds are all read. It does not check
//! URLs: the store does that when it adds the tree.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::common::{
    MAX_DEPTH, ReadOptions, bad_file, icon_from, link_or_skip, split_tags, unix_text,
};
use super::tree::{ImportedTree, Node, NodeKind, Skipped};
use crate::error::Result;

/// How much decoded text goes to the tokenizer between two progress reports.
const CHUNK: usize = 1 << 20;

/// Reads a Netscape bookmark file already decoded to text. `name` names the file in errors.
///
/// # Errors
/// [`crate::Error::BadBookmarkFile`] when a folder's list is still open at the end of the
/// file (the file was cut short); [`crate::Error::Cancelled`].
pub fn parse(text: &str, name: &str, options: &ReadOptions<'_>) -> Result<ImportedTree> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
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
    builder.finish(name)
}

/// The tokenizer's sink: it hands every token to the [`Builder`].
#[derive(Default)]
struct Sink {
    builder: RefCell<Builder>,
}

impl TokenSink for Sink {
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

/// What the text being read belongs to.
#[derive(Default)]
enum Capture {
    #[default]
    Nothing,
    /// A folder's name.
    FolderName(Node),
    /// A link's title.
    LinkTitle(Node, u64),
    /// A description, for the folder waiting for its list or for the last item.
    Description(String),
}

/// A folder being filled (or, with no `folder`, a list no folder claimed).
struct Frame {
    folder: Option<Node>,
    children: Vec<Node>,
}

/// Rebuilds the tree from tags in document order.
struct Builder {
    stack: Vec<Frame>,
    /// A folder whose name has been read and that waits for its `<DL>`.
    pending: Option<Node>,
    capture: Capture,
    /// Whether the description being read belongs to `pending` (else to the last item).
    description_for_pending: bool,
    /// Whether the last item of the current frame may still get a description.
    last_item_open: bool,
    skipped: Vec<Skipped>,
    has_structure: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            stack: vec![Frame {
                folder: None,
                children: Vec::new(),
            }],
            pending: None,
            capture: Capture::Nothing,
            description_for_pending: false,
            last_item_open: false,
            skipped: Vec::new(),
            has_structure: false,
        }
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl Builder {
    fn current(&mut self) -> &mut Frame {
        if self.stack.is_empty() {
            self.stack.push(Frame {
                folder: None,
                children: Vec::new(),
            });
        }
        // Lists nested deeper than MAX_DEPTH fill the list at that depth.
        let at = self.stack.len().min(MAX_DEPTH) - 1;
        &mut self.stack[at]
    }

    fn push_item(&mut self, node: Node) {
        self.current().children.push(node);
        self.last_item_open = true;
    }

    /// A folder that never got a list is an empty folder.
    fn flush_pending(&mut self) {
        if let Some(folder) = self.pending.take() {
            self.push_item(folder);
        }
    }

    /// Ends whatever text was being read, attaching it where it belongs.
    fn end_capture(&mut self) {
        match std::mem::take(&mut self.capture) {
            Capture::Nothing => {}
            Capture::FolderName(mut folder) => {
                folder.title = folder.title.trim().to_owned();
                self.flush_pending();
                self.pending = Some(folder);
            }
            Capture::LinkTitle(mut link, line) => {
                link.title = link.title.trim().to_owned();
                self.finish_link(link, line);
            }
            Capture::Description(text) => {
                let text = text.trim_end().trim_start_matches(['\r', '\n']).to_owned();
                if text.is_empty() {
                    return;
                }
                let target = if self.description_for_pending {
                    self.pending.as_mut()
                } else if self.last_item_open {
                    self.stack.last_mut().and_then(|f| f.children.last_mut())
                } else {
                    None
                };
                if let Some(node) = target {
                    if node.note.is_empty() {
                        node.note = text;
                    } else {
                        node.note.push('\n');
                        node.note.push_str(&text);
                    }
                }
            }
        }
    }

    fn finish_link(&mut self, mut link: Node, line: u64) {
        let NodeKind::Link { url } = &link.kind else {
            return;
        };
        let url = url.clone();
        // Shaarli writes its notes as links to themselves: "?abc123".
        if url.starts_with('?') {
            link.kind = NodeKind::Note;
            if link.note.is_empty() {
                link.note = std::mem::take(&mut link.title);
            }
            self.push_item(link);
            return;
        }
        let title = std::mem::take(&mut link.title);
        match link_or_skip(title, url, || format!("line {line}"), &mut self.skipped) {
            Some(mut node) => {
                node.title = node.title.trim().to_owned();
                node.note = std::mem::take(&mut link.note);
                node.tags = std::mem::take(&mut link.tags);
                node.created_at = link.created_at;
                node.modified_at = link.modified_at;
                node.icon = link.icon.take();
                self.push_item(node);
            }
            None => self.last_item_open = false,
        }
    }

    /// Structural tags end a description and an unfinished link.
    fn structural(&mut self) {
        self.end_capture();
    }

    fn tag(&mut self, tag: &Tag, line: u64) -> TokenSinkResult<()> {
        let in_description = matches!(self.capture, Capture::Description(_));
        let name: &str = &tag.name;
        match (tag.kind, name) {
            (TagKind::StartTag, "dl") => {
                self.structural();
                self.has_structure = true;
                let folder = self.pending.take();
                if self.stack.len() == MAX_DEPTH
                    && let Some(f) = &folder
                {
                    self.skipped.push(Skipped {
                        location: format!("line {line}"),
                        what: f.title.clone(),
                        reason: format!(
                            "it is nested more than {MAX_DEPTH} folders deep: its contents are \
                             placed in the folder above it"
                        ),
                    });
                }
                self.stack.push(Frame {
                    folder,
                    children: Vec::new(),
                });
                self.last_item_open = false;
            }
            (TagKind::EndTag, "dl") => {
                self.structural();
                self.flush_pending();
                if self.stack.len() > 1
                    && let Some(frame) = self.stack.pop()
                {
                    self.close(frame);
                }
            }
            (TagKind::StartTag, "dt") => {
                self.structural();
                self.flush_pending();
                self.last_item_open = false;
            }
            (TagKind::StartTag, "h3") => {
                self.structural();
                self.has_structure = true;
                let mut folder = Node::collection("", Vec::new());
                folder.created_at = attr(tag, "add_date").and_then(unix_text);
                folder.modified_at = attr(tag, "last_modified").and_then(unix_text);
                self.capture = Capture::FolderName(folder);
            }
            (TagKind::EndTag, "h3") => self.end_capture(),
            (TagKind::StartTag, "hr") => {
                self.structural();
                self.flush_pending();
                self.push_item(Node {
                    kind: NodeKind::Section,
                    ..Node::default()
                });
                self.last_item_open = false;
            }
            (TagKind::StartTag, "dd") => {
                self.structural();
                self.description_for_pending = self.pending.is_some();
                self.capture = Capture::Description(String::new());
            }
            (TagKind::EndTag, "dd") => self.end_capture(),
            (TagKind::StartTag, "a") if !in_description => {
                self.structural();
                self.flush_pending();
                self.start_link(tag, line);
            }
            (TagKind::EndTag, "a") if !in_description => self.end_capture(),
            (TagKind::StartTag, "br") if in_description => self.text("\n"),
            (TagKind::StartTag, "h1") => self.structural(),
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

    fn start_link(&mut self, tag: &Tag, line: u64) {
        let Some(href) = attr(tag, "href") else {
            self.skipped.push(Skipped {
                location: format!("line {line}"),
                what: "a link".to_owned(),
                reason: "it has no HREF".to_owned(),
            });
            return;
        };
        self.has_structure = true;
        let mut link = Node::link("", href.trim());
        link.created_at = attr(tag, "add_date")
            .or_else(|| attr(tag, "time_added"))
            .and_then(unix_text);
        link.modified_at = attr(tag, "last_modified").and_then(unix_text);
        link.tags = attr(tag, "tags")
            .map(|t| split_tags(t, ','))
            .unwrap_or_default();
        link.icon = attr(tag, "icon")
            .and_then(icon_from)
            .or_else(|| attr(tag, "icon_uri").and_then(icon_from));
        if let Some(description) = attr(tag, "description") {
            link.note = description.trim().to_owned();
        }
        self.capture = Capture::LinkTitle(link, line);
    }

    fn text(&mut self, text: &str) {
        match &mut self.capture {
            Capture::Nothing => {}
            Capture::FolderName(node) | Capture::LinkTitle(node, _) => {
                node.title.push_str(text);
            }
            Capture::Description(d) => d.push_str(text),
        }
    }

    /// A closed list: a folder joins its parent; an unclaimed list hands its items up.
    fn close(&mut self, frame: Frame) {
        match frame.folder {
            Some(mut folder) => {
                folder.kind = NodeKind::Collection {
                    children: frame.children,
                };
                self.push_item(folder);
            }
            None => {
                let parent = self.current();
                parent.children.extend(frame.children);
            }
        }
        self.last_item_open = false;
    }

    fn finish(mut self, name: &str) -> Result<ImportedTree> {
        self.end_capture();
        self.flush_pending();
        let open_folders: Vec<String> = self
            .stack
            .iter()
            .filter_map(|f| f.folder.as_ref().map(|n| n.title.clone()))
            .collect();
        if !open_folders.is_empty() {
            return Err(bad_file(
                name,
                format!(
                    "the file is cut short: the folder {:?} is not closed at the end of the file",
                    open_folders.last().map_or("", String::as_str)
                ),
            ));
        }
        if !self.has_structure {
            return Err(bad_file(
                name,
                "it has no bookmarks or folders (no <A HREF> or <H3>): it is not a bookmark file",
            ));
        }
        while self.stack.len() > 1 {
            if let Some(frame) = self.stack.pop() {
                self.close(frame);
            }
        }
        let roots = self.stack.pop().map(|f| f.children).unwrap_or_default();
        Ok(ImportedTree {
            source: String::new(),
            roots,
            skipped: self.skipped,
        })
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
