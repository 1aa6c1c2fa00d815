//! Issue 12, "With `LANG=nb_NO.UTF-8`, the tour in the README works in Norwegian": the README's
//! first steps and the reading half of its tour, run on a fresh quickstart store as an officer
//! runs them, under a Norwegian locale and under `LANG=C`. Under the Norwegian locale nothing
//! a person reads is English; under `C` nothing is bokmål. The writing half of the tour is
//! covered command by command in the other suites; the use log's own record (`log list`, the
//! details of `log report`) stays English by design and is left out.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use std::path::Path;
use std::process::Output;

/// Words of English prose that no bokmål message uses (the demo's data is Norwegian).
const ENGLISH: &[&str] = &[
    " the ", " is ", " and ", " was ", " cannot ", " with ", " from ", " has ", " not ", " your ",
    " this ", " only ", " which ",
];

/// Words of bokmål prose that no English message uses. The demo's own data (names, titles,
/// a network's purpose) is Norwegian in both, so these are words its data does not hold.
const BOKMAL: &[&str] = &[
    " ikke ",
    " eller ",
    " ingen ",
    " kan ",
    " skal ",
    " denne ",
    " dokumentet ",
    " brukeren ",
];

fn run(dir: &Path, lang: &str, user: &str, pass: &str, args: &[&str]) -> Output {
    let d = dir.display().to_string();
    let mut a = vec!["--store", &d, "--user", user, "--passphrase-fd", "0"];
    a.extend_from_slice(args);
    let mut c = command(&a);
    c.env("LANG", lang);
    spawn_command(c, &lines(&[pass]))
        .wait_with_output()
        .expect("wait for infoflyt")
}

/// Each word of `words` found in `text`, with the line it is on.
fn found(text: &str, words: &[&str]) -> Vec<String> {
    let padded = format!(" {} ", text.replace(['\n', ':', ',', '.', '(', ')'], " "));
    words
        .iter()
        .filter(|w| padded.to_lowercase().contains(*w))
        .map(|w| {
            let line = text
                .lines()
                .find(|l| format!(" {} ", l.to_lowercase()).contains(w.trim()))
                .unwrap_or_default();
            format!("{:?} in {line:?}", w.trim())
        })
        .collect()
}

/// The demo's first STRENGT FORTROLIG document (ola, cleared for FORTROLIG, may not read it).
fn first_jno(dir: &Path) -> String {
    let out = run(
        dir,
        "C",
        "kari",
        "demo-kari-passphrase",
        &["--json", "doc", "list"],
    );
    ok(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["grading"]
                .as_str()
                .unwrap_or_default()
                .starts_with("STRENGT")
        })
        .and_then(|d| d["journal_number"].as_str())
        .unwrap()
        .to_owned()
}

#[test]
fn the_readme_tour_reads_in_the_locales_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("infoflyt-demo");
    let mut c = command(&["quickstart", &dir.display().to_string()]);
    c.env("LANG", "nb_NO.UTF-8");
    let out = spawn_command(c, "").wait_with_output().unwrap();
    ok(&out);
    let guide = format!("{}{}", stdout(&out), stderr(&out));
    let english = found(&guide, ENGLISH);
    assert!(
        english.is_empty(),
        "quickstart in English: {english:?}\n{guide}"
    );
    let jno = first_jno(&dir);
    let (kari, ola, siri) = (
        ("kari", "demo-kari-passphrase"),
        ("ola", "demo-ola-passphrase"),
        ("siri", "demo-siri-passphrase"),
    );
    // (who, command, exit code): the tour's reading commands, and the refusals and mistakes a
    // new user meets first.
    let tour: Vec<((&str, &str), Vec<&str>, i32)> = vec![
        (kari, vec!["user", "list"], 0),
        (kari, vec!["auth", "list"], 0),
        (kari, vec!["person", "list"], 0),
        (kari, vec!["person", "show", "1"], 0),
        (kari, vec!["person", "find", "navn"], 0),
        (kari, vec!["network", "list"], 0),
        (kari, vec!["doc", "list"], 0),
        (kari, vec!["doc", "show", &jno], 0),
        (kari, vec!["journal", "list"], 0),
        (kari, vec!["log", "verify"], 0),
        (kari, vec!["verify"], 0),
        (kari, vec!["decision", "list"], 0),
        (kari, vec!["package", "pending"], 0),
        (kari, vec!["unit", "card"], 0),
        (kari, vec!["retention", "due", "--days", "60"], 0),
        (kari, vec!["person", "show", "999"], 6),
        (kari, vec!["doc", "show", "2026/99999"], 6),
        (ola, vec!["doc", "show", &jno], 4),
        (siri, vec!["doc", "show", &jno], 4),
        (
            siri,
            vec!["person", "add", "--name", "X Y", "--kind", "inmate"],
            4,
        ),
        (("kari", "not kari's passphrase"), vec!["doc", "list"], 3),
    ];
    for ((user, pass), args, code) in &tour {
        for (lang, words) in [("nb_NO.UTF-8", ENGLISH), ("C", BOKMAL)] {
            let out = run(&dir, lang, user, pass, args);
            let text = format!("{}{}", stdout(&out), stderr(&out));
            assert_eq!(
                out.status.code(),
                Some(*code),
                "{user} {args:?} under LANG={lang}:\n{text}"
            );
            let wrong = found(&text, words);
            assert!(
                wrong.is_empty(),
                "{user} {args:?} under LANG={lang} reads in the other language: {wrong:?}\n{text}"
            );
        }
    }
}
