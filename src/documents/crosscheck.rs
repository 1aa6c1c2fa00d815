//! Documents, the journal and the use log must tell the same story.
//!
//! Each is written in the same transaction as the others, so a version stored without its
//! log entry or journal row, or a log entry naming a version that is not stored, can only
//! come from someone deleting or adding rows with the store key (deleting a newer version to
//! make an older, lower-graded one current again; deleting a document and its journal rows).
//! Any command that touches a document checks it first ([`Session::check_document_whole`]),
//! and `verify` checks every document ([`Session::check_documents`]). A version destroyed by
//! retention is recorded as destroyed, in the journal and the log.

use crate::audit::checked::Signer;
use crate::audit::report::{all_versions_made, versions_made};
use crate::audit::Entry;
use crate::identity::{Role, Session};
use crate::{t, Error, Result};
use std::collections::{BTreeMap, BTreeSet};

/// The act retention logs for each document version it destroys (one entry per version,
/// naming the journal number and version).
pub(crate) const DESTROY_ACT: &str = "destroy";

/// Who may destroy: a certified officer or admin still on the list when the act was logged.
/// Retention's own rules (release registered, ten years without a hold) are checked by
/// retention when it destroys; this says only whose destroy act counts as evidence.
fn entitled_to_destroy(s: &Signer) -> bool {
    s.acting_as(Role::Officer) || s.acting_as(Role::Admin)
}

/// How far apart a version's journal date and its log entry's time may be: the program
/// dates both in the same transaction, a second or so apart.
const SAME_TIME_SECONDS: i64 = 60;

/// Whether two stored times (RFC 3339) are the same moment within [`SAME_TIME_SECONDS`]; a
/// time that does not parse was not written by the program.
fn same_time(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => (a - b).num_seconds().abs() <= SAME_TIME_SECONDS,
        _ => false,
    }
}

fn tampered(jno: &str, why: &str) -> Error {
    Error::Integrity(t!(
        "document-not-whole",
        jno = crate::text::escape(jno),
        why = why
    ))
}

