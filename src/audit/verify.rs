//! `log verify`: walks the chain from the first entry and reports the first one that is
//! wrong. Streams the entries, so memory stays flat for a log of ten million.
//!
//! The walk itself (sequence, link, hash, signer) runs in order on the calling thread; the
//! Ed25519 signatures, which cost most of the time, are checked by worker threads in batches
//! as the walk hands them over, one worker per core. The verdict is the same as a walk that
//! checks every entry in full before the next: the first wrong entry is the lowest sequence
//! number that fails any check, and within one entry the chain checks come before its
//! signature. A bad signature found by a worker stops the walk early. A chain-only walk
//! ([`Depth::ChainOnly`]) skips the signatures, for a quick check, and says so; with no
//! signature to wait for, it walks stretches of the log on every core instead
//! ([`super::chain`]), to the same verdict.
//!
//! What it must never do: report a log as intact before every batch has been checked.

use super::chain::{self, fault, End, Rules};
use super::entry::{genesis, signed_message, Entry};
use crate::crypto::{hex, sign};
use crate::identity::Session;
use crate::store::db::Db;
use crate::{Error, Result};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;

/// Entries per batch handed to a signature worker: large enough that handing over costs
/// nothing next to the checks, small enough that a bad entry early on stops the walk soon.
const BATCH: usize = 1024;

/// How much of each entry `log verify` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Sequence, links, hashes, signers and every signature.
    Full,
    /// Sequence, links, hashes and signers; no signature is checked.
    ChainOnly,
}

/// What a good chain looks like at its end.
#[derive(Debug, serde::Serialize)]
pub struct Verified {
    /// Entries checked.
    pub entries: i64,
    /// Hash of the last entry (the head), hex.
    pub head: String,
    /// Whether every entry's signature was checked (false for a chain-only walk).
    pub signatures: bool,
}

/// One signature a worker must check.
struct Pending {
    seq: i64,
    signer: Vec<u8>,
    hash: Vec<u8>,
    signature: Vec<u8>,
}

/// How the walk ended.
enum Walked {
    /// Every entry passed the chain checks: the count and the head.
    Whole(i64, Vec<u8>),
    /// Entry `seq` failed a chain check.
    Broken(i64, String),
    /// A worker found a bad signature, so the walk stopped before the end.
    Stopped,
}

fn bad(seq: i64, why: &str) -> Error {
    Error::Integrity(crate::t!("audit-log-broken", seq = seq, why = why))
}

/// A signature worker: checks batches until the walk is done, recording the lowest
/// sequence number whose signature fails. A batch wholly above a failure found already
/// cannot change the verdict and is skipped.
fn worker(rx: &Mutex<Receiver<Vec<Pending>>>, lowest: &AtomicI64) {
    loop {
        let batch = match rx.lock() {
            Ok(r) => match r.recv() {
                Ok(b) => b,
                Err(_) => return,
            },
            // Another worker panicked holding the lock: the walk sees the channel close.
            Err(_) => return,
        };
        for p in batch {
            if p.seq > lowest.load(Ordering::Relaxed) {
                break;
            }
            if !sign::verify(&p.signer, &signed_message(&p.hash), &p.signature) {
                lowest.fetch_min(p.seq, Ordering::Relaxed);
                break;
            }
        }
    }
}

impl Session {
    /// Checks sequence, links, hashes and signatures of the whole log. `progress` is called
    /// with (entries done, total) now and then.
    pub fn verify_log(&self, progress: impl FnMut(u64, u64)) -> Result<Verified> {
        self.verify_log_with(Depth::Full, progress)
    }

