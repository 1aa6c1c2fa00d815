//! `infoflyt doc …` and `infoflyt journal …`.

use super::args::{ContentArgs, DocCmd, JournalCmd};
use super::output::table;
use super::Ctx;
use crate::documents::add::{Content, NewDoc};
use crate::documents::reader::Use;
use crate::identity::Session;
use crate::{t, Error, Result};
use std::io::{IsTerminal, Write};
use zeroize::Zeroizing;

fn content(c: ContentArgs) -> Result<Content> {
    match (c.file, c.text) {
        (Some(f), None) => Ok(Content::File(f)),
        (None, Some(t)) => Ok(Content::Text(Zeroizing::new(t))),
        _ => Err(Error::Usage(t!("doc-one-content"))),
    }
}

/// Passes writes through, remembering the last byte (to end the frame on a fresh line).
struct TailByte<'a, W: Write> {
    inner: &'a mut W,
    last: Option<u8>,
}

impl<W: Write> Write for TailByte<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if n > 0 {
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn age_days(info_date: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(info_date, "%Y-%m-%d").ok()?;
    Some((chrono::Utc::now().date_naive() - d).num_days())
}

fn banner(g: crate::authz::Grading) -> String {
    format!("==================== {} ====================", g.label())
}

pub(super) fn run(ctx: &mut Ctx, cmd: DocCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        DocCmd::Add {
            person,
            grading,
            title,
            source,
            unverified,
            verified,
            health_confidential,
            info_date,
            exemption,
            content: c,
        } => {
            // Police information is unverified unless said otherwise.
            let unverified = unverified || (source.is_police() && !verified);
            let size = c
                .file
                .as_ref()
                .filter(|f| f.as_os_str() != "-")
                .and_then(|f| std::fs::metadata(f).ok())
                .map_or(0, |m| m.len());
            let bar = super::progress::bytes(size, &t!("doc-add-progress"));
            let report: crate::documents::add::Progress<'_> =
                Box::new(|done, _| bar.set_position(done));
            let new = NewDoc {
                person_id: person,
                grading,
                title,
                source,
                unverified,
                health_confidential,
                content: content(c)?,
                info_date,
                exemption,
            };
            let w = s.add_document_with_progress(new, Some(report));
            bar.finish_and_clear();
            let w = w?;
            ctx.out.emit(&w, || format!("{}\n", w.journal_number));
        }
        DocCmd::Show { jno, purpose, raw } => show(ctx, &mut s, jno, purpose, raw)?,
        DocCmd::Export {
            jno,
            out,
            purpose,
            to,
            disclosure,
        } => super::export::export(ctx, &mut s, jno, out, purpose, to, disclosure)?,
        DocCmd::Print {
            jno,
            out,
            purpose,
            to,
            disclosure,
        } => super::print::doc(ctx, &mut s, &jno, &out, to, purpose, disclosure)?,
        DocCmd::List { person } => list(ctx, &s, person)?,
        DocCmd::Derive {
            jno,
            title,
            grading,
            content: c,
        } => {
            let w = s.derive_document(&jno, title, grading, content(c)?)?;
            ctx.out.emit(&w, || format!("{}\n", w.journal_number));
        }
        DocCmd::Revise { jno, content: c } => {
            let w = s.revise_document(&jno, content(c)?)?;
            ctx.out
                .emit(&w, || format!("{} v{}\n", w.journal_number, w.version));
        }
        DocCmd::Regrade {
            jno,
            grading,
            reason,
        } => regrade(ctx, &mut s, &jno, grading, reason)?,
        DocCmd::Verified { jno, reason } => verified(ctx, &mut s, &jno, &reason)?,
    }
    Ok(())
}

