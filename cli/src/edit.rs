//! Subcommands that change the library: add, mv, rename, edit, sort, rm, restore, trash, undo,
//! redo.

use clap::Args;

use nacre::store::HistoryEntry;
use nacre::{
    Error, LinkUrl, NewPearl, PearlId, PearlKind, PearlUpdate, Placement, Result, SortBy, Store,
    Tag,
};

use crate::output::{Output, pearl_line};

use nacre::api::resolve_pearl;

/// Arguments of `nacre add`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["url", "collection", "note", "section", "alias"])))]
pub struct AddArgs {
    /// The URL of a link to add
    url: Option<String>,
    /// Add a collection at this path instead (missing parents are made too), e.g. Research/Rust
    #[arg(long, value_name = "PATH")]
    collection: Option<String>,
    /// Add a note pearl with this text instead
    #[arg(long = "note", value_name = "TEXT")]
    note: Option<String>,
    /// Add a section heading with this title instead
    #[arg(long, value_name = "TITLE")]
    section: Option<String>,
    /// Add an alias of this collection instead (a path or an id): the same collection shown in
    /// a second place, titled as it is unless --title names it
    #[arg(long, value_name = "PATH")]
    alias: Option<String>,
    /// The link's title (otherwise the page's title, once fetched)
    #[arg(long)]
    title: Option<String>,
    /// A note on the link
    #[arg(long = "comment", value_name = "TEXT")]
    comment: Option<String>,
    /// Tags, comma-separated
    #[arg(long)]
    tags: Option<String>,
    /// The collection to add to: a path such as Research/Rust, or an id such as #42 [default: the top]
    #[arg(long, value_name = "PATH")]
    to: Option<String>,
    /// Position in the collection (0 = first) [default: last]
    #[arg(long)]
    index: Option<usize>,
    /// Do not fetch the link's page title and details right after adding it
    #[arg(long, env = "NACRE_NO_FETCH", value_parser = clap::builder::BoolishValueParser::new())]
    no_fetch: bool,
}

fn placement(index: Option<usize>) -> Placement {
    index.map_or(Placement::End, Placement::Index)
}

/// `nacre add`.
pub fn add(store: &Store, args: &AddArgs, out: &Output) -> Result<()> {
    let parent = match &args.to {
        Some(path) => resolve_pearl(store, path)?,
        None => store.root_id(),
    };
    let new = if let Some(path) = &args.collection {
        return add_collection_path(store, parent, path, args.index, out);
    } else if let Some(text) = &args.note {
        NewPearl::note(text)?
    } else if let Some(title) = &args.section {
        NewPearl::section(title)?
    } else if let Some(target) = &args.alias {
        let alias = NewPearl::alias(resolve_pearl(store, target)?);
        match &args.title {
            Some(title) => alias.with_title(title)?,
            None => alias,
        }
    } else {
        let url = LinkUrl::parse(args.url.as_deref().unwrap_or(""))?;
        NewPearl::link(url, args.title.as_deref().unwrap_or(""))?
    };
    let mut new = new;
    if let Some(comment) = &args.comment {
        new = new.with_note(comment)?;
    }
    if let Some(tags) = &args.tags {
        new = new.with_tags(Tag::parse_list(tags)?);
    }
    let mut pearl = store.create(parent, placement(args.index), &new)?;
    if pearl.kind == PearlKind::Link && !args.no_fetch {
        pearl = crate::added::fetch_title(store, pearl);
    }
    out.print(&pearl, || format!("added {}", pearl_line(&pearl)));
    Ok(())
}

