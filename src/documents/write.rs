//! Writing one document version: number, row, encrypted chunks, journal entry and log entry
//! in one transaction, so all of it lands or none of it does.
//!
//! Contents are encrypted under the folder's key of the tier their grading needs (F or S),
//! after that key's record chain has passed its checks: a key that fails is refused (exit 5)
//! and nothing is written under it. A version's contents are bounded by the store's limit,
//! checked as they stream, so `/dev/zero` is refused instead of filling the disk.

use super::add::Written;
use super::content::Chunks;
use super::journal;
use super::reader::ChunkReader;
use super::{DocMeta, Source};
use crate::audit::{self, Act};
use crate::authz::folder::{FolderKey, Tier};
use crate::authz::Grading;
use crate::crypto::rand;
use crate::crypto::sign::SignAhead;
use crate::crypto::stream::{self, CHUNK};
use crate::identity::{Acting, Session};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};
use std::io::Read;
use zeroize::Zeroizing;

/// The default limit on one document version's contents, in MiB (`store set
/// max-document-mib N` changes it).
pub(super) const DEFAULT_MAX_MIB: u64 = 2048;

/// A version about to be written.
pub(super) struct Version<'a> {
    pub(super) jno: Option<String>,
    pub(super) version: i64,
    pub(super) folder_id: i64,
    pub(super) person_id: i64,
    pub(super) grading: Grading,
    pub(super) title: &'a str,
    pub(super) source: Source,
    pub(super) unverified: bool,
    pub(super) health: bool,
    pub(super) derived_from: Option<String>,
    pub(super) info_date: String,
    pub(super) exemption: &'a str,
    pub(super) act: &'a str,
    /// The log entry's detail when the act needs more than the default (a regrade's reason).
    pub(super) note: Option<String>,
}

impl Session {
    /// The store's limit on one version's contents, in MiB.
    pub fn max_document_mib(&self) -> Result<u64> {
        let mib: Option<String> = rusqlite::OptionalExtension::optional(self.conn().query_row(
            "SELECT value FROM store_settings WHERE name = 'max-document-mib'",
            [],
            |r| r.get(0),
        ))?;
        Ok(mib
            .and_then(|m| m.parse::<u64>().ok())
            .unwrap_or(DEFAULT_MAX_MIB))
    }

    fn max_document_bytes(&self) -> Result<u64> {
        Ok(self.max_document_mib()?.saturating_mul(1 << 20))
    }

    /// The key to write a new version of `grading` into `folder` under, after any rotation a
    /// reader's leaving has queued and, for STRENGT FORTROLIG, the folder's S chain exist.
    pub(super) fn write_key(&mut self, v: &Version<'_>) -> Result<FolderKey> {
        let tier = Tier::of(v.grading);
        self.settle_rotation(v.folder_id, tier)?;
        let probe = Act::new(v.act).person(v.person_id);
        let state = self.folder_state(v.folder_id)?;
        if tier == Tier::S && state.s_version.is_none() {
            if let Some(d) = self.may_read(v.folder_id, Tier::F, state.f_version, v.grading)? {
                return Err(self.refuse(probe, d.rule, d.message));
            }
            self.ensure_s_chain(v.folder_id)?;
        }
        let newest = self
            .folder_state(v.folder_id)?
            .version(tier)
            .ok_or_else(|| Error::Integrity(t!("document-no-key-for-grading")))?;
        if let Some(d) = self.may_read(v.folder_id, tier, newest, v.grading)? {
            return Err(self.refuse(probe, d.rule, d.message));
        }
        self.folder_key(v.folder_id, tier, newest)
    }

    /// Writes one version: number (new or given), row, chunks, journal, log. `reencrypt`
    /// are older versions of the same number to move under the same key (a regrade upward).
    pub(super) fn write_version(
        &mut self,
        v: Version<'_>,
        src: Chunks<'_>,
        kind: &str,
        file_name: Option<String>,
        reencrypt: Vec<(DocMeta, ChunkReader)>,
    ) -> Result<Written> {
        self.write_version_with(v, src, kind, file_name, reencrypt, |_, _, _| Ok(()))
            .map(|(w, ())| w)
    }

