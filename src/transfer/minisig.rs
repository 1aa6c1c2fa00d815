//! minisign's public key and signature files, byte for byte, so that the stock
//! `minisign -Vm F -p unit.pub` checks a package's signature (DESIGN.md §6), and our own
//! verifier, which is stricter than minisign's.
//!
//! Layout (minisign 0.11, `src/minisign.h` and `minisign.c`; base64 is standard with padding):
//!
//! ```text
//! public key file:  untrusted comment: minisign public key <KEYID>\n
//!                   base64("Ed" ‖ key id (8) ‖ Ed25519 public key (32))\n
//! signature file:   untrusted comment: <text>\n
//!                   base64("ED" ‖ key id (8) ‖ Ed25519(BLAKE2b-512(file)) (64))\n
//!                   trusted comment: <text>\n
//!                   base64(Ed25519(signature ‖ trusted comment text) (64))\n
//! ```
//!
//! `ED` is minisign's prehashed algorithm: the signature covers the 64-byte BLAKE2b-512 of the
//! file, so a package of any size is hashed as a stream and never held in memory. We sign and
//! accept only `ED`; the legacy `Ed` (the whole file signed) and any other algorithm are
//! refused, and stock `minisign -V -H` (prehashed only) accepts our signatures too.
//!
//! The key id is ours to choose; minisign only compares it. We derive it from the unit's
//! Ed25519 public key: the first 8 bytes of SHA-256("infoflyt minisign key id v1\0" ‖ key).
//! So the id needs no storage, the same unit key always gives the same public key file, and a
//! signature made by another key is turned away before any signature arithmetic. minisign
//! shows the id as the 8 bytes read as a little-endian integer, in upper-case hex.
//!
//! This module must never accept a file that minisign would read differently: each line
//! ends in a single LF, comments hold no control characters but tab, and nothing follows the
//! last line.

use crate::crypto::hash::Blake2b512;
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{ct_eq, sha256};
use crate::{t, Error, Result};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use std::io::Read;

/// Bytes in a key id.
pub const KEY_ID_LEN: usize = 8;
/// The largest signature file we read (minisign's own limits: a 1024-byte untrusted comment
/// line, an 8192-byte trusted comment line, and the two base64 lines).
pub const MAX_SIGNATURE_FILE: usize = 1024 + 101 + 8192 + 89;
/// The largest public key file we read.
pub const MAX_PUBLIC_KEY_FILE: usize = 1024 + 57;

const UNTRUSTED: &str = "untrusted comment: "; // untranslated: minisign file format
const TRUSTED: &str = "trusted comment: "; // untranslated: minisign file format
const ALG_KEY: &[u8; 2] = b"Ed";
const ALG_PREHASHED: &[u8; 2] = b"ED";

fn bad(what: &str, why: &str) -> Error {
    Error::Integrity(t!("minisign-invalid", what = what, why = why))
}

/// A unit's minisign public key: key id and Ed25519 key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    key_id: [u8; KEY_ID_LEN],
    key: sign::PublicKey,
}

/// The key id of an Ed25519 public key (see the module documentation).
pub fn key_id(key: &sign::PublicKey) -> [u8; KEY_ID_LEN] {
    let mut m = b"infoflyt minisign key id v1\0".to_vec(); // untranslated: a hash domain label
    m.extend_from_slice(key);
    let mut id = [0u8; KEY_ID_LEN];
    id.copy_from_slice(&sha256(&m)[..KEY_ID_LEN]);
    id
}

/// The key id as minisign prints it.
fn key_id_display(id: &[u8; KEY_ID_LEN]) -> String {
    format!("{:X}", u64::from_le_bytes(*id))
}

/// Decodes canonical standard base64 of exactly `N` bytes.
fn b64_exact<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != N.div_ceil(3) * 4 {
        return None;
    }
    B64.decode(s).ok()?.try_into().ok()
}

/// Whether a comment is something minisign reads back as we wrote it.
fn is_comment(s: &str, max: usize) -> bool {
    s.len() <= max && !s.chars().any(|c| c.is_control() && c != '\t')
}

impl PublicKey {
    /// The public key of a unit's Ed25519 key, with its derived key id.
    pub fn for_unit(key: &sign::PublicKey) -> PublicKey {
        PublicKey {
            key_id: key_id(key),
            key: *key,
        }
    }

