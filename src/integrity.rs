//! `verify`: every integrity check the store can make of itself, in one report.
//!
//! Each check names what it covers; a failed check is a row with `ok = false` and says what
//! was found and what to do, never an early exit, so one run shows everything.

use crate::identity::keyslots::KeyslotFile;
use crate::identity::{Session, Status};
use crate::Result;
use serde::Serialize;

/// One check's outcome.
#[derive(Debug, Serialize)]
pub struct Check {
    /// What was checked, as a stable code for programs (`--json`): `pages`, `schema`,
    /// `keyslots`, `log`,
    /// `witnesses`, `certificates`, `documents`, `journal`, `key-records`, `own-folder-keys`,
    /// `retention`, `casework`, `trust`, `unit-keys`.
    pub check: &'static str,
    /// What was checked, for people, in their language.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found.
    pub detail: String,
}

/// A check's finding: what was found when sound, or the problems.
type Outcome = std::result::Result<String, Vec<String>>;

fn row((check, name): (&'static str, String), r: Result<Outcome>) -> Check {
    let (ok, detail) = match r {
        Ok(Ok(detail)) => (true, detail),
        Ok(Err(problems)) => (false, problems.join("; ")),
        Err(e) => (false, e.to_string()),
    };
    Check {
        check,
        name,
        ok,
        detail,
    }
}

/// Turns a list of problems into a check result: sound with `ok`, else the problems.
fn sound(problems: Vec<String>, ok: String) -> Outcome {
    if problems.is_empty() {
        Ok(ok)
    } else {
        Err(problems)
    }
}

impl Session {
    /// Runs every check; a failed check is a row with `ok = false`, not an error.
    pub fn verify_store(&self) -> Result<Vec<Check>> {
        type Probe = fn(&Session) -> Result<Outcome>;
        let probes: [((&str, String), Probe); 14] = [
            (
                ("pages", crate::t!("integrity-check-pages")),
                Session::check_pages,
            ),
            (("schema", crate::t!("integrity-check-schema")), |s| {
                Ok(sound(
                    crate::store::migrate::schema_differences(s.conn())?,
                    crate::t!("integrity-schema-sound"),
                ))
            }),
            (
                ("keyslots", crate::t!("integrity-check-keyslots")),
                Session::check_keyslots,
            ),
            (
                ("log", crate::t!("integrity-check-log")),
                Session::probe_log,
            ),
            (
                ("witnesses", crate::t!("integrity-check-witnesses")),
                Session::probe_witnesses,
            ),
            (
                ("certificates", crate::t!("integrity-check-certificates")),
                Session::probe_certificates,
            ),
            (
                ("documents", crate::t!("integrity-check-documents")),
                Session::probe_documents,
            ),
            (("journal", crate::t!("integrity-check-journal")), |s| {
                Ok(sound(
                    s.check_journal()?,
                    crate::t!("integrity-journal-sound"),
                ))
            }),
            (
                ("key-records", crate::t!("integrity-check-key-records")),
                |s| {
                    let (n, p) = s.check_key_records()?;
                    Ok(sound(
                        p,
                        crate::t!("integrity-key-records-sound", count = n),
                    ))
                },
            ),
            (
                (
                    "own-folder-keys",
                    crate::t!("integrity-check-own-folder-keys"),
                ),
                |s| {
                    let (n, p) = s.check_own_folder_keys()?;
                    Ok(sound(
                        p,
                        crate::t!("integrity-own-folder-keys-sound", count = n),
                    ))
                },
            ),
            (("retention", crate::t!("integrity-check-retention")), |s| {
                let (ok, problems) = s.check_retention()?;
                Ok(sound(problems, ok))
            }),
            (
                ("casework", crate::t!("integrity-check-casework")),
                Session::probe_casework,
            ),
            (
                ("trust", crate::t!("integrity-check-trust")),
                Session::probe_trust,
            ),
            (("unit-keys", crate::t!("integrity-check-unit-keys")), |s| {
                Ok(Ok(if s.check_unit_keys()? {
                    crate::t!("integrity-unit-keys-sound")
                } else {
                    crate::t!("integrity-unit-keys-not-held")
                }))
            }),
        ];
        Ok(probes
            .into_iter()
            .map(|(name, probe)| row(name, probe(self)))
            .collect())
    }

    fn probe_log(&self) -> Result<Outcome> {
        let v = self.verify_log(|_, _| {})?;
        Ok(Ok(crate::t!("integrity-log-sound", count = v.entries)))
    }

    fn probe_witnesses(&self) -> Result<Outcome> {
        let n = self.list_users()?.len();
        Ok(sound(
            self.check_witnesses()?,
            crate::t!("integrity-witnesses-sound", count = n),
        ))
    }

    fn probe_certificates(&self) -> Result<Outcome> {
        let a = self.certified_accounts()?;
        let bad = self
            .uncertified_accounts()?
            .iter()
            .map(|n| crate::t!("error-account-uncertified", name = crate::text::escape(n)))
            .collect();
        Ok(sound(
            bad,
            crate::t!("integrity-certificates-sound", count = a.len()),
        ))
    }

    fn probe_documents(&self) -> Result<Outcome> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok(sound(
            self.check_documents()?,
            crate::t!("integrity-documents-sound", count = n),
        ))
    }

    fn probe_casework(&self) -> Result<Outcome> {
        let f = self.check_casework()?;
        let (decisions, reviews, registrations, requests) = f.counts;
        Ok(sound(
            f.problems,
            crate::t!(
                "integrity-casework-sound",
                decisions = decisions,
                reviews = reviews,
                registrations = registrations,
                requests = requests
            ),
        ))
    }

    fn probe_trust(&self) -> Result<Outcome> {
        let (changes, mut bad) = self.unsigned_changes()?;
        let (units, external, more) = self.unsigned_trust()?;
        bad.extend(more);
        Ok(sound(
            bad,
            crate::t!(
                "integrity-trust-sound",
                changes = changes,
                units = units,
                external = external
            ),
        ))
    }

    fn check_pages(&self) -> Result<Outcome> {
        let p = self.db().integrity_problems()?;
        let version = self.db().cipher_version()?;
        Ok(sound(
            p,
            crate::t!("integrity-pages-sound", version = version),
        ))
    }

    /// Every active account has a keyslot, and no slot belongs to anyone else. Says how to
    /// repair what it finds.
    fn check_keyslots(&self) -> Result<Outcome> {
        let file = KeyslotFile::load(self.paths())?;
        let mut bad = Vec::new();
        let mut active = 0usize;
        for u in self.list_users()? {
            match (u.status, file.has_slot(&u.name)?) {
                (Status::Active, true) => active += 1,
                (Status::Active, false) => bad.push(crate::t!(
                    "integrity-keyslot-missing",
                    name = u.name.as_str()
                )),
                (Status::Disabled, true) => bad.push(crate::t!(
                    "integrity-keyslot-of-disabled",
                    name = u.name.as_str()
                )),
                (Status::Disabled, false) => {}
            }
        }
        if file.slot_count() > active + bad.len() {
            bad.push(crate::t!(
                "integrity-keyslots-orphaned",
                count = file.slot_count() - active
            ));
        }
        let removed = self.checked_removals()?;
        for u in self.list_users()? {
            if u.status == Status::Active && removed.contains_key(&u.name) {
                bad.push(crate::t!(
                    "error-account-revived",
                    name = crate::text::escape(&u.name)
                ));
            }
        }
        Ok(sound(
            bad,
            crate::t!("integrity-keyslots-sound", count = active),
        ))
    }
}
