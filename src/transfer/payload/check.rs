//! From the JSON forms to checked values: every field once, with the rules each kind adds.

use super::wire;
use super::{
    AuthChange, Basis, Casework, DisclosureFacts, DocFacts, Kind, Payload, Receipt, TransferFacts,
    FORMAT,
};
use crate::casework::record::{DecisionRecord, ReviewRecord};
use crate::crypto::unhex;
use crate::documents::parse_jno;
use crate::register::travel::PersonFacts;
use crate::text::{self, limits};
use crate::transfer::checkpoint::Checkpoint;
use crate::transfer::header::{check_unit_name, PackageId};
use crate::{t, Error, Result};
use std::collections::HashSet;

/// The most persons one package names.
pub(crate) const MAX_PERSONS: usize = 100_000;
/// The most list changes one package carries.
pub(crate) const MAX_AUTH_CHANGES: usize = 100_000;

/// The name of a field, in the reader's language, made only when a message needs it.
type Label = fn() -> String;

fn bad_field(what: Label) -> Error {
    bad(t!("package-why-field-bad", what = what()))
}

pub(super) fn bad(why: impl std::fmt::Display) -> Error {
    Error::Integrity(t!("package-refused-contents-list", why = why.to_string()))
}

fn hexn<const N: usize>(what: Label, s: &str) -> Result<[u8; N]> {
    (s.len() == 2 * N && !s.bytes().any(|b| b.is_ascii_uppercase()))
        .then(|| unhex(s))
        .flatten()
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| bad(t!("package-why-field-hex", what = what(), bytes = N)))
}

fn field(what: Label, s: &str, max: usize) -> Result<String> {
    // text::field's own message is replaced by ours, so it is given no name.
    let v = text::field("", s, max, false).map_err(|_| bad_field(what))?;
    (v == s)
        .then_some(v)
        .ok_or_else(|| bad(t!("package-why-field-spaces", what = what())))
}

fn opt(what: Label, s: Option<&str>, max: usize) -> Result<Option<String>> {
    s.map(|s| field(what, s, max)).transpose()
}

fn time(what: Label, s: &str) -> Result<String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|_| s.to_owned())
        .map_err(|_| bad_field(what))
}

fn date(what: Label, s: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| d.to_string() == s)
        .map(|d| d.to_string())
        .ok_or_else(|| bad_field(what))
}

fn jno(what: Label, s: &str) -> Result<String> {
    match parse_jno(s) {
        Ok((j, None)) if j == s => Ok(j),
        _ => Err(bad_field(what)),
    }
}

fn unit(what: Label, s: &str) -> Result<String> {
    check_unit_name(s).map_err(|_| bad_field(what))?;
    Ok(s.to_owned())
}

fn checkpoint(c: &wire::Checkpoint) -> Result<Checkpoint> {
    Checkpoint::from_parts(
        &c.unit,
        hexn(|| t!("package-field-checkpoint-store"), &c.store)?,
        c.seq,
        hexn(|| t!("package-field-checkpoint-head"), &c.head)?,
        &c.time,
        hexn(|| t!("package-field-checkpoint-key"), &c.unit_key)?,
        hexn(|| t!("package-field-checkpoint-signature"), &c.signature)?,
    )
}

fn person(p: &wire::Person) -> Result<PersonFacts> {
    let f = PersonFacts::check(
        hexn(|| t!("package-field-person-uid"), &p.uid)?,
        &p.name,
        &p.kind,
        p.born.as_deref(),
        p.unit.as_deref(),
        &p.risks,
        &p.affiliations,
        p.offence.as_deref(),
        p.sentence.as_deref(),
        p.conduct.as_deref(),
    )
    .map_err(|e| bad(t!("package-why-person", error = e.to_string())))?;
    // Only the canonical spelling: what we would write for these facts.
    let same = f.name == p.name
        && f.kind == p.kind
        && f.born == p.born
        && f.unit == p.unit
        && f.risks == p.risks
        && f.affiliations == p.affiliations
        && f.offence == p.offence
        && f.sentence == p.sentence
        && f.conduct == p.conduct;
    same.then_some(f)
        .ok_or_else(|| bad(t!("package-why-person-not-canonical")))
}

fn document(i: usize, d: &wire::Document) -> Result<DocFacts> {
    if d.file != format!("data/documents/{:06}.bin", i + 1) {
        return Err(bad(t!("package-why-documents-order")));
    }
    if d.version < 1 {
        return Err(bad(t!("package-why-bad-doc-version")));
    }
    let kind = match d.content_kind.as_str() {
        "text" | "file" => d.content_kind.clone(),
        _ => return Err(bad(t!("package-why-bad-content-kind"))),
    };
    let grading = d
        .grading
        .parse()
        .map_err(|_| bad(t!("package-why-bad-grading")))?;
    let source = d
        .source
        .parse()
        .map_err(|_| bad(t!("package-why-bad-source")))?;
    let out = DocFacts {
        person: hexn(|| t!("package-field-document-person"), &d.person)?,
        journal_number: jno(|| t!("package-field-journal-number"), &d.journal_number)?,
        version: d.version,
        grading,
        title: field(|| t!("package-field-title"), &d.title, limits::TITLE)?,
        source,
        unverified: d.unverified,
        health_confidential: d.health_confidential,
        derived_from: opt(
            || t!("package-field-derived-from"),
            d.derived_from.as_deref(),
            limits::NAME,
        )?,
        info_date: date(|| t!("package-field-information-date"), &d.info_date)?,
        content_kind: kind,
        file_name: opt(
            || t!("package-field-file-name"),
            d.file_name.as_deref(),
            255,
        )?,
        size: d.size,
    };
    let canonical = out.grading.as_str() == d.grading && out.source.as_str() == d.source;
    canonical
        .then_some(out)
        .ok_or_else(|| bad(t!("package-why-grading-not-canonical")))
}

