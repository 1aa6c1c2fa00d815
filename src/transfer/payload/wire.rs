//! The JSON forms of `data/package.json`, exactly as written: every field present (absent
//! values as `null` or `[]`), no other field accepted, no field twice. The types in
//! [`super`] are what the rest of the program sees; these exist only at the edge.

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Package {
    pub(super) format: String,
    pub(super) kind: String,
    pub(super) id: String,
    pub(super) sender: String,
    pub(super) sender_level: String,
    pub(super) receiver: String,
    pub(super) seq: u64,
    pub(super) created_at: String,
    pub(super) officer: String,
    pub(super) checkpoint: Option<Checkpoint>,
    pub(super) persons: Vec<Person>,
    pub(super) documents: Vec<Document>,
    pub(super) auth_changes: Vec<AuthChange>,
    pub(super) receipt: Option<Receipt>,
    pub(super) transfer: Option<Transfer>,
    pub(super) disclosure: Option<Disclosure>,
    /// Only in `decision-report` packages; absent from the others, as before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) casework: Vec<Casework>,
}

/// A decision (`kind` `decision`, with its person's uid) or a review (`review`, no person);
/// `record` is the signed record's own JSON form.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Casework {
    pub(super) kind: String,
    pub(super) person: Option<String>,
    pub(super) record: serde_json::Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Checkpoint {
    pub(super) unit: String,
    pub(super) store: String,
    pub(super) seq: u64,
    pub(super) head: String,
    pub(super) time: String,
    pub(super) unit_key: String,
    pub(super) signature: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Person {
    pub(super) uid: String,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) born: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) risks: String,
    pub(super) affiliations: String,
    pub(super) offence: Option<String>,
    pub(super) sentence: Option<String>,
    pub(super) conduct: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Document {
    pub(super) file: String,
    pub(super) person: String,
    pub(super) journal_number: String,
    pub(super) version: i64,
    pub(super) grading: String,
    pub(super) title: String,
    pub(super) source: String,
    pub(super) unverified: bool,
    pub(super) health_confidential: bool,
    pub(super) derived_from: Option<String>,
    pub(super) info_date: String,
    pub(super) content_kind: String,
    pub(super) file_name: Option<String>,
    pub(super) size: u64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AuthChange {
    pub(super) store: String,
    pub(super) unit: String,
    pub(super) time: String,
    pub(super) admin: String,
    pub(super) change: String,
    pub(super) list: String,
    pub(super) agreement: Option<String>,
    pub(super) signer: String,
    pub(super) signature: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Receipt {
    pub(super) package: String,
    pub(super) seq: u64,
    pub(super) tagmanifest_sha256: String,
    pub(super) imported_at: String,
    pub(super) documents: Vec<ReceivedDocument>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReceivedDocument {
    pub(super) sender_journal_number: String,
    pub(super) sender_version: i64,
    pub(super) journal_number: String,
    pub(super) version: i64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Transfer {
    pub(super) person: String,
    pub(super) consulted_unit: String,
    pub(super) consulted_with: String,
    pub(super) consulted_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Disclosure {
    pub(super) person: String,
    pub(super) recipient: String,
    pub(super) basis: String,
}
