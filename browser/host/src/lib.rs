//! Nacre's native messaging host: the third shell over the core, beside the window and the
//! command-line tool. A browser starts it for its extension, sends framed JSON messages on
//! standard input ([`framing`]), and reads one reply per message on standard output; each
//! message is one call into `nacre::api::capture` ([`dispatch`]).
//!
//! The host never panics on any input, never runs or opens anything, and writes nothing but
//! the library: [`library_path`] says which.

pub mod dispatch;
pub mod framing;

use std::io::{self, Read, Write};
use std::path::PathBuf;

pub use dispatch::Library;
use framing::{Frame, read_frame, write_frame};

/// The environment variable `nacre browser install` sets in the host's launcher, naming the
/// library it was given.
pub const INSTALLED_LIBRARY_VAR: &str = "NACRE_HOST_LIBRARY";
/// The environment variable naming the browser in the launcher (for `nacre browser status`).
pub const BROWSER_VAR: &str = "NACRE_HOST_BROWSER";

/// The library the host writes: `NACRE_LIBRARY` in its environment, else the one `nacre
/// browser install` recorded, else the default library.
pub fn library_path(env: impl Fn(&str) -> Option<String>) -> PathBuf {
    env("NACRE_LIBRARY")
        .filter(|p| !p.is_empty())
        .or_else(|| env(INSTALLED_LIBRARY_VAR).filter(|p| !p.is_empty()))
        .map_or_else(nacre::Store::default_library_path, PathBuf::from)
}

/// Who is calling, from the host's arguments: Chromium passes the extension's origin
/// (`chrome-extension://ID/`), Firefox the manifest's path and then the add-on's ID.
pub fn caller_of(args: &[String], env: impl Fn(&str) -> Option<String>) -> String {
    if let Some(browser) = env(BROWSER_VAR).filter(|b| !b.is_empty()) {
        return browser;
    }
    let origin = args.iter().find(|a| a.starts_with("chrome-extension://"));
    let gecko = args.get(2).filter(|a| a.contains('@'));
    origin
        .or(gecko)
        .cloned()
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Answers every message on `input` until the browser closes it, or until a frame is cut or
/// refused (then the stream cannot be followed any further, so the host stops after saying
/// why).
///
/// # Errors
/// An [`io::Error`] when reading or writing the streams fails.
pub fn serve(
    input: &mut impl Read,
    output: &mut impl Write,
    library: &mut Library,
    caller: &str,
) -> io::Result<()> {
    loop {
        match read_frame(input)? {
            Ok(Frame::End) => return Ok(()),
            Ok(Frame::Message(text)) => {
                write_frame(output, &dispatch::reply_to(&text, library, caller))?;
            }
            Err(wire) => {
                write_frame(output, &dispatch::refusal(&wire))?;
                if !wire.keeps_stream() {
                    return Ok(());
                }
            }
        }
    }
}
