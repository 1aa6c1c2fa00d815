//! Unit cards: a unit's public identity, which other stores trust before they accept its
//! packages (DESIGN.md §6, R12). A card names the unit, its level and region, and its keys in
//! every form a peer or the police need: the Ed25519 and X25519 keys, the age recipient
//! (`age1…`) and the minisign public key line. It is signed by the unit's own Ed25519 key.
//!
//! Trust comes from the fingerprint, not from the file: 100 bits of SHA-256 over the unit's
//! name, level, region and both keys, written as 20 Crockford base32 characters in groups of
//! four, short enough to read aloud over the phone and compare. A card that rolls the unit
//! over to new keys carries the previous Ed25519 key and that key's signature over the new
//! card, so a peer that trusts the old card can accept the new one ([`UnitCard::succeeds`]),
//! for example from a package signed by the old key.
//!
//! The file is `Label: value` lines in one fixed order; derived lines (age recipient, minisign
//! key, fingerprint) must match the keys, and the parser accepts only the exact bytes it would
//! write. This module must never accept a card whose signature or derived lines do not check.

use super::agekey::AgeRecipient;
pub use super::fingerprint::Fingerprint;
use super::header::check_unit_name;
use super::lines::{Fields, Writer};
use super::minisig;
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{agree, ct_eq, encode_fields, hex, sha256};
use crate::identity::Level;
use crate::{t, Error, Result};
use serde::Serialize;

/// A rollover: the previous key and its signature over the new card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rollover {
    /// The Ed25519 key this card replaces.
    pub previous_ed25519: sign::PublicKey,
    signature: sign::Signature,
}

/// A unit's card. Every value of this type has checked signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitCard {
    unit: String,
    level: Level,
    region: Option<String>,
    serial: u32,
    ed25519: sign::PublicKey,
    x25519: agree::PublicKey,
    rollover: Option<Rollover>,
    signature: sign::Signature,
}

/// What `unit card --json` prints.
#[derive(Clone, Debug, Serialize)]
pub struct CardSummary {
    /// Unit name.
    pub unit: String,
    /// `ksf`, `region` or `local`.
    pub level: &'static str,
    /// Region, where the unit has one.
    pub region: Option<String>,
    /// Card serial.
    pub serial: u32,
    /// Fingerprint to read aloud.
    pub fingerprint: String,
    /// age recipient (`age1…`).
    pub age_recipient: String,
    /// The line `minisign -P` takes.
    pub minisign_public_key: String,
    /// Ed25519 key, hex.
    pub ed25519: String,
    /// X25519 key, hex.
    pub x25519: String,
    /// The previous Ed25519 key, hex, for a rollover card.
    pub previous_ed25519: Option<String>,
}

fn parse_level(s: &str) -> Option<Level> {
    [Level::Ksf, Level::Region, Level::Local]
        .into_iter()
        .find(|l| l.as_str() == s)
}

impl UnitCard {
    fn body(&self) -> Vec<u8> {
        let prev = self.rollover.as_ref().map(|r| &r.previous_ed25519[..]);
        encode_fields(
            b"infoflyt unit card v1\0", // untranslated: a signature domain label
            &[
                self.unit.as_bytes(),
                self.level.as_str().as_bytes(),
                self.region.as_deref().unwrap_or("").as_bytes(),
                &self.serial.to_be_bytes(),
                &self.ed25519,
                &self.x25519,
                prev.unwrap_or(&[]),
            ],
        )
    }

    fn rollover_message(&self) -> Vec<u8> {
        encode_fields(
            b"infoflyt unit card rollover v1\0", // untranslated: a signature domain label
            &[&self.body()],
        )
    }

    fn self_message(&self) -> Vec<u8> {
        let rs = self.rollover.as_ref().map(|r| &r.signature[..]);
        encode_fields(
            b"infoflyt unit card self v1\0", // untranslated: a signature domain label
            &[&self.body(), rs.unwrap_or(&[])],
        )
    }

