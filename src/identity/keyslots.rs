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
use crate::crypto::{aead, hex, sha256, unhex, Passphrase, SecretKey};
use crate::store::fsutil::{write_atomic, FileLock};
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
#[derive(Debug)]
pub struct Opened {
    /// The store key.
    pub store_key: SecretKey,
    /// Seals this user's row in `user_secrets`.
    pub secrets_key: SecretKey,
    /// The slot's salt, which names that row.
    pub salt: Vec<u8>,
}

/// A freshly made slot and the keys it was made with.
#[derive(Debug)]
pub struct NewSlot {
    /// The slot to store.
    pub slot: Keyslot,
    /// Seals the user's private keys.
    pub secrets_key: SecretKey,
    /// The salt.
    pub salt: Vec<u8>,
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

fn slot_id(store_id: &[u8], name: &str) -> String {
    let mut m = b"infoflyt slot id v1\0".to_vec();
    m.extend_from_slice(store_id);
    m.extend_from_slice(name.as_bytes());
    hex(&sha256(&m))
}

fn aad(store_id: &[u8], id: &str, salt: &[u8], params: &KdfParams) -> Vec<u8> {
    let mut a = b"infoflyt keyslot v1\0".to_vec();
    a.extend_from_slice(store_id);
    a.extend_from_slice(id.as_bytes());
    a.extend_from_slice(salt);
    a.extend_from_slice(&params.encode());
    a
}

fn damaged(why: &str) -> Error {
    Error::Integrity(format!(
        "the keyslots file is damaged ({why}): restore it from a backup and report the incident"
    ))
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
            std::io::ErrorKind::NotFound => Error::NotFound(format!(
                "no INFOFLYT store at {}: check --store (or INFOFLYT_STORE)",
                paths.dir().display()
            )),
            _ => Error::io(format!("cannot read {}", path.display()))(e),
        })?;
        if meta.len() > MAX_FILE {
            return Err(damaged("too large"));
        }
        let bytes =
            std::fs::read(&path).map_err(Error::io(format!("cannot read {}", path.display())))?;
        Self::parse(&bytes)
    }

    /// Parses the file's bytes: outside input (anyone with the disk can write it), so every
    /// failure is a clean integrity error. Fuzzed by `fuzz/fuzz_targets/keyslots.rs`.
    pub fn parse(bytes: &[u8]) -> Result<Self> {
        if bytes.len() as u64 > MAX_FILE {
            return Err(damaged("too large"));
        }
        let f: KeyslotFile = serde_json::from_slice(bytes).map_err(|_| damaged("not parseable"))?;
        if f.format != FORMAT {
            return Err(damaged("unknown format"));
        }
        if f.store_id().map(|s| s.len()) != Some(16) {
            return Err(damaged("bad store id"));
        }
        Ok(f)
    }

    /// Writes the file atomically (0600).
    pub fn save(&self, paths: &StorePaths) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Other(format!("cannot encode keyslots: {e}")))?;
        write_atomic(&paths.keyslots(), &bytes)
    }

    /// Runs `f` on the file under the exclusive lock, saving it if `f` succeeds. Concurrent
    /// processes changing accounts queue here instead of overwriting each other's slots.
    pub fn update<T>(
        paths: &StorePaths,
        f: impl FnOnce(&mut KeyslotFile) -> Result<T>,
    ) -> Result<T> {
        let _lock = FileLock::acquire(&paths.lock())?;
        let mut file = Self::load(paths)?;
        let out = f(&mut file)?;
        file.save(paths)?;
        Ok(out)
    }

    /// The store id this file belongs to.
    pub fn store_id(&self) -> Option<Vec<u8>> {
        unhex(&self.store_id)
    }

    fn sid(&self) -> Result<Vec<u8>> {
        self.store_id().ok_or_else(|| damaged("bad store id"))
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
    pub fn open(&self, slot: &Keyslot, name: &str, pass: &Passphrase) -> Result<Opened> {
        let wrong = || {
            Error::Auth(format!(
                "wrong passphrase for {name}: try again, or ask your regional admin if you have \
                 forgotten it"
            ))
        };
        let salt = unhex(&slot.salt)
            .filter(|s| s.len() == SALT_LEN)
            .ok_or_else(|| damaged("bad salt"))?;
        let wrapped = unhex(&slot.wrapped).ok_or_else(|| damaged("bad slot"))?;
        let kek = kdf::derive(pass, &salt, &slot.kdf)?;
        let sid = self.sid()?;
        let plain = aead::open(
            &kek.derive(b"keyslot")?,
            &aad(&sid, &slot.id, &salt, &slot.kdf),
            &wrapped,
        )
        .map_err(|_| wrong())?;
        let store_key = SecretKey::from_slice(&plain).ok_or_else(wrong)?;
        Ok(Opened {
            store_key,
            secrets_key: kek.derive(b"user-secrets")?,
            salt,
        })
    }

    /// Makes a slot for `name` wrapping `store_key` under `pass` (not yet inserted).
    pub fn make_slot(
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
            &kek.derive(b"keyslot")?,
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
            secrets_key: kek.derive(b"user-secrets")?,
            salt: salt.to_vec(),
        })
    }

    /// Inserts or replaces the slot with the same id, and clears any revocation of it.
    pub fn put(&mut self, slot: Keyslot) {
        self.revoked.retain(|r| *r != slot.id);
        self.slots.retain(|s| s.id != slot.id);
        self.slots.push(slot);
    }

    /// Destroys `name`'s slot and records the id as revoked.
    pub fn revoke(&mut self, name: &str) -> Result<()> {
        let id = slot_id(&self.sid()?, name);
        self.slots.retain(|s| s.id != id);
        if !self.revoked.contains(&id) {
            self.revoked.push(id);
        }
        Ok(())
    }

    /// Removes `name`'s slot without marking it revoked (undoing a failed `user add`).
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let id = slot_id(&self.sid()?, name);
        self.slots.retain(|s| s.id != id);
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
