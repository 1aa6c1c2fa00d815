//! `infoflyt decision …`: rendering only; the rules are in `casework`.

use super::casework_args::{DecisionArgs, DecisionCmd};
use super::output::table;
use super::Ctx;
use crate::casework::decision::NewDecision;
use crate::casework::query::DecisionView;
use crate::casework::record::{Verdict, MAX_ASSESSMENT_BYTES};
use crate::{Error, Result};
use std::io::Read;
use zeroize::Zeroizing;

/// The assessment from `--assessment` or `--assessment-file` (read after unlock, so that
/// `-` takes what follows the passphrase line). `None` when neither is given: the library
/// refuses that, logged.
fn assessment(a: &mut DecisionArgs) -> Result<Option<Zeroizing<String>>> {
    if let Some(t) = a.assessment.take() {
        return Ok(Some(Zeroizing::new(t)));
    }
    let Some(path) = &a.assessment_file else {
        return Ok(None);
    };
    let limit = u64::try_from(MAX_ASSESSMENT_BYTES + 1).unwrap_or(u64::MAX);
    let mut buf = Zeroizing::new(Vec::new());
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut buf)
    } else {
        let f = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::NotFound(format!("no file {}: check the path", path.display()))
            }
            _ => Error::io(format!("cannot read {}", path.display()))(e),
        })?;
        f.take(limit).read_to_end(&mut buf)
    };
    read.map_err(Error::io("cannot read the assessment"))?;
    if buf.len() > MAX_ASSESSMENT_BYTES {
        return Err(Error::Usage(format!(
            "the assessment is longer than {MAX_ASSESSMENT_BYTES} bytes: put long material in \
             a document (`doc add`) and refer to it"
        )));
    }
    let text = std::str::from_utf8(&buf)
        .map_err(|_| Error::Usage("the assessment must be UTF-8 text".into()))?;
    Ok(Some(Zeroizing::new(text.to_owned())))
}

fn new_decision(mut a: DecisionArgs, person: i64, supersedes: Option<i64>) -> Result<NewDecision> {
    Ok(NewDecision {
        person_id: person,
        measure: a.measure.clone(),
        assessment: assessment(&mut a)?,
        basis: a.basis,
        reliability: a.reliability,
        asked_police: a.asked_police == "yes",
        supersedes,
    })
}

