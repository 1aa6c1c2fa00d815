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
                let unit = match l.region.as_deref() {
                    Some(r) => format!("{} ({}, {r})", l.unit, l.level),
                    None => format!("{} ({})", l.unit, l.level),
                };
                let mut t = crate::t!(
                    "auth-list-head",
                    unit = unit,
                    officers = l.officers,
                    min = l.bounds.0,
                    max = l.bounds.1,
                    clerical = l.clerical
                );
                t.push('\n');
                let h = super::user::header();
                t.push_str(&table(
                    &h.each_ref().map(String::as_str),
                    &l.accounts.iter().map(super::user::row).collect::<Vec<_>>(),
                ));
                for a in &l.agreements {
                    t.push_str(&crate::t!(
                        "auth-agreement",
                        reference = a.reference.as_str(),
                        at = a.recorded_at.as_str(),
                        by = a.recorded_by.as_str(),
                        officers = a.officers
                    ));
                    t.push('\n');
                }
                t
            });
        }
        AuthCmd::Pending => {
            let p = s.auth_pending()?;
            ctx.out.emit(&p, || {
                if p.is_empty() {
                    return format!("{}\n", crate::t!("auth-pending-none"));
                }
                let mut t = crate::t!("auth-pending-head", count = p.len());
                t.push('\n');
                t.push_str(&table(
                    &["ID", "TIME", "ADMIN", "CHANGE", "AGREEMENT"],
                    &p.iter()
                        .map(|c| {
                            vec![
                                c.id.to_string(),
                                c.time.clone(),
                                c.admin.clone(),
                                super::output::human_json(&c.change),
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
                        "{}\n",
                        crate::t!(
                            "folder-restricted",
                            person = person,
                            names = names.join(", ")
                        )
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
                        format!("{}\n", crate::t!("folder-no-repair", person = person))
                    } else {
                        format!(
                            "{}\n",
                            crate::t!("folder-repaired", person = person, count = n)
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
                        "{}\n",
                        crate::t!("folder-widened", person = person, count = n)
                    )
                },
            );
        }
        FolderCmd::Show { person } => {
            let f = s.folder_readers(person)?;
            ctx.out.emit(&f, || {
                let mut t = if f.restricted {
                    crate::t!(
                        "folder-show-restricted",
                        person = person,
                        version = f.key_version
                    )
                } else {
                    crate::t!("folder-show-list", person = person, version = f.key_version)
                };
                t.push('\n');
                for r in &f.readers {
                    let state = if r.holds_key {
                        crate::t!("folder-holds-key")
                    } else {
                        crate::t!("folder-owed-key")
                    };
                    t.push_str(&format!("  {}: {state}\n", r.name));
                }
                t
            });
        }
    }
    Ok(())
}
