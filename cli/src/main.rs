//! `nacre`, the command-line tool: argument parsing and printing only; every action is one
//! call into the `nacre` core.
//!
//! Each subcommand lives in its own module with its `Args` and a `run` function.

mod added;
mod archive;
mod browser;
mod edit;
mod export;
mod fetch;
mod import;
mod output;
mod pick;
mod read;
mod safety;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use nacre::Store;

/// mimalloc instead of the system allocator: importing builds and drops hundreds of thousands of
/// small strings, and it measured faster on the import benchmark.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Nacre: curate the web as trees of pearls.
#[derive(Debug, Parser)]
#[command(name = "nacre", version, about, long_about = None)]
struct Cli {
    /// The library file [default: the OS data folder's nacre/library.sqlite]
    #[arg(long, global = true, env = "NACRE_LIBRARY", value_name = "PATH")]
    library: Option<PathBuf>,

    /// Print JSON for scripts instead of text for people
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Add a link, a note, a section or a collection
    Add(edit::AddArgs),
    /// List a collection (or, with --tree, everything below it)
    Ls(read::LsArgs),
    /// Move pearls into a collection, or reorder them within one
    Mv(edit::MvArgs),
    /// Rename a pearl
    Rename(edit::RenameArgs),
    /// Change a pearl's note, URL or tags
    Edit(edit::EditArgs),
    /// Sort a collection by title, newest first, or by site (sections stay put)
    Sort(edit::SortArgs),
    /// Put pearls in the trash
    Rm(edit::RmArgs),
    /// Put pearls from the trash back where they were
    Restore(edit::RestoreArgs),
    /// List the trash, or empty it
    Trash(edit::TrashArgs),
    /// Undo the last edit
    Undo,
    /// Redo the last undone edit
    Redo,
    /// Search titles, URLs, notes, tags, page descriptions and the text of offline copies
    Search(read::SearchArgs),
    /// List links that point at the same page
    Dupes,
    /// List backups, make one, or restore one
    Backup(safety::BackupArgs),
    /// Import a bookmark file or a browser's bookmarks as a new collection
    Import(import::ImportArgs),
    /// Fetch titles and page details of links (by default those never fetched)
    Fetch(fetch::FetchArgs),
    /// List dead and moved links (as the last fetches found them), and update moved ones
    Check(fetch::CheckArgs),
    /// Pick pearls or branches of an imported tree into a collection of your own, keeping
    /// where they came from (or, with --alias, leave aliases that follow the curator's version)
    Pick(pick::PickArgs),
    /// Write the library or one collection to a file: native, netscape, page, markdown, opml
    Export(export::ExportArgs),
    /// Keep offline copies of links' pages (readable text and a script-free snapshot)
    Archive(archive::ArchiveArgs),
    /// Print a link's offline copy, or write its snapshot to a file
    Read(archive::ReadArgs),
    /// Connect browsers: register Nacre's host for the extension, see its status, remove it
    Browser(browser::BrowserArgs),
    /// Sync this library with other computers through a shared folder (one round; or init,
    /// status, leave)
    Sync(sync::SyncArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = output::Output { json: cli.json };
    match run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, out: &output::Output) -> nacre::Result<()> {
    if let Command::Import(args) = &cli.command
        && !import::needs_library(args)
    {
        return import::run_without_library(args, out);
    }
    // The same default library as the window's.
    let path = cli.library.unwrap_or_else(Store::default_library_path);
    if let Command::Browser(args) = &cli.command {
        // Registering changes browser folders, not the library: no backup, no opening.
        return browser::run(args, &path, out);
    }
    let store = Store::open(&path)?;
    // A daily backup, before anything changes; failing to make one must not stop the user.
    if let Err(e) = store.backup_if_due() {
        eprintln!("nacre: warning: could not back up the library: {e}");
    }
    match cli.command {
        Command::Add(args) => edit::add(&store, &args, out),
        Command::Ls(args) => read::ls(&store, &args, out),
        Command::Mv(args) => edit::mv(&store, &args, out),
        Command::Rename(args) => edit::rename(&store, &args, out),
        Command::Edit(args) => edit::edit(&store, &args, out),
        Command::Sort(args) => edit::sort(&store, &args, out),
        Command::Rm(args) => edit::rm(&store, &args, out),
        Command::Restore(args) => edit::restore(&store, &args, out),
        Command::Trash(args) => edit::trash(&store, &args, out),
        Command::Undo => edit::undo(&store, out),
        Command::Redo => edit::redo(&store, out),
        Command::Search(args) => read::search(&store, &args, out),
        Command::Dupes => read::dupes(&store, out),
        Command::Backup(args) => safety::backup(&store, &args, out),
        Command::Import(args) => import::import(&store, &args, out),
        Command::Fetch(args) => fetch::fetch(&store, &args, out),
        Command::Check(args) => fetch::check(&store, &args, out),
        Command::Export(args) => export::export(&store, &args, out),
        Command::Pick(args) => pick::pick(&store, &args, out),
        Command::Archive(args) => archive::archive(&store, &args, out),
        Command::Read(args) => archive::read(&store, &args, out),
        Command::Sync(args) => sync::sync(&store, &args, out),
        Command::Browser(_) => Ok(()),
    }
}
