//! Releases: registered, corrected or withdrawn until they take effect (R28).
//!
//! Each change is one signed use-log entry (`person-release`, with the new time and the one
//! it replaced) and a row of history; the log entry, not the register's column, is what the
//! sweep acts on. A release takes effect at its time, but never sooner than
//! [`super::CORRECTION_WINDOW`] after it was registered, so a date typed wrong can still be put
//! right before a folder is destroyed. After that, at local and regional stores, it can no
//! longer be changed: the folder is gone or about to go. At KSF, where the register outlives
//! releases, a new release may replace one that took effect (the person was imprisoned again).

use super::{fmt, now, parse, CORRECTION_WINDOW};
use crate::audit::{self, Act};
use crate::identity::{Level, Role, Session};
use crate::{t, Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A change of a person's release.
#[derive(Debug, Clone)]
pub enum ReleaseChange {
    /// Register or correct the release time: `YYYY-MM-DD` (midnight UTC) or RFC 3339.
    At(String),
    /// Withdraw a registered release.
    Withdraw,
}

/// What a release change did.
#[derive(Debug, Serialize)]
pub struct ReleaseSet {
    /// The person.
    pub person_id: i64,
    /// The release time now registered (none: withdrawn).
    pub release_at: Option<String>,
    /// The one it replaced.
    pub previous: Option<String>,
    /// When it takes effect.
    pub takes_effect: Option<String>,
    /// Whether the folder is destroyed then (local and regional stores).
    pub destroys_folder: bool,
}

/// What the newest signed `person-release` entry of a person says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Said {
    /// Released at this time (RFC 3339, UTC).
    At(String),
    /// Withdrawn.
    Withdrawn,
    /// An entry the program did not write in this form.
    Unreadable,
}

/// A person's release as the signed log has it: what it says and when it was registered.
#[derive(Debug, Clone)]
pub(crate) struct SignedRelease {
    pub(crate) said: Said,
    pub(crate) registered: String,
    /// The entry itself, for [`Session::release_signer_ok`].
    pub(crate) entry: audit::entry::Entry,
}

impl SignedRelease {
    /// When the release takes effect: its time, but not before the correction window after
    /// it was registered. None if withdrawn or unreadable.
    pub(crate) fn takes_effect(&self) -> Result<Option<DateTime<Utc>>> {
        match &self.said {
            Said::At(at) => Ok(Some(
                parse(at)?.max(parse(&self.registered)? + CORRECTION_WINDOW),
            )),
            _ => Ok(None),
        }
    }
}

/// The log entry's detail for a change.
fn detail(new: Option<&str>, previous: Option<&str>) -> String {
    match (new, previous) {
        (Some(a), None) => format!("release at {a}"), // untranslated: use-log detail, read back by said()
        (Some(a), Some(p)) => format!("release at {a} (was {p})"), // untranslated: use-log detail, read back by said()
        (None, Some(p)) => format!("release withdrawn (was {p})"), // untranslated: use-log detail, read back by said()
        (None, None) => "release withdrawn".into(), // untranslated: use-log detail, read back by said()
    }
}

/// Reads a `person-release` detail back.
fn said(detail: Option<&str>) -> Said {
    let Some(d) = detail else {
        return Said::Unreadable;
    };
    let (release_at, withdrawn) = ("release at ", "release withdrawn"); // untranslated: log details
    if let Some(rest) = d.strip_prefix(release_at) {
        let at = rest.split_whitespace().next().unwrap_or("");
        return match parse(at) {
            Ok(t) if fmt(t) == at => Said::At(at.to_owned()),
            _ => Said::Unreadable,
        };
    }
    if d.starts_with(withdrawn) {
        return Said::Withdrawn;
    }
    Said::Unreadable
}