    /// Issues a card for the unit whose keys are `signing` and `agreement` (its public half).
    /// With `previous`, the card rolls over from that older key, which signs it too.
    pub fn issue(
        unit: &str,
        level: Level,
        region: Option<&str>,
        serial: u32,
        signing: &SigningKey,
        agreement: &agree::PublicKey,
        previous: Option<&SigningKey>,
    ) -> Result<UnitCard> {
        check_unit_name(unit)?;
        region.map(check_unit_name).transpose()?;
        if serial == 0 {
            return Err(Error::Usage(t!("card-serial-from-one")));
        }
        let mut card = UnitCard {
            unit: unit.to_owned(),
            level,
            region: region.map(str::to_owned),
            serial,
            ed25519: signing.public(),
            x25519: *agreement,
            rollover: previous.map(|p| Rollover {
                previous_ed25519: p.public(),
                signature: [0; 64],
            }),
            signature: [0; 64],
        };
        if let Some(p) = previous {
            let sig = p.sign(&card.rollover_message());
            if let Some(r) = card.rollover.as_mut() {
                r.signature = sig;
            }
        }
        card.signature = signing.sign(&card.self_message());
        Ok(card)
    }

    /// The card file.
    pub fn encode(&self) -> Result<String> {
        let mut w = Writer::new();
        w.field("Infoflyt-Unit-Card", "1")?
            .field("Unit", &self.unit)?
            .field("Level", self.level.as_str())?;
        if let Some(r) = &self.region {
            w.field("Region", r)?;
        }
        w.field("Serial", &self.serial.to_string())?
            .field("Ed25519", &hex(&self.ed25519))?
            .field("X25519", &hex(&self.x25519))?
            .field("Age-Recipient", &self.age_recipient().to_string())?
            .field(
                "Minisign-Public-Key",
                &self.minisign_public_key().to_base64(),
            )?
            .field("Fingerprint", &self.fingerprint().to_string())?;
        if let Some(r) = &self.rollover {
            w.field("Previous-Ed25519", &hex(&r.previous_ed25519))?
                .field("Rollover-Signature", &hex(&r.signature))?;
        }
        w.field("Signature", &hex(&self.signature))?;
        Ok(w.into_string())
    }

