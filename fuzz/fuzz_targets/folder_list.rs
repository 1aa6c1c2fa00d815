//! A folder's stored list is read back from the database: any bytes must be refused or
//! accepted in exactly the form the program writes.
#![no_main]

use infoflyt::fuzzing::folder_list;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| folder_list(data));
