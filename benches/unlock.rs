//! Unlock benchmark (issue 2): what unlocking costs, next to the physical limit measured in
//! the same run (DESIGN.md §10).
//!
//! Unlock is meant to cost about one Argon2id derivation (~0.5 s by calibration) and little
//! else. This benchmark makes a store with the production calibration, reads the Argon2id
//! parameters its keyslot actually holds, and times, interleaved so drift hits all alike:
//!
//! - raw Argon2id (RustCrypto `argon2`) with exactly those parameters and that salt;
//! - opening the keyslot (Argon2id + HKDF + AES-GCM unwrap of the store key);
//! - `identity::unlock`, the whole path a command takes before it can read anything;
//! - opening the store alone: `Db::open` with the store key (SQLCipher keying, pragmas,
//!   first authenticated read of page 1, WAL mode), and beside it a plain unkeyed SQLite
//!   open of a database with the same schema, the storage baseline.
//!
//! It prints each median and the ratios: unlock / raw Argon2id should be close to 1, and
//! unlock − raw Argon2id is the cost of everything that is not the KDF.
//!
//! `cargo bench --bench unlock` runs 7 rounds (well under a minute); run without `--bench`
//! (as `cargo test --benches` does) it makes one round only, as a smoke test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argon2::{Algorithm, Argon2, Params, Version};
use infoflyt::crypto::{unhex, Passphrase};
use infoflyt::identity::keyslots::{KeyslotFile, Lookup};
use infoflyt::identity::setup::InitParams;
use infoflyt::identity::Level;
use infoflyt::sitting::create_store;
use infoflyt::store::db::Db;
use infoflyt::store::StorePaths;
use std::hint::black_box;
use std::time::{Duration, Instant};

const ADMIN: &str = "bench";
const PASS: &str = "a passphrase for the unlock benchmark";

/// Times `f` once.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

/// Median and minimum of a set of timings.
fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0])
}

fn fmt(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

fn main() {
    // `cargo bench` passes --bench; anything else (cargo test --benches) is a smoke run.
    let full = std::env::args().any(|a| a == "--bench");
    let rounds = if full { 7 } else { 1 };
    let open_rounds = if full { 50 } else { 2 };

    let tmp = tempfile::tempdir().unwrap();
    let paths = StorePaths::new(tmp.path().join("store"));
    let pass = Passphrase::from(PASS);
    let made = time(|| {
        create_store(
            &paths,
            &InitParams {
                level: Level::Local,
                unit: "Bench fengsel".into(),
                region: Some("Region bench".into()),
                admin: ADMIN.into(),
                kdf_target: Duration::from_millis(500),
                kdf: None,
                demo: false,
            },
            &pass,
        )
        .unwrap()
    });

    // The parameters and salt exactly as stored in the admin's keyslot.
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(paths.keyslots()).unwrap()).unwrap();
    let slot = &file["slots"][0];
    let num = |k: &str| u32::try_from(slot["kdf"][k].as_u64().unwrap()).unwrap();
    let (m_kib, t, p) = (num("m_kib"), num("t"), num("p"));
    let salt = unhex(slot["salt"].as_str().unwrap()).unwrap();
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(m_kib, t, p, Some(32)).unwrap(),
    );
    let raw_argon2 = || {
        let mut out = [0u8; 32];
        argon
            .hash_password_into(PASS.as_bytes(), &salt, &mut out)
            .unwrap();
        out
    };

    // The store key, through the keyslot, for opening the database alone.
    let keyslots = KeyslotFile::load(&paths).unwrap();
    let Lookup::Slot(admin_slot) = keyslots.lookup(ADMIN).unwrap() else {
        panic!("the admin has no keyslot");
    };
    let open_slot = || keyslots.open(admin_slot, ADMIN, &pass).unwrap();
    let store_key = infoflyt::test_support::store_key(paths.dir(), ADMIN, PASS).unwrap();

    // A plain SQLite database (no key) with the same schema, the storage baseline.
    let plain_path = tmp.path().join("plain.db");
    {
        let mut c = rusqlite::Connection::open(&plain_path).unwrap();
        infoflyt::store::migrate::apply(&mut c).unwrap();
        c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
    }
    let open_plain = || {
        let c = rusqlite::Connection::open(&plain_path).unwrap();
        c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
        c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        c
    };

    // Warm up each path once, then interleave the rounds.
    black_box(raw_argon2());
    black_box(open_slot());
    drop(infoflyt::identity::unlock(&paths, ADMIN, &pass).unwrap());
    drop(Db::open(&paths.db(), &store_key).unwrap());
    drop(open_plain());
    let (mut raw, mut slot_open, mut unlock) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        raw.push(time(raw_argon2));
        slot_open.push(time(open_slot));
        unlock.push(time(|| {
            infoflyt::identity::unlock(&paths, ADMIN, &pass).unwrap()
        }));
    }
    let (mut db_open, mut plain_open) = (Vec::new(), Vec::new());
    for _ in 0..open_rounds {
        db_open.push(time(|| Db::open(&paths.db(), &store_key).unwrap()));
        plain_open.push(time(open_plain));
    }
    let cipher = Db::open(&paths.db(), &store_key)
        .unwrap()
        .cipher_version()
        .unwrap();

    let (raw_m, raw_min) = stats(raw);
    let (slot_m, slot_min) = stats(slot_open);
    let (unlock_m, unlock_min) = stats(unlock);
    let (db_m, db_min) = stats(db_open);
    let (plain_m, plain_min) = stats(plain_open);
    let not_kdf = unlock_m.saturating_sub(raw_m);

    println!();
    println!(
        "unlock benchmark: Argon2id m = {m_kib} KiB ({} MiB), t = {t}, p = {p} (as stored in \
         the keyslot); SQLCipher {cipher}",
        m_kib / 1024
    );
    println!(
        "store created (calibration + first keyslot) in {}; {rounds} round(s) of the KDF paths, \
         {open_rounds} of the opens",
        fmt(made)
    );
    println!();
    println!(
        "{:<52} {:>10} {:>10} {:>14}",
        "", "median", "min", "÷ raw Argon2id"
    );
    let row = |what: &str, m: Duration, min: Duration| {
        println!(
            "{what:<52} {:>10} {:>10} {:>13.3}×",
            fmt(m),
            fmt(min),
            ratio(m, raw_m)
        );
    };
    row("raw Argon2id, same parameters and salt", raw_m, raw_min);
    row(
        "keyslot open (Argon2id + HKDF + AES-GCM unwrap)",
        slot_m,
        slot_min,
    );
    row("identity::unlock (the whole path)", unlock_m, unlock_min);
    row("open the store alone (Db::open with the key)", db_m, db_min);
    row("plain SQLite open, same schema, no key", plain_m, plain_min);
    println!();
    println!(
        "unlock / raw Argon2id            = {:.3}×",
        ratio(unlock_m, raw_m)
    );
    println!(
        "unlock − raw Argon2id            = {} ({:.1}% of unlock)",
        fmt(not_kdf),
        100.0 * ratio(not_kdf, unlock_m)
    );
    println!(
        "store open / unlock              = {:.2}%",
        100.0 * ratio(db_m, unlock_m)
    );
    println!(
        "store open / plain SQLite open   = {:.2}×",
        ratio(db_m, plain_m)
    );
}
