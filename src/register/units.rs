//! Units chosen from a list: a person's unit is matched, without regard to case or accents,
//! to a spelling already in the register (or the store's own unit), so "ila", "ILA" and "Ila"
//! are one unit and the co-location warning (R3) is not defeated by a spelling. A name close
//! to a known unit but not the same is taken for a typing error and refused unless the
//! officer says it is a new unit.

use super::search::distance;
use crate::identity::Session;
use crate::text::fold;
use crate::{t, Error, Result};

/// A unit name as resolved against the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The spelling to store.
    pub name: String,
    /// A note for the person (a spelling taken as a known one, or a unit new to the list).
    pub note: Option<String>,
}

/// Collapses runs of white space to one space.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two folded names are close enough to be one misspelt as the other.
fn near(a: &str, b: &str) -> bool {
    let limit = if a.chars().count().min(b.chars().count()) <= 5 {
        1
    } else {
        2
    };
    distance(a, b, limit).is_some()
}

impl Session {
    /// The units of the list: every unit named in the register and the store's own, sorted.
    pub fn units(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn()
            .prepare("SELECT DISTINCT unit FROM persons WHERE unit IS NOT NULL AND unit <> ''")?;
        let mut v: Vec<String> = st
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        if !v
            .iter()
            .any(|u| u.to_lowercase() == self.meta().unit.to_lowercase())
        {
            v.push(self.meta().unit.clone());
        }
        v.sort_by_key(|u| (fold(u), u.clone()));
        v.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
        Ok(v)
    }

    /// Resolves `input` against the list: a known unit in any case or accent spelling gives
    /// its known spelling; a name near a known one is refused unless `new_unit`; any other
    /// name is a new unit, accepted with a note.
    pub fn resolve_unit(&self, input: &str, new_unit: bool) -> Result<Resolved> {
        let given = tidy(input);
        let units = self.units()?;
        if let Some(u) = units
            .iter()
            .find(|u| u.to_lowercase() == given.to_lowercase())
        {
            return Ok(Resolved {
                name: u.clone(),
                note: None,
            });
        }
        let key = fold(&given);
        if let Some(u) = units.iter().find(|u| fold(u) == key) {
            return Ok(Resolved {
                name: u.clone(),
                note: Some(t!(
                    "unit-taken-as",
                    given = given.as_str(),
                    unit = u.as_str()
                )),
            });
        }
        if new_unit {
            return Ok(Resolved {
                name: given,
                note: None,
            });
        }
        let close: Vec<&String> = units.iter().filter(|u| near(&fold(u), &key)).collect();
        if !close.is_empty() {
            return Err(Error::Usage(t!(
                "unit-near-miss",
                given = given.as_str(),
                close = close
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        Ok(Resolved {
            note: Some(t!("unit-new", unit = given.as_str())),
            name: given,
        })
    }

    /// The known spelling of `input` if the list has it, else `input` as given: for filters.
    pub(crate) fn known_unit(&self, input: &str) -> Result<String> {
        let given = tidy(input);
        let key = fold(&given);
        Ok(self
            .units()?
            .into_iter()
            .find(|u| u.to_lowercase() == given.to_lowercase() || fold(u) == key)
            .unwrap_or(given))
    }
}

#[cfg(test)]
mod tests {
    use super::near;

    #[test]
    fn short_names_allow_one_slip_and_longer_ones_two() {
        assert!(near("ila", "ilaa"));
        assert!(!near("ila", "oslo"));
        assert!(near("ringerike", "ringeriek"));
        assert!(!near("bergen", "bredtveit"));
    }
}
