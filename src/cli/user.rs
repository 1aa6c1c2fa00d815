//! `infoflyt user …`.

use super::args::UserCmd;
use super::output::table;
use super::Ctx;
use crate::identity::accounts::NewUser;
use crate::identity::Account;
use crate::Result;

/// The columns of [`row`].
pub(super) const HEADER: &[&str] = &["ORDER", "NAME", "ROLE", "CLEARANCE", "DECISION", "STATUS"];

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
        u.role.to_string(),
        u.clearance.to_string(),
        if u.decision_authority { "yes" } else { "no" }.into(),
        u.status.to_string(),
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
        } => {
            let new = NewUser {
                name,
                role: role.parse()?,
                clearance: clearance.parse()?,
                order,
                decision_authority,
            };
            let mut s = ctx.unlock()?;
            // Refuse (and log) before asking for the new account's passphrase.
            s.require_admin_logged("list-add", "add users to the authorisation list")?;
            let pass = ctx.pass.read_new(new_passphrase_fd, &new.name)?;
            let (u, warnings) = s.enrol(&new, &pass, agreement.as_deref())?;
            for w in &warnings {
                ctx.out.note(w);
            }
            ctx.out.emit(&u, || {
                format!(
                    "Added {} ({}, {}) at contact order {}. The change is signed and queued for \
                     KSF (`auth pending`).\n",
                    u.name, u.role, u.clearance, u.order
                )
            });
        }
        UserCmd::List => {
            let s = ctx.unlock()?;
            let users = s.list_users()?;
            ctx.out.emit(&users, || {
                table(HEADER, &users.iter().map(row).collect::<Vec<_>>())
            });
        }
        UserCmd::Disable { name, accept_loss } => {
            let mut s = ctx.unlock()?;
            let (u, rotated, warnings) = s.remove_from_list(&name, accept_loss)?;
            for w in &warnings {
                ctx.out.note(w);
            }
            ctx.out.emit(
                &serde_json::json!({ "user": u, "folders_to_rotate": rotated }),
                || {
                    format!(
                        "Disabled {}: the account's keyslot and keys are destroyed and its \
                         passphrase opens nothing. {rotated} folder(s) it could read get a new \
                         key at a remaining reader's next session, before anything more is \
                         written in them.\n",
                        u.name
                    )
                },
            );
        }
        UserCmd::Order { name, order } => {
            let mut s = ctx.unlock()?;
            let u = s.reorder(&name, order)?;
            ctx.out.emit(&u, || {
                format!("{} is now at contact order {}.\n", u.name, u.order)
            });
        }
        UserCmd::Passwd { new_passphrase_fd } => {
            let mut s = ctx.unlock()?;
            let name = s.user().name.clone();
            let pass = ctx.pass.read_new(new_passphrase_fd, &name)?;
            s.change_own_passphrase(&pass)?;
            ctx.out.emit(
                &serde_json::json!({ "user": name, "changed": true }),
                || format!("Changed the passphrase of {name}; the old one no longer works.\n"),
            );
        }
    }
    Ok(())
}
