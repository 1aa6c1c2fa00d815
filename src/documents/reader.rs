//! Releasing a document's contents: the one path, and it logs first (R15, DESIGN.md §4).

use super::DocMeta;
use crate::audit::{self, Act};
use crate::authz::disclosure::{may_disclose, Recipient};
use crate::authz::folder::FolderKey;
use crate::crypto::stream::ContentKey;
use crate::identity::Session;
use crate::{t, Error, Result};
use rusqlite::OptionalExtension;
use std::io::Write;
use zeroize::Zeroizing;

/// How the contents are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Shown on screen.
    Show,
    /// Written to a file as a numbered copy for a recipient: it leaves the store, so the
    /// disclosure rules apply.
    Export(Recipient),
    /// Printed to a PDF as a numbered copy for a recipient (the service itself for internal
    /// use): paper leaves the register's control, so the disclosure rules apply as to an
    /// export, and the copy numbers are shared with exports.
    Print(Recipient),
}

/// Whom a numbered copy goes to, by name, and the legal basis it is given on. A copy for
/// police is a disclosure (R25): it needs a basis, and enters the disclosure register in the
/// transaction that logs the copy, as an external package does. Police are known by name
/// (`Recipient::classify`), and no list of names is complete: so a copy for anyone the
/// program knows neither as police nor as the service needs either a basis (and is then
/// treated as a disclosure to police, R26 included) or the sender's declaration that the
/// recipient is not police, which the use log records with the copy.
#[derive(Debug, Clone, Copy)]
pub struct Disclosed<'a> {
    /// The recipient as the user named them.
    pub recipient: &'a str,
    /// The legal basis (`fvl-13b-5`, `fvl-13b-6` or `other:TEXT`), already checked.
    pub basis: Option<&'a str>,
    /// The sender declares that the recipient is not police (`--not-police`).
    pub not_police: bool,
}

impl Disclosed<'_> {
    /// How the disclosure rules see this recipient: as named, except that a recipient
    /// outside the service given a legal basis counts as police.
    pub fn recipient_class(&self) -> Recipient {
        match Recipient::classify(self.recipient) {
            Recipient::Other if self.basis.is_some() => Recipient::Police,
            r => r,
        }
    }

    /// Refuses (exit 2, before anything is logged) a copy for police without a basis, and
    /// a copy for a recipient neither police nor the service without a basis or the
    /// sender's declaration.
    fn check(&self, how: Use) -> Result<()> {
        let class = match how {
            Use::Export(r) | Use::Print(r) => r,
            Use::Show => return Ok(()),
        };
        if class == Recipient::Police && self.basis.is_none() {
            return Err(Error::Usage(t!("disclosure-needs-basis")));
        }
        if class == Recipient::Other && self.basis.is_none() && !self.not_police {
            return Err(Error::Usage(t!(
                "disclosure-declare-not-police",
                recipient = crate::text::escape(self.recipient)
            )));
        }
        Ok(())
    }

    /// The use-log detail of copy `n`: the recipient as named (who received a copy is the
    /// point of the log), and the sender's declaration where one was needed.
    fn log_detail(&self, n: i64) -> String {
        let declared = if self.not_police && self.basis.is_none() {
            " (declared not police)" // untranslated: use-log detail
        } else {
            ""
        };
        format!("copy no. {n} for {}{declared}", self.recipient) // untranslated: use-log detail
    }

    /// Enters copy `n` of `meta` in the disclosure register if it was given on a basis, in
    /// the transaction that logs it.
    fn register_tx(
        &self,
        tx: &rusqlite::Transaction<'_>,
        acting: crate::identity::Acting<'_>,
        meta: &DocMeta,
        n: i64,
    ) -> Result<()> {
        let Some(basis) = self.basis else {
            return Ok(());
        };
        crate::authz::disclosure::insert_disclosure_tx(
            tx,
            acting,
            "copy",
            meta.person_id,
            self.recipient,
            basis,
            &[format!("{}@{}", meta.journal_number, meta.version)],
            Some(&format!("copy no. {n}")), // untranslated: register detail
            &crate::time::now_rfc3339(),
            None,
        )?;
        Ok(())
    }
}

impl Use {
    fn act(self) -> &'static str {
        match self {
            Use::Show => "show",
            Use::Export(_) => "export",
            Use::Print(_) => "print",
        }
    }
}

/// Decrypts the chunks of one document version, one at a time as they are read: the
/// crate-private reader shared by [`Session::open_document`] and the re-encryption of a
/// regrade, so there is one decryption path.
pub(crate) struct ChunkReader {
    doc_id: i64,
    chunks: i64,
    next: i64,
    key: ContentKey,
    aad: Vec<u8>,
    label: String,
}

impl std::fmt::Debug for ChunkReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ChunkReader({}, chunk {}/{})", // untranslated: Debug output for developers
            self.label, self.next, self.chunks
        )
    }
}

impl ChunkReader {
    /// A reader of `meta`'s chunks under `key`, which must be its folder key.
    pub(crate) fn new(meta: &DocMeta, key: &FolderKey) -> Result<Self> {
        let salt: [u8; 32] = meta
            .content_salt
            .as_slice()
            .try_into()
            .map_err(|_| Error::Integrity(t!("document-salt-malformed")))?;
        Ok(ChunkReader {
            doc_id: meta.id,
            chunks: meta.chunk_count,
            next: 0,
            key: key.content_key(&salt)?,
            aad: meta.aad(),
            label: format!("{} v{}", meta.journal_number, meta.version),
        })
    }

