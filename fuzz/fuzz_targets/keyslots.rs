//! The keyslots file is read before anything is authenticated: any bytes must give a clean
//! error or a file whose lookups and opens fail cleanly; never a panic or a hang.
#![no_main]

use infoflyt::fuzzing::keyslots;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| keyslots(data));
