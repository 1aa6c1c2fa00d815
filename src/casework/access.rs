//! Requests for access to INFOFLYT information (R27): who asked, when, for what, and the
//! decision with its legal ground. Every request ends with a recorded decision and ground.
//!
//! The instruction's rule is refusal, on the ground that fits the requester: offentleglova's
//! exemptions for the press and the public, strgjfl. § 7 c for the inmate and the persons
//! around him, and for a lawyer the same as for the client (fvl. § 19 first paragraph c). The
//! Parliamentary Ombud's demand, and a court's order after its own process, are not refused
//! on these grounds: the program refuses to record such a refusal.

use super::{checked_text, today};
use crate::audit::{self, Act};
use crate::identity::{Role, Session};
use crate::text::limits;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::params;
use serde::Serialize;

crate::vocab::vocabulary! {
    /// Who asks for access (R27).
    pub enum Requester ("requester") {
        /// The press.
        Press = "press",
        /// A member of the public.
        Public = "public",
        /// The inmate the information is about.
        Inmate = "inmate",
        /// A person around the inmate (visitor, contact, relative).
        Associate = "associate",
        /// The inmate's or an associate's lawyer.
        Lawyer = "lawyer",
        /// The Parliamentary Ombud.
        Ombud = "ombud",
        /// A court.
        Court = "court",
    }
}

/// What a decision on a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Access granted.
    Grant,
    /// Access refused.
    Refuse,
    /// A court's demand, handled by the court's own process.
    CourtProcess,
}

impl Outcome {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Grant => "grant",
            Outcome::Refuse => "refuse",
            Outcome::CourtProcess => "court-process",
        }
    }
}

/// A legal ground for a decision on a request, and whom it fits.
#[derive(Debug, Serialize)]
pub struct Ground {
    /// The token given to `access decide --ground`.
    pub ground: &'static str,
    /// What it is.
    pub text: &'static str,
    /// The decision it supports.
    pub outcome: Outcome,
    /// The requesters it fits.
    #[serde(skip)]
    pub fits: &'static [Requester],
}

/// The grounds the program offers (R27).
pub const GROUNDS: &[Ground] = &[
    Ground {
        ground: "offl-13",
        text: "offl. § 13 jf. fvl. § 13: the information is subject to a duty of confidentiality (taushetsplikt)", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Refuse,
        fits: &[Requester::Press, Requester::Public],
    },
    Ground {
        ground: "offl-21",
        text: "offl. § 21: exemption needed for national security (nasjonal tryggleik)", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Refuse,
        fits: &[Requester::Press, Requester::Public],
    },
    Ground {
        ground: "offl-24-2",
        text: "offl. § 24 andre ledd: reports, tips and the like about offences", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Refuse,
        fits: &[Requester::Press, Requester::Public],
    },
    Ground {
        ground: "offl-24-3",
        text: "offl. § 24 tredje ledd: access would make offences easier to commit or harder to prevent (kriminalitetsforebygging)", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Refuse,
        fits: &[Requester::Press, Requester::Public],
    },
    Ground {
        ground: "strgjfl-7c",
        text: "strgjfl. § 7 c: access for the inmate and the persons around him is refused for the sake of security", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Refuse,
        fits: &[Requester::Inmate, Requester::Associate, Requester::Lawyer],
    },
    Ground {
        ground: "fvl-19-1c",
        text: "fvl. § 19 første ledd bokstav c: the lawyer has no wider access than the client", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Refuse,
        fits: &[Requester::Lawyer],
    },
    Ground {
        ground: "offl-3",
        text: "offl. § 3: access granted under the main rule of public access", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Grant,
        fits: &[Requester::Press, Requester::Public],
    },
    Ground {
        ground: "fvl-18",
        text: "fvl. § 18: access granted as a party to the case (partsinnsyn)", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Grant,
        fits: &[Requester::Inmate, Requester::Associate, Requester::Lawyer],
    },
    Ground {
        ground: "ombud-demand",
        text: "the Parliamentary Ombud's demand for information and documents (sivilombudsloven); cannot be refused on the grounds above", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Grant,
        fits: &[Requester::Ombud],
    },
    Ground {
        ground: "court-order",
        text: "a court's order to produce the documents; cannot be refused on the grounds above", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::Grant,
        fits: &[Requester::Court],
    },
    Ground {
        ground: "court-process",
        text: "the demand is handled by the court's own process (e.g. a ruling on the duty to produce evidence)", // untranslated: --json text; the CLI shows ground-*
        outcome: Outcome::CourtProcess,
        fits: &[Requester::Court],
    },
];

