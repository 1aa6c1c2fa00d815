//! The trusted comment of a package's outer signature.
#![no_main]

use infoflyt::fuzzing::trusted_comment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| trusted_comment(data));
