//! The BagIt bag (RFC 8493) inside a package: the names of its files, and a writer and a strict
//! parser for each of its tag files, so that `bagit.py --validate` accepts what we write and
//! we accept nothing but what we write.
//!
//! ```text
//! <id>/bagit.txt               BagIt-Version: 1.0 / Tag-File-Character-Encoding: UTF-8
//! <id>/data/package.json       the package's description (kind, items, journal, checkpoint …)
//! <id>/data/documents/000001.bin, 000002.bin, …   document contents, numbered from 1
//! <id>/bag-info.txt            date, id, sender, receiver, Payload-Oxum
//! <id>/manifest-sha256.txt     SHA-256 of every payload file, in the order above
//! <id>/tagmanifest-sha256.txt  SHA-256 of bagit.txt, bag-info.txt, manifest-sha256.txt
//! <id>/infoflyt-signatures.txt the unit's and the officer's signatures (not in the tag
//!                              manifest: it signs the tag manifest's digest)
//! ```
//!
//! Payload names are ours and few; any other name, any `..`, `//`, absolute path, upper case
//! or extra file is refused, so a name can never reach outside the bag when a person unpacks
//! it with `tar -x`, and never means two things.

use super::header::PackageId;
use super::lines::{Fields, Writer};
use crate::crypto::{hex, unhex};
use crate::{t, Error, Result};
use chrono::NaiveDate;

/// The fixed contents of `bagit.txt`.
pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; // untranslated: a package file's fixed contents
/// The highest document number (six digits).
pub const MAX_DOCUMENT: u32 = 999_999;
/// Name of the tag file that holds the inner signatures.
pub const SIGNATURES_FILE: &str = "infoflyt-signatures.txt";

/// A payload file (under `data/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayloadName {
    /// `data/package.json`.
    PackageJson,
    /// `data/documents/NNNNNN.bin`, numbered from 1.
    Document(u32),
}

impl PayloadName {
    /// The path inside the bag.
    pub fn path(&self) -> String {
        match self {
            PayloadName::PackageJson => "data/package.json".to_owned(),
            PayloadName::Document(n) => format!("data/documents/{n:06}.bin"),
        }
    }

    /// Parses a bag-relative path; only the exact spellings of [`PayloadName::path`].
    pub fn parse(path: &str) -> Option<PayloadName> {
        if path == "data/package.json" {
            return Some(PayloadName::PackageJson);
        }
        let digits = path.strip_prefix("data/documents/")?.strip_suffix(".bin")?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = digits.parse().ok()?;
        (n >= 1).then_some(PayloadName::Document(n))
    }

    /// The name expected at position `i` (0-based) of the payload.
    pub(crate) fn at(i: usize) -> Option<PayloadName> {
        match i {
            0 => Some(PayloadName::PackageJson),
            n => u32::try_from(n)
                .ok()
                .filter(|n| *n <= MAX_DOCUMENT)
                .map(PayloadName::Document),
        }
    }
}

/// Any file of the bag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BagFile {
    /// `bagit.txt`.
    BagitTxt,
    /// `bag-info.txt`.
    BagInfo,
    /// `manifest-sha256.txt`.
    Manifest,
    /// `tagmanifest-sha256.txt`.
    TagManifest,
    /// [`SIGNATURES_FILE`].
    Signatures,
    /// A payload file.
    Payload(PayloadName),
}

impl BagFile {
    /// The path inside the bag.
    pub fn path(&self) -> String {
        match self {
            BagFile::BagitTxt => "bagit.txt".into(),
            BagFile::BagInfo => "bag-info.txt".into(),
            BagFile::Manifest => "manifest-sha256.txt".into(),
            BagFile::TagManifest => "tagmanifest-sha256.txt".into(),
            BagFile::Signatures => SIGNATURES_FILE.into(),
            BagFile::Payload(p) => p.path(),
        }
    }

    /// Parses a bag-relative path; only our exact spellings.
    pub fn parse(path: &str) -> Option<BagFile> {
        Some(match path {
            "bagit.txt" => BagFile::BagitTxt,
            "bag-info.txt" => BagFile::BagInfo,
            "manifest-sha256.txt" => BagFile::Manifest,
            "tagmanifest-sha256.txt" => BagFile::TagManifest,
            SIGNATURES_FILE => BagFile::Signatures,
            p => BagFile::Payload(PayloadName::parse(p)?),
        })
    }

