//! Announcements: every key version is named in the signed, chained use log in the
//! transaction that makes it — tier, version, its record's hash and the list it carries.
//!
//! The log is the memory nobody can roll back without breaking its chain or a colleague's
//! witness. But anyone holding the store key can append an entry signed with their own key,
//! so only an announcement by an entitled officer counts (a checked entry, see
//! `audit::checked`): a certified officer cleared for the tier, still on the list, and from
//! version 2 on admitted by the previous version's list. Announcements are one way: the
//! newest record must be the highest version ever so announced, and the first hash
//! announced for a version binds it. A chain whose newer records were deleted (an older,
//! genuine list replayed, however often it is re-announced), or that holds a record nobody
//! entitled announced (a planted key), is refused before any key is used, passed on or
//! written under. The announced list also lets `folder repair` put a record whose list was
//! changed with the store key back to the state its maker signed.

use super::records::{FolderIds, List, Record};
use super::Tier;
use crate::audit::Entry;
use crate::crypto::hex;
use crate::identity::unit::Certified;
use crate::identity::{Role, Session};
use crate::{t, Error, Result};

/// The acts that announce key versions.
pub(crate) const KEY_ACTS: &[&str] = &[
    "folder-create",
    "key-create",
    "key-rotate",
    "folder-restrict",
    "folder-widen",
];

/// One announcement: `T key vN record HASH list R:ID,ID`.
pub(crate) fn text(r: &Record, hash: &[u8; 32]) -> String {
    let ids: Vec<String> = r.list.ids.iter().map(i64::to_string).collect();
    format!(
        "{} key v{} record {} list {}:{}", // untranslated: use-log announcement, a record
        r.tier.as_str(),
        r.version,
        hex(hash),
        u8::from(r.list.restricted),
        ids.join(",")
    )
}

/// What one announcement says.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Announced {
    pub(crate) version: i64,
    pub(crate) hash: String,
    pub(crate) list: Option<List>,
}

/// Finds the announcement of `tier` in a log entry's detail.
pub(crate) fn parse(detail: &str, tier: Tier) -> Option<Announced> {
    let prefix = format!("{} key v", tier.as_str());
    let at = detail.find(&prefix)?;
    let rest = &detail[at + prefix.len()..];
    let mut words = rest.split_whitespace();
    let version = words.next()?.parse().ok()?;
    (words.next()? == "record").then_some(())?;
    let hash = words.next()?.trim_end_matches(';').to_owned();
    let list = match (words.next(), words.next()) {
        (Some("list"), Some(l)) => {
            let l = l.trim_end_matches(';');
            let (flag, ids) = l.split_once(':')?;
            let ids: Option<Vec<i64>> = ids
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().ok())
                .collect();
            Some(match flag {
                "1" => List::only(ids?),
                _ => List::everyone(),
            })
        }
        _ => None,
    };
    Some(Announced {
        version,
        hash,
        list,
    })
}

/// An announcement that checks: the first of its version made by an entitled officer.
#[derive(Clone, Debug)]
pub(crate) struct Vouched {
    /// The entry's sequence number.
    pub(crate) seq: i64,
    /// Its act (`folder-create`, `key-create`, …).
    pub(crate) act: String,
    /// The record hash it names, hex.
    pub(crate) hash: String,
    /// The list it names.
    pub(crate) list: Option<List>,
    /// The account that signed it.
    pub(crate) by: i64,
}

/// One announcement as found in the log, not yet checked.
struct Said {
    entry: Entry,
    said: Announced,
}

