//! AES-256-GCM through ring, for small sealed values: keyslots, wrapped keys, private keys.
//!
//! Nonces are 96 random bits. Every key sealed here protects at most a few thousand
//! messages over its life, far below the 2^32 bound for random GCM nonces (NIST SP 800-38D
//! §8.3). Bulk document contents use the chunked stream construction instead.

use super::{rand, SecretKey};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use zeroize::Zeroizing;

/// Overhead added by [`seal`]: nonce and tag.
pub const OVERHEAD: usize = NONCE_LEN + 16;

/// Why opening failed. Deliberately carries no detail (no decryption oracle).
#[derive(Debug, PartialEq, Eq)]
pub struct OpenError;

fn key(k: &SecretKey) -> LessSafeKey {
    // AES_256_GCM takes exactly 32 bytes, which SecretKey always holds.
    #[allow(clippy::expect_used)]
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, k.expose()).expect("32-byte key"))
}

/// Seals `plaintext`, bound to `aad`. Output: nonce ‖ ciphertext ‖ tag.
pub fn seal(k: &SecretKey, aad: &[u8], plaintext: &[u8]) -> crate::Result<Vec<u8>> {
    let nonce: [u8; NONCE_LEN] = rand::array()?;
    let mut out = Vec::with_capacity(plaintext.len() + OVERHEAD);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plaintext);
    let mut body = out.split_off(NONCE_LEN);
    key(k)
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut body,
        )
        .map_err(|_| crate::Error::Other(crate::t!("crypto-encryption-failed")))?;
    out.extend_from_slice(&body);
    Ok(out)
}

/// Opens what [`seal`] produced with the same key and `aad`.
pub fn open(k: &SecretKey, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if sealed.len() < OVERHEAD {
        return Err(OpenError);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| OpenError)?;
    let mut buf = Zeroizing::new(body.to_vec());
    let len = key(k)
        .open_in_place(nonce, Aad::from(aad), &mut buf)
        .map_err(|_| OpenError)?
        .len();
    buf.truncate(len);
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip() {
        let k = SecretKey::generate().unwrap();
        let s = seal(&k, b"aad", b"secret").unwrap();
        assert_eq!(&open(&k, b"aad", &s).unwrap()[..], b"secret");
    }

    #[test]
    fn every_flipped_bit_is_detected() {
        let k = SecretKey::generate().unwrap();
        let s = seal(&k, b"aad", b"secret").unwrap();
        for i in 0..s.len() * 8 {
            let mut t = s.clone();
            t[i / 8] ^= 1 << (i % 8);
            assert_eq!(open(&k, b"aad", &t), Err(OpenError), "bit {i}");
        }
        assert_eq!(open(&k, b"other", &s), Err(OpenError));
        assert_eq!(open(&k, b"aad", &s[..s.len() - 1]), Err(OpenError));
    }
}
