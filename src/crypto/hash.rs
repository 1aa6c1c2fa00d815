//! Streaming hashes, for contents too large to hold in memory: SHA-256 (the BagIt manifests of
//! transfer packages) through ring, and BLAKE2b-512 (minisign's prehash of a whole package
//! file) through `blake2b_simd`, since ring does not offer it. RustCrypto's `blake2` (already
//! in the tree through argon2) hashed at two thirds of the speed here, and BLAKE2b set the
//! pace of sealing and opening a large package (docs/dependencies.md).
//!
//! Both take bytes in any number of pieces and give the same digest as hashing them at once.

use std::fmt;

/// SHA-256 over bytes given in pieces.
#[derive(Clone)]
pub struct Sha256(ring::digest::Context);

impl Sha256 {
    /// A fresh hash.
    pub fn new() -> Self {
        Sha256(ring::digest::Context::new(&ring::digest::SHA256))
    }

    /// Adds bytes.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The digest of everything added.
    pub fn finish(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(self.0.finish().as_ref());
        out
    }
}

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sha256(..)")
    }
}

/// BLAKE2b with a 512-bit output and no key (RFC 7693), as libsodium's
/// `crypto_generichash` with `crypto_generichash_BYTES_MAX`, which minisign uses to prehash.
#[derive(Clone)]
pub struct Blake2b512(blake2b_simd::State);

impl Blake2b512 {
    /// A fresh hash (the default parameters are the unkeyed 64-byte BLAKE2b).
    pub fn new() -> Self {
        Blake2b512(blake2b_simd::State::new())
    }

    /// Adds bytes.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The digest of everything added.
    pub fn finish(self) -> [u8; 64] {
        *self.0.finalize().as_array()
    }
}

impl Default for Blake2b512 {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Blake2b512 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blake2b512(..)")
    }
}

/// BLAKE2b-512 of a byte string.
pub fn blake2b512(data: &[u8]) -> [u8; 64] {
    let mut h = Blake2b512::new();
    h.update(data);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::hex;

    #[test]
    fn blake2b512_matches_the_rfc_7693_vector() {
        // RFC 7693, Appendix A: BLAKE2b-512("abc").
        assert_eq!(
            hex(&blake2b512(b"abc")),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
             7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        );
    }

    #[test]
    fn pieces_hash_like_the_whole() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let mut s = Sha256::new();
        let mut b = Blake2b512::new();
        for piece in data.chunks(777) {
            s.update(piece);
            b.update(piece);
        }
        assert_eq!(s.finish(), crate::crypto::sha256(&data));
        assert_eq!(b.finish(), blake2b512(&data));
    }
}
