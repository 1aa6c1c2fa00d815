//! What may leave the unit, and to whom (R26): what officers learn as assistants to health
//! personnel is confidential under the health personnel act and never goes to police.
//!
//! The rule takes plain facts, not a document type, so every path that lets a document leave
//! (`doc export`, `doc print`, transfer packages) asks it the same way, before anything is
//! written, and logs the refusal.

use crate::{t, Error, Result};

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
    /// Classifies a recipient as a person names it: any word `kripos`, `pst`, `police` or
    /// `politi…` makes police; `ksf`, `region:…`, `unit:…` the service; anything else other.
    pub fn classify(name: &str) -> Recipient {
        let n = name.trim().to_lowercase();
        let police = n
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "kripos" | "pst" | "police") || w.starts_with("politi"));
        if police {
            Recipient::Police
        } else if n == "ksf" || n.starts_with("region") || n.starts_with("unit:") {
            Recipient::Service
        } else {
            Recipient::Other
        }
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
}
