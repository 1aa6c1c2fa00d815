//! Folders' documents and the unit's journal (R5, R8–R10, R14).
//!
//! A document version is written once and never changed: a correction or a new grading is a
//! new version; a processed copy (R8) is a new document that names its source. Contents are
//! encrypted in chunks with the folder key (crypto::stream). Plaintext exists only as the
//! [`reader::Opened`] value that [`Session::open_document`] returns after it has logged the
//! use, so no code path can release content without a log entry (R15).

pub mod add;
mod content;
mod crosscheck;
pub mod grading;
pub mod journal;
mod raise;
pub mod reader;
mod send;
mod write;

pub(crate) use send::Outgoing;
pub(crate) use write::{write_received, write_received_ahead, Owed, Received};

use crate::authz::Grading;
use crate::identity::Session;
use crate::{t, Error, Result};
use rusqlite::OptionalExtension;
use serde::Serialize;

crate::vocab::vocabulary! {
    /// Where a document came from (R5, R11). `local` means this unit itself, whatever its
    /// level; police sources are Kripos, PST and the police districts.
    pub enum Source ("source") {
        /// Kripos.
        Kripos = "kripos",
        /// PST.
        Pst = "pst",
        /// A police district.
        Police = "police",
        /// The central directorate.
        Ksf = "ksf",
        /// A region.
        Region = "region",
        /// This unit.
        Local = "local",
        /// Anyone else.
        Other = "other",
    }
}

impl Source {
    /// Police information (R5, R24): unverified unless said otherwise.
    pub fn is_police(self) -> bool {
        matches!(self, Source::Kripos | Source::Pst | Source::Police)
    }

    /// Whether a document from this source was written by this unit itself: `local` always
    /// (it means "this unit"), and a region's or KSF's own name at a store of that level. Such
    /// a document is journalled as created here, not received.
    pub fn is_own(self, level: crate::identity::Level) -> bool {
        use crate::identity::Level;
        matches!(
            (self, level),
            (Source::Local, _) | (Source::Region, Level::Region) | (Source::Ksf, Level::Ksf)
        )
    }
}

/// A document version's metadata (never its contents).
#[derive(Debug, Clone, Serialize)]
pub struct DocMeta {
    /// Row id.
    #[serde(skip)]
    pub id: i64,
    /// Random id bound into the encryption.
    #[serde(skip)]
    pub uid: Vec<u8>,
    /// Journal number, e.g. 2026/00042.
    pub journal_number: String,
    /// Version, 1 …
    pub version: i64,
    /// Person whose folder holds it.
    pub person_id: i64,
    /// Folder.
    #[serde(skip)]
    pub folder_id: i64,
    /// Grading.
    pub grading: String,
    /// Title.
    pub title: String,
    /// Source.
    pub source: String,
    /// Correctness not established (R5).
    pub unverified: bool,
    /// Learnt as assistant to health personnel (R26): never to police.
    pub health_confidential: bool,
    /// Source document of a processed version (R8).
    pub derived_from: Option<String>,
    /// `text` or `file`.
    pub content_kind: String,
    /// Original file name.
    pub file_name: Option<String>,
    /// Plaintext size in bytes.
    pub size: i64,
    /// Which of the folder's key chains encrypts it.
    #[serde(skip)]
    pub key_tier: crate::authz::folder::Tier,
    /// Version of that chain.
    #[serde(skip)]
    pub key_version: i64,
    /// Content key salt.
    #[serde(skip)]
    pub content_salt: Vec<u8>,
    /// Chunks.
    #[serde(skip)]
    pub chunk_count: i64,
    /// When the information is from (R34).
    pub info_date: String,
    /// When registered.
    pub created_at: String,
    /// Registered by.
    pub created_by: String,
}

