//! Review by the level above (R23): a region upholds or overturns a local unit's decision,
//! KSF a region's; and the two ends of the journey: a decision received from below, and a
//! review received from above.
//!
//! A review never changes the decision: it is a signed record of its own, and the decision's
//! standing is derived from it (query.rs). What arrives from another store is verified
//! (rules and both signatures, the unit's under the key the transfer module trusts for the
//! sender) before a single row is written.

use super::decision::insert_decision;
use super::level_above;
use super::record::{DecisionRecord, ReviewRecord, Verdict, MIN_REASON_CHARS};
use super::{chain, checked_text};
use crate::audit::{self, Act};
use crate::crypto::rand;
use crate::documents::add::{Origin, TextDoc};
use crate::documents::Source;
use crate::identity::{Level, Session};
use crate::text::limits;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use zeroize::Zeroizing;

/// A review row as stored.
struct StoredReview {
    uid: Vec<u8>,
    decision: i64,
    verdict: String,
    reason: String,
    unit: String,
    level: String,
    at: String,
    by: String,
    key: Vec<u8>,
    sig: Vec<u8>,
    usig: Vec<u8>,
}

fn misaddressed(what: String) -> Error {
    Error::Integrity(t!("casework-misaddressed", what = what))
}

fn insert_review(
    tx: &Transaction<'_>,
    rec: &ReviewRecord,
    origin: &str,
    decision: i64,
    unit_key: &[u8; 32],
) -> Result<i64> {
    tx.execute(
        "INSERT INTO decision_reviews (uid, origin, decision_id, verdict, reason, unit, level,
             reviewed_at, reviewed_by, reviewer_key, signature, unit_key, unit_signature,
             recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            rec.uid.to_vec(),
            origin,
            decision,
            rec.verdict.as_str(),
            rec.reason,
            rec.unit,
            rec.level.as_str(),
            rec.reviewed_at,
            rec.reviewed_by,
            rec.reviewer_key.to_vec(),
            rec.signature.to_vec(),
            unit_key.to_vec(),
            rec.unit_signature.to_vec(),
            now_rfc3339()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Session {
    /// `decision uphold|overturn ID`: the level above's verdict on a decision received from
    /// below. Needs decision authority and the right to read the decision's assessment; an
    /// overturn needs a reason. Returns the review's id.
    pub fn review_decision(
        &mut self,
        id: i64,
        verdict: Verdict,
        reason: Option<&str>,
    ) -> Result<i64> {
        let row = self.decision_row(id)?;
        let act = Act::new("decision-review").person(row.person_id);
        self.require_decision_authority(&act, &t!("casework-what-review"))?;
        let here = self.meta().level;
        let row_level: Level = row
            .level
            .parse()
            .map_err(|_| Error::Integrity(t!("decision-malformed", id = id)))?;
        if row.origin == "own" || level_above(row_level) != Some(here) {
            let msg = if row.origin == "own" {
                t!("review-own-decision", id = id)
            } else {
                t!(
                    "review-not-level-above",
                    id = id,
                    unit = row.unit.as_str(),
                    level = row.level.as_str(),
                    here = here.as_str()
                )
            };
            let rule = "level above"; // untranslated: refusal rule name (rule_label shows it)
            return Err(self.refuse(act, rule, msg));
        }
        // Reviewing means reading the assessment: the same need-to-know decision.
        let doc = self.document(&row.assessment_jno)?;
        self.check_document_whole(&doc.journal_number)?;
        let grading = self.effective_grading(&doc)?;
        if let Some(d) = self.may_read(doc.folder_id, doc.key_tier, doc.key_version, grading)? {
            let act = act.doc(&doc.journal_number, doc.version, doc.person_id);
            return Err(self.refuse(act, d.rule, d.message));
        }
        let reason = reason.map(str::trim).unwrap_or("");
        if verdict == Verdict::Overturn && reason.chars().count() < MIN_REASON_CHARS {
            let msg = t!("review-reason-needed", min = MIN_REASON_CHARS);
            return Err(self.refuse(act, "reason", msg));
        }
        let reason = if reason.is_empty() {
            String::new()
        } else {
            checked_text(&t!("review-field-reason"), reason, 1, limits::LONG, true)?
        };
        let mut rec = ReviewRecord {
            uid: rand::array()?,
            decision_uid: row
                .uid
                .as_slice()
                .try_into()
                .map_err(|_| Error::Integrity(t!("decision-malformed", id = id)))?,
            decision_signature: row
                .signature
                .as_slice()
                .try_into()
                .map_err(|_| Error::Integrity(t!("decision-malformed", id = id)))?,
            decision_unit: row.unit.clone(),
            verdict,
            reason,
            unit: self.meta().unit.clone(),
            level: here,
            reviewed_at: now_rfc3339(),
            reviewed_by: self.user().name.clone(),
            reviewer_key: [0; 32],
            signature: [0; 64],
            unit_signature: [0; 64],
        };
        let unit = self.unit_keys()?;
        let acting = self.acting();
        rec.sign(acting.sign_public(), |m| acting.sign(m), &unit.signing);
        drop(unit);
        rec.check()?;
        let unit_key = *self.anchor();
        self.write(|tx, acting| {
            let rid = insert_review(tx, &rec, "own", id, &unit_key)?;
            chain::queue_review(tx, id, rid, &row.level, &row.unit, verdict)?;
            let act = act.detail(format!("{} decision {id}", verdict.as_str()));
            audit::append(tx, acting, &act)?;
            Ok(rid)
        })
    }

    /// The signed record of review `id` (made here), for the package back down.
    pub fn review_record(&self, id: i64) -> Result<ReviewRecord> {
        let (rec, origin, _) = self.stored_review(id)?;
        if origin != "own" {
            return Err(Error::NotFound(t!("review-not-found-here", id = id)));
        }
        self.check_own_review(id, &rec)?;
        Ok(rec)
    }

    /// Review `id` rebuilt from its row, with its origin (`own` or `received`) and the unit
    /// key it was recorded under. Nothing is verified here.
    pub(crate) fn stored_review(&self, id: i64) -> Result<(ReviewRecord, String, Vec<u8>)> {
        let bad = || Error::Integrity(t!("review-malformed-in-store", id = id));
        let (r, origin, unit_key) = self
            .conn()
            .query_row(
                "SELECT uid, decision_id, verdict, reason, unit, level, reviewed_at, reviewed_by,
                        reviewer_key, signature, unit_signature, origin, unit_key
                 FROM decision_reviews WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        StoredReview {
                            uid: r.get(0)?,
                            decision: r.get(1)?,
                            verdict: r.get(2)?,
                            reason: r.get(3)?,
                            unit: r.get(4)?,
                            level: r.get(5)?,
                            at: r.get(6)?,
                            by: r.get(7)?,
                            key: r.get(8)?,
                            sig: r.get(9)?,
                            usig: r.get(10)?,
                        },
                        r.get::<_, String>(11)?,
                        r.get::<_, Vec<u8>>(12)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(t!("review-not-found-here", id = id)))?;
        let d = self.decision_row(r.decision)?;
        let rec = ReviewRecord {
            uid: r.uid.as_slice().try_into().map_err(|_| bad())?,
            decision_uid: d.uid.as_slice().try_into().map_err(|_| bad())?,
            decision_signature: d.signature.as_slice().try_into().map_err(|_| bad())?,
            decision_unit: d.unit,
            verdict: Verdict::parse(&r.verdict)?,
            reason: r.reason,
            unit: r.unit,
            level: r.level.parse().map_err(|_| bad())?,
            reviewed_at: r.at,
            reviewed_by: r.by,
            reviewer_key: r.key.as_slice().try_into().map_err(|_| bad())?,
            signature: r.sig.as_slice().try_into().map_err(|_| bad())?,
            unit_signature: r.usig.as_slice().try_into().map_err(|_| bad())?,
        };
        Ok((rec, origin, unit_key))
    }

    /// A review made here: by the certified key of an officer with decision authority
    /// (R21), and signed by this unit.
    pub(crate) fn check_own_review(&self, id: i64, rec: &ReviewRecord) -> Result<()> {
        // One account, by name (its certificate is cached for the session): lists check
        // every review they show.
        let account: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM users WHERE name = ?1")?
            .query_row([&rec.reviewed_by], |r| r.get(0))
            .optional()?;
        let certified = match account {
            Some(a) => self
                .certified_by_id(a)?
                .is_some_and(|c| c.decides_as(&rec.reviewed_by, &rec.reviewer_key)),
            None => false,
        };
        if !certified || !self.under_own_unit_key(|k| rec.verify(k).is_ok())? {
            return Err(Error::Integrity(t!("review-signature-mismatch", id = id)));
        }
        Ok(())
    }

    /// Records a decision received from the level below (R23, R24), filed under `person_id`
    /// here. `unit_key` is the deciding unit's public signing key as this store trusts it
    /// (from its unit card). The record is verified first; its assessment is written into the
    /// person's folder as a received document (so it needs an officer who reads that folder),
    /// and what it is owed onwards is queued, all in one transaction. Returns its id here.
    pub fn receive_decision(
        &mut self,
        rec: &DecisionRecord,
        unit_key: &[u8; 32],
        person_id: i64,
    ) -> Result<i64> {
        self.check_received_decision(rec, unit_key)?;
        let here = self.meta().level;
        let title = received_title(rec);
        let text: Zeroizing<String> = rec.assessment.clone();
        let key = *unit_key;
        let doc = TextDoc {
            person_id,
            grading: rec.grading,
            title: &title,
            origin: Origin::Received(received_source(rec)),
            health_confidential: rec.basis.iter().any(|b| b.health_confidential),
            text: &text,
        };
        let (_, id) = self.add_text_document_with(doc, |tx, acting, w| {
            file_received_decision(tx, acting, here, rec, &key, person_id, &w.journal_number)
        })?;
        Ok(id)
    }

    /// Everything [`Session::receive_decision`] checks before it writes: both signatures
    /// under `unit_key`, that the decision is addressed to this level, and that it has not
    /// arrived before. `package import` calls it inside its own transaction.
    pub(crate) fn check_received_decision(
        &self,
        rec: &DecisionRecord,
        unit_key: &[u8; 32],
    ) -> Result<()> {
        rec.verify(unit_key)?;
        let here = self.meta().level;
        let from_below = level_above(rec.level) == Some(here);
        let forwarded = here == Level::Ksf && rec.level == Level::Local && rec.police_info;
        if !from_below && !forwarded {
            return Err(misaddressed(t!(
                "casework-decision-not-for-here",
                unit = rec.unit.as_str(),
                level = rec.level.as_str(),
                here = here.as_str()
            )));
        }
        if self.decision_row_by_uid(&rec.uid)?.is_some() {
            return Err(Error::Usage(t!("decision-already-received")));
        }
        // A unit supersedes only its own decision about the same person, and once
        // (`decision supersede` refuses anything else there): a record that names another
        // unit's decision, or one superseded already, is not the deciding unit's doing.
        if let Some(old) = rec.supersedes {
            if let Some(row) = self.decision_row_by_uid(&old)? {
                if row.unit != rec.unit
                    || row.subject.ref_id != rec.subject.ref_id
                    || self.superseded_by(&row)?.is_some()
                {
                    return Err(Error::Integrity(t!(
                        "package-casework-supersedes-other",
                        unit = crate::text::escape(&rec.unit),
                        id = row.id
                    )));
                }
            }
        }
        Ok(())
    }

    /// Records a review received from the level above about a decision taken here (R23).
    /// `unit_key` is the reviewing unit's public signing key as this store trusts it. Returns
    /// the review's id here.
    pub fn receive_review(&mut self, rec: &ReviewRecord, unit_key: &[u8; 32]) -> Result<i64> {
        let (decision, person) = self.check_received_review(rec, unit_key)?;
        let key = *unit_key;
        self.write(|tx, acting| file_received_review(tx, acting, rec, &key, decision, person))
    }

    /// Everything [`Session::receive_review`] checks before it writes; gives the decision
    /// reviewed and its person. `package import` calls it inside its own transaction.
    pub(crate) fn check_received_review(
        &self,
        rec: &ReviewRecord,
        unit_key: &[u8; 32],
    ) -> Result<(i64, i64)> {
        rec.verify(unit_key)?;
        let row = self
            .decision_row_by_uid(&rec.decision_uid)?
            .filter(|r| r.origin == "own")
            .ok_or_else(|| misaddressed(t!("casework-review-no-decision-here")))?;
        if row.signature != rec.decision_signature || rec.decision_unit != self.meta().unit {
            return Err(misaddressed(t!(
                "casework-review-decision-differs",
                id = row.id
            )));
        }
        let here = self.meta().level;
        if level_above(here) != Some(rec.level) {
            return Err(misaddressed(t!(
                "casework-review-not-from-above",
                unit = rec.unit.as_str(),
                level = rec.level.as_str(),
                here = here.as_str()
            )));
        }
        // A local unit's decisions are reviewed by its own region (R24, tjenestevei), not by
        // any region it trusts: another region it exchanges transfers with is trusted too.
        if here == Level::Local && self.meta().region.as_deref() != Some(rec.unit.as_str()) {
            return Err(misaddressed(t!(
                "casework-review-not-own-region",
                unit = rec.unit.as_str(),
                region = self.meta().region.as_deref().unwrap_or("-")
            )));
        }
        let seen: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM decision_reviews WHERE uid = ?1)",
            [rec.uid.to_vec()],
            |r| r.get(0),
        )?;
        if seen {
            return Err(Error::Usage(t!("review-already-received")));
        }
        Ok((row.id, row.person_id))
    }
}

