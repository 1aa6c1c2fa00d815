//! Messages in the reader's language: bokmål for Norwegian locales, English otherwise.
//!
//! Why: the register's users are Norwegian prison officers, regional admins and archivists;
//! they should read the terms they already use (journalpost, gradering, ikke verifisert,
//! tjenestevei …), not a developer's English. Every message lives in a Fluent file under
//! `locales/<lang>/infoflyt.ftl`, compiled into the binary, and is looked up by id with named
//! arguments through [`t!`](crate::t) or [`t_in!`](crate::t_in). `tests/i18n.rs` fails on a
//! message that lacks either language, on an id used in `src/` that no file defines (and the
//! other way round), and on a requirement id in what people read. docs/i18n.md says how to
//! convert a message.
//!
//! What this module must never do: decide anything. It formats text; `--json` keys and every
//! value a program reads stay English and stable whatever the language.

mod bundles;

use std::sync::atomic::{AtomicU8, Ordering};

pub use bundles::{has, SOURCES};

/// A language the program speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Norwegian bokmål (also chosen for nynorsk and plain "no" locales).
    Nb,
    /// English.
    En,
}

impl Lang {
    /// Both languages, bokmål first.
    pub const ALL: [Lang; 2] = [Lang::Nb, Lang::En];

    /// The code used by `--lang` and the locale directories.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    /// Parses `nb` or `en` (as `--lang` takes them).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nb" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a POSIX locale name such as `nb_NO.UTF-8`: bokmål when the language
    /// part is `nb`, `nn` or `no`, English otherwise (including `C` and `POSIX`).
    pub fn of_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "nb" | "nn" | "no" => Lang::Nb,
            _ => Lang::En,
        }
    }

    /// The language of the environment, as POSIX orders it: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map(|v| Lang::of_locale(&v))
            .unwrap_or(Lang::En)
    }
}

/// The process's language: English until [`set_lang`] says otherwise (the CLI sets it once,
/// before anything is printed).
static LANG: AtomicU8 = AtomicU8::new(1);

/// Chooses the language of every message from now on.
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Nb => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language chosen with [`set_lang`].
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        0 => Lang::Nb,
        _ => Lang::En,
    }
}

/// A named argument of a message.
#[derive(Clone, Debug)]
pub enum Arg {
    /// Text, shown as it is.
    Str(String),
    /// A number: Fluent chooses plural forms by it.
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Num(n)
    }
}
impl From<i32> for Arg {
    fn from(n: i32) -> Arg {
        Arg::Num(i64::from(n))
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// Formats message `id` in `lang` with `args`. A message missing in `lang` falls back to
/// English, and a message missing in both to its id (the tests make both impossible), so a
/// lookup never fails and never panics.
pub fn tr(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    bundles::format(lang, id, args)
        .or_else(|| bundles::format(Lang::En, id, args))
        .unwrap_or_else(|| id.to_owned())
}

/// Formats a message in the process's language: `t!("id")` or `t!("id", name = value, …)`.
/// The id must be a string literal, so `tests/i18n.rs` can find every id used.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::tr(
            $crate::i18n::lang(),
            $id,
            &[$((stringify!($k), $crate::i18n::Arg::from($v))),*],
        )
    };
}

/// Formats a message in a given language: `t_in!(Lang::Nb, "id", name = value, …)`. Used
/// where the language is fixed by the thing made (printed markings are always in bokmål).
#[macro_export]
macro_rules! t_in {
    ($lang:expr, $id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::tr(
            $lang,
            $id,
            &[$((stringify!($k), $crate::i18n::Arg::from($v))),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_beyond_a_doubles_precision_are_shown_as_given() {
        for lang in [Lang::En, Lang::Nb] {
            for n in [i64::MAX, (1 << 53) + 1, -((1 << 53) + 1), 42] {
                let said = tr(lang, "person-not-found", &[("id", Arg::Num(n))]);
                assert!(said.contains(&n.to_string()), "{n}: {said}");
            }
        }
    }

    #[test]
    fn norwegian_locales_choose_bokmal_and_others_english() {
        for l in ["nb_NO.UTF-8", "nn_NO", "no_NO.ISO-8859-1", "nb", "NB_no"] {
            assert_eq!(Lang::of_locale(l), Lang::Nb, "{l}");
        }
        for l in [
            "C",
            "POSIX",
            "en_GB.UTF-8",
            "sv_SE",
            "",
            "nob",
            "de_DE@euro",
        ] {
            assert_eq!(Lang::of_locale(l), Lang::En, "{l}");
        }
    }

    #[test]
    fn a_missing_message_falls_back_to_its_id() {
        assert_eq!(
            tr(Lang::Nb, "no-such-message-id", &[]),
            "no-such-message-id"
        );
    }
}
