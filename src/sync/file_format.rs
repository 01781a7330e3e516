//! One sync file, as bytes: a header that makes it self-checking, then a few words about who
//! wrote it, then the Loro bytes.
//!
//! ```text
//! "NACRSYNC"  8 bytes, the mark of a Nacre sync file
//! version     u32 LE, the format version (FORMAT_VERSION)
//! meta_len    u32 LE, length of the JSON words about the writer
//! payload_len u64 LE, length of the Loro bytes
//! crc32       u32 LE, CRC-32 of the words and the Loro bytes
//! meta        JSON: device id, device name, when written, snapshot or update
//! payload     Loro bytes (ExportMode::Snapshot or updates)
//! ```
//!
//! Reading never trusts a file: one cut short, corrupt, foreign or from a newer Nacre is refused
//! with the word status shows ([`FileProblem`]).

use serde::{Deserialize, Serialize};

use crate::model::Millis;

/// The mark at the start of every sync file.
const MAGIC: &[u8; 8] = b"NACRSYNC";
/// The version of the format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 4;

/// Who wrote a file, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileMeta {
    /// The writing device's id (also in the file's name).
    pub device_id: String,
    /// The writing device's name, for people ("laptop").
    pub device_name: String,
    /// When it was written.
    pub written_at: Millis,
    /// A whole document (true) or the updates since the device's previous file.
    pub snapshot: bool,
}

/// Why a file in the folder was not taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// Shorter than its header says: still arriving, or cut short by the sync service.
    Incomplete,
    /// Its checksum does not match, or its contents cannot be read.
    Corrupt,
    /// Not a Nacre sync file.
    Foreign,
    /// Written by a newer Nacre, in a format version this one does not read.
    TooNew(u32),
}

impl FileProblem {
    /// The word status shows.
    pub fn words(self) -> String {
        match self {
            FileProblem::Incomplete => "incomplete (still arriving?), skipped".to_owned(),
            FileProblem::Corrupt => "corrupt, skipped".to_owned(),
            FileProblem::Foreign => "not a Nacre sync file, skipped".to_owned(),
            FileProblem::TooNew(v) => format!(
                "from a newer Nacre (sync format {v}, this one reads up to {FORMAT_VERSION}), skipped"
            ),
        }
    }
}

/// The bytes of a file holding `payload`.
pub fn encode(meta: &FileMeta, payload: &[u8]) -> Vec<u8> {
    let meta_json = serde_json::to_vec(meta).unwrap_or_default();
    let mut crc = crc32fast::Hasher::new();
    crc.update(&meta_json);
    crc.update(payload);
    let mut out = Vec::with_capacity(HEADER_LEN + meta_json.len() + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(
        &u32::try_from(meta_json.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    out.extend_from_slice(&meta_json);
    out.extend_from_slice(payload);
    out
}

/// The writer's words and the Loro bytes of a file, once its header, length and checksum hold.
///
/// # Errors
/// The [`FileProblem`] found.
pub fn decode(bytes: &[u8]) -> Result<(FileMeta, &[u8]), FileProblem> {
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) {
            FileProblem::Incomplete
        } else {
            FileProblem::Foreign
        });
    }
    if &bytes[..MAGIC.len()] != MAGIC {
        return Err(FileProblem::Foreign);
    }
    if bytes.len() < HEADER_LEN {
        return Err(FileProblem::Incomplete);
    }
    let u32_at = |at: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&bytes[at..at + 4]);
        u32::from_le_bytes(b)
    };
    let version = u32_at(8);
    if version > FORMAT_VERSION {
        return Err(FileProblem::TooNew(version));
    }
    if version == 0 {
        return Err(FileProblem::Corrupt);
    }
    let meta_len = u32_at(12) as usize;
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[16..24]);
    let payload_len = usize::try_from(u64::from_le_bytes(b)).map_err(|_| FileProblem::Corrupt)?;
    let crc_expected = u32_at(24);
    let total = HEADER_LEN
        .checked_add(meta_len)
        .and_then(|n| n.checked_add(payload_len))
        .ok_or(FileProblem::Corrupt)?;
    if bytes.len() < total {
        return Err(FileProblem::Incomplete);
    }
    if bytes.len() > total {
        return Err(FileProblem::Corrupt);
    }
    let meta_bytes = &bytes[HEADER_LEN..HEADER_LEN + meta_len];
    let payload = &bytes[HEADER_LEN + meta_len..];
    let mut crc = crc32fast::Hasher::new();
    crc.update(meta_bytes);
    crc.update(payload);
    if crc.finalize() != crc_expected {
        return Err(FileProblem::Corrupt);
    }
    let meta: FileMeta = serde_json::from_slice(meta_bytes).map_err(|_| FileProblem::Corrupt)?;
    Ok((meta, payload))
}

/// The checksum recorded in a file's header (0 when it has none), to tell a file already taken
/// in from a new one of the same name.
pub fn checksum_of(bytes: &[u8]) -> u32 {
    if bytes.len() < HEADER_LEN {
        return 0;
    }
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[24..28]);
    u32::from_le_bytes(b)
}
