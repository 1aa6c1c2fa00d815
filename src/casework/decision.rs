//! Taking a decision (R22, R34): the checks, the signed record, and one transaction that
//! writes the assessment into the person's folder and the decision beside it.
//!
//! The order of the checks is the order of the questions an inspection asks: may this person
//! decide at all (role, level, decision authority), may they read everything the decision
//! rests on (need to know, exactly as `doc show` decides it), did they make their own
//! assessment, and do they call unverified information verified. Each refusal names its rule
//! and is logged.

use super::record::{assessment_is_substantial, BasisEntry, DecisionRecord, Subject};
use super::{chain, today, Measure, Reliability};
use crate::audit::{self, Act};
use crate::crypto::rand;
use crate::documents::add::{Origin, TextDoc};
use crate::identity::{Level, Role, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};
use zeroize::Zeroizing;

/// A decision being superseded: its id here and its uid.
type Superseded = (i64, [u8; 16]);

/// `decision add` (and `decision supersede`, with `supersedes`).
#[derive(Debug)]
pub struct NewDecision {
    /// The person the decision is about.
    pub person_id: i64,
    /// The measure (R22).
    pub measure: Measure,
    /// Journal numbers of the documents it rests on.
    pub basis: Vec<String>,
    /// The decision-maker's own assessment (R34); `None` is refused.
    pub assessment: Option<Zeroizing<String>>,
    /// Their judgement of the basis's reliability.
    pub reliability: Reliability,
    /// Whether police were asked to elaborate.
    pub asked_police: bool,
    /// The decision (id at this store) this one supersedes.
    pub supersedes: Option<i64>,
}

impl Session {
    /// Refuses, logged, unless the acting user is an officer with decision authority, as
    /// their certificate says (R21): the row alone is anyone's with the store key to edit.
    pub(crate) fn require_decision_authority(&mut self, act: &Act, what: &str) -> Result<()> {
        let me = self.user().clone();
        let certified = self.certified_by_id(me.id)?.ok_or_else(|| {
            Error::Integrity(t!("casework-account-missing", name = me.name.as_str()))
        })?;
        if certified.role != Role::Officer {
            let msg = t!(
                "casework-not-officer",
                name = me.name.as_str(),
                role = certified.role.as_str(),
                what = what
            );
            return Err(self.refuse(act.clone(), "role", msg));
        }
        if !certified.decision_authority {
            let msg = t!("casework-no-decision-authority", name = me.name.as_str());
            let rule = "decision authority"; // untranslated: refusal rule name (rule_label shows it)
            return Err(self.refuse(act.clone(), rule, msg));
        }
        Ok(())
    }

    /// Takes a decision: checks, signs, and records it with its assessment, in one
    /// transaction. Returns the decision's id.
    pub fn add_decision(&mut self, d: NewDecision) -> Result<i64> {
        let verb = if d.supersedes.is_some() {
            "decision-supersede"
        } else {
            "decision-add"
        };
        let act = Act::new(verb).person(d.person_id);
        let (rec, supersedes) = self.signed_decision(d, &act)?;
        let unit_key = *self.anchor();
        let region = self.meta().region.clone();
        let person = rec.subject.ref_id;
        let title = format!("Vedtak: {}", rec.measure.kind());
        let text = rec.assessment.clone();
        let doc = TextDoc {
            person_id: person,
            grading: rec.grading,
            title: &title,
            origin: Origin::Here,
            // What the decision repeats of health-confidential information is as
            // confidential as its source (R26).
            health_confidential: rec.basis.iter().any(|b| b.health_confidential),
            text: &text,
        };
        let (_, id) = self.add_text_document_with(doc, |tx, acting, w| {
            let id = insert_decision(tx, &rec, "own", person, &unit_key, &w.journal_number)?;
            chain::queue_own_decision(tx, id, rec.level, region.as_deref(), rec.police_info)?;
            let detail = match supersedes {
                Some((old, _)) => format!(
                    "decision {id}: {}, supersedes decision {old}", // untranslated: use-log detail
                    rec.measure.kind()
                ),
                None => format!("decision {id}: {}", rec.measure.kind()),
            };
            let a = Act::new(verb)
                .doc(&w.journal_number, w.version, person)
                .detail(detail);
            audit::append(tx, acting, &a)?;
            Ok(id)
        })?;
        Ok(id)
    }

