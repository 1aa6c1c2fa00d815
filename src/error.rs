//! The crate's one error type, and the exit codes of DESIGN.md §8.
//!
//! Every variant says whose fault it is and what the person can do next. Decryption failures
//! stay coarse on purpose (STYLE 5): a wrong passphrase and a damaged keyslot give the same
//! answer, so an attacker learns nothing from which one happened.

use std::fmt;

/// What went wrong, classified by the exit code the CLI gives for it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The command line or an input value is malformed (exit 2).
    Usage(String),
    /// The person could not be authenticated: wrong passphrase, unknown or disabled user (exit 3).
    Auth(String),
    /// Need to know or role refused the act (exit 4). `rule` names the rule that refused.
    Refused {
        /// The rule that refused, e.g. "role", "clearance", "not on the list".
        rule: &'static str,
        /// What was refused and what the person can do.
        message: String,
    },
    /// The store, the log or a package failed an integrity check (exit 5).
    Integrity(String),
    /// A named thing does not exist (exit 6).
    NotFound(String),
    /// An operating-system error, with what we were doing when it happened (exit 1).
    Io {
        /// What we were doing.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Any other failure (exit 1): disk full, store busy, a bug.
    Other(String),
}

/// Shorthand used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The process exit code for this error (DESIGN.md §8).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Auth(_) => 3,
            Error::Refused { .. } => 4,
            Error::Integrity(_) => 5,
            Error::NotFound(_) => 6,
            Error::Io { .. } | Error::Other(_) => 1,
        }
    }

    /// A short machine-readable kind, used in `--json` error output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::Auth(_) => "authentication",
            Error::Refused { .. } => "refused",
            Error::Integrity(_) => "integrity",
            Error::NotFound(_) => "not-found",
            Error::Io { .. } => "io",
            Error::Other(_) => "other",
        }
    }

    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m)
            | Error::Auth(m)
            | Error::Integrity(m)
            | Error::NotFound(m)
            | Error::Other(m) => f.write_str(m),
            Error::Refused { rule, message } => f.write_str(&crate::t!(
                "error-refused",
                rule = rule_label(rule),
                message = message.as_str()
            )),
            Error::Io { context, source } => f.write_str(&match source.kind() {
                std::io::ErrorKind::StorageFull => {
                    crate::t!("error-io-disk-full", context = context.as_str())
                }
                std::io::ErrorKind::PermissionDenied => {
                    crate::t!("error-io-permission", context = context.as_str())
                }
                _ => crate::t!(
                    "error-io",
                    context = context.as_str(),
                    error = source.to_string()
                ),
            }),
        }
    }
}

/// The name of a refusing rule in the reader's language. Rules are named in English in the
/// code and the use log (`refused: clearance`); a rule not listed here is shown as it is.
fn rule_label(rule: &str) -> String {
    match rule {
        "role" => crate::t!("rule-role"),
        "clearance" => crate::t!("rule-clearance"),
        "folder restricted" => crate::t!("rule-folder-restricted"), // untranslated: rule name
        "not on the list" => crate::t!("rule-not-on-the-list"),     // untranslated: rule name
        "last reader" => crate::t!("rule-last-reader"),             // untranslated: rule name
        "list size" => crate::t!("rule-list-size"),                 // untranslated: rule name
        "health confidentiality" => crate::t!("rule-health-confidentiality"), // untranslated: rule name
        "binary contents" => crate::t!("rule-binary-contents"), // untranslated: rule name
        "prior consultation" => crate::t!("rule-prior-consultation"), // untranslated: rule name
        "originator decides" => crate::t!("rule-originator-decides"), // untranslated: rule name
        "not due" => crate::t!("rule-not-due"),                 // untranslated: rule name
        "hold" => crate::t!("rule-hold"),
        "release in effect" => crate::t!("rule-release-in-effect"), // untranslated: rule name
        "decision authority" => crate::t!("rule-decision-authority"), // untranslated: rule name
        "own assessment" => crate::t!("rule-own-assessment"),       // untranslated: rule name
        "decision never changed" => crate::t!("rule-decision-never-changed"), // untranslated: rule name
        "reliability" => crate::t!("rule-reliability"),
        "basis outside folder" => crate::t!("rule-basis-outside-folder"), // untranslated: rule name
        "level" => crate::t!("rule-level"),
        "level above" => crate::t!("rule-level-above"), // untranslated: rule name
        "reason" => crate::t!("rule-reason"),
        "ombud or court demand" => crate::t!("rule-ombud-or-court-demand"), // untranslated: rule name
        other => other.to_owned(),
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        // The schema fixes every column's type, and only the program writes the store: a
        // value of another type was put there by someone holding the store key.
        if matches!(
            e,
            rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)
        ) {
            return Error::Integrity(crate::t!("store-db-foreign-value", error = e.to_string()));
        }
        match e.sqlite_error_code() {
            Some(C::NotADatabase) | Some(C::DatabaseCorrupt) => {
                Error::Integrity(crate::t!("error-db-damaged"))
            }
            Some(C::DiskFull) => Error::Other(crate::t!("error-db-disk-full")),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => {
                Error::Other(crate::t!("error-db-busy"))
            }
            Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => {
                Error::Other(crate::t!("error-db-read-only", error = e.to_string()))
            }
            Some(C::SystemIoFailure) => {
                Error::Other(crate::t!("error-db-io", error = e.to_string()))
            }
            _ => Error::Other(crate::t!("error-db-other", error = e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_displays_and_maps_to_its_exit_code() {
        let cases = [
            (Error::Usage("u".into()), 2),
            (Error::Auth("a".into()), 3),
            (
                Error::Refused {
                    rule: "role",
                    message: "m".into(),
                },
                4,
            ),
            (Error::Integrity("i".into()), 5),
            (Error::NotFound("n".into()), 6),
            (
                Error::Io {
                    context: "c".into(),
                    source: std::io::Error::other("x"),
                },
                1,
            ),
            (Error::Other("o".into()), 1),
        ];
        for (e, code) in cases {
            assert_eq!(e.exit_code(), code);
            assert!(!e.to_string().is_empty());
            assert!(!e.kind().is_empty());
        }
    }
}
