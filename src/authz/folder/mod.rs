//! Folder keys (DESIGN.md §3): need to know enforced by keys, not only by checks.
//!
//! Every person's folder has two chains of random keys: tier F encrypts its FORTROLIG
//! documents and is wrapped to every reader; tier S encrypts its STRENGT FORTROLIG documents
//! and is wrapped only to readers cleared for that grading, so a FORTROLIG officer holding the
//! store key and their own private keys opens no STRENGT FORTROLIG chunk. A user without a
//! wrap cannot decrypt, even holding the store key.
//!
//! Every key version has a signed record (records.rs) that names the folder's list as of that
//! version; the newest F record is the folder's list. The mutable rows (wraps, pending grants
//! and rotations) are requests and caches: a key is used, passed on or written under only
//! after its record chain has been checked (keys.rs), so no row edited with the store key can
//! plant a key, widen a list, or pass an older list off as the current one.
//!
//! Who can wrap what: wrapping a key to a newcomer needs that key, which only the folder's
//! readers hold — not the admin who adds the newcomer. So a list change records a request
//! and the next session of a reader carries it out (grants.rs, rotation.rs).
//!
//! Files: records.rs (the records and their rules), keys.rs (the `FolderKey` typestate and
//! checking), pins.rs (what each user has checked), mint.rs (making versions, wrapping),
//! grants.rs, rotation.rs, restrict.rs (list changes).

pub(crate) mod announce;
mod check;
#[cfg(feature = "test-support")]
mod forge;
mod grants;
mod keys;
mod mint;
mod pins;
mod records;
mod restrict;
mod rotation;

#[cfg(feature = "test-support")]
pub(crate) use forge::plant_for_tests;
#[cfg(feature = "test-support")]
pub use forge::wrap_aad_for_tests;
pub(crate) use grants::queue_grants_tx;
pub use grants::Carried;
pub(crate) use keys::FolderKey;
pub(crate) use records::{FolderIds, List};
pub use restrict::{FolderReaders, ReaderState};
pub(crate) use rotation::apply_rotation;

use super::Grading;
use crate::identity::unit::Certified;
use crate::identity::{Acting, Clearance, Role, Session};
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};

/// Which of a folder's two key chains: F for FORTROLIG contents, S for STRENGT FORTROLIG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// FORTROLIG contents; wrapped to every reader.
    F,
    /// STRENGT FORTROLIG contents; wrapped only to readers cleared for it.
    S,
}

impl Tier {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::F => "F",
            Tier::S => "S",
        }
    }

    pub(crate) fn as_char(self) -> char {
        match self {
            Tier::F => 'F',
            Tier::S => 'S',
        }
    }

    /// As people read it.
    pub fn label(self) -> String {
        match self {
            Tier::F => t!("authz-tier-f"),
            Tier::S => t!("authz-tier-s"),
        }
    }

    /// The tier whose key encrypts contents of this grading.
    pub fn of(g: Grading) -> Tier {
        match g {
            Grading::Fortrolig => Tier::F,
            Grading::StrengtFortrolig => Tier::S,
        }
    }

    /// The clearance a holder needs.
    pub(crate) fn needs(self) -> Clearance {
        match self {
            Tier::F => Clearance::Fortrolig,
            Tier::S => Clearance::StrengtFortrolig,
        }
    }
}

impl std::str::FromStr for Tier {
    type Err = Error;
    fn from_str(s: &str) -> Result<Tier> {
        match s {
            "F" => Ok(Tier::F),
            "S" => Ok(Tier::S),
            _ => Err(Error::Integrity(t!(
                "authz-unknown-tier",
                tier = format!("{s:?}")
            ))),
        }
    }
}

/// What the need-to-know decision needs to know about a folder and the acting user.
#[derive(Debug)]
pub struct FolderState {
    /// Narrowed by `folder restrict`.
    pub restricted: bool,
    /// The acting user is on the folder's restricted list.
    pub reader_listed: bool,
    /// Newest version of the F chain.
    pub f_version: i64,
    /// Newest version of the S chain, once one exists.
    pub s_version: Option<i64>,
}

impl FolderState {
    /// The newest version of a tier's chain.
    pub fn version(&self, tier: Tier) -> Option<i64> {
        match tier {
            Tier::F => Some(self.f_version),
            Tier::S => self.s_version,
        }
    }
}

/// Who may be given a folder's keys: the active, certified officers, gathered once before a
/// write transaction (certificates are checked here, never inside it).
#[derive(Debug)]
pub(crate) struct Officers(pub(crate) Vec<Certified>);

impl Session {
    /// The active, certified officers of the unit. An account the log says was taken off the
    /// list is never one of them, whatever its row says.
    pub(crate) fn officers(&self) -> Result<Officers> {
        let removed = self.checked_removals()?;
        Ok(Officers(
            self.certified_users("role = 'officer'")? // untranslated: SQL
                .into_iter()
                .filter(|c| c.role == Role::Officer && !removed.contains_key(&c.name))
                .collect(),
        ))
    }

