//! Retention (issue 8): destroying one folder must cost the same whatever the size of the
//! store (no whole-database VACUUM, no scan on the hot path). One folder of 10 documents is
//! destroyed (key erase, deletion, journal and log rows, write-ahead log truncated) in a
//! store of 100 documents and in a large one, in the same run; the large one is
//! `INFOFLYT_BENCH_LARGE_STORE` if set (made by `cargo run --release --example populate --
//! DIR --docs 1000000 --log 10000000`), else one of 100 000 documents generated here.
//!
//! The folder is destroyed through `Session::destroy_folder` under the transfer rule, which
//! is due at once; release and ten-year destructions take the same path after their time
//! check. Before each timed destruction the write-ahead log is checkpointed, so each one pays
//! for its own pages only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use common::{new_store, report, session};
use infoflyt::identity::Session;
use infoflyt::retention::Rule;
use infoflyt::store::StorePaths;
use infoflyt::synthetic::{populate, Plan};
use std::time::{Duration, Instant};

/// Makes two persons with ten documents each, then destroys the first one's folder; returns
/// the time of the destruction alone. (The second stays, so the newest person id is never a
/// destroyed one.)
fn destroy_one(s: &mut Session, round: usize) -> Duration {
    populate(
        s,
        Plan {
            persons: 2,
            documents: 20,
            log_entries: 20,
        },
        |_, _| {},
    )
    .unwrap();
    let c = infoflyt::test_support::conn(s);
    let person: i64 = c
        .query_row("SELECT max(id) - 1 FROM persons", [], |r| r.get(0))
        .unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let t = Instant::now();
    let d = s
        .destroy_folder(
            person,
            Rule::Transfer {
                receipt: format!("bench-{round}"),
            },
        )
        .unwrap();
    let took = t.elapsed();
    assert_eq!(d.versions.len(), 10);
    took
}

fn median_destroy(s: &mut Session, runs: usize) -> Duration {
    destroy_one(s, 0);
    let mut t: Vec<Duration> = (1..=runs).map(|i| destroy_one(s, i)).collect();
    t.sort();
    t[t.len() / 2]
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!("infoflyt retention benchmark (median of repeated runs)\n");
    let small = new_store(&tmp.path().join("small"), 0);
    let mut s = session(&small, "bench");
    populate(
        &mut s,
        Plan {
            persons: 10,
            documents: 100,
            log_entries: 100,
        },
        |_, _| {},
    )
    .unwrap();

    let large_env = std::env::var("INFOFLYT_BENCH_LARGE_STORE").ok();
    let large = match &large_env {
        Some(d) => StorePaths::new(d),
        None => {
            let p = new_store(&tmp.path().join("large"), 0);
            let mut l = session(&p, "bench");
            println!("(generating a store of 100 000 documents; set INFOFLYT_BENCH_LARGE_STORE for the full-size one)");
            populate(
                &mut l,
                Plan {
                    persons: 10_000,
                    documents: 100_000,
                    log_entries: 200_000,
                },
                |_, _| {},
            )
            .unwrap();
            p
        }
    };
    let mut l = session(&large, "bench");
    let docs: i64 = infoflyt::test_support::conn(&l)
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    let t_small = median_destroy(&mut s, 15);
    let t_large = median_destroy(&mut l, 15);
    report(
        &format!("destroy one folder of 10 documents, store of {docs} docs"),
        t_large,
        "same in a 100-document store",
        t_small,
    );
}
