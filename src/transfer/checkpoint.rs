//! Log checkpoints (DESIGN.md §4): a unit's use-log head — sequence number and hash — signed
//! by the unit key, carried in every package and kept by the receiver.
//!
//! Inside one store, witnesses catch a log cut below what a colleague saw; they cannot catch
//! a store put back whole to an older copy, nor a cut of entries nobody else saw. A
//! checkpoint kept at another unit can: the log must still hold that entry with that hash.
//! `log checkpoint --out F` writes this store's checkpoint for paper or offline keeping;
//! `log checkpoint --of UNIT --out F` the newest received from UNIT, to take back to it;
//! `log verify --checkpoint F` checks a file of one or more.
//!
//! The file is `Label: value` lines (the strict reader of [`super::lines`]); several
//! checkpoints in one file are separated by one empty line. This module must never accept a
//! checkpoint whose signature does not check, or a file that does not print back to itself.

use super::lines::{Fields, Writer};
use crate::crypto::sign::{self, SigningKey};
use crate::crypto::{ct_eq, encode_fields, hex, labels};
use crate::identity::Session;
use crate::{t, Error, Result};
use serde::Serialize;

/// The most checkpoints read from one file.
pub const MAX_IN_FILE: usize = 1000;

/// One checkpoint. A value of this type has had its signature checked against its own key;
/// whether that key is the unit's is the caller's question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    /// The unit whose log it is.
    pub unit: String,
    /// That store's id.
    #[serde(serialize_with = "as_hex")]
    pub store_id: [u8; 16],
    /// Sequence number of the head (0 for an empty log).
    pub seq: u64,
    /// The head entry's hash (the genesis hash for an empty log).
    #[serde(serialize_with = "as_hex")]
    pub head: [u8; 32],
    /// When it was made (RFC 3339, UTC).
    pub time: String,
    /// The unit's Ed25519 key that signed it.
    #[serde(serialize_with = "as_hex")]
    pub unit_key: sign::PublicKey,
    #[serde(skip)]
    signature: sign::Signature,
}

fn as_hex<S: serde::Serializer>(v: &[u8], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&hex(v))
}

fn message(unit: &str, store_id: &[u8], seq: u64, head: &[u8], time: &str) -> Vec<u8> {
    encode_fields(
        labels::SIG_CHECKPOINT,
        &[
            unit.as_bytes(),
            store_id,
            &seq.to_be_bytes(),
            head,
            time.as_bytes(),
        ],
    )
}

fn bad(why: &str) -> Error {
    Error::Integrity(t!("checkpoint-invalid", why = why))
}

impl Checkpoint {
    /// Signs a checkpoint of a log whose head is (`seq`, `head`).
    pub fn sign(
        unit: &str,
        store_id: [u8; 16],
        seq: u64,
        head: [u8; 32],
        key: &SigningKey,
    ) -> Checkpoint {
        let time = crate::time::now_rfc3339();
        let signature = key.sign(&message(unit, &store_id, seq, &head, &time));
        Checkpoint {
            unit: unit.to_owned(),
            store_id,
            seq,
            head,
            time,
            unit_key: key.public(),
            signature,
        }
    }

    /// Rebuilds a checkpoint from its parts, checking the signature.
    pub fn from_parts(
        unit: &str,
        store_id: [u8; 16],
        seq: u64,
        head: [u8; 32],
        time: &str,
        unit_key: sign::PublicKey,
        signature: sign::Signature,
    ) -> Result<Checkpoint> {
        super::header::check_unit_name(unit).map_err(|_| bad(&t!("package-why-bad-unit-name")))?;
        chrono::DateTime::parse_from_rfc3339(time)
            .map_err(|_| bad(&t!("checkpoint-why-bad-time")))?;
        if i64::try_from(seq).is_err() {
            return Err(bad(&t!("checkpoint-why-seq-range")));
        }
        if !sign::verify(
            &unit_key,
            &message(unit, &store_id, seq, &head, time),
            &signature,
        ) {
            return Err(bad(&t!("package-why-bad-signature")));
        }
        Ok(Checkpoint {
            unit: unit.to_owned(),
            store_id,
            seq,
            head,
            time: time.to_owned(),
            unit_key,
            signature,
        })
    }

    /// The signature.
    pub fn signature(&self) -> &sign::Signature {
        &self.signature
    }

