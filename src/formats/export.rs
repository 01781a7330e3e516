//! Exporting a tree: the formats Nacre writes and one entry point that writes any of them.
//!
//! The tree comes from `Store::export_tree`; each writer turns it into bytes and never touches
//! the library (the use-case layer's export does both for every shell). What the writers share lives
//! in [`super::write_common`].

use super::tree::{Counts, Node};
use super::{atom_write, markdown, native, netscape_write, opml_write, page};
use crate::error::Result;

/// A format Nacre exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ExportFormat {
    /// Nacre's own file, which imports back exactly (`.nacre.json`).
    Native,
    /// A Netscape bookmark file, which every browser imports (`.html`).
    Netscape,
    /// One self-contained HTML page to browse and search the tree offline (`.html`).
    Page,
    /// Markdown nested lists (`.md`).
    Markdown,
    /// An OPML outline (`.opml`).
    Opml,
    /// An Atom feed of the collection's newest links and notes (`.atom`).
    Atom,
    /// A static web site: a page per collection, an index and a search page (a folder).
    Site,
}

impl ExportFormat {
    /// Every format, in the order menus list them.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Native,
        ExportFormat::Netscape,
        ExportFormat::Page,
        ExportFormat::Markdown,
        ExportFormat::Opml,
        ExportFormat::Atom,
        ExportFormat::Site,
    ];

    /// The format's name on the command line: `native`, `netscape`, `page`, `markdown`, `opml`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Native => "native",
            ExportFormat::Netscape => "netscape",
            ExportFormat::Page => "page",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Opml => "opml",
            ExportFormat::Atom => "atom",
            ExportFormat::Site => "site",
        }
    }

    /// The format named `name` (as [`ExportFormat::name`] gives it).
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file name ending to suggest in a save dialog, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Native => native::EXTENSION,
            ExportFormat::Netscape | ExportFormat::Page => "html",
            ExportFormat::Markdown => "md",
            ExportFormat::Opml => "opml",
            ExportFormat::Atom => "atom",
            ExportFormat::Site => "",
        }
    }

    /// The pearls below `root` that this format has no place for and that [`ExportFormat::write`]
    /// therefore leaves out: note pearls and aliases in a Netscape bookmark file; nothing in the
    /// others. Said to the user, so that a shared file is never silently smaller than the tree.
    pub fn left_out(self, root: &Node) -> Counts {
        match self {
            ExportFormat::Netscape => {
                let all = root.count();
                Counts {
                    notes: all.notes,
                    aliases: all.aliases,
                    ..Counts::default()
                }
            }
            ExportFormat::Atom => atom_write::left_out(root),
            ExportFormat::Native
            | ExportFormat::Page
            | ExportFormat::Markdown
            | ExportFormat::Opml
            | ExportFormat::Site => Counts::default(),
        }
    }

    /// Writes `root` in this format.
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] if serialisation fails, which plain data cannot make it do, and
    /// for [`ExportFormat::Site`], which is a folder (`api::export::export_site` writes it).
    pub fn write(self, root: &Node) -> Result<Vec<u8>> {
        Ok(match self {
            ExportFormat::Atom => {
                atom_write::write(root, &super::tree::Credit::default()).into_bytes()
            }
            ExportFormat::Site => {
                return Err(crate::Error::Invalid(
                    "a site is a folder of pages, not one file: export it to a folder".to_owned(),
                ));
            }
            ExportFormat::Native => native::write(root)?,
            ExportFormat::Netscape => netscape_write::write(root).into_bytes(),
            ExportFormat::Page => page::write(root)?.into_bytes(),
            ExportFormat::Markdown => markdown::write(root).into_bytes(),
            ExportFormat::Opml => opml_write::write(root).into_bytes(),
        })
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
