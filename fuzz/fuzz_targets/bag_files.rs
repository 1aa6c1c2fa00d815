//! The tag files of a package's bag: bagit.txt, bag-info, manifests, inner signatures.
#![no_main]

use infoflyt::fuzzing::bag_files;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| bag_files(data));
