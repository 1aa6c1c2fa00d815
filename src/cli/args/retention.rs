//! `retention …`: its own file so args.rs stays within the size the project keeps files to.

use clap::Subcommand;

/// `retention …`.
#[derive(Debug, Subcommand)]
pub enum RetentionCmd {
    /// What will be destroyed within N days, and when (overdue first).
    Due {
        /// How many days ahead.
        #[arg(long, default_value_t = 30, value_name = "N")]
        days: u32,
    },
    /// Destroy what is due now (every unlock does this too; for a timer).
    Sweep,
    /// Keep a person's folder or one document past its ten years (KSF officers with
    /// decision authority).
    Hold {
        /// The person whose whole folder and register entry to keep.
        #[arg(
            long,
            value_name = "ID",
            required_unless_present = "doc",
            conflicts_with = "doc"
        )]
        person: Option<i64>,
        /// The document to keep (every version).
        #[arg(long, value_name = "JNO")]
        doc: Option<String>,
        /// Kept through this day (YYYY-MM-DD), at most ten years ahead.
        #[arg(long, value_name = "DATE")]
        until: String,
        /// Why KSF keeps it.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Lift a hold (KSF officers with decision authority).
    ReleaseHold {
        /// The hold's id (see `retention holds`).
        id: i64,
    },
    /// The holds in force.
    Holds {
        /// Every hold ever placed, lifted and expired ones too.
        #[arg(long)]
        all: bool,
    },
}
