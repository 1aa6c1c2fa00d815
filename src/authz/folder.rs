//! Folder keys: creation, wrapping to readers, unwrapping, and the grants a newcomer is owed.
//!
//! Who can wrap what (DESIGN.md §3): wrapping a folder key to a newcomer needs that key, which
//! only the folder's readers hold — not the admin who adds the newcomer. So adding an officer
//! queues a grant per folder, and the next session of any reader of the folder carries it out.

use crate::audit::{self, Act};
use crate::crypto::agree::{self, PublicKey};
use crate::crypto::{hex, SecretKey};
use crate::identity::Session;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension, Transaction};

/// What the decision needs to know about a folder and the acting user.
#[derive(Debug)]
pub struct FolderState {
    /// Narrowed by `folder restrict`.
    pub restricted: bool,
    /// The acting user is on the folder's own list.
    pub reader_listed: bool,
    /// Current key version.
    pub key_version: i64,
}

fn purpose(store_id: &[u8], folder_id: i64, version: i64) -> Vec<u8> {
    format!("folder-key:{}:{folder_id}:{version}", hex(store_id)).into_bytes()
}

/// Creates the folder of `person_id` with a fresh key wrapped to each of `readers`.
pub(crate) fn create(
    tx: &Transaction<'_>,
    person_id: i64,
    readers: &[(i64, PublicKey)],
    store_id: &[u8],
) -> Result<i64> {
    tx.execute(
        "INSERT INTO folders (person_id, key_version, created_at) VALUES (?1, 1, ?2)",
        params![person_id, crate::time::now_rfc3339()],
    )?;
    let folder = tx.last_insert_rowid();
    let key = SecretKey::generate()?;
    wrap_to(tx, folder, 1, &key, readers, store_id)?;
    Ok(folder)
}

fn wrap_to(
    tx: &Transaction<'_>,
    folder: i64,
    version: i64,
    key: &SecretKey,
    readers: &[(i64, PublicKey)],
    store_id: &[u8],
) -> Result<()> {
    let p = purpose(store_id, folder, version);
    let mut st = tx.prepare_cached(
        "INSERT OR REPLACE INTO folder_key_wraps (folder_id, key_version, user_id, wrapped)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (uid, public) in readers {
        st.execute(params![
            folder,
            version,
            uid,
            agree::wrap(public, &p, key.expose())?
        ])?;
    }
    Ok(())
}

