//! Issue 3: the register — persons, folders, graded documents, the journal, and the mandatory
//! use log (R1–R10, R14, R15; DESIGN.md §3, §4, §8, §9).
//!
//! One test (or a few) per point of the "How we will check", each named for what it
//! proves. They drive the real binary (helpers in `common`), and open the store at the library
//! level where the point is what someone *holding the store key* can do: tamper with the log,
//! or try to decrypt a folder they hold no key to.
//!
//! Users of every store made here: the first admin `boss` (not a folder reader), `kari`
//! (officer, strengt-fortrolig), `ola` (officer, fortrolig) and `kim` (clerical).

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::attacks::load_entries;
use common::*;
use infoflyt::audit::entry::{genesis, signed_message};
use infoflyt::crypto::sign::SigningKey;
use infoflyt::crypto::Passphrase;
use infoflyt::documents::reader::Use;
use infoflyt::identity::{self, Session};
use infoflyt::store::StorePaths;
use rusqlite::Connection;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Officer with strengt-fortrolig clearance.
const KARI: &str = "kari";
const KARI_PASS: &str = "kari passphrase for tests";
/// Officer with fortrolig clearance.
const OLA: &str = "ola";
const OLA_PASS: &str = "ola passphrase for tests";
/// Clerical staff: journal and packaging, never contents (R18).
const KIM: &str = "kim";
const KIM_PASS: &str = "kim passphrase for tests";

fn pass_of(user: &str) -> &'static str {
    match user {
        KARI => KARI_PASS,
        OLA => OLA_PASS,
        KIM => KIM_PASS,
        ADMIN => ADMIN_PASS,
        other => panic!("no passphrase known for {other}"),
    }
}

/// A local store with the four users above.
struct Reg {
    store: Store,
}

impl Reg {
    fn new() -> Reg {
        let store = Store::cached("register", || {
            let store = Store::new_local();
            store.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
            store.add_user(OLA, "officer", "fortrolig", OLA_PASS);
            store.add_user(KIM, "clerical", "fortrolig", KIM_PASS);
            store
        });
        Reg { store }
    }

    /// An independent copy of the store's files.
    fn copy(&self) -> Reg {
        Reg {
            store: self.store.copy(),
        }
    }

    fn dir(&self) -> &Path {
        &self.store.dir
    }

    /// Scratch room beside (not inside) the store directory.
    fn scratch(&self) -> &Path {
        self.store.scratch()
    }

    fn run(&self, user: &str, args: &[&str]) -> Output {
        self.store.run(user, pass_of(user), args)
    }

    #[track_caller]
    fn ok(&self, user: &str, args: &[&str]) -> Output {
        let out = self.run(user, args);
        ok(&out);
        out
    }

    #[track_caller]
    fn json(&self, user: &str, args: &[&str]) -> Value {
        self.store.json(user, pass_of(user), args)
    }

    /// `person add` as kari; returns the id printed by `--json`.
    #[track_caller]
    fn person(&self, name: &str, kind: &str, unit: Option<&str>) -> i64 {
        let mut a = vec!["person", "add", "--name", name, "--kind", kind];
        if let Some(u) = unit {
            a.extend_from_slice(&["--unit", u]);
        }
        let v = self.json(KARI, &a);
        v["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("person add --json prints no integer id: {v}"))
    }

    /// `doc add` as kari with `content` (`--text T` or `--file F`) and `extra` options;
    /// returns the journal number.
    #[track_caller]
    fn add_doc(
        &self,
        person: i64,
        grading: &str,
        title: &str,
        content: &[&str],
        extra: &[&str],
    ) -> String {
        let p = person.to_string();
        let mut a = vec![
            "doc",
            "add",
            "--person",
            &p,
            "--grading",
            grading,
            "--title",
            title,
            "--source",
            "kripos",
        ];
        a.extend_from_slice(content);
        a.extend_from_slice(extra);
        // Police information is unverified unless said otherwise: these tests say which.
        if !extra.contains(&"--unverified") {
            a.push("--verified");
        }
        let v = self.json(KARI, &a);
        jno_of(&v)
    }

    /// The whole use log, as kari sees it with `log list --json`.
    #[track_caller]
    fn log(&self) -> Vec<Value> {
        array(self.json(KARI, &["log", "list"]))
    }

    /// Log entries after sequence number `after`.
    #[track_caller]
    fn log_after(&self, after: i64) -> Vec<Value> {
        self.log().into_iter().filter(|e| seq(e) > after).collect()
    }

    /// The newest sequence number (0 for an empty log).
    #[track_caller]
    fn last_seq(&self) -> i64 {
        self.log().last().map(seq).unwrap_or(0)
    }

    #[track_caller]
    fn journal(&self) -> Vec<Value> {
        array(self.json(KARI, &["journal", "list"]))
    }

    #[track_caller]
    fn docs(&self) -> Vec<Value> {
        array(self.json(KARI, &["doc", "list"]))
    }

    /// `log verify` as kari.
    fn verify_log(&self) -> Output {
        self.run(KARI, &["log", "verify"])
    }
}

#[track_caller]
fn array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        other => panic!("expected a JSON array, got {other}"),
    }
}

#[track_caller]
fn jno_of(v: &Value) -> String {
    v["journal_number"]
        .as_str()
        .unwrap_or_else(|| panic!("no journal_number in {v}"))
        .to_owned()
}

#[track_caller]
fn seq(e: &Value) -> i64 {
    e["seq"]
        .as_i64()
        .unwrap_or_else(|| panic!("log entry without seq: {e}"))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// Asserts `entry` is one successful `act` by `user` on `jno`.
#[track_caller]
fn assert_entry(entry: &Value, act: &str, user: &str, jno: &str) {
    assert_eq!(s(&entry["act"]), act, "{entry}");
    assert_eq!(s(&entry["user"]), user, "{entry}");
    assert_eq!(s(&entry["journal_number"]), jno, "{entry}");
    assert_eq!(s(&entry["outcome"]), "ok", "{entry}");
    assert!(!s(&entry["time"]).is_empty(), "{entry}");
}

/// Asserts `entry` is a logged refusal of `what` by `user` on `jno`, naming `rule`.
#[track_caller]
fn assert_refusal(entry: &Value, what: &str, user: &str, jno: Option<&str>, rule: &str) {
    assert_eq!(s(&entry["act"]), "refused", "{entry}");
    assert_eq!(s(&entry["outcome"]), "refused", "{entry}");
    assert_eq!(s(&entry["user"]), user, "{entry}");
    if let Some(j) = jno {
        assert_eq!(s(&entry["journal_number"]), j, "{entry}");
    }
    assert_eq!(
        s(&entry["detail"]),
        format!("{what} refused: {rule}"),
        "{entry}"
    );
}

/// The current UTC year, as journal numbers carry it.
fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

/// Splits `YYYY/NNNNN` into year and sequence, asserting the form.
#[track_caller]
fn split_jno(j: &str) -> (i32, u32) {
    let ok = j.len() == 10
        && j.as_bytes()[4] == b'/'
        && j[..4].bytes().all(|b| b.is_ascii_digit())
        && j[5..].bytes().all(|b| b.is_ascii_digit());
    assert!(ok, "journal number {j:?} is not of the form YYYY/NNNNN");
    (j[..4].parse().unwrap(), j[5..].parse().unwrap())
}

/// Unlocks the store at the library level: the test now holds the store key, as anyone with
/// a passphrase does.
fn session(dir: &Path, user: &str) -> Session {
    identity::unlock(
        &StorePaths::new(dir),
        user,
        &Passphrase::from(pass_of(user)),
    )
    .unwrap_or_else(|e| panic!("unlock as {user}: {e}"))
}

/// A small deterministic generator (xorshift64*) for test files: no dependency, any size.
struct Prng(u64);

impl Prng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn fill(&mut self, buf: &mut [u8]) {
        for c in buf.chunks_mut(8) {
            let v = self.next().to_le_bytes();
            c.copy_from_slice(&v[..c.len()]);
        }
    }
}

/// Writes `len` pseudo-random bytes to `path`, streaming; returns their SHA-256.
fn write_random_file(path: &Path, len: usize, seed: u64) -> Vec<u8> {
    let mut rng = Prng(seed);
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0u8; 1 << 16];
    let mut left = len;
    while left > 0 {
        let n = left.min(buf.len());
        rng.fill(&mut buf[..n]);
        f.write_all(&buf[..n]).unwrap();
        ctx.update(&buf[..n]);
        left -= n;
    }
    f.flush().unwrap();
    ctx.finish().as_ref().to_vec()
}

/// SHA-256 of a file, streaming.
fn sha256_file(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut f = fs::File::open(path).unwrap();
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        ctx.update(&buf[..n]);
    }
    ctx.finish().as_ref().to_vec()
}

/// The names of the files in `dir`.
fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Runs the binary as `user` under a file-size limit of `blocks` × 512 bytes (`ulimit -f`),
/// with SIGXFSZ ignored so that a write past the limit fails with EFBIG instead of killing
/// the process: the store's files cannot grow, as on a full disk.
fn run_with_fsize_limit(store: &Store, user: &str, blocks: u32, args: &[&str]) -> Output {
    let a = store.args(user, args);
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} || exit 99; exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(&a)
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = spawn_command(c, &lines(&[pass_of(user)]))
        .wait_with_output()
        .expect("wait for sh");
    assert_ne!(out.status.code(), Some(99), "ulimit -f {blocks} failed");
    out
}

// ---------------------------------------------------------------------------------------
// Plaintext never reaches the store's files (DESIGN.md §3).
// ---------------------------------------------------------------------------------------

