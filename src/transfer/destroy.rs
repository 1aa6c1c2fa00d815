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

use crate::audit::{self, Act};
use crate::documents::journal;
use crate::identity::{Acting, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};

/// Destroys `person`'s folder inside the caller's transaction; gives the versions destroyed.
pub(crate) fn destroy_folder_for_transfer(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    person: i64,
    receiver: &str,
    receipt: &str,
) -> Result<usize> {
    let folder: i64 = tx
        .query_row(
            "SELECT id FROM folders WHERE person_id = ?1",
            [person],
            |r| r.get(0),
        )
        .map_err(|_| {
            Error::Integrity(t!("transfer-folder-missing", person = person.to_string()))
        })?;
    let versions: Vec<(String, i64, String)> = tx
        .prepare(
            "SELECT journal_number, version, grading FROM documents WHERE folder_id = ?1
             ORDER BY journal_number, version",
        )?
        .query_map([folder], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    // Keys first: with them gone, nothing left of the folder opens.
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
    tx.execute("DELETE FROM documents WHERE folder_id = ?1", [folder])?; // untranslated: SQL
                                                                         // What was received of them goes with them: a document that comes back later (with the
                                                                         // inmate, or revised by its sender) is filed anew under a new journal number, not found
                                                                         // "already here" or given a destroyed number again.
    for (jno, v, _) in &versions {
        tx.prepare_cached("DELETE FROM documents_in WHERE journal_number = ?1 AND version = ?2")?
            .execute(params![jno, v])?;
    }
    tx.execute("DELETE FROM folders WHERE id = ?1", [folder])?; // untranslated: SQL
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
    audit::append(
        tx,
        acting,
        &Act::new("folder-destroy")
            .person(person)
            .detail(format!("{why}: {} version(s), keys first", versions.len())), // untranslated: use-log detail
    )?;
    tx.execute(
        "UPDATE persons SET unit = ?2, updated_at = ?3 WHERE id = ?1",
        params![person, receiver, crate::time::now_rfc3339()],
    )?;
    Ok(versions.len())
}

/// After a destruction has committed: the WAL, which may still hold the deleted pages, is
/// checkpointed into the (securely deleted) database and truncated.
pub(crate) fn after_destruction(s: &Session) -> Result<()> {
    s.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?; // untranslated: SQL
    Ok(())
}
