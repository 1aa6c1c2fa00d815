//! Trust between units (R12, DESIGN.md §6): this unit's own card, the cards of units it
//! trusts, and the external recipients (Kripos, PST) it may send to.
//!
//! A card file proves nothing by itself: an admin trusts another unit only when the card's
//! fingerprint matches the one the other unit reads out over the phone (compared in constant
//! time). A card that rolls a trusted unit over to new keys is accepted without a call when
//! the trusted key signed it ([`super::card::UnitCard::succeeds`]), from the next package
//! that unit sends. Every change of trust is signed by the acting user, logged, and queued
//! for KSF with the list changes (R19), since KSF must know whom each unit trusts. This
//! module must never store a card whose fingerprint was not confirmed or whose succession
//! does not check.

use super::agekey::AgeRecipient;
use super::card::{Fingerprint, UnitCard};
use crate::audit::{self, Act, Outcome};
use crate::authz::authlist::record_change_tx;
use crate::identity::unit::UnitKeys;
use crate::identity::{Acting, Session};
use crate::text::{self, limits};
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// A unit this store trusts.
#[derive(Debug, Clone, Serialize)]
pub struct TrustedUnit {
    /// Unit name.
    pub unit: String,
    /// ksf, region or local.
    pub level: String,
    /// Region.
    pub region: Option<String>,
    /// The trusted card's serial.
    pub serial: i64,
    /// Its fingerprint.
    pub fingerprint: String,
    /// When trusted (or last rolled over).
    pub trusted_at: String,
    /// By whom.
    pub trusted_by: String,
    /// `fingerprint` (confirmed by phone) or `rollover` (signed by the trusted key).
    pub how: String,
}

/// An external recipient.
#[derive(Debug, Clone, Serialize)]
pub struct External {
    /// Name (Kripos, PST, …).
    pub name: String,
    /// age recipient.
    pub recipient: String,
    /// When added.
    pub added_at: String,
    /// By whom.
    pub added_by: String,
}

/// `unit list`.
#[derive(Debug, Serialize)]
pub struct Units {
    /// This unit's own card, if issued.
    pub own: Option<super::card::CardSummary>,
    /// Units trusted.
    pub trusted: Vec<TrustedUnit>,
    /// External recipients.
    pub external: Vec<External>,
}

/// Issues and stores this unit's next card inside the caller's transaction. With
/// `previous`, the card rolls over from that key, which signs it too.
pub(crate) fn issue_card_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    keys: &UnitKeys,
    previous: Option<&crate::crypto::sign::SigningKey>,
) -> Result<UnitCard> {
    let serial: i64 = tx.query_row(
        "SELECT coalesce(max(serial), 0) + 1 FROM unit_cards",
        [],
        |r| r.get(0),
    )?;
    let m = acting.meta;
    let card = UnitCard::issue(
        &m.unit,
        m.level,
        m.region.as_deref(),
        u32::try_from(serial).map_err(|_| Error::Other(crate::t!("card-too-many")))?,
        &keys.signing,
        &keys.agreement.public(),
        previous,
    )?;
    tx.execute(
        "INSERT INTO unit_cards (serial, card, sign_public, issued_at, issued_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            serial,
            card.encode()?,
            keys.signing.public().to_vec(),
            now_rfc3339(),
            acting.user.name
        ],
    )?;
    Ok(card)
}

fn stored_card(conn: &Connection) -> Result<Option<(UnitCard, Vec<u8>)>> {
    let row: Option<(String, Vec<u8>)> = conn
        .query_row(
            "SELECT card, sign_public FROM unit_cards ORDER BY serial DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(c, k)| Ok((UnitCard::parse(c.as_bytes())?, k)))
        .transpose()
}

fn trusted_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TrustedUnit> {
    Ok(TrustedUnit {
        unit: r.get(0)?,
        level: r.get(1)?,
        region: r.get(2)?,
        serial: r.get(3)?,
        fingerprint: r.get(4)?,
        trusted_at: r.get(5)?,
        trusted_by: r.get(6)?,
        how: r.get(7)?,
    })
}

const TRUSTED_COLUMNS: &str =
    "unit, level, region, serial, fingerprint, trusted_at, trusted_by, how"; // untranslated: SQL

/// Stores `card` as the trusted card of its unit (new, or replacing the one it succeeds),
/// with every key the unit has had, and records the change for KSF.
pub(crate) fn store_trusted_tx(
    tx: &Transaction<'_>,
    acting: Acting<'_>,
    card: &UnitCard,
    how: &str,
) -> Result<()> {
    let fp = card.fingerprint().to_string();
    tx.execute(
        "INSERT OR REPLACE INTO trusted_units (unit, level, region, serial, fingerprint, card,
                                               trusted_at, trusted_by, how)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            card.unit(),
            card.level().as_str(),
            card.region(),
            card.serial(),
            fp,
            card.encode()?,
            now_rfc3339(),
            acting.user.name,
            how
        ],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO trusted_unit_keys (unit, sign_public, serial) VALUES (?1, ?2, ?3)",
        params![card.unit(), card.ed25519().to_vec(), card.serial()],
    )?;
    record_change_tx(
        tx,
        acting,
        "unit-trust",
        serde_json::json!({ "trust": card.unit(), "level": card.level(),
                            "serial": card.serial(), "fingerprint": fp, "how": how }),
        None,
    )
}

