//! Syncing by itself while the window is open: starts the core's one loop of rounds
//! (`nacre::api::sync_rounds`) on a thread of its own, with a connection of its own to the
//! library, and passes what it says to the page (`sync-round`). On its own connection a round
//! is, for the window, another writer: the window goes on reading while it writes, and the
//! live window's watch (`crate::live`) sees what it wrote and sends `library-changed`, so the
//! window reads again what it shows, in place. (Should that connection not open, rounds run on
//! the window's, and a round that brought changes sends `library-changed` itself.)

use nacre::Store;
use nacre::api::events::SYNC_ROUND;
use nacre::api::live::LibraryChange;
use nacre::api::sync_rounds::{AutoSync, RoundEvent};
use tauri::{AppHandle, Emitter, Manager};

/// The event that makes the window read the library again.
const CHANGED_EVENT: &str = "library-changed";

/// Starts the loop and puts the handle that reaches it (`SyncHandle`) in the app's state.
pub fn start(app: &AppHandle) {
    let (auto, handle) = AutoSync::new();
    app.manage(handle);
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("nacre-sync".into())
        .spawn(move || {
            let shared = app.state::<Store>();
            let own = Store::open(shared.path())
                .map_err(|e| eprintln!("nacre: syncing on the window's own connection: {e}"))
                .ok();
            let watched = own.is_some();
            auto.run(own.as_ref().unwrap_or(&shared), |event| {
                if let RoundEvent::Finished { report } = &event
                    && report.received > 0
                    && !watched
                {
                    let _ = app.emit(CHANGED_EVENT, LibraryChange::default());
                }
                let _ = app.emit(SYNC_ROUND, event);
            });
        });
    if let Err(e) = spawned {
        eprintln!("nacre: cannot start syncing by itself: {e}");
    }
}
