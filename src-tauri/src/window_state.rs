//! Keeps the window's size and position on disk as the user changes them. The window-state
//! plugin restores them at launch but writes them only on a clean exit; saving half a second
//! after the window last moved or changed size means a crash, a killed process or a session
//! that ends abruptly still finds the window where the user left it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// How long the window must stay still before its place is written.
const SETTLE: Duration = Duration::from_millis(500);

/// Counts moves and resizes; a pending save is dropped when a newer one follows it.
static CHANGES: AtomicU64 = AtomicU64::new(0);

/// Schedules a save after a move or a resize; other events are ignored.
pub fn on_event(app: &AppHandle, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let this_change = CHANGES.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if CHANGES.load(Ordering::SeqCst) == this_change {
            let _ = app.save_window_state(StateFlags::all());
        }
    });
}
