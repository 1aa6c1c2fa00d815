//! Narrowing and widening a folder's list (`folder restrict`, `folder widen`), and showing
//! it (`folder show`).
//!
//! A list change is a new key version of each chain, made by a reader who holds it, whose
//! signed record names the new list; the officers it admits get the new key and the older
//! versions they lack (so they read the whole folder), and everyone else's wraps go. A chain
//! the acting officer does not hold (the S chain, for a FORTROLIG officer) is queued for the
//! next session of a reader who holds it, and gets the new list then.

use super::mint::{mint, Minted, Wrapper};
use super::records::{self, List};
use super::FolderKey;
use super::Tier;
use crate::audit::{self, Act};
use crate::identity::unit::Certified;
use crate::identity::{Acting, Role, Session, Status};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};
use serde::Serialize;

/// `folder show`: a folder's need-to-know list.
#[derive(Debug, Serialize)]
pub struct FolderReaders {
    /// Narrowed by `folder restrict`.
    pub restricted: bool,
    /// Newest version of the F chain.
    pub key_version: i64,
    /// Newest version of the S chain, if the folder has one.
    pub strengt_key_version: Option<i64>,
    /// Users who hold or are owed the current key.
    pub readers: Vec<ReaderState>,
    /// Whether the list was checked against its signed record (only a reader can).
    pub checked: bool,
}

/// One user on a folder's list.
#[derive(Debug, Serialize)]
pub struct ReaderState {
    /// User name.
    pub name: String,
    /// Holds the current F key.
    pub holds_key: bool,
    /// Holds the current S key.
    pub holds_strengt_key: bool,
    /// Owed a key; passed on at a reader's next session.
    pub pending: bool,
}

impl Session {
    /// Checks that the acting user reads the folder (holds its newest F key and is on its
    /// checked list); logs and refuses otherwise.
    fn require_reader(&mut self, folder: i64, act: &Act, what: &str) -> Result<List> {
        let state = self.folder_state(folder)?;
        if !self.holds(folder, Tier::F, state.f_version)? {
            let msg = t!(
                "folder-not-reader",
                name = self.user().name.as_str(),
                what = what
            );
            // The rule name stays English: rule_label shows it.
            let rule = "not on the list"; // untranslated: refusal rule name
            return Err(self.refuse(act.clone(), rule, msg));
        }
        self.checked_list(folder)
    }

    /// Narrows a folder to named officers (`folder restrict`).
    pub fn restrict_folder(&mut self, person_id: i64, names: &[String]) -> Result<Vec<String>> {
        let folder = self.folder_of(person_id)?;
        let act = Act::new("folder-restrict").person(person_id);
        self.require_reader(folder, &act, &t!("folder-what-narrow"))?;
        if names.is_empty() {
            return Err(Error::Usage(t!("folder-name-an-officer")));
        }
        let officers = self.officers()?;
        let mut listed: Vec<Certified> = Vec::new();
        for n in names {
            let u = self.find_user(n)?;
            let c = officers.0.iter().find(|c| c.id == u.id).cloned();
            match c {
                Some(c) if u.status == Status::Active && u.role == Role::Officer => listed.push(c),
                _ => {
                    return Err(Error::Usage(t!(
                        "folder-not-active-officer",
                        name = u.name.as_str()
                    )))
                }
            }
        }
        let list = List::only(listed.iter().map(|c| c.id).collect());
        let out: Vec<String> = listed.iter().map(|c| c.name.clone()).collect();
        self.change_list(
            folder,
            list,
            act.detail(format!("restricted to {}", out.join(", "))), // untranslated: use-log detail
        )?;
        Ok(out)
    }

    /// Undoes `folder restrict`: every officer on the unit's list reads the folder again;
    /// the acting user passes the keys on at once.
    pub fn widen_folder(&mut self, person_id: i64) -> Result<usize> {
        let folder = self.folder_of(person_id)?;
        let act = Act::new("folder-widen").person(person_id);
        let list = self.require_reader(folder, &act, &t!("folder-what-widen"))?;
        if !list.restricted {
            return Err(Error::Usage(t!(
                "folder-not-restricted",
                person = person_id
            )));
        }
        self.change_list(folder, List::everyone(), act)
    }

    /// Makes the next version of every chain the acting user holds for `list`, passes every
    /// version on to those it admits, drops everyone else's wraps, and queues the chains the
    /// user does not hold (with grants of their older versions for those it admits); logs
    /// `act`. One transaction. Returns how many officers got the folder's keys who did not
    /// hold them before.
    fn change_list(&mut self, folder: i64, list: List, act: Act) -> Result<usize> {
        let change = self.plan_list_change(folder, list)?;
        let newcomers = change.newcomers;
        self.write(|tx, acting| change.apply(tx, acting, act))?;
        Ok(newcomers)
    }

