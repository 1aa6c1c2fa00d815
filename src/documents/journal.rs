//! The unit's journal (R14): numbers year/sequence that never change, and an entry for each
//! thing that happens to a numbered document. Exempt from public access; outlives the
//! documents it lists.

use crate::identity::{Acting, Session};
use crate::Result;
use chrono::Datelike;
use rusqlite::{params, Transaction};
use serde::Serialize;

/// The default legal basis for exempting INFOFLYT documents from public access.
pub const DEFAULT_EXEMPTION: &str = "offl. § 13 jf. fvl. § 13; beskyttelsesinstruksen"; // untranslated: stored journal field

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
    Numbers::default().next(tx)
}

/// Journal numbers for many documents in one transaction (an import): the year's highest
/// number is read once, then counted on. Each number is still recorded in `journal_numbers`,
/// whose primary key refuses one given twice; the allocator must be the only one in its
/// transaction.
#[derive(Debug, Default)]
pub(crate) struct Numbers {
    /// The year read, and the next number in it.
    next: Option<(i32, i64)>,
}

impl Numbers {
    /// The next journal number of this year.
    pub(crate) fn next(&mut self, tx: &Transaction<'_>) -> Result<String> {
        let year = chrono::Utc::now().year();
        let seq = match self.next {
            Some((y, seq)) if y == year => seq,
            _ => tx
                .prepare_cached(
                    "SELECT coalesce(max(seq), 0) + 1 FROM journal_numbers WHERE year = ?1",
                )?
                .query_row([year], |r| r.get(0))?,
        };
        let jno = format!("{year:04}/{seq:05}");
        tx.prepare_cached(
            "INSERT INTO journal_numbers (year, seq, journal_number) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![year, seq, jno])?;
        self.next = Some((year, seq + 1));
        Ok(jno)
    }
}

/// What a journal row's signature covers: every field, bound to the store.
#[allow(clippy::too_many_arguments)] // every field of the row, so none escapes the signature
pub(crate) fn message(
    store_id: &[u8],
    jno: &str,
    version: i64,
    date: &str,
    grading: &str,
    counterpart: &str,
    status: &str,
    exemption: &str,
    by: &str,
) -> Vec<u8> {
    crate::crypto::encode_fields(
        crate::crypto::labels::SIG_JOURNAL,
        &[
            store_id,
            jno.as_bytes(),
            &version.to_be_bytes(),
            date.as_bytes(),
            grading.as_bytes(),
            counterpart.as_bytes(),
            status.as_bytes(),
            exemption.as_bytes(),
            by.as_bytes(),
        ],
    )
}

/// Records a journal entry inside the caller's transaction, signed by the acting user.
#[allow(clippy::too_many_arguments)] // a transaction, its signer, and the row's fields
pub(crate) fn record(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    jno: &str,
    version: i64,
    grading: &str,
    counterpart: &str,
    status: &str,
    exemption: &str,
) -> Result<()> {
    let row = Unsigned::new(
        acting,
        jno,
        version,
        grading,
        counterpart,
        status,
        exemption,
    );
    let sig = acting.sign(&row.message);
    row.insert(tx, &sig)
}

/// A journal row waiting for its signature, which an import has made on another thread.
#[derive(Debug)]
pub(crate) struct Unsigned {
    jno: String,
    version: i64,
    date: String,
    grading: String,
    counterpart: String,
    status: String,
    exemption: String,
    by: String,
    signer: [u8; 32],
    /// What the signature covers: every field, bound to the store.
    pub(crate) message: Vec<u8>,
}

impl Unsigned {
    /// The row, dated now, by the acting user.
    pub(crate) fn new(
        acting: Acting<'_>,
        jno: &str,
        version: i64,
        grading: &str,
        counterpart: &str,
        status: &str,
        exemption: &str,
    ) -> Self {
        let date = crate::time::now_rfc3339();
        let by = &acting.user.name;
        let message = message(
            &acting.meta.store_id,
            jno,
            version,
            &date,
            grading,
            counterpart,
            status,
            exemption,
            by,
        );
        Unsigned {
            jno: jno.to_owned(),
            version,
            date,
            grading: grading.to_owned(),
            counterpart: counterpart.to_owned(),
            status: status.to_owned(),
            exemption: exemption.to_owned(),
            by: by.clone(),
            signer: acting.sign_public(),
            message,
        }
    }