fn basis_text(d: &DecisionView) -> String {
    d.basis
        .iter()
        .map(|b| {
            format!(
                "{} ({} d{})",
                b.journal_number,
                b.age_days,
                if b.unverified { ", unverified" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The table of decisions, as `decision list` and `person show` print it.
pub(super) fn decisions_table(ds: &[DecisionView]) -> String {
    table(
        &[
            "ID",
            "PERSON",
            "MEASURE",
            "DECIDED",
            "BY",
            "UNIT",
            "ASSESSMENT",
            "RELIABILITY",
            "STANDING",
            "BASIS (AGE AT DECISION)",
        ],
        &ds.iter()
            .map(|d| {
                vec![
                    d.id.to_string(),
                    d.person_id.to_string(),
                    d.measure.clone(),
                    d.decided_at.get(..10).unwrap_or(&d.decided_at).to_owned(),
                    d.decided_by.clone(),
                    d.unit.clone(),
                    d.assessment_journal_number.clone(),
                    d.reliability.clone(),
                    d.standing.clone(),
                    basis_text(d),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

fn show_text(d: &DecisionView, assessment: &str) -> String {
    let mut t = format!(
        "==================== {} ====================\n\
         Decision {} · {} · person {} · {}\n\
         decided {} by {} ({}, {})\n\
         reliability: {} · police asked to elaborate: {} · police information: {}\n\
         assessment: {} · standing: {}\n",
        d.grading.replace('_', " "),
        d.id,
        d.measure,
        d.person_id,
        d.origin,
        d.decided_at,
        d.decided_by,
        d.unit,
        d.level,
        d.reliability,
        if d.asked_police { "yes" } else { "no" },
        if d.police_info { "yes" } else { "no" },
        d.assessment_journal_number,
        d.standing,
    );
    for b in &d.basis {
        t.push_str(&format!(
            "  basis {} v{} · {} · source {} · information dated {} ({} days old at the \
             decision){}\n",
            b.journal_number,
            b.version,
            b.grading.replace('_', " "),
            b.source,
            b.info_date,
            b.age_days,
            if b.unverified { " · UNVERIFIED" } else { "" }
        ));
    }
    if let Some(s) = d.supersedes {
        t.push_str(&format!("  supersedes decision {s}\n"));
    }
    if let Some(s) = d.superseded_by {
        t.push_str(&format!("  superseded by decision {s}\n"));
    }
    for r in &d.reviews {
        t.push_str(&format!(
            "  {} by {} ({}) {} on {}{}\n",
            if r.verdict == "overturn" {
                "OVERTURNED"
            } else {
                "upheld"
            },
            r.reviewed_by,
            r.unit,
            r.level,
            r.reviewed_at,
            if r.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", r.reason)
            }
        ));
    }
    t.push_str("--------------------------------------------------------------\n");
    t.push_str(assessment.trim_end());
    t.push_str("\n--------------------------------------------------------------\n");
    t.push_str("signatures: valid (decision-maker and unit)\n");
    t
}

pub(super) fn run(ctx: &mut Ctx, cmd: DecisionCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        DecisionCmd::Add(a) => {
            let person = a.person.ok_or_else(|| {
                Error::Usage("give the person the decision is about: --person ID".into())
            })?;
            let id = s.add_decision(new_decision(a, person, None)?)?;
            let d = s.decision(id)?;
            ctx.out
                .emit(&serde_json::json!({ "id": id, "decision": d }), || {
                    recorded(&d)
                });
        }
        DecisionCmd::Supersede { id, args } => {
            let person = match args.person {
                Some(p) => p,
                None => s.decision(id)?.person_id,
            };
            let new = s.add_decision(new_decision(args, person, Some(id))?)?;
            let d = s.decision(new)?;
            ctx.out
                .emit(&serde_json::json!({ "id": new, "decision": d }), || {
                    format!("Decision {id} is superseded.\n{}", recorded(&d))
                });
        }
        DecisionCmd::List { person } => {
            let ds = s.decisions(person, None)?;
            ctx.out.emit(&ds, || decisions_table(&ds));
        }
        DecisionCmd::Show { id, purpose } => {
            let (d, rec) = s.open_decision(id, purpose)?;
            ctx.out.emit(
                &serde_json::json!({ "decision": d, "assessment": rec.assessment.as_str(),
                                     "signatures": "valid" }),
                || show_text(&d, &rec.assessment),
            );
        }
        DecisionCmd::Uphold { id, reason } => {
            let r = s.review_decision(id, Verdict::Uphold, reason.as_deref())?;
            reviewed(ctx, &s, id, r, "upheld")?;
        }
        DecisionCmd::Overturn { id, reason } => {
            let r = s.review_decision(id, Verdict::Overturn, Some(&reason))?;
            reviewed(ctx, &s, id, r, "overturned")?;
        }
        DecisionCmd::Pending => {
            let owed = s.casework_owed()?;
            ctx.out.emit(&owed, || {
                if owed.is_empty() {
                    return "Nothing owed.\n".into();
                }
                table(
                    &["ID", "KIND", "DECISION", "TO", "QUEUED", "WHY"],
                    &owed
                        .iter()
                        .map(|o| {
                            vec![
                                o.id.to_string(),
                                o.kind.clone(),
                                o.decision_id.to_string(),
                                format!("{} ({})", o.to_unit, o.to_level),
                                o.queued_at.clone(),
                                o.why.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                ) + "Transfer packages are not built yet: send these by the usual channel.\n"
            });
        }
    }
    Ok(())
}

fn recorded(d: &DecisionView) -> String {
    let mut t = format!(
        "Recorded decision {} ({}), graded {}; its assessment is {}.\n",
        d.id,
        d.measure,
        d.grading.replace('_', " "),
        d.assessment_journal_number
    );
    for o in &d.owed {
        t.push_str(&format!(
            "Owed to {} ({}): {}.\n",
            o.to_unit, o.to_level, o.why
        ));
    }
    t
}

fn reviewed(
    ctx: &Ctx,
    s: &crate::identity::Session,
    id: i64,
    review: i64,
    what: &str,
) -> Result<()> {
    let d = s.decision(id)?;
    ctx.out
        .emit(&serde_json::json!({ "id": review, "decision": d }), || {
            format!(
                "Decision {id} of {} is {what}; the review goes back to {}.\n",
                d.unit, d.unit
            )
        });
    Ok(())
}
