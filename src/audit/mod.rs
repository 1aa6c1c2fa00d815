//! The use log (R15, DESIGN.md §4): mandatory, hash-chained and signed.
//!
//! Every act on a document or folder, and every refused attempt, appends one entry in the
//! same transaction as the act, before any content is released; if the entry cannot be
//! written the act fails (fail closed). Entries hold ids and outcomes, never titles or
//! contents. Each entry's hash covers the previous hash, so a changed, removed or reordered
//! entry breaks the chain; each is signed by the acting user, so an entry cannot be forged
//! in another person's name without their key.
//!
//! What this cannot do (SECURITY.md): stop someone who holds the store key and a user's keys
//! from rewriting the whole chain consistently. Checkpoints kept by another unit (sent in
//! packages) are what reveal that.

pub mod bulk;
mod chain;
pub(crate) mod checked;
pub mod entry;
pub mod passwd;
pub mod report;
pub mod verify;
pub mod witness;

pub use entry::{Act, Entry, Outcome};

use crate::identity::{Acting, Session};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};

/// The newest entry's sequence number and hash (0 and the genesis hash for an empty log).
pub(crate) fn head(conn: &rusqlite::Connection, store_id: &[u8]) -> Result<(i64, Vec<u8>)> {
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row(
            // The newest by the rowid's maximum: a search, whatever the log's length.
            "SELECT seq, hash FROM use_log WHERE seq = (SELECT max(seq) FROM use_log)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(last.unwrap_or_else(|| (0, entry::genesis(store_id).to_vec())))
}

/// Appends one entry inside `tx`, signed by the acting user. The caller's act must not
/// release anything until `tx` commits; if this fails, the act fails.
pub fn append(tx: &Transaction<'_>, acting: Acting<'_>, act: &Act) -> Result<i64> {
    let (last, prev) = head(tx, &acting.meta.store_id)?;
    Ok(write_entry(tx, acting, act, last, prev)?.0)
}

/// Writes entry `last + 1` after the entry whose hash is `prev`; gives its seq and hash.
fn write_entry(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    act: &Act,
    last: i64,
    prev: Vec<u8>,
) -> Result<(i64, Vec<u8>)> {
    let e = new_entry(acting, act, last, prev);
    let sig = acting.sign(&e.message());
    e.insert(tx, &sig)
}

/// Entry `last + 1` after the entry whose hash is `prev`, hashed, not yet signed: its
/// signature covers only the hash, so a bulk appender can have it made on another thread.
fn new_entry(acting: Acting<'_>, act: &Act, last: i64, prev: Vec<u8>) -> Unsigned {
    let mut e = Entry {
        seq: last + 1,
        time: crate::time::now_rfc3339(),
        user: acting.user.name.clone(),
        unit: acting.meta.unit.clone(),
        act: act.act.to_owned(),
        person_id: act.person_id,
        journal_number: act.journal_number.clone(),
        doc_version: act.doc_version,
        purpose: act.purpose.clone(),
        outcome: act.outcome.as_str().to_owned(),
        detail: act.detail.clone(),
        prev_hash: prev,
        hash: Vec::new(),
        signer: acting.sign_public().to_vec(),
        signature: Vec::new(),
    };
    e.hash = e.compute_hash().to_vec();
    Unsigned(e)
}

/// A log entry hashed and waiting for its signature.
#[derive(Debug)]
pub(crate) struct Unsigned(Entry);

impl Unsigned {
    fn hash(&self) -> &[u8] {
        &self.0.hash
    }

    /// What the entry's signature covers.
    pub(crate) fn message(&self) -> Vec<u8> {
        entry::signed_message(&self.0.hash)
    }

    /// Writes the entry with `signature` (over [`Unsigned::message`], by the signer the
    /// entry names); gives its seq and hash.
    pub(crate) fn insert(
        mut self,
        tx: &Transaction<'_>,
        signature: &crate::crypto::sign::Signature,
    ) -> Result<(i64, Vec<u8>)> {
        let e = &mut self.0;
        e.signature = signature.to_vec();
        tx.prepare_cached(
            "INSERT INTO use_log (seq, time, user_name, unit, act, person_id, journal_number,
                                  doc_version, purpose, outcome, detail, prev_hash, hash, signer,
                                  signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            e.seq,
            e.time,
            e.user,
            e.unit,
            e.act,
            e.person_id,
            e.journal_number,
            e.doc_version,
            e.purpose,
            e.outcome,
            e.detail,
            e.prev_hash,
            e.hash,
            e.signer,
            e.signature
        ])?;
        Ok((self.0.seq, self.0.hash))
    }
}

impl Session {
    /// Logs an act in its own transaction (used for refusals and for acts that change
    /// nothing else).
    pub fn log_act(&mut self, act: &Act) -> Result<i64> {
        self.write(|tx, acting| append(tx, acting, act))
    }

    /// Logs a refusal, then returns the refusal as the error. If even the log entry cannot be
    /// written, that failure is reported instead (the act stays refused either way).
    pub fn refuse(&mut self, act: Act, rule: &'static str, message: String) -> Error {
        let mut entry = act;
        entry.detail = Some(format!("{} refused: {rule}", entry.act));
        entry.act = "refused".into();
        entry.outcome = Outcome::Refused(rule);
        match self.log_act(&entry) {
            Ok(_) => Error::Refused { rule, message },
            Err(e) => Error::Other(crate::t!(
                "audit-refusal-not-logged",
                rule = rule,
                message = message,
                error = e.to_string()
            )),
        }
    }
}
