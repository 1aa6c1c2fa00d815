//! What this store owes up and down the chain of command, held against the rules and the log
//! for `verify` (R23, R24).
//!
//! The outbox is rows anyone with the store key can delete, re-address or mark sent: a
//! decision taken out of it never went up for review, one re-addressed went to another unit,
//! and one marked sent showed as sent, all without `verify` saying a word. Every decision
//! taken here is owed to the level above (this unit's region, or KSF), and every review taken
//! here back to the unit whose decision it is (chain.rs queues them so); an item marked sent
//! must have the officer's checked `casework-sent` entry naming it and its package.
//!
//! A received decision is owed onwards only on police information, a field of its signed
//! record, which `verify` cannot check without the assessment (check.rs); that queue is
//! checked when the decision is opened or sent, not here.

use super::chain::{self, Owed};
use crate::identity::{Level, Role, Session};
use crate::{t, Result};
use rusqlite::params;

/// The outbox's columns in `chain::owed_from_row`'s order, with the decision's person.
const SELECT: &str = "SELECT o.id, o.kind, o.decision_id, o.review_id, o.to_level, o.to_unit,
    o.why, o.queued_at, o.sent_at, o.package, d.person_id
    FROM casework_outbox o JOIN decisions d ON d.id = o.decision_id ORDER BY o.id"; // untranslated: SQL

impl Session {
    /// Every rule of the outbox this store can check (see the module's documentation): one
    /// sentence per item missing, re-addressed, or marked sent without its entry.
    pub(crate) fn outbox_against_rules(&self) -> Result<Vec<String>> {
        let mut st = self.conn().prepare(SELECT)?;
        let owed: Vec<(Owed, i64)> = st
            .query_map([], |r| Ok((chain::owed_from_row(r)?, r.get(10)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut problems = Vec::new();
        for (o, person) in &owed {
            if let Some(package) = &o.package {
                if !self.sent_as_logged(o, *person, package)? {
                    problems.push(t!(
                        "casework-sent-unlogged",
                        id = o.id,
                        package = crate::text::escape(package)
                    ));
                }
            }
        }
        self.own_decisions_owed(&owed, &mut problems)?;
        self.own_reviews_owed(&owed, &mut problems)?;
        Ok(problems)
    }

    /// Whether item `o`, marked sent in `package`, has the checked `casework-sent` entry of
    /// an officer or admin naming it and that package (`chain::mark_sent_in`).
    fn sent_as_logged(&self, o: &Owed, person: i64, package: &str) -> Result<bool> {
        let detail = format!("{} {} in {package}", o.kind, o.id);
        let entries: Vec<_> =
            crate::audit::report::person_entries(self.conn(), person, "casework-sent")?
                .into_iter()
                .filter(|e| e.detail.as_deref() == Some(detail.as_str()))
                .collect();
        self.any_checked_by(entries, &detail, &[Role::Officer, Role::Admin])
    }

    /// Every decision taken here is owed, as a report, to the level above.
    fn own_decisions_owed(&self, owed: &[(Owed, i64)], problems: &mut Vec<String>) -> Result<()> {
        let meta = self.meta();
        // The addresses as chain.rs stores them.
        let to: (&str, &str) = match meta.level {
            Level::Local => ("region", meta.region.as_deref().unwrap_or("the region")), // untranslated: outbox address
            Level::Region => ("ksf", "KSF"), // untranslated: outbox address
            Level::Ksf => return Ok(()),
        };
        let mut st = self
            .conn()
            .prepare("SELECT id FROM decisions WHERE origin = 'own' ORDER BY id")?;
        let ids: Vec<i64> = st
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        for id in ids {
            let found = owed.iter().any(|(o, _)| {
                o.kind == "decision-report"
                    && o.decision_id == id
                    && (o.to_level.as_str(), o.to_unit.as_str()) == to
            });
            if !found {
                problems.push(t!(
                    "casework-decision-owed-missing",
                    id = id,
                    unit = crate::text::escape(to.1)
                ));
            }
        }
        Ok(())
    }

    /// Every review taken here is owed back to the unit that took the decision.
    fn own_reviews_owed(&self, owed: &[(Owed, i64)], problems: &mut Vec<String>) -> Result<()> {
        let mut st = self.conn().prepare(
            "SELECT r.id, r.decision_id, d.level, d.unit FROM decision_reviews r
             JOIN decisions d ON d.id = r.decision_id WHERE r.origin = 'own' ORDER BY r.id",
        )?;
        let reviews: Vec<(i64, i64, String, String)> = st
            .query_map(params![], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        for (rid, decision, level, unit) in reviews {
            let found = owed.iter().any(|(o, _)| {
                o.kind == "decision-review"
                    && o.review_id == Some(rid)
                    && o.decision_id == decision
                    && o.to_level == level
                    && o.to_unit == unit
            });
            if !found {
                problems.push(t!(
                    "casework-review-owed-missing",
                    id = rid,
                    unit = crate::text::escape(&unit)
                ));
            }
        }
        Ok(())
    }
}
