//! The unit's journal (R14): numbers year/sequence that never change, and an entry for each
//! thing that happens to a numbered document. Exempt from public access; outlives the
//! documents it lists.

use crate::identity::Session;
use crate::Result;
use chrono::Datelike;
use rusqlite::{params, Transaction};
use serde::Serialize;

/// The default legal basis for exempting INFOFLYT documents from public access.
pub const DEFAULT_EXEMPTION: &str = "offl. § 13 jf. fvl. § 13; beskyttelsesinstruksen";

/// One journal entry.
#[derive(Debug, Serialize)]
pub struct JournalEntry {
    /// Journal number.
    pub journal_number: String,
    /// Version.
    pub version: i64,
    /// Date (UTC, RFC 3339).
    pub date: String,
    /// Grading.
    pub grading: String,
    /// Source or recipient.
    pub counterpart: String,
    /// received, created, sent, destroyed.
    pub status: String,
    /// Basis of exemption from public access.
    pub exemption: String,
    /// Who.
    pub by: String,
}

/// Allocates the next journal number of this year. Runs inside the caller's write
/// transaction, so two processes never get the same number.
pub(crate) fn next_number(tx: &Transaction<'_>) -> Result<String> {
    let year = chrono::Utc::now().year();
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM journal_numbers WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let jno = format!("{year:04}/{seq:05}");
    tx.execute(
        "INSERT INTO journal_numbers (year, seq, journal_number) VALUES (?1, ?2, ?3)",
        params![year, seq, jno],
    )?;
    Ok(jno)
}

/// Records a journal entry inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    tx: &Transaction<'_>,
    jno: &str,
    version: i64,
    grading: &str,
    counterpart: &str,
    status: &str,
    exemption: &str,
    by: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO journal (journal_number, version, date, grading, counterpart, status,
                              exemption, by_user)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            jno,
            version,
            crate::time::now_rfc3339(),
            grading,
            counterpart,
            status,
            exemption,
            by
        ],
    )?;
    Ok(())
}

impl Session {
    /// The journal, oldest first, optionally of one grading.
    pub fn journal(&self, grading: Option<&str>) -> Result<Vec<JournalEntry>> {
        let g = grading
            .map(|g| g.parse::<crate::authz::Grading>().map(|g| g.as_str()))
            .transpose()?;
        let mut st = self.db.conn().prepare(
            "SELECT journal_number, version, date, grading, counterpart, status, exemption, by_user
             FROM journal WHERE (?1 IS NULL OR grading = ?1) ORDER BY id",
        )?;
        let rows = st.query_map([g], |r| {
            Ok(JournalEntry {
                journal_number: r.get(0)?,
                version: r.get(1)?,
                date: r.get(2)?,
                grading: r.get(3)?,
                counterpart: r.get(4)?,
                status: r.get(5)?,
                exemption: r.get(6)?,
                by: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
