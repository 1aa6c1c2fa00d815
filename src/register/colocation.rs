//! The co-location warning (R3): two or more current members of one active network placed in
//! the same unit are a risk even when none of them is one alone.
//!
//! A warning is worth reading when it is news: a change that places a member with others of
//! the network gets it (the acting officer must know); `person show` and `network list` show
//! the standing co-locations as part of what they list, not as a warning on every command.

use crate::identity::Session;
use crate::{t, Result};
use serde::Serialize;

/// Members of one network placed in one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Colocation {
    /// The network's id.
    pub network_id: i64,
    /// Its name.
    pub network: String,
    /// Its kind.
    pub kind: String,
    /// The unit.
    pub unit: String,
    /// The members placed there, by id.
    pub persons: Vec<i64>,
}

impl Colocation {
    /// What it is, in the reader's language: for lists of what stands now.
    pub fn describe(&self) -> String {
        t!(
            "colocation",
            count = self.persons.len(),
            network = self.network.as_str(),
            kind = self.kind.as_str(),
            unit = self.unit.as_str(),
            persons = self
                .persons
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    /// The warning, in the reader's language: for a change that makes it news.
    pub fn message(&self) -> String {
        t!("colocation-warning", colocation = self.describe())
    }
}

/// The co-locations in `after` that are news against `before`: a network placed in a unit
/// where it was not, or a member placed where others of the network already were.
pub fn news(before: &[Colocation], after: &[Colocation]) -> Vec<Colocation> {
    after
        .iter()
        .filter(|a| {
            !before.iter().any(|b| {
                b.network_id == a.network_id
                    && b.unit == a.unit
                    && a.persons.iter().all(|p| b.persons.contains(p))
            })
        })
        .cloned()
        .collect()
}

/// The messages of `news(before, after)`.
pub fn news_messages(before: &[Colocation], after: &[Colocation]) -> Vec<String> {
    news(before, after)
        .iter()
        .map(Colocation::message)
        .collect()
}

impl Session {
    /// Co-locations of active networks among inmates (sentenced or on remand) not released:
    /// all of them, or those of the networks `person` belongs to, or those of `network`.
    pub fn colocations(
        &self,
        person: Option<i64>,
        network: Option<i64>,
    ) -> Result<Vec<Colocation>> {
        const LIVE: &str = "m.left_at IS NULL AND n.retired_at IS NULL
               AND p.unit IS NOT NULL AND p.kind IN ('inmate', 'remand')
               AND (p.release_at IS NULL
                    OR p.release_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
        const GROUPS: &str = "GROUP BY m.network_id, p.unit HAVING count(*) >= 2
             ORDER BY n.name, p.unit";
        // A person's own: found from their memberships (`person show` runs this; the
        // general form below would read every membership of every network).
        let sql = match (person, network) {
            (Some(_), None) => format!(
                "SELECT n.id, n.name, n.kind, p.unit, group_concat(p.id)
                 FROM network_members mine
                 JOIN network_members m ON m.network_id = mine.network_id
                 JOIN networks n ON n.id = m.network_id
                 JOIN persons p ON p.id = m.person_id
                 WHERE mine.person_id = ?1 AND mine.left_at IS NULL AND ?2 IS NULL AND {LIVE}
                 {GROUPS}"
            ),
            _ => format!(
                "SELECT n.id, n.name, n.kind, p.unit, group_concat(p.id)
                 FROM network_members m
                 JOIN networks n ON n.id = m.network_id
                 JOIN persons p ON p.id = m.person_id
                 WHERE {LIVE}
                   AND (?1 IS NULL OR m.network_id IN
                        (SELECT network_id FROM network_members
                         WHERE person_id = ?1 AND left_at IS NULL))
                   AND (?2 IS NULL OR m.network_id = ?2)
                 {GROUPS}"
            ),
        };
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params![person, network], |r| {
            let ids: String = r.get(4)?;
            let mut persons: Vec<i64> = ids.split(',').filter_map(|s| s.parse().ok()).collect();
            persons.sort_unstable();
            Ok(Colocation {
                network_id: r.get(0)?,
                network: r.get(1)?,
                kind: r.get(2)?,
                unit: r.get(3)?,
                persons,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The co-location warnings standing now (all, or of the networks `person` belongs to).
    pub fn colocation_warnings(&self, person: Option<i64>) -> Result<Vec<String>> {
        Ok(self
            .colocations(person, None)?
            .iter()
            .map(Colocation::message)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(net: i64, unit: &str, persons: &[i64]) -> Colocation {
        Colocation {
            network_id: net,
            network: "N".into(),
            kind: "mc".into(),
            unit: unit.into(),
            persons: persons.to_vec(),
        }
    }

    #[test]
    fn only_new_placements_are_news() {
        let before = [c(1, "Ila", &[1, 2])];
        assert!(news(&before, &before).is_empty());
        assert!(news(&before, &[]).is_empty());
        assert_eq!(news(&before, &[c(1, "Ila", &[1, 2, 3])]).len(), 1);
        assert_eq!(news(&before, &[c(1, "Bergen", &[1, 2])]).len(), 1);
        assert_eq!(news(&before, &[c(2, "Ila", &[1, 2])]).len(), 1);
        assert!(news(&[c(1, "Ila", &[1, 2, 3])], &[c(1, "Ila", &[1, 2])]).is_empty());
    }
}