    /// Checks the log to `depth`: the chain always, the signatures for [`Depth::Full`], in
    /// parallel batches on every core. Then every user's witness.
    pub fn verify_log_with(
        &self,
        depth: Depth,
        progress: impl FnMut(u64, u64),
    ) -> Result<Verified> {
        let lowest = AtomicI64::new(i64::MAX);
        let walked = if depth == Depth::Full {
            let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
            let (tx, rx) = sync_channel::<Vec<Pending>>(workers * 2);
            let rx = Mutex::new(rx);
            std::thread::scope(|sc| {
                for _ in 0..workers {
                    sc.spawn(|| worker(&rx, &lowest));
                }
                // Dropping the sender when the walk returns lets the workers finish.
                self.walk(tx, &lowest, progress)
            })?
        } else {
            self.walk_chain(progress)?
        };
        // Every batch below the walk's end has been checked (the scope joined the workers).
        let sig = lowest.load(Ordering::Relaxed);
        let (entries, head) = match walked {
            Walked::Broken(seq, why) if seq <= sig => return Err(bad(seq, &why)),
            Walked::Whole(n, head) if sig == i64::MAX => (n, head),
            _ => return Err(bad(sig, &crate::t!("audit-entry-bad-signature"))),
        };
        // A chain cut back at its end is as consistent as a whole one: every user's witness
        // of what they saw must still be in it.
        if let Some(p) = self.check_witnesses()?.into_iter().next() {
            return Err(Error::Integrity(crate::t!(
                "audit-witness-report",
                problem = p
            )));
        }
        Ok(Verified {
            entries,
            head: hex(&head),
            signatures: depth == Depth::Full,
        })
    }