/// The title of a received decision's assessment in the person's folder.
pub(crate) fn received_title(rec: &DecisionRecord) -> String {
    format!("Vedtak fra {}: {}", rec.unit, rec.measure.kind()) // untranslated: stored document title
}

/// The source a received decision's assessment is filed under: a region's decision reaches
/// KSF from a region; a local unit's comes from another unit than this one, which the
/// sources name "other".
pub(crate) fn received_source(rec: &DecisionRecord) -> Source {
    match rec.level {
        Level::Region => Source::Region,
        _ => Source::Other,
    }
}

/// Records a checked decision received from below, its assessment already filed as
/// `assessment_jno`, queues what it is owed onwards, and logs it. Gives its id here.
pub(crate) fn file_received_decision(
    tx: &Transaction<'_>,
    acting: crate::identity::Acting<'_>,
    here: Level,
    rec: &DecisionRecord,
    unit_key: &[u8; 32],
    person_id: i64,
    assessment_jno: &str,
) -> Result<i64> {
    let id = insert_decision(tx, rec, "received", person_id, unit_key, assessment_jno)?;
    chain::queue_received_decision(tx, id, here, rec)?;
    let version: i64 = tx.query_row(
        "SELECT max(version) FROM documents WHERE journal_number = ?1",
        [assessment_jno],
        |r| r.get(0),
    )?;
    let act = Act::new("decision-receive")
        .doc(assessment_jno, version, person_id)
        .detail(format!("decision {id} from {}", rec.unit)); // untranslated: use-log detail
    audit::append(tx, acting, &act)?;
    Ok(id)
}

/// Records a checked review received from above about `decision`, and logs it. Gives the
/// review's id here.
pub(crate) fn file_received_review(
    tx: &Transaction<'_>,
    acting: crate::identity::Acting<'_>,
    rec: &ReviewRecord,
    unit_key: &[u8; 32],
    decision: i64,
    person: i64,
) -> Result<i64> {
    let rid = insert_review(tx, rec, "received", decision, unit_key)?;
    let act = Act::new("review-receive").person(person).detail(format!(
        "{} of decision {decision} by {}", // untranslated: use-log detail
        rec.verdict.as_str(),
        rec.unit
    ));
    audit::append(tx, acting, &act)?;
    Ok(rid)
}
