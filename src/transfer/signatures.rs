//! The inner signatures: the tag file `infoflyt-signatures.txt`, in which the sending unit and
//! the exporting officer each sign the package's id, sender, receiver and the SHA-256 of its
//! tag manifest (DESIGN.md §6).
//!
//! The outer minisign signature sits beside the package file and can be stripped or swapped;
//! these travel inside the encryption. So a package re-signed outside by some other key, or
//! whose contents were swapped under a valid outer signature, is still caught here. The unit's
//! signature also covers the officer's name and public key, so the unit vouches for which
//! officer sent the package, and the receiver needs no officer directory to check it.
//!
//! The file is not listed in the tag manifest (it signs that manifest's digest);
//! `bagit.py --validate` accepts such an extra tag file. This module must never accept a
//! signature whose message was not built by [`message`].

use super::header::PackageHeader;
use super::lines::{is_value, Fields, Writer};
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{ct_eq, encode_fields, hex};
use crate::{Error, Result};

/// The longest officer name, as user names are.
pub const MAX_OFFICER_NAME: usize = 64;

/// The officer who exported a package, as the unit vouches for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Officer {
    /// User name at the sending unit.
    pub name: String,
    /// Their Ed25519 public key.
    pub key: sign::PublicKey,
}

/// The parsed signatures file. Its signatures mean nothing until [`InnerSignatures::verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InnerSignatures {
    unit_key: sign::PublicKey,
    unit_signature: sign::Signature,
    officer: Officer,
    officer_signature: sign::Signature,
}

/// The message each signs: domain label, role, then the package's facts.
fn message(role: &str, h: &PackageHeader, tagmanifest: &[u8; 32], officer: &Officer) -> Vec<u8> {
    encode_fields(
        b"infoflyt package signature v1\0", // untranslated: a signature domain label
        &[
            role.as_bytes(),
            h.id().as_str().as_bytes(),
            h.sender().as_bytes(),
            h.receiver().as_bytes(),
            tagmanifest,
            officer.name.as_bytes(),
            &officer.key,
        ],
    )
}

fn check_officer_name(name: &str) -> Result<()> {
    if !is_value(name) || name.chars().count() > MAX_OFFICER_NAME {
        return Err(Error::Usage(crate::t!(
            "package-invalid-officer-name",
            name = format!("{name:?}"),
            max = MAX_OFFICER_NAME
        )));
    }
    Ok(())
}

impl InnerSignatures {
    /// Signs as unit and officer.
    pub fn sign(
        header: &PackageHeader,
        tagmanifest: &[u8; 32],
        unit: &SigningKey,
        officer_name: &str,
        officer: &SigningKey,
    ) -> Result<InnerSignatures> {
        check_officer_name(officer_name)?;
        let o = Officer {
            name: officer_name.to_owned(),
            key: officer.public(),
        };
        Ok(InnerSignatures {
            unit_key: unit.public(),
            unit_signature: unit.sign(&message("unit", header, tagmanifest, &o)),
            officer_signature: officer.sign(&message("officer", header, tagmanifest, &o)),
            officer: o,
        })
    }

    /// The file.
    pub fn encode(&self) -> Result<String> {
        let mut w = Writer::new();
        w.field("Infoflyt-Signatures", "1")?
            .field("Unit-Key", &hex(&self.unit_key))?
            .field("Unit-Signature", &hex(&self.unit_signature))?
            .field("Officer", &self.officer.name)?
            .field("Officer-Key", &hex(&self.officer.key))?
            .field("Officer-Signature", &hex(&self.officer_signature))?;
        Ok(w.into_string())
    }

