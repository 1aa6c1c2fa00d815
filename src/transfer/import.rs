//! `package import` and `package inspect`: opening a package from another unit and checking
//! everything about it before a single row is written (DESIGN.md §6).
//!
//! In this order: the signature file and its trusted comment (addressed to this unit, from
//! a unit this store trusts); the outer signature over every byte, by the key on the
//! sender's trusted card, or on a card beside the package (`F.card`) that the trusted key
//! signed as its successor (a rollover); the age header opens with this unit's key (or one
//! retired by a rollover); pass 1 over the whole archive (names, manifests, inner unit and
//! officer signatures); package.json, checked against all of that; the sender's sequence
//! number (a package seen before is a replay; a number skipped is reported as a gap); the
//! sender's log checkpoint (signed by the same key, and never going back behind what the
//! sender's earlier packages showed). Only a package that passes all of it reaches the
//! filing transaction (file.rs in this folder).
//!
//! A package refused here leaves the store exactly as it was, byte for byte: nothing is
//! written, not even a log entry, because nothing in it was used and anyone with a USB stick
//! could otherwise write into the log. The refusal is the exit code and the message.

mod casework;
mod documents;
mod file;

pub use file::{Imported, ImportedDoc};

use super::card::UnitCard;
use super::checkpoint::Checkpoint;
use super::minisig::{self, Signature};
use super::payload::{self, Kind, Payload};
use super::{Expected, Limits, TrustedComment, VerifiedPackage};
use crate::identity::Session;
use crate::text::escape;
use crate::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The largest card file read beside a package.
const MAX_CARD_FILE: u64 = 16 * 1024;

/// A package that passed every check, with what it says.
#[derive(Debug)]
pub(crate) struct Arrived {
    pub(crate) package: VerifiedPackage<File>,
    pub(crate) payload: Payload,
    /// The sender's card whose key signed it.
    pub(crate) card: UnitCard,
    /// That card succeeds the trusted one (a rollover to take over on import).
    pub(crate) rollover: bool,
    /// Sequence numbers from this sender not yet arrived, below this one.
    pub(crate) gaps: Vec<u64>,
    /// Imported here before (only `package inspect` gets this far with such a package).
    pub(crate) imported_before: bool,
}

fn refused(why: String) -> Error {
    Error::Integrity(crate::t!("package-nothing-imported", why = why))
}

/// The card beside a package, if there is one.
fn card_beside(path: &Path) -> Result<Option<UnitCard>> {
    let mut p = path.as_os_str().to_owned();
    p.push(".card");
    let Ok(f) = File::open(PathBuf::from(&p)) else {
        return Ok(None);
    };
    let data = super::io::read_bounded(f, MAX_CARD_FILE)
        .map_err(|_| refused(crate::t!("package-refused-card-unreadable")))?;
    UnitCard::parse(&data).map(Some)
}

impl Session {
    /// Which card's key must have signed: the trusted card, or a successor beside the file.
    fn signing_card(&self, path: &Path, sig: &Signature, sender: &str) -> Result<(UnitCard, bool)> {
        let trusted = self.trusted_card(sender)?.ok_or_else(|| {
            refused(crate::t!(
                "package-refused-untrusted",
                sender = escape(sender)
            ))
        })?;
        if minisig::key_id(trusted.ed25519()) == *sig.key_id() {
            return Ok((trusted, false));
        }
        let Some(next) = card_beside(path)? else {
            return Err(refused(crate::t!(
                "package-refused-unknown-key",
                sender = escape(sender)
            )));
        };
        next.succeeds(&trusted)?;
        if next.unit() != sender || minisig::key_id(next.ed25519()) != *sig.key_id() {
            return Err(refused(crate::t!("package-refused-neither-key")));
        }
        Ok((next, true))
    }