impl DocMeta {
    const COLUMNS: &'static str = "d.id, d.uid, d.journal_number, d.version, f.person_id, \
        d.folder_id, d.grading, d.title, d.source, d.unverified, d.health_confidential, \
        d.derived_from, d.content_kind, d.file_name, d.size, d.key_version, d.content_salt, \
        d.chunk_count, d.info_date, d.created_at, u.name, d.key_tier";
    const FROM: &'static str =
        "documents d JOIN folders f ON f.id = d.folder_id JOIN users u ON u.id = d.created_by"; // untranslated: SQL

    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocMeta> {
        Ok(DocMeta {
            id: r.get(0)?,
            uid: r.get(1)?,
            journal_number: r.get(2)?,
            version: r.get(3)?,
            person_id: r.get(4)?,
            folder_id: r.get(5)?,
            grading: r.get(6)?,
            title: r.get(7)?,
            source: r.get(8)?,
            unverified: r.get(9)?,
            health_confidential: r.get(10)?,
            derived_from: r.get(11)?,
            content_kind: r.get(12)?,
            file_name: r.get(13)?,
            size: r.get(14)?,
            key_version: r.get(15)?,
            content_salt: r.get(16)?,
            chunk_count: r.get(17)?,
            info_date: r.get(18)?,
            created_at: r.get(19)?,
            created_by: r.get(20)?,
            key_tier: r.get::<_, String>(21)?.parse().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    21,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        })
    }

    /// The grading, parsed.
    pub fn grading(&self) -> Result<Grading> {
        self.grading.parse()
    }

    /// The source, parsed.
    pub fn source(&self) -> Result<Source> {
        self.source.parse()
    }
}

/// The metadata bound into a version's encryption (crypto::stream::aad): source, flags,
/// date of the information, title, file name and what it was derived from.
#[allow(clippy::too_many_arguments)] // each bound field is its own argument so none is forgotten
pub(crate) fn bound_metadata(
    title: &str,
    source: &str,
    unverified: bool,
    health: bool,
    info_date: &str,
    derived_from: Option<&str>,
    content_kind: &str,
    file_name: Option<&str>,
) -> Vec<u8> {
    let flags = [u8::from(unverified), u8::from(health)];
    crate::crypto::encode_fields(
        b"",
        &[
            title.as_bytes(),
            source.as_bytes(),
            &flags,
            info_date.as_bytes(),
            derived_from.unwrap_or("").as_bytes(),
            content_kind.as_bytes(),
            file_name.unwrap_or("").as_bytes(),
        ],
    )
}

impl DocMeta {
    /// The associated data of this version's chunks.
    pub(crate) fn aad(&self) -> Vec<u8> {
        crate::crypto::stream::aad(
            &self.uid,
            self.version,
            &self.grading,
            &self.journal_number,
            &bound_metadata(
                &self.title,
                &self.source,
                self.unverified,
                self.health_confidential,
                &self.info_date,
                self.derived_from.as_deref(),
                &self.content_kind,
                self.file_name.as_deref(),
            ),
        )
    }
}

/// Parses a journal number `YYYY/NNNNN`, optionally with `@V` for a version.
///
/// ```
/// use infoflyt::documents::parse_jno;
/// assert_eq!(parse_jno("2026/00042").unwrap(), ("2026/00042".to_string(), None));
/// assert_eq!(parse_jno("2026/00042@2").unwrap().1, Some(2));
/// assert!(parse_jno("42").is_err());
/// ```
pub fn parse_jno(s: &str) -> Result<(String, Option<i64>)> {
    let s = s.trim();
    let (j, v) = match s.split_once('@') {
        Some((j, v)) => (
            j,
            Some(v.parse::<i64>().ok().filter(|v| *v > 0).ok_or_else(|| {
                Error::Usage(t!("document-bad-version", value = format!("{s:?}")))
            })?),
        ),
        None => (s, None),
    };
    // Five digits of sequence, more once a year passes 99 999 documents.
    let ok = (10..=14).contains(&j.len())
        && j.as_bytes()[4] == b'/'
        && j[..4].bytes().all(|b| b.is_ascii_digit())
        && j[5..].bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(Error::Usage(t!(
            "document-bad-jno",
            value = format!("{s:?}")
        )));
    }
    Ok((j.to_owned(), v))
}

/// What a listing shows instead of a title the user may not see.
pub const HIDDEN_TITLE: &str = "(title not shown)"; // untranslated: stands in the title field, --json too

impl Session {
    /// Whether a listing shows `d`'s title to this user. Titles are sensitive (they name what
    /// a document is about): only an officer cleared for the document's grading sees it;
    /// clerical staff and admins see the journal's facts (number, grading, dates, source),
    /// not titles.
    pub fn may_see_title(&self, d: &DocMeta) -> bool {
        let u = self.user();
        u.role == crate::identity::Role::Officer
            && d.grading().is_ok_and(|g| u.clearance >= g.needs())
    }

