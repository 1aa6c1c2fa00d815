//! Grants: the keys a newcomer is owed, passed on by the next session of a reader.
//!
//! A grant row is a request, not an authority. A reader carries it out only for an active,
//! certified officer (cleared for the tier) whom the folder's checked list admits — the
//! newest F record, and for the S tier also the newest S record — and only with keys whose
//! record chain has passed every check. So a grant inserted for oneself, or a list rolled
//! back to an older genuine state, gets nobody a key they are not entitled to now.

use super::keys::Pending;
use super::mint::Wrapper;
use super::records;
use super::{FolderKey, Tier};
use crate::audit::{self, Act};
use crate::identity::unit::Certified;
use crate::identity::Session;
use crate::{Error, Result};
use rusqlite::{params, Transaction};

/// Queues the grants a new officer is owed, inside the enrolment's transaction: every chain
/// whose newest list is the whole unit's (the S tier only for a STRENGT FORTROLIG officer).
pub(crate) fn queue_grants_tx(tx: &Transaction<'_>, user_id: i64, strengt: bool) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO folder_grants_pending (folder_id, tier, user_id)
         SELECT v.folder_id, v.tier, ?1 FROM folder_key_versions v
         WHERE v.restricted = 0 AND (v.tier = 'F' OR ?2)
           AND v.version = (SELECT max(x.version) FROM folder_key_versions x
                            WHERE x.folder_id = v.folder_id AND x.tier = v.tier)",
        params![user_id, strengt],
    )?;
    Ok(())
}

/// What a round of grants or rotations did: how many it carried out, and the folders it
/// had to leave because their keys failed a check (each an integrity problem to report; the
/// request stays pending, and the rest of the work, and the session, go on).
#[derive(Debug, Default)]
pub struct Carried {
    /// Carried out.
    pub done: usize,
    /// Left undone, with why.
    pub skipped: Vec<String>,
}

/// One grant ready to carry out.
struct Ready {
    grantee: Certified,
    folder: i64,
    tier: Tier,
    keys: Vec<FolderKey>,
    /// The newest versions its checks rested on: this chain's, and the F chain's (whose
    /// list is the folder's).
    rested_on: (i64, Option<i64>),
}

impl Ready {
    /// Whether the chains are still as the checks found them, as the write transaction sees
    /// them: a list changed by another process meanwhile (a new version) leaves the grant
    /// pending for the next session, to be checked against the new list.
    fn still_current(&self, tx: &Transaction<'_>) -> Result<bool> {
        let now = (
            records::newest(tx, self.folder, self.tier)?,
            records::newest(tx, self.folder, Tier::F)?,
        );
        Ok(now == (Some(self.rested_on.0), self.rested_on.1))
    }
}

