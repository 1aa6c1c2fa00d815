//! `package export`: choosing what a package of each kind carries, and refusing what may not
//! leave (record.rs in this folder records and logs it, facts.rs says what it carries,
//! seal.rs writes it).
//!
//! - `copy-up` (R11): everything owed to the receiver (queue.rs).
//! - `processed-down` (R8): named documents (or a person's), from KSF or a region to a unit
//!   below it.
//! - `transfer` (R12, R13): a person's whole folder, every version, to another unit — only
//!   once a prior consultation with that unit about that person is recorded. The folder is
//!   destroyed here when the receipt comes back (receipt.rs), not before.
//! - `authlist` (R19): the signed list and trust changes not yet sent, to KSF.
//! - `external` (R25, R26, R31–R33): a person's documents to a police recipient's age key,
//!   with the legal basis, entered in the disclosure register; a health-confidential
//!   document is refused.
//! - `checkpoint`: only the log checkpoint, which every other kind carries as well.
//!
//! - `decision-report` (R23, R24): everything casework owes the receiver — decisions going
//!   up for review or on to KSF, upholds and overturns going back down (casework.rs in this
//!   folder).
//!
//! `receipt` packages are made by `package import`.

mod casework;
mod facts;
mod record;
mod seal;

pub(crate) use record::{checkpoint_in, number_package};
pub(crate) use seal::card_beside;

use super::agekey::AgeRecipient;
use super::card::UnitCard;
use super::payload::{Basis, Kind};
use super::queue::OwedAs;
use crate::audit::Act;
use crate::authz::disclosure::Recipient;
use crate::documents::{parse_jno, DocMeta};
use crate::identity::{Level, Session};
use crate::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

/// `package export`.
#[derive(Debug)]
pub struct ExportRequest {
    /// Kind.
    pub kind: Kind,
    /// Receiving unit (every kind but `external`).
    pub to: Option<String>,
    /// External recipient: a name given with `unit trust-external`, or an `age1…` key.
    pub recipient: Option<String>,
    /// Person (`transfer`, `external`; optional for `processed-down`).
    pub person: Option<i64>,
    /// Documents (`processed-down`, optional for `external`), `JNO` or `JNO@V`.
    pub docs: Vec<String>,
    /// Legal basis (`external`).
    pub basis: Option<Basis>,
    /// A file, or a directory to name the file in.
    pub out: PathBuf,
}

/// What `package export` made.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// Package id.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// Receiver.
    pub receiver: String,
    /// Sequence number to that receiver.
    pub seq: u64,
    /// The package file.
    pub file: PathBuf,
    /// Its signature.
    pub signature: PathBuf,
    /// This unit's card, written beside it for a unit (it carries a rollover to peers).
    pub card: Option<PathBuf>,
    /// Documents in it.
    pub documents: usize,
    /// Bytes of the package file.
    pub size: u64,
    /// The log checkpoint it carries (sequence number).
    pub checkpoint_seq: Option<u64>,
}

/// Who receives a package.
#[derive(Debug)]
pub(crate) enum Receiver {
    /// Another unit, by its trusted card.
    Unit(Box<UnitCard>),
    /// An external recipient (police).
    External(String, AgeRecipient),
}

impl Receiver {
    pub(crate) fn name(&self) -> &str {
        match self {
            Receiver::Unit(c) => c.unit(),
            Receiver::External(n, _) => n,
        }
    }

    fn recipient(&self) -> AgeRecipient {
        match self {
            Receiver::Unit(c) => c.age_recipient(),
            Receiver::External(_, r) => *r,
        }
    }

    fn disclosure(&self) -> Recipient {
        match self {
            Receiver::Unit(_) => Recipient::Service,
            // Whatever the name says: an external package goes outside the service, and the
            // stricter rule applies (R26).
            Receiver::External(..) => Recipient::Police,
        }
    }
}

