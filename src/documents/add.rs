//! Writing document versions: new documents, processed versions (R8), corrections and grade
//! changes. Each is one transaction: number, row, encrypted chunks, journal entry and log
//! entry all land together or not at all.

use super::journal::{self, DEFAULT_EXEMPTION};
use super::SOURCES;
use crate::audit::{self, Act};
use crate::authz::Grading;
use crate::crypto::rand;
use crate::crypto::stream::{self, ContentKey, CHUNK};
use crate::identity::Session;
use crate::text::parse_one;
use crate::{Error, Result};
use rusqlite::params;
use std::io::Read;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Where a version's contents come from.
#[derive(Debug)]
pub enum Content {
    /// Typed text.
    Text(Zeroizing<String>),
    /// A file, streamed.
    File(PathBuf),
}

/// `doc add`.
#[derive(Debug)]
pub struct NewDoc {
    /// Person whose folder gets it.
    pub person_id: i64,
    /// Grading.
    pub grading: Grading,
    /// Title.
    pub title: String,
    /// Source.
    pub source: String,
    /// Correctness not established (R5).
    pub unverified: bool,
    /// Learnt as assistant to health personnel (R26).
    pub health_confidential: bool,
    /// Contents.
    pub content: Content,
    /// When the information is from (R34), YYYY-MM-DD; default today.
    pub info_date: Option<String>,
    /// Basis of exemption from public access; default [`DEFAULT_EXEMPTION`].
    pub exemption: Option<String>,
}

/// What a write produced.
#[derive(Debug, serde::Serialize)]
pub struct Written {
    /// Journal number.
    pub journal_number: String,
    /// Version.
    pub version: i64,
    /// Plaintext bytes.
    pub size: u64,
    /// Grading.
    pub grading: String,
}

struct Version<'a> {
    jno: Option<String>,
    version: i64,
    folder_id: i64,
    person_id: i64,
    grading: Grading,
    title: &'a str,
    source: &'a str,
    unverified: bool,
    health: bool,
    derived_from: Option<String>,
    info_date: String,
    exemption: &'a str,
    act: &'a str,
}

/// Where the chunks of a new version come from: outside input, or the chunks of an existing
/// version decrypted one at a time (a grade change re-encrypts without holding the whole).
enum Source<'a> {
    Read(Box<dyn Read + 'a>),
    Old {
        doc_id: i64,
        chunks: i64,
        next: i64,
        key: Box<ContentKey>,
        aad: Vec<u8>,
    },
}

impl Source<'_> {
    /// Fills `buf` with the next chunk's plaintext (up to `CHUNK` bytes; empty at the end).
    fn fill(&mut self, conn: &rusqlite::Connection, buf: &mut Zeroizing<Vec<u8>>) -> Result<()> {
        match self {
            Source::Read(r) => fill(r, buf),
            Source::Old {
                doc_id,
                chunks,
                next,
                key,
                aad,
            } => {
                buf.clear();
                if *next >= *chunks {
                    return Ok(());
                }
                let data: Vec<u8> = conn
                    .prepare_cached("SELECT data FROM doc_chunks WHERE doc_id = ?1 AND idx = ?2")?
                    .query_row(params![*doc_id, *next], |r| r.get(0))?;
                let last = *next + 1 == *chunks;
                let plain = key
                    .open(aad, u64::try_from(*next).unwrap_or(0), last, data)
                    .map_err(|_| Error::Integrity("a document's contents are damaged".into()))?;
                buf.extend_from_slice(&plain);
                *next += 1;
                Ok(())
            }
        }
    }
}

fn open_source(c: &Content) -> Result<(Source<'_>, &'static str, Option<String>)> {
    match c {
        Content::Text(t) => Ok((Source::Read(Box::new(t.as_bytes())), "text", None)),
        Content::File(p) if p.as_os_str() == "-" => {
            // Standard input: keeps the text off the command line, where other local users
            // could see it. After `--passphrase-fd 0`, what follows the passphrase line.
            Ok((Source::Read(Box::new(std::io::stdin())), "text", None))
        }
        Content::File(p) => {
            let f = std::fs::File::open(p).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    Error::NotFound(format!("no file {}: check the path", p.display()))
                }
                _ => Error::io(format!("cannot read {}", p.display()))(e),
            })?;
            if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                return Err(Error::Usage(format!(
                    "{} is a directory, not a file",
                    p.display()
                )));
            }
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            Ok((Source::Read(Box::new(f)), "file", name))
        }
    }
}

/// Reads until `buf` holds `CHUNK` bytes or the source ends.
fn fill(src: &mut Box<dyn Read + '_>, buf: &mut Zeroizing<Vec<u8>>) -> Result<()> {
    buf.clear();
    let mut got = 0usize;
    buf.resize(CHUNK, 0);
    loop {
        match src.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => {
                got += n;
                if got == CHUNK {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io("cannot read the document's contents")(e)),
        }
    }
    buf.truncate(got);
    Ok(())
}

