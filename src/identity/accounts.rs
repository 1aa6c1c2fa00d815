//! Adding, listing, disabling accounts and changing passphrases.
//!
//! Each change touches two files, the keyslots file and the database; the order is chosen so
//! a crash between them never grants access that was meant to be gone:
//! - add: keyslot first, then the row (a slot without a row unlocks nothing);
//! - disable: row first (a row marked disabled refuses even if its slot survives), then the
//!   slot is destroyed;
//! - passwd: new secrets row, then the new slot, then the old row goes (unlock finishes the
//!   last step if a crash interrupted it).
//!
//! All of it runs under the keyslots lock, so two admins working at once queue.

use super::account::{parse_user_name, Account, Clearance, Role, Status};
use super::keyslots::KeyslotFile;
use super::session::{seal_secrets, secrets_aad};
use super::Session;
use crate::crypto::agree::AgreementKey;
use crate::crypto::sign::SigningKey;
use crate::crypto::Passphrase;
use crate::store::fsutil::FileLock;
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};

/// The acting admin, handed to the hooks that run inside an account change's transaction so
/// they can sign and log in the same transaction.
#[derive(Debug, Clone, Copy)]
pub struct Acting<'a> {
    /// The acting user.
    pub user: &'a Account,
    /// The store.
    pub meta: &'a super::StoreMeta,
    /// The acting user's signing key.
    pub signing: &'a SigningKey,
}

/// Puts `user_id` at contact order `order` among the active accounts and renumbers the
/// rest 1, 2, 3 … so orders stay unique and without gaps (R17).
pub(crate) fn place_in_order(
    tx: &rusqlite::Connection,
    user_id: i64,
    order: Option<i64>,
) -> Result<()> {
    let mut ids: Vec<i64> = tx
        .prepare(
            "SELECT id FROM users WHERE status = 'active' AND id <> ?1
             ORDER BY contact_order, name",
        )?
        .query_map([user_id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let at = order
        .map(|o| usize::try_from(o - 1).unwrap_or(0))
        .unwrap_or(ids.len())
        .min(ids.len());
    ids.insert(at, user_id);
    let mut st = tx.prepare("UPDATE users SET contact_order = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        st.execute(params![id, i64::try_from(i).unwrap_or(0) + 1])?;
    }
    Ok(())
}

/// Renumbers the active accounts 1, 2, 3 … in their present order (after one leaves).
pub(crate) fn renumber(tx: &rusqlite::Connection) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM users WHERE status = 'active' ORDER BY contact_order, name")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut st = tx.prepare("UPDATE users SET contact_order = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        st.execute(params![id, i64::try_from(i).unwrap_or(0) + 1])?;
    }
    Ok(())
}

/// The list with public keys, as signed into every list change sent to KSF (R19).
pub(crate) fn list_snapshot(tx: &rusqlite::Connection) -> Result<serde_json::Value> {
    let mut st = tx.prepare(&format!(
        "SELECT {}, sign_public, agree_public FROM users ORDER BY status = 'disabled', contact_order, name",
        Account::COLUMNS
    ))?;
    let rows = st.query_map([], |r| {
        let a = Account::from_row(r)?;
        let sp: Vec<u8> = r.get(8)?;
        let ap: Vec<u8> = r.get(9)?;
        Ok(serde_json::json!({
            "name": a.name, "role": a.role, "clearance": a.clearance, "order": a.order,
            "decision_authority": a.decision_authority, "status": a.status,
            "sign_public": crate::crypto::hex(&sp), "agree_public": crate::crypto::hex(&ap),
        }))
    })?;
    Ok(serde_json::Value::Array(
        rows.collect::<std::result::Result<_, _>>()?,
    ))
}

/// A new account's attributes.
#[derive(Debug)]
pub struct NewUser {
    /// User name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Clearance.
    pub clearance: Clearance,
    /// Contact order; `None` puts the user last.
    pub order: Option<i64>,
    /// Decision authority (R21).
    pub decision_authority: bool,
}

