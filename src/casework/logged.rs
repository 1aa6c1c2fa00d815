//! Decisions and reviews against the signed use log, for `verify` (R22, R23).
//!
//! A decision's signatures cover its assessment, which only a reader of the folder may open,
//! so `verify` cannot check them (check.rs). The rows are metadata anyone with the store key
//! can delete, add or change, and a deleted overturn put a decision back "in force", a
//! deleted decision never went up for review, and a re-dated one fell out of the
//! oversight report, all without `verify` saying a word. Every decision and review is logged
//! when it is taken or received, signed by the officer who did it, so here each checked
//! entry must have its row, each row its entry, and a decision's row must agree with what
//! its entry records: the person, the assessment, who decided (and when, within
//! [`TOLERANCE_MINUTES`]), the kind of measure, what it supersedes, the unit it came from.
//!
//! A row may be gone only with its person, retired by a checked destruction.

use super::query::DecisionRow;
use crate::audit::Entry;
use crate::identity::{Role, Session};
use crate::{t, Result};
use std::collections::{HashMap, HashSet};

/// How far a decision's own time may lie from its log entry's: it is signed just before
/// the transaction that writes its assessment and entry.
const TOLERANCE_MINUTES: i64 = 15;

/// The acts that take or receive a decision or review.
#[rustfmt::skip]
const ACTS: &str = "'decision-add', 'decision-supersede', 'decision-receive', 'decision-review', 'review-receive'"; // untranslated: SQL

/// How a supersession's entry names the decision it supersedes.
const SUPERSEDES: &str = ", supersedes decision "; // untranslated: use-log detail read back

/// What a decision's log entry records of it.
#[derive(Debug, PartialEq)]
struct Said {
    id: i64,
    /// Taken here (`decision-add`, `decision-supersede`) rather than received.
    own: bool,
    /// The measure's kind (own decisions).
    kind: Option<String>,
    /// The decision it supersedes, by its id here.
    supersedes: Option<i64>,
    /// The deciding unit (received decisions).
    from: Option<String>,
}

/// Reads what a decision's entry says from its act and detail (written by
/// `Session::add_decision` and `review::file_received_decision`).
fn decision_said(act: &str, detail: &str) -> Option<Said> {
    if !matches!(
        act,
        "decision-add" | "decision-supersede" | "decision-receive"
    ) {
        return None;
    }
    let rest = detail.strip_prefix("decision ")?; // untranslated: use-log detail read back
    if act == "decision-receive" {
        let (id, from) = rest.split_once(" from ")?; // untranslated: use-log detail read back
        return Some(Said {
            id: id.parse().ok()?,
            own: false,
            kind: None,
            supersedes: None,
            from: Some(from.to_owned()),
        });
    }
    let (id, rest) = rest.split_once(": ")?;
    let (kind, supersedes) = match rest.split_once(SUPERSEDES) {
        Some((k, old)) => (k, Some(old.parse().ok()?)),
        None => (rest, None),
    };
    if (act == "decision-supersede") != supersedes.is_some() {
        return None;
    }
    Some(Said {
        id: id.parse().ok()?,
        own: true,
        kind: Some(kind.to_owned()),
        supersedes,
        from: None,
    })
}

/// A review as its entry records it, or as its row has it: made here or received, the
/// decision's id here, the verdict, and (received) the reviewing unit.
type ReviewKey = (bool, i64, String, Option<String>);

/// Reads what a review's entry says (written by `Session::review_decision` and
/// `review::file_received_review`).
fn review_said(act: &str, detail: &str) -> Option<ReviewKey> {
    if act != "decision-review" && act != "review-receive" {
        return None;
    }
    if act == "decision-review" {
        let (verdict, id) = detail.split_once(" decision ")?; // untranslated: use-log detail read back
        return Some((true, id.parse().ok()?, verdict.to_owned(), None));
    }
    let (verdict, rest) = detail.split_once(" of decision ")?; // untranslated: use-log detail read back
    let (id, unit) = rest.split_once(" by ")?; // untranslated: use-log detail read back
    Some((
        false,
        id.parse().ok()?,
        verdict.to_owned(),
        Some(unit.to_owned()),
    ))
}

