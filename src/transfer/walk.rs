//! One bounded pass over a package's contents: decrypt the age stream, walk the tar archive
//! entry by entry, and hand each entry to a visitor; while doing so, hash every ciphertext
//! byte read from the file (on a second thread) and give the digest and length of the whole
//! file, against which pass 1 checks the outer signature: it proves pass 1 read the very file
//! that was signed. Pass 2 re-checks what it hands on against pass 1's manifest instead, so a
//! file replaced on the media between the passes fails there.
//!
//! Archive entries are taken raw (no GNU long names, no PAX headers, no links, no directories):
//! each must be a POSIX ustar regular file whose name parses as one of the bag's files. This
//! module must never write anything to disk and never trust an entry's name before parsing it.

use super::bagit::BagFile;
use super::header::PackageId;
use super::io::{CiphertextHash, HashingReader};
use super::Limits;
use crate::{t, Error, Result};
use std::cell::Cell;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::rc::Rc;

/// What a pass reads: the package file and our key.
pub(crate) struct Source<'a, R> {
    pub(crate) reader: &'a mut R,
    pub(crate) identity: &'a age::x25519::Identity,
    pub(crate) id: &'a PackageId,
}

/// What pass 1 read: the BLAKE2b-512 of the whole file, and how the walk ended.
/// The caller checks the digest before it looks at `result`, so a file that is not the one
/// signed is reported as such, not as whatever damage the walk ran into.
#[must_use]
pub(crate) struct Walked {
    pub(crate) digest: [u8; 64],
    pub(crate) result: Result<()>,
}

/// A package that fails a check inside; `what` says where, in a few words.
pub(crate) fn damaged(what: &str) -> Error {
    Error::Integrity(crate::t!("package-refused-damaged", what = what))
}

/// Maps age's answer to a person's: only "not for us" is told apart from damage.
pub(crate) fn decrypt_error(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::NoMatchingKeys => Error::Integrity(t!("package-not-for-this-unit")),
        age::DecryptError::Io(e) => Error::io(t!("package-cannot-read"))(e),
        _ => damaged(&t!("package-why-bad-age-header")),
    }
}

/// The most an age header may take. Ours is one X25519 stanza of about 200 bytes; a package
/// to a few recipients takes a few times that. age's header reader holds the whole header in
/// memory and parses it again after every line, with no bound of its own, and it runs before
/// the file's signature is known to hold (the signature is checked at the end of pass 1): a
/// forged file must not make it read more than this.
pub(crate) const MAX_AGE_HEADER: u64 = 16 * 1024;

/// Lets through at most `left` bytes while set, then reports the end of the file; everything
/// once unset.
struct HeaderBudget<R> {
    inner: R,
    left: Rc<Cell<Option<u64>>>,
}

impl<R: Read> Read for HeaderBudget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(left) = self.left.get() else {
            return self.inner.read(buf);
        };
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left.set(Some(left - n as u64));
        Ok(n)
    }
}

/// Reads the age header of `file` (at most [`MAX_AGE_HEADER`] bytes) and opens the payload
/// with `identity`.
fn open_age<R: Read>(
    file: R,
    identity: &age::x25519::Identity,
) -> Result<age::stream::StreamReader<BufReader<HeaderBudget<R>>>> {
    let budget = Rc::new(Cell::new(Some(MAX_AGE_HEADER)));
    let limited = HeaderBudget {
        inner: file,
        left: Rc::clone(&budget),
    };
    let dec = match age::Decryptor::new_buffered(BufReader::with_capacity(1 << 16, limited)) {
        Ok(d) => d,
        Err(_) if budget.get() == Some(0) => {
            return Err(damaged(&t!("package-why-bad-age-header")))
        }
        Err(e) => return Err(decrypt_error(e)),
    };
    budget.set(None);
    dec.decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(decrypt_error)
}

/// Checks that the age header opens with our identity, without reading further.
pub(crate) fn check_header<R: Read + Seek>(
    reader: &mut R,
    identity: &age::x25519::Identity,
) -> Result<()> {
    reader
        .seek(SeekFrom::Start(0))
        .map_err(Error::io(t!("package-cannot-read")))?;
    open_age(reader, identity).map(drop)
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

/// Decrypts `file` (the package from its first byte) and walks its archive.
fn decrypt_and_walk(
    file: impl Read,
    identity: &age::x25519::Identity,
    id: &PackageId,
    limits: &Limits,
    visit: &mut dyn FnMut(BagFile, u64, &mut dyn Read) -> Result<()>,
) -> Result<()> {
    walk_archive(open_age(file, identity)?, id, limits, visit)
}

/// Pass 1: decrypts and walks the archive once, calling `visit(file, size, contents)` for each
/// entry (in archive order, at most `limits.max_entries + 6`), and hashes the whole file, even
/// past the point where the walk failed. `visit` need not read all of `contents`. Only a
/// failure to read the file is an `Err`; everything else is in [`Walked::result`].
pub(crate) fn walk<R: Read + Seek>(
    src: Source<'_, R>,
    limits: &Limits,
    visit: &mut dyn FnMut(BagFile, u64, &mut dyn Read) -> Result<()>,
) -> Result<Walked> {
    let io_read = || Error::io(t!("package-cannot-read"));
    src.reader.seek(SeekFrom::Start(0)).map_err(io_read())?;
    let mut hash = CiphertextHash::new();
    let hashing = HashingReader {
        inner: &mut *src.reader,
        hash: &mut hash,
    };
    let result = decrypt_and_walk(hashing, src.identity, src.id, limits, visit);
    // Whatever the decryptor did not read still belongs to the signed file.
    let mut tail = HashingReader {
        inner: &mut *src.reader,
        hash: &mut hash,
    };
    io::copy(&mut tail, &mut io::sink()).map_err(io_read())?;
    let (digest, _) = hash.finish();
    Ok(Walked { digest, result })
}

/// Pass 2: decrypts and walks the archive again, without hashing the file. The visitor must
/// check everything it hands on against what pass 1 verified (each document's SHA-256 and
/// size, the archive's order), which proves those bytes the ones signed; hashing the whole
/// file once more would prove nothing more about them and cost a third of the pass.
pub(crate) fn walk_again<R: Read + Seek>(
    src: Source<'_, R>,
    limits: &Limits,
    visit: &mut dyn FnMut(BagFile, u64, &mut dyn Read) -> Result<()>,
) -> Result<()> {
    src.reader
        .seek(SeekFrom::Start(0))
        .map_err(Error::io(t!("package-cannot-read")))?;
    decrypt_and_walk(&mut *src.reader, src.identity, src.id, limits, visit)
}
