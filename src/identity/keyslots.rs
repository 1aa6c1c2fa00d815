//! The keyslots file: the store key wrapped once per user under a passphrase-derived key.
//!
//! It sits beside the database because the database cannot be opened without it. It holds no
//! names: a slot is found by a hash of the store id and the user name, so a thief with the
//! disk learns how many accounts exist, not who they are. Disabled accounts leave only their
//! slot id in `revoked`, so "disabled" can be told apart from "unknown".
//!
//! What each slot's AEAD binds (the associated data): the store id, the slot id, the salt and
//! the KDF parameters. A slot cannot be moved to another user or store, and its parameters
//! cannot be weakened, without the passphrase failing.

use crate::crypto::kdf::{self, KdfParams, SALT_LEN};
use crate::crypto::{aead, encode_fields, hex, labels, sha256, unhex, Passphrase, SecretKey};
use crate::store::fsutil::Staged;
use crate::store::StorePaths;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

const FORMAT: &str = "infoflyt-keyslots/1";
const MAX_FILE: u64 = 4 * 1024 * 1024;

/// The whole file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyslotFile {
    format: String,
    store_id: String,
    slots: Vec<Keyslot>,
    revoked: Vec<String>,
}

/// One user's slot.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyslot {
    id: String,
    kdf: KdfParams,
    salt: String,
    wrapped: String,
}

/// What opening a slot yields: the store key and the key that seals the user's private keys.
/// Its fields are crate-private: the store key reaches no caller outside the crate.
#[derive(Debug)]
pub struct OpenedSlot {
    store_key: SecretKey,
    secrets_key: SecretKey,
    salt: Vec<u8>,
}

impl OpenedSlot {
    /// The store key.
    pub(crate) fn store_key(&self) -> &SecretKey {
        &self.store_key
    }
    /// Takes the store key.
    pub(crate) fn into_store_key(self) -> SecretKey {
        self.store_key
    }
    /// The key that seals this user's row in `user_secrets`.
    pub(crate) fn secrets_key(&self) -> &SecretKey {
        &self.secrets_key
    }
    /// The slot's salt, which names that row.
    pub(crate) fn salt(&self) -> &[u8] {
        &self.salt
    }
}

/// A freshly made slot and the keys it was made with.
#[derive(Debug)]
pub struct NewSlot {
    /// The slot to store.
    pub(crate) slot: Keyslot,
    /// Seals the user's private keys.
    pub(crate) secrets_key: SecretKey,
    /// The salt.
    pub(crate) salt: Vec<u8>,
}

/// What [`KeyslotFile::settle`] removed.
#[derive(Debug, Default)]
pub struct Settled {
    /// Disabled accounts whose slot was still there.
    pub revoked: Vec<String>,
    /// Slots that belonged to no account.
    pub orphans: usize,
    /// Slots of new accounts taken from a file an interrupted `user add` left.
    pub adopted: usize,
}

impl Settled {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.revoked.is_empty() && self.orphans == 0 && self.adopted == 0
    }
}

/// What looking a user up in the file finds.
#[derive(Debug)]
pub enum Lookup<'a> {
    /// A live slot.
    Slot(&'a Keyslot),
    /// The account was disabled.
    Revoked,
    /// No such account.
    Unknown,
}

#[cfg(feature = "test-support")]
pub(crate) fn slot_id_for_tests(store_id: &[u8], name: &str) -> String {
    slot_id(store_id, name)
}

fn slot_id(store_id: &[u8], name: &str) -> String {
    hex(&sha256(&encode_fields(
        labels::SLOT_ID,
        &[store_id, name.as_bytes()],
    )))
}

fn aad(store_id: &[u8], id: &str, salt: &[u8], params: &KdfParams) -> Vec<u8> {
    encode_fields(
        labels::AAD_KEYSLOT,
        &[store_id, id.as_bytes(), salt, &params.encode()],
    )
}

fn damaged(why: &str) -> Error {
    Error::Integrity(crate::t!("keyslot-file-damaged", why = why))
}

impl KeyslotFile {
    /// An empty file for a new store.
    pub fn new(store_id: &[u8]) -> Self {
        KeyslotFile {
            format: FORMAT.into(),
            store_id: hex(store_id),
            slots: Vec::new(),
            revoked: Vec::new(),
        }
    }

