//! A sweep SIGKILLed at random points, then run again, ends in the same state as one sweep
//! left alone: everything due is destroyed once (one `destroyed` journal row and one
//! `destroy` entry per version, one `folder-destroy` per person), nothing else is touched, the
//! write-ahead log is emptied, and `verify` and `log verify` pass.
//!
//! Two campaigns: one kills at random moments of the whole run (unlock included), the other
//! under `strace` at the sweep's Nth database write (`pwrite64`), before the write happens,
//! for N drawn from every write an uninterrupted sweep makes, so the kills land inside the
//! destruction itself: between the key erase, the deletions, the journal and log rows, the
//! commit, the checkpoint and the flag.
//!
//! `INFOFLYT_SWEEP_KILL_POINTS` (or main's `INFOFLYT_KILL_POINTS`) sets the number of kill
//! points of each (default 12, the short form CI runs; the full campaign is
//! `INFOFLYT_KILL_POINTS=100 cargo test --test suite sweep_killed`). `INFOFLYT_KILL_SEED`
//! makes a run repeatable (the seed is printed).

use super::{pass_of, Unit, KARI, OLA};
use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

/// What a sweep may change, read with the store key.
#[derive(Debug, PartialEq, Eq)]
struct State {
    persons: BTreeSet<i64>,
    retired: BTreeSet<i64>,
    versions: BTreeSet<(String, i64)>,
    destroyed_rows: BTreeMap<(String, i64), i64>,
    destroy_entries: BTreeMap<(String, i64), i64>,
    folder_destroys: BTreeMap<i64, i64>,
    key_rows: (i64, i64, i64),
    checkpoint_due: i64,
}

