//! Folder key records: what each key version of a folder's chain is, who made it, and for
//! whom. A record names a commitment to its key, the folder's need-to-know list as of that
//! version, the hash of the previous version's record, and from version 2 a proof that its
//! maker held the previous key; the maker signs its hash. Version 1 is bound to the folder's
//! creation by a signed use-log entry that names the record's hash.
//!
//! These are the rules a key must pass before it is used (DESIGN.md §3): made by an officer
//! (never an admin, never clerical; for the S tier, one cleared for STRENGT FORTROLIG) who was
//! entitled to read the folder at that moment — from version 2 on, on the previous version's
//! list and holding its key; for version 1, the folder's creator (or, for an S chain made
//! later, an officer the folder's list of that moment admits) — and announced first by its
//! maker in a checked use-log entry (announce.rs).

use super::announce::Vouched;
use super::Tier;
use crate::audit::report::entry_at;
use crate::crypto::{encode_fields, hex, labels, mac, sha256, SecretKey};
use crate::identity::unit::Certified;
use crate::identity::{Clearance, Role, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// A folder's need-to-know list as of one key version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct List {
    /// Narrowed by `folder restrict` to `ids`; otherwise every officer of the unit.
    pub(crate) restricted: bool,
    /// The restricted list, ascending (empty when not restricted).
    pub(crate) ids: Vec<i64>,
}

impl List {
    /// Every officer of the unit.
    pub(crate) fn everyone() -> List {
        List {
            restricted: false,
            ids: Vec::new(),
        }
    }

    /// Only these officers.
    pub(crate) fn only(mut ids: Vec<i64>) -> List {
        ids.sort_unstable();
        ids.dedup();
        List {
            restricted: true,
            ids,
        }
    }

    /// Whether `who` may hold this tier's key under this list: a certified officer, cleared
    /// for the tier, and on the list if it is restricted.
    pub(crate) fn admits(&self, who: &Certified, tier: Tier) -> bool {
        who.role == Role::Officer
            && who.clearance >= tier.needs()
            && (!self.restricted || self.ids.contains(&who.id))
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        self.ids.iter().flat_map(|i| i.to_be_bytes()).collect()
    }

    pub(crate) fn decode(restricted: bool, blob: &[u8]) -> Option<List> {
        if !blob.len().is_multiple_of(8) || (!restricted && !blob.is_empty()) {
            return None;
        }
        let ids: Vec<i64> = blob
            .chunks_exact(8)
            .map(|c| i64::from_be_bytes(c.try_into().unwrap_or([0; 8])))
            .collect();
        ids.windows(2)
            .all(|w| w[0] < w[1])
            .then_some(List { restricted, ids })
    }
}

/// The facts that bind a folder's keys to that folder: fixed at its creation.
#[derive(Clone, Debug)]
pub(crate) struct FolderIds {
    pub(crate) id: i64,
    pub(crate) person_id: i64,
    pub(crate) uid: Vec<u8>,
    pub(crate) created_at: String,
}

/// One key version's record as stored.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    pub(crate) folder: i64,
    pub(crate) tier: Tier,
    pub(crate) version: i64,
    pub(crate) list: List,
    pub(crate) commitment: Vec<u8>,
    pub(crate) prev_proof: Option<Vec<u8>>,
    pub(crate) prev_hash: Vec<u8>,
    pub(crate) log_seq: Option<i64>,
    pub(crate) maker: i64,
    pub(crate) created_at: String,
    pub(crate) signature: Vec<u8>,
}

const COLUMNS: &str = "folder_id, tier, version, restricted, readers, commitment, prev_proof, \
                       prev_hash, log_seq, maker, created_at, signature";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Record>> {
    let tier: String = r.get(1)?;
    let restricted: bool = r.get(3)?;
    let readers: Vec<u8> = r.get(4)?;
    let (Ok(tier), Some(list)) = (tier.parse::<Tier>(), List::decode(restricted, &readers)) else {
        return Ok(None);
    };
    Ok(Some(Record {
        folder: r.get(0)?,
        tier,
        version: r.get(2)?,
        list,
        commitment: r.get(5)?,
        prev_proof: r.get(6)?,
        prev_hash: r.get(7)?,
        log_seq: r.get(8)?,
        maker: r.get(9)?,
        created_at: r.get(10)?,
        signature: r.get(11)?,
    }))
}

