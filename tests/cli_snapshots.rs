//! The command line as users meet it, kept as snapshots (issue 10): every help page
//! (`tests/cmd/help/*.md`) and the main outputs on a small store (`tests/cmd/store/*.toml`,
//! with the expected `.stdout` and `.stderr` beside each). A change of interface shows in
//! review as a change of these files. After an intended change, regenerate them with
//! `TRYCMD=overwrite cargo test --test suite cli_snapshots::` and read the diff.
//!
//! The store cases run side by side on one store, so each shows only what does not depend
//! on the others (no `log list`). The store is made on a fixed day with `faketime`, so journal numbers and dates
//! are the same whenever the tests run; today's date prints as `[TODAY]`, the store's path as
//! `[STORE]`.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;

fn pass_of(user: &str) -> String {
    if user == ADMIN {
        ADMIN_PASS.to_owned()
    } else {
        format!("{user} passphrase for the snapshots")
    }
}

#[test]
fn help_pages() {
    trycmd::TestCases::new()
        .register_bin("infoflyt", bin())
        .env("COLUMNS", "100")
        .env("LC_ALL", "C")
        .case("tests/cmd/help/*.md");
}

/// A unit with kari (STRENGT FORTROLIG), ola (FORTROLIG) and kim (clerical), one inmate and
/// two notes. The cases give their passphrase on stdin (`--passphrase-fd 0`) and their user
/// in `INFOFLYT_USER`.
#[test]
fn main_outputs() {
    let store = Store::new_local();
    for (name, role, clearance) in [
        ("kari", "officer", "strengt-fortrolig"),
        ("ola", "officer", "fortrolig"),
        ("kim", "clerical", "fortrolig"),
    ] {
        store.add_user(name, role, clearance, &pass_of(name));
    }
    // Made on a fixed day (with `faketime`), so journal numbers and dates do not change
    // with the year the tests run in.
    let at_fixed_day = |args: &[&str]| {
        let a = store.args("kari", args);
        let out = std::process::Command::new("faketime")
            .arg("2026-01-15 10:00:00")
            .arg(bin())
            .args(&a)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin
                    .take()
                    .unwrap()
                    .write_all(lines(&[&pass_of("kari")]).as_bytes())?;
                c.wait_with_output()
            })
            .expect("faketime (Debian package faketime) must be installed");
        ok(&out);
    };
    at_fixed_day(&["person", "add", "--name", "Per Olsen", "--kind", "inmate"]);
    for (grading, title, text) in [
        ("FORTROLIG", "Besøk", "Besøk av bror 12. mars."),
        ("STRENGT_FORTROLIG", "Kilde", "Opplysning fra kilde."),
    ] {
        at_fixed_day(&[
            "doc",
            "add",
            "--person",
            "1",
            "--grading",
            grading,
            "--title",
            title,
            "--source",
            "local",
            "--info-date",
            "2026-01-10",
            "--text",
            text,
        ]);
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    trycmd::TestCases::new()
        .register_bin("infoflyt", bin())
        .env("INFOFLYT_STORE", store.dir.display().to_string())
        .env("COLUMNS", "100")
        .env("LC_ALL", "C")
        .insert_var("[TODAY]", today)
        .unwrap()
        .insert_var("[STORE]", store.dir.display().to_string())
        .unwrap()
        .case("tests/cmd/store/*.toml");
}
