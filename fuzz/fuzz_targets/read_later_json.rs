//! Fuzz target: the read-later JSON readers (Omnivore, Wallabag, Linkwarden, Karakeep, Pinboard and Delicious) never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nacre::formats::{Format, ReadOptions, read_format};

fuzz_target!(|data: &[u8]| {
    for format in [Format::OmnivoreJson, Format::WallabagJson, Format::LinkwardenJson, Format::KarakeepJson, Format::PinboardJson] {
        let _ = read_format(format, data, "fuzz", &ReadOptions::default());
    }
});
