//! Opening a package, as a typestate (STYLE 3): nothing from a package is believed before it is
//! verified, and only a [`VerifiedPackage`] can hand out its contents.
//!
//! 1. [`SignedPackage::verify`]: the outer minisign signature, over the exact file bytes,
//!    against the sending unit's key the caller trusts; its trusted comment must name the
//!    expected sender and receiver.
//! 2. [`SignedPackage::decrypt`]: the age header must open with our unit's X25519 key.
//! 3. [`DecryptedPackage::verify_contents`] (pass 1): decrypt and walk the archive, bounded,
//!    hashing each payload file and discarding its bytes; then check the bag (bagit.txt,
//!    bag-info, both manifests against what was seen), that the tag manifest is the one the
//!    outer signature names, and the inner signatures of unit and officer.
//! 4. [`VerifiedPackage::for_each_document`] (pass 2): decrypt again and stream each document
//!    to the importer, re-checking its SHA-256 against the verified manifest and the file
//!    against the signed digest, so a file swapped on the media between the passes fails the
//!    import, which then rolls back.
//!
//! Why two passes: plaintext documents must never be written to disk, and a package may be
//! far larger than memory. Pass 1 proves the whole package good before an importer sees a
//! byte; pass 2 gives the bytes to the importer's transaction without a temporary copy.

use super::bagit::{self, BagFile, BagInfo, Manifest, PayloadName, TagManifest};
use super::header::{PackageHeader, TrustedComment};
use super::io::{read_bounded, VerifyingReader};
use super::minisig::{self, Signature};
use super::signatures::{InnerSignatures, Officer};
use super::walk::{self, damaged, Source};
use super::Limits;
use crate::crypto::agree::AgreementKey;
use crate::crypto::hash::Sha256;
use crate::crypto::{ct_eq, sha256, sign};
use crate::{Error, Result};
use std::io::{Read, Seek, SeekFrom};
use zeroize::Zeroizing;

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

/// A package whose outer signature checked out.
#[derive(Debug)]
pub struct SignedPackage<R> {
    reader: R,
    comment: TrustedComment,
    digest: [u8; 64],
    len: u64,
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

/// A payload file as verified in pass 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadFile {
    /// Its name.
    pub name: PayloadName,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256.
    pub sha256: [u8; 32],
}

/// A package whose every check passed: the only thing an import may consume.
pub struct VerifiedPackage<R> {
    decrypted: DecryptedPackage<R>,
    info: BagInfo,
    files: Vec<PayloadFile>,
    package_json: Zeroizing<Vec<u8>>,
    officer: Officer,
    limits: Limits,
}

impl<R: std::fmt::Debug> std::fmt::Debug for VerifiedPackage<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedPackage")
            .field("header", &self.decrypted.signed.comment.header)
            .field("files", &self.files.len())
            .field("officer", &self.officer)
            .finish_non_exhaustive()
    }
}

fn io_read(e: std::io::Error) -> Error {
    Error::io("cannot read the package")(e)
}

impl<R: Read + Seek> SignedPackage<R> {
    /// Checks the outer signature (`signature`: the `.minisig` file's bytes) over everything
    /// `reader` holds, against `expected.sender_key`, and that its trusted comment names the
    /// expected sender and receiver.
    pub fn verify(mut reader: R, signature: &[u8], expected: &Expected<'_>) -> Result<Self> {
        let sig = Signature::parse(signature)?;
        reader.seek(SeekFrom::Start(0)).map_err(io_read)?;
        let (digest, len) = minisig::hash_reader(&mut reader).map_err(io_read)?;
        sig.verify_prehashed(&minisig::PublicKey::for_unit(expected.sender_key), &digest)?;
        let comment = TrustedComment::parse(sig.trusted_comment())?;
        let h = &comment.header;
        if h.sender() != expected.sender {
            return Err(Error::Integrity(format!(
                "the package names {:?} as its sender, but it is signed with the key of {:?}; \
                 do not import it, and report it",
                h.sender(),
                expected.sender
            )));
        }
        if h.receiver() != expected.receiver {
            return Err(Error::Integrity(format!(
                "the package is addressed to {:?}, not to this unit ({:?}); send it on to its \
                 receiver or back to the sender",
                h.receiver(),
                expected.receiver
            )));
        }
        Ok(SignedPackage {
            reader,
            comment,
            digest,
            len,
            sender_key: *expected.sender_key,
        })
    }

