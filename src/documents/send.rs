//! Documents leaving in a transfer package: the same checks as `doc export`, for many
//! versions at once, and one decryption path ([`ChunkReader`]).
//!
//! The caller (transfer) logs a `send` for each version in the transaction that records the
//! package, and only then reads a byte: so a package, like an export, is logged before any
//! content leaves (R15), and one refused version refuses the whole package (logged).

use super::reader::ChunkReader;
use super::DocMeta;
use crate::audit::Act;
use crate::authz::disclosure::{may_disclose, Recipient};
use crate::authz::Grading;
use crate::identity::Session;
use crate::{Error, Result};
use zeroize::Zeroizing;

/// A version cleared to leave, with its reader.
#[derive(Debug)]
pub(crate) struct Outgoing {
    /// The version.
    pub(crate) meta: DocMeta,
    /// The grading that governs it (its own or a later version's, if higher): what it
    /// travels as, so no version leaves graded lower than the sender reads it.
    pub(crate) grading: Grading,
    reader: ChunkReader,
}

impl Outgoing {
    /// The next decrypted chunk, or `None` at the end.
    pub(crate) fn next_chunk(&mut self, s: &Session) -> Result<Option<Zeroizing<Vec<u8>>>> {
        self.reader.next(s.conn())
    }
}

impl Session {
    /// Checks each version for sending to `to` (`act` names the package kind in a refusal):
    /// whole, need to know, health confidentiality (R26) and its key. Refusals are logged and
    /// refuse everything.
    pub(crate) fn prepare_send(
        &mut self,
        versions: Vec<DocMeta>,
        to: Recipient,
        act: &str,
    ) -> Result<Vec<Outgoing>> {
        let mut out = Vec::with_capacity(versions.len());
        for meta in versions {
            self.check_document_whole(&meta.journal_number)?;
            let grading = self.effective_grading(&meta)?;
            let probe = Act::new(act).doc(&meta.journal_number, meta.version, meta.person_id);
            if let Some(d) =
                self.may_read(meta.folder_id, meta.key_tier, meta.key_version, grading)?
            {
                return Err(self.refuse(probe, d.rule, d.message));
            }
            if let Err(Error::Refused { rule, message }) =
                may_disclose(meta.health_confidential, to, &meta.journal_number)
            {
                return Err(self.refuse(probe, rule, message));
            }
            let key = self.folder_key(meta.folder_id, meta.key_tier, meta.key_version)?;
            let reader = ChunkReader::new(&meta, &key)?;
            out.push(Outgoing {
                meta,
                grading,
                reader,
            });
        }
        Ok(out)
    }

    /// Every version of every document in a person's folder, oldest first (a transfer
    /// moves the whole folder).
    pub(crate) fn folder_versions(&self, person: i64) -> Result<Vec<DocMeta>> {
        let folder = self.folder_of(person)?;
        let sql = format!(
            "SELECT {} FROM {} WHERE d.folder_id = ?1 ORDER BY d.journal_number, d.version",
            DocMeta::COLUMNS,
            DocMeta::FROM
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([folder], DocMeta::from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Versions by (journal number, version), for a queue of what is owed.
    pub(crate) fn versions_by_number(&self, items: &[(String, i64)]) -> Result<Vec<DocMeta>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE d.journal_number = ?1 AND d.version = ?2",
            DocMeta::COLUMNS,
            DocMeta::FROM
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(items.len());
        for (j, v) in items {
            out.push(st.query_row(rusqlite::params![j, v], DocMeta::from_row)?);
        }
        Ok(out)
    }
}
