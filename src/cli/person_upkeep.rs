//! `person find|correct|history|unlink|units` and `infoflyt network …`.

use super::args::{NetworkCmd, PersonCmd};
use super::labels::{code, field};
use super::output::table;
use super::person::{person_table, warn};
use super::Ctx;
use crate::identity::Session;
use crate::{t, Error, Result};

/// The person commands of register upkeep (the others are in `person.rs`).
pub(super) fn run(ctx: &Ctx, s: &mut Session, cmd: PersonCmd) -> Result<()> {
    match cmd {
        PersonCmd::Find { text } => find(ctx, s, &text),
        PersonCmd::Correct {
            id,
            name,
            born,
            reason,
        } => {
            let (p, w) =
                s.correct_person(id, name.as_deref(), born.as_deref(), reason.as_deref())?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "person": p, "warnings": w }), || {
                    t!("person-corrected", id = p.id) + "\n"
                });
            Ok(())
        }
        PersonCmd::History { id } => history(ctx, s, id),
        PersonCmd::Unlink { id, from, kind } => {
            let n = s.unlink_persons(id, from, kind.as_deref())?;
            ctx.out.emit(
                &serde_json::json!({ "person": id, "other": from, "removed": n }),
                || t!("person-unlinked", count = n, id = id, other = from) + "\n",
            );
            Ok(())
        }
        PersonCmd::Units => {
            let units = s.units()?;
            ctx.out.emit(&units, || {
                units.iter().map(|u| format!("{u}\n")).collect::<String>()
            });
            Ok(())
        }
        // Handled in person.rs.
        PersonCmd::Add { .. }
        | PersonCmd::List { .. }
        | PersonCmd::Show { .. }
        | PersonCmd::Update { .. }
        | PersonCmd::Link { .. }
        | PersonCmd::Release { .. }
        | PersonCmd::KompisMarks { .. } => Ok(()),
    }
}

/// `person find TEXT`: a note on stderr when nothing matches.
fn find(ctx: &Ctx, s: &mut Session, text: &str) -> Result<()> {
    let ps = s.find_persons(text)?;
    if ps.is_empty() && !ctx.out.is_json() {
        ctx.out.note(&t!("person-find-none"));
    }
    ctx.out.emit(&ps, || person_table(&ps));
    Ok(())
}

/// `person history ID`: every change, oldest first.
fn history(ctx: &Ctx, s: &mut Session, id: i64) -> Result<()> {
    let h = s.person_history(id)?;
    ctx.out
        .emit(&serde_json::json!({ "person": id, "changes": h }), || {
            if h.is_empty() {
                return t!("person-history-none", id = id) + "\n";
            }
            let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            table(
                &[
                    &t!("col-time"),
                    &t!("col-user"),
                    &t!("col-field"),
                    &t!("col-old"),
                    &t!("col-new"),
                    &t!("col-reason"),
                ],
                &h.iter()
                    .map(|c| {
                        vec![
                            c.time.clone(),
                            c.user.clone(),
                            field(&c.field),
                            dash(&c.old),
                            dash(&c.new),
                            dash(&c.reason),
                        ]
                    })
                    .collect::<Vec<_>>(),
            )
        });
    Ok(())
}

/// A unit close to a listed one but not it is refused by the register without naming an
/// option; the command line adds the one that says the unit is new. Any other error is
/// passed on as it is.
pub(super) fn unit_hint(s: &Session, e: Error, unit: Option<&str>) -> Error {
    match (e, unit) {
        (Error::Usage(m), Some(u)) if matches!(s.resolve_unit(u, false), Err(Error::Usage(n)) if n == m) => {
            Error::Usage(format!("{m} ({})", t!("unit-hint-new")))
        }
        (e, _) => e,
    }
}

/// `infoflyt network …`.
pub(super) fn run_network(ctx: &mut Ctx, cmd: NetworkCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        NetworkCmd::Add {
            name,
            kind,
            purpose,
            member,
        } => {
            let (id, w) = s.add_network(&name, &kind, &purpose, &member)?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "id": id, "warnings": w }), || {
                    t!("network-added", id = id) + "\n"
                });
        }
        NetworkCmd::Join { id, person } => {
            let w = s.join_network(id, &person)?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "id": id, "warnings": w }), || {
                    t!("network-joined", count = person.len(), id = id) + "\n"
                });
        }
        NetworkCmd::Leave { id, person } => {
            s.leave_network(id, &person)?;
            ctx.out
                .emit(&serde_json::json!({ "id": id, "left": person }), || {
                    t!("network-left", count = person.len(), id = id) + "\n"
                });
        }
        NetworkCmd::Retire { id, reason } => {
            s.retire_network(id, &reason)?;
            ctx.out
                .emit(&serde_json::json!({ "id": id, "retired": true }), || {
                    t!("network-retired", id = id) + "\n"
                });
        }
        NetworkCmd::List { all } => list(ctx, &s, all)?,
    }
    Ok(())
}

/// `network list [--all]`: the networks, then the co-locations standing now.
fn list(ctx: &Ctx, s: &Session, all: bool) -> Result<()> {
    let nets = s.networks_with(all)?;
    let colocations = s.colocations(None, None)?;
    let w: Vec<String> = colocations.iter().map(|c| c.message()).collect();
    let ids = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    ctx.out.emit(
        &serde_json::json!({ "networks": nets, "warnings": w }),
        || {
            let mut out = table(
                &[
                    &t!("col-id"),
                    &t!("col-name"),
                    &t!("col-kind"),
                    &t!("col-members"),
                    &t!("col-status"),
                    &t!("col-purpose"),
                ],
                &nets
                    .iter()
                    .map(|n| {
                        vec![
                            n.id.to_string(),
                            n.name.clone(),
                            code(&n.kind),
                            ids(&n.members),
                            match &n.retired_at {
                                Some(at) => t!("network-status-retired", at = at.as_str()),
                                None => t!("network-status-active"),
                            },
                            n.purpose.clone(),
                        ]
                    })
                    .collect::<Vec<_>>(),
            );
            if !colocations.is_empty() {
                out.push_str(&format!("\n{}\n", t!("network-colocations")));
                for c in &colocations {
                    out.push_str(&format!("  {}\n", c.describe()));
                }
            }
            out
        },
    );
    Ok(())
}
