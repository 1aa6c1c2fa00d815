//! Grading control: changing a document's grading, and clearing its "unverified" flag.
//!
//! Why: under the protection instruction the originator decides a grading. Raising is always
//! allowed (it only protects more); lowering a document received from police, PST or KSF is
//! refused unless an officer with decision authority records the reason (the originator's
//! decision). Police information is unverified unless said otherwise; once its correctness is
//! established the flag may be cleared, with who and why in the use log. Both flags and
//! grading are bound into a version's encryption, so each change is the document's next
//! version, re-encrypted from the last one without holding it whole.
//!
//! What it must never do: let a grading go down silently, or clear the flag without a reason.

use super::add::Written;
use super::content::Chunks;
use super::journal::DEFAULT_EXEMPTION;
use super::reader::ChunkReader;
use super::write::Version;
use super::{DocMeta, Source};
use crate::audit::Act;
use crate::authz::folder::Tier;
use crate::authz::Grading;
use crate::identity::{Level, Session};
use crate::text::{self, limits};
use crate::{t, Error, Result};

/// The rule a refused lowering names (also the log's detail).
pub const ORIGINATOR_RULE: &str = "originator decides";

impl Session {
    /// `doc regrade` without a reason: raising, or lowering a document of this service's
    /// own making.
    pub fn regrade_document(&mut self, jno: &str, grading: Grading) -> Result<Written> {
        self.regrade_document_with(jno, grading, None)
    }

    /// `doc regrade`: the same contents as the next version under a new grading (the grading
    /// is bound into the encryption, so this re-encrypts). Raised to STRENGT FORTROLIG, the
    /// document's older versions move under the folder's S key too. Lowering a document
    /// received from police, PST or KSF needs decision authority and a reason.
    pub fn regrade_document_with(
        &mut self,
        jno: &str,
        grading: Grading,
        reason: Option<&str>,
    ) -> Result<Written> {
        let cur = self.document(&super::parse_jno(jno)?.0)?;
        let old = cur.grading()?;
        if old == grading {
            return Err(Error::Usage(t!(
                "doc-already-graded",
                jno = jno,
                grading = grading.label()
            )));
        }
        let reason = text::opt_field("reason", reason, limits::NOTE, false)?
            .filter(|r| !r.trim().is_empty());
        // Both the old and the new grading must be within the user's reach.
        let top = self.may_use(&cur, "regrade")?.max(grading);
        if let Some(d) = self.may_read(cur.folder_id, cur.key_tier, cur.key_version, top)? {
            let a = Act::new("regrade").doc(&cur.journal_number, cur.version, cur.person_id);
            return Err(self.refuse(a, d.rule, d.message));
        }
        // A decision's assessment is graded with the decision, which its maker signed: as
        // with another originator's document, lowering it is a decision, not a clerk's edit.
        if grading < old
            && (self.originator_is_outside(&cur)? || self.is_assessment(&cur.journal_number)?)
        {
            let act = Act::new("regrade").doc(&cur.journal_number, cur.version, cur.person_id);
            if !self.user().decision_authority {
                let msg = t!(
                    "doc-lower-needs-authority",
                    jno = jno,
                    source = cur.source.as_str()
                );
                return Err(self.refuse(act, ORIGINATOR_RULE, msg));
            }
            if reason.is_none() {
                let msg = t!(
                    "doc-lower-needs-reason",
                    jno = jno,
                    source = cur.source.as_str()
                );
                return Err(self.refuse(act, ORIGINATOR_RULE, msg));
            }
        }
        let note = Some(match &reason {
            Some(r) => format!("to {}; reason: {r}", grading.as_str()),
            None => format!("to {}", grading.as_str()),
        });
        self.next_version(&cur, grading, cur.unverified, "regrade", note)
    }

    /// `doc verified`: clears the "unverified" flag of a document whose correctness has been
    /// established; the next version, with who and why in the use log.
    pub fn mark_document_verified(&mut self, jno: &str, reason: &str) -> Result<Written> {
        let cur = self.document(&super::parse_jno(jno)?.0)?;
        let reason = text::field("reason", reason, limits::NOTE, false)?;
        if reason.trim().is_empty() {
            return Err(Error::Usage(t!("doc-verified-needs-reason")));
        }
        if !cur.unverified {
            return Err(Error::Usage(t!("doc-already-verified", jno = jno)));
        }
        self.may_use(&cur, "revise")?;
        let note = Some(format!("verified; reason: {reason}"));
        self.next_version(&cur, cur.grading()?, false, "revise", note)
    }

    /// Whether a document's grading is another's to decide: police, PST, Kripos, or KSF
    /// seen from a region or local unit.
    fn originator_is_outside(&self, d: &DocMeta) -> Result<bool> {
        let src = d.source()?;
        Ok(src.is_police() || (src == Source::Ksf && self.meta().level != Level::Ksf))
    }

    /// Whether `jno` is the assessment of a decision (R22, R23): the decision's signatures
    /// cover its text, so a new version of it would leave the decision failing them for
    /// good, and its grading is the decision's. The row could be deleted with the store
    /// key, but `verify` then names the decision as gone.
    pub(crate) fn is_assessment(&self, jno: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM decisions WHERE assessment_jno = ?1)",
            [jno],
            |r| r.get(0),
        )?)
    }

    /// Writes `cur`'s contents again as its next version with a new grading or flag.
    fn next_version(
        &mut self,
        cur: &DocMeta,
        grading: Grading,
        unverified: bool,
        act: &str,
        note: Option<String>,
    ) -> Result<Written> {
        let key = self.folder_key(cur.folder_id, cur.key_tier, cur.key_version)?;
        let chunks = Chunks::Old(Box::new(ChunkReader::new(cur, &key)?));
        let mut reencrypt = Vec::new();
        if Tier::of(grading) == Tier::S {
            for older in self.versions(&cur.journal_number)? {
                if older.key_tier == Tier::F {
                    let k = self.folder_key(older.folder_id, Tier::F, older.key_version)?;
                    let r = ChunkReader::new(&older, &k)?;
                    reencrypt.push((older, r));
                }
            }
        }
        let v = Version {
            jno: Some(cur.journal_number.clone()),
            version: cur.version + 1,
            folder_id: cur.folder_id,
            person_id: cur.person_id,
            grading,
            title: &cur.title,
            source: cur.source()?,
            unverified,
            health: cur.health_confidential,
            derived_from: cur.derived_from.clone(),
            info_date: cur.info_date.clone(),
            exemption: DEFAULT_EXEMPTION,
            act,
            note,
        };
        let kind = if cur.content_kind == "text" {
            "text"
        } else {
            "file"
        };
        self.write_version(v, chunks, kind, cur.file_name.clone(), reencrypt)
    }
}
