//! `infoflyt doc …` and `infoflyt journal …`.

use super::args::{ContentArgs, DocCmd, JournalCmd};
use super::output::table;
use super::Ctx;
use crate::authz::disclosure::Recipient;
use crate::documents::add::{Content, NewDoc};
use crate::documents::reader::Use;
use crate::identity::Session;
use crate::store::fsutil::NewFile;
use crate::{Error, Result};
use std::io::{IsTerminal, Write};
use zeroize::Zeroizing;

fn content(c: ContentArgs) -> Result<Content> {
    match (c.file, c.text) {
        (Some(f), None) => Ok(Content::File(f)),
        (None, Some(t)) => Ok(Content::Text(Zeroizing::new(t))),
        _ => Err(Error::Usage(
            "give exactly one of --file F or --text T".into(),
        )),
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
            health_confidential,
            info_date,
            exemption,
            content: c,
        } => {
            let w = s.add_document(NewDoc {
                person_id: person,
                grading,
                title,
                source,
                unverified,
                health_confidential,
                content: content(c)?,
                info_date,
                exemption,
            })?;
            ctx.out.emit(&w, || format!("{}\n", w.journal_number));
        }
        DocCmd::Show { jno, purpose } => show(ctx, &mut s, jno, purpose)?,
        DocCmd::Export {
            jno,
            out,
            purpose,
            to,
        } => export(ctx, &mut s, jno, out, purpose, to)?,
        DocCmd::Print {
            jno,
            out,
            purpose,
            to,
        } => super::print::doc(ctx, &mut s, &jno, &out, to, purpose)?,
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
        DocCmd::Regrade { jno, grading } => {
            let w = s.regrade_document(&jno, grading)?;
            ctx.out.emit(&w, || {
                format!("{} v{} is now {}\n", w.journal_number, w.version, w.grading)
            });
        }
    }
    Ok(())
}

/// The frame's head: what the document is, how old its information is, its warnings.
fn header(
    m: &crate::documents::DocMeta,
    g: crate::authz::Grading,
    age: Option<i64>,
    due: Option<&crate::retention::Due>,
) -> String {
    let mut head = format!(
        "{}\n{} v{} · {} · source: {} · information dated {}{}\n",
        banner(g),
        m.journal_number,
        m.version,
        m.title,
        m.source,
        m.info_date,
        age.map(|a| format!(" ({a} days old)")).unwrap_or_default()
    );
    if let Some(f) = &m.derived_from {
        head.push_str(&format!("processed version of {f}\n"));
    }
    if m.unverified {
        head.push_str("UNVERIFIED: the correctness of this information has not been established\n");
    }
    if m.health_confidential {
        head.push_str("HEALTH-CONFIDENTIAL: never to be passed to police\n");
    }
    if let Some(d) = due {
        let rule = super::retention::rule_label(d.rule);
        head.push_str(&crate::t!(
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
fn show(ctx: &Ctx, s: &mut Session, jno: String, purpose: Option<String>) -> Result<()> {
    let json = ctx.out.is_json();
    // Shown on a terminal or in JSON, contents are checked to be text first and so
    // held in memory: only up to a bound. Larger ones are exported (or piped).
    const SHOW_LIMIT: i64 = 8 << 20;
    let size = s.document(&jno)?.size;
    // Destruction soon is worth knowing while reading; a failure to tell is no reason to
    // withhold the document.
    let due = s
        .destruction_due(&jno)
        .ok()
        .flatten()
        .filter(|d| d.within(30));
    if (json || std::io::stdout().is_terminal()) && size > SHOW_LIMIT {
        return Err(Error::Usage(format!(
            "{jno} is {size} bytes, too large to show here: use `doc export {jno} --out \
             FILE`, or pipe `doc show` into a program"
        )));
    }
    let mut d = s.open_document(&jno, Use::Show, purpose)?;
    let m = d.meta.clone();
    let g = d.grading;
    let mut body = Zeroizing::new(Vec::new());
    if json || std::io::stdout().is_terminal() {
        // Buffered to check it is text before it reaches a terminal or a JSON string.
        d.copy_to(&mut *body)?;
        if std::str::from_utf8(&body).is_err() {
            return Err(Error::Usage(format!(
                "{} holds binary contents that cannot be shown here: use `doc export {} \
                 --out FILE`",
                m.journal_number, m.journal_number
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
    let mut head = header(&m, g, age, due.as_ref());
    head.push_str("--------------------------------------------------------------\n");
    let w = |r: std::io::Result<()>| r.map_err(Error::io("cannot write to stdout"));
    w(out.write_all(crate::text::for_terminal(&head).as_bytes()))?;
    let ends_in_newline = if body.is_empty() && !(json || std::io::stdout().is_terminal()) {
        // Piped: streamed chunk by chunk, never held whole.
        let mut tail = TailByte {
            inner: &mut out,
            last: None,
        };
        d.copy_to(&mut tail)?;
        tail.last.is_none_or(|b| b == b'\n')
    } else {
        // On a terminal, the text's own control characters are shown, not obeyed.
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

/// `doc export`: a numbered copy for a recipient; a copy that cannot be written is logged as
/// failed.
fn export(
    ctx: &Ctx,
    s: &mut Session,
    jno: String,
    out: std::path::PathBuf,
    purpose: Option<String>,
    to: Option<String>,
) -> Result<()> {
    let to = match to.as_deref() {
        Some(t) => Recipient::classify(&crate::text::field("recipient", t, 200, false)?),
        None => Recipient::Service,
    };
    let mut f = NewFile::create_for(&out)?;
    let mut d = s.open_document(&jno, Use::Export(to), purpose)?;
    let (m, copy, g) = (d.meta.clone(), d.copy, d.grading);
    let written = d.copy_to(f.file());
    drop(d);
    let written = written.and_then(|n| f.persist(&out).map(|()| n));
    let n = match written {
        Ok(n) => n,
        Err(e) => {
            // The copy was logged before release; log that it was not made.
            let why = e.to_string();
            if let Err(l) = s.copy_failed(Use::Export(to), &m, copy.unwrap_or(0), &why) {
                return Err(Error::Other(format!(
                    "{why}; and the failure could not be logged: {l}"
                )));
            }
            let note = format!(
                "copy no. {} of {} was not written; the log records it as failed",
                copy.unwrap_or(0),
                m.journal_number
            );
            // Damaged contents stay an integrity failure (exit 5), not a failed write.
            return Err(match e {
                Error::Integrity(msg) => Error::Integrity(format!("{msg}; {note}")),
                _ => Error::Other(format!("{note} ({why})")),
            });
        }
    };
    ctx.out.emit(
        &serde_json::json!({ "journal_number": m.journal_number, "version": m.version,
            "copy": copy, "bytes": n, "out": out.display().to_string(),
            "grading": m.grading, "governing_grading": g.as_str() }),
        || {
            format!(
                "Exported {} v{} ({}) as copy no. {} to {} ({n} bytes). Keep it as the \
                 grading demands.\n",
                m.journal_number,
                m.version,
                g.label(),
                copy.unwrap_or(0),
                out.display()
            )
        },
    );

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
        JournalCmd::List { grading } => {
            let j = s.journal(grading)?;
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