    /// Every check a decision must pass, in the order an inspection asks, then the record
    /// signed by the decision-maker and the unit. Each refusal is logged under `act`.
    /// Returns the record and the decision it supersedes (id and uid), if any.
    fn signed_decision(
        &mut self,
        d: NewDecision,
        act: &Act,
    ) -> Result<(DecisionRecord, Option<Superseded>)> {
        self.require_decision_authority(act, &t!("casework-what-decide"))?;
        if self.meta().level == Level::Ksf {
            return Err(self.refuse(act.clone(), "level", t!("decision-not-at-ksf")));
        }
        let person = self.person(d.person_id)?;
        let now = chrono::Utc::now();
        let basis = self.basis_entries(act, &d.basis, now.date_naive())?;
        let assessment = self.own_assessment(act, d.assessment)?;
        self.honest_reliability(act, d.reliability, &basis)?;
        let supersedes = match d.supersedes {
            Some(old) => Some(self.supersedable(old, person.id)?),
            None => None,
        };
        let grading = basis
            .iter()
            .map(|b| b.grading.parse())
            .collect::<Result<Vec<crate::authz::Grading>>>()?
            .into_iter()
            .max()
            .unwrap_or(crate::authz::Grading::Fortrolig);
        let mut rec = DecisionRecord {
            uid: rand::array()?,
            unit: self.meta().unit.clone(),
            level: self.meta().level,
            subject: Subject {
                ref_id: person.id,
                name: person.name,
                born: person.born,
            },
            measure: d.measure,
            police_info: basis.iter().any(BasisEntry::is_police),
            basis,
            reliability: d.reliability,
            asked_police: d.asked_police,
            grading,
            assessment,
            decided_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            decided_by: self.user().name.clone(),
            decider_key: [0; 32],
            supersedes: supersedes.map(|(_, uid)| uid),
            signature: [0; 64],
            unit_signature: [0; 64],
        };
        let unit = self.unit_keys()?;
        let acting = self.acting();
        rec.sign(acting.sign_public(), |m| acting.sign(m), &unit.signing);
        drop(unit);
        rec.check()?;
        Ok((rec, supersedes))
    }

    /// The decision-maker's own assessment (R34), or a logged refusal.
    fn own_assessment(
        &mut self,
        act: &Act,
        a: Option<Zeroizing<String>>,
    ) -> Result<Zeroizing<String>> {
        match a {
            Some(a) if assessment_is_substantial(&a) => Ok(a),
            _ => Err(self.refuse(
                act.clone(),
                "own assessment", // untranslated: refusal rule name (rule_label shows it)
                t!(
                    "decision-assessment-needed",
                    chars = super::record::MIN_ASSESSMENT_CHARS,
                    words = super::record::MIN_ASSESSMENT_WORDS
                ),
            )),
        }
    }

    /// Refuses, logged, to call a basis verified when any of it is marked unverified (R5).
    fn honest_reliability(
        &mut self,
        act: &Act,
        reliability: Reliability,
        basis: &[BasisEntry],
    ) -> Result<()> {
        let unverified: Vec<&str> = basis
            .iter()
            .filter(|b| b.unverified)
            .map(|b| b.journal_number.as_str())
            .collect();
        if reliability == Reliability::Verified && !unverified.is_empty() {
            let msg = t!(
                "decision-basis-not-verified",
                docs = unverified.join(", "),
                count = unverified.len()
            );
            return Err(self.refuse(act.clone(), "reliability", msg));
        }
        Ok(())
    }

