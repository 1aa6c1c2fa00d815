//! Releasing a document's contents: the one path, and it logs first (R15, DESIGN.md §4).

use super::DocMeta;
use crate::audit::{self, Act};
use crate::crypto::stream::ContentKey;
use crate::identity::Session;
use crate::{Error, Result};
use rusqlite::OptionalExtension;
use std::io::Write;
use zeroize::Zeroizing;

/// How the contents are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Shown on screen.
    Show,
    /// Written to a file as a numbered copy.
    Export,
}

impl Use {
    fn act(self) -> &'static str {
        match self {
            Use::Show => "show",
            Use::Export => "export",
        }
    }
}

/// A document whose use has been logged: the only holder of a content key. Chunks are
/// decrypted one at a time as they are read.
#[derive(Debug)]
pub struct Opened<'s> {
    session: &'s Session,
    /// The version opened.
    pub meta: DocMeta,
    /// The export copy number, if exported.
    pub copy: Option<i64>,
    /// The grading that governs this version (its own, or a later version's if higher):
    /// what the frame must say.
    pub grading: crate::authz::Grading,
    key: ContentKey,
    aad: Vec<u8>,
    next: i64,
}

impl<'s> Opened<'s> {
    pub(super) fn new_internal(session: &'s Session, meta: DocMeta) -> Result<Self> {
        let fk = session.folder_key(meta.folder_id, meta.key_version)?;
        let salt: [u8; 32] = meta
            .content_salt
            .as_slice()
            .try_into()
            .map_err(|_| Error::Integrity("a document's salt is malformed".into()))?;
        let key = ContentKey::derive(&fk, &salt)?;
        let aad = meta.aad();
        Ok(Opened {
            session,
            meta,
            copy: None,
            grading: crate::authz::Grading::StrengtFortrolig,
            key,
            aad,
            next: 0,
        })
    }

    /// The next decrypted chunk, or `None` at the end. A missing, moved, changed or cut chunk
    /// is an integrity error.
    pub fn next_chunk(&mut self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        if self.next >= self.meta.chunk_count {
            return Ok(None);
        }
        let idx = self.next;
        let data: Option<Vec<u8>> = self
            .session
            .db
            .conn()
            .prepare_cached("SELECT data FROM doc_chunks WHERE doc_id = ?1 AND idx = ?2")?
            .query_row([self.meta.id, idx], |r| r.get(0))
            .optional()?;
        let bad = || {
            Error::Integrity(format!(
                "the contents of {} v{} are damaged or were tampered with (chunk {idx})",
                self.meta.journal_number, self.meta.version
            ))
        };
        let data = data.ok_or_else(bad)?;
        let last = idx + 1 == self.meta.chunk_count;
        let plain = self
            .key
            .open(&self.aad, u64::try_from(idx).unwrap_or(0), last, data)
            .map_err(|_| bad())?;
        self.next += 1;
        Ok(Some(plain))
    }

    /// Writes all contents to `w`; returns the byte count.
    pub fn copy_to(&mut self, w: &mut dyn Write) -> Result<u64> {
        let mut n = 0u64;
        while let Some(c) = self.next_chunk()? {
            w.write_all(&c)
                .map_err(Error::io("cannot write the document"))?;
            n += c.len() as u64;
        }
        Ok(n)
    }
}

impl Session {
    /// Opens a document for `how`: decides need to know (logging a refusal), logs the use in
    /// its own committed transaction, and only then hands out a reader. If the log entry
    /// cannot be written, nothing is released.
    pub fn open_document(
        &mut self,
        jno: &str,
        how: Use,
        purpose: Option<String>,
    ) -> Result<Opened<'_>> {
        let meta = self.document(jno)?;
        let grading = self.effective_grading(&meta)?;
        let act = Act::new(how.act())
            .doc(&meta.journal_number, meta.version, meta.person_id)
            .purpose(purpose);
        if let Some(d) = self.may_read(meta.folder_id, meta.key_version, grading)? {
            return Err(self.refuse(act, d.rule, d.message));
        }
        // Prove the key opens before logging a successful use.
        drop(Opened::new_internal(self, meta.clone())?);
        let actor = audit::actor!(self);
        // The copy number is counted inside the write transaction, so two exports at once
        // never get the same number. Copies are numbered per journal number, all versions.
        let copy = self.db.write(|tx| {
            let copy = match how {
                Use::Export => {
                    Some(audit::report::count_ok(tx, &meta.journal_number, "export")? + 1)
                }
                Use::Show => None,
            };
            let act = match copy {
                Some(n) => act.detail(format!("copy no. {n}")),
                None => act,
            };
            audit::append(tx, actor, &act)?;
            Ok(copy)
        })?;
        let mut opened = Opened::new_internal(self, meta)?;
        opened.copy = copy;
        opened.grading = grading;
        Ok(opened)
    }
}
