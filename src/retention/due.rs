//! What is due when: each rule's time, read from the signed record (the use log, the
//! journal), and the candidates the sweep looks at, found by index so a sweep with nothing to
//! do costs a few lookups whatever the size of the store.

use super::holds::{held_until, Deciders};
use super::release::{release_entries, signed_release, Said, SignedRelease};
use super::{fmt, now, parse, ten_year_cutoff, ten_years_after};
use crate::identity::{Level, Session};
use crate::{t, Error, Result};
use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// Something that will be destroyed, and when.
#[derive(Debug, Clone, Serialize)]
pub struct Due {
    /// The person.
    pub person_id: i64,
    /// One document, or none for the whole folder and the register entry.
    pub journal_number: Option<String>,
    /// Document versions that go.
    pub versions: i64,
    /// When (UTC, RFC 3339).
    pub due_at: String,
    /// Under which rule: `release` or `ten-years`.
    pub rule: &'static str,
    /// Held through this day by a KSF decision.
    pub held_until: Option<String>,
}

impl Due {
    /// Whether it goes within `days` days (overdue counts; held does not).
    pub fn within(&self, days: i64) -> bool {
        self.held_until.is_none()
            && parse(&self.due_at).is_ok_and(|t| t <= now() + TimeDelta::days(days))
    }
}

/// When a person's release takes effect, by the signed log and the register together.
#[derive(Debug)]
pub(crate) enum ReleaseDue {
    /// None registered (or withdrawn).
    None,
    /// Takes effect at this time, by the entry with this sequence number.
    At(DateTime<Utc>, i64),
    /// The register's release time differs from the signed record, or the newest release
    /// entry is not evidence: changed or written with the store key. Nothing is destroyed
    /// on it.
    Mismatch(String),
}

impl Session {
    /// A person's release: the newest release entry must check
    /// ([`Session::release_signer_ok`]) and the register column must say what it says.
    pub(crate) fn release_due(&self, person: i64) -> Result<ReleaseDue> {
        let signed = signed_release(self.conn(), person)?;
        if let Some(r) = &signed {
            if !self.release_signer_ok(r)? {
                return Ok(ReleaseDue::Mismatch(t!(
                    "retention-release-unsigned",
                    id = person,
                    seq = r.entry.seq
                )));
            }
            if let Some(why) = self.release_changed_late(person, r)? {
                return Ok(ReleaseDue::Mismatch(why));
            }
        }
        let column: Option<Option<String>> = self
            .conn()
            .prepare_cached("SELECT release_at FROM persons WHERE id = ?1")?
            .query_row([person], |r| r.get(0))
            .optional()?;
        let column = column.flatten();
        let mismatch = |what: &str| {
            ReleaseDue::Mismatch(t!(
                "retention-release-mismatch",
                id = person,
                column = column
                    .as_deref()
                    .map(crate::text::escape)
                    .unwrap_or("none".into()),
                signed = what
            ))
        };
        Ok(match (signed, &column) {
            (None, None) => ReleaseDue::None,
            (None, Some(_)) => mismatch("none"),
            (Some(s), _) => match (&s.said, &column) {
                (Said::At(a), Some(c)) if a == c => match s.takes_effect()? {
                    Some(t) => ReleaseDue::At(t, s.entry.seq),
                    None => ReleaseDue::None,
                },
                (Said::Withdrawn, None) => ReleaseDue::None,
                (Said::At(a), _) => mismatch(a),
                (Said::Withdrawn, Some(_)) => mismatch("withdrawn"),
                (Said::Unreadable, _) => mismatch("unreadable"),
            },
        })
    }
}

