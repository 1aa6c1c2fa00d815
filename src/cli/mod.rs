//! The command-line front end: parse, unlock, call the library, render. No business rules.

pub mod args;
mod auth;
mod casework;
pub mod casework_args;
mod decision;
mod doc;
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
mod store;
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
    /// What the retention sweep of the last unlock did (for `retention sweep`).
    pub last_sweep: Option<crate::retention::Swept>,
}

/// An unlocked session for the length of one command: ends the sitting (pins, log witness)
/// when dropped, whatever way the command ends. A failure to end is reported, not fatal:
/// what it would have written only speeds up and sharpens the next checks.
#[derive(Debug)]
pub struct Unlocked(Session);

impl std::ops::Deref for Unlocked {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.0
    }
}

impl std::ops::DerefMut for Unlocked {
    fn deref_mut(&mut self) -> &mut Session {
        &mut self.0
    }
}

impl Drop for Unlocked {
    fn drop(&mut self) {
        if let Err(e) = sitting::end(&mut self.0) {
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("infoflyt: note: the session's record could not be saved: {e}\n"),
            );
        }
    }
}

impl Ctx {
    /// The store directory, or a usage error saying how to name one.
    pub fn paths(&self) -> Result<StorePaths> {
        self.cli_store.as_ref().map(StorePaths::new).ok_or_else(|| {
            Error::Usage("no store given: pass --store DIR or set INFOFLYT_STORE".into())
        })
    }

    /// The acting user's name.
    pub fn user_name(&self) -> Result<String> {
        self.user.clone().ok_or_else(|| {
            Error::Usage(
                "who are you? pass --user NAME before the command, or set INFOFLYT_USER".into(),
            )
        })
    }

    /// Unlocks the store as the acting user and does what every unlock owes (log witness,
    /// rotations and grants this user can serve), with progress on a terminal.
    pub fn unlock(&mut self) -> Result<Unlocked> {
        let paths = self.paths()?;
        paths.require_exists()?;
        let name = self.user_name()?;
        let pass = self
            .pass
            .read(self.passphrase_fd, &format!("Passphrase for {name}: "))?;
        let mut bars = progress::Steps::default();
        let sweep = crate::t!("retention-progress-sweep");
        let (s, started) = sitting::begin(&paths, &name, &pass, |step, done, total| {
            let label = match step {
                Step::Rotations => "making new folder keys",
                Step::Grants => "passing folder keys on",
                Step::Sweep => sweep.as_str(),
            };
            bars.update(label, done, total);
        })?;
        drop(bars);
        let s = Unlocked(s);
        if started.rotated > 0 {
            self.out.note(&format!(
                "Made new keys for {} folder key chain(s) after a reader left the list.",
                started.rotated
            ));
        }
        if started.granted > 0 {
            self.out.note(&format!(
                "Passed {} folder key(s) on to newly authorised officer(s).",
                started.granted
            ));
        }
        for p in &started.problems {
            self.out.note(&format!(
                "warning: {p}\n  (nothing was passed on for that folder; `infoflyt folder repair \
                 PERSON` restores a list changed behind the program's back, `infoflyt verify` \
                 shows the rest)"
            ));
        }
        retention::note_sweep(&self.out, &started.swept);
        self.last_sweep = Some(started.swept);
        for name in &started.settled.revoked {
            self.out.note(&format!(
                "Finished disabling {name}: its keyslot, left by an interrupted `user disable`, \
                 is destroyed."
            ));
        }
        if started.settled.adopted > 0 {
            self.out.note(&format!(
                "Finished adding {} account(s) whose `user add` was interrupted.",
                started.settled.adopted
            ));
        }
        if started.settled.orphans > 0 {
            self.out.note(&format!(
                "Destroyed {} keyslot(s) that belonged to no account.",
                started.settled.orphans
            ));
        }
        Ok(s)
    }
}

/// Turns clap's error for a global option given after the command into one that says where
/// it goes.
fn hint_misplaced(e: &clap::Error) -> Option<String> {
    let text = e.to_string();
    (e.kind() == clap::error::ErrorKind::UnknownArgument && text.contains("'--user")).then(|| {
        "error: --user NAME goes before the command: `infoflyt --user NAME <command> …` \
             (after some commands, --user is a filter, as in `log list --user NAME`)"
            .to_owned()
    })
}

/// Runs the command line and returns the process exit code (DESIGN.md §8).
pub fn main() -> ExitCode {
    if let Err(e) = crate::process::harden() {
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("infoflyt: warning: {e}\n"),
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
        Command::Retention(c) => retention::run(ctx, c),
        Command::Decision(c) => decision::run(ctx, c),
        Command::Access(c) => casework::run_access(ctx, c),
        Command::Registration(c) => casework::run_registration(ctx, c),
        Command::Report(c) => casework::run_report(ctx, c),
    }
}