    /// The Ed25519 key.
    pub fn ed25519(&self) -> &sign::PublicKey {
        &self.key
    }

    /// The key id.
    pub fn key_id(&self) -> &[u8; KEY_ID_LEN] {
        &self.key_id
    }

    /// The base64 line, as `minisign -P` takes it.
    pub fn to_base64(&self) -> String {
        let mut raw = ALG_KEY.to_vec();
        raw.extend_from_slice(&self.key_id);
        raw.extend_from_slice(&self.key);
        B64.encode(raw)
    }

    /// The public key file, as `minisign -p` reads it.
    pub fn to_file(&self) -> String {
        format!(
            "{UNTRUSTED}minisign public key {}\n{}\n", // untranslated: minisign file format
            key_id_display(&self.key_id),
            self.to_base64()
        )
    }

    /// Parses the base64 line. Any key id is accepted, as minisign does; a unit card checks
    /// that its key carries the id derived from the key ([`PublicKey::for_unit`]).
    pub fn parse_base64(s: &str) -> Result<PublicKey> {
        let raw: [u8; 42] = b64_exact(s)
            .ok_or_else(|| bad(&t!("minisign-what-public-key"), &t!("minisign-why-base64")))?;
        if &raw[..2] != ALG_KEY {
            return Err(bad(
                &t!("minisign-what-public-key"),
                &t!("minisign-why-algorithm"),
            ));
        }
        let mut key_id = [0u8; KEY_ID_LEN];
        key_id.copy_from_slice(&raw[2..10]);
        let mut key = [0u8; 32];
        key.copy_from_slice(&raw[10..]);
        Ok(PublicKey { key_id, key })
    }

    /// Parses a public key file: an untrusted comment line and the base64 line.
    pub fn parse_file(data: &[u8]) -> Result<PublicKey> {
        let what = t!("minisign-what-public-key");
        if data.len() > MAX_PUBLIC_KEY_FILE {
            return Err(bad(&what, &t!("package-why-too-large")));
        }
        let text =
            std::str::from_utf8(data).map_err(|_| bad(&what, &t!("package-why-not-utf8")))?;
        let lines = split_lines(text, 2).ok_or_else(|| bad(&what, &t!("minisign-why-not-two")))?;
        lines[0]
            .strip_prefix(UNTRUSTED)
            .filter(|c| is_comment(c, 1022 - UNTRUSTED.len()))
            .ok_or_else(|| bad(&what, &t!("minisign-why-comment")))?;
        PublicKey::parse_base64(lines[1])
    }
}

/// Splits text into exactly `n` lines, each ended by one LF, refusing CR anywhere.
fn split_lines(text: &str, n: usize) -> Option<Vec<&str>> {
    let body = text.strip_suffix('\n')?;
    if body.contains('\r') {
        return None;
    }
    let lines: Vec<&str> = body.split('\n').collect();
    (lines.len() == n).then_some(lines)
}

/// A parsed minisign signature (prehashed algorithm only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    untrusted_comment: String,
    key_id: [u8; KEY_ID_LEN],
    signature: sign::Signature,
    trusted_comment: String,
    global_signature: sign::Signature,
}

impl Signature {
    /// Signs the BLAKE2b-512 digest of a file, with a trusted comment (at most
    /// [`super::header::MAX_TRUSTED_COMMENT`] bytes, no control characters but tab).
    pub fn sign_prehashed(
        key: &SigningKey,
        digest: &[u8; 64],
        trusted_comment: &str,
    ) -> Result<Signature> {
        if !is_comment(trusted_comment, super::header::MAX_TRUSTED_COMMENT) {
            return Err(Error::Usage(t!("minisign-comment-unwritable")));
        }
        let public = key.public();
        let key_id = key_id(&public);
        let signature = key.sign(digest);
        let mut global = signature.to_vec();
        global.extend_from_slice(trusted_comment.as_bytes());
        Ok(Signature {
            untrusted_comment: format!(
                "signature from infoflyt unit key {}", // untranslated: minisign untrusted comment
                key_id_display(&key_id)
            ),
            key_id,
            signature,
            trusted_comment: trusted_comment.to_owned(),
            global_signature: key.sign(&global),
        })
    }

    /// The signature file.
    pub fn to_file(&self) -> String {
        let mut sig = ALG_PREHASHED.to_vec();
        sig.extend_from_slice(&self.key_id);
        sig.extend_from_slice(&self.signature);
        format!(
            "{UNTRUSTED}{}\n{}\n{TRUSTED}{}\n{}\n",
            self.untrusted_comment,
            B64.encode(sig),
            self.trusted_comment,
            B64.encode(self.global_signature)
        )
    }

