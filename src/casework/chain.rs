//! What casework owes other units through the chain of command (R7, R23, R24), and the API
//! the transfer module calls to carry it.
//!
//! Routing, in the instruction's order (tjenestevei):
//! - every decision a local unit takes goes up to its region for review (R23); one taken on
//!   police information goes on from the region to KSF (R24);
//! - every decision a region takes goes up to KSF for review (R23);
//! - at KSF, a decision on police information is owed to Kripos/PST (R24), unless it rests on
//!   what was learnt as assistant to health personnel (R26);
//! - every uphold or overturn goes back down to the unit that took the decision.
//!
//! The transfer module (not built yet) is meant to: list [`Session::casework_owed`]; for each
//! row fetch the signed record ([`Session::owed_decision_record`] or
//! [`Session::owed_review_record`]) and put its [`DecisionRecord::to_json`] /
//! [`ReviewRecord::to_json`] into a `decision-report` package; mark the row sent
//! ([`Session::mark_owed_sent`]) in the transaction that journals the package. At the
//! receiving end, after verifying the package, it calls [`Session::receive_decision`] or
//! [`Session::receive_review`] with the sending unit's trusted key.
//!
//! [`DecisionRecord::to_json`]: super::record::DecisionRecord::to_json
//! [`ReviewRecord::to_json`]: super::record::ReviewRecord::to_json

use super::record::{DecisionRecord, ReviewRecord, Verdict};
use crate::audit::{self, Act};
use crate::authz::disclosure::Recipient;
use crate::documents::reader::Use;
use crate::identity::{Level, Session};
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

/// One thing owed to another unit.
#[derive(Debug, Clone, Serialize)]
pub struct Owed {
    /// Id in the queue.
    pub id: i64,
    /// `decision-report` (a decision going up) or `decision-review` (a review going down).
    pub kind: String,
    /// The decision concerned (id at this store).
    pub decision_id: i64,
    /// The review concerned, for `decision-review`.
    pub review_id: Option<i64>,
    /// `region`, `ksf`, `local` or `police`.
    pub to_level: String,
    /// The unit it is owed to, as far as this store knows it.
    pub to_unit: String,
    /// Why it is owed.
    pub why: String,
    /// When it was queued.
    pub queued_at: String,
    /// When it was sent, and in which package.
    pub sent_at: Option<String>,
    /// The package that carried it.
    pub package: Option<String>,
}

// Why something is owed, as the outbox stores it (a record, in --json too).
const WHY_REGION_POLICE: &str =
    "review by the region; taken on police information, so owed on to KSF through the region"; // untranslated: outbox record
const WHY_KSF_POLICE: &str =
    "review by KSF; taken on police information, for KSF to pass on to Kripos/PST"; // untranslated: outbox record

const OWED_COLUMNS: &str =
    "id, kind, decision_id, review_id, to_level, to_unit, why, queued_at, sent_at, package"; // untranslated: SQL

/// One outbox row, its columns in [`OWED_COLUMNS`]' order.
pub(super) fn owed_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Owed> {
    Ok(Owed {
        id: r.get(0)?,
        kind: r.get(1)?,
        decision_id: r.get(2)?,
        review_id: r.get(3)?,
        to_level: r.get(4)?,
        to_unit: r.get(5)?,
        why: r.get(6)?,
        queued_at: r.get(7)?,
        sent_at: r.get(8)?,
        package: r.get(9)?,
    })
}

fn queue(
    tx: &Transaction<'_>,
    kind: &str,
    decision: i64,
    review: Option<i64>,
    to: (&str, &str),
    why: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO casework_outbox (kind, decision_id, review_id, to_level, to_unit, why,
                                      queued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![kind, decision, review, to.0, to.1, why, now_rfc3339()],
    )?;
    Ok(())
}

/// Queues a decision just taken at this store (a `local` or `region` store).
pub(super) fn queue_own_decision(
    tx: &Transaction<'_>,
    decision: i64,
    level: Level,
    region: Option<&str>,
    police_info: bool,
) -> Result<()> {
    match level {
        Level::Local => {
            let why = if police_info {
                WHY_REGION_POLICE
            } else {
                "review by the region" // untranslated: stored in the outbox (a record, also in --json)
            };
            queue(
                tx,
                "decision-report",
                decision,
                None,
                ("region", region.unwrap_or("the region")), // untranslated: stored in the outbox (a record, also in --json)
                why,
            )
        }
        Level::Region => {
            let why = if police_info {
                WHY_KSF_POLICE
            } else {
                "review by KSF" // untranslated: stored in the outbox (a record, also in --json)
            };
            queue(tx, "decision-report", decision, None, ("ksf", "KSF"), why)
        }
        Level::Ksf => Err(Error::Other(t!("casework-ksf-takes-no-decisions"))),
    }
}

