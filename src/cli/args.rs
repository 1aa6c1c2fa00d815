//! The command line (DESIGN.md §8), parsed by clap. No business rules here.

use crate::authz::Grading;
use crate::documents::Source;
use crate::identity::{Clearance, Level, Role};
use crate::register::network::NETWORK_KINDS;
use crate::register::person::{AFFILIATIONS, KINDS, LINKS, RISKS};
use crate::vocab::{one_of, set_of};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub use super::args_tools::{CompletionsArgs, ManArgs, ShellArgs};
mod log;
mod retention;
pub use log::{JournalCmd, LogCmd};
pub use retention::RetentionCmd;

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
    /// Your personal user name (give it before the command: `log list --user` filters).
    #[arg(long, env = "INFOFLYT_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Read your passphrase as one line from file descriptor N instead of the terminal.
    #[arg(long, global = true, value_name = "N")]
    pub passphrase_fd: Option<i32>,
    /// Print one JSON document on stdout (messages for people still go to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages and help: nb (bokmål) or en; by default bokmål when LC_ALL,
    /// LC_MESSAGES or LANG names a Norwegian locale, else English.
    #[arg(long, global = true, value_parser = ["nb", "en"], value_name = "LANG")]
    pub lang: Option<String>,
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
    /// Persons in the register.
    #[command(subcommand)]
    Person(PersonCmd),
    /// Networks and their members.
    #[command(subcommand)]
    Network(NetworkCmd),
    /// Graded documents in the persons' folders.
    #[command(subcommand)]
    Doc(DocCmd),
    /// The unit's journal.
    #[command(subcommand)]
    Journal(JournalCmd),
    /// The use log.
    #[command(subcommand)]
    Log(LogCmd),
    /// The unit's authorisation list as data, and changes queued for KSF.
    #[command(subcommand)]
    Auth(AuthCmd),
    /// A folder's need-to-know list: who holds its key.
    #[command(subcommand)]
    Folder(FolderCmd),
    /// Settings of the whole store (admins change them).
    #[command(subcommand)]
    Store(StoreCmd),
    /// This unit's card, and the units and external recipients it trusts.
    #[command(subcommand)]
    Unit(super::transfer_args::UnitCmd),
    /// Transfer packages between units, and to police.
    #[command(subcommand)]
    Package(super::transfer_args::PackageCmd),
    /// Prior consultations with other units (needed before a transfer).
    #[command(subcommand)]
    Consult(super::transfer_args::ConsultCmd),
    /// The disclosure register.
    #[command(subcommand)]
    Disclosure(super::transfer_args::DisclosureCmd),
    /// Unlock once and take commands at a prompt; locks itself when left idle.
    Shell(ShellArgs),
    /// Write the manual page (roff) to standard output or into a directory.
    Man(ManArgs),
    /// Write shell completions for bash, zsh, fish, elvish or PowerShell to standard output.
    Completions(CompletionsArgs),
    /// Destruction at release and after ten years: what is due, the sweep, KSF's holds.
    #[command(subcommand)]
    Retention(RetentionCmd),
    /// Decisions on the information, and their review by the level above.
    #[command(subcommand)]
    Decision(super::casework_args::DecisionCmd),
    /// Requests for access, and their decisions with grounds.
    #[command(subcommand)]
    Access(super::casework_args::AccessCmd),
    /// KSF: whether a person or information is taken into the central register.
    #[command(subcommand)]
    Registration(super::casework_args::RegistrationCmd),
    /// Reports for oversight.
    #[command(subcommand)]
    Report(super::casework_args::ReportCmd),
}

/// `store …`.
#[derive(Debug, Subcommand)]
pub enum StoreCmd {
    /// The store's identity and settings.
    Show,
    /// Change a setting (admins only; signed into the use log).
    Set {
        /// max-document-mib (largest document, MiB) or shell-idle-seconds (shell's lock).
        #[arg(value_parser = ["max-document-mib", "shell-idle-seconds"])]
        name: String,
        /// Its new value.
        value: u64,
    },
}

/// `auth …`.
#[derive(Debug, Subcommand)]
pub enum AuthCmd {
    /// The list with counts, size-rule warnings and recorded agreements.
    List,
    /// Signed list changes queued for KSF as `authlist` packages.
    Pending,
}

