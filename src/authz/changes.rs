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

use crate::audit::Entry;
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
    role == Role::Admin || (role == Role::Officer && is_rollover(change))
}

/// Whether `change` is a card taken over at a rollover and nothing else: it names a unit
/// and a card, says `rollover`, and is no other kind of change (an external recipient, a
/// list change) dressed with those fields, which an officer would otherwise be entitled
/// to sign.
fn is_rollover(change: &serde_json::Value) -> bool {
    const FIELDS: &[&str] = &["trust", "level", "serial", "fingerprint", "how", "card"];
    change.as_object().is_some_and(|o| {
        o.keys().all(|k| FIELDS.contains(&k.as_str()))
            && o.get("trust").is_some_and(serde_json::Value::is_string)
            && o.get("card").is_some_and(serde_json::Value::is_string)
            && o.get("how").and_then(serde_json::Value::as_str) == Some("rollover")
    })
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

    /// Every trust change of `kind` whose field `field` is `value` (for example `trust`
    /// naming a unit), in the use log's order, among those whose entry checks: signed under
    /// the certified key of the account it names, an account entitled to make the change and
    /// still on the list when it did.
    ///
    /// The use log, not `auth_changes`, is the record here. A row there can be deleted with
    /// the store key and leave the change before it the newest; an entry in the log cannot
    /// be taken out without breaking the chain that `log verify` and every received
    /// checkpoint check. Entries that do not check are no evidence of anything and are
    /// skipped (`verify` names them), so an admin's new trust restores the exchange after
    /// an incident.
    pub(crate) fn logged_trust_changes(
        &self,
        kind: TrustKind,
        field: &str,
        value: &str,
    ) -> Result<Vec<CheckedChange>> {
        // The change is stored as serde_json writes it, so the value appears in that
        // spelling; `instr` only narrows the search, and each candidate is parsed and
        // compared exactly. The act is a literal so that its partial index is used
        // (schema/0010_insider.sql).
        let needle = serde_json::Value::from(value).to_string();
        let sql = match kind {
            TrustKind::Unit => "act = 'unit-trust'", // untranslated: SQL
            TrustKind::External => "act = 'unit-trust-external'", // untranslated: SQL
        };
        let entries: Vec<Entry> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM use_log WHERE {sql} AND outcome = 'ok' AND instr(detail, ?1) > 0
                 ORDER BY seq",
                Entry::COLUMNS
            ))?
            .query_map([needle], Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for e in entries {
            let Some(change) = e
                .detail
                .as_deref()
                .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
            else {
                continue;
            };
            if change.get(field).and_then(serde_json::Value::as_str) != Some(value) {
                continue;
            }
            let role_fits = |role: Role| match kind {
                TrustKind::Unit => entitled(&change, role),
                TrustKind::External => role == Role::Admin && change.get("trust").is_none(),
            };
            let by_entitled = self
                .checked_entry(&e)?
                .is_some_and(|s| !s.removed_before && role_fits(s.account.role));
            if by_entitled {
                out.push(CheckedChange { change, seq: e.seq });
            }
        }
        Ok(out)
    }
}

/// Which trust changes [`Session::logged_trust_changes`] reads.
#[derive(Clone, Copy)]
pub(crate) enum TrustKind {
    /// Another unit's card (`unit trust`, or taken over at a rollover).
    Unit,
    /// An external recipient's age key (`unit trust-external`).
    External,
}

fn unsigned(id: i64) -> Error {
    Error::Integrity(t!("authlist-change-unsigned", id = id))
}
