//! A person's history: correcting a wrong name or birth date, and the old value of every
//! detail changed, with who changed it, when and why. A correction is logged (the fields, never
//! the values: names stay out of the use log) and the old values stay in `person_history`.

use super::input::{parse_date, text};
use super::person::Person;
use super::search::{index_name, similar_warning};
use crate::audit::{self, Act};
use crate::identity::Session;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};
use serde::Serialize;

/// One changed detail.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// When (UTC).
    pub time: String,
    /// Who.
    pub user: String,
    /// Which detail: name, born, kind, unit, risks, affiliations, offence, sentence, conduct,
    /// release, link.
    pub field: String,
    /// The value before.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
    /// Why, where given.
    pub reason: Option<String>,
}

/// A person as stored now, read inside a transaction.
pub(crate) fn load(tx: &Transaction<'_>, id: i64) -> Result<Person> {
    Ok(tx.query_row(
        &format!("SELECT {} FROM persons WHERE id = ?1", Person::COLUMNS),
        [id],
        Person::from_row,
    )?)
}

/// The details of a person as (field, value) pairs, for comparing two states.
fn details(p: &Person) -> [(&'static str, Option<String>); 10] {
    let list = |v: &[String]| Some(v.join(",")).filter(|s| !s.is_empty());
    [
        ("name", Some(p.name.clone())),
        ("born", p.born.clone()),
        ("kind", Some(p.kind.clone())),
        ("unit", p.unit.clone()),
        ("risks", list(&p.risks)),
        ("affiliations", list(&p.affiliations)),
        ("offence", p.offence.clone()),
        ("sentence", p.sentence.clone()),
        ("conduct", p.conduct.clone()),
        ("release", p.release_at.clone()),
    ]
}

/// Records in the history every detail that differs between `before` and `after`; returns
/// the names of the fields changed.
pub(crate) fn record(
    tx: &Transaction<'_>,
    before: &Person,
    after: &Person,
    reason: Option<&str>,
    by: i64,
) -> Result<Vec<&'static str>> {
    let now = now_rfc3339();
    let mut changed = Vec::new();
    for ((field, old), (_, new)) in details(before).into_iter().zip(details(after)) {
        if old != new {
            tx.execute(
                "INSERT INTO person_history
                    (person_id, field, old_value, new_value, reason, changed_at, changed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![before.id, field, old, new, reason, now, by],
            )?;
            changed.push(field);
        }
    }
    Ok(changed)
}

impl Session {
    /// Corrects a person's name and/or birth date (`Some("")` clears the birth date). The old
    /// values go into the history; the act is logged. Returns the person and a warning if
    /// the corrected person now looks like another one.
    pub fn correct_person(
        &mut self,
        id: i64,
        name: Option<&str>,
        born: Option<&str>,
        reason: Option<&str>,
    ) -> Result<(Person, Vec<String>)> {
        self.require_register_role("correct persons")?; // untranslated: act key, act_label shows it
        let current = self.person(id)?;
        if name.is_none() && born.is_none() {
            return Err(Error::Usage(t!("person-correct-nothing")));
        }
        let name = name.map(|n| text("name", n, 200)).transpose()?;
        let born = match born.map(str::trim) {
            Some("") => Some(None),
            Some(b) => Some(Some(parse_date(b)?)),
            None => None,
        };
        let reason = reason.map(|r| text("reason", r, 500)).transpose()?;
        let new_name = name.clone().unwrap_or_else(|| current.name.clone());
        let new_born = born.clone().unwrap_or_else(|| current.born.clone());
        if new_name == current.name && new_born == current.born {
            return Err(Error::Usage(t!("person-correct-same")));
        }
        let uid = self.user().id;
        self.write(|tx, acting| {
            let before = load(tx, id)?;
            tx.execute(
                "UPDATE persons SET name = ?2, born = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, new_name, new_born, now_rfc3339()],
            )?;
            index_name(tx, id, &new_name)?;
            let after = load(tx, id)?;
            let fields = record(tx, &before, &after, reason.as_deref(), uid)?;
            audit::append(
                tx,
                acting,
                &Act::new("person-correct")
                    .person(id)
                    .detail(fields.join(", ")),
            )?;
            Ok(())
        })?;
        let similar = self.similar_persons(&new_name, new_born.as_deref(), Some(id))?;
        let warnings = similar_warning(&similar).into_iter().collect();
        Ok((self.person(id)?, warnings))
    }

    /// A person's history of changes, oldest first; reading it is logged as a use of the
    /// register.
    pub fn person_history(&mut self, id: i64) -> Result<Vec<Change>> {
        self.person(id)?;
        let changes = {
            let mut st = self.conn().prepare(
                "SELECT h.changed_at, coalesce(u.name, '?'), h.field, h.old_value, h.new_value,
                        h.reason
                 FROM person_history h LEFT JOIN users u ON u.id = h.changed_by
                 WHERE h.person_id = ?1 ORDER BY h.id",
            )?;
            let rows = st.query_map([id], |r| {
                Ok(Change {
                    time: r.get(0)?,
                    user: r.get(1)?,
                    field: r.get(2)?,
                    old: r.get(3)?,
                    new: r.get(4)?,
                    reason: r.get(5)?,
                })
            })?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        self.log_act(&Act::new("person-history").person(id))?;
        Ok(changes)
    }

    /// Removes the links between two persons, in both directions (only those of `kind` when
    /// given). Each removed link goes into the history of `id`. Returns how many were removed.
    pub fn unlink_persons(&mut self, id: i64, other: i64, kind: Option<&str>) -> Result<usize> {
        self.require_register_role("unlink persons")?; // untranslated: act key, act_label shows it
        let kind = kind
            .map(|k| crate::text::parse_one("link", k, super::person::LINKS))
            .transpose()?;
        self.person(id)?;
        self.person(other)?;
        let uid = self.user().id;
        let n = self.write(|tx, acting| {
            let links: Vec<(i64, i64, String)> = tx
                .prepare(
                    "SELECT person_id, other_id, kind FROM person_links
                     WHERE ((person_id = ?1 AND other_id = ?2) OR (person_id = ?2 AND other_id = ?1))
                       AND (?3 IS NULL OR kind = ?3)",
                )?
                .query_map(params![id, other, kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<std::result::Result<_, _>>()?;
            for (from, to, k) in &links {
                tx.execute(
                    "DELETE FROM person_links WHERE person_id = ?1 AND other_id = ?2 AND kind = ?3", // untranslated: SQL
                    params![from, to, k],
                )?;
                tx.execute(
                    "INSERT INTO person_history
                        (person_id, field, old_value, new_value, reason, changed_at, changed_by)
                     VALUES (?1, 'link', ?2, NULL, NULL, ?3, ?4)",
                    params![id, format!("{from} {k} of {to}"), now_rfc3339(), uid],
                )?;
                audit::append(
                    tx,
                    acting,
                    &Act::new("person-unlink")
                        .person(id)
                        .detail(format!("{from} {k} of {to}")),
                )?;
            }
            Ok(links.len())
        })?;
        if n == 0 {
            return Err(Error::NotFound(t!(
                "person-no-link",
                id = id,
                other = other
            )));
        }
        Ok(n)
    }
}