impl Session {
    /// Why the release entries of `person` (the newest, `newest`, checked) are not to be
    /// believed, if they are not: a change logged once an earlier release had taken effect,
    /// which the program refuses (`set_release`), or a newest entry whose time the entries of
    /// others around it contradict ([`strays`]). An officer holding the store key could
    /// otherwise append a withdrawal after the release took effect, dated before it, and
    /// keep the folder from destruction with `verify` passing.
    fn release_changed_late(&self, person: i64, newest: &SignedRelease) -> Result<Option<String>> {
        if strays(self.conn(), &newest.entry)? {
            return Ok(Some(t!(
                "retention-release-time-out-of-place",
                id = person,
                seq = newest.entry.seq,
                at = newest.registered.as_str()
            )));
        }
        let mut in_effect: Option<DateTime<Utc>> = None;
        for e in release_entries(self.conn(), person)? {
            if !self.release_signer_ok(&e)? {
                continue;
            }
            if let Some(t) = in_effect {
                if parse(&e.registered)? >= t {
                    return Ok(Some(t!(
                        "retention-release-changed-after-effect",
                        id = person,
                        seq = e.entry.seq,
                        at = fmt(t)
                    )));
                }
            }
            in_effect = e.takes_effect()?;
        }
        Ok(None)
    }
}

