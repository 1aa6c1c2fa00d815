//! Filing a verified package: one transaction, all or nothing (DESIGN.md §6).
//!
//! Before it: who may import what is decided (an officer files documents; STRENGT FORTROLIG
//! needs an officer cleared for it; a folder restricted to others is refused), and refusals
//! are logged. In it: persons unknown here are registered with the sender's uid and get a
//! folder; each document is streamed a second time from the package (re-checked against the
//! verified manifest) and written under this store's folder key, journalled as received with
//! the sender's journal number beside ours, and logged as `import`; the package, its
//! checkpoint, a successor card, list changes or a receipt's consequences are recorded; the
//! import is logged; and the receipt for the sender is sealed and named. Any failure, a file
//! changed on the media between the passes included, rolls all of it back.

use super::Arrived;
use crate::audit::{self, Act};
use crate::authz::folder::{FolderKey, Officers, Tier};
use crate::identity::{Acting, Role, Session};
use crate::register::travel::{person_with_uid, refolder, register_received};
use crate::transfer::payload::Kind;
use crate::{Error, Result};
use rusqlite::{params, Transaction};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One document filed (or found already filed).
#[derive(Debug, Clone, Serialize)]
pub struct ImportedDoc {
    /// The sender's journal number.
    pub sender_journal_number: String,
    /// The sender's version.
    pub sender_version: i64,
    /// This unit's journal number.
    pub journal_number: String,
    /// This unit's version.
    pub version: i64,
    /// The person here.
    pub person_id: i64,
    /// It was here already (received before): not filed twice.
    pub already: bool,
}

/// What `package import` did.
#[derive(Debug, Serialize)]
pub struct Imported {
    /// Package id.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// Sender.
    pub sender: String,
    /// Sequence number from that sender.
    pub seq: u64,
    /// Documents filed.
    pub documents: Vec<ImportedDoc>,
    /// Persons registered here for the first time.
    pub persons_registered: Vec<i64>,
    /// Numbers from this sender that have not arrived (below this one).
    pub gaps: Vec<u64>,
    /// The receipt for the sender.
    pub receipt: Option<PathBuf>,
    /// The sender's new card (a rollover) was taken over.
    pub card_rollover: bool,
    /// List changes received (`authlist`).
    pub auth_changes: usize,
    /// For a receipt: the package it acknowledges.
    pub receipt_for: Option<String>,
    /// For a receipt of a transfer: the person whose folder was destroyed here.
    pub folder_destroyed: Option<i64>,
    /// For a receipt of a transfer: the person, and the document versions kept here because
    /// they did not travel (written while the transfer was on its way, or not filed there).
    pub transfer_kept: Option<(i64, usize)>,
    /// The sender's checkpoint (sequence number).
    pub checkpoint_seq: Option<u64>,
    /// Decisions received for review or onward report, by their id here.
    pub decisions: Vec<i64>,
    /// Upholds and overturns received, by the id of the decision here they concern.
    pub reviews: Vec<i64>,
}

/// Where each person of the package goes here.
#[derive(Debug, Clone, Copy)]
enum Whom {
    /// Known here, with their folder (or none: it left with an earlier transfer).
    Known(i64, Option<i64>),
    /// Not known: registered on import.
    New,
}

/// The receipt's target and what the filing transaction hands back.
pub(super) struct Filed {
    pub(super) docs: Vec<ImportedDoc>,
    pub(super) registered: Vec<i64>,
    pub(super) destroyed: Option<crate::transfer::destroy::Moved>,
    pub(super) receipt: Option<crate::transfer::receipt::PendingReceipt>,
    pub(super) casework: super::casework::FiledCasework,
}

