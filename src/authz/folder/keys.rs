//! Folder keys as a user gets them: unwrapped with their own agreement key, and checked
//! against their version's signed record before anything is done with them.
//!
//! [`FolderKey`] is the typestate: only [`Session::folder_key`] makes one, after the record
//! chain up to that version has passed every check (records.rs) and the key matches its
//! commitment; only a `FolderKey` derives document content keys. A user's pins (pins.rs)
//! remember how far each chain was checked, so a chain rolled back or changed below what they
//! saw is refused, and a checked chain needs no signature checks again.

use super::announce::Vouched;
use super::records::{self, planted, FolderIds, Record};
use super::Tier;
use crate::crypto::stream::ContentKey;
use crate::crypto::{encode_fields, labels, SecretKey};
use crate::identity::Session;
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension};

/// A queue of work on folder keys whose batches [`Session::open_batches_for`] opens ahead.
#[derive(Clone, Copy, Debug)]
pub(super) enum Pending {
    Grants,
    Rotations,
}

impl Pending {
    fn table(self) -> &'static str {
        match self {
            Pending::Grants => "folder_grants_pending",
            Pending::Rotations => "folder_rotations_pending",
        }
    }
}

/// A folder key that has passed its record check. Crate-private, and made only here.
pub(crate) struct FolderKey {
    folder: i64,
    tier: Tier,
    version: i64,
    key: SecretKey,
}

impl std::fmt::Debug for FolderKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FolderKey({} {:?} v{})",
            self.folder, self.tier, self.version
        )
    }
}

impl FolderKey {
    /// The key version.
    pub(crate) fn version(&self) -> i64 {
        self.version
    }

    /// The tier.
    pub(crate) fn tier(&self) -> Tier {
        self.tier
    }

    /// The content key of one document version under this folder key.
    pub(crate) fn content_key(&self, salt: &[u8; 32]) -> Result<ContentKey> {
        ContentKey::derive(&self.key, salt)
    }

    /// The secret, for the folder module's own use (wrapping it to a reader, proving it) and
    /// the attacker tests.
    pub(crate) fn secret(&self) -> &SecretKey {
        &self.key
    }
}

/// The associated data of one wrap: store, folder, tier, version, recipient and batch.
pub(super) fn wrap_aad(
    store_id: &[u8],
    folder: i64,
    tier: Tier,
    version: i64,
    user: i64,
    batch: i64,
) -> Vec<u8> {
    encode_fields(
        labels::AAD_FOLDER_WRAP,
        &[
            store_id,
            &folder.to_be_bytes(),
            tier.as_str().as_bytes(),
            &version.to_be_bytes(),
            &user.to_be_bytes(),
            &batch.to_be_bytes(),
        ],
    )
}

