//! What `verify` proves of the casework records without reading anything under a folder key.
//!
//! Casework rows are metadata under the store key, so whoever holds that key can change them;
//! what protects them is their signatures (R21, R23). Until now those were checked only when a
//! record was shown or sent, so `verify` could call a store sound while a registration
//! decision's reason, or a review's verdict, had been changed. Here every record is checked
//! in one pass and every bad one is named:
//! - registration decisions: the officer's signature, by the certified key of an officer with
//!   decision authority;
//! - reviews made here: the same, and this unit's signature; reviews received from above:
//!   both signatures, under a key the reviewing unit has been trusted under;
//! - decisions made here: the decision-maker is such an officer by their certificate;
//!   decisions received from below: the key they were recorded under is one the deciding unit
//!   has been trusted under;
//! - access requests (R27), which are not signed records: each must be what its signed
//!   use-log entries say (who asked; the outcome, ground and decision-maker).
//!
//! A decision's own signatures cover its assessment, which is a document in the person's
//! folder: reading it is a logged use that needs the folder's key, so they are checked when
//! the decision is opened (`decision show`) or sent, not here.

use crate::identity::Session;
use crate::{t, Result};

/// What the casework check counted, and what it found wrong.
pub(crate) struct CaseworkFindings {
    /// Decisions, reviews, registration decisions and access requests looked at.
    pub(crate) counts: (usize, usize, usize, usize),
    /// One sentence per bad record.
    pub(crate) problems: Vec<String>,
}

impl Session {
    /// Whether `holds` holds under one of the signing keys this unit has had: a record
    /// signed here before a rollover (an officer's leaving rolls the unit keys over) stays
    /// good after it. The officer's own signature, under their certified key, is what binds
    /// a record made here to a person; the unit's says it was made at this unit.
    pub(crate) fn under_own_unit_key(&self, holds: impl Fn(&[u8; 32]) -> bool) -> Result<bool> {
        Ok(self.unit_signing_history()?.iter().any(holds))
    }

    /// Whether review `id` is what its signatures say, under the right keys: made here, by a
    /// certified officer with decision authority and this unit; received, under a key its
    /// reviewing unit has been trusted under.
    pub(crate) fn check_review(&self, id: i64) -> Result<()> {
        let (rec, origin, key) = self.stored_review(id)?;
        if origin == "own" {
            self.check_own_review(id, &rec)
        } else if !self.was_trusted_under(&rec.unit, &key)? {
            Err(untrusted(id, &rec.unit))
        } else {
            rec.verify(&key)
                .map_err(|_| crate::Error::Integrity(t!("review-signature-mismatch", id = id)))
        }
    }

    /// Checks every casework record this store holds (see the module's documentation).
    pub(crate) fn check_casework(&self) -> Result<CaseworkFindings> {
        let mut problems = Vec::new();
        let certified = self.certified_accounts()?;

        let registrations = self.registrations_checked(None)?;
        for (g, ok) in &registrations {
            if !ok {
                problems.push(t!("registration-signature-mismatch", id = g.id));
            }
        }

        let ids: Vec<i64> = {
            let mut st = self
                .conn()
                .prepare("SELECT id FROM decision_reviews ORDER BY id")?;
            let ids = st.query_map([], |r| r.get(0))?;
            ids.collect::<std::result::Result<_, _>>()?
        };
        for &id in &ids {
            if let Err(e) = self.check_review(id) {
                problems.push(e.to_string());
            }
        }

        let decisions: Vec<MadeBy> = {
            let mut st = self.conn().prepare(
                "SELECT id, origin, unit, decided_by, decider_key, unit_key
                 FROM decisions ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                Ok(MadeBy {
                    id: r.get(0)?,
                    own: r.get::<_, String>(1)? == "own",
                    unit: r.get(2)?,
                    by: r.get(3)?,
                    decider_key: r.get(4)?,
                    unit_key: r.get(5)?,
                })
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for d in &decisions {
            if d.own {
                if !certified
                    .iter()
                    .any(|c| c.decides_as(&d.by, &d.decider_key))
                {
                    problems.push(t!("decision-not-certified", id = d.id));
                }
            } else if !self.was_trusted_under(&d.unit, &d.unit_key)? {
                problems.push(t!(
                    "casework-decision-key-untrusted",
                    id = d.id,
                    unit = crate::text::escape(&d.unit)
                ));
            }
        }

        let requests = self.access_requests(true)?;
        for req in &requests {
            if !self.access_request_as_logged(req)? {
                problems.push(t!("access-differs-from-log", id = req.id));
            }
        }
        for id in self.access_requests_missing(&requests)? {
            problems.push(t!("access-missing", id = id));
        }
        problems.extend(self.casework_against_log()?);
        problems.extend(self.outbox_against_rules()?);

        Ok(CaseworkFindings {
            counts: (
                decisions.len(),
                ids.len(),
                registrations.len(),
                requests.len(),
            ),
            problems,
        })
    }
}

/// Who made a decision, and under which keys it was recorded.
struct MadeBy {
    id: i64,
    own: bool,
    unit: String,
    by: String,
    decider_key: Vec<u8>,
    unit_key: Vec<u8>,
}

fn untrusted(id: i64, unit: &str) -> crate::Error {
    crate::Error::Integrity(t!(
        "casework-review-key-untrusted",
        id = id,
        unit = crate::text::escape(unit)
    ))
}