/// Whether two RFC 3339 times lie within [`TOLERANCE_MINUTES`] of each other.
fn close_in_time(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => (a - b).num_minutes().abs() <= TOLERANCE_MINUTES,
        _ => false,
    }
}

impl Session {
    /// Every decision and review held against the log (see the module's documentation):
    /// one sentence per disagreement.
    pub(crate) fn casework_against_log(&self) -> Result<Vec<String>> {
        let entries: Vec<Entry> = self
            .conn()
            .prepare(&format!(
                "SELECT {} FROM use_log WHERE act IN ({ACTS}) AND outcome = 'ok' ORDER BY seq",
                Entry::COLUMNS
            ))?
            .query_map([], Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        let rows: HashMap<i64, DecisionRow> = self
            .all_decision_rows()?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let mut problems = Vec::new();
        let mut decisions: HashMap<i64, (&Entry, Said)> = HashMap::new();
        let mut reviews: HashMap<ReviewKey, i64> = HashMap::new();
        for e in &entries {
            let detail = e.detail.as_deref().unwrap_or_default();
            let own = matches!(e.act.as_str(), "decision-add" | "decision-supersede");
            let by_authority = own || e.act == "decision-review";
            let Some(signer) = self.checked_entry(e)? else {
                continue;
            };
            if !signer.acting_as(Role::Officer)
                || (by_authority && !signer.account.decision_authority)
            {
                continue;
            }
            if let Some(said) = decision_said(&e.act, detail) {
                // An id given again after its decision went with its person: the newest
                // entry names the row there now; an older one must be of a retired person.
                if let Some((older, _)) = decisions.insert(said.id, (e, said)) {
                    self.gone_with_person(older, &mut problems)?;
                }
            } else if let Some(key) = review_said(&e.act, detail) {
                let about_row = rows
                    .get(&key.1)
                    .is_some_and(|r| Some(r.person_id) == e.person_id);
                if about_row {
                    *reviews.entry(key).or_default() += 1;
                } else {
                    self.gone_with_person(e, &mut problems)?;
                }
            }
        }
        let mut seen = HashSet::new();
        let mut said_of: Vec<_> = decisions.iter().collect();
        said_of.sort_by_key(|(id, _)| **id);
        for (id, (e, said)) in said_of {
            match rows.get(id) {
                None => self.gone_with_person(e, &mut problems)?,
                Some(row) => {
                    seen.insert(*id);
                    if !self.row_fits(row, e, said, &rows) {
                        problems.push(t!("decision-differs-from-log", id = *id));
                    }
                }
            }
        }
        let mut ids: Vec<&i64> = rows.keys().filter(|id| !seen.contains(id)).collect();
        ids.sort();
        for id in ids {
            problems.push(t!("decision-unlogged", id = *id));
        }
        self.reviews_against(reviews, &mut problems)?;
        Ok(problems)
    }

    /// Names the decision or review of `e` as missing unless its person was retired by a
    /// checked destruction, which takes the person's casework with it.
    fn gone_with_person(&self, e: &Entry, problems: &mut Vec<String>) -> Result<()> {
        let retired = match e.person_id {
            Some(p) => self.gone_by_destruction(p)?,
            None => false,
        };
        if !retired {
            problems.push(t!("casework-missing", seq = e.seq));
        }
        Ok(())
    }

    /// Whether a decision's row agrees with what its entry records.
    fn row_fits(
        &self,
        row: &DecisionRow,
        e: &Entry,
        said: &Said,
        rows: &HashMap<i64, DecisionRow>,
    ) -> bool {
        let common = Some(row.person_id) == e.person_id
            && e.journal_number.as_deref() == Some(row.assessment_jno.as_str())
            && (row.origin == "own") == said.own;
        if !common {
            return false;
        }
        if !said.own {
            // The rest of a received decision (what it supersedes, its date, level, measure)
            // is in its signed record, which only opening it checks (it covers the
            // assessment); a list shows those columns as stored (SECURITY.md).
            return said.from.as_deref() == Some(row.unit.as_str());
        }
        let kind = row.measure.parse::<super::Measure>().map(|m| m.kind());
        let supersedes = match said.supersedes {
            None => row.supersedes.is_none(),
            Some(old) => rows
                .get(&old)
                .is_some_and(|o| row.supersedes.as_deref() == Some(o.uid.as_slice())),
        };
        let meta = self.meta();
        row.decided_by == e.user
            && row.unit == meta.unit
            && row.level == meta.level.as_str()
            && close_in_time(&row.decided_at, &e.time)
            && kind.ok() == said.kind.as_deref()
            && supersedes
    }

    /// Each review's row against its entries: as many of each (made here or received, the
    /// decision, the verdict, the reviewing unit) as the log records.
    fn reviews_against(
        &self,
        logged: HashMap<ReviewKey, i64>,
        problems: &mut Vec<String>,
    ) -> Result<()> {
        let mut stored: HashMap<ReviewKey, i64> = HashMap::new();
        let mut st = self
            .conn()
            .prepare("SELECT origin, decision_id, verdict, unit FROM decision_reviews")?;
        let rows = st.query_map([], |r| {
            let own = r.get::<_, String>(0)? == "own";
            let unit: String = r.get(3)?;
            Ok((own, r.get(1)?, r.get(2)?, (!own).then_some(unit)))
        })?;
        for key in rows {
            *stored.entry(key?).or_default() += 1;
        }
        let mut keys: Vec<&ReviewKey> = logged.keys().chain(stored.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (l, s) = (
                logged.get(key).copied().unwrap_or(0),
                stored.get(key).copied().unwrap_or(0),
            );
            if l != s {
                let (id, verdict) = (key.1, key.2.as_str());
                problems.push(if l > s {
                    t!("review-missing", id = id, verdict = verdict)
                } else {
                    t!("review-unlogged", id = id, verdict = verdict)
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_details_the_program_writes_read_back() {
        let add = decision_said("decision-add", "decision 7: visit-ban").unwrap();
        assert_eq!(
            (add.id, add.own, add.kind.as_deref()),
            (7, true, Some("visit-ban"))
        );
        let sup = decision_said(
            "decision-supersede",
            "decision 9: other, supersedes decision 7",
        )
        .unwrap();
        assert_eq!((sup.id, sup.supersedes), (9, Some(7)));
        let rec = decision_said("decision-receive", "decision 3 from Oslo fengsel").unwrap();
        assert_eq!(
            (rec.id, rec.own, rec.from.as_deref()),
            (3, false, Some("Oslo fengsel"))
        );
        // A supersession logged as an addition (or the reverse) is no decision's entry.
        assert!(
            decision_said("decision-add", "decision 9: other, supersedes decision 7").is_none()
        );
        assert!(decision_said("decision-supersede", "decision 9: other").is_none());
        assert_eq!(
            review_said("decision-review", "overturn decision 4"),
            Some((true, 4, "overturn".into(), None))
        );
        assert_eq!(
            review_said("review-receive", "uphold of decision 4 by Region øst"),
            Some((false, 4, "uphold".into(), Some("Region øst".into())))
        );
    }

    #[test]
    fn times_far_apart_do_not_fit() {
        assert!(close_in_time(
            "2026-05-01T10:00:00Z",
            "2026-05-01T10:14:00+00:00"
        ));
        assert!(!close_in_time(
            "2026-05-01T10:00:00Z",
            "2019-01-01T00:00:00Z"
        ));
        assert!(!close_in_time("not a time", "2026-05-01T10:00:00Z"));
    }
}
