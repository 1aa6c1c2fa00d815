//! The register (R1–R4): persons, the links between them, networks, and the list of whom
//! to mark in KOMPIS. Creating a person also creates that person's folder (R10), whose key
//! is wrapped to the unit's officers (DESIGN.md §5).

pub mod kompis;
pub mod network;
pub mod person;

pub use person::{NewPerson, Person, PersonUpdate};
