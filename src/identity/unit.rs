//! The unit's own key pair: X25519 to receive packages, Ed25519 to sign packages, receipts
//! and log checkpoints. The private halves are wrapped to each officer and admin (never to
//! clerical staff, DESIGN.md §3), so any of them can act for the unit and nobody else can.

use super::Session;
use crate::crypto::agree::{self, AgreementKey};
use crate::crypto::hex;
use crate::crypto::sign::SigningKey;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use zeroize::Zeroizing;

/// The unit's private keys, for the length of one act.
#[derive(Debug)]
pub struct UnitKeys {
    /// Signs packages, receipts, checkpoints.
    pub signing: SigningKey,
    /// Opens packages sent to this unit.
    pub agreement: AgreementKey,
}

pub(crate) fn purpose(store_id: &[u8]) -> Vec<u8> {
    format!("unit-keys:{}", hex(store_id)).into_bytes()
}

impl UnitKeys {
    /// Fresh unit keys for a new store.
    pub fn generate() -> Result<Self> {
        Ok(UnitKeys {
            signing: SigningKey::generate()?,
            agreement: AgreementKey::generate()?,
        })
    }

    /// Wraps both private keys to one user's agreement key.
    pub fn wrap_to(&self, store_id: &[u8], recipient: &agree::PublicKey) -> Result<Vec<u8>> {
        let mut plain = Zeroizing::new(Vec::with_capacity(64));
        plain.extend_from_slice(self.signing.seed());
        plain.extend_from_slice(&self.agreement.to_bytes()[..]);
        agree::wrap(recipient, &purpose(store_id), &plain)
    }
}

impl Session {
    /// The unit's private keys, unwrapped with this user's agreement key. Refused for users
    /// the keys are not wrapped to (clerical staff).
    pub fn unit_keys(&self) -> Result<UnitKeys> {
        let wrapped: Option<Vec<u8>> = self
            .db
            .conn()
            .query_row(
                "SELECT wrapped FROM unit_key_wraps WHERE user_id = ?1",
                params![self.user.id],
                |r| r.get(0),
            )
            .optional()?;
        let wrapped = wrapped.ok_or_else(|| Error::Refused {
            rule: "role",
            message: format!(
                "{} does not hold the unit's keys: this act needs an officer or admin",
                self.user.name
            ),
        })?;
        let plain = self
            .agreement
            .unwrap(&purpose(&self.meta.store_id), &wrapped)
            .map_err(|_| Error::Integrity("the unit's keys do not decrypt for this user".into()))?;
        if plain.len() != 64 {
            return Err(Error::Integrity(
                "the unit's wrapped keys are malformed".into(),
            ));
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&plain[..32]);
        let mut ag = Zeroizing::new([0u8; 32]);
        ag.copy_from_slice(&plain[32..]);
        let keys = UnitKeys {
            signing: SigningKey::from_seed(seed)?,
            agreement: AgreementKey::from_bytes(ag),
        };
        let (sp, ap): (Vec<u8>, Vec<u8>) = self.db.conn().query_row(
            "SELECT sign_public, agree_public FROM unit_keys WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if sp != keys.signing.public() || ap != keys.agreement.public() {
            return Err(Error::Integrity(
                "the unit's wrapped keys do not match its public keys".into(),
            ));
        }
        Ok(keys)
    }
}
