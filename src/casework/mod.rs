//! Casework: the decisions taken on the register's information, their review up the chain of
//! command, KSF's registration decisions, and requests for access (R6, R22–R24, R27, R34).
//!
//! Why it exists: the register keeps information, but the instruction's purpose is the
//! decisions taken on it, and the Parliamentary Ombud found those decisions the weakest part
//! of the real system: police conclusions adopted without the officer's own assessment, old
//! information used as if new. So a decision here cannot be recorded without the
//! decision-maker's own assessment, the age and reliability of every document it rests on
//! (computed, never typed), and the decision-maker's signature; and it can never be changed
//! in place, only superseded or reviewed by the level above.
//!
//! What it must never do: release a decision's assessment without the need-to-know decision
//! and a log entry (the assessment is a document in the person's folder, written and read
//! through `documents`), let anyone decide on a document they may not read, or touch another
//! module's tables: it calls `register`, `documents`, `authz`, `audit` and `identity`
//! through their functions.
//!
//! Transfer packages are another module's work; [`chain`] is the API it calls: what is owed
//! to whom, the signed records to carry ([`record`]), and recording what arrives.

pub mod access;
pub mod chain;
pub(crate) mod check;
pub mod decision;
pub(crate) mod logged;
pub(crate) mod outbox;
pub mod oversight;
pub mod query;
pub mod record;
pub mod registration;
pub mod review;

use crate::identity::Level;
use crate::text::{self, limits};
use crate::{t, Error, Result};
use std::fmt;

/// The measures a region or a prison decides on the information (R22).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Placement in a high-security unit.
    HighSecurity,
    /// Transfer to another prison.
    Transfer,
    /// A ban on visits.
    VisitBan,
    /// Stricter control of visits.
    VisitControl,
    /// Stricter control of letters.
    LetterControl,
    /// Stricter control of telephone calls.
    PhoneControl,
    /// Single cell.
    SingleCell,
    /// Moving other inmates.
    MoveOthers,
    /// Another measure, described.
    Other(String),
}

/// The measure words, for messages and help.
pub const MEASURES: &[&str] = &[
    "high-security",
    "transfer",
    "visit-ban",
    "visit-control",
    "letter-control",
    "phone-control",
    "single-cell",
    "move-others",
    "other:TEXT",
];

impl Measure {
    /// The measure's kind without any free text: safe for titles and log details.
    pub fn kind(&self) -> &'static str {
        match self {
            Measure::HighSecurity => "high-security",
            Measure::Transfer => "transfer",
            Measure::VisitBan => "visit-ban",
            Measure::VisitControl => "visit-control",
            Measure::LetterControl => "letter-control",
            Measure::PhoneControl => "phone-control",
            Measure::SingleCell => "single-cell",
            Measure::MoveOthers => "move-others",
            Measure::Other(_) => "other",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Other(t) => write!(f, "other:{t}"),
            m => f.write_str(m.kind()),
        }
    }
}

impl std::str::FromStr for Measure {
    type Err = Error;
    /// ```
    /// use infoflyt::casework::Measure;
    /// assert_eq!("visit-ban".parse::<Measure>().unwrap(), Measure::VisitBan);
    /// assert_eq!("other:Flytting av arbeidsdrift".parse::<Measure>().unwrap().kind(), "other");
    /// assert!("other:".parse::<Measure>().is_err());
    /// assert!("execution".parse::<Measure>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Measure> {
        let t = s.trim();
        if let Some(rest) = t
            .strip_prefix("other:")
            .or_else(|| t.strip_prefix("OTHER:"))
        {
            let t = text::field(
                &t!("decision-field-other-measure"),
                rest,
                limits::NAME,
                false,
            )?;
            return Ok(Measure::Other(t));
        }
        let m = match t.to_ascii_lowercase().as_str() {
            "high-security" => Measure::HighSecurity,
            "transfer" => Measure::Transfer,
            "visit-ban" => Measure::VisitBan,
            "visit-control" => Measure::VisitControl,
            "letter-control" => Measure::LetterControl,
            "phone-control" => Measure::PhoneControl,
            "single-cell" => Measure::SingleCell,
            "move-others" => Measure::MoveOthers,
            _ => {
                return Err(Error::Usage(t!(
                    "decision-unknown-measure",
                    value = format!("{:?}", text::escape(s)),
                    values = MEASURES.join(", ")
                )))
            }
        };
        Ok(m)
    }
}