    /// One checkpoint as lines.
    pub fn encode(&self) -> Result<String> {
        let mut w = Writer::new();
        w.field("Infoflyt-Log-Checkpoint", "1")?
            .field("Unit", &self.unit)?
            .field("Store", &hex(&self.store_id))?
            .field("Seq", &self.seq.to_string())?
            .field("Head", &hex(&self.head))?
            .field("Time", &self.time)?
            .field("Unit-Key", &hex(&self.unit_key))?
            .field("Signature", &hex(&self.signature))?;
        Ok(w.into_string())
    }

    fn parse_one(data: &[u8]) -> Result<Checkpoint> {
        let mut f = Fields::parse(t!("checkpoint-what"), data)?;
        if f.take("Infoflyt-Log-Checkpoint")? != "1" {
            return Err(f.error(t!("package-why-unknown-version")));
        }
        let unit = f.take("Unit")?;
        let store = f.take("Store")?;
        let seq = f.take("Seq")?;
        let head = f.take("Head")?;
        let time = f.take("Time")?;
        let key = f.take("Unit-Key")?;
        let sig = f.take("Signature")?;
        let seq_n = seq
            .parse::<u64>()
            .ok()
            .filter(|n| n.to_string() == seq)
            .ok_or_else(|| f.error(t!("package-why-bad-seq")))?;
        let c = Checkpoint::from_parts(
            unit,
            f.hex::<16>(store)?,
            seq_n,
            f.hex::<32>(head)?,
            time,
            f.hex::<32>(key)?,
            f.hex::<64>(sig)?,
        )?;
        f.finish()?;
        Ok(c)
    }

    /// A file of checkpoints (one or more, separated by one empty line).
    pub fn encode_file(list: &[Checkpoint]) -> Result<String> {
        let parts = list
            .iter()
            .map(Checkpoint::encode)
            .collect::<Result<Vec<_>>>()?;
        Ok(parts.join("\n"))
    }

    /// Parses a file of checkpoints; refuses anything but the exact form
    /// [`Checkpoint::encode_file`] writes.
    pub fn parse_file(data: &[u8]) -> Result<Vec<Checkpoint>> {
        let text = std::str::from_utf8(data).map_err(|_| bad(&t!("package-why-not-utf8")))?;
        let blocks: Vec<&str> = text.split("\n\n").collect();
        if blocks.len() > MAX_IN_FILE {
            return Err(bad(&t!("checkpoint-why-too-many")));
        }
        let mut out = Vec::with_capacity(blocks.len());
        for (i, block) in blocks.iter().enumerate() {
            // The separator took the newline that ends every block but the last.
            let block = if i + 1 < blocks.len() {
                format!("{block}\n")
            } else {
                (*block).to_owned()
            };
            out.push(Checkpoint::parse_one(block.as_bytes())?);
        }
        if Checkpoint::encode_file(&out)?.as_bytes() != data {
            return Err(bad(&t!("package-why-not-canonical")));
        }
        Ok(out)
    }
}

/// What `log verify --checkpoint` found.
#[derive(Debug, Serialize)]
pub struct CheckpointsHeld {
    /// Checkpoints checked.
    pub checked: usize,
    /// The highest sequence number among them.
    pub highest: u64,
}

impl Session {
    /// This store's checkpoint now, signed with the unit key (officers and admins).
    pub fn make_checkpoint(&self) -> Result<Checkpoint> {
        let keys = self.unit_keys()?;
        let store_id = store_id_of(self)?;
        let (seq, head) = crate::audit::head(self.conn(), &self.meta().store_id)?;
        Ok(Checkpoint::sign(
            &self.meta().unit,
            store_id,
            u64::try_from(seq).unwrap_or(0),
            head.as_slice()
                .try_into()
                .map_err(|_| Error::Integrity(t!("checkpoint-head-malformed")))?,
            &keys.signing,
        ))
    }

