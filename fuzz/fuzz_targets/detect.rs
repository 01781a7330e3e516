//! Fuzz target: detection plus whichever reader it picks (places.sqlite excepted: each run
//! would write a file) never panics, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nacre::formats::{Format, ReadOptions, detect, read_format};

fuzz_target!(|data: &[u8]| {
    if let Some(format) = detect(data)
        && format != Format::FirefoxPlaces
    {
        let _ = read_format(format, data, "fuzz", &ReadOptions::default());
    }
});