    /// Parses an archive entry name, `<id>/<path>`, for the bag of package `id`.
    pub fn parse_entry_name(raw: &[u8], id: &PackageId) -> Result<BagFile> {
        std::str::from_utf8(raw)
            .ok()
            .and_then(|s| s.strip_prefix(id.as_str()))
            .and_then(|s| s.strip_prefix('/'))
            .and_then(BagFile::parse)
            .ok_or_else(|| {
                Error::Integrity(t!(
                    "bag-unknown-file",
                    name = format!("{:?}", String::from_utf8_lossy(&raw[..raw.len().min(200)]))
                ))
            })
    }
}

fn bad(what: &str, why: impl std::fmt::Display) -> Error {
    Error::Integrity(t!("bag-file-malformed", what = what, why = why.to_string()))
}

/// Checks `bagit.txt`.
pub fn parse_bagit_txt(data: &[u8]) -> Result<()> {
    let mut f = Fields::parse("bagit.txt", data)?;
    if f.take("BagIt-Version")? != "1.0" || f.take("Tag-File-Character-Encoding")? != "UTF-8" {
        return Err(f.error(t!("bag-why-version")));
    }
    f.finish()
}

fn parse_sha256(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    unhex(s)?.try_into().ok()
}

/// Lines of `<sha256 hex>  <path>`, the only form we write.
fn parse_checksum_lines<'a>(
    what: &str,
    data: &'a [u8],
    max: usize,
) -> Result<Vec<([u8; 32], &'a str)>> {
    let text = std::str::from_utf8(data).map_err(|_| bad(what, t!("package-why-not-utf8")))?;
    let body = text
        .strip_suffix('\n')
        .ok_or_else(|| bad(what, t!("bag-why-no-final-newline")))?;
    let mut out = Vec::new();
    for line in body.split('\n') {
        if out.len() == max {
            return Err(bad(what, t!("package-why-too-many-lines")));
        }
        let (sum, path) = line
            .split_at_checked(64)
            .and_then(|(s, rest)| Some((parse_sha256(s)?, rest.strip_prefix("  ")?)))
            .ok_or_else(|| bad(what, t!("bag-why-not-checksum-line")))?;
        out.push((sum, path));
    }
    Ok(out)
}

/// `manifest-sha256.txt`: the SHA-256 of each payload file, in payload order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest(Vec<(PayloadName, [u8; 32])>);

impl Manifest {
    /// A manifest of entries in payload order (package.json, then documents 1, 2, …).
    pub fn new(entries: Vec<(PayloadName, [u8; 32])>) -> Result<Manifest> {
        for (i, (name, _)) in entries.iter().enumerate() {
            if PayloadName::at(i) != Some(*name) {
                return Err(Error::Other(t!(
                    "bag-payload-out-of-order",
                    path = name.path()
                )));
            }
        }
        if entries.is_empty() {
            return Err(Error::Other(t!("bag-needs-package-json")));
        }
        Ok(Manifest(entries))
    }

    /// The entries, in payload order.
    pub fn entries(&self) -> &[(PayloadName, [u8; 32])] {
        &self.0
    }

    /// The file.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(n, s)| format!("{}  {}\n", hex(s), n.path()))
            .collect()
    }

    /// Parses the file, with at most `max_entries` lines; entries must be in payload order.
    pub fn parse(data: &[u8], max_entries: usize) -> Result<Manifest> {
        let what = "manifest-sha256.txt";
        let mut entries = Vec::new();
        for (i, (sum, path)) in parse_checksum_lines(what, data, max_entries)?
            .into_iter()
            .enumerate()
        {
            let name = PayloadName::parse(path)
                .filter(|n| PayloadName::at(i) == Some(*n))
                .ok_or_else(|| {
                    bad(
                        what,
                        t!("bag-why-unexpected-entry", path = format!("{path:?}")),
                    )
                })?;
            entries.push((name, sum));
        }
        Manifest::new(entries).map_err(|_| bad(what, t!("bag-why-entries-out-of-order")))
    }
}

