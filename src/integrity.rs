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
    /// What was checked.
    pub name: &'static str,
    /// Whether it passed.
    pub ok: bool,
    /// What was found.
    pub detail: String,
}

/// A check's finding: what was found when sound, or the problems.
type Outcome = std::result::Result<String, Vec<String>>;

fn row(name: &'static str, r: Result<Outcome>) -> Check {
    match r {
        Ok(Ok(detail)) => Check {
            name,
            ok: true,
            detail,
        },
        Ok(Err(problems)) => Check {
            name,
            ok: false,
            detail: problems.join("; "),
        },
        Err(e) => Check {
            name,
            ok: false,
            detail: e.to_string(),
        },
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
        let probes: [(&'static str, Probe); 11] = [
            (
                "database pages (SQLCipher HMAC) and structure",
                Session::check_pages,
            ),
            (
                "keyslots match the active accounts",
                Session::check_keyslots,
            ),
            ("use log chain and signatures", Session::probe_log),
            ("log witnesses of every account", Session::probe_witnesses),
            ("account certificates", Session::probe_certificates),
            (
                "documents, journal and use log agree",
                Session::probe_documents,
            ),
            ("journal signatures", |s| {
                Ok(sound(
                    s.check_journal()?,
                    "every journal entry signed by its author".into(),
                ))
            }),
            ("folder key records", |s| {
                let (n, p) = s.check_key_records()?;
                Ok(sound(
                    p,
                    format!("{n} key chain(s): every record signed by an entitled officer"),
                ))
            }),
            ("folder keys held by this user", |s| {
                let (n, p) = s.check_own_folder_keys()?;
                Ok(sound(
                    p,
                    format!("{n} wrapped key(s) open and match their records"),
                ))
            }),
            (
                "retention: nothing overdue, releases and holds signed",
                |s| {
                    let (ok, problems) = s.check_retention()?;
                    Ok(sound(problems, ok))
                },
            ),
            ("unit keys", |s| {
                Ok(Ok(if s.check_unit_keys()? {
                    "unwrap for this user and match the unit's public keys".into()
                } else {
                    "not held by this role; not checked".into()
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
        Ok(Ok(format!("{} entries intact", v.entries)))
    }

    fn probe_witnesses(&self) -> Result<Outcome> {
        let n = self.list_users()?.len();
        Ok(sound(
            self.check_witnesses()?,
            format!("{n} account(s): what each saw is still in the log"),
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
            format!("{} account(s) certified by the unit key", a.len()),
        ))
    }

    fn probe_documents(&self) -> Result<Outcome> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok(sound(
            self.check_documents()?,
            format!("{n} document version(s) whole"),
        ))
    }

    fn check_pages(&self) -> Result<Outcome> {
        let p = self.db().integrity_problems()?;
        Ok(sound(p, format!("sound ({})", self.db().cipher_version()?)))
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
                (Status::Active, false) => bad.push(format!(
                    "{} has no keyslot (an interrupted `user add`): disable the account and add \
                     it again",
                    u.name
                )),
                (Status::Disabled, true) => bad.push(format!(
                    "disabled account {} still has a keyslot (an interrupted `user disable`): \
                     it is destroyed at the next unlock, or run `user disable {}` again",
                    u.name, u.name
                )),
                (Status::Disabled, false) => {}
            }
        }
        if file.slot_count() > active + bad.len() {
            bad.push(format!(
                "{} keyslot(s) belong to no account: they are destroyed at the next unlock",
                file.slot_count() - active
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
            format!("{active} active account(s), one keyslot each"),
        ))
    }
}
