//! The source of a new version's contents: typed text, a file, standard input, or an existing
//! version decrypted chunk by chunk. It reads outside input and hands out plaintext chunks of
//! at most `CHUNK` bytes; it never writes anything (the writer in `write.rs` does).

use super::reader::ChunkReader;
use crate::crypto::stream::CHUNK;
use crate::{t, Error, Result};
use rusqlite::Connection;
use std::io::Read;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Where a version's contents come from.
#[derive(Debug)]
pub enum Content {
    /// Typed text.
    Text(Zeroizing<String>),
    /// A file, streamed; `-` is standard input.
    File(PathBuf),
}

/// Where the chunks of a new version come from: outside input, or an existing version
/// decrypted one chunk at a time by the shared chunk reader (a regrade re-encrypts without
/// holding the whole).
pub(super) enum Chunks<'a> {
    Read(Box<dyn Read + 'a>),
    Old(Box<ChunkReader>),
}

impl Chunks<'_> {
    /// Fills `buf` with the next chunk's plaintext (up to `CHUNK` bytes; empty at the end).
    pub(super) fn fill(&mut self, conn: &Connection, buf: &mut Zeroizing<Vec<u8>>) -> Result<()> {
        match self {
            Chunks::Read(r) => fill(r, buf),
            Chunks::Old(reader) => {
                buf.clear();
                if let Some(plain) = reader.next(conn)? {
                    buf.extend_from_slice(&plain);
                }
                Ok(())
            }
        }
    }
}

/// Told the bytes of a file read so far and the file's size, as a large `doc add` reads it (a
/// progress bar on a terminal).
pub type Progress<'a> = Box<dyn FnMut(u64, u64) + 'a>;

/// A file's reader that reports its progress.
struct Counted<'a> {
    inner: std::fs::File,
    done: u64,
    size: u64,
    report: Progress<'a>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        (self.report)(self.done, self.size);
        Ok(n)
    }
}

/// Opens the source of new contents: its chunks, kind and file name.
pub(super) fn open_content<'a>(
    c: &'a Content,
    progress: Option<Progress<'a>>,
) -> Result<(Chunks<'a>, &'static str, Option<String>)> {
    match c {
        Content::Text(t) => Ok((Chunks::Read(Box::new(t.as_bytes())), "text", None)),
        Content::File(p) if p.as_os_str() == "-" => {
            // Standard input keeps the text off the command line, where other local users
            // could see it. After `--passphrase-fd 0`, what follows the passphrase line.
            Ok((Chunks::Read(Box::new(std::io::stdin())), "text", None))
        }
        Content::File(p) => {
            let f = std::fs::File::open(p).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    Error::NotFound(t!("document-no-file", path = p.display().to_string()))
                }
                _ => Error::io(t!(
                    "document-cannot-read-file",
                    path = p.display().to_string()
                ))(e),
            })?;
            if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                return Err(Error::Usage(t!(
                    "document-is-directory",
                    path = p.display().to_string()
                )));
            }
            let name = p
                .file_name()
                .map(|n| {
                    crate::text::field(
                        &t!("document-field-file-name"),
                        &n.to_string_lossy(),
                        255,
                        false,
                    )
                })
                .transpose()?;
            let src: Box<dyn Read + 'a> = match progress {
                Some(report) => Box::new(Counted {
                    size: f.metadata().map(|m| m.len()).unwrap_or(0),
                    inner: f,
                    done: 0,
                    report,
                }),
                None => Box::new(f),
            };
            Ok((Chunks::Read(src), "file", name))
        }
    }
}

/// Reads until `buf` holds `CHUNK` bytes or the source ends.
fn fill(src: &mut Box<dyn Read + '_>, buf: &mut Zeroizing<Vec<u8>>) -> Result<()> {
    buf.clear();
    let mut got = 0usize;
    buf.resize(CHUNK, 0);
    loop {
        match src.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => {
                got += n;
                if got == CHUNK {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(t!("document-cannot-read-contents"))(e)),
        }
    }
    buf.truncate(got);
    Ok(())
}
