//! Unlock and the authenticated session: the typestate that guards every read of the store.

use super::account::{parse_user_name, Account, Status};
use super::keyslots::{KeyslotFile, Lookup};
use crate::crypto::agree::AgreementKey;
use crate::crypto::sign::SigningKey;
use crate::crypto::{aead, Passphrase, SecretKey};
use crate::store::db::Db;
use crate::store::{fsutil, migrate, StorePaths};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use zeroize::Zeroizing;

/// The store's identity, from `store_meta`.
#[derive(Clone, Debug, Serialize)]
pub struct StoreMeta {
    /// Random id binding the keyslots file to this database.
    #[serde(skip)]
    pub store_id: Vec<u8>,
    /// `ksf`, `region` or `local`.
    pub level: String,
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
    pub(crate) fn load(db: &Db) -> Result<StoreMeta> {
        Ok(db.conn().query_row(
            "SELECT store_id, level, unit, region, created_at, kdf_m_kib, kdf_t, kdf_p, demo
             FROM store_meta WHERE id = 1",
            [],
            |r| {
                Ok(StoreMeta {
                    store_id: r.get(0)?,
                    level: r.get(1)?,
                    unit: r.get(2)?,
                    region: r.get(3)?,
                    created_at: r.get(4)?,
                    kdf: crate::crypto::kdf::KdfParams {
                        m_kib: r.get(5)?,
                        t: r.get(6)?,
                        p: r.get(7)?,
                    },
                    demo: r.get(8)?,
                })
            },
        )?)
    }
}

/// An unlocked store and the person who unlocked it. Holding one proves the passphrase was
/// right, the account is active, and the user's private keys decrypted.
#[derive(Debug)]
pub struct Session {
    pub(crate) paths: StorePaths,
    pub(crate) db: Db,
    pub(crate) store_key: SecretKey,
    pub(crate) meta: StoreMeta,
    pub(crate) user: Account,
    pub(crate) signing: SigningKey,
    pub(crate) agreement: AgreementKey,
    /// The unit's public signing key as this user learnt it at enrolment, from their own
    /// sealed secrets: the anchor that account certificates are checked against.
    pub(crate) anchor: [u8; 32],
    /// Folder keys this session has unwrapped and checked against their signed record, by
    /// (folder, version); zeroized when the session ends.
    pub(crate) verified_keys: std::cell::RefCell<std::collections::HashMap<(i64, i64), SecretKey>>,
    /// Accounts whose certificate this session has checked, by id (certificates never
    /// change; a new account is looked up on first use).
    pub(crate) cert_cache:
        std::cell::RefCell<std::collections::HashMap<i64, super::unit::Certified>>,
}

