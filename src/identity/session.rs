//! Unlock and the authenticated session: the typestate that guards every read of the store.
//!
//! A [`Session`]'s fields are private. The modules above reach the database only through
//! [`Session::conn`] (reads) and [`Session::write`] (one transaction, handed the acting user),
//! and the user's private keys never leave this module except as the narrow crate-private
//! accessors below. Nothing outside the crate can get a key or the database handle.

use super::account::{parse_user_name, Account, Level, Status};
use super::keyslots::{KeyslotFile, Lookup};
use super::unit::Certified;
use crate::crypto::agree::{AgreementKey, BatchKey};
use crate::crypto::sign::SigningKey;
use crate::crypto::{aead, labels, Passphrase, SecretKey};
use crate::store::db::Db;
use crate::store::{fsutil, migrate, StorePaths};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use zeroize::Zeroizing;

/// The store's identity, from `store_meta`.
#[derive(Clone, Debug, Serialize)]
pub struct StoreMeta {
    /// Random id binding the keyslots file to this database.
    #[serde(skip)]
    pub store_id: Vec<u8>,
    /// The unit's level.
    pub level: Level,
    /// The unit's name.
    pub unit: String,
    /// The region a local unit belongs to.
    pub region: Option<String>,
    /// When the store was made.
    pub created_at: String,
    /// Argon2id parameters for new keyslots.
    #[serde(skip)]
    pub kdf: crate::crypto::kdf::KdfParams,
    /// A quickstart demo store.
    pub demo: bool,
}

impl StoreMeta {
    pub(crate) fn load(conn: &Connection) -> Result<StoreMeta> {
        let (store_id, level, unit, region, created_at, m, t, p, demo): (
            Vec<u8>,
            String,
            String,
            Option<String>,
            String,
            u32,
            u32,
            u32,
            bool,
        ) = conn.query_row(
            "SELECT store_id, level, unit, region, created_at, kdf_m_kib, kdf_t, kdf_p, demo
             FROM store_meta WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )?;
        Ok(StoreMeta {
            store_id,
            level: level
                .parse()
                .map_err(|_| Error::Integrity(crate::t!("identity-level-damaged")))?,
            unit,
            region,
            created_at,
            kdf: crate::crypto::kdf::KdfParams { m_kib: m, t, p },
            demo,
        })
    }
}

/// The acting user, as a write transaction sees them: for signing and logging inside it.
#[derive(Debug, Clone, Copy)]
pub struct Acting<'a> {
    /// The acting user.
    pub user: &'a Account,
    /// The store.
    pub meta: &'a StoreMeta,
    pub(crate) signing: &'a SigningKey,
    /// Key versions this transaction made, to pin once it commits.
    made: &'a RefCell<HashMap<ChainId, Checked>>,
}

impl Acting<'_> {
    /// Signs `msg` with the acting user's key.
    pub(crate) fn sign(&self, msg: &[u8]) -> crate::crypto::sign::Signature {
        self.signing.sign(msg)
    }

    /// The acting user's public signing key.
    pub(crate) fn sign_public(&self) -> [u8; 32] {
        self.signing.public()
    }

    /// Notes the first version of a chain this transaction made with its folder: once the
    /// transaction commits, the session pins it (a reader who made a folder passes its keys
    /// on without checking its records' signatures). Forgotten if it rolls back. Only for
    /// a folder made in the same transaction (see `authz::folder::create`).
    pub(crate) fn made(&self, chain: ChainId, checked: Checked) {
        self.made.borrow_mut().insert(chain, checked);
    }
}

/// A folder key chain: (folder, tier).
pub(crate) type ChainId = (i64, char);
/// How far a chain was checked: (version, that record's hash).
pub(crate) type Checked = (i64, [u8; 32]);

