//! The command-line front end: parse, unlock, call the library, render. No business rules.

pub mod args;
mod args_tools;
mod auth;
mod casework;
pub mod casework_args;
mod decision;
mod doc;
mod export;
mod generate;
mod init;
mod labels;
pub mod localise;
mod log;
pub mod output;
pub mod passphrase;
mod person;
mod person_upkeep;
mod print;
mod progress;
mod quickstart;
mod retention;
mod shell;
mod store;
mod transfer;
mod transfer_args;
mod unit;
mod user;
mod verify;

use crate::identity::Session;
use crate::sitting::{self, Step};
use crate::store::StorePaths;
use crate::{Error, Result};
use args::{Cli, Command};
use clap::FromArgMatches;
use output::Out;
use passphrase::PassSource;
use std::process::ExitCode;

/// What every command gets: the global options and a way to unlock.
#[derive(Debug)]
pub struct Ctx {
    /// Global options.
    pub cli_store: Option<std::path::PathBuf>,
    /// `--user`.
    pub user: Option<String>,
    /// `--passphrase-fd`.
    pub passphrase_fd: Option<i32>,
    /// Output mode.
    pub out: Out,
    /// Passphrase reader.
    pub pass: PassSource,
    /// In `infoflyt shell`, the session unlocked once for the sitting: commands borrow it
    /// instead of unlocking.
    held: Option<shell::Held>,
    /// What the retention sweep of the last unlock did (for `retention sweep`).
    pub last_sweep: Option<crate::retention::Swept>,
}

/// An unlocked session for the length of one command: ends the sitting (pins, log witness)
/// when dropped, whatever way the command ends. A failure to end is reported, not fatal:
/// what it would have written only speeds up and sharpens the next checks. In a shell, the
/// session is then handed back to the shell's sitting instead of being closed.
#[derive(Debug)]
pub struct Unlocked {
    /// Always `Some` until dropped (only `drop` takes it).
    s: Option<Session>,
    home: Option<shell::Held>,
}

impl Unlocked {
    // Invariant: `s` is set by `Ctx::unlock` and taken only in `drop`, so every borrow
    // before that finds it.
    #[allow(clippy::expect_used)]
    fn get(&self) -> &Session {
        self.s
            .as_ref()
            .expect("an Unlocked holds its session until dropped")
    }
    #[allow(clippy::expect_used)]
    fn get_mut(&mut self) -> &mut Session {
        self.s
            .as_mut()
            .expect("an Unlocked holds its session until dropped")
    }
}

impl std::ops::Deref for Unlocked {
    type Target = Session;
    fn deref(&self) -> &Session {
        self.get()
    }
}

impl std::ops::DerefMut for Unlocked {
    fn deref_mut(&mut self) -> &mut Session {
        self.get_mut()
    }
}

impl Drop for Unlocked {
    fn drop(&mut self) {
        let Some(mut s) = self.s.take() else { return };
        if let Err(e) = sitting::end(&mut s) {
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!(
                    "infoflyt: {}\n",
                    crate::t!("shell-note-not-saved", error = e.to_string())
                ),
            );
        }
        if let Some(home) = &self.home {
            home.put_back(s);
        }
    }
}

impl Ctx {
    /// The store directory, or a usage error saying how to name one.
    pub fn paths(&self) -> Result<StorePaths> {
        self.cli_store
            .as_ref()
            .map(StorePaths::new)
            .ok_or_else(|| Error::Usage(crate::t!("cli-no-store")))
    }

    /// The acting user's name.
    pub fn user_name(&self) -> Result<String> {
        self.user
            .clone()
            .ok_or_else(|| Error::Usage(crate::t!("cli-no-user")))
    }

    /// Unlocks the store as the acting user and does what every unlock owes (log witness,
    /// rotations and grants this user can serve), with progress on a terminal.
    pub fn unlock(&mut self) -> Result<Unlocked> {
        if let Some(home) = &self.held {
            let s = home.take_for_command()?;
            return Ok(Unlocked {
                s: Some(s),
                home: Some(home.clone()),
            });
        }
        let s = self.open()?;
        Ok(Unlocked {
            s: Some(s),
            home: None,
        })
    }