/// The error for a key or record that fails its checks.
pub(crate) fn planted(f: &FolderIds, tier: Tier, version: i64, why: &str) -> Error {
    Error::Integrity(t!(
        "authz-key-planted",
        version = version,
        tier = tier.label(),
        person = f.person_id,
        why = why
    ))
}

/// The record of one version, if there is one.
pub(crate) fn load(
    conn: &Connection,
    folder: i64,
    tier: Tier,
    version: i64,
) -> Result<Option<Record>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM folder_key_versions
             WHERE folder_id = ?1 AND tier = ?2 AND version = ?3"
        ))?
        .query_row(params![folder, tier.as_str(), version], from_row)
        .optional()?;
    match row {
        Some(Some(r)) => Ok(Some(r)),
        Some(None) => Err(Error::Integrity(t!(
            "authz-key-record-malformed",
            folder = folder,
            version = version
        ))),
        None => Ok(None),
    }
}

/// The newest version of a folder's chain, if the chain exists.
pub(crate) fn newest(conn: &Connection, folder: i64, tier: Tier) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(version) FROM folder_key_versions WHERE folder_id = ?1 AND tier = ?2",
        )?
        .query_row(params![folder, tier.as_str()], |r| r.get(0))?)
}

impl Record {
    /// The record's hash: what its maker signs, what the next version's record and the pins
    /// name. Binds the store, the folder's creation (person, uid, time) and every field but
    /// the log pointer and the signature.
    pub(crate) fn hash(&self, store_id: &[u8], f: &FolderIds) -> [u8; 32] {
        let flag = [u8::from(self.list.restricted)];
        sha256(&encode_fields(
            labels::HASH_FOLDER_RECORD,
            &[
                store_id,
                &f.person_id.to_be_bytes(),
                &f.uid,
                f.created_at.as_bytes(),
                self.tier.as_str().as_bytes(),
                &self.version.to_be_bytes(),
                &flag,
                &self.list.encode(),
                &self.commitment,
                self.prev_proof.as_deref().unwrap_or(&[]),
                &self.prev_hash,
                &self.maker.to_be_bytes(),
                self.created_at.as_bytes(),
            ],
        ))
    }

