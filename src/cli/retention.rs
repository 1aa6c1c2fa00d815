//! `infoflyt retention …`, and what an unlock says about its sweep.

use super::args::RetentionCmd;
use super::output::{table, Out};
use super::Ctx;
use crate::retention::{Destroyed, Due, Hold, HoldOn, Swept};
use crate::Result;

/// What every unlock says about its sweep: what it destroyed and what it could not.
pub(super) fn note_sweep(out: &Out, s: &Swept) {
    if s.destroyed_any() {
        out.note(&format!(
            "Destroyed {} folder(s) with their register entries and {} document(s) whose time \
             had come (`journal list` shows the record).",
            s.folders.len(),
            s.documents.len()
        ));
    }
    for p in &s.problems {
        out.note(&format!(
            "warning: {p}\n  (`infoflyt verify` shows what is overdue; report the incident)"
        ));
    }
    if !s.log_emptied {
        out.note(
            "note: another process kept the store's write-ahead log from being emptied after a \
             destruction; the next unlock empties it",
        );
    }
}

pub(super) fn run(ctx: &mut Ctx, cmd: RetentionCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        RetentionCmd::Due { days } => {
            let due = s.retention_due(days)?;
            ctx.out.emit(&due, || due_table(&due));
        }
        RetentionCmd::Sweep => {
            // The unlock swept already; sweep again to pick up anything that came due since.
            let mut all = ctx.last_sweep.take().unwrap_or_default();
            let again = s.sweep(|_, _| {})?;
            all.folders.extend(again.folders);
            all.documents.extend(again.documents);
            all.problems.extend(again.problems);
            all.held = again.held;
            all.log_emptied = again.log_emptied;
            ctx.out.emit(&all, || sweep_text(&all));
        }
        RetentionCmd::Hold {
            person,
            doc,
            until,
            reason,
        } => {
            let on = match (person, doc) {
                (Some(p), _) => HoldOn::Person(p),
                (None, Some(j)) => HoldOn::Document(j),
                (None, None) => {
                    return Err(crate::Error::Usage("give --person ID or --doc JNO".into()))
                }
            };
            let h = s.place_hold(&on, &until, &reason)?;
            ctx.out.emit(&h, || {
                format!(
                    "Placed hold {} on {}: kept through {}.\n",
                    h.id,
                    what(h.person_id, h.journal_number.as_deref()),
                    h.until
                )
            });
        }
        RetentionCmd::ReleaseHold { id } => {
            let h = s.lift_hold(id)?;
            ctx.out.emit(&h, || {
                format!(
                    "Lifted hold {id} on {}: the next sweep destroys it if its time has come.\n",
                    what(h.person_id, h.journal_number.as_deref())
                )
            });
        }
        RetentionCmd::Holds { all } => {
            let holds = s.retention_holds(all)?;
            ctx.out.emit(&holds, || holds_table(&holds));
        }
    }
    Ok(())
}

fn what(person: i64, jno: Option<&str>) -> String {
    match jno {
        Some(j) => format!("document {j} (person {person})"),
        None => format!("the folder of person {person}"),
    }
}

fn due_table(due: &[Due]) -> String {
    if due.is_empty() {
        return "Nothing is due for destruction in that time.\n".into();
    }
    table(
        &["DUE", "WHAT", "VERSIONS", "RULE", "HELD THROUGH"],
        &due.iter()
            .map(|d| {
                vec![
                    d.due_at.clone(),
                    what(d.person_id, d.journal_number.as_deref()),
                    d.versions.to_string(),
                    d.rule.to_owned(),
                    d.held_until.clone().unwrap_or_default(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

fn destroyed_line(d: &Destroyed) -> String {
    if d.folder {
        format!(
            "  the folder of person {} ({} rule): {} document version(s), {} key version(s) \
             erased, register entry removed\n",
            d.person_id,
            d.rule,
            d.versions.len(),
            d.key_versions
        )
    } else {
        format!(
            "  {} of person {} ({} rule)\n",
            d.versions.join(", "),
            d.person_id,
            d.rule
        )
    }
}

fn sweep_text(s: &Swept) -> String {
    let mut t = format!(
        "Destroyed {} folder(s) and {} document(s).\n",
        s.folders.len(),
        s.documents.len()
    );
    for d in s.folders.iter().chain(&s.documents) {
        t.push_str(&destroyed_line(d));
    }
    for h in &s.held {
        t.push_str(&format!(
            "  kept by a hold through {}: {}\n",
            h.until,
            what(h.person_id, h.journal_number.as_deref())
        ));
    }
    for p in &s.problems {
        t.push_str(&format!("  NOT destroyed: {p}\n"));
    }
    t
}

fn holds_table(holds: &[Hold]) -> String {
    if holds.is_empty() {
        return "No holds.\n".into();
    }
    table(
        &["ID", "ON", "THROUGH", "BY", "PLACED", "STATE", "REASON"],
        &holds
            .iter()
            .map(|h| {
                vec![
                    h.id.to_string(),
                    what(h.person_id, h.journal_number.as_deref()),
                    h.until.clone(),
                    h.placed_by.clone(),
                    h.placed_at.clone(),
                    match (&h.lifted_by, h.in_force) {
                        (Some(by), _) => format!("lifted by {by}"),
                        (None, true) => "in force".into(),
                        (None, false) => "expired".into(),
                    },
                    h.reason.clone(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}
