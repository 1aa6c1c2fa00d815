//! The unit's authorisation list (R16–R21): size rules per level, contact order, and the
//! signed history of every change, queued for KSF (R19).
//!
//! Every change goes through here rather than straight to `identity`, so that it is checked
//! against the size rules, signed by the admin, logged, and queued in one place; a refused
//! change is logged too.

use crate::audit::{self, Act};
use crate::crypto::hex;
use crate::crypto::Passphrase;
use crate::identity::enrol::{list_snapshot, place_in_order, NewUser};
use crate::identity::{Account, Acting, Level, Role, Session, Status};
use crate::t;
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, Transaction};
use serde::Serialize;

/// Officers allowed per level, (minimum, maximum), R16: KSF 3–4, region 3–4, local 2–4.
pub fn officer_bounds(level: Level) -> (usize, usize) {
    match level {
        Level::Local => (2, 4),
        Level::Region | Level::Ksf => (3, 4),
    }
}

/// What `user disable` did.
#[derive(Debug)]
pub struct Removal {
    /// The account, now disabled.
    pub account: Account,
    /// Key chains queued for a new version.
    pub rotated: usize,
    /// An interrupted earlier run was finished (its keyslot was still there).
    pub resumed: bool,
    /// The account was disabled already; nothing more was needed.
    pub already: bool,
    /// Size-rule warnings about the list as it now stands.
    pub warnings: Vec<String>,
}

/// Clerical staff above this many draw a warning (R18: "kept to a minimum").
pub const CLERICAL_WARN_ABOVE: usize = 2;

