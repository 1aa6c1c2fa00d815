//! What the attacker tests need and the public API never gives: the store key, a user's own
//! private keys, raw folder keys, the database handle, and the means to forge rows the way
//! an insider holding those would. Compiled only with the `test-support` feature, which the
//! tests and benchmarks enable and no build for use does.
#![allow(missing_docs, clippy::missing_errors_doc)]

use crate::authz::folder::{FolderIds, List, Tier};
use crate::crypto::agree::AgreementKey;
use crate::crypto::sign::SigningKey;
use crate::crypto::stream::ContentKey;
use crate::crypto::{Passphrase, SecretKey};
use crate::documents::DocMeta;
use crate::identity::keyslots::{KeyslotFile, Lookup};
use crate::identity::Session;
use crate::store::StorePaths;
use crate::{Error, Result};
use rusqlite::{params, Connection};
use std::path::Path;
use zeroize::Zeroizing;

/// The store key, out of `user`'s keyslot, as every account holder can get it.
pub fn store_key(dir: &Path, user: &str, pass: &str) -> Result<SecretKey> {
    let file = KeyslotFile::load(&StorePaths::new(dir))?;
    let Lookup::Slot(slot) = file.lookup(user)? else {
        return Err(Error::NotFound(format!("no slot for {user}")));
    };
    Ok(file
        .open(slot, user, &Passphrase::from(pass))?
        .into_store_key())
}

/// The database, opened with the store key by an insider's own tools.
pub fn open_db(dir: &Path, key: &SecretKey) -> Result<Connection> {
    let c = Connection::open(dir.join(crate::store::DB_FILE))?;
    c.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    c.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.to_hex().as_str()))?;
    c.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 60000;")?;
    Ok(c)
}

/// `user`'s own private keys, out of their sealed secrets, as they can get them.
pub fn private_keys(dir: &Path, user: &str, pass: &str) -> Result<(SigningKey, AgreementKey)> {
    let s = crate::identity::unlock(&StorePaths::new(dir), user, &Passphrase::from(pass))?;
    let seed = Zeroizing::new(*s.acting().signing.seed());
    Ok((
        SigningKey::from_seed(seed)?,
        AgreementKey::from_bytes(s.agreement().to_bytes()),
    ))
}

/// The database handle of a session.
pub fn conn(s: &Session) -> &Connection {
    s.conn()
}

/// A folder key, after every check.
pub fn folder_key(s: &Session, folder: i64, tier: Tier, version: i64) -> Result<SecretKey> {
    Ok(s.folder_key(folder, tier, version)?.secret().clone())
}

