//! A synthetic generator for benchmarks (DESIGN.md §10): fills an unlocked store with
//! persons, documents and log entries through the same code paths the commands use (folder
//! keys, chunk encryption, journal numbers, signed chained log entries), but in large
//! transactions so a million documents take minutes, not days.
//!
//! Not for real stores: it writes synthetic persons and documents as the acting officer.

use crate::audit::{self, Act};
use crate::authz::folder::{FolderKey, Tier};
use crate::authz::Grading;
use crate::crypto::rand;
use crate::crypto::stream;
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
    let total = plan.persons + plan.documents + plan.log_entries.saturating_sub(plan.documents);
    let mut done = 0u64;
    let mut tick = |n: u64| {
        done += n;
        progress(done, total);
    };
    let folders = persons(s, plan.persons, &mut tick)?;
    if folders.is_empty() {
        return Ok(());
    }
    let jnos = documents(s, &folders, plan.documents, &mut tick)?;
    let mut entries = plan.documents;
    while entries < plan.log_entries {
        let n = BATCH.min(plan.log_entries - entries);
        s.write(|tx, acting| {
            for i in 0..n {
                let act = match jnos.get(usize::try_from(i).unwrap_or(0) % jnos.len().max(1)) {
                    Some((j, p)) => Act::new("show").doc(j, 1, *p),
                    None => Act::new("show"),
                };
                audit::append(tx, acting, &act)?;
            }
            Ok(())
        })?;
        entries += n;
        tick(n);
    }
    Ok(())
}

/// Persons and their folders, made by the acting officer: (person, folder).
fn persons(s: &mut Session, count: u64, tick: &mut impl FnMut(u64)) -> Result<Vec<(i64, i64)>> {
    let officers = s.officers()?;
    let mut folders: Vec<(i64, i64)> = Vec::new();
    while (folders.len() as u64) < count {
        let n = BATCH.min(count - folders.len() as u64);
        let start = folders.len() as u64;
        let made = s.write(|tx, acting| {
            let mut made = Vec::new();
            for i in 0..n {
                let name = format!("Synthetic person {}", start + i + 1);
                tx.execute(
                    "INSERT INTO persons (name, kind, unit, created_at, created_by, updated_at)
                     VALUES (?1, 'inmate', 'Synthetic unit', ?2, ?3, ?2)",
                    params![name, crate::time::now_rfc3339(), acting.user.id],
                )?;
                let pid = tx.last_insert_rowid();
                crate::register::search::index_name(tx, pid, &name)?;
                made.push((
                    pid,
                    crate::authz::folder::create(tx, acting, &officers, pid)?,
                ));
            }
            Ok(made)
        })?;
        folders.extend(made);
        tick(n);
    }
    Ok(folders)
}

/// Documents spread over `folders`, each with its journal entry and create entry in the
/// log. Returns up to 1000 (journal number, person) to show.
fn documents(
    s: &mut Session,
    folders: &[(i64, i64)],
    count: u64,
    tick: &mut impl FnMut(u64),
) -> Result<Vec<(String, i64)>> {
    let mut keys: Vec<Option<FolderKey>> = (0..folders.len()).map(|_| None).collect();
    let mut made_docs = 0u64;
    let mut jnos: Vec<(String, i64)> = Vec::new();
    while made_docs < count {
        let n = BATCH.min(count - made_docs);
        let mut batch = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        for i in 0..n {
            let k = usize::try_from((made_docs + i) % folders.len() as u64).unwrap_or(0);
            if keys[k].is_none() {
                keys[k] = Some(s.folder_key(folders[k].1, Tier::F, 1)?);
            }
            batch.push(k);
        }
        let new = s.write(|tx, acting| {
            let mut out = Vec::new();
            for (i, k) in batch.iter().enumerate() {
                let (pid, fid) = folders[*k];
                let key = keys[*k]
                    .as_ref()
                    .ok_or_else(|| Error::Other("key".into()))?;
                let title = format!("Synthetic document {}", made_docs + i as u64 + 1);
                let jno = one_document(tx, acting, fid, key, &title)?;
                audit::append(tx, acting, &Act::new("create").doc(&jno, 1, pid))?;
                out.push((jno, pid));
            }
            Ok(out)
        })?;
        made_docs += n;
        tick(n);
        if jnos.len() < 1000 {
            jnos.extend(new.into_iter().take(1000 - jnos.len()));
        }
    }
    Ok(jnos)
}

/// One small document in folder `fid`, encrypted and journaled; returns its number.
fn one_document(
    tx: &rusqlite::Transaction<'_>,
    acting: crate::identity::Acting<'_>,
    fid: i64,
    key: &FolderKey,
    title: &str,
) -> Result<String> {
    let jno = crate::documents::journal::next_number(tx)?;
    let salt: [u8; 32] = rand::array()?;
    let uid: [u8; 16] = rand::array()?;
    let grading = Grading::Fortrolig.as_str();
    let today = chrono::Utc::now().date_naive().to_string();
    tx.prepare_cached(
        "INSERT INTO documents (uid, journal_number, version, folder_id, grading, title,
             source, unverified, health_confidential, content_kind, size, key_tier,
             key_version, content_salt, chunk_count, info_date, created_at, created_by)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, 'other', 0, 0, 'text', 64, 'F', 1, ?6, 1, ?7, ?8, ?9)",
    )?
    .execute(params![
        uid.to_vec(),
        jno,
        fid,
        grading,
        title,
        salt.to_vec(),
        today,
        crate::time::now_rfc3339(),
        acting.user.id
    ])?;
    let doc_id = tx.last_insert_rowid();
    let mut body = vec![b'x'; 64];
    let meta =
        crate::documents::bound_metadata(title, "other", false, false, &today, None, "text", None);
    key.content_key(&salt)?.seal(
        &stream::aad(&uid, 1, grading, &jno, &meta),
        0,
        true,
        &mut body,
    )?;
    tx.prepare_cached("INSERT INTO doc_chunks (doc_id, idx, data) VALUES (?1, 0, ?2)")?
        .execute(params![doc_id, body])?;
    crate::documents::journal::record(
        tx,
        acting,
        &jno,
        1,
        grading,
        "other",
        "received",
        crate::documents::journal::DEFAULT_EXEMPTION,
    )?;
    Ok(jno)
}