impl Session {
    /// This unit's current card. Issued (and logged) the first time an officer or admin
    /// asks, since it is signed with the unit key; clerical staff see it once issued.
    pub fn unit_card(&mut self) -> Result<UnitCard> {
        let current: Vec<u8> =
            self.conn()
                .query_row("SELECT sign_public FROM unit_keys WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        if let Some((card, key)) = stored_card(self.conn())? {
            if crate::crypto::ct_eq(&key, &current) && card.ed25519()[..] == current[..] {
                return Ok(card);
            }
        }
        let keys = self.unit_keys()?;
        self.write(|tx, acting| {
            let card = issue_card_tx(tx, acting, &keys, None)?;
            audit::append(
                tx,
                acting,
                &Act::new("unit-card").detail(format!(
                    "serial {} fingerprint {}", // untranslated: use-log detail
                    card.serial(),
                    card.fingerprint()
                )),
            )?;
            Ok(card)
        })
    }

    /// This unit's card as stored, if it names the current key (read inside a transaction).
    pub(crate) fn own_card_in(&self, conn: &Connection) -> Result<Option<UnitCard>> {
        let current: Vec<u8> =
            conn.query_row("SELECT sign_public FROM unit_keys WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        Ok(stored_card(conn)?
            .filter(|(_, k)| crate::crypto::ct_eq(k, &current))
            .map(|(c, _)| c))
    }

    /// `unit trust`: trusts the unit of `card` when `fingerprint`, as the other unit read it
    /// out, matches (admins only). A mismatch is logged and refused as an integrity failure.
    pub fn trust_unit(&mut self, card: &[u8], fingerprint: &str) -> Result<TrustedUnit> {
        self.require_admin_logged("unit-trust", &crate::t!("card-what-trust-units"))?;
        let given = Fingerprint::parse(fingerprint)?;
        let card = UnitCard::parse(card)?;
        if card.unit() == self.meta().unit {
            return Err(Error::Usage(crate::t!("card-own-card")));
        }
        if !card.fingerprint().matches(&given) {
            let mut act = Act::new("refused").detail(format!(
                "unit-trust refused: fingerprint of the card for {} does not match", // untranslated: use-log detail
                card.unit()
            ));
            act.outcome = Outcome::Refused("fingerprint");
            self.log_act(&act)?;
            return Err(Error::Integrity(crate::t!(
                "card-fingerprint-mismatch",
                actual = card.fingerprint().to_string(),
                given = given.to_string(),
                unit = text::escape(card.unit())
            )));
        }
        self.write(|tx, acting| store_trusted_tx(tx, acting, &card, "fingerprint"))?;
        self.trusted_unit(card.unit())?
            .ok_or_else(|| Error::Other(crate::t!("card-trusted-not-stored")))
    }

    /// `unit trust-external`: names an external recipient's age key (admins only).
    pub fn trust_external(&mut self, name: &str, recipient: &str) -> Result<External> {
        self.require_admin_logged(
            "unit-trust-external",
            &crate::t!("card-what-name-recipients"),
        )?;
        let name = text::field(
            &crate::t!("card-what-recipient-name"),
            name,
            limits::NAME.min(100),
            false,
        )?;
        super::header::check_unit_name(&name)?;
        if name.starts_with("age1") {
            return Err(Error::Usage(crate::t!("card-recipient-name-like-key")));
        }
        let r = AgeRecipient::parse(recipient.trim())?;
        self.write(|tx, acting| {
            tx.execute(
                "INSERT OR REPLACE INTO external_recipients (name, recipient, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4)",
                params![name, r.to_string(), now_rfc3339(), acting.user.name],
            )?;
            record_change_tx(
                tx,
                acting,
                "unit-trust-external",
                serde_json::json!({ "external": name, "recipient": r.to_string() }),
                None,
            )
        })?;
        self.trust_list()?
            .external
            .into_iter()
            .find(|e| e.name == name)
            .ok_or_else(|| Error::Other(crate::t!("card-recipient-not-stored")))
    }

