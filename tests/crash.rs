//! Issue 13: a kill -9 campaign. Every write command — `user add`, `user disable`, `user
//! passwd`, `doc add`, `doc regrade`, `folder restrict`, and the grants and rotations a
//! reader's session carries out — is started on a fresh copy of one store and killed with
//! SIGKILL at a random moment of its run. Afterwards the store must verify (as the admin and
//! as an officer, after the next unlock has finished what an interrupted change left), every
//! act that was acknowledged must be there, and no keyslot may be left without an account.
//!
//! `INFOFLYT_KILL_POINTS` sets the number of kill points (default 24, the short form CI
//! runs; the full campaign is
//! `INFOFLYT_KILL_POINTS=120 cargo test --test suite a_kill_at_any_point`).
//! `INFOFLYT_KILL_SEED` makes a run repeatable (the seed is printed).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use serde_json::Value;
use std::process::{Child, Output};
use std::time::{Duration, Instant};

const KARI: &str = "kari";
const OLA: &str = "ola";
const EVA: &str = "eva";

fn pass_of(user: &str) -> String {
    if user == ADMIN {
        ADMIN_PASS.to_owned()
    } else {
        format!("{user} passphrase for the crash campaign")
    }
}

/// xorshift64*: a repeatable stream of kill moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// The store every point starts from: kari (STRENGT FORTROLIG), ola and eva (FORTROLIG),
/// a person with a FORTROLIG and a STRENGT FORTROLIG document, and a 1 MiB file to add.
struct Base {
    store: Store,
    person: String,
    doc: String,
    file: std::path::PathBuf,
}

