//! New documents, processed versions (R8), corrections and grade changes: what each act
//! checks before it writes (write.rs writes).

use super::content::{open_content, Chunks};
pub use super::content::{Content, Progress};
use super::journal::DEFAULT_EXEMPTION;
use super::write::Version;
use super::{DocMeta, Source};
use crate::audit::Act;
use crate::authz::Grading;
use crate::identity::{Acting, Session};
use crate::text::{self, limits};
use crate::{t, Error, Result};
use rusqlite::Transaction;
use zeroize::Zeroizing;

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
    pub source: Source,
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

/// An information date: today by default, never in the future (its age could not be shown).
fn parse_info_date(d: Option<&str>) -> Result<String> {
    let today = chrono::Utc::now().date_naive();
    let Some(s) = d else {
        return Ok(today.to_string());
    };
    let date = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(t!(
            "document-bad-info-date",
            value = format!("{:?}", text::escape(s))
        ))
    })?;
    if date > today {
        return Err(Error::Usage(t!(
            "document-info-date-future",
            date = date.to_string()
        )));
    }
    Ok(date.to_string())
}

/// How a text document written for another module of the crate came to this store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Written here by the acting user: logged as `create`, journalled as created.
    Here,
    /// Received from another store in a package, whose unit is of this kind: logged as
    /// `import`, journalled as received.
    Received(Source),
}

/// A text document another module of the crate writes into a person's folder.
pub(crate) struct TextDoc<'a> {
    /// Whose folder.
    pub(crate) person_id: i64,
    /// Its grading.
    pub(crate) grading: Grading,
    /// Its title (the caller's own words, not outside input).
    pub(crate) title: &'a str,
    /// Made here or received.
    pub(crate) origin: Origin,
    /// It repeats what was learnt as assistant to health personnel (R26).
    pub(crate) health_confidential: bool,
    /// Its contents.
    pub(crate) text: &'a Zeroizing<String>,
}

impl Session {
    /// `doc add`: a new document in a person's folder.
    pub fn add_document(&mut self, d: NewDoc) -> Result<Written> {
        self.add_document_with_progress(d, None)
    }

    /// [`Session::add_document`], telling `progress` how much of a file has been read.
    pub fn add_document_with_progress(
        &mut self,
        d: NewDoc,
        progress: Option<Progress<'_>>,
    ) -> Result<Written> {
        let person = self.person(d.person_id)?;
        let title = text::field("title", &d.title, limits::TITLE, false)?;
        let exemption = text::opt_field("exemption", d.exemption.as_deref(), limits::NOTE, false)?
            .unwrap_or_else(|| DEFAULT_EXEMPTION.into());
        let folder = self.folder_of(person.id)?;
        let info_date = parse_info_date(d.info_date.as_deref())?;
        let (src, kind, name) = open_content(&d.content, progress)?;
        let v = Version {
            jno: None,
            version: 1,
            folder_id: folder,
            person_id: person.id,
            grading: d.grading,
            title: &title,
            source: d.source,
            unverified: d.unverified,
            health: d.health_confidential,
            derived_from: None,
            info_date,
            exemption: &exemption,
            act: "create",
            note: None,
        };
        self.write_version(v, src, kind, name, Vec::new())
    }

    /// Refuses, and logs, unless this user may read `doc` (at its governing grading) for `act`.
    pub(super) fn may_use(&mut self, doc: &DocMeta, act: &str) -> Result<Grading> {
        self.check_document_whole(&doc.journal_number)?;
        let g = self.effective_grading(doc)?;
        let a = Act::new(act).doc(&doc.journal_number, doc.version, doc.person_id);
        if let Some(d) = self.may_read(doc.folder_id, doc.key_tier, doc.key_version, g)? {
            return Err(self.refuse(a, d.rule, d.message));
        }
        Ok(g)
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
        let src_grading = self.may_use(&src_doc, "derive")?;
        let title = match title {
            Some(t) => text::field("title", &t, limits::TITLE, false)?,
            None => format!("{} (bearbeidet)", src_doc.title),
        };
        let (src, kind, name) = open_content(&content, None)?;
        let v = Version {
            jno: None,
            version: 1,
            folder_id: src_doc.folder_id,
            person_id: src_doc.person_id,
            grading: grading.unwrap_or(src_grading),
            title: &title,
            source: src_doc.source()?,
            unverified: src_doc.unverified,
            health: src_doc.health_confidential,
            derived_from: Some(format!("{}@{}", src_doc.journal_number, src_doc.version)),
            info_date: src_doc.info_date.clone(),
            exemption: DEFAULT_EXEMPTION,
            act: "derive",
            note: None,
        };
        self.write_version(v, src, kind, name, Vec::new())
    }

    /// `doc revise`: a correction as the next version of the same journal number.
    pub fn revise_document(&mut self, jno: &str, content: Content) -> Result<Written> {
        let cur = self.document(&super::parse_jno(jno)?.0)?;
        self.may_use(&cur, "revise")?;
        if self.is_assessment(&cur.journal_number)? {
            let act = Act::new("revise").doc(&cur.journal_number, cur.version, cur.person_id);
            let msg = t!("doc-assessment-fixed", jno = cur.journal_number.as_str());
            return Err(self.refuse(act, "decision never changed", msg)); // untranslated: refusal rule name (rule_label shows it)
        }
        let (src, kind, name) = open_content(&content, None)?;
        let v = Version {
            jno: Some(cur.journal_number.clone()),
            version: cur.version + 1,
            folder_id: cur.folder_id,
            person_id: cur.person_id,
            grading: cur.grading()?,
            title: &cur.title,
            source: cur.source()?,
            unverified: cur.unverified,
            health: cur.health_confidential,
            derived_from: cur.derived_from.clone(),
            info_date: cur.info_date.clone(),
            exemption: DEFAULT_EXEMPTION,
            act: "revise",
            note: None,
        };
        self.write_version(v, src, kind, name, Vec::new())
    }

    /// A text document written for another module of the crate (casework: a decision's
    /// assessment) by the same path as `doc add`: need to know, encryption under the folder's
    /// key, journal row and a making act in the use log, so the document cross-check knows
    /// it. `hook(tx, acting, written)` runs inside the same transaction once all of that is
    /// written, so the caller's own rows land with the document or not at all.
    pub(crate) fn add_text_document_with<T>(
        &mut self,
        d: TextDoc<'_>,
        hook: impl FnOnce(&Transaction<'_>, Acting<'_>, &Written) -> Result<T>,
    ) -> Result<(Written, T)> {
        let person = self.person(d.person_id)?;
        let title = text::field("title", d.title, limits::TITLE, false)?;
        let (source, act) = match d.origin {
            Origin::Here => (Source::Local, "create"),
            Origin::Received(from) => (from, "import"),
        };
        let v = Version {
            jno: None,
            version: 1,
            folder_id: self.folder_of(person.id)?,
            person_id: person.id,
            grading: d.grading,
            title: &title,
            source,
            unverified: false,
            health: d.health_confidential,
            derived_from: None,
            info_date: parse_info_date(None)?,
            exemption: DEFAULT_EXEMPTION,
            act,
            note: None,
        };
        let src = Chunks::Read(Box::new(d.text.as_bytes()));
        self.write_version_with(v, src, "text", None, Vec::new(), hook)
    }
}
