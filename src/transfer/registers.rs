//! Two registers the chain of command keeps in writing: prior oral consultations before a
//! transfer (R12: "the levels confer orally in advance"), and disclosures outside the
//! service with their legal basis, oral ones and decisions not to disclose included (R25,
//! R31, R32).
//!
//! Each entry is signed by the officer who records it and logged. A transfer package is
//! refused until a consultation with the receiving unit about that person is recorded; an
//! external package enters itself in the disclosure register in the transaction that logs
//! it. This module must never record a disclosure to police of a health-confidential
//! document (R26): it asks `authz::disclosure::may_disclose` and logs the refusal.

use super::payload::Basis;
use crate::audit::{self, Act};
use crate::authz::disclosure::{insert_disclosure_tx, may_disclose, Recipient};
use crate::crypto::{encode_fields, labels};
use crate::identity::{Role, Session};
use crate::text::{self, limits};
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::params;
use serde::Serialize;

/// A recorded consultation.
#[derive(Debug, Clone, Serialize)]
pub struct Consultation {
    /// Id.
    pub id: i64,
    /// Person.
    pub person_id: i64,
    /// The unit consulted.
    pub unit: String,
    /// Whom the officer spoke with.
    pub with: String,
    /// When they spoke.
    pub at: String,
    /// Note.
    pub note: Option<String>,
    /// Recorded by.
    pub recorded_by: String,
    /// Recorded at.
    pub recorded_at: String,
}

/// One entry of the disclosure register.
#[derive(Debug, Clone, Serialize)]
pub struct Disclosure {
    /// Id.
    pub id: i64,
    /// `package`, `oral` or `withheld` (a decision not to disclose).
    pub kind: String,
    /// Person.
    pub person_id: i64,
    /// Recipient.
    pub recipient: String,
    /// Legal basis (`none` for a decision not to disclose).
    pub basis: String,
    /// Documents, as `JNO@V`.
    pub documents: Vec<String>,
    /// What was said (oral), or why not (withheld).
    pub what: Option<String>,
    /// When.
    pub at: String,
    /// The package, for a written disclosure.
    pub package_id: Option<String>,
    /// Sender: the officer who disclosed or decided.
    pub recorded_by: String,
    /// Recorded at.
    pub recorded_at: String,
}

/// `disclosure record`: an oral disclosure, or a decision not to disclose.
#[derive(Debug)]
pub struct NewDisclosure {
    /// `true`: a decision not to disclose (R32); `false`: an oral disclosure (R31).
    pub withheld: bool,
    /// Person.
    pub person_id: i64,
    /// Recipient (who received, or who asked).
    pub recipient: String,
    /// Legal basis (required for a disclosure).
    pub basis: Option<Basis>,
    /// Documents concerned (journal numbers).
    pub documents: Vec<String>,
    /// What was said, or why not.
    pub what: String,
    /// When (default now).
    pub at: Option<String>,
}

