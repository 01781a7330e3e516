//! Long work (reading a bookmark file, importing, exporting, fetching) runs on Tauri's blocking
//! thread pool, so the window stays responsive; this turns its result into a command's.

use crate::error::{CommandError, CommandResult};

/// Runs `work` on a blocking thread and waits for it without blocking the async runtime.
pub async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> nacre::Result<T> + Send + 'static,
) -> CommandResult<T> {
    match tauri::async_runtime::spawn_blocking(work).await {
        Ok(out) => out.map_err(Into::into),
        Err(e) => Err(CommandError {
            code: nacre::ErrorCode::Internal,
            message: format!("the background task failed: {e}"),
        }),
    }
}
