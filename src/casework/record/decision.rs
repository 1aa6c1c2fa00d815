//! A decision as it travels: its fields, canonical encoding, signatures and wire form.

use super::{
    assessment_is_substantial, bad, check_text, date_of, fixed, parse_level, parse_source,
    MAX_RECORD_BYTES,
};
use crate::authz::Grading;
use crate::casework::{Measure, Reliability};
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{encode_fields, hex, labels};
use crate::identity::Level;
use crate::text::limits;
use crate::Result;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// One document a decision rests on, as it was on the day of the decision (R34).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisEntry {
    /// Journal number at the deciding store.
    pub journal_number: String,
    /// The version the decision rests on.
    pub version: i64,
    /// Its governing grading then.
    pub grading: String,
    /// Its source (kripos, pst, police, ksf, region, local, other).
    pub source: String,
    /// The date of the information, YYYY-MM-DD.
    pub info_date: String,
    /// How old the information was on the day of the decision, in days (computed).
    pub age_days: i64,
    /// Its correctness had not been established (R5).
    pub unverified: bool,
    /// Learnt as assistant to health personnel (R26): never to police.
    pub health_confidential: bool,
}

impl BasisEntry {
    fn encode(&self) -> Vec<u8> {
        encode_fields(
            b"",
            &[
                self.journal_number.as_bytes(),
                &self.version.to_be_bytes(),
                self.grading.as_bytes(),
                self.source.as_bytes(),
                self.info_date.as_bytes(),
                &self.age_days.to_be_bytes(),
                &[
                    u8::from(self.unverified),
                    u8::from(self.health_confidential),
                ],
            ],
        )
    }

    /// Police information (R24).
    pub fn is_police(&self) -> bool {
        parse_source(&self.source).is_ok_and(|s| s.is_police())
    }
}

/// Whom a decision is about, as the deciding store knows the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// The person's id at the deciding store.
    pub ref_id: i64,
    /// Name.
    pub name: String,
    /// Date of birth.
    pub born: Option<String>,
}

/// A decision as signed by the officer who took it and by their unit.
#[derive(Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// Random id, the same at every store.
    pub uid: [u8; 16],
    /// The deciding unit.
    pub unit: String,
    /// Its level: local or region.
    pub level: Level,
    /// Whom it is about.
    pub subject: Subject,
    /// The measure (R22).
    pub measure: Measure,
    /// The documents it rests on (R34).
    pub basis: Vec<BasisEntry>,
    /// The decision-maker's judgement of their reliability (R34).
    pub reliability: Reliability,
    /// Whether police were asked to elaborate (R34).
    pub asked_police: bool,
    /// Rests on police information, and is owed to KSF (R24). Derived from the basis.
    pub police_info: bool,
    /// The highest grading among the basis: the decision's own.
    pub grading: Grading,
    /// The decision-maker's own assessment (R34).
    pub assessment: Zeroizing<String>,
    /// When, RFC 3339 UTC.
    pub decided_at: String,
    /// Who decided (user name at the deciding store).
    pub decided_by: String,
    /// Their Ed25519 public key.
    pub decider_key: [u8; 32],
    /// The decision this one supersedes.
    pub supersedes: Option<[u8; 16]>,
    /// The decider's signature over [`DecisionRecord::message`].
    pub signature: [u8; 64],
    /// The unit's signature over the message and the decider's signature.
    pub unit_signature: [u8; 64],
}

impl std::fmt::Debug for DecisionRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the assessment, nor the person.
        f.debug_struct("DecisionRecord")
            .field("uid", &hex(&self.uid))
            .field("unit", &self.unit)
            .field("measure", &self.measure.kind())
            .field("decided_at", &self.decided_at)
            .finish_non_exhaustive()
    }
}

impl DecisionRecord {
    /// The canonical encoding that both signatures cover (everything but the signatures).
    pub fn message(&self) -> Vec<u8> {
        let basis: Vec<Vec<u8>> = self.basis.iter().map(BasisEntry::encode).collect();
        let basis_refs: Vec<&[u8]> = basis.iter().map(Vec::as_slice).collect();
        let basis = encode_fields(b"", &basis_refs);
        let measure = self.measure.to_string();
        encode_fields(
            labels::SIG_DECISION,
            &[
                &self.uid,
                self.unit.as_bytes(),
                self.level.as_str().as_bytes(),
                &self.subject.ref_id.to_be_bytes(),
                self.subject.name.as_bytes(),
                self.subject.born.as_deref().unwrap_or("").as_bytes(),
                measure.as_bytes(),
                &basis,
                self.reliability.as_str().as_bytes(),
                &[u8::from(self.asked_police), u8::from(self.police_info)],
                self.grading.as_str().as_bytes(),
                self.assessment.as_bytes(),
                self.decided_at.as_bytes(),
                self.decided_by.as_bytes(),
                &self.decider_key,
                self.supersedes.as_ref().map(|s| &s[..]).unwrap_or(b""),
            ],
        )
    }