    /// The basis entries of a decision taken on `day`: each document must exist, be in the
    /// person's own folder, and be readable by the decision-maker (refusals logged).
    fn basis_entries(
        &mut self,
        act: &Act,
        jnos: &[String],
        day: chrono::NaiveDate,
    ) -> Result<Vec<BasisEntry>> {
        if jnos.is_empty() || jnos.len() > 100 {
            return Err(Error::Usage(t!("decision-basis-count", max = 100)));
        }
        let person = act.person_id.unwrap_or(0);
        let folder = self.folder_of(person)?;
        let mut out: Vec<BasisEntry> = Vec::new();
        for j in jnos {
            let meta = self.document(j)?;
            if out.iter().any(|b| b.journal_number == meta.journal_number) {
                continue;
            }
            let doc_act = act
                .clone()
                .doc(&meta.journal_number, meta.version, meta.person_id);
            if meta.folder_id != folder {
                let msg = t!(
                    "decision-basis-outside-folder",
                    jno = meta.journal_number.as_str(),
                    other = meta.person_id,
                    person = person
                );
                let rule = "basis outside folder"; // untranslated: refusal rule name (rule_label shows it)
                return Err(self.refuse(doc_act, rule, msg));
            }
            // The same checks as reading it (documents/reader.rs): whole, and need to know.
            self.check_document_whole(&meta.journal_number)?;
            let grading = self.effective_grading(&meta)?;
            let denied = self.may_read(meta.folder_id, meta.key_tier, meta.key_version, grading)?;
            if let Some(den) = denied {
                let msg = t!(
                    "decision-basis-unreadable",
                    jno = meta.journal_number.as_str(),
                    why = den.message.as_str()
                );
                return Err(self.refuse(doc_act, den.rule, msg));
            }
            let info =
                chrono::NaiveDate::parse_from_str(&meta.info_date, "%Y-%m-%d").map_err(|_| {
                    Error::Integrity(t!(
                        "decision-basis-bad-date",
                        jno = meta.journal_number.as_str()
                    ))
                })?;
            let age = (day - info).num_days();
            if age < 0 {
                return Err(Error::Usage(t!(
                    "decision-basis-future",
                    jno = meta.journal_number.as_str(),
                    date = meta.info_date.as_str()
                )));
            }
            out.push(BasisEntry {
                journal_number: meta.journal_number.clone(),
                version: meta.version,
                grading: grading.as_str().into(),
                source: meta.source.clone(),
                info_date: meta.info_date.clone(),
                age_days: age,
                unverified: meta.unverified,
                health_confidential: meta.health_confidential,
            });
        }
        Ok(out)
    }

    /// The decision `old` may be superseded by a new one about `person`: it is this store's
    /// own, about the same person, and not superseded yet. Returns its id and uid.
    fn supersedable(&self, old: i64, person: i64) -> Result<Superseded> {
        let row = self.decision_row(old)?;
        if row.origin != "own" {
            return Err(Error::Usage(t!(
                "decision-supersede-other-unit",
                id = old,
                unit = row.unit.as_str()
            )));
        }
        if row.person_id != person {
            return Err(Error::Usage(t!(
                "decision-supersede-other-person",
                id = old,
                other = row.person_id,
                person = person
            )));
        }
        if let Some(by) = self.superseded_by(&row)? {
            return Err(Error::Usage(t!(
                "decision-already-superseded",
                id = old,
                by = by
            )));
        }
        let uid = <[u8; 16]>::try_from(row.uid.as_slice())
            .map_err(|_| Error::Integrity(t!("decision-malformed-id", id = old)))?;
        Ok((old, uid))
    }
}

/// Writes a decision row and its basis inside `tx`; returns the row id. Used for decisions
/// taken here and decisions received from below alike.
pub(super) fn insert_decision(
    tx: &Transaction<'_>,
    rec: &DecisionRecord,
    origin: &str,
    person_id: i64,
    unit_key: &[u8; 32],
    assessment_jno: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO decisions (uid, origin, unit, level, person_id, subject_ref, subject_name,
             subject_born, measure, reliability, asked_police, police_info, grading, decided_at,
             decided_by, decider_key, supersedes, signature, unit_key, unit_signature,
             assessment_jno, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22)",
        params![
            rec.uid.to_vec(),
            origin,
            rec.unit,
            rec.level.as_str(),
            person_id,
            rec.subject.ref_id,
            rec.subject.name,
            rec.subject.born,
            rec.measure.to_string(),
            rec.reliability.as_str(),
            rec.asked_police,
            rec.police_info,
            rec.grading.as_str(),
            rec.decided_at,
            rec.decided_by,
            rec.decider_key.to_vec(),
            rec.supersedes.map(|s| s.to_vec()),
            rec.signature.to_vec(),
            unit_key.to_vec(),
            rec.unit_signature.to_vec(),
            assessment_jno,
            crate::time::now_rfc3339(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut st = tx.prepare_cached(
        "INSERT INTO decision_basis (decision_id, pos, journal_number, version, grading, source,
             info_date, age_days, unverified, health_confidential)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (pos, b) in rec.basis.iter().enumerate() {
        st.execute(params![
            id,
            i64::try_from(pos).unwrap_or(i64::MAX),
            b.journal_number,
            b.version,
            b.grading,
            b.source,
            b.info_date,
            b.age_days,
            b.unverified,
            b.health_confidential
        ])?;
    }
    Ok(id)
}

/// Days from `info_date` (YYYY-MM-DD) to today, for what the register shows now beside the
/// age at decision time.
pub fn age_today(info_date: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(info_date, "%Y-%m-%d").ok()?;
    Some((today() - d).num_days())
}
