//! `log verify`: walks the chain from the first entry and reports the first one that is
//! wrong. Streams the entries, so memory stays flat for a log of ten million.

use super::entry::{genesis, signed_message, Entry};
use crate::crypto::{ct_eq, hex, sign};
use crate::identity::Session;
use crate::{Error, Result};
use std::collections::HashMap;

/// What a good chain looks like at its end.
#[derive(Debug, serde::Serialize)]
pub struct Verified {
    /// Entries checked.
    pub entries: i64,
    /// Hash of the last entry (the head), hex.
    pub head: String,
}

impl Session {
    /// Checks sequence, links, hashes and signatures of the whole log. `progress` is called
    /// with (entries done, total) now and then.
    pub fn verify_log(&self, mut progress: impl FnMut(u64, u64)) -> Result<Verified> {
        let conn = self.conn();
        let total: i64 = conn.query_row("SELECT count(*) FROM use_log", [], |r| r.get(0))?;
        let total_u = u64::try_from(total).unwrap_or(0);
        // Signing keys come from certificates checked against this user's own sealed anchor,
        // so swapping a public key in the users table cannot launder forged entries.
        let keys: HashMap<String, Vec<u8>> = self
            .certified_accounts()?
            .into_iter()
            .map(|c| (c.name, c.sign_public.to_vec()))
            .collect();
        // Nobody writes after the checked removal that took them off the list.
        let removed = self.checked_removals()?;
        let mut st = conn.prepare(&format!(
            "SELECT {} FROM use_log ORDER BY seq",
            Entry::COLUMNS
        ))?;
        let mut rows = st.query([])?;
        let mut prev = genesis(&self.meta().store_id).to_vec();
        let mut expect_seq = 1i64;
        let bad = |seq: i64, why: &str| {
            Error::Integrity(format!(
                "the use log is broken at entry {seq}: {why}. Entries from here on cannot be \
                 trusted; report the incident"
            ))
        };
        while let Some(row) = rows.next()? {
            // A field that no longer reads as its type is tampering too, at this entry.
            let e = Entry::from_row(row).map_err(|_| {
                bad(
                    expect_seq,
                    "its fields no longer read as what was written (changed after writing)",
                )
            })?;
            if e.seq != expect_seq {
                return Err(bad(
                    expect_seq,
                    &format!(
                        "expected entry {expect_seq} but found {} (removed or reordered)",
                        e.seq
                    ),
                ));
            }
            if !ct_eq(&e.prev_hash, &prev) {
                return Err(bad(
                    e.seq,
                    "it does not link to the entry before it (removed or reordered)",
                ));
            }
            if !ct_eq(&e.compute_hash(), &e.hash) {
                return Err(bad(e.seq, "its contents were changed after it was written"));
            }
            match keys.get(&e.user) {
                Some(k) if ct_eq(k, &e.signer) => {}
                _ => {
                    return Err(bad(
                        e.seq,
                        "it is not signed by the key of the user it names",
                    ))
                }
            }
            if !sign::verify(&e.signer, &signed_message(&e.hash), &e.signature) {
                return Err(bad(e.seq, "its signature is not valid"));
            }
            if removed.get(&e.user).is_some_and(|r| e.seq > *r) {
                return Err(bad(
                    e.seq,
                    "it was written by an account already taken off the list",
                ));
            }
            prev = e.hash;
            expect_seq += 1;
            if expect_seq % 4096 == 0 {
                progress(u64::try_from(expect_seq - 1).unwrap_or(0), total_u);
            }
        }
        progress(u64::try_from(expect_seq - 1).unwrap_or(0), total_u);
        // A chain cut back at its end is as consistent as a whole one: every user's witness
        // of what they saw must still be in it.
        if let Some(p) = self.check_witnesses()?.into_iter().next() {
            return Err(Error::Integrity(format!("{p}. Report the incident")));
        }
        Ok(Verified {
            entries: expect_seq - 1,
            head: hex(&prev),
        })
    }
}
