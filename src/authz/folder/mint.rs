//! Making key versions and wrapping them to readers, inside the caller's transaction.
//!
//! Wrapping costs one X25519 agreement per recipient per transaction ([`Wrapper`] keeps one
//! batch per recipient), then one AES-GCM seal per key: a grant of ten thousand folders to a
//! newcomer is one agreement, not ten thousand.

use super::keys::{wrap_aad, FolderKey};
use super::records::{self, FolderIds, List, Record};
use super::Tier;
use crate::audit::{self, Act};
use crate::crypto::agree::BatchSealer;
use crate::crypto::SecretKey;
use crate::identity::unit::Certified;
use crate::identity::Acting;
use crate::Result;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Wraps within one write transaction: one batch per recipient.
#[derive(Debug)]
pub(crate) struct Wrapper {
    store_id: Vec<u8>,
    batches: HashMap<i64, (i64, BatchSealer)>,
}

impl Wrapper {
    pub(crate) fn new(store_id: &[u8]) -> Self {
        Wrapper {
            store_id: store_id.to_vec(),
            batches: HashMap::new(),
        }
    }

    /// Wraps `key` (version `version` of `folder`'s `tier` chain) to `to`, unless they hold
    /// it already.
    pub(crate) fn wrap(
        &mut self,
        tx: &Connection,
        to: &Certified,
        folder: i64,
        tier: Tier,
        version: i64,
        key: &SecretKey,
    ) -> Result<()> {
        let (batch, sealer) = match self.batches.get(&to.id) {
            Some(b) => b,
            None => {
                let sealer = BatchSealer::new(&to.agree_public)?;
                tx.prepare_cached("INSERT INTO key_batches (user_id, ephemeral) VALUES (?1, ?2)")?
                    .execute(params![to.id, sealer.ephemeral.to_vec()])?;
                let id = tx.last_insert_rowid();
                self.batches.entry(to.id).or_insert((id, sealer))
            }
        };
        let aad = wrap_aad(&self.store_id, folder, tier, version, to.id, *batch);
        let sealed = sealer.seal(&aad, key.expose())?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO folder_key_wraps (user_id, folder_id, tier, version, batch_id,
                                                     sealed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            to.id,
            folder,
            tier.as_str(),
            version,
            batch,
            sealed
        ])?;
        Ok(())
    }
}

/// A key version made but not yet stored.
pub(crate) struct Minted {
    pub(crate) key: SecretKey,
    pub(crate) record: Record,
    pub(crate) hash: [u8; 32],
}

impl std::fmt::Debug for Minted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Minted(v{})", self.record.version)
    }
}

/// Makes the next version of a chain: a fresh key, its record for `list` with proof of the
/// previous key (if any), signed by the acting officer.
pub(crate) fn mint(
    acting: Acting<'_>,
    f: &FolderIds,
    tier: Tier,
    list: List,
    prev: Option<(&FolderKey, &Record)>,
) -> Result<Minted> {
    let store_id = &acting.meta.store_id;
    let key = SecretKey::generate()?;
    let version = prev.map(|(_, r)| r.version + 1).unwrap_or(1);
    let commitment = records::commitment(&key, store_id, f, tier, version)?.to_vec();
    let (prev_proof, prev_hash) = match prev {
        Some((k, r)) => (
            Some(
                records::prev_proof(k.secret(), store_id, f, tier, version, &commitment)?.to_vec(),
            ),
            r.hash(store_id, f).to_vec(),
        ),
        None => (None, vec![0u8; 32]),
    };
    let mut record = Record {
        folder: f.id,
        tier,
        version,
        list,
        commitment,
        prev_proof,
        prev_hash,
        log_seq: None,
        maker: acting.user.id,
        created_at: crate::time::now_rfc3339(),
        signature: Vec::new(),
    };
    let hash = record.hash(store_id, f);
    record.signature = acting.sign(&records::signed_message(&hash)).to_vec();
    Ok(Minted { key, record, hash })
}

impl Minted {
    /// Stores the record and wraps the key to every one of `readers` the list admits.
    pub(crate) fn store(
        &self,
        tx: &Connection,
        w: &mut Wrapper,
        readers: &[Certified],
    ) -> Result<()> {
        self.record.insert(tx, &self.hash)?;
        let r = &self.record;
        for c in readers.iter().filter(|c| r.list.admits(c, r.tier)) {
            w.wrap(tx, c, r.folder, r.tier, r.version, &self.key)?;
        }
        Ok(())
    }
}

/// Makes the first version of a chain and announces it in a signed use-log entry (`act`:
/// `folder-create` or `key-create`) that names its hash, which binds it to this moment.
/// Returns the record's hash.
#[allow(clippy::too_many_arguments)] // a transaction, its actor, and the chain's facts
pub(crate) fn create_chain(
    tx: &rusqlite::Transaction<'_>,
    acting: Acting<'_>,
    w: &mut Wrapper,
    f: &FolderIds,
    tier: Tier,
    list: List,
    readers: &[Certified],
    act: &str,
) -> Result<[u8; 32]> {
    let mut m = mint(acting, f, tier, list, None)?;
    let seq = audit::append(
        tx,
        acting,
        &Act::new(act)
            .person(f.person_id)
            .detail(super::announce::text(&m.record, &m.hash)),
    )?;
    m.record.log_seq = Some(seq);
    m.store(tx, w, readers)?;
    Ok(m.hash)
}
