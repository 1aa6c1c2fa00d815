//! `infoflyt user …`.

use super::args::UserCmd;
use super::output::table;
use super::Ctx;
use crate::identity::enrol::NewUser;
use crate::identity::Account;
use crate::Result;

/// The columns of [`row`], in the reader's language.
pub(super) fn header() -> [String; 6] {
    [
        crate::t!("user-col-order"),
        crate::t!("col-name"),
        crate::t!("user-col-role"),
        crate::t!("user-col-clearance"),
        crate::t!("user-col-decision"),
        crate::t!("col-status"),
    ]
}

/// One row of the authorisation list, as `user list` and `auth list` show it.
pub(super) fn row(u: &Account) -> Vec<String> {
    vec![
        // A disabled account has no place in the contact order.
        if u.status == crate::identity::Status::Active {
            u.order.to_string()
        } else {
            "-".into()
        },
        u.name.clone(),
        super::labels::code(&u.role.to_string()),
        // Spelled as gradings are everywhere in output (`--clearance` takes either form).
        match u.clearance {
            crate::identity::Clearance::Fortrolig => crate::authz::Grading::Fortrolig,
            crate::identity::Clearance::StrengtFortrolig => crate::authz::Grading::StrengtFortrolig,
        }
        .label()
        .to_owned(),
        if u.decision_authority {
            crate::t!("code-yes")
        } else {
            crate::t!("code-no")
        },
        super::labels::code(&u.status.to_string()),
    ]
}

pub(super) fn run(ctx: &mut Ctx, cmd: UserCmd) -> Result<()> {
    match cmd {
        UserCmd::Add {
            name,
            role,
            clearance,
            order,
            decision_authority,
            new_passphrase_fd,
            agreement,
        } => add(
            ctx,
            NewUser {
                name,
                role,
                clearance,
                order,
                decision_authority,
            },
            new_passphrase_fd,
            agreement,
        )?,
        UserCmd::List => {
            let s = ctx.unlock()?;
            let users = s.list_users()?;
            ctx.out.emit(&users, || {
                let h = header();
                table(
                    &h.each_ref().map(String::as_str),
                    &users.iter().map(row).collect::<Vec<_>>(),
                )
            });
        }
        UserCmd::Disable { name, accept_loss } => disable(ctx, &name, accept_loss)?,
        UserCmd::Order { name, order } => {
            let mut s = ctx.unlock()?;
            let u = s.reorder(&name, order)?;
            ctx.out.emit(&u, || {
                format!(
                    "{}\n",
                    crate::t!("user-reordered", user = u.name.as_str(), order = u.order)
                )
            });
        }
        UserCmd::Passwd { new_passphrase_fd } => {
            let mut s = ctx.unlock()?;
            let name = s.user().name.clone();
            let pass = ctx.pass.read_new(new_passphrase_fd, &name)?;
            s.change_own_passphrase(&pass)?;
            ctx.out.emit(
                &serde_json::json!({ "user": name, "changed": true }),
                || format!("{}\n", crate::t!("user-passwd-done", user = name.as_str())),
            );
        }
    }
    Ok(())
}

/// `user add`: refused (and logged) before the new account's passphrase is asked for.
fn add(
    ctx: &mut Ctx,
    new: NewUser,
    new_passphrase_fd: Option<i32>,
    agreement: Option<String>,
) -> Result<()> {
    let mut s = ctx.unlock()?;
    // Refuse (and log) before asking for the new account's passphrase.
    s.require_admin_logged("list-add", &crate::t!("user-act-add-to-list"))?;
    let pass = ctx.pass.read_new(new_passphrase_fd, &new.name)?;
    let (u, warnings) = match s.enrol(&new, &pass, agreement.as_deref()) {
        Err(crate::Error::Refused {
            rule: "list size", // untranslated: rule name
            message,
        }) => {
            return Err(crate::Error::Refused {
                rule: "list size", // untranslated: rule name
                message: format!("{message}: {}", crate::t!("user-hint-agreement")),
            });
        }
        other => other?,
    };
    for w in &warnings {
        ctx.out.note(w);
    }
    ctx.out.emit(&u, || {
        format!(
            "{}\n",
            crate::t!(
                "user-added",
                user = u.name.as_str(),
                role = u.role.as_str(),
                clearance = u.clearance.as_str(),
                order = u.order
            )
        )
    });
    Ok(())
}

/// `user disable`: the leaver's keys go and their folders are queued for new keys.
fn disable(ctx: &mut Ctx, name: &str, accept_loss: bool) -> Result<()> {
    let mut s = ctx.unlock()?;
    let d = match s.disable_account(name, accept_loss) {
        Err(crate::Error::Refused {
            rule: "last reader", // untranslated: rule name
            message,
        }) => {
            return Err(crate::Error::Refused {
                rule: "last reader", // untranslated: rule name
                message: format!("{message}; {}", crate::t!("user-hint-accept-loss")),
            });
        }
        other => other?,
    };
    let r = &d.removal;
    for w in &r.warnings {
        ctx.out.note(w);
    }
    if let Some(ro) = &d.rollover {
        ctx.out.note(&crate::t!(
            "user-disable-rollover",
            name = name,
            serial = i64::from(ro.card.serial),
            fingerprint = ro.card.fingerprint.to_string(),
            count = ro.recertified
        ));
    }
    let (u, rotated) = (&r.account, r.rotated);
    ctx.out.emit(
        &serde_json::json!({ "user": u, "folders_to_rotate": rotated,
                             "resumed": r.resumed, "unit_rollover": d.rollover }),
        || {
            if r.already {
                return format!(
                    "{}\n",
                    crate::t!("user-already-disabled", user = u.name.as_str())
                );
            }
            if r.resumed {
                return format!(
                    "{}\n",
                    crate::t!("user-disable-resumed", user = u.name.as_str())
                );
            }
            format!(
                "{}\n",
                crate::t!("user-disabled", user = u.name.as_str(), count = rotated)
            )
        },
    );
    Ok(())
}
