//! Closed vocabularies (levels, roles, clearances, gradings, sources, …): one list of values
//! per type, shared by the command line (clap parses into the type before any passphrase is
//! asked for) and the domain (stored form, display, parsing of stored rows).
//!
//! An unknown value is always an error, never a default.

/// Defines an enum with its stored spellings, parsing (case-insensitive, `_` and ` ` taken as
/// `-`, plus any extra accepted aliases), display, serde (as the stored spelling) and a clap
/// value parser listing the values in help.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $t:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $v:ident = $s:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $t {
            $( $(#[$vmeta])* $v ),+
        }

        impl $t {
            /// Every stored spelling, in order (what help lists).
            pub const VALUES: &'static [&'static str] = &[$($s),+];

            /// The stored and displayed form.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }

            /// A clap value parser: the typed value, checked before anything else happens.
            pub fn parser() -> clap::builder::ValueParser {
                clap::builder::ValueParser::new(|s: &str| s.parse::<$t>())
            }
        }

        impl std::str::FromStr for $t {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                let norm = s.trim().to_lowercase().replace(['_', ' '], "-");
                match norm.as_str() {
                    $($s $(| $alias)* => Ok(Self::$v),)+
                    _ => Err(crate::Error::Usage($crate::t!(
                        "register-unknown-value",
                        what = $what,
                        value = format!("{:?}", crate::text::escape(s)),
                        values = Self::VALUES.join(", ")
                    ))),
                }
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

/// A clap value parser for a word from a fixed list (kinds, risks): canonical spelling, or a
/// usage error naming the allowed words.
pub fn one_of(what: &'static str, allowed: &'static [&'static str]) -> clap::builder::ValueParser {
    clap::builder::ValueParser::new(move |s: &str| crate::text::parse_one(what, s, allowed))
}

/// A clap value parser for a comma-separated set of words from a fixed list.
pub fn set_of(what: &'static str, allowed: &'static [&'static str]) -> clap::builder::ValueParser {
    clap::builder::ValueParser::new(move |s: &str| crate::text::parse_set(what, s, allowed))
}
