//! A synthetic generator for benchmarks (DESIGN.md §10): fills an unlocked store with
//! persons, documents and log entries through the same code paths the commands use (folder
//! keys, chunk encryption, journal numbers, signed chained log entries), but in large
//! transactions so a million documents take minutes, not days.
//!
//! Not for real stores: it writes synthetic persons and documents as the acting officer.

use crate::audit::{self, Act};
use crate::authz::Grading;
use crate::crypto::stream::{self, ContentKey};
use crate::crypto::{rand, SecretKey};
use crate::identity::{Role, Session};
use crate::{Error, Result};
use rusqlite::params;

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Persons (each with a folder).
    pub persons: u64,
    /// Documents, spread over the persons.
    pub documents: u64,
    /// Log entries in all (document creations count; the rest are `show` entries).
    pub log_entries: u64,
}

/// Rows per transaction.
const BATCH: u64 = 20_000;

/// Fills the store. `progress(done, total)` is called per batch.
pub fn populate(s: &mut Session, plan: Plan, mut progress: impl FnMut(u64, u64)) -> Result<()> {
    if s.user().role != Role::Officer {
        return Err(Error::Usage("populate runs as an officer".into()));
    }
    let readers = s.default_readers()?;
    let total = plan.persons + plan.documents + plan.log_entries.saturating_sub(plan.documents);
    let mut done = 0u64;
    let mut folders: Vec<(i64, i64)> = Vec::new();
    // Persons and folders.
    while (folders.len() as u64) < plan.persons {
        let n = BATCH.min(plan.persons - folders.len() as u64);
        let me = s.user.id;
        let start = folders.len();
        let actor = audit::actor!(s);
        let made = s.db.write(|tx| {
            let mut made = Vec::new();
            for i in 0..n {
                tx.execute(
                    "INSERT INTO persons (name, kind, unit, created_at, created_by, updated_at)
                     VALUES (?1, 'inmate', 'Synthetic unit', ?2, ?3, ?2)",
                    params![
                        format!("Synthetic person {}", start as u64 + i + 1),
                        crate::time::now_rfc3339(),
                        me
                    ],
                )?;
                let pid = tx.last_insert_rowid();
                let f = crate::authz::folder::create(tx, pid, &readers, actor, me)?;
                made.push((pid, f));
            }
            Ok(made)
        })?;
        folders.extend(made);
        done += n;
        progress(done, total);
    }
    if folders.is_empty() {
        return Ok(());
    }
    let mut keys: Vec<Option<SecretKey>> = (0..folders.len()).map(|_| None).collect();
    // Documents, each with its create entry in the log.
    let mut made_docs = 0u64;
    let mut jnos: Vec<(String, i64)> = Vec::new();
    while made_docs < plan.documents {
        let n = BATCH.min(plan.documents - made_docs);
        let mut batch = Vec::with_capacity(n as usize);
        for i in 0..n {
            let k = usize::try_from((made_docs + i) % folders.len() as u64).unwrap_or(0);
            if keys[k].is_none() {
                keys[k] = Some(s.folder_key(folders[k].1, 1)?);
            }
            batch.push(k);
        }
        let actor = audit::actor!(s);
        let me = s.user.id;
        let folders_ref = &folders;
        let keys_ref = &keys;
        let new = s.db.write(|tx| {
            let mut out = Vec::new();
            for (i, k) in batch.iter().enumerate() {
                let (pid, fid) = folders_ref[*k];
                let key = keys_ref[*k].as_ref().ok_or_else(|| Error::Other("key".into()))?;
                let jno = crate::documents::journal::next_number(tx)?;
                let salt: [u8; 32] = rand::array()?;
                let uid: [u8; 16] = rand::array()?;
                let grading = Grading::Fortrolig.as_str();
                let title = format!("Synthetic document {}", made_docs + i as u64 + 1);
                let today = chrono::Utc::now().date_naive().to_string();
                tx.execute(
                    "INSERT INTO documents (uid, journal_number, version, folder_id, grading, title,
                         source, unverified, health_confidential, content_kind, size, key_version,
                         content_salt, chunk_count, info_date, created_at, created_by)
                     VALUES (?1, ?2, 1, ?3, ?4, ?5, 'other', 0, 0, 'text', ?6, 1, ?7, 1, ?8, ?9, ?10)",
                    params![
                        uid.to_vec(),
                        jno,
                        fid,
                        grading,
                        title,
                        64,
                        salt.to_vec(),
                        today,
                        crate::time::now_rfc3339(),
                        me
                    ],
                )?;
                let doc_id = tx.last_insert_rowid();
                let ck = ContentKey::derive(key, &salt)?;
                let mut body = vec![b'x'; 64];
                let meta = crate::documents::bound_metadata(
                    &title, "other", false, false, &today, None, "text", None,
                );
                ck.seal(&stream::aad(&uid, 1, grading, &jno, &meta), 0, true, &mut body)?;
                tx.execute(
                    "INSERT INTO doc_chunks (doc_id, idx, data) VALUES (?1, 0, ?2)",
                    params![doc_id, body],
                )?;
                crate::documents::journal::record(
                    tx, &jno, 1, grading, "other", "received",
                    crate::documents::journal::DEFAULT_EXEMPTION, actor.user,
                )?;
                audit::append(tx, actor, &Act::new("create").doc(&jno, 1, pid))?;
                out.push((jno, pid));
            }
            Ok(out)
        })?;
        made_docs += n;
        done += n;
        progress(done, total);
        if jnos.len() < 1000 {
            jnos.extend(new.into_iter().take(1000 - jnos.len()));
        }
    }
    // The rest of the log: show entries over the documents.
    let mut entries = plan.documents;
    while entries < plan.log_entries {
        let n = BATCH.min(plan.log_entries - entries);
        let actor = audit::actor!(s);
        let jr = &jnos;
        s.db.write(|tx| {
            for i in 0..n {
                let act = match jr.get(usize::try_from(i).unwrap_or(0) % jr.len().max(1)) {
                    Some((j, p)) => Act::new("show").doc(j, 1, *p),
                    None => Act::new("show"),
                };
                audit::append(tx, actor, &act)?;
            }
            Ok(())
        })?;
        entries += n;
        done += n;
        progress(done, total);
    }
    Ok(())
}

