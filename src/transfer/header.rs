//! What a package says about itself before it is opened: its id, sender and receiver, and the
//! SHA-256 of its tag manifest, carried in the trusted comment of the outer minisign signature.
//!
//! The trusted comment is signed together with the signature, so once the outer signature
//! checks out these four facts are the sender's word, and everything found inside the package
//! must agree with them. The comment is one line of tab-separated `key:value` fields, in the
//! style of minisign's own default comment, so `minisign -V` prints something a person can
//! read:
//!
//! ```text
//! infoflyt-package:1<TAB>id:ID<TAB>sender:UNIT<TAB>receiver:UNIT<TAB>tagmanifest-sha256:HEX
//! ```
//!
//! This module must never accept a comment that does not print back to the same bytes.

use super::lines::is_value;
use crate::crypto::{hex, unhex};
use crate::{t, Error, Result};
use std::fmt;

/// The longest unit name, in characters (as `init --unit` allows).
pub const MAX_UNIT_NAME: usize = 100;
/// The longest package id, in bytes.
pub const MAX_PACKAGE_ID: usize = 100;

/// A package id: 1–100 ASCII letters, digits, `-`, `_` and `.`, starting with a letter or
/// digit. It names the bag's directory inside the archive, so it can never be `.`, `..`, or
/// hold a `/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PackageId(String);

