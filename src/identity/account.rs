//! An account on the unit's authorisation list (R16–R18), the store's level, and their
//! parsed attributes.

use crate::vocab::vocabulary;
use serde::Serialize;

vocabulary! {
    /// The level of the unit a store serves (DESIGN.md §1).
    pub enum Level ("level") {
        /// The central directorate.
        Ksf = "ksf",
        /// A region.
        Region = "region",
        /// A prison or probation office.
        Local = "local",
    }
}

vocabulary! {
    /// What a person may do (DESIGN.md §5).
    pub enum Role ("role") {
        /// Maintains the authorisation list.
        Admin = "admin",
        /// Reads and handles documents on need to know.
        Officer = "officer",
        /// Journals and packs documents, never reads contents (R18).
        Clerical = "clerical",
    }
}

vocabulary! {
    /// Security clearance of a person (R9). Ordered: STRENGT FORTROLIG ranks above FORTROLIG.
    pub enum Clearance ("clearance") {
        /// May read FORTROLIG.
        Fortrolig = "fortrolig",
        /// May read FORTROLIG and STRENGT FORTROLIG.
        StrengtFortrolig = "strengt-fortrolig",
    }
}

vocabulary! {
    /// Whether an account may still unlock.
    pub enum Status ("status") {
        /// On the list.
        Active = "active",
        /// Taken off the list; its keyslot is destroyed.
        Disabled = "disabled",
    }
}

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
        "id, name, role, clearance, contact_order, decision_authority, status, created_at"; // untranslated: SQL column list

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

/// The letters a user name may use besides ASCII: the Norwegian ones. Nothing else, so no
/// name can look like another (a Cyrillic "а" printing as "a").
const NORWEGIAN: &[char] = &['æ', 'ø', 'å'];

/// Validates and normalises a user name: 1–64 characters from a–z, æ, ø, å, 0–9, `.`, `-`,
/// `_`, starting with a letter; lower case.
///
/// ```
/// use infoflyt::identity::account::parse_user_name;
/// assert_eq!(parse_user_name(" Kari.Nordmann ").unwrap(), "kari.nordmann");
/// assert!(parse_user_name("k\u{430}ri").is_err()); // Cyrillic а
/// ```
pub fn parse_user_name(s: &str) -> crate::Result<String> {
    let n = s.trim().to_lowercase();
    let letter = |c: char| c.is_ascii_lowercase() || NORWEGIAN.contains(&c);
    let ok = n.chars().next().is_some_and(letter)
        && n.chars().count() <= 64
        && n.chars()
            .all(|c| letter(c) || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if !ok {
        return Err(crate::Error::Usage(crate::t!(
            "identity-user-name-invalid",
            name = format!("{:?}", crate::text::escape(s))
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
        assert!("".parse::<Level>().is_err());
        assert!(Clearance::StrengtFortrolig > Clearance::Fortrolig);
    }

    #[test]
    fn user_names_are_normalised_and_checked() {
        assert_eq!(parse_user_name(" Kari.Nordmann ").unwrap(), "kari.nordmann");
        assert_eq!(parse_user_name("bjørn").unwrap(), "bjørn");
        for bad in [
            "",
            "a b",
            "x;drop",
            &"a".repeat(65),
            "k\u{430}ri",
            "1kari",
            "ǩari",
            "kari\u{200b}",
        ] {
            assert!(parse_user_name(bad).is_err(), "{bad}");
        }
    }
}
