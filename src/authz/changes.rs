//! Reading signed list changes back as evidence.
//!
//! Every change of the authorisation list, and every change of whom this unit trusts, is
//! signed by the account that made it (`authlist::record_change_tx`) and kept in
//! `auth_changes`. Other modules keep the state those changes produced in rows of their own,
//! which anyone holding the store key can edit; where such a row decides something (whom a
//! package is sealed to, whose package is believed), it is used only if the newest signed
//! change about it says the same. This module finds that change and checks its signature
//! under the certified key of the account it names; the caller decides whether that account
//! was entitled to make it.

use crate::crypto::{encode_fields, labels, sign};
use crate::identity::{Role, Session};
use crate::{t, Error, Result};

/// A signed list change, its signature checked and its signer entitled to make it.
pub(crate) struct CheckedChange {
    /// What changed, as signed.
    pub(crate) change: serde_json::Value,
    /// The sequence number of the use-log entry that recorded it: where it stands among
    /// the changes, which the table's own row ids (anyone's to write) cannot say.
    pub(crate) seq: i64,
}

const COLUMNS: &str = "id, time, admin, change, list, agreement, signer, signature"; // untranslated: SQL

/// A list change as stored, not yet checked.
struct Stored {
    id: i64,
    time: String,
    admin: String,
    change: String,
    list: String,
    agreement: Option<String>,
    signer: Vec<u8>,
    signature: Vec<u8>,
}

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        time: r.get(1)?,
        admin: r.get(2)?,
        change: r.get(3)?,
        list: r.get(4)?,
        agreement: r.get(5)?,
        signer: r.get(6)?,
        signature: r.get(7)?,
    })
}

/// Whether an account in `role` may make `change`: list changes and trust by fingerprint
/// or of an external recipient are an admin's (`require_admin_logged`); a card taken over at
/// a rollover is taken by whoever imports the package that carries it, officer or admin.
fn entitled(change: &serde_json::Value, role: Role) -> bool {
    let rollover = change.get("trust").is_some()
        && change.get("how").and_then(serde_json::Value::as_str) == Some("rollover");
    role == Role::Admin || (rollover && role == Role::Officer)
}

impl Session {
    /// Checks one stored change: its signature under the certified key of the account it
    /// names, which must have been entitled to make it.
    fn check_stored(&self, c: Stored) -> Result<CheckedChange> {
        let change: serde_json::Value =
            serde_json::from_str(&c.change).map_err(|_| unsigned(c.id))?;
        let meta = self.meta();
        let msg = encode_fields(
            labels::SIG_AUTHLIST,
            &[
                meta.store_id.as_slice(),
                c.time.as_bytes(),
                meta.unit.as_bytes(),
                c.change.as_bytes(),
                c.list.as_bytes(),
                c.agreement.as_deref().unwrap_or("").as_bytes(),
            ],
        );
        let signed = self
            .certified_by_name(&c.admin)?
            .is_some_and(|a| a.sign_public[..] == c.signer[..] && entitled(&change, a.role))
            && sign::verify(&c.signer, &msg, &c.signature);
        if !signed {
            return Err(unsigned(c.id));
        }
        // The change was logged in the transaction that made it, by the same account: the
        // first such entry that checks, made while the account was still on the list, says
        // when. A leaver's signature (their certificate outlives them) or an old genuine
        // change copied into a new row therefore never becomes the newest.
        for e in crate::audit::report::user_entries_saying(self.conn(), &c.admin, &c.change)? {
            if e.signer[..] == c.signer[..]
                && self.checked_entry(&e)?.is_some_and(|s| !s.removed_before)
            {
                return Ok(CheckedChange { change, seq: e.seq });
            }
        }
        Err(unsigned(c.id))
    }

    /// List change `id`, checked; an integrity error if it does not check.
    pub(crate) fn checked_change(&self, id: i64) -> Result<CheckedChange> {
        let c = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM auth_changes WHERE id = ?1"))?
            .query_row([id], stored)?;
        self.check_stored(c)
    }

    /// Every stored list change that does not check, for `verify`; and how many there are.
    pub(crate) fn unsigned_changes(&self) -> Result<(usize, Vec<String>)> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM auth_changes ORDER BY id"))?;
        let rows: Vec<Stored> = st
            .query_map([], stored)?
            .collect::<std::result::Result<_, _>>()?;
        let n = rows.len();
        let mut bad = Vec::new();
        for c in rows {
            if let Err(e) = self.check_stored(c) {
                bad.push(e.to_string());
            }
        }
        Ok((n, bad))
    }

    /// The newest list change whose field `field` is `value` (for example `trust` naming a
    /// unit), by the order of the use log, among those that check. `None` if none does.
    pub(crate) fn newest_change_naming(
        &self,
        field: &str,
        value: &str,
    ) -> Result<Option<CheckedChange>> {
        // The changes are stored as serde_json writes them, so the value appears in that
        // spelling; `instr` only narrows the search, and each candidate is parsed and
        // compared exactly.
        let needle = serde_json::Value::from(value).to_string();
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM auth_changes WHERE instr(change, ?1) > 0"
        ))?;
        let candidates: Vec<Stored> = st
            .query_map([needle], stored)?
            .collect::<std::result::Result<_, _>>()?;
        let mut newest: Option<CheckedChange> = None;
        for c in candidates {
            let names = serde_json::from_str::<serde_json::Value>(&c.change)
                .map(|v| v.get(field).and_then(serde_json::Value::as_str) == Some(value))
                .unwrap_or(true);
            if names {
                // A change that does not check is no evidence of anything (`verify` names
                // it); skipping it, rather than stopping, lets an admin's new trust restore
                // the exchange after an incident.
                let Ok(checked) = self.check_stored(c) else {
                    continue;
                };
                if newest.as_ref().is_none_or(|n| checked.seq > n.seq) {
                    newest = Some(checked);
                }
            }
        }
        Ok(newest)
    }
}

fn unsigned(id: i64) -> Error {
    Error::Integrity(t!("authlist-change-unsigned", id = id))
}