    /// What the signed trusted comment says: id, sender, receiver, tag manifest digest.
    pub fn comment(&self) -> &TrustedComment {
        &self.comment
    }

    /// Checks that the package is encrypted to `identity` (our unit's X25519 key).
    pub fn decrypt(mut self, identity: &AgreementKey) -> Result<DecryptedPackage<R>> {
        let identity = super::agekey::age_identity(identity)?;
        walk::check_header(&mut self.reader, &identity)?;
        Ok(DecryptedPackage {
            signed: self,
            identity,
        })
    }
}

/// Pass 1's record of the archive, in the one order we write it.
#[derive(Default)]
struct Seen {
    next: usize,
    files: Vec<PayloadFile>,
    package_json: Zeroizing<Vec<u8>>,
    octets: u64,
    tags: [Vec<u8>; 4],
}

/// The tag files after the payload, in archive order.
const TAIL: [BagFile; 4] = [
    BagFile::BagInfo,
    BagFile::Manifest,
    BagFile::TagManifest,
    BagFile::Signatures,
];

/// The archive's `i`-th file (0-based) must be this one, given the payload count so far.
fn expected_at(i: usize, payload: usize, in_tail: bool) -> Option<BagFile> {
    match (i, in_tail) {
        (0, _) => Some(BagFile::BagitTxt),
        (_, false) => PayloadName::at(i - 1).map(BagFile::Payload),
        (_, true) => (i - 1)
            .checked_sub(payload)
            .and_then(|k| TAIL.get(k))
            .copied(),
    }
}

impl Seen {
    fn visit(&mut self, file: BagFile, size: u64, r: &mut dyn Read, l: &Limits) -> Result<()> {
        let i = self.next;
        self.next += 1;
        let in_tail = !matches!(file, BagFile::Payload(_) | BagFile::BagitTxt);
        if expected_at(i, self.files.len(), in_tail) != Some(file) {
            return Err(damaged("archive files missing, extra or out of order"));
        }
        match file {
            BagFile::Payload(name) => self.payload(name, size, r, l),
            BagFile::BagitTxt => {
                bagit::parse_bagit_txt(&read_sized(r, size, bagit::BAGIT_TXT.len() as u64)?)
            }
            tag => {
                let slot = TAIL.iter().position(|t| *t == tag).unwrap_or(0);
                let max = match tag {
                    BagFile::Manifest => 128 * l.max_entries as u64 + 128,
                    _ => (super::lines::MAX_LINE * super::lines::MAX_LINES) as u64,
                };
                self.tags[slot] = read_sized(r, size, max)?;
                Ok(())
            }
        }
    }

    fn payload(
        &mut self,
        name: PayloadName,
        size: u64,
        r: &mut dyn Read,
        l: &Limits,
    ) -> Result<()> {
        if self.files.len() >= l.max_entries {
            return Err(Error::Integrity(format!(
                "the package holds more files than the limit of {}; it is refused",
                l.max_entries
            )));
        }
        self.octets = self.octets.saturating_add(size);
        if self.octets > l.max_total {
            return Err(Error::Integrity(format!(
                "the package is larger than the limit of {} bytes; it is refused",
                l.max_total
            )));
        }
        let sha256 = if name == PayloadName::PackageJson {
            self.package_json = Zeroizing::new(read_sized(r, size, l.max_package_json)?);
            sha256(&self.package_json)
        } else {
            let mut h = Sha256::new();
            let mut buf = Zeroizing::new(vec![0u8; 1 << 16]);
            let mut read = 0u64;
            loop {
                let n = r.read(&mut buf).map_err(walk::stream_error)?;
                if n == 0 {
                    break;
                }
                h.update(&buf[..n]);
                read += n as u64;
            }
            if read != size {
                return Err(damaged("an archive file is cut short"));
            }
            h.finish()
        };
        self.files.push(PayloadFile { name, size, sha256 });
        Ok(())
    }
}