/// A folder key unwrapped with `agreement` straight from the database, with no check at all:
/// what an insider gets from a wrap addressed to them.
pub fn unwrap_raw(
    conn: &Connection,
    store_id: &[u8],
    agreement: &AgreementKey,
    user: i64,
    folder: i64,
    tier: Tier,
    version: i64,
) -> Option<SecretKey> {
    let (batch, sealed): (i64, Vec<u8>) = conn
        .query_row(
            "SELECT batch_id, sealed FROM folder_key_wraps
             WHERE user_id = ?1 AND folder_id = ?2 AND tier = ?3 AND version = ?4",
            params![user, folder, tier.as_str(), version],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok()?;
    let eph: Vec<u8> = conn
        .query_row(
            "SELECT ephemeral FROM key_batches WHERE id = ?1",
            [batch],
            |r| r.get(0),
        )
        .ok()?;
    let bk = agreement.open_batch(&eph).ok()?;
    let aad =
        crate::authz::folder::wrap_aad_for_tests(store_id, folder, tier, version, user, batch);
    let plain = bk.open(&aad, &sealed).ok()?;
    SecretKey::from_slice(&plain)
}

/// Every wrap in the store that `agreement` opens, whoever it is addressed to: (folder, tier,
/// version, key). What an insider can get with their own key and the store key.
pub fn every_key_opened_by(
    conn: &Connection,
    store_id: &[u8],
    agreement: &AgreementKey,
) -> Vec<(i64, Tier, i64, SecretKey)> {
    let mut out = Vec::new();
    let rows: Vec<(i64, i64, String, i64)> = conn
        .prepare("SELECT user_id, folder_id, tier, version FROM folder_key_wraps")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .unwrap_or_default();
    for (user, folder, tier, version) in rows {
        let Ok(tier) = tier.parse::<Tier>() else {
            continue;
        };
        if let Some(k) = unwrap_raw(conn, store_id, agreement, user, folder, tier, version) {
            out.push((folder, tier, version, k));
        }
    }
    out
}

/// Decrypts every chunk of `d` with a content key derived from `key`, straight from the
/// database: the plaintext, or `None` as soon as a chunk does not open.
pub fn decrypt_with(conn: &Connection, d: &DocMeta, key: &SecretKey) -> Option<Vec<u8>> {
    let salt: [u8; 32] = d.content_salt.as_slice().try_into().ok()?;
    let ck = ContentKey::derive(key, &salt).ok()?;
    let aad = d.aad();
    let mut out = Vec::new();
    for idx in 0..d.chunk_count {
        let data: Vec<u8> = conn
            .query_row(
                "SELECT data FROM doc_chunks WHERE doc_id = ?1 AND idx = ?2",
                params![d.id, idx],
                |r| r.get(0),
            )
            .ok()?;
        let last = idx + 1 == d.chunk_count;
        out.extend_from_slice(&ck.open(&aad, u64::try_from(idx).ok()?, last, data).ok()?);
    }
    Some(out)
}

/// Every stored version of every document, as anyone with the store key reads them.
pub fn all_versions(s: &Session) -> Result<Vec<DocMeta>> {
    let jnos: Vec<String> = s
        .conn()
        .prepare("SELECT DISTINCT journal_number FROM documents ORDER BY journal_number")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut out = Vec::new();
    for j in jnos {
        out.extend(s.versions(&j)?);
    }
    Ok(out)
}

/// An insider's forgery: a key version of their own making for `folder`'s `tier`, recorded
/// with a record signed by `signer` (whose account id is `signer_id`) and wrapped to
/// `readers` (id, agreement public key). `replace` deletes the genuine version first. The
/// record is as well-formed as the program's own, so only the program's rules can refuse it.
#[allow(clippy::too_many_arguments)] // every field of a forged record is the attacker's choice
pub fn plant_key_version(
    conn: &Connection,
    store_id: &[u8],
    folder: i64,
    tier: Tier,
    version: i64,
    key: &SecretKey,
    restricted_to: Option<Vec<i64>>,
    signer: &SigningKey,
    signer_id: i64,
    readers: &[(i64, [u8; 32])],
    log_seq: Option<i64>,
) -> Result<[u8; 32]> {
    let f: FolderIds = conn.query_row(
        "SELECT id, person_id, uid, created_at FROM folders WHERE id = ?1",
        [folder],
        |r| {
            Ok(FolderIds {
                id: r.get(0)?,
                person_id: r.get(1)?,
                uid: r.get(2)?,
                created_at: r.get(3)?,
            })
        },
    )?;
    let list = match restricted_to {
        Some(ids) => List::only(ids),
        None => List::everyone(),
    };
    crate::authz::folder::plant_for_tests(
        conn, store_id, &f, tier, version, key, list, signer, signer_id, readers, log_seq,
    )
}

/// A session's own signing key.
pub fn signing_key(s: &Session) -> &SigningKey {
    s.acting().signing
}

/// A session's own agreement key.
pub fn agreement_key(s: &Session) -> &AgreementKey {
    s.agreement()
}

/// The unit's private keys, as an officer or admin holds them.
pub fn unit_keys(s: &Session) -> Result<(SigningKey, AgreementKey)> {
    let k = s.unit_keys()?;
    Ok((
        SigningKey::from_seed(Zeroizing::new(*k.signing.seed()))?,
        AgreementKey::from_bytes(k.agreement.to_bytes()),
    ))
}

/// An agreement key from fixed bytes (test vectors).
pub fn agreement_key_from(bytes: [u8; 32]) -> AgreementKey {
    AgreementKey::from_bytes(Zeroizing::new(bytes))
}

/// The id under which `name`'s slot is kept in the keyslots file of store `store_id`.
pub fn slot_id(store_id: &[u8], name: &str) -> String {
    crate::identity::keyslots::slot_id_for_tests(store_id, name)
}

/// The statement recorder of tests/query_plans.rs.
pub use crate::store::statements;

/// An agreement key as an age identity line (`AGE-SECRET-KEY-1…`), for the stock `age -d -i`.
pub fn age_identity_of(key: &AgreementKey) -> Result<String> {
    Ok(crate::transfer::agekey::age_secret_string(key)?.to_string())
}

/// Signs a decision record again as `officer` of the unit whose signing key is `unit`: what
/// a rogue peer holding its own unit's keys, and running software of its own, can do.
pub fn sign_decision(
    rec: &mut crate::casework::record::DecisionRecord,
    officer: &SigningKey,
    unit: &SigningKey,
) {
    rec.sign(officer.public(), |m| officer.sign(m), unit);
}

/// Signs a review record again as `officer` of the unit whose signing key is `unit`, as
/// [`sign_decision`] does a decision.
pub fn sign_review(
    rec: &mut crate::casework::record::ReviewRecord,
    officer: &SigningKey,
    unit: &SigningKey,
) {
    rec.sign(officer.public(), |m| officer.sign(m), unit);
}

/// Rewrites the log witness of account `user_id` (`name`) to name entry `seq` with `hash`,
/// signed by `key` over exactly what a witness signs: what an insider holding the store key
/// and only their own signing key can write.
pub fn rewrite_witness(
    conn: &Connection,
    store_id: &[u8],
    (user_id, name): (i64, &str),
    (seq, hash): (i64, &[u8]),
    key: &SigningKey,
) -> Result<()> {
    let (counter, time): (i64, String) = conn.query_row(
        "SELECT counter, time FROM log_witnesses WHERE user_id = ?1",
        [user_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let w = crate::audit::witness::Witness {
        user_id,
        counter,
        seq,
        hash: hash.to_vec(),
        time,
        signature: Vec::new(),
    };
    let msg = crate::audit::witness::message(store_id, user_id, name, &w);
    conn.execute(
        "UPDATE log_witnesses SET seq = ?2, hash = ?3, signature = ?4 WHERE user_id = ?1",
        params![user_id, seq, hash, key.sign(&msg).to_vec()],
    )?;
    Ok(())
}

/// Writes journal row `id` again in the name of `by`, dated `date` and signed with `key`
/// (or, with `copy`, adds such a row beside it): what any account holder can do with the
/// store key and their own key, since a journal row is signed only by its author.
pub fn resign_journal_row(
    conn: &Connection,
    store_id: &[u8],
    id: i64,
    (by, date): (&str, &str),
    key: &SigningKey,
    copy: bool,
) -> Result<()> {
    let (jno, v, grading, counterpart, status, exemption): (
        String,
        i64,
        String,
        String,
        String,
        String,
    ) = conn.query_row(
        "SELECT journal_number, version, grading, counterpart, status, exemption
             FROM journal WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let msg = crate::documents::journal::message(
        store_id,
        &jno,
        v,
        date,
        &grading,
        &counterpart,
        &status,
        &exemption,
        by,
    );
    let sig = key.sign(&msg).to_vec();
    if copy {
        conn.execute(
            "INSERT INTO journal (journal_number, version, date, grading, counterpart, status,
                                  exemption, by_user, signer, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                jno,
                v,
                date,
                grading,
                counterpart,
                status,
                exemption,
                by,
                key.public().to_vec(),
                sig
            ],
        )?;
    } else {
        conn.execute(
            "UPDATE journal SET by_user = ?1, date = ?2, signer = ?3, signature = ?4 WHERE id = ?5",
            params![by, date, key.public().to_vec(), sig, id],
        )?;
    }
    Ok(())
}
