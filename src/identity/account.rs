//! An account on the unit's authorisation list (R16–R18) and its parsed attributes.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// What a person may do (DESIGN.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Maintains the authorisation list.
    Admin,
    /// Reads and handles documents on need to know.
    Officer,
    /// Journals and packs documents, never reads contents (R18).
    Clerical,
}

/// Security clearance of a person (R9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clearance {
    /// May read FORTROLIG.
    Fortrolig,
    /// May read FORTROLIG and STRENGT FORTROLIG.
    StrengtFortrolig,
}

/// Whether an account may still unlock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// On the list.
    Active,
    /// Taken off the list; its keyslot is destroyed.
    Disabled,
}

macro_rules! text_enum {
    ($t:ty, $what:literal, $($v:ident = $s:literal),+) => {
        impl $t {
            /// The stored and displayed form.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
        }
        impl FromStr for $t {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
                    $($s => Ok(Self::$v),)+
                    _ => Err(crate::Error::Usage(format!(
                        concat!("unknown ", $what, " {:?}: use one of {}"),
                        s, [$($s),+].join(", ")
                    ))),
                }
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(
    Role,
    "role",
    Admin = "admin",
    Officer = "officer",
    Clerical = "clerical"
);
text_enum!(
    Clearance,
    "clearance",
    Fortrolig = "fortrolig",
    StrengtFortrolig = "strengt-fortrolig"
);
text_enum!(Status, "status", Active = "active", Disabled = "disabled");

/// One account as the list shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Account {
    /// Row id.
    #[serde(skip)]
    pub id: i64,
    /// Personal user name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Clearance.
    pub clearance: Clearance,
    /// Contact order (R17): 1 is called first.
    pub order: i64,
    /// Decision authority in prisoner cases (R21).
    pub decision_authority: bool,
    /// Active or disabled.
    pub status: Status,
    /// When the account was made.
    pub created_at: String,
}

impl Account {
    pub(crate) const COLUMNS: &'static str =
        "id, name, role, clearance, contact_order, decision_authority, status, created_at";

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
        let parse = |i: usize, e: crate::Error| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        };
        Ok(Account {
            id: r.get(0)?,
            name: r.get(1)?,
            role: r.get::<_, String>(2)?.parse().map_err(|e| parse(2, e))?,
            clearance: r.get::<_, String>(3)?.parse().map_err(|e| parse(3, e))?,
            order: r.get(4)?,
            decision_authority: r.get(5)?,
            status: r.get::<_, String>(6)?.parse().map_err(|e| parse(6, e))?,
            created_at: r.get(7)?,
        })
    }
}

/// Validates and normalises a user name: 1–64 letters, digits, `.`, `-`, `_`; lower case.
pub fn parse_user_name(s: &str) -> crate::Result<String> {
    let n = s.trim().to_lowercase();
    let ok = !n.is_empty()
        && n.chars().count() <= 64
        && n.chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '_');
    if !ok {
        return Err(crate::Error::Usage(format!(
            "invalid user name {s:?}: use 1–64 letters, digits, '.', '-' or '_'"
        )));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_parse_their_spellings_and_refuse_others() {
        assert_eq!("officer".parse::<Role>().unwrap(), Role::Officer);
        assert_eq!(
            "STRENGT_FORTROLIG".parse::<Clearance>().unwrap(),
            Clearance::StrengtFortrolig
        );
        assert!("boss".parse::<Role>().is_err());
        assert!(Clearance::StrengtFortrolig > Clearance::Fortrolig);
    }

    #[test]
    fn user_names_are_normalised_and_checked() {
        assert_eq!(parse_user_name(" Kari.Nordmann ").unwrap(), "kari.nordmann");
        assert_eq!(parse_user_name("bjørn").unwrap(), "bjørn");
        for bad in ["", "a b", "x;drop", &"a".repeat(65)] {
            assert!(parse_user_name(bad).is_err(), "{bad}");
        }
    }
}