    /// `unit list`.
    pub fn trust_list(&self) -> Result<Units> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {TRUSTED_COLUMNS} FROM trusted_units ORDER BY unit"
        ))?;
        let trusted = st
            .query_map([], trusted_row)?
            .collect::<std::result::Result<_, _>>()?;
        let mut st = self.conn().prepare(
            "SELECT name, recipient, added_at, added_by FROM external_recipients ORDER BY name",
        )?;
        let external = st
            .query_map([], |r| {
                Ok(External {
                    name: r.get(0)?,
                    recipient: r.get(1)?,
                    added_at: r.get(2)?,
                    added_by: r.get(3)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Units {
            own: stored_card(self.conn())?.map(|(c, _)| c.summary()),
            trusted,
            external,
        })
    }

    fn trusted_unit(&self, unit: &str) -> Result<Option<TrustedUnit>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {TRUSTED_COLUMNS} FROM trusted_units WHERE unit = ?1"),
                [unit],
                trusted_row,
            )
            .optional()?)
    }

    /// The card this store trusts for `unit`, checked again as it is read, and checked
    /// against the signed trust change that put it there (see [`Session::signed_trust`]).
    pub(crate) fn trusted_card(&self, unit: &str) -> Result<Option<UnitCard>> {
        let c: Option<String> = self
            .conn()
            .query_row(
                "SELECT card FROM trusted_units WHERE unit = ?1",
                [unit],
                |r| r.get(0),
            )
            .optional()?;
        let Some(card) = c.map(|c| UnitCard::parse(c.as_bytes())).transpose()? else {
            return Ok(None);
        };
        // A signed change that no longer checks is as bad as none: the user is told which
        // unit, and what to do (`verify` names the change itself).
        if card.unit() != unit || !matches!(self.signed_trust(&card), Ok(true)) {
            return Err(Error::Integrity(crate::t!(
                "card-trust-unsigned",
                unit = text::escape(unit)
            )));
        }
        Ok(Some(card))
    }

    /// Whether the newest signed trust change about the card's unit names this card (its
    /// serial and fingerprint). Its signer was entitled to make it (`authz::changes`): an
    /// admin who compared the fingerprint (`unit trust`), or the officer or admin whose
    /// import took a rollover card over. `trusted_units` is a row under the store key; a
    /// clerk who put his own card in place of the region's would otherwise have every
    /// package to the region sealed to him, and his own packages believed as the region's.
    pub(crate) fn signed_trust(&self, card: &UnitCard) -> Result<bool> {
        let Some(c) = self.newest_change_naming("trust", card.unit())? else {
            return Ok(false);
        };
        Ok(c.change
            .get("fingerprint")
            .and_then(serde_json::Value::as_str)
            == Some(card.fingerprint().to_string().as_str())
            && c.change.get("serial").and_then(serde_json::Value::as_u64)
                == Some(u64::from(card.serial())))
    }

    /// Whether the newest signed change naming external recipient `name` (an admin's,
    /// `unit trust-external`) gives it this key. A clerk who put his own age key under
    /// "Kripos" would otherwise receive what is disclosed to the police.
    pub(crate) fn signed_external(&self, name: &str, recipient: &str) -> Result<bool> {
        Ok(self
            .newest_change_naming("external", name)?
            .is_some_and(|c| {
                c.change
                    .get("recipient")
                    .and_then(serde_json::Value::as_str)
                    == Some(recipient)
            }))
    }

    /// Whether `unit` has ever been trusted here under signing key `key`: a unit's keys stay
    /// on record after it rolls over, so what it signed before stays checkable.
    pub(crate) fn was_trusted_under(&self, unit: &str, key: &[u8]) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM trusted_unit_keys WHERE unit = ?1 AND sign_public = ?2)",
            params![unit, key],
            |r| r.get(0),
        )?)
    }

    /// For `verify`: every trusted card and external recipient whose row is not the one its
    /// newest signed change put there; and how many of each there are.
    pub(crate) fn unsigned_trust(&self) -> Result<(usize, usize, Vec<String>)> {
        let units: Vec<(String, String)> = self
            .conn()
            .prepare("SELECT unit, card FROM trusted_units ORDER BY unit")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let external: Vec<(String, String)> = self
            .conn()
            .prepare("SELECT name, recipient FROM external_recipients ORDER BY name")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut bad = Vec::new();
        for (unit, card) in &units {
            let held = UnitCard::parse(card.as_bytes())
                .and_then(|c| Ok(c.unit() == unit.as_str() && self.signed_trust(&c)?));
            if !matches!(held, Ok(true)) {
                bad.push(crate::t!("card-trust-unsigned", unit = text::escape(unit)));
            }
        }
        for (name, recipient) in &external {
            if !matches!(self.signed_external(name, recipient), Ok(true)) {
                bad.push(crate::t!(
                    "card-external-unsigned",
                    name = text::escape(name)
                ));
            }
        }
        Ok((units.len(), external.len(), bad))
    }

    /// An external recipient by name, or an `age1…` key given directly.
    pub(crate) fn external_recipient(&self, name_or_key: &str) -> Result<(String, AgeRecipient)> {
        let s = name_or_key.trim();
        if s.starts_with("age1") {
            return Ok((s.to_owned(), AgeRecipient::parse(s)?));
        }
        let r: Option<String> = self
            .conn()
            .query_row(
                "SELECT recipient FROM external_recipients WHERE name = ?1",
                [s],
                |r| r.get(0),
            )
            .optional()?;
        let r = r.ok_or_else(|| {
            Error::NotFound(crate::t!(
                "card-no-external-recipient",
                name = format!("{:?}", text::escape(s))
            ))
        })?;
        if !matches!(self.signed_external(s, &r), Ok(true)) {
            return Err(Error::Integrity(crate::t!(
                "card-external-unsigned",
                name = text::escape(s)
            )));
        }
        Ok((s.to_owned(), AgeRecipient::parse(&r)?))
    }
}