impl Session {
    /// The authorisation list in contact order, active accounts first.
    pub fn list_users(&self) -> Result<Vec<Account>> {
        let mut st = self.db.conn().prepare(&format!(
            "SELECT {} FROM users
             ORDER BY status = 'disabled', contact_order, name",
            Account::COLUMNS
        ))?;
        let rows = st.query_map([], Account::from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Looks an account up by name.
    pub fn find_user(&self, name: &str) -> Result<Account> {
        let name = parse_user_name(name)?;
        self.db
            .conn()
            .query_row(
                &format!("SELECT {} FROM users WHERE name = ?1", Account::COLUMNS),
                [&name],
                Account::from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no account named {name}: see `user list`")))
    }

    /// Adds an account with its own keys and keyslot (admins only), running
    /// `hook(tx, acting, new user id)` inside the same
    /// transaction as the new account's rows (list rules, grants, the signed list change): all
    /// of it lands, or none of it.
    pub fn add_user_with(
        &mut self,
        new: &NewUser,
        pass: &Passphrase,
        hook: impl FnOnce(&rusqlite::Transaction<'_>, Acting<'_>, i64) -> Result<()>,
    ) -> Result<Account> {
        self.require_admin("add users")?;
        let name = parse_user_name(&new.name)?;
        super::check_new_passphrase(pass)?;
        if let Some(o) = new.order {
            if o < 1 {
                return Err(Error::Usage("--order must be 1 or more".into()));
            }
        }
        let paths = self.paths.clone();
        let _lock = FileLock::acquire(&paths.lock())?;
        let exists: Option<String> = self
            .db
            .conn()
            .query_row("SELECT status FROM users WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(status) = exists {
            return Err(Error::Usage(format!(
                "the name {name} is already taken by an {status} account: choose another name"
            )));
        }
        let signing = SigningKey::generate()?;
        let agreement = AgreementKey::generate()?;
        let unit = self.unit_keys()?;
        let unit_wrap = match new.role {
            Role::Admin | Role::Officer => {
                Some(unit.wrap_to(&self.meta.store_id, &agreement.public())?)
            }
            Role::Clerical => None,
        };
        let cert = unit.certify(
            &self.meta.store_id,
            &name,
            new.role,
            new.clearance,
            &signing.public(),
            &agreement.public(),
        );
        let anchor = unit.signing.public();
        drop(unit);
        let mut file = KeyslotFile::load(&paths)?;
        let slot = file.make_slot(&name, pass, &self.meta.kdf, &self.store_key)?;
        let salt = slot.salt.clone();
        let secrets_key = slot.secrets_key.clone();
        file.put(slot.slot);
        file.save(&paths)?;

        let store_id = self.meta.store_id.clone();
        let me = self.user.id;
        let acting = Acting {
            user: &self.user,
            meta: &self.meta,
            signing: &self.signing,
        };
        let res = self.db.write(|tx| {
            let order: i64 = 1_000_000;
            tx.execute(
                "INSERT INTO users (name, role, clearance, contact_order, decision_authority,
                                    sign_public, agree_public, cert, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?10, ?8, ?9)",
                params![
                    name,
                    new.role.as_str(),
                    new.clearance.as_str(),
                    order,
                    new.decision_authority,
                    signing.public().to_vec(),
                    agreement.public().to_vec(),
                    now_rfc3339(),
                    me,
                    cert
                ],
            )?;
            let uid = tx.last_insert_rowid();
            let sealed = seal_secrets(
                &secrets_key,
                &secrets_aad(&store_id, uid, &name),
                &signing,
                &agreement,
                &anchor,
            )?;
            tx.execute(
                "INSERT INTO user_secrets (user_id, kdf_salt, sealed) VALUES (?1, ?2, ?3)",
                params![uid, salt, sealed],
            )?;
            if let Some(w) = &unit_wrap {
                tx.execute(
                    "INSERT INTO unit_key_wraps (user_id, wrapped) VALUES (?1, ?2)",
                    params![uid, w],
                )?;
            }
            place_in_order(tx, uid, new.order)?;
            hook(tx, acting, uid)
        });
        if let Err(e) = res {
            // Undo the slot so the failed account unlocks nothing.
            let mut file = KeyslotFile::load(&paths)?;
            file.remove(&name)?;
            file.save(&paths)?;
            return Err(e);
        }
        self.find_user(&name)
    }

    /// Disables an account: marks it, deletes its private keys and unit-key wrap, and
    /// destroys its keyslot. Admins only; an admin cannot disable themself. Runs
    /// `hook(tx, acting, user id)` inside the same transaction (key rotation, the signed list
    /// change).
    pub fn disable_user_with(
        &mut self,
        name: &str,
        hook: impl FnOnce(&rusqlite::Transaction<'_>, Acting<'_>, i64) -> Result<()>,
    ) -> Result<Account> {
        self.require_admin("disable users")?;
        let target = self.find_user(name)?;
        if target.status == Status::Disabled {
            return Err(Error::Usage(format!("{} is already disabled", target.name)));
        }
        if target.id == self.user.id {
            return Err(Error::Refused {
                rule: "role",
                message: "an admin cannot disable their own account: ask another admin".into(),
            });
        }
        let paths = self.paths.clone();
        let _lock = FileLock::acquire(&paths.lock())?;
        let me = self.user.id;
        let acting = Acting {
            user: &self.user,
            meta: &self.meta,
            signing: &self.signing,
        };
        self.db.write(|tx| {
            tx.execute(
                "UPDATE users SET status = 'disabled', disabled_at = ?2, disabled_by = ?3
                 WHERE id = ?1",
                params![target.id, now_rfc3339(), me],
            )?;
            tx.execute("DELETE FROM user_secrets WHERE user_id = ?1", [target.id])?;
            tx.execute("DELETE FROM unit_key_wraps WHERE user_id = ?1", [target.id])?;
            renumber(tx)?;
            hook(tx, acting, target.id)
        })?;
        let mut file = KeyslotFile::load(&paths)?;
        file.revoke(&target.name)?;
        file.save(&paths)?;
        self.find_user(&target.name)
    }

    /// Changes this user's passphrase: a new keyslot (new salt, new key-encryption key) and
    /// the private keys sealed anew under it. The old passphrase opens nothing afterwards.
    pub fn change_passphrase(&mut self, new_pass: &Passphrase) -> Result<()> {
        super::check_new_passphrase(new_pass)?;
        let paths = self.paths.clone();
        let _lock = FileLock::acquire(&paths.lock())?;
        let mut file = KeyslotFile::load(&paths)?;
        let name = self.user.name.clone();
        let slot = file.make_slot(&name, new_pass, &self.meta.kdf, &self.store_key)?;
        let sealed = seal_secrets(
            &slot.secrets_key,
            &secrets_aad(&self.meta.store_id, self.user.id, &name),
            &self.signing,
            &self.agreement,
            &self.anchor,
        )?;
        let uid = self.user.id;
        let salt = slot.salt.clone();
        self.db.write(|tx| {
            tx.execute(
                "INSERT INTO user_secrets (user_id, kdf_salt, sealed) VALUES (?1, ?2, ?3)",
                params![uid, salt, sealed],
            )?;
            Ok(())
        })?;
        file.put(slot.slot);
        file.save(&paths)?;
        self.db.write(|tx| {
            tx.execute(
                "DELETE FROM user_secrets WHERE user_id = ?1 AND kdf_salt <> ?2",
                params![uid, salt],
            )?;
            Ok(())
        })
    }
}
