//! Readers and writers that hash what passes through them, so a package is signed, checked
//! and re-checked in the same single stream that writes or reads it, never held whole.

use crate::crypto::hash::{Blake2b512, Sha256};
use std::io::{self, Read, Write};

/// Hashes (BLAKE2b-512) and counts every byte written through it: the outer signature of a
/// package is computed while the package is written.
#[derive(Debug)]
pub(crate) struct HashingWriter<W> {
    inner: W,
    hash: Blake2b512,
    len: u64,
}

impl<W: Write> HashingWriter<W> {
    pub(crate) fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hash: Blake2b512::new(),
            len: 0,
        }
    }

    /// The writer, the digest and the length of everything written.
    pub(crate) fn finish(self) -> (W, [u8; 64], u64) {
        (self.inner, self.hash.finish(), self.len)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Hashes (BLAKE2b-512) and counts every byte read through it, into state the caller keeps,
/// so the digest survives the decryptor that owns this reader.
#[derive(Debug)]
pub(crate) struct HashingReader<'a, R> {
    pub(crate) inner: R,
    pub(crate) hash: &'a mut Blake2b512,
    pub(crate) len: &'a mut u64,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        *self.len += n as u64;
        Ok(n)
    }
}

/// Reads exactly `len` bytes from `inner` and then demands its end, hashing them (SHA-256):
/// a document whose source is shorter or longer than declared fails instead of producing an
/// archive whose headers lie.
#[derive(Debug)]
pub(crate) struct ExactReader<R> {
    inner: R,
    left: u64,
    hash: Sha256,
}

impl<R: Read> ExactReader<R> {
    pub(crate) fn new(inner: R, len: u64) -> Self {
        ExactReader {
            inner,
            left: len,
            hash: Sha256::new(),
        }
    }

    pub(crate) fn digest(self) -> [u8; 32] {
        self.hash.finish()
    }
}

impl<R: Read> Read for ExactReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(crate::t!("transfer-doc-too-long"))),
            };
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                crate::t!("transfer-doc-too-short"),
            ));
        }
        self.hash.update(&buf[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

/// Hashes (SHA-256) what is read through it and, at the end, demands the expected size and
/// digest: the reader handed to an importer in the second pass. It reports a mismatch as an
/// error instead of the end of the file, so a consumer that reads to the end cannot miss it.
#[derive(Debug)]
pub(crate) struct VerifyingReader<R> {
    inner: R,
    expected: [u8; 32],
    expected_len: u64,
    hash: Option<Sha256>,
    len: u64,
    failed: bool,
}

impl<R: Read> VerifyingReader<R> {
    pub(crate) fn new(inner: R, expected: [u8; 32], expected_len: u64) -> Self {
        VerifyingReader {
            inner,
            expected,
            expected_len,
            hash: Some(Sha256::new()),
            len: 0,
            failed: false,
        }
    }

    /// Reads whatever the consumer left, so the check runs even if it stopped early.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        io::copy(&mut self, &mut io::sink()).map(|_| ())
    }
}

impl<R: Read> Read for VerifyingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Err(mismatch());
        }
        let Some(hash) = self.hash.as_mut() else {
            return Ok(0);
        };
        let n = self.inner.read(buf)?;
        if n > 0 {
            hash.update(&buf[..n]);
            self.len += n as u64;
            return Ok(n);
        }
        let digest = self.hash.take().map(Sha256::finish).unwrap_or_default();
        if self.len != self.expected_len || !crate::crypto::ct_eq(&digest, &self.expected) {
            self.failed = true;
            return Err(mismatch());
        }
        Ok(0)
    }
}

fn mismatch() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        crate::t!("transfer-doc-changed-in-package"),
    )
}

/// Reads all of `r`, refusing more than `max` bytes.
pub(crate) fn read_bounded(r: impl Read, max: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(max.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            crate::t!("package-why-too-large"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_reader_refuses_short_and_long_sources() {
        let mut out = Vec::new();
        assert!(io::copy(&mut ExactReader::new(&b"abc"[..], 4), &mut out).is_err());
        assert!(io::copy(&mut ExactReader::new(&b"abcd!"[..], 4), &mut out).is_err());
        let mut r = ExactReader::new(&b"abcd"[..], 4);
        out.clear();
        io::copy(&mut r, &mut out).unwrap();
        assert_eq!(out, b"abcd");
        assert_eq!(r.digest(), crate::crypto::sha256(b"abcd"));
    }

    #[test]
    fn verifying_reader_reports_a_changed_file_instead_of_its_end() {
        let d = crate::crypto::sha256(b"abcd");
        let mut out = Vec::new();
        VerifyingReader::new(&b"abcd"[..], d, 4)
            .read_to_end(&mut out)
            .unwrap();
        assert!(VerifyingReader::new(&b"abce"[..], d, 4)
            .read_to_end(&mut out)
            .is_err());
        assert!(VerifyingReader::new(&b"abcd"[..], d, 5)
            .read_to_end(&mut out)
            .is_err());
        // A consumer that stops early still gets the check from finish().
        let mut r = VerifyingReader::new(&b"abce"[..], d, 4);
        let mut one = [0u8; 1];
        r.read_exact(&mut one).unwrap();
        assert!(r.finish().is_err());
    }
}
