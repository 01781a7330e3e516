//! `nacre export`: write the library, or one collection of it, to a file in one of the export
//! formats. Reading the tree and writing the format are the core's (`Store::export_tree`,
//! `nacre::formats::export`); this module parses arguments, writes the file and prints a summary.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use nacre::formats::export::ExportFormat;
use nacre::formats::tree::Counts;
use nacre::{Error, Result, Store};

use crate::edit::resolve_pearl;
use crate::output::Output;

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
}

/// What `nacre export` did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Exported {
    format: ExportFormat,
    file: String,
    bytes: usize,
    exported: Counts,
    /// Pearls the format has no place for, left out of the file.
    left_out: Counts,
}

/// `nacre export`.
pub fn export(store: &Store, args: &ExportArgs, out: &Output) -> Result<()> {
    let format = ExportFormat::from_name(&args.format)
        .ok_or_else(|| Error::Invalid(format!("unknown export format {:?}", args.format)))?;
    let id = match &args.path {
        Some(p) => resolve_pearl(store, p)?,
        None => store.root_id(),
    };
    let tree = store.export_tree(id)?;
    let bytes = format.write(&tree)?;
    let to_stdout = args.output.as_os_str() == "-";
    if to_stdout {
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .map_err(|source| Error::Io {
                path: PathBuf::from("<standard output>"),
                source,
            })?;
        return Ok(());
    }
    write_file(&args.output, &bytes)?;
    let report = Exported {
        format,
        file: args.output.display().to_string(),
        bytes: bytes.len(),
        exported: tree.count(),
        left_out: format.left_out(&tree),
    };
    out.print(&report, || {
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
        text
    });
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all ([`nacre::store::window_io::write_whole`]).
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    nacre::store::window_io::write_whole(path, bytes)
}
