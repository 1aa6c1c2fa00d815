//! Making a package: a BagIt bag, streamed into a tar archive, streamed into age encryption to
//! the receiver's X25519 recipient(s), streamed into a file that gets its name only when it is
//! complete, with the minisign signature written beside it (DESIGN.md §6).
//!
//! Nothing is held whole: each document is copied from its reader into the archive while its
//! SHA-256 (for the manifest) is computed, and the ciphertext is hashed with BLAKE2b-512 (for
//! the outer signature) as it is written. The tag files come after the payload, when all
//! digests are known. This module must never write plaintext to disk: the only file it
//! creates holds age ciphertext.

use super::agekey::AgeRecipient;
use super::bagit::{BagFile, BagInfo, Manifest, PayloadName, TagManifest, BAGIT_TXT, MAX_DOCUMENT};
use super::header::{PackageHeader, TrustedComment};
use super::io::{ExactReader, HashingWriter};
use super::minisig::Signature;
use super::signatures::InnerSignatures;
use super::Limits;
use crate::crypto::sha256;
use crate::crypto::sign::SigningKey;
use crate::store::fsutil::NewFile;
use crate::{t, Error, Result};
use chrono::NaiveDate;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

type Sink<W> = tar::Builder<age::stream::StreamWriter<HashingWriter<W>>>;

/// Writes one package into any writer. See [`PackageFile`] for the usual case, a file.
pub struct PackageWriter<W: Write> {
    header: PackageHeader,
    bagging_date: NaiveDate,
    tar: Sink<W>,
    manifest: Vec<(PayloadName, [u8; 32])>,
    octets: u64,
    limits: Limits,
}

impl<W: Write> std::fmt::Debug for PackageWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackageWriter")
            .field("header", &self.header)
            .field("files", &self.manifest.len())
            .finish_non_exhaustive()
    }
}

/// What sealing produced.
#[derive(Clone, Debug)]
pub struct Sealed {
    /// The outer signature (the `.minisig` file's contents are `signature.to_file()`).
    pub signature: Signature,
    /// What the signature's trusted comment says.
    pub comment: TrustedComment,
    /// Length of the package file.
    pub size: u64,
    /// The payload manifest.
    pub manifest: Manifest,
}

/// `what` names the part being written, in the reader's language, made only on an error.
fn io_err(what: fn() -> String) -> impl FnOnce(std::io::Error) -> Error {
    move |e| Error::io(t!("package-cannot-write-part", part = what()))(e)
}

/// The archive header of one bag file: ustar, a regular file, owner-only mode.
fn entry_header(id: &str, file: BagFile, size: u64, mtime: u64) -> Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(format!("{id}/{}", file.path()))
        .map_err(io_err(|| t!("package-part-file-name")))?;
    h.set_entry_type(tar::EntryType::Regular);
    h.set_size(size);
    h.set_mode(0o600);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(mtime);
    h.set_cksum();
    Ok(h)
}

impl<W: Write> PackageWriter<W> {
    /// Starts a package into `output`, encrypted to `recipients`, whose first payload file is
    /// `package_json`.
    pub fn new(
        output: W,
        header: PackageHeader,
        recipients: &[AgeRecipient],
        package_json: &[u8],
        bagging_date: NaiveDate,
    ) -> Result<Self> {
        let limits = Limits::default();
        if package_json.len() as u64 > limits.max_package_json {
            return Err(Error::Usage(t!(
                "package-json-too-large",
                limit = limits.max_package_json.to_string()
            )));
        }
        let ages = recipients
            .iter()
            .map(|r| r.to_age())
            .collect::<Result<Vec<_>>>()?;
        let encryptor =
            age::Encryptor::with_recipients(ages.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| Error::Usage(t!("package-cannot-encrypt", error = e.to_string())))?;
        let stream = encryptor
            .wrap_output(HashingWriter::new(output))
            .map_err(io_err(|| t!("package-part-age-header")))?;
        let mut w = PackageWriter {
            header,
            bagging_date,
            tar: tar::Builder::new(stream),
            manifest: Vec::new(),
            octets: 0,
            limits,
        };
        w.append_tag(BagFile::BagitTxt, BAGIT_TXT.as_bytes())?;
        w.append_payload(package_json.len() as u64, package_json)?;
        Ok(w)
    }

