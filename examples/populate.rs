//! Fills a new store with synthetic persons, documents and log entries, for the scale
//! benchmarks (DESIGN.md §10):
//!
//! ```text
//! cargo run --release --example populate -- /tmp/big --docs 1000000 --log 10000000
//! INFOFLYT_BENCH_LARGE_STORE=/tmp/big cargo bench --bench documents
//! ```
//!
//! The store's officer is `bench`, with the passphrase `synthetic::OFFICER_PASS`.
#![allow(clippy::print_stdout)]

use infoflyt::crypto::Passphrase;
use infoflyt::store::StorePaths;
use infoflyt::synthetic::{bench_store, populate, Plan, OFFICER_PASS};
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: u64) -> Result<u64, String> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.replace('_', "").parse().ok())
            .ok_or_else(|| format!("{name} needs a number")),
        None => Ok(default),
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or("usage: populate DIR [--persons N] [--docs N] [--log N]")?;
    let docs = arg(&args, "--docs", 1_000_000)?;
    let log = arg(&args, "--log", 10_000_000)?.max(docs);
    let persons = arg(&args, "--persons", (docs / 10).max(1))?;
    let paths = StorePaths::new(dir);
    bench_store(&paths, 0, Duration::from_millis(500)).map_err(|e| e.to_string())?;
    let (mut s, _) = infoflyt::sitting::begin(
        &paths,
        "bench",
        &Passphrase::from(OFFICER_PASS),
        |_, _, _| {},
    )
    .map_err(|e| e.to_string())?;
    let plan = Plan {
        persons,
        documents: docs,
        log_entries: log,
    };
    let total = persons + log;
    let t = Instant::now();
    let mut last = 0;
    populate(&mut s, plan, |done, _| {
        if done * 100 / total.max(1) > last {
            last = done * 100 / total.max(1);
            eprint!("\rpopulating: {last}%");
        }
    })
    .map_err(|e| e.to_string())?;
    eprintln!();
    infoflyt::sitting::end(&mut s).map_err(|e| e.to_string())?;
    println!(
        "{dir}: {persons} persons, {docs} documents, {log} log entries in {:.1} s; officer \
         `bench`, passphrase `{OFFICER_PASS}`",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