    /// The next decrypted chunk, or `None` at the end. A missing, moved, changed or cut chunk
    /// is an integrity error.
    pub(crate) fn next(
        &mut self,
        conn: &rusqlite::Connection,
    ) -> Result<Option<Zeroizing<Vec<u8>>>> {
        if self.next >= self.chunks {
            return Ok(None);
        }
        let idx = self.next;
        let data: Option<Vec<u8>> = conn
            .prepare_cached("SELECT data FROM doc_chunks WHERE doc_id = ?1 AND idx = ?2")?
            .query_row([self.doc_id, idx], |r| r.get(0))
            .optional()?;
        let bad = || {
            Error::Integrity(t!(
                "document-contents-damaged",
                doc = self.label.as_str(),
                chunk = idx
            ))
        };
        let data = data.ok_or_else(bad)?;
        let last = idx + 1 == self.chunks;
        let plain = self
            .key
            .open(&self.aad, u64::try_from(idx).unwrap_or(0), last, data)
            .map_err(|_| bad())?;
        self.next += 1;
        Ok(Some(plain))
    }
}

/// A document whose use has been logged: the only way outside the crate to its plaintext.
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
    chunks: ChunkReader,
}

impl Opened<'_> {
    /// Decrypts every chunk once without handing any out, then starts again from the first:
    /// for a caller that streams to a place it cannot take back (a pipe), so that a document
    /// cut or changed after its first chunk is reported before any of it is released.
    pub fn authenticate(&mut self) -> Result<()> {
        while self.chunks.next(self.session.conn())?.is_some() {}
        self.chunks.next = 0;
        Ok(())
    }

    /// The next decrypted chunk, or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        self.chunks.next(self.session.conn())
    }

    /// Writes all contents to `w`; returns the byte count.
    pub fn copy_to(&mut self, w: &mut dyn Write) -> Result<u64> {
        let mut n = 0u64;
        while let Some(c) = self.next_chunk()? {
            w.write_all(&c)
                .map_err(|e| Error::io(t!("document-cannot-write"))(e))?;
            n += c.len() as u64;
        }
        Ok(n)
    }
}

impl Session {
    /// Records that a numbered copy (`how`: an export or a print), logged as released, could
    /// not be written (a full or removed disk): the log shows the copy as failed rather than
    /// only as made.
    pub fn copy_failed(&mut self, how: Use, meta: &DocMeta, copy: i64, why: &str) -> Result<()> {
        let mut act = Act::new(how.act())
            .doc(&meta.journal_number, meta.version, meta.person_id)
            .detail(format!("copy no. {copy} was not written: {why}")); // untranslated: use-log detail
        act.outcome = audit::Outcome::Failed;
        self.log_act(&act).map(|_| ())
    }

    /// Opens a document for `how`: checks the document is whole (its versions, journal and log
    /// agree), decides need to know (logging a refusal), checks its key, logs the use in its
    /// own committed transaction, and only then hands out a reader. If the log entry cannot
    /// be written, nothing is released.
    pub fn open_document(
        &mut self,
        jno: &str,
        how: Use,
        purpose: Option<String>,
    ) -> Result<Opened<'_>> {
        self.open_document_for(jno, how, purpose, None)
    }

    /// [`Session::open_document`] for a numbered copy to the named recipient `to`: a copy
    /// for police without a legal basis is refused (exit 2) before anything is logged, and
    /// a copy given on a basis enters the disclosure register with the log entry.
    pub fn open_document_for(
        &mut self,
        jno: &str,
        how: Use,
        purpose: Option<String>,
        to: Option<Disclosed<'_>>,
    ) -> Result<Opened<'_>> {
        let purpose = crate::text::opt_field(
            "purpose",
            purpose.as_deref(),
            crate::text::limits::NOTE,
            false,
        )?;
        let meta = self.document(jno)?;
        self.check_document_whole(&meta.journal_number)?;
        let grading = self.effective_grading(&meta)?;
        let act = Act::new(how.act())
            .doc(&meta.journal_number, meta.version, meta.person_id)
            .purpose(purpose);
        if let Some(d) = self.may_read(meta.folder_id, meta.key_tier, meta.key_version, grading)? {
            return Err(self.refuse(act, d.rule, d.message));
        }
        if let Use::Export(to) | Use::Print(to) = how {
            if let Err(Error::Refused { rule, message }) =
                may_disclose(meta.health_confidential, to, &meta.journal_number)
            {
                return Err(self.refuse(act, rule, message));
            }
        }
        if let Some(d) = to {
            d.check(how)?;
        }
        // Check the key before logging a successful use.
        let key = self.folder_key(meta.folder_id, meta.key_tier, meta.key_version)?;
        let chunks = ChunkReader::new(&meta, &key)?;
        // The copy number is counted inside the write transaction, so two exports at once
        // never get the same number. Copies are numbered per journal number, all versions.
        let copy = self.write(|tx, acting| {
            let copy = match how {
                Use::Export(_) | Use::Print(_) => Some(
                    audit::report::count_ok(tx, &meta.journal_number, "export")?
                        + audit::report::count_ok(tx, &meta.journal_number, "print")?
                        + 1,
                ),
                Use::Show => None,
            };
            let act = match (copy, to) {
                (Some(n), Some(d)) => act.detail(d.log_detail(n)),
                (Some(n), None) => act.detail(format!("copy no. {n}")), // untranslated: use-log detail
                (None, _) => act,
            };
            audit::append(tx, acting, &act)?;
            if let (Some(n), Some(d)) = (copy, to) {
                d.register_tx(tx, acting, &meta, n)?;
            }
            Ok(copy)
        })?;
        Ok(Opened {
            session: self,
            meta,
            copy,
            grading,
            chunks,
        })
    }
}