fn base() -> Base {
    let store = Store::new_local();
    for (name, clearance) in [
        (KARI, "strengt-fortrolig"),
        (OLA, "fortrolig"),
        (EVA, "fortrolig"),
    ] {
        store.add_user(name, "officer", clearance, &pass_of(name));
    }
    let person = store.json(
        KARI,
        &pass_of(KARI),
        &["person", "add", "--name", "Per Olsen", "--kind", "inmate"],
    )["id"]
        .to_string();
    let add = |g: &str, t: &str| {
        store.json(
            KARI,
            &pass_of(KARI),
            &[
                "doc",
                "add",
                "--person",
                &person,
                "--grading",
                g,
                "--title",
                "Notat",
                "--source",
                "local",
                "--text",
                t,
            ],
        )["journal_number"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let doc = add("FORTROLIG", "crash campaign document");
    add("STRENGT_FORTROLIG", "crash campaign SF document");
    let file = store.scratch().join("one-mib.bin");
    std::fs::write(
        &file,
        (0..1_048_576u32)
            .map(|i| (i % 251) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    Base {
        store,
        person,
        doc,
        file,
    }
}

/// One kind of write: how to prepare a copy of the base, what to run (user, stdin, args),
/// and what must hold afterwards if the run was acknowledged (exit 0 before the kill).
struct Case {
    name: &'static str,
    prepare: fn(&Store, &Base),
    run: fn(&Store, &Base) -> Child,
    acknowledged: fn(&Store, &Base, &Output),
}

fn spawn_as(store: &Store, user: &str, stdin: &[String], args: &[&str]) -> Child {
    let a = store.args(user, args);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let lines: Vec<&str> = stdin.iter().map(String::as_str).collect();
    spawn(&a, &common::lines(&lines))
}

fn nothing(_: &Store, _: &Base) {}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "user add",
            prepare: nothing,
            run: |s, _| {
                spawn_as(
                    s,
                    ADMIN,
                    &[pass_of(ADMIN), pass_of("nina")],
                    &Store::add_args("nina", "officer", "fortrolig", &[]),
                )
            },
            acknowledged: |s, _, _| ok(&s.run("nina", &pass_of("nina"), &["user", "list"])),
        },
        Case {
            name: "user disable",
            prepare: nothing,
            run: |s, _| spawn_as(s, ADMIN, &[pass_of(ADMIN)], &["user", "disable", EVA]),
            acknowledged: |s, _, _| expect(&s.run(EVA, &pass_of(EVA), &["user", "list"]), 3, &[]),
        },
        Case {
            name: "user passwd",
            prepare: nothing,
            run: |s, _| {
                spawn_as(
                    s,
                    OLA,
                    &[pass_of(OLA), "a brand new passphrase for ola".into()],
                    &["user", "passwd", "--new-passphrase-fd", "0"],
                )
            },
            acknowledged: |s, _, _| {
                ok(&s.run(OLA, "a brand new passphrase for ola", &["user", "list"]));
                expect(&s.run(OLA, &pass_of(OLA), &["user", "list"]), 3, &[]);
            },
        },
        Case {
            name: "doc add",
            prepare: nothing,
            run: |s, b| {
                spawn_as(
                    s,
                    KARI,
                    &[pass_of(KARI)],
                    &[
                        "--json",
                        "doc",
                        "add",
                        "--person",
                        &b.person,
                        "--grading",
                        "FORTROLIG",
                        "--title",
                        "Stor",
                        "--source",
                        "local",
                        "--file",
                        &b.file.display().to_string(),
                    ],
                )
            },
            acknowledged: |s, _, out| {
                let j: Value = serde_json::from_slice(&out.stdout).unwrap();
                let jno = j["journal_number"].as_str().unwrap();
                ok(&s.run(
                    KARI,
                    &pass_of(KARI),
                    &[
                        "doc",
                        "export",
                        "--to",
                        "KSF",
                        "--purpose",
                        "prøve",
                        jno,
                        "--out",
                        &s.scratch().join("back.bin").display().to_string(),
                    ],
                ));
            },
        },
        Case {
            name: "doc regrade",
            prepare: nothing,
            run: |s, b| {
                spawn_as(
                    s,
                    KARI,
                    &[pass_of(KARI)],
                    &["doc", "regrade", &b.doc, "--grading", "STRENGT_FORTROLIG"],
                )
            },
            acknowledged: |s, b, _| {
                expect(
                    &s.run(OLA, &pass_of(OLA), &["doc", "show", &b.doc]),
                    4,
                    &["clearance"],
                );
            },
        },
        Case {
            name: "folder restrict",
            prepare: nothing,
            run: |s, b| {
                spawn_as(
                    s,
                    KARI,
                    &[pass_of(KARI)],
                    &[
                        "folder",
                        "restrict",
                        &b.person,
                        "--to",
                        &format!("{KARI},{EVA}"),
                    ],
                )
            },
            acknowledged: |s, b, _| {
                expect(
                    &s.run(OLA, &pass_of(OLA), &["doc", "show", &b.doc]),
                    4,
                    &["restricted"],
                );
            },
        },
        Case {
            name: "grants at a reader's unlock",
            prepare: |s, _| s.add_user("per", "officer", "fortrolig", &pass_of("per")),
            run: |s, _| spawn_as(s, KARI, &[pass_of(KARI)], &["user", "list"]),
            acknowledged: |s, b, _| ok(&s.run("per", &pass_of("per"), &["doc", "show", &b.doc])),
        },
        Case {
            name: "rotations at a reader's unlock",
            prepare: |s, _| ok(&s.run(ADMIN, ADMIN_PASS, &["user", "disable", OLA])),
            run: |s, _| spawn_as(s, KARI, &[pass_of(KARI)], &["user", "list"]),
            acknowledged: |s, b, _| {
                let v = s.json(KARI, &pass_of(KARI), &["folder", "show", &b.person]);
                assert!(v["key_version"].as_i64().unwrap() >= 2, "{v}");
            },
        },
    ]
}

/// What must hold after any kill: the store verifies for the admin and for an officer, and
/// every keyslot belongs to an active account.
#[track_caller]
fn assert_sound(s: &Store, what: &str) {
    for (u, p) in [(ADMIN, ADMIN_PASS.to_owned()), (KARI, pass_of(KARI))] {
        let out = s.run(u, &p, &["verify"]);
        assert_eq!(
            code(&out),
            0,
            "{what}: verify as {u} fails\n{}",
            describe(&out)
        );
    }
    let slots: Value = serde_json::from_slice(&std::fs::read(s.keyslots()).unwrap()).unwrap();
    let active = s
        .list(ADMIN, ADMIN_PASS)
        .iter()
        .filter(|u| u["status"] == "active")
        .count();
    assert_eq!(
        slots["slots"].as_array().unwrap().len(),
        active,
        "{what}: a keyslot without an account"
    );
}

#[test]
fn a_kill_at_any_point_of_any_write_leaves_a_store_that_verifies_and_keeps_what_was_acknowledged() {
    let points: usize = std::env::var("INFOFLYT_KILL_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let seed: u64 = std::env::var("INFOFLYT_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x1f2e_3d4c_5b6a_7988);
    eprintln!("kill campaign: {points} points, seed {seed}");
    let mut rng = Rng(seed | 1);
    let base = base();
    let cases = cases();
    // How long each write takes when left alone, to spread the kills over its whole run.
    let mut spans = Vec::new();
    for c in &cases {
        let s = base.store.copy();
        (c.prepare)(&s, &base);
        let t = Instant::now();
        let out = (c.run)(&s, &base).wait_with_output().unwrap();
        ok(&out);
        spans.push(t.elapsed());
        (c.acknowledged)(&s, &base, &out);
        assert_sound(&s, c.name);
    }
    let (mut killed, mut finished) = (0, 0);
    for i in 0..points {
        let c = &cases[i % cases.len()];
        let span = spans[i % cases.len()];
        let s = base.store.copy();
        (c.prepare)(&s, &base);
        let at = Duration::from_micros(rng.next() % (span.as_micros() as u64 * 11 / 10 + 1));
        let mut child = (c.run)(&s, &base);
        let started = Instant::now();
        let mut done = None;
        while started.elapsed() < at {
            if child.try_wait().unwrap().is_some() {
                done = Some(());
                break;
            }
            std::thread::sleep(Duration::from_millis(1).min(at.saturating_sub(started.elapsed())));
        }
        if done.is_none() {
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        let what = format!("point {i}: {} killed at {at:?} of {span:?}", c.name);
        if out.status.code() == Some(0) {
            finished += 1;
            (c.acknowledged)(&s, &base, &out);
        } else {
            killed += 1;
            assert!(
                out.status.code().is_none() || code(&out) != 101,
                "{what}: it panicked\n{}",
                describe(&out)
            );
        }
        assert_sound(&s, &what);
    }
    eprintln!("kill campaign: {killed} killed, {finished} finished before the kill");
    assert!(
        killed > points / 3,
        "too few kills landed during the run: {killed} of {points}"
    );
}
