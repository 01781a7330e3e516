//! Subcommands that only read: ls, search (titles and offline copies), dupes.

use clap::Args;

use nacre::archive::{Archive, search_everywhere};
use nacre::store::join_path;
use nacre::{Result, Store};

use crate::output::{Output, pearl_line};
use nacre::api::resolve_pearl;

/// Arguments of `nacre ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// The collection: a path such as Research/Rust, or an id such as #42 [default: the top]
    path: Option<String>,
    /// Everything below it, indented
    #[arg(long)]
    tree: bool,
    /// With --tree, how many levels down (1 = the collection's own pearls)
    #[arg(long, requires = "tree")]
    depth: Option<u32>,
}

/// `nacre ls`.
pub fn ls(store: &Store, args: &LsArgs, out: &Output) -> Result<()> {
    let id = match &args.path {
        Some(p) => resolve_pearl(store, p)?,
        None => store.root_id(),
    };
    if args.tree {
        let rows = store.subtree(id, args.depth.map(|d| d.saturating_sub(1)))?;
        out.print(&rows, || {
            rows.iter()
                .map(|r| {
                    format!(
                        "{}{}\n",
                        "  ".repeat(r.depth as usize),
                        pearl_line(&r.pearl)
                    )
                })
                .collect()
        });
    } else {
        let pearls = store.children(id)?;
        out.print(&pearls, || {
            if pearls.is_empty() {
                "(empty)".to_owned()
            } else {
                pearls.iter().map(|p| pearl_line(p) + "\n").collect()
            }
        });
    }
    Ok(())
}

/// Arguments of `nacre search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (each matches the start of a word; case and accents are ignored)
    #[arg(required = true)]
    words: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

/// `nacre search`.
/// Title, note and tag matches first, then links found inside their offline copies (when the
/// library has an archive), each with a snippet.
pub fn search(store: &Store, args: &SearchArgs, out: &Output) -> Result<()> {
    let archive_path = Archive::path_beside(store.path());
    let archive = if archive_path.exists() {
        Some(Archive::open(archive_path)?)
    } else {
        None
    };
    let found = search_everywhere(store, archive.as_ref(), &args.words.join(" "), args.limit)?;
    out.print(&found, || {
        if found.is_empty() {
            return "no pearl matches".to_owned();
        }
        found
            .iter()
            .map(|f| {
                let mut text = format!(
                    "{}\n    in /{}\n",
                    pearl_line(&f.hit.pearl),
                    join_path(&f.hit.path)
                );
                if f.in_page {
                    let snippet: String = f
                        .snippet
                        .iter()
                        .map(|p| {
                            if p.hit {
                                format!("**{}**", p.text)
                            } else {
                                p.text.clone()
                            }
                        })
                        .collect();
                    text.push_str(&format!("    page: {snippet}\n"));
                }
                text
            })
            .collect()
    });
    Ok(())
}

/// `nacre dupes`.
pub fn dupes(store: &Store, out: &Output) -> Result<()> {
    let groups = store.duplicates()?;
    out.print(&groups, || {
        if groups.is_empty() {
            return "no duplicate links".to_owned();
        }
        let mut text = String::new();
        for g in &groups {
            text.push_str(&format!(
                "{} ({} links)\n",
                g.normalized_url,
                g.pearls.len()
            ));
            for h in &g.pearls {
                text.push_str(&format!(
                    "    {}  in /{}\n",
                    pearl_line(&h.pearl),
                    join_path(&h.path)
                ));
            }
        }
        text
    });
    Ok(())
}
