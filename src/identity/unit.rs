//! The unit's own key pair: X25519 to receive packages, Ed25519 to sign packages, receipts,
//! log checkpoints and the account certificates. The private halves are wrapped to each
//! officer and admin (never to clerical staff, DESIGN.md §3), so any of them can act for the
//! unit and nobody else can. Nothing outside the crate can reach them.

use super::{Clearance, Role, Session};
use crate::crypto::agree::{self, AgreementKey};
use crate::crypto::sign::SigningKey;
use crate::crypto::{encode_fields, labels};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use zeroize::Zeroizing;

/// The unit's private keys, for the length of one act.
#[derive(Debug)]
pub(crate) struct UnitKeys {
    /// Signs packages, receipts, checkpoints, certificates.
    pub(crate) signing: SigningKey,
    /// Opens packages sent to this unit.
    pub(crate) agreement: AgreementKey,
}

pub(crate) fn purpose(store_id: &[u8]) -> Vec<u8> {
    encode_fields(labels::WRAP_UNIT_KEYS, &[store_id])
}

/// What the unit key certifies about an account besides its keys: the attributes that
/// decide what the account may do, so that nobody holding the store key can raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grants {
    /// Role.
    pub(crate) role: Role,
    /// Clearance.
    pub(crate) clearance: Clearance,
    /// Decision authority in prisoner cases (R21, R22): who may take decisions on the
    /// information, review them and decide access requests.
    pub(crate) decision_authority: bool,
}

/// The message a user certificate signs: which account (row id and name) holds which public
/// keys, with which role, clearance and decision authority, in which store. The row id is
/// bound because lists and wraps name accounts by id: a certificate must not fit another row
/// (ids swapped with the store key).
pub(crate) fn cert_message(
    store_id: &[u8],
    id: i64,
    name: &str,
    grants: Grants,
    sign_public: &[u8],
    agree_public: &[u8],
) -> Vec<u8> {
    encode_fields(
        labels::SIG_CERT,
        &[
            store_id,
            &id.to_be_bytes(),
            name.as_bytes(),
            grants.role.as_str().as_bytes(),
            grants.clearance.as_str().as_bytes(),
            &[u8::from(grants.decision_authority)],
            sign_public,
            agree_public,
        ],
    )
}

/// An account's public keys, role, clearance and decision authority, checked against its
/// certificate.
#[derive(Debug, Clone)]
pub struct Certified {
    /// Row id.
    pub id: i64,
    /// User name.
    pub name: String,
    /// Role as certified.
    pub role: Role,
    /// Clearance as certified.
    pub clearance: Clearance,
    /// Decision authority as certified (R21): the only value casework trusts.
    pub decision_authority: bool,
    /// Ed25519 public key, which verifies this user's log entries and signed records.
    pub sign_public: [u8; 32],
    /// Still on the list.
    pub active: bool,
    /// X25519 public key, to wrap keys to.
    pub agree_public: agree::PublicKey,
}

impl Certified {
    /// Whether this certificate makes `key` the signing key of officer `name` with decision
    /// authority (R21): the test every signed casework record made here must pass.
    pub fn decides_as(&self, name: &str, key: &[u8]) -> bool {
        self.name == name
            && self.sign_public[..] == key[..]
            && self.role == Role::Officer
            && self.decision_authority
    }
}

impl UnitKeys {
    /// Fresh unit keys for a new store.
    pub(crate) fn generate() -> Result<Self> {
        Ok(UnitKeys {
            signing: SigningKey::generate()?,
            agreement: AgreementKey::generate()?,
        })
    }

    /// Wraps both private keys to one user's agreement key.
    pub(crate) fn wrap_to(&self, store_id: &[u8], recipient: &agree::PublicKey) -> Result<Vec<u8>> {
        let mut plain = Zeroizing::new(Vec::with_capacity(64));
        plain.extend_from_slice(self.signing.seed());
        plain.extend_from_slice(&self.agreement.to_bytes()[..]);
        agree::wrap(recipient, &purpose(store_id), &plain)
    }

    /// Signs a user certificate.
    #[allow(clippy::too_many_arguments)] // every field the certificate binds
    pub(crate) fn certify(
        &self,
        store_id: &[u8],
        id: i64,
        name: &str,
        grants: Grants,
        sign_public: &[u8],
        agree_public: &[u8],
    ) -> Vec<u8> {
        self.signing
            .sign(&cert_message(
                store_id,
                id,
                name,
                grants,
                sign_public,
                agree_public,
            ))
            .to_vec()
    }
}

/// One row of `users` as read for a certificate check.
struct CertRow {
    id: i64,
    name: String,
    role: String,
    clearance: String,
    decision_authority: bool,
    sign_public: Vec<u8>,
    agree_public: Vec<u8>,
    cert: Vec<u8>,
    active: bool,
}

impl Session {
    /// Active accounts' public keys, each checked against its certificate under this user's
    /// trust anchor. `filter` is an SQL condition on `users` (no user input). A record whose
    /// certificate fails means someone with the store key edited the accounts: it is left
    /// out (never given a key) and reported ([`Session::uncertified_accounts`]).
    pub(crate) fn certified_users(&self, filter: &str) -> Result<Vec<Certified>> {
        self.certified(&format!("status = 'active' AND ({filter})")) // untranslated: SQL
    }

