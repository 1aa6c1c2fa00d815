//! Choosing what a `decision-report` package carries (R23, R24): every casework item owed to
//! the receiving unit, in the order it was queued. Decisions go up (each with its person, so
//! the receiver files it under the same person match as documents), reviews go down.
//!
//! Items owed to police never leave in a unit's package: they go in an `external` package.
//! Taking a decision's assessment out is a logged export under the disclosure rule
//! ([`Session::owed_decision_record`]); the items are marked sent in the transaction that
//! records the package (seal.rs).

use super::{Receiver, Selection};
use crate::casework::chain::Owed;
use crate::identity::{Level, Session};
use crate::transfer::payload::Casework;
use crate::{t, Error, Result};

/// Whether owed item `o` is for the unit whose card is `unit` at `level`.
fn owed_to(o: &Owed, unit: &str, level: Level, my_region: Option<&str>) -> bool {
    match o.to_level.as_str() {
        "ksf" => level == Level::Ksf,
        // A local store names its region; one that does not owes any region it trusts.
        "region" => {
            level == Level::Region
                && (o.to_unit == unit || (o.kind == "decision-report" && my_region.is_none()))
        }
        "local" => level == Level::Local && o.to_unit == unit,
        _ => false,
    }
}

impl Session {
    pub(super) fn select_casework(&mut self, sel: &mut Selection) -> Result<()> {
        let Receiver::Unit(card) = &sel.receiver else {
            return Err(Error::Usage(t!("transfer-casework-to-unit")));
        };
        let (unit, level) = (card.unit().to_owned(), card.level());
        let region = self.meta().region.clone();
        let owed: Vec<Owed> = self
            .casework_owed()?
            .into_iter()
            .filter(|o| owed_to(o, &unit, level, region.as_deref()))
            .collect();
        if owed.is_empty() {
            return Err(Error::Usage(crate::t!(
                "package-no-casework-owed",
                unit = crate::text::escape(&unit)
            )));
        }
        for o in owed {
            let item = if o.kind == "decision-report" {
                let rec = self.owed_decision_record(o.id)?;
                let person = self.decision_row(o.decision_id)?.person_id;
                if !sel.persons.contains(&person) {
                    sel.persons.push(person);
                }
                let c = Casework::Decision {
                    person: [0; 16],
                    record: Box::new(rec),
                };
                (o.id, Some(person), c)
            } else {
                let rec = self.owed_review_record(o.id)?;
                (o.id, None, Casework::Review(Box::new(rec)))
            };
            sel.casework.push(item);
        }
        Ok(())
    }
}
