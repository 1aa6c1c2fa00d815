//! Pass 2 of an import: every document streamed from the package into its folder, inside the
//! filing transaction (see `file.rs`). Each document is written under this store's folder key,
//! journalled as received with the sender's journal number beside ours, and logged as
//! `import`. A version received before (same sender, number and version) is not filed again.
//!
//! The journal row and the log entry of each document are signed on the second core while
//! this thread files the next document (the two Ed25519 signatures were 40 % of an import),
//! and written one document later, in order; all are written before the transaction goes on.

use super::file::ImportedDoc;
use super::Arrived;
use crate::audit::bulk::Appender;
use crate::authz::folder::{FolderKey, Tier};
use crate::crypto::sign::SignAhead;
use crate::documents::{journal, write_received_ahead, Owed, Received};
use crate::identity::{Acting, Session};
use crate::transfer::payload::{DocFacts, Payload};
use crate::{Error, Result};
use rusqlite::{params, Transaction};
use std::collections::{HashMap, VecDeque};
use std::io::Read;

/// Documents whose journal row and log entry wait for their signatures while the next ones
/// are filed. The signing thread's work per document is close to the filing thread's; with
/// one document of slack, every hiccup of either stalled the other, and imports of the same
/// package ran from 7 600 to 11 600 entries a second (issue 7). The rows waiting are small.
const SIGNED_AHEAD: usize = 64;

/// What filing the documents of one package keeps from one document to the next.
struct Filing<'a, 's> {
    tx: &'a Transaction<'a>,
    acting: Acting<'a>,
    pl: &'a Payload,
    folders: &'a [(i64, i64, bool)],
    limit: u64,
    log: Appender,
    signer: SignAhead<'s>,
    owed: VecDeque<Owed>,
    keys: HashMap<(i64, Tier), FolderKey>,
    numbers: HashMap<String, (String, i64)>,
    journal_numbers: journal::Numbers,
    out: Vec<ImportedDoc>,
}

impl Session {
    /// Pass 2: every document streamed from the package into its folder.
    pub(super) fn file_documents(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        a: &mut Arrived,
        folders: &[(i64, i64, bool)],
        progress: &mut impl FnMut(u64, u64),
    ) -> Result<Vec<ImportedDoc>> {
        let pl = a.payload.clone();
        let total = pl.documents.len() as u64;
        let limit = self.max_document_mib()?.saturating_mul(1 << 20);
        let log = Appender::new(tx, &acting.meta.store_id)?;
        progress(0, total);
        std::thread::scope(|scope| {
            let mut f = Filing {
                tx,
                acting,
                pl: &pl,
                folders,
                limit,
                log,
                signer: SignAhead::start(scope, acting.signing),
                owed: VecDeque::new(),
                keys: HashMap::new(),
                numbers: HashMap::new(),
                journal_numbers: journal::Numbers::default(),
                out: Vec::with_capacity(pl.documents.len()),
            };
            let mut i = 0usize;
            a.package.for_each_document(|_, reader| {
                let d = pl
                    .documents
                    .get(i)
                    .ok_or_else(|| Error::Other(crate::t!("transfer-more-documents")))?;
                i += 1;
                self.file_one(&mut f, d, reader)?;
                progress(i as u64, total);
                Ok(())
            })?;
            for rows in std::mem::take(&mut f.owed) {
                rows.write(tx, &mut f.signer)?;
            }
            Ok(f.out)
        })
    }

