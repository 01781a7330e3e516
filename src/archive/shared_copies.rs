//! Offline copies inside a shared page: the readable text of each link of an exported tree that
//! has a copy, as HTML the self-contained page carries below its tree ("include offline
//! copies"), so that someone opening the page on a train reads the articles, not only their
//! titles.
//!
//! Each copy is a `<details>` (closed; it opens without any script) with the article's title,
//! where it came from and when it was kept, and its text as the archive holds it: already clean
//! (no script, frame, style or image: see `snapshot::clean_fragment`), so the page's policy,
//! which allows nothing but its own script and style, has nothing to refuse.

use super::store::Archive;
use crate::error::Result;
use crate::formats::tree::{Node, NodeKind};
use crate::formats::write_common::{escape_html, is_safe_link};

/// The section of offline copies for the links of `root` that have one, and how many it
/// holds (`None`: no link has a copy). Links appear in the tree's order, each once.
///
/// # Errors
/// [`crate::Error::Sqlite`], or [`crate::Error::Invalid`] for a damaged copy.
pub(crate) fn section(
    archive: &Archive,
    root: &Node,
    heading: &str,
) -> Result<Option<(String, usize)>> {
    let mut links = Vec::new();
    collect(root, &mut links);
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    let mut count = 0;
    for (uuid, url) in links {
        if !seen.insert(uuid) {
            continue;
        }
        let (Some(info), Some(readable)) = (archive.info(uuid)?, archive.readable(uuid)?) else {
            continue;
        };
        count += 1;
        let from = if is_safe_link(url) {
            format!(
                "<a href=\"{0}\" rel=\"noopener noreferrer\" target=\"_blank\">{0}</a>",
                escape_html(url)
            )
        } else {
            escape_html(url)
        };
        let kept = time::OffsetDateTime::from_unix_timestamp(info.archived_at / 1000)
            .map(|t| t.date().to_string())
            .unwrap_or_default();
        let byline = [readable.byline.as_deref(), readable.published.as_deref()]
            .into_iter()
            .flatten()
            .map(escape_html)
            .collect::<Vec<_>>()
            .join(" · ");
        out.push_str(&format!(
            "<details class=\"copy\" id=\"copy-{count}\"><summary>{}</summary>\n<p class=\"copy-from\">{from} · {kept}{}</p>\n<div class=\"copy-text\">{}</div>\n</details>\n",
            escape_html(if readable.title.is_empty() { url } else { &readable.title }),
            if byline.is_empty() { String::new() } else { format!(" · {byline}") },
            readable.html,
        ));
    }
    if count == 0 {
        return Ok(None);
    }
    Ok(Some((
        format!(
            "<section id=\"offline-copies\">\n<h2>{}</h2>\n{out}</section>\n",
            escape_html(heading)
        ),
        count,
    )))
}

/// The link nodes below `node` that came from a pearl, in order: (its key, its URL).
fn collect<'a>(node: &'a Node, out: &mut Vec<(&'a str, &'a str)>) {
    match &node.kind {
        NodeKind::Collection { children } => {
            for child in children {
                collect(child, out);
            }
        }
        NodeKind::Link { url, .. } => {
            if let Some(uuid) = &node.uuid {
                out.push((uuid, url));
            }
        }
        _ => {}
    }
}
