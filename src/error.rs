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
            Error::Refused { rule, message } => write!(f, "refused ({rule}): {message}"),
            Error::Io { context, source } => match source.kind() {
                std::io::ErrorKind::StorageFull => {
                    write!(f, "{context}: the disk is full; free space and try again")
                }
                std::io::ErrorKind::PermissionDenied => write!(
                    f,
                    "{context}: permission denied; check that you run as the store's owner"
                ),
                _ => write!(f, "{context}: {source}"),
            },
        }
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
            return Error::Integrity(format!(
                "the store's database holds a value the program never writes ({e}): it has \
                 been changed outside the program; restore it from a backup and report the \
                 incident"
            ));
        }
        match e.sqlite_error_code() {
            Some(C::NotADatabase) | Some(C::DatabaseCorrupt) => Error::Integrity(
                "the store's database failed its integrity check (page authentication or \
                 structure): it is damaged or has been tampered with; restore it from a \
                 backup and report the incident"
                    .into(),
            ),
            Some(C::DiskFull) => Error::Other(
                "the disk is full: the change was refused and nothing was written; free \
                 space and try again"
                    .into(),
            ),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Other(
                "the store is busy with another process that did not finish in time; try \
                 again"
                    .into(),
            ),
            Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => {
                Error::Other(format!(
                    "the store cannot be written ({e}); check the disk and the permissions \
                     of the store directory"
                ))
            }
            Some(C::SystemIoFailure) => Error::Other(format!(
                "an I/O error stopped the store ({e}); the disk may be full or failing; \
                 nothing was committed"
            )),
            _ => Error::Other(format!("database error: {e}")),
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