/// Like `common::assert_no_plaintext` (the same encodings: UTF-8, UTF-16LE/BE, any ASCII
/// case), but one pass over each file for all needles, so that scanning a store of several
/// megabytes stays fast in an unoptimised test build.
#[track_caller]
fn assert_no_sentinel(dir: &Path, sentinels: &[&str], when: &str) {
    let mut needles: Vec<(String, &'static str, Vec<u8>)> = Vec::new();
    for s in sentinels {
        for (enc, n) in encodings(&s.to_ascii_lowercase()) {
            needles.push(((*s).to_owned(), enc, n));
        }
    }
    let mut by_first: Vec<Vec<usize>> = vec![Vec::new(); 256];
    for (i, (_, _, n)) in needles.iter().enumerate() {
        by_first[usize::from(n[0])].push(i);
    }
    let mut scanned = 0usize;
    for (path, bytes) in files_in(dir) {
        let lower = bytes.to_ascii_lowercase();
        for at in 0..lower.len() {
            for &i in &by_first[usize::from(lower[at])] {
                let (s, enc, n) = &needles[i];
                if lower[at..].starts_with(n) {
                    panic!(
                        "{when}: plaintext {s:?} ({enc}) found in {} at byte {at}",
                        path.display()
                    );
                }
            }
        }
        scanned += 1;
    }
    assert!(scanned >= 2, "{when}: nothing to scan in {}", dir.display());
}

const TEXT_SENTINEL: &str = "QZV-SENTINEL-TEXT-4417-Kjeldsen";
const FILE_SENTINEL: &str = "QZV-SENTINEL-FILE-9902-Ravnsborg";
const TITLE_SENTINEL: &str = "QZV-SENTINEL-TITLE-3318";
const REVISED_SENTINEL: &str = "QZV-SENTINEL-REVISED-5521";

#[test]
fn sentinel_in_document_text_or_attached_file_never_appears_in_any_store_file() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));

    // A 2.5 MiB file of random bytes with the sentinel at the start, straddling the first
    // 1 MiB chunk boundary, and at the very end.
    let file = reg.scratch().join("scan.bin");
    write_random_file(&file, 5 << 19, 7);
    let mut bytes = fs::read(&file).unwrap();
    let fs_ = FILE_SENTINEL.as_bytes();
    bytes[..fs_.len()].copy_from_slice(fs_);
    let at = (1 << 20) - fs_.len() / 2;
    bytes[at..at + fs_.len()].copy_from_slice(fs_);
    let end = bytes.len() - fs_.len();
    bytes[end..].copy_from_slice(fs_);
    fs::write(&file, &bytes).unwrap();
    let file_s = file.display().to_string();

    let all = [
        TEXT_SENTINEL,
        FILE_SENTINEL,
        TITLE_SENTINEL,
        REVISED_SENTINEL,
    ];

    // Hold a connection open in this process while the binary writes, so the binary cannot
    // checkpoint and remove the WAL when it exits: the scan then sees the WAL (and -shm) as
    // they are right after `doc add`, with the freshly written pages in them.
    let holder = session(reg.dir(), ADMIN);
    let text = format!("Opplysninger: {TEXT_SENTINEL} er observert med kontaktene sine.");
    let j_text = reg.add_doc(p, "FORTROLIG", TITLE_SENTINEL, &["--text", &text], &[]);
    let j_file = reg.add_doc(
        p,
        "STRENGT_FORTROLIG",
        "Skannet rapport",
        &["--file", &file_s],
        &[],
    );
    let wal = reg.dir().join("infoflyt.db-wal");
    assert!(
        fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false),
        "the WAL should still hold the new pages while another connection is open; files: {:?}",
        names_in(reg.dir())
    );
    assert_no_sentinel(reg.dir(), &all, "right after doc add (WAL present)");

    // Using, correcting and regrading (which re-encrypts) leaves no plaintext either.
    let out = reg.ok(KARI, &["doc", "show", &j_text]);
    assert!(stdout(&out).contains(TEXT_SENTINEL), "{}", describe(&out));
    let exported = reg.scratch().join("exported.bin");
    reg.ok(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j_file,
            "--out",
            &exported.display().to_string(),
        ],
    );
    assert_eq!(fs::read(&exported).unwrap(), bytes);
    let revised = format!("Rettet: {REVISED_SENTINEL}");
    reg.ok(KARI, &["doc", "revise", &j_text, "--text", &revised]);
    reg.ok(
        KARI,
        &["doc", "regrade", &j_text, "--grading", "STRENGT_FORTROLIG"],
    );
    reg.ok(KARI, &["doc", "derive", &j_file, "--file", &file_s]);
    assert_no_sentinel(
        reg.dir(),
        &all,
        "after show, export, revise, regrade, derive (WAL present)",
    );
    drop(holder);

    // And once every process has closed the store.
    reg.ok(KARI, &["doc", "list"]);
    assert_no_sentinel(reg.dir(), &all, "after every process closed the store");

    // The scan itself finds what is there: the plaintext file beside the store, and the
    // sentinel in UTF-16 and another letter case.
    let found = std::panic::catch_unwind(|| {
        assert_no_sentinel(reg.scratch(), &[FILE_SENTINEL], "control");
    });
    assert!(found.is_err(), "the scan missed the sentinel in {file_s}");
    let control = reg.scratch().join("control");
    fs::create_dir(&control).unwrap();
    let utf16: Vec<u8> = TEXT_SENTINEL
        .to_ascii_uppercase()
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    fs::write(control.join("a"), b"x").unwrap();
    fs::write(control.join("b"), [&b"xx"[..], &utf16, b"yy"].concat()).unwrap();
    let found = std::panic::catch_unwind(|| {
        assert_no_sentinel(&control, &[TEXT_SENTINEL], "control");
    });
    assert!(
        found.is_err(),
        "the scan missed an upper-case UTF-16BE sentinel"
    );
}

// ---------------------------------------------------------------------------------------
// Export: the exact stored bytes, never over an existing file.
// ---------------------------------------------------------------------------------------

#[test]
fn export_reproduces_a_50_mb_random_file_byte_for_byte() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let src = reg.scratch().join("big.bin");
    let want = write_random_file(&src, 50 * 1024 * 1024, 0x1234_5678_9abc_def1);
    let src_s = src.display().to_string();
    let j = reg.add_doc(p, "FORTROLIG", "Stor skanning", &["--file", &src_s], &[]);
    let docs = reg.docs();
    let d = docs.iter().find(|d| s(&d["journal_number"]) == j).unwrap();
    assert_eq!(d["size"].as_i64(), Some(50 * 1024 * 1024), "{d}");

    let out = reg.scratch().join("big.out");
    let v = reg.json(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(v["bytes"].as_u64(), Some(50 * 1024 * 1024), "{v}");
    assert_eq!(
        fs::metadata(&out).unwrap().len(),
        50 * 1024 * 1024,
        "exported size"
    );
    assert_eq!(
        sha256_file(&out),
        want,
        "the export differs from the file added"
    );
    // No temporary file is left beside the export.
    // Beside it, only its marking.
    assert_eq!(
        names_in(reg.scratch()),
        vec!["big.bin", "big.out", "big.out.marking.txt", "store"]
    );
}

#[test]
fn export_refuses_an_existing_out_file_and_leaves_it_untouched() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(
        p,
        "FORTROLIG",
        "Notat",
        &["--text", "hemmelig innhold"],
        &[],
    );
    let out_dir = reg.scratch().join("out");
    fs::create_dir(&out_dir).unwrap();
    let existing = out_dir.join("existing.txt");
    fs::write(&existing, b"someone else's file\n").unwrap();
    let before_log = reg.last_seq();

    let out = reg.run(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &existing.display().to_string(),
        ],
    );
    expect(&out, 2, &["exists"]);
    assert_eq!(fs::read(&existing).unwrap(), b"someone else's file\n");
    assert_eq!(
        names_in(&out_dir),
        vec!["existing.txt"],
        "no partial file left"
    );
    assert!(
        reg.log_after(before_log).is_empty(),
        "a refused export wrote a log entry as if it happened"
    );

    // A new name works, and exports exactly the stored bytes; a second export to the same
    // name is refused in turn.
    let fresh = out_dir.join("copy.txt");
    let fresh_s = fresh.display().to_string();
    reg.ok(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &fresh_s,
        ],
    );
    // A text copy carries its marking around the contents.
    let copy = fs::read_to_string(&fresh).unwrap();
    assert!(copy.contains("\nhemmelig innhold\n"), "{copy}");
    let out = reg.run(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &fresh_s,
        ],
    );
    expect(&out, 2, &["exists"]);
    // A text copy carries its marking around the contents.
    let copy = fs::read_to_string(&fresh).unwrap();
    assert!(copy.contains("\nhemmelig innhold\n"), "{copy}");
    assert_eq!(names_in(&out_dir), vec!["copy.txt", "existing.txt"]);
}

// ---------------------------------------------------------------------------------------
// The use log: one entry per use, none missing, none duplicated (R15, DESIGN.md §4).
// ---------------------------------------------------------------------------------------