    /// [`Session::write_version`], then `hook(tx, acting, written)` inside the same
    /// transaction, after the version, its journal row and its log entry: rows another
    /// module keeps about the version (a decision beside its assessment) land with it or
    /// not at all.
    pub(super) fn write_version_with<T>(
        &mut self,
        v: Version<'_>,
        mut src: Chunks<'_>,
        kind: &str,
        file_name: Option<String>,
        reencrypt: Vec<(DocMeta, ChunkReader)>,
        hook: impl FnOnce(&Transaction<'_>, Acting<'_>, &Written) -> Result<T>,
    ) -> Result<(Written, T)> {
        let key = self.write_key(&v)?;
        let limit = self.max_document_bytes()?;
        let salt: [u8; 32] = rand::array()?;
        let uid: [u8; 16] = rand::array()?;
        let ckey = key.content_key(&salt)?;
        let status = journal_status(&v, self.meta().level);
        self.write(|tx, acting| {
            let jno = match &v.jno {
                Some(j) => j.clone(),
                None => journal::next_number(tx)?,
            };
            let doc_id = insert_row(
                tx,
                acting.user.id,
                &v,
                &jno,
                &uid,
                &salt,
                kind,
                file_name.as_deref(),
                &key,
                (0, 0),
            )?;
            let aad = stream::aad(
                &uid,
                v.version,
                v.grading.as_str(),
                &jno,
                &super::bound_metadata(
                    v.title,
                    v.source.as_str(),
                    v.unverified,
                    v.health,
                    &v.info_date,
                    v.derived_from.as_deref(),
                    kind,
                    file_name.as_deref(),
                ),
            );
            let (size, chunks) = seal_chunks(tx, doc_id, &ckey, &aad, &mut src, limit)?;
            // After the new version is sealed, whose source may be one of these.
            for (old, reader) in reencrypt {
                move_under(tx, &old, reader, &key)?;
            }
            tx.prepare_cached("UPDATE documents SET size = ?2, chunk_count = ?3 WHERE id = ?1")?
                .execute(params![doc_id, size, chunks])?;
            journal::record(
                tx,
                acting,
                &jno,
                v.version,
                v.grading.as_str(),
                v.source.as_str(),
                status,
                v.exemption,
            )?;
            let mut act = Act::new(v.act).doc(&jno, v.version, v.person_id);
            if let Some(n) = &v.note {
                act = act.detail(n.clone());
            } else if let Some(from) = &v.derived_from {
                act = act.detail(format!("from {from}"));
            } else if v.act == "regrade" {
                act = act.detail(format!("to {}", v.grading.as_str()));
            }
            audit::append(tx, acting, &act)?;
            let written = Written {
                journal_number: jno,
                version: v.version,
                size: u64::try_from(size).unwrap_or(0),
                grading: v.grading.as_str().into(),
            };
            let t = hook(tx, acting, &written)?;
            Ok((written, t))
        })
    }
}