    /// Opens and checks a package; writes nothing. A package imported before is refused
    /// unless `again` (`package inspect` may look at it once more).
    pub(crate) fn open_package(&self, path: &Path, again: bool) -> Result<Arrived> {
        let sig_bytes = super::read_signature(path)?;
        let sig = Signature::parse(&sig_bytes)?;
        let comment = TrustedComment::parse(sig.trusted_comment())?;
        let me = self.meta().unit.clone();
        let sender = comment.header.sender().to_owned();
        let (card, rollover) = self.signing_card(path, &sig, &sender)?;
        // The comment is the sender's before anything it says is acted on, even a refusal.
        sig.verify_comment(&minisig::PublicKey::for_unit(card.ed25519()))?;
        if comment.header.receiver() != me {
            return Err(refused(crate::t!(
                "package-refused-receiver",
                receiver = escape(comment.header.receiver()),
                me = escape(&me)
            )));
        }
        let f = File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(crate::t!(
                "package-not-found",
                file = path.display().to_string()
            )),
            _ => Error::io(crate::t!(
                "file-cannot-read",
                file = path.display().to_string()
            ))(e),
        })?;
        let expected = Expected {
            sender: &sender,
            sender_key: card.ed25519(),
            receiver: &me,
        };
        let signed = super::SignedPackage::new(f, &sig_bytes, &expected)?;
        let current = self.unit_keys()?;
        let retired = self.retired_agreement_keys()?;
        let mut keys = vec![&current.agreement];
        keys.extend(retired.iter());
        let package = signed
            .decrypt_any(&keys)?
            .verify_contents(&Limits::default())?;
        let payload = payload::parse(package.package_json())?;
        self.check_agrees(&package, &payload, &card)?;
        let (gaps, imported_before) = match self.check_sequence(&payload) {
            Ok(g) => (g, false),
            Err(_) if again => (Vec::new(), true),
            Err(e) => return Err(e),
        };
        if !imported_before {
            if let Some(c) = &payload.checkpoint {
                self.check_checkpoint_progress(c, &payload)?;
            }
            if let Some(r) = &payload.receipt {
                self.check_receipt(&payload.sender, r)?;
            }
        }
        self.check_auth_changes(&payload)?;
        Ok(Arrived {
            package,
            payload,
            card,
            rollover,
            gaps,
            imported_before,
        })
    }

    /// package.json must say what the signatures and the bag say.
    fn check_agrees(&self, p: &VerifiedPackage<File>, pl: &Payload, card: &UnitCard) -> Result<()> {
        let h = p.header();
        let docs = p.documents();
        let sizes_match = docs.len() == pl.documents.len()
            && docs
                .iter()
                .zip(&pl.documents)
                .all(|(f, d)| f.size == d.size);
        let ok = pl.id == *h.id()
            && pl.sender == h.sender()
            && pl.receiver == h.receiver()
            && pl.officer == p.officer().name
            && pl.sender_level == card.level()
            && sizes_match;
        if !ok {
            return Err(refused(crate::t!("transfer-contents-disagree")));
        }
        match &pl.checkpoint {
            Some(c) if c.unit == pl.sender && c.unit_key == *card.ed25519() => Ok(()),
            None if pl.kind == Kind::External => Ok(()),
            _ => Err(refused(crate::t!("transfer-checkpoint-missing"))),
        }
    }

    /// Refuses a package seen before; gives the numbers from this sender still missing.
    fn check_sequence(&self, pl: &Payload) -> Result<Vec<u64>> {
        let seen: Vec<(i64, String)> = self
            .conn()
            .prepare("SELECT seq, id FROM packages_in WHERE sender = ?1 ORDER BY seq")?
            .query_map([&pl.sender], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let seq = i64::try_from(pl.seq).map_err(|_| refused(crate::t!("package-why-bad-seq")))?;
        if let Some((s, id)) = seen
            .iter()
            .find(|(s, id)| *s == seq || *id == pl.id.as_str())
        {
            return Err(refused(crate::t!(
                "package-refused-replay",
                id = id.as_str(),
                seq = *s,
                sender = escape(&pl.sender)
            )));
        }
        let top = seen.last().map(|(s, _)| *s).unwrap_or(0).max(seq);
        let have: std::collections::HashSet<i64> = seen.iter().map(|(s, _)| *s).collect();
        Ok((1..top)
            .filter(|s| *s != seq && !have.contains(s))
            .filter_map(|s| u64::try_from(s).ok())
            .take(100)
            .collect())
    }

    /// A sender's log never goes back: a checkpoint in a later package of theirs must not be
    /// below one in an earlier package, nor name another hash at the same entry.
    fn check_checkpoint_progress(&self, c: &Checkpoint, pl: &Payload) -> Result<()> {
        let mut st = self.conn().prepare(
            "SELECT c.store_id, c.seq, c.head, p.seq FROM checkpoints_in c
             JOIN packages_in p ON p.sender = c.unit AND p.id = c.package_id
             WHERE c.unit = ?1",
        )?;
        let rows = st.query_map([&pl.sender], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let (cseq, pseq) = (
            i64::try_from(c.seq).unwrap_or(i64::MAX),
            i64::try_from(pl.seq).unwrap_or(i64::MAX),
        );
        for row in rows {
            let (store, seq, head, package_seq) = row?;
            let went_back = (package_seq < pseq && seq > cseq)
                || (package_seq > pseq && seq < cseq)
                || (seq == cseq && head != c.head)
                || store != c.store_id;
            if went_back {
                return Err(refused(crate::t!(
                    "transfer-sender-log-went-back",
                    sender = escape(&pl.sender),
                    seq = seq.to_string(),
                    cseq = cseq.to_string()
                )));
            }
        }
        Ok(())
    }
}

/// What `package inspect` shows.
#[derive(Debug, serde::Serialize)]
pub struct Inspected {
    /// Package id.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// Sender.
    pub sender: String,
    /// Receiver.
    pub receiver: String,
    /// Sequence number from that sender.
    pub seq: u64,
    /// Exporting officer.
    pub officer: String,
    /// Made at.
    pub created_at: String,
    /// Persons named (name only).
    pub persons: Vec<String>,
    /// Documents: journal number at the sender, version, grading, title (where this user may
    /// see it).
    pub documents: Vec<serde_json::Value>,
    /// List changes carried.
    pub auth_changes: usize,
    /// Decisions and reviews carried (`decision-report`).
    pub casework: usize,
    /// The sender's log checkpoint.
    pub checkpoint: Option<Checkpoint>,
    /// Sequence numbers from this sender not yet arrived.
    pub gaps: Vec<u64>,
    /// The sender rolled its keys over (its new card comes with the package).
    pub rollover: bool,
    /// This package was imported here before.
    pub imported_before: bool,
}

impl Session {
    /// `package inspect`: everything `package import` checks, and what the package holds;
    /// logged. Titles are shown only to an officer cleared for the grading.
    pub fn inspect_package(&mut self, path: &Path) -> Result<Inspected> {
        let a = self.open_package(path, true)?;
        let pl = &a.payload;
        let me = self.user().clone();
        let documents = pl
            .documents
            .iter()
            .map(|d| {
                let see =
                    me.role == crate::identity::Role::Officer && me.clearance >= d.grading.needs();
                serde_json::json!({
                    "journal_number": d.journal_number, "version": d.version,
                    "grading": d.grading, "size": d.size,
                    "title": if see { d.title.as_str() } else { crate::documents::HIDDEN_TITLE },
                })
            })
            .collect();
        let out = Inspected {
            id: pl.id.to_string(),
            kind: pl.kind,
            sender: pl.sender.clone(),
            receiver: pl.receiver.clone(),
            seq: pl.seq,
            officer: pl.officer.clone(),
            created_at: pl.created_at.clone(),
            persons: pl.persons.iter().map(|p| p.name.clone()).collect(),
            documents,
            auth_changes: pl.auth_changes.len(),
            casework: pl.casework.len(),
            checkpoint: pl.checkpoint.clone(),
            gaps: a.gaps.clone(),
            rollover: a.rollover,
            imported_before: a.imported_before,
        };
        self.log_act(&crate::audit::Act::new("package-inspect").detail(format!(
            "{} {} from {} seq {}", // untranslated: use-log detail
            pl.kind, pl.id, pl.sender, pl.seq
        )))?;
        Ok(out)
    }
}
