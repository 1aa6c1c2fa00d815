//! `infoflyt decision …`: rendering only; the rules are in `casework`.

use super::casework_args::{DecisionArgs, DecisionCmd};
use super::output::table;
use super::Ctx;
use crate::casework::decision::NewDecision;
use crate::casework::query::DecisionView;
use crate::casework::record::{Verdict, MAX_ASSESSMENT_BYTES};
use crate::{t, Error, Result};
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
            std::io::ErrorKind::NotFound => Error::NotFound(t!(
                "decision-assessment-no-file",
                path = path.display().to_string()
            )),
            _ => Error::io(t!(
                "decision-assessment-cannot-read",
                path = path.display().to_string()
            ))(e),
        })?;
        f.take(limit).read_to_end(&mut buf)
    };
    read.map_err(Error::io(t!("decision-assessment-read-failed")))?;
    if buf.len() > MAX_ASSESSMENT_BYTES {
        return Err(Error::Usage(t!(
            "decision-assessment-too-long",
            max = MAX_ASSESSMENT_BYTES
        )));
    }
    let text =
        std::str::from_utf8(&buf).map_err(|_| Error::Usage(t!("decision-assessment-not-utf8")))?;
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
            let (jno, days) = (b.journal_number.as_str(), b.age_days);
            if b.unverified {
                t!("decision-basis-age-unverified", jno = jno, days = days)
            } else {
                t!("decision-basis-age", jno = jno, days = days)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The table of decisions, as `decision list` and `person show` print it.
pub(super) fn decisions_table(ds: &[DecisionView]) -> String {
    table(
        &[
            &t!("col-id"),
            &t!("col-person"),
            &t!("col-measure"),
            &t!("col-decided"),
            &t!("col-by"),
            &t!("col-unit"),
            &t!("col-assessment"),
            &t!("col-reliability"),
            &t!("col-standing"),
            &t!("col-basis-age"),
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

fn yes_no(b: bool) -> String {
    if b {
        t!("decision-yes")
    } else {
        t!("decision-no")
    }
}

/// The basis, supersession and review lines of `decision show`.
fn history_lines(d: &DecisionView) -> String {
    let mut t = String::new();
    for b in &d.basis {
        let line = t!(
            "decision-show-basis",
            jno = b.journal_number.as_str(),
            version = b.version,
            grading = b.grading.replace('_', " "),
            source = b.source.as_str(),
            date = b.info_date.as_str(),
            days = b.age_days
        );
        t.push_str(&format!("  {line}"));
        if b.unverified {
            t.push_str(&format!(" · {}", t!("decision-show-unverified")));
        }
        t.push('\n');
    }
    if let Some(s) = d.supersedes {
        t.push_str(&format!("  {}\n", t!("decision-show-supersedes", id = s)));
    }
    if let Some(s) = d.superseded_by {
        t.push_str(&format!(
            "  {}\n",
            t!("decision-show-superseded-by", id = s)
        ));
    }
    for r in &d.reviews {
        let (by, unit, level, at) = (
            r.reviewed_by.as_str(),
            r.unit.as_str(),
            r.level.as_str(),
            r.reviewed_at.as_str(),
        );
        let mut line = if r.verdict == "overturn" {
            t!(
                "decision-show-overturned",
                by = by,
                unit = unit,
                level = level,
                at = at
            )
        } else {
            t!(
                "decision-show-upheld",
                by = by,
                unit = unit,
                level = level,
                at = at
            )
        };
        if !r.reason.is_empty() {
            line.push_str(&format!(": {}", r.reason));
        }
        t.push_str(&format!("  {line}\n"));
    }
    t
}

fn show_text(d: &DecisionView, assessment: &str) -> String {
    let mut t = format!(
        "==================== {} ====================\n",
        d.grading.replace('_', " ")
    );
    t.push_str(
        &(t!(
            "decision-show-head",
            id = d.id,
            measure = d.measure.as_str(),
            person = d.person_id,
            origin = d.origin.as_str()
        ) + "\n"),
    );
    t.push_str(
        &(t!(
            "decision-show-decided",
            at = d.decided_at.as_str(),
            by = d.decided_by.as_str(),
            unit = d.unit.as_str(),
            level = d.level.as_str()
        ) + "\n"),
    );
    t.push_str(
        &(t!(
            "decision-show-reliability",
            reliability = d.reliability.as_str(),
            asked = yes_no(d.asked_police),
            police = yes_no(d.police_info)
        ) + "\n"),
    );
    t.push_str(
        &(t!(
            "decision-show-standing",
            assessment = d.assessment_journal_number.as_str(),
            standing = d.standing.as_str()
        ) + "\n"),
    );
    t.push_str(&history_lines(d));
    t.push_str("--------------------------------------------------------------\n");
    t.push_str(assessment.trim_end());
    t.push_str("\n--------------------------------------------------------------\n");
    t.push_str(&(t!("decision-show-signatures") + "\n"));
    t
}

pub(super) fn run(ctx: &mut Ctx, cmd: DecisionCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        DecisionCmd::Add(a) => {
            let person = a
                .person
                .ok_or_else(|| Error::Usage(t!("decision-person-needed")))?;
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
                    t!("decision-superseded", id = id) + "\n" + &recorded(&d)
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
            reviewed(ctx, &s, id, r, Verdict::Uphold)?;
        }
        DecisionCmd::Overturn { id, reason } => {
            let r = s.review_decision(id, Verdict::Overturn, Some(&reason))?;
            reviewed(ctx, &s, id, r, Verdict::Overturn)?;
        }
        DecisionCmd::Pending => {
            let owed = s.casework_owed()?;
            ctx.out.emit(&owed, || {
                if owed.is_empty() {
                    return t!("decision-nothing-owed") + "\n";
                }
                table(
                    &[
                        &t!("col-id"),
                        &t!("col-kind"),
                        &t!("col-decision"),
                        &t!("col-to"),
                        &t!("col-queued"),
                        &t!("col-why"),
                    ],
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
                ) + &t!("decision-owed-export")
                    + "\n"
            });
        }
    }
    Ok(())
}

fn recorded(d: &DecisionView) -> String {
    let mut t = t!(
        "decision-recorded",
        id = d.id,
        measure = d.measure.as_str(),
        grading = d.grading.replace('_', " "),
        assessment = d.assessment_journal_number.as_str()
    ) + "\n";
    for o in &d.owed {
        t.push_str(&t!(
            "decision-owed-to",
            unit = o.to_unit.as_str(),
            level = o.to_level.as_str(),
            why = o.why.as_str()
        ));
        t.push('\n');
    }
    t
}

fn reviewed(
    ctx: &Ctx,
    s: &crate::identity::Session,
    id: i64,
    review: i64,
    verdict: Verdict,
) -> Result<()> {
    let d = s.decision(id)?;
    ctx.out
        .emit(&serde_json::json!({ "id": review, "decision": d }), || {
            let unit = d.unit.as_str();
            let line = if verdict == Verdict::Overturn {
                t!("decision-overturned", id = id, unit = unit)
            } else {
                t!("decision-upheld", id = id, unit = unit)
            };
            line + "\n"
        });
    Ok(())
}
