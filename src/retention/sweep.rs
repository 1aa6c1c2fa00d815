//! The sweep: destroys whatever is due, at every unlock and as `retention sweep`.
//!
//! It is idempotent and safe to kill: each folder due on a release is destroyed in its own
//! transaction, and KSF documents and register entries in batches of one transaction each
//! (each item in a savepoint), each deciding again inside the transaction from the signed
//! record, so a second sweep (or two at once) finds nothing left to do twice. A destruction
//! committed before a kill but whose write-ahead log was not yet emptied leaves a flag the
//! next sweep acts on. Any user may sweep: destruction needs no key. What goes is logged as
//! the acting user's, "by the sweep". A folder that cannot be destroyed (its record does not
//! check) is reported, not a reason to stop the sweep or lock anyone out.

use super::destroy::{destroy_document_tx, destroy_folder_tx, log_broken, Destroyed, Outcome};
use super::due::{
    document_candidates, entry_candidates, folder_versions, release_candidates, ReleaseDue,
};
use super::holds::Deciders;
use super::{fmt, now, ten_year_cutoff, Rule};
use crate::identity::{Acting, Level, Role, Session};
use crate::{t, Error, Result};
use rusqlite::Transaction;
use serde::Serialize;

/// KSF documents destroyed per transaction: a year's worth coming due at once costs a few
/// commits, not one per document.
const BATCH: usize = 200;

/// Something due that a hold keeps.
#[derive(Debug, Serialize)]
pub struct HeldBack {
    /// The person.
    pub person_id: i64,
    /// The document, or none for the folder.
    pub journal_number: Option<String>,
    /// Held through this day.
    pub until: String,
}

/// What a sweep did.
#[derive(Debug, Default, Serialize)]
pub struct Swept {
    /// Folders destroyed with their register entries.
    pub folders: Vec<Destroyed>,
    /// Single documents destroyed (KSF).
    pub documents: Vec<Destroyed>,
    /// Due, but kept by a hold.
    pub held: Vec<HeldBack>,
    /// What could not be destroyed and why (each is an incident to look into).
    pub problems: Vec<String>,
    /// Whether the write-ahead log is empty of what was destroyed (false: a reader in another
    /// process kept it; the next sweep tries again).
    pub log_emptied: bool,
}

impl Swept {
    /// Whether anything was destroyed.
    pub fn destroyed_any(&self) -> bool {
        !self.folders.is_empty() || !self.documents.is_empty()
    }

    fn take(&mut self, what: String, jno: Option<String>, out: Result<Outcome>) {
        match out {
            Ok(Outcome::Destroyed(d)) if d.folder => self.folders.push(d),
            Ok(Outcome::Destroyed(d)) => self.documents.push(d),
            Ok(Outcome::Held(person_id, until)) => self.held.push(HeldBack {
                person_id,
                journal_number: jno,
                until,
            }),
            Ok(Outcome::NotDue(_) | Outcome::Gone) => {}
            Err(e) => self.problems.push(t!(
                "retention-not-destroyed",
                what = what,
                error = e.to_string()
            )),
        }
    }
}