    fn mtime(&self) -> u64 {
        let t = self
            .bagging_date
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp());
        t.and_then(|t| u64::try_from(t).ok()).unwrap_or(0)
    }

    fn append_tag(&mut self, file: BagFile, data: &[u8]) -> Result<()> {
        let h = entry_header(
            self.header.id().as_str(),
            file,
            data.len() as u64,
            self.mtime(),
        )?;
        self.tar
            .append(&h, data)
            .map_err(io_err(|| t!("package-part-tag-file")))
    }

    fn append_payload(&mut self, size: u64, contents: impl Read) -> Result<PayloadName> {
        let name = PayloadName::at(self.manifest.len())
            .filter(|_| self.manifest.len() < self.limits.max_entries)
            .ok_or_else(|| {
                Error::Usage(t!(
                    "package-too-many-documents",
                    max = self
                        .limits
                        .max_entries
                        .min(MAX_DOCUMENT as usize)
                        .to_string()
                ))
            })?;
        if size > self.limits.max_file || self.octets + size > self.limits.max_total {
            return Err(Error::Usage(t!(
                "package-would-be-too-large",
                per_document = self.limits.max_file.to_string(),
                total = self.limits.max_total.to_string()
            )));
        }
        let h = entry_header(
            self.header.id().as_str(),
            BagFile::Payload(name),
            size,
            self.mtime(),
        )?;
        let mut src = ExactReader::new(contents, size);
        self.tar
            .append(&h, &mut src)
            .map_err(io_err(|| t!("package-part-document")))?;
        self.manifest.push((name, src.digest()));
        self.octets += size;
        Ok(name)
    }

    /// Adds the next document, `size` bytes read from `contents`; gives its number. The reader
    /// must yield exactly `size` bytes.
    pub fn add_document(&mut self, size: u64, contents: impl Read) -> Result<u32> {
        match self.append_payload(size, contents)? {
            PayloadName::Document(n) => Ok(n),
            PayloadName::PackageJson => Err(Error::Other(t!("package-json-twice"))),
        }
    }

    /// Writes the tag files and the inner signatures, closes the encryption and signs the
    /// whole ciphertext with the unit's key. Gives back the output and what was sealed.
    pub fn finish(
        mut self,
        unit: &SigningKey,
        officer_name: &str,
        officer: &SigningKey,
    ) -> Result<(W, Sealed)> {
        let manifest = Manifest::new(std::mem::take(&mut self.manifest))?;
        let info = BagInfo {
            bagging_date: self.bagging_date,
            id: self.header.id().clone(),
            sender: self.header.sender().to_owned(),
            receiver: self.header.receiver().to_owned(),
            payload_octets: self.octets,
            payload_files: manifest.entries().len() as u64,
        }
        .encode()?;
        let manifest_text = manifest.encode();
        let tags = TagManifest {
            bagit: sha256(BAGIT_TXT.as_bytes()),
            bag_info: sha256(info.as_bytes()),
            manifest: sha256(manifest_text.as_bytes()),
        }
        .encode();
        let tag_digest = sha256(tags.as_bytes());
        let inner = InnerSignatures::sign(&self.header, &tag_digest, unit, officer_name, officer)?;
        self.append_tag(BagFile::BagInfo, info.as_bytes())?;
        self.append_tag(BagFile::Manifest, manifest_text.as_bytes())?;
        self.append_tag(BagFile::TagManifest, tags.as_bytes())?;
        self.append_tag(BagFile::Signatures, inner.encode()?.as_bytes())?;
        let stream = self
            .tar
            .into_inner()
            .map_err(io_err(|| t!("package-part-end-of-archive")))?;
        let hashing = stream
            .finish()
            .map_err(io_err(|| t!("package-part-end-of-encryption")))?;
        let (mut out, digest, size) = hashing.finish();
        out.flush().map_err(io_err(|| t!("package-part-flush")))?;
        let comment = TrustedComment {
            header: self.header.clone(),
            tagmanifest_sha256: tag_digest,
        };
        let signature = Signature::sign_prehashed(unit, &digest, &comment.encode())?;
        Ok((
            out,
            Sealed {
                signature,
                comment,
                size,
                manifest,
            },
        ))
    }
}