/// What a session has checked once and need not check again, and secrets it derived, for the
/// length of the session; zeroized when the session ends. Keyed by plain ids so the layers
/// above can keep their facts here without this layer knowing their types.
#[derive(Default)]
pub(crate) struct Caches {
    /// Accounts whose certificate was checked, by id.
    pub(crate) certs: RefCell<HashMap<i64, Certified>>,
    /// Folder keys that passed their record check, by (folder, tier, version).
    pub(crate) folder_keys: RefCell<HashMap<(i64, char, i64), SecretKey>>,
    /// Batch keys opened with this user's agreement key, by batch id.
    pub(crate) batches: RefCell<HashMap<i64, BatchKey>>,
    /// Folder key chains verified this session: (folder, tier) → (version, record hash).
    pub(crate) chains: RefCell<HashMap<ChainId, Checked>>,
    /// Pins to write at the next write: (folder, tier) → (version, record hash).
    pub(crate) pins_due: RefCell<HashMap<ChainId, Checked>>,
    /// Key versions the open write transaction made (see [`Acting::made`]).
    pub(crate) made: RefCell<HashMap<ChainId, Checked>>,
    /// Chains whose newest record this session found announced in the use log.
    pub(crate) announced: RefCell<std::collections::HashSet<ChainId>>,
    /// Use-log entries checked this session, by sequence number: (hash, signer's certified
    /// account and whether it had been taken off the list before the entry).
    pub(crate) entries: RefCell<HashMap<i64, CheckedEntry>>,
    /// Log entries found in the chain where their number puts them (`audit::checked`), by
    /// sequence number, with their hash.
    pub(crate) chained: RefCell<HashMap<i64, Vec<u8>>>,
    /// Checked removals from the list (name → sequence number), with the newest
    /// `list-remove` entry they were read up to.
    pub(crate) removals: RefCell<Option<RemovalsRead>>,
    /// Account names whose row failed its certificate this session (left out, reported).
    pub(crate) uncertified: RefCell<std::collections::BTreeSet<String>>,
    /// This session found the log broken or cut (`audit::verify::log_whole_above`): its
    /// witness stays where it was, so a later session does not take what is above it as seen.
    pub(crate) log_broken: std::cell::Cell<bool>,
    /// Signature checks owed by the read under way (`identity::deferred`).
    pub(crate) deferred: super::deferred::Deferred,
}

impl Caches {
    /// Forgets everything: after a transaction that rolled back, what it checked or made
    /// may name rows that no longer exist (or that a later row will reuse the id of).
    pub(crate) fn clear(&self) {
        self.certs.borrow_mut().clear();
        self.folder_keys.borrow_mut().clear();
        self.batches.borrow_mut().clear();
        self.chains.borrow_mut().clear();
        self.pins_due.borrow_mut().clear();
        self.made.borrow_mut().clear();
        self.announced.borrow_mut().clear();
        self.entries.borrow_mut().clear();
        self.chained.borrow_mut().clear();
        *self.removals.borrow_mut() = None;
    }
}
/// Checked removals as cached: the newest `list-remove` entry read, and name → its removal.
pub(crate) type RemovalsRead = (Option<i64>, HashMap<String, i64>);

/// A checked use-log entry as cached: its hash, and its signer if it checked.
pub(crate) type CheckedEntry = (Vec<u8>, Option<(Certified, bool)>);

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Caches(..)")
    }
}

/// An unlocked store and the person who unlocked it. Holding one proves the passphrase was
/// right, the account is active, and the user's private keys decrypted.
#[derive(Debug)]
pub struct Session {
    paths: StorePaths,
    db: Db,
    store_key: SecretKey,
    meta: StoreMeta,
    user: Account,
    signing: SigningKey,
    agreement: AgreementKey,
    /// The unit's public signing key as this user learnt it at enrolment, from their own
    /// sealed secrets: the anchor that account certificates are checked against.
    anchor: [u8; 32],
    /// This user's key for MACs over their own state (pins), derived from their private key.
    state_key: SecretKey,
    caches: Caches,
}

/// Associated data for a user's sealed private keys: bound to store, user id and name.
pub(crate) fn secrets_aad(store_id: &[u8], user_id: i64, name: &str) -> Vec<u8> {
    crate::crypto::encode_fields(
        labels::AAD_USER_SECRETS,
        &[store_id, &user_id.to_be_bytes(), name.as_bytes()],
    )
}

/// Seals a user's two private keys and their trust anchor for `user_secrets`.
pub(crate) fn seal_secrets(
    key: &SecretKey,
    aad: &[u8],
    signing: &SigningKey,
    agreement: &AgreementKey,
    anchor: &[u8; 32],
) -> Result<Vec<u8>> {
    let mut plain = Zeroizing::new(Vec::with_capacity(96));
    plain.extend_from_slice(signing.seed());
    plain.extend_from_slice(&agreement.to_bytes()[..]);
    plain.extend_from_slice(anchor);
    aead::seal(key, aad, &plain)
}

