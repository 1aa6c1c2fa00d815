//! The unit's authorisation list (R16–R21): size rules per level, contact order, and the
//! signed history of every change, queued for KSF (R19).
//!
//! Every change goes through here rather than straight to `identity`, so that it is checked
//! against the size rules, signed by the admin, logged, and queued in one place; a refused
//! change is logged too.

use crate::audit::{self, Act};
use crate::crypto::hex;
use crate::crypto::Passphrase;
use crate::identity::accounts::NewUser;
use crate::identity::{Account, Role, Session, Status};
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, Transaction};
use serde::Serialize;

/// Officers allowed per level, (minimum, maximum), R16: KSF 3–4, region 3–4, local 2–4.
pub fn officer_bounds(level: &str) -> (usize, usize) {
    match level {
        "local" => (2, 4),
        _ => (3, 4),
    }
}

/// Clerical staff above this many draw a warning (R18: "kept to a minimum").
pub const CLERICAL_WARN_ABOVE: usize = 2;

/// The list as data (`auth list --json`).
#[derive(Debug, Serialize)]
pub struct AuthList {
    /// Unit.
    pub unit: String,
    /// Level.
    pub level: String,
    /// Region.
    pub region: Option<String>,
    /// Every account in contact order (active first).
    pub accounts: Vec<Account>,
    /// Active officers (counted against the bounds).
    pub officers: usize,
    /// Active clerical staff (listed, not counted).
    pub clerical: usize,
    /// (minimum, maximum) officers for this level.
    pub bounds: (usize, usize),
    /// Agreements recorded for exceeding the maximum (R20).
    pub agreements: Vec<Agreement>,
    /// Warnings about the size rules.
    pub warnings: Vec<String>,
}

/// A recorded KSF–police agreement (R20).
#[derive(Debug, Serialize)]
pub struct Agreement {
    /// Its reference.
    pub reference: String,
    /// When recorded.
    pub recorded_at: String,
    /// By whom.
    pub recorded_by: String,
    /// Officers on the list when it was invoked.
    pub officers: i64,
}

/// A queued, signed list change (`auth pending`).
#[derive(Debug, Serialize)]
pub struct PendingChange {
    /// Id.
    pub id: i64,
    /// When.
    pub time: String,
    /// Admin who made and signed it.
    pub admin: String,
    /// What changed.
    pub change: serde_json::Value,
    /// Agreement reference, if any.
    pub agreement: Option<String>,
    /// Admin's signature, hex.
    pub signature: String,
}

fn count(accounts: &[Account], role: Role) -> usize {
    accounts
        .iter()
        .filter(|a| a.status == Status::Active && a.role == role)
        .count()
}

impl Session {
    /// Refuses, and logs the refusal, unless the acting user is an admin.
    pub(crate) fn require_admin_logged(&mut self, act: &str, what: &str) -> Result<()> {
        if self.user.role != Role::Admin {
            let msg = format!(
                "only an admin may {what}; {} is {}",
                self.user.name, self.user.role
            );
            return Err(self.refuse(Act::new(act), "role", msg));
        }
        Ok(())
    }

    /// The list with counts and warnings.
    pub fn auth_list(&self) -> Result<AuthList> {
        let accounts = self.list_users()?;
        let level = self.meta.level.clone();
        let bounds = officer_bounds(&level);
        let officers = count(&accounts, Role::Officer);
        let clerical = count(&accounts, Role::Clerical);
        let agreements = self.agreements()?;
        let mut warnings = Vec::new();
        if officers < bounds.0 {
            warnings.push(format!(
                "warning (R16): only {officers} officer(s) on the list; a {level} unit should have \
                 at least {} so someone is reachable during absence",
                bounds.0
            ));
        }
        if officers > bounds.1 {
            warnings.push(format!(
                "note (R20): {officers} officers exceed the maximum of {} under agreement {}",
                bounds.1,
                agreements
                    .last()
                    .map(|a| a.reference.as_str())
                    .unwrap_or("(none recorded)")
            ));
        }
        if clerical > CLERICAL_WARN_ABOVE {
            warnings.push(format!(
                "warning (R18): {clerical} clerical staff on the list; keep them to a minimum \
                 (at most {CLERICAL_WARN_ABOVE})"
            ));
        }
        Ok(AuthList {
            unit: self.meta.unit.clone(),
            level,
            region: self.meta.region.clone(),
            accounts,
            officers,
            clerical,
            bounds,
            agreements,
            warnings,
        })
    }

