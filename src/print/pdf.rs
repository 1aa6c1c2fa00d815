//! Pages to PDF: the marking at the top and bottom of every page, the header and notices
//! under it, "side x av y", and the body in Courier.
//!
//! Only the standard 14 fonts Courier and Courier-Bold are named, with WinAnsiEncoding: every
//! PDF reader has them, nothing is embedded, nothing is fetched, and every character is 0.6 em
//! wide, so the layout needs no font metrics. Content streams are left uncompressed (no
//! compression library; the file holds the printed text in any case).

use super::layout::Line;
use super::winansi;
use crate::i18n::Lang;
use crate::{Error, Result};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use zeroize::Zeroizing;

/// The width of a Courier glyph, in ems.
const GLYPH_EM: f32 = 0.6;
/// Left and right margins, in points.
const MARGIN: f32 = 50.0;
/// The size of the marking at the top and bottom.
const MARK_SIZE: f32 = 14.0;

/// A4, upright for documents or on its side for wide reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm, 10 pt type: 82 columns.
    Portrait,
    /// 297 × 210 mm, 8 pt type: 154 columns.
    Landscape,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::Portrait => (595.28, 841.89),
            Paper::Landscape => (841.89, 595.28),
        }
    }
    fn font_size(self) -> f32 {
        match self {
            Paper::Portrait => 10.0,
            Paper::Landscape => 8.0,
        }
    }
    fn leading(self) -> f32 {
        self.font_size() * 1.25
    }
    /// Characters per body line.
    pub fn columns(self) -> usize {
        let (w, _) = self.size();
        // Truncation is intended: a partial column does not fit a character.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = ((w - 2.0 * MARGIN) / (GLYPH_EM * self.font_size())) as usize;
        n
    }
}

/// What every page carries around its body.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The marking at the top and the bottom, e.g. "STRENGT FORTROLIG".
    pub marking: String,
    /// Lines under the top marking (journal number, copy number, unit…); the page number is
    /// set at the right end of the first.
    pub header: Vec<String>,
    /// Notices in bold under the header, e.g. "IKKE VERIFISERT: …".
    pub notices: Vec<String>,
    /// Body lines repeated at the top of every page (a table's header).
    pub repeat: Vec<Line>,
}

/// Where things go on a page, in points from the bottom left.
struct Geometry {
    paper: Paper,
    width: f32,
    body_top: f32,
    rule_top: f32,
    rule_bottom: f32,
    per_page: usize,
}

impl Geometry {
    fn new(paper: Paper, frame: &Frame) -> Result<Geometry> {
        let (width, height) = paper.size();
        let lead = paper.leading();
        let head_lines = frame.header.len().max(1) + frame.notices.len();
        #[allow(clippy::cast_precision_loss)]
        let rule_top = height - 58.0 - lead * head_lines as f32;
        let body_top = rule_top - lead * 1.5;
        let rule_bottom = 48.0 + lead;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let lines = ((body_top - rule_bottom - lead * 0.5) / lead) as usize + 1;
        let per_page = lines.saturating_sub(frame.repeat.len());
        if per_page < 5 {
            return Err(Error::Other(crate::t!("print-no-room")));
        }
        Ok(Geometry {
            paper,
            width,
            body_top,
            rule_top,
            rule_bottom,
            per_page,
        })
    }

    fn text_width(&self, s: &str, size: f32) -> f32 {
        #[allow(clippy::cast_precision_loss)]
        let n = s.chars().count() as f32;
        n * GLYPH_EM * size
    }
}

/// Splits the body into pages: as many lines as fit, a new page at a form feed.
fn paginate(body: &[Line], per_page: usize) -> Vec<&[Line]> {
    let mut pages = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < body.len() {
        if body[i] == Line::PageBreak {
            pages.push(&body[start..i]);
            start = i + 1;
        } else if i - start == per_page {
            pages.push(&body[start..i]);
            start = i;
            continue;
        }
        i += 1;
    }
    pages.push(&body[start..]);
    pages
}

fn show(c: &mut Content, font: &[u8], size: f32, x: f32, y: f32, text: &str) {
    let bytes = Zeroizing::new(winansi::encode(text));
    c.begin_text()
        .set_font(Name(font), size)
        .next_line(x, y)
        .show(Str(&bytes))
        .end_text();
}

