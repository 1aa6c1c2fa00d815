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

/// Every field an entry's hash covers, borrowed: from an [`Entry`], or straight from a row
/// of the log, so that a chain-only walk of ten million entries allocates nothing per entry.
/// The one encoding of the hash lives here.
pub(crate) struct Fields<'a> {
    pub(crate) prev_hash: &'a [u8],
    pub(crate) seq: i64,
    pub(crate) time: &'a str,
    pub(crate) user: &'a str,
    pub(crate) unit: &'a str,
    pub(crate) act: &'a str,
    pub(crate) person_id: Option<i64>,
    pub(crate) journal_number: Option<&'a str>,
    pub(crate) doc_version: Option<i64>,
    pub(crate) purpose: Option<&'a str>,
    pub(crate) outcome: &'a str,
    pub(crate) detail: Option<&'a str>,
    pub(crate) signer: &'a [u8],
}

impl Fields<'_> {
    /// SHA-256 of `crypto::encode_fields(LOG_ENTRY, …)` of every field, in order; an
    /// optional field is a presence byte and then its value, so `None` and `Some("")` differ.
    /// Built in `buf` (cleared first), which the caller may keep for the next entry.
    pub(crate) fn hash(&self, buf: &mut Vec<u8>) -> [u8; 32] {
        fn field(buf: &mut Vec<u8>, v: &[u8]) {
            buf.extend_from_slice(&(v.len() as u64).to_be_bytes());
            buf.extend_from_slice(v);
        }
        fn opt(buf: &mut Vec<u8>, v: Option<&[u8]>) {
            match v {
                None => field(buf, &[0]),
                Some(b) => {
                    buf.extend_from_slice(&(b.len() as u64 + 1).to_be_bytes());
                    buf.push(1);
                    buf.extend_from_slice(b);
                }
            }
        }
        buf.clear();
        buf.extend_from_slice(labels::LOG_ENTRY);
        field(buf, self.prev_hash);
        field(buf, &self.seq.to_be_bytes());
        field(buf, self.time.as_bytes());
        field(buf, self.user.as_bytes());
        field(buf, self.unit.as_bytes());
        field(buf, self.act.as_bytes());
        opt(
            buf,
            self.person_id
                .map(i64::to_be_bytes)
                .as_ref()
                .map(|x| &x[..]),
        );
        opt(buf, self.journal_number.map(str::as_bytes));
        opt(
            buf,
            self.doc_version
                .map(i64::to_be_bytes)
                .as_ref()
                .map(|x| &x[..]),
        );
        opt(buf, self.purpose.map(str::as_bytes));
        field(buf, self.outcome.as_bytes());
        opt(buf, self.detail.map(str::as_bytes));
        field(buf, self.signer);
        sha256(buf)
    }

    /// The fields of a row selected with [`Entry::COLUMNS`], read as [`Entry::from_row`]
    /// reads them (a value of the wrong type is an error there and here), and the row's
    /// stored hash.
    pub(crate) fn from_row<'r>(
        r: &'r rusqlite::Row<'_>,
    ) -> rusqlite::Result<(Fields<'r>, &'r [u8])> {
        use rusqlite::types::FromSqlError;
        let conv = |i: usize, e: FromSqlError| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                r.get_ref_unwrap(i).data_type(),
                Box::new(e),
            )
        };
        let text = |i: usize| r.get_ref(i)?.as_str().map_err(|e| conv(i, e));
        let text_or_null = |i: usize| r.get_ref(i)?.as_str_or_null().map_err(|e| conv(i, e));
        let int_or_null = |i: usize| r.get_ref(i)?.as_i64_or_null().map_err(|e| conv(i, e));
        let bytes = |i: usize| r.get_ref(i)?.as_blob().map_err(|e| conv(i, e));
        // Not hashed, but read as `Entry::from_row` reads it: a signature that is no longer
        // a blob makes the entry unreadable in every walk, not only in the full one.
        bytes(14)?;
        Ok((
            Fields {
                seq: r.get_ref(0)?.as_i64().map_err(|e| conv(0, e))?,
                time: text(1)?,
                user: text(2)?,
                unit: text(3)?,
                act: text(4)?,
                person_id: int_or_null(5)?,
                journal_number: text_or_null(6)?,
                doc_version: int_or_null(7)?,
                purpose: text_or_null(8)?,
                outcome: text(9)?,
                detail: text_or_null(10)?,
                prev_hash: bytes(11)?,
                signer: bytes(13)?,
            },
            bytes(12)?,
        ))
    }
}