    /// Files one document; its journal row and log entry are left owed in `f`.
    fn file_one(&self, f: &mut Filing<'_, '_>, d: &DocFacts, reader: &mut dyn Read) -> Result<()> {
        let (tx, pl) = (f.tx, f.pl);
        let pi = pl.persons.iter().position(|p| p.uid == d.person);
        let (person, folder, _) = pi
            .and_then(|x| f.folders.get(x).copied())
            .ok_or_else(|| Error::Other(crate::t!("transfer-doc-person-unplaced")))?;
        let known = match received_before(tx, &pl.sender, d, folder)? {
            Before::This(j, v) if self.received_as_logged(&j, v, &pl.sender)? => {
                std::io::copy(reader, &mut std::io::sink())
                    .map_err(|_| Error::Integrity(crate::t!("transfer-doc-changed")))?;
                f.out.push(doc_row(d, j, v, person, true));
                return Ok(());
            }
            Before::This(..) | Before::Nothing => None,
            Before::Another(j) => Some(j),
        };
        let (jno, version) = next_local(tx, &f.numbers, known, d)?;
        let known_number = jno.is_some();
        let jno = match jno {
            Some(j) => j,
            None => f.journal_numbers.next(tx)?,
        };
        let tier = match Tier::of(d.grading) {
            Tier::F if known_number && raised_later(tx, &pl.sender, d, folder)? => Tier::S,
            t => t,
        };
        let key = self.write_key_in(&mut f.keys, folder, tier)?;
        let counterpart = format!("{} {} v{}", pl.sender, d.journal_number, d.version);
        let r = Received {
            jno: Some(jno.clone()),
            version,
            folder_id: folder,
            person_id: person,
            grading: d.grading,
            title: &d.title,
            source: received_source(d.source, pl.sender_level),
            unverified: d.unverified,
            health: d.health_confidential,
            derived_from: d
                .derived_from
                .as_ref()
                .map(|x| format!("{} {x}", pl.sender)),
            info_date: d.info_date.clone(),
            content_kind: &d.content_kind,
            file_name: d.file_name.clone(),
            size: d.size,
            counterpart: &counterpart,
            detail: format!("from {} in package {}", pl.sender, pl.id), // untranslated: use-log detail
        };
        let (jno, _, rows) = write_received_ahead(
            tx,
            f.acting,
            &mut f.log,
            &mut f.signer,
            key,
            &r,
            reader,
            f.limit,
        )?;
        if known_number {
            let key = self.write_key_in(&mut f.keys, folder, tier)?;
            self.move_older_under(tx, (&jno, folder), (&pl.sender, d.version, version), key)?;
        }
        f.owed.push_back(rows);
        if f.owed.len() > SIGNED_AHEAD {
            if let Some(rows) = f.owed.pop_front() {
                rows.write(tx, &mut f.signer)?;
            }
        }
        // A record of this version that names nothing stored (see `received_before`) gives
        // way to the true one.
        tx.prepare_cached(
            "INSERT OR REPLACE INTO documents_in (journal_number, version, sender,
                                       sender_journal_number, sender_version, package_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            jno,
            version,
            pl.sender,
            d.journal_number,
            d.version,
            pl.id.as_str()
        ])?;
        f.numbers
            .insert(d.journal_number.clone(), (jno.clone(), version + 1));
        f.out.push(doc_row(d, jno, version, person, false));
        Ok(())
    }
}

fn doc_row(d: &DocFacts, jno: String, version: i64, person: i64, already: bool) -> ImportedDoc {
    ImportedDoc {
        sender_journal_number: d.journal_number.clone(),
        sender_version: d.version,
        journal_number: jno,
        version,
        person_id: person,
        already,
    }
}

/// What this unit received before from the same sender under the same journal number there.
enum Before {
    /// This very version: its local number and version.
    This(String, i64),
    /// Other versions only: the local journal number they were filed under.
    Another(String),
    Nothing,
}