/// The admin's passphrase in a store made by [`bench_store`].
pub const ADMIN_PASS: &str = "benchmark admin passphrase 1";
/// The passphrase of the officer `bench` in a store made by [`bench_store`].
pub const OFFICER_PASS: &str = "benchmark officer passphrase 1";

/// The passphrase of officer `name` in a store made by [`bench_store`]: `bench` has
/// [`OFFICER_PASS`], each other officer one of its own (a passphrase that opens a colleague's
/// slot is refused at enrolment).
pub fn officer_pass(name: &str) -> String {
    if name == "bench" {
        OFFICER_PASS.to_owned()
    } else {
        format!("{OFFICER_PASS} for {name}")
    }
}

/// A new local store for benchmarks: the admin `admin`, the officer `bench` and `extra` more
/// officers (`officer0` …), with Argon2id calibrated to `kdf_target`.
pub fn bench_store(
    paths: &crate::store::StorePaths,
    extra: usize,
    kdf_target: std::time::Duration,
) -> Result<()> {
    bench_store_with(paths, extra, kdf_target, None)
}

/// [`bench_store`] with exact Argon2id parameters if `kdf` is given (those of a store to
/// compare with), else calibrated to `kdf_target`.
pub fn bench_store_with(
    paths: &crate::store::StorePaths,
    extra: usize,
    kdf_target: std::time::Duration,
    kdf: Option<crate::crypto::kdf::KdfParams>,
) -> Result<()> {
    let unit = BenchUnit {
        level: crate::identity::Level::Local,
        unit: "Benchmark unit",
        region: Some("Benchmark region"),
    };
    unit_store(paths, &unit, extra, kdf_target, kdf)
}

/// Which unit a benchmark store is, for stores that exchange packages.
#[derive(Clone, Copy, Debug)]
pub struct BenchUnit<'a> {
    /// Local, region or KSF.
    pub level: crate::identity::Level,
    /// The unit's name.
    pub unit: &'a str,
    /// The region a local unit belongs to.
    pub region: Option<&'a str>,
}

/// A new store of `unit` for benchmarks and tests of packages: the admin `admin` and the
/// officer `bench`, with Argon2id at its floor.
pub fn bench_unit_store(paths: &crate::store::StorePaths, unit: &BenchUnit<'_>) -> Result<()> {
    unit_store(paths, unit, 0, std::time::Duration::from_millis(1), None)
}

/// The admin of the store at `a` trusts the card of the store at `b`, as `unit trust` does.
pub fn bench_trust(a: &crate::store::StorePaths, b: &crate::store::StorePaths) -> Result<()> {
    use crate::crypto::Passphrase;
    let (mut officer, _) =
        crate::sitting::begin(b, "bench", &Passphrase::from(OFFICER_PASS), |_, _, _| {})?;
    let card = officer.unit_card()?;
    crate::sitting::end(&mut officer)?;
    let (mut admin, _) =
        crate::sitting::begin(a, "admin", &Passphrase::from(ADMIN_PASS), |_, _, _| {})?;
    admin.trust_unit(card.encode()?.as_bytes(), &card.fingerprint().to_string())?;
    crate::sitting::end(&mut admin)
}

/// Exports everything `s` owes `to` as one `copy-up` package into `out` (a directory);
/// gives the package file.
pub fn bench_copy_up(
    s: &mut Session,
    to: &str,
    out: &std::path::Path,
) -> Result<std::path::PathBuf> {
    let req = crate::transfer::export::ExportRequest {
        kind: crate::transfer::payload::Kind::CopyUp,
        to: Some(to.into()),
        recipient: None,
        person: None,
        docs: Vec::new(),
        basis: None,
        out: out.to_path_buf(),
    };
    Ok(s.export_package(&req, |_, _| {})?.file)
}

fn unit_store(
    paths: &crate::store::StorePaths,
    unit: &BenchUnit<'_>,
    extra: usize,
    kdf_target: std::time::Duration,
    kdf: Option<crate::crypto::kdf::KdfParams>,
) -> Result<()> {
    use crate::crypto::Passphrase;
    use crate::identity::enrol::NewUser;
    use crate::identity::setup::InitParams;
    use crate::identity::Clearance;
    use crate::sitting::create_store;
    create_store(
        paths,
        &InitParams {
            level: unit.level,
            unit: unit.unit.into(),
            region: unit.region.map(Into::into),
            admin: "admin".into(),
            kdf_target,
            kdf,
            demo: false,
        },
        &Passphrase::from(ADMIN_PASS),
    )?;
    let (mut admin, _) =
        crate::sitting::begin(paths, "admin", &Passphrase::from(ADMIN_PASS), |_, _, _| {})?;
    let names =
        std::iter::once("bench".to_string()).chain((0..extra).map(|i| format!("officer{i}")));
    for name in names {
        let pass = Passphrase::from(officer_pass(&name).as_str());
        admin.enrol(
            &NewUser {
                name,
                role: Role::Officer,
                clearance: Clearance::StrengtFortrolig,
                order: None,
                decision_authority: false,
            },
            &pass,
            Some("benchmark"),
        )?;
    }
    crate::sitting::end(&mut admin)
}
