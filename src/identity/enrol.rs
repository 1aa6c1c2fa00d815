//! Adding, listing, disabling accounts and changing passphrases.
//!
//! Each change touches two files, the keyslots file and the database; the order is chosen so
//! that a crash between them never leaves access that was meant to be gone, and so that a
//! full disk leaves nothing behind:
//! - add: the new keyslots file is written and synced under a temporary name first (a full
//!   disk fails here, before anything changed); then the account's rows commit; then the file
//!   is renamed into place. A crash in between leaves an account without a slot, which
//!   unlocks nothing and `verify` reports; never a slot without an account.
//! - disable: the row is marked disabled first (a disabled row refuses even if its slot
//!   survives), then the slot is destroyed. A crash in between is finished by the next
//!   unlock of any user ([`settle_keyslots`]), or by running `user disable` again.
//! - passwd: new secrets row, then the new slot, then the old row goes (unlock finishes the
//!   last step if a crash interrupted it).
//!
//! All of it runs under the keyslots lock, so two admins working at once queue.

use super::account::{parse_user_name, Account, Clearance, Role, Status};
use super::keyslots::{KeyslotFile, Lookup, Settled};
use super::session::{seal_secrets, secrets_aad, Acting};
use super::Session;
use crate::crypto::agree::AgreementKey;
use crate::crypto::sign::SigningKey;
use crate::crypto::Passphrase;
use crate::store::fsutil::FileLock;
use crate::store::StorePaths;
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// A new account, as the hooks that run inside its transaction see it: its id, name and its
/// signing key (so the layers above can make what the account signs from the start, such as
/// its first witness of the use log).
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// Row id.
    pub id: i64,
    /// User name.
    pub name: &'a str,
    /// Role.
    pub role: Role,
    /// Clearance.
    pub clearance: Clearance,
    pub(crate) signing: &'a SigningKey,
}

/// Puts `user_id` at contact order `order` among the active accounts and renumbers the
/// rest 1, 2, 3 … so orders stay unique and without gaps (R17).
pub(crate) fn place_in_order(tx: &Connection, user_id: i64, order: Option<i64>) -> Result<()> {
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
    renumber_as(tx, &ids)
}

/// Renumbers the active accounts 1, 2, 3 … in their present order (after one leaves).
pub(crate) fn renumber(tx: &Connection) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM users WHERE status = 'active' ORDER BY contact_order, name")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    renumber_as(tx, &ids)
}

fn renumber_as(tx: &Connection, ids: &[i64]) -> Result<()> {
    let mut st = tx.prepare("UPDATE users SET contact_order = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        st.execute(params![id, i64::try_from(i).unwrap_or(0) + 1])?;
    }
    Ok(())
}

