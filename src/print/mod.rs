//! Printing with markings: a document, the journal, a use-log report, as PDF.
//!
//! Why: officers print documents for meetings and decisions, and an inspection asks for the
//! journal and the use log on paper. A printed page leaves the register's control, so each
//! page carries what the protection instruction asks of it: the grading at the top and the
//! bottom, the journal number, the copy number, "side x av y", and the notices that must
//! travel with the information (not verified; health-confidential). A document's print is a
//! numbered copy logged before its text is laid out (`documents::reader::Use::Print`), for a
//! recipient like an export, so need to know and the disclosure rule apply to paper as to a
//! file; printing a report is logged too.
//!
//! Markings and reports are always in bokmål whatever the screen language: they are the
//! service's records, read by its archivists and inspectors.
//!
//! What this module must never do: release content other than through
//! `Session::open_document` (which logs first), write a file itself (the caller writes the
//! bytes through `store::fsutil::NewFile`, which never overwrites), or fetch anything: the
//! fonts are the PDF standard fonts every reader has.

pub(crate) mod document;
pub mod layout;
pub mod pdf;
mod report;
mod session;
pub mod winansi;

pub use session::{Printed, PRINT_LIMIT};
