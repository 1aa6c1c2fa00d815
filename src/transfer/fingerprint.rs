//! The fingerprint of a unit card: 100 bits of a SHA-256 digest, written as 20 Crockford
//! base32 characters in groups of four (`7K3M-…`), short enough to read aloud over the phone
//! (R12). Crockford's alphabet has no I, L, O or U, so what a person hears is what they type,
//! and typed input is read loosely (case, dashes, spaces, O as 0, I and L as 1).

use crate::crypto::ct_eq;
use crate::{t, Error, Result};
use std::fmt;

pub(crate) const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A card's fingerprint: 100 bits, shown as `XXXX-XXXX-XXXX-XXXX-XXXX`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint([u8; 20]);

impl Fingerprint {
    /// The fingerprint of a digest: its first 100 bits, in 20 groups of 5.
    pub(crate) fn from_digest(d: &[u8; 32]) -> Fingerprint {
        let mut out = [0u8; 20];
        for (i, slot) in out.iter_mut().enumerate() {
            let bit = i * 5;
            let two = u16::from(d[bit / 8]) << 8 | u16::from(d[bit / 8 + 1]);
            *slot = ((two >> (11 - bit % 8)) & 31) as u8;
        }
        Fingerprint(out)
    }

    /// Reads a fingerprint as a person types it: any case, with or without `-` and spaces,
    /// and Crockford's readings of `O` as 0 and `I`/`L` as 1.
    pub fn parse(s: &str) -> Result<Fingerprint> {
        let mut out = [0u8; 20];
        let mut n = 0;
        for c in s.chars().filter(|c| *c != '-' && !c.is_whitespace()) {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let v = CROCKFORD.iter().position(|x| char::from(*x) == c);
            match (v, out.get_mut(n)) {
                (Some(v), Some(slot)) => *slot = v as u8,
                _ => {
                    return Err(Error::Usage(t!(
                        "card-fingerprint-bad-char",
                        text = format!("{s:?}")
                    )))
                }
            }
            n += 1;
        }
        if n != 20 {
            return Err(Error::Usage(t!(
                "card-fingerprint-bad-length",
                text = format!("{s:?}"),
                count = n
            )));
        }
        Ok(Fingerprint(out))
    }

    /// Whether a fingerprint typed by a person is this one (constant time).
    pub fn matches(&self, other: &Fingerprint) -> bool {
        ct_eq(&self.0, &other.0)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                f.write_str("-")?;
            }
            write!(f, "{}", char::from(CROCKFORD[usize::from(*v)]))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}