/// The grounds that fit a request from `requester`.
pub fn grounds_for(requester: Requester) -> Vec<&'static Ground> {
    GROUNDS
        .iter()
        .filter(|g| g.fits.contains(&requester))
        .collect()
}

/// Whether a request from `requester` may be refused at all on the ordinary grounds.
pub fn refusable(requester: Requester) -> bool {
    !matches!(requester, Requester::Ombud | Requester::Court)
}

/// A request as shown.
#[derive(Debug, Serialize)]
pub struct AccessRequest {
    /// Id.
    pub id: i64,
    /// The person whose information is asked for.
    pub person_id: i64,
    /// Who asked.
    pub requester: String,
    /// Their name, if recorded.
    pub requester_name: Option<String>,
    /// When the request was received.
    pub received: String,
    /// Days since it was received.
    pub age_days: i64,
    /// The documents asked for.
    pub docs: Vec<String>,
    /// Registered when and by whom.
    pub registered_at: String,
    /// Registered by.
    pub registered_by: String,
    /// `grant`, `refuse`, `court-process`, or none while open.
    pub outcome: Option<String>,
    /// The ground.
    pub ground: Option<String>,
    /// Decided when.
    pub decided_at: Option<String>,
    /// Decided by.
    pub decided_by: Option<String>,
}