/// What a package will carry, chosen and checked.
#[derive(Debug)]
pub(crate) struct Selection {
    pub(crate) kind: Kind,
    pub(crate) receiver: Receiver,
    pub(crate) versions: Vec<DocMeta>,
    pub(crate) persons: Vec<i64>,
    pub(crate) owed_as: Option<OwedAs>,
    pub(crate) auth_changes: Vec<i64>,
    pub(crate) transfer: Option<super::registers::Consultation>,
    pub(crate) basis: Option<Basis>,
    /// Casework records, each with the owed item it settles and, for a decision, its
    /// person here (`decision-report`).
    pub(crate) casework: Vec<(i64, Option<i64>, super::payload::Casework)>,
}

fn rank(l: Level) -> u8 {
    match l {
        Level::Ksf => 3,
        Level::Region => 2,
        Level::Local => 1,
    }
}

impl Session {
    fn receiver_unit(&self, to: Option<&str>) -> Result<UnitCard> {
        let to = to.ok_or_else(|| Error::Usage(crate::t!("package-needs-receiver")))?;
        self.trusted_card(to)?.ok_or_else(|| {
            Error::NotFound(crate::t!(
                "package-receiver-untrusted",
                unit = crate::text::escape(to)
            ))
        })
    }

    fn named_versions(&self, docs: &[String], person: Option<i64>) -> Result<Vec<DocMeta>> {
        let mut out = Vec::new();
        for d in docs {
            let (j, v) = parse_jno(d)?;
            let meta = self.document(&match v {
                Some(v) => format!("{j}@{v}"),
                None => j,
            })?;
            if person.is_some_and(|p| p != meta.person_id) {
                return Err(Error::Usage(crate::t!(
                    "transfer-doc-not-in-folder",
                    jno = &meta.journal_number
                )));
            }
            out.push(meta);
        }
        if docs.is_empty() {
            if let Some(p) = person {
                out = self.documents(Some(p))?;
                // `documents` hides titles; the metadata must be whole to travel.
                let keys: Vec<(String, i64)> = out
                    .iter()
                    .map(|d| (d.journal_number.clone(), d.version))
                    .collect();
                out = self.versions_by_number(&keys)?;
            }
        }
        if out.is_empty() {
            return Err(Error::Usage(crate::t!("package-nothing-named")));
        }
        Ok(out)
    }

    /// Chooses and checks what a package of `req.kind` carries. Refusals by rule are
    /// logged.
    pub(crate) fn select(&mut self, req: &ExportRequest) -> Result<Selection> {
        let mut sel = Selection {
            kind: req.kind,
            receiver: match req.kind {
                Kind::External => {
                    let r = req
                        .recipient
                        .as_deref()
                        .ok_or_else(|| Error::Usage(crate::t!("package-needs-recipient")))?;
                    let (n, k) = self.external_recipient(r)?;
                    Receiver::External(n, k)
                }
                _ => Receiver::Unit(Box::new(self.receiver_unit(req.to.as_deref())?)),
            },
            versions: Vec::new(),
            persons: Vec::new(),
            owed_as: None,
            auth_changes: Vec::new(),
            transfer: None,
            basis: None,
            casework: Vec::new(),
        };
        match req.kind {
            Kind::CopyUp => self.select_copy_up(&mut sel)?,
            Kind::ProcessedDown => {
                let below = match &sel.receiver {
                    Receiver::Unit(c) => rank(c.level()) < rank(self.meta().level),
                    Receiver::External(..) => false,
                };
                if !below {
                    return Err(Error::Usage(crate::t!("transfer-processed-goes-down")));
                }
                sel.versions = self.named_versions(&req.docs, req.person)?;
            }
            Kind::Transfer => self.select_transfer(req, &mut sel)?,
            Kind::Authlist => self.select_authlist(&mut sel)?,
            Kind::External => {
                let person = req
                    .person
                    .ok_or_else(|| Error::Usage(crate::t!("package-external-one-person")))?;
                sel.basis = Some(
                    req.basis
                        .clone()
                        .ok_or_else(|| Error::Usage(crate::t!("disclosure-needs-basis")))?,
                );
                sel.versions = self.named_versions(&req.docs, Some(person))?;
                sel.persons = vec![person];
            }
            Kind::Checkpoint => {}
            Kind::Receipt => return Err(Error::Usage(crate::t!("package-kind-receipt"))),
            Kind::DecisionReport => self.select_casework(&mut sel)?,
        }
        for v in &sel.versions {
            if !sel.persons.contains(&v.person_id) {
                sel.persons.push(v.person_id);
            }
        }
        Ok(sel)
    }

