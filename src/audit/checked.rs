//! Checked log entries: the one way the program takes a use-log entry as evidence.
//!
//! Every account holder can append a correctly chained entry signed with their own key, so
//! an entry proves nothing by its act or its text alone. Before any rule relies on an entry
//! (a key announcement, a removal from the list, a destruction), it is checked here: its hash
//! recomputes, it sits in the chain where its sequence number puts it, it carries the
//! signature of the account it names under that account's certified key, and it says which certified account (with its certified role and
//! clearance) signed it and whether that account had already been taken off the list.
//! Callers then decide whether that signer was entitled to the act.
//!
//! Must never: trust an account row that fails its certificate, or a removal not signed by a
//! certified admin who was still on the list.

use super::entry::Entry;
use crate::identity::unit::Certified;
use crate::identity::{Role, Session};
use crate::Result;
use std::collections::HashMap;

/// How far [`Session::in_chain`] walks through one signer's own entries: enough for any
/// run of one user's work between others' entries in a unit with colleagues, and a bound on
/// the cost in a store one account writes alone (a batch import, a demo).
const WALK_LIMIT: usize = 256;

/// Who signed a checked entry.
#[derive(Debug, Clone)]
pub(crate) struct Signer {
    /// The signer's certified account (role and clearance as certified).
    pub(crate) account: Certified,
    /// The account had been taken off the list (a checked removal) before this entry.
    pub(crate) removed_before: bool,
}

impl Signer {
    /// A certified account still on the list when it signed, in `role`.
    pub(crate) fn acting_as(&self, role: Role) -> bool {
        !self.removed_before && self.account.role == role
    }
}

/// Every account taken off the list by a checked removal: name → sequence number of the
/// `list-remove` entry that did it.
pub(crate) type Removals = HashMap<String, i64>;

impl Session {
    /// The certified account named `name`, if its row checks against its certificate.
    pub(crate) fn certified_by_name(&self, name: &str) -> Result<Option<Certified>> {
        let id: Option<i64> = rusqlite::OptionalExtension::optional(
            self.conn()
                .prepare_cached("SELECT id FROM users WHERE name = ?1")?
                .query_row([name], |r| r.get(0)),
        )?;
        match id {
            Some(id) => Ok(self.certified_by_id(id)?.filter(|c| c.name == name)),
            None => Ok(None),
        }
    }