impl Session {
    /// Destroys everything due now. `progress(done, total)` is called as it goes.
    ///
    /// Only officers and admins sweep: a destroyed journal row counts only beside a destroy
    /// act signed by an account entitled to destroy (documents::crosscheck), so a clerical
    /// session's destruction would read as tampering. Clerical sessions leave it to the next
    /// officer's or admin's unlock.
    pub fn sweep(&mut self, mut progress: impl FnMut(u64, u64)) -> Result<Swept> {
        if self.user().role == Role::Clerical {
            return Err(Error::Refused {
                rule: "role",
                message: t!("retention-sweep-clerical"),
            });
        }
        let mut swept = Swept::default();
        let t = now();
        let ksf = self.meta().level == Level::Ksf;
        let total;
        if ksf {
            let cutoff = ten_year_cutoff(t);
            let docs = document_candidates(self.conn(), &cutoff)?;
            let entries = entry_candidates(self.conn(), &cutoff)?;
            total = (docs.len() + entries.len()) as u64;
            let mut done = 0u64;
            for batch in docs.chunks(BATCH) {
                progress(done, total);
                let outs = self.sweep_batch(batch, |tx, acting, deciders, j| {
                    destroy_document_tx(tx, acting, j, deciders, true)
                });
                for (j, out) in batch.iter().zip(outs) {
                    swept.take(doc_what(j), Some(j.clone()), out);
                }
                done += batch.len() as u64;
            }
            // A KSF entry with documents left is not due: skip it without a transaction.
            let mut due = Vec::with_capacity(entries.len());
            for p in entries {
                if folder_versions(self.conn(), p)? == 0 {
                    due.push(p);
                }
            }
            for batch in due.chunks(BATCH) {
                progress(done, total);
                let outs = self.sweep_batch(batch, |tx, acting, deciders, p| {
                    let (r, none) = (Rule::TenYears, ReleaseDue::None);
                    destroy_folder_tx(tx, acting, *p, &r, &none, deciders, true)
                });
                for (p, out) in batch.iter().zip(outs) {
                    self.took_folder(&mut swept, *p, out);
                }
                done += batch.len() as u64;
            }
        } else {
            let releases = release_candidates(self.conn(), &fmt(t))?;
            total = releases.len() as u64;
            for (done, person) in (0u64..).zip(releases) {
                progress(done, total);
                // The release and the log it is checked against are read inside the
                // destroying transaction: no writer can change either between the check
                // and the destruction.
                let out = self.write_in_place(|tx, acting| {
                    self.destroy_folder_checked(tx, acting, person, &Rule::Release, true)
                });
                self.took_folder(&mut swept, person, out);
            }
        }
        progress(total, total);
        swept.log_emptied = self.empty_wal()?;
        Ok(swept)
    }

    /// Records a folder's outcome, and forgets its keys if it went.
    fn took_folder(&self, swept: &mut Swept, person: i64, out: Result<Outcome>) {
        let folder = match &out {
            Ok(Outcome::Destroyed(d)) => d.folder_id,
            _ => None,
        };
        swept.take(t!("retention-what-folder", person = person), None, out);
        self.forget_folder(folder);
    }

    /// One batch of due KSF items (documents or register entries) in one transaction, each in
    /// a savepoint of its own, so one that fails does not keep the others.
    ///
    /// A hold is read from the log's announcements, which one column changed with the store
    /// key would hide, and a destruction cannot be undone: the whole log must run on whole,
    /// checked once per batch inside the same transaction, so that no writer can change it
    /// between the check and the reads of the holds. If it does not, nothing in the batch
    /// goes, and each item says why.
    fn sweep_batch<I>(
        &self,
        batch: &[I],
        destroy: impl Fn(&Transaction<'_>, Acting<'_>, &Deciders<'_>, &I) -> Result<Outcome>,
    ) -> Vec<Result<Outcome>> {
        let all = self.write_in_place(|tx, acting| {
            if let Some(why) = self.log_whole_above(0)? {
                return Ok(Err(why));
            }
            let deciders = Deciders::of(self);
            let mut outs = Vec::with_capacity(batch.len());
            for item in batch {
                tx.execute_batch("SAVEPOINT sweep_item")?; // untranslated: SQL
                let out = destroy(tx, acting, &deciders, item);
                tx.execute_batch(if out.is_ok() {
                    "RELEASE sweep_item" // untranslated: SQL
                } else {
                    "ROLLBACK TO sweep_item; RELEASE sweep_item" // untranslated: SQL
                })?;
                outs.push(out);
            }
            Ok(Ok(outs))
        });
        let failed = |why: String| {
            batch
                .iter()
                .map(|_| Err(Error::Other(why.clone())))
                .collect()
        };
        match all {
            Ok(Ok(outs)) => outs,
            Ok(Err(why)) => batch.iter().map(|_| Err(log_broken(&why))).collect(),
            Err(e) => failed(e.to_string()),
        }
    }
}

/// How a problem names a document.
fn doc_what(jno: &str) -> String {
    t!("retention-what-document-alone", jno = jno)
}

/// A sweep that could not run at all, as a problem to report rather than a lock-out.
pub(crate) fn failed(e: Error) -> Swept {
    Swept {
        problems: vec![t!("retention-sweep-failed", error = e.to_string())],
        ..Swept::default()
    }
}