fn auth_change(a: &wire::AuthChange) -> Result<AuthChange> {
    serde_json::from_str::<serde_json::Value>(&a.change)
        .map_err(|_| bad(t!("package-why-bad-list-change")))?;
    serde_json::from_str::<serde_json::Value>(&a.list)
        .map_err(|_| bad(t!("package-why-bad-list")))?;
    Ok(AuthChange {
        store: hexn(|| t!("package-field-list-change-store"), &a.store)?,
        unit: unit(|| t!("package-field-list-change-unit"), &a.unit)?,
        time: time(|| t!("package-field-list-change-time"), &a.time)?,
        admin: field(|| t!("package-field-list-change-admin"), &a.admin, 64)?,
        change: a.change.clone(),
        list: a.list.clone(),
        agreement: opt(
            || t!("package-field-agreement"),
            a.agreement.as_deref(),
            limits::NAME,
        )?,
        signer: hexn(|| t!("package-field-list-change-signer"), &a.signer)?,
        signature: hexn(|| t!("package-field-list-change-signature"), &a.signature)?,
    })
}

fn receipt(r: &wire::Receipt) -> Result<Receipt> {
    let mut documents = Vec::with_capacity(r.documents.len());
    for d in &r.documents {
        if d.sender_version < 1 || d.version < 1 {
            return Err(bad(t!("package-why-bad-receipt-version")));
        }
        documents.push((
            (
                jno(
                    || t!("package-field-journal-number"),
                    &d.sender_journal_number,
                )?,
                d.sender_version,
            ),
            (
                jno(|| t!("package-field-journal-number"), &d.journal_number)?,
                d.version,
            ),
        ));
    }
    Ok(Receipt {
        package: PackageId::parse(&r.package).map_err(|_| bad(t!("package-why-bad-id")))?,
        seq: r.seq,
        tagmanifest_sha256: hexn(|| t!("package-field-receipt-digest"), &r.tagmanifest_sha256)?,
        imported_at: time(|| t!("package-field-import-time"), &r.imported_at)?,
        documents,
    })
}

fn transfer(t: &wire::Transfer) -> Result<TransferFacts> {
    Ok(TransferFacts {
        person: hexn(|| t!("package-field-transfer-person"), &t.person)?,
        consulted_unit: unit(|| t!("package-field-consulted-unit"), &t.consulted_unit)?,
        consulted_with: field(
            || t!("package-field-consulted-with"),
            &t.consulted_with,
            limits::NAME,
        )?,
        consulted_at: time(|| t!("package-field-consultation-time"), &t.consulted_at)?,
    })
}

fn disclosure(d: &wire::Disclosure) -> Result<DisclosureFacts> {
    let basis = Basis::parse(&d.basis).map_err(|_| bad(t!("package-why-bad-basis")))?;
    if basis.to_string() != d.basis {
        return Err(bad(t!("package-why-basis-not-canonical")));
    }
    Ok(DisclosureFacts {
        person: hexn(|| t!("package-field-disclosure-person"), &d.person)?,
        recipient: unit(|| t!("package-field-recipient"), &d.recipient)?,
        basis,
    })
}

fn casework(c: &wire::Casework) -> Result<Casework> {
    let json =
        serde_json::to_vec(&c.record).map_err(|_| bad(t!("package-why-bad-casework-record")))?;
    let out = match (c.kind.as_str(), &c.person) {
        ("decision", Some(p)) => {
            let record = DecisionRecord::from_json(&json)
                .map_err(|e| bad(t!("package-why-decision", error = e.to_string())))?;
            Casework::Decision {
                person: hexn(|| t!("package-field-decision-person"), p)?,
                record: Box::new(record),
            }
        }
        ("review", None) => Casework::Review(Box::new(
            ReviewRecord::from_json(&json)
                .map_err(|e| bad(t!("package-why-review", error = e.to_string())))?,
        )),
        _ => return Err(bad(t!("package-why-bad-casework-kind"))),
    };
    Ok(out)
}