/// `doc regrade`: the originator's refusal gets the hint of `--reason`.
fn regrade(
    ctx: &Ctx,
    s: &mut Session,
    jno: &str,
    grading: crate::authz::Grading,
    reason: Option<String>,
) -> Result<()> {
    let w = match s.regrade_document_with(jno, grading, reason.as_deref()) {
        Err(Error::Refused { rule, message })
            if rule == crate::documents::grading::ORIGINATOR_RULE && reason.is_none() =>
        {
            let message = format!("{message} {}", t!("doc-hint-reason"));
            return Err(Error::Refused { rule, message });
        }
        other => other?,
    };
    ctx.out.emit(&w, || {
        format!(
            "{}\n",
            t!(
                "doc-regraded",
                jno = w.journal_number.as_str(),
                version = w.version,
                grading = w.grading.as_str()
            )
        )
    });
    Ok(())
}

/// `doc verified`.
fn verified(ctx: &Ctx, s: &mut Session, jno: &str, reason: &str) -> Result<()> {
    let w = s.mark_document_verified(jno, reason)?;
    ctx.out.emit(&w, || {
        format!(
            "{}\n",
            t!(
                "doc-marked-verified",
                jno = w.journal_number.as_str(),
                version = w.version
            )
        )
    });
    Ok(())
}

/// The head of `doc show`: the grading's banner, the particulars and the notices.
fn show_head(
    m: &crate::documents::DocMeta,
    g: crate::authz::Grading,
    age: Option<i64>,
    due: Option<&crate::retention::Due>,
) -> String {
    let line = match age {
        Some(days) => t!(
            "doc-show-head-age",
            jno = m.journal_number.as_str(),
            version = m.version,
            title = m.title.as_str(),
            source = m.source.as_str(),
            date = m.info_date.as_str(),
            days = days
        ),
        None => t!(
            "doc-show-head",
            jno = m.journal_number.as_str(),
            version = m.version,
            title = m.title.as_str(),
            source = m.source.as_str(),
            date = m.info_date.as_str()
        ),
    };
    let mut head = format!("{}\n{line}\n", banner(g));
    if let Some(f) = &m.derived_from {
        head.push_str(&t!("doc-show-derived", from = f.as_str()));
        head.push('\n');
    }
    if m.unverified {
        head.push_str(&t!("doc-show-unverified"));
        head.push('\n');
    }
    if m.health_confidential {
        head.push_str(&t!("doc-show-health"));
        head.push('\n');
    }
    if let Some(d) = due {
        let rule = super::retention::rule_label(d.rule);
        head.push_str(&t!(
            "retention-due-warning",
            at = d.due_at.as_str(),
            rule = rule
        ));
        head.push('\n');
    }
    head
}

