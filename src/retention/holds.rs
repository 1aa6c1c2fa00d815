//! Holds: KSF's decision to keep information past ten years (R29: "unless KSF decides
//! otherwise"), on a person's whole folder or on one document, until a date, with a reason.
//!
//! Only an officer of the KSF store with decision authority places or lifts a hold
//! ([`may_decide_holds`], the one place that says who). Each hold is signed by that officer
//! and announced in the use log (`retention-hold`, `retention-release-hold`, with the hold's
//! id and until-date). The sweep follows the log, not the table: a hold deleted or shortened
//! with the store key still holds, and a hold planted in the table without its entry holds
//! nothing; `verify` reports both. The reason is kept in the table only (the log holds ids
//! and outcomes, never free text about a person).

use super::{fmt, now, HOLD_MAX_MONTHS};
use crate::audit::{self, Act};
use crate::crypto::{encode_fields, labels};
use crate::identity::{Account, Level, Role, Session};
use crate::{t, Error, Result};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashSet;

/// What a hold keeps.
#[derive(Debug, Clone)]
pub enum HoldOn {
    /// A person's whole folder and register entry.
    Person(i64),
    /// One document (every version), by journal number.
    Document(String),
}

/// A hold as listed.
#[derive(Debug, Clone, Serialize)]
pub struct Hold {
    /// Id (for `retention release-hold`).
    pub id: i64,
    /// The person whose folder it concerns.
    pub person_id: i64,
    /// The document, or none for the whole folder.
    pub journal_number: Option<String>,
    /// Held through this day (UTC).
    pub until: String,
    /// Why.
    pub reason: String,
    /// Who placed it.
    pub placed_by: String,
    /// When.
    pub placed_at: String,
    /// Who lifted it, if lifted.
    pub lifted_by: Option<String>,
    /// When it was lifted.
    pub lifted_at: Option<String>,
    /// Whether it holds today.
    pub in_force: bool,
}

/// Whether `user` may place and lift holds: an officer with decision authority (R21, R29).
/// The one place that decides it. It reads the account row today; once decision authority
/// is part of the certified account, this is the line to switch to the certified value.
pub(crate) fn may_decide_holds(user: &Account) -> bool {
    user.role == Role::Officer && user.decision_authority
}

/// What a hold's signature covers.
fn hold_message(store_id: &[u8], h: &Hold) -> Vec<u8> {
    encode_fields(
        labels::SIG_HOLD,
        &[
            store_id,
            &h.id.to_be_bytes(),
            &h.person_id.to_be_bytes(),
            h.journal_number.as_deref().unwrap_or("").as_bytes(),
            h.until.as_bytes(),
            h.reason.as_bytes(),
            h.placed_by.as_bytes(),
            h.placed_at.as_bytes(),
        ],
    )
}

/// What the signature of a hold's lifting covers.
fn lift_message(store_id: &[u8], id: i64, by: &str, at: &str) -> Vec<u8> {
    encode_fields(
        labels::SIG_HOLD_LIFT,
        &[store_id, &id.to_be_bytes(), by.as_bytes(), at.as_bytes()],
    )
}

/// A hold as the log announced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoggedHold {
    pub(crate) id: i64,
    pub(crate) journal_number: Option<String>,
    pub(crate) until: NaiveDate,
    pub(crate) lifted: bool,
}

/// The accounts whose holds and lifts count ([`Session::hold_deciders`]), found only when a
/// lift has to be judged: finding them checks every account's certificate, a signature
/// each, which a `doc show` at KSF should not pay for a folder without holds.
pub(crate) struct Deciders<'s> {
    session: &'s Session,
    found: std::cell::OnceCell<HashSet<String>>,
}

impl<'s> Deciders<'s> {
    /// Those of `session`, when first asked.
    pub(crate) fn of(session: &'s Session) -> Self {
        Deciders {
            session,
            found: std::cell::OnceCell::new(),
        }
    }

    /// The session they are of.
    pub(crate) fn session(&self) -> &'s Session {
        self.session
    }

    /// Whether `name` is one of them.
    fn contains(&self, name: &str) -> Result<bool> {
        if let Some(found) = self.found.get() {
            return Ok(found.contains(name));
        }
        let found = self.session.hold_deciders()?;
        Ok(self.found.get_or_init(|| found).contains(name))
    }
}

