//! The logged passphrase change: identity changes the keyslot and sealed keys, and the use
//! log records that it happened (never the passphrase), in the transaction that retires the
//! old secrets.

use super::{append, Act};
use crate::crypto::Passphrase;
use crate::identity::Session;
use crate::Result;

impl Session {
    /// Changes this user's passphrase and logs that it happened.
    pub fn change_own_passphrase(&mut self, new: &Passphrase) -> Result<()> {
        self.change_passphrase_with(new, |tx, acting| {
            append(tx, acting, &Act::new("passwd")).map(|_| ())
        })
    }
}
