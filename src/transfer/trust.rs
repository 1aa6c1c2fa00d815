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
use crate::authz::changes::TrustKind;
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

/// What the use log says about one trusted unit ([`Session::trust_history`]).
#[derive(Default)]
pub(crate) struct TrustHistory {
    /// The card the unit is trusted under now, if any.
    pub(crate) current: Option<UnitCard>,
    /// The signing keys of every card it has been trusted under, oldest first.
    pub(crate) keys: Vec<crate::crypto::sign::PublicKey>,
    /// Log entries of signed trust changes that count for nothing: no card, or a card that
    /// does not follow from the one trusted before.
    pub(crate) stray: Vec<i64>,
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
/// and records the signed change, card included, in the log and for KSF.
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
    // The card itself goes into the signed change and its log entry: the log, not these
    // rows, is what the unit is trusted by (`trust_history`), and a rollover can only be
    // checked against the card before it.
    record_change_tx(
        tx,
        acting,
        "unit-trust",
        serde_json::json!({ "trust": card.unit(), "level": card.level(),
                            "serial": card.serial(), "fingerprint": fp, "how": how,
                            "card": card.encode()? }),
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

    /// Whether `card` is the card the use log's signed trust changes leave its unit
    /// trusted under ([`Session::trust_history`]). `trusted_units` is a row under the store
    /// key; a clerk who put his own card in place of the region's would otherwise have every
    /// package to the region sealed to him, and his own packages believed as the region's.
    pub(crate) fn signed_trust(&self, card: &UnitCard) -> Result<bool> {
        Ok(self.trust_history(card.unit())?.current.is_some_and(|c| {
            c.serial() == card.serial()
                && c.ed25519() == card.ed25519()
                && c.fingerprint().to_string() == card.fingerprint().to_string()
        }))
    }

    /// The cards `unit` has been trusted under, in order, as the use log's signed trust
    /// changes say (DESIGN.md §6, R12). A change counts only if its entry checks
    /// ([`Session::logged_trust_changes`]) and it follows from what was trusted before:
    /// - `fingerprint`: an admin compared the card's fingerprint by phone; it may name any
    ///   card of the unit;
    /// - `rollover`: taken over at an import, by an officer or admin; the card must succeed
    ///   the one trusted before it, signed by that card's key ([`UnitCard::succeeds`]).
    ///   Without that an officer holding the store key could name a card of his own.
    ///
    /// A change that names no card, or one that does not match the fields signed beside
    /// it, counts for nothing.
    pub(crate) fn trust_history(&self, unit: &str) -> Result<TrustHistory> {
        let mut h = TrustHistory::default();
        for c in self.logged_trust_changes(TrustKind::Unit, "trust", unit)? {
            let field = |k: &str| c.change.get(k).and_then(serde_json::Value::as_str);
            let card = field("card").and_then(|t| UnitCard::parse(t.as_bytes()).ok());
            let Some(card) = card.filter(|card| {
                card.unit() == unit
                    && field("fingerprint") == Some(card.fingerprint().to_string().as_str())
                    && c.change.get("serial").and_then(serde_json::Value::as_u64)
                        == Some(u64::from(card.serial()))
            }) else {
                h.stray.push(c.seq);
                continue;
            };
            let follows = match field("how") {
                Some("fingerprint") => true,
                Some("rollover") => h
                    .current
                    .as_ref()
                    .is_some_and(|prev| card.succeeds(prev).is_ok()),
                _ => false,
            };
            if follows {
                h.keys.push(*card.ed25519());
                h.current = Some(card);
            } else {
                h.stray.push(c.seq);
            }
        }
        Ok(h)
    }

    /// Whether the newest signed change naming external recipient `name` (an admin's,
    /// `unit trust-external`) gives it this key. A clerk who put his own age key under
    /// "Kripos" would otherwise receive what is disclosed to the police.
    pub(crate) fn signed_external(&self, name: &str, recipient: &str) -> Result<bool> {
        Ok(self
            .logged_trust_changes(TrustKind::External, "external", name)?
            .last()
            .is_some_and(|c| {
                c.change
                    .get("recipient")
                    .and_then(serde_json::Value::as_str)
                    == Some(recipient)
            }))
    }

    /// Whether `unit` has ever been trusted here under signing key `key`: what it signed
    /// under an older card stays checkable after it rolls over. Read from the signed chain
    /// of cards, so a key added with the store key counts for nothing.
    pub(crate) fn was_trusted_under(&self, unit: &str, key: &[u8]) -> Result<bool> {
        Ok(self
            .trust_history(unit)?
            .keys
            .iter()
            .any(|k| k[..] == key[..]))
    }

    /// For `verify`: every trusted card and external recipient whose row is not the one the
    /// signed changes put there, and every signed trust change in the log that does not
    /// follow from the card trusted before it; and how many cards and recipients there are.
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
            for seq in self.trust_history(unit)?.stray {
                bad.push(crate::t!(
                    "card-trust-stray",
                    unit = text::escape(unit),
                    seq = seq
                ));
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
