//! Receipts: every import answers with a signed `receipt` package for the sender (DESIGN.md
//! §6), and the sender imports it like any package.
//!
//! The receipt names the package (id, sequence number and the tag manifest digest both its
//! signatures cover) and how each document was filed (the sender's journal number beside the
//! receiver's), and carries the receiver's own log checkpoint. At the sender it marks the
//! package delivered; for a transfer, only then is the sender's folder destroyed. A receipt
//! is not answered (no receipt of a receipt).

use super::export::{card_beside, checkpoint_in, number_package, slug};
use super::import::Arrived;
use super::import::ImportedDoc;
use super::payload::{Kind, Payload, Receipt};
use super::{PackageFile, PackageHeader};
use crate::audit::{self, Act};
use crate::crypto::{ct_eq, encode_fields, labels, sign};
use crate::identity::{Acting, Session};
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use std::path::{Path, PathBuf};

fn refused(why: String) -> Error {
    Error::Integrity(format!("{why}; nothing was imported"))
}

/// What a receipt says of an imported package.
fn receipt_for(a: &Arrived, docs: &[ImportedDoc]) -> Receipt {
    Receipt {
        package: a.payload.id.clone(),
        seq: a.payload.seq,
        tagmanifest_sha256: *a.package.tagmanifest_sha256(),
        imported_at: now_rfc3339(),
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

impl Session {
    /// Before anything is written: a receipt must answer a package this unit sealed for its
    /// sender, with the digest that package was signed with, and not answered yet.
    pub(crate) fn check_receipt(&self, sender: &str, r: &Receipt) -> Result<()> {
        type Row = (i64, Option<Vec<u8>>, String, Option<String>);
        let row: Option<Row> = self
            .conn()
            .query_row(
                "SELECT seq, tagmanifest, status, receipt_at FROM packages_out
                 WHERE id = ?1 AND receiver = ?2",
                params![r.package.as_str(), sender],
                |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?)),
            )
            .optional()?;
        let Some((seq, digest, status, receipt_at)) = row else {
            return Err(refused(format!(
                "the receipt is for package {}, which this unit never sent to {}",
                r.package,
                crate::text::escape(sender)
            )));
        };
        let same = u64::try_from(seq).ok() == Some(r.seq)
            && status == "sealed"
            && digest.is_some_and(|d| ct_eq(&d, &r.tagmanifest_sha256));
        if !same {
            return Err(refused(format!(
                "the receipt does not match package {} as this unit sealed it",
                r.package
            )));
        }
        if receipt_at.is_some() {
            return Err(refused(format!(
                "package {} was acknowledged by an earlier receipt",
                r.package
            )));
        }
        Ok(())
    }

    /// Before anything is written: every list change carries its admin's signature.
    pub(crate) fn check_auth_changes(&self, pl: &Payload) -> Result<()> {
        for a in &pl.auth_changes {
            let msg = encode_fields(
                labels::SIG_AUTHLIST,
                &[
                    &a.store,
                    a.time.as_bytes(),
                    a.unit.as_bytes(),
                    a.change.as_bytes(),
                    a.list.as_bytes(),
                    a.agreement.as_deref().unwrap_or("").as_bytes(),
                ],
            );
            if a.unit != pl.sender || !sign::verify(&a.signer, &msg, &a.signature) {
                return Err(refused(
                    "a list change in the package does not carry its admin's signature".into(),
                ));
            }
        }
        Ok(())
    }

    /// Stores the list changes of an `authlist` package as sent (R19).
    pub(crate) fn store_auth_changes(&self, tx: &Transaction<'_>, pl: &Payload) -> Result<()> {
        let mut st = tx.prepare(
            "INSERT INTO auth_changes_in (sender, package_id, time, admin, change, list,
                 agreement, signer, signature, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for a in &pl.auth_changes {
            st.execute(params![
                pl.sender,
                pl.id.as_str(),
                a.time,
                a.admin,
                a.change,
                a.list,
                a.agreement,
                a.signer.to_vec(),
                a.signature.to_vec(),
                now_rfc3339()
            ])?;
        }
        Ok(())
    }

    /// A receipt arrived: marks its package delivered; a transfer's folder is destroyed.
    pub(crate) fn apply_receipt_tx(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        sender: &str,
        r: &Receipt,
        receipt_id: &super::PackageId,
    ) -> Result<Option<i64>> {
        let (kind, person): (String, Option<i64>) = tx.query_row(
            "SELECT kind, person_id FROM packages_out WHERE id = ?1 AND receiver = ?2",
            params![r.package.as_str(), sender],
            |x| Ok((x.get(0)?, x.get(1)?)),
        )?;
        tx.execute(
            "UPDATE packages_out SET receipt_at = ?2, receipt_id = ?3 WHERE id = ?1",
            params![r.package.as_str(), now_rfc3339(), receipt_id.as_str()],
        )?;
        audit::append(
            tx,
            acting,
            &Act::new("receipt").detail(format!(
                "{} acknowledged by {sender}: {} document(s) filed",
                r.package,
                r.documents.len()
            )),
        )?;
        match (kind.as_str(), person) {
            ("transfer", Some(p)) => {
                super::destroy::destroy_folder_for_transfer(
                    tx,
                    acting,
                    p,
                    sender,
                    receipt_id.as_str(),
                )?;
                Ok(Some(p))
            }
            _ => Ok(None),
        }
    }

    /// Seals the receipt for an imported package and names it, inside the import's
    /// transaction (it is removed again if the commit fails). Gives its path.
    pub(crate) fn send_receipt(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        a: &Arrived,
        docs: &[ImportedDoc],
        out: &Path,
    ) -> Result<PathBuf> {
        let keys = self.unit_keys()?;
        let pl = &a.payload;
        let (_, seq, id) = number_package(tx, &slug(&acting.meta.unit), &pl.sender)?;
        let file = if out.is_dir() {
            out.join(format!("{id}.ifp"))
        } else {
            out.to_path_buf()
        };
        tx.execute(
            "INSERT INTO packages_out (id, number, kind, receiver, seq, file, status, documents,
                                       created_at, created_by)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM packages_out), 'receipt',
                     ?2, ?3, ?4, 'sealed', 0, ?5, ?6)",
            params![
                id.as_str(),
                pl.sender,
                seq,
                file.display().to_string(),
                now_rfc3339(),
                acting.user.name
            ],
        )?;
        audit::append(
            tx,
            acting,
            &Act::new("package-export").detail(format!(
                "receipt {id} to {} seq {seq} for {}",
                pl.sender, pl.id
            )),
        )?;
        let payload = Payload {
            kind: Kind::Receipt,
            id: id.clone(),
            sender: acting.meta.unit.clone(),
            sender_level: acting.meta.level,
            receiver: pl.sender.clone(),
            seq: u64::try_from(seq).unwrap_or(0),
            created_at: now_rfc3339(),
            officer: acting.user.name.clone(),
            checkpoint: Some(checkpoint_in(tx, acting.meta, &keys.signing)?),
            persons: Vec::new(),
            documents: Vec::new(),
            auth_changes: Vec::new(),
            receipt: Some(receipt_for(a, docs)),
            transfer: None,
            disclosure: None,
        };
        let header = PackageHeader::new(id.clone(), &acting.meta.unit, &pl.sender)?;
        let pf = PackageFile::create(
            &file,
            header,
            &[a.card.age_recipient()],
            &payload.encode()?,
            chrono::Utc::now().date_naive(),
        )?;
        let sealed = pf.seal(&keys.signing, &acting.user.name, acting.signing)?;
        tx.execute(
            "UPDATE packages_out SET tagmanifest = ?2, size = ?3 WHERE id = ?1",
            params![
                id.as_str(),
                sealed.sealed().comment.tagmanifest_sha256.to_vec(),
                i64::try_from(sealed.sealed().size).unwrap_or(i64::MAX)
            ],
        )?;
        let card = match self.own_card_in(tx)? {
            Some(c) => c,
            None => super::trust::issue_card_tx(tx, acting, &keys, None)?,
        };
        sealed.persist()?;
        if let Err(e) = card_beside(&file, &card) {
            let _ = std::fs::remove_file(super::seal::signature_path(&file));
            let _ = std::fs::remove_file(&file);
            return Err(e);
        }
        Ok(file)
    }
}
