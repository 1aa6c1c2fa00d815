//! The rules a new passphrase must meet (DESIGN.md §3): long enough, and hard to guess by the
//! estimate of `zxcvbn` (Dropbox's strength estimator: dictionaries, repeats, sequences,
//! keyboard patterns, dates), with the user's own name and unit counted as known words.
//! Reuse is refused where it can be checked: the same passphrase again on `user passwd`, or a
//! colleague's (see `enrol.rs`, which tries the new passphrase on the other slots).

use crate::crypto::Passphrase;
use crate::{Error, Result};

/// The shortest passphrase accepted.
pub const MIN_CHARS: usize = 12;

/// The lowest `zxcvbn` score accepted (0–4): 3 is "safely unguessable: moderate protection
/// from offline slow-hash scenarios", which a keyslot under Argon2id is.
pub const MIN_SCORE: u8 = 3;

/// Checks a new passphrase for `user` of `unit`.
pub fn check_new(p: &Passphrase, user: &str, unit: &str) -> Result<()> {
    if p.char_len() < MIN_CHARS {
        return Err(Error::Usage(crate::t!(
            "identity-passphrase-too-short",
            min = MIN_CHARS
        )));
    }
    let text = std::str::from_utf8(p.expose())
        .map_err(|_| Error::Usage(crate::t!("identity-passphrase-not-utf8")))?;
    let mut known: Vec<&str> = vec![user, unit, "infoflyt", "kriminalomsorgen", "passord"];
    known.extend(unit.split_whitespace());
    let estimate = zxcvbn::zxcvbn(text, &known);
    if u8::from(estimate.score()) < MIN_SCORE || only_known_words(text, &known) {
        return Err(Error::Usage(crate::t!("identity-passphrase-too-weak")));
    }
    Ok(())
}

/// Whether the passphrase is nothing but the known words (and digits), however separated:
/// `zxcvbn` counts "kari oslo fengsel" as three dictionary words of a floor strength that
/// passes, but someone who knows whose passphrase it is guesses it at once.
fn only_known_words(text: &str, known: &[&str]) -> bool {
    let known: Vec<String> = known.iter().map(|k| k.to_lowercase()).collect();
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| w.chars().all(|c| c.is_ascii_digit()) || known.iter().any(|k| k == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_and_strong_ones_accepted() {
        for weak in [
            "aaaaaaaaaaaa",
            "            ",
            "123456789012",
            "passwordpassword",
            "kari kari kari kari",
            "qwertyuiopasdf",
        ] {
            assert!(
                check_new(&Passphrase::from(weak), "kari", "Oslo fengsel").is_err(),
                "{weak:?}"
            );
        }
        assert!(check_new(&Passphrase::from("short"), "kari", "x").is_err());
        // The user's own name and unit, however separated, are no passphrase.
        for own in [
            "torvaldsmo vestreheim",
            "Torvaldsmo-Vestreheim-2026",
            "vestreheim fengsel torvaldsmo",
        ] {
            assert!(
                check_new(&Passphrase::from(own), "torvaldsmo", "Vestreheim fengsel").is_err(),
                "{own:?}"
            );
        }
        for strong in ["tusen blå elger danser", "correct horse battery staple"] {
            assert!(
                check_new(&Passphrase::from(strong), "kari", "Oslo fengsel").is_ok(),
                "{strong:?}"
            );
        }
    }
}