    fn plan_list_change(&self, folder: i64, list: List) -> Result<ListChange> {
        let f = self.folder_ids(folder)?;
        let officers = self.officers()?.0;
        // A list change is a deliberate act on whom keys go to: with an account that fails
        // its certificate it is refused, naming it, rather than made around it.
        if let Some(bad) = self.uncertified_seen().first() {
            return Err(Error::Integrity(t!(
                "error-account-uncertified",
                name = crate::text::escape(bad)
            )));
        }
        let f_newest = self.folder_state(folder)?.f_version;
        let mut newcomers = 0usize;
        for c in officers.iter().filter(|c| list.admits(c, Tier::F)) {
            let held: bool = self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM folder_key_wraps WHERE user_id = ?1
                   AND folder_id = ?2 AND tier = 'F' AND version = ?3)",
                params![c.id, folder, f_newest],
                |r| r.get(0),
            )?;
            newcomers += usize::from(!held);
        }
        let (mut made, mut queued, mut older) = (Vec::new(), Vec::new(), Vec::new());
        for tier in [Tier::F, Tier::S] {
            let Some(newest) = records::newest(self.conn(), folder, tier)? else {
                continue;
            };
            if !self.holds(folder, tier, newest)? {
                queued.push(tier);
                continue;
            }
            let key = self.folder_key(folder, tier, newest)?;
            let rec = self.checked_record(&f, tier, newest)?;
            // Every version up to the current one reaches those the new list admits, so they
            // read the whole folder.
            for v in 1..=newest {
                if let Ok(k) = self.folder_key(folder, tier, v) {
                    older.push(k);
                }
            }
            made.push(mint(
                self.acting(),
                &f,
                tier,
                list.clone(),
                Some((&key, &rec)),
            )?);
        }
        Ok(ListChange {
            folder,
            list,
            officers,
            newcomers,
            made,
            queued,
            older,
        })
    }
}

/// A list change made ready outside the transaction: the new versions, the keys to pass on,
/// the chains to queue.
struct ListChange {
    folder: i64,
    list: List,
    officers: Vec<Certified>,
    newcomers: usize,
    made: Vec<Minted>,
    queued: Vec<Tier>,
    older: Vec<FolderKey>,
}

impl ListChange {
    fn apply(self, tx: &Transaction<'_>, acting: Acting<'_>, mut act: Act) -> Result<()> {
        let folder = self.folder;
        let ids = self
            .officers
            .iter()
            .filter(|c| self.list.admits(c, Tier::F))
            .map(|c| c.id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        for table in ["folder_key_wraps", "folder_grants_pending"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE folder_id = ?1 AND user_id NOT IN ({ids})"), // untranslated: SQL
                [folder],
            )?;
        }
        let mut w = Wrapper::new(&acting.meta.store_id);
        for m in &self.made {
            m.store(tx, &mut w, &self.officers)?;
        }
        for k in &self.older {
            for c in self
                .officers
                .iter()
                .filter(|c| self.list.admits(c, k.tier()))
            {
                w.wrap(tx, c, folder, k.tier(), k.version(), k.secret())?;
            }
        }
        for tier in &self.queued {
            tx.execute(
                "INSERT OR REPLACE INTO folder_rotations_pending (folder_id, tier, queued_at)
                 VALUES (?1, ?2, ?3)",
                params![folder, tier.as_str(), crate::time::now_rfc3339()],
            )?;
            // Its older versions reach the newly admitted through a grant, carried out by the
            // reader who makes the new version.
            for c in self.officers.iter().filter(|c| self.list.admits(c, *tier)) {
                tx.execute(
                    "INSERT OR IGNORE INTO folder_grants_pending (folder_id, tier, user_id)
                     VALUES (?1, ?2, ?3)",
                    params![folder, tier.as_str(), c.id],
                )?;
            }
        }
        let said: Vec<String> = self
            .made
            .iter()
            .map(|m| super::announce::text(&m.record, &m.hash))
            .collect();
        act.detail = Some(match act.detail.take() {
            Some(d) => format!("{d}; {}", said.join("; ")),
            None => said.join("; "),
        });
        audit::append(tx, acting, &act)?;
        Ok(())
    }
}

impl Session {
    /// Who holds and who is owed a folder's current keys. A reader of the folder sees it
    /// checked (its list as its maker signed it; exit 5 if it was changed); others see it as
    /// stored, marked unchecked.
    pub fn folder_readers(&self, person_id: i64) -> Result<FolderReaders> {
        let folder = self.folder_of(person_id)?;
        let state = self.folder_state(folder)?;
        let checked = self.holds(folder, Tier::F, state.f_version)?;
        if checked {
            self.checked_list(folder)?;
        }
        let mut st = self.conn().prepare(
            "SELECT u.name,
                    EXISTS (SELECT 1 FROM folder_key_wraps w WHERE w.user_id = u.id
                            AND w.folder_id = ?1 AND w.tier = 'F' AND w.version = ?2),
                    EXISTS (SELECT 1 FROM folder_key_wraps w WHERE w.user_id = u.id
                            AND w.folder_id = ?1 AND w.tier = 'S' AND w.version = ?3),
                    EXISTS (SELECT 1 FROM folder_grants_pending g WHERE g.folder_id = ?1
                            AND g.user_id = u.id)
             FROM users u WHERE u.status = 'active' ORDER BY u.contact_order, u.name",
        )?;
        let rows = st.query_map(
            params![folder, state.f_version, state.s_version.unwrap_or(0)],
            |r| {
                Ok(ReaderState {
                    name: r.get(0)?,
                    holds_key: r.get(1)?,
                    holds_strengt_key: r.get(2)?,
                    pending: r.get(3)?,
                })
            },
        )?;
        let all: Vec<ReaderState> = rows.collect::<std::result::Result<_, _>>()?;
        Ok(FolderReaders {
            restricted: state.restricted,
            key_version: state.f_version,
            strengt_key_version: state.s_version,
            readers: all
                .into_iter()
                .filter(|r| r.holds_key || r.holds_strengt_key || r.pending)
                .collect(),
            checked,
        })
    }
}