    /// One account's certified keys and role, checked once per session (certificates never
    /// change; a new account is looked up on first use). Disabled accounts too: they made
    /// records and log entries that are still checked.
    pub(crate) fn certified_by_id(&self, id: i64) -> Result<Option<Certified>> {
        if let Some(c) = self.caches().certs.borrow().get(&id) {
            return Ok(Some(c.clone()));
        }
        let found = self.certified(&format!("id = {id}"))?.into_iter().next();
        if let Some(c) = &found {
            self.caches().certs.borrow_mut().insert(id, c.clone());
        }
        Ok(found)
    }

    /// Every account, disabled ones too (they signed old log entries), certificate-checked.
    pub fn certified_accounts(&self) -> Result<Vec<Certified>> {
        self.certified("1 = 1")
    }

    /// How many account rows there are, certified or not.
    pub(crate) fn account_rows(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }

    fn certified(&self, filter: &str) -> Result<Vec<Certified>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT id, name, role, clearance, decision_authority, sign_public, agree_public,
                    cert, status = 'active' FROM users
             WHERE {filter} ORDER BY id"
        ))?;
        let rows = st.query_map([], |r| {
            Ok(CertRow {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                clearance: r.get(3)?,
                decision_authority: r.get(4)?,
                sign_public: r.get(5)?,
                agree_public: r.get(6)?,
                cert: r.get(7)?,
                active: r.get(8)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let row: CertRow = row?;
            let name = row.name.clone();
            // One account edited with the store key must not stop everybody's work: it is
            // left out (no key is wrapped to it, nothing it signed counts) and reported by
            // `verify` and at the end of the sitting.
            match self.check_cert(row) {
                Ok(c) => out.push(c),
                Err(_) => {
                    self.caches().uncertified.borrow_mut().insert(name);
                }
            }
        }
        Ok(out)
    }

    /// The accounts found this session whose row does not match its certificate (without
    /// checking the others again).
    pub fn uncertified_seen(&self) -> Vec<String> {
        self.caches().uncertified.borrow().iter().cloned().collect()
    }

    /// The accounts whose row does not match its certificate (someone holding the store key
    /// changed them), by name.
    pub fn uncertified_accounts(&self) -> Result<Vec<String>> {
        self.certified("1 = 1")?;
        Ok(self.caches().uncertified.borrow().iter().cloned().collect())
    }

    fn check_cert(&self, row: CertRow) -> Result<Certified> {
        let CertRow {
            id,
            name,
            role,
            clearance,
            decision_authority,
            sign_public: sp,
            agree_public: ap,
            cert,
            active,
        } = row;
        let forged = || {
            Error::Integrity(crate::t!(
                "identity-certificate-mismatch",
                name = crate::text::escape(&name)
            ))
        };
        let role: Role = role.parse().map_err(|_| forged())?;
        let clearance: Clearance = clearance.parse().map_err(|_| forged())?;
        let grants = Grants {
            role,
            clearance,
            decision_authority,
        };
        let msg = cert_message(&self.meta().store_id, id, &name, grants, &sp, &ap);
        if !crate::crypto::sign::verify(self.anchor(), &msg, &cert) {
            return Err(forged());
        }
        let agree_public: agree::PublicKey = ap.as_slice().try_into().map_err(|_| forged())?;
        let sign_public: [u8; 32] = sp.as_slice().try_into().map_err(|_| forged())?;
        Ok(Certified {
            id,
            name,
            role,
            clearance,
            decision_authority,
            sign_public,
            active,
            agree_public,
        })
    }

    /// The unit's private keys, unwrapped with this user's agreement key. Refused for users
    /// the keys are not wrapped to (clerical staff).
    pub(crate) fn unit_keys(&self) -> Result<UnitKeys> {
        let wrapped: Option<Vec<u8>> = self
            .conn()
            .query_row(
                "SELECT wrapped FROM unit_key_wraps WHERE user_id = ?1",
                params![self.user().id],
                |r| r.get(0),
            )
            .optional()?;
        let wrapped = wrapped.ok_or_else(|| Error::Refused {
            rule: "role",
            message: crate::t!(
                "identity-unit-keys-not-held",
                name = self.user().name.as_str()
            ),
        })?;
        let plain = self
            .agreement()
            .open_wrapped(&purpose(&self.meta().store_id), &wrapped)
            .map_err(|_| Error::Integrity(crate::t!("identity-unit-keys-do-not-decrypt")))?;
        if plain.len() != 64 {
            return Err(Error::Integrity(crate::t!("identity-unit-keys-malformed")));
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&plain[..32]);
        let mut ag = Zeroizing::new([0u8; 32]);
        ag.copy_from_slice(&plain[32..]);
        let keys = UnitKeys {
            signing: SigningKey::from_seed(seed)?,
            agreement: AgreementKey::from_bytes(ag),
        };
        let (sp, ap): (Vec<u8>, Vec<u8>) = self.conn().query_row(
            "SELECT sign_public, agree_public FROM unit_keys WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if sp != keys.signing.public() || ap != keys.agreement.public() {
            return Err(Error::Integrity(crate::t!("identity-unit-keys-mismatch")));
        }
        Ok(keys)
    }

    /// Whether this user holds the unit's keys, and they open (for `verify`).
    pub(crate) fn check_unit_keys(&self) -> Result<bool> {
        match self.unit_keys() {
            Ok(_) => Ok(true),
            Err(Error::Refused { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
