//! Archive entry names inside a package.
#![no_main]

use infoflyt::fuzzing::entry_names;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| entry_names(data));
