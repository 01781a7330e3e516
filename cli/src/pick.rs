//! `nacre pick`: pearls or branches of an imported tree copied into a collection of one's own,
//! keeping their provenance (or, with `--alias`, aliases of the imported collections, which
//! follow the curator's version as updates arrive).

use clap::Args;

use nacre::Result;
use nacre::Store;
use nacre::api::pick::pick_named;

use crate::output::Output;

/// Arguments of `nacre pick`.
#[derive(Debug, Args)]
pub struct PickArgs {
    /// The pearls to pick, from a tree imported from a Nacre file or page (ids such as #42, or
    /// collection paths)
    #[arg(required = true, value_name = "SRC")]
    sources: Vec<String>,
    /// The collection of your own to pick them into: a path such as Cours/Mes liens, or an id
    #[arg(long, required = true, value_name = "COLLECTION")]
    to: String,
    /// Leave an alias of each collection instead of a copy: it shows the imported collection,
    /// and so follows the curator's version as `nacre import --update` brings it
    #[arg(long)]
    alias: bool,
    /// Position in the collection (0 = first), counted as it is before the pick [default: last]
    #[arg(long)]
    index: Option<usize>,
}

/// `nacre pick`.
pub fn pick(store: &Store, args: &PickArgs, out: &Output) -> Result<()> {
    let report = pick_named(store, &args.sources, &args.to, args.index, args.alias)?;
    out.print(&report, || {
        format!("{} (/{})", report.message, report.into_path)
    });
    Ok(())
}
