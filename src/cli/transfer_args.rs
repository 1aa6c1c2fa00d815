//! The command line of transfer packages, trust between units and the registers of the
//! chain of command (DESIGN.md §8), parsed by clap. No business rules here.

use crate::transfer::payload::{Basis, Kind};
use clap::{Args, Subcommand};
use std::path::PathBuf;

fn basis(s: &str) -> crate::Result<Basis> {
    Basis::parse(s)
}

/// Whether a numbered copy or print (`doc export`, `doc print`) is a disclosure.
#[derive(Debug, Args)]
pub struct CopyFor {
    /// The legal basis of a copy for police (required then): fvl-13b-5, fvl-13b-6 or
    /// other:TEXT. A copy given on a basis enters the disclosure register.
    #[arg(long, value_parser = basis, value_name = "BASIS")]
    pub basis: Option<Basis>,
    /// The recipient is not police: needed for a recipient this program knows neither as
    /// police nor as the correctional service (recorded in the use log with the copy).
    #[arg(long, conflicts_with = "basis")]
    pub not_police: bool,
}

/// `unit …`.
#[derive(Debug, Subcommand)]
pub enum UnitCmd {
    /// This unit's public card: its keys, and a fingerprint to read aloud over the phone.
    Card {
        /// Write the card to this file (it is never overwritten) instead of printing it.
        #[arg(long, value_name = "F")]
        out: Option<PathBuf>,
        /// Also write the unit's minisign public key file, for `minisign -V -p F` (police).
        #[arg(long, value_name = "F")]
        minisign_pub: Option<PathBuf>,
    },
    /// Trust another unit's card, once its fingerprint matches what the unit reads out
    /// (admins only; signed, logged and queued for KSF).
    Trust {
        /// The other unit's card file.
        card: PathBuf,
        /// The fingerprint the other unit read out over the phone.
        #[arg(long, value_name = "FP")]
        fingerprint: String,
    },
    /// Name an external recipient's age key, such as Kripos's or PST's (admins only).
    TrustExternal {
        /// The recipient's name (used as `--recipient NAME`).
        name: String,
        /// Its age public key, `age1…`.
        #[arg(long, value_name = "age1…")]
        recipient: String,
    },
    /// This unit's card, the units it trusts and the external recipients it knows.
    List,
}

/// `package …`.
#[derive(Debug, Subcommand)]
pub enum PackageCmd {
    /// Make a signed, encrypted package for another unit or an external recipient.
    Export(ExportArgs),
    /// Import a package: verified whole before anything is written; answers with a receipt.
    Import {
        /// The package file (its `.minisig`, and any `.card`, beside it).
        file: PathBuf,
        /// Where to write the receipt (a file or a directory; default: beside the package).
        #[arg(long, value_name = "F")]
        receipt_out: Option<PathBuf>,
    },
    /// Show what a package holds, after every check import makes, without importing it
    /// (logged).
    Inspect {
        /// The package file.
        file: PathBuf,
    },
    /// What this unit owes up the chain, decisions and reviews owed, list changes not yet
    /// sent, and receipts awaited.
    Pending,
    /// Write the receipt of an imported package again (it was lost, or the program stopped
    /// before it was written), under its own id.
    Receipt {
        /// The receipt's package id, as `package import` printed it (or `log list` shows).
        id: String,
        /// A file or directory to write it to.
        #[arg(long, value_name = "F|DIR")]
        out: PathBuf,
    },
}

/// `package export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// copy-up, processed-down, transfer, authlist, decision-report, external or checkpoint.
    #[arg(long, value_parser = Kind::parser())]
    pub kind: Kind,
    /// The receiving unit (as on its trusted card).
    #[arg(long, value_name = "UNIT")]
    pub to: Option<String>,
    /// For `external`: the recipient's age key `age1…`, or a name from `unit
    /// trust-external`.
    #[arg(long, value_name = "age1…|NAME")]
    pub recipient: Option<String>,
    /// The person (transfer, external; processed-down: all of their documents).
    #[arg(long, value_name = "ID")]
    pub person: Option<i64>,
    /// Documents (processed-down, external): journal numbers, `JNO` or `JNO@V`.
    #[arg(long, value_delimiter = ',', value_name = "JNO,…")]
    pub doc: Vec<String>,
    /// For `external`: the legal basis, fvl-13b-5, fvl-13b-6 or other:TEXT.
    #[arg(long, value_parser = basis, value_name = "BASIS")]
    pub basis: Option<Basis>,
    /// The package file, or a directory to write `<unit>-<date>-<number>.ifp` into.
    #[arg(long, value_name = "F|DIR")]
    pub out: PathBuf,
}

/// `consult …`.
#[derive(Debug, Subcommand)]
pub enum ConsultCmd {
    /// Record a prior oral consultation about a person with another unit (needed before a
    /// transfer).
    Record {
        /// The person.
        #[arg(long, value_name = "ID")]
        person: i64,
        /// The unit consulted (as on its card).
        #[arg(long, value_name = "UNIT")]
        unit: String,
        /// Whom you spoke with.
        #[arg(long, value_name = "NAME")]
        with: String,
        /// When: YYYY-MM-DD, "YYYY-MM-DD HH:MM" (UTC) or RFC 3339.
        #[arg(long, value_name = "TIME")]
        at: String,
        /// What was agreed.
        #[arg(long)]
        note: Option<String>,
    },
    /// Recorded consultations, newest first.
    List {
        /// Only about this person.
        #[arg(long, value_name = "ID")]
        person: Option<i64>,
    },
}

/// `disclosure …`.
#[derive(Debug, Subcommand)]
pub enum DisclosureCmd {
    /// The disclosure register: written and oral disclosures, and decisions not to disclose.
    List {
        /// Only about this person.
        #[arg(long, value_name = "ID")]
        person: Option<i64>,
    },
    /// Record an oral disclosure (--oral) or a decision not to disclose (--withheld).
    Record(DisclosureArgs),
}

/// `disclosure record`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what_kind").required(true).args(["oral", "withheld"])))]
pub struct DisclosureArgs {
    /// An oral disclosure, written down afterwards.
    #[arg(long)]
    pub oral: bool,
    /// A decision not to disclose.
    #[arg(long)]
    pub withheld: bool,
    /// The person.
    #[arg(long, value_name = "ID")]
    pub person: i64,
    /// Who received it (or who asked).
    #[arg(long, value_name = "NAME")]
    pub recipient: String,
    /// The legal basis of a disclosure: fvl-13b-5, fvl-13b-6 or other:TEXT.
    #[arg(long, value_parser = basis, value_name = "BASIS")]
    pub basis: Option<Basis>,
    /// Documents concerned.
    #[arg(long, value_delimiter = ',', value_name = "JNO,…")]
    pub doc: Vec<String>,
    /// What was said, or why not.
    #[arg(long, value_name = "TEXT")]
    pub what: String,
    /// When (default: now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}
