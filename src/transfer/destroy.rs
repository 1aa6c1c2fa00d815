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
/// `package-export` entry naming `id` as a transfer, about the person of the package's row,
/// signed by an officer or admin (only they hold the unit key that seals a package). None
/// for a package that moved no folder. The package row's kind and person are columns anyone
/// with the store key can change: pointed at another person, or a copy-up made a transfer,
/// the receipt would destroy a folder that never left. A row that says transfer with no
/// such entry is refused; at KSF, which keeps its copies for ten years (R29), no receipt
/// destroys anything.
pub(crate) fn transferred_person(
    s: &Session,
    conn: &rusqlite::Connection,
    id: &str,
    kind: &str,
    person: Option<i64>,
) -> Result<Option<i64>> {
    let logged = match person {
        Some(p) if s.meta().level != Level::Ksf => {
            let prefix = format!("transfer {id} to "); // untranslated: use-log detail read back
            let entries: Vec<Entry> = conn
                .prepare_cached(&format!(
                    "SELECT {} FROM use_log
                     WHERE person_id = ?1 AND act = 'package-export' AND outcome = 'ok'",
                    Entry::COLUMNS
                ))?
                .query_map([p], Entry::from_row)?
                .collect::<std::result::Result<_, _>>()?;
            let mut vouched = false;
            for e in entries {
                if e.detail.as_deref().is_some_and(|d| d.starts_with(&prefix)) {
                    vouched |= s
                        .checked_entry(&e)?
                        .is_some_and(|x| x.acting_as(Role::Officer) || x.acting_as(Role::Admin));
                }
            }
            vouched.then_some(p)
        }
        _ => None,
    };
    if kind == "transfer" && logged.is_none() {
        return Err(Error::Integrity(t!(
            "receipt-transfer-unlogged",
            package = id,
            person = person.map_or_else(|| "?".to_owned(), |p| p.to_string())
        )));
    }
    Ok(logged)
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
    if left.is_empty() {
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
    if left.is_empty() {
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
    if left.is_empty() {
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
    Ok(Moved {
        person,
        kept: left.len(),
    })
}

/// After a destruction has committed: the WAL, which may still hold the deleted pages, is
/// checkpointed into the (securely deleted) database and truncated.
pub(crate) fn after_destruction(s: &Session) -> Result<()> {
    s.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?; // untranslated: SQL
    Ok(())
}