/// Makes the collections of `path` below `parent` that do not exist yet, like `mkdir -p`.
fn add_collection_path(
    store: &Store,
    parent: PearlId,
    path: &str,
    index: Option<usize>,
    out: &Output,
) -> Result<()> {
    let segments = nacre::store::split_path(path);
    if segments.is_empty() {
        return Err(Error::Invalid("a collection needs a name".to_owned()));
    }
    let mut current = parent;
    let mut made = None;
    for (i, name) in segments.iter().enumerate() {
        let existing = store
            .children(current)?
            .into_iter()
            .find(|p| p.kind == PearlKind::Collection && p.title == *name);
        current = match existing {
            Some(p) if i + 1 < segments.len() => p.id,
            Some(p) => {
                return Err(Error::Invalid(format!(
                    "a collection {:?} already exists there ({})",
                    p.title, p.id
                )));
            }
            None => {
                let at = if i + 1 == segments.len() {
                    placement(index)
                } else {
                    Placement::End
                };
                let p = store.create(current, at, &NewPearl::collection(name)?)?;
                let id = p.id;
                made = Some(p);
                id
            }
        };
    }
    if let Some(pearl) = made {
        out.print(&pearl, || format!("added {}", pearl_line(&pearl)));
    }
    Ok(())
}

/// Arguments of `nacre mv`.
#[derive(Debug, Args)]
pub struct MvArgs {
    /// The pearls to move (ids such as #42, or collection paths), then the collection to move
    /// them into
    #[arg(required = true, num_args = 2.., value_name = "SRC... DEST")]
    paths: Vec<String>,
    /// Position in the destination (0 = first), counted as the collection is before the move
    /// [default: last]
    #[arg(long)]
    index: Option<usize>,
}

/// `nacre mv`.
pub fn mv(store: &Store, args: &MvArgs, out: &Output) -> Result<()> {
    let (dest, sources) = args
        .paths
        .split_last()
        .ok_or_else(|| Error::Invalid("nothing to move".into()))?;
    let dest = resolve_pearl(store, dest)?;
    let ids = sources
        .iter()
        .map(|s| resolve_pearl(store, s))
        .collect::<Result<Vec<_>>>()?;
    store.move_pearls(&ids, dest, placement(args.index))?;
    let moved = ids
        .iter()
        .map(|&id| store.pearl(id))
        .collect::<Result<Vec<_>>>()?;
    let path = nacre::store::join_path(&store.path_of(ids[0])?);
    out.print(&moved, || format!("moved {} to /{path}", moved.len()));
    Ok(())
}

/// Arguments of `nacre rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The pearl: an id such as #42, or a collection path
    pearl: String,
    /// Its new title
    title: String,
}

/// `nacre rename`.
pub fn rename(store: &Store, args: &RenameArgs, out: &Output) -> Result<()> {
    let id = resolve_pearl(store, &args.pearl)?;
    let pearl = store.update(
        id,
        &PearlUpdate {
            title: Some(args.title.clone()),
            ..PearlUpdate::default()
        },
    )?;
    out.print(&pearl, || format!("renamed {}", pearl_line(&pearl)));
    Ok(())
}

/// Arguments of `nacre sort`.
#[derive(Debug, Args)]
pub struct SortArgs {
    /// The collection: a path such as Research/Rust, or an id such as #42 [default: the top]
    path: Option<String>,
    /// The order: title (A to Z, case and accents ignored), newest (added last first), site
    #[arg(long, default_value = "title", value_parser = ["title", "newest", "site"])]
    by: String,
}

/// What `nacre sort` did.
#[derive(Debug, serde::Serialize)]
struct Sorted {
    collection: PearlId,
    by: SortBy,
    changed: bool,
}

/// `nacre sort`: one undoable edit; sections stay put, collections come first.
pub fn sort(store: &Store, args: &SortArgs, out: &Output) -> Result<()> {
    let by = SortBy::from_name(&args.by)
        .ok_or_else(|| Error::Invalid(format!("unknown order {:?}", args.by)))?;
    let collection = match &args.path {
        Some(path) => resolve_pearl(store, path)?,
        None => store.root_id(),
    };
    let changed = store.sort_collection(collection, by)?;
    let report = Sorted {
        collection,
        by,
        changed,
    };
    let name = if collection == store.root_id() {
        "the top".to_owned()
    } else {
        format!("“{}” ({collection})", store.pearl(collection)?.title)
    };
    out.print(&report, || {
        if changed {
            format!("sorted {name} {} (undo with `nacre undo`)", by.words())
        } else {
            format!("{name} was already in that order; nothing changed")
        }
    });
    Ok(())
}

