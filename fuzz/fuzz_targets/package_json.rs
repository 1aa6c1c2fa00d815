//! A package's contents list, data/package.json (after the signatures, still hostile).
#![no_main]

use infoflyt::fuzzing::package_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| package_json(data));
