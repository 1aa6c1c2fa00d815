//! What `verify` checks of the folder keys.
//!
//! Anyone holding the certificates can check every record's public part: signed by a
//! certified officer entitled to make it, chained to the previous version, and the first
//! version announced in the log when the folder was made. Only a holder can check that a key
//! matches its record: each user checks the keys wrapped to them.

use super::records::{self, check_public, FolderIds, Record};
use super::Tier;
use crate::identity::Session;
use crate::{t, Result};
use rusqlite::params;

impl Session {
    /// Checks the public part of every record of every chain, and that every document is
    /// held under a key version that has one. Returns (chains, problems).
    pub fn check_key_records(&self) -> Result<(usize, Vec<String>)> {
        let store_id = self.meta().store_id.clone();
        let chains: Vec<(i64, String, i64)> = self
            .conn()
            .prepare(
                "SELECT folder_id, tier, max(version) FROM folder_key_versions
                 GROUP BY folder_id, tier ORDER BY folder_id, tier",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut problems = Vec::new();
        for (folder, tier, newest) in &chains {
            let tier: Tier = tier.parse()?;
            let f = self.folder_ids(*folder)?;
            let mut prev = None;
            let chain = self.vouched_chain(&f, tier)?;
            for v in 1..=*newest {
                let Some(r) = records::load(self.conn(), *folder, tier, v)? else {
                    problems.push(t!(
                        "authz-key-version-no-record",
                        version = v,
                        tier = tier.label(),
                        person = f.person_id
                    ));
                    break;
                };
                if let Err(e) = check_public(self, &f, &r, prev.as_ref(), &chain) {
                    problems.push(e.to_string());
                    break;
                }
                prev = Some(r);
            }
            if let Some(top) = &prev {
                if top.version == *newest {
                    let h = top.hash(&store_id, &f);
                    if let Err(e) = self.check_announced(&f, tier, top, &h, false) {
                        problems.push(e.to_string());
                    }
                }
            }
            if self.rotation_owed(*folder, tier)? && !self.rotation_queued(*folder, tier)? {
                problems.push(t!(
                    "error-rotation-not-queued",
                    tier = tier.label(),
                    person = f.person_id
                ));
            }
        }
        let orphans: i64 = self.conn().query_row(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (
               SELECT 1 FROM folder_key_versions v WHERE v.folder_id = d.folder_id
                 AND v.tier = d.key_tier AND v.version = d.key_version)",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(t!("authz-orphan-versions", count = orphans));
        }
        Ok((chains.len(), problems))
    }

    /// Opens and checks every key wrapped to this user. Returns (keys, problems).
    pub fn check_own_folder_keys(&self) -> Result<(usize, Vec<String>)> {
        let held: Vec<(i64, String, i64)> = self
            .conn()
            .prepare(
                "SELECT folder_id, tier, version FROM folder_key_wraps WHERE user_id = ?1
                 ORDER BY folder_id, tier, version",
            )?
            .query_map(params![self.user().id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut problems = Vec::new();
        for (folder, tier, version) in &held {
            if let Err(e) = self.folder_key(*folder, tier.parse()?, *version) {
                problems.push(e.to_string());
            }
        }
        Ok((held.len(), problems))
    }
}

impl Session {
    /// Puts a person's folder back to the state its makers signed: the list of each record
    /// changed with the store key comes back from the announcement its maker signed into the
    /// use log (the repaired record must then hash to the announced hash and carry its
    /// maker's signature again), and records above the last version an entitled officer
    /// announced (planted keys) are removed with their wraps. A record its maker announced is
    /// never removed. Only an officer the folder's announced list admits may repair it.
    /// Logged. Returns how many records were repaired or removed.
    pub fn repair_folder(&mut self, person: i64) -> Result<usize> {
        let folder = self.folder_of(person)?;
        let f = self.folder_ids(folder)?;
        let vouched_f = self.vouched_chain(&f, Tier::F)?;
        let me = self.certified_by_id(self.user().id)?;
        let reads = match (vouched_f.last().and_then(|v| v.list.as_ref()), &me) {
            (Some(list), Some(me)) => list.admits(me, Tier::F),
            _ => false,
        };
        if !reads {
            let msg = t!("error-repair-not-reader", name = self.user().name.as_str());
            return Err(self.refuse(
                crate::audit::Act::new("folder-repair").person(person),
                "not on the list", // untranslated: refusal rule name (rule_label shows it)
                msg,
            ));
        }
        let mut fixes = Vec::new();
        let mut planted = Vec::new();
        for tier in [Tier::F, Tier::S] {
            let Some(newest) = records::newest(self.conn(), folder, tier)? else {
                continue;
            };
            let vouched = self.vouched_chain(&f, tier)?;
            for v in 1..=newest {
                match vouched.get(usize::try_from(v - 1).unwrap_or(usize::MAX)) {
                    Some(said) => {
                        if let Some(fix) = self.signed_form(&f, tier, v, said)? {
                            fixes.push(fix);
                        }
                    }
                    // Above the last version anyone entitled announced: not made by the
                    // program (a planted key).
                    None => planted.push((tier, v)),
                }
            }
        }
        let n = fixes.len() + planted.len();
        if n == 0 {
            return Ok(0);
        }
        self.write(|tx, acting| {
            for (tier, v) in &planted {
                for table in ["folder_key_wraps", "folder_key_versions"] {
                    tx.execute(
                        &format!(
                            "DELETE FROM {table} WHERE folder_id = ?1 AND tier = ?2 AND version = ?3" // untranslated: SQL
                        ),
                        params![folder, tier.as_str(), v],
                    )?;
                }
            }
            for (r, h) in &fixes {
                tx.execute(
                    "UPDATE folder_key_versions SET restricted = ?4, readers = ?5, hash = ?6
                     WHERE folder_id = ?1 AND tier = ?2 AND version = ?3",
                    params![
                        r.folder,
                        r.tier.as_str(),
                        r.version,
                        r.list.restricted,
                        r.list
                            .ids
                            .iter()
                            .flat_map(|i| i.to_be_bytes())
                            .collect::<Vec<u8>>(),
                        h.to_vec()
                    ],
                )?;
            }
            crate::audit::append(
                tx,
                acting,
                &crate::audit::Act::new("folder-repair")
                    .person(person)
                    .detail(format!(
                        "{} key record(s) put back to their signed list, {} never announced removed", // untranslated: use-log detail
                        fixes.len(),
                        planted.len()
                    )),
            )?;
            Ok(n)
        })
    }

    /// Record `v` as its maker signed it, if it was changed since and its announcement in the
    /// log gives back the list that makes its signature check again.
    fn signed_form(
        &self,
        f: &FolderIds,
        tier: Tier,
        v: i64,
        said: &super::announce::Vouched,
    ) -> Result<Option<(Record, [u8; 32])>> {
        let store_id = &self.meta().store_id;
        let Some(r) = records::load(self.conn(), f.id, tier, v)? else {
            return Ok(None);
        };
        let Some(maker) = self.certified_by_id(r.maker)? else {
            return Ok(None);
        };
        let signed = |rec: &Record| {
            let h = rec.hash(store_id, f);
            crate::crypto::sign::verify(
                &maker.sign_public,
                &records::signed_message(&h),
                &rec.signature,
            )
            .then_some(h)
        };
        if signed(&r).is_some() {
            return Ok(None);
        }
        let Some(list) = said.list.clone() else {
            return Ok(None);
        };
        let mut back = r;
        back.list = list;
        Ok(signed(&back)
            .filter(|h| said.hash == crate::crypto::hex(h) && said.by == maker.id)
            .map(|h| (back, h)))
    }
}
