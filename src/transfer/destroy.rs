//! Destroying the sender's folder once a transfer's receipt is back (R13, DESIGN.md §7).
//!
//! The folder followed its inmate; the receipt proves the receiving unit has it. Then the
//! keys go first — every wrap, pin, pending grant and rotation, and every key record of both
//! chains, so no copy of the ciphertext anywhere in the store opens again (cryptographic
//! erase) — and then the document rows and their chunks (`secure_delete` overwrites them)
//! and the folder. Each version is journalled `destroyed` and logged, so the journal and the
//! log outlive what they describe; after the commit the WAL is checkpointed and truncated.
//!
//! Retention's `destroy_folder_tx` does the same for a release or the ten-year rule and also
//! retires the register entry; a transferred person stays in this unit's register (moved to
//! the receiving unit), so this path keeps its own deletion but logs the same destroy act, in
//! the same fixed form, that the document cross-check recognises.

use crate::audit::Entry;
use crate::audit::{self, Act};
use crate::documents::journal;
use crate::identity::{Acting, Level, Role, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};
use std::collections::HashSet;

/// Whose folder the sealed package `id` moved away, as the use log has it: a checked
/// `package-export` entry naming `id` as a transfer, about the package row's person or the
/// person of a version the receipt says was filed (`filed`), signed by an officer or admin
/// (only they hold the unit key that seals a package). None for a package that moved no
/// folder. The package row's kind and person are columns anyone with the store key can
/// change: pointed at another person, or a copy-up made a transfer, the receipt would
/// destroy a folder that never left; a transfer made a copy-up would keep one for good. A
/// row that says transfer with no such entry is refused; at KSF, which keeps its copies
/// for ten years (R29), no receipt destroys anything.
pub(crate) fn transferred_person(
    s: &Session,
    conn: &rusqlite::Connection,
    id: &str,
    (kind, person): (&str, Option<i64>),
    filed: &[(String, i64)],
) -> Result<Option<i64>> {
    let mut candidates: Vec<i64> = person.into_iter().collect();
    let mut named = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM use_log
         WHERE journal_number = ?1 AND doc_version = ?2 AND person_id IS NOT NULL",
    )?;
    for (jno, v) in filed {
        for p in named.query_map(params![jno, v], |r| r.get::<_, i64>(0))? {
            let p = p?;
            if !candidates.contains(&p) {
                candidates.push(p);
            }
        }
    }
    let mut logged = None;
    if s.meta().level != Level::Ksf {
        for p in candidates {
            if transfer_logged(s, conn, id, p)? {
                logged = Some(p);
                break;
            }
        }
    }
    if kind == "transfer" && logged.is_none() {
        return Err(Error::Integrity(t!(
            "receipt-transfer-unlogged",
            package = id,
            person = person.map_or_else(|| "?".to_owned(), |p| p.to_string())
        )));
    }
    Ok(logged)
}

/// Of the versions a receipt lists as filed, those this unit sent in package `id`: each
/// must have a checked `send` entry of an officer or admin naming the package (an indexed
/// lookup by journal number). The receiver signs the list, but builds a receipt written
/// again from its records of receipts, rows its clerk can edit: a version written after the
/// package was sealed, listed there, would otherwise be destroyed without having travelled.
pub(crate) fn sent_in(
    s: &Session,
    conn: &rusqlite::Connection,
    id: &str,
    filed: &[(String, i64)],
) -> Result<HashSet<(String, i64)>> {
    let needle = format!("in package {id} to "); // untranslated: use-log detail read back
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM use_log WHERE journal_number = ?1 AND doc_version = ?2
           AND act = 'send' AND outcome = 'ok'",
        Entry::COLUMNS
    ))?;
    let mut out = HashSet::new();
    for (jno, v) in filed {
        let entries: Vec<Entry> = st
            .query_map(params![jno, v], Entry::from_row)?
            .collect::<std::result::Result<_, _>>()?;
        if s.any_checked_by(entries, &needle, &[Role::Officer, Role::Admin])? {
            out.insert((jno.clone(), *v));
        }
    }
    Ok(out)
}

/// Whether a checked `package-export` entry about `person`, by an officer or admin, names
/// `id` as a transfer (an indexed lookup by person and act).
fn transfer_logged(
    s: &Session,
    conn: &rusqlite::Connection,
    id: &str,
    person: i64,
) -> Result<bool> {
    let prefix = format!("transfer {id} to "); // untranslated: use-log detail read back
    let entries: Vec<Entry> = conn
        .prepare_cached(&format!(
            "SELECT {} FROM use_log
             WHERE person_id = ?1 AND act = 'package-export' AND outcome = 'ok'",
            Entry::COLUMNS
        ))?
        .query_map([person], Entry::from_row)?
        .collect::<std::result::Result<_, _>>()?;
    s.any_checked_by(entries, &prefix, &[Role::Officer, Role::Admin])
}