impl Session {
    /// `package import`. `receipt_out`: a file or directory for the receipt (default: beside
    /// the package). `progress(done, total)` counts documents.
    pub fn import_package(
        &mut self,
        path: &Path,
        receipt_out: Option<&Path>,
        progress: impl FnMut(u64, u64),
    ) -> Result<Imported> {
        let mut a = self.open_package(path, false)?;
        if a.payload.kind == Kind::External {
            return Err(Error::Usage(crate::t!(
                "package-not-for-units",
                kind = a.payload.kind.to_string()
            )));
        }
        let whom = match self.plan(&a) {
            Ok(w) => w,
            Err(Error::Refused { rule, message }) => {
                let act = Act::new("package-import").detail(format!("{}", a.payload.id));
                return Err(self.refuse(act, rule, message));
            }
            Err(e) => return Err(e),
        };
        let officers = if a.payload.documents.is_empty() && a.payload.casework.is_empty() {
            Officers(Vec::new())
        } else {
            self.officers()?
        };
        let dir = receipt_out
            .map(Path::to_path_buf)
            .or_else(|| path.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        let filed = self.file(&mut a, &whom, &officers, &dir, progress);
        let filed = match filed {
            Err(Error::Refused { rule, message }) => {
                let act = Act::new("package-import").detail(format!("{}", a.payload.id));
                return Err(self.refuse(act, rule, message));
            }
            other => other?,
        };
        if filed.destroyed.is_some() {
            super::super::destroy::after_destruction(self)?;
        }
        // Named only now that the import has committed: no receipt for an import that is not.
        let receipt = filed.receipt.map(|r| self.name_receipt(r)).transpose()?;
        let pl = &a.payload;
        Ok(Imported {
            id: pl.id.to_string(),
            kind: pl.kind,
            sender: pl.sender.clone(),
            seq: pl.seq,
            documents: filed.docs,
            persons_registered: filed.registered,
            gaps: a.gaps.clone(),
            receipt,
            card_rollover: a.rollover,
            auth_changes: pl.auth_changes.len(),
            receipt_for: pl.receipt.as_ref().map(|r| r.package.to_string()),
            folder_destroyed: filed.destroyed.filter(|m| m.kept == 0).map(|m| m.person),
            transfer_kept: filed
                .destroyed
                .filter(|m| m.kept > 0)
                .map(|m| (m.person, m.kept)),
            checkpoint_seq: pl.checkpoint.as_ref().map(|c| c.seq),
            decisions: filed.casework.decisions,
            reviews: filed.casework.reviews,
        })
    }

    /// Who may file what, decided before the transaction: persons resolved, and refusals
    /// (role, clearance, a restricted folder) returned as `Refused`.
    fn plan(&mut self, a: &Arrived) -> Result<Vec<Whom>> {
        let pl = &a.payload;
        let me = self.user().clone();
        if (!pl.documents.is_empty() || !pl.casework.is_empty()) && me.role != Role::Officer {
            return Err(Error::Refused {
                rule: "role",
                message: crate::t!(
                    "package-refused-import-role",
                    name = me.name.as_str(),
                    role = me.role.to_string()
                ),
            });
        }
        let gradings = pl
            .documents
            .iter()
            .map(|d| d.grading)
            .chain(super::casework::gradings(pl));
        if let Some(g) = gradings.into_iter().find(|g| me.clearance < g.needs()) {
            return Err(Error::Refused {
                rule: "clearance",
                message: crate::t!(
                    "package-refused-import-clearance",
                    grading = g.label(),
                    name = me.name.as_str(),
                    clearance = me.clearance.to_string()
                ),
            });
        }
        let mut whom = Vec::with_capacity(pl.persons.len());
        for p in &pl.persons {
            whom.push(match person_with_uid(self.conn(), &p.uid)? {
                Some(id) => Whom::Known(id, self.folder_of(id).ok()),
                None => Whom::New,
            });
        }
        // A folder here that needs a new key after a reader left gets it first (or refuses).
        if self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_rotations_pending)",
            [],
            |r| r.get::<_, bool>(0),
        )? {
            self.carry_out_rotations(|_, _| {})?;
        }
        for d in &pl.documents {
            let i = pl
                .persons
                .iter()
                .position(|p| p.uid == d.person)
                .unwrap_or(0);
            if let Some(Whom::Known(_, Some(folder))) = whom.get(i) {
                self.may_file(*folder, d.grading)?;
            }
        }
        for (uid, g) in super::casework::decision_persons(pl) {
            let i = pl.persons.iter().position(|p| p.uid == uid).unwrap_or(0);
            if let Some(Whom::Known(_, Some(folder))) = whom.get(i) {
                self.may_file(*folder, g)?;
            }
        }
        Ok(whom)
    }

    /// Refuses filing `d` into an existing `folder` this user may not write into.
    fn may_file(&self, folder: i64, grading: crate::authz::Grading) -> Result<()> {
        let tier = Tier::of(grading);
        let pending: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_rotations_pending WHERE folder_id = ?1)",
            [folder],
            |r| r.get(0),
        )?;
        if pending {
            return Err(Error::Refused {
                rule: "not on the list", // untranslated: refusal rule name (rule_label shows it)
                message: crate::t!("package-refused-rotation-pending"),
            });
        }
        let state = self.folder_state(folder)?;
        let version = state.version(tier).unwrap_or(state.f_version);
        let check_tier = if state.version(tier).is_some() {
            tier
        } else {
            Tier::F
        };
        match self.may_read(folder, check_tier, version, grading)? {
            Some(den) => Err(Error::Refused {
                rule: den.rule,
                message: den.message,
            }),
            None => Ok(()),
        }
    }

    /// The transaction.
    fn file(
        &self,
        a: &mut Arrived,
        whom: &[Whom],
        officers: &Officers,
        receipt_dir: &Path,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Filed> {
        self.write_in_place(|tx, acting| {
            let folders = self.place_persons(tx, acting, a, whom, officers)?;
            let (docs, registered) = (
                self.file_documents(tx, acting, a, &folders, &mut progress)?,
                folders
                    .iter()
                    .filter(|f| f.2)
                    .map(|f| f.0)
                    .collect::<Vec<_>>(),
            );
            let casework = self.file_casework(tx, acting, a, &folders)?;
            let destroyed = self.record_arrival(tx, acting, a)?;
            let receipt = match a.payload.kind {
                Kind::Receipt => None,
                _ => {
                    let answer = crate::transfer::receipt::Answer {
                        sender: &a.card,
                        receipt: receipt_for(a, &docs),
                    };
                    Some(self.seal_receipt(tx, acting, &answer, receipt_dir, None)?)
                }
            };
            Ok(Filed {
                docs,
                registered,
                destroyed,
                receipt,
                casework,
            })
        })
    }

    /// Registers new persons, gives known persons without a folder a new one, and makes S
    /// chains where STRENGT FORTROLIG documents arrive. Gives (person, folder, new) per
    /// person of the package.
    fn place_persons(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        a: &Arrived,
        whom: &[Whom],
        officers: &Officers,
    ) -> Result<Vec<(i64, i64, bool)>> {
        let pl = &a.payload;
        let mut out = Vec::with_capacity(whom.len());
        for (w, facts) in whom.iter().zip(&pl.persons) {
            let placed = match *w {
                Whom::Known(id, Some(f)) => (id, f, false),
                Whom::Known(id, None) => (id, refolder(tx, acting, officers, id)?, false),
                Whom::New => {
                    let id = register_received(tx, acting, officers, facts, &pl.sender)?;
                    (id, self.folder_of(id)?, true)
                }
            };
            let strengt = pl
                .documents
                .iter()
                .map(|d| (d.person, d.grading))
                .chain(super::casework::decision_persons(pl))
                .any(|(p, g)| p == facts.uid && Tier::of(g) == Tier::S);
            if strengt {
                self.ensure_s_chain_in(tx, acting, placed.1, officers)?;
            }
            out.push(placed);
        }
        Ok(out)
    }

    /// The newest key of a folder's chain, checked, for writing (cached per import).
    pub(super) fn write_key_in<'k>(
        &self,
        keys: &'k mut HashMap<(i64, Tier), FolderKey>,
        folder: i64,
        tier: Tier,
    ) -> Result<&'k FolderKey> {
        match keys.entry((folder, tier)) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) => {
                let v = self
                    .folder_state(folder)?
                    .version(tier)
                    .ok_or_else(|| Error::Integrity(crate::t!("transfer-folder-no-key")))?;
                Ok(e.insert(self.folder_key(folder, tier, v)?))
            }
        }
    }
}

