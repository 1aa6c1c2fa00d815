//! Persons who travel between units in transfer packages: a stable identifier across units,
//! and registering at the receiver a person it did not know.
//!
//! Names and birth dates differ in spelling from unit to unit and are no key. Each person
//! gets a random 128-bit uid when they first leave in a package (or arrive in one); the
//! receiving unit keeps the sender's uid, so every later package about the same person is
//! filed into the same folder, and a package that goes on (region → KSF) carries it along.

use super::person::{Person, AFFILIATIONS, KINDS, RISKS};
use crate::audit::{self, Act};
use crate::authz::folder::Officers;
use crate::identity::{Acting, Session};
use crate::text::{self, parse_one, parse_set};
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// What travels about a person: enough to register them at a unit that does not know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonFacts {
    /// The cross-unit identifier.
    pub uid: [u8; 16],
    /// Name.
    pub name: String,
    /// inmate, remand or associate.
    pub kind: String,
    /// Date of birth, YYYY-MM-DD.
    pub born: Option<String>,
    /// Current unit.
    pub unit: Option<String>,
    /// Risk categories, comma-separated.
    pub risks: String,
    /// Affiliations, comma-separated.
    pub affiliations: String,
    /// Type of offence.
    pub offence: Option<String>,
    /// Sentence.
    pub sentence: Option<String>,
    /// Earlier conduct.
    pub conduct: Option<String>,
}

fn opt(what: &str, v: Option<&str>, max: usize) -> Result<Option<String>> {
    v.map(|s| text::field(what, s, max, max > 500)).transpose()
}

impl PersonFacts {
    /// Checks facts read from outside (a package) the way `person add` checks its input.
    #[allow(clippy::too_many_arguments)] // one person's fields
    pub fn check(
        uid: [u8; 16],
        name: &str,
        kind: &str,
        born: Option<&str>,
        unit: Option<&str>,
        risks: &str,
        affiliations: &str,
        offence: Option<&str>,
        sentence: Option<&str>,
        conduct: Option<&str>,
    ) -> Result<PersonFacts> {
        let kind = parse_one("kind", kind, KINDS)?;
        let born = born
            .map(|b| {
                chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d")
                    .ok()
                    .filter(|d| d.to_string() == b)
                    .map(|d| d.to_string())
                    .ok_or_else(|| Error::Usage(t!("person-bad-born", value = format!("{b:?}"))))
            })
            .transpose()?;
        let risks = parse_set("risk", risks, RISKS)?;
        let affiliations = parse_set("affiliation", affiliations, AFFILIATIONS)?;
        Ok(PersonFacts {
            uid,
            name: text::field("name", name, 200, false)?,
            kind,
            born,
            unit: opt("unit", unit, 100)?,
            risks,
            affiliations,
            offence: opt("offence", offence, 500)?,
            sentence: opt("sentence", sentence, 200)?,
            conduct: opt("conduct", conduct, 2000)?,
        })
    }
}

/// The uid of a person, made (random) on first use, inside the caller's transaction.
pub(crate) fn uid_of(tx: &Connection, person_id: i64) -> Result<[u8; 16]> {
    let found: Option<Vec<u8>> = tx
        .prepare_cached("SELECT uid FROM person_uids WHERE person_id = ?1")?
        .query_row([person_id], |r| r.get(0))
        .optional()?;
    if let Some(u) = found {
        return u
            .as_slice()
            .try_into()
            .map_err(|_| Error::Integrity(t!("person-uid-malformed")));
    }
    let uid: [u8; 16] = crate::crypto::rand::array()?;
    tx.execute(
        "INSERT INTO person_uids (person_id, uid) VALUES (?1, ?2)",
        params![person_id, uid.to_vec()],
    )?;
    Ok(uid)
}

/// The person with this uid, if this store knows them.
pub(crate) fn person_with_uid(conn: &Connection, uid: &[u8; 16]) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT person_id FROM person_uids WHERE uid = ?1")?
        .query_row([uid.to_vec()], |r| r.get(0))
        .optional()?)
}

/// Registers a person received in a package inside the caller's transaction: the row, the
/// sender's uid, the folder (made by the acting officer, wrapped to `officers`) and the
/// log entry. Returns the person's id.
pub(crate) fn register_received(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    officers: &Officers,
    f: &PersonFacts,
    from: &str,
) -> Result<i64> {
    let now = now_rfc3339();
    tx.execute(
        &format!(
            "INSERT INTO persons (id, name, kind, born, unit, risks, affiliations, offence,
                                  sentence, conduct, created_at, created_by, updated_at)
             VALUES ({}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
            super::person::NEXT_ID
        ),
        params![
            f.name,
            f.kind,
            f.born,
            f.unit,
            f.risks,
            f.affiliations,
            f.offence,
            f.sentence,
            f.conduct,
            now,
            acting.user.id
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO person_uids (person_id, uid) VALUES (?1, ?2)",
        params![id, f.uid.to_vec()],
    )?;
    crate::authz::folder::create(tx, acting, officers, id)?;
    audit::append(
        tx,
        acting,
        &Act::new("person-add")
            .person(id)
            .detail(format!("received from {from}")), // untranslated: use-log detail
    )?;
    Ok(id)
}

/// Gives a person known here but without a folder (it left with an earlier transfer) a new
/// folder, inside the caller's transaction.
pub(crate) fn refolder(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    officers: &Officers,
    person: i64,
) -> Result<i64> {
    crate::authz::folder::create(tx, acting, officers, person)
}

impl Session {
    /// A person's facts for a package; `uid` comes from [`uid_of`] in the package's
    /// transaction.
    pub(crate) fn person_facts(&self, id: i64, uid: [u8; 16]) -> Result<PersonFacts> {
        let p: Person = self.person(id)?;
        Ok(PersonFacts {
            uid,
            name: p.name,
            kind: p.kind,
            born: p.born,
            unit: p.unit,
            risks: p.risks.join(","),
            affiliations: p.affiliations.join(","),
            offence: p.offence,
            sentence: p.sentence,
            conduct: p.conduct,
        })
    }
}