type Secrets = (SigningKey, AgreementKey, [u8; 32]);

fn open_secrets(key: &SecretKey, aad: &[u8], sealed: &[u8]) -> Result<Secrets> {
    let bad = || Error::Integrity(crate::t!("identity-secrets-do-not-decrypt"));
    let plain = aead::open(key, aad, sealed).map_err(|_| bad())?;
    if plain.len() != 96 {
        return Err(bad());
    }
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(&plain[..32]);
    let mut agree = Zeroizing::new([0u8; 32]);
    agree.copy_from_slice(&plain[32..64]);
    let mut anchor = [0u8; 32];
    anchor.copy_from_slice(&plain[64..]);
    Ok((
        SigningKey::from_seed(seed)?,
        AgreementKey::from_bytes(agree),
        anchor,
    ))
}

fn find_slot<'f>(file: &'f KeyslotFile, name: &str) -> Result<&'f super::keyslots::Keyslot> {
    match file.lookup(name)? {
        Lookup::Slot(s) => Ok(s),
        Lookup::Revoked => Err(Error::Auth(crate::t!(
            "identity-account-disabled",
            name = name
        ))),
        Lookup::Unknown => Err(Error::Auth(crate::t!(
            "identity-no-account-check-name",
            name = name
        ))),
    }
}

fn load_account(conn: &Connection, name: &str) -> Result<Account> {
    let user: Option<Account> = conn
        .query_row(
            &format!("SELECT {} FROM users WHERE name = ?1", Account::COLUMNS),
            [name],
            Account::from_row,
        )
        .optional()?;
    match user {
        Some(u) if u.status == Status::Active => Ok(u),
        Some(_) => Err(Error::Auth(crate::t!(
            "identity-account-disabled",
            name = name
        ))),
        None => Err(Error::Auth(crate::t!(
            "identity-no-account-in-store",
            name = name
        ))),
    }
}

/// Unlocks the store at `paths` as `name`.
pub fn unlock(paths: &StorePaths, name: &str, pass: &Passphrase) -> Result<Session> {
    paths.require_exists()?;
    fsutil::check_private(paths.dir())?;
    let name = parse_user_name(name)?;
    let file = KeyslotFile::load(paths)?;
    let opened = file.open(find_slot(&file, &name)?, &name, pass)?;
    let mut db = Db::open(&paths.db(), opened.store_key())?;
    migrate::apply(db.conn_mut())?;
    let meta = StoreMeta::load(db.conn())?;
    if Some(&meta.store_id) != file.store_id().as_ref() {
        return Err(Error::Integrity(crate::t!("keyslot-other-store")));
    }
    let user = load_account(db.conn(), &name)?;
    let sealed: Option<Vec<u8>> = db
        .conn()
        .query_row(
            "SELECT sealed FROM user_secrets WHERE user_id = ?1 AND kdf_salt = ?2",
            params![user.id, opened.salt()],
            |r| r.get(0),
        )
        .optional()?;
    let sealed = sealed.ok_or_else(|| {
        Error::Integrity(crate::t!("identity-secrets-missing", name = name.as_str()))
    })?;
    let (signing, agreement, anchor) = open_secrets(
        opened.secrets_key(),
        &secrets_aad(&meta.store_id, user.id, &name),
        &sealed,
    )?;
    // A user enrolled under an older unit key follows the signed successions to the current
    // one (a holder left and the keys were rolled over), and keeps the new anchor.
    let anchor = match super::succession::follow(db.conn(), &meta.store_id, &anchor)? {
        Some(next) => {
            let keys = (&signing, &agreement);
            let (salt, key) = (opened.salt(), opened.secrets_key());
            super::succession::reseal(&mut db, &meta.store_id, &user, salt, key, keys, &next)?;
            next
        }
        None => anchor,
    };
    check_own_record(db.conn(), &meta, &user, &signing, &agreement, &anchor)?;
    // Finish a passphrase change that was interrupted after its keyslot was written. Only
    // then is a write needed: a plain unlock takes no write lock.
    let stale: bool = db.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM user_secrets WHERE user_id = ?1 AND kdf_salt <> ?2)",
        params![user.id, opened.salt()],
        |r| r.get(0),
    )?;
    if stale {
        let salt = opened.salt().to_vec();
        db.write(|tx| {
            tx.execute(
                "DELETE FROM user_secrets WHERE user_id = ?1 AND kdf_salt <> ?2", // untranslated: SQL
                params![user.id, salt],
            )?;
            Ok(())
        })?;
    }
    let state_key = agreement.state_key()?;
    Ok(Session {
        paths: paths.clone(),
        db,
        store_key: opened.into_store_key(),
        meta,
        user,
        signing,
        agreement,
        anchor,
        state_key,
        caches: Caches::default(),
    })
}

