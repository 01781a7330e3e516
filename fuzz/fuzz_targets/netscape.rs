//! Fuzz target: the netscape reader never panics, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nacre::formats::{Format, ReadOptions, read_format};

fuzz_target!(|data: &[u8]| {
    let _ = read_format(Format::NetscapeHtml, data, "fuzz", &ReadOptions::default());
});
