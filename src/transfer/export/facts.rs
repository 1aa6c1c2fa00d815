//! What a package says about what it carries (`package.json`): the persons, each document
//! version's facts, the casework and the transfer or disclosure it is part of. Police get who
//! the documents are about, not the unit's assessment of them.

use super::record::Recorded;
use super::Selection;
use crate::documents::Outgoing;
use crate::identity::Session;
use crate::register::travel::PersonFacts;
use crate::time::now_rfc3339;
use crate::transfer::payload::{Casework, DisclosureFacts, DocFacts, Kind, Payload, TransferFacts};
use crate::{t, Error, Result};

impl Session {
    /// The package's `package.json`: who and what it carries, as recorded.
    pub(super) fn payload_for(
        &self,
        sel: &Selection,
        rec: &Recorded,
        out: &[Outgoing],
    ) -> Result<Payload> {
        let mut persons = Vec::new();
        for (p, uid) in sel.persons.iter().zip(&rec.uids) {
            let mut f: PersonFacts = self.person_facts(*p, *uid)?;
            if sel.kind == Kind::External {
                // Police get who the documents are about, not the unit's assessment of them.
                (f.unit, f.offence, f.sentence, f.conduct) = (None, None, None, None);
                (f.risks, f.affiliations) = (String::new(), String::new());
            }
            persons.push(f);
        }
        let uid_of_person = |p: i64| {
            sel.persons
                .iter()
                .position(|x| *x == p)
                .and_then(|i| rec.uids.get(i).copied())
                .ok_or_else(|| Error::Other(t!("transfer-doc-person-unlisted")))
        };
        let documents = out
            .iter()
            .map(|o| {
                let m = &o.meta;
                Ok(DocFacts {
                    person: uid_of_person(m.person_id)?,
                    journal_number: m.journal_number.clone(),
                    version: m.version,
                    grading: o.grading,
                    title: m.title.clone(),
                    source: m.source()?,
                    unverified: m.unverified,
                    health_confidential: m.health_confidential,
                    derived_from: m.derived_from.clone(),
                    info_date: m.info_date.clone(),
                    content_kind: m.content_kind.clone(),
                    file_name: m.file_name.clone(),
                    size: u64::try_from(m.size).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let casework = sel
            .casework
            .iter()
            .map(|(_, person, c)| match (c, person) {
                (Casework::Decision { record, .. }, Some(p)) => Ok(Casework::Decision {
                    person: uid_of_person(*p)?,
                    record: record.clone(),
                }),
                (c, _) => Ok(c.clone()),
            })
            .collect::<Result<Vec<_>>>()?;
        let first_uid = rec.uids.first().copied().unwrap_or_default();
        Ok(Payload {
            kind: sel.kind,
            id: rec.id.clone(),
            sender: self.meta().unit.clone(),
            sender_level: self.meta().level,
            receiver: sel.receiver.name().to_owned(),
            seq: rec.seq,
            created_at: now_rfc3339(),
            officer: self.user().name.clone(),
            checkpoint: rec.checkpoint.clone(),
            persons,
            documents,
            auth_changes: rec.auth.clone(),
            receipt: None,
            transfer: sel.transfer.as_ref().map(|c| TransferFacts {
                person: first_uid,
                consulted_unit: c.unit.clone(),
                consulted_with: c.with.clone(),
                consulted_at: c.at.clone(),
            }),
            disclosure: sel.basis.as_ref().map(|b| DisclosureFacts {
                person: first_uid,
                recipient: sel.receiver.name().to_owned(),
                basis: b.clone(),
            }),
            casework,
        })
    }
}