/// The versions the log says were made for `person` (by any making act) that are still
/// stored, in whatever folder: the folder column, which anyone with the store key can
/// point elsewhere, does not decide what a folder still holds.
fn made_and_stored(tx: &Transaction<'_>, person: i64) -> Result<Vec<(String, i64)>> {
    let mut made = tx.prepare_cached(
        "SELECT journal_number, doc_version FROM use_log
         WHERE person_id = ?1 AND act = ?2 AND outcome = 'ok'
           AND journal_number IS NOT NULL AND doc_version IS NOT NULL",
    )?;
    let mut stored = tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE journal_number = ?1 AND version = ?2)",
    )?;
    let mut out = Vec::new();
    for act in audit::report::MAKING_ACTS {
        let versions: Vec<(String, i64)> = made
            .query_map(params![person, act], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for (jno, v) in versions {
            if stored.query_row(params![jno, v], |r| r.get::<_, bool>(0))? {
                out.push((jno, v));
            }
        }
    }
    Ok(out)
}

/// What a transfer's receipt destroyed here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Moved {
    /// The person whose documents went.
    pub(crate) person: i64,
    /// Versions kept: written or received after the transfer was sealed, or not filed by the
    /// receiver. The folder and its keys stay while any is left.
    pub(crate) kept: usize,
}

/// Every key record of `folder`, and what waits on them: with them gone, nothing left of the
/// folder opens (cryptographic erase).
fn erase_keys(tx: &Transaction<'_>, folder: i64) -> Result<()> {
    for table in [
        "folder_key_wraps",
        "key_pins",
        "folder_grants_pending",
        "folder_rotations_pending",
        "folder_key_versions",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE folder_id = ?1"), // untranslated: SQL
            [folder],
        )?;
    }
    Ok(())
}

/// Destroys, inside the caller's transaction, the versions of `person`'s folder that the
/// receiver's signed receipt says it filed (`filed`: this unit's journal number and
/// version); the folder itself, keys first, once nothing else is left in it. A document
/// written into the folder while the transfer was on its way, or one the receiver did not
/// file, never reached the receiver, so it is not destroyed on this receipt: the folder
/// keeps it until it follows with another transfer.
pub(crate) fn destroy_folder_for_transfer(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    person: i64,
    (receiver, receipt): (&str, &str),
    filed: &HashSet<(String, i64)>,
) -> Result<Moved> {
    let folder: i64 = tx
        .query_row(
            "SELECT id FROM folders WHERE person_id = ?1",
            [person],
            |r| r.get(0),
        )
        .map_err(|_| {
            Error::Integrity(t!("transfer-folder-missing", person = person.to_string()))
        })?;
    let (versions, left): (Vec<(String, i64, String)>, Vec<_>) = tx
        .prepare(
            "SELECT journal_number, version, grading FROM documents WHERE folder_id = ?1
             ORDER BY journal_number, version",
        )?
        .query_map([folder], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<Vec<(String, i64, String)>, _>>()?
        .into_iter()
        .partition(|(j, v, _)| filed.contains(&(j.clone(), *v)));
    // Also what the log says was made for the person and is stored elsewhere now: moved out
    // of the folder with the store key, it would otherwise lose its keys unseen.
    let moved_out = made_and_stored(tx, person)?
        .into_iter()
        .filter(|x| !filed.contains(x) && !left.iter().any(|(j, v, _)| (j, v) == (&x.0, &x.1)))
        .count();
    let kept = left.len() + moved_out;
    if kept == 0 {
        erase_keys(tx, folder)?;
    }
    for (jno, v, _) in &versions {
        tx.prepare_cached("DELETE FROM documents WHERE journal_number = ?1 AND version = ?2")?
            .execute(params![jno, v])?;
        // What was received of it goes with it: a document that comes back later (with the
        // inmate, or revised by its sender) is filed anew under a new journal number, not
        // found "already here" or given a destroyed number again.
        tx.prepare_cached("DELETE FROM documents_in WHERE journal_number = ?1 AND version = ?2")?
            .execute(params![jno, v])?;
    }
    if kept == 0 {
        tx.execute("DELETE FROM folders WHERE id = ?1", [folder])?; // untranslated: SQL
    }
    let why = format!("transferred to {receiver}; receipt {receipt}"); // untranslated: use-log detail
    for (jno, v, grading) in &versions {
        journal::record(
            tx,
            acting,
            jno,
            *v,
            grading,
            receiver,
            "destroyed",
            journal::DEFAULT_EXEMPTION,
        )?;
        // `destroy`: the act `verify`'s document cross-check accepts as vouching for a
        // version that is gone (documents/crosscheck.rs, DESTROY_ACT), as for retention.
        audit::append(
            tx,
            acting,
            // The act and detail retention writes for a destruction (retention::destroy), so
            // the document cross-check counts it: a `destroyed` journal row excuses a missing
            // version only beside a checked destroy act by someone entitled to destroy.
            &Act::new("destroy")
                .doc(jno, *v, person)
                .detail(format!("rule=transfer; by=user; receipt={receipt}")), // untranslated: use-log detail
        )?;
    }
    if kept == 0 {
        audit::append(
            tx,
            acting,
            &Act::new("folder-destroy")
                .person(person)
                .detail(format!("{why}: {} version(s), keys first", versions.len())), // untranslated: use-log detail
        )?;
    }
    tx.execute(
        "UPDATE persons SET unit = ?2, updated_at = ?3 WHERE id = ?1",
        params![person, receiver, crate::time::now_rfc3339()],
    )?;
    Ok(Moved { person, kept })
}

/// After a destruction has committed: the WAL, which may still hold the deleted pages, is
/// checkpointed into the (securely deleted) database and truncated.
pub(crate) fn after_destruction(s: &Session) -> Result<()> {
    s.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?; // untranslated: SQL
    Ok(())
}
