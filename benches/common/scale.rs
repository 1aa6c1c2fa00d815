//! Whether the hot-path commands cost the same in a small store and a large one (DESIGN §10,
//! issue 11): each as a library call in a session just unlocked (so its own page cache is
//! cold, as in a process of its own) and as the whole process a user runs, with the read
//! calls each makes (SQLite reads one page per call).
#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use super::{fmt, session, OFFICER_PASS};
use infoflyt::authz::Grading;
use infoflyt::documents::add::{Content, NewDoc};
use infoflyt::documents::reader::Use;
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// The read system calls this process has made so far (`syscr` of /proc/self/io).
pub fn reads_so_far() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    io.lines()
        .find_map(|l| l.strip_prefix("syscr: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// A store to measure in: the person and document the commands use.
pub struct Target {
    pub paths: StorePaths,
    pub person: i64,
    pub doc: String,
    pub label: String,
}

impl Target {
    /// Picks the newest person with a folder, and adds a 2 kB document there to show.
    pub fn new(paths: StorePaths, label: &str) -> Target {
        let mut s = session(&paths, "bench");
        let person: i64 = infoflyt::test_support::conn(&s)
            .query_row("SELECT max(person_id) FROM folders", [], |r| r.get(0))
            .unwrap();
        let doc = add(&mut s, person);
        Target {
            paths,
            person,
            doc,
            label: label.into(),
        }
    }
}

pub fn add(s: &mut Session, person: i64) -> String {
    s.add_document(NewDoc {
        person_id: person,
        grading: Grading::Fortrolig,
        title: "Benchmark".into(),
        source: infoflyt::documents::Source::Local,
        unverified: false,
        health_confidential: false,
        content: Content::Text(Zeroizing::new("x".repeat(2000))),
        info_date: None,
        exemption: None,
    })
    .unwrap()
    .journal_number
}

/// The hot-path commands, as the library calls the command line makes.
pub const COMMANDS: &[&str] = &[
    "doc add",
    "doc show",
    "doc list --person",
    "person show",
    "journal list --limit 20",
];

fn call(cmd: &str, s: &mut Session, t: &Target) {
    match cmd {
        "doc add" => {
            add(s, t.person);
        }
        "doc show" => {
            let mut d = s.open_document(&t.doc, Use::Show, None).unwrap();
            d.copy_to(&mut std::io::sink()).unwrap();
        }
        "doc list --person" => {
            s.documents(Some(t.person)).unwrap();
        }
        "person show" => {
            s.show_person(t.person).unwrap();
            s.person_links(t.person).unwrap();
            s.networks_of(t.person).unwrap();
            s.documents(Some(t.person)).unwrap();
            s.colocations(Some(t.person), None).unwrap();
        }
        _ => {
            s.journal_newest(None, 20).unwrap();
        }
    }
}

fn args(cmd: &str, t: &Target) -> Vec<String> {
    let p = t.person.to_string();
    let v: Vec<&str> = match cmd {
        "doc add" => vec![
            "doc",
            "add",
            "--person",
            &p,
            "--grading",
            "FORTROLIG",
            "--title",
            "Benchmark",
            "--source",
            "local",
            "--text",
            "x",
        ],
        "doc show" => vec!["doc", "show", &t.doc],
        "doc list --person" => vec!["doc", "list", "--person", &p],
        "person show" => vec!["person", "show", &p],
        "user list" => vec!["user", "list"],
        _ => vec!["journal", "list", "--limit", "20"],
    };
    v.into_iter().map(String::from).collect()
}

/// Median time and median read calls of `runs` library calls, each in a fresh session.
pub fn library(cmd: &str, t: &Target, runs: usize) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut reads = Vec::new();
    for _ in 0..=runs {
        let mut s = session(&t.paths, "bench");
        let r0 = reads_so_far();
        let t0 = Instant::now();
        call(cmd, &mut s, t);
        times.push(t0.elapsed());
        reads.push(reads_so_far() - r0);
        infoflyt::sitting::end(&mut s).unwrap();
    }
    // The first run warms the operating system's cache.
    times.remove(0);
    reads.remove(0);
    times.sort();
    reads.sort_unstable();
    (times[times.len() / 2], reads[reads.len() / 2])
}

fn process(t: &Target, cmd: &str, strace: Option<&Path>) -> Duration {
    let bin = env!("CARGO_BIN_EXE_infoflyt");
    let mut c = match strace {
        Some(out) => {
            let mut c = Command::new("strace");
            c.args(["-f", "-c", "-e", "trace=read,pread64", "-o"])
                .arg(out)
                .arg(bin);
            c
        }
        None => Command::new(bin),
    };
    c.arg("--store")
        .arg(t.paths.dir())
        .args(["--user", "bench", "--passphrase-fd", "0"])
        .args(args(cmd, t))
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let t0 = Instant::now();
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{OFFICER_PASS}\n").as_bytes())
        .unwrap();
    let st = child.wait().unwrap();
    let el = t0.elapsed();
    assert!(st.success(), "{cmd} failed in {}", t.label);
    el
}

/// Read calls of one whole process, counted by strace (None if strace is missing).
fn process_reads(t: &Target, cmd: &str) -> Option<u64> {
    let out = tempfile::NamedTempFile::new().unwrap();
    Command::new("strace").arg("-V").output().ok()?;
    process(t, cmd, Some(out.path()));
    let text = std::fs::read_to_string(out.path()).ok()?;
    let n = text
        .lines()
        .filter(|l| l.ends_with(" read") || l.ends_with(" pread64"))
        .filter_map(|l| l.split_whitespace().nth(3)?.parse::<u64>().ok())
        .sum();
    Some(n)
}

/// Median wall time of `runs` whole processes.
pub fn processes(cmd: &str, t: &Target, runs: usize) -> Duration {
    process(t, cmd, None);
    let mut v: Vec<Duration> = (0..runs).map(|_| process(t, cmd, None)).collect();
    v.sort();
    v[v.len() / 2]
}

/// Every command in both stores, interleaved so drift on a shared machine hits both alike;
/// prints time and reads side by side, and the ratios.
pub fn compare(small: &Target, large: &Target, runs: usize) {
    println!(
        "\n{:<26} {:>10} {:>10} {:>7}   {:>8} {:>8}   (library call in a fresh session; reads = read calls ≈ pages)",
        "command", small.label, large.label, "ratio", "reads", "reads"
    );
    for cmd in COMMANDS {
        let (ts, rs) = library(cmd, small, runs);
        let (tl, rl) = library(cmd, large, runs);
        println!(
            "{cmd:<26} {:>10} {:>10} {:>6.2}×   {rs:>8} {rl:>8}",
            fmt(ts),
            fmt(tl),
            tl.as_secs_f64() / ts.as_secs_f64()
        );
    }
    println!(
        "\n{:<26} {:>10} {:>10} {:>7}   {:>8} {:>8}   (whole process, unlock included; reads by strace)",
        "command", small.label, large.label, "ratio", "reads", "reads"
    );
    for cmd in std::iter::once(&"user list").chain(COMMANDS) {
        let ts = processes(cmd, small, runs);
        let tl = processes(cmd, large, runs);
        let show = |r: Option<u64>| r.map_or("-".to_string(), |n| n.to_string());
        println!(
            "{cmd:<26} {:>10} {:>10} {:>6.2}×   {:>8} {:>8}",
            fmt(ts),
            fmt(tl),
            tl.as_secs_f64() / ts.as_secs_f64(),
            show(process_reads(small, cmd)),
            show(process_reads(large, cmd))
        );
    }
}
