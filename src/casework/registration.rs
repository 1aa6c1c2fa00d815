//! KSF's registration decisions (R6): whether a person, or a piece of information, is taken
//! into the central register, and why. A refusal is recorded just as carefully as a yes: it is
//! what shows, later, that the information was weighed and left out.
//!
//! Only a store at level `ksf` keeps the central register, so only there can this be
//! recorded; the decision is signed by the officer who took it.

use super::checked_text;
use crate::audit::{self, Act};
use crate::crypto::{encode_fields, labels};
use crate::identity::{Level, Session};
use crate::text::limits;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::params;
use serde::Serialize;

/// The shortest reason accepted, in characters.
pub const MIN_REGISTRATION_REASON: usize = 20;

/// A registration decision as shown.
#[derive(Debug, Serialize)]
pub struct Registration {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The piece of information, if the decision is about one document.
    pub journal_number: Option<String>,
    /// `take` (taken into the register) or `refuse`.
    pub outcome: String,
    /// Why.
    pub reason: String,
    /// When.
    pub decided_at: String,
    /// Who.
    pub decided_by: String,
}

fn message(
    store_id: &[u8],
    person: i64,
    jno: Option<&str>,
    take: bool,
    reason: &str,
    at: &str,
    by: &str,
) -> Vec<u8> {
    encode_fields(
        labels::SIG_REGISTRATION,
        &[
            store_id,
            &person.to_be_bytes(),
            jno.unwrap_or("").as_bytes(),
            if take { b"take" } else { b"refuse" },
            reason.as_bytes(),
            at.as_bytes(),
            by.as_bytes(),
        ],
    )
}

impl Session {
    /// `registration record`: KSF decides whether `person` (or the document `jno` in their
    /// folder) is taken into the central register (`take`) or not, and why. Returns its id.
    pub fn record_registration(
        &mut self,
        person: i64,
        jno: Option<&str>,
        take: bool,
        reason: &str,
    ) -> Result<i64> {
        let act = Act::new("registration").person(person);
        if self.meta().level != Level::Ksf {
            let msg = t!(
                "casework-registration-ksf-only",
                level = self.meta().level.as_str(),
                unit = self.meta().unit.as_str()
            );
            return Err(self.refuse(act, "level", msg));
        }
        self.require_decision_authority(&act, &t!("casework-what-register"))?;
        self.person(person)?;
        let jno = match jno {
            Some(j) => {
                let d = self.document(j)?;
                if d.person_id != person {
                    return Err(Error::Usage(t!(
                        "casework-doc-other-folder",
                        jno = d.journal_number.as_str(),
                        other = d.person_id,
                        person = person
                    )));
                }
                Some(d.journal_number)
            }
            None => None,
        };
        let reason = checked_text(
            "reason",
            reason,
            MIN_REGISTRATION_REASON,
            limits::LONG,
            true,
        )
        .map_err(|e| {
            Error::Usage(t!(
                "registration-reason-needed",
                min = MIN_REGISTRATION_REASON,
                max = limits::LONG,
                error = e.to_string()
            ))
        })?;
        let at = now_rfc3339();
        let store_id = self.meta().store_id.clone();
        self.write(|tx, acting| {
            let by = &acting.user.name;
            let msg = message(&store_id, person, jno.as_deref(), take, &reason, &at, by);
            let sig = acting.sign(&msg);
            let signer = acting.sign_public();
            tx.execute(
                "INSERT INTO registrations (person_id, journal_number, outcome, reason,
                     decided_at, decided_by, signer, signature)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    person,
                    jno,
                    if take { "take" } else { "refuse" },
                    reason,
                    at,
                    by,
                    signer.to_vec(),
                    sig.to_vec()
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut a = act.detail(format!(
                "registration {id}: {}",
                if take { "taken" } else { "refused" }
            ));
            // The document concerned, all versions: no single version is meant.
            a.journal_number = jno.clone();
            audit::append(tx, acting, &a)?;
            Ok(id)
        })
    }

    /// Registration decisions, oldest first, optionally about one person. Each signature is
    /// checked against the certified key of the officer who made it, who must have held
    /// decision authority by their certificate.
    pub fn registrations(&self, person: Option<i64>) -> Result<Vec<Registration>> {
        self.registrations_checked(person)?
            .into_iter()
            .map(|(g, ok)| {
                if ok {
                    Ok(g)
                } else {
                    Err(Error::Integrity(t!(
                        "registration-signature-mismatch",
                        id = g.id
                    )))
                }
            })
            .collect()
    }

    /// Every registration decision with whether its signature holds, for `verify`, which
    /// names every bad one rather than the first.
    pub(crate) fn registrations_checked(
        &self,
        person: Option<i64>,
    ) -> Result<Vec<(Registration, bool)>> {
        let certified = self.certified_accounts()?;
        let mut st = self.conn().prepare(
            "SELECT id, person_id, journal_number, outcome, reason, decided_at, decided_by,
                    signer, signature
             FROM registrations WHERE (?1 IS NULL OR person_id = ?1) ORDER BY id",
        )?;
        let rows = st.query_map([person], |r| {
            Ok((
                Registration {
                    id: r.get(0)?,
                    person_id: r.get(1)?,
                    journal_number: r.get(2)?,
                    outcome: r.get(3)?,
                    reason: r.get(4)?,
                    decided_at: r.get(5)?,
                    decided_by: r.get(6)?,
                },
                r.get::<_, Vec<u8>>(7)?,
                r.get::<_, Vec<u8>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (g, signer, sig) = row?;
            let msg = message(
                &self.meta().store_id,
                g.person_id,
                g.journal_number.as_deref(),
                g.outcome == "take",
                &g.reason,
                &g.decided_at,
                &g.decided_by,
            );
            let ok = certified
                .iter()
                .any(|c| c.decides_as(&g.decided_by, &signer))
                && crate::crypto::sign::verify(&signer, &msg, &sig);
            out.push((g, ok));
        }
        Ok(out)
    }
}