    /// Stores the record (version 1 with the log entry that announced it).
    pub(crate) fn insert(&self, tx: &Connection, hash: &[u8; 32]) -> Result<()> {
        tx.prepare_cached(&format!(
            "INSERT INTO folder_key_versions ({COLUMNS}, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        ))?
        .execute(params![
            self.folder,
            self.tier.as_str(),
            self.version,
            self.list.restricted,
            self.list.encode(),
            self.commitment,
            self.prev_proof,
            self.prev_hash,
            self.log_seq,
            self.maker,
            self.created_at,
            self.signature,
            hash.to_vec(),
        ])?;
        Ok(())
    }
}

/// The message a maker signs for a record.
pub(crate) fn signed_message(hash: &[u8; 32]) -> Vec<u8> {
    encode_fields(labels::SIG_FOLDER_RECORD, &[hash])
}

fn position(store_id: &[u8], f: &FolderIds, tier: Tier, version: i64) -> Vec<u8> {
    encode_fields(
        labels::MAC_FOLDER_COMMIT,
        &[
            store_id,
            &f.uid,
            tier.as_str().as_bytes(),
            &version.to_be_bytes(),
        ],
    )
}

/// A commitment to a folder key at its place: only its holder can make or check it.
pub(crate) fn commitment(
    key: &SecretKey,
    store_id: &[u8],
    f: &FolderIds,
    tier: Tier,
    version: i64,
) -> Result<[u8; 32]> {
    let k = key.derive(labels::KDF_FOLDER_COMMIT)?;
    Ok(mac::sign(&k, &position(store_id, f, tier, version)))
}

fn proof_message(
    store_id: &[u8],
    f: &FolderIds,
    tier: Tier,
    version: i64,
    commit: &[u8],
) -> Vec<u8> {
    encode_fields(
        labels::MAC_FOLDER_ROTATION,
        &[
            store_id,
            &f.uid,
            tier.as_str().as_bytes(),
            &version.to_be_bytes(),
            commit,
        ],
    )
}

/// Proof, under the previous key, that whoever made `version` held version − 1.
pub(crate) fn prev_proof(
    prev: &SecretKey,
    store_id: &[u8],
    f: &FolderIds,
    tier: Tier,
    version: i64,
    commit: &[u8],
) -> Result<[u8; 32]> {
    let k = prev.derive(labels::KDF_FOLDER_ROTATION)?;
    Ok(mac::sign(
        &k,
        &proof_message(store_id, f, tier, version, commit),
    ))
}

/// Checks a rotation proof under the previous key.
pub(crate) fn proof_holds(
    prev: &SecretKey,
    store_id: &[u8],
    f: &FolderIds,
    r: &Record,
) -> Result<bool> {
    let Some(proof) = &r.prev_proof else {
        return Ok(false);
    };
    let k = prev.derive(labels::KDF_FOLDER_ROTATION)?;
    Ok(mac::verify(
        &k,
        &proof_message(store_id, f, r.tier, r.version, &r.commitment),
        proof,
    ))
}

/// What anyone holding the certificates can check of a record without its key: the maker is
/// a certified officer (cleared for the tier), signed its hash, and announced it first, in a
/// checked use-log entry about this folder's person, while still on the list (see
/// announce.rs); version 1 was announced when its chain was made, and a STRENGT FORTROLIG
/// chain made after the folder (its first STRENGT FORTROLIG document) carries the folder's
/// list as of that moment and was made by an officer it admits; for later versions, the
/// maker was on the previous version's list and the hashes chain. The key-holder's checks
/// (commitment, proof of the previous key) are made by the caller.
///
/// `chain` is the chain as the log vouches for it ([`Session::vouched_chain`]), read by the
/// caller once for a run of versions.
pub(crate) fn check_public(
    s: &Session,
    f: &FolderIds,
    r: &Record,
    prev: Option<&Record>,
    chain: &[Vouched],
) -> Result<[u8; 32]> {
    let store_id = &s.meta().store_id;
    let bad = |why: &str| planted(f, r.tier, r.version, why);
    let maker = s.certified_by_id(r.maker)?;
    let maker = maker
        .as_ref()
        .ok_or_else(|| bad(&t!("authz-why-maker-uncertified")))?;
    if maker.role != Role::Officer {
        return Err(bad(&t!("authz-why-maker-not-officer")));
    }
    if r.tier == Tier::S && maker.clearance != Clearance::StrengtFortrolig {
        return Err(bad(&t!("authz-why-maker-not-cleared")));
    }
    let h = r.hash(store_id, f);
    if !s.signature_holds(&maker.sign_public, &signed_message(&h), &r.signature) {
        return Err(bad(&t!("authz-why-bad-signature")));
    }
    // Announced first by its maker, while entitled: not yet taken off the list.
    let said = usize::try_from(r.version - 1)
        .ok()
        .and_then(|i| chain.get(i));
    let said = match said {
        Some(a) if a.hash == hex(&h) && a.by == maker.id => a,
        _ => return Err(bad(&t!("authz-why-not-announced"))),
    };
    match prev {
        None => {
            if r.version != 1 || r.prev_proof.is_some() || r.prev_hash != [0u8; 32] {
                return Err(bad(&t!("authz-why-not-first")));
            }
            // For the S chain this includes its list (announce.rs): the folder's of that time.
            check_creation(s.conn(), said).map_err(|w| bad(&w))?;
        }
        Some(p) => {
            if p.version + 1 != r.version || r.prev_hash != p.hash(store_id, f) {
                return Err(bad(&t!("authz-why-not-following")));
            }
            if !p.list.admits(maker, r.tier) {
                return Err(bad(&t!("authz-why-maker-not-listed")));
            }
        }
    }
    Ok(h)
}

/// A first version is bound to the making of its chain: announced by `folder-create` or
/// `key-create`, and linked into the chain (the next entry, if any, names its hash).
fn check_creation(conn: &Connection, said: &Vouched) -> std::result::Result<(), String> {
    let why = || t!("authz-why-not-announced-chain");
    if !matches!(said.act.as_str(), "folder-create" | "key-create") {
        return Err(why());
    }
    let e = entry_at(conn, said.seq)
        .map_err(|_| why())?
        .ok_or_else(why)?;
    match entry_at(conn, said.seq + 1).map_err(|_| why())? {
        Some(next) if !crate::crypto::ct_eq(&next.prev_hash, &e.hash) => Err(why()),
        _ => Ok(()),
    }
}
