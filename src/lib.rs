//! INFOFLYT: an encrypted, need-to-know register of graded documents for the Norwegian
//! correctional service (see README.md and ../shared/DESIGN.md).
//!
//! Dependencies point one way (DESIGN.md §2): `cli` → (`register`, `documents`) → (`authz`,
//! `audit`) → `identity` → (`store`, `crypto`).
//!
//! The public interface, for the binary, the tests and the benchmarks:
//! - [`identity::setup::create_store`] makes a store; [`identity::unlock`] opens one and
//!   yields a [`identity::Session`], the only handle that can read it;
//! - [`crypto`] holds the primitives and the secret types;
//! - [`transfer`] makes, opens and verifies transfer packages and unit cards (no database);
//! - [`cli::run`] is the whole command line.
#![forbid(unsafe_code)]

pub mod audit;
pub mod authz;
pub mod cli;
pub mod crypto;
pub mod documents;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod identity;
pub mod integrity;
#[doc(hidden)]
pub mod populate;
pub mod process;
pub mod progress;
pub mod register;
pub mod store;
pub mod text;
pub mod time;
pub mod transfer;

pub use error::{Error, Result};