    /// Checks that this store's log still holds every checkpoint in `list`: each must be
    /// this store's, signed by a key this unit has had, and name an entry the log still holds
    /// with that hash. Run after [`Session::verify_log`], which proves the chain up to the head.
    pub fn check_checkpoints(&self, list: &[Checkpoint]) -> Result<CheckpointsHeld> {
        let keys = self.unit_signing_history()?;
        let mine = store_id_of(self)?;
        let mut highest = 0;
        for c in list {
            if !ct_eq(&c.store_id, &mine) || c.unit != self.meta().unit {
                return Err(Error::Usage(t!(
                    "checkpoint-other-store",
                    unit = format!("{:?}", crate::text::escape(&c.unit))
                )));
            }
            if !keys.iter().any(|k| ct_eq(k, &c.unit_key)) {
                return Err(bad(&t!("checkpoint-why-unknown-key")));
            }
            if !self.log_holds(c.seq, &c.head)? {
                return Err(Error::Integrity(t!(
                    "checkpoint-log-cut-back",
                    seq = c.seq.to_string(),
                    hash = &hex(&c.head)[..16],
                    time = &c.time
                )));
            }
            highest = highest.max(c.seq);
        }
        Ok(CheckpointsHeld {
            checked: list.len(),
            highest,
        })
    }

    /// The checkpoints received from `unit` in its packages, oldest first (each checked
    /// again as it is read).
    pub fn received_checkpoints(&self, unit: &str) -> Result<Vec<Checkpoint>> {
        type Row = (String, Vec<u8>, i64, Vec<u8>, String, Vec<u8>, Vec<u8>);
        let rows: Vec<Row> = self
            .conn()
            .prepare(
                "SELECT unit, store_id, seq, head, time, unit_key, signature FROM checkpoints_in
                 WHERE unit = ?1 ORDER BY seq",
            )?
            .query_map([unit], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<std::result::Result<_, _>>()?;
        if rows.is_empty() {
            return Err(Error::NotFound(t!(
                "checkpoint-none-received",
                unit = crate::text::escape(unit)
            )));
        }
        let malformed = || Error::Integrity(t!("checkpoint-kept-malformed"));
        rows.into_iter()
            .map(|(u, store, seq, head, time, key, sig)| {
                Checkpoint::from_parts(
                    &u,
                    store.as_slice().try_into().map_err(|_| malformed())?,
                    u64::try_from(seq).map_err(|_| malformed())?,
                    head.as_slice().try_into().map_err(|_| malformed())?,
                    &time,
                    key.as_slice().try_into().map_err(|_| malformed())?,
                    sig.as_slice().try_into().map_err(|_| malformed())?,
                )
            })
            .collect()
    }

    fn log_holds(&self, seq: u64, head: &[u8; 32]) -> Result<bool> {
        let seq = i64::try_from(seq).map_err(|_| bad(&t!("checkpoint-why-seq-range")))?;
        if seq == 0 {
            return Ok(ct_eq(
                &crate::audit::entry::genesis(&self.meta().store_id),
                head,
            ));
        }
        Ok(crate::audit::report::entry_at(self.conn(), seq)?
            .is_some_and(|e| ct_eq(&e.hash, head) && e.compute_hash() == *head))
    }
}

/// The store id as 16 bytes.
pub(crate) fn store_id_of(s: &Session) -> Result<[u8; 16]> {
    s.meta()
        .store_id
        .as_slice()
        .try_into()
        .map_err(|_| Error::Integrity(t!("checkpoint-store-id-malformed")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(seq: u64) -> Checkpoint {
        let k = SigningKey::generate().unwrap();
        Checkpoint::sign("Region øst", [7; 16], seq, [9; 32], &k)
    }

    #[test]
    fn checkpoint_files_round_trip() {
        let list = vec![sample(0), sample(42)];
        let f = Checkpoint::encode_file(&list).unwrap();
        assert_eq!(Checkpoint::parse_file(f.as_bytes()).unwrap(), list);
        let one = Checkpoint::encode_file(&list[..1]).unwrap();
        assert_eq!(Checkpoint::parse_file(one.as_bytes()).unwrap().len(), 1);
    }

    #[test]
    fn changed_checkpoints_are_refused() {
        let f = Checkpoint::encode_file(&[sample(42)]).unwrap();
        for bad in [
            f.replace("Seq: 42", "Seq: 43"),
            f.replace("Seq: 42", "Seq: 042"),
            f.replace("Region øst", "Region vest"),
            format!("{f}\n"),
            format!("\n{f}"),
            f.trim_end().to_owned(),
            String::new(),
        ] {
            assert!(Checkpoint::parse_file(bad.as_bytes()).is_err(), "{bad:?}");
        }
    }
}
