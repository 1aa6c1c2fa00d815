//! Rolling the unit keys over, and moving every user's trust anchor on to the new key.
//!
//! The unit's private keys are wrapped to every officer and admin, so a leaver may have kept
//! them. When such an account is disabled, the unit gets new keys (inside the same
//! transaction as the disabling): the new keys are wrapped to every remaining officer and
//! admin, every account is certified again under the new signing key, the old X25519 key is
//! kept wrapped to the new one (a package a peer sealed to it before learning the new card
//! still opens), and a *succession record* names old and new key, signed by both.
//!
//! Every user's sealed secrets hold the unit key they trust (their anchor), which no one else
//! can change. At unlock, a user whose anchor is an older key follows the succession records
//! from their anchor to the current key, checking each link's two signatures, and reseals
//! their secrets with the new anchor; only then are certificates checked. A chain that does
//! not lead from the anchor to the current key is an integrity failure.
//!
//! What this cannot stop (SECURITY.md): someone who kept the old unit key and the store key
//! can write a succession of their own making, old key → a key they hold, and it would lead a
//! user who has not unlocked since the rollover. Every user who has moved on is no longer led
//! by the old key, so such a forgery breaks their next unlock and shows.

use super::session::{seal_secrets, secrets_aad, Acting};
use super::unit::{Certified, UnitKeys};
use super::{Account, Session};
use crate::crypto::agree::{self, AgreementKey, PublicKey};
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{ct_eq, encode_fields, labels, SecretKey};
use crate::store::db::Db;
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use zeroize::Zeroizing;

/// At most this many rollovers are followed at one unlock (a loop in forged rows ends here).
const MAX_LINKS: usize = 10_000;

/// What a succession's two keys sign: store, serial, both keys, time, who, and which of the
/// two keys signs (so one signature cannot stand in for the other).
#[allow(clippy::too_many_arguments)] // one record's fields
fn message(
    store_id: &[u8],
    serial: i64,
    old: &[u8],
    new_sign: &[u8],
    new_agree: &[u8],
    made_at: &str,
    made_by: &str,
    role: &str,
) -> Vec<u8> {
    encode_fields(
        labels::SIG_SUCCESSION,
        &[
            role.as_bytes(),
            store_id,
            &serial.to_be_bytes(),
            old,
            new_sign,
            new_agree,
            made_at.as_bytes(),
            made_by.as_bytes(),
        ],
    )
}

fn retired_purpose(store_id: &[u8]) -> Vec<u8> {
    encode_fields(labels::WRAP_RETIRED_UNIT_KEY, &[store_id])
}

/// What a rollover did.
#[derive(Debug, Clone)]
pub struct Rolled {
    /// The succession's serial (1 for the first rollover).
    pub serial: i64,
    /// The new Ed25519 key.
    pub new_sign_public: sign::PublicKey,
    /// Accounts certified again under the new key.
    pub recertified: usize,
    /// Officers and admins the new keys were wrapped to.
    pub holders: usize,
}

/// Replaces the unit keys `old` with `new` inside the caller's transaction: succession
/// record, retired X25519 key, public keys, certificates of every account in `accounts`
/// (checked before, under the acting user's anchor), and the new keys wrapped to `holders`
/// only (every other wrap of the unit keys is deleted).
pub(crate) fn roll_over_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    old: &UnitKeys,
    new: &UnitKeys,
    accounts: &[Certified],
    holders: &[Certified],
    rows_seen: i64,
) -> Result<Rolled> {
    let store_id = &acting.meta.store_id;
    let current: Vec<u8> =
        tx.query_row("SELECT sign_public FROM unit_keys WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    if !ct_eq(&current, &old.signing.public()) {
        return Err(Error::Integrity(crate::t!(
            "identity-rollover-keys-changed"
        )));
    }
    // Every account must be certified again: one added since `accounts` was read would be
    // left under the old key (and locked out), so that is refused and tried again. A row
    // that failed its certificate when read (`rows_seen` counts it, `accounts` does not) is
    // left as it is: it was forged with the store key and stays refused under the new key.
    let n: i64 = tx.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
    if n != rows_seen {
        return Err(Error::Other(crate::t!(
            "identity-rollover-accounts-changed"
        )));
    }
    let serial: i64 = tx.query_row(
        "SELECT coalesce(max(serial), 0) + 1 FROM unit_successions",
        [],
        |r| r.get(0),
    )?;
    let (ns, na) = (new.signing.public(), new.agreement.public());
    let made_at = now_rfc3339();
    let by = &acting.user.name;
    let m = |role| message(store_id, serial, &current, &ns, &na, &made_at, by, role);
    tx.execute(
        "INSERT INTO unit_successions (serial, old_sign_public, new_sign_public,
             new_agree_public, made_at, made_by, old_signature, new_signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            serial,
            current,
            ns.to_vec(),
            na.to_vec(),
            made_at,
            by,
            old.signing.sign(&m("old")).to_vec(),
            new.signing.sign(&m("new")).to_vec()
        ],
    )?;
    let wrapped = agree::wrap(
        &na,
        &retired_purpose(store_id),
        &old.agreement.to_bytes()[..],
    )?;
    tx.execute(
        "INSERT INTO unit_keys_retired (agree_public, successor_public, retired_at, wrapped)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            old.agreement.public().to_vec(),
            na.to_vec(),
            made_at,
            wrapped
        ],
    )?;
    tx.execute(
        "UPDATE unit_keys SET sign_public = ?1, agree_public = ?2, created_at = ?3 WHERE id = 1",
        params![ns.to_vec(), na.to_vec(), made_at],
    )?;
    hand_over(tx, store_id, new, accounts, holders)?;
    Ok(Rolled {
        serial,
        new_sign_public: ns,
        recertified: accounts.len(),
        holders: holders.len(),
    })
}

