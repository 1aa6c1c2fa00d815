//! The unit key rollover when a holder of the unit's keys leaves (`user disable` of an
//! officer or admin): new keys in the same transaction that disables the account, and a new
//! card signed by the old key, so peers accept it from the next package they import.
//!
//! What moves where (identity/succession.rs has the details): the new keys are wrapped to
//! every remaining officer and admin; every account is certified again under the new key; a
//! succession record signed by both keys leads every user's sealed trust anchor on at their
//! next unlock; the old X25519 key stays, wrapped to the new one, so a package a peer sealed
//! to the old card before learning the new one is not lost. From then on peers seal to the
//! new key, which the leaver's copy of the old one does not open.

use super::card::{CardSummary, UnitCard};
use super::trust::issue_card_tx;
use crate::audit::{self, Act};
use crate::authz::authlist::Removal;
use crate::identity::succession::roll_over_tx;
use crate::identity::unit::UnitKeys;
use crate::identity::{Role, Session, Status};
use crate::Result;
use serde::Serialize;

/// What `user disable` did, with the rollover when there was one.
#[derive(Debug)]
pub struct Disabled {
    /// The removal from the list.
    pub removal: Removal,
    /// The unit's new card, when the account held the unit's keys.
    pub rollover: Option<Rollover>,
}

/// A rollover's outcome.
#[derive(Debug, Serialize)]
pub struct Rollover {
    /// The new card.
    pub card: CardSummary,
    /// Accounts certified again.
    pub recertified: usize,
    /// Officers and admins the new keys are wrapped to.
    pub holders: usize,
}

impl Session {
    /// `user disable`: takes the account off the list (authz::authlist) and, if it held the
    /// unit's keys, rolls them over in the same transaction.
    pub fn disable_account(&mut self, name: &str, accept_loss: bool) -> Result<Disabled> {
        let target = self.find_user(name)?;
        let held = target.status == Status::Active
            && matches!(target.role, Role::Admin | Role::Officer)
            && target.id != self.user().id;
        if !held || self.user().role != Role::Admin {
            let removal = self.remove_from_list(name, accept_loss)?;
            return Ok(Disabled {
                removal,
                rollover: None,
            });
        }
        let old = self.unit_keys()?;
        let new = UnitKeys::generate()?;
        let accounts = self.certified_accounts()?;
        let rows_seen = self.account_rows()?;
        let holders: Vec<_> = accounts
            .iter()
            .filter(|a| {
                a.active && matches!(a.role, Role::Admin | Role::Officer) && a.id != target.id
            })
            .cloned()
            .collect();
        let mut made: Option<(UnitCard, usize)> = None;
        let removal = self.remove_from_list_with(name, accept_loss, |tx, acting, _| {
            let rolled = roll_over_tx(tx, acting, &old, &new, &accounts, &holders, rows_seen)?;
            let card = issue_card_tx(tx, acting, &new, Some(&old.signing))?;
            audit::append(
                tx,
                acting,
                &Act::new("unit-rollover").detail(format!(
                    // untranslated: the use log's detail, a record
                    "succession {} to card serial {} fingerprint {}; {} account(s) \
                     certified again",
                    rolled.serial,
                    card.serial(),
                    card.fingerprint(),
                    rolled.recertified
                )),
            )?;
            made = Some((card, rolled.recertified));
            Ok(())
        })?;
        let rollover = match made {
            Some((card, recertified)) => {
                self.adopt_anchor(*card.ed25519());
                Some(Rollover {
                    card: card.summary(),
                    recertified,
                    holders: holders.len(),
                })
            }
            None => None,
        };
        Ok(Disabled { removal, rollover })
    }
}