#[test]
fn each_show_export_and_create_adds_exactly_one_log_entry_naming_user_and_document() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));

    // create
    let mark = reg.last_seq();
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", "innhold"], &[]);
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 1, "doc add must log exactly once: {new:?}");
    assert_entry(&new[0], "create", KARI, &j);
    assert_eq!(new[0]["doc_version"].as_i64(), Some(1));
    assert_eq!(new[0]["person_id"].as_i64(), Some(p));

    // N shows → N entries, each right after its show.
    const N: usize = 5;
    for i in 0..N {
        let mark = reg.last_seq();
        let purpose = format!("vurdering {i}");
        let out = reg.ok(KARI, &["doc", "show", &j, "--purpose", &purpose]);
        assert!(stdout(&out).contains("innhold"));
        let new = reg.log_after(mark);
        assert_eq!(new.len(), 1, "show {i} must log exactly once: {new:?}");
        assert_entry(&new[0], "show", KARI, &j);
        assert_eq!(s(&new[0]["purpose"]), purpose);
        assert_eq!(seq(&new[0]), mark + 1, "sequence numbers have no gaps");
    }

    // Another user's show names that user.
    let mark = reg.last_seq();
    reg.ok(OLA, &["doc", "show", &j]);
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_entry(&new[0], "show", OLA, &j);

    // Two exports → two entries, numbered copies.
    for copy in 1..=2 {
        let mark = reg.last_seq();
        let out = reg.scratch().join(format!("copy{copy}.txt"));
        reg.ok(
            KARI,
            &[
                "doc",
                "export",
                "--to",
                "KSF",
                "--purpose",
                "prøve",
                &j,
                "--out",
                &out.display().to_string(),
            ],
        );
        let new = reg.log_after(mark);
        assert_eq!(new.len(), 1, "{new:?}");
        assert_entry(&new[0], "export", KARI, &j);
        assert_eq!(s(&new[0]["detail"]), format!("copy no. {copy} for KSF"));
    }

    // Reading metadata, the journal and the log itself is not a use of the contents.
    let mark = reg.last_seq();
    reg.ok(KARI, &["doc", "list"]);
    reg.ok(KARI, &["journal", "list"]);
    reg.ok(KARI, &["log", "list"]);
    reg.ok(KARI, &["log", "report", "--doc", &j]);
    assert!(reg.log_after(mark).is_empty());
    // Showing the person is a use of register information (issue 12): one entry, naming the
    // person and no document.
    let mark = reg.last_seq();
    reg.ok(KARI, &["person", "show", &p.to_string()]);
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(s(&new[0]["act"]), "person-show");
    assert_eq!(new[0]["person_id"].as_i64(), Some(p));
    assert!(new[0]["journal_number"].is_null(), "{new:?}");

    // Over the whole log: sequence 1, 2, 3, … with no gap and no duplicate, and exactly the
    // uses made.
    let log = reg.log();
    let seqs: Vec<i64> = log.iter().map(seq).collect();
    assert_eq!(seqs, (1..=log.len() as i64).collect::<Vec<_>>());
    let count = |act: &str, user: &str| {
        log.iter()
            .filter(|e| {
                s(&e["act"]) == act && s(&e["user"]) == user && s(&e["journal_number"]) == j
            })
            .count()
    };
    assert_eq!(count("show", KARI), N);
    assert_eq!(count("show", OLA), 1);
    assert_eq!(count("export", KARI), 2);
    assert_eq!(count("create", KARI), 1);

    // Filters and reports agree.
    let ola_only = array(reg.json(KARI, &["log", "list", "--user", OLA]));
    assert!(ola_only.iter().all(|e| s(&e["user"]) == OLA) && ola_only.len() == 1);
    let doc_only = array(reg.json(KARI, &["log", "list", "--doc", &j]));
    assert_eq!(doc_only.len(), N + 1 + 2 + 1);
    let last2 = array(reg.json(KARI, &["log", "list", "--last", "2"]));
    assert_eq!(
        last2.iter().map(seq).collect::<Vec<_>>(),
        seqs[seqs.len() - 2..]
    );
    let report = array(reg.json(KARI, &["log", "report", "--doc", &j]));
    let line = |who: &str, act: &str| {
        report
            .iter()
            .find(|l| s(&l["subject"]) == who && s(&l["act"]) == act)
            .and_then(|l| l["count"].as_i64())
    };
    assert_eq!(line(KARI, "show"), Some(N as i64), "{report:?}");
    assert_eq!(line(OLA, "show"), Some(1), "{report:?}");
    assert_eq!(line(KARI, "export"), Some(2), "{report:?}");
    // A name nobody has is not reported as a clean record: a mistyped user or number is
    // refused (exit 6), while any account has its report, empty or not.
    expect(
        &reg.run(KARI, &["log", "report", "--user", "karl"]),
        6,
        &["no account is named karl"],
    );
    expect(
        &reg.run(KARI, &["log", "report", "--doc", "2019/00077"]),
        6,
        &["no document has journal number 2019/00077"],
    );
    ok(&reg.run(KARI, &["log", "report", "--user", KIM]));
    ok(&reg.verify_log());
}

#[test]
fn concurrent_shows_each_log_exactly_one_entry_and_keep_the_chain_intact() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", "innhold"], &[]);
    let mark = reg.last_seq();
    let mut children = Vec::new();
    for i in 0..6 {
        let user = if i % 2 == 0 { KARI } else { OLA };
        children.push(reg.store.spawn(user, pass_of(user), &["doc", "show", &j]));
    }
    for out in wait_all(children) {
        ok(&out);
        assert!(stdout(&out).contains("innhold"));
    }
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 6, "{new:?}");
    assert_eq!(
        new.iter().map(seq).collect::<Vec<_>>(),
        (mark + 1..=mark + 6).collect::<Vec<_>>()
    );
    assert_eq!(new.iter().filter(|e| s(&e["user"]) == KARI).count(), 3);
    assert_eq!(new.iter().filter(|e| s(&e["user"]) == OLA).count(), 3);
    for e in &new {
        assert_eq!(s(&e["act"]), "show");
        assert_eq!(s(&e["journal_number"]), j);
    }
    ok(&reg.verify_log());
}

// ---------------------------------------------------------------------------------------
// Fail closed: no log entry, no content (DESIGN.md §4).
// ---------------------------------------------------------------------------------------

const FAIL_CLOSED_CONTENT: &str = "QZV-FAIL-CLOSED-CONTENT-2290";

#[test]
fn show_releases_no_content_when_its_log_entry_cannot_be_written() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(
        p,
        "FORTROLIG",
        "Notat",
        &["--text", FAIL_CLOSED_CONTENT],
        &[],
    );
    let shows_before = reg.log().iter().filter(|e| s(&e["act"]) == "show").count();

    // 64 blocks = 32 KiB: enough for SQLite's shared-memory index (so the store opens and
    // the passphrase unlocks), and for a few write-ahead-log frames. Each show appends its
    // entry to the WAL, which cannot be checkpointed into the (larger) database file under
    // the limit; so some show soon finds the WAL full — exactly "the log cannot be written".
    let mut shown = 0usize;
    let mut refused = None;
    for _ in 0..40 {
        let out = run_with_fsize_limit(&reg.store, KARI, 64, &["doc", "show", &j]);
        assert_no_panic(&out);
        if code(&out) == 0 {
            assert!(
                stdout(&out).contains(FAIL_CLOSED_CONTENT),
                "{}",
                describe(&out)
            );
            shown += 1;
        } else {
            refused = Some(out);
            break;
        }
    }
    assert!(
        shown >= 1,
        "the store must open and log under the limit at first, or this tests nothing"
    );
    let out = refused.expect("under a 32 KiB file-size limit the log must fill up");
    assert!(
        !stdout(&out).contains(FAIL_CLOSED_CONTENT),
        "content released although its log entry could not be written\n{}",
        describe(&out)
    );
    assert!(
        !stdout(&out).contains("FORTROLIG"),
        "nothing of the document may be printed\n{}",
        describe(&out)
    );
    assert!(
        !stderr(&out).trim().is_empty(),
        "no message\n{}",
        describe(&out)
    );
    assert!(
        stderr(&out).to_lowercase().contains("disk"),
        "the message should say the disk/storage failed\n{}",
        describe(&out)
    );

    // With no room at all the store cannot even be opened: still nothing released.
    let out = run_with_fsize_limit(&reg.store, KARI, 0, &["doc", "show", &j]);
    assert_no_panic(&out);
    assert_ne!(code(&out), 0, "{}", describe(&out));
    assert!(
        !stdout(&out).contains(FAIL_CLOSED_CONTENT),
        "{}",
        describe(&out)
    );

    // Without the limit the store is sound: every show that printed is in the log exactly
    // once, the failed ones are not, the chain verifies, and showing works again.
    let log = reg.log();
    let shows = log.iter().filter(|e| s(&e["act"]) == "show").count();
    assert_eq!(
        shows,
        shows_before + shown,
        "one entry per show that released content"
    );
    ok(&reg.verify_log());
    ok(&reg.store.verify());
    let out = reg.ok(KARI, &["doc", "show", &j]);
    assert!(stdout(&out).contains(FAIL_CLOSED_CONTENT));
    assert_eq!(
        reg.log().iter().filter(|e| s(&e["act"]) == "show").count(),
        shows + 1
    );
}

#[test]
fn a_failed_write_to_stderr_is_not_a_panic() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", "x"], &[]);
    let err_file = reg.scratch().join("stderr.txt");
    let a = reg.store.args(KARI, &["doc", "show", &j]);
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec 2>\"$ERRFILE\"; exec \"$0\" \"$@\"")
        .arg(bin())
        .args(&a)
        .env("ERRFILE", &err_file)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = spawn_command(c, &lines(&[KARI_PASS]))
        .wait_with_output()
        .unwrap();
    assert_ne!(code(&out), 0);
    assert_ne!(
        code(&out),
        101,
        "exit code 101 is Rust's panic: writing the error message to stderr failed (EFBIG) \
         and eprintln! panicked"
    );
}

// ---------------------------------------------------------------------------------------
// Tampering by someone holding the store key is caught by `log verify` (exit 5).
// ---------------------------------------------------------------------------------------

/// A store whose log ends with seven entries made here (after whatever setting up the users
/// logged), with `t` the sequence number of the first show:
/// t-2 person-add, t-1 create, t show (kari), t+1 show (ola), t+2 export, t+3 refused (kim),
/// t+4 show (kari).
struct Logged {
    reg: Reg,
    jno: String,
    t: i64,
}

