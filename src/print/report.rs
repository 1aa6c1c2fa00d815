//! The journal and a use-log report laid out for an inspection: landscape tables under a
//! header that names the unit, who printed and when.

use super::layout::{table, Line};
use super::pdf::{render, Frame, Paper};
use crate::audit::report::ReportLine;
use crate::audit::Entry;
use crate::documents::journal::JournalEntry;
use crate::i18n::Lang::Nb;
use crate::{t_in, Result};
use zeroize::Zeroizing;

/// The head of a report.
#[derive(Debug)]
pub(super) struct Head<'a> {
    pub title: String,
    pub unit: &'a str,
    pub printed_by: &'a str,
    pub printed_at: &'a str,
}

fn frame(h: &Head<'_>, repeat: Vec<Line>) -> Frame {
    Frame {
        marking: t_in!(Nb, "print-report-marking"),
        header: vec![
            h.title.clone(),
            t_in!(
                Nb,
                "print-report-printed",
                unit = h.unit,
                user = h.printed_by,
                time = when(h.printed_at)
            ),
        ],
        notices: vec![t_in!(Nb, "print-report-exempt")],
        repeat,
    }
}

/// A stored time (RFC 3339, UTC) as printed: date and time, marked UTC.
pub(super) fn when(t: &str) -> String {
    t.replacen('T', " ", 1).replace('Z', " UTC")
}

fn status_label(status: &str) -> String {
    match status {
        "received" => t_in!(Nb, "journal-status-received"),
        "created" => t_in!(Nb, "journal-status-created"),
        "sent" => t_in!(Nb, "journal-status-sent"),
        "destroyed" => t_in!(Nb, "journal-status-destroyed"),
        s => s.to_owned(),
    }
}

fn grading_label(stored: &str) -> String {
    stored
        .parse::<crate::authz::Grading>()
        .map(|g| g.label().to_owned())
        .unwrap_or_else(|_| stored.to_owned())
}

/// The journal of one year; an empty year prints a line saying so.
pub(super) fn journal(
    h: &Head<'_>,
    entries: &[JournalEntry],
) -> Result<(Zeroizing<Vec<u8>>, usize)> {
    let paper = Paper::Landscape;
    let header = [
        t_in!(Nb, "print-col-journal"),
        t_in!(Nb, "print-col-version"),
        t_in!(Nb, "print-col-date"),
        t_in!(Nb, "print-col-grading"),
        t_in!(Nb, "print-col-status"),
        t_in!(Nb, "print-col-counterpart"),
        t_in!(Nb, "print-col-by"),
        t_in!(Nb, "print-col-exemption"),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.journal_number.clone(),
                e.version.to_string(),
                when(&e.date),
                grading_label(&e.grading),
                status_label(&e.status),
                super::document::source_label(&e.counterpart),
                e.by.clone(),
                e.exemption.clone(),
            ]
        })
        .collect();
    let (head, mut body) = table(&header, &rows, paper.columns());
    if entries.is_empty() {
        body.push(Line::text(t_in!(Nb, "print-report-empty")));
    }
    render(paper, &frame(h, head), &body)
}

/// A use-log report: the summary by document (for a report on a user) or by user (on a
/// document) and act, then every entry.
pub(super) fn log(
    h: &Head<'_>,
    about_user: bool,
    summary: &[ReportLine],
    entries: &[Entry],
) -> Result<(Zeroizing<Vec<u8>>, usize)> {
    let paper = Paper::Landscape;
    let cols = paper.columns();
    // A report on a user lists documents; a report on a document lists users.
    let subject = if about_user {
        t_in!(Nb, "print-col-document")
    } else {
        t_in!(Nb, "print-col-user")
    };
    let mut body = vec![Line::bold(t_in!(Nb, "print-log-summary")), Line::blank()];
    let (sh, sb) = table(
        &[
            subject,
            t_in!(Nb, "print-col-act"),
            t_in!(Nb, "print-col-count"),
            t_in!(Nb, "print-col-first"),
            t_in!(Nb, "print-col-last"),
        ],
        &summary
            .iter()
            .map(|l| {
                vec![
                    l.subject.clone(),
                    l.act.clone(),
                    l.count.to_string(),
                    when(&l.first),
                    when(&l.last),
                ]
            })
            .collect::<Vec<_>>(),
        cols,
    );
    body.extend(sh);
    body.extend(sb);
    body.extend([
        Line::blank(),
        Line::bold(t_in!(Nb, "print-log-entries")),
        Line::blank(),
    ]);
    let (eh, eb) = table(
        &[
            t_in!(Nb, "print-col-seq"),
            t_in!(Nb, "print-col-time"),
            t_in!(Nb, "print-col-user"),
            t_in!(Nb, "print-col-act"),
            t_in!(Nb, "print-col-outcome"),
            t_in!(Nb, "print-col-person"),
            t_in!(Nb, "print-col-document"),
            t_in!(Nb, "print-col-purpose-detail"),
        ],
        &entries
            .iter()
            .map(|e| {
                let doc = match (&e.journal_number, e.doc_version) {
                    (Some(j), Some(v)) => format!("{j} v{v}"),
                    (Some(j), None) => j.clone(),
                    _ => String::new(),
                };
                let note = [e.purpose.as_deref(), e.detail.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                vec![
                    e.seq.to_string(),
                    when(&e.time),
                    e.user.clone(),
                    e.act.clone(),
                    e.outcome.clone(),
                    e.person_id.map(|p| p.to_string()).unwrap_or_default(),
                    doc,
                    note,
                ]
            })
            .collect::<Vec<_>>(),
        cols,
    );
    body.extend(eh);
    body.extend(eb);
    if entries.is_empty() {
        body.push(Line::text(t_in!(Nb, "print-report-empty")));
    }
    render(paper, &frame(h, Vec::new()), &body)
}
