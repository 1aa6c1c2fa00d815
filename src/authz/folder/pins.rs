//! A user's pins: how far they have checked each of their folders' key chains.
//!
//! A pin names a chain (folder, tier), the newest version the user checked and that record's
//! hash, MACed under a key only that user holds (derived from their private key). So nobody
//! else can move a pin, and the user's next use of the folder catches a chain rolled back
//! below the pin or changed under it. A missing pin only costs a full check again (the
//! records' own rules still hold); a pin is written at the end of the session that checked.

use super::records::FolderIds;
use super::Tier;
use crate::crypto::{encode_fields, labels, mac};
use crate::identity::session::{ChainId, Checked};
use crate::identity::Session;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};

fn message(
    store_id: &[u8],
    user: i64,
    folder: i64,
    tier: char,
    version: i64,
    hash: &[u8],
) -> Vec<u8> {
    encode_fields(
        labels::MAC_PIN,
        &[
            store_id,
            &user.to_be_bytes(),
            &folder.to_be_bytes(),
            tier.to_string().as_bytes(),
            &version.to_be_bytes(),
            hash,
        ],
    )
}

impl Session {
    /// This user's pin of a chain, its MAC checked.
    pub(super) fn load_pin(&self, f: &FolderIds, tier: Tier) -> Result<Option<(i64, [u8; 32])>> {
        let row: Option<(i64, Vec<u8>, Vec<u8>)> = self
            .conn()
            .prepare_cached(
                "SELECT version, record_hash, mac FROM key_pins
                 WHERE user_id = ?1 AND folder_id = ?2 AND tier = ?3",
            )?
            .query_row(params![self.user().id, f.id, tier.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((version, hash, tag)) = row else {
            return Ok(None);
        };
        let msg = message(
            &self.meta().store_id,
            self.user().id,
            f.id,
            tier.as_char(),
            version,
            &hash,
        );
        let hash: Option<[u8; 32]> = hash.as_slice().try_into().ok();
        match hash {
            Some(h) if mac::verify(self.state_key(), &msg, &tag) => Ok(Some((version, h))),
            _ => Err(Error::Integrity(crate::t!(
                "authz-pins-changed",
                person = f.person_id
            ))),
        }
    }

    /// Writes the pins this session earned. Called at the end of a session (and before a
    /// session locks); a pin not written costs only a full check next time.
    pub fn flush_pins(&mut self) -> Result<usize> {
        let due: Vec<(ChainId, Checked)> = self.caches().pins_due.borrow_mut().drain().collect();
        if due.is_empty() {
            return Ok(0);
        }
        let me = self.user().id;
        let store_id = self.meta().store_id.clone();
        let rows: Vec<_> = due
            .into_iter()
            .map(|((folder, tier), (version, hash))| {
                let tag = mac::sign(
                    self.state_key(),
                    &message(&store_id, me, folder, tier, version, &hash),
                );
                (folder, tier.to_string(), version, hash, tag)
            })
            .collect();
        let n = rows.len();
        // Best effort, like the witness: a pin not written costs a full check next time.
        let done = self.try_write(|tx, _| {
            let mut st = tx.prepare_cached(
                "INSERT INTO key_pins (user_id, folder_id, tier, version, record_hash, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (user_id, folder_id, tier) DO UPDATE
                   SET version = excluded.version, record_hash = excluded.record_hash,
                       mac = excluded.mac
                   WHERE excluded.version >= key_pins.version",
            )?;
            for (folder, tier, version, hash, tag) in &rows {
                // A folder destroyed meanwhile has no row to pin.
                let exists: bool = tx
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM folders WHERE id = ?1)")?
                    .query_row([folder], |r| r.get(0))?;
                if exists {
                    st.execute(params![
                        me,
                        folder,
                        tier,
                        version,
                        hash.to_vec(),
                        tag.to_vec()
                    ])?;
                }
            }
            Ok(())
        })?;
        Ok(if done.is_some() { n } else { 0 })
    }
}