fn logged_store() -> Logged {
    let reg = Reg::new();
    let before = reg.last_seq();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", "innhold"], &[]);
    reg.ok(KARI, &["doc", "show", &j]);
    reg.ok(OLA, &["doc", "show", &j]);
    let out = reg.scratch().join("export.txt");
    reg.ok(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &out.display().to_string(),
        ],
    );
    expect(&reg.run(KIM, &["doc", "show", &j]), 4, &[]);
    reg.ok(KARI, &["doc", "show", &j]);
    let new = reg.log_after(before);
    let acts: Vec<&str> = new.iter().map(|e| s(&e["act"])).collect();
    assert_eq!(
        acts,
        [
            "folder-create",
            "key-create",
            "person-add",
            "create",
            "show",
            "show",
            "export",
            "refused",
            "show"
        ],
        "the fixture's log changed shape"
    );
    let t = before + 5;
    assert_eq!(seq(&new[4]), t);
    let out = reg.verify_log();
    expect(&out, 0, &[]);
    assert!(
        stdout(&out).contains(&format!("{} entries", t + 4)),
        "{}",
        describe(&out)
    );
    Logged { reg, jno: j, t }
}

/// A copy of `base` where `sql` was run with the store key in hand (an admin's session).
fn tampered(base: &Reg, sql: &str) -> Reg {
    let copy = base.copy();
    let sess = session(copy.dir(), ADMIN);
    infoflyt::test_support::conn(&sess)
        .execute_batch(sql)
        .unwrap_or_else(|e| panic!("tamper SQL {sql:?}: {e}"));
    drop(sess);
    copy
}

/// Asserts `log verify` exits 5 and names entry `seq` as the first bad one.
#[track_caller]
fn assert_log_broken_at(reg: &Reg, seq: i64, what: &str) {
    let out = reg.verify_log();
    assert_no_panic(&out);
    assert_eq!(
        code(&out),
        5,
        "{what}: log verify must exit 5\n{}",
        describe(&out)
    );
    assert!(
        stderr(&out).contains(&format!("entry {seq}:")),
        "{what}: log verify must name entry {seq} as the first bad one\n{}",
        describe(&out)
    );
    assert!(
        !stdout(&out).contains("intact"),
        "{what}: claims the log is intact\n{}",
        describe(&out)
    );
}

/// SQL that deletes entry `seq` and renumbers the later ones to close the gap.
fn delete_and_renumber(seq: i64) -> String {
    format!(
        "DELETE FROM use_log WHERE seq = {seq};
         UPDATE use_log SET seq = -seq WHERE seq > {seq};
         UPDATE use_log SET seq = -seq - 1 WHERE seq < 0;"
    )
}

/// SQL that swaps the places of entries `a` and `b`.
fn swap(a: i64, b: i64) -> String {
    format!(
        "UPDATE use_log SET seq = -1 WHERE seq = {a};
         UPDATE use_log SET seq = {a} WHERE seq = {b};
         UPDATE use_log SET seq = {b} WHERE seq = -1;"
    )
}

#[test]
fn log_verify_reports_an_entry_changed_with_the_store_key() {
    let Logged { reg: base, jno, t } = logged_store();
    let cases = [
        ("user_name", "'ola'"),
        ("act", "'list'"),
        ("journal_number", "NULL"),
        ("journal_number", "'2026/99999'"),
        ("doc_version", "2"),
        ("person_id", "99"),
        ("purpose", "'routine'"),
        ("outcome", "'refused'"),
        ("detail", "'copy no. 9'"),
        ("time", "'2020-01-01T00:00:00Z'"),
        ("unit", "'Annen enhet'"),
    ];
    for (col, val) in cases {
        let what = format!("entry {t} {col} = {val}");
        let bad = tampered(
            &base,
            &format!("UPDATE use_log SET {col} = {val} WHERE seq = {t};"),
        );
        assert_log_broken_at(&bad, t, &what);
    }
    // The first entry of the log, and the last, are covered as well.
    let bad = tampered(&base, "UPDATE use_log SET act = 'x' WHERE seq = 1;");
    assert_log_broken_at(&bad, 1, "entry 1 act changed");
    let last = t + 4;
    let bad = tampered(
        &base,
        &format!("UPDATE use_log SET user_name = 'ola' WHERE seq = {last};"),
    );
    assert_log_broken_at(&bad, last, "last entry's user changed");
    // The untouched original still verifies, and names the document as before.
    ok(&base.verify_log());
    let entry = base.log().into_iter().find(|e| seq(e) == t).unwrap();
    assert_entry(&entry, "show", KARI, &jno);
}

#[test]
fn log_verify_reports_an_entry_removed_with_the_store_key() {
    let Logged { reg: base, t, .. } = logged_store();
    let bad = tampered(&base, &format!("DELETE FROM use_log WHERE seq = {t};"));
    assert_log_broken_at(&bad, t, "an entry deleted");
    let bad = tampered(&base, "DELETE FROM use_log WHERE seq = 1;");
    assert_log_broken_at(&bad, 1, "entry 1 deleted");
    let bad = tampered(&base, &delete_and_renumber(t));
    assert_log_broken_at(&bad, t, "an entry deleted and the rest renumbered");
    // The refusal removed and the rest renumbered: a refused attempt cannot be hidden.
    let bad = tampered(&base, &delete_and_renumber(t + 3));
    assert_log_broken_at(&bad, t + 3, "the refusal deleted and the rest renumbered");
    ok(&base.verify_log());
}

#[test]
fn log_verify_reports_entries_reordered_with_the_store_key() {
    let Logged { reg: base, t, .. } = logged_store();
    assert_log_broken_at(&tampered(&base, &swap(t, t + 1)), t, "neighbours swapped");
    assert_log_broken_at(
        &tampered(&base, &swap(t, t + 4)),
        t,
        "distant entries swapped",
    );
    assert_log_broken_at(&tampered(&base, &swap(1, 2)), 1, "entries 1 and 2 swapped");
    // Moved to the end: t becomes the last, everything after moves up one.
    let last = t + 4;
    let bad = tampered(
        &base,
        &format!(
            "UPDATE use_log SET seq = 1000000 WHERE seq = {t};
             UPDATE use_log SET seq = -seq WHERE seq BETWEEN {} AND {last};
             UPDATE use_log SET seq = -seq - 1 WHERE seq < 0;
             UPDATE use_log SET seq = {last} WHERE seq = 1000000;",
            t + 1
        ),
    );
    assert_log_broken_at(&bad, t, "an entry moved to the end");
    ok(&base.verify_log());
}

/// Recomputes the hash chain from entry `from` on, as someone holding the store key can;
/// with `resign`, also signs every rewritten entry with that key.
fn rechain(sess: &Session, from: i64, resign: Option<&SigningKey>) {
    let conn = infoflyt::test_support::conn(sess);
    let entries = load_entries(conn);
    let mut prev = if from == 1 {
        genesis(&sess.meta().store_id).to_vec()
    } else {
        entries[usize::try_from(from - 2).unwrap()].hash.clone()
    };
    for mut e in entries.into_iter().filter(|e| e.seq >= from) {
        e.prev_hash = prev.clone();
        if let Some(k) = resign {
            e.signer = k.public().to_vec();
        }
        let h = e.compute_hash();
        e.hash = h.to_vec();
        if let Some(k) = resign {
            e.signature = k.sign(&signed_message(&h)).to_vec();
        }
        conn.execute(
            "UPDATE use_log SET prev_hash = ?2, hash = ?3, signer = ?4, signature = ?5
             WHERE seq = ?1",
            rusqlite::params![e.seq, e.prev_hash, e.hash, e.signer, e.signature],
        )
        .unwrap();
        prev = e.hash;
    }
}

#[test]
fn log_verify_reports_a_changed_entry_even_when_the_hash_chain_is_recomputed() {
    let Logged { reg: base, t, .. } = logged_store();
    let hide = format!("UPDATE use_log SET journal_number = NULL WHERE seq = {t};");

    // Hide which document kari showed, and recompute every hash from there on: the chain
    // links, but kari's signature no longer matches.
    let bad = base.copy();
    let sess = session(bad.dir(), ADMIN);
    infoflyt::test_support::conn(&sess)
        .execute_batch(&hide)
        .unwrap();
    rechain(&sess, t, None);
    drop(sess);
    assert_log_broken_at(&bad, t, "entry changed, chain recomputed");

    // Re-signed as well, with the tamperer's own key: not the key of the user it names.
    let bad = base.copy();
    let sess = session(bad.dir(), ADMIN);
    infoflyt::test_support::conn(&sess)
        .execute_batch(&hide)
        .unwrap();
    rechain(&sess, t, Some(infoflyt::test_support::signing_key(&sess)));
    drop(sess);
    assert_log_broken_at(&bad, t, "entry changed, chain recomputed and re-signed");

    // Removed, the rest renumbered, re-chained and re-signed.
    let bad = base.copy();
    let sess = session(bad.dir(), ADMIN);
    infoflyt::test_support::conn(&sess)
        .execute_batch(&delete_and_renumber(t))
        .unwrap();
    rechain(&sess, t, Some(infoflyt::test_support::signing_key(&sess)));
    drop(sess);
    assert_log_broken_at(&bad, t, "entry removed, chain recomputed and re-signed");
}

