//! Folder keys: creation, wrapping to readers, unwrapping, and the grants a newcomer is owed.
//!
//! Who can wrap what (DESIGN.md §3): wrapping a folder key to a newcomer needs that key, which
//! only the folder's readers hold — not the admin who adds the newcomer. So adding an officer
//! queues a grant per folder, and the next session of any reader of the folder carries it out.

use crate::audit::{self, Act};
use crate::crypto::agree::{self, PublicKey};
use crate::crypto::{hex, SecretKey};
use crate::identity::{Role, Session};
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

/// A key version's record: commitment, proof of the previous key, maker, signature.
type KeyRecord = (Vec<u8>, Option<Vec<u8>>, i64, Vec<u8>);

/// For each folder a leaver could read, the readers who keep it.
pub(crate) type RotationPlan = Vec<(i64, Vec<(i64, PublicKey)>)>;

/// `folder show`: a folder's need-to-know list.
#[derive(Debug, serde::Serialize)]
pub struct FolderReaders {
    /// Narrowed by `folder restrict`.
    pub restricted: bool,
    /// Current key version.
    pub key_version: i64,
    /// Users who hold or are owed the current key.
    pub readers: Vec<ReaderState>,
}

/// One user on a folder's list.
#[derive(Debug, serde::Serialize)]
pub struct ReaderState {
    /// User name.
    pub name: String,
    /// Holds the current key.
    pub holds_key: bool,
    /// Owed the key; passed on at a reader's next session.
    pub pending: bool,
}

fn purpose(store_id: &[u8], folder_id: i64, version: i64) -> Vec<u8> {
    format!("folder-key:{}:{folder_id}:{version}", hex(store_id)).into_bytes()
}

/// Creates the folder of `person_id` with a fresh key wrapped to each of `readers`.
pub(crate) fn create(
    tx: &Transaction<'_>,
    person_id: i64,
    readers: &[(i64, PublicKey)],
    actor: audit::Actor<'_>,
    maker: i64,
) -> Result<i64> {
    let store_id = actor.store_id;
    tx.execute(
        "INSERT INTO folders (person_id, key_version, created_at) VALUES (?1, 1, ?2)",
        params![person_id, crate::time::now_rfc3339()],
    )?;
    let folder = tx.last_insert_rowid();
    let key = SecretKey::generate()?;
    wrap_to(tx, folder, 1, &key, readers, store_id)?;
    set_list_mac(tx, folder, 1, &key)?;
    record_version(tx, actor, maker, folder, 1, &key, None)?;
    Ok(folder)
}

/// A commitment to a folder key: what its signed record names.
fn commitment(key: &SecretKey, folder: i64, version: i64) -> Result<Vec<u8>> {
    let k = key.derive(b"folder key commitment v1")?;
    let m = crate::crypto::encode_fields(b"", &[&folder.to_be_bytes(), &version.to_be_bytes()]);
    Ok(ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, k.expose()),
        &m,
    )
    .as_ref()
    .to_vec())
}

/// Proof, under the previous key, that whoever made version `version` held version - 1.
fn prev_proof(prev: &SecretKey, folder: i64, version: i64, commit: &[u8]) -> Result<Vec<u8>> {
    let k = prev.derive(b"folder key rotation v1")?;
    let m = crate::crypto::encode_fields(
        b"",
        &[&folder.to_be_bytes(), &version.to_be_bytes(), commit],
    );
    Ok(ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, k.expose()),
        &m,
    )
    .as_ref()
    .to_vec())
}

fn record_message(
    store_id: &[u8],
    folder: i64,
    version: i64,
    commit: &[u8],
    proof: &[u8],
) -> Vec<u8> {
    crate::crypto::encode_fields(
        b"infoflyt folder key version v1\0",
        &[
            store_id,
            &folder.to_be_bytes(),
            &version.to_be_bytes(),
            commit,
            proof,
        ],
    )
}

