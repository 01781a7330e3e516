//! Fuzz target: Nacre's native messaging host, over the framing and the messages. Whatever the
//! bytes, it never panics, answers each frame with one well-formed reply under the 1 MB a
//! browser takes, and stops cleanly. Bytes that start with a valid frame of JSON are common
//! enough (the seed corpus has some) for the messages themselves to be reached.
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use nacre_host::Library;
use nacre_host::framing::MAX_REPLY;

fn library() -> &'static Mutex<Library> {
    static LIBRARY: OnceLock<Mutex<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("nacre-fuzz-host-{}", std::process::id()));
        Mutex::new(Library::at(dir.join("library.sqlite")))
    })
}

fuzz_target!(|data: &[u8]| {
    let mut library = library().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut output = Vec::new();
    nacre_host::serve(&mut &data[..], &mut output, &mut library, "fuzz").expect("in-memory streams do not fail");
    let mut rest = output.as_slice();
    while !rest.is_empty() {
        let len = u32::from_le_bytes(rest[..4].try_into().expect("a whole length")) as usize;
        assert!(len <= MAX_REPLY, "a reply of {len} bytes");
        let reply: serde_json::Value = serde_json::from_slice(&rest[4..4 + len]).expect("a JSON reply");
        assert!(reply["ok"].is_boolean(), "{reply}");
        rest = &rest[4 + len..];
    }
});
