//! Log checkpoint files (log verify --checkpoint) and checkpoints in packages.
#![no_main]

use infoflyt::fuzzing::checkpoint;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checkpoint(data));