/// What the log says of one person's holds.
#[derive(Debug, Default)]
pub(crate) struct HoldLog {
    /// Every hold announced, in the log's order, with whether a lift that counts ended it.
    pub(crate) holds: Vec<LoggedHold>,
    /// Announcements and lifts that do not count, written by an account that may not
    /// decide holds: (hold id, the account).
    pub(crate) unauthorised: Vec<(i64, String)>,
}

/// Every hold the log announced for `person` (an indexed lookup by person and act).
///
/// A hold or a lift counts only if its entry names one of `deciders`
/// ([`Session::hold_deciders`]): any account holder can append an entry signed with their
/// own key, and a hold lifted by a clerk would otherwise let its document go (and one
/// placed by a clerk keep a document past its ten years). Where the log was checked whole first (the
/// sweep), each entry's account is the one whose certified key signed it. A lift ends the
/// latest hold announced under its id that it has not ended yet, so a hold whose row was
/// deleted, and whose id a later hold got again, is not lifted with that later one.
pub(crate) fn logged_holds(
    conn: &Connection,
    person: i64,
    deciders: &Deciders<'_>,
) -> Result<HoldLog> {
    let mut st = conn.prepare_cached(
        "SELECT act, journal_number, detail, user_name FROM use_log
         WHERE person_id = ?1 AND act IN ('retention-hold', 'retention-release-hold')
           AND outcome = 'ok' ORDER BY seq",
    )?;
    let rows = st.query_map([person], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = HoldLog::default();
    for row in rows {
        let (act, jno, detail, user) = row?;
        let words: Vec<&str> = detail.as_deref().unwrap_or("").split_whitespace().collect();
        let id = words.get(1).and_then(|w| w.parse::<i64>().ok());
        match (act.as_str(), id, words.get(2), words.get(3)) {
            ("retention-hold", Some(id), Some(&"until"), Some(d)) => {
                if !deciders.contains(&user)? {
                    out.unauthorised.push((id, user));
                } else if let Ok(until) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    out.holds.push(LoggedHold {
                        id,
                        journal_number: jno,
                        until,
                        lifted: false,
                    });
                }
            }
            ("retention-release-hold", Some(id), _, _) => {
                if !deciders.contains(&user)? {
                    out.unauthorised.push((id, user));
                } else if let Some(h) = out.holds.iter_mut().rev().find(|h| h.id == id && !h.lifted)
                {
                    h.lifted = true;
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The furthest until-date of the holds in force on `today` that keep `person`'s folder,
/// or, with `jno`, that document: a hold on the folder or on the document itself, under
/// `person` (whose folder holds it now) or any person the log's entries about it name. The
/// folder a document sits in is a column anyone with the store key can change; the persons
/// its entries name are signed. The one answer the sweep, `retention due` and `verify` give.
pub(crate) fn held_until(
    conn: &Connection,
    person: i64,
    jno: Option<&str>,
    today: NaiveDate,
    deciders: &Deciders<'_>,
) -> Result<Option<NaiveDate>> {
    let persons = match jno {
        Some(jno) => persons_of(conn, jno, person)?,
        None => vec![person],
    };
    let mut furthest = None;
    for p in persons {
        let held = logged_holds(conn, p, deciders)?
            .holds
            .into_iter()
            .filter(|h| !h.lifted && h.until >= today)
            .filter(|h| h.journal_number.is_none() || h.journal_number.as_deref() == jno)
            .map(|h| h.until)
            .max();
        furthest = furthest.max(held);
    }
    Ok(furthest)
}

/// `person` and every other person the log's entries about `jno` name (an indexed lookup by
/// journal number).
fn persons_of(conn: &Connection, jno: &str, person: i64) -> Result<Vec<i64>> {
    let mut out = vec![person];
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM use_log
         WHERE journal_number = ?1 AND person_id IS NOT NULL",
    )?;
    for p in st.query_map([jno], |r| r.get::<_, i64>(0))? {
        let p = p?;
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

impl Session {
    /// The accounts whose holds and lifts count: officers whose certificate gives them
    /// decision authority. One who has left since still counts for what they signed before:
    /// the log's walk refuses every entry of theirs after their removal.
    pub(crate) fn hold_deciders(&self) -> Result<HashSet<String>> {
        Ok(self
            .certified_accounts()?
            .into_iter()
            .filter(|c| c.role == Role::Officer && c.decision_authority)
            .map(|c| c.name)
            .collect())
    }

    /// Refuses unless this is the KSF store and the user may decide holds; logged.
    fn require_hold_authority(&mut self, act: &str) -> Result<()> {
        if self.meta().level != Level::Ksf {
            return Err(self.refuse(Act::new(act), "level", t!("retention-hold-level")));
        }
        if !may_decide_holds(self.user()) {
            return Err(self.refuse(
                Act::new(act),
                "decision authority", // untranslated: refusal rule name (rule_label shows it)
                t!(
                    "retention-hold-no-authority",
                    user = self.user().name.as_str()
                ),
            ));
        }
        Ok(())
    }

    /// Places a hold (KSF, decision authority): signed, logged, in force through `until`.
    pub fn place_hold(&mut self, on: &HoldOn, until: &str, reason: &str) -> Result<Hold> {
        self.require_hold_authority("retention-hold")?;
        let today = now().date_naive();
        let until = NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d").map_err(|_| {
            Error::Usage(t!("retention-bad-date", value = crate::text::escape(until)))
        })?;
        let latest = today
            .checked_add_months(Months::new(HOLD_MAX_MONTHS))
            .unwrap_or(NaiveDate::MAX);
        if until < today || until > latest {
            return Err(Error::Usage(t!(
                "retention-hold-too-far",
                latest = latest.to_string()
            )));
        }
        let reason = crate::text::field("reason", reason, crate::text::limits::NOTE, false)?;
        let (person, jno) = match on {
            HoldOn::Person(p) => (self.person(*p)?.id, None),
            HoldOn::Document(j) => {
                let (j, v) = crate::documents::parse_jno(j)?;
                if v.is_some() {
                    return Err(Error::Usage(t!("retention-hold-whole-document")));
                }
                let d = self.document(&j)?;
                (d.person_id, Some(j))
            }
        };
        let mut h = Hold {
            id: 0,
            person_id: person,
            journal_number: jno,
            until: until.to_string(),
            reason,
            placed_by: self.user().name.clone(),
            placed_at: fmt(now()),
            lifted_by: None,
            lifted_at: None,
            in_force: true,
        };
        self.write(|tx, acting| {
            h.id = tx.query_row(
                "SELECT coalesce(max(id), 0) + 1 FROM retention_holds",
                [],
                |r| r.get(0),
            )?;
            let sig = acting.sign(&hold_message(&acting.meta.store_id, &h));
            tx.execute(
                "INSERT INTO retention_holds (id, person_id, journal_number, until, reason,
                                              placed_by, placed_at, signature)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    h.id,
                    h.person_id,
                    h.journal_number,
                    h.until,
                    h.reason,
                    h.placed_by,
                    h.placed_at,
                    sig.to_vec()
                ],
            )?;
            let mut act = Act::new("retention-hold")
                .person(h.person_id)
                .detail(format!("hold {} until {}", h.id, h.until)); // untranslated: use-log detail
            act.journal_number = h.journal_number.clone();
            audit::append(tx, acting, &act)?;
            Ok(())
        })?;
        Ok(h)
    }

    /// Lifts a hold (KSF, decision authority): signed and logged; the next sweep destroys
    /// what it kept if that is due.
    pub fn lift_hold(&mut self, id: i64) -> Result<Hold> {
        self.require_hold_authority("retention-release-hold")?;
        let h = self
            .retention_holds(true)?
            .into_iter()
            .find(|h| h.id == id)
            .ok_or_else(|| Error::NotFound(t!("retention-hold-not-found", id = id)))?;
        if h.lifted_at.is_some() {
            return Err(Error::Usage(t!("retention-hold-lifted-already", id = id)));
        }
        let by = self.user().name.clone();
        let at = fmt(now());
        self.write(|tx, acting| {
            let sig = acting.sign(&lift_message(&acting.meta.store_id, id, &by, &at));
            tx.execute(
                "UPDATE retention_holds SET lifted_by = ?2, lifted_at = ?3, lift_signature = ?4
                 WHERE id = ?1",
                params![id, by, at, sig.to_vec()],
            )?;
            let mut act = Act::new("retention-release-hold")
                .person(h.person_id)
                .detail(format!("hold {id} lifted")); // untranslated: use-log detail
            act.journal_number = h.journal_number.clone();
            audit::append(tx, acting, &act)?;
            Ok(())
        })?;
        self.retention_holds(true)?
            .into_iter()
            .find(|h| h.id == id)
            .ok_or_else(|| Error::NotFound(t!("retention-hold-not-found", id = id)))
    }

    /// The holds, newest first: those in force, or every hold ever placed with `all`.
    pub fn retention_holds(&self, all: bool) -> Result<Vec<Hold>> {
        let today = now().date_naive().to_string();
        let mut st = self.conn().prepare(
            "SELECT id, person_id, journal_number, until, reason, placed_by, placed_at,
                    lifted_by, lifted_at
             FROM retention_holds ORDER BY id DESC",
        )?;
        let rows = st.query_map([], |r| {
            let until: String = r.get(3)?;
            let lifted_at: Option<String> = r.get(8)?;
            Ok(Hold {
                id: r.get(0)?,
                person_id: r.get(1)?,
                journal_number: r.get(2)?,
                in_force: lifted_at.is_none() && until >= today,
                until,
                reason: r.get(4)?,
                placed_by: r.get(5)?,
                placed_at: r.get(6)?,
                lifted_by: r.get(7)?,
                lifted_at,
            })
        })?;
        let holds: Vec<Hold> = rows.collect::<std::result::Result<_, _>>()?;
        Ok(holds.into_iter().filter(|h| all || h.in_force).collect())
    }

    /// For `verify`: every hold row carries the signature of an officer who may decide holds
    /// (and its lifting, the signature of one who may lift it), the rows and the log agree,
    /// and no lift in the log was written by an account that may not lift holds.
    pub(crate) fn check_holds(&self) -> Result<Vec<String>> {
        let accounts = self.certified_accounts()?;
        let deciders = Deciders::of(self);
        let key = |name: &str| {
            accounts
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.sign_public)
        };
        let store_id = self.meta().store_id.clone();
        let mut problems = Vec::new();
        let sigs: Vec<(i64, Vec<u8>, Option<Vec<u8>>)> = self
            .conn()
            .prepare("SELECT id, signature, lift_signature FROM retention_holds")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for h in self.retention_holds(true)? {
            let Some((_, sig, lift)) = sigs.iter().find(|s| s.0 == h.id) else {
                continue;
            };
            let placed = key(&h.placed_by).is_some_and(|k| {
                crate::crypto::sign::verify(&k, &hold_message(&store_id, &h), sig)
            }) && deciders.contains(&h.placed_by)?;
            let lifted = match (&h.lifted_by, &h.lifted_at, lift) {
                (None, None, None) => true,
                (Some(by), Some(at), Some(s)) => {
                    deciders.contains(by)?
                        && key(by).is_some_and(|k| {
                            let m = lift_message(&store_id, h.id, by, at);
                            crate::crypto::sign::verify(&k, &m, s)
                        })
                }
                _ => false,
            };
            if !placed || !lifted {
                problems.push(t!("retention-hold-unsigned", id = h.id));
            }
            problems.extend(self.hold_against_log(&h, &deciders)?);
        }
        let persons: Vec<i64> = self
            .conn()
            .prepare(
                "SELECT DISTINCT person_id FROM use_log
                 WHERE act IN ('retention-hold', 'retention-release-hold')
                   AND person_id IS NOT NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut announced = std::collections::BTreeMap::<i64, usize>::new();
        for p in persons {
            let log = logged_holds(self.conn(), p, &deciders)?;
            for l in &log.holds {
                *announced.entry(l.id).or_default() += 1;
                if !sigs.iter().any(|s| s.0 == l.id) {
                    problems.push(t!("retention-hold-missing", id = l.id, person = p));
                }
            }
            for (id, user) in log.unauthorised {
                problems.push(t!(
                    "retention-hold-entry-unauthorised",
                    id = id,
                    person = p,
                    user = crate::text::escape(&user)
                ));
            }
        }
        // Ids are never given twice; a row deleted with the store key frees its id for the
        // next hold, whose row then matches the newest announcement of it.
        for (id, _) in announced.into_iter().filter(|(_, n)| *n > 1) {
            problems.push(t!("retention-hold-id-again", id = id));
        }
        Ok(problems)
    }

    /// A hold row and the log's latest announcement of its id must agree.
    fn hold_against_log(&self, h: &Hold, deciders: &Deciders<'_>) -> Result<Option<String>> {
        let logged = logged_holds(self.conn(), h.person_id, deciders)?.holds;
        let same = logged.iter().rev().find(|l| l.id == h.id).is_some_and(|l| {
            l.until.to_string() == h.until
                && l.journal_number == h.journal_number
                && l.lifted == h.lifted_at.is_some()
        });
        Ok((!same).then(|| t!("retention-hold-differs", id = h.id)))
    }
}
