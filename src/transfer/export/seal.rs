//! Recording, logging and writing a package: written first, then released (R15).
//!
//! One transaction numbers the package, records what it carries, logs a `send` for every
//! document version and the `package-export`, enters an external package in the disclosure
//! register, and signs the log checkpoint the package carries (the head after those
//! entries). Only after it commits is a byte decrypted, streamed into the package file,
//! which gets its name when complete. If writing fails, a second transaction removes the
//! record (its copies are owed again, its number is used again) and logs the failure.

use super::{ExportRequest, Exported, Receiver, Selection};
use crate::audit::{self, Act, Outcome};
use crate::documents::Outgoing;
use crate::identity::Session;
use crate::register::travel::{uid_of, PersonFacts};
use crate::time::now_rfc3339;
use crate::transfer::checkpoint::{store_id_of, Checkpoint};
use crate::transfer::payload::{
    AuthChange, Casework, DisclosureFacts, DocFacts, Kind, Payload, TransferFacts,
};
use crate::transfer::registers::insert_disclosure_tx;
use crate::transfer::seal::signature_path;
use crate::transfer::{PackageFile, PackageHeader, PackageId};
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};
use std::io::Read;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// What the recording transaction decided.
struct Recorded {
    id: PackageId,
    seq: u64,
    uids: Vec<[u8; 16]>,
    checkpoint: Option<Checkpoint>,
    auth: Vec<AuthChange>,
}

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

fn auth_changes(
    tx: &Transaction<'_>,
    ids: &[i64],
    store: [u8; 16],
    unit: &str,
) -> Result<Vec<AuthChange>> {
    let mut st = tx.prepare(
        "SELECT time, admin, change, list, agreement, signer, signature FROM auth_changes
         WHERE id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let (time, admin, change, list, agreement, signer, sig): (
            String,
            String,
            String,
            String,
            Option<String>,
            Vec<u8>,
            Vec<u8>,
        ) = st.query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        let bad = || Error::Integrity(t!("transfer-queued-change-malformed"));
        out.push(AuthChange {
            store,
            unit: unit.to_owned(),
            time,
            admin,
            change,
            list,
            agreement,
            signer: signer.as_slice().try_into().map_err(|_| bad())?,
            signature: sig.as_slice().try_into().map_err(|_| bad())?,
        });
    }
    Ok(out)
}

/// Records and logs each version a package carries (`send`), and enters an external
/// package in the disclosure register.
fn record_items(
    tx: &Transaction<'_>,
    acting: crate::identity::Acting<'_>,
    sel: &Selection,
    out: &[Outgoing],
    id: &PackageId,
    receiver: &str,
) -> Result<()> {
    let mut item = tx.prepare(
        "INSERT INTO package_items_out (package_id, journal_number, version, person_id)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for o in out {
        let m = &o.meta;
        item.execute(params![
            id.as_str(),
            m.journal_number,
            m.version,
            m.person_id
        ])?;
        audit::append(
            tx,
            acting,
            &Act::new("send")
                .doc(&m.journal_number, m.version, m.person_id)
                .detail(format!("in package {id} to {receiver}")), // untranslated: use-log detail
        )?;
    }
    if let (Some(b), Some(p)) = (&sel.basis, sel.persons.first()) {
        let docs: Vec<String> = out
            .iter()
            .map(|o| format!("{}@{}", o.meta.journal_number, o.meta.version))
            .collect();
        let (b, now) = (b.to_string(), now_rfc3339());
        let pkg = Some(id.as_str());
        insert_disclosure_tx(
            tx, acting, "package", *p, receiver, &b, &docs, None, &now, pkg,
        )?;
    }
    Ok(())
}

/// The next package's number (which names its file), its sequence number to `receiver`,
/// and its id `<unit>-<date>-<number>`.
pub(crate) fn number_package(
    tx: &Transaction<'_>,
    slug: &str,
    receiver: &str,
) -> Result<(i64, i64, PackageId)> {
    let number: i64 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM packages_out",
        [],
        |r| r.get(0),
    )?;
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM packages_out WHERE receiver = ?1",
        [receiver],
        |r| r.get(0),
    )?;
    let date = chrono::Utc::now().format("%Y-%m-%d");
    Ok((
        number,
        seq,
        PackageId::parse(&format!("{slug}-{date}-{number:06}"))?,
    ))
}

