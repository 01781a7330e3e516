//! Printing: text for people, JSON for scripts, and errors as one line on stderr.

use std::io::Write as _;

use serde::Serialize;

use nacre::{Pearl, PearlKind};

/// How results are printed.
pub struct Output {
    /// JSON instead of text.
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON, or else the text `text` gives.
    pub fn print<T: Serialize + ?Sized>(&self, value: &T, text: impl FnOnce() -> String) {
        let body = if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(json) => json,
                Err(e) => {
                    eprintln!("nacre: cannot print JSON: {e}");
                    return;
                }
            }
        } else {
            text().trim_end().to_owned()
        };
        if !body.is_empty() {
            write_out(&body);
        }
    }

    /// Prints an error: one line on stderr (as JSON `{code, message}` with `--json`).
    pub fn error(&self, e: &nacre::Error) {
        if self.json {
            let body = serde_json::json!({ "code": e.code(), "message": e.to_string() });
            eprintln!("{body}");
        } else {
            eprintln!("nacre: {e}");
        }
    }
}

/// Writes `text` and a newline to standard output. A reader that stopped reading (`nacre ls |
/// head`) is not an error: the rest is dropped quietly instead of panicking as `println!` does.
pub fn write_out(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("nacre: cannot write to standard output: {e}");
    }
}

/// One line for a pearl: a kind marker, its title, its URL, its id.
pub fn pearl_line(p: &Pearl) -> String {
    let marker = match p.kind {
        PearlKind::Collection => "▸",
        PearlKind::Link => "•",
        PearlKind::Note => "✎",
        PearlKind::Section => "§",
        PearlKind::Alias => "↪",
    };
    let mut line = format!("{marker} {}", p.display_title());
    if p.kind == PearlKind::Collection {
        line.push_str(&format!(" ({})", p.child_count));
    }
    if let Some(url) = &p.url
        && url != p.display_title()
    {
        line.push_str(&format!("  <{url}>"));
    }
    if p.kind == PearlKind::Note && !p.note.is_empty() {
        let first = p.note.lines().next().unwrap_or("");
        line = format!("{marker} {first}");
    }
    if !p.tags.is_empty() {
        line.push_str(&format!("  [{}]", p.tags.join(", ")));
    }
    line.push_str(&format!("  {}", p.id));
    line
}
