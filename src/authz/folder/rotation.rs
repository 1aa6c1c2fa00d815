//! Rotation: a new key version when a reader leaves, made by a remaining reader.
//!
//! The admin who takes someone off the list holds no folder key, so cannot vouch for a new
//! one: `user disable` deletes the leaver's wraps and queues every chain they held; the next
//! session of a remaining reader who holds that chain's newest key makes the next version for
//! the folder's current list (without the leaver), with proof of the previous key, before
//! anything more is written there. Documents added afterwards are out of reach of anything
//! the leaver kept.

use super::grants::Carried;
use super::keys::Pending;
use super::mint::{mint, Minted, Wrapper};
use super::records::{self, List};
use super::Tier;
use crate::audit::{self, Act};
use crate::identity::{Acting, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};

/// The chains a leaver held, to be given new keys.
pub(crate) type RotationPlan = Vec<(i64, Tier)>;

/// A new version made ready outside the write transaction.
struct Rotated {
    minted: Minted,
    person: i64,
    /// The F chain's newest version when it was made (its list is the folder's).
    f_newest: Option<i64>,
}

impl Session {
    /// The chains `user_id` holds, checked against the last-reader rule: a chain that no
    /// other active reader holds the newest key of would be lost for good, which is refused
    /// unless `accept_loss`. Returns the plan, and the persons of the chains that would be lost.
    pub(crate) fn rotation_plan(&self, user_id: i64, accept_loss: bool) -> Result<RotationPlan> {
        // The readers who will make the new keys wrap them to the certified officers: an
        // account edited with the store key is reported now, not at their next session.
        self.officers()?;
        let held: Vec<(i64, String)> = self
            .conn()
            .prepare(
                "SELECT DISTINCT folder_id, tier FROM folder_key_wraps WHERE user_id = ?1
                 ORDER BY folder_id, tier",
            )?
            .query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut plan = Vec::with_capacity(held.len());
        let mut orphaned = Vec::new();
        for (folder, tier) in held {
            let tier: Tier = tier.parse()?;
            let newest = records::newest(self.conn(), folder, tier)?.unwrap_or(0);
            let others: bool = self.conn().prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM folder_key_wraps w JOIN users u ON u.id = w.user_id
                   WHERE w.folder_id = ?1 AND w.tier = ?2 AND w.version = ?3
                     AND w.user_id <> ?4 AND u.status = 'active' AND u.role = 'officer')",
            )?
            .query_row(params![folder, tier.as_str(), newest, user_id], |r| r.get(0))?;
            if !others {
                orphaned.push(self.folder_ids(folder)?.person_id);
            }
            plan.push((folder, tier));
        }
        orphaned.dedup();
        if !orphaned.is_empty() && !accept_loss {
            return Err(Error::Refused {
                rule: "last reader", // untranslated: refusal rule name (rule_label shows it)
                message: t!(
                    "folder-last-reader",
                    persons = orphaned
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        Ok(plan)
    }

    /// Carries out the rotations this user can: for each queued chain whose newest key this
    /// user holds and whose list admits them, the next version for the folder's current list,
    /// made and signed here. Costs one indexed lookup when none is pending.
    pub fn carry_out_rotations(&mut self, mut progress: impl FnMut(u64, u64)) -> Result<Carried> {
        let todo: Vec<(i64, String)> = {
            let mut st = self.conn().prepare_cached(
                "SELECT p.folder_id, p.tier FROM folder_rotations_pending p
                 WHERE EXISTS (SELECT 1 FROM folder_key_wraps w WHERE w.user_id = ?1
                               AND w.folder_id = p.folder_id AND w.tier = p.tier)",
            )?;
            let rows = st.query_map([self.user().id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if todo.is_empty() {
            return Ok(Carried::default());
        }
        let officers = self.officers()?;
        let active: Vec<i64> = officers.0.iter().map(|c| c.id).collect();
        let me = self
            .certified_by_id(self.user().id)?
            .ok_or_else(|| Error::Integrity(t!("authz-own-account-bad")))?;
        let total = todo.len() as u64;
        let mut made: Vec<Rotated> = Vec::new();
        let mut skipped = Vec::new();
        // The signatures of first use are checked on every core at the end (identity::deferred).
        self.read_checking_after(|| {
            (made, skipped) = Default::default();
            self.open_batches_for(Pending::Rotations)?;
            for (i, (folder, tier)) in todo.iter().cloned().enumerate() {
                if self.deferred_check_failed() {
                    break;
                }
                progress(i as u64, total);
                let tier: Tier = tier.parse()?;
                match self.prepare_rotation(folder, tier, &me, &active) {
                    Ok(Some(m)) => made.push(m),
                    Ok(None) => {}
                    Err(Error::Integrity(why)) => skipped.push(why),
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        })?;
        if made.is_empty() {
            return Ok(Carried { done: 0, skipped });
        }
        let n = self.write(|tx, acting| {
            let mut w = Wrapper::new(&acting.meta.store_id);
            let mut n = 0;
            // F versions this transaction made: an S rotation prepared beside its folder's F
            // rotation rests on the same list.
            let mut f_made: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
            for r in &made {
                let rec = &r.minted.record;
                // Another reader's process may have made the next version (or changed the
                // folder's list) since: that chain stays queued for the next session.
                let newest = records::newest(tx, rec.folder, rec.tier)?;
                let f_now = records::newest(tx, rec.folder, Tier::F)?;
                let f_same = f_now == r.f_newest || f_now == f_made.get(&rec.folder).copied();
                if newest != Some(rec.version - 1) || !f_same {
                    continue;
                }
                store_rotation(tx, acting, &mut w, &r.minted, r.person, &officers.0)?;
                if rec.tier == Tier::F {
                    f_made.insert(rec.folder, rec.version);
                }
                n += 1;
            }
            Ok(n)
        })?;
        progress(total, total);
        Ok(Carried { done: n, skipped })
    }

    /// The next version of one queued chain, if this user can make it.
    fn prepare_rotation(
        &self,
        folder: i64,
        tier: Tier,
        me: &crate::identity::unit::Certified,
        active: &[i64],
    ) -> Result<Option<Rotated>> {
        let Some(newest) = records::newest(self.conn(), folder, tier)? else {
            return Ok(None);
        };
        if !self.holds(folder, tier, newest)? {
            return Ok(None);
        }
        let f = self.folder_ids(folder)?;
        let key = self.folder_key(folder, tier, newest)?;
        let rec = self.checked_record(&f, tier, newest)?;
        let list = match tier {
            Tier::F => rec.list.clone(),
            Tier::S => self.checked_list(folder)?,
        };
        if !rec.list.admits(me, tier) {
            return Ok(None);
        }
        let next = if list.restricted {
            List::only(
                list.ids
                    .into_iter()
                    .filter(|id| active.contains(id))
                    .collect(),
            )
        } else {
            List::everyone()
        };
        let f_newest = match tier {
            Tier::F => Some(newest),
            Tier::S => records::newest(self.conn(), folder, Tier::F)?,
        };
        Ok(Some(Rotated {
            minted: mint(self.acting(), &f, tier, next, Some((&key, &rec)))?,
            person: f.person_id,
            f_newest,
        }))
    }
}

impl Session {
    /// Whether a chain owes a new version, from signed data alone (the queue is only a list
    /// of work, and anyone holding the store key can delete its rows): someone the newest
    /// version admitted was taken off the list (a checked removal) after it was announced,
    /// or, for the S chain, it admits someone the folder's list (the newest F version) does
    /// not. Nothing is written under such a key.
    pub(crate) fn rotation_owed(&self, folder: i64, tier: Tier) -> Result<bool> {
        let f = self.folder_ids(folder)?;
        let removals = self.checked_removals()?;
        if tier == Tier::F {
            // The newest vouched version was announced no earlier than the first
            // announcement found: a removal before that cannot be after it. Spares checking
            // the whole chain (each announcement's place in the log) at every document
            // written, in the usual case of no one removed since the folder was made.
            let Some(first) = self.first_said_seq(&f, tier)? else {
                return Ok(false);
            };
            if removals.values().all(|seq| *seq <= first) {
                return Ok(false);
            }
        }
        let chain = self.vouched_chain(&f, tier)?;
        let Some((top, list)) = chain.last().and_then(|v| v.list.as_ref().map(|l| (v, l))) else {
            return Ok(false);
        };
        for (name, seq) in removals {
            if seq > top.seq
                && self
                    .certified_by_name(&name)?
                    .is_some_and(|c| list.admits(&c, tier))
            {
                return Ok(true);
            }
        }
        if tier == Tier::S {
            let folder_list = self.vouched_chain(&f, Tier::F)?.pop().and_then(|v| v.list);
            if let Some(fl) = folder_list {
                let wider = fl.restricted
                    && (!list.restricted || list.ids.iter().any(|i| !fl.ids.contains(i)));
                return Ok(wider);
            }
        }
        Ok(false)
    }

    /// Whether a chain is queued for a new version.
    pub(crate) fn rotation_queued(&self, folder: i64, tier: Tier) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_rotations_pending
                            WHERE folder_id = ?1 AND tier = ?2)",
            params![folder, tier.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Makes sure a chain that owes a new version gets one before anything is written under
    /// it: queues it again if its queue row is gone, and carries out what this user can.
    /// Refuses if it is still owed afterwards.
    pub(crate) fn settle_rotation(&mut self, folder: i64, tier: Tier) -> Result<()> {
        let owed = |s: &Session| -> Result<bool> {
            Ok(s.rotation_queued(folder, tier)? || s.rotation_owed(folder, tier)?)
        };
        if !owed(self)? {
            return Ok(());
        }
        if !self.rotation_queued(folder, tier)? {
            self.write(|tx, _| {
                tx.execute(
                    "INSERT OR IGNORE INTO folder_rotations_pending (folder_id, tier, queued_at)
                     VALUES (?1, ?2, ?3)",
                    params![folder, tier.as_str(), crate::time::now_rfc3339()],
                )?;
                Ok(())
            })?;
        }
        let done = self.carry_out_rotations(|_, _| {})?;
        // Nothing is written under a key a leaver (or someone kept off the folder) may hold.
        if owed(self)? {
            return Err(match done.skipped.into_iter().next() {
                Some(why) => Error::Integrity(why),
                None => Error::Refused {
                    rule: "not on the list", // untranslated: refusal rule name
                    message: t!("error-rotation-owed", name = self.user().name.as_str()),
                },
            });
        }
        Ok(())
    }
}

fn store_rotation(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    w: &mut Wrapper,
    m: &Minted,
    person: i64,
    officers: &[crate::identity::unit::Certified],
) -> Result<()> {
    m.store(tx, w, officers)?;
    tx.prepare_cached("DELETE FROM folder_rotations_pending WHERE folder_id = ?1 AND tier = ?2")? // untranslated: SQL
        .execute(params![m.record.folder, m.record.tier.as_str()])?;
    audit::append(
        tx,
        acting,
        &Act::new("key-rotate").person(person).detail(format!(
            "after a reader left: {}", // untranslated: use-log detail
            super::announce::text(&m.record, &m.hash)
        )),
    )?;
    Ok(())
}

/// Carries out a [`Session::rotation_plan`] inside the caller's transaction: deletes the
/// leaver's wraps, batches, pending grants and pins, and queues each chain they held for a
/// new version, made by the next session of a remaining reader.
pub(crate) fn apply_rotation(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    user_id: i64,
    plan: &RotationPlan,
) -> Result<()> {
    // A chain the leaver was owed but not yet given is owed a new version too (the rule that
    // derives rotations from signed data cannot tell), so it is queued with the rest.
    tx.execute(
        "INSERT OR IGNORE INTO folder_rotations_pending (folder_id, tier, queued_at)
         SELECT folder_id, tier, ?2 FROM folder_grants_pending WHERE user_id = ?1",
        params![user_id, crate::time::now_rfc3339()],
    )?;
    for sql in [
        "DELETE FROM folder_key_wraps WHERE user_id = ?1", // untranslated: SQL
        "DELETE FROM key_batches WHERE user_id = ?1",      // untranslated: SQL
        "DELETE FROM folder_grants_pending WHERE user_id = ?1", // untranslated: SQL
        "DELETE FROM key_pins WHERE user_id = ?1",         // untranslated: SQL
    ] {
        tx.execute(sql, [user_id])?;
    }
    let now = crate::time::now_rfc3339();
    let mut st = tx.prepare(
        "INSERT OR REPLACE INTO folder_rotations_pending (folder_id, tier, queued_at)
         VALUES (?1, ?2, ?3)",
    )?;
    for (folder, tier) in plan {
        st.execute(params![folder, tier.as_str(), now])?;
    }
    audit::append(
        tx,
        acting,
        &Act::new("key-rotate-queued").detail(format!(
            "{} folder key chain(s) to get a new key at a remaining reader's next session", // untranslated: use-log detail
            plan.len()
        )),
    )?;
    Ok(())
}
