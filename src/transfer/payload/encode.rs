//! From checked values to the JSON forms: what [`super::check::parse`] reads back whole.

use super::wire;
use super::{AuthChange, Casework, DocFacts, Payload, FORMAT};
use crate::crypto::hex;
use crate::register::travel::PersonFacts;
use crate::Result;

impl Payload {
    /// `data/package.json`, pretty-printed (police read it with their own eyes).
    pub fn encode(&self) -> Result<Vec<u8>> {
        let w = wire::Package {
            format: FORMAT.into(),
            kind: self.kind.as_str().into(),
            id: self.id.as_str().into(),
            sender: self.sender.clone(),
            sender_level: self.sender_level.as_str().into(),
            receiver: self.receiver.clone(),
            seq: self.seq,
            created_at: self.created_at.clone(),
            officer: self.officer.clone(),
            checkpoint: self.checkpoint.as_ref().map(|c| wire::Checkpoint {
                unit: c.unit.clone(),
                store: hex(&c.store_id),
                seq: c.seq,
                head: hex(&c.head),
                time: c.time.clone(),
                unit_key: hex(&c.unit_key),
                signature: hex(c.signature()),
            }),
            persons: self.persons.iter().map(person).collect(),
            documents: self.documents.iter().enumerate().map(document).collect(),
            auth_changes: self.auth_changes.iter().map(auth_change).collect(),
            receipt: self.receipt.as_ref().map(|r| wire::Receipt {
                package: r.package.as_str().into(),
                seq: r.seq,
                tagmanifest_sha256: hex(&r.tagmanifest_sha256),
                imported_at: r.imported_at.clone(),
                documents: r
                    .documents
                    .iter()
                    .map(|((sj, sv), (j, v))| wire::ReceivedDocument {
                        sender_journal_number: sj.clone(),
                        sender_version: *sv,
                        journal_number: j.clone(),
                        version: *v,
                    })
                    .collect(),
            }),
            transfer: self.transfer.as_ref().map(|t| wire::Transfer {
                person: hex(&t.person),
                consulted_unit: t.consulted_unit.clone(),
                consulted_with: t.consulted_with.clone(),
                consulted_at: t.consulted_at.clone(),
            }),
            disclosure: self.disclosure.as_ref().map(|d| wire::Disclosure {
                person: hex(&d.person),
                recipient: d.recipient.clone(),
                basis: d.basis.to_string(),
            }),
            casework: self.casework.iter().map(casework).collect::<Result<_>>()?,
        };
        let mut out = serde_json::to_vec_pretty(&w).map_err(|e| {
            crate::Error::Other(crate::t!("package-cannot-encode", error = e.to_string()))
        })?;
        out.push(b'\n');
        Ok(out)
    }
}

fn person(p: &PersonFacts) -> wire::Person {
    wire::Person {
        uid: hex(&p.uid),
        name: p.name.clone(),
        kind: p.kind.clone(),
        born: p.born.clone(),
        unit: p.unit.clone(),
        risks: p.risks.clone(),
        affiliations: p.affiliations.clone(),
        offence: p.offence.clone(),
        sentence: p.sentence.clone(),
        conduct: p.conduct.clone(),
    }
}

fn document((i, d): (usize, &DocFacts)) -> wire::Document {
    wire::Document {
        file: format!("data/documents/{:06}.bin", i + 1),
        person: hex(&d.person),
        journal_number: d.journal_number.clone(),
        version: d.version,
        grading: d.grading.as_str().into(),
        title: d.title.clone(),
        source: d.source.as_str().into(),
        unverified: d.unverified,
        health_confidential: d.health_confidential,
        derived_from: d.derived_from.clone(),
        info_date: d.info_date.clone(),
        content_kind: d.content_kind.clone(),
        file_name: d.file_name.clone(),
        size: d.size,
    }
}

fn auth_change(a: &AuthChange) -> wire::AuthChange {
    wire::AuthChange {
        store: hex(&a.store),
        unit: a.unit.clone(),
        time: a.time.clone(),
        admin: a.admin.clone(),
        change: a.change.clone(),
        list: a.list.clone(),
        agreement: a.agreement.clone(),
        signer: hex(&a.signer),
        signature: hex(&a.signature),
    }
}

fn casework(c: &Casework) -> Result<wire::Casework> {
    let (kind, person, json) = match c {
        Casework::Decision { person, record } => {
            ("decision", Some(hex(person)), record.to_json().to_vec())
        }
        Casework::Review(r) => ("review", None, r.to_json()),
    };
    let record = serde_json::from_slice(&json).map_err(|e| {
        crate::Error::Other(crate::t!(
            "package-cannot-encode-casework",
            error = e.to_string()
        ))
    })?;
    Ok(wire::Casework {
        kind: kind.into(),
        person,
        record,
    })
}