impl Session {
    /// Active officers: the unit list's default readers of every folder.
    pub fn default_readers(&self) -> Result<Vec<(i64, PublicKey)>> {
        let mut st = self.db.conn().prepare(
            "SELECT id, agree_public FROM users WHERE status = 'active' AND role = 'officer'
             ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            let k: Vec<u8> = r.get(1)?;
            Ok((r.get::<_, i64>(0)?, k))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, k) = row?;
            let k: PublicKey = k
                .try_into()
                .map_err(|_| Error::Integrity("a user's public key is malformed".into()))?;
            out.push((id, k));
        }
        Ok(out)
    }

    /// The folder of a person.
    pub fn folder_of(&self, person_id: i64) -> Result<i64> {
        self.db
            .conn()
            .query_row(
                "SELECT id FROM folders WHERE person_id = ?1",
                [person_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("person {person_id} has no folder")))
    }

    /// Restriction and current key version of a folder, seen by the acting user.
    pub fn folder_state(&self, folder_id: i64) -> Result<FolderState> {
        Ok(self.db.conn().query_row(
            "SELECT restricted, key_version,
                    EXISTS (SELECT 1 FROM folder_readers WHERE folder_id = ?1 AND user_id = ?2)
             FROM folders WHERE id = ?1",
            params![folder_id, self.user.id],
            |r| {
                Ok(FolderState {
                    restricted: r.get(0)?,
                    key_version: r.get(1)?,
                    reader_listed: r.get(2)?,
                })
            },
        )?)
    }

    pub(crate) fn has_folder_wrap(&self, folder_id: i64, version: i64) -> Result<bool> {
        Ok(self.db.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_key_wraps
                            WHERE folder_id = ?1 AND key_version = ?2 AND user_id = ?3)",
            params![folder_id, version, self.user.id],
            |r| r.get(0),
        )?)
    }

    pub(crate) fn grant_pending(&self, folder_id: i64) -> Result<bool> {
        Ok(self.db.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_grants_pending WHERE folder_id = ?1 AND user_id = ?2)",
            params![folder_id, self.user.id],
            |r| r.get(0),
        )?)
    }

    /// Unwraps a folder key with this user's agreement key. Only called after
    /// [`Session::may_read`] allowed it.
    pub(crate) fn folder_key(&self, folder_id: i64, version: i64) -> Result<SecretKey> {
        let wrapped: Vec<u8> = self
            .db
            .conn()
            .query_row(
                "SELECT wrapped FROM folder_key_wraps
                 WHERE folder_id = ?1 AND key_version = ?2 AND user_id = ?3",
                params![folder_id, version, self.user.id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::Refused {
                rule: "not on the list",
                message: format!("{} holds no key to this folder", self.user.name),
            })?;
        let plain = self
            .agreement
            .unwrap(&purpose(&self.meta.store_id, folder_id, version), &wrapped)
            .map_err(|_| {
                Error::Integrity("a folder key does not decrypt: the store is damaged".into())
            })?;
        SecretKey::from_slice(&plain)
            .ok_or_else(|| Error::Integrity("a folder key is malformed".into()))
    }

    /// Queues the grants a new officer is owed: one per unrestricted folder.
    pub fn queue_grants(&mut self, user_id: i64) -> Result<()> {
        self.db.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO folder_grants_pending (folder_id, user_id)
                 SELECT id, ?1 FROM folders WHERE restricted = 0",
                [user_id],
            )?;
            Ok(())
        })
    }

    /// Carries out the grants this user can: wraps the keys of folders they read to the
    /// newcomers owed them, and logs each. Returns how many were done. Costs nothing when no
    /// grant is pending.
    pub fn carry_out_grants(&mut self) -> Result<usize> {
        let todo: Vec<(i64, i64, i64, Vec<u8>)> = {
            let mut st = self.db.conn().prepare(
                "SELECT g.folder_id, f.key_version, g.user_id, u.agree_public
                 FROM folder_grants_pending g
                 JOIN folders f ON f.id = g.folder_id
                 JOIN users u ON u.id = g.user_id AND u.status = 'active'
                 JOIN folder_key_wraps w ON w.folder_id = g.folder_id
                      AND w.key_version = f.key_version AND w.user_id = ?1",
            )?;
            let rows = st.query_map([self.user.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if todo.is_empty() {
            return Ok(0);
        }
        let mut keys = Vec::with_capacity(todo.len());
        for (folder, version, uid, public) in &todo {
            let public: PublicKey = public
                .clone()
                .try_into()
                .map_err(|_| Error::Integrity("a user's public key is malformed".into()))?;
            keys.push((
                *folder,
                *version,
                *uid,
                public,
                self.folder_key(*folder, *version)?,
            ));
        }
        let actor = audit::actor!(self);
        let n = keys.len();
        self.db.write(|tx| {
            for (folder, version, uid, public, key) in &keys {
                wrap_to(
                    tx,
                    *folder,
                    *version,
                    key,
                    &[(*uid, *public)],
                    actor.store_id,
                )?;
                tx.execute(
                    "DELETE FROM folder_grants_pending WHERE folder_id = ?1 AND user_id = ?2",
                    params![folder, uid],
                )?;
            }
            audit::append(
                tx,
                actor,
                &Act::new("grant").detail(format!("{n} folder key(s) passed on to newcomers")),
            )?;
            Ok(())
        })?;
        Ok(n)
    }
}
