//! The one path that destroys (R28–R30): a person's folder with its register entry, or, at
//! KSF, one document.
//!
//! A folder is destroyed in one transaction, in this order: cryptographic erase (every wrap,
//! record and pin of both key chains, and the grants and rotations that wait on them), then
//! the document versions and their chunks, then the folder and the person's register entry
//! (their links and network memberships; a person marked in KOMPIS is queued to be unmarked).
//! The journal gets a signed `destroyed` row per version, the use log a `destroy` entry per
//! version and one `folder-destroy`, each naming the rule and whether the sweep did it. After
//! the commit the write-ahead log is checkpointed and truncated ([`Session::empty_wal`]).
//!
//! One document at KSF is deleted the same way but without an erase: its content key derives
//! from the folder key, which still serves the rest of the folder (SECURITY.md says what
//! that leaves).

use super::due::{document_due, entry_due, folder_versions, ReleaseDue};
use super::holds::{held_until, Deciders};
use super::release::signed_release;
use super::{fmt, now, Rule};
use crate::audit::{self, Act};
use crate::documents::journal::{self, DEFAULT_EXEMPTION};
use crate::identity::{Acting, Level, Role, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// How a `folder-destroy` entry that also removed the register entry ends: what
/// `retired_as_logged` looks for.
pub(crate) const ENTRY_REMOVED: &str = ", register entry removed"; // untranslated: use-log detail

/// What one destruction removed.
#[derive(Debug, Clone, Serialize)]
pub struct Destroyed {
    /// The person whose folder it was.
    pub person_id: i64,
    /// The rule (`release`, `ten-years`, `transfer`).
    pub rule: &'static str,
    /// The document versions destroyed, as `JNO@V`.
    pub versions: Vec<String>,
    /// Folder key versions erased (both tiers; none for a single document).
    pub key_versions: i64,
    /// Whether the folder and the person's register entry went too.
    pub folder: bool,
    #[serde(skip)]
    pub(crate) folder_id: Option<i64>,
}

/// What an attempt came to.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Destroyed.
    Destroyed(Destroyed),
    /// Not due under the rule (why).
    NotDue(String),
    /// Kept by a hold in force: (person, through this day).
    Held(i64, String),
    /// Nothing left to destroy (destroyed already).
    Gone,
}

/// One stored version: row id, journal number, version, grading.
type Version = (i64, String, i64, String);

