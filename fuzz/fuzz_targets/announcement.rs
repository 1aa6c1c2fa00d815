//! A log entry's detail is read for key announcements: any text must give none or one in
//! the stored form of a list, never a panic.
#![no_main]

use infoflyt::fuzzing::announcement;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| announcement(data));