/// Persons whose registered release time is at or before `until` (index on release_at).
pub(crate) fn release_candidates(conn: &Connection, until: &str) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "SELECT id FROM persons WHERE release_at IS NOT NULL AND release_at <= ?1 ORDER BY id",
    )?;
    let rows = st.query_map([until], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A stored document's ten years: when they are up, and its person. None if no version is
/// stored.
///
/// They count from the document's entry into this unit's journal (R29), as the signed log
/// records it: the first entry that made a version of it, which must check and be an
/// officer's (the one account that writes or receives documents). Every stored version's
/// journal row must agree with its log entry ([`Session::check_document_whole`]). A journal
/// row alone is no evidence of a date: anyone holding the store key can add one in their
/// own name, or date their own again, and a row dated back had the document destroyed at
/// the next sweep; one dated on kept it past its ten years.
pub(crate) fn document_due(s: &Session, jno: &str) -> Result<Option<(DateTime<Utc>, i64)>> {
    let person: Option<i64> = s
        .conn()
        .prepare_cached(
            "SELECT f.person_id FROM documents d JOIN folders f ON f.id = d.folder_id
             WHERE d.journal_number = ?1 LIMIT 1",
        )?
        .query_row([jno], |r| r.get(0))
        .optional()?;
    let Some(person) = person else {
        return Ok(None);
    };
    s.check_document_whole(jno)?;
    let unvouched = || {
        Error::Integrity(t!(
            "retention-no-entry-date",
            jno = crate::text::escape(jno)
        ))
    };
    let first = crate::audit::report::versions_made(s.conn(), jno)?
        .into_values()
        .min_by_key(|m| m.seq)
        .ok_or_else(unvouched)?;
    let entry = crate::audit::report::entry_at(s.conn(), first.seq)?.ok_or_else(unvouched)?;
    if !s
        .checked_entry(&entry)?
        .is_some_and(|signer| signer.acting_as(crate::identity::Role::Officer))
    {
        return Err(unvouched());
    }
    let entered = written_between(s.conn(), jno, &entry)?;
    Ok(Some((ten_years_after(entered), person)))
}

/// How far [`written_between`] looks for another key's entries on either side (the bound
/// `audit::checked` walks a signer's own run with, too).
const AROUND: i64 = 256;

/// How far an entry's time may stray from the entries of others around it. The clock of a
/// standalone workstation is set by hand now and then (a fast clock put back, a time zone
/// mistaken for UTC), and an entry flagged for it stays flagged: a day and a half passes
/// those, and is nothing against ten years.
const STRAY_HOURS: i64 = 36;

/// Whether the time of entry `e` strays (by more than [`STRAY_HOURS`]) before the nearest
/// entry before it, or after the nearest entry after it, that another key signed (each
/// within [`AROUND`] entries).
///
/// An entry's time is what its signer wrote, and an account holding the store key can write
/// the run of its own entries at the head of the log again, times and all: an officer dated
/// the entry that made her document back to 2015 (a colleague's sweep destroyed it the same
/// minute) or on to 2036 (kept ten years more). The entries around the run are others',
/// which she cannot write. Where no other key's entry follows yet (her run is the head), or
/// her run is longer than [`AROUND`], nothing here bounds the time.
fn strays(conn: &Connection, e: &crate::audit::Entry) -> Result<bool> {
    let near = |sql: &str| -> Result<Option<DateTime<Utc>>> {
        let t: Option<String> = conn
            .prepare_cached(sql)?
            .query_row(rusqlite::params![e.seq, e.signer, AROUND], |r| r.get(0))
            .optional()?;
        t.map(|t| parse(&t)).transpose()
    };
    let before = near(
        "SELECT time FROM use_log WHERE seq < ?1 AND seq >= ?1 - ?3 AND signer != ?2
         ORDER BY seq DESC LIMIT 1",
    )?;
    let after = near(
        "SELECT time FROM use_log WHERE seq > ?1 AND seq <= ?1 + ?3 AND signer != ?2
         ORDER BY seq LIMIT 1",
    )?;
    let t = parse(&e.time)?;
    let stray = TimeDelta::hours(STRAY_HOURS);
    Ok(before.is_some_and(|b| t < b - stray) || after.is_some_and(|a| t > a + stray))
}

/// When the entry `e` that made document `jno` was written: its time, if the entries of
/// others around it ([`strays`]) and the journal number's year ([`in_year_of`], which bounds
/// it where nothing else does) agree.
fn written_between(conn: &Connection, jno: &str, e: &crate::audit::Entry) -> Result<DateTime<Utc>> {
    let t = parse(&e.time)?;
    if strays(conn, e)? || !in_year_of(jno, t) {
        return Err(Error::Integrity(t!(
            "retention-entry-time-out-of-place",
            jno = crate::text::escape(jno),
            at = fmt(t),
            seq = e.seq
        )));
    }
    Ok(t)
}

/// Whether `t` falls in the year of journal number `jno` (`YYYY/NNNNN`, numbered when the
/// document entered the journal), or on the first day of the next (a number taken in the
/// last second of a year).
fn in_year_of(jno: &str, t: DateTime<Utc>) -> bool {
    use chrono::Datelike;
    let Some(year) = jno.split('/').next().and_then(|y| y.parse::<i32>().ok()) else {
        return false;
    };
    t.year() == year || (t.year() == year + 1 && t.ordinal() == 1)
}

/// Stored documents that entered the journal at or before `cutoff` (index on entered_at).
pub(crate) fn document_candidates(conn: &Connection, cutoff: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT journal_number FROM retention_clock WHERE entered_at <= ?1
         ORDER BY entered_at, journal_number",
    )?;
    let rows = st.query_map([cutoff], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// When a KSF register entry's ten years are up: from its last change, by the register and
/// the signed log, whichever is later. None if the person is gone.
pub(crate) fn entry_due(conn: &Connection, person: i64) -> Result<Option<DateTime<Utc>>> {
    let updated: Option<String> = conn
        .prepare_cached("SELECT updated_at FROM persons WHERE id = ?1")?
        .query_row([person], |r| r.get(0))
        .optional()?;
    let Some(updated) = updated else {
        return Ok(None);
    };
    let logged: Option<String> = conn
        .prepare_cached(
            "SELECT max(time) FROM use_log WHERE person_id = ?1 AND outcome = 'ok'
               AND act IN ('person-add', 'person-update', 'person-release', 'person-link')",
        )?
        .query_row([person], |r| r.get(0))?;
    let mut last = parse(&updated)?;
    if let Some(l) = logged {
        last = last.max(parse(&l)?);
    }
    Ok(Some(ten_years_after(last)))
}

/// KSF register entries last changed at or before `cutoff` (index on updated_at).
pub(crate) fn entry_candidates(conn: &Connection, cutoff: &str) -> Result<Vec<i64>> {
    let mut st =
        conn.prepare_cached("SELECT id FROM persons WHERE updated_at <= ?1 ORDER BY id")?;
    let rows = st.query_map([cutoff], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The document versions in a person's folder (0 if none).
pub(crate) fn folder_versions(conn: &Connection, person: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM documents WHERE folder_id =
               (SELECT id FROM folders WHERE person_id = ?1)",
        )?
        .query_row([person], |r| r.get(0))?)
}

fn versions_of(conn: &Connection, jno: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM documents WHERE journal_number = ?1")?
        .query_row([jno], |r| r.get(0))?)
}

impl Session {
    /// What will be destroyed within `days` days (overdue first), and when.
    pub fn retention_due(&self, days: u32) -> Result<Vec<Due>> {
        let horizon = now() + TimeDelta::days(i64::from(days));
        let mut out = if self.meta().level == Level::Ksf {
            let mut v = self.documents_due(horizon)?;
            v.extend(self.entries_due(horizon)?);
            v
        } else {
            self.releases_due(horizon)?
        };
        out.sort_by(|a, b| (&a.due_at, a.person_id).cmp(&(&b.due_at, b.person_id)));
        Ok(out)
    }

    fn releases_due(&self, horizon: DateTime<Utc>) -> Result<Vec<Due>> {
        let mut out = Vec::new();
        // A release takes effect a correction window after it was registered at the latest.
        for p in release_candidates(self.conn(), &fmt(horizon))? {
            if let ReleaseDue::At(t, _) = self.release_due(p)? {
                if t <= horizon {
                    out.push(Due {
                        person_id: p,
                        journal_number: None,
                        versions: folder_versions(self.conn(), p)?,
                        due_at: fmt(t),
                        rule: "release",
                        held_until: None,
                    });
                }
            }
        }
        Ok(out)
    }

    fn documents_due(&self, horizon: DateTime<Utc>) -> Result<Vec<Due>> {
        let today = now().date_naive();
        let deciders = Deciders::of(self);
        let mut out = Vec::new();
        for jno in document_candidates(self.conn(), &ten_year_cutoff(horizon))? {
            let Some((t, person)) = document_due(self, &jno)? else {
                continue;
            };
            if t <= horizon {
                out.push(Due {
                    person_id: person,
                    versions: versions_of(self.conn(), &jno)?,
                    held_until: held_until(self.conn(), person, Some(&jno), today, &deciders)?
                        .map(|d| d.to_string()),
                    journal_number: Some(jno),
                    due_at: fmt(t),
                    rule: "ten-years",
                });
            }
        }
        Ok(out)
    }

    fn entries_due(&self, horizon: DateTime<Utc>) -> Result<Vec<Due>> {
        let today = now().date_naive();
        let deciders = Deciders::of(self);
        let mut out = Vec::new();
        for p in entry_candidates(self.conn(), &ten_year_cutoff(horizon))? {
            let Some(t) = entry_due(self.conn(), p)? else {
                continue;
            };
            // The entry goes with its last document: every one must be due by then too.
            let mut last = t;
            for d in self.documents(Some(p))? {
                if let Some((dt, _)) = document_due(self, &d.journal_number)? {
                    last = last.max(dt);
                }
            }
            if last <= horizon {
                out.push(Due {
                    person_id: p,
                    journal_number: None,
                    versions: folder_versions(self.conn(), p)?,
                    due_at: fmt(last),
                    rule: "ten-years",
                    held_until: held_until(self.conn(), p, None, today, &deciders)?
                        .map(|d| d.to_string()),
                });
            }
        }
        Ok(out)
    }

    /// When the document `jno` is due to be destroyed, if a rule has set a time: its
    /// person's release at local and regional stores, its ten years at KSF.
    pub fn destruction_due(&self, jno: &str) -> Result<Option<Due>> {
        let (jno, _) = crate::documents::parse_jno(jno)?;
        if self.meta().level == Level::Ksf {
            let today = now().date_naive();
            let deciders = Deciders::of(self);
            return document_due(self, &jno)?
                .map(|(t, person)| {
                    Ok(Due {
                        person_id: person,
                        versions: versions_of(self.conn(), &jno)?,
                        held_until: held_until(self.conn(), person, Some(&jno), today, &deciders)?
                            .map(|d| d.to_string()),
                        journal_number: Some(jno.clone()),
                        due_at: fmt(t),
                        rule: "ten-years",
                    })
                })
                .transpose();
        }
        let person = self.document(&jno)?.person_id;
        Ok(match self.release_due(person)? {
            ReleaseDue::At(t, _) => Some(Due {
                person_id: person,
                journal_number: Some(jno.clone()),
                versions: versions_of(self.conn(), &jno)?,
                due_at: fmt(t),
                rule: "release",
                held_until: None,
            }),
            _ => None,
        })
    }
}