/// Certifies every account again under `new`, and wraps `new` to `holders` only.
fn hand_over(
    tx: &Transaction<'_>,
    store_id: &[u8],
    new: &UnitKeys,
    accounts: &[Certified],
    holders: &[Certified],
) -> Result<()> {
    let mut cert = tx.prepare("UPDATE users SET cert = ?2 WHERE id = ?1")?;
    for a in accounts {
        let c = new.certify(
            store_id,
            a.id,
            &a.name,
            super::unit::Grants {
                role: a.role,
                clearance: a.clearance,
                decision_authority: a.decision_authority,
            },
            &a.sign_public,
            &a.agree_public,
        );
        cert.execute(params![a.id, c])?;
    }
    tx.execute("DELETE FROM unit_key_wraps", [])?; // untranslated: SQL

    for h in holders {
        tx.execute(
            "INSERT INTO unit_key_wraps (user_id, wrapped) VALUES (?1, ?2)",
            params![h.id, new.wrap_to(store_id, &h.agree_public)?],
        )?;
    }
    Ok(())
}

/// Follows the succession records from `anchor` to the unit's current signing key, checking
/// both signatures of every link. `None` if the anchor is current.
pub(crate) fn follow(
    conn: &Connection,
    store_id: &[u8],
    anchor: &sign::PublicKey,
) -> Result<Option<sign::PublicKey>> {
    let current: Vec<u8> =
        conn.query_row("SELECT sign_public FROM unit_keys WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    if ct_eq(&current, anchor) {
        return Ok(None);
    }
    let broken = || Error::Integrity(crate::t!("identity-unit-key-untrusted"));
    let mut at = *anchor;
    for _ in 0..MAX_LINKS {
        type Row = (i64, Vec<u8>, Vec<u8>, String, String, Vec<u8>, Vec<u8>);
        let row: Option<Row> = conn
            .query_row(
                "SELECT serial, new_sign_public, new_agree_public, made_at, made_by,
                        old_signature, new_signature
                 FROM unit_successions WHERE old_sign_public = ?1",
                [at.to_vec()],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()?;
        let (serial, ns, na, made_at, by, os, nsig) = row.ok_or_else(broken)?;
        let m = |role| message(store_id, serial, &at, &ns, &na, &made_at, &by, role);
        if !sign::verify(&at, &m("old"), &os) || !sign::verify(&ns, &m("new"), &nsig) {
            return Err(broken());
        }
        at = ns.as_slice().try_into().map_err(|_| broken())?;
        if ct_eq(&at, &current) {
            return Ok(Some(at));
        }
    }
    Err(broken())
}

/// Seals the user's secrets again with `anchor` (at unlock, after [`follow`] moved it on).
pub(crate) fn reseal(
    db: &mut Db,
    store_id: &[u8],
    user: &Account,
    salt: &[u8],
    key: &SecretKey,
    keys: (&SigningKey, &AgreementKey),
    anchor: &sign::PublicKey,
) -> Result<()> {
    let sealed = seal_secrets(
        key,
        &secrets_aad(store_id, user.id, &user.name),
        keys.0,
        keys.1,
        anchor,
    )?;
    db.write(|tx| {
        tx.execute(
            "UPDATE user_secrets SET sealed = ?3 WHERE user_id = ?1 AND kdf_salt = ?2",
            params![user.id, salt, sealed],
        )?;
        Ok(())
    })
}

impl Session {
    /// The unit's X25519 keys that were retired by rollovers, newest first, opened one from
    /// the next with the current unit keys: what a package sealed to an old card opens with.
    pub(crate) fn retired_agreement_keys(&self) -> Result<Vec<AgreementKey>> {
        let current = self.unit_keys()?;
        let purpose = retired_purpose(&self.meta().store_id);
        let mut out: Vec<AgreementKey> = Vec::new();
        let mut holder_pub: PublicKey = current.agreement.public();
        let mut holder = current.agreement;
        for _ in 0..MAX_LINKS {
            let row: Option<Vec<u8>> = self
                .conn()
                .query_row(
                    "SELECT wrapped FROM unit_keys_retired WHERE successor_public = ?1",
                    [holder_pub.to_vec()],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(w) = row else { break };
            let plain = holder
                .open_wrapped(&purpose, &w)
                .map_err(|_| Error::Integrity(crate::t!("identity-retired-key-does-not-open")))?;
            let bytes: [u8; 32] = plain
                .as_slice()
                .try_into()
                .map_err(|_| Error::Integrity(crate::t!("identity-retired-key-malformed")))?;
            let key = AgreementKey::from_bytes(Zeroizing::new(bytes));
            holder_pub = key.public();
            out.push(AgreementKey::from_bytes(key.to_bytes()));
            holder = key;
        }
        Ok(out)
    }

    /// Every signing key this unit has had, oldest first (checkpoints it signed stay
    /// checkable after a rollover).
    pub(crate) fn unit_signing_history(&self) -> Result<Vec<sign::PublicKey>> {
        let mut st = self
            .conn()
            .prepare("SELECT old_sign_public FROM unit_successions ORDER BY serial")?;
        let mut keys: Vec<sign::PublicKey> = Vec::new();
        for k in st.query_map([], |r| r.get::<_, Vec<u8>>(0))? {
            if let Ok(k) = k?.as_slice().try_into() {
                keys.push(k);
            }
        }
        let cur: Vec<u8> =
            self.conn()
                .query_row("SELECT sign_public FROM unit_keys WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        if let Ok(k) = cur.as_slice().try_into() {
            keys.push(k);
        }
        Ok(keys)
    }
}
