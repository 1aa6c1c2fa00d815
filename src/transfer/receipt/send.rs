//! Writing a receipt: sealed inside the import's transaction, named only after it commits.
//!
//! The order matters for a transfer: the sender destroys its folder when the receipt comes
//! back, so a receipt must never exist for an import that did not commit. So the receipt is
//! recorded (status `sealing`) and sealed into an unnamed file inside the transaction, and
//! given its name after the commit. If the program dies in between, the import stands and
//! the receipt is missing: `package receipt ID` writes it again, under the same number (a
//! copy that did get out is then a replay at the sender, and refused there).

use crate::audit::{self, Act};
use crate::identity::{Acting, Session};
use crate::time::now_rfc3339;
use crate::transfer::card::UnitCard;
use crate::transfer::export::{card_beside, checkpoint_in, number_package, slug};
use crate::transfer::payload::{Filing, Kind, Payload, Receipt};
use crate::transfer::{PackageFile, PackageHeader, PackageId, Unnamed};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use std::path::{Path, PathBuf};

/// A receipt sealed, not yet named.
#[derive(Debug)]
pub(crate) struct PendingReceipt {
    id: PackageId,
    file: PathBuf,
    sealed: Unnamed,
    card: UnitCard,
}

/// What a receipt answers: the package (as the sender made it) and how it was filed.
#[derive(Debug)]
pub(crate) struct Answer<'a> {
    pub(crate) sender: &'a UnitCard,
    pub(crate) receipt: Receipt,
}

fn place(out: &Path, id: &PackageId) -> PathBuf {
    if out.is_dir() {
        out.join(format!("{id}.ifp"))
    } else {
        out.to_path_buf()
    }
}

