//! `infoflyt access …`, `infoflyt registration …` and `infoflyt report …`: rendering only;
//! the rules are in `casework`.

use super::casework_args::{AccessCmd, RegistrationCmd, ReportCmd};
use super::output::table;
use super::Ctx;
use crate::casework::access::{grounds_for, refusable, AccessRequest, Outcome, Requester};
use crate::{Error, Result};

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
                format!(
                    "Registered access request {id} from {from}; decide it with `access decide \
                     {id} --grant|--refuse --ground G` (see `access grounds --from {from}`).\n"
                )
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
                _ => {
                    return Err(Error::Usage(
                        "give exactly one of --grant, --refuse, --court-process".into(),
                    ))
                }
            };
            s.decide_access(id, o, &ground)?;
            let r = s.access_request(id)?;
            ctx.out.emit(&r, || {
                format!(
                    "Request {id}: {} on the ground {}.\n",
                    o.as_str(),
                    r.ground.as_deref().unwrap_or("")
                )
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
            &["GROUND", "DECISION", "TEXT"],
            &gs.iter()
                .map(|g| {
                    vec![
                        g.ground.to_owned(),
                        g.outcome.as_str().to_owned(),
                        g.text.to_owned(),
                    ]
                })
                .collect::<Vec<_>>(),
        );
        if !refusable(from) {
            t.push_str("This demand cannot be refused on the ordinary grounds.\n");
        }
        t
    });
}

/// `access list`: requests with their age.
fn list(ctx: &Ctx, rs: &[AccessRequest]) {
    ctx.out.emit(&rs, || {
        table(
            &[
                "ID", "PERSON", "FROM", "RECEIVED", "AGE", "DOCS", "DECISION", "GROUND",
            ],
            &rs.iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.person_id.to_string(),
                        r.requester.clone(),
                        r.received.clone(),
                        format!("{} d", r.age_days),
                        r.docs.join(","),
                        r.outcome.clone().unwrap_or_else(|| "open".into()),
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
                format!(
                    "Recorded registration decision {id}: {} {} the central register.\n",
                    doc.as_deref()
                        .map(|d| format!("document {d}"))
                        .unwrap_or_else(|| format!("person {person}")),
                    if outcome.take {
                        "is taken into"
                    } else {
                        "is not taken into"
                    }
                )
            });
        }
        RegistrationCmd::List { person } => {
            let rs = s.registrations(person)?;
            ctx.out.emit(&rs, || {
                table(
                    &[
                        "ID", "PERSON", "DOCUMENT", "OUTCOME", "DECIDED", "BY", "REASON",
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
        let mut t = format!(
            "Decisions at {} ({}), {} to {}\n\
             {} decision(s): {} taken here, {} received from below; {} on police information; \
             {} resting on unverified information; police asked to elaborate in {}; oldest \
             information {}.\n",
            r.unit,
            r.level,
            r.from,
            r.to,
            m.decisions,
            m.own,
            m.received,
            m.on_police_information,
            m.with_unverified_basis,
            m.police_asked,
            m.oldest_information_days
                .map(|d| format!("{d} days old at the decision"))
                .unwrap_or_else(|| "-".into()),
        );
        for (k, v) in &m.standing {
            t.push_str(&format!("  {k}: {v}\n"));
        }
        t.push_str(&super::decision::decisions_table(&r.decisions));
        t.push_str(
            "Each assessment is the document named by `decision show ID` (reading it is \
             logged).\n",
        );
        t
    });
    Ok(())
}
