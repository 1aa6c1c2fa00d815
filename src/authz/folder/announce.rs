//! Announcements: every key version is named in the signed, chained use log in the
//! transaction that makes it — tier, version, its record's hash and the list it carries.
//!
//! The log is the memory nobody can roll back without breaking its chain or a colleague's
//! witness, so the newest version of a chain must be the one the log announced last: a chain
//! whose newer records were deleted (an older, genuine list replayed), or that holds a record
//! the log never announced (a planted key), is refused before any key is used, passed on or
//! written under. The announced list also lets `folder repair` put a record whose list was
//! changed with the store key back to the state its maker signed.

use super::records::{FolderIds, List, Record};
use super::Tier;
use crate::audit::report::latest_with;
use crate::crypto::hex;
use crate::identity::Session;
use crate::{Error, Result};

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
        "{} key v{} record {} list {}:{}",
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

impl Session {
    /// The newest version of a chain the log announced, if any.
    pub(crate) fn announced(
        &self,
        f: &FolderIds,
        tier: Tier,
        below: Option<i64>,
    ) -> Result<Option<Announced>> {
        let prefix = format!("{} key v", tier.as_str());
        latest_with(self.conn(), f.person_id, KEY_ACTS, &prefix, below, |d| {
            parse(d, tier)
        })
    }

    /// The chain's newest record must be the one the log announced last, by version and hash.
    pub(super) fn check_announced(
        &self,
        f: &FolderIds,
        tier: Tier,
        newest: &Record,
        hash: &[u8; 32],
    ) -> Result<()> {
        let a = self.announced(f, tier, None)?;
        let ok = a
            .as_ref()
            .is_some_and(|a| a.version == newest.version && a.hash == hex(hash));
        if ok {
            return Ok(());
        }
        Err(Error::Integrity(match a {
            Some(a) if a.version > newest.version => format!(
                "the keys of the folder of person {} ({}) were rolled back: the use log announces \
                 version {}, the store's records end at version {}. Someone holding the store key \
                 restored an older state; nothing was read, written or passed on. Report the \
                 incident",
                f.person_id,
                tier.label(),
                a.version,
                newest.version
            ),
            _ => format!(
                "key version {} ({}) of the folder of person {} is not vouched for: the use log \
                 never announced it, so someone holding the store key planted or changed it; it \
                 was not used. Report the incident",
                newest.version,
                tier.label(),
                f.person_id
            ),
        }))
    }
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
