//! `data/package.json`: what a package says it holds (DESIGN.md §6): kind, sender, receiver,
//! sequence number, the sender's log checkpoint, the persons and documents, and what each
//! kind adds (list changes, a receipt, a transfer's consultation, a disclosure's basis).
//!
//! It is read only from a [`super::VerifiedPackage`], so its bytes are the sender's, signed;
//! it is still parsed as hostile input (STYLE 4): strict JSON forms (wire.rs), then every
//! value checked and turned into a type here, once. It is also the file police read with
//! stock tools, so it is plain, pretty-printed JSON with the titles of what they receive.
//! This module must never hand out a value it has not checked.

mod wire;

use super::checkpoint::Checkpoint;
use super::header::PackageId;
use crate::authz::Grading;
use crate::casework::record::{DecisionRecord, ReviewRecord};
use crate::crypto::hex;
use crate::documents::Source;
use crate::identity::Level;
use crate::register::travel::PersonFacts;
use crate::text::{self, limits};
use crate::{Error, Result};
use serde::Serialize;

/// The format line of every package.json this program writes.
pub const FORMAT: &str = "infoflyt-package-1";

crate::vocab::vocabulary! {
    /// What a package is for (DESIGN.md §6).
    pub enum Kind ("package kind") { // untranslated: vocabulary! concat!s it into vocab.rs's message
        /// Copies owed up the chain (R11).
        CopyUp = "copy-up",
        /// A document or processed version sent down (R8).
        ProcessedDown = "processed-down",
        /// A folder that follows its inmate (R12, R13).
        Transfer = "transfer",
        /// Signed list changes for KSF (R19).
        Authlist = "authlist",
        /// Casework between the levels (R23, R24): decisions reported up for review, and
        /// upholds and overturns going back down to the deciding unit.
        DecisionReport = "decision-report",
        /// Documents to a police recipient, readable with stock tools (R25, R26, R31–R33).
        External = "external",
        /// The answer to an import.
        Receipt = "receipt",
        /// Only the sender's log checkpoint.
        Checkpoint = "checkpoint",
    }
}

/// A legal basis for disclosure to police (R25).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Forvaltningsloven § 13 b first paragraph no. 5.
    Fvl13b5,
    /// Forvaltningsloven § 13 b first paragraph no. 6.
    Fvl13b6,
    /// Another basis, named.
    Other(String),
}

impl Basis {
    /// Parses `fvl-13b-5`, `fvl-13b-6` or `other:TEXT`.
    pub fn parse(s: &str) -> Result<Basis> {
        match s.trim() {
            "fvl-13b-5" => Ok(Basis::Fvl13b5),
            "fvl-13b-6" => Ok(Basis::Fvl13b6),
            t => match t.strip_prefix("other:") {
                Some(x) => Ok(Basis::Other(text::field("basis", x, limits::NAME, false)?)),
                None => Err(Error::Usage(crate::t!(
                    "package-unknown-basis",
                    basis = format!("{:?}", text::escape(s))
                ))),
            },
        }
    }
}

impl std::fmt::Display for Basis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Basis::Fvl13b5 => f.write_str("fvl-13b-5"),
            Basis::Fvl13b6 => f.write_str("fvl-13b-6"),
            Basis::Other(t) => write!(f, "other:{t}"),
        }
    }
}

/// One document in a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocFacts {
    /// The person's uid.
    #[serde(skip)]
    pub person: [u8; 16],
    /// The sender's journal number.
    pub journal_number: String,
    /// The sender's version.
    pub version: i64,
    /// The grading it travels as (the one that governs it at the sender).
    pub grading: Grading,
    /// Title.
    pub title: String,
    /// Source.
    pub source: Source,
    /// Correctness not established (R5).
    pub unverified: bool,
    /// Learnt as assistant to health personnel (R26).
    pub health_confidential: bool,
    /// What it was derived from, at the sender.
    pub derived_from: Option<String>,
    /// When the information is from (R34).
    pub info_date: String,
    /// `text` or `file`.
    pub content_kind: String,
    /// Original file name.
    pub file_name: Option<String>,
    /// Bytes.
    pub size: u64,
}

