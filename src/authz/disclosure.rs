//! What may leave the unit, and to whom (R26): what officers learn as assistants to health
//! personnel is confidential under the health personnel act and never goes to police.
//!
//! The rule takes plain facts, not a document type, so every path that lets a document leave
//! (`doc export`, `doc print`, transfer packages) asks it the same way, before anything is
//! written, and logs the refusal.

use crate::audit::{self, Act};
use crate::crypto::{encode_fields, labels};
use crate::identity::Acting;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};

/// Who receives something that leaves the unit, as far as the disclosure rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// A unit of the correctional service (up or down the chain of command).
    Service,
    /// Police: Kripos, PST or a police district.
    Police,
    /// Anyone else outside the service (a lawyer, a court, the Ombud).
    Other,
}

impl Recipient {
    /// Classifies a recipient as a person names it. The name is read folded
    /// ([`fold_name`]): lower case, without invisible characters or accents, with letters
    /// drawn like Latin ones (Cyrillic, Greek, small capitals, full-width and mathematical
    /// letters) and digits standing for letters ("Krip0s") read as those letters. Police: a
    /// word of [`POLICE_WORDS`], a word starting with one of [`POLICE_STARTS`], or the
    /// letters run together holding one of [`POLICE_RUN_TOGETHER`] or spelling `pst`
    /// ("K R I P O S", "P S T"). The service: `ksf`, `region…`, `unit:…`, or a word naming
    /// a prison or probation office (`…fengsel`, `friomsorg…`, `kriminalomsorg…`). Anything
    /// else is other, and a copy for it needs its sender to declare it is not police
    /// (`documents::reader::Disclosed`). Reading names this way catches more than police now and then ("Apolitisk
    /// forening"); that only asks for a legal basis, or refuses health-confidential
    /// information, where it was not needed, never the other way round. A name the lists do
    /// not know still passes as other (SECURITY.md).
    pub fn classify(name: &str) -> Recipient {
        let police = ['i', 'l'].into_iter().any(|one| {
            let n = fold_name(name, one);
            let by_word = n.split(|c: char| !c.is_alphanumeric()).any(|w| {
                POLICE_WORDS.contains(&w) || POLICE_STARTS.iter().any(|s| w.starts_with(s))
            });
            let letters: String = n.chars().filter(|c| c.is_alphanumeric()).collect();
            by_word || letters == "pst" || POLICE_RUN_TOGETHER.iter().any(|s| letters.contains(s))
        });
        let n = name.trim().to_lowercase();
        let unit_of_the_service = n.split(|c: char| !c.is_alphanumeric()).any(|w| {
            ["fengsel", "friomsorg", "kriminalomsorg"]
                .iter()
                .any(|s| w.starts_with(s) || w.ends_with("fengsel"))
        });
        if police {
            Recipient::Police
        } else if n == "ksf"
            || n.starts_with("region")
            || n.starts_with("unit:")
            || unit_of_the_service
        {
            Recipient::Service
        } else {
            Recipient::Other
        }
    }
}

/// Words that make a recipient police (folded, see [`fold_name`]).
const POLICE_WORDS: &[&str] = &[
    "kripos", "kripo", "pst", "police", "pd", "ncis", "interpol", "europol", "fbi", "sapo",
    "oekokrim", "okokrim",
];
/// Starts of words that make a recipient police: the Norwegian police and prosecuting
/// authority's bodies, and police elsewhere.
const POLICE_STARTS: &[&str] = &[
    "politi",
    "lensmann",
    "okokrim",
    "oekokrim",
    "sysselm",
    "polis",
    "polizei",
    "policia",
    "gendarm",
    "statsadvokat",
    "riksadvokat",
    "patalemyndighet",
    "etterforskningssenter",
];
/// What makes a recipient police when found in its letters run together.
const POLICE_RUN_TOGETHER: &[&str] = &[
    "kripos",
    "politi",
    "police",
    "lensmann",
    "okokrim",
    "oekokrim",
    "interpol",
    "europol",
    "polizei",
    "statsadvokat",
    "riksadvokat",
    "patalemyndighet",
    "etterforskningssenter",
    "nationalcriminalinvestigation",
    "bekjempelseavorganisert",
];

/// A name as the disclosure rules read it: trimmed, lower case, without invisible
/// characters or combining marks, each letter that is drawn like a Latin one read as that
/// letter, and digits that stand for letters read as them (`one` for the digit 1, which
/// stands for i or l).
fn fold_name(name: &str, one: char) -> String {
    name.trim()
        .chars()
        .filter(|&c| !crate::text::is_invisible(c) && !('\u{300}'..='\u{36F}').contains(&c))
        .map(wide_or_mathematical)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '0' => 'o',
            '1' => one,
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            other => latin_look_alike(other),
        })
        .collect()
}

/// A full-width or mathematical letter or digit as its plain ASCII self.
fn wide_or_mathematical(c: char) -> char {
    let n = u32::from(c);
    let ascii = match n {
        0xFF01..=0xFF5E => Some(n - 0xFEE0),
        // Mathematical alphanumeric symbols: runs of A–Z then a–z, in thirteen styles.
        0x1D400..=0x1D6A3 => {
            let i = (n - 0x1D400) % 52;
            Some(if i < 26 { 0x41 + i } else { 0x61 + i - 26 })
        }
        0x1D7CE..=0x1D7FF => Some(0x30 + (n - 0x1D7CE) % 10),
        _ => None,
    };
    ascii.and_then(char::from_u32).unwrap_or(c)
}

