//! Any bytes as a package file, to the age header check that runs before its signature holds.
#![no_main]

use infoflyt::fuzzing::age_header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    age_header(data);
});
