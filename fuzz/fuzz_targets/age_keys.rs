//! age recipients and identities (age1…, AGE-SECRET-KEY-1…).
#![no_main]

use infoflyt::fuzzing::age_keys;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| age_keys(data));
