//! Ed25519 signatures through ring: officers sign log entries and list changes, units sign
//! packages, receipts and checkpoints.

use super::rand;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use std::fmt;
use zeroize::Zeroizing;

/// An Ed25519 public key.
pub type PublicKey = [u8; 32];
/// An Ed25519 signature.
pub type Signature = [u8; 64];

/// An Ed25519 private key. The 32-byte seed is kept (zeroized on drop) so it can be sealed
/// for storage; ring's key pair holds the expanded form.
pub struct SigningKey {
    seed: Zeroizing<[u8; 32]>,
    pair: Ed25519KeyPair,
}

impl SigningKey {
    /// A fresh key from the OS generator.
    pub fn generate() -> crate::Result<Self> {
        Self::from_seed(Zeroizing::new(rand::array()?))
    }

    /// Rebuilds a key from its stored seed.
    pub fn from_seed(seed: Zeroizing<[u8; 32]>) -> crate::Result<Self> {
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed[..])
            .map_err(|_| crate::Error::Integrity(crate::t!("crypto-signing-key-malformed")))?;
        Ok(SigningKey { seed, pair })
    }

    /// The seed, for sealing under a key-encryption key.
    pub(crate) fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        let mut p = [0u8; 32];
        p.copy_from_slice(self.pair.public_key().as_ref());
        p
    }

    /// Signs a message.
    pub fn sign(&self, msg: &[u8]) -> Signature {
        let mut s = [0u8; 64];
        s.copy_from_slice(self.pair.sign(msg).as_ref());
        s
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey(public={})", super::hex(&self.public()))
    }
}

/// Verifies an Ed25519 signature.
pub fn verify(public: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    UnparsedPublicKey::new(&ED25519, public)
        .verify(msg, sig)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_reject_forgeries() {
        let k = SigningKey::generate().unwrap();
        let s = k.sign(b"entry");
        assert!(verify(&k.public(), b"entry", &s));
        assert!(!verify(&k.public(), b"entrz", &s));
        let again = SigningKey::from_seed(Zeroizing::new(*k.seed())).unwrap();
        assert_eq!(again.public(), k.public());
    }
}
