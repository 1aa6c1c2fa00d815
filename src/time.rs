//! Time in one format everywhere: RFC 3339, UTC, second precision.

use chrono::{SecondsFormat, Utc};

/// Now, as stored and shown.
pub fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}