/// Inserts a version's row (size and chunk count follow once the contents are sealed).
#[allow(clippy::too_many_arguments)] // one row's worth of fields
fn insert_row(
    tx: &Transaction<'_>,
    by: i64,
    v: &Version<'_>,
    jno: &str,
    uid: &[u8; 16],
    salt: &[u8; 32],
    kind: &str,
    file_name: Option<&str>,
    key: &FolderKey,
    (size, chunks): (i64, i64),
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO documents (uid, journal_number, version, folder_id, grading, title, source,
             unverified, health_confidential, derived_from, content_kind, file_name, size,
             key_tier, key_version, content_salt, chunk_count, info_date, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?19, ?13, ?14, ?15, ?20, ?16,
                 ?17, ?18)",
    )?
    .execute(params![
        uid.to_vec(),
        jno,
        v.version,
        v.folder_id,
        v.grading.as_str(),
        v.title,
        v.source.as_str(),
        v.unverified,
        v.health,
        v.derived_from,
        kind,
        file_name,
        key.tier().as_str(),
        key.version(),
        salt.to_vec(),
        v.info_date,
        crate::time::now_rfc3339(),
        by,
        size,
        chunks
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Streams `src` into sealed chunks of `doc_id`; returns (bytes, chunks). One chunk is read
/// ahead to know which is last. Refuses contents above `limit` bytes.
fn seal_chunks(
    tx: &Transaction<'_>,
    doc_id: i64,
    ckey: &stream::ContentKey,
    aad: &[u8],
    src: &mut Chunks<'_>,
    limit: u64,
) -> Result<(i64, i64)> {
    let mut insert =
        tx.prepare_cached("INSERT INTO doc_chunks (doc_id, idx, data) VALUES (?1, ?2, ?3)")?;
    let mut cur = Zeroizing::new(Vec::with_capacity(CHUNK + stream::TAG));
    let mut next = Zeroizing::new(Vec::with_capacity(CHUNK + stream::TAG));
    src.fill(tx, &mut cur)?;
    let (mut idx, mut size) = (0u64, 0u64);
    loop {
        let last = if cur.len() < CHUNK {
            true
        } else {
            src.fill(tx, &mut next)?;
            next.is_empty()
        };
        size += cur.len() as u64;
        if size > limit {
            return Err(Error::Usage(t!("document-over-limit", mib = limit >> 20)));
        }
        ckey.seal(aad, idx, last, &mut cur)?;
        insert.execute(params![
            doc_id,
            i64::try_from(idx).unwrap_or(i64::MAX),
            &cur[..]
        ])?;
        idx += 1;
        if last {
            break;
        }
        std::mem::swap(&mut cur, &mut next);
    }
    Ok((
        i64::try_from(size).unwrap_or(i64::MAX),
        i64::try_from(idx).unwrap_or(i64::MAX),
    ))
}

/// Re-encrypts an existing version under `key` (its metadata and associated data unchanged):
/// a regrade upward moves a document's older versions under the S key, so a FORTROLIG reader
/// who kept the F key opens none of them. The old chunks are overwritten (`secure_delete`).
pub(super) fn move_under(
    tx: &Transaction<'_>,
    old: &DocMeta,
    mut reader: ChunkReader,
    key: &FolderKey,
) -> Result<()> {
    let salt: [u8; 32] = rand::array()?;
    let ckey = key.content_key(&salt)?;
    let aad = old.aad();
    let mut idx = 0i64;
    while let Some(plain) = reader.next(tx)? {
        let mut buf = Zeroizing::new(plain.to_vec());
        let last = idx + 1 == old.chunk_count;
        ckey.seal(&aad, u64::try_from(idx).unwrap_or(0), last, &mut buf)?;
        tx.prepare_cached("UPDATE doc_chunks SET data = ?3 WHERE doc_id = ?1 AND idx = ?2")?
            .execute(params![old.id, idx, &buf[..]])?;
        idx += 1;
    }
    tx.prepare_cached(
        "UPDATE documents SET key_tier = ?2, key_version = ?3, content_salt = ?4 WHERE id = ?1",
    )?
    .execute(params![
        old.id,
        key.tier().as_str(),
        key.version(),
        salt.to_vec()
    ])?;
    Ok(())
}

/// A version received in a transfer package, to be filed under this store's folder key.
#[derive(Debug)]
pub(crate) struct Received<'a> {
    /// The local journal number when this is a further version of a document already
    /// received; `None` allocates a new number.
    pub(crate) jno: Option<String>,
    pub(crate) version: i64,
    pub(crate) folder_id: i64,
    pub(crate) person_id: i64,
    pub(crate) grading: Grading,
    pub(crate) title: &'a str,
    pub(crate) source: Source,
    pub(crate) unverified: bool,
    pub(crate) health: bool,
    pub(crate) derived_from: Option<String>,
    pub(crate) info_date: String,
    pub(crate) content_kind: &'a str,
    pub(crate) file_name: Option<String>,
    /// The declared size of the contents (checked: the reader must yield exactly this).
    pub(crate) size: u64,
    /// The journal's counterpart: the sending unit with its journal number beside ours.
    pub(crate) counterpart: &'a str,
    /// Detail for the log entry (the package).
    pub(crate) detail: String,
}

/// Files one received version inside the caller's transaction (an import is one
/// transaction): number, row, chunks sealed under `key`, a journal row `received` naming the
/// sender and its journal number, and the making act `import` through `log`. `key` must be
/// the folder's newest key of the version's tier, checked by the caller, who has also
/// decided need to know. Returns the journal number and the size.
pub(crate) fn write_received(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    log: &mut audit::bulk::Appender,
    key: &FolderKey,
    r: &Received<'_>,
    contents: &mut dyn Read,
    limit: u64,
) -> Result<(String, u64)> {
    let mut signer = SignAhead::here(acting.signing);
    let (jno, size, owed) =
        write_received_ahead(tx, acting, log, &mut signer, key, r, contents, limit)?;
    owed.write(tx, &mut signer)?;
    Ok((jno, size))
}

/// The journal row and the log entry of a received version, asked of a [`SignAhead`] and not
/// yet written: [`Owed::write`] writes them once signed. Owed rows must be written in the
/// order they were made, with the same signer, inside the same transaction.
#[derive(Debug)]
#[must_use]
pub(crate) struct Owed {
    journal: journal::Unsigned,
    entry: audit::Unsigned,
}

impl Owed {
    /// Makes the journal row `received` and the log entry `import` of version `v` (numbered
    /// `jno`), and asks `signer` for their signatures, in that order.
    fn ask(
        acting: Acting<'_>,
        log: &mut audit::bulk::Appender,
        signer: &mut SignAhead<'_>,
        v: &Version<'_>,
        jno: &str,
        r: &Received<'_>,
    ) -> Owed {
        let journal = journal::Unsigned::new(
            acting,
            jno,
            v.version,
            v.grading.as_str(),
            r.counterpart,
            "received",
            v.exemption,
        );
        signer.ask(journal.message.clone());
        let act = Act::new("import")
            .doc(jno, v.version, v.person_id)
            .detail(r.detail.clone());
        let entry = log.prepare(acting, &act);
        signer.ask(entry.message());
        Owed { journal, entry }
    }

    /// Takes the two signatures from `signer` and writes the rows.
    pub(crate) fn write(self, tx: &Transaction<'_>, signer: &mut SignAhead<'_>) -> Result<()> {
        let failed = || Error::Other(t!("signing-failed"));
        let j = signer.next().ok_or_else(failed)?;
        self.journal.insert(tx, &j)?;
        let e = signer.next().ok_or_else(failed)?;
        self.entry.insert(tx, &e)?;
        Ok(())
    }
}

/// [`write_received`], with the journal row's and the log entry's signatures asked of
/// `signer` before the contents are sealed, and the two rows left [`Owed`]: an import has them
/// signed on the second core while it files the next document.
#[allow(clippy::too_many_arguments)] // write_received's, and the signer
pub(crate) fn write_received_ahead(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    log: &mut audit::bulk::Appender,
    signer: &mut SignAhead<'_>,
    key: &FolderKey,
    r: &Received<'_>,
    contents: &mut dyn Read,
    limit: u64,
) -> Result<(String, u64, Owed)> {
    // A FORTROLIG version may go under the S key (one a later version raised), never the
    // other way round.
    if key.tier() < Tier::of(r.grading) {
        return Err(Error::Other(t!("document-received-wrong-key")));
    }
    let salt: [u8; 32] = rand::array()?;
    let uid: [u8; 16] = rand::array()?;
    let ckey = key.content_key(&salt)?;
    let jno = match &r.jno {
        Some(j) => j.clone(),
        None => journal::next_number(tx)?,
    };
    let v = Version {
        jno: Some(jno.clone()),
        version: r.version,
        folder_id: r.folder_id,
        person_id: r.person_id,
        grading: r.grading,
        title: r.title,
        source: r.source,
        unverified: r.unverified,
        health: r.health,
        derived_from: r.derived_from.clone(),
        info_date: r.info_date.clone(),
        exemption: journal::DEFAULT_EXEMPTION,
        act: "import",
        note: None,
    };
    let name = r.file_name.as_deref();
    // The size is declared (and seal_sized holds the contents to it), so the row can carry
    // it and its chunk count from the start: one statement fewer per document of an import.
    let declared = (
        i64::try_from(r.size).unwrap_or(i64::MAX),
        i64::try_from(r.size.div_ceil(CHUNK as u64).max(1)).unwrap_or(i64::MAX),
    );
    let doc_id = insert_row(
        tx,
        acting.user.id,
        &v,
        &jno,
        &uid,
        &salt,
        r.content_kind,
        name,
        key,
        declared,
    )?;
    let aad = stream::aad(
        &uid,
        v.version,
        v.grading.as_str(),
        &jno,
        &super::bound_metadata(
            v.title,
            v.source.as_str(),
            v.unverified,
            v.health,
            &v.info_date,
            v.derived_from.as_deref(),
            r.content_kind,
            name,
        ),
    );
    let owed = Owed::ask(acting, log, signer, &v, &jno, r);
    let (size, chunks) = seal_sized(tx, doc_id, &ckey, &aad, contents, r.size, limit)?;
    if (size, chunks) != declared {
        tx.prepare_cached("UPDATE documents SET size = ?2, chunk_count = ?3 WHERE id = ?1")?
            .execute(params![doc_id, size, chunks])?;
    }
    let size = u64::try_from(size).unwrap_or(0);
    Ok((jno, size, owed))
}

/// Like [`seal_chunks`] for contents of a size known in advance (a verified package states
/// it): chunks are cut by the size, so no chunk is read ahead, and the buffer is as large as
/// the largest chunk, not always 1 MiB (ten thousand small documents in one import must not
/// each clear two megabytes). The reader must yield exactly `size` bytes.
fn seal_sized(
    tx: &Transaction<'_>,
    doc_id: i64,
    ckey: &stream::ContentKey,
    aad: &[u8],
    src: &mut dyn Read,
    size: u64,
    limit: u64,
) -> Result<(i64, i64)> {
    if size > limit {
        return Err(Error::Usage(t!(
            "document-size-over-limit",
            size = size,
            mib = limit >> 20
        )));
    }
    let mut insert =
        tx.prepare_cached("INSERT INTO doc_chunks (doc_id, idx, data) VALUES (?1, ?2, ?3)")?;
    let chunk = usize::try_from(size).unwrap_or(CHUNK).min(CHUNK);
    let mut buf = Zeroizing::new(Vec::with_capacity(chunk + stream::TAG));
    let (mut idx, mut left) = (0u64, size);
    loop {
        let n = usize::try_from(left).unwrap_or(CHUNK).min(CHUNK);
        buf.clear();
        buf.resize(n, 0);
        src.read_exact(&mut buf[..])
            .map_err(|e| Error::io(t!("document-cannot-read-contents"))(e))?;
        left -= n as u64;
        let last = left == 0;
        ckey.seal(aad, idx, last, &mut buf)?;
        insert.execute(params![
            doc_id,
            i64::try_from(idx).unwrap_or(i64::MAX),
            &buf[..]
        ])?;
        idx += 1;
        if last {
            break;
        }
    }
    // Nothing may follow the declared size.
    let mut probe = [0u8; 1];
    if src
        .read(&mut probe)
        .map_err(|e| Error::io(t!("document-cannot-read-contents"))(e))?
        != 0
    {
        return Err(Error::Integrity(t!("document-longer-than-declared")));
    }
    Ok((
        i64::try_from(size).unwrap_or(i64::MAX),
        i64::try_from(idx).unwrap_or(i64::MAX),
    ))
}

/// A version that came from elsewhere is journalled as received: a new document from any
/// source but this unit (whatever its level), or one imported from another store.
fn journal_status(v: &Version<'_>, level: crate::identity::Level) -> &'static str {
    if (v.act == "create" && !v.source.is_own(level)) || v.act == "import" {
        "received"
    } else {
        "created"
    }
}