    /// Asks for the passphrase and begins a sitting (see [`Ctx::unlock`]).
    fn open(&mut self) -> Result<Session> {
        let paths = self.paths()?;
        paths.require_exists()?;
        let name = self.user_name()?;
        let pass = self.pass.read(
            self.passphrase_fd,
            &crate::t!("cli-passphrase-prompt", user = name.as_str()),
        )?;
        let mut bars = progress::Steps::default();
        let sweep = crate::t!("retention-progress-sweep");
        let (s, started) = sitting::begin(&paths, &name, &pass, |step, done, total| {
            let label = match step {
                Step::Rotations => crate::t!("cli-progress-rotations"),
                Step::Grants => crate::t!("cli-progress-grants"),
                Step::Sweep => sweep.clone(),
            };
            bars.update(&label, done, total);
        })?;
        drop(bars);
        if started.rotated > 0 {
            self.out
                .note(&crate::t!("cli-unlock-rotated", count = started.rotated));
        }
        if started.granted > 0 {
            self.out
                .note(&crate::t!("cli-unlock-granted", count = started.granted));
        }
        for p in &started.problems {
            self.out
                .note(&crate::t!("cli-unlock-problem", problem = p.as_str()));
        }
        retention::note_sweep(&self.out, &started.swept);
        self.last_sweep = Some(started.swept);
        for name in &started.settled.revoked {
            self.out
                .note(&crate::t!("cli-unlock-revoked", user = name.as_str()));
        }
        if started.settled.adopted > 0 {
            self.out.note(&crate::t!(
                "cli-unlock-adopted",
                count = started.settled.adopted
            ));
        }
        if started.settled.orphans > 0 {
            self.out.note(&crate::t!(
                "cli-unlock-orphans",
                count = started.settled.orphans
            ));
        }
        Ok(s)
    }
}

/// Turns clap's error for a global option given after the command into one that says where
/// it goes.
fn hint_misplaced(e: &clap::Error) -> Option<String> {
    let text = e.to_string();
    (e.kind() == clap::error::ErrorKind::UnknownArgument && text.contains("'--user"))
        .then(|| crate::t!("cli-hint-user-first"))
}

/// Runs the command line and returns the process exit code (DESIGN.md §8).
pub fn main() -> ExitCode {
    if let Err(e) = crate::process::harden() {
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!(
                "infoflyt: {}\n",
                crate::t!("cli-harden-warning", error = e.to_string())
            ),
        );
    }
    // The language is chosen before parsing, so that `--help` is in it too.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    crate::i18n::set_lang(localise::language_of_args(&argv));
    let parsed = localise::command(crate::i18n::lang())
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match hint_misplaced(&e) {
                Some(h) => {
                    let _ =
                        std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("{h}\n"));
                }
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    let mut ctx = Ctx {
        cli_store: cli.store,
        user: cli.user,
        passphrase_fd: cli.passphrase_fd,
        out: Out::new(cli.json),
        pass: PassSource::default(),
        held: None,
        last_sweep: None,
    };
    match dispatch(&mut ctx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): not an error (the use was logged before release).
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            ctx.out.error(&e);
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

fn dispatch(ctx: &mut Ctx, cmd: Command) -> Result<()> {
    match cmd {
        Command::Init(a) => init::run(ctx, a),
        Command::Quickstart(a) => quickstart::run(ctx, a),
        Command::User(c) => user::run(ctx, c),
        Command::Verify => verify::run(ctx),
        Command::Person(c) => person::run(ctx, c),
        Command::Network(c) => person_upkeep::run_network(ctx, c),
        Command::Doc(c) => doc::run(ctx, c),
        Command::Journal(c) => doc::run_journal(ctx, c),
        Command::Log(c) => log::run(ctx, c),
        Command::Auth(c) => auth::run(ctx, c),
        Command::Folder(c) => auth::run_folder(ctx, c),
        Command::Store(c) => store::run(ctx, c),
        Command::Unit(c) => unit::run(ctx, c),
        Command::Package(c) => transfer::run(ctx, c),
        Command::Consult(c) => unit::run_consult(ctx, c),
        Command::Disclosure(c) => unit::run_disclosure(ctx, c),
        Command::Shell(a) => shell::run(ctx, a),
        Command::Man(a) => generate::man(ctx, a),
        Command::Completions(a) => generate::completions(ctx, a),
        Command::Retention(c) => retention::run(ctx, c),
        Command::Decision(c) => decision::run(ctx, c),
        Command::Access(c) => casework::run_access(ctx, c),
        Command::Registration(c) => casework::run_registration(ctx, c),
        Command::Report(c) => casework::run_report(ctx, c),
    }
}
