//! `infoflyt retention …`, and what an unlock says about its sweep.

use super::args::RetentionCmd;
use super::output::{table, Out};
use super::Ctx;
use crate::retention::{Destroyed, Due, Hold, HoldOn, Swept};
use crate::{t, Result};

/// What every unlock says about its sweep: what it destroyed and what it could not.
pub(super) fn note_sweep(out: &Out, s: &Swept) {
    if s.destroyed_any() {
        out.note(&t!(
            "retention-swept-note",
            folders = s.folders.len(),
            documents = s.documents.len()
        ));
    }
    for p in &s.problems {
        out.note(&t!("retention-sweep-warning", problem = p.as_str()));
    }
    if !s.log_emptied {
        out.note(&t!("retention-wal-kept"));
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
                (None, None) => return Err(crate::Error::Usage(t!("retention-hold-on-what"))),
            };
            let h = s.place_hold(&on, &until, &reason)?;
            ctx.out.emit(&h, || {
                t!(
                    "retention-hold-placed",
                    id = h.id,
                    what = what(h.person_id, h.journal_number.as_deref()),
                    until = h.until.as_str()
                ) + "\n"
            });
        }
        RetentionCmd::ReleaseHold { id } => {
            let h = s.lift_hold(id)?;
            ctx.out.emit(&h, || {
                t!(
                    "retention-hold-lifted",
                    id = id,
                    what = what(h.person_id, h.journal_number.as_deref())
                ) + "\n"
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
        Some(j) => t!("retention-what-document", jno = j, person = person),
        None => t!("retention-what-folder", person = person),
    }
}

fn due_table(due: &[Due]) -> String {
    if due.is_empty() {
        return t!("retention-nothing-due") + "\n";
    }
    table(
        &[
            &t!("col-due"),
            &t!("col-what"),
            &t!("col-versions"),
            &t!("col-rule"),
            &t!("col-held-through"),
        ],
        &due.iter()
            .map(|d| {
                vec![
                    d.due_at.clone(),
                    what(d.person_id, d.journal_number.as_deref()),
                    d.versions.to_string(),
                    rule_label(d.rule),
                    d.held_until.clone().unwrap_or_default(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

/// A rule's name (`release`, `ten-years`, `transfer`, as `--json` gives it) for people.
pub(super) fn rule_label(rule: &str) -> String {
    match rule {
        "release" => t!("retention-rule-release"),
        "ten-years" => t!("retention-rule-ten-years"),
        "transfer" => t!("retention-rule-transfer"),
        other => other.to_owned(),
    }
}

fn destroyed_line(d: &Destroyed) -> String {
    let line = if d.folder {
        t!(
            "retention-swept-folder",
            person = d.person_id,
            rule = rule_label(d.rule),
            versions = d.versions.len(),
            keys = d.key_versions
        )
    } else {
        t!(
            "retention-swept-documents",
            versions = d.versions.join(", "),
            person = d.person_id,
            rule = rule_label(d.rule)
        )
    };
    format!("  {line}\n")
}

fn sweep_text(s: &Swept) -> String {
    let mut t = t!(
        "retention-swept",
        folders = s.folders.len(),
        documents = s.documents.len()
    ) + "\n";
    for d in s.folders.iter().chain(&s.documents) {
        t.push_str(&destroyed_line(d));
    }
    for h in &s.held {
        let w = what(h.person_id, h.journal_number.as_deref());
        let line = t!("retention-swept-held", until = h.until.as_str(), what = w);
        t.push_str(&format!("  {line}\n"));
    }
    for p in &s.problems {
        let line = t!("retention-swept-failed", problem = p.as_str());
        t.push_str(&format!("  {line}\n"));
    }
    t
}

fn holds_table(holds: &[Hold]) -> String {
    if holds.is_empty() {
        return t!("retention-no-holds") + "\n";
    }
    table(
        &[
            &t!("col-id"),
            &t!("col-on"),
            &t!("col-through"),
            &t!("col-by"),
            &t!("col-placed"),
            &t!("col-state"),
            &t!("col-reason"),
        ],
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
                        (Some(by), _) => t!("retention-hold-state-lifted", by = by.as_str()),
                        (None, true) => t!("retention-hold-state-in-force"),
                        (None, false) => t!("retention-hold-state-expired"),
                    },
                    h.reason.clone(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}
