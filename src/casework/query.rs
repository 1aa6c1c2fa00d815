//! Reading decisions back: lists and views with their basis and current standing, and the
//! one path that opens a decision's assessment (a logged use of the assessment document) and
//! checks its signatures again.
//!
//! Standing is derived, never stored: a decision is `overturned` if the newest review says so,
//! `superseded` if a later decision of its unit names it, `upheld` if the newest review
//! upholds it, and `in force` otherwise.

use super::record::{BasisEntry, DecisionRecord, Subject, Verdict};
use crate::documents::reader::Use;
use crate::identity::Session;
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use zeroize::Zeroizing;

/// A decision row as stored.
#[derive(Debug, Clone)]
pub(crate) struct DecisionRow {
    pub(crate) id: i64,
    pub(crate) uid: Vec<u8>,
    pub(crate) origin: String,
    pub(crate) unit: String,
    pub(crate) level: String,
    pub(crate) person_id: i64,
    pub(crate) subject: Subject,
    pub(crate) measure: String,
    pub(crate) reliability: String,
    pub(crate) asked_police: bool,
    pub(crate) police_info: bool,
    pub(crate) grading: String,
    pub(crate) decided_at: String,
    pub(crate) decided_by: String,
    pub(crate) decider_key: Vec<u8>,
    pub(crate) supersedes: Option<Vec<u8>>,
    pub(crate) signature: Vec<u8>,
    pub(crate) unit_key: Vec<u8>,
    pub(crate) unit_signature: Vec<u8>,
    pub(crate) assessment_jno: String,
}

const COLUMNS: &str = "id, uid, origin, unit, level, person_id, subject_ref, subject_name, \
    subject_born, measure, reliability, asked_police, police_info, grading, decided_at, \
    decided_by, decider_key, supersedes, signature, unit_key, unit_signature, assessment_jno";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DecisionRow> {
    Ok(DecisionRow {
        id: r.get(0)?,
        uid: r.get(1)?,
        origin: r.get(2)?,
        unit: r.get(3)?,
        level: r.get(4)?,
        person_id: r.get(5)?,
        subject: Subject {
            ref_id: r.get(6)?,
            name: r.get(7)?,
            born: r.get(8)?,
        },
        measure: r.get(9)?,
        reliability: r.get(10)?,
        asked_police: r.get(11)?,
        police_info: r.get(12)?,
        grading: r.get(13)?,
        decided_at: r.get(14)?,
        decided_by: r.get(15)?,
        decider_key: r.get(16)?,
        supersedes: r.get(17)?,
        signature: r.get(18)?,
        unit_key: r.get(19)?,
        unit_signature: r.get(20)?,
        assessment_jno: r.get(21)?,
    })
}

/// A review as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// Id at this store.
    pub id: i64,
    /// `uphold` or `overturn`.
    pub verdict: String,
    /// Why.
    pub reason: String,
    /// The reviewing unit and its level.
    pub unit: String,
    /// Its level.
    pub level: String,
    /// When.
    pub reviewed_at: String,
    /// Who.
    pub reviewed_by: String,
    /// `own` (made here) or `received` (from above).
    pub origin: String,
}

/// A decision as shown: everything but the assessment's text.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// Id at this store.
    pub id: i64,
    /// `own` (taken here) or `received` (from the level below).
    pub origin: String,
    /// The deciding unit.
    pub unit: String,
    /// Its level.
    pub level: String,
    /// The person at this store.
    pub person_id: i64,
    /// The measure.
    pub measure: String,
    /// The decision-maker's judgement of the basis.
    pub reliability: String,
    /// Whether police were asked to elaborate.
    pub asked_police: bool,
    /// Rests on police information (R24).
    pub police_info: bool,
    /// The decision's grading.
    pub grading: String,
    /// When.
    pub decided_at: String,
    /// Who.
    pub decided_by: String,
    /// The journal number (at this store) of the assessment document.
    pub assessment_journal_number: String,
    /// The decision (id here) this one supersedes, if known here.
    pub supersedes: Option<i64>,
    /// The decision (id here) that supersedes this one.
    pub superseded_by: Option<i64>,
    /// `in force`, `upheld`, `overturned` or `superseded`.
    pub standing: String,
    /// The reviews, oldest first.
    pub reviews: Vec<ReviewView>,
    /// The documents it rests on, with the age of each on the day of the decision.
    pub basis: Vec<BasisEntry>,
    /// Reports and reviews owed to other units about it.
    pub owed: Vec<super::chain::Owed>,
}

