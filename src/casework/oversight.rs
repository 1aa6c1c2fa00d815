//! The report for oversight (R34): the decisions of a period with the reference to each
//! assessment, the age and reliability of what each rested on, and each one's standing —
//! what an inspection by the Parliamentary Ombud asks for first.
//!
//! It lists metadata only: the assessments themselves are documents, read one by one through
//! the logged path (`decision show`, `doc show`). Producing the report is logged.

use super::query::DecisionView;
use crate::audit::Act;
use crate::identity::Session;
use crate::{t, Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// Figures over the decisions of the period.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Decisions in the period.
    pub decisions: usize,
    /// Taken at this store.
    pub own: usize,
    /// Received from the level below.
    pub received: usize,
    /// Resting on police information (R24).
    pub on_police_information: usize,
    /// Resting on at least one unverified document.
    pub with_unverified_basis: usize,
    /// Where police were asked to elaborate.
    pub police_asked: usize,
    /// The oldest information any decision rested on, in days at decision time.
    pub oldest_information_days: Option<i64>,
    /// Decisions by standing.
    pub standing: BTreeMap<String, usize>,
}

/// `report decisions`.
#[derive(Debug, Serialize)]
pub struct DecisionReport {
    /// The unit.
    pub unit: String,
    /// Its level.
    pub level: String,
    /// First day, inclusive.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// When the report was made.
    pub generated_at: String,
    /// Figures.
    pub summary: Summary,
    /// The decisions, oldest first.
    pub decisions: Vec<DecisionView>,
}

impl Session {
    /// The decisions taken or received in [`from`, `to`], with their figures. Logged.
    pub fn decision_report(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<DecisionReport> {
        if from > to {
            return Err(Error::Usage(t!(
                "report-days-reversed",
                from = from.to_string(),
                to = to.to_string()
            )));
        }
        let mut decisions = self.decisions(None, Some((from, to)))?;
        decisions.reverse();
        let mut s = Summary {
            decisions: decisions.len(),
            ..Summary::default()
        };
        for d in &decisions {
            if d.origin == "own" {
                s.own += 1;
            } else {
                s.received += 1;
            }
            s.on_police_information += usize::from(d.police_info);
            s.with_unverified_basis += usize::from(d.basis.iter().any(|b| b.unverified));
            s.police_asked += usize::from(d.asked_police);
            let oldest = d.basis.iter().map(|b| b.age_days).max();
            s.oldest_information_days = s.oldest_information_days.max(oldest);
            *s.standing.entry(d.standing.clone()).or_default() += 1;
        }
        self.log_act(
            &Act::new("report-decisions")
                .detail(format!("{from} to {to}: {} decision(s)", decisions.len())), // untranslated: use-log detail
        )?;
        Ok(DecisionReport {
            unit: self.meta().unit.clone(),
            level: self.meta().level.as_str().into(),
            from: from.to_string(),
            to: to.to_string(),
            generated_at: crate::time::now_rfc3339(),
            summary: s,
            decisions,
        })
    }
}
