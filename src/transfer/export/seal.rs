//! Writing a package: written first, then released (R15).
//!
//! The recording transaction (record.rs in this folder) commits before a byte is decrypted.
//! Then each document is streamed into the package file, which gets its name when complete.
//! If writing fails, a second transaction removes the record (its copies are owed again, its
//! number is used again) and logs the failure.

use super::record::Recorded;
use super::{ExportRequest, Exported, Receiver, Selection};
use crate::audit::{self, Act, Outcome};
use crate::documents::Outgoing;
use crate::identity::Session;
use crate::time::now_rfc3339;
use crate::transfer::payload::Payload;
use crate::transfer::seal::signature_path;
use crate::transfer::{PackageFile, PackageHeader, PackageId};
use crate::{t, Error, Result};
use rusqlite::params;
use std::io::Read;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Reads one outgoing version's plaintext, a chunk at a time.
struct DocReader<'a> {
    s: &'a Session,
    doc: &'a mut Outgoing,
    buf: Zeroizing<Vec<u8>>,
    pos: usize,
}

impl Read for DocReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            match self.doc.next_chunk(self.s) {
                Ok(Some(c)) => {
                    self.buf = c;
                    self.pos = 0;
                }
                Ok(None) => return Ok(0),
                Err(e) => return Err(std::io::Error::other(e.to_string())),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl Session {
    /// `package export`.
    pub fn export_package(
        &mut self,
        req: &ExportRequest,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Exported> {
        let unit_keys = self.unit_keys()?;
        let sel = self.select(req)?;
        let mut outgoing = self.prepare_send(
            sel.versions.clone(),
            sel.receiver.disclosure(),
            &format!("package-export ({})", sel.kind), // untranslated: use-log act code
        )?;
        let rec = self.record_export(&sel, &outgoing, &unit_keys.signing)?;
        let payload = self.payload_for(&sel, &rec, &outgoing)?;
        let file = if req.out.is_dir() {
            req.out.join(format!("{}.ifp", rec.id))
        } else {
            req.out.clone()
        };
        let written = self.write_package(
            (&sel, &rec, &payload),
            &file,
            &mut outgoing,
            &unit_keys.signing,
            &mut progress,
        );
        let sealed = match written {
            Ok(s) => s,
            Err(e) => return Err(self.export_failed(&rec.id, e)),
        };
        let card = match &sel.receiver {
            Receiver::Unit(_) => Some(self.write_card_beside(&file)?),
            Receiver::External(..) => None,
        };
        self.write(|tx, _| {
            tx.execute(
                "UPDATE packages_out SET status = 'sealed', tagmanifest = ?2, size = ?3
                 WHERE id = ?1",
                params![
                    rec.id.as_str(),
                    sealed.comment.tagmanifest_sha256.to_vec(),
                    i64::try_from(sealed.size).unwrap_or(i64::MAX)
                ],
            )?;
            let mut st = tx.prepare("UPDATE auth_changes SET sent_at = ?2 WHERE id = ?1")?;
            for id in &sel.auth_changes {
                st.execute(params![id, now_rfc3339()])?;
            }
            Ok(())
        })?;
        Ok(Exported {
            id: rec.id.to_string(),
            kind: sel.kind,
            receiver: sel.receiver.name().to_owned(),
            seq: rec.seq,
            signature: signature_path(&file),
            file,
            card,
            documents: outgoing.len(),
            size: sealed.size,
            checkpoint_seq: rec.checkpoint.as_ref().map(|c| c.seq),
        })
    }

    fn write_package(
        &self,
        (sel, rec, payload): (&Selection, &Recorded, &Payload),
        file: &std::path::Path,
        out: &mut [Outgoing],
        unit: &crate::crypto::sign::SigningKey,
        progress: &mut impl FnMut(u64, u64),
    ) -> Result<crate::transfer::Sealed> {
        let header = PackageHeader::new(rec.id.clone(), &self.meta().unit, sel.receiver.name())?;
        let json = payload.encode()?;
        let mut pf = PackageFile::create(
            file,
            header,
            &[sel.receiver.recipient()],
            &json,
            chrono::Utc::now().date_naive(),
        )?;
        let total: u64 = out
            .iter()
            .map(|o| u64::try_from(o.meta.size).unwrap_or(0))
            .sum();
        let mut done = 0u64;
        progress(0, total);
        for o in out.iter_mut() {
            let size = u64::try_from(o.meta.size).unwrap_or(0);
            let r = DocReader {
                s: self,
                doc: o,
                buf: Zeroizing::new(Vec::new()),
                pos: 0,
            };
            pf.add_document(size, r)?;
            done += size;
            progress(done, total);
        }
        let acting = self.acting();
        pf.finish(unit, &acting.user.name, acting.signing)
    }

    /// The unit's current card beside a package (`F.card`): a peer that trusts an older card
    /// of this unit takes a rollover from it.
    fn write_card_beside(&mut self, file: &std::path::Path) -> Result<PathBuf> {
        let card = self.unit_card()?;
        card_beside(file, &card)
    }

    /// Undoes the record of a package that could not be written, and logs why.
    fn export_failed(&mut self, id: &PackageId, why: Error) -> Error {
        let res = self.write(|tx, acting| {
            tx.execute(
                "DELETE FROM disclosures WHERE package_id = ?1", // untranslated: SQL
                [id.as_str()],
            )?;
            tx.execute("DELETE FROM packages_out WHERE id = ?1", [id.as_str()])?; // untranslated: SQL
            crate::casework::chain::unmark_sent_in(tx, id.as_str())?;
            let mut act =
                Act::new("package-export").detail(format!("{id} was not written: {}", why.kind())); // untranslated: use-log detail
            act.outcome = Outcome::Failed;
            audit::append(tx, acting, &act)?;
            Ok(())
        });
        match res {
            Ok(()) => why,
            Err(e) => Error::Other(t!(
                "transfer-export-undo-failed",
                why = why.to_string(),
                error = e.to_string()
            )),
        }
    }
}

/// Writes `card` beside a package as `F.card` (never over an existing file).
pub(crate) fn card_beside(
    file: &std::path::Path,
    card: &crate::transfer::card::UnitCard,
) -> Result<PathBuf> {
    let mut p = file.as_os_str().to_owned();
    p.push(".card");
    let p = PathBuf::from(p);
    let mut f = crate::store::fsutil::NewFile::create_for(&p)?;
    std::io::Write::write_all(f.file(), card.encode()?.as_bytes()).map_err(Error::io(t!(
        "transfer-cannot-write",
        path = p.display().to_string()
    )))?;
    f.persist(&p)?;
    Ok(p)
}
