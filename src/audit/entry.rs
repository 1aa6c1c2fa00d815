//! One log entry, its canonical encoding, hash and signed message.

use crate::crypto::{encode_fields, labels, sha256};
use serde::Serialize;

/// What happened, as the caller describes it.
#[derive(Debug, Clone)]
pub struct Act {
    /// `show`, `export`, `create`, `derive`, `revise`, `regrade`, `refused`, …
    pub act: String,
    /// Person concerned.
    pub person_id: Option<i64>,
    /// Document concerned.
    pub journal_number: Option<String>,
    /// Version of the document.
    pub doc_version: Option<i64>,
    /// Purpose given by the user.
    pub purpose: Option<String>,
    /// Outcome.
    pub outcome: Outcome,
    /// Extra non-sensitive detail (copy number, rule, source document).
    pub detail: Option<String>,
}

impl Act {
    /// A successful act with no objects yet.
    pub fn new(act: &str) -> Self {
        Act {
            act: act.into(),
            person_id: None,
            journal_number: None,
            doc_version: None,
            purpose: None,
            outcome: Outcome::Ok,
            detail: None,
        }
    }

    /// Names the document.
    pub fn doc(mut self, jno: &str, version: i64, person: i64) -> Self {
        self.journal_number = Some(jno.into());
        self.doc_version = Some(version);
        self.person_id = Some(person);
        self
    }

    /// Names the person.
    pub fn person(mut self, id: i64) -> Self {
        self.person_id = Some(id);
        self
    }

    /// Adds detail.
    pub fn detail(mut self, d: impl Into<String>) -> Self {
        self.detail = Some(d.into());
        self
    }

    /// Adds the purpose.
    pub fn purpose(mut self, p: Option<String>) -> Self {
        self.purpose = p;
        self
    }
}

/// Outcome of an act.
#[derive(Debug, Clone, Copy)]
pub enum Outcome {
    /// Done.
    Ok,
    /// Refused by the named rule.
    Refused(&'static str),
    /// Allowed and logged, but it could not be completed (a copy that could not be written).
    Failed,
}

impl Outcome {
    /// Stored form.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Refused(_) => "refused",
            Outcome::Failed => "failed",
        }
    }
}

/// An entry as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Sequence number, 1, 2, 3 … without gaps.
    pub seq: i64,
    /// UTC time.
    pub time: String,
    /// Acting user.
    pub user: String,
    /// Unit.
    pub unit: String,
    /// Act.
    pub act: String,
    /// Person.
    pub person_id: Option<i64>,
    /// Document.
    pub journal_number: Option<String>,
    /// Document version.
    pub doc_version: Option<i64>,
    /// Purpose.
    pub purpose: Option<String>,
    /// `ok` or `refused`.
    pub outcome: String,
    /// Detail.
    pub detail: Option<String>,
    /// Hash of the previous entry.
    #[serde(skip)]
    pub prev_hash: Vec<u8>,
    /// This entry's hash.
    #[serde(serialize_with = "as_hex")]
    pub hash: Vec<u8>,
    /// The signer's Ed25519 public key.
    #[serde(skip)]
    pub signer: Vec<u8>,
    /// Signature over the hash.
    #[serde(skip)]
    pub signature: Vec<u8>,
}

fn as_hex<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::crypto::hex(v))
}

/// The hash before the first entry: bound to the store, so a log cannot be moved between
/// stores.
pub fn genesis(store_id: &[u8]) -> [u8; 32] {
    sha256(&encode_fields(labels::LOG_GENESIS, &[store_id]))
}

/// What the user signs for an entry.
pub fn signed_message(hash: &[u8]) -> Vec<u8> {
    encode_fields(labels::SIG_LOG_ENTRY, &[hash])
}

/// An optional field: a presence byte, then the value, so `None` and `Some("")` differ.
fn opt(v: Option<&[u8]>) -> Vec<u8> {
    match v {
        None => vec![0],
        Some(b) => {
            let mut o = Vec::with_capacity(b.len() + 1);
            o.push(1);
            o.extend_from_slice(b);
            o
        }
    }
}

impl Entry {
    /// SHA-256 over the previous hash and the one field encoding of the crate
    /// (`crypto::encode_fields`) of every field but the hash and signature.
    pub fn compute_hash(&self) -> [u8; 32] {
        let person = self.person_id.map(i64::to_be_bytes);
        let version = self.doc_version.map(i64::to_be_bytes);
        sha256(&encode_fields(
            labels::LOG_ENTRY,
            &[
                &self.prev_hash,
                &self.seq.to_be_bytes(),
                self.time.as_bytes(),
                self.user.as_bytes(),
                self.unit.as_bytes(),
                self.act.as_bytes(),
                &opt(person.as_ref().map(|x| &x[..])),
                &opt(self.journal_number.as_deref().map(str::as_bytes)),
                &opt(version.as_ref().map(|x| &x[..])),
                &opt(self.purpose.as_deref().map(str::as_bytes)),
                self.outcome.as_bytes(),
                &opt(self.detail.as_deref().map(str::as_bytes)),
                &self.signer,
            ],
        ))
    }

    /// Whether this entry is intact and signed by `public`: its hash recomputes, it names
    /// that key as its signer, and the signature checks.
    pub(crate) fn signed_by(&self, public: &[u8]) -> bool {
        crate::crypto::ct_eq(&self.compute_hash(), &self.hash)
            && crate::crypto::ct_eq(&self.signer, public)
            && crate::crypto::sign::verify(public, &signed_message(&self.hash), &self.signature)
    }

    pub(crate) const COLUMNS: &'static str = "seq, time, user_name, unit, act, person_id, \
        journal_number, doc_version, purpose, outcome, detail, prev_hash, hash, signer, signature";

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
        Ok(Entry {
            seq: r.get(0)?,
            time: r.get(1)?,
            user: r.get(2)?,
            unit: r.get(3)?,
            act: r.get(4)?,
            person_id: r.get(5)?,
            journal_number: r.get(6)?,
            doc_version: r.get(7)?,
            purpose: r.get(8)?,
            outcome: r.get(9)?,
            detail: r.get(10)?,
            prev_hash: r.get(11)?,
            hash: r.get(12)?,
            signer: r.get(13)?,
            signature: r.get(14)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        Entry {
            seq: 1,
            time: "2026-01-01T00:00:00Z".into(),
            user: "kari".into(),
            unit: "u".into(),
            act: "show".into(),
            person_id: Some(1),
            journal_number: Some("2026/00001".into()),
            doc_version: Some(1),
            purpose: None,
            outcome: "ok".into(),
            detail: None,
            prev_hash: vec![0; 32],
            hash: vec![],
            signer: vec![1; 32],
            signature: vec![],
        }
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = sample().compute_hash();
        let mut variants = vec![];
        let mut e = sample();
        e.seq = 2;
        variants.push(e);
        let mut e = sample();
        e.user = "ola".into();
        variants.push(e);
        let mut e = sample();
        e.act = "export".into();
        variants.push(e);
        let mut e = sample();
        e.journal_number = None;
        variants.push(e);
        let mut e = sample();
        e.purpose = Some(String::new());
        variants.push(e);
        let mut e = sample();
        e.prev_hash = vec![1; 32];
        variants.push(e);
        let mut e = sample();
        e.time = "2026-01-01T00:00:01Z".into();
        variants.push(e);
        for v in variants {
            assert_ne!(v.compute_hash(), base);
        }
    }
}
