//! Retention (R28–R30, DESIGN.md §7): INFOFLYT information must not outlive its purpose.
//!
//! Local and regional stores destroy a person's folder, and their register entry, when the
//! person's release takes effect (R28). KSF destroys each document ten years after it entered
//! KSF's journal, and a register entry ten years after it last changed once its folder is
//! empty, unless an officer with decision authority has placed a hold (R29). Every
//! destruction is recorded (R30): a signed `destroyed` journal row for each document version,
//! a signed `destroy` / `folder-destroy` use-log entry, under which rule and by whom.
//!
//! Destruction is cryptographic erase first, then deletion, in one transaction: every wrap,
//! record and pin of the folder's two key chains, then the document rows and their chunks,
//! then the folder and the register entry. `secure_delete` overwrites the freed pages; the
//! write-ahead log is then checkpointed and truncated, so no old page image stays in the
//! store's files. What erasure cannot reach (backups, exports) is in SECURITY.md.
//!
//! The sweep ([`Session::sweep`]) runs at every unlock and as `retention sweep`. It decides
//! from the signed use log, never from a mutable column alone: a release time or a hold
//! changed with the store key can neither make an honest user's session destroy a folder
//! that is not due, nor silently keep one that is (`verify` reports what is overdue).
//!
//! This module must never decrypt anything: destruction needs no key, so any user's session
//! (clerical staff too) carries it out. Files: release.rs (registering and correcting
//! releases), holds.rs, due.rs (what goes when), destroy.rs (the one path), sweep.rs,
//! check.rs (what `verify` asks).

mod check;
mod destroy;
mod due;
mod holds;
mod release;
mod sweep;

pub use destroy::Destroyed;
// For the transfer import, which destroys a folder inside the transaction that records the
// receipt (and then calls `Session::empty_wal`).
#[allow(unused_imports)]
pub(crate) use destroy::{destroy_folder_tx, Outcome};
pub use due::Due;
pub use holds::{Hold, HoldOn};
pub use release::{ReleaseChange, ReleaseHistory, ReleaseSet};
pub(crate) use sweep::failed;
pub use sweep::{HeldBack, Swept};

use crate::{Error, Result};
use chrono::{DateTime, Months, SecondsFormat, TimeDelta, Utc};

/// The rule a destruction follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Local and regional stores: a folder goes when the person's release takes effect.
    Release,
    /// KSF: ten years after a document entered the journal, or after a register entry last
    /// changed, unless held.
    TenYears,
    /// The folder followed the inmate to another unit, whose receipt has arrived.
    Transfer {
        /// The receipt (package id) that confirms the folder arrived.
        receipt: String,
    },
}

impl Rule {
    /// Short name, as `--json` gives it.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Release => "release",
            Rule::TenYears => "ten-years",
            Rule::Transfer { .. } => "transfer",
        }
    }

    /// As the journal and the log record it.
    pub(crate) fn describe(&self) -> String {
        match self {
            Rule::Release => "release rule".into(), // untranslated: journal and log record
            Rule::TenYears => "ten-year rule".into(), // untranslated: journal and log record
            Rule::Transfer { receipt } => format!("transfer, receipt {receipt}"), // untranslated: journal and log record
        }
    }
}

/// How long a registered or corrected release waits at least before it takes effect, so a
/// mistyped date can still be corrected: a release never destroys a folder less than this
/// after it was registered.
pub const CORRECTION_WINDOW: TimeDelta = TimeDelta::hours(1);

/// How far ahead a hold may reach: a decision to keep information longer is taken again at
/// least every ten years.
const HOLD_MAX_MONTHS: u32 = 120;

/// Now, as retention reads the clock (the system clock, UTC).
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

/// A time as stored: RFC 3339, UTC, seconds.
pub(crate) fn fmt(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A stored time, read back. A time that does not parse was not written by the program.
pub(crate) fn parse(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            Error::Integrity(crate::t!(
                "retention-bad-stored-time",
                value = crate::text::escape(s)
            ))
        })
}

/// Ten years after `t` (the last day of a month where the day does not exist).
pub(crate) fn ten_years_after(t: DateTime<Utc>) -> DateTime<Utc> {
    t.checked_add_months(Months::new(120))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The newest entry time that is ten years old at `t`, give or take a day: the bound of the
/// index ranges that find candidates, each then checked exactly with [`ten_years_after`].
pub(crate) fn ten_year_cutoff(t: DateTime<Utc>) -> String {
    let back = t
        .checked_sub_months(Months::new(120))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    fmt(back + TimeDelta::days(1))
}
