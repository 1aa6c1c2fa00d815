//! Unit cards from another unit (trusted only by their fingerprint).
#![no_main]

use infoflyt::fuzzing::unit_card;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unit_card(data));