/// The admin's passphrase in a store made by [`bench_store`].
pub const ADMIN_PASS: &str = "admin-passphrase-1";
/// The officers' passphrase in a store made by [`bench_store`].
pub const OFFICER_PASS: &str = "bench-passphrase-1";

/// A new local store for benchmarks: the admin `admin`, the officer `bench` and `extra` more
/// officers (`officer0` …), with Argon2id calibrated to `kdf_target`.
pub fn bench_store(
    paths: &crate::store::StorePaths,
    extra: usize,
    kdf_target: std::time::Duration,
) -> Result<()> {
    use crate::crypto::Passphrase;
    use crate::identity::accounts::NewUser;
    use crate::identity::setup::{create_store, InitParams, Level};
    use crate::identity::{unlock, Clearance};
    create_store(
        paths,
        &InitParams {
            level: Level::Local,
            unit: "Benchmark unit".into(),
            region: Some("Benchmark region".into()),
            admin: "admin".into(),
            kdf_target,
            demo: false,
        },
        &Passphrase::from(ADMIN_PASS),
    )?;
    let mut admin = unlock(paths, "admin", &Passphrase::from(ADMIN_PASS))?;
    let names =
        std::iter::once("bench".to_string()).chain((0..extra).map(|i| format!("officer{i}")));
    for name in names {
        admin.enrol(
            &NewUser {
                name,
                role: Role::Officer,
                clearance: Clearance::StrengtFortrolig,
                order: None,
                decision_authority: false,
            },
            &Passphrase::from(OFFICER_PASS),
            Some("benchmark"),
        )?;
    }
    Ok(())
}