/// Arguments of `nacre edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The pearl: an id such as #42, or a collection path
    pearl: String,
    /// A new note ("" clears it)
    #[arg(long = "note")]
    note: Option<String>,
    /// A new URL (links only)
    #[arg(long)]
    url: Option<String>,
    /// New tags, comma-separated ("" clears them)
    #[arg(long)]
    tags: Option<String>,
}

/// `nacre edit`.
pub fn edit(store: &Store, args: &EditArgs, out: &Output) -> Result<()> {
    let id = resolve_pearl(store, &args.pearl)?;
    let update = nacre::api::PearlEdit {
        title: None,
        note: args.note.clone(),
        url: args.url.clone(),
        tags: args.tags.clone(),
    }
    .to_update()?;
    if update == PearlUpdate::default() {
        return Err(Error::Invalid(
            "nothing to change: give --note, --url or --tags".into(),
        ));
    }
    let pearl = store.update(id, &update)?;
    out.print(&pearl, || format!("changed {}", pearl_line(&pearl)));
    Ok(())
}

/// Arguments of `nacre rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The pearls: ids such as #42, or collection paths
    #[arg(required = true)]
    pearls: Vec<String>,
}

/// `nacre rm`.
pub fn rm(store: &Store, args: &RmArgs, out: &Output) -> Result<()> {
    let ids = args
        .pearls
        .iter()
        .map(|s| resolve_pearl(store, s))
        .collect::<Result<Vec<_>>>()?;
    store.trash(&ids)?;
    out.print(&ids, || {
        format!(
            "moved {} to the trash (nacre restore to bring back)",
            ids.len()
        )
    });
    Ok(())
}

/// Arguments of `nacre restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The pearls in the trash, by id (see `nacre trash`)
    #[arg(required = true)]
    pearls: Vec<String>,
}

/// `nacre restore`.
pub fn restore(store: &Store, args: &RestoreArgs, out: &Output) -> Result<()> {
    let ids = args
        .pearls
        .iter()
        .map(|s| resolve_pearl(store, s))
        .collect::<Result<Vec<_>>>()?;
    store.restore(&ids)?;
    let back = ids
        .iter()
        .map(|&id| store.pearl(id))
        .collect::<Result<Vec<_>>>()?;
    out.print(&back, || {
        back.iter()
            .map(|p| {
                let path = store
                    .path_of(p.id)
                    .map(|t| nacre::store::join_path(&t))
                    .unwrap_or_default();
                format!("restored {} to /{path}\n", pearl_line(p))
            })
            .collect()
    });
    Ok(())
}

/// Arguments of `nacre trash`.
#[derive(Debug, Args)]
pub struct TrashArgs {
    /// Empty the trash (undoable with `nacre undo` for a while)
    #[arg(long)]
    empty: bool,
}

/// `nacre trash`.
pub fn trash(store: &Store, args: &TrashArgs, out: &Output) -> Result<()> {
    if args.empty {
        let n = store.empty_trash()?;
        out.print(&serde_json::json!({ "emptied": n }), || {
            format!("emptied the trash ({n} pearls)")
        });
        return Ok(());
    }
    let pearls = store.trash_contents()?;
    out.print(&pearls, || {
        if pearls.is_empty() {
            "the trash is empty".to_owned()
        } else {
            pearls.iter().map(|p| pearl_line(p) + "\n").collect()
        }
    });
    Ok(())
}

fn print_history(entry: Option<&HistoryEntry>, verb: &str, out: &Output) {
    out.print(&entry, || match &entry {
        Some(e) => format!("{verb}: {}", e.label),
        None => format!("nothing to {verb}"),
    });
}

/// `nacre undo`.
pub fn undo(store: &Store, out: &Output) -> Result<()> {
    print_history(store.undo()?.as_ref(), "undo", out);
    Ok(())
}

/// `nacre redo`.
pub fn redo(store: &Store, out: &Output) -> Result<()> {
    print_history(store.redo()?.as_ref(), "redo", out);
    Ok(())
}
