//! One bounded pass over a package's contents: decrypt the age stream, walk the tar archive
//! entry by entry, and hand each entry to a visitor; while doing so, hash every ciphertext
//! byte read from the file and, at the end, demand the exact digest and length that the outer
//! signature was checked against. So each pass proves it read the very file that was signed,
//! even if the file was replaced on the media in between.
//!
//! Archive entries are taken raw (no GNU long names, no PAX headers, no links, no directories):
//! each must be a POSIX ustar regular file whose name parses as one of the bag's files. This
//! module must never write anything to disk and never trust an entry's name before parsing it.

use super::bagit::BagFile;
use super::header::PackageId;
use super::io::HashingReader;
use super::Limits;
use crate::crypto::ct_eq;
use crate::crypto::hash::Blake2b512;
use crate::{t, Error, Result};
use std::io::{self, BufReader, Read, Seek, SeekFrom};

/// What a pass must find: the signed file and our key.
pub(crate) struct Source<'a, R> {
    pub(crate) reader: &'a mut R,
    pub(crate) identity: &'a age::x25519::Identity,
    pub(crate) id: &'a PackageId,
    pub(crate) digest: &'a [u8; 64],
    pub(crate) len: u64,
}

/// A package that fails a check inside; `what` says where, in a few words.
pub(crate) fn damaged(what: &str) -> Error {
    Error::Integrity(crate::t!("package-refused-damaged", what = what))
}

fn changed() -> Error {
    Error::Integrity(crate::t!("package-refused-changed"))
}

/// Maps age's answer to a person's: only "not for us" is told apart from damage.
pub(crate) fn decrypt_error(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::NoMatchingKeys => Error::Integrity(t!("package-not-for-this-unit")),
        age::DecryptError::Io(e) => Error::io(t!("package-cannot-read"))(e),
        _ => damaged(&t!("package-why-bad-age-header")),
    }
}

/// Checks that the age header opens with our identity, without reading further.
pub(crate) fn check_header<R: Read + Seek>(
    reader: &mut R,
    identity: &age::x25519::Identity,
) -> Result<()> {
    reader
        .seek(SeekFrom::Start(0))
        .map_err(Error::io(t!("package-cannot-read")))?;
    let dec = age::Decryptor::new_buffered(BufReader::new(reader)).map_err(decrypt_error)?;
    dec.decrypt(std::iter::once(identity as &dyn age::Identity))
        .map(drop)
        .map_err(decrypt_error)
}

pub(crate) fn stream_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof {
        damaged(&t!("package-why-no-decrypt"))
    } else {
        Error::io(t!("package-cannot-read"))(e)
    }
}

/// Checks one raw archive header: POSIX ustar, regular file, sane size; gives name and size.
fn entry<R: Read>(
    e: &tar::Entry<'_, R>,
    id: &PackageId,
    limits: &Limits,
) -> Result<(BagFile, u64)> {
    let h = e.header();
    if h.as_ustar().is_none() || h.as_bytes()[156] != b'0' {
        return Err(damaged(&t!("package-why-not-plain-file")));
    }
    let file = BagFile::parse_entry_name(&e.path_bytes(), id)?;
    let size = h
        .entry_size()
        .map_err(|_| damaged(&t!("package-why-bad-entry")))?;
    if size > limits.max_file {
        return Err(Error::Integrity(t!(
            "package-file-too-large",
            limit = limits.max_file.to_string()
        )));
    }
    Ok((file, size))
}

/// Walks a plain archive (the decrypted stream), calling `visit(file, size, contents)` for
/// each entry, at most `limits.max_entries + 6`, then demands the end marker and the end of
/// the stream.
pub(crate) fn walk_archive(
    stream: impl Read,
    id: &PackageId,
    limits: &Limits,
    visit: &mut dyn FnMut(BagFile, u64, &mut dyn Read) -> Result<()>,
) -> Result<()> {
    let mut archive = tar::Archive::new(stream);
    let mut count = 0usize;
    for e in archive.entries().map_err(stream_error)?.raw(true) {
        let mut e = e.map_err(|_| damaged(&t!("package-why-bad-entry")))?;
        count += 1;
        if count > limits.max_entries.saturating_add(6) {
            return Err(Error::Integrity(t!(
                "package-too-many-files",
                limit = limits.max_entries.to_string()
            )));
        }
        let (file, size) = entry(&e, id, limits)?;
        visit(file, size, &mut e)?;
    }
    // After the first zero block of the end marker, exactly one more, then the end of the
    // stream (for an age stream, reading to its end makes age check the final chunk).
    let mut rest = Vec::new();
    archive
        .into_inner()
        .take(513)
        .read_to_end(&mut rest)
        .map_err(stream_error)?;
    if rest.len() != 512 || rest.iter().any(|b| *b != 0) {
        return Err(damaged(&t!("package-why-data-after-end")));
    }
    Ok(())
}

/// Decrypts and walks the archive once, calling `visit(file, size, contents)` for each entry
/// (in archive order, at most `limits.max_entries + 6`), and checks the file's digest at the
/// end. `visit` need not read all of `contents`.
pub(crate) fn walk<R: Read + Seek>(
    src: Source<'_, R>,
    limits: &Limits,
    visit: &mut dyn FnMut(BagFile, u64, &mut dyn Read) -> Result<()>,
) -> Result<()> {
    let io_read = Error::io(t!("package-cannot-read"));
    src.reader.seek(SeekFrom::Start(0)).map_err(io_read)?;
    let mut hash = Blake2b512::new();
    let mut len = 0u64;
    {
        let hashing = HashingReader {
            inner: &mut *src.reader,
            hash: &mut hash,
            len: &mut len,
        };
        let dec = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 16, hashing))
            .map_err(decrypt_error)?;
        let stream = dec
            .decrypt(std::iter::once(src.identity as &dyn age::Identity))
            .map_err(decrypt_error)?;
        walk_archive(stream, src.id, limits, visit)?;
    }
    // Whatever the decryptor did not read still belongs to the signed file.
    let mut tail = HashingReader {
        inner: &mut *src.reader,
        hash: &mut hash,
        len: &mut len,
    };
    io::copy(&mut tail, &mut io::sink()).map_err(Error::io(t!("package-cannot-read")))?;
    if len != src.len || !ct_eq(&hash.finish(), src.digest) {
        return Err(changed());
    }
    Ok(())
}