    /// The grading that governs reading `d`: the highest of its own and its newest
    /// version's, so raising a document's grading also closes its older versions.
    pub fn effective_grading(&self, d: &DocMeta) -> Result<Grading> {
        let latest: String = self.conn().query_row(
            "SELECT grading FROM documents WHERE journal_number = ?1 ORDER BY version DESC LIMIT 1",
            [&d.journal_number],
            |r| r.get(0),
        )?;
        Ok(d.grading()?.max(latest.parse()?))
    }

    /// A document version by journal number (latest version unless given).
    pub fn document(&self, jno: &str) -> Result<DocMeta> {
        let (j, v) = parse_jno(jno)?;
        let sql = format!(
            "SELECT {} FROM {} WHERE d.journal_number = ?1 AND (?2 IS NULL OR d.version = ?2)
             ORDER BY d.version DESC LIMIT 1",
            DocMeta::COLUMNS,
            DocMeta::FROM
        );
        let found = self
            .conn()
            .query_row(&sql, rusqlite::params![j, v], DocMeta::from_row)
            .optional()?;
        match found {
            Some(d) => Ok(d),
            None => {
                // A number the log says was made, gone from the store without a recorded
                // destruction, was deleted behind the program's back.
                self.check_document_whole(&j)?;
                let destroyed = !self.destroyed_versions(&j)?.is_empty();
                Err(Error::NotFound(if destroyed {
                    crate::t!("retention-doc-destroyed", jno = crate::text::escape(jno))
                } else {
                    t!("document-not-found", jno = crate::text::escape(jno))
                }))
            }
        }
    }

    /// Every version of a journal number, oldest first.
    pub(crate) fn versions(&self, jno: &str) -> Result<Vec<DocMeta>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE d.journal_number = ?1 ORDER BY d.version",
            DocMeta::COLUMNS,
            DocMeta::FROM
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map([jno], DocMeta::from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Documents (latest version of each), optionally of one person.
    pub fn documents(&self, person: Option<i64>) -> Result<Vec<DocMeta>> {
        let mut docs = match person {
            Some(p) => {
                self.person(p)?;
                self.folder_documents(self.folder_of(p)?)?
            }
            None => {
                let sql = format!(
                    "SELECT {} FROM {} WHERE d.version = (SELECT max(x.version) FROM documents x
                       WHERE x.journal_number = d.journal_number) ORDER BY d.journal_number",
                    DocMeta::COLUMNS,
                    DocMeta::FROM
                );
                let mut st = self.conn().prepare_cached(&sql)?;
                let rows = st.query_map([], DocMeta::from_row)?;
                rows.collect::<std::result::Result<_, _>>()?
            }
        };
        for d in &mut docs {
            if !self.may_see_title(d) {
                d.title = HIDDEN_TITLE.into();
            }
        }
        Ok(docs)
    }

    /// The latest version of each document in a folder, by journal number. Every version of
    /// a document is filed in its person's folder, so the folder's own rows hold each
    /// document's latest version; picking it here spares a search of the (journal number,
    /// version) index per document and a sorter. The rows come from one range of
    /// `documents_folder_list`, which carries every column read here (schema/0011): in a
    /// store of a million documents a person's few lie scattered over the table, and reading
    /// each there cost two pages more through SQLCipher than in a small store (issue 11).
    fn folder_documents(&self, folder: i64) -> Result<Vec<DocMeta>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE d.folder_id = ?1",
            DocMeta::COLUMNS,
            DocMeta::FROM
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let mut latest: std::collections::BTreeMap<String, DocMeta> =
            std::collections::BTreeMap::new();
        for d in st.query_map([folder], DocMeta::from_row)? {
            let d = d?;
            match latest.get(&d.journal_number) {
                Some(have) if have.version >= d.version => {}
                _ => {
                    latest.insert(d.journal_number.clone(), d);
                }
            }
        }
        Ok(latest.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::parse_jno;

    #[test]
    fn journal_numbers_parse_with_optional_version() {
        assert_eq!(
            parse_jno("2026/00042").unwrap(),
            ("2026/00042".into(), None)
        );
        assert_eq!(
            parse_jno("2026/00042@3").unwrap(),
            ("2026/00042".into(), Some(3))
        );
        assert_eq!(parse_jno("2026/100001").unwrap().0, "2026/100001");
        for bad in [
            "2026/42",
            "26/00042",
            "2026-00042",
            "2026/00042@0",
            "2026/0004x",
            "",
        ] {
            assert!(parse_jno(bad).is_err(), "{bad}");
        }
    }
}