/// The person's newest release entry, if any (one indexed lookup), unchecked: what it says
/// counts only once [`Session::release_signer_ok`] has taken it.
pub(crate) fn signed_release(conn: &Connection, person: i64) -> Result<Option<SignedRelease>> {
    let sql = format!(
        "SELECT {} FROM use_log
         WHERE person_id = ?1 AND act = 'person-release' AND outcome = 'ok'
         ORDER BY seq DESC LIMIT 1",
        audit::entry::Entry::COLUMNS
    );
    let entry = conn
        .prepare_cached(&sql)?
        .query_row([person], audit::entry::Entry::from_row)
        .optional()?;
    Ok(entry.map(|e| SignedRelease {
        said: said(e.detail.as_deref()),
        registered: e.time.clone(),
        entry: e,
    }))
}

/// Every release entry of the person, oldest first (one indexed lookup), unchecked.
pub(crate) fn release_entries(conn: &Connection, person: i64) -> Result<Vec<SignedRelease>> {
    let sql = format!(
        "SELECT {} FROM use_log
         WHERE person_id = ?1 AND act = 'person-release' AND outcome = 'ok' ORDER BY seq",
        audit::entry::Entry::COLUMNS
    );
    let entries = conn
        .prepare_cached(&sql)?
        .query_map([person], audit::entry::Entry::from_row)?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(entries
        .into_iter()
        .map(|e| SignedRelease {
            said: said(e.detail.as_deref()),
            registered: e.time.clone(),
            entry: e,
        })
        .collect())
}

impl Session {
    /// Whether a release entry is evidence (R28): in the chain, signed by the certified
    /// account it names, an officer or admin (the roles that may register releases) still
    /// on the list when it signed. Every account holder can append an entry signed with
    /// their own key, so without this a clerk holding the store key could write a release
    /// (and the register column to match) and have the sweep destroy a folder in the
    /// sweeping officer's name.
    pub(crate) fn release_signer_ok(&self, r: &SignedRelease) -> Result<bool> {
        Ok(self
            .checked_entry(&r.entry)?
            .is_some_and(|s| s.acting_as(Role::Officer) || s.acting_as(Role::Admin)))
    }
}

/// Parses a release time given by a person: RFC 3339, or a date meaning midnight UTC.
/// A year outside 1900–2199 is refused: a release puts the folder on the destruction clock,
/// and a year mistyped as 0000 had it destroyed at the next sweep.
pub(crate) fn parse_release_time(s: &str) -> Result<String> {
    let s = s.trim();
    let at = match DateTime::parse_from_rfc3339(s) {
        Ok(d) => Some(d.with_timezone(&Utc)),
        Err(_) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc()),
    };
    let at =
        at.ok_or_else(|| Error::Usage(t!("person-bad-time", value = crate::text::escape(s))))?;
    if !(1900..2200).contains(&chrono::Datelike::year(&at)) {
        return Err(Error::Usage(t!(
            "person-release-implausible",
            value = crate::text::escape(s)
        )));
    }
    Ok(fmt(at))
}