    fn select_copy_up(&mut self, sel: &mut Selection) -> Result<()> {
        let Receiver::Unit(card) = &sel.receiver else {
            return Err(Error::Usage(crate::t!("transfer-copy-up-to-unit")));
        };
        let duty = self.duty_towards(card.unit(), card.level())?;
        let owed = self.owed(duty)?;
        if owed.is_empty() {
            return Err(Error::Usage(crate::t!(
                "transfer-nothing-owed",
                unit = crate::text::escape(card.unit())
            )));
        }
        let keys: Vec<(String, i64)> = owed
            .into_iter()
            .map(|o| (o.journal_number, o.version))
            .collect();
        sel.versions = self.versions_by_number(&keys)?;
        sel.owed_as = Some(duty);
        Ok(())
    }

    fn select_transfer(&mut self, req: &ExportRequest, sel: &mut Selection) -> Result<()> {
        let person = req
            .person
            .ok_or_else(|| Error::Usage(crate::t!("package-transfer-one-person")))?;
        self.person(person)?;
        // An inmate moves from one prison to another, and a region's documents follow to the
        // receiving region (R13). KSF keeps its copies for ten years (R29): a transfer from
        // it, or to a unit of another level, would destroy a folder on its receipt that no
        // rule lets go.
        let level = self.meta().level;
        let peer = match &sel.receiver {
            Receiver::Unit(card) => Some(card.level()),
            Receiver::External(..) => None,
        };
        if level == Level::Ksf || peer != Some(level) {
            return Err(Error::Usage(crate::t!("transfer-same-level")));
        }
        let to = sel.receiver.name().to_owned();
        let Some(c) = self.consultation_with(person, &to)? else {
            return Err(self.refuse(
                Act::new("package-export").person(person),
                "prior consultation", // untranslated: refusal rule name (rule_label shows it)
                crate::t!(
                    "transfer-refused-no-consultation",
                    unit = crate::text::escape(&to),
                    person = person
                ),
            ));
        };
        sel.transfer = Some(c);
        sel.versions = self.folder_versions(person)?;
        sel.persons = vec![person];
        Ok(())
    }

    fn select_authlist(&mut self, sel: &mut Selection) -> Result<()> {
        let Receiver::Unit(card) = &sel.receiver else {
            return Err(Error::Usage(crate::t!("transfer-authlist-to-ksf")));
        };
        if card.level() != Level::Ksf || self.meta().level == Level::Ksf {
            return Err(Error::Usage(crate::t!("package-authlist-to-ksf")));
        }
        sel.auth_changes = self
            .conn()
            .prepare("SELECT id FROM auth_changes WHERE sent_at IS NULL ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        if sel.auth_changes.is_empty() {
            return Err(Error::Usage(crate::t!("transfer-no-list-changes")));
        }
        // The unit's signature on the package vouches for what it carries, so every change
        // must first check under its admin's certified key here: the queue is rows under the
        // store key, and a clerk could have rewritten a change and signed it with any key.
        for id in &sel.auth_changes {
            self.checked_change(*id)?;
        }
        Ok(())
    }
}

/// A unit name as a file-name part: lower-case ASCII letters and digits, Norwegian letters
/// spelt out, anything else a single `-`.
pub(crate) fn slug(unit: &str) -> String {
    let mut s = String::new();
    for c in unit.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => s.push(c),
            'æ' => s.push_str("ae"),
            'ø' => s.push('o'),
            'å' => s.push('a'),
            _ if !s.ends_with('-') => s.push('-'),
            _ => {}
        }
    }
    let s: String = s.trim_matches('-').chars().take(40).collect();
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "unit".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unit_names_become_file_names() {
        assert_eq!(super::slug("Region øst"), "region-ost");
        assert_eq!(
            super::slug("Bjørgvin fengsel, avd. Ær"),
            "bjorgvin-fengsel-avd-aer"
        );
        assert_eq!(super::slug("???"), "unit");
    }
}