    fn agreements(&self) -> Result<Vec<Agreement>> {
        let mut st = self.db.conn().prepare(
            "SELECT reference, recorded_at, recorded_by, officers FROM list_agreements ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Agreement {
                reference: r.get(0)?,
                recorded_at: r.get(1)?,
                recorded_by: r.get(2)?,
                officers: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Signs, logs and queues a list change for KSF, in one transaction.
    fn record_change(
        &mut self,
        act: &str,
        change: serde_json::Value,
        agreement: Option<&str>,
    ) -> Result<()> {
        let list = serde_json::to_string(&self.list_users()?)
            .map_err(|e| Error::Other(format!("cannot encode the list: {e}")))?;
        let change_s = change.to_string();
        let time = now_rfc3339();
        let mut msg = b"infoflyt authlist change v1\0".to_vec();
        for part in [
            time.as_bytes(),
            self.meta.unit.as_bytes(),
            change_s.as_bytes(),
            list.as_bytes(),
            agreement.unwrap_or("").as_bytes(),
        ] {
            msg.extend_from_slice(&(part.len() as u64).to_be_bytes());
            msg.extend_from_slice(part);
        }
        let sig = self.signing.sign(&msg);
        let signer = self.signing.public();
        let actor = audit::actor!(self);
        let officers = count(&self.list_users()?, Role::Officer) as i64;
        let detail = change_s.clone();
        self.db.write(|tx: &Transaction<'_>| {
            tx.execute(
                "INSERT INTO auth_changes (time, admin, change, list, agreement, signer, signature)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    time,
                    actor.user,
                    change_s,
                    list,
                    agreement,
                    signer.to_vec(),
                    sig.to_vec()
                ],
            )?;
            if let Some(a) = agreement {
                tx.execute(
                    "INSERT INTO list_agreements (reference, recorded_at, recorded_by, officers)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![a, time, actor.user, officers],
                )?;
            }
            audit::append(tx, actor, &Act::new(act).detail(detail))?;
            Ok(())
        })
    }

    /// Adds an account to the unit's list (admins only), applying the size rules: a fifth
    /// officer needs `agreement` (R20). Officers are owed the folder keys; clerical staff never.
    pub fn enrol(
        &mut self,
        new: &NewUser,
        pass: &Passphrase,
        agreement: Option<&str>,
    ) -> Result<(Account, Vec<String>)> {
        self.require_admin_logged("list-add", "add users to the authorisation list")?;
        let agreement = agreement.map(str::trim).filter(|a| !a.is_empty());
        if new.role == Role::Officer {
            let list = self.auth_list()?;
            if list.officers >= list.bounds.1 && agreement.is_none() {
                let msg = format!(
                    "the {} list already has {} officers, the maximum for its level (R16); more \
                     need an agreement between KSF and police: give --agreement REF (R20)",
                    list.level, list.officers
                );
                return Err(self.refuse(Act::new("list-add"), "list size", msg));
            }
        }
        let u = self.add_user(new, pass)?;
        if u.role == Role::Officer {
            self.queue_grants(u.id)?;
        }
        let over = new.role == Role::Officer && {
            let l = self.auth_list()?;
            l.officers > l.bounds.1
        };
        self.record_change(
            "list-add",
            serde_json::json!({ "add": u.name, "role": u.role, "clearance": u.clearance,
                                "order": u.order, "decision_authority": u.decision_authority }),
            if over { agreement } else { None },
        )?;
        Ok((u, self.auth_list()?.warnings))
    }

    /// Takes an account off the list: disables it (its keyslot destroyed), deletes its wrapped
    /// folder keys and rotates the keys of every folder it could read, so documents added
    /// afterwards are out of reach of anything it kept.
    pub fn remove_from_list(&mut self, name: &str) -> Result<(Account, usize, Vec<String>)> {
        self.require_admin_logged("list-remove", "take users off the authorisation list")?;
        let u = self.disable_user(name)?;
        let rotated = self.rotate_folders_of(u.id)?;
        self.record_change(
            "list-remove",
            serde_json::json!({ "remove": u.name, "folders_rotated": rotated }),
            None,
        )?;
        Ok((u, rotated, self.auth_list()?.warnings))
    }

    /// Changes an account's contact order (R17).
    pub fn reorder(&mut self, name: &str, order: i64) -> Result<Account> {
        self.require_admin_logged("list-order", "change the contact order")?;
        let u = self.set_contact_order(name, order)?;
        self.record_change(
            "list-order",
            serde_json::json!({ "order": u.name, "to": order }),
            None,
        )?;
        Ok(u)
    }

    /// List changes not yet sent to KSF (R19).
    pub fn auth_pending(&self) -> Result<Vec<PendingChange>> {
        let mut st = self.db.conn().prepare(
            "SELECT id, time, admin, change, agreement, signature FROM auth_changes
             WHERE sent_at IS NULL ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            let change: String = r.get(3)?;
            let sig: Vec<u8> = r.get(5)?;
            Ok(PendingChange {
                id: r.get(0)?,
                time: r.get(1)?,
                admin: r.get(2)?,
                change: serde_json::from_str(&change).unwrap_or(serde_json::Value::Null),
                agreement: r.get(4)?,
                signature: hex(&sig),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