crate::vocab::vocabulary! {
    /// How reliable the decision-maker judges the information a decision rests on (R34).
    pub enum Reliability ("reliability") {
        /// Every piece has been verified.
        Verified = "verified",
        /// None of it has been verified.
        Unverified = "unverified",
        /// Some has, some has not.
        Mixed = "mixed",
    }
}

impl Measure {
    /// A clap value parser: the measure is parsed before the passphrase is asked for.
    pub fn parser() -> clap::builder::ValueParser {
        clap::builder::ValueParser::new(|s: &str| s.parse::<Measure>())
    }
}

/// Checks free text from outside (the shared rules of [`text::field`]: trimmed, bounded, no
/// control characters, line breaks only where `multiline`), and at least `min` characters.
pub(crate) fn checked_text(
    what: &str,
    s: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String> {
    let t = text::field(what, s, max, multiline)?;
    let n = t.chars().count();
    if n < min {
        return Err(Error::Usage(t!(
            "casework-text-too-short",
            what = what,
            min = min,
            n = n
        )));
    }
    Ok(t)
}

/// Today, UTC: the day ages are counted to, and the latest date anyone may give.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Parses a date of the past, YYYY-MM-DD; a date in the future is refused.
pub fn parse_past_date(what: &str, s: &str) -> Result<chrono::NaiveDate> {
    let d = parse_date(what, s)?;
    if d > today() {
        return Err(Error::Usage(t!(
            "casework-date-in-future",
            what = what,
            date = d.to_string()
        )));
    }
    Ok(d)
}

/// A clap value parser for a date of the past (see [`parse_past_date`]).
pub fn past_date_parser(what: &'static str) -> clap::builder::ValueParser {
    clap::builder::ValueParser::new(move |s: &str| parse_past_date(what, s))
}

/// A clap value parser for a date (see [`parse_date`]).
pub fn date_parser(what: &'static str) -> clap::builder::ValueParser {
    clap::builder::ValueParser::new(move |s: &str| parse_date(what, s))
}

/// Parses a date, YYYY-MM-DD.
pub fn parse_date(what: &str, s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(t!(
            "casework-bad-date",
            what = what,
            value = format!("{:?}", text::escape(s))
        ))
    })
}

/// The level directly above `level` in the chain of command, whose review a decision of
/// `level` is under (R23): a local unit's decisions are reviewed by its region, a region's
/// by KSF. KSF has none.
pub fn level_above(level: Level) -> Option<Level> {
    match level {
        Level::Local => Some(Level::Region),
        Level::Region => Some(Level::Ksf),
        Level::Ksf => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_round_trip_and_unknown_ones_are_refused() {
        for m in &MEASURES[..8] {
            assert_eq!(m.parse::<Measure>().unwrap().to_string(), *m);
        }
        let o: Measure = "other: Arbeidsdrift stengt ".parse().unwrap();
        assert_eq!(o.to_string(), "other:Arbeidsdrift stengt");
        assert_eq!(o.to_string().parse::<Measure>().unwrap(), o);
        for bad in ["", "other:", "other:\u{7}x", "HIGHSECURITY", "ban"] {
            assert!(bad.parse::<Measure>().is_err(), "{bad}");
        }
    }

    #[test]
    fn future_dates_are_refused() {
        let tomorrow = today() + chrono::Days::new(1);
        assert!(parse_past_date("date", &tomorrow.to_string()).is_err());
        assert!(parse_past_date("date", &today().to_string()).is_ok());
        assert!(parse_past_date("date", "2026-13-01").is_err());
    }

    #[test]
    fn each_level_is_reviewed_by_the_one_above() {
        assert_eq!(level_above(Level::Local), Some(Level::Region));
        assert_eq!(level_above(Level::Region), Some(Level::Ksf));
        assert_eq!(level_above(Level::Ksf), None);
    }
}
