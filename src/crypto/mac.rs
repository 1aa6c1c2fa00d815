//! HMAC-SHA256 through ring: folder key commitments, rotation proofs and pins.

use super::SecretKey;
use ring::hmac;

/// A 32-byte MAC tag.
pub(crate) type Tag = [u8; 32];

/// HMAC-SHA256 of `msg` under `key`.
pub(crate) fn sign(key: &SecretKey, msg: &[u8]) -> Tag {
    let t = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key.expose()), msg);
    let mut out = [0u8; 32];
    out.copy_from_slice(t.as_ref());
    out
}

/// Checks a tag in constant time.
pub(crate) fn verify(key: &SecretKey, msg: &[u8], tag: &[u8]) -> bool {
    hmac::verify(&hmac::Key::new(hmac::HMAC_SHA256, key.expose()), msg, tag).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_verify_only_for_their_key_and_message() {
        let k = SecretKey::from_bytes([3; 32]);
        let t = sign(&k, b"m");
        assert!(verify(&k, b"m", &t));
        assert!(!verify(&k, b"n", &t));
        assert!(!verify(&SecretKey::from_bytes([4; 32]), b"m", &t));
        assert!(!verify(&k, b"m", &t[..31]));
    }
}
