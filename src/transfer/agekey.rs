//! A unit's X25519 key in age's Bech32 forms: the recipient `age1…` that others encrypt to,
//! and the identity `AGE-SECRET-KEY-1…` that stock `age -d -i` decrypts with.
//!
//! Both forms hold the same 32 bytes as our `crypto::agree` keys (x25519-dalek's
//! `StaticSecret` and its public key, which is also what the `age` crate uses), so the
//! conversion is an encoding, not a derivation; tests check it against stock `age-keygen -y`.
//!
//! Secrets: the identity string is built in a zeroizing buffer of its final size, and turning
//! our secret key into one is crate-private, for sealing and opening only. Parsing an identity
//! (for example one made with `age-keygen`) is public, and lands straight in an
//! [`AgreementKey`]. This module must never print or return a secret in a plain `String`.

use crate::crypto::agree::{self, AgreementKey};
use crate::{t, Error, Result};
use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32, Hrp};
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroizing;

const RECIPIENT_HRP: &str = "age";
const SECRET_HRP: &str = "AGE-SECRET-KEY-";
/// Length of an `age1…` recipient.
pub const RECIPIENT_LEN: usize = 62;
/// Length of an `AGE-SECRET-KEY-1…` identity.
pub const SECRET_LEN: usize = 74;

/// An age X25519 recipient: whom a package is encrypted to.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgeRecipient(agree::PublicKey);

fn hrp(s: &str) -> Hrp {
    // Both prefixes are fixed ASCII strings that Hrp::parse accepts.
    #[allow(clippy::expect_used)]
    Hrp::parse(s).expect("valid human-readable part")
}

/// Decodes exactly 32 bytes under `prefix`, in the one canonical spelling `upper` says.
fn decode32(s: &str, prefix: &str, upper: bool) -> Option<Zeroizing<[u8; 32]>> {
    let cased = if upper {
        !s.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        !s.bytes().any(|b| b.is_ascii_uppercase())
    };
    if !cased || s.len() > SECRET_LEN {
        return None;
    }
    let checked = CheckedHrpstring::new::<Bech32>(s).ok()?;
    if checked.hrp() != hrp(prefix) {
        return None;
    }
    let mut out = Zeroizing::new([0u8; 32]);
    let mut n = 0usize;
    for b in checked.byte_iter() {
        *out.get_mut(n)? = b;
        n += 1;
    }
    if n != 32 {
        return None;
    }
    // Only one spelling per key: refuse non-zero padding bits by encoding again.
    let again = encode32(prefix, &out, upper)?;
    crate::crypto::ct_eq(again.as_bytes(), s.as_bytes()).then_some(out)
}

fn encode32(prefix: &str, data: &[u8; 32], upper: bool) -> Option<Zeroizing<String>> {
    let mut s = Zeroizing::new(String::with_capacity(SECRET_LEN));
    let res = if upper {
        bech32::encode_upper_to_fmt::<Bech32, _>(&mut *s, hrp(prefix), data)
    } else {
        bech32::encode_lower_to_fmt::<Bech32, _>(&mut *s, hrp(prefix), data)
    };
    res.ok().map(|()| s)
}

impl AgeRecipient {
    /// The recipient of an X25519 public key.
    pub fn from_public(key: agree::PublicKey) -> AgeRecipient {
        AgeRecipient(key)
    }

    /// The X25519 public key.
    pub fn public(&self) -> &agree::PublicKey {
        &self.0
    }

    /// Parses `age1…` (lower case, as age writes it).
    pub fn parse(s: &str) -> Result<AgeRecipient> {
        decode32(s, RECIPIENT_HRP, false)
            .map(|k| AgeRecipient(*k))
            .ok_or_else(|| {
                Error::Usage(t!(
                    "package-not-age-recipient",
                    text = format!("{s:?}"),
                    len = RECIPIENT_LEN
                ))
            })
    }

    /// The `age` crate's form, for encrypting.
    pub(crate) fn to_age(self) -> Result<age::x25519::Recipient> {
        age::x25519::Recipient::from_str(&self.to_string())
            .map_err(|e| Error::Other(t!("package-age-refused-recipient", error = e.to_string())))
    }
}

impl fmt::Display for AgeRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = encode32(RECIPIENT_HRP, &self.0, false).ok_or(fmt::Error)?;
        f.write_str(&s)
    }
}

impl fmt::Debug for AgeRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AgeRecipient({self})")
    }
}

impl FromStr for AgeRecipient {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        AgeRecipient::parse(s)
    }
}

/// A unit's agreement key as an age recipient.
pub fn recipient_of(key: &AgreementKey) -> AgeRecipient {
    AgeRecipient(key.public())
}

/// Parses an age identity (`AGE-SECRET-KEY-1…`) into an agreement key. Accepts the line alone
/// or an identity file as `age-keygen` writes it (`#` comment lines and one key line).
pub fn agreement_key_from_age(text: &str) -> Result<AgreementKey> {
    let bad = || Error::Usage(t!("package-not-age-identity"));
    if text.len() > 4096 {
        return Err(bad());
    }
    let mut keys = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let line = keys.next().ok_or_else(bad)?;
    if keys.next().is_some() {
        return Err(bad());
    }
    let bytes = decode32(line, SECRET_HRP, true).ok_or_else(bad)?;
    Ok(AgreementKey::from_bytes(bytes))
}