/// `folder …`.
#[derive(Debug, Subcommand)]
pub enum FolderCmd {
    /// Narrow a person's folder to named officers (its key is rotated).
    Restrict {
        /// Person id.
        person: i64,
        /// Officers who keep access.
        #[arg(long, value_delimiter = ',', value_name = "NAME,…", required = true)]
        to: Vec<String>,
    },
    /// Undo `folder restrict`: every officer on the unit's list reads the folder again.
    Widen {
        /// Person id.
        person: i64,
    },
    /// Who holds the folder's key, and who is still owed it.
    Show {
        /// Person id.
        person: i64,
    },
    /// Put a folder's list back to what its makers signed, if it was changed behind the
    /// program's back (logged).
    Repair {
        /// Person id.
        person: i64,
    },
}

/// A person's details, as `person add` sets them and `person update` replaces them.
#[derive(Debug, Args)]
pub struct PersonDetails {
    /// Current unit (`person update --unit ""` clears it).
    #[arg(long)]
    pub unit: Option<String>,
    /// Risk categories: escape, outside-attack, hostage-taking, serious-crime, protection.
    #[arg(long, value_name = "R,…", value_parser = set_of("risk", RISKS))]
    pub risk: Option<String>,
    /// Affiliations: organised-crime, terrorist, political-extremist, religious-extremist.
    #[arg(long, value_name = "A,…", value_parser = set_of("affiliation", AFFILIATIONS))]
    pub affiliation: Option<String>,
    /// Type of offence.
    #[arg(long)]
    pub offence: Option<String>,
    /// Sentence length.
    #[arg(long)]
    pub sentence: Option<String>,
    /// Earlier conduct in prison.
    #[arg(long)]
    pub conduct: Option<String>,
    /// The unit is new to the list: take --unit as given even when it is close to a known
    /// unit (see `person units`).
    #[arg(long)]
    pub new_unit: bool,
}

/// `person …`.
#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Register a person; prints the id (`--json`: {"id": …}).
    Add {
        /// Full name.
        #[arg(long)]
        name: String,
        /// inmate (sentenced), remand, or associate (visitor, contact, network member).
        #[arg(long, value_parser = one_of("kind", KINDS))]
        kind: String,
        /// Date of birth, YYYY-MM-DD.
        #[arg(long)]
        born: Option<String>,
        #[command(flatten)]
        details: PersonDetails,
    },
    /// List persons.
    List {
        /// Only this unit.
        #[arg(long)]
        unit: Option<String>,
        /// Only this kind.
        #[arg(long, value_parser = one_of("kind", KINDS))]
        kind: Option<String>,
    },
    /// Show one person with links, networks and documents.
    Show {
        /// Person id.
        id: i64,
    },
    /// Change a person's details; only the options given change.
    Update {
        /// Person id.
        id: i64,
        /// Kind.
        #[arg(long, value_parser = one_of("kind", KINDS))]
        kind: Option<String>,
        #[command(flatten)]
        details: PersonDetails,
    },
    /// Link a person to another: ID is a visitor / phone contact / correspondent of OTHER.
    Link {
        /// Person id.
        id: i64,
        /// The other person's id.
        #[arg(long)]
        to: i64,
        /// Kind of link.
        #[arg(long = "as", value_parser = one_of("link", LINKS))]
        kind: String,
    },
    /// Register, correct or withdraw the release time. At local and regional stores the
    /// folder and register entry are destroyed when it takes effect: at that time, but never
    /// sooner than an hour after it was registered, and until then it can be corrected.
    Release {
        /// Person id.
        id: i64,
        /// When: YYYY-MM-DD (midnight UTC) or RFC 3339; a new time corrects the old one.
        #[arg(
            long,
            value_name = "TIME",
            required_unless_present = "withdraw",
            conflicts_with = "withdraw"
        )]
        at: Option<String>,
        /// Withdraw the registered release.
        #[arg(long)]
        withdraw: bool,
    },
    /// Whom to mark and unmark in KOMPIS since the last acknowledgement.
    KompisMarks {
        /// Record that the list has been carried out in KOMPIS.
        #[arg(long)]
        ack: bool,
    },
    /// Find persons by name (any case, with or without æ, ø, å and accents) or birth date
    /// (YYYY-MM-DD, DD.MM.YYYY or a year); logged.
    Find {
        /// Words of the name (each matches the start of a word), a birth date or a year.
        text: String,
    },
    /// Correct a wrong name or birth date; the old values stay in the person's history.
    #[command(group(clap::ArgGroup::new("correction").args(["name", "born"]).required(true).multiple(true)))]
    Correct {
        /// Person id.
        id: i64,
        /// The right name.
        #[arg(long)]
        name: Option<String>,
        /// The right date of birth, YYYY-MM-DD ("" clears it).
        #[arg(long)]
        born: Option<String>,
        /// Why (kept in the history).
        #[arg(long)]
        reason: Option<String>,
    },
    /// A person's history: every correction and change, with the old values; logged.
    History {
        /// Person id.
        id: i64,
    },
    /// Remove the links between two persons (both directions; only one kind with --as).
    Unlink {
        /// Person id.
        id: i64,
        /// The other person's id.
        #[arg(long)]
        from: i64,
        /// Only this kind of link.
        #[arg(long = "as", value_parser = ["visitor", "phone-contact", "correspondent", "associate"])]
        kind: Option<String>,
    },
    /// The list of units persons are placed in (what --unit is matched against).
    Units,
}

