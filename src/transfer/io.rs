//! Readers and writers that hash what passes through them, so a package is signed, checked
//! and re-checked in the same single stream that writes or reads it, never held whole.

use crate::crypto::hash::{Blake2b512, Sha256};
use std::io::{self, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;
use zeroize::Zeroizing;

/// A streaming hash, to be run on a thread of its own by [`OnThread`].
pub(crate) trait StreamHash: Default + Send + 'static {
    type Digest: Send + 'static;
    fn update(&mut self, data: &[u8]);
    fn finish(self) -> Self::Digest;
}

impl StreamHash for Blake2b512 {
    type Digest = [u8; 64];
    fn update(&mut self, data: &[u8]) {
        Blake2b512::update(self, data);
    }
    fn finish(self) -> [u8; 64] {
        Blake2b512::finish(self)
    }
}

impl StreamHash for Sha256 {
    type Digest = [u8; 32];
    fn update(&mut self, data: &[u8]) {
        Sha256::update(self, data);
    }
    fn finish(self) -> [u8; 32] {
        Sha256::finish(self)
    }
}

/// A hash computed on a thread of its own, beside the caller's work.
///
/// Sealing and opening pass every byte through ChaCha20-Poly1305 (age), SHA-256 (the
/// manifest) and BLAKE2b-512 (minisign's prehash). On one core the three run one after the
/// other, at a quarter of `age`'s speed; with the hashes on their own threads, they run on the
/// second core while the first encrypts or decrypts. The bytes go over in pieces whose
/// buffers are wiped when dropped, since a document's plaintext passes through them. If no
/// thread can be started, it hashes in the caller's thread.
#[derive(Debug)]
pub(crate) enum OnThread<H: StreamHash> {
    Thread(Worker<H::Digest>),
    Here(H),
}

#[derive(Debug)]
pub(crate) struct Worker<D> {
    pending: Zeroizing<Vec<u8>>,
    pieces: SyncSender<Zeroizing<Vec<u8>>>,
    spare: Receiver<Zeroizing<Vec<u8>>>,
    thread: JoinHandle<D>,
}

/// Bytes handed to the hashing thread at a time, and pieces queued at most: about a megabyte
/// and a half per hash, whatever the size of the package. Pieces of 64 KiB woke the thread
/// four times as often, for a few per cent more time.
const PIECE: usize = 1 << 18;
const QUEUED: usize = 4;

/// Below this many bytes a document is hashed in the caller's thread: starting a thread and
/// handing pieces over would cost more than the hash.
pub(crate) const ON_THREAD_FROM: u64 = 1 << 20;

fn piece() -> Zeroizing<Vec<u8>> {
    Zeroizing::new(Vec::with_capacity(PIECE))
}

impl<H: StreamHash> OnThread<H> {
    /// A fresh hash on a thread of its own (in the caller's, if no thread can be started).
    pub(crate) fn spawn() -> Self {
        let (pieces, queue) = sync_channel::<Zeroizing<Vec<u8>>>(QUEUED);
        let (give_back, spare) = sync_channel(QUEUED + 2);
        let spawned = std::thread::Builder::new()
            .name("package-hash".into())
            .spawn(move || {
                let mut hash = H::default();
                for mut piece in queue {
                    hash.update(&piece);
                    piece.clear();
                    let _ = give_back.try_send(piece);
                }
                hash.finish()
            });
        match spawned {
            Ok(thread) => OnThread::Thread(Worker {
                pending: piece(),
                pieces,
                spare,
                thread,
            }),
            Err(_) => Self::inline(),
        }
    }

    /// A fresh hash in the caller's thread.
    pub(crate) fn inline() -> Self {
        OnThread::Here(H::default())
    }

    /// On a thread of its own for `len` bytes or more, else in the caller's thread.
    pub(crate) fn for_len(len: u64) -> Self {
        if len >= ON_THREAD_FROM {
            Self::spawn()
        } else {
            Self::inline()
        }
    }

