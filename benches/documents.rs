//! Documents and the use log (issues 3 and 11), each against a baseline measured in the same
//! run, because on a shared machine only ratios travel:
//! - adding a 1 MB document vs ring's raw AES-256-GCM over the same bytes plus a plain-SQLite
//!   insert of them (same SQLite, no key, WAL, synchronous=FULL);
//! - appending signed log entries in bulk (one transaction) vs raw Ed25519 signing;
//! - `log verify` vs raw Ed25519 verification of the same entries on every core, and
//!   `log verify --no-signatures` vs raw SHA-256 of the same entries' fields;
//! - `doc add`, `doc show`, `doc list --person`, `person show` and `journal list --limit` in a
//!   store of 10 documents vs a large one, as library calls and as whole processes, with the
//!   read calls (pages) of each. The large store is `INFOFLYT_BENCH_LARGE_STORE` if set (made
//!   by `cargo run --release --example populate -- DIR --docs 1000000 --log 10000000`), else
//!   one of `INFOFLYT_BENCH_DOCS` documents (default 100 000) and ten log entries per
//!   document generated here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::type_complexity
)]

mod common;

use common::scale::{self, Target};
use common::{kdf_of, median, memory_security_note, new_store, new_store_like, report, session};
use infoflyt::audit::verify::Depth;
use infoflyt::authz::Grading;
use infoflyt::documents::add::{Content, NewDoc};
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use infoflyt::synthetic::{populate, Plan};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use std::path::Path;
use std::time::{Duration, Instant};

fn add(s: &mut Session, person: i64, content: Content) -> String {
    s.add_document(NewDoc {
        person_id: person,
        grading: Grading::Fortrolig,
        title: "Benchmark".into(),
        source: infoflyt::documents::Source::Local,
        unverified: false,
        health_confidential: false,
        content,
        info_date: None,
        exemption: None,
    })
    .unwrap()
    .journal_number
}

fn first_person(s: &Session) -> i64 {
    infoflyt::test_support::conn(s)
        .query_row("SELECT min(id) FROM persons", [], |r| r.get(0))
        .unwrap()
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!(
        "infoflyt document benchmarks (median of repeated runs){}\n",
        memory_security_note()
    );

    // 1. A 1 MB document vs AES-GCM + plain SQLite.
    // Against a store made by `populate` (Argon2id calibrated as `init` calibrates it), the
    // small store takes exactly its parameters, so that the whole-process figures compare
    // the same unlock (both stores' parameters are printed with them).
    let small_dir = tmp.path().join("small");
    let small = match std::env::var_os("INFOFLYT_BENCH_LARGE_STORE") {
        Some(large) => new_store_like(&small_dir, 0, Path::new(&large)),
        None => new_store(&small_dir, 0),
    };
    let mut s = session(&small, "bench");
    populate(
        &mut s,
        Plan {
            persons: 1,
            documents: 10,
            log_entries: 10,
        },
        |_, _| {},
    )
    .unwrap();
    let person = first_person(&s);
    let mb: Vec<u8> = (0..1_048_576u32)
        .map(|i| i.wrapping_mul(2_654_435_761) as u8)
        .collect();
    let file = tmp.path().join("one-mb");
    std::fs::write(&file, &mb).unwrap();
    let t_add = median(15, || {
        add(&mut s, person, Content::File(file.clone()));
    });
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[7u8; 32]).unwrap());
    let plain = rusqlite::Connection::open(tmp.path().join("plain.db")).unwrap();
    plain
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL);",
        )
        .unwrap();
    let mut n = 0u64;
    let t_base = median(15, || {
        let mut buf = mb.clone();
        n += 1;
        let mut nonce = [0u8; 12];
        nonce[4..].copy_from_slice(&n.to_be_bytes());
        key.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut buf)
            .unwrap();
        plain
            .execute("INSERT INTO blobs (data) VALUES (?1)", [&buf])
            .unwrap();
    });
    report(
        "doc add, 1 MB file (encrypt, journal, log, commit)",
        t_add,
        "AES-GCM + plain SQLite insert",
        t_base,
    );

    // 2. Appending in bulk (one transaction, as an import does) vs raw Ed25519 signing.
    let bulk = 20_000u64;
    let t0 = Instant::now();
    // One person: the generator makes nothing without a folder to write in.
    populate(
        &mut s,
        Plan {
            persons: 1,
            documents: 0,
            log_entries: bulk,
        },
        |_, _| {},
    )
    .unwrap();
    let t_append = t0.elapsed();
    let signer = ring::signature::Ed25519KeyPair::from_seed_unchecked(&[9u8; 32]).unwrap();
    let t0 = Instant::now();
    for i in 0..bulk {
        std::hint::black_box(signer.sign(&i.to_be_bytes()));
    }
    let t_sign = t0.elapsed();
    let rate = |n: u64, t: Duration| n as f64 / t.as_secs_f64();
    println!(
        "{:<58} {:>10.0}/s   {:>7.2}× raw Ed25519 signing, one core ({:.0}/s)",
        format!("log append in bulk, {bulk} entries in one transaction"),
        rate(bulk, t_append),
        t_append.as_secs_f64() / t_sign.as_secs_f64(),
        rate(bulk, t_sign)
    );

    // 3. log verify vs the two-core Ed25519 limit, and chain-only vs raw SHA-256.
    verify_figures(&s);

    // 4. Cost must not grow with the store.
    let large_env = std::env::var("INFOFLYT_BENCH_LARGE_STORE").ok();
    let large = match &large_env {
        Some(d) => StorePaths::new(d),
        None => {
            let p = new_store(&tmp.path().join("large"), 0);
            let mut l = session(&p, "bench");
            let plan = large_plan();
            println!(
                "\n(generating a store of {} documents and {} log entries; set \
                 INFOFLYT_BENCH_LARGE_STORE for the full-size one)",
                plan.documents, plan.log_entries
            );
            let t0 = Instant::now();
            populate(&mut l, plan, |_, _| {}).unwrap();
            println!("(generated in {})", common::fmt(t0.elapsed()));
            p
        }
    };
    let (docs, log) = {
        let l = session(&large, "bench");
        infoflyt::test_support::conn(&l)
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM use_log)",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .unwrap()
    };
    println!("\nlarge store: {docs} documents, {log} log entries; small store: 10 documents");
    println!(
        "Argon2id: small store {}; large store {}",
        kdf_of(small.dir()),
        kdf_of(large.dir())
    );
    let small_t = Target::new(small.clone(), "10 docs");
    let large_t = Target::new(large, &format!("{docs} docs"));
    drop(s);
    scale::compare(&small_t, &large_t, 15);
}

