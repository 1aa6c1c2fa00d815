//! A decrypted package archive, through all of pass 1.
#![no_main]

use infoflyt::fuzzing::package_archive;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    package_archive(data);
});