impl<R: Read + Seek> DecryptedPackage<R> {
    /// Pass 1: verifies everything inside, within `limits`.
    pub fn verify_contents(mut self, limits: &Limits) -> Result<VerifiedPackage<R>> {
        let mut seen = Seen::default();
        let s = &mut self.signed;
        let src = Source {
            reader: &mut s.reader,
            identity: &self.identity,
            id: s.comment.header.id(),
            digest: &s.digest,
            len: s.len,
        };
        walk::walk(src, limits, &mut |f, size, r| {
            seen.visit(f, size, r, limits)
        })?;
        if seen.next != seen.files.len() + 1 + TAIL.len() {
            return Err(damaged("tag files missing"));
        }
        let [info, manifest, tags, sigs] = &seen.tags;
        let comment = &self.signed.comment;
        let tag_digest = sha256(tags);
        if !ct_eq(&tag_digest, &comment.tagmanifest_sha256) {
            return Err(damaged(
                "the tag manifest is not the one the signature names",
            ));
        }
        let t = TagManifest::parse(tags)?;
        let bagit_ok = ct_eq(&t.bagit, &sha256(bagit::BAGIT_TXT.as_bytes()));
        if !bagit_ok || !ct_eq(&t.bag_info, &sha256(info)) || !ct_eq(&t.manifest, &sha256(manifest))
        {
            return Err(damaged("the tag files do not match the tag manifest"));
        }
        let m = Manifest::parse(manifest, limits.max_entries)?;
        check_manifest(&m, &seen.files)?;
        let info = BagInfo::parse(info)?;
        let h = &comment.header;
        let info_ok =
            info.id == *h.id() && info.sender == h.sender() && info.receiver == h.receiver();
        if !info_ok
            || info.payload_octets != seen.octets
            || info.payload_files != seen.files.len() as u64
        {
            return Err(damaged("bag-info.txt does not match the package"));
        }
        let officer = InnerSignatures::parse(sigs)?
            .verify(h, &tag_digest, &self.signed.sender_key)?
            .clone();
        Ok(VerifiedPackage {
            decrypted: self,
            info,
            files: seen.files,
            package_json: seen.package_json,
            officer,
            limits: *limits,
        })
    }
}

/// Every payload file seen must be in the manifest with the same digest, and nothing else.
fn check_manifest(m: &Manifest, seen: &[PayloadFile]) -> Result<()> {
    let listed = m.entries();
    let same = listed.len() == seen.len()
        && listed
            .iter()
            .zip(seen)
            .all(|((n, d), f)| *n == f.name && ct_eq(d, &f.sha256));
    if !same {
        return Err(damaged("payload files missing, unlisted or changed"));
    }
    Ok(())
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
        &self.package_json
    }

    /// `bag-info.txt`, verified.
    pub fn bag_info(&self) -> &BagInfo {
        &self.info
    }

    /// The documents, in order (`data/package.json` not included).
    pub fn documents(&self) -> &[PayloadFile] {
        self.files.get(1..).unwrap_or_default()
    }

    /// The officer who exported the package, as the sending unit vouched for them.
    pub fn officer(&self) -> &Officer {
        &self.officer
    }

    /// Pass 2: decrypts again and gives each document, in order, to `consume`, as a reader
    /// that re-checks its SHA-256 and size at the end. Any mismatch, here or in the file as a
    /// whole, is an error, and the caller must then roll back what `consume` did.
    pub fn for_each_document(
        &mut self,
        mut consume: impl FnMut(&PayloadFile, &mut dyn Read) -> Result<()>,
    ) -> Result<()> {
        let d = &mut self.decrypted;
        let (files, package_json) = (&self.files, &self.package_json);
        let mut i = 0usize;
        let src = Source {
            reader: &mut d.signed.reader,
            identity: &d.identity,
            id: d.signed.comment.header.id(),
            digest: &d.signed.digest,
            len: d.signed.len,
        };
        walk::walk(src, &self.limits, &mut |file, size, r| {
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

/// Reads a whole entry of `size` bytes (at most `max`), refusing one cut short.
fn read_sized(r: &mut dyn Read, size: u64, max: u64) -> Result<Vec<u8>> {
    if size > max {
        return Err(damaged("a file is larger than allowed"));
    }
    let data = read_bounded(r, size).map_err(walk::stream_error)?;
    if data.len() as u64 != size {
        return Err(damaged("an archive file is cut short"));
    }
    Ok(data)
}

fn changed_between_passes() -> Error {
    Error::Integrity(
        "the package changed after it was verified (a document no longer matches); nothing \
         was imported: make sure nothing else writes to the media, and try again"
            .into(),
    )
}