#[test]
fn store_key_holder_cannot_forge_entries_in_an_officers_name_by_swapping_her_public_key() {
    let Logged { reg: base, t, .. } = logged_store();
    let bad = base.copy();
    // kim is clerical: she holds the store key and only her own signing key.
    let sess = session(bad.dir(), KIM);
    let kim_pub = infoflyt::test_support::signing_key(&sess).public().to_vec();
    let conn = infoflyt::test_support::conn(&sess);
    // Hide which document kari showed.
    conn.execute(
        "UPDATE use_log SET journal_number = NULL WHERE seq = ?1",
        [t],
    )
    .unwrap();
    // Give kari and ola kim's public key, and re-sign everything from their first entry on.
    conn.execute(
        "UPDATE users SET sign_public = ?1 WHERE name IN ('kari', 'ola')",
        [&kim_pub],
    )
    .unwrap();
    let entries = load_entries(conn);
    let from = entries.iter().find(|e| e.user != ADMIN).unwrap().seq;
    assert!(
        entries.iter().all(|e| e.seq < from || e.user != ADMIN),
        "the fixture has admin entries after the officers' first: the forgery needs no \
         admin key"
    );
    rechain(
        &sess,
        from,
        Some(infoflyt::test_support::signing_key(&sess)),
    );
    drop(sess);
    let out = bad.store.run(ADMIN, ADMIN_PASS, &["log", "verify"]);
    assert_eq!(
        code(&out),
        5,
        "kari's show (entry {t}) was rewritten and re-signed by kim, yet the log verifies\n{}",
        describe(&out)
    );
}

/// Runs `tamper` inside a savepoint, checks the log with `verify_log`, and rolls back.
/// `None` when `tamper` could not be applied (returned false).
fn verify_with(
    sess: &Session,
    tamper: impl FnOnce(&Connection) -> bool,
) -> Option<infoflyt::Error> {
    let conn = infoflyt::test_support::conn(sess);
    conn.execute_batch("SAVEPOINT flip").unwrap();
    let applied = tamper(conn);
    let res = if applied {
        sess.verify_log(|_, _| {}).err()
    } else {
        None
    };
    conn.execute_batch("ROLLBACK TO flip; RELEASE flip")
        .unwrap();
    if !applied {
        return None;
    }
    Some(res.expect("a tampered log verified as intact"))
}

#[test]
fn flipping_any_bit_of_a_log_entry_is_detected() {
    let Logged { reg: base, t, .. } = logged_store();
    let sess = session(base.dir(), ADMIN);
    let conn = infoflyt::test_support::conn(&sess);
    sess.verify_log(|_, _| {})
        .expect("the untouched log verifies");
    let entries = load_entries(conn);
    let e = entries.iter().find(|e| e.seq == t).unwrap().clone();
    assert_eq!(e.act, "show");
    let mut checked = 0usize;
    let update = format!("WHERE seq = {t}");
    let expect_at = |err: infoflyt::Error, what: &str, at: Option<i64>| {
        assert_eq!(err.exit_code(), 5, "{what}: {err}");
        if let Some(n) = at {
            assert!(
                err.to_string().contains(&format!("entry {n}:")),
                "{what}: {err}"
            );
        }
    };

    // Every bit of every binary field.
    for (col, val) in [
        ("prev_hash", &e.prev_hash),
        ("hash", &e.hash),
        ("signer", &e.signer),
        ("signature", &e.signature),
    ] {
        for byte in 0..val.len() {
            for bit in 0..8 {
                let mut v = val.clone();
                v[byte] ^= 1 << bit;
                let sql = format!("UPDATE use_log SET {col} = ?1 {update}");
                let err =
                    verify_with(&sess, |c| c.execute(&sql, [&v]).is_ok()).expect("update applies");
                expect_at(err, &format!("{col} byte {byte} bit {bit}"), Some(t));
                checked += 1;
            }
        }
    }
    // Every bit (that keeps it text) of every text field.
    let texts: [(&str, &str); 6] = [
        ("time", &e.time),
        ("user_name", &e.user),
        ("unit", &e.unit),
        ("act", &e.act),
        ("journal_number", e.journal_number.as_deref().unwrap()),
        ("outcome", &e.outcome),
    ];
    for (col, val) in texts {
        for byte in 0..val.len() {
            if !val.as_bytes()[byte].is_ascii() {
                continue;
            }
            for bit in 0..7 {
                let mut v = val.as_bytes().to_vec();
                v[byte] ^= 1 << bit;
                let v = String::from_utf8(v).unwrap();
                let sql = format!("UPDATE use_log SET {col} = ?1 {update}");
                let err =
                    verify_with(&sess, |c| c.execute(&sql, [&v]).is_ok()).expect("update applies");
                expect_at(err, &format!("{col} byte {byte} bit {bit}"), Some(t));
                checked += 1;
            }
        }
    }
    // Every bit of the integer fields; for the sequence number, only where it does not
    // collide with another entry's (the primary key refuses that).
    for (col, val) in [
        ("person_id", e.person_id.unwrap()),
        ("doc_version", e.doc_version.unwrap()),
        ("seq", e.seq),
    ] {
        for bit in 0..64 {
            let v = val ^ (1i64 << bit);
            let sql = format!("UPDATE use_log SET {col} = ?1 {update}");
            if let Some(err) = verify_with(&sess, |c| c.execute(&sql, [v]).is_ok()) {
                // A moved sequence number may surface as an earlier gap (a negative number
                // sorts first): any entry may be named, but it must be caught.
                let at = if col == "seq" { None } else { Some(t) };
                expect_at(err, &format!("{col} bit {bit}"), at);
                checked += 1;
            }
        }
    }
    // Optional fields set where they were empty.
    for col in ["purpose", "detail"] {
        let sql = format!("UPDATE use_log SET {col} = '' {update}");
        let err = verify_with(&sess, |c| c.execute(&sql, []).is_ok()).unwrap();
        expect_at(err, &format!("{col} set to ''"), Some(t));
        checked += 1;
    }
    assert!(checked > 1500, "only {checked} changes checked");
    // All rolled back: the log verifies again.
    sess.verify_log(|_, _| {})
        .expect("the log verifies after rollback");
}

#[test]
fn log_verify_reports_a_field_changed_into_invalid_text_as_tampering() {
    let Logged { reg: base, t, .. } = logged_store();
    // Bit 7 of the first byte of "kari": no longer valid UTF-8.
    let bad = tampered(
        &base,
        &format!("UPDATE use_log SET user_name = CAST(X'eb617269' AS TEXT) WHERE seq = {t};"),
    );
    assert_log_broken_at(&bad, t, "user_name flipped into invalid UTF-8");
    // Another type altogether.
    let bad = tampered(
        &base,
        &format!("UPDATE use_log SET act = X'73686f77' WHERE seq = {t};"),
    );
    assert_log_broken_at(&bad, t, "act stored as a blob");
    let bad = tampered(
        &base,
        &format!("UPDATE use_log SET person_id = 'one' WHERE seq = {t};"),
    );
    assert_log_broken_at(&bad, t, "person_id stored as text");
}

#[test]
fn whole_store_verify_reports_a_tampered_use_log() {
    let Logged { reg: base, t, .. } = logged_store();
    let bad = tampered(
        &base,
        &format!("UPDATE use_log SET user_name = 'ola' WHERE seq = {t};"),
    );
    assert_log_broken_at(&bad, t, "control: log verify catches it");
    let out = bad.store.verify();
    assert_eq!(
        code(&out),
        5,
        "verify passed a tampered log\n{}",
        describe(&out)
    );
}

// ---------------------------------------------------------------------------------------
// Need to know: refusals, each logged (R9, R15, R18).
// ---------------------------------------------------------------------------------------

const SF_CONTENT: &str = "QZV-STRENGT-FORTROLIG-CONTENT-8841";
const F_CONTENT: &str = "QZV-FORTROLIG-CONTENT-1173";

#[test]
fn fortrolig_officer_is_refused_a_strengt_fortrolig_document_and_the_refusal_is_logged() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(
        p,
        "STRENGT_FORTROLIG",
        "Fra PST",
        &["--text", SF_CONTENT],
        &[],
    );

    let mark = reg.last_seq();
    let out = reg.run(OLA, &["doc", "show", &j]);
    expect(&out, 4, &["clearance", "STRENGT FORTROLIG"]);
    assert!(!stdout(&out).contains(SF_CONTENT), "{}", describe(&out));
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_refusal(&new[0], "show", OLA, Some(&j), "clearance");

    let mark = reg.last_seq();
    let dest = reg.scratch().join("ola.txt");
    let out = reg.run(
        OLA,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &dest.display().to_string(),
        ],
    );
    expect(&out, 4, &["clearance"]);
    assert!(!dest.exists(), "a refused export left a file");
    assert_eq!(
        names_in(reg.scratch()),
        vec!["store"],
        "no partial file left"
    );
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_refusal(&new[0], "export", OLA, Some(&j), "clearance");

    // Neither may she derive from it, nor regrade it down to her level.
    let mark = reg.last_seq();
    expect(
        &reg.run(OLA, &["doc", "derive", &j, "--text", "utdrag"]),
        4,
        &["clearance"],
    );
    expect(
        &reg.run(OLA, &["doc", "regrade", &j, "--grading", "FORTROLIG"]),
        4,
        &["clearance"],
    );
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 2, "{new:?}");
    assert_refusal(&new[0], "derive", OLA, Some(&j), "clearance");
    assert_refusal(&new[1], "regrade", OLA, Some(&j), "clearance");

    // Kari, cleared for it, may.
    let out = reg.ok(KARI, &["doc", "show", &j]);
    assert!(stdout(&out).contains(SF_CONTENT));
    assert_eq!(
        reg.docs().len(),
        1,
        "no document was made by the refused acts"
    );
    ok(&reg.verify_log());
}