impl Session {
    /// `access request`: registers a request received on `received`. Officers and clerical
    /// staff register requests (the front office receives them); admins do not.
    pub fn register_access_request(
        &mut self,
        person: i64,
        requester: Requester,
        received: chrono::NaiveDate,
        docs: &[String],
        name: Option<&str>,
    ) -> Result<i64> {
        let act = Act::new("access-request").person(person);
        if self.user().role == Role::Admin {
            let msg = t!("access-admin-refused");
            return Err(self.refuse(act, "role", msg));
        }
        if received > today() {
            return Err(Error::Usage(t!(
                "access-received-in-future",
                date = received.to_string()
            )));
        }
        self.person(person)?;
        let mut jnos: Vec<String> = Vec::new();
        for j in docs {
            let d = self.document(j)?;
            if d.person_id != person {
                return Err(Error::Usage(t!(
                    "casework-doc-other-folder",
                    jno = d.journal_number.as_str(),
                    other = d.person_id,
                    person = person
                )));
            }
            if !jnos.contains(&d.journal_number) {
                jnos.push(d.journal_number);
            }
        }
        let name = name
            .map(|n| {
                checked_text(
                    &t!("access-field-requester-name"),
                    n,
                    1,
                    limits::NAME,
                    false,
                )
            })
            .transpose()?;
        self.write(|tx, acting| {
            tx.execute(
                "INSERT INTO access_requests (person_id, requester, requester_name, received,
                     docs, registered_at, registered_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    person,
                    requester.as_str(),
                    name,
                    received.to_string(),
                    jnos.join(","),
                    now_rfc3339(),
                    acting.user.name
                ],
            )?;
            let id = tx.last_insert_rowid();
            let act = act.detail(registered_detail(id, requester.as_str()));
            audit::append(tx, acting, &act)?;
            Ok(id)
        })
    }

    /// `access decide`: records the decision on request `id` with its ground. Needs decision
    /// authority. A refusal of the Ombud's or a court's demand is refused (logged).
    pub fn decide_access(&mut self, id: i64, outcome: Outcome, ground: &str) -> Result<()> {
        let req = self.access_request(id)?;
        let act = Act::new("access-decide").person(req.person_id);
        self.require_decision_authority(&act, &t!("casework-what-access"))?;
        if req.outcome.is_some() {
            return Err(Error::Usage(t!("access-already-decided", id = id)));
        }
        // Who asked decides which grounds exist and whether the request may be refused at
        // all (the Ombud and the courts may not be), so the row, which anyone holding the
        // store key can edit, must say what its signed registration entry says.
        if !self.access_request_as_logged(&req)? {
            return Err(Error::Integrity(t!("access-differs-from-log", id = id)));
        }
        let requester: Requester = req
            .requester
            .parse()
            .map_err(|_| Error::Integrity(t!("access-unknown-requester", id = id)))?;
        if outcome == Outcome::Refuse && !refusable(requester) {
            let msg = if requester == Requester::Ombud {
                t!("access-ombud-not-refusable", id = id)
            } else {
                t!("access-court-not-refusable", id = id)
            };
            let rule = "ombud or court demand"; // untranslated: refusal rule name
            return Err(self.refuse(act, rule, msg));
        }
        let g = GROUNDS
            .iter()
            .find(|g| g.ground.eq_ignore_ascii_case(ground.trim()))
            .filter(|g| g.fits.contains(&requester) && g.outcome == outcome)
            .ok_or_else(|| {
                Error::Usage(t!(
                    "access-not-a-ground",
                    ground = format!("{:?}", crate::text::escape(ground)),
                    outcome = outcome.as_str(),
                    from = requester.as_str()
                ))
            })?;
        self.write(|tx, acting| {
            let n = tx.execute(
                "UPDATE access_requests SET outcome = ?2, ground = ?3, decided_at = ?4,
                     decided_by = ?5
                 WHERE id = ?1 AND outcome IS NULL",
                params![
                    id,
                    outcome.as_str(),
                    g.ground,
                    now_rfc3339(),
                    acting.user.name
                ],
            )?;
            if n != 1 {
                return Err(Error::Usage(t!("access-already-decided", id = id)));
            }
            let act = act.detail(decided_detail(id, outcome.as_str(), g.ground));
            audit::append(tx, acting, &act)?;
            Ok(())
        })
    }

    /// Whether request `req` is what the use log says of it (R27). Requests are not signed
    /// records of their own; their registration and their decision are each a use-log
    /// entry, which is. The first checked entry that registers request `req.id` (by an
    /// account still on the list) is its registration: the row must say what it says (who
    /// asked, who registered it), so neither a later entry a clerk appends nor a row deleted
    /// and made again under the same id can change who asked. Only checked entries by an
    /// officer with decision authority can decide it, and the first is the decision: once
    /// decided, the row must have its outcome, ground and decision-maker, and the ground must
    /// fit the requester.
    pub(crate) fn access_request_as_logged(&self, req: &AccessRequest) -> Result<bool> {
        let start = registered_prefix(req.id);
        let mut registration = None;
        for e in audit::report::person_entries(self.conn(), req.person_id, "access-request")? {
            if e.detail.as_deref().is_some_and(|d| d.starts_with(&start))
                && self.checked_entry(&e)?.is_some_and(|s| !s.removed_before)
            {
                registration = Some(e);
                break;
            }
        }
        let registered = registered_detail(req.id, &req.requester);
        let Some(first) = registration else {
            return Ok(false);
        };
        if first.detail.as_deref() != Some(registered.as_str()) || first.user != req.registered_by {
            return Ok(false);
        }
        let prefix = decided_prefix(req.id);
        let mut decision = None;
        for e in audit::report::person_entries(self.conn(), req.person_id, "access-decide")? {
            if e.detail.as_deref().is_some_and(|d| d.starts_with(&prefix))
                && self
                    .checked_entry(&e)?
                    .is_some_and(|s| s.acting_as(Role::Officer) && s.account.decision_authority)
            {
                decision = Some(e);
                break;
            }
        }
        match (&req.outcome, &req.ground, &req.decided_by, decision) {
            (None, None, None, None) => Ok(true),
            (Some(outcome), Some(ground), Some(by), Some(e)) => {
                let fits = req.requester.parse::<Requester>().is_ok_and(|r| {
                    GROUNDS.iter().any(|g| {
                        g.ground == ground.as_str()
                            && g.outcome.as_str() == outcome.as_str()
                            && g.fits.contains(&r)
                    })
                });
                Ok(fits
                    && e.detail.as_deref()
                        == Some(decided_detail(req.id, outcome, ground).as_str())
                    && &e.user == by)
            }
            _ => Ok(false),
        }
    }

    /// For `verify`: each request the use log registers (in a checked entry by an account
    /// still on the list) whose row is gone, though no signed destruction removed its person
    /// (retention takes a removed person's requests with them). A row deleted with the store key would
    /// otherwise leave nothing to check: no request, no deadline, no decision owed.
    pub(crate) fn access_requests_missing(&self, present: &[AccessRequest]) -> Result<Vec<i64>> {
        let ids: std::collections::HashSet<i64> = present.iter().map(|r| r.id).collect();
        let entries: Vec<audit::Entry> = self
            .conn()
            .prepare(&format!(
                "SELECT {} FROM use_log WHERE act = 'access-request' AND outcome = 'ok'
                 ORDER BY seq",
                audit::Entry::COLUMNS
            ))?
            .query_map([], audit::Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        let mut missing = Vec::new();
        for e in entries {
            let id = e
                .detail
                .as_deref()
                .and_then(|d| d.strip_prefix("request ")) // untranslated: use-log detail
                .and_then(|d| d.split_once(" from ")) // untranslated: use-log detail
                .and_then(|(n, _)| n.parse::<i64>().ok());
            let Some(id) = id.filter(|id| !ids.contains(id) && !missing.contains(id)) else {
                continue;
            };
            if self.checked_entry(&e)?.is_none_or(|s| s.removed_before) {
                continue;
            }
            // Gone with its person only if a signed destruction removed the person.
            let retired = match e.person_id {
                Some(p) => self.gone_by_destruction(p)?,
                None => false,
            };
            if !retired {
                missing.push(id);
            }
        }
        Ok(missing)
    }

    /// One request.
    pub fn access_request(&self, id: i64) -> Result<AccessRequest> {
        self.access_requests_where("id = ?1", id)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(t!("access-not-found", id = id)))
    }

    /// Requests, oldest first: only the open ones unless `all`.
    pub fn access_requests(&self, all: bool) -> Result<Vec<AccessRequest>> {
        let open_or_all = "(?1 = 1 OR outcome IS NULL)"; // untranslated: SQL
        self.access_requests_where(open_or_all, i64::from(all))
    }

    /// `cond` is one of two fixed strings of this file, never outside input.
    fn access_requests_where(&self, cond: &str, arg: i64) -> Result<Vec<AccessRequest>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT id, person_id, requester, requester_name, received, docs, registered_at,
                    registered_by, outcome, ground, decided_at, decided_by
             FROM access_requests WHERE {cond} ORDER BY received, id"
        ))?;
        let day = today();
        let rows = st.query_map([arg], |r| {
            let received: String = r.get(4)?;
            let docs: String = r.get(5)?;
            let age = chrono::NaiveDate::parse_from_str(&received, "%Y-%m-%d")
                .map(|d| (day - d).num_days())
                .unwrap_or(0);
            Ok(AccessRequest {
                id: r.get(0)?,
                person_id: r.get(1)?,
                requester: r.get(2)?,
                requester_name: r.get(3)?,
                received,
                age_days: age,
                docs: docs
                    .split(',')
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned)
                    .collect(),
                registered_at: r.get(6)?,
                registered_by: r.get(7)?,
                outcome: r.get(8)?,
                ground: r.get(9)?,
                decided_at: r.get(10)?,
                decided_by: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// The start of the use-log detail of a request's registration.
fn registered_prefix(id: i64) -> String {
    format!("request {id} from ") // untranslated: use-log detail
}

/// The use-log detail of a request's registration: what the row is checked against.
fn registered_detail(id: i64, requester: &str) -> String {
    format!("{}{requester}", registered_prefix(id))
}

/// The start of the use-log detail of a request's decision.
fn decided_prefix(id: i64) -> String {
    format!("request {id}: ") // untranslated: use-log detail
}

/// The use-log detail of a request's decision, with its outcome and ground.
fn decided_detail(id: i64, outcome: &str, ground: &str) -> String {
    format!("{}{outcome} ({ground})", decided_prefix(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_requester_has_a_ground_and_only_ombud_and_court_cannot_be_refused() {
        for r in Requester::VALUES {
            let r: Requester = r.parse().unwrap();
            let gs = grounds_for(r);
            assert!(!gs.is_empty(), "{r}");
            let refusals = gs.iter().filter(|g| g.outcome == Outcome::Refuse).count();
            assert_eq!(refusals == 0, !refusable(r), "{r}");
        }
        assert!(grounds_for(Requester::Lawyer)
            .iter()
            .any(|g| g.ground == "fvl-19-1c"));
        assert!("police".parse::<Requester>().is_err());
    }
}
