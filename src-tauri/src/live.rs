//! The live window and `nacre://` links: a watch that polls the library four times a second
//! (`nacre::api::live`) and emits `library-changed` when another process wrote to it, and the
//! deep links (`nacre://pearl/42`, tauri-plugin-deep-link) that bring the window forward on a
//! pearl (`show-pearl`). A link can only show, never change anything.

use std::sync::Mutex;
use std::time::Duration;

use nacre::api::deep_link;
use nacre::api::live::LibraryWatch;
use nacre::{PearlId, Store};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

/// The event saying another process changed the library (with the links to fetch).
const CHANGED_EVENT: &str = "library-changed";
/// The event asking the window to show a pearl.
const SHOW_EVENT: &str = "show-pearl";
/// How often the library is looked at.
const EVERY: Duration = Duration::from_millis(250);

/// The pearl a `nacre://` link asked for before the window was ready to listen.
#[derive(Default)]
pub struct StartPearl(pub Mutex<Option<PearlId>>);

/// Starts the watch on the library in the app's state.
pub fn watch(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let Ok(mut watch) = LibraryWatch::start(&app.state::<Store>()) else {
            return;
        };
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match watch.poll(&app.state::<Store>()) {
                Ok(Some(change)) => {
                    let _ = app.emit(CHANGED_EVENT, change);
                }
                Ok(None) => {}
                Err(e) => eprintln!("nacre: cannot watch the library: {e}"),
            }
        }
    });
}

/// Handles `nacre://` links: the ones the app was started with, and the ones opened later
/// (the single-instance plugin hands those of a second launch over).
pub fn deep_links(app: &AppHandle) {
    if let Ok(Some(urls)) = app.deep_link().get_current()
        && let Some(id) = urls
            .iter()
            .find_map(|u| deep_link::pearl_to_show(u.as_str()).ok())
        && let Ok(mut start) = app.state::<StartPearl>().0.lock()
    {
        *start = Some(id);
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            match deep_link::pearl_to_show(url.as_str()) {
                Ok(id) => show(&handle, id),
                Err(e) => eprintln!("nacre: {e}"),
            }
        }
    });
}

fn show(app: &AppHandle, id: PearlId) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let _ = app.emit(SHOW_EVENT, id);
}
