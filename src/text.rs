//! Text from outside (the command line, files, packages) and text going out to a terminal.
//!
//! In: every free-text field is trimmed, bounded and refused if it holds control characters
//! (terminal escapes, NUL) or invisible direction overrides, so nothing one user types can
//! rewrite another user's screen. Closed vocabularies (risks, kinds) are parsed once, at the
//! edge, into their canonical spelling (STYLE 4).
//!
//! Out: [`escape`] makes any stored text safe to print, for rows written before these rules
//! or by someone editing the database with the store key.

use crate::{t, Error, Result};

/// Upper bounds for free-text fields, in characters.
pub mod limits {
    /// Names of persons, networks, units, agreement references, recipients.
    pub const NAME: usize = 200;
    /// Titles of documents.
    pub const TITLE: usize = 300;
    /// Purposes, reasons, exemptions, short notes.
    pub const NOTE: usize = 2000;
    /// Longer descriptions (conduct, a network's purpose).
    pub const LONG: usize = 4000;
}

/// Characters that change how a terminal shows text without being visible themselves:
/// bidirectional overrides and isolates (the "Trojan Source" characters).
fn is_invisible_control(c: char) -> bool {
    is_invisible(c)
}

/// Characters that print as nothing (or as a space) but are not white space: soft hyphen,
/// zero-width spaces and joiners, direction marks and overrides, word joiners, variation
/// selectors, fillers and tags (Unicode's format characters and their kin). In a name they
/// only serve to make two different strings look alike ("Kri\u{ad}pos"), so no field takes
/// them, and the disclosure rules read names without them.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
        | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Checks one free-text field: trimmed, 1..=`max` characters, no control characters (a line
/// break only where `multiline`). Returns the trimmed text.
pub fn field(what: &str, s: &str, max: usize, multiline: bool) -> Result<String> {
    let t = s.trim();
    let bad = t.chars().find(|&c| {
        (c.is_control() && !(multiline && (c == '\n' || c == '\t'))) || is_invisible_control(c)
    });
    if let Some(c) = bad {
        return Err(Error::Usage(t!(
            "register-text-control-character",
            what = what,
            char = c.escape_unicode().to_string()
        )));
    }
    let n = t.chars().count();
    if n == 0 || n > max {
        return Err(Error::Usage(t!(
            "register-text-length",
            what = what,
            max = max,
            n = n
        )));
    }
    Ok(t.to_owned())
}

/// [`field`] for an optional value.
pub fn opt_field(
    what: &str,
    s: Option<&str>,
    max: usize,
    multiline: bool,
) -> Result<Option<String>> {
    s.map(|s| field(what, s, max, multiline)).transpose()
}

/// Text safe to print on a terminal: control characters and direction overrides are shown as
/// `\u{…}` escapes; everything else is kept.
pub fn escape(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_invisible_control(c)) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| {
            if c.is_control() || is_invisible_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whole output for a terminal: like [`escape`], but keeps line breaks and tabs. Everything
/// the program prints for people goes through this, so a name or title someone stored with
/// the store key cannot carry a terminal escape to a colleague's screen.
pub fn for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_invisible_control(c);
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if bad(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Parses a comma-separated list against the allowed words.
pub fn parse_set(what: &str, s: &str, allowed: &[&str]) -> Result<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let p = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(part))
            .ok_or_else(|| {
                Error::Usage(t!(
                    "register-unknown-word",
                    what = what,
                    value = format!("{:?}", escape(part)),
                    allowed = allowed.join(", ")
                ))
            })?;
        if !out.contains(p) {
            out.push(p);
        }
    }
    Ok(out.join(","))
}

/// Parses one word against the allowed ones.
pub fn parse_one(what: &str, s: &str, allowed: &[&str]) -> Result<String> {
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(s.trim()))
        .map(|a| (*a).to_owned())
        .ok_or_else(|| {
            Error::Usage(t!(
                "register-unknown-word",
                what = what,
                value = format!("{:?}", escape(s)),
                allowed = allowed.join(", ")
            ))
        })
}

/// The folded form of a name, for finding and comparing persons and units: lower case, the
/// Norwegian letters written as a keyboard without them writes them (æ → ae, ø → o, å → a),
/// other accents dropped (é → e, ü → u, ñ → n), a double `aa` read as `å` (so Aasen, Åsen and
/// Asen meet), apostrophes dropped, any other run of non-letters one space.
///
/// ```
/// use infoflyt::text::fold;
/// assert_eq!(fold("Bjørn  ÅSEN-Hansen"), "bjorn asen hansen");
/// assert_eq!(fold("Aasen"), fold("Åsen"));
/// assert_eq!(fold("Sæther"), fold("SAETHER"));
/// assert_eq!(fold("O'Brien"), "obrien");
/// ```
///
/// Stored keys are made with this function (the `infoflyt_fold` SQL function of the
/// migrations calls it too): changing what it returns needs a migration that recomputes
/// `persons.name_key` and `person_search`.
pub fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut letters = String::with_capacity(s.len());
    // Lower case, then letters without their accents (å is a with a ring: a), then the
    // letters that are not an accented base (æ, ø …) as they are typed without them.
    let bare = s
        .chars()
        .flat_map(char::to_lowercase)
        .flat_map(|c| c.nfd())
        .filter(|c| !is_combining_mark(*c));
    for c in bare {
        match c {
            'æ' | 'ä' => letters.push_str("ae"),
            'ø' | 'ö' => letters.push('o'),
            'œ' => letters.push_str("oe"),
            'ß' => letters.push_str("ss"),
            'ð' | 'đ' => letters.push('d'),
            'þ' => letters.push_str("th"),
            'ł' => letters.push('l'),
            '\'' | '’' | '`' | '´' => {}
            c if c.is_alphanumeric() => letters.push(c),
            _ => letters.push(' '),
        }
    }
    let mut out = String::with_capacity(letters.len());
    for word in letters.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut prev_a = false;
        for c in word.chars() {
            if !(c == 'a' && prev_a) {
                out.push(c);
            }
            prev_a = c == 'a';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_overrides_are_refused_and_lengths_bounded() {
        assert_eq!(field("title", "  Notat ", 10, false).unwrap(), "Notat");
        for bad in ["a\u{1b}[2Jb", "a\u{0}b", "a\u{202E}b", "a\nb", ""] {
            assert!(field("title", bad, 10, false).is_err(), "{bad:?}");
        }
        assert!(field("note", "a\nb", 10, true).is_ok());
        assert!(field("title", &"x".repeat(11), 10, false).is_err());
    }

    #[test]
    fn escape_shows_control_characters_and_keeps_the_rest() {
        assert_eq!(escape("Bjørn"), "Bjørn");
        assert_eq!(escape("a\u{1b}[2J"), "a\\u{1b}[2J");
        assert_eq!(escape("x\u{202E}y"), "x\\u{202e}y");
    }

    #[test]
    fn folding_meets_the_ways_norwegian_names_are_typed() {
        for (a, b) in [
            ("Bjørn", "bjorn"),
            ("Åsen", "Aasen"),
            ("Åsen", "asen"),
            ("Håkon", "Haakon"),
            ("Sæther", "Saether"),
            ("Ann-Kristin", "ann kristin"),
            ("René Müller", "rene muller"),
            ("  Per\tOlsen ", "per olsen"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        assert_ne!(fold("Berg"), fold("Borg"));
        assert_eq!(fold("!!"), "");
    }
}
