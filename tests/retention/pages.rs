//! What an insider holding the store key reads in the store's files: every page of the
//! database and every frame of its write-ahead log, decrypted with that key, free pages and
//! stale frames included (SQLite itself would show only the live rows).
//!
//! SQLCipher 4 with a raw key: 4096-byte pages, each AES-256-CBC under the key itself, with
//! 80 reserved bytes at its end (a 16-byte IV, then a 64-byte HMAC); page 1 starts with the
//! file's 16-byte salt, which is not encrypted. A WAL file is a 32-byte header, then frames
//! of a 24-byte header and one page each.

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, KeyInit};
use aes::Aes256;

const PAGE: usize = 4096;
const RESERVE: usize = 80;

/// One page decrypted (page 1: after its salt).
fn decrypt_page(cipher: &Aes256, page: &[u8], first: bool) -> Vec<u8> {
    let start = if first { 16 } else { 0 };
    let end = PAGE - RESERVE;
    let mut prev: [u8; 16] = page[end..end + 16].try_into().unwrap();
    let mut out = Vec::with_capacity(end - start);
    for block in page[start..end].chunks(16) {
        let mut b = GenericArray::clone_from_slice(block);
        cipher.decrypt_block(&mut b);
        for (i, x) in b.iter_mut().enumerate() {
            *x ^= prev[i];
        }
        prev.copy_from_slice(block);
        out.extend_from_slice(&b);
    }
    out
}

/// The decrypted contents of every page of `db` and every frame of `wal` (if any), one after
/// another. Checks that page 1 decrypts to an SQLite header (page size 4096), so a wrong key
/// or format fails loudly instead of finding nothing.
pub(crate) fn decrypted(db: &[u8], wal: &[u8], key: &[u8; 32]) -> Vec<u8> {
    let cipher = Aes256::new(GenericArray::from_slice(key));
    assert!(
        db.len() >= PAGE && db.len().is_multiple_of(PAGE),
        "not a database of whole pages"
    );
    let mut out = Vec::new();
    for (i, page) in db.chunks(PAGE).enumerate() {
        let plain = decrypt_page(&cipher, page, i == 0);
        if i == 0 {
            // Bytes 16–17 of the SQLite header: the page size, big-endian.
            assert_eq!(&plain[..2], &[0x10, 0x00], "page 1 does not decrypt");
        }
        out.extend_from_slice(&plain);
    }
    if wal.len() > 32 {
        for frame in wal[32..].chunks(24 + PAGE) {
            if frame.len() < 24 + PAGE {
                break;
            }
            let number = u32::from_be_bytes(frame[..4].try_into().unwrap());
            out.extend_from_slice(&decrypt_page(&cipher, &frame[24..], number == 1));
        }
    }
    out
}
