//! What `verify` asks of retention: is anything overdue (a sweep that has not run, or an
//! index or a register column changed so the sweep does not see it), does every release in
//! the register match its signed record, and is every hold signed and announced?
//!
//! The sweep finds its work by index for speed; this check reads the signed records whole
//! (the log's release entries, the journal), so a row hidden from the sweep still shows here.

use super::due::{document_due, entry_due, folder_versions, ReleaseDue};
use super::holds::{held_until, Deciders};
use super::{fmt, now};
use crate::identity::{Level, Session};
use crate::{t, Result};

impl Session {
    /// Checks retention for `verify`: returns what was found when sound, and the problems.
    pub fn check_retention(&self) -> Result<(String, Vec<String>)> {
        let mut problems = if self.meta().level == Level::Ksf {
            self.overdue_at_ksf()?
        } else {
            self.overdue_releases()?
        };
        problems.extend(self.check_holds()?);
        problems.extend(self.retired_unsigned()?);
        problems.extend(self.persons_missing()?);
        let holds = self.retention_holds(false)?.len();
        Ok((t!("retention-ok", holds = holds), problems))
    }

    /// Whether person `id` is gone from the register by a checked destruction, which takes
    /// the person's casework along: what the log records of them may then be missing.
    pub(crate) fn gone_by_destruction(&self, id: i64) -> Result<bool> {
        let present: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        Ok(!present && self.retired_as_logged(id)?)
    }

    /// Whether person `id`'s register entry was removed by a destruction the use log
    /// records: a `folder-destroy` that removed the entry, in a checked entry by an officer
    /// or admin still on the list (as the sweep writes it). `persons_retired` and a missing
    /// `persons` row are rows anyone holding the store key can make; this is what says a
    /// person, and their folder and requests with them, went by the rules.
    pub(crate) fn retired_as_logged(&self, id: i64) -> Result<bool> {
        // Only a destruction after the person was last added counts: one of an earlier
        // holder of the id is no evidence about this one.
        let added = crate::audit::report::person_entries(self.conn(), id, "person-add")?
            .last()
            .map_or(0, |e| e.seq);
        for e in crate::audit::report::person_entries(self.conn(), id, "folder-destroy")? {
            if e.seq < added {
                continue;
            }
            let removed = e
                .detail
                .as_deref()
                .is_some_and(|d| d.ends_with(super::destroy::ENTRY_REMOVED));
            if removed
                && self.checked_entry(&e)?.is_some_and(|s| {
                    s.acting_as(crate::identity::Role::Officer)
                        || s.acting_as(crate::identity::Role::Admin)
                })
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every person marked removed whose removal no signed destruction records: someone
    /// holding the store key deleted a register entry, and with it its folder's keys and
    /// its requests for access.
    fn retired_unsigned(&self) -> Result<Vec<String>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM persons_retired ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut problems = Vec::new();
        for id in ids {
            if !self.retired_as_logged(id)? {
                problems.push(t!("retention-retired-unsigned", id = id));
            }
        }
        Ok(problems)
    }

    /// Every person the use log says was registered (`person-add`, by hand or received in a
    /// package) who is neither in the register nor marked removed: a register entry deleted
    /// with the store key. A person with documents or requests is noticed by those too; one
    /// with neither (a contact, a network member) only here. One pass over the log's
    /// person index, as `verify` reads the whole log anyway.
    fn persons_missing(&self) -> Result<Vec<String>> {
        let mut st = self.conn().prepare(
            "SELECT l.person_id, max(l.seq) FROM use_log l INDEXED BY use_log_person
             WHERE l.person_id IS NOT NULL AND l.act = 'person-add' AND l.outcome = 'ok'
               AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = l.person_id)
               AND NOT EXISTS (SELECT 1 FROM persons_retired r WHERE r.id = l.person_id)
             GROUP BY l.person_id ORDER BY l.person_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        let mut problems = Vec::new();
        for row in rows {
            let (id, seq) = row?;
            problems.push(t!("retention-person-missing", id = id, seq = seq));
        }
        Ok(problems)
    }

    /// Local and regional: every person whose signed release has taken effect is gone.
    fn overdue_releases(&self) -> Result<Vec<String>> {
        let persons: Vec<i64> = self
            .conn()
            .prepare(
                "SELECT id FROM persons WHERE release_at IS NOT NULL OR id IN (
                   SELECT person_id FROM use_log
                   WHERE act = 'person-release' AND person_id IS NOT NULL)
                 ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let t = now();
        let mut problems = Vec::new();
        for p in persons {
            match self.release_due(p)? {
                ReleaseDue::At(at, _) if at <= t => {
                    problems.push(t!("retention-overdue-release", id = p, at = fmt(at)))
                }
                ReleaseDue::Mismatch(why) => problems.push(why),
                _ => {}
            }
        }
        Ok(problems)
    }

    /// KSF: no stored document past its ten years without a hold, and no empty folder whose
    /// register entry is past its ten years.
    fn overdue_at_ksf(&self) -> Result<Vec<String>> {
        let t = now();
        let today = t.date_naive();
        let deciders = Deciders::of(self);
        // Every stored document, its ten years counted from the signed log (`document_due`):
        // the journal and the sweep's index are rows anyone holding the store key can date.
        let stored: Vec<String> = self
            .conn()
            .prepare("SELECT journal_number FROM documents GROUP BY journal_number")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut problems = Vec::new();
        for jno in stored {
            let (due, person) = match document_due(self, &jno) {
                Ok(Some(d)) => d,
                Ok(None) => continue,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            if due > t {
                continue;
            }
            if held_until(self.conn(), person, Some(&jno), today, &deciders)?.is_none() {
                problems.push(t!(
                    "retention-overdue-document",
                    jno = crate::text::escape(&jno),
                    at = fmt(due)
                ));
            }
        }
        let persons: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM persons ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        for p in persons {
            let Some(due) = entry_due(self.conn(), p)? else {
                continue;
            };
            if due <= t
                && folder_versions(self.conn(), p)? == 0
                && held_until(self.conn(), p, None, today, &deciders)?.is_none()
            {
                problems.push(t!("retention-overdue-entry", id = p, at = fmt(due)));
            }
        }
        Ok(problems)
    }
}
