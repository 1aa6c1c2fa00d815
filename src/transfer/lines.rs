//! The one strict reader and writer of `Label: value` lines, shared by every small text file
//! of a package and by unit cards (`bagit.txt`, `bag-info.txt`, the inner signatures, the card).
//!
//! RFC 8493 allows folded values, any amount of whitespace and free labels; we write none of
//! that and accept none of it: each line is `Label: value` and one LF, the label is ASCII
//! letters, digits and `-`, the value is non-empty UTF-8 with no control characters and no
//! whitespace at either end. Callers then demand exact labels in an exact order, so one file
//! has one spelling, and a parser can never be led into reading two meanings from it.

use crate::{t, Error, Result};

/// The longest line accepted, newline included.
pub(crate) const MAX_LINE: usize = 1024;
/// The most lines in one file.
pub(crate) const MAX_LINES: usize = 64;

/// The fields of one file, taken in order by the caller.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    what: String,
    items: Vec<(&'a str, &'a str)>,
    next: usize,
}

fn bad(what: &str, why: impl std::fmt::Display) -> Error {
    Error::Integrity(t!(
        "package-file-malformed",
        what = what,
        why = why.to_string()
    ))
}

/// Whether `s` is acceptable as a value: non-empty, no control characters, and no
/// whitespace at either end.
pub(crate) fn is_value(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(char::is_control) && s.trim() == s
}

fn is_label(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl<'a> Fields<'a> {
    /// Splits `data` into fields; refuses anything but well-formed `Label: value` lines.
    pub(crate) fn parse(what: impl Into<String>, data: &'a [u8]) -> Result<Fields<'a>> {
        let what: String = what.into();
        let what = what.as_str();
        let text = std::str::from_utf8(data).map_err(|_| bad(what, t!("package-why-not-utf8")))?;
        if text.is_empty() {
            return Err(bad(what, t!("package-why-empty")));
        }
        let Some(body) = text.strip_suffix('\n') else {
            return Err(bad(what, t!("package-why-no-final-newline")));
        };
        let mut items = Vec::new();
        for line in body.split('\n') {
            if items.len() == MAX_LINES {
                return Err(bad(what, t!("package-why-too-many-lines")));
            }
            if line.len() + 1 > MAX_LINE {
                return Err(bad(what, t!("package-why-line-too-long")));
            }
            let (label, value) = line
                .split_once(": ")
                .ok_or_else(|| bad(what, t!("package-why-not-label-value")))?;
            if !is_label(label) || !is_value(value) {
                return Err(bad(
                    what,
                    t!("package-why-line-ill-formed", label = format!("{label:?}")),
                ));
            }
            items.push((label, value));
        }
        Ok(Fields {
            what: what.to_owned(),
            items,
            next: 0,
        })
    }

    /// The value of the next line, which must have `label`.
    pub(crate) fn take(&mut self, label: &str) -> Result<&'a str> {
        self.optional(label)?.ok_or_else(|| {
            bad(
                &self.what,
                t!("package-why-label-missing", label = format!("{label:?}")),
            )
        })
    }

    /// The value of the next line if it has `label`.
    pub(crate) fn optional(&mut self, label: &str) -> Result<Option<&'a str>> {
        match self.items.get(self.next) {
            Some((l, v)) if *l == label => {
                self.next += 1;
                Ok(Some(v))
            }
            _ => Ok(None),
        }
    }

    /// Refuses lines left over.
    pub(crate) fn finish(self) -> Result<()> {
        match self.items.get(self.next) {
            None => Ok(()),
            Some((l, _)) => Err(bad(
                &self.what,
                t!("package-why-unexpected-line", line = format!("{l:?}")),
            )),
        }
    }

    /// Decodes a value that must be lowercase hex of exactly `N` bytes (a key, a signature).
    pub(crate) fn hex<const N: usize>(&self, s: &str) -> Result<[u8; N]> {
        (s.len() == 2 * N && !s.bytes().any(|b| b.is_ascii_uppercase()))
            .then(|| crate::crypto::unhex(s))
            .flatten()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| self.error(t!("package-why-bad-hex")))
    }

    /// An error about this file, for checks of a value's contents.
    pub(crate) fn error(&self, why: impl std::fmt::Display) -> Error {
        bad(&self.what, why)
    }
}

/// Writes fields in the one form [`Fields::parse`] accepts. The caller's values come from
/// typed, already checked data; a value that would not parse back is refused here rather
/// than written.
#[derive(Debug, Default)]
pub(crate) struct Writer(String);

impl Writer {
    pub(crate) fn new() -> Self {
        Writer(String::new())
    }

    /// Adds one line.
    pub(crate) fn field(&mut self, label: &str, value: &str) -> Result<&mut Self> {
        if !is_label(label) || !is_value(value) || label.len() + value.len() + 3 > MAX_LINE {
            return Err(Error::Usage(t!(
                "package-field-unwritable",
                label = format!("{label:?}")
            )));
        }
        self.0.push_str(label);
        self.0.push_str(": ");
        self.0.push_str(value);
        self.0.push('\n');
        Ok(self)
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_in_order() {
        let mut w = Writer::new();
        w.field("A", "1").unwrap().field("B-2", "x y: z").unwrap();
        let s = w.into_string();
        assert_eq!(s, "A: 1\nB-2: x y: z\n");
        let mut f = Fields::parse("t", s.as_bytes()).unwrap();
        assert_eq!(f.optional("Z").unwrap(), None);
        assert_eq!(f.take("A").unwrap(), "1");
        assert_eq!(f.take("B-2").unwrap(), "x y: z");
        f.finish().unwrap();
    }

    #[test]
    fn odd_lines_are_refused() {
        for bad in [
            &b""[..],
            b"A: 1",
            b"A: 1\r\n",
            b"A:1\n",
            b"A:  1\n",
            b"A: 1 \n",
            b"A: \n",
            b"A b: 1\n",
            b" A: 1\n",
            b"A: 1\n\n",
            b"A: 1\tx\n",
            b"A: \xff\n",
            b"A: 1\n B\n",
        ] {
            assert!(Fields::parse("t", bad).is_err(), "{bad:?}");
        }
        let long = format!("A: {}\n", "x".repeat(MAX_LINE));
        assert!(Fields::parse("t", long.as_bytes()).is_err());
        let many = "A: 1\n".repeat(MAX_LINES + 1);
        assert!(Fields::parse("t", many.as_bytes()).is_err());
    }

    #[test]
    fn order_and_leftovers_are_enforced() {
        let mut f = Fields::parse("t", b"A: 1\nB: 2\n").unwrap();
        assert!(f.take("B").is_err());
        assert_eq!(f.take("A").unwrap(), "1");
        assert!(f.finish().is_err());
        assert!(Writer::new().field("A", "line\nbreak").is_err());
        assert!(Writer::new().field("A", " x").is_err());
    }
}
