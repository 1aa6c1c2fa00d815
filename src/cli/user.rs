//! `infoflyt user …`.

use super::args::UserCmd;
use super::output::table;
use super::Ctx;
use crate::identity::accounts::NewUser;
use crate::identity::Account;
use crate::Result;

fn row(u: &Account) -> Vec<String> {
    vec![
        u.order.to_string(),
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
        } => {
            let new = NewUser {
                name,
                role: role.parse()?,
                clearance: clearance.parse()?,
                order,
                decision_authority,
            };
            let mut s = ctx.unlock()?;
            s.require_admin("add users")?;
            let pass = ctx.pass.read_new(new_passphrase_fd, &new.name)?;
            let u = s.enrol(&new, &pass)?;
            ctx.out.emit(&u, || {
                format!(
                    "Added {} ({}, {}) at contact order {}.\n",
                    u.name, u.role, u.clearance, u.order
                )
            });
        }
        UserCmd::List => {
            let s = ctx.unlock()?;
            let users = s.list_users()?;
            ctx.out.emit(&users, || {
                table(
                    &["ORDER", "NAME", "ROLE", "CLEARANCE", "DECISION", "STATUS"],
                    &users.iter().map(row).collect::<Vec<_>>(),
                )
            });
        }
        UserCmd::Disable { name } => {
            let mut s = ctx.unlock()?;
            let u = s.disable_user(&name)?;
            ctx.out.emit(&u, || {
                format!(
                    "Disabled {}: the account's keyslot is destroyed and its passphrase opens \
                     nothing.\n",
                    u.name
                )
            });
        }
        UserCmd::Passwd { new_passphrase_fd } => {
            let mut s = ctx.unlock()?;
            let name = s.user().name.clone();
            let pass = ctx.pass.read_new(new_passphrase_fd, &name)?;
            s.change_passphrase(&pass)?;
            ctx.out.emit(
                &serde_json::json!({ "user": name, "changed": true }),
                || format!("Changed the passphrase of {name}; the old one no longer works.\n"),
            );
        }
    }
    Ok(())
}
