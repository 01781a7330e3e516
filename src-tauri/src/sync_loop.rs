//! Syncing by itself while the window is open: starts the core's one loop of rounds
//! (`nacre::api::sync_rounds`) on a thread of its own, and passes what it says to the page
//! (`sync-round`); a round that brought changes also sends `library-changed`, so the window
//! reads again what it shows, in place, as it does for any other process's writes.

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
            auto.run(&app.state::<Store>(), |event| {
                if let RoundEvent::Finished { report } = &event
                    && report.received > 0
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