    /// Writes the row with `signature` (over `message`, by the acting user).
    pub(crate) fn insert(
        self,
        tx: &Transaction<'_>,
        signature: &crate::crypto::sign::Signature,
    ) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO journal (journal_number, version, date, grading, counterpart, status,
                                  exemption, by_user, signer, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            self.jno,
            self.version,
            self.date,
            self.grading,
            self.counterpart,
            self.status,
            self.exemption,
            self.by,
            self.signer.to_vec(),
            signature.to_vec()
        ])?;
        // The ten-year rule at KSF counts from a number's first entry into this journal (R29).
        // Kept here rather than by a trigger: this is the journal's only writer, and a trigger
        // costs a frame allocation per row (schema/0009_speed.sql).
        if matches!(self.status.as_str(), "created" | "received") {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO retention_clock (journal_number, entered_at)
                 VALUES (?1, ?2)",
            )?
            .execute(params![self.jno, self.date])?;
        }
        Ok(())
    }
}

fn journal_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<JournalEntry> {
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
}

impl Session {
    /// The journal, oldest first, optionally of one grading.
    pub fn journal(&self, grading: Option<crate::authz::Grading>) -> Result<Vec<JournalEntry>> {
        let g = grading.map(|g| g.as_str());
        let mut st = self.conn().prepare(
            "SELECT journal_number, version, date, grading, counterpart, status, exemption, by_user
             FROM journal WHERE (?1 IS NULL OR grading = ?1) ORDER BY id",
        )?;
        let rows = st.query_map([g], journal_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The newest `limit` rows of the journal (optionally of one grading), oldest first. Costs
    /// the rows returned, not the journal's size: it reads the journal backwards from its
    /// newest row (a rowid range). With a grading it reads back until it has `limit` rows of
    /// that grading, which for a rare grading may be far.
    pub fn journal_newest(
        &self,
        grading: Option<crate::authz::Grading>,
        limit: u32,
    ) -> Result<Vec<JournalEntry>> {
        const COLS: &str =
            "journal_number, version, date, grading, counterpart, status, exemption, by_user"; // untranslated: SQL
        let mut rows: Vec<JournalEntry> = match grading {
            Some(g) => self
                .conn()
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM journal
                     WHERE id <= (SELECT max(id) FROM journal) AND grading = ?1
                     ORDER BY id DESC LIMIT ?2"
                ))?
                .query_map(rusqlite::params![g.as_str(), limit], journal_row)?
                .collect::<std::result::Result<_, _>>()?,
            None => self
                .conn()
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM journal WHERE id <= (SELECT max(id) FROM journal)
                     ORDER BY id DESC LIMIT ?1"
                ))?
                .query_map([limit], journal_row)?
                .collect::<std::result::Result<_, _>>()?,
        };
        rows.reverse();
        Ok(rows)
    }
}

impl Session {
    /// Every journal row must carry the signature of the user it names (by their certified
    /// key): a row changed or made up with the store key is reported. Returns the problems.
    pub fn check_journal(&self) -> Result<Vec<String>> {
        let keys: std::collections::HashMap<String, [u8; 32]> = self
            .certified_accounts()?
            .into_iter()
            .map(|c| (c.name, c.sign_public))
            .collect();
        let mut st = self.conn().prepare(
            "SELECT journal_number, version, date, grading, counterpart, status, exemption,
                    by_user, signature FROM journal ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        let mut problems = Vec::new();
        let store_id = self.meta().store_id.clone();
        while let Some(r) = rows.next()? {
            let (jno, v, date, g, c, status, ex, by, sig): (
                String,
                i64,
                String,
                String,
                String,
                String,
                String,
                String,
                Vec<u8>,
            ) = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            );
            let msg = message(&store_id, &jno, v, &date, &g, &c, &status, &ex, &by);
            let ok = keys
                .get(&by)
                .is_some_and(|k| crate::crypto::sign::verify(k, &msg, &sig));
            if !ok {
                problems.push(crate::t!(
                    "journal-entry-unsigned",
                    jno = crate::text::escape(&jno),
                    version = v,
                    status = crate::text::escape(&status)
                ));
            }
        }
        Ok(problems)
    }
}