/// Records and signs a new key version.
fn record_version(
    tx: &Transaction<'_>,
    actor: audit::Actor<'_>,
    maker: i64,
    folder: i64,
    version: i64,
    key: &SecretKey,
    prev: Option<&SecretKey>,
) -> Result<()> {
    let commit = commitment(key, folder, version)?;
    let proof = match prev {
        Some(p) => prev_proof(p, folder, version, &commit)?,
        None => Vec::new(),
    };
    let sig = actor.key.sign(&record_message(
        actor.store_id,
        folder,
        version,
        &commit,
        &proof,
    ));
    tx.execute(
        "INSERT INTO folder_key_versions (folder_id, version, commitment, prev_proof, signer,
                                          signature, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            folder,
            version,
            commit,
            prev.map(|_| proof),
            maker,
            sig.to_vec(),
            crate::time::now_rfc3339()
        ],
    )?;
    Ok(())
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
    /// Active officers: the unit list's default readers of every folder. Each account's
    /// certificate is checked before a key is wrapped to it.
    pub fn default_readers(&self) -> Result<Vec<(i64, PublicKey)>> {
        Ok(self
            .certified_users("role = 'officer'")?
            .into_iter()
            .filter(|c| c.role == Role::Officer)
            .map(|c| (c.id, c.agree_public))
            .collect())
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

    /// Unwraps a folder key with this user's agreement key; fails unless a wrap for this user
    /// exists. Public so tests can show what a user's keys can and cannot open.
    pub fn folder_key(&self, folder_id: i64, version: i64) -> Result<SecretKey> {
        if let Some(k) = self.verified_keys.borrow().get(&(folder_id, version)) {
            return Ok(k.clone());
        }
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
        let key = SecretKey::from_slice(&plain)
            .ok_or_else(|| Error::Integrity("a folder key is malformed".into()))?;
        self.verify_version(folder_id, version, &key)?;
        Ok(key)
    }

    /// Checks a folder key against its version's signed record: the commitment matches, the
    /// maker is a certified officer or admin, and from version 2 on the maker proved holding
    /// the previous version (checked with this user's own key to it, recursively). A key
    /// planted with only the store key fails here and is never used.
    fn verify_version(&self, folder: i64, version: i64, key: &SecretKey) -> Result<()> {
        let planted = || {
            Error::Integrity(format!(
                "key version {version} of folder {folder} is not vouched for by its signed \
                 record: someone holding the store key planted or changed it; it was not used. \
                 Report the incident"
            ))
        };
        let rec: Option<KeyRecord> = self
            .db
            .conn()
            .query_row(
                "SELECT commitment, prev_proof, signer, signature FROM folder_key_versions
                 WHERE folder_id = ?1 AND version = ?2",
                params![folder, version],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (commit, proof, signer, sig) = rec.ok_or_else(planted)?;
        if !crate::crypto::ct_eq(&commitment(key, folder, version)?, &commit) {
            return Err(planted());
        }
        let maker = self.certified_by_id(signer)?.ok_or_else(planted)?;
        if maker.role == Role::Clerical {
            return Err(planted());
        }
        let msg = record_message(
            &self.meta.store_id,
            folder,
            version,
            &commit,
            proof.as_deref().unwrap_or(&[]),
        );
        if !crate::crypto::sign::verify(&maker.sign_public, &msg, &sig) {
            return Err(planted());
        }
        if version > 1 {
            let proof = proof.ok_or_else(planted)?;
            let prev = self.folder_key(folder, version - 1)?;
            if !crate::crypto::ct_eq(&prev_proof(&prev, folder, version, &commit)?, &proof) {
                return Err(planted());
            }
        }
        self.verified_keys
            .borrow_mut()
            .insert((folder, version), key.clone());
        Ok(())
    }

    /// What anyone can check of the key records without holding a key: every folder's current
    /// version has a record signed by a certified officer or admin. Returns how many.
    pub fn check_key_records(&self) -> Result<usize> {
        let makers: std::collections::HashMap<i64, crate::identity::unit::Certified> = self
            .certified_accounts()?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let mut st = self.db.conn().prepare(
            "SELECT f.id, f.key_version, v.commitment, v.prev_proof, v.signer, v.signature
             FROM folders f LEFT JOIN folder_key_versions v
               ON v.folder_id = f.id AND v.version = f.key_version",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let (folder, version): (i64, i64) = (r.get(0)?, r.get(1)?);
            let commit: Option<Vec<u8>> = r.get(2)?;
            let proof: Option<Vec<u8>> = r.get(3)?;
            let signer: Option<i64> = r.get(4)?;
            let sig: Option<Vec<u8>> = r.get(5)?;
            let ok = match (commit, signer, sig) {
                (Some(c), Some(s), Some(sig)) => makers.get(&s).is_some_and(|m| {
                    m.role != Role::Clerical
                        && (version == 1 || proof.is_some())
                        && crate::crypto::sign::verify(
                            &m.sign_public,
                            &record_message(
                                &self.meta.store_id,
                                folder,
                                version,
                                &c,
                                proof.as_deref().unwrap_or(&[]),
                            ),
                            &sig,
                        )
                }),
                _ => false,
            };
            if !ok {
                return Err(Error::Integrity(format!(
                    "key version {version} of folder {folder} is not vouched for by a signed \
                     record: someone holding the store key planted or changed it"
                )));
            }
            n += 1;
        }
        Ok(n)
    }

    /// Carries out the key rotations this user can: for each folder a leaver could read and
    /// this user reads, a new key for the folder's verified list, made and signed here with
    /// proof of the previous key. Costs one indexed lookup when none is pending.
    pub fn carry_out_rotations(&mut self) -> Result<usize> {
        let todo: Vec<(i64, i64)> = {
            let mut st = self.db.conn().prepare(
                "SELECT p.folder_id, f.key_version FROM folder_rotations_pending p
                 JOIN folders f ON f.id = p.folder_id
                 JOIN folder_key_wraps w ON w.folder_id = p.folder_id
                      AND w.key_version = f.key_version AND w.user_id = ?1",
            )?;
            let rows = st.query_map([self.user.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if todo.is_empty() {
            return Ok(0);
        }
        let officers = self.default_readers()?;
        let mut plan = Vec::with_capacity(todo.len());
        for (folder, version) in &todo {
            let current = self.folder_key(*folder, *version)?;
            let readers: Vec<(i64, PublicKey)> = match self.verified_list(*folder, *version)? {
                Some((false, _)) => officers.clone(),
                Some((true, ids)) => officers
                    .iter()
                    .filter(|(id, _)| ids.contains(id))
                    .copied()
                    .collect(),
                None => {
                    return Err(Error::Integrity(format!(
                        "the need-to-know list (restricted list) of folder {folder} was changed \
                         by someone who does not hold its key; no key was made. Report the \
                         incident"
                    )))
                }
            };
            plan.push((*folder, readers, current));
        }
        let actor = audit::actor!(self);
        let me = self.user.id;
        let n = plan.len();
        let bar = crate::progress::bar(n as u64, "rotating folder keys");
        self.db.write(|tx| {
            for (folder, readers, current) in &plan {
                rotate(tx, *folder, readers, actor, me, current)?;
                tx.execute(
                    "DELETE FROM folder_rotations_pending WHERE folder_id = ?1",
                    [folder],
                )?;
                bar.inc(1);
            }
            audit::append(
                tx,
                actor,
                &Act::new("key-rotate")
                    .detail(format!("{n} folder key(s) rotated after a reader left")),
            )?;
            Ok(())
        })?;
        bar.finish_and_clear();
        Ok(n)
    }

    /// Carries out the grants this user can: wraps every key version of the folders they
    /// read to the newcomers owed them, and logs it. Returns how many grants were done. Costs
    /// one indexed lookup when no grant is pending.
    pub fn carry_out_grants(&mut self) -> Result<usize> {
        let todo: Vec<(i64, i64, Vec<u8>)> = {
            let mut st = self.db.conn().prepare(
                "SELECT g.folder_id, g.user_id, u.agree_public
                 FROM folder_grants_pending g
                 JOIN folders f ON f.id = g.folder_id
                 JOIN users u ON u.id = g.user_id AND u.status = 'active'
                 JOIN folder_key_wraps w ON w.folder_id = g.folder_id
                      AND w.key_version = f.key_version AND w.user_id = ?1",
            )?;
            let rows = st.query_map([self.user.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if todo.is_empty() {
            return Ok(0);
        }
        let officers = self.default_readers()?;
        let mut wraps = Vec::new();
        let mut void = Vec::new();
        for (folder, uid, _) in &todo {
            // Only to a certified officer, and for a restricted folder only to one on its
            // MACed list: a grant row is a request, not an authority.
            let Some((_, public)) = officers.iter().find(|(id, _)| id == uid).copied() else {
                void.push((*folder, *uid));
                continue;
            };
            let state = self.folder_state(*folder)?;
            match self.verified_list(*folder, state.key_version)? {
                Some((false, _)) => {}
                Some((true, ids)) if ids.contains(uid) => {}
                Some(_) => {
                    void.push((*folder, *uid));
                    continue;
                }
                None => {
                    return Err(Error::Integrity(format!(
                        "the need-to-know list (restricted list) of folder {folder} was changed \
                         by someone who does not hold its key; no key was passed on. Report \
                         the incident"
                    )))
                }
            }
            for version in self.held_versions(*folder)? {
                wraps.push((
                    *folder,
                    version,
                    *uid,
                    public,
                    self.folder_key(*folder, version)?,
                ));
            }
        }
        let actor = audit::actor!(self);
        let n = todo.len();
        let done = n - void.len();
        self.db.write(|tx| {
            for (folder, version, uid, public, key) in &wraps {
                wrap_to(
                    tx,
                    *folder,
                    *version,
                    key,
                    &[(*uid, *public)],
                    actor.store_id,
                )?;
            }
            for (folder, uid, _) in &todo {
                tx.execute(
                    "DELETE FROM folder_grants_pending WHERE folder_id = ?1 AND user_id = ?2",
                    params![folder, uid],
                )?;
            }
            let mut detail = format!("{done} folder key grant(s) passed on to newcomers");
            if !void.is_empty() {
                detail.push_str(&format!(
                    "; {} grant(s) dropped: the account is not entitled to the folder",
                    void.len()
                ));
            }
            audit::append(tx, actor, &Act::new("grant").detail(detail))?;
            Ok(())
        })?;
        Ok(done)
    }

    /// Key versions of a folder this user holds.
    fn held_versions(&self, folder: i64) -> Result<Vec<i64>> {
        let mut st = self.db.conn().prepare_cached(
            "SELECT key_version FROM folder_key_wraps WHERE folder_id = ?1 AND user_id = ?2
             ORDER BY key_version",
        )?;
        let rows = st.query_map(params![folder, self.user.id], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The users who should hold a folder's key now: its own list if restricted, else every
    /// active officer; certified accounts only.
    fn readers_of(&self, folder: i64) -> Result<Vec<(i64, PublicKey)>> {
        let restricted: bool = self.db.conn().query_row(
            "SELECT restricted FROM folders WHERE id = ?1",
            [folder],
            |r| r.get(0),
        )?;
        if !restricted {
            return self.default_readers();
        }
        Ok(self
            .certified_users(&format!(
                "role = 'officer' AND id IN (SELECT user_id FROM folder_readers WHERE folder_id = {folder})"
            ))?
            .into_iter()
            .filter(|c| c.role == Role::Officer)
            .map(|c| (c.id, c.agree_public))
            .collect())
    }

    /// A folder's list (restricted or not, and who is on it), checked against its MAC under
    /// the current key, which only a holder of that key can have made. `None` if the MAC
    /// fails: someone without the key changed the list.
    pub(crate) fn verified_list(
        &self,
        folder: i64,
        version: i64,
    ) -> Result<Option<(bool, Vec<i64>)>> {
        let (restricted, mac): (bool, Option<Vec<u8>>) = self.db.conn().query_row(
            "SELECT restricted, readers_mac FROM folders WHERE id = ?1",
            [folder],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let ids = list_ids(self.db.conn(), folder)?;
        let key = self.folder_key(folder, version)?;
        let want = list_mac(&key, version, restricted, &ids)?;
        Ok(crate::crypto::ct_eq(&want, &mac.unwrap_or_default()).then_some((restricted, ids)))
    }

    /// The folders `user_id` could read and, for each, the readers who keep it: what
    /// [`apply_rotation`] will do when the user leaves. Certificates are checked here.
    pub(crate) fn rotation_plan(&self, user_id: i64, accept_loss: bool) -> Result<RotationPlan> {
        let folders: Vec<i64> = {
            let mut st = self.db.conn().prepare(
                "SELECT DISTINCT folder_id FROM folder_key_wraps WHERE user_id = ?1 ORDER BY folder_id",
            )?;
            let rows = st.query_map([user_id], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let officers = self.default_readers()?;
        let mut plan = Vec::with_capacity(folders.len());
        let mut orphaned = Vec::new();
        for f in folders {
            let readers: Vec<_> = if self.folder_state(f)?.restricted {
                self.readers_of(f)?
            } else {
                officers.clone()
            };
            let readers: Vec<_> = readers
                .into_iter()
                .filter(|(id, _)| *id != user_id)
                .collect();
            if readers.is_empty() {
                orphaned.push(f);
            }
            plan.push((f, readers));
        }
        if !orphaned.is_empty() && !accept_loss {
            let mut persons = Vec::new();
            for f in &orphaned {
                let p: i64 = self.db.conn().query_row(
                    "SELECT person_id FROM folders WHERE id = ?1",
                    [f],
                    |r| r.get(0),
                )?;
                persons.push(p.to_string());
            }
            return Err(Error::Refused {
                rule: "last reader",
                message: format!(
                    "this account is the only reader left of the folder(s) of person(s) {}: \
                     removing it makes them unreadable for good. Have it widen them (`folder \
                     widen`) or restrict them to another officer first; or, if that cannot be \
                     done, repeat with --accept-loss",
                    persons.join(", ")
                ),
            });
        }
        Ok(plan)
    }

    /// Narrows a folder to named officers (`folder restrict`). The acting user must read the
    /// folder: they pass the existing key versions on to listed officers who lack them, and
    /// the folder gets a new key that only the listed officers hold.
    pub fn restrict_folder(&mut self, person_id: i64, names: &[String]) -> Result<Vec<String>> {
        let folder = self.folder_of(person_id)?;
        let act = Act::new("folder-restrict").person(person_id);
        let state = self.folder_state(folder)?;
        if !self.has_folder_wrap(folder, state.key_version)? {
            let msg = format!(
                "{} does not read this folder, so cannot narrow it; ask an officer who does",
                self.user.name
            );
            return Err(self.refuse(act, "not on the list", msg));
        }
        if names.is_empty() {
            return Err(Error::Usage(
                "name at least one officer: --to NAME,…".into(),
            ));
        }
        let mut listed = Vec::new();
        for n in names {
            let u = self.find_user(n)?;
            if u.status != crate::identity::Status::Active || u.role != Role::Officer {
                return Err(Error::Usage(format!(
                    "{} is not an active officer; a folder can only be restricted to officers",
                    u.name
                )));
            }
            let c = self
                .certified_users(&format!("id = {}", u.id))?
                .into_iter()
                .next()
                .ok_or_else(|| Error::NotFound(format!("no active account {}", u.name)))?;
            listed.push((c.id, c.name, c.agree_public));
        }
        let mut old = Vec::new();
        for v in self.held_versions(folder)? {
            old.push((v, self.folder_key(folder, v)?));
        }
        let readers: Vec<(i64, PublicKey)> = listed.iter().map(|(i, _, k)| (*i, *k)).collect();
        let ids: Vec<i64> = listed.iter().map(|(i, _, _)| *i).collect();
        let actor = audit::actor!(self);
        let names_out: Vec<String> = listed.iter().map(|(_, n, _)| n.clone()).collect();
        let me = self.user.id;
        let detail = format!("restricted to {}", names_out.join(", "));
        self.db.write(|tx| {
            tx.execute("UPDATE folders SET restricted = 1 WHERE id = ?1", [folder])?;
            tx.execute("DELETE FROM folder_readers WHERE folder_id = ?1", [folder])?;
            for id in &ids {
                tx.execute(
                    "INSERT INTO folder_readers (folder_id, user_id) VALUES (?1, ?2)",
                    params![folder, id],
                )?;
            }
            let placeholders = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            tx.execute(
                &format!(
                    "DELETE FROM folder_key_wraps WHERE folder_id = ?1 AND user_id NOT IN ({placeholders})"
                ),
                [folder],
            )?;
            tx.execute(
                &format!(
                    "DELETE FROM folder_grants_pending WHERE folder_id = ?1 AND user_id NOT IN ({placeholders})"
                ),
                [folder],
            )?;
            for (v, key) in &old {
                wrap_to(tx, folder, *v, key, &readers, actor.store_id)?;
            }
            let current = old
                .iter()
                .find(|(v, _)| *v == state.key_version)
                .map(|(_, k)| k)
                .ok_or_else(|| Error::Other("the current folder key is not at hand".into()))?;
            rotate(tx, folder, &readers, actor, me, current)?;
            audit::append(tx, actor, &act.clone().detail(detail.clone()))?;
            Ok(())
        })?;
        Ok(names_out)
    }

    /// Undoes `folder restrict`: every active officer is owed the folder's keys again; the
    /// acting user passes them on at once if they read the folder.
    pub fn widen_folder(&mut self, person_id: i64) -> Result<usize> {
        let folder = self.folder_of(person_id)?;
        let act = Act::new("folder-widen").person(person_id);
        let state = self.folder_state(folder)?;
        if !state.restricted {
            return Err(Error::Usage(format!(
                "the folder of person {person_id} is not restricted"
            )));
        }
        if !self.has_folder_wrap(folder, state.key_version)? {
            let msg = format!(
                "{} does not read this folder, so cannot widen it; ask an officer who does",
                self.user.name
            );
            return Err(self.refuse(act, "not on the list", msg));
        }
        let key = self.folder_key(folder, state.key_version)?;
        let actor = audit::actor!(self);
        self.db.write(|tx| {
            tx.execute("UPDATE folders SET restricted = 0 WHERE id = ?1", [folder])?;
            tx.execute("DELETE FROM folder_readers WHERE folder_id = ?1", [folder])?;
            set_list_mac(tx, folder, state.key_version, &key)?;
            tx.execute(
                "INSERT OR IGNORE INTO folder_grants_pending (folder_id, user_id)
                 SELECT ?1, u.id FROM users u
                 WHERE u.status = 'active' AND u.role = 'officer'
                   AND NOT EXISTS (SELECT 1 FROM folder_key_wraps w JOIN folders f ON f.id = w.folder_id
                                   WHERE w.folder_id = ?1 AND w.key_version = f.key_version
                                     AND w.user_id = u.id)",
                [folder],
            )?;
            audit::append(tx, actor, &act)?;
            Ok(())
        })?;
        self.carry_out_grants()
    }

    /// Who holds and who is owed a folder's current key.
    pub fn folder_readers(&self, person_id: i64) -> Result<FolderReaders> {
        let folder = self.folder_of(person_id)?;
        let state = self.folder_state(folder)?;
        let mut st = self.db.conn().prepare(
            "SELECT u.name,
                    EXISTS (SELECT 1 FROM folder_key_wraps w WHERE w.folder_id = ?1
                            AND w.key_version = ?2 AND w.user_id = u.id),
                    EXISTS (SELECT 1 FROM folder_grants_pending g WHERE g.folder_id = ?1
                            AND g.user_id = u.id)
             FROM users u WHERE u.status = 'active' ORDER BY u.contact_order, u.name",
        )?;
        let rows = st.query_map(params![folder, state.key_version], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        let all: Vec<(String, bool, bool)> = rows.collect::<std::result::Result<_, _>>()?;
        Ok(FolderReaders {
            restricted: state.restricted,
            key_version: state.key_version,
            readers: all
                .into_iter()
                .filter(|(_, h, p)| *h || *p)
                .map(|(name, holds_key, pending)| ReaderState {
                    name,
                    holds_key,
                    pending,
                })
                .collect(),
        })
    }
}

/// Queues the grants a new officer is owed, inside the enrolment's transaction.
pub(crate) fn queue_grants_tx(tx: &Transaction<'_>, user_id: i64) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO folder_grants_pending (folder_id, user_id)
         SELECT id, ?1 FROM folders WHERE restricted = 0",
        [user_id],
    )?;
    Ok(())
}

/// Carries out a [`Session::rotation_plan`] inside the caller's transaction: deletes the
/// leaver's wraps and pending grants, and queues each folder they could read for a new key,
/// which the next session of a remaining reader makes ([`Session::carry_out_rotations`]).
/// The admin holds no folder key, so cannot vouch for a new one; a reader can.
pub(crate) fn apply_rotation(
    tx: &Transaction<'_>,
    user_id: i64,
    plan: &RotationPlan,
    actor: audit::Actor<'_>,
) -> Result<()> {
    tx.execute("DELETE FROM folder_key_wraps WHERE user_id = ?1", [user_id])?;
    tx.execute(
        "DELETE FROM folder_grants_pending WHERE user_id = ?1",
        [user_id],
    )?;
    let now = crate::time::now_rfc3339();
    for (folder, _) in plan {
        tx.execute(
            "INSERT OR REPLACE INTO folder_rotations_pending (folder_id, queued_at) VALUES (?1, ?2)",
            params![folder, now],
        )?;
    }
    audit::append(
        tx,
        actor,
        &Act::new("key-rotate-queued").detail(format!(
            "{} folder key(s) to be rotated at a remaining reader's next session",
            plan.len()
        )),
    )?;
    Ok(())
}

/// Gives a folder a new key version wrapped to `readers`; a restricted folder's list is
/// MACed anew under the new key.
fn rotate(
    tx: &Transaction<'_>,
    folder: i64,
    readers: &[(i64, PublicKey)],
    actor: audit::Actor<'_>,
    maker: i64,
    current: &SecretKey,
) -> Result<()> {
    let store_id = actor.store_id;
    let version: i64 = tx.query_row(
        "UPDATE folders SET key_version = key_version + 1 WHERE id = ?1 RETURNING key_version",
        [folder],
        |r| r.get(0),
    )?;
    let key = SecretKey::generate()?;
    wrap_to(tx, folder, version, &key, readers, store_id)?;
    set_list_mac(tx, folder, version, &key)?;
    record_version(tx, actor, maker, folder, version, &key, Some(current))
}

fn list_ids(conn: &rusqlite::Connection, folder: i64) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "SELECT user_id FROM folder_readers WHERE folder_id = ?1 ORDER BY user_id",
    )?;
    let ids = st
        .query_map([folder], |r| r.get(0))?
        .collect::<std::result::Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// MACs the folder's list as it now stands in `tx` under `key` (the key of `version`).
fn set_list_mac(tx: &Transaction<'_>, folder: i64, version: i64, key: &SecretKey) -> Result<()> {
    let restricted: bool = tx.query_row(
        "SELECT restricted FROM folders WHERE id = ?1",
        [folder],
        |r| r.get(0),
    )?;
    let ids = list_ids(tx, folder)?;
    tx.execute(
        "UPDATE folders SET readers_mac = ?2 WHERE id = ?1",
        params![folder, list_mac(key, version, restricted, &ids)?],
    )?;
    Ok(())
}

/// HMAC-SHA256, under a key derived from the folder key, over the folder's list: whether it
/// is restricted, and to whom. Only a holder of the key can make it, so a store-key holder
/// can neither lift a restriction nor add themselves to one.
fn list_mac(key: &SecretKey, version: i64, restricted: bool, ids: &[i64]) -> Result<Vec<u8>> {
    let k = key.derive(b"folder list v1")?;
    let mut m = version.to_be_bytes().to_vec();
    m.push(u8::from(restricted));
    for id in ids {
        m.extend_from_slice(&id.to_be_bytes());
    }
    let tag = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, k.expose()),
        &m,
    );
    Ok(tag.as_ref().to_vec())
}