/// Queues what a decision received from below is owed onwards: at a region, one on police
/// information goes on to KSF; at KSF, one on police information is owed to Kripos/PST unless
/// it rests on health-confidential information (R26).
pub(super) fn queue_received_decision(
    tx: &Transaction<'_>,
    decision: i64,
    here: Level,
    rec: &DecisionRecord,
) -> Result<()> {
    if !rec.police_info {
        return Ok(());
    }
    match here {
        Level::Region if rec.level == Level::Local => queue(
            tx,
            "decision-report",
            decision,
            None,
            ("ksf", "KSF"),
            "taken on police information: owed to KSF through the region", // untranslated: stored in the outbox (a record, also in --json)
        ),
        Level::Ksf if !rec.basis.iter().any(|b| b.health_confidential) => {
            let mut to: Vec<&str> = rec
                .basis
                .iter()
                .filter(|b| b.is_police())
                .map(|b| b.source.as_str())
                .collect();
            to.sort_unstable();
            to.dedup();
            queue(
                tx,
                "decision-report",
                decision,
                None,
                ("police", &to.join(",")),
                "taken on police information: for KSF to pass on to Kripos/PST", // untranslated: stored in the outbox (a record, also in --json)
            )
        }
        _ => Ok(()),
    }
}

/// Queues a review made here to go back down to the deciding unit.
pub(super) fn queue_review(
    tx: &Transaction<'_>,
    decision: i64,
    review: i64,
    to_level: &str,
    to_unit: &str,
    verdict: Verdict,
) -> Result<()> {
    let why = match verdict {
        Verdict::Uphold => "the decision is upheld: back to the unit that took it", // untranslated: stored in the outbox (a record, also in --json)
        Verdict::Overturn => "the decision is overturned: back to the unit that took it", // untranslated: stored in the outbox (a record, also in --json)
    };
    queue(
        tx,
        "decision-review",
        decision,
        Some(review),
        (to_level, to_unit),
        why,
    )
}

impl Session {
    /// Everything owed and not yet sent, oldest first (`decision pending`; later merged into
    /// `package pending`).
    pub fn casework_owed(&self) -> Result<Vec<Owed>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {OWED_COLUMNS} FROM casework_outbox WHERE sent_at IS NULL ORDER BY id"
        ))?;
        let rows = st.query_map([], owed_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Everything ever owed about one decision, sent or not.
    pub(crate) fn owed_about(&self, decision: i64) -> Result<Vec<Owed>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {OWED_COLUMNS} FROM casework_outbox WHERE decision_id = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map([decision], owed_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn casework_owed_item(&self, id: i64) -> Result<Owed> {
        self.conn()
            .query_row(
                &format!("SELECT {OWED_COLUMNS} FROM casework_outbox WHERE id = ?1"),
                [id],
                owed_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(t!("casework-nothing-owed", id = id)))
    }

    /// The signed decision record owed as `owed_id`, with its assessment, ready for a
    /// package. Taking the assessment out is a logged export (refused to anyone who may not
    /// read it, and never to police when it is health-confidential), and the record is
    /// checked against its signatures before it is handed out.
    pub fn owed_decision_record(&mut self, owed_id: i64) -> Result<DecisionRecord> {
        let o = self.casework_owed_item(owed_id)?;
        if o.kind != "decision-report" {
            return Err(Error::Usage(t!(
                "casework-owed-not-report",
                id = owed_id,
                kind = o.kind.as_str()
            )));
        }
        let purpose = format!("decision report to {} ({})", o.to_unit, o.to_level); // untranslated: use-log purpose
        let to = if o.to_level == "police" {
            Recipient::Police
        } else {
            Recipient::Service
        };
        let (_, rec) = self.open_decision_for(o.decision_id, Use::Export(to), Some(purpose))?;
        Ok(rec)
    }

    /// The signed review record owed as `owed_id`, ready for a package.
    pub fn owed_review_record(&self, owed_id: i64) -> Result<ReviewRecord> {
        let o = self.casework_owed_item(owed_id)?;
        let review = o.review_id.ok_or_else(|| {
            Error::Usage(t!(
                "casework-owed-not-review",
                id = owed_id,
                kind = o.kind.as_str()
            ))
        })?;
        self.review_record(review)
    }

    /// Records that owed item `owed_id` left in `package` (the package's id). Logged.
    pub fn mark_owed_sent(&mut self, owed_id: i64, package: &str) -> Result<()> {
        self.write(|tx, acting| mark_sent_in(tx, acting, owed_id, package))
    }
}

/// [`Session::mark_owed_sent`] inside the transaction that records the package.
pub(crate) fn mark_sent_in(
    tx: &Transaction<'_>,
    acting: crate::identity::Acting<'_>,
    owed_id: i64,
    package: &str,
) -> Result<()> {
    let (kind, sent, person): (String, Option<String>, i64) = tx
        .query_row(
            "SELECT o.kind, o.package, d.person_id FROM casework_outbox o
             JOIN decisions d ON d.id = o.decision_id WHERE o.id = ?1",
            [owed_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(t!("casework-nothing-owed", id = owed_id)))?;
    if let Some(p) = sent {
        return Err(Error::Usage(t!(
            "casework-owed-already-sent",
            id = owed_id,
            package = p
        )));
    }
    tx.execute(
        "UPDATE casework_outbox SET sent_at = ?2, package = ?3 WHERE id = ?1",
        params![owed_id, now_rfc3339(), package],
    )?;
    let act = Act::new("casework-sent")
        .person(person)
        .detail(format!("{kind} {owed_id} in {package}"));
    audit::append(tx, acting, &act)?;
    Ok(())
}

/// Undoes the marks of a package that could not be written: what it carried is owed again.
pub(crate) fn unmark_sent_in(tx: &Transaction<'_>, package: &str) -> Result<()> {
    tx.execute(
        "UPDATE casework_outbox SET sent_at = NULL, package = NULL WHERE package = ?1",
        [package],
    )?;
    Ok(())
}
