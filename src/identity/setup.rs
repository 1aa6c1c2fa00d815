//! Creating a store: directory, database, keyslots file, unit keys and the first admin.
//!
//! Either the whole store is made or nothing is left: on any failure the files this call
//! created are removed again (DESIGN.md §8, "no partial write").

use super::account::{parse_user_name, Clearance, Level, Role};
use super::enrol::NewAccount;
use super::keyslots::KeyslotFile;
use super::session::{seal_secrets, secrets_aad};
use super::unit::{Grants, UnitKeys};
use crate::crypto::agree::AgreementKey;
use crate::crypto::kdf::{self, KdfParams};
use crate::crypto::sign::SigningKey;
use crate::crypto::{rand, Passphrase, SecretKey};
use crate::store::db::Db;
use crate::store::{fsutil, migrate, StorePaths, DB_FILE, KEYSLOTS_FILE, LOCK_FILE};
use crate::time::now_rfc3339;
use crate::{text, Error, Result};
use rusqlite::{params, Transaction};
use std::os::unix::fs::OpenOptionsExt;
use std::time::Duration;

/// What `init` needs.
#[derive(Debug)]
pub struct InitParams {
    /// Level of the unit.
    pub level: Level,
    /// Unit name.
    pub unit: String,
    /// Region of a local unit.
    pub region: Option<String>,
    /// First admin's user name.
    pub admin: String,
    /// Target unlock time for Argon2id calibration.
    pub kdf_target: Duration,
    /// Exact Argon2id parameters instead of calibrating (checked against the floor): for a
    /// benchmark whose store must unlock at the same cost as another store. `init` calibrates.
    pub kdf: Option<KdfParams>,
    /// Marks a quickstart store.
    pub demo: bool,
}

/// What the hook of [`create_store`] runs in: the new store's id and first admin.
pub(crate) type FirstAdminHook<'h> =
    dyn FnOnce(&Transaction<'_>, &[u8], NewAccount<'_>) -> Result<()> + 'h;

/// Creates a new store at `paths` with `admin_pass` for the first admin. `hook(tx, store id,
/// admin)` runs inside the transaction that makes the admin (the layers above record what the
/// account signs from the start, such as its first log witness).
pub(crate) fn create_store(
    paths: &StorePaths,
    p: &InitParams,
    admin_pass: &Passphrase,
    hook: Box<FirstAdminHook<'_>>,
) -> Result<()> {
    let unit = text::field(&crate::t!("identity-field-unit-name"), &p.unit, 100, false)?;
    let region = text::opt_field(
        &crate::t!("identity-field-region-name"),
        p.region.as_deref(),
        100,
        false,
    )?;
    if p.level == Level::Local && region.is_none() {
        return Err(Error::Usage(crate::t!("identity-local-needs-region")));
    }
    let admin = parse_user_name(&p.admin)?;
    super::passphrase::check_new(admin_pass, &admin, &unit)?;
    let params = match p.kdf {
        Some(k) => {
            k.check()?;
            k
        }
        None => kdf::calibrate(p.kdf_target)?,
    };
    let existed = paths.dir().exists();
    fsutil::create_private_dir(paths.dir())?;
    // Claim the directory: of two `init`s racing into it, exactly one goes on, and the other
    // leaves without touching the winner's files.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(paths.lock())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(crate::t!(
                "identity-init-claimed",
                path = paths.dir().display().to_string()
            )),
            _ => Error::io(crate::t!(
                "store-cannot-create",
                path = paths.lock().display().to_string()
            ))(e),
        })?;
    let res = build(
        paths,
        p,
        &unit,
        region.as_deref(),
        &admin,
        admin_pass,
        &params,
        hook,
    );
    if res.is_err() {
        for f in [DB_FILE, KEYSLOTS_FILE, LOCK_FILE] {
            let _ = std::fs::remove_file(paths.dir().join(f));
        }
        for f in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(paths.dir().join(format!("{DB_FILE}{f}")));
        }
        if !existed {
            let _ = std::fs::remove_dir(paths.dir());
        }
    }
    res
}

/// The store's identity and the unit's public keys.
#[allow(clippy::too_many_arguments)] // the facts of one new store
fn insert_store(
    tx: &Transaction<'_>,
    store_id: &[u8],
    p: &InitParams,
    unit: &str,
    region: Option<&str>,
    now: &str,
    params: &KdfParams,
    unit_keys: &UnitKeys,
) -> Result<()> {
    tx.execute(
        "INSERT INTO store_meta (id, store_id, level, unit, region, created_at,
                                 kdf_m_kib, kdf_t, kdf_p, demo)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            store_id.to_vec(),
            p.level.as_str(),
            unit,
            region,
            now,
            params.m_kib,
            params.t,
            params.p,
            p.demo
        ],
    )?;
    tx.execute(
        "INSERT INTO unit_keys (id, sign_public, agree_public, created_at) VALUES (1, ?1, ?2, ?3)",
        params![
            unit_keys.signing.public().to_vec(),
            unit_keys.agreement.public().to_vec(),
            now
        ],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)] // everything one new store is made of
