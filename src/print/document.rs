//! A document laid out for print: the frame of markings and the first page's particulars.

use super::layout::{wrap_text, Line};
use super::pdf::{render, Frame, Paper};
use crate::authz::Grading;
use crate::documents::DocMeta;
use crate::i18n::Lang::Nb;
use crate::{t_in, Result};
use zeroize::Zeroizing;

/// Who printed what, when and why: set on the first page.
#[derive(Debug)]
pub(super) struct Particulars<'a> {
    pub meta: &'a DocMeta,
    pub grading: Grading,
    pub copy: i64,
    pub purpose: Option<&'a str>,
    pub printed_by: &'a str,
    pub unit: &'a str,
    pub printed_at: &'a str,
}

/// A document's source, as the journal and the service name it.
pub(crate) fn source_label(source: &str) -> String {
    match source {
        "kripos" => t_in!(Nb, "source-kripos"),
        "pst" => t_in!(Nb, "source-pst"),
        "police" => t_in!(Nb, "source-police"),
        "ksf" => t_in!(Nb, "source-ksf"),
        "region" => t_in!(Nb, "source-region"),
        "local" => t_in!(Nb, "source-local"),
        "other" => t_in!(Nb, "source-other"),
        s => s.to_owned(),
    }
}

/// The frame every page of the document carries.
fn frame(p: &Particulars<'_>) -> Frame {
    let m = p.meta;
    let mut notices = Vec::new();
    if m.unverified {
        notices.push(t_in!(Nb, "print-notice-unverified"));
    }
    if m.health_confidential {
        notices.push(t_in!(Nb, "print-notice-health"));
    }
    Frame {
        marking: p.grading.label().to_owned(),
        header: vec![t_in!(
            Nb,
            "print-doc-header",
            jno = m.journal_number.as_str(),
            version = m.version,
            copy = p.copy
        )],
        notices,
        repeat: Vec::new(),
    }
}

/// The particulars at the head of the first page.
fn particulars(p: &Particulars<'_>, cols: usize) -> Vec<Line> {
    let m = p.meta;
    let mut head = vec![t_in!(
        Nb,
        "print-doc-source",
        source = source_label(&m.source),
        date = m.info_date.as_str()
    )];
    if let Some(from) = &m.derived_from {
        head.push(t_in!(Nb, "print-doc-derived", from = from.as_str()));
    }
    head.push(t_in!(
        Nb,
        "print-doc-printed",
        user = p.printed_by,
        unit = p.unit,
        time = super::report::when(p.printed_at)
    ));
    if let Some(purpose) = p.purpose {
        head.push(t_in!(Nb, "print-doc-purpose", purpose = purpose));
    }
    let mut lines: Vec<Line> = wrap_text(&m.title, cols)
        .into_iter()
        .map(|l| match l {
            Line::Text(s) => Line::Bold(s),
            other => other,
        })
        .collect();
    for h in head {
        lines.extend(wrap_text(&h, cols));
    }
    lines.push(Line::blank());
    lines
}

/// The PDF of a document's `text` with its markings, and its page count.
pub(super) fn render_document(
    p: &Particulars<'_>,
    text: &str,
) -> Result<(Zeroizing<Vec<u8>>, usize)> {
    let paper = Paper::Portrait;
    let cols = paper.columns();
    let mut body = particulars(p, cols);
    body.extend(wrap_text(text, cols));
    render(paper, &frame(p), &body)
}
