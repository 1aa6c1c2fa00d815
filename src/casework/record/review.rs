//! A review (uphold or overturn) as it travels: its fields, canonical encoding, signatures
//! and wire form.

use super::{bad, check_text, date_of, fixed, parse_level, MAX_RECORD_BYTES};
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{encode_fields, hex, labels};
use crate::identity::Level;
use crate::text::limits;
use crate::Result;
use serde::{Deserialize, Serialize};

/// The level above's verdict on a decision (R23).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The decision stands.
    Uphold,
    /// The decision is overturned.
    Overturn,
}

impl Verdict {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Uphold => "uphold",
            Verdict::Overturn => "overturn",
        }
    }

    /// Parses the stored form.
    pub fn parse(s: &str) -> Result<Verdict> {
        match s {
            "uphold" => Ok(Verdict::Uphold),
            "overturn" => Ok(Verdict::Overturn),
            _ => Err(bad("verdict")),
        }
    }
}

/// An uphold or overturn, as signed by the reviewing officer and their unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRecord {
    /// Random id.
    pub uid: [u8; 16],
    /// The decision reviewed.
    pub decision_uid: [u8; 16],
    /// The decision-maker's signature on it: binds the review to that exact decision.
    pub decision_signature: [u8; 64],
    /// The unit that took the decision (to route the review back down).
    pub decision_unit: String,
    /// Uphold or overturn.
    pub verdict: Verdict,
    /// Why (required for an overturn).
    pub reason: String,
    /// The reviewing unit.
    pub unit: String,
    /// Its level: region or KSF.
    pub level: Level,
    /// When, RFC 3339 UTC.
    pub reviewed_at: String,
    /// Who reviewed.
    pub reviewed_by: String,
    /// Their Ed25519 public key.
    pub reviewer_key: [u8; 32],
    /// The reviewer's signature over [`ReviewRecord::message`].
    pub signature: [u8; 64],
    /// The reviewing unit's signature over the message and the reviewer's signature.
    pub unit_signature: [u8; 64],
}

/// The shortest reason accepted for an overturn, in characters.
pub const MIN_REASON_CHARS: usize = 20;

impl ReviewRecord {
    /// The canonical encoding that both signatures cover.
    pub fn message(&self) -> Vec<u8> {
        encode_fields(
            labels::SIG_REVIEW,
            &[
                &self.uid,
                &self.decision_uid,
                &self.decision_signature,
                self.decision_unit.as_bytes(),
                self.verdict.as_str().as_bytes(),
                self.reason.as_bytes(),
                self.unit.as_bytes(),
                self.level.as_str().as_bytes(),
                self.reviewed_at.as_bytes(),
                self.reviewed_by.as_bytes(),
                &self.reviewer_key,
            ],
        )
    }

    fn unit_message(&self) -> Vec<u8> {
        encode_fields(labels::SIG_REVIEW_UNIT, &[&self.message(), &self.signature])
    }

    /// Signs as the reviewing officer (whose public key and signing function are given)
    /// and their unit.
    pub(crate) fn sign(
        &mut self,
        officer_public: [u8; 32],
        officer: impl Fn(&[u8]) -> sign::Signature,
        unit: &SigningKey,
    ) {
        self.reviewer_key = officer_public;
        self.signature = officer(&self.message());
        self.unit_signature = unit.sign(&self.unit_message());
    }

    /// The rules: a reviewing level, a time, and a reason of substance for an overturn.
    pub fn check(&self) -> Result<()> {
        if !matches!(self.level, Level::Region | Level::Ksf) {
            return Err(bad("level"));
        }
        date_of(&self.reviewed_at)?;
        if self.verdict == Verdict::Overturn
            && self.reason.trim().chars().count() < MIN_REASON_CHARS
        {
            return Err(bad("reason"));
        }
        let reason_ok = self.reason.is_empty()
            || crate::text::field("reason", &self.reason, limits::LONG, true)
                .is_ok_and(|r| r == self.reason);
        if !reason_ok {
            return Err(bad("reason"));
        }
        for (t, max) in [
            (&self.unit, limits::NAME),
            (&self.decision_unit, limits::NAME),
            (&self.reviewed_by, 64),
        ] {
            check_text(t, max)?;
        }
        Ok(())
    }

