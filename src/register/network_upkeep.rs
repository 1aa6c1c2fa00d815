//! Keeping networks current (R4: a network must be part of today's threat picture): members
//! leave, and a network that no longer is one is retired. Both are kept for the record: a
//! member who left keeps the row with the time they left, a retired network keeps its name,
//! purpose and members but is no longer active and warns of nothing.

use crate::audit::{self, Act};
use crate::identity::Session;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
use rusqlite::{params, OptionalExtension};

impl Session {
    /// Refuses a network that does not exist or has been retired.
    pub(crate) fn require_active_network(&self, network: i64) -> Result<()> {
        let retired: Option<Option<String>> = self
            .conn()
            .query_row(
                "SELECT retired_at FROM networks WHERE id = ?1",
                [network],
                |r| r.get(0),
            )
            .optional()?;
        match retired {
            None => Err(Error::NotFound(t!("network-not-found", id = network))),
            Some(Some(at)) => Err(Error::Usage(t!(
                "network-retired-already",
                id = network,
                at = at.as_str()
            ))),
            Some(None) => Ok(()),
        }
    }

    /// Persons leave a network; each must be a current member. The membership stays on
    /// record with the time it ended.
    pub fn leave_network(&mut self, network: i64, persons: &[i64]) -> Result<()> {
        self.require_register_role("change networks")?; // untranslated: act key, act_label shows it
        self.require_active_network(network)?;
        for p in persons {
            let current: Option<i64> = self
                .conn()
                .query_row(
                    "SELECT person_id FROM network_members
                     WHERE network_id = ?1 AND person_id = ?2 AND left_at IS NULL",
                    params![network, p],
                    |r| r.get(0),
                )
                .optional()?;
            if current.is_none() {
                return Err(Error::NotFound(t!(
                    "network-not-member",
                    person = *p,
                    id = network
                )));
            }
        }
        let now = now_rfc3339();
        self.write(|tx, acting| {
            for p in persons {
                tx.execute(
                    "UPDATE network_members SET left_at = ?3
                     WHERE network_id = ?1 AND person_id = ?2 AND left_at IS NULL",
                    params![network, p, now],
                )?;
                audit::append(
                    tx,
                    acting,
                    &Act::new("network-leave")
                        .person(*p)
                        .detail(format!("network {network}")),
                )?;
            }
            Ok(())
        })
    }

    /// Retires a network that is no longer part of today's threat picture: kept for the
    /// record with who, when and why, not shown as active, no co-location warnings.
    pub fn retire_network(&mut self, network: i64, reason: &str) -> Result<()> {
        self.require_register_role("change networks")?; // untranslated: act key, act_label shows it
        self.require_active_network(network)?;
        let reason = crate::text::field("reason", reason, 500, false)?;
        if reason.chars().count() < 3 {
            return Err(Error::Usage(t!("network-retire-reason")));
        }
        let uid = self.user().id;
        self.write(|tx, acting| {
            tx.execute(
                "UPDATE networks SET retired_at = ?2, retired_by = ?3, retired_reason = ?4
                 WHERE id = ?1",
                params![network, now_rfc3339(), uid, reason],
            )?;
            audit::append(
                tx,
                acting,
                &Act::new("network-retire").detail(format!("network {network}")),
            )?;
            Ok(())
        })
    }
}
