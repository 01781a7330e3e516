//! One message in, one reply out: reads the message's `type`, hands its fields to the core's
//! capture use cases (`nacre::api::capture`), and answers `{"ok":true,...}` or
//! `{"ok":false,"error":{"code","message"}}`. The library is opened only for a message that is
//! well formed, so bad input never creates or changes it.

use std::path::{Path, PathBuf};

use nacre::Store;
use nacre::api::capture::{self, NoteCapture, PageCapture, TabsCapture};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::framing::{MAX_REPLY, WireError};

/// The longest title or path a lookup or the collection finder answers with, in characters.
const LONGEST_TEXT: usize = 300;

/// The library the host writes, opened on the first message that needs it.
#[derive(Debug)]
pub struct Library {
    path: PathBuf,
    store: Option<Store>,
}

impl Library {
    /// The library at `path` (not opened yet).
    pub fn at(path: impl Into<PathBuf>) -> Library {
        Library {
            path: path.into(),
            store: None,
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn store(&mut self) -> nacre::Result<&Store> {
        if self.store.is_none() {
            self.store = Some(Store::open(&self.path)?);
        }
        self.store
            .as_ref()
            .ok_or_else(|| nacre::Error::Invalid("the library is not open".into()))
    }
}

#[derive(Deserialize)]
struct Lookup {
    url: String,
}

#[derive(Deserialize)]
struct Collections {
    #[serde(default)]
    query: String,
    #[serde(default)]
    limit: Option<usize>,
}

/// A failure on its way to the reply.
enum Refusal {
    Wire(WireError),
    Core(nacre::Error),
}

impl From<nacre::Error> for Refusal {
    fn from(e: nacre::Error) -> Refusal {
        Refusal::Core(e)
    }
}

/// The reply for a failure of the wire (a frame that could not be read).
pub fn refusal(error: &WireError) -> String {
    failure(error.code(), error.message())
}

fn failure(code: nacre::ErrorCode, message: &str) -> String {
    json!({"ok": false, "error": {"code": code.as_str(), "message": message}}).to_string()
}

/// Answers one message. `caller` names the browser that sent it, for `nacre browser status`.
pub fn reply_to(text: &str, library: &mut Library, caller: &str) -> String {
    match dispatch(text, library, caller) {
        Ok(mut fields) => {
            fields.insert("ok".to_owned(), Value::Bool(true));
            let reply = Value::Object(fields).to_string();
            if reply.len() > MAX_REPLY {
                return failure(
                    nacre::ErrorCode::TooLarge,
                    &format!(
                        "the reply would be {} bytes, over the {MAX_REPLY} a browser takes",
                        reply.len()
                    ),
                );
            }
            reply
        }
        Err(Refusal::Wire(e)) => refusal(&e),
        Err(Refusal::Core(e)) => failure(e.code(), &e.to_string()),
    }
}

fn fields_of<T: DeserializeOwned>(kind: &str, message: Value) -> Result<T, Refusal> {
    serde_json::from_value(message)
        .map_err(|e| Refusal::Core(nacre::Error::Invalid(format!("a “{kind}” message: {e}"))))
}

fn dispatch(
    text: &str,
    library: &mut Library,
    caller: &str,
) -> Result<Map<String, Value>, Refusal> {
    let message: Value = serde_json::from_str(text).map_err(|e| {
        Refusal::Wire(WireError::BadMessage(format!(
            "the message is not JSON: {e}"
        )))
    })?;
    let Value::Object(object) = &message else {
        return Err(Refusal::Wire(WireError::BadMessage(
            "the message is not a JSON object".to_owned(),
        )));
    };
    let kind = match object.get("type") {
        Some(Value::String(kind)) => kind.clone(),
        Some(_) => {
            return Err(Refusal::Wire(WireError::UnknownType(
                "the message's “type” is not a string".to_owned(),
            )));
        }
        None => {
            return Err(Refusal::Wire(WireError::UnknownType(
                "the message has no “type”".to_owned(),
            )));
        }
    };
    let known = [
        "save",
        "lookup",
        "save-note",
        "collections",
        "save-tabs",
        "hello",
    ];
    if !known.contains(&kind.as_str()) {
        let shown: String = kind.chars().take(60).collect();
        return Err(Refusal::Wire(WireError::UnknownType(format!(
            "no message of type “{shown}”; the host knows {}",
            known.join(", ")
        ))));
    }
    // Fields are checked before the library is opened: a bad message touches nothing.
    let reply = match kind.as_str() {
        "save" => {
            let capture: PageCapture = fields_of(&kind, message)?;
            capture::pearlable_url(&capture.url)?;
            let saved = capture::save(library.store()?, &capture)?;
            json!({"id": saved.id, "path": saved.path})
        }
        "save-note" => {
            let capture: NoteCapture = fields_of(&kind, message)?;
            let saved = capture::save_note(library.store()?, &capture)?;
            json!({"id": saved.id, "path": saved.path})
        }
        "save-tabs" => {
            let capture: TabsCapture = fields_of(&kind, message)?;
            let saved = capture::save_tabs(library.store()?, &capture)?;
            json!({"id": saved.id, "path": saved.path, "saved": saved.saved, "skipped": saved.skipped})
        }
        "lookup" => {
            let ask: Lookup = fields_of(&kind, message)?;
            nacre::LinkUrl::parse(&ask.url)?;
            let found = capture::lookup(library.store()?, &ask.url)?;
            let pearls: Vec<Value> = found
                .iter()
                .map(|p| json!({"id": p.id, "path": short(&p.path), "title": short(&p.title)}))
                .collect();
            json!({ "pearls": pearls })
        }
        "collections" => {
            let ask: Collections = fields_of(&kind, message)?;
            let limit = ask.limit.unwrap_or(20);
            let found = capture::find_collections(library.store()?, &ask.query, limit)?;
            let collections: Vec<Value> = found
                .iter()
                .map(|c| json!({"id": c.id, "title": short(&c.title), "path": short(&c.path)}))
                .collect();
            json!({ "collections": collections })
        }
        _ => {
            // "hello": who is there, and which library it writes.
            let store = library.store()?;
            json!({"version": env!("CARGO_PKG_VERSION"), "library": store.path().display().to_string()})
        }
    };
    if let Ok(store) = library.store() {
        // Best effort: a status line must never fail a save.
        let _ = store.record_browser_contact(caller, nacre::model::now_millis());
    }
    match reply {
        Value::Object(fields) => Ok(fields),
        _ => Ok(Map::new()),
    }
}

fn short(text: &str) -> String {
    if text.chars().count() <= LONGEST_TEXT {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(LONGEST_TEXT - 1).collect();
        cut.push('…');
        cut
    }
}
