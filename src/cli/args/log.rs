//! `journal …` and `log …`: their own file so args.rs stays within the size the project keeps
//! files to.

use crate::authz::Grading;
use clap::Subcommand;
use std::path::PathBuf;

/// `journal …`.
#[derive(Debug, Subcommand)]
pub enum JournalCmd {
    /// The unit's journal.
    List {
        /// Only this grading.
        #[arg(long, value_parser = Grading::parser())]
        grading: Option<Grading>,
        /// Only the newest N rows (still oldest first).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Print one year's journal to a PDF for an inspection (logged). Never overwrites.
    Print {
        /// The year.
        #[arg(long)]
        year: i32,
        /// Output PDF; must not exist.
        #[arg(long)]
        out: PathBuf,
    },
}

/// `log …`.
#[derive(Debug, Subcommand)]
pub enum LogCmd {
    /// Entries, oldest first.
    List {
        /// Only this user.
        #[arg(long)]
        user: Option<String>,
        /// Only this document.
        #[arg(long)]
        doc: Option<String>,
        /// Only the newest N.
        #[arg(long)]
        last: Option<i64>,
    },
    /// Who used a document, or what a user used.
    Report {
        /// What this user used.
        #[arg(long)]
        user: Option<String>,
        /// Who used this document.
        #[arg(long)]
        doc: Option<String>,
        /// Print the report, with every entry, to this PDF for an inspection (logged).
        #[arg(long, value_name = "F.pdf")]
        pdf: Option<PathBuf>,
    },
    /// Check the chain and every signature (exit 5 and the first bad entry if broken).
    Verify {
        /// Check only the chain (sequence, links, hashes, signers), not the signatures: a
        /// quick check. A full check is still needed to trust the log.
        #[arg(long)]
        no_signatures: bool,
        /// Also check that the log still holds each checkpoint in this file (one another
        /// unit kept, or one written with `log checkpoint`).
        #[arg(long, value_name = "F")]
        checkpoint: Option<PathBuf>,
    },
    /// Write a log checkpoint: this store's (signed with the unit key), or the newest one
    /// received from another unit (to take back to it).
    Checkpoint {
        /// The file to write (never overwritten).
        #[arg(long, value_name = "F")]
        out: PathBuf,
        /// The checkpoints received from this unit, instead of this store's own.
        #[arg(long, value_name = "UNIT")]
        of: Option<String>,
    },
}
