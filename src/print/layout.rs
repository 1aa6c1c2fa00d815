//! Lines for a monospace page: wrapping text and setting tables in columns.
//!
//! Every printed character is one column wide (Courier), so a line of N characters is exactly
//! N columns and wrapping needs no font metrics.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

/// One line of a page's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Regular text (may be empty: a blank line).
    Text(Zeroizing<String>),
    /// Bold text: headings, table headers.
    Bold(Zeroizing<String>),
    /// The rest of this page stays empty (a form feed in the text).
    PageBreak,
}

impl Line {
    /// Regular text.
    pub fn text(s: impl Into<String>) -> Line {
        Line::Text(Zeroizing::new(s.into()))
    }
    /// Bold text.
    pub fn bold(s: impl Into<String>) -> Line {
        Line::Bold(Zeroizing::new(s.into()))
    }
    /// A blank line.
    pub fn blank() -> Line {
        Line::text("")
    }
}

/// Cleans one logical line: tabs to spaces (stops every 8), other control characters to `?`.
fn clean(line: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(line.len()));
    let mut col = 0usize;
    for c in line.chars() {
        if c == '\t' {
            let n = 8 - col % 8;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(if c.is_control() { '?' } else { c });
            col += 1;
        }
    }
    out
}

/// Splits one line into pieces of at most `cols` characters, at the last space that fits,
/// or within a word when none does (long words, links and numbers are cut, never lost).
pub fn wrap_line(line: &str, cols: usize) -> Vec<Zeroizing<String>> {
    let cols = cols.max(1);
    let chars: Zeroizing<Vec<char>> = Zeroizing::new(line.chars().collect());
    let mut out = Vec::new();
    let mut start = 0usize;
    while chars.len() - start > cols {
        let window = &chars[start..=start + cols];
        let first = window.iter().position(|c| *c != ' ').unwrap_or(0);
        match window
            .iter()
            .rposition(|c| *c == ' ')
            .filter(|p| *p > first)
        {
            Some(p) => {
                let piece: String = window[..p].iter().collect();
                out.push(Zeroizing::new(piece.trim_end().to_owned()));
                start += p + 1;
            }
            None => {
                out.push(Zeroizing::new(window[..cols].iter().collect()));
                start += cols;
            }
        }
    }
    out.push(Zeroizing::new(chars[start..].iter().collect()));
    out
}

/// A document's text as body lines of at most `cols` characters: line breaks kept (CR LF,
/// CR or LF), a form feed starts a new page, letters composed (NFC) so an accent typed as a
/// separate mark takes no column of its own.
pub fn wrap_text(text: &str, cols: usize) -> Vec<Line> {
    let composed: Zeroizing<String> = Zeroizing::new(text.nfc().collect());
    let unified = Zeroizing::new(composed.replace("\r\n", "\n").replace('\r', "\n"));
    let body = unified.strip_suffix('\n').unwrap_or(&unified);
    let mut out = Vec::new();
    for line in body.split('\n') {
        for (i, part) in line.split('\u{c}').enumerate() {
            if i > 0 {
                out.push(Line::PageBreak);
            }
            out.extend(wrap_line(&clean(part), cols).into_iter().map(Line::Text));
        }
    }
    out
}

/// A table set in columns no wider than `cols` in all: its header lines (to repeat on every
/// page) and its body lines. The last column takes the room left and wraps within it.
pub fn table(header: &[String], rows: &[Vec<String>], cols: usize) -> (Vec<Line>, Vec<Line>) {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let fixed: usize = widths.iter().take(n.saturating_sub(1)).map(|w| w + 2).sum();
    let last = cols.saturating_sub(fixed).max(8);
    if let Some(w) = widths.last_mut() {
        *w = (*w).min(last);
    }
    let set = |cells: &[String]| -> Vec<String> {
        let tail = cells
            .get(n.saturating_sub(1))
            .map(String::as_str)
            .unwrap_or("");
        let pieces = wrap_line(&clean(tail), last);
        let mut lines = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            let mut s = String::new();
            for (j, w) in widths.iter().take(n.saturating_sub(1)).enumerate() {
                let cell = if i == 0 {
                    cells.get(j).map(String::as_str).unwrap_or("")
                } else {
                    ""
                };
                s.push_str(&format!("{:<w$}  ", clean(cell).as_str()));
            }
            s.push_str(piece);
            lines.push(s.trim_end().to_owned());
        }
        lines
    };
    let head = set(header).into_iter().map(Line::bold).collect();
    let body = rows.iter().flat_map(|r| set(r)).map(Line::text).collect();
    (head, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| match l {
                Line::Text(s) | Line::Bold(s) => s.to_string(),
                Line::PageBreak => "<ff>".into(),
            })
            .collect()
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_long_words_are_cut() {
        let w = wrap_line("aaa bbb ccc ddd", 7);
        let w: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
        assert_eq!(w, ["aaa bbb", "ccc ddd"]);
        let w = wrap_line(&"x".repeat(25), 10);
        assert_eq!(w.iter().map(|s| s.len()).collect::<Vec<_>>(), [10, 10, 5]);
    }

    #[test]
    fn no_piece_is_longer_than_the_line() {
        let text = "Bjørn Åsen æøå ".repeat(40) + &"ÆØÅ".repeat(50);
        for cols in [1, 2, 7, 80] {
            for l in wrap_text(&text, cols) {
                if let Line::Text(s) = l {
                    assert!(s.chars().count() <= cols, "{cols}: {s:?}");
                }
            }
        }
    }

    #[test]
    fn line_breaks_tabs_controls_and_form_feeds() {
        let l = wrap_text("a\r\nb\rc\n\td\u{7}\u{c}e\n", 80);
        assert_eq!(texts(&l), ["a", "b", "c", "        d?", "<ff>", "e"]);
        // "e" + combining acute is one column once composed.
        assert_eq!(texts(&wrap_text("e\u{301}", 1)), ["é"]);
    }

    #[test]
    fn tables_fit_the_width_and_wrap_the_last_column() {
        let (h, b) = table(
            &["A".into(), "NOTE".into()],
            &[vec!["x".into(), "one two three four".into()]],
            14,
        );
        assert_eq!(texts(&h), ["A  NOTE"]);
        assert_eq!(texts(&b), ["x  one two", "   three four"]);
    }
}