    /// Checks the rules and both signatures, the unit's under `unit_key`.
    pub fn verify(&self, unit_key: &[u8]) -> Result<()> {
        self.check()?;
        if !sign::verify(&self.reviewer_key, &self.message(), &self.signature) {
            return Err(bad("the reviewer's signature")); // untranslated: a signed record's field name
        }
        if !sign::verify(unit_key, &self.unit_message(), &self.unit_signature) {
            return Err(bad("the reviewing unit's signature")); // untranslated: a signed record's field name
        }
        Ok(())
    }

    /// The wire form: one JSON object.
    pub fn to_json(&self) -> Vec<u8> {
        let w = ReviewWire {
            uid: hex(&self.uid),
            decision_uid: hex(&self.decision_uid),
            decision_signature: hex(&self.decision_signature),
            decision_unit: self.decision_unit.clone(),
            verdict: self.verdict.as_str().into(),
            reason: self.reason.clone(),
            unit: self.unit.clone(),
            level: self.level.as_str().into(),
            reviewed_at: self.reviewed_at.clone(),
            reviewed_by: self.reviewed_by.clone(),
            reviewer_key: hex(&self.reviewer_key),
            signature: hex(&self.signature),
            unit_signature: hex(&self.unit_signature),
        };
        // Serialising strings, numbers and booleans cannot fail.
        serde_json::to_vec(&w).unwrap_or_default()
    }

    /// Parses the wire form. Nothing is trusted yet: [`ReviewRecord::verify`] comes next.
    pub fn from_json(data: &[u8]) -> Result<ReviewRecord> {
        if data.len() > MAX_RECORD_BYTES {
            return Err(bad("size"));
        }
        let w: ReviewWire = serde_json::from_slice(data).map_err(|_| bad("JSON"))?;
        Ok(ReviewRecord {
            uid: fixed(&w.uid, "id")?,
            decision_uid: fixed(&w.decision_uid, "decision id")?, // untranslated: a signed record's field name
            decision_signature: fixed(&w.decision_signature, "decision signature")?, // untranslated: a signed record's field name
            decision_unit: w.decision_unit,
            verdict: Verdict::parse(&w.verdict)?,
            reason: w.reason,
            unit: w.unit,
            level: parse_level(&w.level, &[Level::Region, Level::Ksf])?,
            reviewed_at: w.reviewed_at,
            reviewed_by: w.reviewed_by,
            reviewer_key: fixed(&w.reviewer_key, "key")?,
            signature: fixed(&w.signature, "signature")?,
            unit_signature: fixed(&w.unit_signature, "signature")?,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewWire {
    uid: String,
    decision_uid: String,
    decision_signature: String,
    decision_unit: String,
    verdict: String,
    reason: String,
    unit: String,
    level: String,
    reviewed_at: String,
    reviewed_by: String,
    reviewer_key: String,
    signature: String,
    unit_signature: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_round_trips_and_verifies() {
        let k = SigningKey::generate().unwrap();
        let mut r = ReviewRecord {
            uid: [2; 16],
            decision_uid: [1; 16],
            decision_signature: [3; 64],
            decision_unit: "Test fengsel".into(),
            verdict: Verdict::Overturn,
            reason: "Opplysningene er for gamle til å bære tiltaket.".into(),
            unit: "Region test".into(),
            level: Level::Region,
            reviewed_at: "2026-02-02T10:00:00Z".into(),
            reviewed_by: "rita".into(),
            reviewer_key: [0; 32],
            signature: [0; 64],
            unit_signature: [0; 64],
        };
        r.sign(k.public(), |m| k.sign(m), &k);
        let again = ReviewRecord::from_json(&r.to_json()).unwrap();
        again.verify(&k.public()).unwrap();
        let mut t = again.clone();
        t.verdict = Verdict::Uphold;
        assert!(t.verify(&k.public()).is_err());
    }
}