/// One search of the (sender, number, version) index answers both questions an import asks
/// of each document: whether this version is here, and under which number its document is
/// (two statements per document before).
///
/// A record of a receipt counts only beside the version it names, still stored in the
/// folder this document goes to: the records are rows anyone with the store key can add,
/// and one naming nothing, or another person's document, would have a transfer reported
/// filed (and the sender destroy its folder) while nothing was filed at all. "This very
/// version" is further checked against the log ([`Session::received_as_logged`]).
fn received_before(
    tx: &Transaction<'_>,
    sender: &str,
    d: &DocFacts,
    folder: i64,
) -> Result<Before> {
    // No ORDER BY: sorting even the few rows of one document built a temporary b-tree at
    // every document, a pager and page cache that memory security locked, wiped and unlocked,
    // two fifths of a large import's filing (issue 7). The rows are one per version the
    // sender sent; this version, if among them, wins. CROSS JOIN keeps them the outer loop:
    // without statistics the planner may walk the folder's documents instead.
    let mut st = tx.prepare_cached(
        "SELECT i.journal_number, i.version, i.sender_version = ?3
         FROM documents_in i CROSS JOIN documents d
           ON d.journal_number = i.journal_number AND d.version = i.version
         WHERE i.sender = ?1 AND i.sender_journal_number = ?2 AND d.folder_id = ?4",
    )?;
    let mut rows = st.query(params![sender, d.journal_number, d.version, folder])?;
    let mut row: Option<(String, i64, bool)> = None;
    while let Some(r) = rows.next()? {
        let this: bool = r.get(2)?;
        if row.is_none() || this {
            row = Some((r.get(0)?, r.get(1)?, this));
        }
        if this {
            break;
        }
    }
    Ok(match row {
        Some((j, v, true)) => Before::This(j, v),
        Some((j, _, false)) => Before::Another(j),
        None => Before::Nothing,
    })
}

impl Session {
    /// Whether version `v` of `jno` came from `sender` as the log has it: a checked `import`
    /// entry of an officer naming the sender. Asked only of a version found "already here",
    /// where a record planted with the store key would otherwise have a document reported
    /// filed (and its sender destroy it) without anything filed.
    fn received_as_logged(&self, jno: &str, v: i64, sender: &str) -> Result<bool> {
        let prefix = format!("from {sender} in package "); // untranslated: use-log detail read back
        let entries: Vec<crate::audit::Entry> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM use_log WHERE journal_number = ?1 AND doc_version = ?2
                   AND act = 'import' AND outcome = 'ok'",
                crate::audit::Entry::COLUMNS
            ))?
            .query_map(params![jno, v], crate::audit::Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        self.any_checked_by(entries, &prefix, &[crate::identity::Role::Officer])
    }
}

/// Whether a later version of the sender's document, received here before this one (the
/// packages came out of order), is under the S key in `folder`: then this version, with
/// contents a regrade at the sender raised, goes under the S key too, as a regrade here
/// would have moved it.
fn raised_later(tx: &Transaction<'_>, sender: &str, d: &DocFacts, folder: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM documents_in i JOIN documents d
                              ON d.journal_number = i.journal_number AND d.version = i.version
                            WHERE i.sender = ?1 AND i.sender_journal_number = ?2
                              AND i.sender_version > ?3 AND d.folder_id = ?4
                              AND d.key_tier = 'S')",
        )?
        .query_row(params![sender, d.journal_number, d.version, folder], |r| {
            r.get(0)
        })?)
}

/// Where a received version goes: a further version of a document received before (same
/// sender, same journal number there; in this package, or `known` from an earlier one), or
/// a new journal number here.
fn next_local(
    tx: &Transaction<'_>,
    numbers: &HashMap<String, (String, i64)>,
    known: Option<String>,
    d: &DocFacts,
) -> Result<(Option<String>, i64)> {
    if let Some((j, v)) = numbers.get(&d.journal_number) {
        return Ok((Some(j.clone()), *v));
    }
    match known {
        Some(j) => {
            let v: i64 = tx
                .prepare_cached(
                    "SELECT coalesce(max(version), 0) + 1 FROM documents WHERE journal_number = ?1",
                )?
                .query_row([&j], |r| r.get(0))?;
            Ok((Some(j), v))
        }
        None => Ok((None, 1)),
    }
}

/// The source a received document is filed under: where the information came from, with
/// "this unit" at the sender read as the sender's level (`local` here means this unit).
fn received_source(
    s: crate::documents::Source,
    sender: crate::identity::Level,
) -> crate::documents::Source {
    use crate::documents::Source;
    use crate::identity::Level;
    match (s, sender) {
        (Source::Local, Level::Ksf) => Source::Ksf,
        (Source::Local, Level::Region) => Source::Region,
        (Source::Local, Level::Local) => Source::Other,
        (s, _) => s,
    }
}
