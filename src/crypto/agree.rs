//! X25519 agreement keys (x25519-dalek, as the `age` crate uses) and sealing a secret to a
//! recipient's public key: the folder keys and unit keys are wrapped this way (DESIGN.md §3).
//!
//! Wrap = ephemeral-static X25519, HKDF-SHA256 over (shared secret, ephemeral public,
//! recipient public, purpose), AES-256-GCM. Contributory behaviour is checked, so a
//! low-order public key planted in the database cannot force a known key.

use super::{aead, hkdf, rand, SecretKey};
use std::fmt;
use x25519_dalek::{PublicKey as XPublic, StaticSecret};
use zeroize::Zeroizing;

/// An X25519 public key.
pub type PublicKey = [u8; 32];

/// An X25519 private key (zeroized on drop by x25519-dalek).
pub struct AgreementKey(StaticSecret);

/// Why unwrapping failed; coarse on purpose.
#[derive(Debug, PartialEq, Eq)]
pub struct UnwrapError;

impl AgreementKey {
    /// A fresh key.
    pub fn generate() -> crate::Result<Self> {
        let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(rand::array()?);
        Ok(AgreementKey(StaticSecret::from(*bytes)))
    }

    /// Rebuilds from stored bytes.
    pub fn from_bytes(bytes: Zeroizing<[u8; 32]>) -> Self {
        AgreementKey(StaticSecret::from(*bytes))
    }

    /// The secret bytes, for sealing under a key-encryption key.
    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        XPublic::from(&self.0).to_bytes()
    }

    /// Opens a value sealed to this key by [`wrap`] with the same `purpose`.
    pub fn unwrap(
        &self,
        purpose: &[u8],
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, UnwrapError> {
        if wrapped.len() < 32 + aead::OVERHEAD {
            return Err(UnwrapError);
        }
        let (eph, sealed) = wrapped.split_at(32);
        let mut eph_pub = [0u8; 32];
        eph_pub.copy_from_slice(eph);
        let shared = self.0.diffie_hellman(&XPublic::from(eph_pub));
        if !shared.was_contributory() {
            return Err(UnwrapError);
        }
        let key = wrap_key(shared.as_bytes(), &eph_pub, &self.public(), purpose)
            .map_err(|_| UnwrapError)?;
        aead::open(&key, purpose, sealed).map_err(|_| UnwrapError)
    }
}

impl fmt::Debug for AgreementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AgreementKey(public={})", super::hex(&self.public()))
    }
}

fn wrap_key(
    shared: &[u8; 32],
    eph: &PublicKey,
    recipient: &PublicKey,
    purpose: &[u8],
) -> crate::Result<SecretKey> {
    let mut salt = Vec::with_capacity(64);
    salt.extend_from_slice(eph);
    salt.extend_from_slice(recipient);
    let mut info = b"infoflyt wrap v1 ".to_vec();
    info.extend_from_slice(purpose);
    hkdf(shared, &salt, &info)
}

/// Seals `secret` so only the holder of `recipient`'s private key can open it.
/// `purpose` is bound in (e.g. `folder-key:17:3`), so a wrap cannot be moved to another use.
pub fn wrap(recipient: &PublicKey, purpose: &[u8], secret: &[u8]) -> crate::Result<Vec<u8>> {
    let eph = AgreementKey::generate()?;
    let eph_pub = eph.public();
    let shared = eph.0.diffie_hellman(&XPublic::from(*recipient));
    if !shared.was_contributory() {
        return Err(crate::Error::Integrity(
            "a recipient's public key is invalid (low order); the key record is damaged".into(),
        ));
    }
    let key = wrap_key(shared.as_bytes(), &eph_pub, recipient, purpose)?;
    let mut out = eph_pub.to_vec();
    out.extend_from_slice(&aead::seal(&key, purpose, secret)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_opens_only_for_the_recipient_and_purpose() {
        let alice = AgreementKey::generate().unwrap();
        let mallory = AgreementKey::generate().unwrap();
        let w = wrap(&alice.public(), b"folder-key:1", b"k").unwrap();
        assert_eq!(&alice.unwrap(b"folder-key:1", &w).unwrap()[..], b"k");
        assert!(mallory.unwrap(b"folder-key:1", &w).is_err());
        assert!(alice.unwrap(b"folder-key:2", &w).is_err());
    }

    #[test]
    fn low_order_recipient_is_refused() {
        assert!(wrap(&[0u8; 32], b"p", b"k").is_err());
    }
}
