//! Shared pieces of the benchmarks: timing by median of repeated runs, and store builders.
//! Benchmarks print ratios against a baseline measured in the same run (DESIGN.md §10).
#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

pub mod scale;

use infoflyt::crypto::Passphrase;
use infoflyt::identity::{unlock, Session};
use infoflyt::store::StorePaths;
use std::path::Path;
use std::time::{Duration, Instant};

/// Median wall time of `runs` runs of `f` (after one warm-up run).
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[t.len() / 2]
}

/// Formats a duration in the most readable unit.
pub fn fmt(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

/// Prints one line: what, time, and the ratio to a baseline.
pub fn report(what: &str, t: Duration, baseline_name: &str, baseline: Duration) {
    println!(
        "{what:<58} {:>10}   {:>7.2}× {baseline_name} ({})",
        fmt(t),
        t.as_secs_f64() / baseline.as_secs_f64().max(1e-12),
        fmt(baseline)
    );
}

pub use infoflyt::synthetic::{ADMIN_PASS, OFFICER_PASS};

/// A new local store with an admin and the officer `bench` (and `extra` more officers).
/// Argon2id is at its floor (64 MiB, one pass): unlock cost is the unlock benchmark's business.
pub fn new_store(dir: &Path, extra: usize) -> StorePaths {
    new_store_kdf(dir, extra, Duration::from_millis(1))
}

/// [`new_store`] with Argon2id calibrated to `kdf_target` (1 ms gives the floor).
pub fn new_store_kdf(dir: &Path, extra: usize, kdf_target: Duration) -> StorePaths {
    let paths = StorePaths::new(dir);
    infoflyt::synthetic::bench_store(&paths, extra, kdf_target).unwrap();
    paths
}

/// [`new_store`] whose Argon2id parameters are exactly those of the store at `like`, so that
/// whole-process figures of the two compare the same unlock.
pub fn new_store_like(dir: &Path, extra: usize, like: &Path) -> StorePaths {
    let paths = StorePaths::new(dir);
    let text = std::fs::read_to_string(like.join("keyslots.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let num = |k: &str| u32::try_from(v["slots"][0]["kdf"][k].as_u64().unwrap()).unwrap();
    let kdf = infoflyt::crypto::kdf::KdfParams {
        m_kib: num("m_kib"),
        t: num("t"),
        p: num("p"),
    };
    infoflyt::synthetic::bench_store_with(&paths, extra, Duration::from_millis(1), Some(kdf))
        .unwrap();
    paths
}

/// The Argon2id parameters of a store's first keyslot, as `m = … KiB, t = …, p = …`.
pub fn kdf_of(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("keyslots.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let k = &v["slots"][0]["kdf"];
    format!("m = {} KiB, t = {}, p = {}", k["m_kib"], k["t"], k["p"])
}

/// Unlocks as `name` (each officer has a passphrase of its own).
pub fn session(paths: &StorePaths, name: &str) -> Session {
    let pass = if name == "admin" {
        ADMIN_PASS.to_owned()
    } else {
        infoflyt::synthetic::officer_pass(name)
    };
    unlock(paths, name, &Passphrase::from(pass.as_str())).unwrap()
}

/// Whether SQLCipher's memory security is on for this run. It is, unless the benchmarks were
/// built with `--features bench-without-memory-security`, which never switches it on: the
/// only way to measure what it costs, since SQLCipher only ever switches it on, process-wide.
pub fn memory_security_on() -> bool {
    !cfg!(feature = "bench-without-memory-security")
}

/// What the store's connections run with, as a line for the report.
pub fn memory_security_note() -> &'static str {
    if memory_security_on() {
        ""
    } else {
        ", SQLCipher memory security never switched on (bench-without-memory-security)"
    }
}
