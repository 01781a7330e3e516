//! `nacre import`: read a bookmark file (or a browser's own bookmarks) and add it to the library
//! as one new collection, in one undoable step; print what was imported and what was skipped.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use nacre::formats::browsers;
use nacre::formats::preview::{Preview, preview};
use nacre::formats::tree::ImportedTree;
use nacre::formats::{ReadOptions, UnitsDone};
use nacre::store::ImportReport;
use nacre::{Error, Result, Store};

use crate::output::Output;
use nacre::api::resolve_pearl;

/// Arguments of `nacre import`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["file", "from", "list_browsers"])))]
pub struct ImportArgs {
    /// The bookmark file (its format is found from its content)
    file: Option<PathBuf>,
    /// Import from a browser on this computer: firefox, chrome, chromium, edge, brave, vivaldi, safari
    #[arg(long, value_name = "BROWSER")]
    from: Option<String>,
    /// With --from, the profile's name [default: the browser's default profile]
    #[arg(long, requires = "from")]
    profile: Option<String>,
    /// List the browsers' bookmark files found on this computer
    #[arg(long)]
    list_browsers: bool,
    /// The collection to import into: a path or an id such as #42 [default: the top]
    #[arg(long, value_name = "PATH")]
    into: Option<String>,
    /// The title of the new collection [default: the source's name and today's date]
    #[arg(long)]
    title: Option<String>,
    /// Only read the file and print what would be imported; change nothing
    #[arg(long)]
    dry_run: bool,
}

/// The JSON of a dry run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DryRun<'a> {
    preview: Preview,
    skipped: &'a [nacre::formats::tree::Skipped],
}

/// `nacre import`, which needs no library for `--list-browsers` or `--dry-run`.
pub fn needs_library(args: &ImportArgs) -> bool {
    !(args.list_browsers || args.dry_run)
}

/// `nacre import --list-browsers` and `--dry-run`: nothing to open.
pub fn run_without_library(args: &ImportArgs, out: &Output) -> Result<()> {
    if args.list_browsers {
        let found = browsers::find_profiles();
        out.print(&found, || {
            if found.is_empty() {
                return "no browser bookmarks found on this computer".to_owned();
            }
            found
                .iter()
                .map(|p| {
                    format!(
                        "{:<9} {}{}\n          {}\n",
                        p.browser.id(),
                        p.profile,
                        if p.is_default { " (default)" } else { "" },
                        p.file.display()
                    )
                })
                .collect()
        });
        return Ok(());
    }
    let tree = read(args, out)?;
    let p = preview(&tree);
    out.print(
        &DryRun {
            preview: p.clone(),
            skipped: &tree.skipped,
        },
        || {
            let mut text = format!("{} — would import:\n", p.source);
            text.push_str(&counts_line(&p.total));
            text.push_str(&p.kept.to_text());
            text.push_str(&p.root.to_text(4));
            text.push_str(&skipped_text(&tree.skipped));
            text
        },
    );
    Ok(())
}

/// `nacre import FILE` and `nacre import --from BROWSER`.
pub fn import(store: &Store, args: &ImportArgs, out: &Output) -> Result<()> {
    let into = match &args.into {
        Some(p) => resolve_pearl(store, p)?,
        None => store.root_id(),
    };
    let tree = read(args, out)?;
    let bar = progress_bar(out, "adding  {bar:40} {pos}/{len} pearls ({eta})");
    let on_progress = |p: UnitsDone| {
        bar.set_length(p.total);
        bar.set_position(p.done);
    };
    let options = ReadOptions {
        on_progress: Some(&on_progress),
        cancel: None,
    };
    let report = nacre::api::import::commit(store, &tree, into, args.title.as_deref(), &options)?;
    bar.finish_and_clear();
    out.print(&report, || report_text(&report));
    Ok(())
}

fn read(args: &ImportArgs, out: &Output) -> Result<ImportedTree> {
    let bar = progress_bar(out, "reading {bar:40} {bytes}/{total_bytes} ({eta})");
    let report = |p: UnitsDone| {
        bar.set_length(p.total);
        bar.set_position(p.done);
    };
    let options = ReadOptions {
        on_progress: Some(&report),
        cancel: None,
    };
    let tree = match (&args.file, &args.from) {
        (Some(file), _) => nacre::api::import::read_file(file, &options)?,
        (None, Some(from)) => {
            nacre::api::import::read_browser(from, args.profile.as_deref(), &options)?.1
        }
        (None, None) => return Err(Error::Invalid("name a file to import, or --from".into())),
    };
    bar.finish_and_clear();
    Ok(tree)
}

/// A progress bar on a terminal; hidden when stderr is not one (or with --json).
fn progress_bar(out: &Output, template: &str) -> ProgressBar {
    if out.json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(1);
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn counts_line(c: &nacre::formats::tree::Counts) -> String {
    format!(
        "  {} collections, {} links, {} notes, {} sections, {} aliases\n",
        c.collections, c.links, c.notes, c.sections, c.aliases
    )
}

fn skipped_text(skipped: &[nacre::formats::tree::Skipped]) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let mut text = format!("skipped {}:\n", skipped.len());
    for s in skipped {
        text.push_str(&format!("  {}: {}: {}\n", s.location, s.what, s.reason));
    }
    text
}

fn report_text(r: &ImportReport) -> String {
    let mut text = format!(
        "imported into {:?} ({}):\n",
        r.collection_title, r.collection
    );
    text.push_str(&counts_line(&r.imported));
    text.push_str(&r.kept.to_text());
    if r.already_in_library > 0 {
        text.push_str(&format!(
            "  {} links were already in the library\n",
            r.already_in_library
        ));
    }
    text.push_str(&skipped_text(&r.skipped));
    if r.imported.links > 0 {
        text.push_str(&format!(
            "fetch their titles and page details with: nacre fetch '{}'\n",
            r.collection
        ));
    }
    text
}