    /// Adds bytes.
    pub(crate) fn update(&mut self, mut data: &[u8]) {
        let w = match self {
            OnThread::Thread(w) => w,
            OnThread::Here(h) => return h.update(data),
        };
        while !data.is_empty() {
            let take = (PIECE - w.pending.len()).min(data.len());
            w.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
            if w.pending.len() == PIECE {
                let next = w.spare.try_recv().unwrap_or_else(|_| piece());
                // A send fails only if the thread panicked; finish() passes the panic on.
                let _ = w.pieces.send(std::mem::replace(&mut w.pending, next));
            }
        }
    }

    /// The digest of everything added.
    pub(crate) fn finish(self) -> H::Digest {
        match self {
            OnThread::Here(h) => h.finish(),
            OnThread::Thread(w) => {
                let _ = w.pieces.send(w.pending);
                drop(w.pieces);
                w.thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }
        }
    }
}
/// BLAKE2b-512 (on its own thread) and length of a package file's bytes: ciphertext only.
#[derive(Debug)]
pub(crate) struct CiphertextHash {
    hash: OnThread<Blake2b512>,
    len: u64,
}

impl CiphertextHash {
    pub(crate) fn new() -> Self {
        CiphertextHash {
            hash: OnThread::spawn(),
            len: 0,
        }
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        self.hash.update(data);
        self.len += data.len() as u64;
    }

    /// The digest and the length of everything added.
    pub(crate) fn finish(self) -> ([u8; 64], u64) {
        (self.hash.finish(), self.len)
    }
}

/// Hashes (BLAKE2b-512) and counts every byte written through it: the outer signature of a
/// package is computed while the package is written.
#[derive(Debug)]
pub(crate) struct HashingWriter<W> {
    inner: W,
    hash: CiphertextHash,
}

impl<W: Write> HashingWriter<W> {
    pub(crate) fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hash: CiphertextHash::new(),
        }
    }

    /// The writer, the digest and the length of everything written.
    pub(crate) fn finish(self) -> (W, [u8; 64], u64) {
        let (digest, len) = self.hash.finish();
        (self.inner, digest, len)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
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
    pub(crate) hash: &'a mut CiphertextHash,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
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
    hash: OnThread<Sha256>,
}

impl<R: Read> ExactReader<R> {
    pub(crate) fn new(inner: R, len: u64) -> Self {
        ExactReader {
            inner,
            left: len,
            hash: OnThread::for_len(len),
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
    hash: Option<OnThread<Sha256>>,
    len: u64,
    failed: bool,
}

impl<R: Read> VerifyingReader<R> {
    pub(crate) fn new(inner: R, expected: [u8; 32], expected_len: u64) -> Self {
        VerifyingReader {
            inner,
            expected,
            expected_len,
            hash: Some(OnThread::for_len(expected_len)),
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
        let digest = self.hash.take().map(OnThread::finish).unwrap_or_default();
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
    fn ciphertext_hash_on_its_thread_equals_blake2b_at_once() {
        // Pieces of odd sizes across the thread's 64 KiB boundaries, a write of several
        // pieces at once, and nothing at all.
        let data: Vec<u8> = (0..5 * PIECE as u32 + 12_345)
            .map(|i| (i % 251) as u8)
            .collect();
        let feed = |h: &mut dyn FnMut(&[u8])| {
            let (mut at, mut step) = (0, 1);
            while at < data.len() {
                let end = (at + step).min(data.len());
                h(&data[at..end]);
                at = end;
                step = step * 7 % (3 * PIECE) + 1;
            }
        };
        let mut c = CiphertextHash::new();
        feed(&mut |d| c.update(d));
        assert_eq!(
            c.finish(),
            (crate::crypto::hash::blake2b512(&data), data.len() as u64)
        );
        let mut s = OnThread::<Sha256>::spawn();
        feed(&mut |d| s.update(d));
        assert_eq!(s.finish(), crate::crypto::sha256(&data));
        let mut s = OnThread::<Sha256>::for_len(1);
        feed(&mut |d| s.update(d));
        assert_eq!(s.finish(), crate::crypto::sha256(&data));
        assert_eq!(
            CiphertextHash::new().finish(),
            (Blake2b512::new().finish(), 0)
        );
        assert_eq!(
            OnThread::<Sha256>::spawn().finish(),
            crate::crypto::sha256(b"")
        );
    }

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
