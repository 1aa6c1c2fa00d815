//! The command-line front end: parse, unlock, call the library, render. No business rules.

pub mod args;
mod auth;
mod doc;
mod init;
mod log;
pub mod output;
pub mod passphrase;
mod person;
mod quickstart;
mod user;
mod verify;

use crate::identity::{self, Session};
use crate::store::StorePaths;
use crate::{Error, Result};
use args::{Cli, Command};
use clap::Parser;
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
            Error::Usage("who are you? pass --user NAME or set INFOFLYT_USER".into())
        })
    }

    /// Unlocks the store as the acting user.
    pub fn unlock(&mut self) -> Result<Session> {
        let paths = self.paths()?;
        paths.require_exists()?;
        let name = self.user_name()?;
        let pass = self
            .pass
            .read(self.passphrase_fd, &format!("Passphrase for {name}: "))?;
        let mut s = identity::unlock(&paths, &name, &pass)?;
        // Make the new keys owed after a reader left, and pass folder keys on to newcomers,
        // where this user can (DESIGN.md §3).
        let r = s.carry_out_rotations()?;
        if r > 0 {
            self.out.note(&format!(
                "Made new keys for {r} folder(s) after a reader left the list."
            ));
        }
        let n = s.carry_out_grants()?;
        if n > 0 {
            self.out.note(&format!(
                "Passed {n} folder key(s) on to newly authorised officer(s)."
            ));
        }
        Ok(s)
    }
}

/// Runs the command line and returns the process exit code (DESIGN.md §8).
pub fn main() -> ExitCode {
    if let Err(e) = crate::process::harden() {
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("infoflyt: warning: {e}\n"),
        );
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let mut ctx = Ctx {
        cli_store: cli.store,
        user: cli.user,
        passphrase_fd: cli.passphrase_fd,
        out: Out::new(cli.json),
        pass: PassSource::default(),
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
        Command::Network(c) => person::run_network(ctx, c),
        Command::Doc(c) => doc::run(ctx, c),
        Command::Journal(c) => doc::run_journal(ctx, c),
        Command::Log(c) => log::run(ctx, c),
        Command::Auth(c) => auth::run(ctx, c),
        Command::Folder(c) => auth::run_folder(ctx, c),
    }
}
