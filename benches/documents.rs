//! Documents and the use log (issue 3), each against a physical baseline measured in the
//! same run:
//! - adding a 1 MB document vs ring's raw AES-256-GCM over the same bytes plus a plain-SQLite
//!   insert of them (same SQLite, no key, WAL, synchronous=FULL);
//! - `log verify` entries per second vs raw SHA-256 + Ed25519 verification of the same entries;
//! - `doc add` and `doc show` in a store of 10 documents vs a large one. The large store is
//!   `INFOFLYT_BENCH_LARGE_STORE` if set (made by `cargo run --release --example populate --
//!   DIR --docs 1000000 --log 10000000`), else one of 100 000 documents and 1 000 000 log
//!   entries generated here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::type_complexity
)]

mod common;

use common::{median, new_store, report, session};
use infoflyt::authz::Grading;
use infoflyt::documents::add::{Content, NewDoc};
use infoflyt::documents::reader::Use;
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use infoflyt::synthetic::{populate, Plan};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

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

fn show(s: &mut Session, jno: &str) {
    let mut d = s.open_document(jno, Use::Show, None).unwrap();
    d.copy_to(&mut std::io::sink()).unwrap();
}

fn first_person(s: &Session) -> i64 {
    infoflyt::test_support::conn(s)
        .query_row("SELECT min(id) FROM persons", [], |r| r.get(0))
        .unwrap()
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!("infoflyt document benchmarks (median of repeated runs)\n");

    // 1. A 1 MB document vs AES-GCM + plain SQLite.
    let small = new_store(&tmp.path().join("small"), 0);
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

    // 2. log verify vs raw SHA-256 + Ed25519 on the same entries.
    let entries = 20_000u64;
    populate(
        &mut s,
        Plan {
            persons: 0,
            documents: 0,
            log_entries: entries,
        },
        |_, _| {},
    )
    .unwrap();
    let count: i64 = infoflyt::test_support::conn(&s)
        .query_row("SELECT count(*) FROM use_log", [], |r| r.get(0))
        .unwrap();
    let t0 = Instant::now();
    s.verify_log(|_, _| {}).unwrap();
    let t_verify = t0.elapsed();
    let rows: Vec<(Vec<u8>, Vec<u8>, Vec<u8>, String)> = {
        let mut st = infoflyt::test_support::conn(&s)
            .prepare("SELECT hash, signer, signature, time || user_name || act || coalesce(journal_number, '') FROM use_log")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let t0 = Instant::now();
    for (hash, signer, sig, fields) in &rows {
        let mut m = hash.clone();
        m.extend_from_slice(fields.as_bytes());
        std::hint::black_box(ring::digest::digest(&ring::digest::SHA256, &m));
        let mut msg = b"infoflyt use log entry v1\0".to_vec();
        msg.extend_from_slice(hash);
        ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, signer)
            .verify(&msg, sig)
            .unwrap();
    }
    let t_raw = t0.elapsed();
    let per = |t: Duration| count as f64 / t.as_secs_f64();
    println!(
        "{:<58} {:>10.0}/s   {:>7.2}× raw SHA-256 + Ed25519 ({:.0}/s)",
        format!("log verify, {count} entries"),
        per(t_verify),
        t_verify.as_secs_f64() / t_raw.as_secs_f64(),
        per(t_raw)
    );

    // 3. Cost must not grow with the store.
    let large_env = std::env::var("INFOFLYT_BENCH_LARGE_STORE").ok();
    let large = match &large_env {
        Some(d) => StorePaths::new(d),
        None => {
            let p = new_store(&tmp.path().join("large"), 0);
            let mut l = session(&p, "bench");
            println!("\n(generating a store of 100 000 documents and 1 000 000 log entries; set INFOFLYT_BENCH_LARGE_STORE for the full-size one)");
            populate(
                &mut l,
                Plan {
                    persons: 10_000,
                    documents: 100_000,
                    log_entries: 1_000_000,
                },
                |_, _| {},
            )
            .unwrap();
            p
        }
    };
    let mut l = session(&large, "bench");
    let (docs, log): (i64, i64) = infoflyt::test_support::conn(&l)
        .query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM use_log)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let small_doc = add(
        &mut s,
        person,
        Content::Text(Zeroizing::new("x".repeat(2000))),
    );
    let lp = first_person(&l);
    let large_doc = add(&mut l, lp, Content::Text(Zeroizing::new("x".repeat(2000))));
    let text = || Content::Text(Zeroizing::new("x".repeat(2000)));
    let a_small = median(30, || {
        add(&mut s, person, text());
    });
    let a_large = median(30, || {
        add(&mut l, lp, text());
    });
    let s_small = median(30, || show(&mut s, &small_doc));
    let s_large = median(30, || show(&mut l, &large_doc));
    println!();
    report(
        &format!("doc add, 2 kB, store of {docs} docs / {log} log entries"),
        a_large,
        "same in a 10-document store",
        a_small,
    );
    report(
        &format!("doc show, 2 kB, store of {docs} docs / {log} log entries"),
        s_large,
        "same in a 10-document store",
        s_small,
    );
}
