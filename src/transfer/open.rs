//! Opening a package, as a typestate (STYLE 3): nothing from a package is believed before it is
//! verified, and only a [`VerifiedPackage`] can hand out its contents.
//!
//! 1. [`SignedPackage::new`]: the outer minisign signature's trusted comment, against the
//!    sending unit's key the caller trusts; it must name the expected sender and receiver.
//! 2. [`SignedPackage::decrypt`]: the age header must open with our unit's X25519 key.
//! 3. [`DecryptedPackage::verify_contents`] (pass 1): decrypt and walk the archive, bounded,
//!    hashing each payload file and discarding its bytes, while a second thread hashes the
//!    file's bytes for the outer signature. First the signature over the exact file bytes
//!    must hold; then the bag (bagit.txt, bag-info, both manifests against what was seen),
//!    that the tag manifest is the one the outer signature names, and the inner signatures of
//!    unit and officer.
//! 4. [`VerifiedPackage::for_each_document`] (pass 2): decrypt again and stream each document
//!    to the importer, re-checking the archive's order and each document's size and SHA-256
//!    against the verified manifest, so a file swapped on the media between the passes fails
//!    the import, which then rolls back. Everything handed on is so checked; the file as a
//!    whole is not hashed again.
//!
//! Why two passes: plaintext documents must never be written to disk, and a package may be
//! far larger than memory. Pass 1 proves the whole package good before an importer sees a
//! byte; pass 2 gives the bytes to the importer's transaction without a temporary copy.
//!
//! Why the file's signature is checked at the end of pass 1 and not in a pass of its own
//! before it: reading a gigabyte once more for BLAKE2b alone made opening a third slower. The
//! parsers of pass 1 (age's header and stream, the archive's headers, the tag files) therefore
//! see a file before its signature is known to hold. They are bounded and fuzzed, nothing they
//! read is kept or acted on before the signature holds, and the signature's own verdict is
//! reported first, whatever else the pass ran into.

use super::bagit::{BagFile, BagInfo, PayloadName};
pub use super::contents::PayloadFile;
use super::contents::{self, expected_at, read_sized, Contents, Seen, TAIL};
use super::header::{PackageHeader, TrustedComment};
use super::io::VerifyingReader;
use super::minisig::{self, Signature};
use super::signatures::Officer;
use super::walk::{self, Source};
use super::Limits;
use crate::crypto::agree::AgreementKey;
use crate::crypto::{ct_eq, sha256, sign};
use crate::{t, Error, Result};
use std::io::{Read, Seek};

/// What the receiver expects of a package before opening it.
#[derive(Clone, Copy, Debug)]
pub struct Expected<'a> {
    /// The sending unit's name, as on the card this store trusts.
    pub sender: &'a str,
    /// The sending unit's Ed25519 key, from that card.
    pub sender_key: &'a sign::PublicKey,
    /// This unit's name.
    pub receiver: &'a str,
}

/// A package file and its outer signature, whose trusted comment the sender signed and names
/// the expected parties. Whether the signature holds over the file's bytes is checked in
/// pass 1 ([`DecryptedPackage::verify_contents`]).
#[derive(Debug)]
pub struct SignedPackage<R> {
    reader: R,
    comment: TrustedComment,
    signature: Signature,
    sender_key: sign::PublicKey,
}

/// A package that is signed and whose encryption opens with our key.
pub struct DecryptedPackage<R> {
    signed: SignedPackage<R>,
    identity: age::x25519::Identity,
}

impl<R: std::fmt::Debug> std::fmt::Debug for DecryptedPackage<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecryptedPackage")
            .field("signed", &self.signed)
            .finish_non_exhaustive()
    }
}

/// A package whose every check passed: the only thing an import may consume.
pub struct VerifiedPackage<R> {
    decrypted: DecryptedPackage<R>,
    contents: Contents,
    limits: Limits,
}

impl<R: std::fmt::Debug> std::fmt::Debug for VerifiedPackage<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedPackage")
            .field("header", &self.decrypted.signed.comment.header)
            .field("files", &self.contents.files.len())
            .field("officer", &self.contents.officer)
            .finish_non_exhaustive()
    }
}

impl<R: Read + Seek> SignedPackage<R> {
    /// Takes a package file and its outer signature (`signature`: the `.minisig` file's
    /// bytes): the signature must be by `expected.sender_key`, its trusted comment signed by
    /// it and naming the expected sender and receiver. The signature over the file's bytes is
    /// checked in pass 1.
    pub fn new(reader: R, signature: &[u8], expected: &Expected<'_>) -> Result<Self> {
        let sig = Signature::parse(signature)?;
        sig.verify_comment(&minisig::PublicKey::for_unit(expected.sender_key))?;
        let comment = TrustedComment::parse(sig.trusted_comment())?;
        let h = &comment.header;
        if h.sender() != expected.sender {
            return Err(Error::Integrity(crate::t!(
                "package-refused-sender",
                named = format!("{:?}", h.sender()),
                signer = format!("{:?}", expected.sender)
            )));
        }
        if h.receiver() != expected.receiver {
            return Err(Error::Integrity(crate::t!(
                "package-refused-receiver",
                receiver = format!("{:?}", h.receiver()),
                me = format!("{:?}", expected.receiver)
            )));
        }
        Ok(SignedPackage {
            reader,
            comment,
            signature: sig,
            sender_key: *expected.sender_key,
        })
    }