/// The large store generated when none is given: `INFOFLYT_BENCH_DOCS` documents (default
/// 100 000), ten log entries per document, a person per ten documents.
fn large_plan() -> Plan {
    let docs: u64 = std::env::var("INFOFLYT_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    Plan {
        persons: (docs / 10).max(1),
        documents: docs,
        log_entries: docs * 10,
    }
}

/// `log verify` in both modes, against the raw cryptography over the same entries measured
/// here: Ed25519 verification on every core (the two-core limit on a two-core machine) for
/// the full check, SHA-256 of each entry's fields on one core for the chain-only walk.
fn verify_figures(s: &Session) {
    let count: i64 = infoflyt::test_support::conn(s)
        .query_row("SELECT count(*) FROM use_log", [], |r| r.get(0))
        .unwrap();
    let t0 = Instant::now();
    s.verify_log_with(Depth::Full, |_, _| {}).unwrap();
    let t_full = t0.elapsed();
    let t0 = Instant::now();
    s.verify_log_with(Depth::ChainOnly, |_, _| {}).unwrap();
    let t_chain = t0.elapsed();
    // Each entry's signature inputs, and the bytes its hash covers (every field, as stored).
    let rows: Vec<(Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)> = {
        let mut st = infoflyt::test_support::conn(s)
            .prepare(
                "SELECT hash, signer, signature, prev_hash, time, user_name, unit, act, \
                 coalesce(person_id, ''), coalesce(journal_number, ''), \
                 coalesce(doc_version, ''), coalesce(purpose, ''), outcome, \
                 coalesce(detail, '') FROM use_log",
            )
            .unwrap();
        st.query_map([], |r| {
            let mut fields: Vec<u8> = r.get(3)?;
            for i in 4..14 {
                let v: rusqlite::types::Value = r.get(i)?;
                match v {
                    rusqlite::types::Value::Text(t) => fields.extend_from_slice(t.as_bytes()),
                    rusqlite::types::Value::Integer(n) => {
                        fields.extend_from_slice(&n.to_be_bytes())
                    }
                    _ => {}
                }
            }
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, fields))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t0 = Instant::now();
    std::thread::scope(|sc| {
        for part in rows.chunks(rows.len().div_ceil(cores).max(1)) {
            sc.spawn(move || {
                for (hash, signer, sig, _) in part {
                    let mut msg = b"infoflyt use log entry v1\0".to_vec();
                    msg.extend_from_slice(hash);
                    let ok =
                        ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, signer)
                            .verify(&msg, sig);
                    std::hint::black_box(ok).ok();
                }
            });
        }
    });
    let t_ed = t0.elapsed();
    let t0 = Instant::now();
    for (_, _, _, fields) in &rows {
        std::hint::black_box(ring::digest::digest(&ring::digest::SHA256, fields));
    }
    let t_sha = t0.elapsed();
    let per = |t: Duration| count as f64 / t.as_secs_f64();
    println!(
        "{:<58} {:>10.0}/s   {:>6.0} % of raw Ed25519 verify on {cores} cores ({:.0}/s)",
        format!("log verify, {count} entries"),
        per(t_full),
        100.0 * t_ed.as_secs_f64() / t_full.as_secs_f64(),
        per(t_ed)
    );
    println!(
        "{:<58} {:>10.0}/s   {:>6.0} % of raw SHA-256 of the same fields ({:.0}/s)",
        format!("log verify --no-signatures, {count} entries"),
        per(t_chain),
        100.0 * t_sha.as_secs_f64() / t_chain.as_secs_f64(),
        per(t_sha)
    );
}