    /// Parses a signature file, strictly.
    pub fn parse(data: &[u8]) -> Result<Signature> {
        let what = &t!("minisign-what-signature");
        if data.len() > MAX_SIGNATURE_FILE {
            return Err(bad(what, &t!("package-why-too-large")));
        }
        let text = std::str::from_utf8(data).map_err(|_| bad(what, &t!("package-why-not-utf8")))?;
        let lines = split_lines(text, 4).ok_or_else(|| bad(what, &t!("minisign-why-not-four")))?;
        let untrusted = lines[0]
            .strip_prefix(UNTRUSTED)
            .filter(|c| is_comment(c, 1022 - UNTRUSTED.len()))
            .ok_or_else(|| bad(what, &t!("minisign-why-untrusted")))?;
        let raw: [u8; 74] =
            b64_exact(lines[1]).ok_or_else(|| bad(what, &t!("minisign-why-base64")))?;
        if &raw[..2] != ALG_PREHASHED {
            return Err(bad(what, &t!("minisign-why-not-prehashed")));
        }
        let trusted = lines[2]
            .strip_prefix(TRUSTED)
            .filter(|c| is_comment(c, super::header::MAX_TRUSTED_COMMENT))
            .ok_or_else(|| bad(what, &t!("minisign-why-trusted")))?;
        let global: [u8; 64] =
            b64_exact(lines[3]).ok_or_else(|| bad(what, &t!("minisign-why-base64")))?;
        let mut key_id = [0u8; KEY_ID_LEN];
        key_id.copy_from_slice(&raw[2..10]);
        let mut signature = [0u8; 64];
        signature.copy_from_slice(&raw[10..]);
        Ok(Signature {
            untrusted_comment: untrusted.to_owned(),
            key_id,
            signature,
            trusted_comment: trusted.to_owned(),
            global_signature: global,
        })
    }

    /// The trusted comment. Only to be believed after [`Signature::verify_comment`].
    pub fn trusted_comment(&self) -> &str {
        &self.trusted_comment
    }

    /// The key id the signature names.
    pub fn key_id(&self) -> &[u8; KEY_ID_LEN] {
        &self.key_id
    }

    /// Checks the signature over a file's BLAKE2b-512 digest, and the trusted comment, against
    /// `key`. Both signatures must hold, as for `minisign -V`.
    pub fn verify_prehashed(&self, key: &PublicKey, digest: &[u8; 64]) -> Result<()> {
        self.verify_comment(key)?;
        self.verify_file(key, digest)
    }

    /// The first half of [`Signature::verify_prehashed`]: the key id, and the global signature
    /// over the file signature and the trusted comment. The comment is then the signer's, for a
    /// file whose own signature [`Signature::verify_file`] must still check.
    pub fn verify_comment(&self, key: &PublicKey) -> Result<()> {
        if !ct_eq(&self.key_id, &key.key_id) {
            return Err(Error::Integrity(t!(
                "minisign-other-key",
                found = key_id_display(&self.key_id),
                expected = key_id_display(&key.key_id)
            )));
        }
        let mut global = self.signature.to_vec();
        global.extend_from_slice(self.trusted_comment.as_bytes());
        if !sign::verify(&key.key, &global, &self.global_signature) {
            return Err(Error::Integrity(t!("minisign-mismatch")));
        }
        Ok(())
    }

    /// The second half of [`Signature::verify_prehashed`]: the signature over the file's
    /// BLAKE2b-512 `digest`.
    pub fn verify_file(&self, key: &PublicKey, digest: &[u8; 64]) -> Result<()> {
        if !ct_eq(&self.key_id, &key.key_id) || !sign::verify(&key.key, digest, &self.signature) {
            return Err(Error::Integrity(t!("minisign-mismatch")));
        }
        Ok(())
    }
}

/// BLAKE2b-512 and length of everything `r` yields, read in 64 KiB pieces.
pub fn hash_reader(mut r: impl Read) -> std::io::Result<([u8; 64], u64)> {
    let mut h = Blake2b512::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        h.update(&buf[..n]);
        len += n as u64;
    }
    Ok((h.finish(), len))
}

#[cfg(test)]
mod tests;