    /// The folder of a person.
    pub fn folder_of(&self, person_id: i64) -> Result<i64> {
        self.conn()
            .prepare_cached("SELECT id FROM folders WHERE person_id = ?1")?
            .query_row([person_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(t!("authz-no-folder", person = person_id)))
    }

    /// The folder's list and newest key versions as stored, and whether the acting user is
    /// on the list. Not yet checked: the keys are what enforce it.
    pub fn folder_state(&self, folder: i64) -> Result<FolderState> {
        let f = self.folder_ids(folder)?;
        let f_version = records::newest(self.conn(), folder, Tier::F)?
            .ok_or_else(|| records::planted(&f, Tier::F, 1, &t!("authz-why-no-key-record")))?;
        let rec = records::load(self.conn(), folder, Tier::F, f_version)?.ok_or_else(|| {
            records::planted(&f, Tier::F, f_version, &t!("authz-why-record-missing"))
        })?;
        Ok(FolderState {
            restricted: rec.list.restricted,
            reader_listed: rec.list.ids.contains(&self.user().id),
            f_version,
            s_version: records::newest(self.conn(), folder, Tier::S)?,
        })
    }

    /// The folder's current list, checked: the newest F record, after its chain passed every
    /// rule. Needs this user to hold the F chain.
    pub(crate) fn checked_list(&self, folder: i64) -> Result<List> {
        let f = self.folder_ids(folder)?;
        let newest = records::newest(self.conn(), folder, Tier::F)?
            .ok_or_else(|| records::planted(&f, Tier::F, 1, &t!("authz-why-no-key-record")))?;
        // Holding the newest key proves nothing by itself; checking it runs every rule.
        self.folder_key(folder, Tier::F, newest)?;
        Ok(self.checked_record(&f, Tier::F, newest)?.list)
    }

    /// Makes the S chain of a folder, which a folder gets when its first STRENGT FORTROLIG
    /// document is written: by an officer cleared for it who reads the folder, for the
    /// folder's current list.
    pub(crate) fn ensure_s_chain(&mut self, folder: i64) -> Result<()> {
        if records::newest(self.conn(), folder, Tier::S)?.is_some() {
            return Ok(());
        }
        let me = self
            .certified_by_id(self.user().id)?
            .ok_or_else(|| Error::Integrity(t!("authz-own-account-bad")))?;
        let list = self.checked_list(folder)?;
        if !list.admits(&me, Tier::S) {
            return Err(Error::Refused {
                rule: "clearance",
                message: t!("authz-may-not-make-s-key", name = self.user().name.as_str()),
            });
        }
        let f = self.folder_ids(folder)?;
        let officers = self.officers()?;
        self.write(|tx, acting| {
            let mut w = mint::Wrapper::new(&acting.meta.store_id);
            mint::create_chain(
                tx,
                acting,
                &mut w,
                &f,
                Tier::S,
                list,
                &officers.0,
                "key-create",
            )
            .map(|_| ())
        })
    }
}

impl Session {
    /// [`Session::ensure_s_chain`] inside the caller's transaction (an import that files a
    /// folder's first STRENGT FORTROLIG document), for a session whose reads see that
    /// transaction ([`Session::write_in_place`]).
    pub(crate) fn ensure_s_chain_in(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        folder: i64,
        officers: &Officers,
    ) -> Result<()> {
        if records::newest(tx, folder, Tier::S)?.is_some() {
            return Ok(());
        }
        let me = self
            .certified_by_id(self.user().id)?
            .ok_or_else(|| Error::Integrity(t!("authz-own-account-bad")))?;
        let list = self.checked_list(folder)?;
        if !list.admits(&me, Tier::S) {
            return Err(Error::Refused {
                rule: "clearance",
                message: t!("authz-may-not-make-s-key", name = self.user().name.as_str()),
            });
        }
        let f = self.folder_ids(folder)?;
        let mut w = mint::Wrapper::new(&acting.meta.store_id);
        mint::create_chain(
            tx,
            acting,
            &mut w,
            &f,
            Tier::S,
            list,
            &officers.0,
            "key-create",
        )
        .map(|_| ())
    }
}

/// Creates the folder of `person_id` inside the caller's transaction: its F chain (and its S
/// chain when the maker is cleared for STRENGT FORTROLIG), made by the acting officer,
/// announced in the log, and wrapped to every certified officer of the unit.
pub(crate) fn create(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    officers: &Officers,
    person_id: i64,
) -> Result<i64> {
    if acting.user.role != Role::Officer {
        return Err(Error::Refused {
            rule: "role",
            message: t!("authz-keys-by-reader"),
        });
    }
    let uid: [u8; 16] = crate::crypto::rand::array()?;
    let created_at = crate::time::now_rfc3339();
    tx.execute(
        "INSERT INTO folders (person_id, uid, created_at) VALUES (?1, ?2, ?3)",
        params![person_id, uid.to_vec(), created_at],
    )?;
    let f = FolderIds {
        id: tx.last_insert_rowid(),
        person_id,
        uid: uid.to_vec(),
        created_at,
    };
    let mut w = mint::Wrapper::new(&acting.meta.store_id);
    // The maker pins both chains once this transaction commits: a folder made in it has
    // nothing before it and nobody else can touch it until then, so its first records are
    // what every rule would find (the whole unit's list, announced by their maker, first).
    // Versions made later (a first S key, a rotation, a list change) rest on a list read
    // before their transaction, which may have changed meanwhile: those are checked like
    // anyone else's at their maker's next use.
    let h = mint::create_chain(
        tx,
        acting,
        &mut w,
        &f,
        Tier::F,
        List::everyone(),
        &officers.0,
        "folder-create",
    )?;
    acting.made((f.id, Tier::F.as_char()), (1, h));
    if acting.user.clearance == Clearance::StrengtFortrolig {
        let h = mint::create_chain(
            tx,
            acting,
            &mut w,
            &f,
            Tier::S,
            List::everyone(),
            &officers.0,
            "key-create",
        )?;
        acting.made((f.id, Tier::S.as_char()), (1, h));
    }
    Ok(f.id)
}

#[cfg(all(test, feature = "bench"))]
mod tests;
