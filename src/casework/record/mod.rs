//! The signed records of casework that travel between stores (R23, R24): a decision, and a
//! review (uphold or overturn) of one.
//!
//! Each record has one canonical encoding ([`crate::crypto::encode_fields`] over every field
//! but the signatures), signed twice: by the officer who decided or reviewed, and by their
//! unit's key. The unit's signature is what lets a record be forwarded through the chain of
//! command (a local unit's decision reaches KSF through the region) and still be checked
//! against the unit that made it. On the wire a record is a small JSON object; parsing it
//! ([`DecisionRecord::from_json`], [`ReviewRecord::from_json`]) is the only way in, checks
//! every field, and is fuzzed (`fuzz/fuzz_targets/casework.rs`).
//!
//! A decision record carries the assessment's text: the package that carries it is
//! encrypted end to end (DESIGN.md §6), and at every store the text lives only as a document
//! in the person's folder.

mod decision;
mod review;

pub use decision::{BasisEntry, DecisionRecord, Subject};
pub use review::{ReviewRecord, Verdict, MIN_REASON_CHARS};

use crate::documents::Source;
use crate::identity::Level;
use crate::{t, Error, Result};

/// The shortest assessment accepted, in characters and in words (R34): enough to say what
/// the information is, how reliable and how old it is, and why it carries the measure.
pub const MIN_ASSESSMENT_CHARS: usize = 40;
/// See [`MIN_ASSESSMENT_CHARS`].
pub const MIN_ASSESSMENT_WORDS: usize = 6;
/// The longest assessment accepted, in bytes.
pub const MAX_ASSESSMENT_BYTES: usize = 256 * 1024;
/// The largest record accepted from a package, in bytes.
pub const MAX_RECORD_BYTES: usize = 512 * 1024;

/// Whether `text` is an assessment of substance (R34): not empty, not a word or two, within
/// bounds, and free of control characters other than line breaks and tabs.
pub fn assessment_is_substantial(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= MIN_ASSESSMENT_CHARS
        && t.split_whitespace().count() >= MIN_ASSESSMENT_WORDS
        && t.len() <= MAX_ASSESSMENT_BYTES
        && crate::text::field("assessment", t, MAX_ASSESSMENT_BYTES, true).is_ok()
}

pub(super) fn bad(what: &str) -> Error {
    Error::Integrity(t!("casework-record-malformed", what = what))
}

pub(super) fn date_of(rfc3339: &str) -> Result<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.with_timezone(&chrono::Utc).date_naive())
        .map_err(|_| bad("time"))
}

/// A level as a record spells it: exactly one of the stored spellings, and one of `allowed`.
pub(super) fn parse_level(level: &str, allowed: &[Level]) -> Result<Level> {
    let l: Level = level.parse().map_err(|_| bad("level"))?;
    if l.as_str() != level || !allowed.contains(&l) {
        return Err(bad("level"));
    }
    Ok(l)
}

/// A basis document's source as a record spells it: exactly one of the stored spellings.
pub(super) fn parse_source(source: &str) -> Result<Source> {
    let s: Source = source.parse().map_err(|_| bad("source"))?;
    if s.as_str() != source {
        return Err(bad("source"));
    }
    Ok(s)
}

/// A free-text field of a record: the shared rules of `text::field`, single line.
pub(super) fn check_text(t: &str, max: usize) -> Result<()> {
    match crate::text::field("text", t, max, false) {
        Ok(f) if f == t => Ok(()),
        _ => Err(bad("text field")), // untranslated: a signed record's field name
    }
}

pub(super) fn fixed<const N: usize>(s: &str, what: &str) -> Result<[u8; N]> {
    crate::crypto::unhex(s)
        .and_then(|v| <[u8; N]>::try_from(v.as_slice()).ok())
        .ok_or_else(|| bad(what))
}
