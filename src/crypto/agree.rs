//! X25519 agreement keys (x25519-dalek, as the `age` crate uses) and sealing secrets to a
//! recipient's public key: unit keys one at a time ([`wrap`]), folder keys in batches
//! ([`BatchSealer`]), one agreement per batch of wraps to the same recipient (DESIGN.md §3).
//!
//! Single wrap = ephemeral-static X25519, HKDF-SHA256 over (shared secret, ephemeral public,
//! recipient public, purpose), AES-256-GCM. A batch derives one key the same way and seals
//! each member with AES-256-GCM under it, with associated data naming the member (folder,
//! tier, version, recipient), so a sealed key cannot be moved to another place in the batch
//! or to another batch. Contributory behaviour is checked, so a low-order public key planted
//! in the database cannot force a known key.

use super::{aead, hkdf, labels, rand, SecretKey};
use std::fmt;
use x25519_dalek::{PublicKey as XPublic, StaticSecret};
use zeroize::Zeroizing;

/// An X25519 public key.
pub type PublicKey = [u8; 32];

/// An X25519 private key (zeroized on drop by x25519-dalek), with its public half computed
/// once: opening a batch binds the recipient's public key, and deriving it again was a
/// base-point multiplication per folder key opened.
pub struct AgreementKey(StaticSecret, PublicKey);

/// Why unwrapping failed; coarse on purpose.
#[derive(Debug, PartialEq, Eq)]
pub struct UnwrapError;

impl AgreementKey {
    /// A fresh key.
    pub fn generate() -> crate::Result<Self> {
        let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(rand::array()?);
        Ok(Self::from_bytes(bytes))
    }

    /// Rebuilds from stored bytes.
    pub(crate) fn from_bytes(bytes: Zeroizing<[u8; 32]>) -> Self {
        let secret = StaticSecret::from(*bytes);
        let public = XPublic::from(&secret).to_bytes();
        AgreementKey(secret, public)
    }

    /// The secret bytes, for sealing under a key-encryption key.
    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        self.1
    }

    /// A key only this key's holder can derive, for MACs over their own state (pins).
    pub(crate) fn state_key(&self) -> crate::Result<SecretKey> {
        hkdf(&self.0.to_bytes(), b"infoflyt", labels::KDF_USER_STATE)
    }

    fn shared(&self, eph_pub: &PublicKey) -> Result<Zeroizing<[u8; 32]>, UnwrapError> {
        let shared = self.0.diffie_hellman(&XPublic::from(*eph_pub));
        if !shared.was_contributory() {
            return Err(UnwrapError);
        }
        Ok(Zeroizing::new(*shared.as_bytes()))
    }

    /// Opens a value sealed to this key by [`wrap`] with the same `purpose`.
    pub(crate) fn open_wrapped(
        &self,
        purpose: &[u8],
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, UnwrapError> {
        if wrapped.len() < 32 + aead::OVERHEAD {
            return Err(UnwrapError);
        }
        let (eph, sealed) = wrapped.split_at(32);
        let eph_pub: PublicKey = eph.try_into().map_err(|_| UnwrapError)?;
        let shared = self.shared(&eph_pub)?;
        let key = wrap_key(&shared, &eph_pub, &self.public(), purpose).map_err(|_| UnwrapError)?;
        aead::open(&key, purpose, sealed).map_err(|_| UnwrapError)
    }

    /// The key of a batch sealed to this key, from the batch's ephemeral public key.
    pub(crate) fn open_batch(&self, ephemeral: &[u8]) -> Result<BatchKey, UnwrapError> {
        let eph_pub: PublicKey = ephemeral.try_into().map_err(|_| UnwrapError)?;
        let shared = self.shared(&eph_pub)?;
        batch_key(&shared, &eph_pub, &self.public())
            .map(BatchKey)
            .map_err(|_| UnwrapError)
    }
}

impl fmt::Debug for AgreementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AgreementKey(public={})", super::hex(&self.public()))
    }
}

fn salt(eph: &PublicKey, recipient: &PublicKey) -> [u8; 64] {
    let mut s = [0u8; 64];
    s[..32].copy_from_slice(eph);
    s[32..].copy_from_slice(recipient);
    s
}

fn wrap_key(
    shared: &[u8; 32],
    eph: &PublicKey,
    recipient: &PublicKey,
    purpose: &[u8],
) -> crate::Result<SecretKey> {
    let mut info = labels::KDF_WRAP.to_vec();
    info.extend_from_slice(purpose);
    hkdf(shared, &salt(eph, recipient), &info)
}

