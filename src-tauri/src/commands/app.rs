//! The app itself: quitting (Ctrl+Q), and opening the file just shared, or its folder, with
//! the system's own programs.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};

/// The file the last share wrote, the only one the window may ask to open.
#[derive(Default)]
pub struct LastShare(Mutex<Option<PathBuf>>);

impl LastShare {
    /// Remembers the file a share just wrote.
    pub fn remember(&self, file: PathBuf) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some(file);
        }
    }

    /// The file the last share wrote; `NotFound` before any share.
    fn file(&self) -> CommandResult<PathBuf> {
        self.0
            .lock()
            .ok()
            .and_then(|p| p.clone())
            .ok_or_else(|| CommandError {
                code: nacre::ErrorCode::NotFound,
                message: "nothing was shared yet".to_owned(),
            })
    }
}

/// How long Tauri's own ending (the window and its webview closed first) may take before the
/// process ends anyway.
const QUIT_GRACE: Duration = Duration::from_secs(3);

/// Ends the app (its window state is saved as it changes, so nothing is lost).
///
/// Tauri ends the event loop, then the process. In one CI run under WebDriver the app was
/// still running minutes after Ctrl+Q (the cause was not found), so the process also ends by
/// itself after [`QUIT_GRACE`]: every write to the library is a committed transaction by
/// then, and the window's place is saved as it changes.
#[tauri::command]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
    tauri::async_runtime::spawn(async {
        tokio::time::sleep(QUIT_GRACE).await;
        std::process::exit(0);
    });
}

/// Opens the file the last share wrote (`reveal`: shows it in its folder instead).
#[tauri::command(async)]
pub fn open_shared_file(
    app: AppHandle,
    last: State<'_, LastShare>,
    reveal: bool,
) -> CommandResult<()> {
    let path = last.file()?;
    let opened = if reveal {
        app.opener().reveal_item_in_dir(&path)
    } else {
        app.opener()
            .open_path(path.display().to_string(), None::<&str>)
    };
    opened.map_err(|e| CommandError {
        code: nacre::ErrorCode::Io,
        message: format!("could not open {}: {e}", path.display()),
    })
}