    /// Whether entry `e` sits in the chain where its sequence number puts it: it links to
    /// the entry before it (the first to the store's genesis hash), and the entries after
    /// it link on, whole, up to the first one someone else signed, which must be signed by
    /// the account it names (or up to the head).
    ///
    /// The rules read order from sequence numbers ("was she still on the list?", "which
    /// trust change is the newest?", "which key was announced first?"), and anyone holding
    /// the store key can write a row with any number, signed with their own key: a removed
    /// admin's removal of the admin who removed her, filed at number 0 or written over an
    /// entry in the middle, would otherwise come first. An entry that is not where its
    /// number says is no evidence of anything. The signer could write again any run of
    /// entries of their own (or put their own in place of others'), but the run must end
    /// at an entry someone else signed, which they cannot change and whose link holds the
    /// run in place; or at the head, whose truncation the witnesses and the checkpoints
    /// peers hold detect. Two account holders acting together can write each other's runs;
    /// `log verify`, which walks the whole chain, still shows it.
    ///
    /// The walk forward stops after [`WALK_LIMIT`] of the signer's own entries: a position
    /// held in place only by more than that many entries under one key in a row (which an
    /// attacker can make by writing a colleague's entries over with their own) is taken on
    /// trust here, and `log verify` is what proves it. Walking on would cost every session
    /// of a unit with one writer a walk to the head. Entries found in place are kept
    /// for the session, so a run is walked once.
    fn in_chain(&self, e: &Entry) -> Result<bool> {
        if e.seq < 1 {
            return Ok(false);
        }
        if self.found_in_place(e) {
            return Ok(true);
        }
        let before: Option<Vec<u8>> = rusqlite::OptionalExtension::optional(
            self.conn()
                .prepare_cached("SELECT hash FROM use_log WHERE seq = ?1")?
                .query_row([e.seq - 1], |r| r.get(0)),
        )?;
        let links_back = if e.seq == 1 {
            e.prev_hash[..] == super::entry::genesis(&self.meta().store_id)[..]
        } else {
            before.is_some_and(|h| h[..] == e.prev_hash[..])
        };
        if !links_back {
            return Ok(false);
        }
        // Forward, through the signer's own entries (which they could have written again),
        // to the first entry someone else signed: whole and signed by the account it names,
        // it cannot have been changed, and its link holds everything before it in place.
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM use_log WHERE seq > ?1 ORDER BY seq LIMIT {}",
            Entry::COLUMNS,
            WALK_LIMIT
        ))?;
        let mut walked = vec![(e.seq, e.hash.clone())];
        let mut pinned = true;
        for row in st.query_map([e.seq], Entry::from_row)? {
            let n = row?;
            let (last_seq, last_hash) = walked.last().cloned().unwrap_or_default();
            let links = n.seq == last_seq + 1
                && n.prev_hash[..] == last_hash[..]
                && crate::crypto::ct_eq(&n.compute_hash(), &n.hash);
            if !links {
                return Ok(false);
            }
            // An entry this session already found in place holds everything before it in
            // place too: walks that overlap (announcements checked one after another) stop.
            if self.found_in_place(&n) {
                break;
            }
            if n.signer[..] != e.signer[..] {
                pinned = self
                    .certified_by_name(&n.user)?
                    .is_some_and(|c| self.entry_signed_by(&n, &c.sign_public));
                break;
            }
            walked.push((n.seq, n.hash));
        }
        if pinned {
            self.caches().chained.borrow_mut().extend(walked);
        }
        Ok(pinned)
    }

    /// Whether log entry `e` is whole and signed by `public` ([`Entry::signed_by`]), its
    /// signature checked as `Session::signature_holds` does (it may be deferred:
    /// `identity::deferred`).
    pub(crate) fn entry_signed_by(&self, e: &Entry, public: &[u8]) -> bool {
        e.signed_by_with(public, |p, m, g| self.signature_holds(p, m, g))
    }

    /// Whether this session already found entry `e` (by number and hash) in place.
    fn found_in_place(&self, e: &Entry) -> bool {
        self.caches()
            .chained
            .borrow()
            .get(&e.seq)
            .is_some_and(|h| h[..] == e.hash[..])
    }

    /// Whether one of `entries` whose detail starts with `detail_prefix` checks
    /// ([`Session::checked_entry`]) and was signed by an account acting in one of `roles`:
    /// the one test of "the log vouches for this act" that reads an entry's free-text detail.
    pub(crate) fn any_checked_by(
        &self,
        entries: impl IntoIterator<Item = Entry>,
        detail_prefix: &str,
        roles: &[Role],
    ) -> Result<bool> {
        for e in entries {
            if e.detail
                .as_deref()
                .is_some_and(|d| d.starts_with(detail_prefix))
                && self
                    .checked_entry(&e)?
                    .is_some_and(|s| roles.iter().any(|r| s.acting_as(*r)))
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Checks one entry: its hash recomputes, its signer key is the certified key of the
    /// account it names, and the signature checks. Returns the signer, or `None` if the entry
    /// is not evidence of anything (forged, changed, or by an account that does not check).
    /// Results are kept for the session.
    pub(crate) fn checked_entry(&self, e: &Entry) -> Result<Option<Signer>> {
        if let Some((hash, signer)) = self.caches().entries.borrow().get(&e.seq) {
            if crate::crypto::ct_eq(hash, &e.hash) {
                return Ok(signer.clone().map(|(account, removed_before)| Signer {
                    account,
                    removed_before,
                }));
            }
        }
        let signer = match self.certified_by_name(&e.user)? {
            Some(c) if self.entry_signed_by(e, &c.sign_public) && self.in_chain(e)? => {
                let removed_before = self
                    .checked_removals()?
                    .get(&c.name)
                    .is_some_and(|r| *r < e.seq);
                Some(Signer {
                    account: c,
                    removed_before,
                })
            }
            _ => None,
        };
        let kept = signer
            .as_ref()
            .map(|s| (s.account.clone(), s.removed_before));
        self.caches()
            .entries
            .borrow_mut()
            .insert(e.seq, (e.hash.clone(), kept));
        Ok(signer)
    }

    /// Every account taken off the list, from the `list-remove` entries that check: signed
    /// by a certified admin who was still on the list. The log, not the account row, is the
    /// record: an account edited back to active with the store key is still removed, and an
    /// entry any other account holder appends removes nobody. Kept for the session while no
    /// new `list-remove` entry is written.
    pub(crate) fn checked_removals(&self) -> Result<Removals> {
        let last: Option<i64> = self
            .conn()
            .prepare_cached("SELECT max(seq) FROM use_log WHERE act = 'list-remove'")?
            .query_row([], |r| r.get(0))?;
        if let Some((at, m)) = self.caches().removals.borrow().as_ref() {
            if *at == last {
                return Ok(m.clone());
            }
        }
        let entries: Vec<Entry> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM use_log WHERE act = 'list-remove' AND outcome = 'ok' ORDER BY seq",
                Entry::COLUMNS
            ))?
            .query_map([], Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Removals::new();
        for e in entries {
            // Checked in order, so an admin removed earlier removes nobody afterwards.
            let Some(c) = self.certified_by_name(&e.user)? else {
                continue;
            };
            let admin_then = c.role == Role::Admin && out.get(&c.name).is_none_or(|r| *r > e.seq);
            if !admin_then || !self.entry_signed_by(&e, &c.sign_public) || !self.in_chain(&e)? {
                continue;
            }
            let name = e
                .detail
                .as_deref()
                .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
                .and_then(|v| v["remove"].as_str().map(str::to_owned));
            if let Some(n) = name {
                out.entry(n).or_insert(e.seq);
            }
        }
        *self.caches().removals.borrow_mut() = Some((last, out.clone()));
        Ok(out)
    }
}