/// The signature file's path beside a package: `F.minisig`.
pub fn signature_path(package: &Path) -> PathBuf {
    let mut s = package.as_os_str().to_owned();
    s.push(".minisig");
    PathBuf::from(s)
}

/// A package being written to a file: neither the file nor its `.minisig` exists under its
/// name until [`PackageFile::finish`] succeeds, and neither ever replaces an existing file.
#[derive(Debug)]
pub struct PackageFile {
    out: PathBuf,
    file: NewFile,
    writer: PackageWriter<BufWriter<std::fs::File>>,
}

impl PackageFile {
    /// Starts the package `out` (see [`PackageWriter::new`]).
    pub fn create(
        out: &Path,
        header: PackageHeader,
        recipients: &[AgeRecipient],
        package_json: &[u8],
        bagging_date: NaiveDate,
    ) -> Result<Self> {
        let sig = signature_path(out);
        if sig.exists() {
            return Err(Error::Usage(t!(
                "package-signature-exists",
                path = sig.display().to_string()
            )));
        }
        let mut file = NewFile::create_for(out)?;
        let handle = file.file().try_clone().map_err(Error::io(t!(
            "transfer-cannot-write",
            path = out.display().to_string()
        )))?;
        let writer = PackageWriter::new(
            BufWriter::with_capacity(1 << 16, handle),
            header,
            recipients,
            package_json,
            bagging_date,
        )?;
        Ok(PackageFile {
            out: out.to_owned(),
            file,
            writer,
        })
    }

    /// See [`PackageWriter::add_document`].
    pub fn add_document(&mut self, size: u64, contents: impl Read) -> Result<u32> {
        self.writer.add_document(size, contents)
    }

    /// Finishes and signs the package, then names the signature and the package (in that
    /// order, so a package never appears without its signature).
    pub fn finish(
        self,
        unit: &SigningKey,
        officer_name: &str,
        officer: &SigningKey,
    ) -> Result<Sealed> {
        self.seal(unit, officer_name, officer)?.persist()
    }

    /// Finishes and signs the package, but gives it no name yet: the caller names it with
    /// [`Unnamed::persist`] once what it records has committed (a receipt made inside an
    /// import's transaction), or drops it and nothing appears.
    pub fn seal(
        self,
        unit: &SigningKey,
        officer_name: &str,
        officer: &SigningKey,
    ) -> Result<Unnamed> {
        let (buffered, sealed) = self.writer.finish(unit, officer_name, officer)?;
        buffered.into_inner().map_err(|e| {
            Error::io(t!(
                "transfer-cannot-write",
                path = self.out.display().to_string()
            ))(e.into_error())
        })?;
        Ok(Unnamed {
            out: self.out,
            file: self.file,
            sealed,
        })
    }
}

/// A package written and signed, not yet under its name.
#[derive(Debug)]
pub struct Unnamed {
    out: PathBuf,
    file: NewFile,
    sealed: Sealed,
}

impl Unnamed {
    /// What was sealed.
    pub fn sealed(&self) -> &Sealed {
        &self.sealed
    }

    /// Names the signature and then the package (a package never appears without its
    /// signature; neither replaces an existing file).
    pub fn persist(self) -> Result<Sealed> {
        let sig_path = signature_path(&self.out);
        let mut sig = NewFile::create_for(&sig_path)?;
        sig.file()
            .write_all(self.sealed.signature.to_file().as_bytes())
            .map_err(Error::io(t!(
                "transfer-cannot-write",
                path = sig_path.display().to_string()
            )))?;
        sig.persist(&sig_path)?;
        if let Err(e) = self.file.persist(&self.out) {
            let _ = std::fs::remove_file(&sig_path);
            return Err(e);
        }
        Ok(self.sealed)
    }
}