    /// What every walk needs: the highest sequence number (for the progress bar and the
    /// stretches), and the rules: each certified account's signing key and each checked
    /// removal.
    fn walk_inputs(&self) -> Result<(i64, Rules)> {
        // `count(*)` reads every page of the table (a second full pass over a ten-year log
        // before the walk); the highest sequence number is one descent of its b-tree, and
        // the walk itself checks that the numbers run 1, 2, ….
        let total: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(seq), 0) FROM use_log", [], |r| {
                    r.get(0)
                })?;
        let rules = Rules {
            genesis: genesis(&self.meta().store_id),
            // Signing keys come from certificates checked against this user's own sealed
            // anchor, so swapping a public key in the users table cannot launder forged
            // entries.
            keys: self
                .certified_accounts()?
                .into_iter()
                .map(|c| (c.name, c.sign_public.to_vec()))
                .collect(),
            // Nobody writes after the checked removal that took them off the list.
            removed: self.checked_removals()?,
        };
        Ok((total, rules))
    }

    /// Whether the log above entry `seq` runs on whole to the head; what is wrong if not.
    /// Every account's witness must name an entry the log still holds (a cut is whole up to
    /// its new head). Every entry above `seq` must follow in order, link to the one before, recompute and
    /// name the certified key of its account as signer, as in `log verify`; and every entry
    /// above this user's own witness must carry a good signature too. Below the witness
    /// the chain itself holds the entries as this user saw them: changing one changes every
    /// hash above it, the witnessed one included.
    ///
    /// For an act that cannot be undone on the strength of one entry (a folder destroyed on
    /// a release): the entry checks, but a newer one that changed it (a withdrawal) could
    /// have been written over with the store key, which no check of the one entry sees.
    /// Costs a walk of the entries since `seq`, on one core. A session that finds the log
    /// broken does not move its own witness at its end: the next session would otherwise
    /// take the broken stretch as seen and check no signature in it. What this cannot see
    /// (SECURITY.md): witnesses put back whole from an older copy, with the log cut to match.
    pub(crate) fn log_whole_above(&self, seq: i64) -> Result<Option<String>> {
        let found = self.log_whole_above_unmarked(seq)?;
        if found.is_some() {
            self.caches().log_broken.set(true);
        }
        Ok(found)
    }

    fn log_whole_above_unmarked(&self, seq: i64) -> Result<Option<String>> {
        // A log cut back below what another user saw is whole up to its new head; their
        // witness is what shows it (unlock checks only the user's own).
        if let Some(p) = self.check_witnesses()?.into_iter().next() {
            return Ok(Some(p));
        }
        let (_, rules) = self.walk_inputs()?;
        if let End::Broken(at, why) = chain::walk_above(self.conn(), &rules, seq)? {
            return Ok(Some(bad(at, &why).to_string()));
        }
        let witnessed = self.own_witnessed_seq()?;
        let mut st = self.conn().prepare(&format!(
            "SELECT {} FROM use_log WHERE seq > ?1 ORDER BY seq",
            Entry::COLUMNS
        ))?;
        for e in st.query_map([witnessed.max(seq)], Entry::from_row)? {
            let e = e?;
            if !rules.keys.get(&e.user).is_some_and(|k| e.signed_by(k)) {
                let why = crate::t!("audit-entry-bad-signature");
                return Ok(Some(bad(e.seq, &why).to_string()));
            }
        }
        Ok(None)
    }

    /// The chain-only walk, on every core ([`super::chain`]).
    fn walk_chain(&self, progress: impl FnMut(u64, u64)) -> Result<Walked> {
        let (total, rules) = self.walk_inputs()?;
        let (db, key) = (self.paths().db(), self.store_key());
        let open = || Db::open(&db, key);
        Ok(
            match chain::walk(self.conn(), open, &rules, total, progress)? {
                End::Through(n, head) => Walked::Whole(n, head),
                End::Broken(seq, why) => Walked::Broken(seq, why),
            },
        )
    }

    /// The walk in order: sequence, link, hash and signer of each entry; each signature is
    /// sent to the workers, in batches.
    fn walk(
        &self,
        to_check: SyncSender<Vec<Pending>>,
        lowest: &AtomicI64,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Walked> {
        let conn = self.conn();
        let (total, rules) = self.walk_inputs()?;
        let total_u = u64::try_from(total).unwrap_or(0);
        let mut buf = Vec::with_capacity(512);
        let mut st = conn.prepare(&format!(
            "SELECT {} FROM use_log ORDER BY seq",
            Entry::COLUMNS
        ))?;
        let mut rows = st.query([])?;
        let mut prev = rules.genesis.to_vec();
        let mut expect_seq = 1i64;
        let mut batch = Vec::with_capacity(BATCH);
        let send = |batch: &mut Vec<Pending>| {
            if !batch.is_empty() {
                // The workers only stop once the sender is dropped, so this cannot fail
                // unless one panicked; its lowest failure then stays unknown, and the
                // missing batch must not pass for checked.
                to_check
                    .send(std::mem::take(batch))
                    .map_err(|_| Error::Other(crate::t!("audit-signature-check-stopped")))?;
            }
            Ok::<(), Error>(())
        };
        while let Some(row) = rows.next()? {
            let broken = |why: &str| Walked::Broken(expect_seq, why.to_owned());
            // A field that no longer reads as its type is tampering too, at this entry.
            let Ok(e) = Entry::from_row(row) else {
                send(&mut batch)?;
                return Ok(broken(&crate::t!("audit-entry-unreadable")));
            };
            let why = fault(&e.fields(), &e.hash, expect_seq, &prev, &rules, &mut buf);
            if let Some(why) = why {
                send(&mut batch)?;
                return Ok(Walked::Broken(expect_seq, why));
            }
            prev.clone_from(&e.hash);
            batch.push(Pending {
                seq: e.seq,
                signer: e.signer,
                hash: e.hash,
                signature: e.signature,
            });
            if batch.len() == BATCH {
                send(&mut batch)?;
                // A bad signature below here decides the verdict: stop walking.
                if lowest.load(Ordering::Relaxed) != i64::MAX {
                    return Ok(Walked::Stopped);
                }
            }
            expect_seq += 1;
            if expect_seq % 4096 == 0 {
                progress(u64::try_from(expect_seq - 1).unwrap_or(0), total_u);
            }
        }
        send(&mut batch)?;
        progress(u64::try_from(expect_seq - 1).unwrap_or(0), total_u);
        Ok(Walked::Whole(expect_seq - 1, prev))
    }
}