impl Session {
    /// Every announcement of `tier` about the folder's person, oldest first (unchecked).
    ///
    /// One indexed lookup per act, merged here: `act IN (…)` of five values and `ORDER BY
    /// seq` made SQLite build a temporary b-tree and a sorter at every call, which, with
    /// SQLCipher's memory security locking and scrubbing each of their allocations, was a
    /// third of the time of carrying out grants (issue 11). This runs for every folder key
    /// a session uses for the first time.
    fn said(&self, f: &FolderIds, tier: Tier) -> Result<Vec<Said>> {
        let prefix = format!("{} key v", tier.as_str());
        let since = self.folder_epoch(f.person_id)?;
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM use_log WHERE person_id = ?1 AND act = ?2 AND outcome = 'ok'
               AND instr(detail, ?3) > 0",
            Entry::COLUMNS
        ))?;
        let mut out = Vec::new();
        for act in KEY_ACTS {
            let rows =
                st.query_map(rusqlite::params![f.person_id, act, prefix], Entry::from_row)?;
            for e in rows {
                let entry = e?;
                if entry.seq <= since {
                    continue;
                }
                if let Some(said) = entry.detail.as_deref().and_then(|d| parse(d, tier)) {
                    out.push(Said { entry, said });
                }
            }
        }
        out.sort_by_key(|s| s.entry.seq);
        Ok(out)
    }

    /// The log entry after which the announcements of the person's folder count: the newest
    /// `folder-destroy` of the person that checks, signed by an officer or admin still on the
    /// list, provided no document of the person made before it is still stored; 0 if there
    /// is none. An inmate moved away (his folder destroyed when the receipt came back) and
    /// later back gets a new folder with new keys, and the destroyed folder's announcements
    /// must not stand against them. A `folder-destroy` entry appended by someone holding the
    /// store key while the folder is still there moves nothing: the documents made before it
    /// are still stored, so it does not count, and the first hash announced still binds.
    fn folder_epoch(&self, person: i64) -> Result<i64> {
        let ends = crate::audit::report::person_entries(self.conn(), person, "folder-destroy")?;
        for e in ends.iter().rev() {
            let entitled = self
                .checked_entry(e)?
                .is_some_and(|s| s.acting_as(Role::Officer) || s.acting_as(Role::Admin));
            if entitled && !self.person_documents_made_before(person, e.seq)? {
                return Ok(e.seq);
            }
        }
        Ok(0)
    }

    /// The signer of an announcement if it was entitled to make it: the entry checks, its
    /// signer is a certified officer cleared for the tier and still on the list, and from
    /// version 2 on, admitted by `prev_list`, the list the previous version's announcement
    /// named (for the first S version, the folder's list at that moment, which it must
    /// carry). Anyone else's announcement is no evidence of anything.
    fn entitled_announcer(
        &self,
        tier: Tier,
        s: &Said,
        prev_list: Option<&List>,
    ) -> Result<Option<i64>> {
        // The account the entry names first: an announcement by anyone not entitled costs
        // no signature check and no walk of the log (a helper's attack planted tens of
        // thousands of a clerk's own signed rows to make every officer's use of a folder slow).
        let named = self.certified_by_name(&s.entry.user)?;
        if !named.is_some_and(|c| Self::may_announce(tier, s, prev_list, &c)) {
            return Ok(None);
        }
        let Some(signer) = self.checked_entry(&s.entry)? else {
            return Ok(None);
        };
        let c = &signer.account;
        let entitled = signer.acting_as(Role::Officer) && Self::may_announce(tier, s, prev_list, c);
        Ok(entitled.then_some(c.id))
    }

    /// Whether certified account `c` may make announcement `s` (its signature and its place
    /// in the log aside).
    fn may_announce(tier: Tier, s: &Said, prev_list: Option<&List>, c: &Certified) -> bool {
        if c.role != Role::Officer || c.clearance < tier.needs() {
            return false;
        }
        match s.said.version {
            1 if tier == Tier::F => true,
            // The S chain may be made after the folder (at its first STRENGT FORTROLIG
            // document): for the folder's list of that moment, by an officer it admits.
            1 => prev_list.is_some_and(|l| l.admits(c, tier) && s.said.list.as_ref() == Some(l)),
            v if v > 1 => prev_list.is_some_and(|l| l.admits(c, tier)),
            _ => false,
        }
    }

    /// The folder's list as it stood at log entry `seq`: the list of the newest F version
    /// vouched for before it.
    fn list_at(f_chain: &[Vouched], seq: i64) -> Option<&List> {
        f_chain
            .iter()
            .rev()
            .find(|v| v.seq < seq)
            .and_then(|v| v.list.as_ref())
    }

    /// The chain as the log vouches for it: for version 1, 2, … in turn, the first
    /// announcement made by an entitled officer, up to the first version that has none.
    /// Announcements are one way: a later one of the same version (a re-announcement of
    /// another hash or of an older version) changes nothing.
    pub(crate) fn vouched_chain(&self, f: &FolderIds, tier: Tier) -> Result<Vec<Vouched>> {
        self.vouched_from(f, tier, &self.said(f, tier)?)
    }

    /// [`Session::vouched_chain`] from the announcements already read.
    fn vouched_from(&self, f: &FolderIds, tier: Tier, said: &[Said]) -> Result<Vec<Vouched>> {
        let f_chain = match tier {
            Tier::S => self.vouched_chain(f, Tier::F)?,
            Tier::F => Vec::new(),
        };
        // By version, each in log order: a chain of many versions is read in one pass.
        let mut by_version: std::collections::HashMap<i64, Vec<&Said>> = Default::default();
        for s in said {
            by_version.entry(s.said.version).or_default().push(s);
        }
        let mut chain: Vec<Vouched> = Vec::new();
        loop {
            let version = chain.len() as i64 + 1;
            let mut found = None;
            for s in by_version.get(&version).into_iter().flatten() {
                let prev_list = match chain.last() {
                    Some(v) => v.list.as_ref(),
                    None => Self::list_at(&f_chain, s.entry.seq),
                };
                if let Some(by) = self.entitled_announcer(tier, s, prev_list)? {
                    found = Some(Vouched {
                        seq: s.entry.seq,
                        act: s.entry.act.clone(),
                        hash: s.said.hash.clone(),
                        list: s.said.list.clone(),
                        by,
                    });
                    break;
                }
            }
            match found {
                Some(v) => chain.push(v),
                None => return Ok(chain),
            }
        }
    }

    /// The sequence number of the oldest announcement of `tier` about the folder's person,
    /// unchecked: a lower bound of every vouched version's, since each is one of them. None
    /// if there is none (then nothing is vouched either).
    pub(crate) fn first_said_seq(&self, f: &FolderIds, tier: Tier) -> Result<Option<i64>> {
        Ok(self.said(f, tier)?.first().map(|s| s.entry.seq))
    }

    /// The chain's newest record must be the highest version ever announced by an entitled
    /// officer, and the one its maker announced first for that version. A chain whose newer
    /// records were deleted (an older, genuine list replayed) or that holds a record nobody
    /// entitled announced (a planted key) is refused. `pinned`: this user checked this very
    /// record before, so only announcements that disagree with it need their signatures
    /// checked. Returns the vouched chain if it was read.
    pub(super) fn check_announced(
        &self,
        f: &FolderIds,
        tier: Tier,
        newest: &Record,
        hash: &[u8; 32],
        pinned: bool,
    ) -> Result<Option<Vec<Vouched>>> {
        let h = hex(hash);
        let said = self.said(f, tier)?;
        if pinned {
            // Nothing in the log disagrees with what this user checked before.
            let quiet = said.iter().all(|s| {
                s.said.version < newest.version
                    || (s.said.version == newest.version && s.said.hash == h)
            });
            if quiet && said.iter().any(|s| s.said.version == newest.version) {
                return Ok(None);
            }
        }
        let chain = self.vouched_from(f, tier, &said)?;
        if chain.len() as i64 > newest.version {
            return Err(rolled_back(f, tier, chain.len() as i64, newest.version));
        }
        if let Some(top) = chain.last() {
            if chain.len() as i64 == newest.version && top.hash == h && top.by == newest.maker {
                return Ok(Some(chain));
            }
        }
        Err(Error::Integrity(t!(
            "error-key-not-announced",
            version = newest.version,
            tier = tier.label(),
            person = f.person_id
        )))
    }
}

fn rolled_back(f: &FolderIds, tier: Tier, said: i64, stored: i64) -> Error {
    Error::Integrity(t!(
        "error-key-rolled-back",
        person = f.person_id,
        tier = tier.label(),
        said = said,
        stored = stored
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_parse_back_per_tier() {
        let d =
            "restricted to kari; F key v2 record ab12 list 1:3,5; S key v4 record cd34 list 1:3";
        let f = parse(d, Tier::F).unwrap();
        assert_eq!((f.version, f.hash.as_str()), (2, "ab12"));
        assert_eq!(f.list, Some(List::only(vec![3, 5])));
        let s = parse(d, Tier::S).unwrap();
        assert_eq!((s.version, s.hash.as_str()), (4, "cd34"));
        assert_eq!(
            parse("F key v1 record ee list 0:", Tier::F).unwrap().list,
            Some(List::everyone())
        );
        assert!(parse("nothing here", Tier::F).is_none());
        assert!(parse("F key vx record ee", Tier::F).is_none());
    }
}
