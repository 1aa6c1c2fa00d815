//! Networks (R4): registering them and their members. The co-location warning (R3) is in
//! `colocation.rs`; leaving and retiring in `network_upkeep.rs`.

use crate::audit::{self, Act};
use crate::identity::Session;
use crate::text::parse_one;
use crate::time::now_rfc3339;
use crate::{t, Error, Result};
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
    /// Current member person ids.
    pub members: Vec<i64>,
    /// Members who left, by person id (kept for the record).
    pub former_members: Vec<i64>,
    /// When the network was retired (kept for the record, no longer active).
    pub retired_at: Option<String>,
    /// Why it was retired.
    pub retired_reason: Option<String>,
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
        self.require_register_role("register networks")?; // untranslated: act key, act_label shows it
        let kind = parse_one(&t!("network-field-kind"), kind, NETWORK_KINDS)?;
        let name = &crate::text::field(
            &t!("network-field-name"),
            name,
            crate::text::limits::NAME,
            false,
        )?;
        let purpose = &crate::text::field("purpose", purpose, crate::text::limits::LONG, true)?;
        if purpose.chars().count() < 10 {
            return Err(Error::Usage(t!("network-purpose-needed")));
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
            return Err(Error::Usage(t!("network-exists", name = name)));
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
        Ok((id, self.colocation_warnings_of_network(id)?))
    }

    /// Adds members to a network (again, for a member who left). Returns the co-location
    /// warnings that are news.
    pub fn join_network(&mut self, network: i64, members: &[i64]) -> Result<Vec<String>> {
        self.require_register_role("change networks")?; // untranslated: act key, act_label shows it
        self.require_active_network(network)?;
        for m in members {
            self.person(*m)?;
        }
        let before = self.colocations(None, Some(network))?;
        self.write(|tx, acting| {
            for m in members {
                tx.execute(
                    "INSERT INTO network_members (network_id, person_id) VALUES (?1, ?2)
                     ON CONFLICT (network_id, person_id) DO UPDATE SET left_at = NULL",
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
        let after = self.colocations(None, Some(network))?;
        Ok(super::colocation::news_messages(&before, &after))
    }

    /// The co-location warnings of one network as they stand.
    fn colocation_warnings_of_network(&self, network: i64) -> Result<Vec<String>> {
        let c = self.colocations(None, Some(network))?;
        Ok(super::colocation::news_messages(&[], &c))
    }

    /// Networks with their members: the active ones, or with `all` the retired ones too.
    pub fn networks_with(&self, all: bool) -> Result<Vec<Network>> {
        let mut st = self.conn().prepare(
            "SELECT id, name, kind, purpose, retired_at, retired_reason FROM networks
             WHERE ?1 OR retired_at IS NULL ORDER BY id",
        )?;
        let nets = st.query_map([all], network_row)?;
        self.with_members(nets.collect::<std::result::Result<_, _>>()?)
    }

    /// The active networks `person` is a current member of, with their members: found from
    /// the person's memberships, so the cost does not grow with the number of networks.
    pub fn networks_of(&self, person: i64) -> Result<Vec<Network>> {
        let mut st = self.conn().prepare_cached(
            "SELECT n.id, n.name, n.kind, n.purpose, n.retired_at, n.retired_reason
             FROM network_members mine JOIN networks n ON n.id = mine.network_id
             WHERE mine.person_id = ?1 AND mine.left_at IS NULL AND n.retired_at IS NULL
             ORDER BY n.id",
        )?;
        let nets = st.query_map([person], network_row)?;
        self.with_members(nets.collect::<std::result::Result<_, _>>()?)
    }

    fn with_members(&self, mut nets: Vec<Network>) -> Result<Vec<Network>> {
        let mut st = self.conn().prepare_cached(
            "SELECT person_id, left_at IS NOT NULL FROM network_members WHERE network_id = ?1
             ORDER BY person_id",
        )?;
        for n in &mut nets {
            for row in st.query_map([n.id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))? {
                let (p, left) = row?;
                if left {
                    n.former_members.push(p);
                } else {
                    n.members.push(p);
                }
            }
        }
        Ok(nets)
    }

    /// The active networks with their current members.
    pub fn networks(&self) -> Result<Vec<Network>> {
        self.networks_with(false)
    }
}

fn network_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Network> {
    Ok(Network {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        purpose: r.get(3)?,
        members: Vec::new(),
        former_members: Vec::new(),
        retired_at: r.get(4)?,
        retired_reason: r.get(5)?,
    })
}
