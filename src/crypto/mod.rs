//! All cryptography of the register, and nothing else (DESIGN.md §2, §3).
//!
//! Secret material lives in types that zeroize on drop and never print their bytes
//! (STYLE 2). Public keys are plain byte arrays: the only way from a secret to its public half
//! is a method on the secret type.

pub mod aead;
pub mod agree;
pub mod hash;
pub mod kdf;
pub(crate) mod labels;
pub(crate) mod mac;
pub mod rand;
pub mod sign;
pub mod stream;

use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A 256-bit symmetric secret: the store key, a key-encryption key, a folder key.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretKey([u8; 32]);

impl SecretKey {
    /// A fresh random key.
    pub fn generate() -> crate::Result<Self> {
        Ok(SecretKey(rand::array()?))
    }

    /// Wraps bytes that already are a key (read back from a decrypted keyslot).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SecretKey(bytes)
    }

    /// Takes a key from a decrypted buffer, which must hold exactly 32 bytes.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(SecretKey(arr))
    }

    /// The raw bytes, for handing to a primitive. Callers must not copy them into a
    /// non-zeroizing buffer.
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as lowercase hex, in a zeroizing string (for SQLCipher's `PRAGMA key`).
    pub(crate) fn to_hex(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(64));
        for b in self.0 {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        s
    }

    /// Derives an independent subkey for one purpose (HKDF-SHA256, RFC 5869).
    pub fn derive(&self, info: &[u8]) -> crate::Result<SecretKey> {
        hkdf(self.expose(), b"infoflyt", info)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// Compares two secrets (or MACs) in constant time.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// A passphrase as typed by a person. Never logged, never in argv or the environment.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase already read into a zeroizing buffer.
    pub fn new(s: Zeroizing<String>) -> Self {
        Passphrase(s)
    }

    /// The bytes, for the KDF only.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Length in characters (for the minimum-length rule).
    pub fn char_len(&self) -> usize {
        self.0.chars().count()
    }
}

impl From<&str> for Passphrase {
    fn from(s: &str) -> Self {
        Passphrase(Zeroizing::new(s.to_owned()))
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of public bytes (ids, public keys, hashes).
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// Parses lowercase or uppercase hex; `None` on any bad character or odd length.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    fn nib(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks_exact(2)
        .map(|p| Some(nib(p[0])? << 4 | nib(p[1])?))
        .collect()
}

/// An unambiguous encoding of several fields for signing, hashing or binding as associated
/// data: a domain label, then each field as its 64-bit big-endian length and its bytes, so no
/// two different field lists encode the same.
pub fn encode_fields(label: &[u8], fields: &[&[u8]]) -> Vec<u8> {
    let mut m = Vec::with_capacity(label.len() + fields.iter().map(|f| f.len() + 8).sum::<usize>());
    m.extend_from_slice(label);
    for f in fields {
        m.extend_from_slice(&(f.len() as u64).to_be_bytes());
        m.extend_from_slice(f);
    }
    m
}

/// SHA-256 of a byte string.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let d = ring::digest::digest(&ring::digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// HKDF-SHA256 extract-and-expand to one 256-bit key.
pub(crate) fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> crate::Result<SecretKey> {
    use ring::hkdf::{Salt, HKDF_SHA256};
    let prk = Salt::new(HKDF_SHA256, salt).extract(ikm);
    let info = [info];
    let okm = prk
        .expand(&info, HKDF_SHA256)
        .map_err(|_| crate::Error::Other(crate::t!("crypto-key-derivation-failed")))?;
    let mut out = [0u8; 32];
    okm.fill(&mut out)
        .map_err(|_| crate::Error::Other(crate::t!("crypto-key-derivation-failed")))?;
    let key = SecretKey(out);
    out.zeroize();
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_bad_input() {
        assert_eq!(
            unhex(&hex(&[0, 1, 0xab, 0xff])).unwrap(),
            vec![0, 1, 0xab, 0xff]
        );
        assert!(unhex("abc").is_none());
        assert!(unhex("zz").is_none());
        let k = SecretKey::from_bytes([0x5a; 32]);
        assert_eq!(k.to_hex().as_str(), hex(&[0x5a; 32]));
    }

    #[test]
    fn secrets_do_not_print_their_bytes() {
        let k = SecretKey::from_bytes([0x41; 32]);
        assert_eq!(format!("{k:?}"), "SecretKey(..)");
        assert_eq!(
            format!("{:?}", Passphrase::from("hunter2")),
            "Passphrase(..)"
        );
    }

    #[test]
    fn derived_subkeys_differ_by_purpose() {
        let k = SecretKey::from_bytes([7; 32]);
        let a = k.derive(b"a").unwrap();
        let b = k.derive(b"b").unwrap();
        assert!(!ct_eq(a.expose(), b.expose()));
        assert!(ct_eq(a.expose(), k.derive(b"a").unwrap().expose()));
    }
}
