//! Log witnesses (DESIGN.md §4): what each user has seen of the use log.
//!
//! The hash chain and the signatures show an entry changed, removed or reordered in the
//! middle of the log, but not a log cut back at its end: the shorter chain is as consistent
//! as the longer one. So every user keeps a witness, a row signed with their own key that
//! names the head (sequence number and hash) they saw at the end of their last session. At
//! their next unlock, and in every `verify` and `log verify`, the log must still hold that
//! entry with that hash: cutting the log below what any user has seen, or rewriting it
//! beneath them, is caught. Nobody can move another user's witness without their key.
//!
//! What this cannot catch (SECURITY.md): a cut that no other user saw (the newest entries of
//! the last user to work), and a store rolled back whole, witnesses included, to an older
//! copy. Checkpoints kept by another unit (transfer packages) close those.

use super::head;
use crate::crypto::{encode_fields, hex, labels, sign};
use crate::identity::enrol::NewAccount;
use crate::identity::Session;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// One witness as stored.
#[derive(Debug, Clone)]
pub(crate) struct Witness {
    pub(crate) user_id: i64,
    pub(crate) counter: i64,
    pub(crate) seq: i64,
    pub(crate) hash: Vec<u8>,
    pub(crate) time: String,
    pub(crate) signature: Vec<u8>,
}

pub(crate) fn message(store_id: &[u8], user_id: i64, name: &str, w: &Witness) -> Vec<u8> {
    encode_fields(
        labels::SIG_WITNESS,
        &[
            store_id,
            &user_id.to_be_bytes(),
            name.as_bytes(),
            &w.counter.to_be_bytes(),
            &w.seq.to_be_bytes(),
            &w.hash,
            w.time.as_bytes(),
        ],
    )
}

fn load(conn: &Connection, user_id: i64) -> Result<Option<Witness>> {
    Ok(conn
        .query_row(
            "SELECT counter, seq, hash, time, signature FROM log_witnesses WHERE user_id = ?1",
            [user_id],
            |r| {
                Ok(Witness {
                    user_id,
                    counter: r.get(0)?,
                    seq: r.get(1)?,
                    hash: r.get(2)?,
                    time: r.get(3)?,
                    signature: r.get(4)?,
                })
            },
        )
        .optional()?)
}

fn store(tx: &Connection, w: &Witness) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO log_witnesses (user_id, counter, seq, hash, time, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![w.user_id, w.counter, w.seq, w.hash, w.time, w.signature],
    )?;
    Ok(())
}

/// A new account's first witness: the head as its account is made, signed with its new key.
pub(crate) fn create(tx: &Transaction<'_>, store_id: &[u8], a: NewAccount<'_>) -> Result<()> {
    let (seq, hash) = head(tx, store_id)?;
    let mut w = Witness {
        user_id: a.id,
        counter: 0,
        seq,
        hash,
        time: crate::time::now_rfc3339(),
        signature: Vec::new(),
    };
    w.signature = a
        .signing
        .sign(&message(store_id, a.id, a.name, &w))
        .to_vec();
    store(tx, &w)
}

/// Whether the log still holds entry `seq` with `hash` (seq 0 is the empty log).
fn log_holds(conn: &Connection, seq: i64, hash: &[u8]) -> Result<bool> {
    if seq == 0 {
        return Ok(true);
    }
    let found: Option<Vec<u8>> = conn
        .query_row("SELECT hash FROM use_log WHERE seq = ?1", [seq], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(found.is_some_and(|h| crate::crypto::ct_eq(&h, hash)))
}

fn cut(name: &str, w: &Witness) -> String {
    crate::t!(
        "audit-log-cut",
        seq = w.seq,
        hash = &hex(&w.hash)[..16],
        name = crate::text::escape(name),
        time = w.time.as_str()
    )
}

impl Session {
    /// At unlock: this user's own witness must be there, signed by them, and the log must
    /// still hold the head it names.
    pub(crate) fn check_own_witness(&self) -> Result<()> {
        let me = self.user();
        let w = load(self.conn(), me.id)?.ok_or_else(|| {
            Error::Integrity(crate::t!(
                "audit-own-witness-missing",
                name = me.name.as_str()
            ))
        })?;
        let msg = message(&self.meta().store_id, me.id, &me.name, &w);
        if !sign::verify(&self.acting().sign_public(), &msg, &w.signature) {
            return Err(Error::Integrity(crate::t!("audit-own-witness-unsigned")));
        }
        if !log_holds(self.conn(), w.seq, &w.hash)? {
            // Name the first broken entry if the chain shows one (a rewrite); else it was cut.
            self.verify_log(|_, _| {})?;
            return Err(Error::Integrity(crate::t!(
                "audit-own-witness-cut",
                problem = cut(&me.name, &w)
            )));
        }
        Ok(())
    }

    /// The sequence number this user's own witness names, if it carries their signature and
    /// the log still holds that entry (0 otherwise): the log up to it is the one this user
    /// saw, as far as its chain runs whole up to it.
    pub(crate) fn own_witnessed_seq(&self) -> Result<i64> {
        let me = self.user();
        let Some(w) = load(self.conn(), me.id)? else {
            return Ok(0);
        };
        let msg = message(&self.meta().store_id, me.id, &me.name, &w);
        let holds = sign::verify(&self.acting().sign_public(), &msg, &w.signature)
            && log_holds(self.conn(), w.seq, &w.hash)?;
        Ok(if holds { w.seq } else { 0 })
    }

    /// Moves this user's witness to the log's current head, if it moved since (at the end of
    /// a session, after their own entries). Returns whether it wrote; skipped if another
    /// process is writing.
    pub(crate) fn witness_head(&mut self) -> Result<bool> {
        let me = self.user().clone();
        let store_id = self.meta().store_id.clone();
        if self.caches().log_broken.get() {
            return Ok(false);
        }
        let old = load(self.conn(), me.id)?;
        let (seq, hash) = head(self.conn(), &store_id)?;
        if old
            .as_ref()
            .is_some_and(|w| w.seq == seq && crate::crypto::ct_eq(&w.hash, &hash))
        {
            return Ok(false);
        }
        // Best effort: a witness left behind only weakens the next check a little, so the end
        // of a session never waits for another process's write.
        let done = self.try_write(|tx, acting| {
            // Read again inside the transaction: another process may have appended since.
            let (seq, hash) = head(tx, &store_id)?;
            let mut w = Witness {
                user_id: me.id,
                counter: old.as_ref().map(|w| w.counter + 1).unwrap_or(0),
                seq,
                hash,
                time: crate::time::now_rfc3339(),
                signature: Vec::new(),
            };
            w.signature = acting
                .sign(&message(&store_id, me.id, &me.name, &w))
                .to_vec();
            store(tx, &w)
        })?;
        Ok(done.is_some())
    }

    /// Every account's witness: present, signed by that account's certified key, and naming
    /// an entry the log still holds. Returns the problems found (empty: sound).
    pub fn check_witnesses(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for c in self.certified_accounts()? {
            let Some(w) = load(self.conn(), c.id)? else {
                problems.push(crate::t!(
                    "audit-witness-missing",
                    name = crate::text::escape(&c.name)
                ));
                continue;
            };
            let msg = message(&self.meta().store_id, c.id, &c.name, &w);
            if !sign::verify(&c.sign_public, &msg, &w.signature) {
                problems.push(crate::t!(
                    "audit-witness-unsigned",
                    name = crate::text::escape(&c.name)
                ));
            } else if !log_holds(self.conn(), w.seq, &w.hash)? {
                problems.push(cut(&c.name, &w));
            }
        }
        Ok(problems)
    }
}