/// Our agreement key as an age identity string. Crate-private: the identity is a secret.
pub(crate) fn age_secret_string(key: &AgreementKey) -> Result<Zeroizing<String>> {
    encode32(SECRET_HRP, &key.to_bytes(), true)
        .ok_or_else(|| Error::Other(t!("package-cannot-encode-age-key")))
}

/// Our agreement key as the `age` crate's identity, for decrypting.
pub(crate) fn age_identity(key: &AgreementKey) -> Result<age::x25519::Identity> {
    let s = age_secret_string(key)?;
    age::x25519::Identity::from_str(&s)
        .map_err(|e| Error::Other(t!("package-age-refused-key", error = e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn forms_match_the_age_crate() {
        let k = AgreementKey::generate().unwrap();
        let ours = age_secret_string(&k).unwrap();
        let theirs = age_identity(&k).unwrap();
        assert_eq!(ours.as_str(), theirs.to_string().expose_secret());
        assert_eq!(recipient_of(&k).to_string(), theirs.to_public().to_string());
        assert_eq!(recipient_of(&k).to_string().len(), RECIPIENT_LEN);
        assert_eq!(ours.len(), SECRET_LEN);
        let back = agreement_key_from_age(&ours).unwrap();
        assert_eq!(back.public(), k.public());
        let r = AgeRecipient::parse(&recipient_of(&k).to_string()).unwrap();
        assert_eq!(r.public(), &k.public());
    }

    #[test]
    fn odd_spellings_are_refused() {
        let k = AgreementKey::generate().unwrap();
        let r = recipient_of(&k).to_string();
        let s = age_secret_string(&k).unwrap();
        for bad in [
            r.to_uppercase(),
            format!("{r}q"),
            r.replacen("age1", "agf1", 1),
            r[..61].to_owned(),
            s.to_lowercase(),
            String::new(),
        ] {
            assert!(AgeRecipient::parse(&bad).is_err(), "{bad}");
        }
        // A secret is not a recipient and the other way round.
        assert!(AgeRecipient::parse(&s).is_err());
        assert!(agreement_key_from_age(&r).is_err());
        assert!(agreement_key_from_age(&s.to_lowercase()).is_err());
        assert!(agreement_key_from_age(&format!("{}\n{}", *s, *s)).is_err());
        // A flipped character breaks the checksum.
        let mut b = r.clone().into_bytes();
        b[20] = if b[20] == b'q' { b'p' } else { b'q' };
        assert!(AgeRecipient::parse(std::str::from_utf8(&b).unwrap()).is_err());
    }

    /// BIP 173's checksum, written out here so the test does not trust the codec it tests.
    fn bech32_with_checksum(hrp: &str, data: &[u8]) -> String {
        const ALPHABET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        let mut values: Vec<u8> = hrp.bytes().map(|c| c >> 5).collect();
        values.push(0);
        values.extend(hrp.bytes().map(|c| c & 31));
        values.extend_from_slice(data);
        values.extend_from_slice(&[0; 6]);
        let mut chk = 1u32;
        for v in values {
            let b = chk >> 25;
            chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
            for (i, g) in GEN.iter().enumerate() {
                if (b >> i) & 1 == 1 {
                    chk ^= g;
                }
            }
        }
        chk ^= 1;
        let mut out = format!("{hrp}1");
        for d in data {
            out.push(char::from(ALPHABET[usize::from(*d)]));
        }
        for i in 0..6 {
            out.push(char::from(ALPHABET[((chk >> (5 * (5 - i))) & 31) as usize]));
        }
        out
    }

    #[test]
    fn non_zero_padding_bits_are_refused() {
        // 32 bytes are 52 five-bit groups whose last 4 bits are padding: a canonical key
        // has them zero. Set one and give the string a valid checksum.
        let key = [0x5au8; 32];
        let mut groups = Vec::new();
        let (mut acc, mut bits) = (0u32, 0);
        for b in key {
            acc = (acc << 8) | u32::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                groups.push(((acc >> bits) & 31) as u8);
            }
        }
        groups.push(((acc << (5 - bits)) & 31) as u8);
        let canonical = bech32_with_checksum("age", &groups);
        assert_eq!(canonical, AgeRecipient::from_public(key).to_string());
        *groups.last_mut().unwrap() |= 1;
        let odd = bech32_with_checksum("age", &groups);
        assert!(AgeRecipient::parse(&odd).is_err(), "{odd}");
    }

    #[test]
    fn identity_files_from_age_keygen_parse() {
        let k = AgreementKey::generate().unwrap();
        let s = age_secret_string(&k).unwrap();
        let file = format!(
            "# created: 2026-11-29T00:00:00Z\n# public key: {}\n{}\n",
            recipient_of(&k),
            *s
        );
        assert_eq!(agreement_key_from_age(&file).unwrap().public(), k.public());
    }

    #[test]
    fn stock_age_keygen_agrees_with_our_recipient() {
        if std::process::Command::new("age-keygen")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("SKIPPED: the stock age-keygen tool is not installed (CI installs it)");
            return;
        }
        let k = AgreementKey::generate().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.txt");
        std::fs::write(&path, format!("{}\n", *age_secret_string(&k).unwrap())).unwrap();
        let out = std::process::Command::new("age-keygen")
            .arg("-y")
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().trim_end(),
            recipient_of(&k).to_string()
        );
    }
}
