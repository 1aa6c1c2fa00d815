//! What this unit owes others (R11, R19) and what it waits for: `package pending`.
//!
//! The copy-up duty is computed, not queued: a document version written here, or received
//! from anyone but KSF or the own region (a police source entered with `doc add`), is owed to
//! the region (from a local unit) and to KSF, until a sealed copy-up package to that unit has
//! carried it. Versions received in packages are not owed again: their sender owes them. So
//! no act that makes a document has to remember the queue, and nothing can fall out of it.

use crate::identity::{Level, Session};
use crate::{Error, Result};
use serde::Serialize;

crate::vocab::vocabulary! {
    /// Which copy-up duty (R11): to the own region, or to KSF.
    pub enum OwedAs ("copy-up duty") { // untranslated: vocabulary! concat!s it into vocab.rs's message
        /// The region of a local unit.
        Region = "region",
        /// KSF.
        Ksf = "ksf",
    }
}

/// One version owed.
#[derive(Debug, Clone, Serialize)]
pub struct OwedItem {
    /// Journal number.
    pub journal_number: String,
    /// Version.
    pub version: i64,
    /// Person.
    pub person_id: i64,
    /// Grading.
    pub grading: String,
    /// When it was made here.
    pub created_at: String,
}

/// What is owed to one unit.
#[derive(Debug, Serialize)]
pub struct Owed {
    /// Duty.
    pub duty: OwedAs,
    /// The unit, by name (or how it is known before its card is trusted).
    pub to: String,
    /// Whether its card is trusted (a package can be made).
    pub trusted: bool,
    /// Versions owed, oldest first.
    pub items: Vec<OwedItem>,
}

/// A package sent whose receipt has not come back.
#[derive(Debug, Serialize)]
pub struct Awaited {
    /// Package id.
    pub id: String,
    /// Kind.
    pub kind: String,
    /// Receiver.
    pub receiver: String,
    /// Sequence number to that receiver.
    pub seq: i64,
    /// Documents.
    pub documents: i64,
    /// When made.
    pub created_at: String,
}

/// `package pending`.
#[derive(Debug, Serialize)]
pub struct Pending {
    /// Copies owed up the chain.
    pub copy_up: Vec<Owed>,
    /// Signed list and trust changes not yet sent to KSF (`authlist`).
    pub authlist: usize,
    /// Packages sent whose receipt is awaited (a transfer's folder goes when it comes).
    pub awaiting_receipt: Vec<Awaited>,
    /// Decisions and reviews owed through the chain (`decision-report`), as
    /// `decision pending` lists them.
    pub casework: Vec<crate::casework::chain::Owed>,
}

/// The duties of a store at `level`.
pub(crate) fn duties(level: Level) -> &'static [OwedAs] {
    match level {
        Level::Local => &[OwedAs::Region, OwedAs::Ksf],
        Level::Region => &[OwedAs::Ksf],
        Level::Ksf => &[],
    }
}

impl Session {
    /// The duty a copy-up to `unit` (trusted, of `level`) meets, or why there is none.
    pub(crate) fn duty_towards(&self, unit: &str, level: Level) -> Result<OwedAs> {
        let m = self.meta();
        match level {
            Level::Ksf if m.level != Level::Ksf => Ok(OwedAs::Ksf),
            Level::Region if m.level == Level::Local && m.region.as_deref() == Some(unit) => {
                Ok(OwedAs::Region)
            }
            _ => Err(Error::Usage(crate::t!(
                "transfer-copies-go-up",
                region = m
                    .region
                    .clone()
                    .unwrap_or_else(|| crate::t!("transfer-no-region")),
                unit = crate::text::escape(unit)
            ))),
        }
    }

    /// Versions owed under `duty`, oldest first.
    pub(crate) fn owed(&self, duty: OwedAs) -> Result<Vec<OwedItem>> {
        let mut st = self.conn().prepare_cached(
            "SELECT d.journal_number, d.version, f.person_id, d.grading, d.created_at
             FROM documents d JOIN folders f ON f.id = d.folder_id
             WHERE d.source NOT IN ('ksf', 'region')
               AND NOT EXISTS (SELECT 1 FROM documents_in i
                               WHERE i.journal_number = d.journal_number
                                 AND i.version = d.version)
               AND NOT EXISTS (SELECT 1 FROM package_items_out it
                               JOIN packages_out p ON p.id = it.package_id
                               WHERE it.journal_number = d.journal_number
                                 AND it.version = d.version AND p.status = 'sealed'
                                 AND p.kind = 'copy-up' AND p.owed_as = ?1)
             ORDER BY d.id",
        )?;
        let rows = st.query_map([duty.as_str()], |r| {
            Ok(OwedItem {
                journal_number: r.get(0)?,
                version: r.get(1)?,
                person_id: r.get(2)?,
                grading: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Who a duty is owed to, as far as this store knows: the region by its name, KSF by
    /// the name on its trusted card.
    fn owed_to(&self, duty: OwedAs) -> Result<(String, bool)> {
        let level = match duty {
            OwedAs::Region => "region",
            OwedAs::Ksf => "ksf",
        };
        let trusted: Vec<(String, Option<String>)> = self
            .conn()
            .prepare("SELECT unit, region FROM trusted_units WHERE level = ?1 ORDER BY unit")?
            .query_map([level], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(match duty {
            OwedAs::Ksf => match trusted.into_iter().next() {
                Some((u, _)) => (u, true),
                None => (crate::t!("package-ksf-untrusted"), false),
            },
            OwedAs::Region => {
                let name = self.meta().region.clone().unwrap_or_default();
                let t = trusted.iter().any(|(u, _)| *u == name);
                (name, t)
            }
        })
    }

    /// `package pending`.
    pub fn pending_packages(&self) -> Result<Pending> {
        let mut copy_up = Vec::new();
        for duty in duties(self.meta().level) {
            let (to, trusted) = self.owed_to(*duty)?;
            copy_up.push(Owed {
                duty: *duty,
                to,
                trusted,
                items: self.owed(*duty)?,
            });
        }
        let authlist: i64 = self.conn().query_row(
            "SELECT count(*) FROM auth_changes WHERE sent_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        let mut st = self.conn().prepare(
            "SELECT id, kind, receiver, seq, documents, created_at FROM packages_out
             WHERE status = 'sealed' AND receipt_at IS NULL AND kind NOT IN ('external', 'receipt')
             ORDER BY number",
        )?;
        let awaiting_receipt = st
            .query_map([], |r| {
                Ok(Awaited {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    receiver: r.get(2)?,
                    seq: r.get(3)?,
                    documents: r.get(4)?,
                    created_at: r.get(5)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Pending {
            copy_up,
            authlist: usize::try_from(authlist).unwrap_or(0),
            awaiting_receipt,
            casework: self.casework_owed()?,
        })
    }
}
