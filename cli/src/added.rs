//! The fetch that follows `nacre add`: the new link's title at once, with short timeouts.

use nacre::{Pearl, Store};

/// Fetches a link just added, with short timeouts. The link is added whatever happens: a
/// failure is recorded in its details, or (if fetching cannot even start) said on stderr.
pub fn fetch_title(store: &Store, pearl: Pearl) -> Pearl {
    let fetched = nacre::api::fetch::fetch_new_links(store, vec![pearl.id], |_| {})
        .and_then(|_| store.pearl(pearl.id));
    match fetched {
        Ok(fetched) => {
            if let Ok(Some(details)) = store.page_details(pearl.id)
                && details.outcome != Some(nacre::store::Outcome::Ok)
            {
                let why = details.details.error.unwrap_or_default();
                eprintln!("nacre: note: the page was not read: {why}");
            }
            fetched
        }
        Err(e) => {
            eprintln!(
                "nacre: warning: could not fetch the page of {}: {e}",
                pearl.id
            );
            pearl
        }
    }
}
