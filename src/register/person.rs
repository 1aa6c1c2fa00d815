//! Persons covered by INFOFLYT and the people around them (R2, R3).

use super::input::{act_label, opt_text, parse_date, text};
use crate::audit::{self, Act};
use crate::identity::{Role, Session};
use crate::text::{parse_one, parse_set};
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// Risk categories of the instruction (§3, R2).
pub const RISKS: &[&str] = &[
    "escape",
    "outside-attack",
    "hostage-taking",
    "serious-crime",
    "protection",
];
/// Affiliations of the instruction (§3, R2).
pub const AFFILIATIONS: &[&str] = &[
    "organised-crime",
    "terrorist",
    "political-extremist",
    "religious-extremist",
];
/// Kinds of person: sentenced inmate, inmate on remand, or someone around them (R3).
pub const KINDS: &[&str] = &["inmate", "remand", "associate"];
/// Kinds of link between persons (R3).
pub const LINKS: &[&str] = &["visitor", "phone-contact", "correspondent", "associate"];

/// A person as shown.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// inmate, remand or associate.
    pub kind: String,
    /// Date of birth.
    pub born: Option<String>,
    /// Current unit.
    pub unit: Option<String>,
    /// Risk categories.
    pub risks: Vec<String>,
    /// Affiliations.
    pub affiliations: Vec<String>,
    /// Type of offence.
    pub offence: Option<String>,
    /// Sentence length.
    pub sentence: Option<String>,
    /// Earlier conduct in prison.
    pub conduct: Option<String>,
    /// Registered release time.
    pub release_at: Option<String>,
    /// Registered.
    pub created_at: String,
}

impl Person {
    pub(crate) const COLUMNS: &'static str = "id, name, kind, born, unit, risks, affiliations, \
        offence, sentence, conduct, release_at, created_at";

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
        let split = |s: String| -> Vec<String> {
            s.split(',')
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        };
        Ok(Person {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            born: r.get(3)?,
            unit: r.get(4)?,
            risks: split(r.get(5)?),
            affiliations: split(r.get(6)?),
            offence: r.get(7)?,
            sentence: r.get(8)?,
            conduct: r.get(9)?,
            release_at: r.get(10)?,
            created_at: r.get(11)?,
        })
    }
}

/// `person add`.
#[derive(Debug, Default)]
pub struct NewPerson {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Born.
    pub born: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Comma-separated risks.
    pub risks: Option<String>,
    /// Comma-separated affiliations.
    pub affiliations: Option<String>,
    /// Offence.
    pub offence: Option<String>,
    /// Sentence.
    pub sentence: Option<String>,
    /// Conduct.
    pub conduct: Option<String>,
    /// The unit is new to the list: take it as given even if it is close to a known one.
    pub new_unit: bool,
}

/// `person update`: only the fields given change.
#[derive(Debug, Default)]
pub struct PersonUpdate {
    /// Kind.
    pub kind: Option<String>,
    /// Unit ("" clears).
    pub unit: Option<String>,
    /// Risks (replaces).
    pub risks: Option<String>,
    /// Affiliations (replaces).
    pub affiliations: Option<String>,
    /// Offence.
    pub offence: Option<String>,
    /// Sentence.
    pub sentence: Option<String>,
    /// Conduct.
    pub conduct: Option<String>,
    /// The unit is new to the list (see [`NewPerson::new_unit`]).
    pub new_unit: bool,
}

impl Session {
    /// Refuses acts on the register for roles that may not make them.
    pub(crate) fn require_register_role(&mut self, act: &str) -> Result<()> {
        if self.user().role == Role::Clerical {
            let msg = t!("register-clerical", act = act_label(act));
            return Err(self.refuse(Act::new(act), "role", msg));
        }
        Ok(())
    }