    fn unit_message(&self) -> Vec<u8> {
        encode_fields(
            labels::SIG_DECISION_UNIT,
            &[&self.message(), &self.signature],
        )
    }

    /// Signs as the deciding officer (whose public key and signing function are given)
    /// and their unit.
    pub(crate) fn sign(
        &mut self,
        officer_public: [u8; 32],
        officer: impl Fn(&[u8]) -> sign::Signature,
        unit: &SigningKey,
    ) {
        self.decider_key = officer_public;
        self.signature = officer(&self.message());
        self.unit_signature = unit.sign(&self.unit_message());
    }

    /// The rules every decision obeys, whoever made it: the basis is there and its ages and
    /// flags agree with its dates, the grading is the highest of the basis, police information
    /// is marked as such, an unverified basis is not called verified, and there is an
    /// assessment of substance.
    pub fn check(&self) -> Result<()> {
        if !matches!(self.level, Level::Local | Level::Region) {
            return Err(bad("level"));
        }
        if self.basis.is_empty() || self.basis.len() > 100 {
            return Err(bad("basis"));
        }
        let day = date_of(&self.decided_at)?;
        let mut top = Grading::Fortrolig;
        for b in &self.basis {
            let info = chrono::NaiveDate::parse_from_str(&b.info_date, "%Y-%m-%d")
                .map_err(|_| bad("information date"))?; // untranslated: a signed record's field name
            if (day - info).num_days() != b.age_days || b.age_days < 0 {
                return Err(bad("age of the information")); // untranslated: a signed record's field name
            }
            crate::documents::parse_jno(&b.journal_number).map_err(|_| bad("journal number"))?; // untranslated: a signed record's field name
            parse_source(&b.source)?;
            if b.version < 1 {
                return Err(bad("basis document")); // untranslated: a signed record's field name
            }
            top = top.max(b.grading.parse().map_err(|_| bad("grading"))?);
        }
        if top != self.grading {
            return Err(bad("grading"));
        }
        if self.police_info != self.basis.iter().any(BasisEntry::is_police) {
            return Err(bad("police information")); // untranslated: a signed record's field name
        }
        if self.reliability == Reliability::Verified && self.basis.iter().any(|b| b.unverified) {
            return Err(bad("reliability"));
        }
        if !assessment_is_substantial(&self.assessment) {
            return Err(bad("assessment"));
        }
        for (t, max) in [
            (&self.unit, limits::NAME),
            (&self.subject.name, limits::NAME),
            (&self.decided_by, 64),
        ] {
            check_text(t, max)?;
        }
        if let Some(b) = &self.subject.born {
            check_text(b, 32)?;
        }
        Ok(())
    }

    /// Checks the rules, the officer's signature, and the unit's signature under `unit_key`
    /// (the key of the deciding unit, as this store trusts it).
    pub fn verify(&self, unit_key: &[u8]) -> Result<()> {
        self.check()?;
        if !sign::verify(&self.decider_key, &self.message(), &self.signature) {
            return Err(bad("the decision-maker's signature")); // untranslated: a signed record's field name
        }
        if !sign::verify(unit_key, &self.unit_message(), &self.unit_signature) {
            return Err(bad("the deciding unit's signature")); // untranslated: a signed record's field name
        }
        Ok(())
    }

    /// The wire form: one JSON object.
    pub fn to_json(&self) -> Zeroizing<Vec<u8>> {
        let w = DecisionWire {
            uid: hex(&self.uid),
            unit: self.unit.clone(),
            level: self.level.as_str().into(),
            subject: self.subject.clone(),
            measure: self.measure.to_string(),
            basis: self.basis.clone(),
            reliability: self.reliability.as_str().into(),
            asked_police: self.asked_police,
            police_info: self.police_info,
            grading: self.grading.as_str().into(),
            assessment: self.assessment.to_string(),
            decided_at: self.decided_at.clone(),
            decided_by: self.decided_by.clone(),
            decider_key: hex(&self.decider_key),
            supersedes: self.supersedes.map(|s| hex(&s)),
            signature: hex(&self.signature),
            unit_signature: hex(&self.unit_signature),
        };
        // Serialising strings, numbers and booleans cannot fail.
        let out = Zeroizing::new(serde_json::to_vec(&w).unwrap_or_default());
        let mut w = w;
        zeroize::Zeroize::zeroize(&mut w.assessment);
        out
    }