/// A list change sent to KSF (R19), with what its admin signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthChange {
    /// The sending store's id.
    #[serde(serialize_with = "hex_ser")]
    pub store: [u8; 16],
    /// The unit.
    pub unit: String,
    /// When.
    pub time: String,
    /// The admin.
    pub admin: String,
    /// The change (JSON text as signed).
    pub change: String,
    /// The whole list after it (JSON text as signed).
    pub list: String,
    /// Agreement reference (R20).
    pub agreement: Option<String>,
    /// The admin's key.
    #[serde(serialize_with = "hex_ser")]
    pub signer: [u8; 32],
    /// The admin's signature.
    #[serde(serialize_with = "hex_ser")]
    pub signature: [u8; 64],
}

fn hex_ser<S: serde::Serializer>(v: &[u8], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&hex(v))
}

/// (sender's journal number, version) → (receiver's journal number, version).
pub type Filing = ((String, i64), (String, i64));

/// A receipt: which package was imported and how each document was filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// The imported package.
    pub package: PackageId,
    /// Its sequence number.
    pub seq: u64,
    /// Its tag manifest's SHA-256 (both its signatures cover it).
    #[serde(serialize_with = "hex_ser")]
    pub tagmanifest_sha256: [u8; 32],
    /// When it was imported.
    pub imported_at: String,
    /// How each version was filed.
    pub documents: Vec<Filing>,
}

/// A transfer's facts: whose folder, and the prior consultation (R12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferFacts {
    /// The person's uid.
    #[serde(serialize_with = "hex_ser")]
    pub person: [u8; 16],
    /// The unit consulted.
    pub consulted_unit: String,
    /// Whom the sender spoke with.
    pub consulted_with: String,
    /// When.
    pub consulted_at: String,
}

/// An external package's disclosure facts (R25).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureFacts {
    /// The person's uid.
    pub person: [u8; 16],
    /// Recipient, as named.
    pub recipient: String,
    /// Legal basis.
    pub basis: Basis,
}

/// A casework record a `decision-report` package carries (R23, R24), parsed but not yet
/// verified: the importer checks its signatures against the sender's trusted key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Casework {
    /// A decision going up, about the package's person with this uid.
    Decision {
        /// The person's uid (one of the package's persons).
        person: [u8; 16],
        /// The signed decision.
        record: Box<DecisionRecord>,
    },
    /// An uphold or overturn going back down to the unit that decided.
    Review(Box<ReviewRecord>),
}

/// A checked package.json.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Kind.
    pub kind: Kind,
    /// Package id.
    pub id: PackageId,
    /// Sending unit.
    pub sender: String,
    /// Its level.
    pub sender_level: Level,
    /// Receiving unit or recipient.
    pub receiver: String,
    /// Sequence number from this sender to this receiver (from 1).
    pub seq: u64,
    /// When it was made.
    pub created_at: String,
    /// Exporting officer.
    pub officer: String,
    /// The sender's log checkpoint (every kind but `external`).
    pub checkpoint: Option<Checkpoint>,
    /// Persons the documents belong to.
    pub persons: Vec<PersonFacts>,
    /// Documents, in payload order (`data/documents/000001.bin` first).
    pub documents: Vec<DocFacts>,
    /// List changes (`authlist`).
    pub auth_changes: Vec<AuthChange>,
    /// The receipt (`receipt`).
    pub receipt: Option<Receipt>,
    /// The transfer (`transfer`).
    pub transfer: Option<TransferFacts>,
    /// The disclosure (`external`).
    pub disclosure: Option<DisclosureFacts>,
    /// Decisions and reviews (`decision-report`).
    pub casework: Vec<Casework>,
}

mod check;
mod encode;
pub use check::{parse, parse_receipt};
