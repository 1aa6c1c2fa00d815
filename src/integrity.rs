//! `verify`: every integrity check the store can make of itself, in one report.

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

impl Session {
    /// Runs every check; a failed check is a row with `ok = false`, not an error.
    pub fn verify_store(&self) -> Result<Vec<Check>> {
        let mut out = Vec::new();
        let problems = self.db.integrity_problems();
        out.push(match problems {
            Ok(p) if p.is_empty() => Check {
                name: "database pages (SQLCipher HMAC) and structure",
                ok: true,
                detail: format!("sound ({})", self.db.cipher_version()?),
            },
            Ok(p) => Check {
                name: "database pages (SQLCipher HMAC) and structure",
                ok: false,
                detail: p.join("; "),
            },
            Err(e) => Check {
                name: "database pages (SQLCipher HMAC) and structure",
                ok: false,
                detail: e.to_string(),
            },
        });

        let file = KeyslotFile::load(&self.paths)?;
        let users = self.list_users()?;
        let mut bad = Vec::new();
        let mut active = 0usize;
        for u in &users {
            let has = file.has_slot(&u.name)?;
            match (u.status, has) {
                (Status::Active, true) => active += 1,
                (Status::Active, false) => bad.push(format!("{} has no keyslot", u.name)),
                (Status::Disabled, true) => {
                    bad.push(format!("disabled account {} still has a keyslot", u.name))
                }
                (Status::Disabled, false) => {}
            }
        }
        if file.slot_count() > active {
            bad.push(format!(
                "{} keyslot(s) belong to no active account",
                file.slot_count() - active
            ));
        }
        out.push(Check {
            name: "keyslots match the active accounts",
            ok: bad.is_empty(),
            detail: if bad.is_empty() {
                format!("{active} active account(s), one keyslot each")
            } else {
                bad.join("; ")
            },
        });

        out.push(match self.verify_log(|_, _| {}) {
            Ok(v) => Check {
                name: "use log chain and signatures",
                ok: true,
                detail: format!("{} entries intact", v.entries),
            },
            Err(e) => Check {
                name: "use log chain and signatures",
                ok: false,
                detail: e.to_string(),
            },
        });

        out.push(match self.certified_accounts() {
            Ok(a) => Check {
                name: "account certificates",
                ok: true,
                detail: format!("{} account(s) certified by the unit key", a.len()),
            },
            Err(e) => Check {
                name: "account certificates",
                ok: false,
                detail: e.to_string(),
            },
        });

        out.push(match self.check_key_records() {
            Ok(n) => Check {
                name: "folder key records",
                ok: true,
                detail: format!("{n} folder(s): current key vouched for by a signed record"),
            },
            Err(e) => Check {
                name: "folder key records",
                ok: false,
                detail: e.to_string(),
            },
        });

        out.push(match self.check_own_folder_keys() {
            Ok(n) => Check {
                name: "folder keys held by this user",
                ok: true,
                detail: format!("{n} wrapped key(s) open"),
            },
            Err(e) => Check {
                name: "folder keys held by this user",
                ok: false,
                detail: e.to_string(),
            },
        });

        out.push(match self.unit_keys() {
            Ok(_) => Check {
                name: "unit keys",
                ok: true,
                detail: "unwrap for this user and match the unit's public keys".into(),
            },
            Err(crate::Error::Refused { .. }) => Check {
                name: "unit keys",
                ok: true,
                detail: "not held by this role; not checked".into(),
            },
            Err(e) => Check {
                name: "unit keys",
                ok: false,
                detail: e.to_string(),
            },
        });
        Ok(out)
    }
}

impl Session {
    /// Unwraps every folder key wrapped to this user; returns how many.
    fn check_own_folder_keys(&self) -> Result<usize> {
        let pairs: Vec<(i64, i64)> = {
            let mut st = self.db.conn().prepare(
                "SELECT folder_id, key_version FROM folder_key_wraps WHERE user_id = ?1",
            )?;
            let rows = st.query_map([self.user.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for (f, v) in &pairs {
            self.folder_key(*f, *v)?;
            let current: i64 = self.db.conn().query_row(
                "SELECT key_version FROM folders WHERE id = ?1",
                [f],
                |r| r.get(0),
            )?;
            if *v == current && self.verified_list(*f, *v)?.is_none() {
                return Err(crate::Error::Integrity(format!(
                    "the need-to-know list of folder {f} fails its MAC: it was changed by someone \
                     without the folder key"
                )));
            }
        }
        Ok(pairs.len())
    }
}