/// `network …`.
#[derive(Debug, Subcommand)]
pub enum NetworkCmd {
    /// Register a network with a purpose beyond friendship.
    Add {
        /// Name.
        #[arg(long)]
        name: String,
        /// Kind.
        #[arg(long, value_parser = one_of("network kind", NETWORK_KINDS))]
        kind: String,
        /// Its purpose, and why it is part of today's threat picture.
        #[arg(long)]
        purpose: String,
        /// Member person ids.
        #[arg(long, value_delimiter = ',', value_name = "ID,…")]
        member: Vec<i64>,
    },
    /// Add members to a network.
    Join {
        /// Network id.
        id: i64,
        /// Person ids.
        #[arg(long, value_delimiter = ',', value_name = "ID,…", required = true)]
        person: Vec<i64>,
    },
    /// List active networks and the co-locations standing now.
    List {
        /// Include retired networks.
        #[arg(long)]
        all: bool,
    },
    /// Persons leave a network (kept on record with the time they left).
    Leave {
        /// Network id.
        id: i64,
        /// Person ids.
        #[arg(long, value_delimiter = ',', value_name = "ID,…", required = true)]
        person: Vec<i64>,
    },
    /// Retire a network that is no longer part of today's threat picture (kept for the
    /// record; no longer active, no co-location warnings).
    Retire {
        /// Network id.
        id: i64,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// Where a document's contents come from.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ContentArgs {
    /// Read the contents from a file (streamed; any size); `-` reads standard input (after
    /// the passphrase line when --passphrase-fd 0), keeping the text off the command line.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// The contents as text (visible to other local users while the command runs; prefer
    /// `--file -` for sensitive text).
    #[arg(long)]
    pub text: Option<String>,
}

/// `doc …`.
#[derive(Debug, Subcommand)]
pub enum DocCmd {
    /// Add a graded document to a person's folder; prints its journal number.
    Add {
        /// Person id.
        #[arg(long)]
        person: i64,
        /// Grading: FORTROLIG or STRENGT_FORTROLIG.
        #[arg(long, value_parser = Grading::parser())]
        grading: Grading,
        /// Title.
        #[arg(long)]
        title: String,
        /// Source: kripos, pst, police, ksf, region, local (this unit), other.
        #[arg(long, value_parser = Source::parser())]
        source: Source,
        /// Correctness not established (the default for kripos, pst and police).
        #[arg(long)]
        unverified: bool,
        /// Police information whose correctness has been established.
        #[arg(long, conflicts_with = "unverified")]
        verified: bool,
        /// Learnt as assistant to health personnel: never passed to police.
        #[arg(long)]
        health_confidential: bool,
        /// When the information is from (YYYY-MM-DD; default today), so its age shows.
        #[arg(long)]
        info_date: Option<String>,
        /// Basis of exemption from public access, for the journal.
        #[arg(long)]
        exemption: Option<String>,
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Show a document, framed by its grading (logged).
    Show {
        /// Journal number, optionally @VERSION.
        jno: String,
        /// Why you use it (recorded in the log).
        #[arg(long)]
        purpose: Option<String>,
        /// Pipe a binary document's bytes on (refused without it: use `doc export`).
        #[arg(long)]
        raw: bool,
    },
    /// Export a numbered, marked copy (logged): the marking in a text, beside a file
    /// (F.marking.txt). Never overwrites.
    Export {
        /// Journal number, optionally @VERSION.
        jno: String,
        /// Output file; must not exist.
        #[arg(long)]
        out: PathBuf,
        /// Why the copy is made (recorded in the log and in the copy's marking).
        #[arg(long)]
        purpose: String,
        /// Who receives the copy (e.g. KSF, "Region øst", Kripos, "Oslo politidistrikt");
        /// information learnt as an assistant to health personnel never goes to police.
        #[arg(long, value_name = "RECIPIENT")]
        to: String,
        #[command(flatten)]
        disclosure: super::transfer_args::CopyFor,
    },
    /// Print a text document to a PDF with its markings, as a numbered copy (logged). Never
    /// overwrites.
    Print {
        /// Journal number, optionally @VERSION.
        jno: String,
        /// Output PDF; must not exist.
        #[arg(long)]
        out: PathBuf,
        /// Why you print it (recorded in the log and on the first page).
        #[arg(long)]
        purpose: Option<String>,
        /// Who the paper is for when it leaves the service's own use (e.g. KSF, Kripos,
        /// "Oslo politidistrikt"); as for an export, information learnt as an assistant to
        /// health personnel is never printed for police.
        #[arg(long, value_name = "RECIPIENT")]
        to: Option<String>,
        #[command(flatten)]
        disclosure: super::transfer_args::CopyFor,
    },
    /// List documents (latest versions; metadata only, not logged as use).
    List {
        /// Only this person's folder.
        #[arg(long)]
        person: Option<i64>,
    },
    /// Create a processed version that keeps a link to its source.
    Derive {
        /// Source journal number.
        jno: String,
        /// Title (default: the source's, marked as processed).
        #[arg(long)]
        title: Option<String>,
        /// Grading (default: the source's).
        #[arg(long, value_parser = Grading::parser())]
        grading: Option<Grading>,
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Correct a document: its next version with new contents.
    Revise {
        /// Journal number.
        jno: String,
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Change a document's grading (its next version); lowering police/PST/KSF needs --reason.
    Regrade {
        /// Journal number.
        jno: String,
        /// New grading.
        #[arg(long, value_parser = Grading::parser())]
        grading: Grading,
        /// Why (the originator's decision, to lower police, PST or KSF information); logged.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Clear "unverified" once verified: the next version, with who and why in the log.
    Verified {
        /// Journal number.
        jno: String,
        /// How it was verified.
        #[arg(long)]
        reason: String,
    },
}

/// `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Level of the unit: ksf, region or local.
    #[arg(long, value_parser = Level::parser())]
    pub level: Level,
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
        /// Role: admin, officer or clerical.
        #[arg(long, value_parser = Role::parser())]
        role: Role,
        /// Clearance: fortrolig or strengt-fortrolig.
        #[arg(long, value_parser = Clearance::parser())]
        clearance: Clearance,
        /// Contact order (1 is called first); default: last.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
        order: Option<i64>,
        /// Has decision authority in prisoner cases.
        #[arg(long)]
        decision_authority: bool,
        /// Read the new account's passphrase from file descriptor N.
        #[arg(long, value_name = "N")]
        new_passphrase_fd: Option<i32>,
        /// Reference of the KSF–police agreement that allows more officers than the
        /// maximum for this level; recorded with the list.
        #[arg(long, value_name = "REF")]
        agreement: Option<String>,
    },
    /// The authorisation list, in contact order.
    List,
    /// Change an account's contact order.
    Order {
        /// User name.
        name: String,
        /// New contact order (1 is called first).
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        order: i64,
    },
    /// Disable an account (admins only): its keyslot and wrapped keys are destroyed and the
    /// keys of every folder it could read are rotated.
    Disable {
        /// User name.
        name: String,
        /// Disable even if folders of which this account is the only reader become
        /// unreadable for good.
        #[arg(long)]
        accept_loss: bool,
    },
    /// Change your own passphrase.
    Passwd {
        /// Read the new passphrase from file descriptor N.
        #[arg(long, value_name = "N")]
        new_passphrase_fd: Option<i32>,
    },
}