/// The Latin letter a lower-case letter is drawn like: accented Latin letters, Cyrillic,
/// Greek and small capitals; any other character as it is.
fn latin_look_alike(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'æ' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' | 'ӏ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'е' | 'ε' => 'e',
        'н' | 'η' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'у' | 'υ' => 'y',
        'х' | 'χ' => 'x',
        'ν' => 'v',
        other => other,
    }
}

/// R26: a document learnt as an assistant to health personnel never goes to police.
/// `what` names the document for the message.
pub fn may_disclose(health_confidential: bool, to: Recipient, what: &str) -> Result<()> {
    if to == Recipient::Police && health_confidential {
        return Err(Error::Refused {
            rule: "health confidentiality", // untranslated: refusal rule name (rule_label shows it)
            message: t!("disclosure-health-to-police", what = what),
        });
    }
    Ok(())
}

/// Signs and stores a register entry of the disclosure register (R25, R31, R32) in the
/// caller's transaction; gives its id. Every path that discloses writes here in the
/// transaction that logs the disclosure: an external package (`transfer`), a numbered copy
/// or print with a legal basis (`documents::reader`), an oral disclosure or a decision not
/// to disclose (`disclosure record`).
#[allow(clippy::too_many_arguments)] // one entry's fields
pub(crate) fn insert_disclosure_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    kind: &str,
    person: i64,
    recipient: &str,
    basis: &str,
    documents: &[String],
    what: Option<&str>,
    at: &str,
    package: Option<&str>,
) -> Result<i64> {
    let docs = serde_json::to_string(documents).map_err(|e| {
        Error::Other(t!(
            "transfer-cannot-encode-documents",
            error = e.to_string()
        ))
    })?;
    let now = now_rfc3339();
    let msg = encode_fields(
        labels::SIG_DISCLOSURE,
        &[
            &acting.meta.store_id,
            kind.as_bytes(),
            &person.to_be_bytes(),
            recipient.as_bytes(),
            basis.as_bytes(),
            docs.as_bytes(),
            what.unwrap_or("").as_bytes(),
            at.as_bytes(),
            package.unwrap_or("").as_bytes(),
            now.as_bytes(),
            acting.user.name.as_bytes(),
        ],
    );
    tx.execute(
        "INSERT INTO disclosures (kind, person_id, recipient, basis, documents, what, at,
                                  package_id, recorded_at, recorded_by, signer, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            kind,
            person,
            recipient,
            basis,
            docs,
            what,
            at,
            package,
            now,
            acting.user.name,
            acting.sign_public().to_vec(),
            acting.sign(&msg).to_vec()
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(
        tx,
        acting,
        &Act::new("disclosure")
            .person(person)
            .detail(format!("{kind} #{id} basis {basis}")),
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_confidential_never_goes_to_police_and_only_there_is_refused() {
        assert!(may_disclose(true, Recipient::Police, "d").is_err());
        assert!(may_disclose(true, Recipient::Service, "d").is_ok());
        assert!(may_disclose(false, Recipient::Police, "d").is_ok());
        for p in [
            "Kripos",
            "PST",
            "police:Oslo",
            "Oslo politidistrikt",
            "politiet",
        ] {
            assert_eq!(Recipient::classify(p), Recipient::Police, "{p}");
        }
        assert_eq!(Recipient::classify("KSF"), Recipient::Service);
        assert_eq!(Recipient::classify("advokat Hansen"), Recipient::Other);
    }

    /// Names a person reads as police, spelt so that a plain word match misses them (an
    /// attacker review found each of these passing as "other"), and names that are not.
    #[test]
    fn police_is_recognised_however_the_name_is_spelt() {
        for p in [
            "Økokrim",
            "K R I P O S",
            "P S T",
            "Kri\u{ad}pos",
            "Kri\u{200b}pos",
            "\u{41a}ripos",
            "\u{420}olitiet",
            "NCIS Norway",
            "Oslo PD",
            "Kripo",
            "Lensmannen i Bø",
            "Politidirektoratet",
            "Interpol",
            "Sysselmesteren på Svalbard",
            // A third review's spellings and names.
            "\u{ff2b}\u{ff52}\u{ff49}\u{ff50}\u{ff4f}\u{ff53}",
            "\u{ff30}\u{ff33}\u{ff34}",
            "Krip0s",
            "P0litiet",
            "Pol1tiet",
            "Krípos",
            "Kr\u{131}pos",
            "\u{1d0b}\u{280}\u{26a}\u{1d18}\u{1d0f}\u{a731}",
            "\u{1d40a}\u{1d42b}\u{1d422}\u{1d429}\u{1d428}\u{1d42c}",
            "Po\u{4cf}itiet",
            "Kri\u{345}pos",
            "Oekokrim",
            "National Criminal Investigation Service",
            "Nasjonal enhet for bekjempelse av organisert og annen alvorlig kriminalitet",
            "Nasjonalt etterforskningssenter",
            "Polisen i Stockholm",
            "Polizei Berlin",
            "Säpo",
            "FBI",
            "Statsadvokaten i Oslo",
            "Påtalemyndigheten",
        ] {
            assert_eq!(Recipient::classify(p), Recipient::Police, "{p}");
        }
        for service in [
            "KSF",
            "Region øst",
            "Oslo fengsel",
            "Bergen fengsel, avd. B",
        ] {
            assert_eq!(
                Recipient::classify(service),
                Recipient::Service,
                "{service}"
            );
        }
        for other in [
            "advokat Francis Berg",
            "Sivilombudet",
            "Oslo tingrett",
            "Hopstad advokatfirma",
        ] {
            assert_eq!(Recipient::classify(other), Recipient::Other, "{other}");
        }
    }
}