/// `tagmanifest-sha256.txt`: the SHA-256 of the other tag files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagManifest {
    /// Of `bagit.txt`.
    pub bagit: [u8; 32],
    /// Of `bag-info.txt`.
    pub bag_info: [u8; 32],
    /// Of `manifest-sha256.txt`.
    pub manifest: [u8; 32],
}

const TAG_ORDER: [BagFile; 3] = [BagFile::BagitTxt, BagFile::BagInfo, BagFile::Manifest];

impl TagManifest {
    /// The file.
    pub fn encode(&self) -> String {
        [self.bagit, self.bag_info, self.manifest]
            .iter()
            .zip(TAG_ORDER)
            .map(|(s, f)| format!("{}  {}\n", hex(s), f.path()))
            .collect()
    }

    /// Parses the file.
    pub fn parse(data: &[u8]) -> Result<TagManifest> {
        let what = "tagmanifest-sha256.txt";
        let lines = parse_checksum_lines(what, data, 3)?;
        if lines.len() != 3
            || lines
                .iter()
                .zip(TAG_ORDER)
                .any(|((_, p), f)| *p != f.path())
        {
            return Err(bad(what, t!("bag-why-entries-missing")));
        }
        Ok(TagManifest {
            bagit: lines[0].0,
            bag_info: lines[1].0,
            manifest: lines[2].0,
        })
    }
}

/// `bag-info.txt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BagInfo {
    /// When the bag was made (`Bagging-Date`).
    pub bagging_date: NaiveDate,
    /// The package id (`External-Identifier`).
    pub id: PackageId,
    /// The sending unit (`Source-Organization`).
    pub sender: String,
    /// The receiving unit (`Infoflyt-Receiver`).
    pub receiver: String,
    /// Total bytes of the payload files (`Payload-Oxum`, first part).
    pub payload_octets: u64,
    /// Number of payload files (`Payload-Oxum`, second part).
    pub payload_files: u64,
}

impl BagInfo {
    /// The file.
    pub fn encode(&self) -> Result<String> {
        let mut w = Writer::new();
        w.field(
            "Bagging-Date",
            &self.bagging_date.format("%Y-%m-%d").to_string(),
        )?
        .field("External-Identifier", self.id.as_str())?
        .field("Source-Organization", &self.sender)?
        .field("Infoflyt-Receiver", &self.receiver)?
        .field(
            "Payload-Oxum",
            &format!("{}.{}", self.payload_octets, self.payload_files),
        )?;
        Ok(w.into_string())
    }

    /// Parses the file.
    pub fn parse(data: &[u8]) -> Result<BagInfo> {
        let mut f = Fields::parse("bag-info.txt", data)?;
        let date = f.take("Bagging-Date")?;
        let id = f.take("External-Identifier")?;
        let sender = f.take("Source-Organization")?;
        let receiver = f.take("Infoflyt-Receiver")?;
        let oxum = f.take("Payload-Oxum")?;
        f.finish()?;
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u64>().ok())
                .flatten()
                .filter(|n| n.to_string() == s)
        };
        let (octets, files) = oxum
            .split_once('.')
            .and_then(|(a, b)| Some((number(a)?, number(b)?)))
            .ok_or_else(|| bad("bag-info.txt", t!("bag-why-bad-oxum")))?;
        let info = BagInfo {
            bagging_date: NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| bad("bag-info.txt", t!("bag-why-bad-date")))?,
            id: PackageId::parse(id).map_err(|_| bad("bag-info.txt", t!("package-why-bad-id")))?,
            sender: sender.to_owned(),
            receiver: receiver.to_owned(),
            payload_octets: octets,
            payload_files: files,
        };
        super::header::check_unit_name(sender)
            .and(super::header::check_unit_name(receiver))
            .map_err(|_| bad("bag-info.txt", t!("package-why-bad-unit-name")))?;
        if info.encode()?.as_bytes() != data {
            return Err(bad("bag-info.txt", t!("package-why-not-canonical")));
        }
        Ok(info)
    }
}

#[cfg(test)]
mod tests;