fn versions_where(
    conn: &Connection,
    sql_where: &str,
    arg: &dyn rusqlite::ToSql,
) -> Result<Vec<Version>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, journal_number, version, grading FROM documents WHERE {sql_where}
         ORDER BY journal_number, version"
    ))?;
    let rows = st.query_map([arg], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// How the journal and the log name the rule and who carried it out.
fn how(rule: &Rule, by_sweep: bool) -> String {
    if by_sweep {
        format!("{}, by the sweep", rule.describe()) // untranslated: journal status and log detail
    } else {
        rule.describe()
    }
}

/// The `destroy` entry's detail, in a fixed form a check can read back:
/// `rule=<release|ten-years|transfer>; by=<sweep|user>`, then `; receipt=<id>` for a
/// transfer. `by=user` means the entry's signer chose to destroy; `by=sweep` that the sweep
/// did it in the signer's session, acting for the store, because the signed record (the
/// release entry, the journal date, the holds) made it due.
pub(crate) fn act_detail(rule: &Rule, by_sweep: bool) -> String {
    let by = if by_sweep { "sweep" } else { "user" };
    match rule {
        Rule::Transfer { receipt } => format!("rule=transfer; by={by}; receipt={receipt}"), // untranslated: log detail read back
        r => format!("rule={}; by={by}", r.name()), // untranslated: log detail read back
    }
}

/// Why `rule` does not destroy the folder of `person` now, if it does not.
fn folder_not_due(
    tx: &Connection,
    level: Level,
    person: i64,
    rule: &Rule,
    release: &ReleaseDue,
) -> Result<Option<String>> {
    let t = now();
    Ok(match rule {
        Rule::Release if level == Level::Ksf => Some(t!("retention-not-due-ksf-release")),
        // The release was checked before the transaction; the entry checked must still be
        // the newest, or another one came in between.
        Rule::Release => match release {
            ReleaseDue::At(_, seq)
                if signed_release(tx, person)?.map(|r| r.entry.seq) != Some(*seq) =>
            {
                Some(t!("retention-not-due-release-changed", id = person))
            }
            ReleaseDue::At(at, _) if *at <= t => None,
            ReleaseDue::At(at, _) => Some(t!("retention-not-due-release-at", at = fmt(*at))),
            ReleaseDue::None => Some(t!("retention-not-due-no-release", id = person)),
            ReleaseDue::Mismatch(why) => return Err(Error::Integrity(why.clone())),
        },
        Rule::TenYears if level != Level::Ksf => Some(t!("retention-not-due-not-ksf")),
        Rule::TenYears => match entry_due(tx, person)? {
            Some(at) if at > t => Some(t!("retention-not-due-entry-kept", at = fmt(at))),
            _ if folder_versions(tx, person)? > 0 => Some(t!("retention-not-due-documents-left")),
            _ => None,
        },
        Rule::Transfer { .. } => None,
    })
}

/// Deletes the stored versions and their chunks, and journals and logs each destruction.
fn delete_versions(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    person: i64,
    versions: &[Version],
    rule: &Rule,
    by_sweep: bool,
) -> Result<Vec<String>> {
    let how = how(rule, by_sweep);
    let detail = act_detail(rule, by_sweep);
    let mut out = Vec::with_capacity(versions.len());
    for (id, jno, v, grading) in versions {
        tx.prepare_cached("DELETE FROM doc_chunks WHERE doc_id = ?1")? // untranslated: SQL
            .execute([id])?;
        tx.prepare_cached("DELETE FROM documents WHERE id = ?1")? // untranslated: SQL
            .execute([id])?;
        tx.prepare_cached("DELETE FROM retention_clock WHERE journal_number = ?1")? // untranslated: SQL
            .execute([jno])?;
        // What was received of it goes too: sent again later, it is filed anew, not taken
        // for a version already here (the import asks `documents_in` first).
        tx.prepare_cached("DELETE FROM documents_in WHERE journal_number = ?1 AND version = ?2")? // untranslated: SQL
            .execute(rusqlite::params![jno, v])?;
        let exemption: Option<String> = tx
            .prepare_cached(
                "SELECT exemption FROM journal WHERE journal_number = ?1 AND version = ?2
                   AND status IN ('created', 'received') ORDER BY id LIMIT 1",
            )?
            .query_row(params![jno, v], |r| r.get(0))
            .optional()?;
        let exemption = exemption.unwrap_or_else(|| DEFAULT_EXEMPTION.into());
        journal::record(tx, acting, jno, *v, grading, &how, "destroyed", &exemption)?;
        // The destroy act that makes this `destroyed` row legitimate: one per version, in
        // the same transaction, signed by the acting user (see `act_detail`).
        audit::append(
            tx,
            acting,
            &Act::new("destroy")
                .doc(jno, *v, person)
                .detail(detail.as_str()),
        )?;
        out.push(format!("{jno}@{v}"));
    }
    Ok(out)
}

/// Cryptographic erase: every wrap, record and pin of the folder's key chains, and what waits
/// on them. Returns how many key versions there were and how the log names them.
fn erase_keys(tx: &Transaction<'_>, folder: i64) -> Result<(i64, String)> {
    let chains: Vec<(String, i64, i64)> = tx
        .prepare_cached(
            "SELECT tier, min(version), max(version) FROM folder_key_versions
             WHERE folder_id = ?1 GROUP BY tier ORDER BY tier",
        )?
        .query_map([folder], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM folder_key_versions WHERE folder_id = ?1",
        [folder],
        |r| r.get(0),
    )?;
    for sql in [
        "DELETE FROM folder_key_wraps WHERE folder_id = ?1", // untranslated: SQL
        "DELETE FROM key_pins WHERE folder_id = ?1",         // untranslated: SQL
        "DELETE FROM folder_grants_pending WHERE folder_id = ?1", // untranslated: SQL
        "DELETE FROM folder_rotations_pending WHERE folder_id = ?1", // untranslated: SQL
        "DELETE FROM folder_key_versions WHERE folder_id = ?1", // untranslated: SQL
    ] {
        tx.prepare_cached(sql)?.execute([folder])?;
    }
    let named: Vec<String> = chains
        .iter()
        .map(|(t, a, b)| {
            if a == b {
                format!("{t} v{a}")
            } else {
                format!("{t} v{a}-v{b}")
            }
        })
        .collect();
    Ok((n, named.join(", ")))
}

fn mark_checkpoint_due(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("UPDATE retention_state SET checkpoint_due = 1 WHERE id = 1")?
        .execute([])?;
    Ok(())
}

/// Destroys the folder of `person` and their register entry under `rule`, inside the
/// caller's transaction, if the rule makes it due now and no hold keeps it. The caller
/// empties the write-ahead log after the commit ([`Session::empty_wal`]); if it cannot, the
/// next sweep does.
pub(crate) fn destroy_folder_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    person: i64,
    rule: &Rule,
    release: &ReleaseDue,
    deciders: &Deciders<'_>,
    by_sweep: bool,
) -> Result<Outcome> {
    let folder: Option<i64> = tx
        .prepare_cached("SELECT id FROM folders WHERE person_id = ?1")?
        .query_row([person], |r| r.get(0))
        .optional()?;
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1)")?
        .query_row([person], |r| r.get(0))?;
    if folder.is_none() && !exists {
        return Ok(Outcome::Gone);
    }
    if let Some(why) = folder_not_due(tx, acting.meta.level, person, rule, release)? {
        return Ok(Outcome::NotDue(why));
    }
    if let Some(until) = held_until(tx, person, None, now().date_naive(), deciders)? {
        return Ok(Outcome::Held(person, until.to_string()));
    }
    let how = how(rule, by_sweep);
    let (keys, named) = match folder {
        Some(f) => erase_keys(tx, f)?,
        None => (0, String::new()),
    };
    let versions = match folder {
        Some(f) => versions_where(tx, "folder_id = ?1", &f)?, // untranslated: SQL
        None => Vec::new(),
    };
    let destroyed = delete_versions(tx, acting, person, &versions, rule, by_sweep)?;
    if let Some(f) = folder {
        tx.prepare_cached("DELETE FROM folders WHERE id = ?1")? // untranslated: SQL
            .execute([f])?;
    }
    crate::register::person::retire(tx, person)?;
    audit::append(
        tx,
        acting,
        &Act::new("folder-destroy").person(person).detail(format!(
            "{how}: {} document version(s), keys erased ({}){ENTRY_REMOVED}", // untranslated: use-log detail
            destroyed.len(),
            if named.is_empty() { "none" } else { &named }
        )),
    )?;
    mark_checkpoint_due(tx)?;
    Ok(Outcome::Destroyed(Destroyed {
        person_id: person,
        rule: rule.name(),
        versions: destroyed,
        key_versions: keys,
        folder: true,
        folder_id: folder,
    }))
}

