//! User names, gradings, roles and vocabularies from the command line.
#![no_main]

use infoflyt::fuzzing::names;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| names(data));