impl Session {
    fn stored_versions(&self, jno: &str) -> Result<Vec<i64>> {
        let mut st = self.conn().prepare_cached(
            "SELECT version FROM documents WHERE journal_number = ?1 ORDER BY version",
        )?;
        let rows = st.query_map([jno], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The `created` and `received` journal rows of each version: (author, date).
    fn journaled_versions(&self, jno: &str) -> Result<BTreeMap<i64, Vec<(String, String)>>> {
        // Filtered here: `IN` would build a temporary b-tree at every call (see
        // `audit::report::versions_made`).
        let mut st = self.conn().prepare_cached(
            "SELECT version, status, by_user, date FROM journal WHERE journal_number = ?1",
        )?;
        let mut out: BTreeMap<i64, Vec<(String, String)>> = BTreeMap::new();
        let rows = st.query_map([jno], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (v, status, by, date) = row?;
            if status == "created" || status == "received" {
                out.entry(v).or_default().push((by, date));
            }
        }
        Ok(out)
    }

    /// Whether a document version the log says was made for `person` before entry `seq` is
    /// still stored, in whatever folder: the log, not the folder rows (which anyone holding
    /// the store key can point elsewhere), says which documents were the person's. One
    /// search of `use_log_person` per making act, and one lookup per version found.
    pub(crate) fn person_documents_made_before(&self, person: i64, seq: i64) -> Result<bool> {
        let mut made = self.conn().prepare_cached(
            "SELECT journal_number, doc_version FROM use_log
             WHERE person_id = ?1 AND act = ?2 AND outcome = 'ok' AND seq < ?3
               AND journal_number IS NOT NULL AND doc_version IS NOT NULL",
        )?;
        let mut stored = self.conn().prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE journal_number = ?1 AND version = ?2)",
        )?;
        for act in crate::audit::report::MAKING_ACTS {
            let versions: Vec<(String, i64)> = made
                .query_map(rusqlite::params![person, act, seq], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<std::result::Result<_, _>>()?;
            for (jno, v) in versions {
                if stored.query_row(rusqlite::params![jno, v], |r| r.get::<_, bool>(0))? {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The versions recorded as destroyed: a `destroyed` journal row, and a checked destroy
    /// act in the log by an account entitled to destroy ([`Session::destruction_vouched`]).
    /// A `destroyed` row alone excuses nothing: anyone holding the store key can write one
    /// and sign it with their own key.
    pub(crate) fn destroyed_versions(&self, jno: &str) -> Result<BTreeSet<i64>> {
        let mut st = self.conn().prepare_cached(
            "SELECT version FROM journal WHERE journal_number = ?1 AND status = 'destroyed'",
        )?;
        let rows: BTreeSet<i64> = st
            .query_map([jno], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = BTreeSet::new();
        for v in rows {
            if self.destruction_vouched(jno, v)? {
                out.insert(v);
            }
        }
        Ok(out)
    }

    /// Whether the log vouches for the destruction of version `v` of `jno`: an entry with
    /// act [`DESTROY_ACT`] naming it that checks (hash, signature, certified signer) and
    /// whose signer was entitled to destroy ([`entitled_to_destroy`]). This is the one place
    /// the destruction acts of retention are recognised.
    pub(crate) fn destruction_vouched(&self, jno: &str, v: i64) -> Result<bool> {
        let entries: Vec<Entry> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM use_log WHERE journal_number = ?1 AND doc_version = ?2
                   AND act = ?3 AND outcome = 'ok' ORDER BY seq",
                Entry::COLUMNS
            ))?
            .query_map(rusqlite::params![jno, v, DESTROY_ACT], Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        for e in &entries {
            if let Some(signer) = self.checked_entry(e)? {
                if entitled_to_destroy(&signer) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Checks one document: every version the log says was made is stored (or recorded as
    /// destroyed), every stored version was made by a logged act, and each has exactly one
    /// journal row of its making, by the account and at the time the log says (R29). Three
    /// indexed lookups, and a fourth for a destruction.
    ///
    /// The journal row is signed only by its author, so anyone holding the store key can add
    /// one in their own name or date their own again; at KSF the ten years ran from the
    /// journal's date, and a row dated back had a document destroyed at the next sweep.
    pub(crate) fn check_document_whole(&self, jno: &str) -> Result<()> {
        let made = versions_made(self.conn(), jno)?;
        let stored = self.stored_versions(jno)?;
        let journaled = self.journaled_versions(jno)?;
        let mut destroyed = None;
        for v in made.keys() {
            if !stored.contains(v) {
                let d = match &destroyed {
                    Some(d) => d,
                    None => destroyed.insert(self.destroyed_versions(jno)?),
                };
                if !d.contains(v) {
                    return Err(tampered(
                        jno,
                        &t!("document-why-version-missing", version = *v),
                    ));
                }
            }
        }
        for v in &stored {
            let Some(m) = made.get(v) else {
                return Err(tampered(
                    jno,
                    &t!("document-why-version-unlogged", version = *v),
                ));
            };
            match journaled.get(v).map(Vec::as_slice) {
                None | Some([]) => {
                    return Err(tampered(
                        jno,
                        &t!("document-why-version-unjournaled", version = *v),
                    ))
                }
                Some([(by, date)]) if *by == m.user && same_time(date, &m.time) => {}
                Some(_) => {
                    return Err(tampered(
                        jno,
                        &t!(
                            "document-why-journal-disagrees",
                            version = *v,
                            user = crate::text::escape(&m.user),
                            time = crate::text::escape(&m.time)
                        ),
                    ))
                }
            }
        }
        Ok(())
    }

    /// Checks every document, for `verify`. Returns the problems found.
    pub fn check_documents(&self) -> Result<Vec<String>> {
        let mut made: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        for (j, v) in all_versions_made(self.conn())? {
            made.entry(j).or_default().insert(v);
        }
        let mut stored: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        let mut st = self
            .conn()
            .prepare("SELECT journal_number, version FROM documents")?;
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (j, v) = r?;
            stored.entry(j).or_default().insert(v);
        }
        let mut problems = Vec::new();
        let names: BTreeSet<&String> = made.keys().chain(stored.keys()).collect();
        for j in names {
            if let Err(e) = self.check_document_whole(j) {
                problems.push(e.to_string());
            }
        }
        problems.extend(self.unbacked_receipt_records()?);
        Ok(problems)
    }

    /// Records of receipts (`documents_in`) that name a version neither stored nor destroyed
    /// by a checked destroy act: rows written with the store key. One such record once made
    /// a transfer pass for filed while nothing was, and its sender destroy its folder.
    fn unbacked_receipt_records(&self) -> Result<Vec<String>> {
        let rows: Vec<(String, i64, String)> = self
            .conn()
            .prepare(
                "SELECT i.journal_number, i.version, i.sender FROM documents_in i
                 WHERE NOT EXISTS (SELECT 1 FROM documents d
                                   WHERE d.journal_number = i.journal_number
                                     AND d.version = i.version)",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for (jno, v, sender) in rows {
            if !self.destruction_vouched(&jno, v)? {
                out.push(t!(
                    "document-receipt-record-unbacked",
                    sender = crate::text::escape(&sender),
                    jno = crate::text::escape(&jno),
                    version = v
                ));
            }
        }
        Ok(out)
    }
}
