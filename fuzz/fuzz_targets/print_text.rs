//! A document's text laid out for print (doc print).
#![no_main]

use infoflyt::fuzzing::print_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| print_text(data));
