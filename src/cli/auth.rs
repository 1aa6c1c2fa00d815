//! `infoflyt auth …` and `infoflyt folder …`.

use super::args::{AuthCmd, FolderCmd};
use super::output::table;
use super::Ctx;
use crate::Result;

pub(super) fn run(ctx: &mut Ctx, cmd: AuthCmd) -> Result<()> {
    let s = ctx.unlock()?;
    match cmd {
        AuthCmd::List => {
            let l = s.auth_list()?;
            for w in &l.warnings {
                ctx.out.note(w);
            }
            ctx.out.emit(&l, || {
                let mut t =
                    format!(
                    "Authorisation list of {} ({}{}): {} officer(s) (allowed {}–{}), {} clerical\n",
                    l.unit,
                    l.level,
                    l.region.as_deref().map(|r| format!(", region {r}")).unwrap_or_default(),
                    l.officers,
                    l.bounds.0,
                    l.bounds.1,
                    l.clerical
                );
                t.push_str(&table(
                    super::user::HEADER,
                    &l.accounts.iter().map(super::user::row).collect::<Vec<_>>(),
                ));
                for a in &l.agreements {
                    t.push_str(&format!(
                        "agreement (R20): {} recorded {} by {} at {} officers\n",
                        a.reference, a.recorded_at, a.recorded_by, a.officers
                    ));
                }
                t
            });
        }
        AuthCmd::Pending => {
            let p = s.auth_pending()?;
            ctx.out.emit(&p, || {
                if p.is_empty() {
                    return "No list changes are waiting to be sent to KSF.\n".into();
                }
                let mut t = format!(
                    "{} signed list change(s) waiting to be sent to KSF as an authlist package \
                     (R19):\n",
                    p.len()
                );
                t.push_str(&table(
                    &["ID", "TIME", "ADMIN", "CHANGE", "AGREEMENT"],
                    &p.iter()
                        .map(|c| {
                            vec![
                                c.id.to_string(),
                                c.time.clone(),
                                c.admin.clone(),
                                c.change.to_string(),
                                c.agreement.clone().unwrap_or_default(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                ));
                t
            });
        }
    }
    Ok(())
}

pub(super) fn run_folder(ctx: &mut Ctx, cmd: FolderCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        FolderCmd::Restrict { person, to } => {
            let names = s.restrict_folder(person, &to)?;
            ctx.out.emit(
                &serde_json::json!({ "person": person, "restricted_to": names }),
                || {
                    format!(
                        "The folder of person {person} is restricted to {}; its key is rotated.\n",
                        names.join(", ")
                    )
                },
            );
        }
        FolderCmd::Repair { person } => {
            let n = s.repair_folder(person)?;
            ctx.out.emit(
                &serde_json::json!({ "person": person, "repaired": n }),
                || {
                    if n == 0 {
                        format!("The folder of person {person} needed no repair.\n")
                    } else {
                        format!(
                            "Put {n} key record(s) of the folder of person {person} back to the \
                             list their makers signed. Report the incident: someone changed them \
                             with the store key.\n"
                        )
                    }
                },
            );
        }
        FolderCmd::Widen { person } => {
            let n = s.widen_folder(person)?;
            ctx.out.emit(
                &serde_json::json!({ "person": person, "granted": n }),
                || {
                    format!(
                        "The folder of person {person} is open to every officer on the list \
                         again; {n} officer(s) received its keys now.\n"
                    )
                },
            );
        }
        FolderCmd::Show { person } => {
            let f = s.folder_readers(person)?;
            ctx.out.emit(&f, || {
                let mut t = format!(
                    "Folder of person {person}: {}, key version {}\n",
                    if f.restricted {
                        "restricted"
                    } else {
                        "the unit's list"
                    },
                    f.key_version
                );
                for r in &f.readers {
                    t.push_str(&format!(
                        "  {}: {}\n",
                        r.name,
                        if r.holds_key {
                            "holds the key"
                        } else {
                            "pending (owed the key)"
                        }
                    ));
                }
                t
            });
        }
    }
    Ok(())
}