    /// The signature's verdict over the file if it fails, else `e`: a file that is not the
    /// one signed is reported as such, not as the damage that first showed. Reads the whole
    /// file, but only on this failing path.
    fn signature_first(&mut self, e: Error) -> Error {
        let hashed = self
            .reader
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| minisig::hash_reader(&mut self.reader));
        let key = minisig::PublicKey::for_unit(&self.sender_key);
        match hashed {
            Ok((digest, _)) => self.signature.verify_file(&key, &digest).err().unwrap_or(e),
            Err(_) => e,
        }
    }

    /// What the signed trusted comment says: id, sender, receiver, tag manifest digest.
    pub fn comment(&self) -> &TrustedComment {
        &self.comment
    }

    /// Checks that the package is encrypted to `identity` (our unit's X25519 key).
    pub fn decrypt(mut self, identity: &AgreementKey) -> Result<DecryptedPackage<R>> {
        let identity = super::agekey::age_identity(identity)?;
        if let Err(e) = walk::check_header(&mut self.reader, &identity) {
            return Err(self.signature_first(e));
        }
        Ok(DecryptedPackage {
            signed: self,
            identity,
        })
    }
}

impl<R: Read + Seek> SignedPackage<R> {
    /// [`SignedPackage::decrypt`] with the first of `identities` the package is encrypted to
    /// (this unit's current key, then keys retired by rollovers, for a package sealed to an
    /// older card of this unit).
    pub fn decrypt_any(mut self, identities: &[&AgreementKey]) -> Result<DecryptedPackage<R>> {
        let mut last = Error::Integrity(t!("package-no-key-to-open"));
        for k in identities {
            let identity = super::agekey::age_identity(k)?;
            match walk::check_header(&mut self.reader, &identity) {
                Ok(()) => {
                    return Ok(DecryptedPackage {
                        signed: self,
                        identity,
                    })
                }
                Err(e) => last = e,
            }
        }
        Err(self.signature_first(last))
    }
}

impl<R: Read + Seek> DecryptedPackage<R> {
    /// Pass 1: checks the outer signature over the file's bytes, then everything inside,
    /// within `limits`.
    pub fn verify_contents(mut self, limits: &Limits) -> Result<VerifiedPackage<R>> {
        let mut seen = Seen::default();
        let s = &mut self.signed;
        let src = Source {
            reader: &mut s.reader,
            identity: &self.identity,
            id: s.comment.header.id(),
        };
        let walked = walk::walk(src, limits, &mut |f, size, r| {
            seen.visit(f, size, r, limits)
        })?;
        let key = minisig::PublicKey::for_unit(&s.sender_key);
        s.signature.verify_file(&key, &walked.digest)?;
        walked.result?;
        let c = contents::check(seen, &s.comment, &s.sender_key, limits)?;
        Ok(VerifiedPackage {
            decrypted: self,
            contents: c,
            limits: *limits,
        })
    }
}

impl<R: Read + Seek> VerifiedPackage<R> {
    /// Id, sender and receiver.
    pub fn header(&self) -> &PackageHeader {
        &self.decrypted.signed.comment.header
    }

    /// The SHA-256 of the tag manifest, which both signatures cover (for a receipt).
    pub fn tagmanifest_sha256(&self) -> &[u8; 32] {
        &self.decrypted.signed.comment.tagmanifest_sha256
    }

    /// `data/package.json`, verified.
    pub fn package_json(&self) -> &[u8] {
        &self.contents.package_json
    }

    /// `bag-info.txt`, verified.
    pub fn bag_info(&self) -> &BagInfo {
        &self.contents.info
    }

    /// The documents, in order (`data/package.json` not included).
    pub fn documents(&self) -> &[PayloadFile] {
        self.contents.files.get(1..).unwrap_or_default()
    }

    /// The officer who exported the package, as the sending unit vouched for them.
    pub fn officer(&self) -> &Officer {
        &self.contents.officer
    }

    /// Pass 2: decrypts again and gives each document, in order, to `consume`, as a reader
    /// that re-checks its SHA-256 and size at the end. Any mismatch with what pass 1 verified
    /// (a document, package.json, or the archive's order, names and sizes) is an error, and
    /// the caller must then roll back what `consume` did.
    pub fn for_each_document(
        &mut self,
        mut consume: impl FnMut(&PayloadFile, &mut dyn Read) -> Result<()>,
    ) -> Result<()> {
        let d = &mut self.decrypted;
        let (files, package_json) = (&self.contents.files, &self.contents.package_json);
        let mut i = 0usize;
        let src = Source {
            reader: &mut d.signed.reader,
            identity: &d.identity,
            id: d.signed.comment.header.id(),
        };
        walk::walk_again(src, &self.limits, &mut |file, size, r| {
            i += 1;
            let want = expected_at(
                i - 1,
                files.len(),
                !matches!(file, BagFile::Payload(_) | BagFile::BagitTxt),
            );
            if want != Some(file) {
                return Err(changed_between_passes());
            }
            let BagFile::Payload(name) = file else {
                return Ok(());
            };
            let f = files
                .get(i - 2)
                .filter(|f| f.name == name && f.size == size);
            let f = f.ok_or_else(changed_between_passes)?;
            if name == PayloadName::PackageJson {
                let data = read_sized(r, size, size)?;
                return ct_eq(&sha256(&data), &sha256(package_json))
                    .then_some(())
                    .ok_or_else(changed_between_passes);
            }
            let mut v = VerifyingReader::new(r, f.sha256, f.size);
            let res = consume(f, &mut v);
            let check = v.finish();
            match (res, check) {
                (_, Err(_)) => Err(changed_between_passes()),
                (r, Ok(())) => r,
            }
        })?;
        if i != files.len() + 1 + TAIL.len() {
            return Err(changed_between_passes());
        }
        Ok(())
    }
}

fn changed_between_passes() -> Error {
    Error::Integrity(t!("package-changed-between-passes"))
}
