//! person find queries and the folding of names.
#![no_main]

use infoflyt::fuzzing::person_query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| person_query(data));