impl Session {
    /// Every decision's row, unchecked (for the check against the log).
    pub(crate) fn all_decision_rows(&self) -> Result<Vec<DecisionRow>> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM decisions ORDER BY id"))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub(crate) fn decision_row(&self, id: i64) -> Result<DecisionRow> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM decisions WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(t!("decision-not-found", id = id)))
    }

    pub(crate) fn decision_row_by_uid(&self, uid: &[u8]) -> Result<Option<DecisionRow>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM decisions WHERE uid = ?1"),
                [uid],
                from_row,
            )
            .optional()?)
    }

    /// The decision that supersedes `row`'s: only one by the same deciding unit about the
    /// same person counts (R23: a unit replaces its own decisions). A decision received
    /// from a peer that names another unit's decision as superseded would otherwise take
    /// that decision's standing away on a package its deciding unit never signed.
    pub(crate) fn superseded_by(&self, row: &DecisionRow) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM decisions WHERE supersedes = ?1 AND unit = ?2 AND person_id = ?3
                 ORDER BY id LIMIT 1",
                params![row.uid, row.unit, row.person_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn basis_of(&self, id: i64) -> Result<Vec<BasisEntry>> {
        let mut st = self.conn().prepare_cached(
            "SELECT journal_number, version, grading, source, info_date, age_days, unverified,
                    health_confidential
             FROM decision_basis WHERE decision_id = ?1 ORDER BY pos",
        )?;
        let rows = st.query_map([id], |r| {
            Ok(BasisEntry {
                journal_number: r.get(0)?,
                version: r.get(1)?,
                grading: r.get(2)?,
                source: r.get(3)?,
                info_date: r.get(4)?,
                age_days: r.get(5)?,
                unverified: r.get(6)?,
                health_confidential: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn reviews_of(&self, id: i64) -> Result<Vec<ReviewView>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, verdict, reason, unit, level, reviewed_at, reviewed_by, origin
             FROM decision_reviews WHERE decision_id = ?1 ORDER BY reviewed_at, id",
        )?;
        let rows = st.query_map([id], |r| {
            Ok(ReviewView {
                id: r.get(0)?,
                verdict: r.get(1)?,
                reason: r.get(2)?,
                unit: r.get(3)?,
                level: r.get(4)?,
                reviewed_at: r.get(5)?,
                reviewed_by: r.get(6)?,
                origin: r.get(7)?,
            })
        })?;
        let mut out = Vec::new();
        for r in rows {
            let r = r?;
            // A review row anyone with the store key can add: only one that holds under its
            // signatures decides the standing a list or report shows (`verify` names the rest).
            match self.check_review(r.id) {
                Ok(()) => out.push(r),
                Err(Error::Integrity(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    fn view(&self, row: DecisionRow) -> Result<DecisionView> {
        let reviews = self.reviews_of(row.id)?;
        let superseded_by = self.superseded_by(&row)?;
        let supersedes = match &row.supersedes {
            Some(u) => self.decision_row_by_uid(u)?.map(|r| r.id),
            None => None,
        };
        let last = reviews
            .last()
            .map(|r| Verdict::parse(&r.verdict))
            .transpose()?;
        let standing = match (last, superseded_by) {
            (Some(Verdict::Overturn), _) => "overturned",
            (_, Some(_)) => "superseded",
            (Some(Verdict::Uphold), None) => "upheld",
            (None, None) => "in force", // untranslated: standing code (--json, like "upheld")
        };
        Ok(DecisionView {
            basis: self.basis_of(row.id)?,
            owed: self.owed_about(row.id)?,
            id: row.id,
            origin: row.origin,
            unit: row.unit,
            level: row.level,
            person_id: row.person_id,
            measure: row.measure,
            reliability: row.reliability,
            asked_police: row.asked_police,
            police_info: row.police_info,
            grading: row.grading,
            decided_at: row.decided_at,
            decided_by: row.decided_by,
            assessment_journal_number: row.assessment_jno,
            supersedes,
            superseded_by,
            standing: standing.into(),
            reviews,
        })
    }

    /// One decision as shown (no assessment text).
    pub fn decision(&self, id: i64) -> Result<DecisionView> {
        self.view(self.decision_row(id)?)
    }

    /// Decisions, newest first, optionally about one person, optionally decided in
    /// [`from`, `to`] (dates, inclusive).
    pub fn decisions(
        &self,
        person: Option<i64>,
        between: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    ) -> Result<Vec<DecisionView>> {
        if let Some(p) = person {
            self.person(p)?;
        }
        let (from, to) = match between {
            Some((f, t)) => (Some(f.to_string()), Some(format!("{t}T99"))),
            None => (None, None),
        };
        let mut st = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM decisions
             WHERE (?1 IS NULL OR person_id = ?1)
               AND (?2 IS NULL OR decided_at >= ?2) AND (?3 IS NULL OR decided_at <= ?3)
             ORDER BY decided_at DESC, id DESC"
        ))?;
        let rows: Vec<DecisionRow> = st
            .query_map(rusqlite::params![person, from, to], from_row)?
            .collect::<std::result::Result<_, _>>()?;
        rows.into_iter().map(|r| self.view(r)).collect()
    }

    /// The signed record of decision `id`, rebuilt from its row and the assessment's text.
    pub(crate) fn rebuild_record(
        &self,
        row: &DecisionRow,
        assessment: Zeroizing<String>,
    ) -> Result<DecisionRecord> {
        let bad = || Error::Integrity(t!("decision-malformed-in-store", id = row.id));
        Ok(DecisionRecord {
            uid: row.uid.as_slice().try_into().map_err(|_| bad())?,
            unit: row.unit.clone(),
            level: row.level.parse().map_err(|_| bad())?,
            subject: row.subject.clone(),
            measure: row.measure.parse().map_err(|_| bad())?,
            basis: self.basis_of(row.id)?,
            reliability: row.reliability.parse().map_err(|_| bad())?,
            asked_police: row.asked_police,
            police_info: row.police_info,
            grading: row.grading.parse().map_err(|_| bad())?,
            assessment,
            decided_at: row.decided_at.clone(),
            decided_by: row.decided_by.clone(),
            decider_key: row.decider_key.as_slice().try_into().map_err(|_| bad())?,
            supersedes: row
                .supersedes
                .as_ref()
                .map(|s| s.as_slice().try_into().map_err(|_| bad()))
                .transpose()?,
            signature: row.signature.as_slice().try_into().map_err(|_| bad())?,
            unit_signature: row
                .unit_signature
                .as_slice()
                .try_into()
                .map_err(|_| bad())?,
        })
    }

    /// Opens decision `id` with its assessment: reading the assessment is a logged use of its
    /// document, refused (and logged) like any `doc show` to someone who may not read it. The
    /// signatures are checked again: the decider's key against their certificate (for a
    /// decision taken here) and the unit's signature against this unit's key, or the key the
    /// deciding unit was received under. A decision that fails is an integrity error.
    pub fn open_decision(
        &mut self,
        id: i64,
        purpose: Option<String>,
    ) -> Result<(DecisionView, DecisionRecord)> {
        self.open_decision_for(id, Use::Show, purpose)
    }

    /// [`Session::open_decision`] for a use: shown here, or exported to a recipient (a
    /// package up the chain or to police), which the disclosure rules are asked about.
    pub(crate) fn open_decision_for(
        &mut self,
        id: i64,
        how: Use,
        purpose: Option<String>,
    ) -> Result<(DecisionView, DecisionRecord)> {
        let row = self.decision_row(id)?;
        let text = self.read_assessment(&row.assessment_jno, how, purpose)?;
        let rec = self.rebuild_record(&row, text)?;
        let unit_key: [u8; 32] = if row.origin == "own" {
            // The decider must be the certified holder of the key that signed, and have
            // held decision authority by their certificate (R21).
            let certified = self
                .certified_accounts()?
                .iter()
                .any(|c| c.decides_as(&row.decided_by, &rec.decider_key));
            if !certified {
                return Err(Error::Integrity(t!("decision-not-certified", id = id)));
            }
            // The person it is filed under is not in the signed record: it must be the
            // one the record names, or the decision was moved to another person's list.
            if row.person_id != rec.subject.ref_id {
                return Err(Error::Integrity(t!("decision-person-moved", id = id)));
            }
            // Under whichever of this unit's keys it was signed (before a rollover or after).
            self.unit_signing_history()?
                .into_iter()
                .find(|k| rec.verify(k).is_ok())
                .unwrap_or(*self.anchor())
        } else {
            // The unit key is a column: a key of one's own put there would make a decision
            // re-signed with it pass as the deciding unit's.
            if !self.was_trusted_under(&row.unit, &row.unit_key)? {
                return Err(Error::Integrity(t!(
                    "casework-decision-key-untrusted",
                    id = id,
                    unit = crate::text::escape(&row.unit)
                )));
            }
            row.unit_key
                .as_slice()
                .try_into()
                .map_err(|_| Error::Integrity(t!("decision-malformed", id = id)))?
        };
        rec.verify(&unit_key).map_err(|_| {
            Error::Integrity(t!(
                "decision-signature-mismatch",
                id = id,
                jno = row.assessment_jno.as_str()
            ))
        })?;
        Ok((self.view(row)?, rec))
    }

    /// Reads an assessment document's text through the logged path.
    pub(crate) fn read_assessment(
        &mut self,
        jno: &str,
        how: Use,
        purpose: Option<String>,
    ) -> Result<Zeroizing<String>> {
        let mut opened = self.open_document(jno, how, purpose)?;
        let mut bytes = Zeroizing::new(Vec::new());
        opened.copy_to(&mut *bytes)?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| Error::Integrity(t!("decision-assessment-not-text", jno = jno)))?;
        Ok(Zeroizing::new(text.to_owned()))
    }
}
