//! Recording a package before a byte of it is written (R15): one transaction numbers it,
//! records what it carries, logs a `send` for every document version and the
//! `package-export`, enters an external package in the disclosure register, and signs the log
//! checkpoint the package carries (the head after those entries). seal.rs in this folder
//! writes the package only after this transaction commits.

use super::Selection;
use crate::audit::{self, Act};
use crate::authz::disclosure::insert_disclosure_tx;
use crate::documents::Outgoing;
use crate::identity::Session;
use crate::register::travel::uid_of;
use crate::time::now_rfc3339;
use crate::transfer::checkpoint::{store_id_of, Checkpoint};
use crate::transfer::payload::{AuthChange, Kind};
use crate::transfer::PackageId;
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};

/// What the recording transaction decided.
pub(super) struct Recorded {
    pub(super) id: PackageId,
    pub(super) seq: u64,
    pub(super) uids: Vec<[u8; 16]>,
    pub(super) checkpoint: Option<Checkpoint>,
    pub(super) auth: Vec<AuthChange>,
}

/// The signed list changes a package carries, as queued.
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
    /// The recording transaction: numbers the package and records, logs and signs what it
    /// carries (this module's comment).
    pub(super) fn record_export(
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
}
