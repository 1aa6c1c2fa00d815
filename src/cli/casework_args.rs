//! The casework commands' arguments (DESIGN.md §8): `decision`, `access`, `registration`,
//! `report`. Kept apart from args.rs so that file stays one screenful per concept.

use crate::casework::access::Requester;
use crate::casework::{date_parser, past_date_parser, Measure, Reliability};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// What a decision says and rests on.
#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// The person the decision is about (for `supersede`, default: the earlier decision's).
    #[arg(long)]
    pub person: Option<i64>,
    /// high-security, transfer, visit-ban, visit-control, letter-control, phone-control,
    /// single-cell, move-others, or other:TEXT.
    #[arg(long, value_parser = Measure::parser())]
    pub measure: Measure,
    /// The documents the decision rests on (journal numbers in the person's folder).
    #[arg(long, value_delimiter = ',', value_name = "JNO,…", required = true)]
    pub basis: Vec<String>,
    /// Your own assessment of the information (visible to other local users while the command
    /// runs: prefer --assessment-file).
    #[arg(long, conflicts_with = "assessment_file")]
    pub assessment: Option<String>,
    /// Read your assessment from a file; `-` reads standard input (after the passphrase line
    /// when --passphrase-fd 0).
    #[arg(long, value_name = "F|-")]
    pub assessment_file: Option<PathBuf>,
    /// How reliable you judge the basis: verified, unverified or mixed.
    #[arg(long, value_parser = Reliability::parser())]
    pub reliability: Reliability,
    /// Whether police were asked to elaborate on their information.
    #[arg(long, value_parser = ["yes", "no"])]
    pub asked_police: String,
}

/// `decision …`.
#[derive(Debug, Subcommand)]
pub enum DecisionCmd {
    /// Take a decision on the information (officers with decision authority); prints its id
    /// (`--json`: {"id": …}).
    Add(DecisionArgs),
    /// Take a new decision that supersedes an earlier one of this unit (never changed in
    /// place).
    Supersede {
        /// The decision superseded.
        id: i64,
        #[command(flatten)]
        args: DecisionArgs,
    },
    /// Decisions with their standing.
    List {
        /// Only about this person.
        #[arg(long)]
        person: Option<i64>,
    },
    /// One decision with its assessment (a logged use) and its signatures checked.
    Show {
        /// Decision id.
        id: i64,
        /// Why you read it (recorded in the log).
        #[arg(long)]
        purpose: Option<String>,
    },
    /// Uphold a decision of the level below (a region: a local unit's; KSF: a region's).
    Uphold {
        /// Decision id (as received here).
        id: i64,
        /// Why (optional).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Overturn a decision of the level below, with the reason.
    Overturn {
        /// Decision id (as received here).
        id: i64,
        /// Why it is overturned.
        #[arg(long)]
        reason: String,
    },
    /// What this store owes other units: decisions to report up, reviews to send down.
    Pending,
}

/// The decision on an access request: exactly one.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct AccessOutcomeArgs {
    /// Grant access.
    #[arg(long)]
    pub grant: bool,
    /// Refuse access.
    #[arg(long)]
    pub refuse: bool,
    /// A court's demand, handled by the court's own process.
    #[arg(long)]
    pub court_process: bool,
}

/// `access …`.
#[derive(Debug, Subcommand)]
pub enum AccessCmd {
    /// Register a request for access; prints its id (`--json`: {"id": …}).
    Request {
        /// The person whose information is asked for.
        #[arg(long)]
        person: i64,
        /// Who asks.
        #[arg(long, value_parser = Requester::parser())]
        from: Requester,
        /// When the request was received (YYYY-MM-DD).
        #[arg(long, value_parser = past_date_parser("received date"))]
        received: NaiveDate,
        /// The documents asked for.
        #[arg(long, value_delimiter = ',', value_name = "JNO,…")]
        docs: Vec<String>,
        /// The requester's name.
        #[arg(long)]
        name: Option<String>,
    },
    /// Decide a request, with its legal ground (see `access grounds`).
    Decide {
        /// Request id.
        id: i64,
        #[command(flatten)]
        outcome: AccessOutcomeArgs,
        /// The ground (a token from `access grounds --from …`).
        #[arg(long)]
        ground: String,
    },
    /// The grounds that fit a request from this requester.
    Grounds {
        /// Who asks.
        #[arg(long, value_parser = Requester::parser())]
        from: Requester,
    },
    /// Open requests with their age in days.
    List {
        /// Decided requests too.
        #[arg(long)]
        all: bool,
    },
}

/// Taken into the central register or not: exactly one.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct RegistrationOutcomeArgs {
    /// Taken into the central register.
    #[arg(long)]
    pub take: bool,
    /// Not taken into the central register.
    #[arg(long)]
    pub refuse: bool,
}

/// `registration …` (KSF only).
#[derive(Debug, Subcommand)]
pub enum RegistrationCmd {
    /// Record whether a person, or one piece of information, is taken into the central
    /// register, and why.
    Record {
        /// The person.
        #[arg(long)]
        person: i64,
        /// The piece of information (a document in the person's folder), if not the person.
        #[arg(long, value_name = "JNO")]
        doc: Option<String>,
        #[command(flatten)]
        outcome: RegistrationOutcomeArgs,
        /// Why: the nature and seriousness of the information.
        #[arg(long)]
        reason: String,
    },
    /// Registration decisions, refusals included.
    List {
        /// Only about this person.
        #[arg(long)]
        person: Option<i64>,
    },
}

/// `report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Decisions of a period with their assessments' references, the age and reliability of
    /// what they rested on, and their standing.
    Decisions {
        /// First day (YYYY-MM-DD).
        #[arg(long, value_parser = date_parser("first day"))]
        from: NaiveDate,
        /// Last day (YYYY-MM-DD).
        #[arg(long, value_parser = date_parser("last day"))]
        to: NaiveDate,
    },
}
