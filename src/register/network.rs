//! Networks (R4) and the co-location warning (R3): two or more members of one network in the
//! same unit is a risk even when none of them is one alone.

use crate::audit::{self, Act};
use crate::identity::Session;
use crate::text::parse_one;
use crate::time::now_rfc3339;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// Kinds of network named by the instruction (§3).
pub const NETWORK_KINDS: &[&str] = &[
    "organised-crime",
    "terrorist",
    "political-extremist",
    "religious-extremist",
    "robbery",
    "mc",
    "enforcers",
    "drugs",
    "gang",
    "other",
];

/// A network as listed.
#[derive(Debug, Serialize)]
pub struct Network {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Purpose beyond friendship (R4).
    pub purpose: String,
    /// Member person ids.
    pub members: Vec<i64>,
}

impl Session {
    /// Adds a network with its members. Returns its id and any co-location warnings.
    pub fn add_network(
        &mut self,
        name: &str,
        kind: &str,
        purpose: &str,
        members: &[i64],
    ) -> Result<(i64, Vec<String>)> {
        self.require_register_role("register networks")?;
        let kind = parse_one("network kind", kind, NETWORK_KINDS)?;
        let name = &crate::text::field("network name", name, crate::text::limits::NAME, false)?;
        let purpose = &crate::text::field("purpose", purpose, crate::text::limits::LONG, true)?;
        if purpose.chars().count() < 10 {
            return Err(Error::Usage(
                "a network needs a purpose beyond friendship that is part of today's threat \
                 picture: describe it"
                    .into(),
            ));
        }
        for m in members {
            self.person(*m)?;
        }
        let exists: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM networks WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(Error::Usage(format!(
                "a network named {name:?} exists already"
            )));
        }
        let uid = self.user().id;
        let id = self.write(|tx, acting| {
            tx.execute(
                "INSERT INTO networks (name, kind, purpose, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, kind, purpose, now_rfc3339(), uid],
            )?;
            let id = tx.last_insert_rowid();
            for m in members {
                tx.execute(
                    "INSERT OR IGNORE INTO network_members (network_id, person_id) VALUES (?1, ?2)",
                    params![id, m],
                )?;
            }
            audit::append(
                tx,
                acting,
                &Act::new("network-add").detail(format!("network {id}")),
            )?;
            Ok(id)
        })?;
        Ok((id, self.colocation_warnings(None)?))
    }

    /// Adds members to a network.
    pub fn join_network(&mut self, network: i64, members: &[i64]) -> Result<Vec<String>> {
        self.require_register_role("change networks")?;
        let found: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM networks WHERE id = ?1", [network], |r| {
                r.get(0)
            })
            .optional()?;
        found.ok_or_else(|| Error::NotFound(format!("no network with id {network}")))?;
        for m in members {
            self.person(*m)?;
        }
        self.write(|tx, acting| {
            for m in members {
                tx.execute(
                    "INSERT OR IGNORE INTO network_members (network_id, person_id) VALUES (?1, ?2)",
                    params![network, m],
                )?;
                audit::append(
                    tx,
                    acting,
                    &Act::new("network-join")
                        .person(*m)
                        .detail(format!("network {network}")),
                )?;
            }
            Ok(())
        })?;
        self.colocation_warnings(None)
    }

    /// All networks with their members.
    pub fn networks(&self) -> Result<Vec<Network>> {
        let mut st = self
            .conn()
            .prepare("SELECT id, name, kind, purpose FROM networks ORDER BY id")?;
        let mut nets: Vec<Network> = st
            .query_map([], |r| {
                Ok(Network {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    purpose: r.get(3)?,
                    members: Vec::new(),
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut st = self.conn().prepare(
            "SELECT person_id FROM network_members WHERE network_id = ?1 ORDER BY person_id",
        )?;
        for n in &mut nets {
            n.members = st
                .query_map([n.id], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
        }
        Ok(nets)
    }

    /// R3 warnings: every unit holding two or more members of one network. With `person`,
    /// only the networks that person belongs to.
    pub fn colocation_warnings(&self, person: Option<i64>) -> Result<Vec<String>> {
        let mut st = self.conn().prepare(
            "SELECT n.name, n.kind, p.unit, group_concat(p.id, ', '), count(*)
             FROM network_members m
             JOIN networks n ON n.id = m.network_id
             JOIN persons p ON p.id = m.person_id
             WHERE p.unit IS NOT NULL AND p.kind IN ('inmate', 'remand')
               AND (p.release_at IS NULL
                    OR p.release_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
               AND (?1 IS NULL OR m.network_id IN
                    (SELECT network_id FROM network_members WHERE person_id = ?1))
             GROUP BY m.network_id, p.unit HAVING count(*) >= 2
             ORDER BY n.name, p.unit",
        )?;
        let rows = st.query_map([person], |r| {
            let (name, kind, unit, ids, n): (String, String, String, String, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(format!(
                "warning (R3): {n} members of network {name:?} ({kind}) are placed in {unit} \
                 (persons {ids})"
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
