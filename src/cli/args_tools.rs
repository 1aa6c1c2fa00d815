//! The command line of the tools around the register (`shell`, `man`, `completions`), kept
//! apart from `args.rs` so that file stays one screenful of commands per concept.

use clap::Args;
use std::path::PathBuf;

/// `shell`.
#[derive(Debug, Args)]
pub struct ShellArgs {
    /// Lock after this many seconds without a command (only shorter than the store's
    /// setting, shell-idle-seconds, 240 unless an admin changed it).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_lock: Option<u64>,
}

/// `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write infoflyt.1 and one page per command (infoflyt-doc-show.1 …) into this directory
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_parser = clap::value_parser!(clap_complete::Shell))]
    pub shell: clap_complete::Shell,
}