fn folder_destroys(db: &rusqlite::Connection) -> BTreeMap<i64, i64> {
    let mut st = db
        .prepare(
            "SELECT person_id, count(*) FROM use_log WHERE act = 'folder-destroy'
             GROUP BY person_id",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

fn state(u: &Unit) -> State {
    let db = u.db();
    let set = |sql: &str| -> BTreeSet<i64> {
        db.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let pairs = |sql: &str| -> Vec<((String, i64), i64)> {
        db.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    State {
        persons: set("SELECT id FROM persons"),
        retired: set("SELECT id FROM persons_retired"),
        versions: pairs("SELECT journal_number, version, 0 FROM documents")
            .into_iter()
            .map(|(k, _)| k)
            .collect(),
        destroyed_rows: pairs(
            "SELECT journal_number, version, count(*) FROM journal WHERE status = 'destroyed'
             GROUP BY journal_number, version",
        )
        .into_iter()
        .collect(),
        destroy_entries: pairs(
            "SELECT journal_number, doc_version, count(*) FROM use_log WHERE act = 'destroy'
             GROUP BY journal_number, doc_version",
        )
        .into_iter()
        .collect(),
        folder_destroys: folder_destroys(&db),
        key_rows: (
            count("SELECT count(*) FROM folder_key_wraps"),
            count("SELECT count(*) FROM folder_key_versions"),
            count("SELECT count(*) FROM key_pins"),
        ),
        checkpoint_due: count("SELECT checkpoint_due FROM retention_state"),
    }
}

/// Three persons released (each with a 1 MiB file and two notes, one STRENGT FORTROLIG), one
/// released in 2035 and one never: the sweep at +2h destroys the first three.
fn base() -> (Unit, Vec<i64>) {
    let u = Unit::local();
    let file = u.store.scratch().join("one-mib.bin");
    std::fs::write(
        &file,
        (0..1_048_576u32)
            .map(|i| (i % 251) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let mut due = Vec::new();
    for (i, release) in ["2020-01-01", "2021-06-01", "2022-03-01", "2035-01-01", ""]
        .iter()
        .enumerate()
    {
        let p = u.person(&format!("Person {i}"));
        ok(&u.run(
            KARI,
            &[
                "doc",
                "add",
                "--person",
                &p.to_string(),
                "--grading",
                "FORTROLIG",
                "--title",
                "Fil",
                "--source",
                "local",
                "--file",
                &file.display().to_string(),
            ],
        ));
        u.doc(p, "FORTROLIG", "Notat", "notat");
        u.doc(p, "STRENGT_FORTROLIG", "Notat", "hemmelig notat");
        if !release.is_empty() {
            ok(&u.run(
                KARI,
                &["person", "release", &p.to_string(), "--at", release],
            ));
        }
        if i < 3 {
            due.push(p);
        }
    }
    (u, due)
}

fn spawn_sweep(u: &Unit) -> Child {
    let a = u.store.args(OLA, &["retention", "sweep"]);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut c = command(&a);
    c.env("LD_PRELOAD", super::libfaketime())
        .env("FAKETIME", "+2h");
    spawn_command(c, &lines(&[&pass_of(OLA)]))
}

#[track_caller]
fn assert_sound(u: &Unit, what: &str) {
    for (user, args) in [
        (ADMIN, &["verify"][..]),
        (KARI, &["verify"][..]),
        (ADMIN, &["log", "verify"][..]),
    ] {
        let out = u.at("+2h", user, args);
        assert_eq!(
            code(&out),
            0,
            "{what}: {args:?} as {user}\n{}",
            describe(&out)
        );
    }
}

fn campaign() -> (usize, u64) {
    let points: usize = std::env::var("INFOFLYT_SWEEP_KILL_POINTS")
        .or_else(|_| std::env::var("INFOFLYT_KILL_POINTS"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let seed: u64 = std::env::var("INFOFLYT_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_2026_0008_0001);
    (points, seed)
}

/// The sweep under strace: with `kill_at`, SIGKILLed on entry to its Nth `pwrite64` (the
/// write does not happen); the trace goes to `trace`.
fn spawn_traced_sweep(u: &Unit, kill_at: Option<u64>, trace: &Path) -> Child {
    let mut c = Command::new("strace");
    c.args(["-f", "-qq", "-o"])
        .arg(trace)
        .args(["-e", "trace=pwrite64"]);
    if let Some(n) = kill_at {
        c.arg("-e")
            .arg(format!("inject=pwrite64:signal=KILL:when={n}"));
    }
    c.arg("--")
        .arg(bin())
        .args(u.store.args(OLA, &["retention", "sweep"]))
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("LD_PRELOAD", super::libfaketime())
        .env("FAKETIME", "+2h")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    spawn_command(c, &lines(&[&pass_of(OLA)]))
}

/// The one uninterrupted sweep every campaign compares with, and the state before it.
fn reference() -> (Unit, State, State) {
    let (base, due) = base();
    let before = state(&base);
    let whole = Unit {
        store: base.store.copy(),
    };
    ok(&spawn_sweep(&whole).wait_with_output().unwrap());
    let want = state(&whole);
    assert_eq!(want.persons.len(), before.persons.len() - 3);
    assert_eq!(want.retired, due.iter().copied().collect());
    assert_eq!(want.destroyed_rows.len(), 9, "{want:?}");
    assert!(want.destroyed_rows.values().all(|n| *n == 1));
    assert!(want.destroy_entries.values().all(|n| *n == 1));
    assert_eq!(want.checkpoint_due, 0);
    assert!(want.key_rows.0 < before.key_rows.0 && want.key_rows.1 < before.key_rows.1);
    assert_sound(&whole, "uninterrupted");
    (base, before, want)
}

#[test]
fn a_sweep_killed_before_any_of_its_database_writes_and_run_again_ends_as_one_uninterrupted_sweep()
{
    let (points, seed) = campaign();
    let (base, _, want) = reference();
    // Count the writes of one uninterrupted traced sweep.
    let counted = Unit {
        store: base.store.copy(),
    };
    let trace = counted.store.scratch().join("sweep.strace");
    ok(&spawn_traced_sweep(&counted, None, &trace)
        .wait_with_output()
        .unwrap());
    assert_eq!(state(&counted), want, "traced sweep");
    let writes = std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .filter(|l| l.contains("pwrite64("))
        .count() as u64;
    assert!(
        writes > 20,
        "a sweep of three folders writes more than {writes} times"
    );
    // Kill points: the first and the last write, and the rest drawn at random.
    let mut rng = Rng(seed | 1);
    let mut at: BTreeSet<u64> = [1, writes].into();
    while (at.len() as u64) < (points as u64).min(writes) {
        at.insert(1 + rng.next() % writes);
    }
    eprintln!(
        "sweep write-kill campaign: {} of {writes} writes, seed {seed}",
        at.len()
    );
    let mut killed = 0;
    for n in at {
        let u = Unit {
            store: base.store.copy(),
        };
        let trace = u.store.scratch().join("killed.strace");
        let out = spawn_traced_sweep(&u, Some(n), &trace)
            .wait_with_output()
            .unwrap();
        let what = format!("killed before write {n} of {writes}");
        if out.status.code().is_none() {
            killed += 1;
        } else {
            // Writes vary a little from run to run (page reuse): a run that made fewer
            // writes than n finished on its own.
            ok(&out);
        }
        ok(&spawn_sweep(&u).wait_with_output().unwrap());
        assert_eq!(state(&u), want, "{what}");
        assert_sound(&u, &what);
    }
    assert!(
        killed * 2 > points.min(writes as usize),
        "too few kills landed: {killed}"
    );
}

#[test]
fn a_sweep_killed_at_any_point_and_run_again_ends_as_one_uninterrupted_sweep() {
    let (points, seed) = campaign();
    eprintln!("sweep kill campaign: {points} points, seed {seed}");
    let (base, due) = base();
    let before = state(&base);
    let whole = Unit {
        store: base.store.copy(),
    };
    let t = Instant::now();
    ok(&spawn_sweep(&whole).wait_with_output().unwrap());
    let span = t.elapsed();
    let want = state(&whole);
    assert_eq!(want.persons.len(), before.persons.len() - 3);
    assert_eq!(want.retired, due.iter().copied().collect());
    assert_eq!(want.destroyed_rows.len(), 9, "{want:?}");
    assert!(want.destroyed_rows.values().all(|n| *n == 1));
    assert!(want.destroy_entries.values().all(|n| *n == 1));
    assert_eq!(want.checkpoint_due, 0);
    assert!(want.key_rows.0 < before.key_rows.0 && want.key_rows.1 < before.key_rows.1);
    assert_sound(&whole, "uninterrupted");

    let mut rng = Rng(seed | 1);
    let mut killed = 0;
    for i in 0..points {
        let u = Unit {
            store: base.store.copy(),
        };
        let at = Duration::from_micros(rng.next() % (span.as_micros() as u64 * 11 / 10 + 1));
        let mut child = spawn_sweep(&u);
        let started = Instant::now();
        let mut exited = false;
        while started.elapsed() < at {
            if child.try_wait().unwrap().is_some() {
                exited = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(1).min(at.saturating_sub(started.elapsed())));
        }
        if !exited {
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        let what = format!("point {i}: killed at {at:?} of {span:?}");
        if out.status.code() != Some(0) {
            killed += 1;
            assert!(
                out.status.code().is_none(),
                "{what}: it failed\n{}",
                describe(&out)
            );
        }
        ok(&spawn_sweep(&u).wait_with_output().unwrap());
        assert_eq!(state(&u), want, "{what}");
        assert_sound(&u, &what);
    }
    eprintln!("sweep kill campaign: {killed} of {points} killed before they finished");
    assert!(
        killed > points / 3,
        "too few kills landed during the run: {killed} of {points}"
    );
}