impl Session {
    /// Records the package, its checkpoint, a successor card, list changes, and a
    /// receipt's consequences; logs the import. Gives the person whose folder a receipt of a
    /// transfer destroyed.
    fn record_arrival(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        a: &Arrived,
    ) -> Result<Option<crate::transfer::destroy::Moved>> {
        let pl = &a.payload;
        let now = crate::time::now_rfc3339();
        tx.execute(
            "INSERT INTO packages_in (sender, seq, id, kind, tagmanifest, documents, officer,
                                      imported_at, imported_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                pl.sender,
                i64::try_from(pl.seq).unwrap_or(i64::MAX),
                pl.id.as_str(),
                pl.kind.as_str(),
                a.package.tagmanifest_sha256().to_vec(),
                i64::try_from(pl.documents.len()).unwrap_or(i64::MAX),
                pl.officer,
                now,
                acting.user.name
            ],
        )?;
        if let Some(c) = &pl.checkpoint {
            tx.execute(
                "INSERT OR IGNORE INTO checkpoints_in (unit, store_id, seq, head, time, unit_key,
                     signature, package_id, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    c.unit,
                    c.store_id.to_vec(),
                    i64::try_from(c.seq).unwrap_or(i64::MAX),
                    c.head.to_vec(),
                    c.time,
                    c.unit_key.to_vec(),
                    c.signature().to_vec(),
                    pl.id.as_str(),
                    now
                ],
            )?;
        }
        if a.rollover {
            crate::transfer::trust::store_trusted_tx(tx, acting, &a.card, "rollover")?;
        }
        self.store_auth_changes(tx, pl)?;
        let destroyed = match &pl.receipt {
            Some(r) => self.apply_receipt_tx(tx, acting, &pl.sender, r, &pl.id)?,
            None => None,
        };
        let mut act = Act::new("package-import").detail(format!(
            "{} {} from {} seq {}: {} document(s)", // untranslated: use-log detail
            pl.kind,
            pl.id,
            pl.sender,
            pl.seq,
            pl.documents.len()
        ));
        if let [only] = pl.persons.as_slice() {
            act.person_id = person_with_uid(tx, &only.uid)?;
        }
        audit::append(tx, acting, &act)?;
        Ok(destroyed)
    }
}

/// What the receipt of `a` says: the package, and how each document was filed.
fn receipt_for(a: &Arrived, docs: &[ImportedDoc]) -> crate::transfer::payload::Receipt {
    crate::transfer::payload::Receipt {
        package: a.payload.id.clone(),
        seq: a.payload.seq,
        tagmanifest_sha256: *a.package.tagmanifest_sha256(),
        imported_at: crate::time::now_rfc3339(),
        documents: docs
            .iter()
            .map(|d| {
                (
                    (d.sender_journal_number.clone(), d.sender_version),
                    (d.journal_number.clone(), d.version),
                )
            })
            .collect(),
    }
}