    /// Reads and parses the file.
    pub fn load(paths: &StorePaths) -> Result<Self> {
        let path = paths.keyslots();
        let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(crate::t!(
                "keyslot-no-store",
                path = paths.dir().display().to_string()
            )),
            _ => Error::io(crate::t!(
                "store-cannot-read",
                path = path.display().to_string()
            ))(e),
        })?;
        if meta.len() > MAX_FILE {
            return Err(damaged(&crate::t!("keyslot-too-large")));
        }
        let bytes = std::fs::read(&path).map_err(Error::io(crate::t!(
            "store-cannot-read",
            path = path.display().to_string()
        )))?;
        Self::parse(&bytes)
    }

    /// Parses the file's bytes: outside input (anyone with the disk can write it), so every
    /// failure is a clean integrity error. Fuzzed by `fuzz/fuzz_targets/keyslots.rs`.
    pub fn parse(bytes: &[u8]) -> Result<Self> {
        if bytes.len() as u64 > MAX_FILE {
            return Err(damaged(&crate::t!("keyslot-too-large")));
        }
        let f: KeyslotFile = serde_json::from_slice(bytes)
            .map_err(|_| damaged(&crate::t!("keyslot-not-parseable")))?;
        if f.format != FORMAT {
            return Err(damaged(&crate::t!("keyslot-unknown-format")));
        }
        if f.store_id().map(|s| s.len()) != Some(16) {
            return Err(damaged(&crate::t!("keyslot-bad-store-id")));
        }
        // The program never writes two slots for one account: a second one is an old copy
        // put back (an earlier passphrase) or a planted one, and which to trust is unknowable.
        let mut ids: Vec<&str> = f.slots.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(damaged(&crate::t!("keyslot-two-slots")));
        }
        Ok(f)
    }

    /// Writes the file atomically (0600).
    pub(crate) fn save(&self, paths: &StorePaths) -> Result<()> {
        self.stage(paths)?.commit()
    }

    /// Writes the file under a temporary name, synced, to be put in place by
    /// [`Staged::commit`] (a rename, which needs no free space) or dropped unused. A full disk
    /// fails here, before anything else has changed.
    pub(crate) fn stage(&self, paths: &StorePaths) -> Result<Staged> {
        let bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Other(crate::t!("keyslot-cannot-encode", error = e.to_string())))?;
        Staged::write(&paths.keyslots(), &bytes)
    }

    /// Takes from `staged` — a complete file that a writer killed after its database commit
    /// left under the temporary name — the slots of active accounts that have none here: an
    /// interrupted `user add` is finished instead of leaving an account that cannot unlock.
    /// Only slots whose account exists and is active are taken.
    pub(crate) fn adopt(
        &mut self,
        staged: &KeyslotFile,
        accounts: &[(String, bool)],
    ) -> Result<usize> {
        let sid = self.sid()?;
        if staged.sid()? != sid {
            return Ok(0);
        }
        let mut n = 0;
        for (name, _) in accounts.iter().filter(|(_, active)| *active) {
            let id = slot_id(&sid, name);
            if self.slots.iter().any(|s| s.id == id) || self.revoked.contains(&id) {
                continue;
            }
            if let Some(slot) = staged.slots.iter().find(|s| s.id == id) {
                self.slots.push(slot.clone());
                n += 1;
            }
        }
        Ok(n)
    }

    /// Removes the slots of accounts that are not active: a disabled account whose slot
    /// survived an interrupted `user disable` (recorded as revoked), and a slot that belongs to
    /// no account at all. `accounts` is every (name, active) in the database. Returns what was
    /// removed, to report.
    pub(crate) fn settle(&mut self, accounts: &[(String, bool)]) -> Result<Settled> {
        let sid = self.sid()?;
        let mut out = Settled::default();
        for (name, active) in accounts {
            let id = slot_id(&sid, name);
            if !active && self.slots.iter().any(|s| s.id == id) {
                self.slots.retain(|s| s.id != id);
                if !self.revoked.contains(&id) {
                    self.revoked.push(id);
                }
                out.revoked.push(name.clone());
            }
        }
        let known: Vec<String> = accounts.iter().map(|(n, _)| slot_id(&sid, n)).collect();
        let before = self.slots.len();
        self.slots.retain(|s| known.contains(&s.id));
        out.orphans = before - self.slots.len();
        Ok(out)
    }

    /// The store id this file belongs to.
    pub fn store_id(&self) -> Option<Vec<u8>> {
        unhex(&self.store_id)
    }

    fn sid(&self) -> Result<Vec<u8>> {
        self.store_id()
            .ok_or_else(|| damaged(&crate::t!("keyslot-bad-store-id")))
    }

    /// Finds a user's slot.
    pub fn lookup(&self, name: &str) -> Result<Lookup<'_>> {
        let id = slot_id(&self.sid()?, name);
        if let Some(s) = self.slots.iter().find(|s| s.id == id) {
            return Ok(Lookup::Slot(s));
        }
        if self.revoked.contains(&id) {
            return Ok(Lookup::Revoked);
        }
        Ok(Lookup::Unknown)
    }

    /// Opens a slot with a passphrase. A wrong passphrase and a damaged slot give the same
    /// error: there is no oracle to tell them apart.
    pub fn open(&self, slot: &Keyslot, name: &str, pass: &Passphrase) -> Result<OpenedSlot> {
        let wrong = || Error::Auth(crate::t!("keyslot-wrong-passphrase", name = name));
        let salt = unhex(&slot.salt)
            .filter(|s| s.len() == SALT_LEN)
            .ok_or_else(|| damaged(&crate::t!("keyslot-bad-salt")))?;
        let wrapped =
            unhex(&slot.wrapped).ok_or_else(|| damaged(&crate::t!("keyslot-bad-slot")))?;
        let kek = kdf::derive(pass, &salt, &slot.kdf)?;
        let sid = self.sid()?;
        let plain = aead::open(
            &kek.derive(labels::KDF_KEYSLOT)?,
            &aad(&sid, &slot.id, &salt, &slot.kdf),
            &wrapped,
        )
        .map_err(|_| wrong())?;
        let store_key = SecretKey::from_slice(&plain).ok_or_else(wrong)?;
        Ok(OpenedSlot {
            store_key,
            secrets_key: kek.derive(labels::KDF_USER_SECRETS)?,
            salt,
        })
    }

    /// Makes a slot for `name` wrapping `store_key` under `pass` (not yet inserted).
    pub(crate) fn make_slot(
        &self,
        name: &str,
        pass: &Passphrase,
        params: &KdfParams,
        store_key: &SecretKey,
    ) -> Result<NewSlot> {
        let sid = self.sid()?;
        let id = slot_id(&sid, name);
        let salt: [u8; SALT_LEN] = crate::crypto::rand::array()?;
        let kek = kdf::derive(pass, &salt, params)?;
        let wrapped = aead::seal(
            &kek.derive(labels::KDF_KEYSLOT)?,
            &aad(&sid, &id, &salt, params),
            store_key.expose(),
        )?;
        Ok(NewSlot {
            slot: Keyslot {
                id,
                kdf: *params,
                salt: hex(&salt),
                wrapped: hex(&wrapped),
            },
            secrets_key: kek.derive(labels::KDF_USER_SECRETS)?,
            salt: salt.to_vec(),
        })
    }

    /// Inserts or replaces the slot with the same id, and clears any revocation of it.
    pub(crate) fn put(&mut self, slot: Keyslot) {
        self.revoked.retain(|r| *r != slot.id);
        self.slots.retain(|s| s.id != slot.id);
        self.slots.push(slot);
    }

    /// Destroys `name`'s slot and records the id as revoked.
    pub(crate) fn revoke(&mut self, name: &str) -> Result<()> {
        let id = slot_id(&self.sid()?, name);
        self.slots.retain(|s| s.id != id);
        if !self.revoked.contains(&id) {
            self.revoked.push(id);
        }
        Ok(())
    }

    /// Whether `name` has a live slot.
    pub fn has_slot(&self, name: &str) -> Result<bool> {
        Ok(matches!(self.lookup(name)?, Lookup::Slot(_)))
    }

    /// Number of live slots.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }
}