impl Entry {
    /// SHA-256 over the previous hash and the one field encoding of the crate
    /// (`crypto::encode_fields`) of every field but the hash and signature.
    pub fn compute_hash(&self) -> [u8; 32] {
        self.fields().hash(&mut Vec::with_capacity(256))
    }

    pub(crate) fn fields(&self) -> Fields<'_> {
        Fields {
            prev_hash: &self.prev_hash,
            seq: self.seq,
            time: &self.time,
            user: &self.user,
            unit: &self.unit,
            act: &self.act,
            person_id: self.person_id,
            journal_number: self.journal_number.as_deref(),
            doc_version: self.doc_version,
            purpose: self.purpose.as_deref(),
            outcome: &self.outcome,
            detail: self.detail.as_deref(),
            signer: &self.signer,
        }
    }

    /// Whether this entry is intact and signed by `public`: its hash recomputes, it names
    /// that key as its signer, and the signature checks.
    pub(crate) fn signed_by(&self, public: &[u8]) -> bool {
        self.signed_by_with(public, crate::crypto::sign::verify)
    }

    /// [`Entry::signed_by`], with the signature check itself left to `holds(public, message,
    /// signature)`: a session may defer it (`identity::deferred`).
    pub(crate) fn signed_by_with(
        &self,
        public: &[u8],
        holds: impl FnOnce(&[u8], &[u8], &[u8]) -> bool,
    ) -> bool {
        crate::crypto::ct_eq(&self.compute_hash(), &self.hash)
            && crate::crypto::ct_eq(&self.signer, public)
            && holds(public, &signed_message(&self.hash), &self.signature)
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

    /// The hash as it was first written, through `encode_fields`: every stored log must
    /// keep verifying, so the borrowed encoder has to agree with it byte for byte.
    fn hash_as_first_written(e: &Entry) -> [u8; 32] {
        let opt = |v: Option<&[u8]>| match v {
            None => vec![0],
            Some(b) => [&[1u8][..], b].concat(),
        };
        let person = e.person_id.map(i64::to_be_bytes);
        let version = e.doc_version.map(i64::to_be_bytes);
        sha256(&encode_fields(
            labels::LOG_ENTRY,
            &[
                &e.prev_hash,
                &e.seq.to_be_bytes(),
                e.time.as_bytes(),
                e.user.as_bytes(),
                e.unit.as_bytes(),
                e.act.as_bytes(),
                &opt(person.as_ref().map(|x| &x[..])),
                &opt(e.journal_number.as_deref().map(str::as_bytes)),
                &opt(version.as_ref().map(|x| &x[..])),
                &opt(e.purpose.as_deref().map(str::as_bytes)),
                e.outcome.as_bytes(),
                &opt(e.detail.as_deref().map(str::as_bytes)),
                &e.signer,
            ],
        ))
    }

    #[test]
    fn borrowed_encoding_agrees_with_the_first() {
        let mut all_none = sample();
        all_none.person_id = None;
        all_none.journal_number = None;
        all_none.doc_version = None;
        let mut empty = sample();
        empty.purpose = Some(String::new());
        empty.detail = Some("copy 2".into());
        let mut buf = Vec::new();
        for e in [sample(), all_none, empty] {
            assert_eq!(e.compute_hash(), hash_as_first_written(&e));
            // The kept buffer is cleared between entries.
            assert_eq!(e.fields().hash(&mut buf), hash_as_first_written(&e));
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
