//! `nacre export`: write the library, or one collection of it, to a file in one of the export
//! formats. Reading the tree and writing the format are the core's (`Store::export_tree`,
//! `nacre::api::export`); this module parses arguments, writes the file and prints a summary.

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;
use nacre::formats::export::ExportFormat;
use nacre::{Error, Result, Store};

use crate::output::Output;
use nacre::api::resolve_pearl;

/// Arguments of `nacre export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format: native (.nacre.json, imports back exactly), netscape (browser bookmark
    /// HTML), page (one self-contained HTML page), markdown, opml
    #[arg(long, short, default_value = "native",
          value_parser = ["native", "netscape", "page", "markdown", "opml"])]
    format: String,
    /// The collection to export: a path such as Research/Rust, or an id such as #42
    /// [default: the whole library]
    path: Option<String>,
    /// The file to write; `-` writes to standard output
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// With --format page: the page also carries the readable text of each link that has an
    /// offline copy (see `nacre archive`)
    #[arg(long)]
    include_copies: bool,
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
        let (bytes, _, _) = nacre::api::export::export_bytes(store, id, format)?;
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .map_err(|source| Error::Io {
                path: PathBuf::from("<standard output>"),
                source,
            })?;
        return Ok(());
    }
    let lang = nacre::formats::page::PageLanguage::En;
    let report = nacre::api::export::export_branch_with(
        store,
        id,
        format,
        lang,
        copies.as_ref(),
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