#[test]
fn clerical_staff_are_refused_contents_but_keep_the_journal_and_each_refusal_is_logged() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", F_CONTENT], &[]);
    let journal_before = reg.journal();

    let mark = reg.last_seq();
    let out = reg.run(KIM, &["doc", "show", &j]);
    expect(&out, 4, &["clerical"]);
    assert!(!stdout(&out).contains(F_CONTENT), "{}", describe(&out));

    let dest = reg.scratch().join("kim.txt");
    let out = reg.run(
        KIM,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &dest.display().to_string(),
        ],
    );
    expect(&out, 4, &["clerical"]);
    assert!(!dest.exists());
    assert_eq!(
        names_in(reg.scratch()),
        vec!["store"],
        "no partial file left"
    );

    let ps = p.to_string();
    let out = reg.run(
        KIM,
        &[
            "doc",
            "add",
            "--person",
            &ps,
            "--grading",
            "FORTROLIG",
            "--title",
            "Fra kontoret",
            "--source",
            "local",
            "--text",
            "x",
        ],
    );
    expect(&out, 4, &[]);
    let out = reg.run(
        KIM,
        &["person", "add", "--name", "Ny Person", "--kind", "inmate"],
    );
    expect(&out, 4, &["clerical"]);

    let new = reg.log_after(mark);
    assert_eq!(new.len(), 4, "one entry per refusal: {new:?}");
    assert_refusal(&new[0], "show", KIM, Some(&j), "role");
    assert_refusal(&new[1], "export", KIM, Some(&j), "role");
    assert_eq!(s(&new[2]["act"]), "refused");
    assert_eq!(s(&new[2]["user"]), KIM);
    assert_eq!(s(&new[3]["act"]), "refused");
    assert_eq!(s(&new[3]["user"]), KIM);
    assert_eq!(s(&new[3]["outcome"]), "refused");

    // The journal is clerical work: it works, and the refusals consumed no number.
    let out = reg.ok(KIM, &["--json", "journal", "list"]);
    let kim_journal = array(parse_json(&out));
    assert_eq!(kim_journal, journal_before);
    assert!(kim_journal.iter().any(|e| s(&e["journal_number"]) == j));
    assert_eq!(reg.journal(), journal_before);
    assert_eq!(reg.docs().len(), 1);
    assert_eq!(array(reg.json(KARI, &["person", "list"])).len(), 1);

    // The admin keeps the list but reads no folder either.
    let mark = reg.last_seq();
    let out = reg.store.run(ADMIN, ADMIN_PASS, &["doc", "show", &j]);
    expect(&out, 4, &[]);
    assert!(!stdout(&out).contains(F_CONTENT));
    let new = reg.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(s(&new[0]["act"]), "refused");
    assert_eq!(s(&new[0]["user"]), ADMIN);
    ok(&reg.verify_log());
}

#[test]
fn with_the_store_key_but_no_folder_key_a_document_cannot_be_decrypted() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", F_CONTENT], &[]);

    for user in [ADMIN, KIM] {
        let mut sess = session(reg.dir(), user);
        let me = sess.user().id;
        let conn = infoflyt::test_support::conn(&sess);
        let mine: i64 = conn
            .query_row(
                "SELECT count(*) FROM folder_key_wraps WHERE user_id = ?1",
                [me],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(mine, 0, "{user} holds a wrap of a folder key");
        let readers: Vec<String> = conn
            .prepare(
                "SELECT DISTINCT u.name FROM folder_key_wraps w JOIN users u ON u.id = w.user_id
                 ORDER BY u.name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            readers,
            vec![KARI.to_owned(), OLA.to_owned()],
            "only officers are readers"
        );
        // The stored chunks, readable with the store key, are ciphertext.
        let chunks: Vec<Vec<u8>> = conn
            .prepare("SELECT data FROM doc_chunks")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!chunks.is_empty());
        for c in &chunks {
            assert!(find(c, F_CONTENT.as_bytes()).is_none(), "plaintext chunk");
        }
        let err = sess
            .open_document(&j, Use::Show, None)
            .expect_err("a user without a folder key opened a document");
        assert_eq!(err.exit_code(), 4, "{user}: {err}");
        let err = sess
            .open_document(
                &j,
                Use::Export(infoflyt::authz::disclosure::Recipient::Service),
                None,
            )
            .expect_err("a user without a folder key opened a document");
        assert_eq!(err.exit_code(), 4, "{user}: {err}");
    }
    // Each refused attempt is in the log.
    let refused: Vec<Value> = reg
        .log()
        .into_iter()
        .filter(|e| s(&e["act"]) == "refused")
        .collect();
    assert_eq!(refused.len(), 4, "{refused:?}");
    ok(&reg.verify_log());
}

// ---------------------------------------------------------------------------------------
// Bad input: clear message, DESIGN.md §8 exit code, nothing half-written.
// ---------------------------------------------------------------------------------------

#[test]
fn bad_input_gets_its_exit_code_and_a_clear_message_and_writes_nothing() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j = reg.add_doc(p, "FORTROLIG", "Notat", &["--text", "innhold"], &[]);
    let (year, first) = split_jno(&j);
    let journal = reg.journal();
    let docs = reg.docs();
    let log = reg.log();
    let ps = p.to_string();
    let add = |person: &str, grading: &str, source: &str, content: &[&str]| {
        let mut a = vec![
            "doc",
            "add",
            "--person",
            person,
            "--grading",
            grading,
            "--title",
            "Ny",
            "--source",
            source,
        ];
        a.extend_from_slice(content);
        reg.run(KARI, &a)
    };

    // Unknown person, unknown journal number.
    expect(
        &add("999", "FORTROLIG", "kripos", &["--text", "x"]),
        6,
        &["999"],
    );
    expect(
        &reg.run(KARI, &["doc", "show", "2026/99999"]),
        6,
        &["2026/99999"],
    );
    expect(
        &reg.run(KARI, &["doc", "revise", "2026/99999", "--text", "x"]),
        6,
        &[],
    );
    expect(
        &reg.run(KARI, &["doc", "derive", "2026/99999", "--text", "x"]),
        6,
        &[],
    );
    let dest = reg.scratch().join("never.txt");
    let dest_s = dest.display().to_string();
    expect(
        &reg.run(
            KARI,
            &[
                "doc",
                "export",
                "--to",
                "KSF",
                "--purpose",
                "prøve",
                "2026/99999",
                "--out",
                &dest_s,
            ],
        ),
        6,
        &[],
    );
    assert!(!dest.exists());
    expect(
        &reg.run(KARI, &["doc", "list", "--person", "999"]),
        6,
        &["999"],
    );
    expect(&reg.run(KARI, &["person", "show", "999"]), 6, &["999"]);
    // A malformed journal number is a usage error.
    expect(
        &reg.run(KARI, &["doc", "show", "not-a-number"]),
        2,
        &["journal number"],
    );
    expect(
        &reg.run(KARI, &["log", "list", "--doc", "42"]),
        2,
        &["journal number"],
    );

    // Bad grading, source, kind: usage.
    expect(
        &add(&ps, "HEMMELIG", "kripos", &["--text", "x"]),
        2,
        &["grading"],
    );
    expect(
        &add(&ps, "FORTROLIG", "naboen", &["--text", "x"]),
        2,
        &["source"],
    );
    expect(
        &reg.run(KARI, &["doc", "regrade", &j, "--grading", "TOPP"]),
        2,
        &["grading"],
    );
    expect(
        &reg.run(KARI, &["journal", "list", "--grading", "TOPP"]),
        2,
        &["grading"],
    );
    expect(
        &reg.run(KARI, &["person", "add", "--name", "X", "--kind", "alien"]),
        2,
        &[],
    );
    expect(
        &reg.run(
            KARI,
            &[
                "person", "add", "--name", "X", "--kind", "inmate", "--risk", "boredom",
            ],
        ),
        2,
        &["risk"],
    );
    // Both or neither content source.
    expect(
        &add(
            &ps,
            "FORTROLIG",
            "kripos",
            &["--text", "x", "--file", "/etc/hostname"],
        ),
        2,
        &[],
    );
    expect(&add(&ps, "FORTROLIG", "kripos", &[]), 2, &[]);

    // A file that is missing, a directory, or cannot be read.
    let missing = reg.scratch().join("missing.pdf");
    let missing_s = missing.display().to_string();
    expect(
        &add(&ps, "FORTROLIG", "kripos", &["--file", &missing_s]),
        6,
        &[&missing_s],
    );
    let dir_s = reg.scratch().display().to_string();
    expect(
        &add(&ps, "FORTROLIG", "kripos", &["--file", &dir_s]),
        2,
        &["directory"],
    );
    let locked = reg.scratch().join("locked.pdf");
    fs::write(&locked, b"locked").unwrap();
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        // Not root: the file really is unreadable.
        let locked_s = locked.display().to_string();
        let out = add(&ps, "FORTROLIG", "kripos", &["--file", &locked_s]);
        assert_no_panic(&out);
        assert_ne!(code(&out), 0);
        assert!(stderr(&out).contains(&locked_s), "{}", describe(&out));
    }
    // A file that opens but fails on the first read, inside the write transaction.
    if Path::new("/proc/self/mem").exists() {
        let out = add(&ps, "FORTROLIG", "kripos", &["--file", "/proc/self/mem"]);
        assert_no_panic(&out);
        assert_ne!(code(&out), 0, "{}", describe(&out));
        assert!(stderr(&out).contains("read"), "{}", describe(&out));
    }

    // Nothing half-written: journal, documents and log as before.
    assert_eq!(reg.journal(), journal);
    assert_eq!(reg.docs(), docs);
    let after: Vec<Value> = reg.log();
    assert!(
        after
            .iter()
            .skip(log.len())
            .all(|e| s(&e["act"]) == "refused"),
        "bad input logged a use: {:?}",
        &after[log.len()..]
    );
    // No journal number was consumed: the next document gets the next one.
    let j2 = reg.add_doc(p, "FORTROLIG", "Neste", &["--text", "y"], &[]);
    assert_eq!(split_jno(&j2), (year, first + 1));
    ok(&reg.verify_log());
    ok(&reg.store.verify());
}