impl Session {
    /// The ids that bind a folder's keys (id, person, uid, creation time).
    pub(crate) fn folder_ids(&self, folder: i64) -> Result<FolderIds> {
        self.conn()
            .prepare_cached("SELECT id, person_id, uid, created_at FROM folders WHERE id = ?1")?
            .query_row([folder], |r| {
                Ok(FolderIds {
                    id: r.get(0)?,
                    person_id: r.get(1)?,
                    uid: r.get(2)?,
                    created_at: r.get(3)?,
                })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound(t!("authz-folder-not-found", folder = folder)))
    }

    /// Whether this user holds a wrap of a key version.
    pub(crate) fn holds(&self, folder: i64, tier: Tier, version: i64) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM folder_key_wraps WHERE user_id = ?1
                   AND folder_id = ?2 AND tier = ?3 AND version = ?4)",
            )?
            .query_row(
                params![self.user().id, folder, tier.as_str(), version],
                |r| r.get(0),
            )?)
    }

    /// The key of `(folder, tier, version)`: unwrapped with this user's key, its record chain
    /// checked up to that version, and the key matched against its commitment. Refused (rule
    /// "not on the list") if this user holds no wrap of it; an integrity error if any check
    /// fails, and then nothing is read or written under it.
    pub(crate) fn folder_key(&self, folder: i64, tier: Tier, version: i64) -> Result<FolderKey> {
        let cache_key = (folder, tier.as_char(), version);
        if let Some(k) = self.caches().folder_keys.borrow().get(&cache_key) {
            return Ok(FolderKey {
                folder,
                tier,
                version,
                key: k.clone(),
            });
        }
        let f = self.folder_ids(folder)?;
        let key = self.unwrap_own(&f, tier, version)?;
        let record = self.checked_record(&f, tier, version)?;
        let commit = records::commitment(&key, &self.meta().store_id, &f, tier, version)?;
        if !crate::crypto::ct_eq(&commit, &record.commitment) {
            return Err(planted(
                &f,
                tier,
                version,
                &t!("authz-why-wrong-wrapped-key"),
            ));
        }
        self.caches()
            .folder_keys
            .borrow_mut()
            .insert(cache_key, key.clone());
        Ok(FolderKey {
            folder,
            tier,
            version,
            key,
        })
    }

    fn unwrap_own(&self, f: &FolderIds, tier: Tier, version: i64) -> Result<SecretKey> {
        let me = self.user().id;
        let row: Option<(i64, Vec<u8>)> = self
            .conn()
            .prepare_cached(
                "SELECT batch_id, sealed FROM folder_key_wraps
                 WHERE user_id = ?1 AND folder_id = ?2 AND tier = ?3 AND version = ?4",
            )?
            .query_row(params![me, f.id, tier.as_str(), version], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (batch, sealed) = row.ok_or_else(|| Error::Refused {
            rule: "not on the list", // untranslated: refusal rule name (rule_label shows it)
            message: t!(
                "authz-holds-no-key",
                name = self.user().name.as_str(),
                tier = tier.label()
            ),
        })?;
        let broken = || planted(f, tier, version, &t!("authz-why-wrapped-key-fails"));
        let bk = self.batch_key(batch).map_err(|_| broken())?;
        let aad = wrap_aad(&self.meta().store_id, f.id, tier, version, me, batch);
        let plain = bk.open(&aad, &sealed).map_err(|_| broken())?;
        SecretKey::from_slice(&plain).ok_or_else(broken)
    }

    /// Opens, on every core, the batches of this user's wraps of the chains queued in
    /// `pending` (`folder_grants_pending` or `folder_rotations_pending`), so that passing
    /// ten thousand folder keys on waits for half as many agreements in a row. Each folder
    /// created alone has a batch of its own, so this is one X25519 agreement per folder: the
    /// largest cost of a grant once the records are pinned (issue 11). A batch that fails to
    /// open is left for the folder's own path to report.
    pub(super) fn open_batches_for(&self, pending: Pending) -> Result<()> {
        let sql = format!(
            "SELECT b.id, b.ephemeral FROM key_batches b WHERE b.user_id = ?1 AND b.id IN (
               SELECT w.batch_id FROM folder_key_wraps w JOIN {} p
                 ON p.folder_id = w.folder_id AND p.tier = w.tier WHERE w.user_id = ?1)",
            pending.table()
        );
        let todo: Vec<(i64, Vec<u8>)> = {
            let cached = self.caches().batches.borrow();
            self.conn()
                .prepare(&sql)?
                .query_map([self.user().id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .filter(|r| r.as_ref().map_or(true, |(id, _)| !cached.contains_key(id)))
                .collect::<std::result::Result<_, _>>()?
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Below a few dozen, threads cost more than they save.
        if todo.len() < 64 || cores < 2 {
            return Ok(());
        }
        let agreement = self.agreement();
        let chunk = todo.len().div_ceil(cores);
        let opened: Vec<(i64, crate::crypto::agree::BatchKey)> = std::thread::scope(|scope| {
            let workers: Vec<_> = todo
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .filter_map(|(id, eph)| {
                                agreement.open_batch(eph).ok().map(|k| (*id, k))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        });
        self.caches().batches.borrow_mut().extend(opened);
        Ok(())
    }

    fn batch_key(&self, batch: i64) -> Result<crate::crypto::agree::BatchKey> {
        if let Some(k) = self.caches().batches.borrow().get(&batch) {
            return Ok(k.clone());
        }
        let eph: Vec<u8> = self
            .conn()
            .prepare_cached("SELECT ephemeral FROM key_batches WHERE id = ?1 AND user_id = ?2")?
            .query_row(params![batch, self.user().id], |r| r.get(0))?;
        let k = self
            .agreement()
            .open_batch(&eph)
            .map_err(|_| Error::Integrity(t!("authz-batch-fails")))?;
        self.caches().batches.borrow_mut().insert(batch, k.clone());
        Ok(k)
    }

    /// The record of `version`, after the chain up to it has been checked: from this
    /// session's cache or this user's pin if already checked (hash links only), else by every
    /// rule, version by version, and then pinned.
    pub(crate) fn checked_record(&self, f: &FolderIds, tier: Tier, version: i64) -> Result<Record> {
        let store_id = self.meta().store_id.clone();
        let newest = records::newest(self.conn(), f.id, tier)?
            .ok_or_else(|| planted(f, tier, version, &t!("authz-why-no-record-of-key")))?;
        if version > newest || version < 1 {
            return Err(planted(
                f,
                tier,
                version,
                &t!("authz-why-no-record-of-version"),
            ));
        }
        let load = |v: i64| -> Result<Record> {
            records::load(self.conn(), f.id, tier, v)?
                .ok_or_else(|| planted(f, tier, v, &t!("authz-why-chain-record-missing")))
        };
        // Rollback and planting matter where the newest key is used (writing, passing keys
        // on, a new list); an older version is only read under, and its record is checked
        // through the chain below.
        let key = (f.id, tier.as_char());
        let top = self.verified_top(f, tier, newest)?;
        // The chain as the log vouches for it, read once for every check below.
        let mut vouched = None;
        if version == newest && !self.caches().announced.borrow().contains(&key) {
            let rec = load(newest)?;
            let h = rec.hash(&store_id, f);
            let pinned = top.is_some_and(|(tv, th)| tv == newest && th == h);
            vouched = self.check_announced(f, tier, &rec, &h, pinned)?;
            self.caches().announced.borrow_mut().insert(key);
        }
        let (mut at, mut rec) = match top {
            Some((tv, th)) => {
                let r = load(tv)?;
                if r.hash(&store_id, f) != th {
                    return Err(self.rolled_back(f, tier, tv));
                }
                (tv, r)
            }
            None => {
                let r = load(1)?;
                let chain = self.chain_once(&mut vouched, f, tier)?;
                let h = records::check_public(self, f, &r, None, chain)?;
                self.mark_verified(f, tier, 1, h);
                (1, r)
            }
        };
        // Below what was checked: follow the hash links down.
        while at > version {
            let below = load(at - 1)?;
            if rec.prev_hash != below.hash(&store_id, f) {
                return Err(planted(f, tier, at, &t!("authz-why-chain-broken")));
            }
            at -= 1;
            rec = below;
        }
        // Above: check each new version by every rule.
        while at < version {
            let next = load(at + 1)?;
            let chain = self.chain_once(&mut vouched, f, tier)?;
            let h = records::check_public(self, f, &next, Some(&rec), chain)?;
            let prev_key = self.folder_key(f.id, tier, at).map_err(|e| match e {
                Error::Refused { .. } => planted(f, tier, at + 1, &t!("authz-why-no-previous")),
                other => other,
            })?;
            if !records::proof_holds(prev_key.secret(), &store_id, f, &next)? {
                return Err(planted(
                    f,
                    tier,
                    at + 1,
                    &t!("authz-why-maker-lacked-previous"),
                ));
            }
            self.mark_verified(f, tier, at + 1, h);
            at += 1;
            rec = next;
        }
        Ok(rec)
    }

    /// The vouched chain, read from the log the first time it is asked for.
    fn chain_once<'c>(
        &self,
        read: &'c mut Option<Vec<Vouched>>,
        f: &FolderIds,
        tier: Tier,
    ) -> Result<&'c [Vouched]> {
        if read.is_none() {
            *read = Some(self.vouched_chain(f, tier)?);
        }
        Ok(read.as_deref().unwrap_or_default())
    }

    /// How far this user has checked the chain: this session's cache, else their pin. A pin
    /// above the newest record means the chain was rolled back.
    fn verified_top(
        &self,
        f: &FolderIds,
        tier: Tier,
        newest: i64,
    ) -> Result<Option<(i64, [u8; 32])>> {
        let cached = self
            .caches()
            .chains
            .borrow()
            .get(&(f.id, tier.as_char()))
            .copied();
        let top = match cached {
            Some(t) => Some(t),
            None => self.load_pin(f, tier)?,
        };
        if let Some((tv, _)) = top {
            if tv > newest {
                return Err(self.rolled_back(f, tier, tv));
            }
        }
        Ok(top)
    }

    fn mark_verified(&self, f: &FolderIds, tier: Tier, version: i64, hash: [u8; 32]) {
        let k = (f.id, tier.as_char());
        let mut chains = self.caches().chains.borrow_mut();
        if chains.get(&k).is_none_or(|(v, _)| *v < version) {
            chains.insert(k, (version, hash));
            self.caches()
                .pins_due
                .borrow_mut()
                .insert(k, (version, hash));
        }
    }

    fn rolled_back(&self, f: &FolderIds, tier: Tier, seen: i64) -> Error {
        Error::Integrity(t!(
            "authz-keys-rolled-back",
            person = f.person_id,
            tier = tier.label(),
            seen = seen
        ))
    }
}