impl Session {
    /// Records and seals the receipt answering `a` inside the caller's transaction, under
    /// a new number, or under `again` (id and number) when writing a lost one again.
    pub(crate) fn seal_receipt(
        &self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        a: &Answer<'_>,
        out: &Path,
        again: Option<(PackageId, i64)>,
    ) -> Result<PendingReceipt> {
        let keys = self.unit_keys()?;
        let to = a.sender.unit();
        let (id, seq) = match again {
            Some(x) => x,
            None => {
                let (_, seq, id) = number_package(tx, &slug(&acting.meta.unit), to)?;
                (id, seq)
            }
        };
        let file = place(out, &id);
        tx.execute("DELETE FROM packages_out WHERE id = ?1", [id.as_str()])?; // untranslated: SQL
        tx.execute(
            "INSERT INTO packages_out (id, number, kind, receiver, seq, file, status, documents,
                                       created_at, created_by)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM packages_out), 'receipt',
                     ?2, ?3, ?4, 'sealing', 0, ?5, ?6)",
            params![
                id.as_str(),
                to,
                seq,
                file.display().to_string(),
                now_rfc3339(),
                acting.user.name
            ],
        )?;
        tx.execute(
            "UPDATE packages_in SET receipt_id = ?3 WHERE sender = ?1 AND id = ?2",
            params![to, a.receipt.package.as_str(), id.as_str()],
        )?;
        let act = Act::new("package-export").detail(format!(
            "receipt {id} to {to} seq {seq} for {}", // untranslated: use-log detail
            a.receipt.package
        ));
        audit::append(tx, acting, &act)?;
        let payload = Payload {
            kind: Kind::Receipt,
            id: id.clone(),
            sender: acting.meta.unit.clone(),
            sender_level: acting.meta.level,
            receiver: to.to_owned(),
            seq: u64::try_from(seq).unwrap_or(0),
            created_at: now_rfc3339(),
            officer: acting.user.name.clone(),
            checkpoint: Some(checkpoint_in(tx, acting.meta, &keys.signing)?),
            persons: Vec::new(),
            documents: Vec::new(),
            auth_changes: Vec::new(),
            receipt: Some(a.receipt.clone()),
            transfer: None,
            disclosure: None,
            casework: Vec::new(),
        };
        let header = PackageHeader::new(id.clone(), &acting.meta.unit, to)?;
        let date = chrono::Utc::now().date_naive();
        let recipients = [a.sender.age_recipient()];
        let pf = PackageFile::create(&file, header, &recipients, &payload.encode()?, date)?;
        let sealed = pf.seal(&keys.signing, &acting.user.name, acting.signing)?;
        let card = match self.own_card_in(tx)? {
            Some(c) => c,
            None => crate::transfer::trust::issue_card_tx(tx, acting, &keys, None)?,
        };
        Ok(PendingReceipt {
            id,
            file,
            sealed,
            card,
        })
    }

    /// Names a receipt whose import has committed, with this unit's card beside it, and
    /// marks it sealed.
    pub(crate) fn name_receipt(&mut self, r: PendingReceipt) -> Result<PathBuf> {
        let id = r.id.to_string();
        let lost = |e: Error| {
            Error::Other(crate::t!(
                "receipt-not-written",
                error = e.to_string(),
                id = &id
            ))
        };
        let sealed = r.sealed.persist().map_err(lost)?;
        card_beside(&r.file, &r.card).map_err(lost)?;
        self.write(|tx, _| {
            tx.execute(
                "UPDATE packages_out SET status = 'sealed', tagmanifest = ?2, size = ?3
                 WHERE id = ?1",
                params![
                    id,
                    sealed.comment.tagmanifest_sha256.to_vec(),
                    i64::try_from(sealed.size).unwrap_or(i64::MAX)
                ],
            )?;
            Ok(())
        })?;
        Ok(r.file)
    }

    /// `package receipt ID`: writes the receipt `ID` of an imported package again (it was
    /// lost, or never named because the program stopped after the import committed).
    pub fn reissue_receipt(&mut self, receipt_id: &str, out: &Path) -> Result<PathBuf> {
        type Row = (String, String, i64, Vec<u8>, String);
        let row: Option<Row> = self
            .conn()
            .query_row(
                "SELECT sender, id, seq, tagmanifest, imported_at FROM packages_in
                 WHERE receipt_id = ?1",
                [receipt_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (sender, pkg, seq, digest, at) = row.ok_or_else(|| {
            Error::NotFound(crate::t!(
                "receipt-not-found",
                id = crate::text::escape(receipt_id)
            ))
        })?;
        let rseq: i64 = self.conn().query_row(
            "SELECT seq FROM packages_out WHERE id = ?1 AND kind = 'receipt'",
            [receipt_id],
            |r| r.get(0),
        )?;
        let card = self.trusted_card(&sender)?.ok_or_else(|| {
            Error::NotFound(crate::t!(
                "receipt-sender-untrusted",
                unit = crate::text::escape(&sender)
            ))
        })?;
        let receipt = Receipt {
            package: PackageId::parse(&pkg)?,
            seq: u64::try_from(seq).unwrap_or(0),
            tagmanifest_sha256: digest
                .as_slice()
                .try_into()
                .map_err(|_| Error::Integrity(crate::t!("receipt-digest-malformed")))?,
            imported_at: at,
            documents: self.filed_from(&sender, &pkg)?,
        };
        let answer = Answer {
            sender: &card,
            receipt,
        };
        let again = (PackageId::parse(receipt_id)?, rseq);
        let pending = self.write_in_place(|tx, acting| {
            self.seal_receipt(tx, acting, &answer, out, Some(again))
        })?;
        self.name_receipt(pending)
    }

    /// How the versions of package `pkg` from `sender` were filed here.
    fn filed_from(&self, sender: &str, pkg: &str) -> Result<Vec<Filing>> {
        let mut st = self.conn().prepare(
            "SELECT sender_journal_number, sender_version, journal_number, version
             FROM documents_in WHERE sender = ?1 AND package_id = ?2 ORDER BY rowid",
        )?;
        let rows = st.query_map([sender, pkg], |r| {
            Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?)))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
