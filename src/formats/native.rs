//! Nacre's own file (`.nacre.json`): a versioned JSON document that carries a tree with
//! everything the library holds, so that importing it back gives exactly the same tree.
//!
//! ```json
//! { "format": "nacre", "version": 1, "exportedAt": 1732470000000, "root": { "kind": { … }, … } }
//! ```
//!
//! `root` is a [`Node`] as serde writes it (see `docs/native-format.md` for every field).
//! Reading checks the `format` and `version` before anything else, so a file from a newer
//! Nacre fails with [`Error::FormatTooNew`] rather than with a puzzling field error. Reading
//! does not touch the library: it gives an [`ImportedTree`] whose one root is the exported
//! collection, which `Store::import_tree` then adds as a new branch.

use serde::{Deserialize, Serialize};

use super::tree::{Credit, ImportedTree, Node, Shared};
use crate::error::{Error, Result};
use crate::model::{Millis, now_millis};

/// The value of the document's `format` field.
pub const FORMAT: &str = "nacre";

/// The newest version of the format this Nacre writes and reads.
pub const VERSION: u64 = 1;

/// The usual file name ending.
pub const EXTENSION: &str = "nacre.json";

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`] when written by this Nacre.
    pub version: u64,
    /// When the file was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<Millis>,
    /// Who hands the tree on, what it is, its licence (given at export; optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Credit>,
    /// The exported collection and everything below it.
    pub root: Node,
}

/// The fields read first, to tell a Nacre file of a version this Nacre knows from anything else.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Writes `root` (usually from `Store::export_tree`) as a native document: compact JSON on one
/// line (a 100,000-pearl library is about half the size it would be indented).
///
/// # Errors
/// [`Error::Invalid`] only if serialisation fails, which plain data cannot make it do.
pub fn write(root: &Node) -> Result<Vec<u8>> {
    write_document(&DocumentRef {
        format: FORMAT,
        version: VERSION,
        exported_at: Some(now_millis()),
        credit: None,
        root,
    })
}

/// A [`Document`] that borrows its tree, for writing without copying it.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRef<'a> {
    /// Always [`FORMAT`].
    pub format: &'a str,
    /// The format version.
    pub version: u64,
    /// When the file was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<Millis>,
    /// Who hands the tree on (left out when nothing is said).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<&'a Credit>,
    /// The exported collection and everything below it.
    pub root: &'a Node,
}

impl<'a> DocumentRef<'a> {
    /// The document of `root` written now, with `credit` when it says anything.
    pub fn now(root: &'a Node, credit: &'a Credit) -> DocumentRef<'a> {
        DocumentRef {
            format: FORMAT,
            version: VERSION,
            exported_at: Some(now_millis()),
            credit: (!credit.is_empty()).then_some(credit),
            root,
        }
    }
}

/// Writes a whole document.
///
/// # Errors
/// [`Error::Invalid`] only if serialisation fails.
pub fn write_document(document: &DocumentRef<'_>) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec(document)
        .map_err(|e| Error::Invalid(format!("could not write the Nacre file: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

/// Reads a native document. `what` names the file in messages.
///
/// # Errors
/// - [`Error::FormatTooNew`] for a file of a newer version;
/// - [`Error::Invalid`] naming the line and column for a file that is not JSON, not a Nacre
///   file, or whose tree does not have the shape of the format.
pub fn read_document(bytes: &[u8], what: &str) -> Result<Document> {
    let header: Header = parse(bytes, what)?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(Error::Invalid(format!(
                "{what} is not a Nacre file: its format is {other:?}, not {FORMAT:?}"
            )));
        }
        None => {
            return Err(Error::Invalid(format!(
                "{what} is not a Nacre file: it has no \"format\": \"{FORMAT}\" field"
            )));
        }
    }
    let version = header
        .version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{what} is not a valid Nacre file: its \"version\" is missing or not a whole number"
            ))
        })?;
    if version > VERSION {
        return Err(Error::FormatTooNew {
            what: what.to_owned(),
            format: FORMAT,
            found: version,
            known: VERSION,
        });
    }
    if version == 0 {
        return Err(Error::Invalid(format!(
            "{what} is not a valid Nacre file: version 0 does not exist"
        )));
    }
    parse(bytes, what)
}

/// Reads a native file as a tree to import: its one root is the exported collection.
///
/// # Errors
/// As [`read_document`].
pub fn read(bytes: &[u8], what: &str) -> Result<ImportedTree> {
    Ok(read_document(bytes, what)?.into_tree("Nacre file"))
}

impl Document {
    /// The document as a tree to import, from a source named `source`, keeping its credit.
    pub fn into_tree(self, source: &str) -> ImportedTree {
        ImportedTree {
            source: source.to_owned(),
            roots: vec![self.root],
            skipped: Vec::new(),
            shared: Some(Shared {
                credit: self.credit.map(|c| c.cleaned()).unwrap_or_default(),
                exported_at: self.exported_at,
            }),
        }
    }
}

/// Parses JSON of any depth: the stack grows as the tree nests, instead of failing at
/// serde_json's default limit of 128 levels (about 40 levels of collections).
fn parse<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    let value = T::deserialize(serde_stacker::Deserializer::new(&mut de))
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            // serde_json's message already ends with "at line L column C".
            Error::Invalid(format!("{what} is not a valid Nacre file: {e}"))
        })?;
    Ok(value)
}
