//! minisign signature and public key files beside a package.
#![no_main]

use infoflyt::fuzzing::minisign;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| minisign(data));