fn build(
    paths: &StorePaths,
    p: &InitParams,
    unit: &str,
    region: Option<&str>,
    admin: &str,
    admin_pass: &Passphrase,
    params: &KdfParams,
    hook: Box<FirstAdminHook<'_>>,
) -> Result<()> {
    let store_key = SecretKey::generate()?;
    let store_id: [u8; 16] = rand::array()?;
    let mut file = KeyslotFile::new(&store_id);
    let slot = file.make_slot(admin, admin_pass, params, &store_key)?;
    let signing = SigningKey::generate()?;
    let agreement = AgreementKey::generate()?;
    let unit_keys = UnitKeys::generate()?;
    let now = now_rfc3339();

    let mut db = Db::create(&paths.db(), &store_key)?;
    migrate::apply(db.conn_mut())?;
    db.write(|tx| {
        insert_store(tx, &store_id, p, unit, region, &now, params, &unit_keys)?;
        tx.execute(
            "INSERT INTO users (name, role, clearance, contact_order, decision_authority,
                                sign_public, agree_public, cert, created_at)
             VALUES (?1, ?2, ?3, 1, 1, ?4, ?5, zeroblob(64), ?6)",
            params![
                admin,
                Role::Admin.as_str(),
                Clearance::StrengtFortrolig.as_str(),
                signing.public().to_vec(),
                agreement.public().to_vec(),
                now
            ],
        )?;
        let uid = tx.last_insert_rowid();
        // The certificate binds the row id, known only now, and the first admin's decision
        // authority, as the row says.
        let cert = unit_keys.certify(
            &store_id,
            uid,
            admin,
            Grants {
                role: Role::Admin,
                clearance: Clearance::StrengtFortrolig,
                decision_authority: true,
            },
            &signing.public(),
            &agreement.public(),
        );
        tx.execute(
            "UPDATE users SET cert = ?2 WHERE id = ?1",
            params![uid, cert],
        )?;
        let sealed = seal_secrets(
            &slot.secrets_key,
            &secrets_aad(&store_id, uid, admin),
            &signing,
            &agreement,
            &unit_keys.signing.public(),
        )?;
        tx.execute(
            "INSERT INTO user_secrets (user_id, kdf_salt, sealed) VALUES (?1, ?2, ?3)",
            params![uid, slot.salt, sealed],
        )?;
        tx.execute(
            "INSERT INTO unit_key_wraps (user_id, wrapped) VALUES (?1, ?2)",
            params![uid, unit_keys.wrap_to(&store_id, &agreement.public())?],
        )?;
        let account = NewAccount {
            id: uid,
            name: admin,
            role: Role::Admin,
            clearance: Clearance::StrengtFortrolig,
            signing: &signing,
        };
        hook(tx, &store_id, account)
    })?;
    drop(db);
    file.put(slot.slot);
    file.save(paths)?;
    fsutil::sync_dir(paths.dir())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::kdf::{KdfParams, MIN_MEMORY_KIB, MIN_PASSES};

    fn params(kdf: Option<KdfParams>) -> InitParams {
        InitParams {
            level: Level::Local,
            unit: "Test unit".into(),
            region: Some("Test region".into()),
            admin: "admin".into(),
            kdf_target: Duration::from_millis(1),
            kdf,
            demo: false,
        }
    }

    /// Exact Argon2id parameters (for benchmarks comparing two stores) are taken as given,
    /// and never below the floor.
    #[test]
    fn exact_kdf_parameters_are_used_and_never_below_the_floor() {
        let pass = Passphrase::from("a long enough passphrase for the test store");
        let dir = tempfile::tempdir().unwrap();
        let below = KdfParams {
            m_kib: MIN_MEMORY_KIB / 2,
            t: MIN_PASSES,
            p: 1,
        };
        let paths = StorePaths::new(dir.path().join("low"));
        let hook = Box::new(|_: &Transaction<'_>, _: &[u8], _: NewAccount<'_>| Ok(()));
        assert!(create_store(&paths, &params(Some(below)), &pass, hook).is_err());
        assert!(!paths.dir().exists(), "refused, yet a store was begun");
        let exact = KdfParams {
            m_kib: MIN_MEMORY_KIB,
            t: MIN_PASSES + 1,
            p: 1,
        };
        let paths = StorePaths::new(dir.path().join("exact"));
        let hook = Box::new(|_: &Transaction<'_>, _: &[u8], _: NewAccount<'_>| Ok(()));
        create_store(&paths, &params(Some(exact)), &pass, hook).unwrap();
        let text = std::fs::read_to_string(paths.dir().join("keyslots.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["slots"][0]["kdf"]["t"], u64::from(MIN_PASSES + 1));
    }
}
