//! The command line (DESIGN.md §8), parsed by clap. No business rules here.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// INFOFLYT: the encrypted register of the correctional service's special-risk inmates.
///
/// Every command except `init` and `quickstart` unlocks the store as a personal user: the
/// passphrase is asked for on the terminal (no echo) or read as one line from
/// --passphrase-fd N. It is never taken from arguments or the environment.
#[derive(Debug, Parser)]
#[command(name = "infoflyt", version, max_term_width = 100)]
pub struct Cli {
    /// The store directory.
    #[arg(long, global = true, env = "INFOFLYT_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Your personal user name.
    #[arg(long, global = true, env = "INFOFLYT_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Read your passphrase as one line from file descriptor N instead of the terminal.
    #[arg(long, global = true, value_name = "N")]
    pub passphrase_fd: Option<i32>,
    /// Print one JSON document on stdout (messages for people still go to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new store for one unit, with its keys and first admin.
    Init(InitArgs),
    /// Build a demo store with sample users, persons and documents, and show what to try.
    Quickstart(QuickstartArgs),
    /// Accounts on the unit's authorisation list.
    #[command(subcommand)]
    User(UserCmd),
    /// Check the integrity of the whole store.
    Verify,
}

/// `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Level of the unit.
    #[arg(long, value_parser = ["ksf", "region", "local"])]
    pub level: String,
    /// Name of the unit (prison, probation office, region or KSF).
    #[arg(long)]
    pub unit: String,
    /// The region a local unit belongs to.
    #[arg(long)]
    pub region: Option<String>,
    /// User name of the first admin; the passphrase comes from --passphrase-fd or the terminal.
    #[arg(long)]
    pub admin: String,
    /// Target unlock time in milliseconds for Argon2id calibration (memory is always at
    /// least 64 MiB).
    #[arg(long, default_value_t = 500, value_name = "MS")]
    pub kdf_ms: u64,
}

/// `quickstart`.
#[derive(Debug, Args)]
pub struct QuickstartArgs {
    /// Where to build the demo store.
    #[arg(default_value = "infoflyt-demo")]
    pub dir: PathBuf,
}

/// `user …`.
#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Add an account (admins only). Its passphrase is asked twice, or read from
    /// --new-passphrase-fd.
    Add {
        /// User name.
        name: String,
        /// Role.
        #[arg(long, value_parser = ["admin", "officer", "clerical"])]
        role: String,
        /// Clearance.
        #[arg(long, value_parser = ["fortrolig", "strengt-fortrolig"])]
        clearance: String,
        /// Contact order (1 is called first); default: last.
        #[arg(long, value_name = "N")]
        order: Option<i64>,
        /// Has decision authority in prisoner cases (R21).
        #[arg(long)]
        decision_authority: bool,
        /// Read the new account's passphrase from file descriptor N.
        #[arg(long, value_name = "N")]
        new_passphrase_fd: Option<i32>,
    },
    /// The authorisation list, in contact order.
    List,
    /// Disable an account: its keyslot is destroyed (admins only).
    Disable {
        /// User name.
        name: String,
    },
    /// Change your own passphrase.
    Passwd {
        /// Read the new passphrase from file descriptor N.
        #[arg(long, value_name = "N")]
        new_passphrase_fd: Option<i32>,
    },
}