/// Associated data for a user's sealed private keys: bound to store, user id and name.
pub(crate) fn secrets_aad(store_id: &[u8], user_id: i64, name: &str) -> Vec<u8> {
    let mut a = b"infoflyt user secrets v1\0".to_vec();
    a.extend_from_slice(store_id);
    a.extend_from_slice(&user_id.to_be_bytes());
    a.extend_from_slice(name.as_bytes());
    a
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
    let bad = || {
        Error::Integrity(
            "your private keys in the store do not decrypt: the store is damaged or was \
             tampered with; report the incident"
                .into(),
        )
    };
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

/// Unlocks the store at `paths` as `name`.
pub fn unlock(paths: &StorePaths, name: &str, pass: &Passphrase) -> Result<Session> {
    paths.require_exists()?;
    let name = parse_user_name(name)?;
    let file = KeyslotFile::load(paths)?;
    let slot = match file.lookup(&name)? {
        Lookup::Slot(s) => s,
        Lookup::Revoked => {
            return Err(Error::Auth(format!(
                "the account {name} is disabled: ask your regional admin"
            )))
        }
        Lookup::Unknown => {
            return Err(Error::Auth(format!(
                "there is no account named {name} in this store: check --user (or \
                 INFOFLYT_USER)"
            )))
        }
    };
    let opened = file.open(slot, &name, pass)?;
    let mut db = Db::open(&paths.db(), &opened.store_key)?;
    migrate::apply(db.conn_mut())?;
    let meta = StoreMeta::load(&db)?;
    if Some(&meta.store_id) != file.store_id().as_ref() {
        return Err(Error::Integrity(
            "the keyslots file belongs to another store than the database beside it".into(),
        ));
    }
    let user: Option<Account> = db
        .conn()
        .query_row(
            &format!("SELECT {} FROM users WHERE name = ?1", Account::COLUMNS),
            [&name],
            Account::from_row,
        )
        .optional()?;
    let user = match user {
        Some(u) if u.status == Status::Active => u,
        Some(_) => {
            return Err(Error::Auth(format!(
                "the account {name} is disabled: ask your regional admin"
            )))
        }
        None => {
            return Err(Error::Auth(format!(
                "there is no account named {name} in this store"
            )))
        }
    };
    let sealed: Option<Vec<u8>> = db
        .conn()
        .query_row(
            "SELECT sealed FROM user_secrets WHERE user_id = ?1 AND kdf_salt = ?2",
            params![user.id, opened.salt],
            |r| r.get(0),
        )
        .optional()?;
    let sealed = sealed.ok_or_else(|| {
        Error::Integrity(format!(
            "the private keys of {name} are missing from the store; report the incident"
        ))
    })?;
    let (signing, agreement, anchor) = open_secrets(
        &opened.secrets_key,
        &secrets_aad(&meta.store_id, user.id, &name),
        &sealed,
    )?;
    // The account row must describe these very keys, and the unit key must be the one this
    // user was enrolled under: otherwise someone with the store key has edited them.
    let (sp, ap, unit_sp, cert): (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) = db.conn().query_row(
        "SELECT u.sign_public, u.agree_public, k.sign_public, u.cert FROM users u, unit_keys k
         WHERE u.id = ?1 AND k.id = 1",
        [user.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    // The user's own role and clearance must be the certified ones: a row edited to make a
    // clerk an admin, or to raise a clearance, is refused here.
    let certified = crate::crypto::sign::verify(
        &anchor,
        &super::unit::cert_message(&meta.store_id, &name, user.role, user.clearance, &sp, &ap),
        &cert,
    );
    if sp != signing.public() || ap != agreement.public() || unit_sp != anchor || !certified {
        return Err(Error::Integrity(format!(
            "the account record of {name} or the unit's key does not match the keys sealed \
             under {name}'s passphrase: someone holding the store key has changed them; report \
             the incident"
        )));
    }
    // Finish a passphrase change that was interrupted after its keyslot was written. Only
    // then is a write needed: a plain unlock takes no write lock.
    let stale: bool = db.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM user_secrets WHERE user_id = ?1 AND kdf_salt <> ?2)",
        params![user.id, opened.salt],
        |r| r.get(0),
    )?;
    if stale {
        db.write(|tx| {
            tx.execute(
                "DELETE FROM user_secrets WHERE user_id = ?1 AND kdf_salt <> ?2",
                params![user.id, opened.salt],
            )?;
            Ok(())
        })?;
    }
    fsutil::restrict_files(paths.dir())?;
    Ok(Session {
        paths: paths.clone(),
        db,
        store_key: opened.store_key,
        meta,
        user,
        signing,
        agreement,
        anchor,
        verified_keys: Default::default(),
        cert_cache: Default::default(),
    })
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

    /// The database, for the modules above identity.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The database, for writes.
    pub fn db_mut(&mut self) -> &mut Db {
        &mut self.db
    }

    /// This user's signing key.
    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// This user's agreement key.
    pub fn agreement_key(&self) -> &AgreementKey {
        &self.agreement
    }

    /// Refuses unless this user is an admin.
    pub fn require_admin(&self, act: &str) -> Result<()> {
        if self.user.role != super::Role::Admin {
            return Err(Error::Refused {
                rule: "role",
                message: format!(
                    "only an admin may {act}; {} is {}",
                    self.user.name, self.user.role
                ),
            });
        }
        Ok(())
    }
}
