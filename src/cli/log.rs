//! `infoflyt log …`.

use super::args::LogCmd;
use super::output::table;
use super::Ctx;
use crate::audit::report::Filter;
use crate::documents::parse_jno;
use crate::identity::account::parse_user_name;
use crate::{t, Error, Result};

pub(super) fn run(ctx: &mut Ctx, cmd: LogCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        LogCmd::List { user, doc, last } => list(ctx, &s, user, doc, last)?,
        LogCmd::Report { user, doc, pdf } => {
            let user = user.as_deref().map(parse_user_name).transpose()?;
            let doc = doc
                .as_deref()
                .map(|d| parse_jno(d).map(|x| x.0))
                .transpose()?;
            if let Some(out) = pdf {
                return super::print::log_report(
                    ctx,
                    &mut s,
                    user.as_deref(),
                    doc.as_deref(),
                    &out,
                );
            }
            let lines = s.log_report(user.as_deref(), doc.as_deref())?;
            let head = if doc.is_some() { "USER" } else { "DOCUMENT" };
            ctx.out.emit(&lines, || {
                table(
                    &[head, "ACT", "COUNT", "FIRST", "LAST"],
                    &lines
                        .iter()
                        .map(|l| {
                            vec![
                                l.subject.clone(),
                                l.act.clone(),
                                l.count.to_string(),
                                l.first.clone(),
                                l.last.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                )
            });
        }
        LogCmd::Verify {
            no_signatures,
            checkpoint,
        } => verify(ctx, &s, no_signatures, checkpoint.as_deref())?,
        LogCmd::Checkpoint { out, of } => super::transfer::write_checkpoint(ctx, &s, &out, of)?,
    }
    Ok(())
}

/// `log list`: the entries, newest last, with purpose and detail in one column.
fn list(
    ctx: &Ctx,
    s: &crate::identity::Session,
    user: Option<String>,
    doc: Option<String>,
    last: Option<i64>,
) -> Result<()> {
    let f = Filter {
        user: user.as_deref().map(parse_user_name).transpose()?,
        journal_number: doc
            .as_deref()
            .map(|d| parse_jno(d).map(|x| x.0))
            .transpose()?,
        last,
    };
    let entries = s.log_entries(&f)?;
    ctx.out.emit(&entries, || {
        table(
            &[
                "SEQ",
                "TIME",
                "USER",
                "ACT",
                "OUTCOME",
                "PERSON",
                "DOCUMENT",
                &crate::t!("col-purpose-detail"),
            ],
            &entries
                .iter()
                .map(|e| {
                    vec![
                        e.seq.to_string(),
                        e.time.clone(),
                        e.user.clone(),
                        e.act.clone(),
                        e.outcome.clone(),
                        e.person_id.map(|p| p.to_string()).unwrap_or_default(),
                        match (&e.journal_number, e.doc_version) {
                            (Some(j), Some(v)) => format!("{j} v{v}"),
                            (Some(j), None) => j.clone(),
                            _ => String::new(),
                        },
                        super::output::purpose_and_detail(
                            e.purpose.as_deref(),
                            e.detail.as_deref(),
                        ),
                    ]
                })
                .collect::<Vec<_>>(),
        )
    });
    Ok(())
}

/// `log verify`: the chain, every signature (unless `--no-signatures`) and every witness,
/// with progress on a terminal; with `--checkpoint`, that the log still holds each checkpoint.
fn verify(
    ctx: &Ctx,
    s: &crate::identity::Session,
    no_signatures: bool,
    checkpoint: Option<&std::path::Path>,
) -> Result<()> {
    use crate::audit::verify::Depth;
    // Read and check the file before the long walk: a wrong file is a quick usage error.
    let cps = checkpoint
        .map(super::transfer::read_checkpoints)
        .transpose()?;
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}})",
            crate::t!("log-verify-progress")
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let depth = if no_signatures {
        Depth::ChainOnly
    } else {
        Depth::Full
    };
    let res = s.verify_log_with(depth, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let v = res?;
    let held = cps.map(|c| s.check_checkpoints(&c)).transpose()?;
    let mut json = serde_json::to_value(&v).map_err(|e| Error::Other(e.to_string()))?;
    if let Some(obj) = json.as_object_mut() {
        obj.insert(
            "checkpoints".into(),
            serde_json::to_value(&held).map_err(|e| Error::Other(e.to_string()))?,
        );
    }
    ctx.out.emit(&json, || {
        let mut text = if v.signatures {
            t!("log-verify-intact", entries = v.entries, head = &v.head)
        } else {
            t!(
                "log-verify-chain-intact",
                entries = v.entries,
                head = &v.head
            )
        };
        text.push('\n');
        if let Some(h) = &held {
            text.push_str(&(t!("checkpoint-held", count = h.checked, seq = h.highest) + "\n"));
        }
        text
    });
    Ok(())
}
