//! Pass 1 over a package's archive: what was seen, in order, and the checks of the bag once
//! the whole archive has been read (DESIGN.md §6). Kept apart from the decryption so that the
//! fuzz target can drive it over plain archives.
//!
//! Payload bytes are hashed and dropped; only `data/package.json` and the small tag files are
//! kept. This module must never accept a bag that differs in any way from what the writer
//! makes: one order of files, manifests that list exactly what is there, a tag manifest that
//! is the one the outer signature names, and inner signatures by the expected unit.

use super::bagit::{self, BagFile, BagInfo, Manifest, PayloadName, TagManifest};
use super::header::TrustedComment;
use super::io::{read_bounded, OnThread};
use super::signatures::{InnerSignatures, Officer};
use super::walk::{self, damaged};
use super::Limits;
use crate::crypto::hash::Sha256;
use crate::crypto::{ct_eq, sha256, sign};
use crate::{t, Error, Result};
use std::io::Read;
use zeroize::Zeroizing;

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

/// What pass 1 proved.
#[derive(Debug)]
pub(crate) struct Contents {
    pub(crate) info: BagInfo,
    pub(crate) files: Vec<PayloadFile>,
    pub(crate) package_json: Zeroizing<Vec<u8>>,
    pub(crate) officer: Officer,
}

/// Pass 1's record of the archive, in the one order we write it.
#[derive(Default)]
pub(crate) struct Seen {
    next: usize,
    files: Vec<PayloadFile>,
    package_json: Zeroizing<Vec<u8>>,
    octets: u64,
    tags: [Vec<u8>; 4],
    /// One read buffer for every document of the pass, wiped once when the pass ends: a
    /// fresh, wiped 64 KiB buffer per document cost a tenth of a 10 000-document import.
    buf: Zeroizing<Vec<u8>>,
}

/// The tag files after the payload, in archive order.
pub(crate) const TAIL: [BagFile; 4] = [
    BagFile::BagInfo,
    BagFile::Manifest,
    BagFile::TagManifest,
    BagFile::Signatures,
];

/// The archive's `i`-th file (0-based) must be this one, given the payload count so far.
pub(crate) fn expected_at(i: usize, payload: usize, in_tail: bool) -> Option<BagFile> {
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
    pub(crate) fn visit(
        &mut self,
        file: BagFile,
        size: u64,
        r: &mut dyn Read,
        l: &Limits,
    ) -> Result<()> {
        let i = self.next;
        self.next += 1;
        let in_tail = !matches!(file, BagFile::Payload(_) | BagFile::BagitTxt);
        if expected_at(i, self.files.len(), in_tail) != Some(file) {
            return Err(damaged(&t!("package-why-archive-order")));
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
            return Err(Error::Integrity(t!(
                "package-too-many-files",
                limit = l.max_entries.to_string()
            )));
        }
        self.octets = self.octets.saturating_add(size);
        if self.octets > l.max_total {
            return Err(Error::Integrity(t!(
                "package-too-large",
                limit = l.max_total.to_string()
            )));
        }
        let sha256 = if name == PayloadName::PackageJson {
            self.package_json = Zeroizing::new(read_sized(r, size, l.max_package_json)?);
            sha256(&self.package_json)
        } else {
            let mut h = OnThread::<Sha256>::for_len(size);
            if self.buf.is_empty() {
                self.buf.resize(1 << 16, 0);
            }
            let mut read = 0u64;
            loop {
                let n = r.read(&mut self.buf).map_err(walk::stream_error)?;
                if n == 0 {
                    break;
                }
                h.update(&self.buf[..n]);
                read += n as u64;
            }
            if read != size {
                return Err(damaged(&t!("package-why-cut-short")));
            }
            h.finish()
        };
        self.files.push(PayloadFile { name, size, sha256 });
        Ok(())
    }
}

/// The checks once the archive is read: tag manifest against the signed digest, tag files
/// against the tag manifest, manifest against the payload seen, bag-info against the header,
/// and the inner signatures against `sender_key`.
pub(crate) fn check(
    seen: Seen,
    comment: &TrustedComment,
    sender_key: &sign::PublicKey,
    limits: &Limits,
) -> Result<Contents> {
    if seen.next != seen.files.len() + 1 + TAIL.len() {
        return Err(damaged(&t!("package-why-tag-files-missing")));
    }
    let [info, manifest, tags, sigs] = &seen.tags;
    let tag_digest = sha256(tags);
    if !ct_eq(&tag_digest, &comment.tagmanifest_sha256) {
        return Err(damaged(&t!("package-why-tag-manifest-unsigned")));
    }
    let t = TagManifest::parse(tags)?;
    let bagit_ok = ct_eq(&t.bagit, &sha256(bagit::BAGIT_TXT.as_bytes()));
    if !bagit_ok || !ct_eq(&t.bag_info, &sha256(info)) || !ct_eq(&t.manifest, &sha256(manifest)) {
        return Err(damaged(&t!("package-why-tag-files-mismatch")));
    }
    let m = Manifest::parse(manifest, limits.max_entries)?;
    check_manifest(&m, &seen.files)?;
    let info = BagInfo::parse(info)?;
    let h = &comment.header;
    let info_ok = info.id == *h.id() && info.sender == h.sender() && info.receiver == h.receiver();
    if !info_ok
        || info.payload_octets != seen.octets
        || info.payload_files != seen.files.len() as u64
    {
        return Err(damaged(&t!("package-why-bag-info-mismatch")));
    }
    let officer = InnerSignatures::parse(sigs)?
        .verify(h, &tag_digest, sender_key)?
        .clone();
    Ok(Contents {
        info,
        files: seen.files,
        package_json: seen.package_json,
        officer,
    })
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
        return Err(damaged(&t!("package-why-payload-mismatch")));
    }
    Ok(())
}

/// Reads a whole entry of `size` bytes (at most `max`), refusing one cut short.
pub(crate) fn read_sized(r: &mut dyn Read, size: u64, max: u64) -> Result<Vec<u8>> {
    if size > max {
        return Err(damaged(&t!("package-why-file-too-large")));
    }
    let data = read_bounded(r, size).map_err(walk::stream_error)?;
    if data.len() as u64 != size {
        return Err(damaged(&t!("package-why-cut-short")));
    }
    Ok(data)
}

/// Pass 1 over a plain (already decrypted) archive, for the fuzz target and its smoke test:
/// the bag directory is taken from the first entry's name, and the tag manifest digest that
/// the outer signature would name is taken from the archive itself, so the fuzzer can reach
/// every check up to the inner signatures (by `sender_key`), which it cannot forge.
pub(crate) fn check_plain_archive(
    data: &[u8],
    sender: &str,
    receiver: &str,
    sender_key: &sign::PublicKey,
    limits: &Limits,
) -> Result<Contents> {
    use super::header::{PackageHeader, PackageId};
    let name = data.get(..100).unwrap_or(data);
    let id = name
        .iter()
        .position(|b| *b == b'/')
        .and_then(|n| std::str::from_utf8(&name[..n]).ok())
        .ok_or_else(|| damaged(&t!("package-why-no-bag-dir")))?;
    let header = PackageHeader::new(PackageId::parse(id)?, sender, receiver)?;
    let mut seen = Seen::default();
    walk::walk_archive(data, header.id(), limits, &mut |f, size, r| {
        seen.visit(f, size, r, limits)
    })?;
    let comment = TrustedComment {
        tagmanifest_sha256: sha256(&seen.tags[2]),
        header,
    };
    check(seen, &comment, sender_key, limits)
}
