//! The receipt object of a receipt package.
#![no_main]

use infoflyt::fuzzing::receipt;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| receipt(data));
