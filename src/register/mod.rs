//! The register (R1–R4): persons, the links between them, networks, and the list of whom
//! to mark in KOMPIS. Creating a person also creates that person's folder (R10), whose key
//! is wrapped to the unit's officers (DESIGN.md §5).
//!
//! Upkeep (issue 12): finding persons by name or birth date (`search`), a warning when a
//! person seems registered twice, corrections with the old values kept (`history`), units
//! matched to the list's spelling (`units`), members leaving and networks retired
//! (`network_upkeep`), and the co-location warning shown when a change makes it news
//! (`colocation`). Reading the register (`person show`, `person list`, `person find`,
//! `person history`) is logged as a use.
//!
//! What this module must never do: put names or other register values into the use log
//! (acts name person ids and the fields changed), or decide need to know (authz does).

pub mod colocation;
pub mod history;
mod input;
pub mod kompis;
pub mod network;
pub mod network_upkeep;
pub mod person;
pub mod search;
pub mod travel;
pub mod units;

pub use person::{NewPerson, Person, PersonUpdate};