/// Reads a time a person gives: RFC 3339, `YYYY-MM-DD HH:MM` (UTC) or a date; never in
/// the future (what is recorded has happened).
pub fn parse_past_time(what: &str, s: &str) -> Result<String> {
    let s = s.trim();
    let t = chrono::DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&chrono::Utc))
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").map(|d| d.and_utc())
        })
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        })
        .map_err(|_| {
            Error::Usage(crate::t!(
                "transfer-invalid-time",
                what = what,
                value = format!("{:?}", text::escape(s))
            ))
        })?;
    if t > chrono::Utc::now() {
        return Err(Error::Usage(crate::t!(
            "transfer-time-in-future",
            what = what,
            time = t.to_string()
        )));
    }
    Ok(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

impl Session {
    fn require_officer(&mut self, act: &str) -> Result<()> {
        if self.user().role != Role::Officer {
            let (name, role) = (self.user().name.as_str(), self.user().role.to_string());
            let msg = if act == "consult" {
                crate::t!("register-officer-only-consult", name = name, role = role)
            } else {
                crate::t!("register-officer-only-disclosure", name = name, role = role)
            };
            return Err(self.refuse(Act::new(act), "role", msg));
        }
        Ok(())
    }

    /// `consult record`: a prior oral consultation about a person with another unit (R12).
    pub fn record_consultation(
        &mut self,
        person: i64,
        unit: &str,
        with: &str,
        at: &str,
        note: Option<&str>,
    ) -> Result<Consultation> {
        self.require_officer("consult")?;
        self.person(person)?;
        let unit = text::field("unit", unit, 100, false)?;
        let with = text::field("name", with, limits::NAME, false)?;
        let at = parse_past_time(&crate::t!("package-field-consultation-time"), at)?;
        let note = text::opt_field("note", note, limits::NOTE, true)?;
        let id = self.write(|tx, acting| {
            let now = now_rfc3339();
            let msg = encode_fields(
                labels::SIG_CONSULTATION,
                &[
                    &acting.meta.store_id,
                    &person.to_be_bytes(),
                    unit.as_bytes(),
                    with.as_bytes(),
                    at.as_bytes(),
                    note.as_deref().unwrap_or("").as_bytes(),
                    now.as_bytes(),
                    acting.user.name.as_bytes(),
                ],
            );
            tx.execute(
                "INSERT INTO consultations (person_id, unit, with_name, at, note, recorded_at,
                                            recorded_by, signer, signature)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    person,
                    unit,
                    with,
                    at,
                    note,
                    now,
                    acting.user.name,
                    acting.sign_public().to_vec(),
                    acting.sign(&msg).to_vec()
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                acting,
                &Act::new("consult")
                    .person(person)
                    .detail(format!("#{id} with {unit}")),
            )?;
            Ok(id)
        })?;
        self.consultations(Some(person))?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::Other(crate::t!("transfer-consultation-not-stored")))
    }

    /// Recorded consultations, newest first.
    pub fn consultations(&self, person: Option<i64>) -> Result<Vec<Consultation>> {
        let mut st = self.conn().prepare(
            "SELECT id, person_id, unit, with_name, at, note, recorded_by, recorded_at
             FROM consultations WHERE (?1 IS NULL OR person_id = ?1) ORDER BY id DESC",
        )?;
        let rows = st.query_map([person], |r| {
            Ok(Consultation {
                id: r.get(0)?,
                person_id: r.get(1)?,
                unit: r.get(2)?,
                with: r.get(3)?,
                at: r.get(4)?,
                note: r.get(5)?,
                recorded_by: r.get(6)?,
                recorded_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The newest consultation about `person` with `unit`.
    pub(crate) fn consultation_with(
        &self,
        person: i64,
        unit: &str,
    ) -> Result<Option<Consultation>> {
        Ok(self
            .consultations(Some(person))?
            .into_iter()
            .find(|c| c.unit == unit))
    }

    /// `disclosure record`: an oral disclosure (R31) or a decision not to disclose (R32).
    pub fn record_disclosure(&mut self, d: NewDisclosure) -> Result<Disclosure> {
        self.require_officer("disclosure")?;
        self.person(d.person_id)?;
        let recipient = text::field("recipient", &d.recipient, 100, false)?;
        let what = text::field("what", &d.what, limits::LONG, true)?;
        let at = match &d.at {
            Some(t) => parse_past_time(&crate::t!("transfer-what-time"), t)?,
            None => now_rfc3339(),
        };
        let basis = match (&d.basis, d.withheld) {
            (Some(b), _) => b.to_string(),
            (None, true) => "none".to_owned(),
            (None, false) => return Err(Error::Usage(crate::t!("disclosure-needs-basis"))),
        };
        let mut docs = Vec::new();
        for j in &d.documents {
            let m = self.document(j)?;
            if m.person_id != d.person_id {
                return Err(Error::Usage(crate::t!(
                    "transfer-doc-not-in-person-folder",
                    jno = &m.journal_number,
                    person = d.person_id.to_string()
                )));
            }
            if !d.withheld {
                let to = Recipient::classify(&recipient);
                if let Err(Error::Refused { rule, message }) =
                    may_disclose(m.health_confidential, to, &m.journal_number)
                {
                    let act = Act::new("disclosure").doc(&m.journal_number, m.version, m.person_id);
                    return Err(self.refuse(act, rule, message));
                }
            }
            docs.push(format!("{}@{}", m.journal_number, m.version));
        }
        let kind = if d.withheld { "withheld" } else { "oral" };
        let id = self.write(|tx, acting| {
            insert_disclosure_tx(
                tx,
                acting,
                kind,
                d.person_id,
                &recipient,
                &basis,
                &docs,
                Some(&what),
                &at,
                None,
            )
        })?;
        self.disclosure(id)?
            .ok_or_else(|| Error::Other(crate::t!("transfer-disclosure-not-stored")))
    }

    fn disclosure(&self, id: i64) -> Result<Option<Disclosure>> {
        Ok(self.disclosures(None)?.into_iter().find(|d| d.id == id))
    }

    /// The disclosure register, oldest first.
    pub fn disclosures(&self, person: Option<i64>) -> Result<Vec<Disclosure>> {
        let mut st = self.conn().prepare(
            "SELECT id, kind, person_id, recipient, basis, documents, what, at, package_id,
                    recorded_by, recorded_at
             FROM disclosures WHERE (?1 IS NULL OR person_id = ?1) ORDER BY id",
        )?;
        let rows = st.query_map([person], |r| {
            let docs: String = r.get(5)?;
            Ok(Disclosure {
                id: r.get(0)?,
                kind: r.get(1)?,
                person_id: r.get(2)?,
                recipient: r.get(3)?,
                basis: r.get(4)?,
                documents: serde_json::from_str(&docs).unwrap_or_default(),
                what: r.get(6)?,
                at: r.get(7)?,
                package_id: r.get(8)?,
                recorded_by: r.get(9)?,
                recorded_at: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
