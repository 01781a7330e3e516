//! Fuzz target: the plain-text readers (OneTab, URL lists, Opera hotlists) never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nacre::formats::{Format, ReadOptions, read_format};

fuzz_target!(|data: &[u8]| {
    for format in [Format::OneTab, Format::UrlList, Format::OperaHotlist] {
        let _ = read_format(format, data, "fuzz", &ReadOptions::default());
    }
});