fn batch_key(
    shared: &[u8; 32],
    eph: &PublicKey,
    recipient: &PublicKey,
) -> crate::Result<SecretKey> {
    hkdf(shared, &salt(eph, recipient), labels::KDF_BATCH)
}

fn agree_to(recipient: &PublicKey) -> crate::Result<(PublicKey, Zeroizing<[u8; 32]>)> {
    let eph = AgreementKey::generate()?;
    let shared = eph.0.diffie_hellman(&XPublic::from(*recipient));
    if !shared.was_contributory() {
        return Err(crate::Error::Integrity(crate::t!(
            "crypto-public-key-low-order"
        )));
    }
    Ok((eph.public(), Zeroizing::new(*shared.as_bytes())))
}

/// Seals `secret` so only the holder of `recipient`'s private key can open it.
/// `purpose` is bound in, so a wrap cannot be moved to another use.
pub(crate) fn wrap(recipient: &PublicKey, purpose: &[u8], secret: &[u8]) -> crate::Result<Vec<u8>> {
    let (eph_pub, shared) = agree_to(recipient)?;
    let key = wrap_key(&shared, &eph_pub, recipient, purpose)?;
    let mut out = eph_pub.to_vec();
    out.extend_from_slice(&aead::seal(&key, purpose, secret)?);
    Ok(out)
}

/// The key of one batch, on the sending side: made once per recipient, then seals any number
/// of secrets to them. Its ephemeral public key is stored with the batch.
#[derive(Debug)]
pub(crate) struct BatchSealer {
    /// The batch's ephemeral public key.
    pub(crate) ephemeral: PublicKey,
    key: SecretKey,
}

impl BatchSealer {
    /// A new batch to `recipient` (one X25519 agreement).
    pub(crate) fn new(recipient: &PublicKey) -> crate::Result<Self> {
        let (ephemeral, shared) = agree_to(recipient)?;
        Ok(BatchSealer {
            ephemeral,
            key: batch_key(&shared, &ephemeral, recipient)?,
        })
    }

    /// Seals one member, bound to `aad` (which names it).
    pub(crate) fn seal(&self, aad: &[u8], secret: &[u8]) -> crate::Result<Vec<u8>> {
        aead::seal(&self.key, aad, secret)
    }
}

/// The key of one batch, on the receiving side.
#[derive(Clone)]
pub(crate) struct BatchKey(SecretKey);

impl BatchKey {
    /// Opens one member sealed with `aad`.
    pub(crate) fn open(
        &self,
        aad: &[u8],
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, UnwrapError> {
        aead::open(&self.0, aad, sealed).map_err(|_| UnwrapError)
    }
}

impl fmt::Debug for BatchKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BatchKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_opens_only_for_the_recipient_and_purpose() {
        let alice = AgreementKey::generate().unwrap();
        let mallory = AgreementKey::generate().unwrap();
        let w = wrap(&alice.public(), b"folder-key:1", b"k").unwrap();
        assert_eq!(&alice.open_wrapped(b"folder-key:1", &w).unwrap()[..], b"k");
        assert!(mallory.open_wrapped(b"folder-key:1", &w).is_err());
        assert!(alice.open_wrapped(b"folder-key:2", &w).is_err());
    }

    #[test]
    fn batch_members_open_only_for_the_recipient_and_their_own_aad() {
        let alice = AgreementKey::generate().unwrap();
        let mallory = AgreementKey::generate().unwrap();
        let b = BatchSealer::new(&alice.public()).unwrap();
        let one = b.seal(b"member 1", b"k1").unwrap();
        let two = b.seal(b"member 2", b"k2").unwrap();
        let k = alice.open_batch(&b.ephemeral).unwrap();
        assert_eq!(&k.open(b"member 1", &one).unwrap()[..], b"k1");
        assert_eq!(&k.open(b"member 2", &two).unwrap()[..], b"k2");
        assert!(k.open(b"member 2", &one).is_err(), "moved within the batch");
        let m = mallory.open_batch(&b.ephemeral).unwrap();
        assert!(m.open(b"member 1", &one).is_err(), "another recipient");
    }

    #[test]
    fn low_order_recipient_is_refused() {
        assert!(wrap(&[0u8; 32], b"p", b"k").is_err());
        assert!(BatchSealer::new(&[0u8; 32]).is_err());
        let alice = AgreementKey::generate().unwrap();
        assert!(alice.open_batch(&[0u8; 32]).is_err());
    }
}