    /// Parses the file, strictly.
    pub fn parse(data: &[u8]) -> Result<InnerSignatures> {
        let mut f = Fields::parse(crate::t!("package-what-inner-signatures"), data)?;
        if f.take("Infoflyt-Signatures")? != "1" {
            return Err(f.error(crate::t!("package-why-unknown-version")));
        }
        let unit_key = f.take("Unit-Key")?;
        let unit_signature = f.take("Unit-Signature")?;
        let name = f.take("Officer")?;
        let officer_key = f.take("Officer-Key")?;
        let officer_signature = f.take("Officer-Signature")?;
        check_officer_name(name).map_err(|_| f.error(crate::t!("package-why-bad-officer-name")))?;
        let parsed = InnerSignatures {
            unit_key: f.hex(unit_key)?,
            unit_signature: f.hex(unit_signature)?,
            officer: Officer {
                name: name.to_owned(),
                key: f.hex(officer_key)?,
            },
            officer_signature: f.hex(officer_signature)?,
        };
        f.finish()?;
        Ok(parsed)
    }

    /// Checks both signatures over this package's facts, the unit's against the key the
    /// receiver trusts for the sender. Gives the officer the unit vouched for.
    pub(crate) fn verify(
        &self,
        header: &PackageHeader,
        tagmanifest: &[u8; 32],
        sender_key: &sign::PublicKey,
    ) -> Result<&Officer> {
        let unit_ok = ct_eq(&self.unit_key, sender_key)
            && sign::verify(
                sender_key,
                &message("unit", header, tagmanifest, &self.officer),
                &self.unit_signature,
            );
        let officer_ok = sign::verify(
            &self.officer.key,
            &message("officer", header, tagmanifest, &self.officer),
            &self.officer_signature,
        );
        if !(unit_ok && officer_ok) {
            return Err(Error::Integrity(crate::t!(
                "package-refused-inner-signatures"
            )));
        }
        Ok(&self.officer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::header::PackageId;

    fn header(id: &str) -> PackageHeader {
        PackageHeader::new(
            PackageId::parse(id).unwrap(),
            "Bergen fengsel",
            "Region vest",
        )
        .unwrap()
    }

    #[test]
    fn signatures_bind_every_fact() {
        let unit = SigningKey::generate().unwrap();
        let officer = SigningKey::generate().unwrap();
        let h = header("p1");
        let s = InnerSignatures::sign(&h, &[5; 32], &unit, "kari", &officer).unwrap();
        let parsed = InnerSignatures::parse(s.encode().unwrap().as_bytes()).unwrap();
        assert_eq!(parsed, s);
        let o = parsed.verify(&h, &[5; 32], &unit.public()).unwrap();
        assert_eq!(o.name, "kari");
        assert_eq!(o.key, officer.public());
        assert!(parsed.verify(&h, &[6; 32], &unit.public()).is_err());
        assert!(parsed
            .verify(&header("p2"), &[5; 32], &unit.public())
            .is_err());
        let to_other = PackageHeader::new(h.id().clone(), "Bergen fengsel", "Region øst").unwrap();
        assert!(parsed.verify(&to_other, &[5; 32], &unit.public()).is_err());
        let stranger = SigningKey::generate().unwrap();
        assert!(parsed.verify(&h, &[5; 32], &stranger.public()).is_err());
        // Renaming the officer breaks the unit's signature.
        let text = s.encode().unwrap().replace("Officer: kari", "Officer: ola");
        let renamed = InnerSignatures::parse(text.as_bytes()).unwrap();
        assert!(renamed.verify(&h, &[5; 32], &unit.public()).is_err());
        // A unit signature cannot stand in for the officer's.
        let mut swapped = s.clone();
        swapped.officer_signature = s.unit_signature;
        assert!(swapped.verify(&h, &[5; 32], &unit.public()).is_err());
    }

    #[test]
    fn odd_files_are_refused() {
        let unit = SigningKey::generate().unwrap();
        let s = InnerSignatures::sign(&header("p"), &[5; 32], &unit, "kari", &unit).unwrap();
        let good = s.encode().unwrap();
        for c in [
            good.replace("Signatures: 1", "Signatures: 2"),
            good.replace("Officer: kari\n", ""),
            format!("{good}Extra: 1\n"),
            good.to_uppercase(),
            good.replacen(&hex(&s.unit_key), &hex(&s.unit_key[..31]), 1),
        ] {
            assert!(InnerSignatures::parse(c.as_bytes()).is_err(), "{c:?}");
        }
        assert!(InnerSignatures::sign(&header("p"), &[5; 32], &unit, "a\nb", &unit).is_err());
    }
}