    /// Registers a person and creates their folder, whose keys the registering officer makes
    /// (an admin reads no folder, so cannot). Returns the person and warnings for the person:
    /// a unit new to the list, and registered persons who look like this one.
    pub fn add_person(&mut self, p: &NewPerson) -> Result<(Person, Vec<String>)> {
        self.require_register_role("register persons")?; // untranslated: act key, act_label shows it
        if self.user().role != Role::Officer {
            let msg = t!("person-add-officer-only");
            return Err(self.refuse(Act::new("person-add"), "role", msg));
        }
        let name = text("name", &p.name, 200)?;
        let kind = parse_one("kind", &p.kind, KINDS)?;
        let born = p.born.as_deref().map(parse_date).transpose()?;
        let unit = opt_text("unit", &p.unit, 100)?
            .map(|u| self.resolve_unit(&u, p.new_unit))
            .transpose()?;
        let mut warnings: Vec<String> = unit.iter().filter_map(|u| u.note.clone()).collect();
        let unit = unit.map(|u| u.name);
        let risks = parse_set("risk", p.risks.as_deref().unwrap_or(""), RISKS)?;
        let affiliations = parse_set(
            "affiliation",
            p.affiliations.as_deref().unwrap_or(""),
            AFFILIATIONS,
        )?;
        let offence = opt_text("offence", &p.offence, 500)?;
        let sentence = opt_text("sentence", &p.sentence, 200)?;
        let conduct = opt_text("conduct", &p.conduct, 2000)?;
        let officers = self.officers()?;
        if officers.0.is_empty() {
            return Err(Error::Usage(t!("person-no-readers")));
        }
        let similar = self.similar_persons(&name, born.as_deref(), None)?;
        warnings.extend(super::search::similar_warning(&similar));
        let uid = self.user().id;
        let now = now_rfc3339();
        let id = self.write(|tx, acting| {
            // Ids are given explicitly (`NEXT_ID`).
            tx.execute(
                &format!(
                    "INSERT INTO persons (id, name, kind, born, unit, risks, affiliations,
                                          offence, sentence, conduct, created_at, created_by,
                                          updated_at)
                     VALUES ({NEXT_ID}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)"
                ),
                params![
                    name,
                    kind,
                    born,
                    unit,
                    risks,
                    affiliations,
                    offence,
                    sentence,
                    conduct,
                    now,
                    uid
                ],
            )?;
            let id = tx.last_insert_rowid();
            super::search::index_name(tx, id, &name)?;
            crate::authz::folder::create(tx, acting, &officers, id)?;
            audit::append(tx, acting, &Act::new("person-add").person(id))?;
            Ok(id)
        })?;
        // A new person is in no network yet, so no co-location can be news.
        Ok((self.person(id)?, warnings))
    }

    /// One person.
    pub fn person(&self, id: i64) -> Result<Person> {
        self.conn()
            .query_row(
                &format!("SELECT {} FROM persons WHERE id = ?1", Person::COLUMNS),
                [id],
                Person::from_row,
            )
            .optional()?
            .map_or_else(|| Err(self.no_person(id)), Ok)
    }

    fn no_person(&self, id: i64) -> Error {
        let retired: Option<String> = self
            .conn()
            .query_row(
                "SELECT retired_at FROM persons_retired WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten();
        Error::NotFound(match retired {
            Some(at) => t!("person-destroyed", id = id, at = at),
            None => t!("person-not-found", id = id),
        })
    }

    /// Persons, optionally by unit and kind.
    pub fn persons(&self, unit: Option<&str>, kind: Option<&str>) -> Result<Vec<Person>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {} FROM persons WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR kind = ?2)
             ORDER BY id",
            Person::COLUMNS
        ))?;
        let rows = st.query_map(params![unit, kind], Person::from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Changes the given fields; the old values go into the person's history. Returns the
    /// person and warnings: a unit new to the list, and co-locations (R3) the change creates.
    pub fn update_person(&mut self, id: i64, u: &PersonUpdate) -> Result<(Person, Vec<String>)> {
        self.require_register_role("change persons")?; // untranslated: act key, act_label shows it
        self.person(id)?;
        let kind = u
            .kind
            .as_deref()
            .map(|k| parse_one("kind", k, KINDS))
            .transpose()?;
        let mut warnings = Vec::new();
        let unit = match u.unit.as_deref() {
            Some("") => Some(None),
            Some(s) => {
                let r = self.resolve_unit(&text("unit", s, 100)?, u.new_unit)?;
                warnings.extend(r.note);
                Some(Some(r.name))
            }
            None => None,
        };
        let risks = u
            .risks
            .as_deref()
            .map(|r| parse_set("risk", r, RISKS))
            .transpose()?;
        let aff = u
            .affiliations
            .as_deref()
            .map(|a| parse_set("affiliation", a, AFFILIATIONS))
            .transpose()?;
        let offence = opt_text("offence", &u.offence, 500)?;
        let sentence = opt_text("sentence", &u.sentence, 200)?;
        let conduct = opt_text("conduct", &u.conduct, 2000)?;
        let before_colocations = self.colocations(Some(id), None)?;
        let uid = self.user().id;
        let now = now_rfc3339();
        self.write(|tx, acting| {
            let before = super::history::load(tx, id)?;
            tx.execute(
                "UPDATE persons SET
                    kind = coalesce(?2, kind),
                    unit = CASE WHEN ?3 THEN ?4 ELSE unit END,
                    risks = coalesce(?5, risks),
                    affiliations = coalesce(?6, affiliations),
                    offence = coalesce(?7, offence),
                    sentence = coalesce(?8, sentence),
                    conduct = coalesce(?9, conduct),
                    updated_at = ?10
                 WHERE id = ?1",
                params![
                    id,
                    kind,
                    unit.is_some(),
                    unit.clone().flatten(),
                    risks,
                    aff,
                    offence,
                    sentence,
                    conduct,
                    now
                ],
            )?;
            let after = super::history::load(tx, id)?;
            super::history::record(tx, &before, &after, None, uid)?;
            audit::append(tx, acting, &Act::new("person-update").person(id))?;
            Ok(())
        })?;
        let after_colocations = self.colocations(Some(id), None)?;
        warnings.extend(super::colocation::news_messages(
            &before_colocations,
            &after_colocations,
        ));
        Ok((self.person(id)?, warnings))
    }

    /// Links two persons (a visitor of, a phone contact of, …).
    pub fn link_persons(&mut self, id: i64, other: i64, kind: &str) -> Result<()> {
        self.require_register_role("link persons")?; // untranslated: act key, act_label shows it
        let kind = parse_one("link", kind, LINKS)?;
        self.person(id)?;
        self.person(other)?;
        if id == other {
            return Err(Error::Usage(t!("person-link-self")));
        }
        let uid = self.user().id;
        self.write(|tx, acting| {
            tx.execute(
                "INSERT OR IGNORE INTO person_links (person_id, other_id, kind, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, other, kind, now_rfc3339(), uid],
            )?;
            audit::append(
                tx,
                acting,
                &Act::new("person-link").person(id).detail(format!("{kind} of {other}")),
            )?;
            Ok(())
        })
    }

    /// Links of a person, both directions: (other id, other name, kind, direction).
    pub fn person_links(&self, id: i64) -> Result<Vec<(i64, String, String, &'static str)>> {
        let mut st = self.conn().prepare(
            "SELECT l.other_id, p.name, l.kind, 'is' FROM person_links l
               JOIN persons p ON p.id = l.other_id WHERE l.person_id = ?1
             UNION ALL
             SELECT l.person_id, p.name, l.kind, 'has' FROM person_links l
               JOIN persons p ON p.id = l.person_id WHERE l.other_id = ?1",
        )?;
        let rows = st.query_map([id], |r| {
            let dir: String = r.get(3)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                if dir == "is" { "is" } else { "has" },
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// The next person id: above every id the tables or the use log have ever given, so a
/// destroyed person's id is never given again (the rowid default would give the highest one
/// back). The use log counts because the tables are anyone's to edit with the store key: an
/// id given again would inherit the old person's signed release and destruction, so a clerk
/// could have a new person's folder destroyed, or hide a request behind an old destruction.
/// `use_log_person` answers the log's maximum from one end of the index.
pub(crate) const NEXT_ID: &str = "(SELECT max(coalesce((SELECT max(id) FROM persons), 0),
        coalesce((SELECT max(id) FROM persons_retired), 0),
        coalesce((SELECT max(person_id) FROM use_log WHERE person_id IS NOT NULL), 0)) + 1)"; // untranslated: SQL

/// Removes a person's register data for good, inside the caller's transaction (retention
/// calls it after destroying the folder, which must be gone already): their links and network
/// memberships go with them, a person marked in KOMPIS is queued to be unmarked there (R1),
/// and the id is retired so it is never given again. Returns whether there was a person.
pub(crate) fn retire(tx: &rusqlite::Transaction<'_>, id: i64) -> Result<bool> {
    let label: Option<(bool, String)> = tx
        .query_row(
            "SELECT kompis_marked = 1, name || coalesce(' (born ' || born || ')', '')
             FROM persons WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((marked, label)) = label else {
        return Ok(false);
    };
    let now = now_rfc3339();
    if marked {
        tx.execute(
            "INSERT INTO kompis_unmark (label, queued_at) VALUES (?1, ?2)",
            params![label, now],
        )?;
    }
    tx.execute(
        "INSERT OR IGNORE INTO persons_retired (id, retired_at) VALUES (?1, ?2)",
        params![id, now],
    )?;
    for sql in [
        "DELETE FROM person_links WHERE person_id = ?1 OR other_id = ?1", // untranslated: SQL
        "DELETE FROM person_history WHERE person_id = ?1",                // untranslated: SQL
        "DELETE FROM person_search WHERE person_id = ?1",                 // untranslated: SQL
        "DELETE FROM release_changes WHERE person_id = ?1",               // untranslated: SQL
        "DELETE FROM network_members WHERE person_id = ?1",               // untranslated: SQL
        "DELETE FROM persons WHERE id = ?1",                              // untranslated: SQL
    ] {
        tx.execute(sql, [id])?;
    }
    Ok(true)
}