/// Destroys one document (every version) at KSF under the ten-year rule, inside the caller's
/// transaction, if it is due and not held.
pub(crate) fn destroy_document_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    jno: &str,
    deciders: &Deciders<'_>,
    by_sweep: bool,
) -> Result<Outcome> {
    if acting.meta.level != Level::Ksf {
        return Ok(Outcome::NotDue(t!("retention-not-due-not-ksf")));
    }
    let Some((due, person)) = document_due(deciders.session(), jno)? else {
        return Ok(Outcome::Gone);
    };
    if due > now() {
        return Ok(Outcome::NotDue(t!(
            "retention-not-due-kept-until",
            at = fmt(due)
        )));
    }
    if let Some(until) = held_until(tx, person, Some(jno), now().date_naive(), deciders)? {
        return Ok(Outcome::Held(person, until.to_string()));
    }
    let versions = versions_where(tx, "journal_number = ?1", &jno)?; // untranslated: SQL
    let destroyed = delete_versions(tx, acting, person, &versions, &Rule::TenYears, by_sweep)?;
    mark_checkpoint_due(tx)?;
    Ok(Outcome::Destroyed(Destroyed {
        person_id: person,
        rule: Rule::TenYears.name(),
        versions: destroyed,
        key_versions: 0,
        folder: false,
        folder_id: None,
    }))
}

impl Session {
    /// Destroys a person's folder and register entry under `rule`: the one path, for the
    /// sweep and for a transfer whose receipt has arrived. Refused (and logged) if the rule
    /// does not make it due now or a hold keeps it. The write-ahead log is emptied after.
    pub fn destroy_folder(&mut self, person: i64, rule: Rule) -> Result<Destroyed> {
        // A destruction chosen by a person (not the sweep) is an officer's act: its `destroy`
        // entries say `by=user`, and the check of them asks for an officer's signature.
        if self.user().role != Role::Officer {
            let act = Act::new("folder-destroy").person(person);
            return Err(self.refuse(act, "role", t!("retention-destroy-officer-only")));
        }
        if let Rule::Transfer { receipt } = &rule {
            crate::text::field("receipt", receipt, crate::text::limits::NAME, false)?;
        }
        let out = self.write_in_place(|tx, acting| {
            self.destroy_folder_checked(tx, acting, person, &rule, false)
        })?;
        let act = || Act::new("folder-destroy").person(person);
        match out {
            Outcome::Destroyed(d) => {
                self.forget_folder(d.folder_id);
                self.empty_wal()?;
                Ok(d)
            }
            Outcome::NotDue(why) => Err(self.refuse(act(), "not due", why)), // untranslated: refusal rule name
            Outcome::Held(_, until) => Err(self.refuse(
                act(),
                "hold",
                t!("retention-held-folder", id = person, until = until),
            )),
            Outcome::Gone => Err(Error::NotFound(t!("retention-no-folder", id = person))),
        }
    }