impl Session {
    /// Carries out the grants this user can: for each pending grant of a chain whose newest
    /// key this user holds, checks the grantee against the folder's checked list and wraps
    /// every version this user holds to them; logs it. Returns how many were passed on. Costs
    /// one indexed lookup when none is pending. `progress(done, total)` is called as it goes.
    pub fn carry_out_grants(&mut self, mut progress: impl FnMut(u64, u64)) -> Result<Carried> {
        let todo: Vec<(i64, String, i64)> = {
            let mut st = self.conn().prepare_cached(
                "SELECT g.folder_id, g.tier, g.user_id FROM folder_grants_pending g
                 WHERE EXISTS (SELECT 1 FROM folder_key_wraps w WHERE w.user_id = ?1
                               AND w.folder_id = g.folder_id AND w.tier = g.tier)",
            )?;
            let rows = st.query_map([self.user().id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if todo.is_empty() {
            return Ok(Carried::default());
        }
        let officers = self.officers()?;
        let total = todo.len() as u64;
        let (mut ready, mut done_rows, mut void) = (Vec::new(), Vec::new(), 0usize);
        let mut skipped = Vec::new();
        // The signatures of first use are checked on every core at the end (identity::deferred).
        self.read_checking_after(|| {
            (ready, done_rows, void, skipped) = Default::default();
            self.open_batches_for(Pending::Grants)?;
            for (i, (folder, tier, uid)) in todo.iter().cloned().enumerate() {
                if self.deferred_check_failed() {
                    break;
                }
                progress(i as u64, total);
                let tier: Tier = tier.parse()?;
                match self.prepare_grant(&officers.0, folder, tier, uid) {
                    Ok(Some(Some(r))) => ready.push(r),
                    Ok(Some(None)) => void += 1,
                    Ok(None) => continue,
                    Err(Error::Integrity(why)) => {
                        if !skipped.contains(&why) {
                            skipped.push(why);
                        }
                        continue;
                    }
                    Err(e) => return Err(e),
                }
                done_rows.push((folder, tier, uid));
            }
            Ok(())
        })?;
        if done_rows.is_empty() {
            return Ok(Carried { done: 0, skipped });
        }
        let n = self.write(|tx, acting| {
            let mut w = Wrapper::new(&acting.meta.store_id);
            let mut names = std::collections::BTreeSet::new();
            let mut left = std::collections::HashSet::new();
            for r in &ready {
                if !r.still_current(tx)? {
                    left.insert((r.folder, r.tier, r.grantee.id));
                    continue;
                }
                for k in &r.keys {
                    w.wrap(tx, &r.grantee, r.folder, r.tier, k.version(), k.secret())?;
                }
                names.insert(r.grantee.name.clone());
            }
            let mut del = tx.prepare_cached(
                "DELETE FROM folder_grants_pending WHERE folder_id = ?1 AND tier = ?2 AND user_id = ?3", // untranslated: SQL
            )?;
            for (folder, tier, uid) in done_rows.iter().filter(|d| !left.contains(d)) {
                del.execute(params![folder, tier.as_str(), uid])?;
            }
            let n = ready.len() - left.len();
            let mut detail = format!("{n} folder key grant(s) passed on"); // untranslated: use-log detail
            if !names.is_empty() {
                detail.push_str(&format!(
                    " to {}",
                    names.into_iter().collect::<Vec<_>>().join(", ")
                ));
            }
            if void > 0 {
                detail.push_str(&format!(
                    "; {void} grant(s) dropped: the account is not entitled to the folder" // untranslated: use-log detail
                ));
            }
            audit::append(tx, acting, &Act::new("grant").detail(detail))?;
            Ok(n)
        })?;
        progress(total, total);
        Ok(Carried { done: n, skipped })
    }

    /// `None`: this user cannot serve the grant (does not hold the newest key); leave it.
    /// `Some(None)`: the grantee is not entitled; drop it. `Some(Some)`: ready.
    fn prepare_grant(
        &self,
        officers: &[Certified],
        folder: i64,
        tier: Tier,
        uid: i64,
    ) -> Result<Option<Option<Ready>>> {
        let Some(grantee) = officers.iter().find(|c| c.id == uid).cloned() else {
            return Ok(Some(None));
        };
        let Some(newest) = records::newest(self.conn(), folder, tier)? else {
            return Ok(Some(None));
        };
        if !self.holds(folder, tier, newest)? {
            return Ok(None);
        }
        let f = self.folder_ids(folder)?;
        self.folder_key(folder, tier, newest)?;
        let list = self.checked_record(&f, tier, newest)?.list;
        let folder_list = match tier {
            Tier::F => list.clone(),
            Tier::S => self.checked_list(folder)?,
        };
        if !list.admits(&grantee, tier) || !folder_list.admits(&grantee, Tier::F) {
            return Ok(Some(None));
        }
        let mut keys = Vec::new();
        for v in 1..=newest {
            match self.folder_key(folder, tier, v) {
                Ok(k) => keys.push(k),
                // A version this reader never held cannot be passed on by them.
                Err(Error::Refused { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let f_newest = match tier {
            Tier::F => Some(newest),
            Tier::S => records::newest(self.conn(), folder, Tier::F)?,
        };
        Ok(Some(Some(Ready {
            grantee,
            folder,
            tier,
            keys,
            rested_on: (newest, f_newest),
        })))
    }
}
