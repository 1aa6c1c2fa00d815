//! The sweep: destroys whatever is due, at every unlock and as `retention sweep`.
//!
//! It is idempotent and safe to kill: each folder is destroyed in its own transaction, and a
//! batch of KSF documents in one, each deciding again inside the transaction from the signed
//! record, so a second sweep (or two at once) finds nothing left to do twice. A destruction
//! committed before a kill but whose write-ahead log was not yet emptied leaves a flag the
//! next sweep acts on. Any user may sweep: destruction needs no key. What goes is logged as
//! the acting user's, "by the sweep". A folder that cannot be destroyed (its record does not
//! check) is reported, not a reason to stop the sweep or lock anyone out.

use super::destroy::{destroy_document_tx, destroy_folder_tx, Destroyed, Outcome};
use super::due::{document_candidates, entry_candidates, folder_versions, release_candidates};
use super::{fmt, now, ten_year_cutoff, Rule};
use crate::identity::{Level, Role, Session};
use crate::{t, Error, Result};
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
        let docs = if ksf {
            document_candidates(self.conn(), &ten_year_cutoff(t))?
        } else {
            Vec::new()
        };
        let folders: Vec<(i64, Rule)> = if ksf {
            entry_candidates(self.conn(), &ten_year_cutoff(t))?
                .into_iter()
                .map(|p| (p, Rule::TenYears))
                .collect()
        } else {
            release_candidates(self.conn(), &fmt(t))?
                .into_iter()
                .map(|p| (p, Rule::Release))
                .collect()
        };
        let total = (docs.len() + folders.len()) as u64;
        let mut done = 0u64;
        for batch in docs.chunks(BATCH) {
            progress(done, total);
            self.sweep_documents(batch, &mut swept);
            done += batch.len() as u64;
        }
        for (person, rule) in folders {
            progress(done, total);
            done += 1;
            // A KSF entry with documents left is not due: skip it without a transaction.
            if rule == Rule::TenYears && folder_versions(self.conn(), person)? > 0 {
                continue;
            }
            let out = self.release_of(person, &rule).and_then(|release| {
                self.write(|tx, acting| {
                    destroy_folder_tx(tx, acting, person, &rule, &release, true)
                })
            });
            let folder = match &out {
                Ok(Outcome::Destroyed(d)) => d.folder_id,
                _ => None,
            };
            swept.take(t!("retention-what-folder", person = person), None, out);
            self.forget_folder(folder);
        }
        progress(total, total);
        swept.log_emptied = self.empty_wal()?;
        Ok(swept)
    }

    /// One batch of due KSF documents in one transaction; if the batch fails as a whole, each
    /// document again on its own, so one bad document does not keep the others.
    fn sweep_documents(&mut self, batch: &[String], swept: &mut Swept) {
        let all = self.write(|tx, acting| {
            batch
                .iter()
                .map(|j| destroy_document_tx(tx, acting, j, true))
                .collect::<Result<Vec<Outcome>>>()
        });
        match all {
            Ok(outs) => {
                for (j, o) in batch.iter().zip(outs) {
                    swept.take(doc_what(j), Some(j.clone()), Ok(o));
                }
            }
            Err(_) => {
                for j in batch {
                    let out = self.write(|tx, acting| destroy_document_tx(tx, acting, j, true));
                    swept.take(doc_what(j), Some(j.clone()), out);
                }
            }
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