/// Parses and checks `data/package.json`.
pub fn parse(data: &[u8]) -> Result<Payload> {
    let w: wire::Package = serde_json::from_slice(data).map_err(|e| bad(e.to_string()))?;
    if w.format != FORMAT {
        return Err(bad(t!("package-why-unknown-format")));
    }
    if w.persons.len() > MAX_PERSONS
        || w.auth_changes.len() > MAX_AUTH_CHANGES
        || w.casework.len() > MAX_PERSONS
    {
        return Err(bad(t!("package-why-too-many-entries")));
    }
    let kind: Kind = w
        .kind
        .parse()
        .map_err(|_| bad(t!("package-why-unknown-kind")))?;
    let persons = w.persons.iter().map(person).collect::<Result<Vec<_>>>()?;
    let documents = w
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| document(i, d))
        .collect::<Result<Vec<_>>>()?;
    let p = Payload {
        kind,
        id: PackageId::parse(&w.id).map_err(|_| bad(t!("package-why-bad-id")))?,
        sender: unit(|| t!("package-field-sender"), &w.sender)?,
        sender_level: w
            .sender_level
            .parse()
            .map_err(|_| bad(t!("package-why-bad-level")))?,
        receiver: unit(|| t!("package-field-receiver"), &w.receiver)?,
        seq: w.seq,
        created_at: time(|| t!("package-field-creation-time"), &w.created_at)?,
        officer: field(|| t!("package-field-officer"), &w.officer, 64)?,
        checkpoint: w.checkpoint.as_ref().map(checkpoint).transpose()?,
        persons,
        documents,
        auth_changes: w
            .auth_changes
            .iter()
            .map(auth_change)
            .collect::<Result<_>>()?,
        receipt: w.receipt.as_ref().map(receipt).transpose()?,
        transfer: w.transfer.as_ref().map(transfer).transpose()?,
        disclosure: w.disclosure.as_ref().map(disclosure).transpose()?,
        casework: w.casework.iter().map(casework).collect::<Result<_>>()?,
    };
    if kind.as_str() != w.kind || p.sender_level.as_str() != w.sender_level {
        return Err(bad(t!("package-why-kind-not-canonical")));
    }
    check_shape(&p)?;
    Ok(p)
}

/// What each kind must and must not hold.
fn check_shape(p: &Payload) -> Result<()> {
    if p.seq == 0 || i64::try_from(p.seq).is_err() {
        return Err(bad(t!("package-why-bad-seq")));
    }
    let uids: HashSet<[u8; 16]> = p.persons.iter().map(|x| x.uid).collect();
    if uids.len() != p.persons.len() {
        return Err(bad(t!("package-why-person-twice")));
    }
    if p.documents.iter().any(|d| !uids.contains(&d.person)) {
        return Err(bad(t!("package-why-doc-person-unlisted")));
    }
    let mut seen = HashSet::new();
    if !p
        .documents
        .iter()
        .all(|d| seen.insert((d.journal_number.as_str(), d.version)))
    {
        return Err(bad(t!("package-why-version-twice")));
    }
    let docs = !p.documents.is_empty() || !p.persons.is_empty();
    let ok = match p.kind {
        Kind::CopyUp | Kind::ProcessedDown => {
            docs && p.auth_changes.is_empty() && p.receipt.is_none() && p.transfer.is_none()
        }
        Kind::Transfer => p.transfer.as_ref().is_some_and(|t| {
            p.persons.len() == 1
                && p.persons.first().is_some_and(|x| x.uid == t.person)
                && p.auth_changes.is_empty()
                && p.receipt.is_none()
        }),
        Kind::Authlist => !docs && !p.auth_changes.is_empty() && p.receipt.is_none(),
        Kind::External => p.disclosure.as_ref().is_some_and(|d| {
            p.persons.len() == 1 && p.persons.first().is_some_and(|x| x.uid == d.person)
        }),
        Kind::Receipt => !docs && p.receipt.is_some() && p.auth_changes.is_empty(),
        Kind::Checkpoint => !docs && p.auth_changes.is_empty() && p.receipt.is_none(),
        // Persons only for the decisions, no documents: the assessment travels in the record.
        Kind::DecisionReport => {
            p.documents.is_empty()
                && !p.casework.is_empty()
                && p.auth_changes.is_empty()
                && p.receipt.is_none()
                && p.persons.iter().all(|x| {
                    p.casework
                        .iter()
                        .any(|c| matches!(c, Casework::Decision { person, .. } if *person == x.uid))
                })
                && p.casework.iter().all(|c| match c {
                    Casework::Decision { person, .. } => uids.contains(person),
                    Casework::Review(_) => true,
                })
        }
    };
    if p.kind != Kind::DecisionReport && !p.casework.is_empty() {
        return Err(bad(t!("package-why-no-casework", kind = p.kind.as_str())));
    }
    let extras_ok = (p.kind == Kind::Transfer || p.transfer.is_none())
        && (p.kind == Kind::External || p.disclosure.is_none())
        && (p.kind == Kind::External || p.checkpoint.is_some());
    if !ok || !extras_ok {
        return Err(bad(t!("package-why-wrong-shape", kind = p.kind.as_str())));
    }
    Ok(())
}

/// Parses a receipt alone (the `receipt` object of a package.json), for the fuzz target.
pub fn parse_receipt(data: &[u8]) -> Result<Receipt> {
    let w: wire::Receipt = serde_json::from_slice(data).map_err(|e| bad(e.to_string()))?;
    receipt(&w)
}