/// This store's log checkpoint as `tx` sees it, signed with the unit key.
pub(crate) fn checkpoint_in(
    tx: &Transaction<'_>,
    meta: &crate::identity::StoreMeta,
    unit_signing: &crate::crypto::sign::SigningKey,
) -> Result<Checkpoint> {
    let (h, head) = audit::head(tx, &meta.store_id)?;
    let head: [u8; 32] = head
        .as_slice()
        .try_into()
        .map_err(|_| Error::Integrity(t!("transfer-log-head-malformed")))?;
    let store: [u8; 16] = meta
        .store_id
        .as_slice()
        .try_into()
        .map_err(|_| Error::Integrity(t!("checkpoint-store-id-malformed")))?;
    Ok(Checkpoint::sign(
        &meta.unit,
        store,
        u64::try_from(h).unwrap_or(0),
        head,
        unit_signing,
    ))
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

    fn record_export(
        &mut self,
        sel: &Selection,
        out: &[Outgoing],
        unit_signing: &crate::crypto::sign::SigningKey,
    ) -> Result<Recorded> {
        let store = store_id_of(self)?;
        let slug = super::slug(&self.meta().unit);
        let receiver = sel.receiver.name().to_owned();
        self.write(|tx, acting| {
            let (number, seq, id) = number_package(tx, &slug, &receiver)?;
            let uids = sel
                .persons
                .iter()
                .map(|p| uid_of(tx, *p))
                .collect::<Result<Vec<_>>>()?;
            tx.execute(
                "INSERT INTO packages_out (id, number, kind, receiver, seq, owed_as, person_id,
                     file, status, documents, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', 'sealing', ?8, ?9, ?10)",
                params![
                    id.as_str(),
                    number,
                    sel.kind.as_str(),
                    receiver,
                    seq,
                    sel.owed_as.map(|o| o.as_str()),
                    sel.transfer.as_ref().map(|c| c.person_id),
                    i64::try_from(out.len()).unwrap_or(i64::MAX),
                    now_rfc3339(),
                    acting.user.name
                ],
            )?;
            record_items(tx, acting, sel, out, &id, &receiver)?;
            for (owed, _, _) in &sel.casework {
                crate::casework::chain::mark_sent_in(tx, acting, *owed, id.as_str())?;
            }
            let mut act = Act::new("package-export").detail(format!(
                "{} {id} to {receiver} seq {seq}: {} document(s)", // untranslated: use-log detail
                sel.kind,
                out.len()
            ));
            act.person_id = sel
                .persons
                .first()
                .copied()
                .filter(|_| sel.persons.len() == 1);
            audit::append(tx, acting, &act)?;
            let checkpoint = (sel.kind != Kind::External)
                .then(|| checkpoint_in(tx, acting.meta, unit_signing))
                .transpose()?;
            let auth = auth_changes(tx, &sel.auth_changes, store, &acting.meta.unit)?;
            Ok(Recorded {
                id,
                seq: u64::try_from(seq).unwrap_or(0),
                uids,
                checkpoint,
                auth,
            })
        })
    }

    fn payload_for(&self, sel: &Selection, rec: &Recorded, out: &[Outgoing]) -> Result<Payload> {
        let mut persons = Vec::new();
        for (p, uid) in sel.persons.iter().zip(&rec.uids) {
            let mut f: PersonFacts = self.person_facts(*p, *uid)?;
            if sel.kind == Kind::External {
                // Police get who the documents are about, not the unit's assessment of them.
                (f.unit, f.offence, f.sentence, f.conduct) = (None, None, None, None);
                (f.risks, f.affiliations) = (String::new(), String::new());
            }
            persons.push(f);
        }
        let uid_of_person = |p: i64| {
            sel.persons
                .iter()
                .position(|x| *x == p)
                .and_then(|i| rec.uids.get(i).copied())
                .ok_or_else(|| Error::Other(t!("transfer-doc-person-unlisted")))
        };
        let documents = out
            .iter()
            .map(|o| {
                let m = &o.meta;
                Ok(DocFacts {
                    person: uid_of_person(m.person_id)?,
                    journal_number: m.journal_number.clone(),
                    version: m.version,
                    grading: o.grading,
                    title: m.title.clone(),
                    source: m.source()?,
                    unverified: m.unverified,
                    health_confidential: m.health_confidential,
                    derived_from: m.derived_from.clone(),
                    info_date: m.info_date.clone(),
                    content_kind: m.content_kind.clone(),
                    file_name: m.file_name.clone(),
                    size: u64::try_from(m.size).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let casework = sel
            .casework
            .iter()
            .map(|(_, person, c)| match (c, person) {
                (Casework::Decision { record, .. }, Some(p)) => Ok(Casework::Decision {
                    person: uid_of_person(*p)?,
                    record: record.clone(),
                }),
                (c, _) => Ok(c.clone()),
            })
            .collect::<Result<Vec<_>>>()?;
        let first_uid = rec.uids.first().copied().unwrap_or_default();
        Ok(Payload {
            kind: sel.kind,
            id: rec.id.clone(),
            sender: self.meta().unit.clone(),
            sender_level: self.meta().level,
            receiver: sel.receiver.name().to_owned(),
            seq: rec.seq,
            created_at: now_rfc3339(),
            officer: self.user().name.clone(),
            checkpoint: rec.checkpoint.clone(),
            persons,
            documents,
            auth_changes: rec.auth.clone(),
            receipt: None,
            transfer: sel.transfer.as_ref().map(|c| TransferFacts {
                person: first_uid,
                consulted_unit: c.unit.clone(),
                consulted_with: c.with.clone(),
                consulted_at: c.at.clone(),
            }),
            disclosure: sel.basis.as_ref().map(|b| DisclosureFacts {
                person: first_uid,
                recipient: sel.receiver.name().to_owned(),
                basis: b.clone(),
            }),
            casework,
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