fn rule(c: &mut Content, g: &Geometry, y: f32) {
    c.set_line_width(0.6)
        .move_to(MARGIN, y)
        .line_to(g.width - MARGIN, y)
        .stroke();
}

/// One page's content stream.
fn page_content(g: &Geometry, frame: &Frame, lines: &[Line], page: usize, pages: usize) -> Content {
    let size = g.paper.font_size();
    let lead = g.paper.leading();
    let (_, height) = g.paper.size();
    let mut c = Content::with_capacity(4096 + lines.len() * 120);
    let mark_x = (g.width - g.text_width(&frame.marking, MARK_SIZE)) / 2.0;
    show(
        &mut c,
        b"F2",
        MARK_SIZE,
        mark_x,
        height - 38.0,
        &frame.marking,
    );
    show(&mut c, b"F2", MARK_SIZE, mark_x, 24.0, &frame.marking);
    let label = crate::t_in!(Lang::Nb, "print-page", page = page, pages = pages);
    let mut y = height - 58.0;
    for h in frame
        .header
        .iter()
        .chain(frame.header.is_empty().then_some(&String::new()))
    {
        show(&mut c, b"F1", size, MARGIN, y, h);
        y -= lead;
    }
    let label_x = g.width - MARGIN - g.text_width(&label, size);
    show(&mut c, b"F2", size, label_x, height - 58.0, &label);
    for n in &frame.notices {
        show(&mut c, b"F2", size, MARGIN, y, n);
        y -= lead;
    }
    rule(&mut c, g, g.rule_top);
    rule(&mut c, g, g.rule_bottom);
    let footer_x = (g.width - g.text_width(&label, size)) / 2.0;
    show(&mut c, b"F1", size, footer_x, 48.0 - lead * 0.2, &label);
    let mut y = g.body_top;
    for l in frame.repeat.iter().chain(lines) {
        match l {
            Line::Text(s) => show(&mut c, b"F1", size, MARGIN, y, s),
            Line::Bold(s) => show(&mut c, b"F2", size, MARGIN, y, s),
            Line::PageBreak => {}
        }
        y -= lead;
    }
    c
}

/// The PDF of `body` framed by `frame`, and its page count.
pub fn render(paper: Paper, frame: &Frame, body: &[Line]) -> Result<(Zeroizing<Vec<u8>>, usize)> {
    let g = Geometry::new(paper, frame)?;
    let pages = paginate(body, g.per_page);
    let n = pages.len();
    let estimate = 4096 + body.len() * 120 + n * 2048;
    let mut pdf = Pdf::with_capacity(estimate);
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first = 6;
    let id = |i: usize, k: i32| Ref::new(first + 2 * i32::try_from(i).unwrap_or(0) + k);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..n).map(|i| id(i, 0)))
        .count(i32::try_from(n).unwrap_or(i32::MAX));
    pdf.type1_font(regular)
        .base_font(Name(b"Courier"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Courier-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .producer(pdf_writer::TextStr("infoflyt"));
    let (w, h) = paper.size();
    for (i, lines) in pages.iter().enumerate() {
        let mut page = pdf.page(id(i, 0));
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, w, h))
            .contents(id(i, 1));
        page.resources()
            .fonts()
            .pair(Name(b"F1"), regular)
            .pair(Name(b"F2"), bold);
        page.finish();
        let content = page_content(&g, frame, lines, i + 1, n);
        let data = Zeroizing::new(content.finish().into_vec());
        pdf.stream(id(i, 1), &data);
    }
    Ok((Zeroizing::new(pdf.finish()), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_break_at_capacity_and_at_form_feeds() {
        let body: Vec<Line> = (0..7).map(|i| Line::text(i.to_string())).collect();
        assert_eq!(
            paginate(&body, 3)
                .iter()
                .map(|p| p.len())
                .collect::<Vec<_>>(),
            [3, 3, 1]
        );
        let body = vec![Line::text("a"), Line::PageBreak, Line::text("b")];
        assert_eq!(paginate(&body, 3).len(), 2);
        assert_eq!(paginate(&[], 3).len(), 1);
    }

    #[test]
    fn columns_fit_the_paper() {
        assert_eq!(Paper::Portrait.columns(), 82);
        assert!(Paper::Landscape.columns() >= 150);
    }
}