/// `doc show`: framed by its governing grading; on a terminal or in JSON held in memory to
/// check it is text (and so bounded), piped streamed chunk by chunk.
fn show(ctx: &Ctx, s: &mut Session, jno: String, purpose: Option<String>, raw: bool) -> Result<()> {
    let json = ctx.out.is_json();
    // Shown on a terminal or in JSON, contents are checked to be text first and so
    // held in memory: only up to a bound. Larger ones are exported (or piped).
    const SHOW_LIMIT: i64 = 8 << 20;
    let found = s.document(&jno)?;
    let size = found.size;
    let terminal = std::io::stdout().is_terminal();
    // Piped, a file's bytes would pass on unframed: a file is checked to be text first (and
    // so held in memory) unless `--raw` says its bytes are wanted as they are.
    let file_piped = !json && !terminal && found.content_kind != "text" && !raw;
    let buffered = json || terminal || file_piped;
    if buffered && size > SHOW_LIMIT {
        return Err(Error::Usage(if file_piped {
            t!(
                "doc-show-binary-needs-raw",
                jno = found.journal_number.as_str()
            )
        } else {
            t!("doc-show-too-large", jno = jno.as_str(), size = size)
        }));
    }
    // Destruction soon is worth knowing while reading; a failure to tell is no reason to
    // withhold the document.
    let due = s
        .destruction_due(&jno)
        .ok()
        .flatten()
        .filter(|d| d.within(30));
    let mut d = s.open_document(&jno, Use::Show, purpose)?;
    let m = d.meta.clone();
    let g = d.grading;
    let mut body = Zeroizing::new(Vec::new());
    if buffered {
        // Buffered to check it is text before it reaches a terminal, a pipe or a JSON string.
        d.copy_to(&mut *body)?;
        if std::str::from_utf8(&body).is_err() {
            return Err(Error::Usage(t!(
                "doc-show-binary-needs-raw",
                jno = m.journal_number.as_str()
            )));
        }
    } else {
        // Piped, the contents are streamed and cannot be taken back: check them whole first.
        d.authenticate()?;
    }
    let age = age_days(&m.info_date);
    if json {
        let text = String::from_utf8_lossy(&body).into_owned();
        ctx.out.emit(
            &serde_json::json!({ "document": m, "governing_grading": g.as_str(),
                                "info_age_days": age, "destruction_due": due,
                                "content": text }),
            String::new,
        );
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let mut head = show_head(&m, g, age, due.as_ref());
    head.push_str("--------------------------------------------------------------\n");
    let w = |r: std::io::Result<()>| r.map_err(Error::io(t!("output-cannot-write")));
    w(out.write_all(crate::text::for_terminal(&head).as_bytes()))?;
    let ends_in_newline = if !buffered {
        // Piped: streamed chunk by chunk, never held whole.
        let mut tail = TailByte {
            inner: &mut out,
            last: None,
        };
        d.copy_to(&mut tail)?;
        tail.last.is_none_or(|b| b == b'\n')
    } else {
        // The text's own control characters are shown, not obeyed.
        let text = std::str::from_utf8(&body).unwrap_or_default();
        w(out.write_all(crate::text::for_terminal(text).as_bytes()))?;
        body.is_empty() || body.ends_with(b"\n")
    };
    if !ends_in_newline {
        w(out.write_all(b"\n"))?;
    }
    w(out.write_all(format!("{}\n", banner(g)).as_bytes()))?;

    Ok(())
}

/// `doc list`: metadata only.
fn list(ctx: &Ctx, s: &Session, person: Option<i64>) -> Result<()> {
    let docs = s.documents(person)?;
    ctx.out.emit(&docs, || {
        table(
            &[
                "JOURNAL", "V", "PERSON", "GRADING", "SOURCE", "FLAGS", "SIZE", "TITLE",
            ],
            &docs
                .iter()
                .map(|d| {
                    let mut flags = Vec::new();
                    if d.unverified {
                        flags.push("unverified");
                    }
                    if d.health_confidential {
                        flags.push("health");
                    }
                    if d.derived_from.is_some() {
                        flags.push("processed");
                    }
                    vec![
                        d.journal_number.clone(),
                        d.version.to_string(),
                        d.person_id.to_string(),
                        d.grading.clone(),
                        d.source.clone(),
                        flags.join(","),
                        d.size.to_string(),
                        d.title.clone(),
                    ]
                })
                .collect::<Vec<_>>(),
        )
    });

    Ok(())
}

pub(super) fn run_journal(ctx: &mut Ctx, cmd: JournalCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        JournalCmd::List { grading, limit } => {
            let j = match limit {
                Some(n) => s.journal_newest(grading, n)?,
                None => s.journal(grading)?,
            };
            ctx.out.emit(&j, || {
                table(
                    &[
                        "JOURNAL",
                        "V",
                        "DATE",
                        "GRADING",
                        "STATUS",
                        "FROM/TO",
                        "BY",
                        "EXEMPTION",
                    ],
                    &j.iter()
                        .map(|e| {
                            vec![
                                e.journal_number.clone(),
                                e.version.to_string(),
                                e.date.clone(),
                                e.grading.clone(),
                                e.status.clone(),
                                e.counterpart.clone(),
                                e.by.clone(),
                                e.exemption.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                )
            });
        }
        JournalCmd::Print { year, out } => super::print::journal(ctx, &mut s, year, &out)?,
    }
    Ok(())
}
