//! `infoflyt shell`: one unlock for a sitting, commands at a prompt, and a lock when idle.
//!
//! Why: an officer at the terminal runs a dozen commands in a row; asking for the passphrase
//! each time teaches them to keep it in a script. The shell unlocks once, then runs each
//! line exactly as the single command would run (the same dispatch, so every act and refusal
//! is logged the same way, and the sitting's pins and witness are written after each command).
//! A watchdog thread locks the sitting after the idle time: it takes the session, ends it and
//! drops it, so its keys are zeroized while the prompt waits; the next line asks for the
//! passphrase again before anything runs.
//!
//! What it must never do: write what was typed to disk (rustyline is built without file
//! history, and the in-memory history is cleared at every lock), or run a command while
//! locked.

use super::args::{Cli, Command, ShellArgs};
use super::output::Out;
use super::{dispatch, localise, Ctx};
use crate::identity::Session;
use crate::{sitting, t, Error, Result};
use clap::FromArgMatches;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The idle time when the store sets none: four minutes.
const DEFAULT_IDLE: u64 = 240;

/// The shell's session between commands, shared with the watchdog that locks it.
#[derive(Debug, Clone)]
pub(super) struct Held(Arc<Mutex<State>>);

#[derive(Debug)]
struct State {
    /// The unlocked session while the prompt waits; `None` while a command runs (it is
    /// lent out) or when locked.
    session: Option<Session>,
    /// Lent to a command right now.
    lent: bool,
    /// When the last command ended (or the sitting began).
    last: Instant,
    idle: Duration,
    /// Set by the watchdog when it locked the sitting.
    locked: bool,
    /// The sitting ended because it no longer held (its account or the unit keys changed):
    /// the error said why, so the idle note is not shown.
    ended: bool,
    /// The shell has ended: the watchdog stops.
    closed: bool,
}

impl Held {
    fn state(&self) -> MutexGuard<'_, State> {
        // A poisoned lock means a command panicked while holding it; the state itself
        // (an Option and two flags) is still consistent.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Lends the session to one command. A sitting whose account an admin has since taken
    /// off the list ends here, its keys dropped, before the command reads anything.
    pub(super) fn take_for_command(&self) -> Result<Session> {
        let mut st = self.state();
        match st.session.take() {
            Some(s) => {
                if let Err(e) = s.still_on_list() {
                    // The next line asks for the passphrase again: an unlock that follows
                    // the renewed unit keys, or refuses an account taken off the list.
                    drop(s);
                    st.locked = true;
                    st.ended = true;
                    return Err(e);
                }
                st.lent = true;
                Ok(s)
            }
            None => Err(Error::Auth(t!("shell-locked"))),
        }
    }

    /// Takes the session back after a command; the idle time starts again.
    pub(super) fn put_back(&self, s: Session) {
        let mut st = self.state();
        st.session = Some(s);
        st.lent = false;
        st.last = Instant::now();
    }

    /// Ends and drops the session (its keys are zeroized on drop).
    fn lock(st: &mut State) {
        if let Some(mut s) = st.session.take() {
            // A failure to save pins and witness only costs the next checks some speed.
            let _ = sitting::end(&mut s);
            drop(s);
        }
    }
}

/// Locks the sitting when it has been idle for its idle time.
fn watchdog(held: Held) {
    loop {
        let wait = {
            let mut st = held.state();
            if st.closed {
                return;
            }
            let idle_for = st.last.elapsed();
            if st.session.is_some() && !st.lent && idle_for >= st.idle {
                Held::lock(&mut st);
                st.locked = true;
            }
            st.idle
                .saturating_sub(idle_for)
                .max(Duration::from_millis(200))
        };
        std::thread::sleep(wait.min(Duration::from_secs(1)));
    }
}

/// The idle time: the store's setting, shortened (never lengthened) by `--idle-lock`.
fn idle_time(s: &Session, asked: Option<u64>) -> Result<u64> {
    let store = s
        .store_settings()?
        .into_iter()
        .find(|(n, ..)| n == "shell-idle-seconds")
        .and_then(|(_, v, ..)| v.parse::<u64>().ok())
        .unwrap_or(DEFAULT_IDLE);
    Ok(asked.map_or(store, |a| a.min(store)))
}

