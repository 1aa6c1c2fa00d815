//! Filing the casework a `decision-report` package carries (R23, R24), inside the import's
//! one transaction: a decision from below is checked (both signatures under the deciding
//! unit's trusted key, addressed to this level, not seen before), its assessment filed in the
//! person's folder as a received document, and what it is owed onwards queued; a review from
//! above is checked against the decision it names and recorded, so the decision's standing
//! here changes. Any failure rolls back the whole import.
//!
//! The person a decision is filed under is the package's person with the decision's uid,
//! matched (or registered) exactly as for documents (file.rs). A decision is verified under
//! the key of the unit that took it: the sender's, or, for one forwarded by a region to KSF,
//! the deciding unit's own trusted card; never a key the package itself brings.

use super::Arrived;
use crate::audit::bulk::Appender;
use crate::authz::folder::Tier;
use crate::authz::Grading;
use crate::casework::review::{
    file_received_decision, file_received_review, received_source, received_title,
};
use crate::documents::{write_received, Received};
use crate::identity::{Acting, Session};
use crate::transfer::payload::{Casework, Payload};
use crate::{Error, Result};
use rusqlite::Transaction;
use std::collections::HashMap;

/// What the casework of one import did.
#[derive(Debug, Default)]
pub(super) struct FiledCasework {
    /// Decisions recorded, by id here.
    pub(super) decisions: Vec<i64>,
    /// Reviews recorded, by the id here of the decision they concern.
    pub(super) reviews: Vec<i64>,
}

/// The gradings of the decisions a package carries.
pub(super) fn gradings(pl: &Payload) -> impl Iterator<Item = Grading> + '_ {
    decision_persons(pl).map(|(_, g)| g)
}

/// Each decision's person (uid) and grading.
pub(super) fn decision_persons(pl: &Payload) -> impl Iterator<Item = ([u8; 16], Grading)> + '_ {
    pl.casework.iter().filter_map(|c| match c {
        Casework::Decision { person, record } => Some((*person, record.grading)),
        Casework::Review(_) => None,
    })
}

impl Session {
    /// The key `unit`'s records must verify under: the sender's card that signed the
    /// package, or another unit's card this store trusts.
    fn casework_key(&self, a: &Arrived, unit: &str) -> Result<[u8; 32]> {
        if unit == a.payload.sender {
            return Ok(*a.card.ed25519());
        }
        match self.trusted_card(unit)? {
            Some(c) => Ok(*c.ed25519()),
            None => Err(Error::Integrity(crate::t!(
                "package-casework-untrusted",
                unit = crate::text::escape(unit)
            ))),
        }
    }

    /// Files every decision and review of the package. `folders` gives (person, folder,
    /// new) per person of the package, in its order.
    pub(super) fn file_casework(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        a: &Arrived,
        folders: &[(i64, i64, bool)],
    ) -> Result<FiledCasework> {
        let pl = &a.payload;
        let mut out = FiledCasework::default();
        let mut keys = HashMap::new();
        for c in &pl.casework {
            match c {
                Casework::Decision { person, record } => {
                    let (person_id, folder, _) = pl
                        .persons
                        .iter()
                        .position(|p| p.uid == *person)
                        .and_then(|i| folders.get(i).copied())
                        .ok_or_else(|| {
                            Error::Other(crate::t!("transfer-decision-person-unplaced"))
                        })?;
                    if record.unit == pl.sender && record.level != pl.sender_level {
                        return Err(Error::Integrity(crate::t!(
                            "package-casework-level",
                            unit = crate::text::escape(&record.unit)
                        )));
                    }
                    let key = self.casework_key(a, &record.unit)?;
                    self.check_received_decision(record, &key)?;
                    subject_is(tx, person_id, &record.subject)?;
                    let text = record.assessment.as_bytes();
                    let title = received_title(record);
                    let counterpart = format!("{} vedtak", pl.sender);
                    let r = Received {
                        jno: None,
                        version: 1,
                        folder_id: folder,
                        person_id,
                        grading: record.grading,
                        title: &title,
                        source: received_source(record),
                        unverified: false,
                        health: record.basis.iter().any(|b| b.health_confidential),
                        derived_from: None,
                        info_date: decided_on(&record.decided_at),
                        content_kind: "text",
                        file_name: None,
                        size: text.len() as u64,
                        counterpart: &counterpart,
                        detail: format!("decision from {} in package {}", pl.sender, pl.id), // untranslated: use-log detail
                    };
                    let fkey = self.write_key_in(&mut keys, folder, Tier::of(record.grading))?;
                    let mut log = Appender::new(tx, &acting.meta.store_id)?;
                    let mut reader: &[u8] = text;
                    let limit = u64::MAX;
                    let (jno, _) =
                        write_received(tx, acting, &mut log, fkey, &r, &mut reader, limit)?;
                    drop(log);
                    let here = acting.meta.level;
                    let id =
                        file_received_decision(tx, acting, here, record, &key, person_id, &jno)?;
                    out.decisions.push(id);
                }
                Casework::Review(record) => {
                    // The level a review is signed at must be the sender's, as its trusted
                    // card gives it: a peer at this unit's level (or KSF writing past the
                    // region) signing "region" would otherwise review as the level above.
                    if record.unit != pl.sender || record.level != pl.sender_level {
                        return Err(Error::Integrity(crate::t!(
                            "package-casework-level",
                            unit = crate::text::escape(&record.unit)
                        )));
                    }
                    let key = *a.card.ed25519();
                    let (decision, person) = self.check_received_review(record, &key)?;
                    file_received_review(tx, acting, record, &key, decision, person)?;
                    out.reviews.push(decision);
                }
            }
        }
        Ok(out)
    }
}

/// The person a decision is filed under here must be the one the deciding unit signed it
/// about: the package's person for a decision is chosen by the sender, and a forwarding
/// region (or any sender) could otherwise file another unit's decision, assessment and all,
/// in another person's folder, and have it owed onwards under that person. The folded name
/// (as persons are matched) or the date of birth, where both are known, must agree.
fn subject_is(
    tx: &Transaction<'_>,
    person: i64,
    subject: &crate::casework::record::Subject,
) -> Result<()> {
    let (name, born): (String, Option<String>) = tx.query_row(
        "SELECT name, born FROM persons WHERE id = ?1",
        [person],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // One of the two may have been corrected at either end since the person was sent (the
    // receiver keeps its own register); both at once is refused, and the message says to
    // correct the register here first.
    let same_born = matches!((&born, &subject.born), (Some(a), Some(b)) if a == b);
    if crate::text::fold(&name) != crate::text::fold(&subject.name) && !same_born {
        return Err(Error::Integrity(crate::t!(
            "package-casework-subject",
            subject = crate::text::escape(&subject.name),
            here = crate::text::escape(&name)
        )));
    }
    Ok(())
}

/// The day a decision was taken, as the information date of its assessment.
fn decided_on(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|d| d.date_naive().to_string())
        .unwrap_or_else(|_| chrono::Utc::now().date_naive().to_string())
}
