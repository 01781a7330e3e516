//! The "Connect your browser" screen and `nacre://` links. Bindings only; the registering lives
//! in `nacre::api::browser_hosts`.

use std::path::PathBuf;

use nacre::api::browser_hosts::{self, HostStatus};
use nacre::{PearlId, Store};
use tauri::State;

use super::blocking::run_blocking;
use crate::error::CommandResult;
use crate::live::StartPearl;

/// The host program: `nacre-host` beside the window's own program, else the installed one.
fn host_program() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join("nacre-host")))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("/usr/bin/nacre-host"))
}

/// Per browser: whether the host is registered for this library and the extension has spoken.
#[tauri::command(async)]
pub fn browser_status(store: State<'_, Store>) -> CommandResult<Vec<HostStatus>> {
    Ok(browser_hosts::statuses(store.path())?)
}

/// Registers the host with one browser (by its id, `chromium`), for this library.
#[tauri::command]
pub async fn connect_browser(app: tauri::AppHandle, browser: String) -> CommandResult<HostStatus> {
    use tauri::Manager as _;
    let library = app.state::<Store>().path().to_owned();
    run_blocking(move || browser_hosts::connect(&browser, &host_program(), &library)).await
}

/// Removes the host's registration with one browser (by its id).
#[tauri::command]
pub async fn disconnect_browser(
    app: tauri::AppHandle,
    browser: String,
) -> CommandResult<HostStatus> {
    use tauri::Manager as _;
    let library = app.state::<Store>().path().to_owned();
    run_blocking(move || browser_hosts::disconnect(&browser, &library)).await
}

/// The pearl a `nacre://` link asked for when it started the window, once.
#[tauri::command(async)]
pub fn take_start_pearl(start: State<'_, StartPearl>) -> Option<PearlId> {
    start.0.lock().ok().and_then(|mut s| s.take())
}