impl Session {
    /// Registers, corrects or withdraws a person's release (logged with the value it
    /// replaced). Refused once the current release has taken effect, except at KSF.
    pub fn set_release(&mut self, person: i64, change: &ReleaseChange) -> Result<ReleaseSet> {
        self.require_register_role("register releases")?; // untranslated: act key, act_label shows it
        let p = self.person(person)?;
        let new = match change {
            ReleaseChange::At(s) => Some(parse_release_time(s)?),
            ReleaseChange::Withdraw => None,
        };
        let ksf = self.meta().level == Level::Ksf;
        let (checked, current) = match signed_release(self.conn(), person)? {
            Some(r) if self.release_signer_ok(&r)? => (Some(r.entry.seq), r.takes_effect()?),
            _ => (None, None),
        };
        if let Some(t) = current {
            if t <= now() && !ksf {
                return Err(self.refuse(
                    Act::new("person-release").person(person),
                    "release in effect", // untranslated: refusal rule name (rule_label shows it)
                    t!("retention-release-in-effect", id = person, at = fmt(t)),
                ));
            }
        }
        let previous = p.release_at;
        if new.is_none() && previous.is_none() {
            return Err(Error::Usage(t!("retention-release-none", id = person)));
        }
        let changed_at = now();
        let by = self.user().name.clone();
        let text = detail(new.as_deref(), previous.as_deref());
        let uid = self.user().id;
        let late = self.write(|tx, acting| {
            // Checked again inside the transaction: a change that waited for the store past
            // the moment the release took effect would be logged after it, and a change
            // logged after does not count (due.rs), so the release could never be swept.
            // Two seconds of margin for the second the entry's time is truncated to.
            if !ksf {
                if let Some(r) = signed_release(tx, person)? {
                    let margin = chrono::TimeDelta::seconds(2);
                    if Some(r.entry.seq) == checked {
                        if let Some(t) = r.takes_effect()?.filter(|t| *t <= now() + margin) {
                            return Ok(Some(t));
                        }
                    }
                }
            }
            let before = crate::register::history::load(tx, person)?;
            tx.execute(
                "UPDATE persons SET release_at = ?2, updated_at = ?3 WHERE id = ?1",
                params![person, new, fmt(changed_at)],
            )?;
            // The register's own history of the person shows the change too.
            let after = crate::register::history::load(tx, person)?;
            crate::register::history::record(tx, &before, &after, None, uid)?;
            let seq = audit::append(
                tx,
                acting,
                &Act::new("person-release").person(person).detail(text),
            )?;
            tx.execute(
                "INSERT INTO release_changes (person_id, release_at, previous, changed_at,
                                              changed_by, log_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![person, new, previous, fmt(changed_at), by, seq],
            )?;
            Ok(None)
        })?;
        if let Some(t) = late {
            return Err(self.refuse(
                Act::new("person-release").person(person),
                "release in effect", // untranslated: refusal rule name (rule_label shows it)
                t!("retention-release-in-effect", id = person, at = fmt(t)),
            ));
        }
        let takes_effect = match &new {
            Some(at) => Some(fmt(parse(at)?.max(changed_at + CORRECTION_WINDOW))),
            None => None,
        };
        Ok(ReleaseSet {
            person_id: person,
            release_at: new,
            previous,
            takes_effect,
            destroys_folder: !ksf,
        })
    }

    /// Every release change of a person, oldest first: (time, release time or none for a
    /// withdrawal, the value it replaced, by whom).
    pub fn release_history(&self, person: i64) -> Result<Vec<ReleaseHistory>> {
        let mut st = self.conn().prepare_cached(
            "SELECT changed_at, release_at, previous, changed_by FROM release_changes
             WHERE person_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([person], |r| {
            Ok(ReleaseHistory {
                changed_at: r.get(0)?,
                release_at: r.get(1)?,
                previous: r.get(2)?,
                changed_by: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// One change of a person's release.
#[derive(Debug, Serialize)]
pub struct ReleaseHistory {
    /// When it was changed.
    pub changed_at: String,
    /// The release time set (none: withdrawn).
    pub release_at: Option<String>,
    /// The one it replaced.
    pub previous: Option<String>,
    /// Who changed it.
    pub changed_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_details_read_back_and_anything_else_is_unreadable() {
        let t = "2026-12-01T00:00:00Z";
        assert_eq!(said(Some(&detail(Some(t), None))), Said::At(t.into()));
        assert_eq!(
            said(Some(&detail(Some(t), Some("2027-01-01T00:00:00Z")))),
            Said::At(t.into())
        );
        assert_eq!(said(Some(&detail(None, Some(t)))), Said::Withdrawn);
        for bad in [None, Some(""), Some("release at soon"), Some("released")] {
            assert_eq!(said(bad), Said::Unreadable, "{bad:?}");
        }
        // A time in another form than the program writes is not the program's.
        assert_eq!(
            said(Some("release at 2026-12-01T01:00:00+01:00")),
            Said::Unreadable
        );
    }

    #[test]
    fn release_times_are_dates_or_rfc3339_in_utc() {
        assert_eq!(
            parse_release_time("2026-12-01").unwrap(),
            "2026-12-01T00:00:00Z"
        );
        assert_eq!(
            parse_release_time("2026-12-01T09:30:00+01:00").unwrap(),
            "2026-12-01T08:30:00Z"
        );
        assert!(parse_release_time("soon").is_err());
        assert!(parse_release_time("2026-13-01").is_err());
    }
}