    /// Parses the wire form. Nothing is trusted yet: [`DecisionRecord::verify`] comes next.
    pub fn from_json(data: &[u8]) -> Result<DecisionRecord> {
        if data.len() > MAX_RECORD_BYTES {
            return Err(bad("size"));
        }
        let mut w: DecisionWire = serde_json::from_slice(data).map_err(|_| bad("JSON"))?;
        let assessment = Zeroizing::new(std::mem::take(&mut w.assessment));
        Ok(DecisionRecord {
            uid: fixed(&w.uid, "id")?,
            unit: w.unit,
            level: parse_level(&w.level, &[Level::Local, Level::Region])?,
            subject: w.subject,
            measure: w.measure.parse().map_err(|_| bad("measure"))?,
            basis: w.basis,
            reliability: w.reliability.parse().map_err(|_| bad("reliability"))?,
            asked_police: w.asked_police,
            police_info: w.police_info,
            grading: w.grading.parse().map_err(|_| bad("grading"))?,
            assessment,
            decided_at: w.decided_at,
            decided_by: w.decided_by,
            decider_key: fixed(&w.decider_key, "key")?,
            supersedes: w
                .supersedes
                .map(|s| fixed(&s, "superseded id")) // untranslated: a signed record's field name
                .transpose()?,
            signature: fixed(&w.signature, "signature")?,
            unit_signature: fixed(&w.unit_signature, "signature")?,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionWire {
    uid: String,
    unit: String,
    level: String,
    subject: Subject,
    measure: String,
    basis: Vec<BasisEntry>,
    reliability: String,
    asked_police: bool,
    police_info: bool,
    grading: String,
    assessment: String,
    decided_at: String,
    decided_by: String,
    decider_key: String,
    supersedes: Option<String>,
    signature: String,
    unit_signature: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> DecisionRecord {
        DecisionRecord {
            uid: [1; 16],
            unit: "Test fengsel".into(),
            level: Level::Local,
            subject: Subject {
                ref_id: 4,
                name: "Per Olsen".into(),
                born: None,
            },
            measure: Measure::VisitBan,
            basis: vec![BasisEntry {
                journal_number: "2026/00001".into(),
                version: 1,
                grading: "FORTROLIG".into(),
                source: "kripos".into(),
                info_date: "2026-01-01".into(),
                age_days: 31,
                unverified: true,
                health_confidential: false,
            }],
            reliability: Reliability::Unverified,
            asked_police: true,
            police_info: true,
            grading: Grading::Fortrolig,
            assessment: Zeroizing::new(
                "Opplysningene er ubekreftede og en måned gamle, men alvorlige nok.".into(),
            ),
            decided_at: "2026-02-01T10:00:00Z".into(),
            decided_by: "kari".into(),
            decider_key: [0; 32],
            supersedes: None,
            signature: [0; 64],
            unit_signature: [0; 64],
        }
    }

    #[test]
    fn a_signed_decision_round_trips_and_verifies_and_any_change_breaks_it() {
        let officer = SigningKey::generate().unwrap();
        let unit = SigningKey::generate().unwrap();
        let mut r = sample();
        r.sign(officer.public(), |m| officer.sign(m), &unit);
        r.verify(&unit.public()).unwrap();
        let again = DecisionRecord::from_json(&r.to_json()).unwrap();
        again.verify(&unit.public()).unwrap();
        assert_eq!(again.message(), r.message());
        // Another unit's key, a changed assessment, a changed age: each refused.
        assert!(r.verify(&officer.public()).is_err());
        let mut t = DecisionRecord::from_json(&r.to_json()).unwrap();
        t.assessment.push('!');
        assert!(t.verify(&unit.public()).is_err());
        let mut t = DecisionRecord::from_json(&r.to_json()).unwrap();
        t.basis[0].age_days = 1;
        assert!(t.verify(&unit.public()).is_err());
    }

    #[test]
    fn a_record_breaking_the_rules_fails_its_check_even_when_signed() {
        let k = SigningKey::generate().unwrap();
        let mut r = sample();
        r.reliability = Reliability::Verified;
        r.sign(k.public(), |m| k.sign(m), &k);
        assert!(r.verify(&k.public()).is_err());
        let mut r = sample();
        r.police_info = false;
        r.sign(k.public(), |m| k.sign(m), &k);
        assert!(r.verify(&k.public()).is_err());
        let mut r = sample();
        r.assessment = Zeroizing::new("OK.".into());
        r.sign(k.public(), |m| k.sign(m), &k);
        assert!(r.verify(&k.public()).is_err());
    }
}
