//! Casework records from packages (decisions and reviews) and the casework vocabularies.
#![no_main]

use infoflyt::fuzzing::casework;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| casework(data));
