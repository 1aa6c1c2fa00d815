//! Chunked AEAD for document contents of any size (a 300 MB scan is never held whole).
//!
//! The STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015), as `age` uses it, with
//! AES-256-GCM: each document version gets its own content key, HKDF(folder key, random
//! 32-byte salt), so nonces never repeat across documents; chunk i is sealed with nonce
//! (i as 64-bit big-endian ‖ last-chunk flag), so chunks cannot be reordered, dropped or the
//! stream truncated without detection. The associated data binds document id, version,
//! grading and journal number (DESIGN.md §3).

use super::{hkdf, labels, SecretKey};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use zeroize::Zeroizing;

/// Plaintext bytes per chunk.
pub const CHUNK: usize = 1 << 20;
/// Tag bytes added per chunk.
pub const TAG: usize = 16;

/// The key for one document version's contents.
pub struct ContentKey(LessSafeKey);

impl std::fmt::Debug for ContentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ContentKey(..)")
    }
}

/// Why a chunk did not open; coarse on purpose.
#[derive(Debug, PartialEq, Eq)]
pub struct ChunkError;

fn nonce(idx: u64, last: bool) -> Nonce {
    let mut n = [0u8; 12];
    n[3..11].copy_from_slice(&idx.to_be_bytes());
    n[11] = u8::from(last);
    Nonce::assume_unique_for_key(n)
}

impl ContentKey {
    /// Derives the content key of one document version. Crate-private: only a folder key that
    /// has passed its record check (`authz::folder::FolderKey`) may derive one.
    pub(crate) fn derive(folder_key: &SecretKey, salt: &[u8; 32]) -> crate::Result<Self> {
        let k = hkdf(folder_key.expose(), salt, labels::KDF_CONTENT)?;
        // AES_256_GCM takes exactly 32 bytes, which SecretKey always holds.
        #[allow(clippy::expect_used)]
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, k.expose()).expect("32-byte key"));
        Ok(ContentKey(key))
    }

    /// Seals chunk `idx` in place (appends the tag).
    pub fn seal(&self, aad: &[u8], idx: u64, last: bool, buf: &mut Vec<u8>) -> crate::Result<()> {
        self.0
            .seal_in_place_append_tag(nonce(idx, last), Aad::from(aad), buf)
            .map_err(|_| crate::Error::Other(crate::t!("crypto-encryption-failed")))
    }

    /// Opens chunk `idx`.
    pub fn open(
        &self,
        aad: &[u8],
        idx: u64,
        last: bool,
        sealed: Vec<u8>,
    ) -> Result<Zeroizing<Vec<u8>>, ChunkError> {
        let mut buf = Zeroizing::new(sealed);
        let n = self
            .0
            .open_in_place(nonce(idx, last), Aad::from(aad), &mut buf)
            .map_err(|_| ChunkError)?
            .len();
        buf.truncate(n);
        Ok(buf)
    }
}

/// The associated data of every chunk of one document version: its identity (uid, version,
/// grading, journal number) and `metadata`, the caller's encoding of the facts a reader relies
/// on (R5's unverified flag, R26's health flag, R34's date), so none can be changed without
/// the contents failing to open.
pub fn aad(
    uid: &[u8],
    version: i64,
    grading: &str,
    journal_number: &str,
    metadata: &[u8],
) -> Vec<u8> {
    // uid and version have fixed lengths; the rest are length-prefixed.
    let mut a = labels::AAD_DOCUMENT.to_vec();
    a.extend_from_slice(uid);
    a.extend_from_slice(&version.to_be_bytes());
    a.extend_from_slice(&super::encode_fields(
        b"",
        &[grading.as_bytes(), journal_number.as_bytes(), metadata],
    ));
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_bind_position_finality_and_metadata() {
        let fk = SecretKey::generate().unwrap();
        let k = ContentKey::derive(&fk, &[1; 32]).unwrap();
        let a = aad(&[9; 16], 1, "FORTROLIG", "2026/00001", b"m");
        let mut c = b"hello".to_vec();
        k.seal(&a, 0, true, &mut c).unwrap();
        assert_eq!(&k.open(&a, 0, true, c.clone()).unwrap()[..], b"hello");
        assert!(k.open(&a, 1, true, c.clone()).is_err(), "moved chunk");
        assert!(k.open(&a, 0, false, c.clone()).is_err(), "finality flag");
        let b = aad(&[9; 16], 1, "STRENGT_FORTROLIG", "2026/00001", b"m");
        assert!(k.open(&b, 0, true, c.clone()).is_err(), "grading bound");
        let m = aad(&[9; 16], 1, "FORTROLIG", "2026/00001", b"n");
        assert!(k.open(&m, 0, true, c.clone()).is_err(), "metadata bound");
        let other = ContentKey::derive(&fk, &[2; 32]).unwrap();
        assert!(
            other.open(&a, 0, true, c).is_err(),
            "salt gives another key"
        );
    }
}
