//! Every domain-separation label of the register, in one table.
//!
//! Each key derivation, MAC, signature, hash and associated data starts from one of these, so
//! no value made for one purpose can be passed off as another, and a reviewer sees every
//! purpose at a glance. A label is never reused for a second purpose; a change of format gets
//! a new label (a new `vN`), never a changed meaning under the old one.

// --- key derivation (HKDF info strings, under the salt "infoflyt") ---
/// Keyslot: the key that seals the store key, from the passphrase's KEK.
pub(crate) const KDF_KEYSLOT: &[u8] = b"keyslot";
/// Keyslot: the key that seals the user's private keys, from the passphrase's KEK.
pub(crate) const KDF_USER_SECRETS: &[u8] = b"user-secrets";
/// A user's state key (pins), from their X25519 private key.
pub(crate) const KDF_USER_STATE: &[u8] = b"infoflyt user state v1";
/// Commitment to a folder key, from that key.
pub(crate) const KDF_FOLDER_COMMIT: &[u8] = b"infoflyt folder key commitment v2";
/// Proof of holding the previous folder key, from that key.
pub(crate) const KDF_FOLDER_ROTATION: &[u8] = b"infoflyt folder key rotation v2";
/// Document content key, from a folder key and a per-version salt.
pub(crate) const KDF_CONTENT: &[u8] = b"infoflyt document content v2";
/// The key of one single wrap, from an X25519 shared secret (prefix of the purpose).
pub(crate) const KDF_WRAP: &[u8] = b"infoflyt wrap v1 ";
/// The key of a batch of wraps to one recipient, from an X25519 shared secret.
pub(crate) const KDF_BATCH: &[u8] = b"infoflyt key batch v1";

// --- associated data, MACs, hashes and signed messages (prefixes of `encode_fields`) ---
/// A keyslot's associated data.
pub(crate) const AAD_KEYSLOT: &[u8] = b"infoflyt keyslot v1\0";
/// A keyslot's id: hash of store id and user name.
pub(crate) const SLOT_ID: &[u8] = b"infoflyt slot id v1\0";
/// A user's sealed private keys.
pub(crate) const AAD_USER_SECRETS: &[u8] = b"infoflyt user secrets v1\0";
/// The unit keys wrapped to a user (wrap purpose).
pub(crate) const WRAP_UNIT_KEYS: &[u8] = b"infoflyt unit keys v1\0";
/// A folder key version sealed in a batch (associated data).
pub(crate) const AAD_FOLDER_WRAP: &[u8] = b"infoflyt folder key wrap v2\0";
/// The chunks of a document version (associated data).
pub(crate) const AAD_DOCUMENT: &[u8] = b"infoflyt document v2\0";
/// What a folder key commitment MACs.
pub(crate) const MAC_FOLDER_COMMIT: &[u8] = b"infoflyt folder key commitment v2\0";
/// What a rotation proof MACs.
pub(crate) const MAC_FOLDER_ROTATION: &[u8] = b"infoflyt folder key rotation v2\0";
/// What a pin MACs.
pub(crate) const MAC_PIN: &[u8] = b"infoflyt key pin v1\0";
/// A folder key version's record (hashed, then signed).
pub(crate) const HASH_FOLDER_RECORD: &[u8] = b"infoflyt folder key record v2\0";
/// The signature over a folder key record's hash.
pub(crate) const SIG_FOLDER_RECORD: &[u8] = b"infoflyt folder key record signature v2\0";
/// An account certificate (v2: decision authority is certified too).
pub(crate) const SIG_CERT: &[u8] = b"infoflyt user certificate v2\0";
/// A signed change of the authorisation list.
pub(crate) const SIG_AUTHLIST: &[u8] = b"infoflyt authlist change v1\0";
/// A journal row.
pub(crate) const SIG_JOURNAL: &[u8] = b"infoflyt journal entry v1\0";
/// A decision as its maker signs it (casework).
pub(crate) const SIG_DECISION: &[u8] = b"infoflyt decision v1\0";
/// A decision as its unit countersigns it.
pub(crate) const SIG_DECISION_UNIT: &[u8] = b"infoflyt decision unit v1\0";
/// An uphold or overturn as the reviewer signs it.
pub(crate) const SIG_REVIEW: &[u8] = b"infoflyt decision review v1\0";
/// An uphold or overturn as the reviewing unit countersigns it.
pub(crate) const SIG_REVIEW_UNIT: &[u8] = b"infoflyt decision review unit v1\0";
/// A registration decision of the central register.
pub(crate) const SIG_REGISTRATION: &[u8] = b"infoflyt registration decision v1\0";
/// A user's witness of the use log's head.
pub(crate) const SIG_WITNESS: &[u8] = b"infoflyt log witness v1\0";
/// The hash before the first use-log entry.
pub(crate) const LOG_GENESIS: &[u8] = b"infoflyt use log genesis v2\0";
/// A use-log entry's hash.
pub(crate) const LOG_ENTRY: &[u8] = b"infoflyt use log v2\0";
/// The signature over a use-log entry's hash.
pub(crate) const SIG_LOG_ENTRY: &[u8] = b"infoflyt use log entry v1\0";

// --- transfer packages, unit key rollover, checkpoints and registers (issue 7) ---
/// A retired unit X25519 key wrapped to its successor (wrap purpose).
pub(crate) const WRAP_RETIRED_UNIT_KEY: &[u8] = b"infoflyt retired unit key v1\0";
/// A succession of the unit keys, signed by the old key and by the new one.
pub(crate) const SIG_SUCCESSION: &[u8] = b"infoflyt unit key succession v1\0";
/// A log checkpoint: the use log's head, signed by the unit key.
pub(crate) const SIG_CHECKPOINT: &[u8] = b"infoflyt log checkpoint v1\0";
/// A recorded prior consultation (R12).
pub(crate) const SIG_CONSULTATION: &[u8] = b"infoflyt consultation v1\0";
/// An entry of the disclosure register (R25, R31, R32).
pub(crate) const SIG_DISCLOSURE: &[u8] = b"infoflyt disclosure v1\0";
/// A hold on destruction (retention), placed by a KSF officer with decision authority.
pub(crate) const SIG_HOLD: &[u8] = b"infoflyt retention hold v1\0";
/// The lifting of a hold (retention).
pub(crate) const SIG_HOLD_LIFT: &[u8] = b"infoflyt retention hold lifted v1\0";
