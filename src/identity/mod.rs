//! Who is acting: accounts, keyslots, unlock, and the authenticated [`Session`].
//!
//! The only way to read the store is through a `Session`, and the only way to get one is
//! [`unlock`] with a personal passphrase (or [`setup::create_store`], which makes the first
//! admin). A locked store is a directory of ciphertext; nothing in this crate can query it.

pub mod account;
mod deferred;
pub mod enrol;
pub mod keyslots;
pub mod passphrase;
pub mod session;
pub mod setup;
mod standing;
pub mod succession;
pub mod unit;

pub use account::{Account, Clearance, Level, Role, Status};
pub use session::{unlock, Acting, Session, StoreMeta};
