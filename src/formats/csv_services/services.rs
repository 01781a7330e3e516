//! Each CSV-writing service's columns and what they mean: which holds the URL, the title, the
//! note (highlights, selections, descriptions), the tags (and how they are separated), the
//! folder, the date, and the reading state.

use std::collections::HashMap;

use super::super::common::{link_or_skip, parse_date, split_tags, with_cover, with_state};
use super::super::tree::{Node, Skipped, state_tags};

/// A service that writes bookmarks as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// `title,url,time_added[,cursor],tags,status`.
    Pocket,
    /// The Export CSV (`id,title,note,excerpt,url,folder,tags,created,cover,highlights,
    /// favorite`) and the Backup CSV (`collection`, `important` instead).
    Raindrop,
    /// `URL,Title,Selection,Folder[,Timestamp][,Tags]`.
    Instapaper,
    /// `title,url,tags,description,comments,annotations,created_at`, with or without the header.
    Diigo,
    /// `Title,Author,Publisher,URL,[Tags,]Word Count,...,Last Interaction Date,File Id`.
    Matter,
    /// `Title,URL,[ID,]Document tags,Saved date,Reading progress,Location,Seen`.
    Readwise,
    /// Any other CSV with a URL column.
    Generic,
}

/// Column positions by lower-cased header name.
pub(crate) struct Columns(HashMap<String, usize>);

impl Columns {
    pub(crate) fn from_header(header: &csv::StringRecord) -> Columns {
        let mut map = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            map.entry(header_name(name)).or_insert(i);
        }
        Columns(map)
    }

    /// Diigo's columns, for its file without a header.
    pub(crate) fn diigo() -> Columns {
        let names = [
            "title",
            "url",
            "tags",
            "description",
            "comments",
            "annotations",
            "created_at",
        ];
        Columns(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| ((*n).to_owned(), i))
                .collect(),
        )
    }

    fn at(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.0.get(*n).copied())
    }
}

fn header_name(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
}

/// One row's link and the folder it goes in.
pub(crate) struct RowRead {
    pub(crate) folder: String,
    pub(crate) node: Node,
}

impl Service {
    /// The service whose header this is, or `None` when it has no URL column.
    pub(crate) fn of_header(header: &csv::StringRecord) -> Option<Service> {
        let names: Vec<String> = header.iter().map(header_name).collect();
        let has = |n: &str| names.iter().any(|h| h == n);
        if !["url", "href", "link"].iter().any(|n| has(n)) {
            return None;
        }
        Some(if has("time_added") {
            Service::Pocket
        } else if has("document tags") || (has("saved date") && has("location")) {
            Service::Readwise
        } else if has("word count") || has("last interaction date") || has("file id") {
            Service::Matter
        } else if has("selection") && has("folder") {
            Service::Instapaper
        } else if has("annotations") && has("created_at") {
            Service::Diigo
        } else if (has("folder") || has("collection"))
            && (has("excerpt") || has("highlights") || has("cover"))
        {
            Service::Raindrop
        } else {
            Service::Generic
        })
    }

    /// Whether a first row without a header is Diigo's: seven fields, a URL second.
    pub(crate) fn is_diigo_row(row: &csv::StringRecord) -> bool {
        row.len() == 7
            && row.get(1).is_some_and(|u| {
                let u = u.trim().to_ascii_lowercase();
                u.starts_with("http://") || u.starts_with("https://")
            })
    }

