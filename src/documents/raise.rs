//! Received versions moved under the S key (issue 7): a version received graded STRENGT
//! FORTROLIG, a regrade at its sender, leaves no older version of the same document here
//! readable with the F key, as a regrade here leaves none.

use super::reader::ChunkReader;
use super::write::move_under;
use crate::authz::folder::{FolderKey, Tier};
use crate::identity::Session;
use crate::Result;
use rusqlite::{params, Transaction};

impl Session {
    /// The versions of `jno` older than one just received still under the F key move under
    /// `key` when it is the S key, inside the caller's transaction: a version received graded
    /// STRENGT FORTROLIG (a regrade at its sender) must leave no older version with the same
    /// contents readable with the F key here either, as a regrade here leaves none.
    /// Only versions in `folder` (whose key `key` is) move.
    ///
    /// "Older" is the sender's order for the versions received from that sender
    /// (`received`: the sender and its version number), since packages may arrive out of
    /// order: a version the sender lowered again after the raise, filed here first, stays
    /// where it is. A version made here is older when its number here is below `below`.
    pub(crate) fn move_older_under(
        &self,
        tx: &Transaction<'_>,
        (jno, folder): (&str, i64),
        (sender, sender_version, below): (&str, i64, i64),
        key: &FolderKey,
    ) -> Result<()> {
        if key.tier() != Tier::S {
            return Ok(());
        }
        let theirs: std::collections::HashMap<i64, i64> = tx
            .prepare_cached(
                "SELECT version, sender_version FROM documents_in
                 WHERE journal_number = ?1 AND sender = ?2",
            )?
            .query_map(params![jno, sender], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for older in self.versions(jno)? {
            let is_older = match theirs.get(&older.version) {
                Some(sv) => *sv < sender_version,
                None => older.version < below,
            };
            if is_older && older.key_tier == Tier::F && older.folder_id == folder {
                let k = self.folder_key(older.folder_id, Tier::F, older.key_version)?;
                let reader = ChunkReader::new(&older, &k)?;
                move_under(tx, &older, reader, key)?;
            }
        }
        Ok(())
    }
}
