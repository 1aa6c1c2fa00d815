//! The store on disk: a 0700 directory holding the SQLCipher database and the keyslots file.
//!
//! This module opens the database with a raw 256-bit key and the pragmas of DESIGN.md §3,
//! applies migrations, and runs write transactions. It never sees a passphrase and never
//! decides who may do what: that is `identity` and `authz`.

pub mod db;
pub mod fsutil;
pub mod migrate;
#[cfg(feature = "test-support")]
pub mod statements;

use std::path::{Path, PathBuf};

/// File name of the database inside the store directory.
pub const DB_FILE: &str = "infoflyt.db";
/// File name of the keyslots file.
pub const KEYSLOTS_FILE: &str = "keyslots.json";
/// Lock taken around read-modify-write of the keyslots file.
pub const LOCK_FILE: &str = "keyslots.lock";
/// Marker written by `quickstart` so a demo store (and only a demo store) may be replaced.
pub const DEMO_MARKER: &str = "DEMO-STORE";

/// The paths of one store.
#[derive(Clone, Debug)]
pub struct StorePaths {
    /// The store directory.
    pub dir: PathBuf,
}

impl StorePaths {
    /// Paths of the store in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        StorePaths { dir: dir.into() }
    }
    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }
    /// The keyslots file.
    pub fn keyslots(&self) -> PathBuf {
        self.dir.join(KEYSLOTS_FILE)
    }
    /// The keyslots file's temporary name while a change writes it (store::fsutil::Staged).
    pub fn keyslots_staged(&self) -> PathBuf {
        self.dir.join(format!(".{KEYSLOTS_FILE}.tmp"))
    }
    /// The lock file.
    pub fn lock(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }
    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Checks that a store exists here, with a clear message when it does not. A store with
    /// one of its two files gone is damaged, not absent: saying "no store" would send its
    /// users to `init` instead of to their backup.
    pub fn require_exists(&self) -> crate::Result<()> {
        let dir = self.dir.display().to_string();
        match (self.keyslots().is_file(), self.db().is_file()) {
            (true, true) => Ok(()),
            (false, false) => Err(crate::Error::NotFound(crate::t!(
                "store-not-found",
                dir = dir
            ))),
            (slots, _) => Err(crate::Error::Integrity(crate::t!(
                "store-incomplete",
                dir = dir,
                missing = if slots { DB_FILE } else { KEYSLOTS_FILE }
            ))),
        }
    }
}
