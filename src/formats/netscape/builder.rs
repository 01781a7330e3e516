//! Rebuilding the tree from the tags of a bookmark file, in document order (the rules are in
//! the parent module's documentation).

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, TokenSinkResult};

use super::super::common::{
    MAX_DEPTH, bad_file, icon_from, link_or_skip, split_tags, unix_text, with_cover, with_state,
};
use super::super::tree::{ImportedTree, Node, NodeKind, Skipped, state_tags};
use super::writer::{RawHrefs, Writer, split_space_tags};
use crate::error::Result;

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
pub(super) struct Builder<'a> {
    /// Who wrote the file, and so how to read what it writes its own way.
    writer: Writer,
    /// The HREFs as written, for a writer that leaves `&` raw in them.
    raw_hrefs: Option<RawHrefs<'a>>,
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

impl<'a> Builder<'a> {
    /// A builder for a file that `writer` wrote, whose whole text is `text`.
    pub(super) fn new(writer: Writer, text: &'a str) -> Builder<'a> {
        Builder {
            writer,
            raw_hrefs: writer.writes_raw_hrefs().then(|| RawHrefs::new(text)),
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

/// linkding writes a bookmark's notes after its description, between `[linkding-notes]` and
/// `[/linkding-notes]`: the note keeps both, the notes as a paragraph of their own.
fn unwrap_linkding_notes(text: &str) -> String {
    let Some((description, rest)) = text.split_once("[linkding-notes]") else {
        return text.to_owned();
    };
    let notes = rest
        .split_once("[/linkding-notes]")
        .map_or(rest, |(n, _)| n);
    [description.trim(), notes.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl Builder<'_> {
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
                let text = text.trim_end().trim_start_matches(['\r', '\n']);
                let text = unwrap_linkding_notes(text);
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
                node.details = link.details.take();
                self.push_item(node);
            }
            None => self.last_item_open = false,
        }
    }

    /// Structural tags end a description and an unfinished link.
    fn structural(&mut self) {
        self.end_capture();
    }

    pub(super) fn tag(&mut self, tag: &Tag, line: u64) -> TokenSinkResult<()> {
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
        let Some(decoded) = attr(tag, "href") else {
            self.skipped.push(Skipped {
                location: format!("line {line}"),
                what: "a link".to_owned(),
                reason: "it has no HREF".to_owned(),
            });
            return;
        };
        self.has_structure = true;
        // A writer that leaves `&` raw wrote the URL itself: read it as written, not as the
        // tokenizer decodes it (`&amp;` in a URL is five characters of that URL).
        let href = match &mut self.raw_hrefs {
            Some(raw) => raw.next_matching(decoded).unwrap_or(decoded),
            None => decoded,
        };
        let mut link = Node::link("", href.trim());
        link.created_at = attr(tag, "add_date")
            .or_else(|| attr(tag, "time_added"))
            .and_then(unix_text);
        link.modified_at = attr(tag, "last_modified").and_then(unix_text);
        let tags = attr(tag, "tags").unwrap_or_default();
        link.tags = if self.writer.separates_tags_with_spaces() {
            split_space_tags(tags)
        } else {
            split_tags(tags, ',')
        };
        // linkding marks an archived bookmark with a tag of its own.
        let archived_tag =
            |t: &String| t == "linkding:archived" || t == "linkding:bookmarks.archived";
        if link.tags.iter().any(archived_tag) {
            link.tags.retain(|t| !archived_tag(t));
            with_state(&mut link, state_tags::ARCHIVED);
        }
        if attr(tag, "toread").is_some_and(|v| v.trim() == "1") {
            with_state(&mut link, state_tags::UNREAD);
        }
        link.icon = attr(tag, "icon")
            .and_then(icon_from)
            .or_else(|| attr(tag, "icon_uri").and_then(icon_from));
        if let Some(cover) = attr(tag, "data-cover").or_else(|| attr(tag, "cover")) {
            with_cover(&mut link, cover);
        }
        if let Some(description) = attr(tag, "description") {
            link.note = description.trim().to_owned();
        }
        self.capture = Capture::LinkTitle(link, line);
    }

    pub(super) fn text(&mut self, text: &str) {
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

    pub(super) fn finish(mut self, name: &str) -> Result<ImportedTree> {
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
            shared: None,
        })
    }
}
