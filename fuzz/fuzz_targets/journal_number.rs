//! Journal numbers come from the command line and, later, from packages.
#![no_main]

use infoflyt::fuzzing::journal_number;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| journal_number(data));
