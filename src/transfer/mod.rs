//! Transfer packages and unit cards (DESIGN.md §6): the file formats, and making and opening
//! them. Stores at different units exchange packages on approved media; police open the ones
//! sent to them with stock tools only (`age -d`, `tar -x`, `bagit.py --validate`,
//! `minisign -V`). docs/package-format.md describes the format and what each check defends
//! against.
//!
//! This layer is pure: functions and types over readers, writers and keys. It never touches
//! the database, never decides whom to trust (the caller passes the keys it trusts), and never
//! writes plaintext to disk.
//!
//! The public interface:
//! - [`seal::PackageFile`] (or [`seal::PackageWriter`] over any writer) makes a package and
//!   its `.minisig`;
//! - [`open::SignedPackage::new`] → [`open::SignedPackage::decrypt`] →
//!   [`open::DecryptedPackage::verify_contents`] → [`open::VerifiedPackage`], whose
//!   `for_each_document` streams the documents a second time to an importer;
//! - [`card::UnitCard`] is a unit's public identity, with a fingerprint to read aloud;
//! - [`agekey`] converts X25519 keys to and from age's `age1…` / `AGE-SECRET-KEY-1…` forms,
//!   [`minisig`] reads and writes minisign's files, [`bagit`] the bag's tag files.

pub mod agekey;
pub mod bagit;
pub mod card;
pub mod checkpoint;
mod contents;
mod destroy;
pub mod export;
pub mod fingerprint;
pub(crate) use contents::check_plain_archive;
pub(crate) use walk::{check_header, MAX_AGE_HEADER};
pub mod header;
pub mod import;
mod io;
mod lines;
pub mod minisig;
pub mod open;
pub mod payload;
pub mod queue;
mod receipt;
pub mod registers;
pub mod rollover;
pub mod seal;
pub mod signatures;
pub mod trust;
mod walk;

pub use header::{PackageHeader, PackageId, TrustedComment};
pub use open::{DecryptedPackage, Expected, PayloadFile, SignedPackage, VerifiedPackage};
pub use seal::{PackageFile, PackageWriter, Sealed, Unnamed};

/// Bounds on what a package may hold, checked while it is read (and while it is written, with
/// the defaults), so a hostile or broken package cannot exhaust memory, disk or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Payload files (package.json and documents), at most.
    pub max_entries: usize,
    /// Bytes of `data/package.json`, which is held in memory.
    pub max_package_json: u64,
    /// Bytes of one document.
    pub max_file: u64,
    /// Bytes of all payload files together.
    pub max_total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 100_000,
            max_package_json: 64 << 20,
            max_file: 4 << 30,
            max_total: 16 << 30,
        }
    }
}

/// The longest `.minisig` file read beside a package.
pub use minisig::MAX_SIGNATURE_FILE;

/// Reads the signature file beside a package (`F.minisig`), refusing one larger than any
/// minisign signature can be.
pub fn read_signature(package: &std::path::Path) -> crate::Result<Vec<u8>> {
    // Named as what it is before its signature is looked for: a path mistyped is not found
    // (exit 6), a directory is not a package (exit 2).
    let shown = package.display().to_string();
    match std::fs::metadata(package) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(crate::Error::NotFound(crate::t!(
                "package-file-missing",
                path = shown
            )))
        }
        Ok(m) if m.is_dir() => {
            return Err(crate::Error::Usage(crate::t!(
                "package-file-is-directory",
                path = shown
            )))
        }
        _ => {}
    }
    let path = seal::signature_path(package);
    let f = std::fs::File::open(&path).map_err(crate::Error::io(crate::t!(
        "package-cannot-read-signature",
        path = path.display().to_string()
    )))?;
    io::read_bounded(f, MAX_SIGNATURE_FILE as u64).map_err(|_| {
        crate::Error::Integrity(crate::t!(
            "package-signature-too-large",
            path = path.display().to_string()
        ))
    })
}
