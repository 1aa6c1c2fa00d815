//! Receipts: every import answers with a signed `receipt` package for the sender (DESIGN.md
//! §6), and the sender imports it like any package.
//!
//! The receipt names the package (id, sequence number and the tag manifest digest both its
//! signatures cover) and how each document was filed (the sender's journal number beside the
//! receiver's), and carries the receiver's own log checkpoint. At the sender it marks the
//! package delivered; for a transfer, only then is the sender's folder destroyed. A receipt
//! is not answered (no receipt of a receipt).

mod send;

pub(crate) use send::{Answer, PendingReceipt};

use super::payload::{Payload, Receipt};
use crate::audit::{self, Act};
use crate::crypto::{ct_eq, encode_fields, labels, sign};
use crate::identity::{Acting, Session};
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};

fn refused(why: String) -> Error {
    Error::Integrity(crate::t!("package-nothing-imported", why = why))
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
            return Err(refused(crate::t!(
                "receipt-never-sent",
                package = r.package.as_str(),
                unit = crate::text::escape(sender)
            )));
        };
        let same = u64::try_from(seq).ok() == Some(r.seq)
            && status == "sealed"
            && digest.is_some_and(|d| ct_eq(&d, &r.tagmanifest_sha256));
        if !same {
            return Err(refused(crate::t!(
                "receipt-mismatch",
                package = r.package.as_str()
            )));
        }
        if receipt_at.is_some() {
            return Err(refused(crate::t!(
                "receipt-already",
                package = r.package.as_str()
            )));
        }
        let (kind, person) = self.package_out_kind(self.conn(), r.package.as_str())?;
        let filed: Vec<_> = r.documents.iter().map(|(ours, _)| ours.clone()).collect();
        let row = (kind.as_str(), person);
        super::destroy::transferred_person(self, self.conn(), r.package.as_str(), row, &filed)
            .map_err(|e| refused(e.to_string()))?;
        Ok(())
    }

    /// A sealed package's kind and person, as its row has them (unchecked).
    fn package_out_kind(
        &self,
        conn: &rusqlite::Connection,
        id: &str,
    ) -> Result<(String, Option<i64>)> {
        Ok(conn.query_row(
            "SELECT kind, person_id FROM packages_out WHERE id = ?1",
            [id],
            |x| Ok((x.get(0)?, x.get(1)?)),
        )?)
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
                return Err(refused(crate::t!("receipt-list-change-unsigned")));
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
    ) -> Result<Option<super::destroy::Moved>> {
        let (kind, person) = self.package_out_kind(tx, r.package.as_str())?;
        let filed: Vec<_> = r.documents.iter().map(|(ours, _)| ours.clone()).collect();
        let row = (kind.as_str(), person);
        let moved = super::destroy::transferred_person(self, tx, r.package.as_str(), row, &filed)?;
        tx.execute(
            "UPDATE packages_out SET receipt_at = ?2, receipt_id = ?3 WHERE id = ?1",
            params![r.package.as_str(), now_rfc3339(), receipt_id.as_str()],
        )?;
        audit::append(
            tx,
            acting,
            &Act::new("receipt").detail(format!(
                "{} acknowledged by {sender}: {} document(s) filed", // untranslated: use-log detail
                r.package,
                r.documents.len()
            )),
        )?;
        match moved {
            Some(p) => {
                let filed = super::destroy::sent_in(self, tx, r.package.as_str(), &filed)?;
                let at = (sender, receipt_id.as_str());
                let m = super::destroy::destroy_folder_for_transfer(tx, acting, p, at, &filed)?;
                Ok(Some(m))
            }
            None => Ok(None),
        }
    }
}