/// The list with public keys, as signed into every list change sent to KSF (R19).
pub(crate) fn list_snapshot(tx: &Connection) -> Result<serde_json::Value> {
    let mut st = tx.prepare(&format!(
        "SELECT {}, sign_public, agree_public FROM users
         ORDER BY status = 'disabled', contact_order, name",
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

/// What `user disable` did.
#[derive(Debug)]
pub struct Disabled {
    /// The account, now disabled.
    pub account: Account,
    /// The account was already disabled by an interrupted earlier run, which this one
    /// finished (its keyslot was still there).
    pub resumed: bool,
}

/// Finishes interrupted account changes in the keyslots file: destroys the slot of any
/// disabled account (a `user disable` cut short) and any slot that belongs to no account.
/// Runs at every unlock, under the keyslots lock if it is free (a change in progress holds
/// it, and will settle the file itself). Costs one read of a small table.
///
/// `removed` names the accounts the use log records as taken off the list (checked
/// removals): their slots go too, whatever their row says (a row edited back to active and an
/// old keyslots file put back revive nobody).
pub(crate) fn settle_keyslots(
    paths: &StorePaths,
    conn: &Connection,
    removed: &[String],
) -> Result<Settled> {
    let Some(_lock) = FileLock::try_acquire(&paths.lock())? else {
        return Ok(Settled::default());
    };
    let accounts: Vec<(String, bool)> = conn
        .prepare("SELECT name, status = 'active' FROM users")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .map(|r| r.map(|(n, a): (String, bool)| (n.clone(), a && !removed.contains(&n))))
        .collect::<std::result::Result<_, _>>()?;
    let mut file = KeyslotFile::load(paths)?;
    let staged = paths.keyslots_staged();
    let mut adopted = 0;
    if staged.exists() {
        // Only a writer killed mid-change leaves it (writers hold the lock we now hold).
        if let Ok(bytes) = std::fs::read(&staged) {
            if let Ok(other) = KeyslotFile::parse(&bytes) {
                adopted = file.adopt(&other, &accounts)?;
            }
        }
    }
    let mut settled = file.settle(&accounts)?;
    settled.adopted = adopted;
    if !settled.is_empty() {
        file.save(paths)?;
    } else if staged.exists() {
        std::fs::remove_file(&staged).map_err(Error::io(crate::t!(
            "identity-cannot-remove",
            path = staged.display().to_string()
        )))?;
    }
    Ok(settled)
}

/// Whether `pass` opens a live slot in `file` other than `except`'s: a passphrase already in
/// use (one's own old one, or a colleague's) is refused as a new one.
fn in_use(file: &KeyslotFile, pass: &Passphrase, names: &[String]) -> Result<bool> {
    for name in names {
        if let Lookup::Slot(slot) = file.lookup(name)? {
            if file.open(slot, name, pass).is_ok() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// A new account's keys and what the unit key says of them.
struct MadeKeys {
    signing: SigningKey,
    agreement: AgreementKey,
    /// Certifies the account once its row id is known.
    unit: super::unit::UnitKeys,
    anchor: [u8; 32],
    unit_wrap: Option<Vec<u8>>,
}

/// Inserts a new account's row and its wrap of the unit keys; returns its id.
fn insert_account(
    tx: &Connection,
    store_id: &[u8],
    by: i64,
    name: &str,
    new: &NewUser,
    made: &MadeKeys,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO users (name, role, clearance, contact_order, decision_authority,
                            sign_public, agree_public, cert, created_at, created_by)
         VALUES (?1, ?2, ?3, 1000000, ?4, ?5, ?6, zeroblob(64), ?7, ?8)",
        params![
            name,
            new.role.as_str(),
            new.clearance.as_str(),
            new.decision_authority,
            made.signing.public().to_vec(),
            made.agreement.public().to_vec(),
            now_rfc3339(),
            by,
        ],
    )?;
    let uid = tx.last_insert_rowid();
    // The certificate binds the row id, known only now.
    let cert = made.unit.certify(
        store_id,
        uid,
        name,
        super::unit::Grants {
            role: new.role,
            clearance: new.clearance,
            decision_authority: new.decision_authority,
        },
        &made.signing.public(),
        &made.agreement.public(),
    );
    tx.execute(
        "UPDATE users SET cert = ?2 WHERE id = ?1",
        params![uid, cert],
    )?;
    if let Some(w) = &made.unit_wrap {
        tx.execute(
            "INSERT INTO unit_key_wraps (user_id, wrapped) VALUES (?1, ?2)",
            params![uid, w],
        )?;
    }
    Ok(uid)
}

fn reused() -> Error {
    Error::Usage(crate::t!("identity-passphrase-reused"))
}

impl Session {
    /// The authorisation list in contact order, active accounts first.
    pub fn list_users(&self) -> Result<Vec<Account>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {} FROM users ORDER BY status = 'disabled', contact_order, name",
            Account::COLUMNS
        ))?;
        let rows = st.query_map([], Account::from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Looks an account up by name.
    pub fn find_user(&self, name: &str) -> Result<Account> {
        let name = parse_user_name(name)?;
        self.conn()
            .query_row(
                &format!("SELECT {} FROM users WHERE name = ?1", Account::COLUMNS),
                [&name],
                Account::from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(crate::t!("identity-no-account", name = name.as_str())))
    }

    /// A new account's keys, the unit keys to certify it with (which the acting admin holds)
    /// once its row id is known, and the unit keys wrapped to it unless it is clerical.
    fn make_keys(&self, new: &NewUser) -> Result<MadeKeys> {
        let signing = SigningKey::generate()?;
        let agreement = AgreementKey::generate()?;
        let unit = self.unit_keys()?;
        let unit_wrap = match new.role {
            Role::Admin | Role::Officer => {
                Some(unit.wrap_to(&self.meta().store_id, &agreement.public())?)
            }
            Role::Clerical => None,
        };
        Ok(MadeKeys {
            anchor: unit.signing.public(),
            signing,
            agreement,
            unit,
            unit_wrap,
        })
    }

    fn active_names(&self) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare("SELECT name FROM users WHERE status = 'active'")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Adds an account with its own keys and keyslot (admins only), running
    /// `hook(tx, acting, new account)` inside the same transaction as the new account's rows
    /// (list rules, grants, the signed list change, its first log witness): all of it lands,
    /// or none of it.
    pub fn add_user_with(
        &mut self,
        new: &NewUser,
        pass: &Passphrase,
        hook: impl FnOnce(&Transaction<'_>, Acting<'_>, NewAccount<'_>) -> Result<()>,
    ) -> Result<Account> {
        self.require_admin(&crate::t!("identity-act-add-users"))?;
        let name = parse_user_name(&new.name)?;
        super::passphrase::check_new(pass, &name, &self.meta().unit)?;
        if matches!(new.order, Some(o) if o < 1) {
            return Err(Error::Usage(crate::t!("identity-contact-order-invalid")));
        }
        let paths = self.paths().clone();
        let _lock = FileLock::acquire(&paths.lock())?;
        let exists: Option<String> = self
            .conn()
            .query_row("SELECT status FROM users WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(status) = exists {
            return Err(Error::Usage(crate::t!(
                "identity-name-taken",
                name = name,
                status = status
            )));
        }
        let mut file = KeyslotFile::load(&paths)?;
        if in_use(&file, pass, &self.active_names()?)? {
            return Err(reused());
        }
        let made = self.make_keys(new)?;
        let slot = file.make_slot(&name, pass, &self.meta().kdf, self.store_key())?;
        let (salt, secrets_key) = (slot.salt.clone(), slot.secrets_key.clone());
        file.put(slot.slot);
        // Written and synced now, put in place only after the rows commit.
        let staged = file.stage(&paths)?;
        let store_id = self.meta().store_id.clone();
        self.write(|tx, acting| {
            let uid = insert_account(tx, &store_id, acting.user.id, &name, new, &made)?;
            let sealed = seal_secrets(
                &secrets_key,
                &secrets_aad(&store_id, uid, &name),
                &made.signing,
                &made.agreement,
                &made.anchor,
            )?;
            tx.execute(
                "INSERT INTO user_secrets (user_id, kdf_salt, sealed) VALUES (?1, ?2, ?3)",
                params![uid, salt, sealed],
            )?;
            place_in_order(tx, uid, new.order)?;
            let account = NewAccount {
                id: uid,
                name: &name,
                role: new.role,
                clearance: new.clearance,
                signing: &made.signing,
            };
            hook(tx, acting, account)
        })?;
        staged.commit()?;
        self.find_user(&name)
    }

    /// Disables an account: marks it, deletes its private keys and unit-key wrap, and
    /// destroys its keyslot. Admins only; an admin cannot disable themself. Runs
    /// `hook(tx, acting, user id)` inside the same transaction (key rotation, the signed list
    /// change). An account left disabled with its slot alive by an interrupted run is
    /// finished here (`resumed`).
    pub fn disable_user_with(
        &mut self,
        name: &str,
        hook: impl FnOnce(&Transaction<'_>, Acting<'_>, i64) -> Result<()>,
    ) -> Result<Disabled> {
        self.require_admin(&crate::t!("identity-act-disable-users"))?;
        let target = self.find_user(name)?;
        let paths = self.paths().clone();
        let _lock = FileLock::acquire(&paths.lock())?;
        let mut file = KeyslotFile::load(&paths)?;
        if target.status == Status::Disabled {
            // Idempotent: running it again finishes an interrupted run (its slot survived).
            let resumed = file.has_slot(&target.name)?;
            if resumed {
                file.revoke(&target.name)?;
                file.save(&paths)?;
            }
            return Ok(Disabled {
                account: target,
                resumed,
            });
        }
        if target.id == self.user().id {
            return Err(Error::Refused {
                rule: "role",
                message: crate::t!("identity-disable-self"),
            });
        }
        self.write(|tx, acting| {
            tx.execute(
                "UPDATE users SET status = 'disabled', disabled_at = ?2, disabled_by = ?3
                 WHERE id = ?1",
                params![target.id, now_rfc3339(), acting.user.id],
            )?;
            tx.execute("DELETE FROM user_secrets WHERE user_id = ?1", [target.id])?; // untranslated: SQL
            tx.execute("DELETE FROM unit_key_wraps WHERE user_id = ?1", [target.id])?; // untranslated: SQL

            renumber(tx)?;
            hook(tx, acting, target.id)
        })?;
        file.revoke(&target.name)?;
        file.save(&paths)?;
        Ok(Disabled {
            account: self.find_user(&target.name)?,
            resumed: false,
        })
    }

    /// Changes this user's passphrase: a new keyslot (new salt, new key-encryption key) and
    /// the private keys sealed anew under it, then `hook` in the transaction that retires
    /// the old secrets (the log entry). The old passphrase opens nothing afterwards. The
    /// same passphrase again, or one that opens a colleague's slot, is refused.
    pub fn change_passphrase_with(
        &mut self,
        new_pass: &Passphrase,
        hook: impl FnOnce(&Transaction<'_>, Acting<'_>) -> Result<()>,
    ) -> Result<()> {
        let name = self.user().name.clone();
        super::passphrase::check_new(new_pass, &name, &self.meta().unit)?;
        let paths = self.paths().clone();
        let _lock = FileLock::acquire(&paths.lock())?;
        let mut file = KeyslotFile::load(&paths)?;
        if in_use(&file, new_pass, &self.active_names()?)? {
            return Err(reused());
        }
        let slot = file.make_slot(&name, new_pass, &self.meta().kdf, self.store_key())?;
        let sealed = seal_secrets(
            &slot.secrets_key,
            &secrets_aad(&self.meta().store_id, self.user().id, &name),
            self.acting().signing,
            self.agreement(),
            self.anchor(),
        )?;
        let uid = self.user().id;
        let salt = slot.salt.clone();
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO user_secrets (user_id, kdf_salt, sealed) VALUES (?1, ?2, ?3)",
                params![uid, salt, sealed],
            )?;
            Ok(())
        })?;
        file.put(slot.slot);
        file.save(&paths)?;
        self.write(|tx, acting| {
            tx.execute(
                "DELETE FROM user_secrets WHERE user_id = ?1 AND kdf_salt <> ?2", // untranslated: SQL
                params![uid, salt],
            )?;
            hook(tx, acting)
        })
    }
}
