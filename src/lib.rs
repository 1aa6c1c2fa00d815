//! INFOFLYT: an encrypted, need-to-know register of graded documents for the Norwegian
//! correctional service (see README.md and docs/architecture.md).
//!
//! Dependencies point one way: `cli` → `sitting` → (`casework`, `print`, `transfer`, `retention`) →
//! (`register`, `documents`) → (`authz`, `audit`) → `identity` → (`store`, `crypto`), with
//! `text`, `time`, `vocab` and `i18n` (the messages in bokmål and English) beneath all
//! (tests/shape.rs).
//!
//! The public interface, for the binary, the tests and the benchmarks:
//! - [`sitting::create_store`] makes a store; [`sitting::begin`] unlocks one and does
//!   what every unlock owes (log witness, key rotations and grants), yielding a
//!   [`identity::Session`], the only handle that can read it; [`sitting::end`] closes it;
//! - [`identity::Session::open_document`] is the only way to a document's plaintext, and logs
//!   the use first;
//! - no public item yields a folder key, the unit's keys, the store key or the database
//!   handle:
//!
//! ```
//! // (The paths below exist: what fails in each of the next examples is only the reach.)
//! fn f(s: &infoflyt::identity::Session, _: infoflyt::identity::keyslots::OpenedSlot) {
//!     let _ = (s.user(), s.meta(), infoflyt::authz::folder::Tier::F);
//! }
//! ```
//! ```compile_fail
//! // The database handle is crate-private.
//! fn f(s: &infoflyt::identity::Session) { let _ = s.conn(); }
//! ```
//! ```compile_fail
//! // So are folder keys…
//! fn f(s: &infoflyt::identity::Session) { let _ = s.folder_key(1, infoflyt::authz::folder::Tier::F, 1); }
//! ```
//! ```compile_fail
//! // …the unit's keys…
//! fn f(s: &infoflyt::identity::Session) { let _ = s.unit_keys(); }
//! ```
//! ```compile_fail
//! // …the agreement key and the store key…
//! fn f(s: &infoflyt::identity::Session) { let _ = s.agreement(); let _ = s.store_key(); }
//! ```
//! ```compile_fail
//! // …and the store key inside an opened keyslot.
//! fn f(o: infoflyt::identity::keyslots::OpenedSlot) { let _ = o.store_key(); }
//! ```
//! - [`identity::Session::destroy_folder`] is the one path that destroys a folder
//!   (cryptographic erase, then deletion, recorded); [`identity::Session::sweep`] runs it on
//!   whatever [`retention`]'s rules make due, at every unlock;
//! - [`transfer`] makes, opens and verifies transfer packages and unit cards;
//! - [`cli::run`] is the whole command line.
#![forbid(unsafe_code)]

pub mod audit;
pub mod authz;
pub mod casework;
pub mod cli;
pub mod crypto;
pub mod documents;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod identity;
pub mod integrity;
pub mod print;
pub mod process;
pub mod register;
pub mod retention;
pub mod sitting;
pub mod store;
#[cfg(feature = "bench")]
#[doc(hidden)]
pub mod synthetic;
// Some unit tests build their stores with `synthetic`; the crate's dev-dependency on itself
// turns `bench` on for every test build, and this keeps those tests from silently vanishing
// if it ever does not.
#[cfg(all(test, not(feature = "bench")))]
compile_error!("unit tests need the `bench` feature (the dev-dependency on itself)"); // untranslated: a build error for developers
#[cfg(feature = "test-support")]
#[doc(hidden)]
pub mod test_support;
pub mod text;
pub mod time;
pub mod transfer;
pub mod vocab;

pub use error::{Error, Result};