// ---------------------------------------------------------------------------------------
// Journal numbers, versions, processed versions, and how a document is shown.
// ---------------------------------------------------------------------------------------

#[test]
fn journal_numbers_are_year_and_sequence_and_never_change_through_revise_regrade_and_derive() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let j1 = reg.add_doc(p, "FORTROLIG", "Første", &["--text", "første versjon"], &[]);
    let j2 = reg.add_doc(p, "FORTROLIG", "Andre", &["--text", "kilde"], &[]);
    let (y1, n1) = split_jno(&j1);
    let (y2, n2) = split_jno(&j2);
    assert_eq!(y1, this_year(), "journal numbers carry the current year");
    assert_eq!((y2, n2), (y1, n1 + 1), "numbers follow each other");
    assert_eq!(n1, 1, "the first document of the year is number 1");
    assert_eq!(j1, format!("{}/00001", this_year()));

    // A correction is version 2 under the same number.
    let v = reg.json(KARI, &["doc", "revise", &j1, "--text", "andre versjon"]);
    assert_eq!(jno_of(&v), j1);
    assert_eq!(v["version"].as_i64(), Some(2));
    assert!(stdout(&reg.ok(KARI, &["doc", "show", &j1])).contains("andre versjon"));
    let old = stdout(&reg.ok(KARI, &["doc", "show", &format!("{j1}@1")]));
    assert!(
        old.contains("første versjon") && !old.contains("andre versjon"),
        "{old}"
    );

    // A new grading is version 3, same number.
    let v = reg.json(
        KARI,
        &["doc", "regrade", &j1, "--grading", "STRENGT_FORTROLIG"],
    );
    assert_eq!(jno_of(&v), j1);
    assert_eq!(v["version"].as_i64(), Some(3));
    let shown = stdout(&reg.ok(KARI, &["doc", "show", &j1]));
    assert!(
        shown.contains("STRENGT FORTROLIG") && shown.contains("andre versjon"),
        "{shown}"
    );

    // A processed version is a new number that names its source.
    let v = reg.json(KARI, &["doc", "derive", &j2, "--text", "bearbeidet utdrag"]);
    let j3 = jno_of(&v);
    assert_eq!(split_jno(&j3), (y1, n1 + 2));
    let docs = reg.docs();
    let d3 = docs.iter().find(|d| s(&d["journal_number"]) == j3).unwrap();
    assert!(
        s(&d3["derived_from"]).starts_with(&j2),
        "derived_from must name the source {j2}: {d3}"
    );
    let d1 = docs.iter().find(|d| s(&d["journal_number"]) == j1).unwrap();
    assert_eq!(d1["version"].as_i64(), Some(3), "{d1}");
    assert_eq!(s(&d1["grading"]), "STRENGT_FORTROLIG");
    let d2 = docs.iter().find(|d| s(&d["journal_number"]) == j2).unwrap();
    assert!(d2["derived_from"].is_null(), "{d2}");
    // The person's listing: each number once, at its newest version, in number order.
    let listed = reg.json(KARI, &["doc", "list", "--person", &p.to_string()]);
    let listed: Vec<(String, i64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                s(&d["journal_number"]).to_owned(),
                d["version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![(j1.clone(), 3), (j2.clone(), 1), (j3.clone(), 1)]
    );
    let shown = stdout(&reg.ok(KARI, &["doc", "show", &j3]));
    assert!(
        shown.contains(&j2) && shown.contains("bearbeidet utdrag"),
        "{shown}"
    );

    // The journal: every version under its unchanging number, in order.
    let journal = reg.journal();
    let rows: Vec<(String, i64)> = journal
        .iter()
        .map(|e| {
            (
                s(&e["journal_number"]).to_owned(),
                e["version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (j1.clone(), 1),
            (j2.clone(), 1),
            (j1.clone(), 2),
            (j1.clone(), 3),
            (j3.clone(), 1)
        ]
    );
    for e in &journal {
        assert!(
            !s(&e["date"]).is_empty() && !s(&e["status"]).is_empty(),
            "{e}"
        );
        assert!(!s(&e["exemption"]).is_empty(), "{e}");
    }
    assert_eq!(
        s(&journal[0]["status"]),
        "received",
        "from kripos: received"
    );
    assert_eq!(s(&journal[0]["counterpart"]), "kripos");
    let sf = array(reg.json(KIM, &["journal", "list", "--grading", "STRENGT_FORTROLIG"]));
    assert_eq!(sf.len(), 1);
    assert_eq!(s(&sf[0]["journal_number"]), j1);

    // Each write is logged under its number.
    let log = reg.log();
    for (act, j) in [
        ("create", &j1),
        ("create", &j2),
        ("revise", &j1),
        ("regrade", &j1),
        ("derive", &j3),
    ] {
        assert!(
            log.iter()
                .any(|e| s(&e["act"]) == act && s(&e["journal_number"]) == j.as_str()),
            "no {act} entry for {j}"
        );
    }
}

#[test]
fn show_frames_content_by_its_grading_and_warns_when_unverified() {
    let reg = Reg::new();
    let p = reg.person("Per Olsen", "inmate", Some("Ila"));
    let unverified = reg.add_doc(
        p,
        "FORTROLIG",
        "Tips",
        &["--text", "ryktet sier"],
        &["--unverified"],
    );
    let sf = reg.add_doc(
        p,
        "STRENGT_FORTROLIG",
        "Fra PST",
        &["--text", "bekreftet"],
        &[],
    );
    let health = reg.add_doc(
        p,
        "FORTROLIG",
        "Helse",
        &["--text", "helseopplysning"],
        &["--health-confidential"],
    );

    let framed = |jno: &str, label: &str, body: &str| -> String {
        let out = stdout(&reg.ok(KARI, &["doc", "show", jno]));
        let lines: Vec<&str> = out.lines().collect();
        let (first, last) = (lines[0], lines[lines.len() - 1]);
        assert!(
            first.contains(label),
            "first line must carry {label}: {out}"
        );
        assert!(last.contains(label), "last line must carry {label}: {out}");
        let at = out.find(body).expect("content shown");
        assert!(
            at > first.len() && at < out.len() - last.len(),
            "content inside the frame"
        );
        out
    };

    let out = framed(&unverified, "FORTROLIG", "ryktet sier");
    assert!(out.contains("UNVERIFIED"), "{out}");
    assert!(
        out.find("UNVERIFIED").unwrap() < out.find("ryktet sier").unwrap(),
        "the warning comes before the content: {out}"
    );
    assert!(!out.contains("STRENGT"), "{out}");

    let out = framed(&sf, "STRENGT FORTROLIG", "bekreftet");
    assert!(!out.contains("UNVERIFIED"), "{out}");

    let out = framed(&health, "FORTROLIG", "helseopplysning");
    assert!(out.to_lowercase().contains("health"), "{out}");

    // --json carries the flags and the content together.
    let v = reg.json(KARI, &["doc", "show", &unverified]);
    assert_eq!(v["document"]["unverified"], Value::Bool(true), "{v}");
    assert_eq!(s(&v["document"]["grading"]), "FORTROLIG");
    assert_eq!(s(&v["content"]), "ryktet sier");
    let docs = reg.docs();
    let d = docs
        .iter()
        .find(|d| s(&d["journal_number"]) == health)
        .unwrap();
    assert_eq!(d["health_confidential"], Value::Bool(true), "{d}");
}

// ---------------------------------------------------------------------------------------
// Persons, links, networks and KOMPIS marking (R1–R4).
// ---------------------------------------------------------------------------------------

#[test]
fn persons_links_and_a_network_warn_when_two_members_are_placed_in_one_unit() {
    let reg = Reg::new();
    let a = reg.person("Arne Ås", "inmate", Some("Ila"));
    let b = reg.person("Bjørn Berg", "remand", Some("Bergen"));
    let c = reg.person("Cecilie Carlsen", "associate", Some("Ila"));
    assert!(a != b && b != c && a != c);
    let v = reg.json(
        KARI,
        &[
            "person",
            "add",
            "--name",
            "Dag Dahl",
            "--kind",
            "inmate",
            "--unit",
            "Ullersmo",
            "--risk",
            "escape,hostage-taking",
            "--affiliation",
            "organised-crime",
        ],
    );
    let d = v["id"].as_i64().unwrap();
    assert_eq!(
        v["person"]["risks"],
        serde_json::json!(["escape", "hostage-taking"])
    );
    assert_eq!(
        v["person"]["affiliations"],
        serde_json::json!(["organised-crime"])
    );

    // Links: C visits A.
    reg.ok(
        KARI,
        &[
            "person",
            "link",
            &c.to_string(),
            "--to",
            &a.to_string(),
            "--as",
            "visitor",
        ],
    );
    let shown = reg.json(KARI, &["person", "show", &a.to_string()]);
    let links = shown["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["other"].as_i64() == Some(c) && s(&l["kind"]) == "visitor"),
        "{shown}"
    );
    expect(
        &reg.run(
            KARI,
            &[
                "person",
                "link",
                &c.to_string(),
                "--to",
                "999",
                "--as",
                "visitor",
            ],
        ),
        6,
        &["999"],
    );

    // A network of A and B in different units: no warning.
    let members = format!("{a},{b}");
    let out = reg.ok(
        KARI,
        &[
            "--json",
            "network",
            "add",
            "--name",
            "Nordic MC",
            "--kind",
            "mc",
            "--purpose",
            "narkotikaomsetning og torpedovirksomhet",
            "--member",
            &members,
        ],
    );
    assert!(!stderr(&out).contains("warning"), "{}", describe(&out));
    let net = parse_json(&out)["id"].as_i64().unwrap();

    // B is moved to Ila: two members in one unit → the co-location warning (R3) on stderr,
    // without a requirement id (issue 12).
    let out = reg.ok(KARI, &["person", "update", &b.to_string(), "--unit", "Ila"]);
    let err = stderr(&out);
    assert!(
        err.contains("warning") && err.contains("Ila") && err.contains("Nordic MC"),
        "{}",
        describe(&out)
    );
    assert!(!err.contains("R3"), "{}", describe(&out));
    // Listing networks and showing a person list the standing co-location as part of what
    // they show (stdout), not as a warning on every command (issue 12).
    let out = reg.ok(KARI, &["network", "list"]);
    assert!(stdout(&out).contains("Ila"), "{}", describe(&out));
    assert!(!stderr(&out).contains("warning"), "{}", describe(&out));
    let v = reg.json(KARI, &["network", "list"]);
    assert_eq!(v["warnings"].as_array().map(Vec::len), Some(1), "{v}");
    let out = reg.ok(KARI, &["person", "show", &a.to_string()]);
    assert!(
        stdout(&out).contains("co-location") && stdout(&out).contains("Ila"),
        "{}",
        describe(&out)
    );
    assert!(!stderr(&out).contains("warning"), "{}", describe(&out));

    // An associate in the same unit is not "placed" there: no new warning; D joining in
    // another unit adds none either, and the standing one is no news.
    let out = reg.ok(
        KARI,
        &[
            "--json",
            "network",
            "join",
            &net.to_string(),
            "--person",
            &format!("{c},{d}"),
        ],
    );
    let v = parse_json(&out);
    assert_eq!(v["warnings"].as_array().map(Vec::len), Some(0), "{v}");
    let nets = reg.json(KARI, &["network", "list"]);
    let mut m: Vec<i64> = nets["networks"][0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect();
    m.sort();
    let mut want = vec![a, b, c, d];
    want.sort();
    assert_eq!(m, want);
    expect(
        &reg.run(
            KARI,
            &["network", "join", "999", "--person", &a.to_string()],
        ),
        6,
        &["999"],
    );
    expect(
        &reg.run(
            KARI,
            &[
                "network",
                "add",
                "--name",
                "X",
                "--kind",
                "mc",
                "--purpose",
                "narkotikaomsetning i stor skala",
                "--member",
                "999",
            ],
        ),
        6,
        &["999"],
    );
    assert_eq!(array(reg.json(KARI, &["person", "list"])).len(), 4);
}

#[test]
fn kompis_marks_lists_new_inmates_ack_clears_them_and_a_released_person_is_to_be_unmarked() {
    let reg = Reg::new();
    let a = reg.person("Arne Ås", "inmate", Some("Ila"));
    let b = reg.person("Bjørn Berg", "remand", Some("Bergen"));
    let _c = reg.person("Cecilie Carlsen", "associate", None);
    let ids = |v: &Value, key: &str| -> Vec<Value> { v[key].as_array().unwrap().clone() };
    let mark_ids = |v: &Value| -> Vec<i64> {
        ids(v, "mark")
            .iter()
            .map(|m| m[0].as_i64().unwrap())
            .collect()
    };

    let v = reg.json(KARI, &["person", "kompis-marks"]);
    assert_eq!(
        mark_ids(&v),
        vec![a, b],
        "inmates and remand are marked, associates not: {v}"
    );
    assert!(ids(&v, "unmark").is_empty(), "{v}");
    // Listing twice changes nothing.
    assert_eq!(reg.json(KARI, &["person", "kompis-marks"]), v);

    reg.ok(KARI, &["person", "kompis-marks", "--ack"]);
    let v = reg.json(KARI, &["person", "kompis-marks"]);
    assert!(
        ids(&v, "mark").is_empty() && ids(&v, "unmark").is_empty(),
        "{v}"
    );

    // A new inmate appears; a released one is to be unmarked.
    let d = reg.person("Dag Dahl", "inmate", Some("Ullersmo"));
    reg.ok(
        KARI,
        &["person", "release", &a.to_string(), "--at", "2020-01-01"],
    );
    let v = reg.json(KARI, &["person", "kompis-marks"]);
    assert_eq!(mark_ids(&v), vec![d], "{v}");
    let unmark = ids(&v, "unmark");
    assert_eq!(unmark.len(), 1, "{v}");
    assert!(s(&unmark[0][1]).contains("Arne Ås"), "{v}");
    let out = reg.ok(KARI, &["person", "kompis-marks"]);
    assert!(stdout(&out).contains("Arne Ås") && stdout(&out).contains("Dag Dahl"));

    reg.ok(KARI, &["person", "kompis-marks", "--ack"]);
    let v = reg.json(KARI, &["person", "kompis-marks"]);
    assert!(
        ids(&v, "mark").is_empty() && ids(&v, "unmark").is_empty(),
        "{v}"
    );
    expect(
        &reg.run(KARI, &["person", "release", &a.to_string(), "--at", "soon"]),
        2,
        &[],
    );
    expect(
        &reg.run(KARI, &["person", "release", "999", "--at", "2020-01-01"]),
        6,
        &["999"],
    );
    // A year mistyped would put the folder on the destruction clock, or keep a birth date
    // nobody has: refused (exit 2).
    for at in [
        "0000-01-01",
        "1020-06-01T10:00:00Z",
        "+10000-01-01",
        "2999-01-01",
    ] {
        expect(
            &reg.run(KARI, &["person", "release", &a.to_string(), "--at", at]),
            2,
            &[],
        );
    }
    for born in ["0000-01-01", "1899-12-31", "2999-01-01"] {
        expect(
            &reg.run(
                KARI,
                &[
                    "person", "add", "--name", "Ola Feil", "--kind", "inmate", "--born", born,
                ],
            ),
            2,
            &["not plausible"],
        );
    }
}

/// `--file -` reads the contents from standard input after the passphrase line, so
/// sensitive text need not appear on the command line; it is stored and shown exactly.
#[test]
fn document_text_can_come_from_standard_input_instead_of_argv() {
    let r = Reg::new();
    let p = r.person("Stdin Person", "inmate", None);
    let p = p.to_string();
    let body = "SENTINEL-STDIN-7731 first line\nsecond line\n";
    let out = r.store.run_stdin(
        KARI,
        &format!("{KARI_PASS}\n{body}"),
        &[
            "--json",
            "doc",
            "add",
            "--person",
            &p,
            "--grading",
            "FORTROLIG",
            "--title",
            "via stdin",
            "--source",
            "local",
            "--file",
            "-",
        ],
    );
    ok(&out);
    let jno = jno_of(&parse_json(&out));
    let shown = r.ok(KARI, &["doc", "show", &jno]);
    assert!(stdout(&shown).contains(body), "{}", stdout(&shown));
    let exported = r.scratch().join("stdin-export");
    r.ok(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &jno,
            "--out",
            exported.to_str().unwrap(),
        ],
    );
    // Text from standard input is a text document: its copy carries the marking around it.
    let copy = fs::read_to_string(&exported).unwrap();
    assert!(copy.contains(body), "{copy}");
    assert!(
        copy.starts_with("FORTROLIG\n") || copy.starts_with("STRENGT FORTROLIG\n"),
        "{copy}"
    );
    assert_no_plaintext(r.dir(), &["SENTINEL-STDIN-7731"], "after doc add --file -");
}

/// After a grading is raised, an older version is governed by the new grading: the frame,
/// `--json` and the export message all say so.
#[test]
fn an_older_version_is_shown_and_exported_under_the_raised_grading() {
    let r = Reg::new();
    let p = r.person("Regrade Person", "inmate", None);
    let jno = r.add_doc(p, "FORTROLIG", "t", &["--text", "first version"], &[]);
    r.ok(
        KARI,
        &["doc", "regrade", &jno, "--grading", "STRENGT_FORTROLIG"],
    );
    let v1 = format!("{jno}@1");
    let shown = r.ok(KARI, &["doc", "show", &v1]);
    let text = stdout(&shown);
    assert!(
        text.lines().next().unwrap().contains("STRENGT FORTROLIG"),
        "{text}"
    );
    let j = r.json(KARI, &["doc", "show", &v1]);
    assert_eq!(j["document"]["grading"], "FORTROLIG", "{j}");
    assert_eq!(j["governing_grading"], "STRENGT_FORTROLIG", "{j}");
    let out = r.scratch().join("v1-export");
    let e = r.json(
        KARI,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &v1,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(e["governing_grading"], "STRENGT_FORTROLIG", "{e}");
    // And a fortrolig officer is refused the old version too.
    expect(&r.run(OLA, &["doc", "show", &v1]), 4, &["clearance"]);
}

/// A reader that goes away (`doc show … | head`) is not an error: no message, exit 0, and the
/// use was logged before anything was released.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let r = Reg::new();
    let p = r.person("Pipe Person", "inmate", None);
    let big = r.scratch().join("big-text");
    fs::write(&big, "line of text\n".repeat(200_000)).unwrap();
    let jno = r.add_doc(p, "FORTROLIG", "t", &["--file", big.to_str().unwrap()], &[]);
    let args = r.store.args(KARI, &["doc", "show", &jno]);
    let mut script = String::from("printf '%s\\n' \"$PASS\" | \"$BIN\"");
    for a in &args {
        script.push_str(&format!(" '{a}'"));
    }
    script.push_str(" | head -c 10 >/dev/null; exit ${PIPESTATUS[1]}");
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env("PASS", KARI_PASS)
        .env("BIN", bin())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", describe(&out));
    let log = r.json(KARI, &["log", "list", "--doc", &jno]);
    assert!(
        log.as_array().unwrap().iter().any(|e| e["act"] == "show"),
        "{log}"
    );
}
