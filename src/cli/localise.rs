//! Help texts in the reader's language.
//!
//! The command line is defined once, with clap's derive, in `args.rs`; its doc comments are
//! the English help. At run time the built `Command` is walked and each text that the Fluent
//! files define is put in its place, by an id made from the command's path:
//!
//! - `cli-about`, `cli-long-about`: the program; `cli-person-about`: `person`;
//!   `cli-person-add-about`: `person add` (and `…-long-about` where the help is long);
//! - `cli-opt-store`: the option `--store` of the program; `cli-person-add-opt-name`: the
//!   option `--name` of `person add` (the argument's id, `_` written `-`).
//!
//! A text the files do not define keeps its English doc comment, so converting the help is a
//! matter of adding ids (docs/i18n.md). In bokmål the headings (Bruk, Kommandoer, Valg,
//! Argumenter) and the `--help` and `--version` flags are replaced too; clap's own error
//! messages stay in English (clap cannot translate them).

use super::args::Cli;
use crate::i18n::{self, Lang};
use crate::t_in;
use clap::{Arg, ArgAction, Command, CommandFactory};

/// The id of a command's text: `cli` for the program, `cli-person-add` for `person add`.
pub fn command_id(path: &[&str]) -> String {
    std::iter::once("cli")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

/// The id of an argument's help text under the command `command_id`.
pub fn arg_id(command_id: &str, arg: &str) -> String {
    format!("{command_id}-opt-{}", arg.replace('_', "-"))
}

fn text(lang: Lang, id: &str) -> Option<String> {
    i18n::has(lang, id).then(|| i18n::tr(lang, id, &[]))
}

/// The program's command line with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localise(Cli::command(), "cli", lang, true);
    if lang == Lang::Nb {
        // clap adds its `help` subcommands when the command is built: build it, then
        // translate them.
        cmd.build();
        cmd = help_subcommands(cmd);
    }
    cmd
}

fn help_subcommands(cmd: Command) -> Command {
    cmd.mut_subcommands(|sub| {
        if sub.get_name() == "help" {
            sub.about(t_in!(Lang::Nb, "cli-help-about"))
        } else {
            help_subcommands(sub)
        }
    })
}

fn localise(mut cmd: Command, id: &str, lang: Lang, root: bool) -> Command {
    if let Some(about) = text(lang, &format!("{id}-about")) {
        cmd = match text(lang, &format!("{id}-long-about")) {
            Some(long) => cmd.about(about).long_about(long),
            // The English long help would otherwise still show under `--help`.
            None => cmd.about(about).long_about(None::<&str>),
        };
    }
    let owned = id.to_owned();
    cmd = cmd.mut_args(|a| localise_arg(a, &owned, lang));
    if lang == Lang::Nb {
        cmd = norwegian_chrome(cmd, root);
    }
    cmd.mut_subcommands(|sub| {
        let sub_id = format!("{owned}-{}", sub.get_name());
        localise(sub, &sub_id, lang, false)
    })
}

fn localise_arg(mut a: Arg, command_id: &str, lang: Lang) -> Arg {
    if let Some(help) = text(lang, &arg_id(command_id, a.get_id().as_str())) {
        a = match a.get_long_help() {
            Some(_) => a.help(help.clone()).long_help(help),
            None => a.help(help),
        };
    }
    if lang == Lang::Nb && a.get_help_heading().is_none() {
        let heading = if a.is_positional() {
            t_in!(Lang::Nb, "cli-heading-arguments")
        } else {
            t_in!(Lang::Nb, "cli-heading-options")
        };
        a = a.help_heading(heading);
    }
    a
}

/// Headings and the help and version flags in bokmål.
fn norwegian_chrome(cmd: Command, root: bool) -> Command {
    let nb = Lang::Nb;
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t_in!(nb, "cli-heading-usage")
    );
    let cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t_in!(nb, "cli-heading-commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t_in!(nb, "cli-flag-help"))
                .help_heading(t_in!(nb, "cli-heading-options")),
        );
    if !root {
        return cmd;
    }
    cmd.disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(t_in!(nb, "cli-flag-version"))
            .help_heading(t_in!(nb, "cli-heading-options")),
    )
}

/// The language asked for with `--lang` (before parsing, so help is in that language), or
/// the environment's. An unknown `--lang` value is left for clap to refuse.
pub fn language_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_owned)
        };
        if let Some(l) = value.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    Lang::from_env()
}