pub(super) fn run(ctx: &mut Ctx, a: ShellArgs) -> Result<()> {
    if ctx.held.is_some() {
        return Err(Error::Usage(t!("shell-nested")));
    }
    if ctx.out.is_json() {
        return Err(Error::Usage(t!("shell-no-json")));
    }
    let s = ctx.open()?;
    let idle = idle_time(&s, a.idle_lock)?;
    let held = Held(Arc::new(Mutex::new(State {
        session: Some(s),
        lent: false,
        last: Instant::now(),
        idle: Duration::from_secs(idle),
        locked: false,
        ended: false,
        closed: false,
    })));
    let dog = {
        let h = held.clone();
        std::thread::spawn(move || watchdog(h))
    };
    ctx.held = Some(held.clone());
    let result = prompt_loop(ctx, &held, idle);
    ctx.held = None;
    {
        let mut st = held.state();
        st.closed = true;
        Held::lock(&mut st);
    }
    let _ = dog.join();
    result
}

fn prompt_loop(ctx: &mut Ctx, held: &Held, idle: u64) -> Result<()> {
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        .max_history_size(200)
        .map_err(|e| Error::Other(t!("shell-editor-failed", error = e.to_string())))?
        .build();
    let mut ed = rustyline::DefaultEditor::with_config(config)
        .map_err(|e| Error::Other(t!("shell-editor-failed", error = e.to_string())))?;
    let name = ctx.user_name()?;
    ctx.out
        .note(&t!("shell-welcome", user = name.as_str(), seconds = idle));
    let prompt = format!("infoflyt {}> ", crate::text::for_terminal(&name));
    let json = ctx.out;
    loop {
        let line = match ed.readline(&prompt) {
            Ok(l) => l,
            Err(rustyline::error::ReadlineError::Interrupted) => continue,
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(e) => {
                return Err(Error::Other(t!(
                    "shell-editor-failed",
                    error = e.to_string()
                )))
            }
        };
        let Some(words) = shlex::split(&line) else {
            ctx.out
                .note(&format!("infoflyt: {}", t!("shell-bad-quotes")));
            continue;
        };
        match words.first().map(String::as_str) {
            None => continue,
            Some("exit" | "quit" | "avslutt") => break,
            _ => {}
        }
        if !ensure_unlocked(ctx, held, &mut ed)? {
            continue;
        }
        let _ = ed.add_history_entry(line.as_str());
        run_line(ctx, words);
        ctx.out = json;
    }
    Ok(())
}

/// Before a line runs: lock if the idle time passed while it was typed, and when locked ask
/// for the passphrase again. `Ok(false)`: still locked, the line is not run.
fn ensure_unlocked(ctx: &mut Ctx, held: &Held, ed: &mut rustyline::DefaultEditor) -> Result<bool> {
    let (was_locked, ended) = {
        let mut st = held.state();
        if st.session.is_some() && st.last.elapsed() >= st.idle {
            Held::lock(&mut st);
            st.locked = true;
        }
        let was = std::mem::take(&mut st.locked) || st.session.is_none();
        (was, std::mem::take(&mut st.ended))
    };
    if !was_locked {
        return Ok(true);
    }
    // Nothing typed before the lock stays reachable with the arrow keys.
    let _ = ed.clear_history();
    if !ended {
        ctx.out.note(&t!("shell-was-locked"));
    }
    ctx.held = None;
    let opened = ctx.open();
    ctx.held = Some(held.clone());
    match opened {
        Ok(s) => {
            held.put_back(s);
            Ok(true)
        }
        Err(e) => {
            ctx.out.error(&e);
            ctx.out.note(&t!("shell-still-locked"));
            let mut st = held.state();
            st.locked = true;
            Ok(false)
        }
    }
}

/// Parses and runs one line as the command line would; errors are reported and the shell
/// goes on.
fn run_line(ctx: &mut Ctx, words: Vec<String>) {
    let argv = std::iter::once("infoflyt".to_owned()).chain(words);
    let parsed = localise::command(crate::i18n::lang())
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return;
        }
    };
    let refusal = match &cli.command {
        Command::Init(_) | Command::Quickstart(_) | Command::Shell(_) => Some(t!("shell-not-here")),
        _ if cli
            .user
            .as_ref()
            .is_some_and(|u| Some(u) != ctx.user.as_ref()) =>
        {
            Some(t!("shell-other-user"))
        }
        _ if cli.passphrase_fd.is_some() => Some(t!("shell-no-passphrase-fd")),
        // The sitting holds one store's keys; another store needs its own sitting.
        _ if cli.store.is_some() => Some(t!("shell-other-store")),
        _ => None,
    };
    if let Some(r) = refusal {
        ctx.out.error(&Error::Usage(r));
        return;
    }
    ctx.out = Out::new(cli.json);
    if let Err(e) = dispatch(ctx, cli.command) {
        ctx.out.error(&e);
    }
}
