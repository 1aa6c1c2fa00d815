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
    /// Classifies a recipient as a person names it. Police: a word `kripos`, `kripo`,
    /// `pst`, `police`, `pd`, `ncis`, `interpol` or `europol`, or a word starting `politi`,
    /// `lensmann`, `økokrim` or `sysselm`, or the name's letters run together holding
    /// `kripos`, `politi`, `police`, `lensmann`, `økokrim`, `interpol` or `europol`, or
    /// spelling `pst` ("K R I P O S", "P S T"). The name is read in lower case, without
    /// invisible characters, and with Cyrillic and Greek letters that look Latin read as
    /// the Latin ones ("Кripos"). The service: `ksf`, `region…`, `unit:…`. Anything else is
    /// other. A name catches more than police now and then ("Apolitisk forening"); that
    /// only asks for a legal basis, or refuses health-confidential information, where it
    /// was not needed, never the other way round.
    pub fn classify(name: &str) -> Recipient {
        let n: String = name
            .trim()
            .chars()
            .filter(|&c| !crate::text::is_invisible(c))
            .flat_map(char::to_lowercase)
            .map(latin_look_alike)
            .collect();
        const WORDS: &[&str] = &[
            "kripos", "kripo", "pst", "police", "pd", "ncis", "interpol", "europol",
        ];
        const STARTS: &[&str] = &["politi", "lensmann", "økokrim", "okokrim", "sysselm"];
        const RUN_TOGETHER: &[&str] = &[
            "kripos", "politi", "police", "lensmann", "økokrim", "okokrim", "interpol", "europol",
        ];
        let by_word = n
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w) || STARTS.iter().any(|s| w.starts_with(s)));
        let letters: String = n.chars().filter(|c| c.is_alphanumeric()).collect();
        let run_together = letters == "pst" || RUN_TOGETHER.iter().any(|s| letters.contains(s));
        let police = by_word || run_together;
        if police {
            Recipient::Police
        } else if n == "ksf" || n.starts_with("region") || n.starts_with("unit:") {
            Recipient::Service
        } else {
            Recipient::Other
        }
    }
}

/// The Latin letter a lower-case Cyrillic or Greek letter is drawn like, if any.
fn latin_look_alike(c: char) -> char {
    match c {
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
        ] {
            assert_eq!(Recipient::classify(p), Recipient::Police, "{p}");
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
