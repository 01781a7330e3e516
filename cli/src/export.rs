//! `nacre export`: write the library, or one collection of it, to a file in one of the export
//! formats. Reading the tree and writing the format are the core's (`Store::export_tree`,
//! `nacre::api::export`); this module parses arguments, writes the file and prints a summary.

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;
use nacre::api::export::ExportOptions;
use nacre::archive::Archive;
use nacre::formats::export::ExportFormat;
use nacre::formats::license;
use nacre::formats::tree::Credit;
use nacre::{Error, Result, Store};

use crate::output::Output;
use nacre::api::resolve_pearl;

/// Arguments of `nacre export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format: native (.nacre.json, imports back exactly), netscape (browser bookmark
    /// HTML), page (one self-contained HTML page), markdown, opml, atom (a feed of the newest
    /// links and notes), site (a folder: a page per collection, an index, a search page)
    #[arg(long, short, default_value = "native",
          value_parser = ["native", "netscape", "page", "markdown", "opml", "atom", "site"])]
    format: String,
    /// The collection to export: a path such as Research/Rust, or an id such as #42
    /// [default: the whole library]
    path: Option<String>,
    /// The file to write (a folder for site); `-` writes to standard output
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// With --format page: the page also carries the readable text of each link that has an
    /// offline copy (see `nacre archive`)
    #[arg(long)]
    include_copies: bool,
    /// The curator's name, shown at the top of a page and kept by whoever imports it (page and
    /// native formats)
    #[arg(long, value_name = "NAME")]
    curator: Option<String>,
    /// A short description of the tree (page and native formats)
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// The licence: cc0, cc-by, cc-by-sa, cc-by-nc, cc-by-nc-sa, cc-by-nd, cc-by-nc-nd, or
    /// any free text (page and native formats)
    #[arg(long, value_name = "LICENCE")]
    license: Option<String>,
}

impl ExportArgs {
    /// The options the arguments give: the credit, with a Creative Commons licence by its name.
    fn options<'a>(&self, copies: Option<&'a Archive>) -> ExportOptions<'a> {
        ExportOptions {
            copies,
            credit: Credit {
                curator: self.curator.clone(),
                description: self.description.clone(),
                license: self.license.as_deref().map(license::normalized),
            },
            ..ExportOptions::default()
        }
    }
}

/// `nacre export`.
pub fn export(store: &Store, args: &ExportArgs, out: &Output) -> Result<()> {
    let format = ExportFormat::from_name(&args.format)
        .ok_or_else(|| Error::Invalid(format!("unknown export format {:?}", args.format)))?;
    let id = match &args.path {
        Some(p) => resolve_pearl(store, p)?,
        None => store.root_id(),
    };
    let copies = if args.include_copies {
        Some(crate::archive::open_archive(store)?)
    } else {
        None
    };
    if args.output.as_os_str() == "-" {
        if copies.is_some() {
            return Err(Error::Invalid(
                "--include-copies writes a file: name one with --output".to_owned(),
            ));
        }
        let (bytes, _, _) =
            nacre::api::export::export_bytes_with(store, id, format, &args.options(None))?;
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .map_err(|source| Error::Io {
                path: PathBuf::from("<standard output>"),
                source,
            })?;
        return Ok(());
    }
    let report = nacre::api::export::export_branch_with(
        store,
        id,
        format,
        &args.options(copies.as_ref()),
        &args.output,
    )?;
    out.print(&report, || summary(&report, format));
    Ok(())
}

fn summary(report: &nacre::api::ExportReport, format: ExportFormat) -> String {
    let c = report.exported;
    let mut text = format!(
        "exported {} collections, {} links, {} notes, {} sections, {} aliases to {} ({} format, {} bytes)",
        c.collections, c.links, c.notes, c.sections, c.aliases, report.file, format, report.bytes
    );
    if !report.left_out.is_empty() {
        text.push_str(&format!(
            "\nleft out: {} (a {format} file has no place for them)",
            report.left_out.describe()
        ));
    }
    if report.offline_copies > 0 {
        text.push_str(&format!(
            "\nwith the offline copies of {} links",
            report.offline_copies
        ));
    }
    text
}
