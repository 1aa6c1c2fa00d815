//! `infoflyt access …`, `infoflyt registration …` and `infoflyt report …`: rendering only;
//! the rules are in `casework`.

use super::casework_args::{AccessCmd, RegistrationCmd, ReportCmd};
use super::output::table;
use super::Ctx;
use crate::casework::access::{grounds_for, refusable, AccessRequest, Outcome, Requester};
use crate::{t, Error, Result};

pub(super) fn run_access(ctx: &mut Ctx, cmd: AccessCmd) -> Result<()> {
    if let AccessCmd::Grounds { from } = cmd {
        // The law's grounds are no secret: no unlock needed.
        grounds(ctx, from);
        return Ok(());
    }
    let mut s = ctx.unlock()?;
    match cmd {
        AccessCmd::Request {
            person,
            from,
            received,
            docs,
            name,
        } => {
            let id = s.register_access_request(person, from, received, &docs, name.as_deref())?;
            ctx.out.emit(&serde_json::json!({ "id": id }), || {
                t!("access-registered", id = id, from = from.as_str()) + "\n"
            });
        }
        AccessCmd::Decide {
            id,
            outcome,
            ground,
        } => {
            let o = match (outcome.grant, outcome.refuse, outcome.court_process) {
                (true, false, false) => Outcome::Grant,
                (false, true, false) => Outcome::Refuse,
                (false, false, true) => Outcome::CourtProcess,
                _ => return Err(Error::Usage(t!("access-one-outcome"))),
            };
            s.decide_access(id, o, &ground)?;
            let r = s.access_request(id)?;
            ctx.out.emit(&r, || {
                t!(
                    "access-decided",
                    id = id,
                    outcome = outcome_label(o.as_str()),
                    ground = r.ground.as_deref().unwrap_or("")
                ) + "\n"
            });
        }
        AccessCmd::List { all } => list(ctx, &s.access_requests(all)?),
        AccessCmd::Grounds { .. } => {}
    }
    Ok(())
}

/// `access grounds`: the grounds that fit a requester.
fn grounds(ctx: &Ctx, from: Requester) {
    let gs = grounds_for(from);
    ctx.out.emit(&gs, || {
        let mut t = table(
            &[&t!("col-ground"), &t!("col-decision"), &t!("col-text")],
            &gs.iter()
                .map(|g| {
                    vec![
                        g.ground.to_owned(),
                        outcome_label(g.outcome.as_str()),
                        ground_text(g.ground).unwrap_or_else(|| g.text.to_owned()),
                    ]
                })
                .collect::<Vec<_>>(),
        );
        if !refusable(from) {
            t.push_str(&(t!("access-not-refusable") + "\n"));
        }
        t
    });
}

/// `access list`: requests with their age.
fn list(ctx: &Ctx, rs: &[AccessRequest]) {
    ctx.out.emit(&rs, || {
        table(
            &[
                &t!("col-id"),
                &t!("col-person"),
                &t!("col-from"),
                &t!("col-received"),
                &t!("col-age"),
                &t!("col-docs"),
                &t!("col-decision"),
                &t!("col-ground"),
            ],
            &rs.iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.person_id.to_string(),
                        r.requester.clone(),
                        r.received.clone(),
                        t!("access-age-days", days = r.age_days),
                        r.docs.join(","),
                        r.outcome
                            .as_deref()
                            .map(outcome_label)
                            .unwrap_or_else(|| t!("access-open")),
                        r.ground.clone().unwrap_or_default(),
                    ]
                })
                .collect::<Vec<_>>(),
        )
    });
}

pub(super) fn run_registration(ctx: &mut Ctx, cmd: RegistrationCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        RegistrationCmd::Record {
            person,
            doc,
            outcome,
            reason,
        } => {
            let id = s.record_registration(person, doc.as_deref(), outcome.take, &reason)?;
            ctx.out.emit(&serde_json::json!({ "id": id }), || {
                let line = match (doc.as_deref(), outcome.take) {
                    (Some(d), true) => t!("registration-doc-taken", id = id, doc = d),
                    (Some(d), false) => t!("registration-doc-not-taken", id = id, doc = d),
                    (None, true) => t!("registration-person-taken", id = id, person = person),
                    (None, false) => {
                        t!("registration-person-not-taken", id = id, person = person)
                    }
                };
                line + "\n"
            });
        }
        RegistrationCmd::List { person } => {
            let rs = s.registrations(person)?;
            ctx.out.emit(&rs, || {
                table(
                    &[
                        &t!("col-id"),
                        &t!("col-person"),
                        &t!("col-document"),
                        &t!("col-outcome"),
                        &t!("col-decided"),
                        &t!("col-by"),
                        &t!("col-reason"),
                    ],
                    &rs.iter()
                        .map(|r| {
                            vec![
                                r.id.to_string(),
                                r.person_id.to_string(),
                                r.journal_number.clone().unwrap_or_else(|| "-".into()),
                                r.outcome.clone(),
                                r.decided_at.clone(),
                                r.decided_by.clone(),
                                r.reason.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                )
            });
        }
    }
    Ok(())
}

pub(super) fn run_report(ctx: &mut Ctx, cmd: ReportCmd) -> Result<()> {
    let ReportCmd::Decisions { from, to } = cmd;
    let mut s = ctx.unlock()?;
    let r = s.decision_report(from, to)?;
    ctx.out.emit(&r, || {
        let m = &r.summary;
        let mut t = t!(
            "report-decisions-head",
            unit = r.unit.as_str(),
            level = r.level.as_str(),
            from = r.from.as_str(),
            to = r.to.as_str()
        ) + "\n";
        t.push_str(&t!(
            "report-decisions-summary",
            count = m.decisions,
            own = m.own,
            received = m.received,
            police = m.on_police_information,
            unverified = m.with_unverified_basis,
            asked = m.police_asked
        ));
        t.push(' ');
        t.push_str(&match m.oldest_information_days {
            Some(d) => t!("report-decisions-oldest", days = d),
            None => t!("report-decisions-oldest-none"),
        });
        t.push('\n');
        for (k, v) in &m.standing {
            t.push_str(&format!("  {k}: {v}\n"));
        }
        t.push_str(&super::decision::decisions_table(&r.decisions));
        t.push_str(&(t!("report-decisions-foot") + "\n"));
        t
    });
    Ok(())
}

/// An access decision's outcome in the reader's language (`--json` keeps the code).
fn outcome_label(code: &str) -> String {
    match code {
        "grant" => t!("access-outcome-grant"),
        "refuse" => t!("access-outcome-refuse"),
        "court-process" => t!("access-outcome-court-process"),
        other => other.to_owned(),
    }
}

/// A legal ground's text in the reader's language (`--json` keeps the library's text).
fn ground_text(ground: &str) -> Option<String> {
    Some(match ground {
        "offl-13" => t!("ground-offl-13"),
        "offl-21" => t!("ground-offl-21"),
        "offl-24-2" => t!("ground-offl-24-2"),
        "offl-24-3" => t!("ground-offl-24-3"),
        "strgjfl-7c" => t!("ground-strgjfl-7c"),
        "fvl-19-1c" => t!("ground-fvl-19-1c"),
        "offl-3" => t!("ground-offl-3"),
        "fvl-18" => t!("ground-fvl-18"),
        "ombud-demand" => t!("ground-ombud-demand"),
        "court-order" => t!("ground-court-order"),
        "court-process" => t!("ground-court-process"),
        _ => return None,
    })
}
