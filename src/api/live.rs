//! The live window: noticing, cheaply and often, that another process (the browser host, the
//! `nacre` tool, a second window) changed the library, so the window can read again what it
//! shows, and fetch the details of links that arrived without them. The window polls
//! [`LibraryWatch::poll`] a few times a second; a poll that finds nothing costs one pragma.

use crate::error::Result;
use crate::model::PearlId;
use crate::store::Store;

/// The most arrived links handed to the fetcher after one change (an import by the tool is
/// fetched by the user's choice, not all at once).
pub const MAX_ARRIVALS: usize = 50;

/// What another process changed, as far as the window cares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LibraryChange {
    /// Links that arrived since the last change and have no page details yet (at most
    /// [`MAX_ARRIVALS`]): the window fetches them.
    pub links_to_fetch: Vec<PearlId>,
}

/// Where the window's view of the library stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryWatch {
    version: i64,
    newest: i64,
}

impl LibraryWatch {
    /// Starts watching from the library as it is now.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn start(store: &Store) -> Result<LibraryWatch> {
        Ok(LibraryWatch {
            version: store.data_version()?,
            newest: store.newest_pearl_id()?,
        })
    }

    /// `Some` when another process changed the library since the last poll.
    ///
    /// # Errors
    /// [`crate::Error::Sqlite`].
    pub fn poll(&mut self, store: &Store) -> Result<Option<LibraryChange>> {
        let version = store.data_version()?;
        if version == self.version {
            return Ok(None);
        }
        self.version = version;
        let links_to_fetch = store.links_without_details_after(self.newest, MAX_ARRIVALS)?;
        self.newest = self.newest.max(store.newest_pearl_id()?);
        Ok(Some(LibraryChange { links_to_fetch }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LinkUrl, NewPearl, Placement};

    #[test]
    fn another_process_write_is_noticed_once_and_its_new_links_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite");
        let window = Store::open(&path).unwrap();
        let mut watch = LibraryWatch::start(&window).unwrap();
        assert_eq!(watch.poll(&window).unwrap(), None, "nothing changed yet");

        window
            .create(
                window.inbox_id(),
                Placement::End,
                &NewPearl::collection("Mine").unwrap(),
            )
            .unwrap();
        assert_eq!(
            watch.poll(&window).unwrap(),
            None,
            "the window's own edit is not news"
        );

        let host = Store::open(&path).unwrap();
        let url = LinkUrl::parse("https://example.org/").unwrap();
        let link = host
            .create(
                host.inbox_id(),
                Placement::End,
                &NewPearl::link(url, "").unwrap(),
            )
            .unwrap();
        let change = watch
            .poll(&window)
            .unwrap()
            .expect("the other process's write is seen");
        assert_eq!(change.links_to_fetch, [link.id]);
        assert_eq!(watch.poll(&window).unwrap(), None, "seen once");
    }
}