/// The account row must describe the keys sealed under the passphrase, the unit key must be
/// the one this user was enrolled under, and the user's own role, clearance and decision
/// authority must be the certified ones: otherwise someone with the store key has edited them
/// (a clerk made an admin, a clearance raised, decision authority granted to oneself).
fn check_own_record(
    conn: &Connection,
    meta: &StoreMeta,
    user: &Account,
    signing: &SigningKey,
    agreement: &AgreementKey,
    anchor: &[u8; 32],
) -> Result<()> {
    let (sp, ap, unit_sp, cert): (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) = conn.query_row(
        "SELECT u.sign_public, u.agree_public, k.sign_public, u.cert FROM users u, unit_keys k
         WHERE u.id = ?1 AND k.id = 1",
        [user.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let certified = crate::crypto::sign::verify(
        anchor,
        &super::unit::cert_message(
            &meta.store_id,
            user.id,
            &user.name,
            super::unit::Grants {
                role: user.role,
                clearance: user.clearance,
                decision_authority: user.decision_authority,
            },
            &sp,
            &ap,
        ),
        &cert,
    );
    if sp != signing.public() || ap != agreement.public() || unit_sp != anchor || !certified {
        return Err(Error::Integrity(crate::t!(
            "identity-record-mismatch",
            name = user.name.as_str()
        )));
    }
    Ok(())
}

impl Session {
    /// The person who unlocked.
    pub fn user(&self) -> &Account {
        &self.user
    }

    /// The store's identity.
    pub fn meta(&self) -> &StoreMeta {
        &self.meta
    }

    /// The store's paths.
    pub fn paths(&self) -> &StorePaths {
        &self.paths
    }

    /// The database connection, for reads by the modules of this crate.
    pub(crate) fn conn(&self) -> &Connection {
        self.db.conn()
    }

    /// The database, for its own checks (`verify`).
    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    /// Runs `f` in one write transaction, handing it the acting user so it can sign and log
    /// inside the same transaction. Nothing is kept unless `f` succeeds.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, Acting<'_>) -> Result<T>,
    ) -> Result<T> {
        self.not_removed_by_log()?;
        self.caches.made.borrow_mut().clear();
        let (id, anchor) = (self.user.id, self.anchor);
        let acting = Acting {
            user: &self.user,
            meta: &self.meta,
            signing: &self.signing,
            made: &self.caches.made,
        };
        let out = self.db.write(|tx| {
            super::standing::sitting_holds(tx, acting.user.name.as_str(), id, &anchor)?;
            f(tx, acting)
        });
        self.settle_made(out.is_ok());
        out
    }

    /// After a write transaction: pins the key versions it made if it committed, else
    /// forgets them.
    fn settle_made(&self, committed: bool) {
        let made: Vec<(ChainId, Checked)> = self.caches.made.borrow_mut().drain().collect();
        if !committed {
            return;
        }
        let mut chains = self.caches.chains.borrow_mut();
        let mut due = self.caches.pins_due.borrow_mut();
        let mut announced = self.caches.announced.borrow_mut();
        for (chain, checked) in made {
            // A new folder's chain: whatever this session held under its id (a folder
            // destroyed earlier in the session) is stale.
            chains.insert(chain, checked);
            due.insert(chain, checked);
            announced.remove(&chain);
        }
    }

    /// [`Session::write`] for bookkeeping that may be skipped: `Ok(None)` at once if another
    /// process holds the write lock, so the end of a read never waits on a writer.
    pub(crate) fn try_write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, Acting<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        self.not_removed_by_log()?;
        self.caches.made.borrow_mut().clear();
        let (id, anchor) = (self.user.id, self.anchor);
        let acting = Acting {
            user: &self.user,
            meta: &self.meta,
            signing: &self.signing,
            made: &self.caches.made,
        };
        let out = self.db.try_write(|tx| {
            super::standing::sitting_holds(tx, acting.user.name.as_str(), id, &anchor)?;
            f(tx, acting)
        });
        self.settle_made(matches!(out, Ok(Some(_))));
        out
    }

    /// [`Session::write`] for an act whose checks must see its own writes: one write
    /// transaction on the session's connection, during which the session's read methods
    /// (folder keys, lists, certificates) see what the transaction wrote so far. Nothing is
    /// kept unless `f` succeeds; on failure the session's caches are emptied, since they may
    /// name rows that were rolled back. An import files a package's documents into folders
    /// it creates in the same transaction this way.
    pub(crate) fn write_in_place<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, Acting<'_>) -> Result<T>,
    ) -> Result<T> {
        self.not_removed_by_log()?;
        let tx =
            Transaction::new_unchecked(self.db.conn(), rusqlite::TransactionBehavior::Immediate)?;
        self.caches.made.borrow_mut().clear();
        let out = super::standing::sitting_holds(&tx, &self.user.name, self.user.id, &self.anchor)
            .and_then(|()| f(&tx, self.acting()))
            .and_then(|v| tx.commit().map(|()| v).map_err(Into::into));
        if out.is_err() {
            self.caches.clear();
        }
        self.settle_made(out.is_ok());
        out
    }

    /// Takes `anchor` as the unit key this session trusts, after this session rolled the
    /// unit keys over itself (its own sealed anchor moves on at its next unlock).
    pub(crate) fn adopt_anchor(&mut self, anchor: [u8; 32]) {
        self.anchor = anchor;
        self.caches.clear();
    }

    /// Refuses (exit 3) a sitting that no longer holds: its account taken off the list (by
    /// the log's checked removals, or by its row), or the unit's keys renewed since it began
    /// (which every removal of a key holder does, so its certificates no longer check).
    /// Every write transaction checks it again inside (see [`sitting_holds`]), and the shell
    /// before each command. A sitting opened before its account was disabled (a `shell`, or a
    /// command running at that moment) otherwise went on reading, and every entry it then
    /// wrote was by an account already off the list: a break in the log that `verify`
    /// reported for good.
    pub(crate) fn still_on_list(&self) -> Result<()> {
        self.not_removed_by_log()?;
        super::standing::sitting_holds(self.db.conn(), &self.user.name, self.user.id, &self.anchor)
    }

    /// The part of [`Session::still_on_list`] a write checks before its transaction; the
    /// rest it checks inside, where it cannot race a removal.
    fn not_removed_by_log(&self) -> Result<()> {
        if self.checked_removals()?.contains_key(&self.user.name) {
            return Err(super::standing::removed(&self.user.name));
        }
        Ok(())
    }

    /// The acting user, outside a transaction.
    pub(crate) fn acting(&self) -> Acting<'_> {
        Acting {
            user: &self.user,
            meta: &self.meta,
            signing: &self.signing,
            made: &self.caches.made,
        }
    }

    /// This user's agreement key (to open wraps addressed to them).
    pub(crate) fn agreement(&self) -> &AgreementKey {
        &self.agreement
    }

    /// The unit's public signing key as this user was enrolled under it.
    pub(crate) fn anchor(&self) -> &[u8; 32] {
        &self.anchor
    }

    /// This user's state key (pins).
    pub(crate) fn state_key(&self) -> &SecretKey {
        &self.state_key
    }

    /// The store key (to make a keyslot for a new account or a new passphrase).
    pub(crate) fn store_key(&self) -> &SecretKey {
        &self.store_key
    }

    /// Session caches.
    pub(crate) fn caches(&self) -> &Caches {
        &self.caches
    }

    /// Refuses unless this user is an admin.
    pub fn require_admin(&self, act: &str) -> Result<()> {
        if self.user.role != super::Role::Admin {
            return Err(Error::Refused {
                rule: "role",
                message: crate::t!(
                    "identity-admin-only",
                    act = act,
                    name = self.user.name.as_str(),
                    role = self.user.role.as_str()
                ),
            });
        }
        Ok(())
    }
}