    /// The source's name for people.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Service::Pocket => "Pocket export",
            Service::Raindrop => "Raindrop.io export",
            Service::Instapaper => "Instapaper export",
            Service::Diigo => "Diigo export",
            Service::Matter => "Matter export",
            Service::Readwise => "Readwise Reader export",
            Service::Generic => "CSV bookmarks",
        }
    }

    /// Whether a `/` in its folder column nests collections.
    pub(crate) fn nests_folders(self) -> bool {
        !matches!(self, Service::Instapaper)
    }

    /// Reads one row, or pushes why it was skipped.
    pub(crate) fn read_row(
        self,
        cols: &Columns,
        row: &csv::StringRecord,
        location: &str,
        skipped: &mut Vec<Skipped>,
    ) -> Option<RowRead> {
        let field = |names: &[&str]| cols.at(names).and_then(|c| row.get(c)).unwrap_or("").trim();
        let url = field(&["url", "href", "link"]);
        let title = field(&["title", "name"]);
        if url.is_empty() {
            skipped.push(Skipped::entry(
                location,
                title.to_owned(),
                "it has no URL".to_owned(),
            ));
            return None;
        }
        // Very old Pocket items carry the URL as their title.
        let title = if title == url { "" } else { title };
        let mut node = link_or_skip(
            title.to_owned(),
            url.to_owned(),
            || location.to_owned(),
            skipped,
        )?;
        let mut folder = String::new();
        match self {
            Service::Pocket => {
                node.tags = split_tags(field(&["tags"]), '|');
                node.created_at = parse_date(field(&["time_added"]));
                match field(&["status"]) {
                    "unread" => with_state(&mut node, state_tags::UNREAD),
                    "archive" | "archived" => with_state(&mut node, state_tags::ARCHIVED),
                    _ => {}
                }
            }
            Service::Raindrop => {
                node.note = paragraphs(&[
                    field(&["note"]),
                    field(&["excerpt"]),
                    field(&["highlights"]),
                ]);
                node.tags = split_tags(field(&["tags"]), ',');
                node.created_at = parse_date(field(&["created"]));
                with_cover(&mut node, field(&["cover"]));
                if is_true(field(&["favorite", "important"])) {
                    with_state(&mut node, state_tags::FAVORITE);
                }
                field(&["folder", "collection"]).clone_into(&mut folder);
            }
            Service::Instapaper => {
                node.note = field(&["selection"]).to_owned();
                node.created_at = parse_date(field(&["timestamp"]));
                node.tags = bracketed_list(field(&["tags"]));
                match field(&["folder"]) {
                    "Unread" => with_state(&mut node, state_tags::UNREAD),
                    "Archive" => with_state(&mut node, state_tags::ARCHIVED),
                    "Starred" => with_state(&mut node, state_tags::FAVORITE),
                    other => other.clone_into(&mut folder),
                }
            }
            Service::Diigo => {
                node.tags = split_tags(field(&["tags"]), ',');
                node.tags.retain(|t| t != "no_tag");
                node.note = paragraphs(&[
                    field(&["description"]),
                    field(&["comments"]),
                    &highlights(field(&["annotations"])),
                ]);
                node.created_at = parse_date(field(&["created_at"]));
            }
            Service::Matter => {
                node.tags = split_tags(field(&["tags"]), ';');
                let by = [field(&["author"]), field(&["publisher"])]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                if !by.is_empty() {
                    node.note = format!("By {by}");
                }
                node.created_at = parse_date(field(&["last interaction date"]));
                if is_true(field(&["favorited"])) {
                    with_state(&mut node, state_tags::FAVORITE);
                }
                match field(&["read"]) {
                    r if is_true(r) => with_state(&mut node, state_tags::ARCHIVED),
                    "" => {}
                    _ => with_state(&mut node, state_tags::UNREAD),
                }
            }
            Service::Readwise => {
                node.tags = bracketed_list(field(&["document tags"]));
                node.created_at = parse_date(field(&["saved date"]));
                match field(&["location"]).to_ascii_lowercase().as_str() {
                    "archive" => with_state(&mut node, state_tags::ARCHIVED),
                    "shortlist" => {
                        with_state(&mut node, state_tags::UNREAD);
                        with_state(&mut node, state_tags::FAVORITE);
                    }
                    "new" | "later" | "inbox" => with_state(&mut node, state_tags::UNREAD),
                    _ => {}
                }
            }
            Service::Generic => {
                let notes: Vec<&str> = [
                    "note",
                    "excerpt",
                    "description",
                    "selection",
                    "extended",
                    "highlights",
                ]
                .iter()
                .map(|n| field(&[n]))
                .collect();
                node.note = paragraphs(&notes);
                node.tags = bracketed_list(field(&["tags"]));
                node.created_at = parse_date(field(&[
                    "time_added",
                    "created",
                    "timestamp",
                    "date",
                    "created_at",
                ]));
                field(&["folder", "collection"]).clone_into(&mut folder);
            }
        }
        Some(RowRead { folder, node })
    }
}

/// The non-empty texts, as paragraphs of one note.
fn paragraphs(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn is_true(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes"
    )
}

/// A tag list as `a, b`, `["a","b"]` (Instapaper) or `['a', 'b']` (Readwise).
fn bracketed_list(text: &str) -> Vec<String> {
    let inner = text.trim();
    let inner = inner
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(inner);
    split_tags(inner, ',')
        .into_iter()
        .map(|t| t.trim_matches(['"', '\'']).trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Diigo's annotations column: one `Highlight:` line per highlight (sometimes with raw
/// `&nbsp` fragments), each becoming a paragraph of the note.
fn highlights(text: &str) -> String {
    let cleaned = text.replace("&nbsp;", " ").replace("&nbsp", " ");
    let parts: Vec<String> = cleaned
        .lines()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix("Highlight:").unwrap_or(l).trim().to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect();
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lists_in_every_service_spelling() {
        assert_eq!(bracketed_list("[\"a\",\"b c\"]"), ["a", "b c"]);
        assert_eq!(bracketed_list("['x', 'y']"), ["x", "y"]);
        assert_eq!(bracketed_list("go, tutorial"), ["go", "tutorial"]);
        assert_eq!(
            highlights("Highlight: one&nbsp;two\nHighlight:three"),
            "one two\n\nthree"
        );
    }
}
