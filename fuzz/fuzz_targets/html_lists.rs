//! Fuzz target: Pocket's and Instapaper's HTML list readers never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nacre::formats::{Format, ReadOptions, read_format};

fuzz_target!(|data: &[u8]| {
    for format in [Format::PocketHtml, Format::InstapaperHtml] {
        let _ = read_format(format, data, "fuzz", &ReadOptions::default());
    }
});