    /// Destroys `person`'s folder under `rule` inside the caller's transaction, with what the
    /// destruction rests on read in that same transaction, so that no writer can change it
    /// between the check and the destruction: the release ([`Session::release_of`]), and
    /// at KSF, where holds are read from the log's announcements, the whole log.
    pub(crate) fn destroy_folder_checked(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        person: i64,
        rule: &Rule,
        by_sweep: bool,
    ) -> Result<Outcome> {
        if *rule == Rule::TenYears {
            if let Some(why) = self.log_whole_above(0)? {
                return Err(log_broken(&why));
            }
        }
        let release = self.release_of(person, rule)?;
        let deciders = Deciders::of(self);
        destroy_folder_tx(tx, acting, person, rule, &release, &deciders, by_sweep)
    }

    /// The checked release [`destroy_folder_tx`] acts on, for the release rule (checking an
    /// entry needs the session, which a transaction does not have).
    ///
    /// A release that has taken effect destroys only if the log runs on whole from its entry
    /// to the head ([`Session::log_whole_above`]): a newer entry that withdrew or moved it,
    /// written over with the store key, would otherwise leave the older release as the
    /// newest, and a destruction cannot be undone.
    pub(crate) fn release_of(&self, person: i64, rule: &Rule) -> Result<ReleaseDue> {
        if *rule != Rule::Release {
            return Ok(ReleaseDue::None);
        }
        let due = self.release_due(person)?;
        if let ReleaseDue::At(at, seq) = &due {
            if *at <= now() {
                if let Some(why) = self.log_whole_above(*seq)? {
                    return Ok(ReleaseDue::Mismatch(t!(
                        "retention-release-log-broken",
                        id = person,
                        problem = why
                    )));
                }
            }
        }
        Ok(due)
    }

    /// Drops what this session remembers of a destroyed folder's keys: its id may be given
    /// to a new folder.
    pub(crate) fn forget_folder(&self, folder: Option<i64>) {
        let Some(f) = folder else {
            return;
        };
        let c = self.caches();
        c.folder_keys.borrow_mut().retain(|k, _| k.0 != f);
        c.chains.borrow_mut().retain(|k, _| k.0 != f);
        c.pins_due.borrow_mut().retain(|k, _| k.0 != f);
        c.announced.borrow_mut().retain(|k| k.0 != f);
    }

    /// Finishes destructions: checkpoints the write-ahead log into the database and
    /// truncates it to nothing, so no image of a page from before the destruction stays in
    /// it. Returns false if a reader in another process kept it from finishing (the next
    /// sweep tries again).
    pub fn empty_wal(&mut self) -> Result<bool> {
        let due: bool = self.conn().query_row(
            "SELECT checkpoint_due FROM retention_state WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        if !due {
            return Ok(true);
        }
        if !self.db().checkpoint_truncate()? {
            return Ok(false);
        }
        self.write(|tx, _| {
            tx.execute(
                "UPDATE retention_state SET checkpoint_due = 0 WHERE id = 1",
                [],
            )?;
            Ok(())
        })?;
        // The flag's own write is in the log again: empty it once more (it holds nothing of
        // what was destroyed).
        self.db().checkpoint_truncate()?;
        Ok(true)
    }
}

/// Why nothing that a hold could keep is destroyed: the log that holds are read from does not
/// run on whole.
pub(super) fn log_broken(why: &str) -> Error {
    Error::Integrity(t!("retention-log-broken", problem = why))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_names_the_rule_and_the_sweep() {
        assert_eq!(how(&Rule::Release, true), "release rule, by the sweep");
        assert_eq!(how(&Rule::TenYears, false), "ten-year rule");
        assert_eq!(
            how(
                &Rule::Transfer {
                    receipt: "oslo-2026-7".into()
                },
                false
            ),
            "transfer, receipt oslo-2026-7"
        );
    }

    #[test]
    fn the_destroy_act_names_rule_and_actor_in_a_fixed_form() {
        assert_eq!(act_detail(&Rule::Release, true), "rule=release; by=sweep");
        assert_eq!(
            act_detail(&Rule::TenYears, false),
            "rule=ten-years; by=user"
        );
        assert_eq!(
            act_detail(
                &Rule::Transfer {
                    receipt: "oslo-2026-7".into()
                },
                false
            ),
            "rule=transfer; by=user; receipt=oslo-2026-7"
        );
    }
}