fn parse_info_date(d: Option<&str>) -> Result<String> {
    match d {
        None => Ok(chrono::Utc::now().date_naive().to_string()),
        Some(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(|d| d.to_string())
            .map_err(|_| Error::Usage(format!("invalid --info-date {s:?}: use YYYY-MM-DD"))),
    }
}

impl Session {
    /// Checks that the acting user may write into a folder at a grading; logs a refusal.
    fn may_write(&mut self, folder_id: i64, grading: Grading, act: Act) -> Result<i64> {
        let state = self.folder_state(folder_id)?;
        if let Some(d) = self.may_read(folder_id, state.key_version, grading)? {
            return Err(self.refuse(act, d.rule, d.message));
        }
        Ok(state.key_version)
    }

    /// `doc add`: a new document in a person's folder. Prints its journal number.
    pub fn add_document(&mut self, d: NewDoc) -> Result<Written> {
        let person = self.person(d.person_id)?;
        let source = parse_one("source", &d.source, SOURCES)?;
        let title = d.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > 300 {
            return Err(Error::Usage(
                "a document needs a title of 1–300 characters".into(),
            ));
        }
        let folder = self.folder_of(person.id)?;
        let info_date = parse_info_date(d.info_date.as_deref())?;
        let exemption = d.exemption.unwrap_or_else(|| DEFAULT_EXEMPTION.into());
        let (src, kind, name) = open_source(&d.content)?;
        let v = Version {
            jno: None,
            version: 1,
            folder_id: folder,
            person_id: person.id,
            grading: d.grading,
            title: &title,
            source: &source,
            unverified: d.unverified,
            health: d.health_confidential,
            derived_from: None,
            info_date,
            exemption: &exemption,
            act: "create",
        };
        self.write_version(v, src, kind, name)
    }

    /// `doc derive`: a processed version (R8) as a new document that names its source.
    pub fn derive_document(
        &mut self,
        source_jno: &str,
        title: Option<String>,
        grading: Option<Grading>,
        content: Content,
    ) -> Result<Written> {
        let src_doc = self.document(source_jno)?;
        let src_grading = self.effective_grading(&src_doc)?;
        // Deriving needs the right to read the source.
        let act =
            Act::new("derive").doc(&src_doc.journal_number, src_doc.version, src_doc.person_id);
        if let Some(d) = self.may_read(src_doc.folder_id, src_doc.key_version, src_grading)? {
            return Err(self.refuse(act, d.rule, d.message));
        }
        let title = title.unwrap_or_else(|| format!("{} (bearbeidet)", src_doc.title));
        let (src, kind, name) = open_source(&content)?;
        let v = Version {
            jno: None,
            version: 1,
            folder_id: src_doc.folder_id,
            person_id: src_doc.person_id,
            grading: grading.unwrap_or(src_grading),
            title: &title,
            source: &src_doc.source,
            unverified: src_doc.unverified,
            health: src_doc.health_confidential,
            derived_from: Some(format!("{}@{}", src_doc.journal_number, src_doc.version)),
            info_date: src_doc.info_date.clone(),
            exemption: DEFAULT_EXEMPTION,
            act: "derive",
        };
        self.write_version(v, src, kind, name)
    }

    /// `doc revise`: a correction as the next version of the same journal number.
    pub fn revise_document(&mut self, jno: &str, content: Content) -> Result<Written> {
        let cur = self.document(&super::parse_jno(jno)?.0)?;
        let (src, kind, name) = open_source(&content)?;
        let v = Version {
            jno: Some(cur.journal_number.clone()),
            version: cur.version + 1,
            folder_id: cur.folder_id,
            person_id: cur.person_id,
            grading: cur.grading()?,
            title: &cur.title,
            source: &cur.source,
            unverified: cur.unverified,
            health: cur.health_confidential,
            derived_from: cur.derived_from.clone(),
            info_date: cur.info_date.clone(),
            exemption: DEFAULT_EXEMPTION,
            act: "revise",
        };
        self.write_version(v, src, kind, name)
    }

    /// `doc regrade`: the same contents as the next version under a new grading (the grading
    /// is bound into the encryption, so this re-encrypts).
    pub fn regrade_document(&mut self, jno: &str, grading: Grading) -> Result<Written> {
        let cur = self.document(&super::parse_jno(jno)?.0)?;
        let old = cur.grading()?;
        if old == grading {
            return Err(Error::Usage(format!(
                "{jno} is already {}",
                grading.label()
            )));
        }
        // Both the old and the new grading must be within the user's reach.
        let act = Act::new("regrade").doc(&cur.journal_number, cur.version, cur.person_id);
        let top = old.max(grading);
        if let Some(d) = self.may_read(cur.folder_id, cur.key_version, top)? {
            return Err(self.refuse(act, d.rule, d.message));
        }
        let salt: [u8; 32] = cur
            .content_salt
            .as_slice()
            .try_into()
            .map_err(|_| Error::Integrity("a document's salt is malformed".into()))?;
        let old = Source::Old {
            doc_id: cur.id,
            chunks: cur.chunk_count,
            next: 0,
            key: Box::new(ContentKey::derive(
                &self.folder_key(cur.folder_id, cur.key_version)?,
                &salt,
            )?),
            aad: cur.aad(),
        };
        let v = Version {
            jno: Some(cur.journal_number.clone()),
            version: cur.version + 1,
            folder_id: cur.folder_id,
            person_id: cur.person_id,
            grading,
            title: &cur.title,
            source: &cur.source,
            unverified: cur.unverified,
            health: cur.health_confidential,
            derived_from: cur.derived_from.clone(),
            info_date: cur.info_date.clone(),
            exemption: DEFAULT_EXEMPTION,
            act: "regrade",
        };
        let name = cur.file_name.clone();
        let kind = if cur.content_kind == "text" {
            "text"
        } else {
            "file"
        };
        self.write_version(v, old, kind, name)
    }

    fn write_version(
        &mut self,
        v: Version<'_>,
        mut src: Source<'_>,
        kind: &str,
        file_name: Option<String>,
    ) -> Result<Written> {
        // A folder waiting for a new key (a reader left) gets it before anything is written
        // under the old one.
        let pending: bool = self.db().conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_rotations_pending WHERE folder_id = ?1)",
            [v.folder_id],
            |r| r.get(0),
        )?;
        if pending {
            self.carry_out_rotations()?;
        }
        let probe = Act::new(v.act).person(v.person_id);
        let key_version = self.may_write(v.folder_id, v.grading, probe)?;
        let folder_key = self.folder_key(v.folder_id, key_version)?;
        let salt: [u8; 32] = rand::array()?;
        let uid: [u8; 16] = rand::array()?;
        let ckey = ContentKey::derive(&folder_key, &salt)?;
        let actor = audit::actor!(self);
        let me = self.user.id;
        let status = if v.act == "create" && v.source != "local" {
            "received"
        } else {
            "created"
        };
        self.db.write(|tx| {
            let jno = match &v.jno {
                Some(j) => j.clone(),
                None => journal::next_number(tx)?,
            };
            tx.execute(
                "INSERT INTO documents (uid, journal_number, version, folder_id, grading, title,
                     source, unverified, health_confidential, derived_from, content_kind,
                     file_name, size, key_version, content_salt, chunk_count, info_date,
                     created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, 0, ?15,
                         ?16, ?17)",
                params![
                    uid.to_vec(),
                    jno,
                    v.version,
                    v.folder_id,
                    v.grading.as_str(),
                    v.title,
                    v.source,
                    v.unverified,
                    v.health,
                    v.derived_from,
                    kind,
                    file_name,
                    key_version,
                    salt.to_vec(),
                    v.info_date,
                    crate::time::now_rfc3339(),
                    me
                ],
            )?;
            let doc_id = tx.last_insert_rowid();
            let aad = stream::aad(
                &uid,
                v.version,
                v.grading.as_str(),
                &jno,
                &super::bound_metadata(
                    v.title,
                    v.source,
                    v.unverified,
                    v.health,
                    &v.info_date,
                    v.derived_from.as_deref(),
                    kind,
                    file_name.as_deref(),
                ),
            );
            let mut insert = tx
                .prepare_cached("INSERT INTO doc_chunks (doc_id, idx, data) VALUES (?1, ?2, ?3)")?;
            let mut cur = Zeroizing::new(Vec::with_capacity(CHUNK + stream::TAG));
            let mut next = Zeroizing::new(Vec::with_capacity(CHUNK + stream::TAG));
            src.fill(tx, &mut cur)?;
            let mut idx: u64 = 0;
            let mut size: u64 = 0;
            loop {
                let last = if cur.len() < CHUNK {
                    true
                } else {
                    src.fill(tx, &mut next)?;
                    next.is_empty()
                };
                size += cur.len() as u64;
                ckey.seal(&aad, idx, last, &mut cur)?;
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
            drop(insert);
            tx.execute(
                "UPDATE documents SET size = ?2, chunk_count = ?3 WHERE id = ?1",
                params![
                    doc_id,
                    i64::try_from(size).unwrap_or(i64::MAX),
                    i64::try_from(idx).unwrap_or(i64::MAX)
                ],
            )?;
            journal::record(
                tx,
                &jno,
                v.version,
                v.grading.as_str(),
                v.source,
                status,
                v.exemption,
                actor.user,
            )?;
            let mut act = Act::new(v.act).doc(&jno, v.version, v.person_id);
            if let Some(from) = &v.derived_from {
                act = act.detail(format!("from {from}"));
            }
            audit::append(tx, actor, &act)?;
            Ok(Written {
                journal_number: jno,
                version: v.version,
                size,
                grading: v.grading.as_str().into(),
            })
        })
    }
}