    /// Parses a card and checks its signatures and derived lines.
    pub fn parse(data: &[u8]) -> Result<UnitCard> {
        let mut f = Fields::parse(t!("card-what"), data)?;
        if f.take("Infoflyt-Unit-Card")? != "1" {
            return Err(f.error(t!("card-why-unknown-version")));
        }
        let unit = f.take("Unit")?;
        let level =
            parse_level(f.take("Level")?).ok_or_else(|| f.error(t!("card-why-unknown-level")))?;
        let region = f.optional("Region")?;
        let serial = f.take("Serial")?;
        let ed = f.take("Ed25519")?;
        let x = f.take("X25519")?;
        for label in ["Age-Recipient", "Minisign-Public-Key", "Fingerprint"] {
            f.take(label)?; // derived: checked by re-encoding below
        }
        let previous = f.optional("Previous-Ed25519")?;
        let rollover_sig = previous.map(|_| f.take("Rollover-Signature")).transpose()?;
        let sig = f.take("Signature")?;
        let key = |s: &str| f.hex::<32>(s);
        let rollover = match (previous, rollover_sig) {
            (Some(p), Some(s)) => Some(Rollover {
                previous_ed25519: key(p)?,
                signature: f.hex::<64>(s)?,
            }),
            _ => None,
        };
        let card = UnitCard {
            unit: unit.to_owned(),
            level,
            region: region.map(str::to_owned),
            serial: serial
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1 && n.to_string() == serial)
                .ok_or_else(|| f.error(t!("card-why-bad-serial")))?,
            ed25519: key(ed)?,
            x25519: key(x)?,
            rollover,
            signature: f.hex::<64>(sig)?,
        };
        f.finish()?;
        check_unit_name(unit).map_err(|_| card_error(&t!("package-why-bad-unit-name")))?;
        region
            .map(check_unit_name)
            .transpose()
            .map_err(|_| card_error(&t!("card-why-bad-region")))?;
        card.check_signatures()?;
        if card.encode()?.as_bytes() != data {
            return Err(card_error(&t!("card-why-derived-mismatch")));
        }
        Ok(card)
    }

    fn check_signatures(&self) -> Result<()> {
        let rollover_ok = self.rollover.as_ref().is_none_or(|r| {
            sign::verify(&r.previous_ed25519, &self.rollover_message(), &r.signature)
        });
        if !rollover_ok || !sign::verify(&self.ed25519, &self.self_message(), &self.signature) {
            return Err(card_error(&t!("package-why-bad-signature")));
        }
        Ok(())
    }

    /// Whether this card may replace `trusted`, a card this store already trusts: same unit,
    /// a higher serial, and either the same keys or a rollover signed by the trusted key.
    pub fn succeeds(&self, trusted: &UnitCard) -> Result<()> {
        let same_unit = self.unit == trusted.unit && self.level == trusted.level;
        let same_keys = ct_eq(&self.ed25519, &trusted.ed25519);
        let rolled = self
            .rollover
            .as_ref()
            .is_some_and(|r| ct_eq(&r.previous_ed25519, &trusted.ed25519));
        if !same_unit || self.serial <= trusted.serial || !(same_keys || rolled) {
            return Err(Error::Integrity(t!(
                "card-does-not-follow",
                unit = format!("{:?}", self.unit),
                serial = self.serial.to_string(),
                trusted = trusted.serial.to_string()
            )));
        }
        Ok(())
    }

    /// The fingerprint.
    pub fn fingerprint(&self) -> Fingerprint {
        let d = sha256(&encode_fields(
            b"infoflyt unit card fingerprint v1\0", // untranslated: a hash domain label
            &[
                self.unit.as_bytes(),
                self.level.as_str().as_bytes(),
                self.region.as_deref().unwrap_or("").as_bytes(),
                &self.ed25519,
                &self.x25519,
            ],
        ));
        Fingerprint::from_digest(&d)
    }

    /// The unit's name.
    pub fn unit(&self) -> &str {
        &self.unit
    }
    /// The unit's level.
    pub fn level(&self) -> Level {
        self.level
    }
    /// The unit's region.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
    /// The card's serial.
    pub fn serial(&self) -> u32 {
        self.serial
    }
    /// The Ed25519 key that signs the unit's packages.
    pub fn ed25519(&self) -> &sign::PublicKey {
        &self.ed25519
    }
    /// The X25519 key packages to the unit are encrypted to.
    pub fn x25519(&self) -> &agree::PublicKey {
        &self.x25519
    }
    /// The rollover, for a card that replaces an older key.
    pub fn rollover(&self) -> Option<&Rollover> {
        self.rollover.as_ref()
    }
    /// The age recipient.
    pub fn age_recipient(&self) -> AgeRecipient {
        AgeRecipient::from_public(self.x25519)
    }
    /// The minisign public key.
    pub fn minisign_public_key(&self) -> minisig::PublicKey {
        minisig::PublicKey::for_unit(&self.ed25519)
    }

    /// The summary for `--json`.
    pub fn summary(&self) -> CardSummary {
        CardSummary {
            unit: self.unit.clone(),
            level: self.level.as_str(),
            region: self.region.clone(),
            serial: self.serial,
            fingerprint: self.fingerprint().to_string(),
            age_recipient: self.age_recipient().to_string(),
            minisign_public_key: self.minisign_public_key().to_base64(),
            ed25519: hex(&self.ed25519),
            x25519: hex(&self.x25519),
            previous_ed25519: self.rollover.as_ref().map(|r| hex(&r.previous_ed25519)),
        }
    }
}

fn card_error(why: &str) -> Error {
    Error::Integrity(t!("card-invalid", why = why))
}

#[cfg(test)]
mod tests;