/// The list as data (`auth list --json`).
#[derive(Debug, Serialize)]
pub struct AuthList {
    /// Unit.
    pub unit: String,
    /// Level.
    pub level: Level,
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
        if self.user().role != Role::Admin {
            let msg = t!(
                "authz-admin-only",
                what = what,
                name = self.user().name.as_str(),
                role = self.user().role.to_string()
            );
            return Err(self.refuse(Act::new(act), "role", msg));
        }
        Ok(())
    }

    /// The list with counts and warnings.
    pub fn auth_list(&self) -> Result<AuthList> {
        let accounts = self.list_users()?;
        let level = self.meta().level;
        let bounds = officer_bounds(level);
        let officers = count(&accounts, Role::Officer);
        let clerical = count(&accounts, Role::Clerical);
        let agreements = self.agreements()?;
        let mut warnings = Vec::new();
        if officers < bounds.0 {
            warnings.push(t!(
                "authlist-too-few-officers",
                officers = officers,
                level = level.to_string(),
                min = bounds.0
            ));
        }
        if officers > bounds.1 {
            let agreement = agreements
                .last()
                .map(|a| a.reference.clone())
                .unwrap_or_else(|| t!("authlist-no-agreement"));
            warnings.push(t!(
                "authlist-over-maximum",
                officers = officers,
                max = bounds.1,
                agreement = agreement
            ));
        }
        if clerical > CLERICAL_WARN_ABOVE {
            warnings.push(t!(
                "authlist-too-many-clerical",
                clerical = clerical,
                max = CLERICAL_WARN_ABOVE
            ));
        }
        Ok(AuthList {
            unit: self.meta().unit.clone(),
            level,
            region: self.meta().region.clone(),
            accounts,
            officers,
            clerical,
            bounds,
            agreements,
            warnings,
        })
    }

    fn agreements(&self) -> Result<Vec<Agreement>> {
        let mut st = self.conn().prepare(
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

    /// Adds an account to the unit's list (admins only), applying the size rules: a fifth
    /// officer needs `agreement` (R20). Officers are owed the folder keys; clerical staff
    /// never. The account, the check, the grants, the signed list change and the account's
    /// first log witness are one transaction, so two admins at once cannot both slip past the
    /// maximum.
    pub fn enrol(
        &mut self,
        new: &NewUser,
        pass: &Passphrase,
        agreement: Option<&str>,
    ) -> Result<(Account, Vec<String>)> {
        self.require_admin_logged("list-add", &t!("authlist-what-add"))?;
        let agreement = agreement.map(str::trim).filter(|a| !a.is_empty());
        let agreement = crate::text::opt_field(
            &t!("authlist-field-agreement"),
            agreement,
            crate::text::limits::NAME,
            false,
        )?;
        let level = self.meta().level;
        let bounds = officer_bounds(level);
        let res = self.add_user_with(new, pass, |tx, acting, account| {
            let officers: i64 = tx.query_row(
                "SELECT count(*) FROM users WHERE status = 'active' AND role = 'officer'",
                [],
                |r| r.get(0),
            )?;
            let over =
                new.role == Role::Officer && usize::try_from(officers).unwrap_or(0) > bounds.1;
            if over && agreement.is_none() {
                return Err(Error::Refused {
                    rule: "list size", // untranslated: refusal rule name (rule_label shows it)
                    message: t!(
                        "authlist-list-full",
                        level = level.to_string(),
                        officers = officers - 1
                    ),
                });
            }
            if new.role == Role::Officer {
                crate::authz::folder::queue_grants_tx(
                    tx,
                    account.id,
                    new.clearance == crate::identity::Clearance::StrengtFortrolig,
                )?;
            }
            audit::witness::create(tx, &acting.meta.store_id, account)?;
            record_change_tx(
                tx,
                acting,
                "list-add",
                serde_json::json!({ "add": account.name, "role": account.role,
                                    "clearance": account.clearance,
                                    "decision_authority": new.decision_authority }),
                if over { agreement.as_deref() } else { None },
            )
        });
        let u = match res {
            Err(Error::Refused { rule, message }) => {
                return Err(self.refuse(Act::new("list-add"), rule, message))
            }
            other => other?,
        };
        Ok((u, self.auth_list()?.warnings))
    }

    /// Takes an account off the list: disables it (its keyslot destroyed), deletes its wrapped
    /// folder keys and queues every key chain it held for a new version, made by the next
    /// session of a remaining reader before anything more is written there, so documents
    /// added afterwards are out of reach of anything it kept. One transaction. A run that
    /// finds the account already disabled with its keyslot still there (an earlier run was
    /// interrupted) finishes destroying the slot.
    ///
    /// Chains whose only reader is this account would become unreadable for good; that is
    /// refused unless `accept_loss` (the leaver may be gone, and keeping their access alive
    /// would be worse).
    pub fn remove_from_list(&mut self, name: &str, accept_loss: bool) -> Result<Removal> {
        self.remove_from_list_with(name, accept_loss, |_, _, _| Ok(()))
    }

    /// [`Session::remove_from_list`], running `also(tx, acting, user id)` in the same
    /// transaction (the unit key rollover when the leaver held the unit's keys).
    pub(crate) fn remove_from_list_with(
        &mut self,
        name: &str,
        accept_loss: bool,
        also: impl FnOnce(&Transaction<'_>, Acting<'_>, i64) -> Result<()>,
    ) -> Result<Removal> {
        self.require_admin_logged("list-remove", &t!("authlist-what-remove"))?;
        let target = self.find_user(name)?;
        let plan = if target.status == Status::Active {
            match self.rotation_plan(target.id, accept_loss) {
                Err(Error::Refused { rule, message }) => {
                    return Err(self.refuse(Act::new("list-remove"), rule, message))
                }
                other => other?,
            }
        } else {
            Vec::new()
        };
        let rotated = plan.len();
        let already = target.status == Status::Disabled;
        let done = self.disable_user_with(name, |tx, acting, uid| {
            crate::authz::folder::apply_rotation(tx, acting, uid, &plan)?;
            also(tx, acting, uid)?;
            let name: String =
                tx.query_row("SELECT name FROM users WHERE id = ?1", [uid], |r| r.get(0))?;
            record_change_tx(
                tx,
                acting,
                "list-remove",
                serde_json::json!({ "remove": name, "key_chains_to_rotate": rotated }),
                None,
            )
        })?;
        Ok(Removal {
            account: done.account,
            rotated,
            resumed: done.resumed,
            already: already && !done.resumed,
            warnings: self.auth_list()?.warnings,
        })
    }

    /// Changes an account's contact order (R17); the others move to make room. The move and
    /// the signed list change are one transaction.
    pub fn reorder(&mut self, name: &str, order: i64) -> Result<Account> {
        self.require_admin_logged("list-order", &t!("authlist-what-order"))?;
        if order < 1 {
            return Err(Error::Usage(t!("authlist-order-too-low")));
        }
        let target = self.find_user(name)?;
        if target.status != Status::Active {
            return Err(Error::Usage(t!(
                "authlist-disabled",
                name = target.name.as_str()
            )));
        }
        self.write(|tx, acting| {
            place_in_order(tx, target.id, Some(order))?;
            let now: i64 = tx.query_row(
                "SELECT contact_order FROM users WHERE id = ?1",
                [target.id],
                |r| r.get(0),
            )?;
            record_change_tx(
                tx,
                acting,
                "list-order",
                serde_json::json!({ "order": target.name, "to": now }),
                None,
            )
        })?;
        self.find_user(&target.name)
    }

    /// List changes not yet sent to KSF (R19).
    pub fn auth_pending(&self) -> Result<Vec<PendingChange>> {
        let mut st = self.conn().prepare(
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

/// Signs, logs and queues a list change for KSF inside the caller's transaction (also the
/// changes of which units this store trusts, which KSF must know as well): the admin's
/// signature covers the time, unit, change, the whole list with public keys, and any
/// agreement reference.
pub(crate) fn record_change_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    act: &str,
    change: serde_json::Value,
    agreement: Option<&str>,
) -> Result<()> {
    let list = list_snapshot(tx)?.to_string();
    let change_s = change.to_string();
    let time = now_rfc3339();
    let msg = crate::crypto::encode_fields(
        crate::crypto::labels::SIG_AUTHLIST,
        &[
            acting.meta.store_id.as_slice(),
            time.as_bytes(),
            acting.meta.unit.as_bytes(),
            change_s.as_bytes(),
            list.as_bytes(),
            agreement.unwrap_or("").as_bytes(),
        ],
    );
    let sig = acting.sign(&msg);
    tx.execute(
        "INSERT INTO auth_changes (time, admin, change, list, agreement, signer, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            time,
            acting.user.name,
            change_s,
            list,
            agreement,
            acting.sign_public().to_vec(),
            sig.to_vec()
        ],
    )?;
    if let Some(a) = agreement {
        let officers: i64 = tx.query_row(
            "SELECT count(*) FROM users WHERE status = 'active' AND role = 'officer'",
            [],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO list_agreements (reference, recorded_at, recorded_by, officers)
             VALUES (?1, ?2, ?3, ?4)",
            params![a, time, acting.user.name, officers],
        )?;
    }
    audit::append(tx, acting, &Act::new(act).detail(change_s))?;
    Ok(())
}
