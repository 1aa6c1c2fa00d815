//! The integration tests, one module per file, in one binary.
//!
//! Why one binary: each test binary links SQLCipher and OpenSSL, and `cargo test` runs the
//! binaries one after the other, so the long last test of one file held a core idle while
//! the other waited. Here every test of every file shares one pool of test threads.
//! `tests/query_plans.rs` stays apart (see Cargo.toml). Run one file's tests with
//! `cargo test --test suite retention::`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
// Helpers shared by several files, loaded once.
#[path = "packages/chain.rs"]
mod chain;
#[path = "package_format/craft.rs"]
mod craft;

mod attacks;
mod attacks_insider;
mod casework;
mod claims;
mod cli_snapshots;
mod crash;
mod foundation;
mod fuzz_smoke;
mod i18n;
mod log_verify;
mod log_verify_attacks;
mod need_to_know;
mod officer_day;
mod package_attacks;
mod package_claims;
mod package_crash;
mod package_format;
mod packages;
mod print;
mod readme_tour;
mod register;
mod register_upkeep;
mod retention;
mod shape;
mod shell;
mod vectors;
