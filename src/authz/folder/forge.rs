//! Forgeries for the attacker tests (feature `test-support` only): rows an insider holding
//! the store key and their own keys can write, made with the program's own encodings so that
//! only the program's rules, not a format slip, can refuse them.

use super::keys::wrap_aad;
use super::records::{self, FolderIds, List, Record};
use super::Tier;
use crate::crypto::agree::BatchSealer;
use crate::crypto::sign::SigningKey;
use crate::crypto::SecretKey;
use crate::Result;
use rusqlite::{params, Connection};

/// The associated data of a wrap, for tests that open wraps by hand.
pub fn wrap_aad_for_tests(
    store_id: &[u8],
    folder: i64,
    tier: Tier,
    version: i64,
    user: i64,
    batch: i64,
) -> Vec<u8> {
    wrap_aad(store_id, folder, tier, version, user, batch)
}

/// Replaces (or adds) version `version` of a chain with a key of the forger's making.
#[allow(clippy::too_many_arguments)] // an attacker's full control over one record
pub(crate) fn plant_for_tests(
    conn: &Connection,
    store_id: &[u8],
    f: &FolderIds,
    tier: Tier,
    version: i64,
    key: &SecretKey,
    list: List,
    signer: &SigningKey,
    signer_id: i64,
    readers: &[(i64, [u8; 32])],
    log_seq: Option<i64>,
) -> Result<[u8; 32]> {
    let prev_hash = match records::load(conn, f.id, tier, version - 1)? {
        Some(p) if version > 1 => p.hash(store_id, f).to_vec(),
        _ => vec![0u8; 32],
    };
    let mut r = Record {
        folder: f.id,
        tier,
        version,
        list,
        commitment: records::commitment(key, store_id, f, tier, version)?.to_vec(),
        prev_proof: None,
        prev_hash,
        log_seq,
        maker: signer_id,
        created_at: crate::time::now_rfc3339(),
        signature: Vec::new(),
    };
    let h = r.hash(store_id, f);
    r.signature = signer.sign(&records::signed_message(&h)).to_vec();
    conn.execute(
        "DELETE FROM folder_key_versions WHERE folder_id = ?1 AND tier = ?2 AND version = ?3", // untranslated: SQL
        params![f.id, tier.as_str(), version],
    )?;
    conn.execute(
        "DELETE FROM folder_key_wraps WHERE folder_id = ?1 AND tier = ?2 AND version = ?3", // untranslated: SQL
        params![f.id, tier.as_str(), version],
    )?;
    r.insert(conn, &h)?;
    for (uid, public) in readers {
        let b = BatchSealer::new(public)?;
        conn.execute(
            "INSERT INTO key_batches (user_id, ephemeral) VALUES (?1, ?2)",
            params![uid, b.ephemeral.to_vec()],
        )?;
        let batch = conn.last_insert_rowid();
        let sealed = b.seal(
            &wrap_aad(store_id, f.id, tier, version, *uid, batch),
            key.expose(),
        )?;
        conn.execute(
            "INSERT INTO folder_key_wraps (user_id, folder_id, tier, version, batch_id, sealed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![uid, f.id, tier.as_str(), version, batch, sealed],
        )?;
    }
    Ok(h)
}
