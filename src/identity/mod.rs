//! Who is acting: accounts, keyslots, unlock, and the authenticated [`Session`].
//!
//! The only way to read the store is through a `Session`, and the only way to get one is
//! [`unlock`] with a personal passphrase (or [`setup::create_store`], which makes the first
//! admin). A locked store is a directory of ciphertext; nothing in this crate can query it.

pub mod account;
pub mod accounts;
pub mod keyslots;
pub mod session;
pub mod setup;
pub mod unit;

pub use account::{Account, Clearance, Role, Status};
pub use session::{unlock, Session, StoreMeta};

/// The shortest passphrase accepted when one is set.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Checks a new passphrase against the length rule.
pub fn check_new_passphrase(p: &crate::crypto::Passphrase) -> crate::Result<()> {
    if p.char_len() < MIN_PASSPHRASE_CHARS {
        return Err(crate::Error::Usage(format!(
            "the new passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters \
             (a few unrelated words are easy to remember and hard to guess)"
        )));
    }
    Ok(())
}
