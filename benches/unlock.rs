//! Placeholder replaced by the unlock benchmark.
fn main() {}
