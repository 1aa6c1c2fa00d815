//! A person's fields as typed on the command line: parsed once, at the edge (STYLE 4). Free
//! text follows the crate's rules for text from outside (`text::field`); the register's own
//! messages (a bad date, a role refused) are in the reader's language.

use crate::{t, Error, Result};
use chrono::Datelike;

/// A date of birth as YYYY-MM-DD: from 1900 to today. A year mistyped (0000, 2980) would
/// otherwise be kept, and searched and matched by.
pub(crate) fn parse_date(s: &str) -> Result<String> {
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::Usage(t!("person-bad-date", value = s)))?;
    if d.year() < 1900 || d > chrono::Utc::now().date_naive() {
        return Err(Error::Usage(t!("person-born-implausible", value = s)));
    }
    Ok(d.to_string())
}

/// An act on the register in the reader's language, for the role refusal.
pub(crate) fn act_label(act: &str) -> String {
    match act {
        "register persons" => t!("act-register-persons"), // untranslated: act key, act_label shows it
        "change persons" => t!("act-change-persons"), // untranslated: act key, act_label shows it
        "correct persons" => t!("act-correct-persons"), // untranslated: act key, act_label shows it
        "link persons" => t!("act-link-persons"),     // untranslated: act key, act_label shows it
        "unlink persons" => t!("act-unlink-persons"), // untranslated: act key, act_label shows it
        "register releases" => t!("act-register-releases"), // untranslated: act key, act_label shows it
        "register networks" => t!("act-register-networks"), // untranslated: act key, act_label shows it
        "change networks" => t!("act-change-networks"), // untranslated: act key, act_label shows it
        other => other.to_owned(),
    }
}

/// Free text of 1 to `max` characters, trimmed, under the crate's rules for text from
/// outside (`text::field`: no control characters or direction overrides; line breaks only in
/// the long fields).
pub(crate) fn text(what: &str, s: &str, max: usize) -> Result<String> {
    crate::text::field(what, s, max, max > 500)
}

/// [`text`] when given.
pub(crate) fn opt_text(what: &str, v: &Option<String>, max: usize) -> Result<Option<String>> {
    v.as_deref().map(|s| text(what, s, max)).transpose()
}