impl PackageId {
    /// Checks a package id.
    pub fn parse(s: &str) -> Result<PackageId> {
        let b = s.as_bytes();
        let ok = !b.is_empty()
            && b.len() <= MAX_PACKAGE_ID
            && b[0].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
        if !ok {
            return Err(Error::Usage(t!(
                "package-invalid-id",
                id = format!("{s:?}"),
                max = MAX_PACKAGE_ID
            )));
        }
        Ok(PackageId(s.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for PackageId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl fmt::Display for PackageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks a unit name as it travels in packages and cards: 1–100 characters, no control
/// characters (so no tab or line break), no space at either end.
pub fn check_unit_name(s: &str) -> Result<()> {
    if !is_value(s) || s.chars().count() > MAX_UNIT_NAME {
        return Err(Error::Usage(t!(
            "package-invalid-unit-name",
            name = format!("{s:?}"),
            max = MAX_UNIT_NAME
        )));
    }
    Ok(())
}

/// Who sends a package to whom, under which id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageHeader {
    id: PackageId,
    sender: String,
    receiver: String,
}

impl PackageHeader {
    /// Checks the names and makes a header.
    pub fn new(id: PackageId, sender: &str, receiver: &str) -> Result<PackageHeader> {
        check_unit_name(sender)?;
        check_unit_name(receiver)?;
        Ok(PackageHeader {
            id,
            sender: sender.to_owned(),
            receiver: receiver.to_owned(),
        })
    }

    /// The package id.
    pub fn id(&self) -> &PackageId {
        &self.id
    }

    /// The sending unit's name.
    pub fn sender(&self) -> &str {
        &self.sender
    }

    /// The receiving unit's name (or an external recipient's, such as Kripos).
    pub fn receiver(&self) -> &str {
        &self.receiver
    }
}

/// A header together with the SHA-256 of the bag's tag manifest: the contents of the trusted
/// comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedComment {
    /// Id, sender and receiver.
    pub header: PackageHeader,
    /// SHA-256 of `tagmanifest-sha256.txt`.
    pub tagmanifest_sha256: [u8; 32],
}

const VERSION_FIELD: &str = "infoflyt-package:1";
const KEYS: [&str; 4] = ["id:", "sender:", "receiver:", "tagmanifest-sha256:"];

/// The longest trusted comment minisign 0.11 reads (its 8192-byte line buffer, less the
/// `trusted comment: ` prefix, the newline and the terminating NUL).
pub const MAX_TRUSTED_COMMENT: usize = 8192 - 17 - 2;

impl TrustedComment {
    /// The comment as signed.
    pub fn encode(&self) -> String {
        let h = &self.header;
        format!(
            "{VERSION_FIELD}\t{}{}\t{}{}\t{}{}\t{}{}",
            KEYS[0],
            h.id,
            KEYS[1],
            h.sender,
            KEYS[2],
            h.receiver,
            KEYS[3],
            hex(&self.tagmanifest_sha256)
        )
    }

    /// Parses a trusted comment; refuses any other spelling than [`TrustedComment::encode`]'s.
    pub fn parse(s: &str) -> Result<TrustedComment> {
        let bad = |why: &str| Error::Integrity(t!("package-bad-trusted-comment", why = why));
        if s.len() > MAX_TRUSTED_COMMENT {
            return Err(bad(&t!("package-why-too-long")));
        }
        let mut parts = s.split('\t');
        if parts.next() != Some(VERSION_FIELD) {
            return Err(bad(&t!("package-why-unknown-version")));
        }
        let mut values = [""; 4];
        for (key, slot) in KEYS.iter().zip(values.iter_mut()) {
            *slot = parts
                .next()
                .and_then(|p| p.strip_prefix(key))
                .ok_or_else(|| bad(&t!("package-why-fields-missing")))?;
        }
        if parts.next().is_some() {
            return Err(bad(&t!("package-why-extra-fields")));
        }
        let id = PackageId::parse(values[0]).map_err(|_| bad(&t!("package-why-invalid-id")))?;
        let header = PackageHeader::new(id, values[1], values[2])
            .map_err(|_| bad(&t!("package-why-invalid-unit-name")))?;
        let digest = values[3];
        let sha: [u8; 32] = (digest.len() == 64 && digest.bytes().all(|b| !b.is_ascii_uppercase()))
            .then(|| unhex(digest))
            .flatten()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad(&t!("package-why-invalid-digest")))?;
        let parsed = TrustedComment {
            header,
            tagmanifest_sha256: sha,
        };
        if parsed.encode() != s {
            return Err(bad(&t!("package-why-not-canonical")));
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TrustedComment {
        TrustedComment {
            header: PackageHeader::new(
                PackageId::parse("bergen-2026-11-29-000001").unwrap(),
                "Bergen fengsel",
                "Region vest",
            )
            .unwrap(),
            tagmanifest_sha256: [0xab; 32],
        }
    }

    #[test]
    fn trusted_comment_round_trips() {
        let c = sample();
        let s = c.encode();
        assert!(s.starts_with("infoflyt-package:1\tid:bergen-2026-11-29-000001\tsender:Bergen"));
        assert_eq!(TrustedComment::parse(&s).unwrap(), c);
    }

    #[test]
    fn odd_trusted_comments_are_refused() {
        let good = sample().encode();
        let cases = [
            good.replace("package:1", "package:2"),
            good.replace("\tsender:", "\tsender: "),
            good.replace("ab", "AB"),
            good.replace(&"ab".repeat(32), &"ab".repeat(31)),
            format!("{good}\textra:1"),
            good.replace("\treceiver:Region vest", ""),
            good.replace("id:bergen", "id:../bergen"),
            good.replace("id:bergen", "id:.bergen"),
            good.replace("Region vest", "Region\u{7}vest"),
            good.replace("sender:Bergen fengsel", "sender:"),
            format!("timestamp:1\t{good}"),
            String::new(),
        ];
        for c in cases {
            assert!(TrustedComment::parse(&c).is_err(), "{c:?}");
        }
    }

    #[test]
    fn package_ids_are_simple_names() {
        for ok in ["a", "bergen-2026-11-29-000001", "A_b.c"] {
            assert!(PackageId::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "-a", "a/b", "a b", "æ", &"a".repeat(101)] {
            assert!(PackageId::parse(bad).is_err(), "{bad}");
        }
        assert!(check_unit_name("Bjørgvin fengsel").is_ok());
        assert!(check_unit_name(" x").is_err());
        assert!(check_unit_name(&"x".repeat(101)).is_err());
    }
}
