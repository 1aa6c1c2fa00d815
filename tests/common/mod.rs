//! Helpers shared by the integration tests: they drive the real `infoflyt` binary against a
//! store in a temporary directory.
//!
//! Passphrases go in only the way DESIGN.md §8 allows: as lines on standard input, read with
//! `--passphrase-fd 0` (and `--new-passphrase-fd 0` for the second line where a command sets a
//! new passphrase). Never in argv, never in the environment.
//!
//! Stores are made with `init --kdf-ms 1`, so Argon2id runs at its floor (64 MiB, one pass)
//! and a test can afford hundreds of unlocks. A test that needs many stores makes one and
//! copies it ([`Store::copy`]).
//!
//! Each test crate uses a subset of these helpers (hence `dead_code`), and `pub` here means
//! "for the test files", not for another crate (hence `unreachable_pub`).
#![allow(dead_code, unreachable_pub)]
// Test helpers: a failure to run the binary or touch a temporary file is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use tempfile::TempDir;

/// The first admin of every store made by [`Store::new_local`].
pub const ADMIN: &str = "boss";
/// The first admin's passphrase.
pub const ADMIN_PASS: &str = "admin passphrase 1 for tests";

/// The `infoflyt` binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_infoflyt"))
}

/// A `Command` for the binary with a clean environment: no INFOFLYT_* variables leak in from
/// the shell that runs the tests, and messages are in English whatever the tester's locale
/// (a test of another language sets its own).
pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Starts the binary with `stdin` written to its standard input (then closed).
pub fn spawn(args: &[&str], stdin: &str) -> Child {
    spawn_command(command(args), stdin)
}

/// Starts `cmd` with `stdin` written to its standard input (then closed).
pub fn spawn_command(mut cmd: Command, stdin: &str) -> Child {
    let mut child = cmd.spawn().expect("start infoflyt");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // The process may exit before reading everything (e.g. a usage error): ignore EPIPE.
    let _ = pipe.write_all(stdin.as_bytes());
    drop(pipe);
    child
}

/// Runs the binary to completion with `stdin`.
pub fn infoflyt(args: &[&str], stdin: &str) -> Output {
    spawn(args, stdin)
        .wait_with_output()
        .expect("wait for infoflyt")
}

/// Runs the binary under `sh` with the given umask (e.g. "000"), to show that file modes do
/// not depend on the caller's umask.
pub fn infoflyt_with_umask(umask: &str, args: &[&str], stdin: &str) -> Output {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(bin())
        .args(args)
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    spawn_command(c, stdin)
        .wait_with_output()
        .expect("wait for infoflyt")
}

/// Standard input holding these passphrases, one per line.
pub fn lines(passes: &[&str]) -> String {
    passes.iter().map(|p| format!("{p}\n")).collect()
}

/// The process's exit code (`None` → killed by a signal → a test failure).
pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .unwrap_or_else(|| panic!("infoflyt was killed by a signal\n{}", describe(out)))
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exit code, stdout and stderr, for failure messages.
pub fn describe(out: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        stdout(out),
        stderr(out)
    )
}

/// Asserts that the process did not panic and printed no stack trace: every failure must
/// be a clear message (DESIGN.md §8).
#[track_caller]
pub fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked")
            && !err.contains("stack backtrace")
            && !err.contains("RUST_BACKTRACE"),
        "infoflyt panicked\n{}",
        describe(out)
    );
    assert!(
        out.status.code().is_some(),
        "killed by a signal\n{}",
        describe(out)
    );
}

/// Asserts the exit code and that stderr mentions each of `needles` (case-insensitive).
#[track_caller]
pub fn expect(out: &Output, want: i32, needles: &[&str]) {
    assert_no_panic(out);
    assert_eq!(code(out), want, "unexpected exit code\n{}", describe(out));
    let err = stderr(out).to_lowercase();
    for n in needles {
        assert!(
            err.contains(&n.to_lowercase()),
            "stderr does not mention {n:?}\n{}",
            describe(out)
        );
    }
}

/// Asserts success.
#[track_caller]
pub fn ok(out: &Output) {
    expect(out, 0, &[]);
}

/// Parses stdout as one JSON document.
#[track_caller]
pub fn parse_json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e})\n{}", describe(out)))
}

/// Copies the regular files of `src` into a new directory `dst` (0700), keeping modes.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    fs::set_permissions(dst, fs::Permissions::from_mode(0o700)).unwrap();
    for e in fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            let to = dst.join(e.file_name());
            fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// A store at the Argon2id floor (two persons, four documents) whose log holds
/// `log_entries` entries and a few more, `bench`'s session on it, and the log's highest
/// number: for the log walks' tests.
pub fn store_with_log(dir: &Path, log_entries: u64) -> (infoflyt::identity::Session, i64) {
    use infoflyt::synthetic::{bench_store, populate, Plan, OFFICER_PASS};
    let paths = infoflyt::store::StorePaths::new(dir);
    bench_store(&paths, 0, std::time::Duration::from_millis(1)).unwrap();
    let pass = infoflyt::crypto::Passphrase::from(OFFICER_PASS);
    let mut s = infoflyt::identity::unlock(&paths, "bench", &pass).unwrap();
    let plan = Plan {
        persons: 2,
        documents: 4,
        log_entries,
    };
    populate(&mut s, plan, |_, _| {}).unwrap();
    let n: i64 = infoflyt::test_support::conn(&s)
        .query_row("SELECT max(seq) FROM use_log", [], |r| r.get(0))
        .unwrap();
    (s, n)
}

/// Removes the store templates of test processes that have ended (named `PID-N`).
fn remove_templates_of_ended_runs(root: &Path) {
    for e in fs::read_dir(root).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name.split('-').next().unwrap_or_default();
        if !pid.is_empty() && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// How to make a store with `init`.
#[derive(Clone, Debug)]
pub struct InitOpts<'a> {
    /// `--level`.
    pub level: &'a str,
    /// `--unit`.
    pub unit: &'a str,
    /// `--region`.
    pub region: Option<&'a str>,
    /// `--admin`.
    pub admin: &'a str,
    /// The admin's passphrase.
    pub pass: &'a str,
}

impl Default for InitOpts<'_> {
    fn default() -> Self {
        InitOpts {
            level: "local",
            unit: "Test fengsel",
            region: Some("Region test"),
            admin: ADMIN,
            pass: ADMIN_PASS,
        }
    }
}

/// The `init` arguments for `opts` with the store in `dir` (fast KDF).
pub fn init_args(dir: &Path, opts: &InitOpts<'_>) -> Vec<String> {
    let mut a: Vec<String> = vec![
        "--store".into(),
        dir.display().to_string(),
        "--passphrase-fd".into(),
        "0".into(),
        "init".into(),
        "--level".into(),
        opts.level.into(),
        "--unit".into(),
        opts.unit.into(),
        "--admin".into(),
        opts.admin.into(),
        "--kdf-ms".into(),
        "1".into(),
    ];
    if let Some(r) = opts.region {
        a.push("--region".into());
        a.push(r.into());
    }
    a
}

/// A store in its own temporary directory (removed on drop).
#[derive(Debug)]
pub struct Store {
    /// Owns the temporary directory, when the store lives in one.
    tmp: Option<TempDir>,
    /// The store directory (`<tmp>/store`).
    pub dir: PathBuf,
}

impl Store {
    /// A local unit's store with [`ADMIN`] / [`ADMIN_PASS`] as its first admin.
    pub fn new_local() -> Store {
        Store::init(&InitOpts::default())
    }

    /// A store made by `init` with these options; panics unless `init` succeeds.
    pub fn init(opts: &InitOpts<'_>) -> Store {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let args = init_args(&dir, opts);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = infoflyt(&args, &lines(&[opts.pass]));
        ok(&out);
        Store {
            tmp: Some(tmp),
            dir,
        }
    }

    /// An existing store directory made some other way (e.g. by `quickstart`); not removed
    /// on drop.
    pub fn new_at(dir: &Path) -> Store {
        Store {
            tmp: None,
            dir: dir.to_owned(),
        }
    }

    /// An independent copy of this store's files in a new temporary directory.
    pub fn copy(&self) -> Store {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        copy_dir(&self.dir, &dir);
        Store {
            tmp: Some(tmp),
            dir,
        }
    }

    /// A copy of the store that `build` makes, built once per test binary under `key` and
    /// copied for each caller. Most of a test's time is its setup (every `user add` runs
    /// Argon2id for the new account and for each colleague's slot), so a test file whose
    /// tests share a setup builds it once. A copy has the same keys and store id as every
    /// other copy of its key: use it only where a test needs one store of that kind.
    pub fn cached(key: &str, build: impl FnOnce() -> Store) -> Store {
        use std::collections::HashMap;
        use std::sync::{Arc, Mutex, OnceLock};
        type Slot = Arc<OnceLock<PathBuf>>;
        static TEMPLATES: OnceLock<Mutex<HashMap<String, Slot>>> = OnceLock::new();
        let (slot, n) = {
            let mut map = TEMPLATES
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            let n = map.len();
            (map.entry(key.to_owned()).or_default().clone(), n)
        };
        // Other keys build meanwhile; callers of this key wait for the one build. Templates
        // live in cargo's scratch directory for integration tests, one set per process.
        let template = slot.get_or_init(|| {
            let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("store-templates");
            fs::create_dir_all(&root).unwrap();
            remove_templates_of_ended_runs(&root);
            let dir = root.join(format!("{}-{n}", std::process::id()));
            let store = build();
            let _ = fs::remove_dir_all(&dir);
            copy_dir(&store.dir, &dir);
            dir
        });
        Store::new_at(template).copy()
    }

    /// The temporary directory that holds the store directory (room for scratch files).
    pub fn scratch(&self) -> &Path {
        match &self.tmp {
            Some(t) => t.path(),
            None => self.dir.parent().expect("a store directory has a parent"),
        }
    }

    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.join("infoflyt.db")
    }

    /// The keyslots file.
    pub fn keyslots(&self) -> PathBuf {
        self.dir.join("keyslots.json")
    }

    /// `--store DIR --user USER --passphrase-fd 0 ARGS…`.
    pub fn args<'a>(&'a self, user: &'a str, args: &[&'a str]) -> Vec<String> {
        let mut a: Vec<String> = vec![
            "--store".into(),
            self.dir.display().to_string(),
            "--user".into(),
            user.into(),
            "--passphrase-fd".into(),
            "0".into(),
        ];
        a.extend(args.iter().map(|s| (*s).to_owned()));
        a
    }

    /// Runs a command as `user`, with `stdin` as given (passphrase lines).
    pub fn run_stdin(&self, user: &str, stdin: &str, args: &[&str]) -> Output {
        let a = self.args(user, args);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        infoflyt(&a, stdin)
    }

    /// Runs a command as `user` unlocking with `pass`.
    pub fn run(&self, user: &str, pass: &str, args: &[&str]) -> Output {
        self.run_stdin(user, &lines(&[pass]), args)
    }

    /// Runs a command as `user` unlocking with `pass` under a file-size limit of `blocks` ×
    /// 512 bytes (`ulimit -f`), with SIGXFSZ ignored so that a write past the limit fails
    /// with EFBIG instead of killing the process: no file the command writes, the store's
    /// included, can grow past it, as on a full disk.
    pub fn run_with_fsize_limit(
        &self,
        user: &str,
        pass: &str,
        blocks: u64,
        args: &[&str],
    ) -> Output {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {blocks} || exit 99; exec \"$0\" \"$@\""
            ))
            .arg(bin())
            .args(self.args(user, args))
            .env_remove("INFOFLYT_STORE")
            .env_remove("INFOFLYT_USER")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = spawn_command(c, &lines(&[pass]))
            .wait_with_output()
            .expect("wait for sh");
        assert_ne!(out.status.code(), Some(99), "ulimit -f {blocks} failed");
        out
    }

    /// Starts a command as `user` unlocking with `pass`, without waiting for it.
    pub fn spawn(&self, user: &str, pass: &str, args: &[&str]) -> Child {
        let a = self.args(user, args);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        spawn(&a, &lines(&[pass]))
    }

    /// Runs a command as `user` with `--json` and returns the parsed document; panics
    /// unless it succeeds.
    #[track_caller]
    pub fn json(&self, user: &str, pass: &str, args: &[&str]) -> serde_json::Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let out = self.run(user, pass, &a);
        ok(&out);
        parse_json(&out)
    }

    /// The arguments of `user add NAME --role R --clearance C --new-passphrase-fd 0 EXTRA…`.
    pub fn add_args<'a>(
        name: &'a str,
        role: &'a str,
        clearance: &'a str,
        extra: &[&'a str],
    ) -> Vec<&'a str> {
        let mut a = vec![
            "user",
            "add",
            name,
            "--role",
            role,
            "--clearance",
            clearance,
            "--new-passphrase-fd",
            "0",
        ];
        a.extend_from_slice(extra);
        a
    }

    /// `user add` run by `by` = (user, passphrase); the new account gets `pass`.
    pub fn try_add_user(
        &self,
        (by, by_pass): (&str, &str),
        name: &str,
        role: &str,
        clearance: &str,
        pass: &str,
        extra: &[&str],
    ) -> Output {
        let a = Store::add_args(name, role, clearance, extra);
        self.run_stdin(by, &lines(&[by_pass, pass]), &a)
    }

    /// The first admin adds an account; panics unless it succeeds.
    #[track_caller]
    pub fn add_user(&self, name: &str, role: &str, clearance: &str, pass: &str) {
        let out = self.try_add_user((ADMIN, ADMIN_PASS), name, role, clearance, pass, &[]);
        ok(&out);
    }

    /// Starts `user add` by the first admin without waiting.
    pub fn spawn_add_user(&self, name: &str, role: &str, clearance: &str, pass: &str) -> Child {
        let a = Store::add_args(name, role, clearance, &[]);
        let a = self.args(ADMIN, &a);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        spawn(&a, &lines(&[ADMIN_PASS, pass]))
    }

    /// `user passwd` as `user`, from `old` to `new`.
    pub fn passwd(&self, user: &str, old: &str, new: &str) -> Output {
        self.run_stdin(
            user,
            &lines(&[old, new]),
            &["user", "passwd", "--new-passphrase-fd", "0"],
        )
    }

    /// `user list --json` as `user`: the accounts in the order printed.
    #[track_caller]
    pub fn list(&self, user: &str, pass: &str) -> Vec<serde_json::Value> {
        match self.json(user, pass, &["user", "list"]) {
            serde_json::Value::Array(a) => a,
            other => panic!("user list --json is not an array: {other}"),
        }
    }

    /// The names in `user list`, in order.
    #[track_caller]
    pub fn names(&self, user: &str, pass: &str) -> Vec<String> {
        self.list(user, pass)
            .iter()
            .map(|u| u["name"].as_str().expect("name is a string").to_owned())
            .collect()
    }

    /// `verify` as the first admin; returns the process output.
    pub fn verify(&self) -> Output {
        self.run(ADMIN, ADMIN_PASS, &["verify"])
    }

    /// Every regular file in the store directory, with its bytes.
    pub fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        files_in(&self.dir)
    }
}

/// Every regular file directly in `dir`, with its bytes, sorted by name.
pub fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    out.sort();
    out
}

/// The mode bits (0o777) of a path.
pub fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Asserts the store directory is 0700, holds only regular files, and each is 0600.
#[track_caller]
pub fn assert_private(dir: &Path, when: &str) {
    assert_eq!(
        mode(dir),
        0o700,
        "{when}: store directory {} has mode {:o}",
        dir.display(),
        mode(dir)
    );
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        assert!(
            e.file_type().unwrap().is_file(),
            "{when}: {} is not a regular file",
            p.display()
        );
        assert_eq!(
            mode(&p),
            0o600,
            "{when}: {} has mode {:o}",
            p.display(),
            mode(&p)
        );
    }
}

/// The encodings a sentinel is searched for in: UTF-8, UTF-16LE and UTF-16BE.
pub fn encodings(s: &str) -> Vec<(&'static str, Vec<u8>)> {
    let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    vec![
        ("UTF-8", s.as_bytes().to_vec()),
        ("UTF-16LE", le),
        ("UTF-16BE", be),
    ]
}

/// Where `needle` occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Asserts that no file in `dir` holds any of `sentinels`, in any of [`encodings`], in any
/// ASCII letter case.
#[track_caller]
pub fn assert_no_plaintext(dir: &Path, sentinels: &[&str], when: &str) {
    for (path, bytes) in files_in(dir) {
        let lower = bytes.to_ascii_lowercase();
        for s in sentinels {
            for (enc, needle) in encodings(&s.to_ascii_lowercase()) {
                if let Some(at) = find(&lower, &needle) {
                    panic!(
                        "{when}: plaintext {s:?} ({enc}) found in {} at byte {at}",
                        path.display()
                    );
                }
            }
        }
    }
}

/// Flips bit `bit` of the byte at `offset` in the file at `path`.
pub fn flip_bit(path: &Path, offset: usize, bit: u8) {
    let mut b = fs::read(path).unwrap();
    b[offset] ^= 1 << bit;
    fs::write(path, b).unwrap();
}

/// Waits for every child and returns their outputs in order.
pub fn wait_all(children: Vec<Child>) -> Vec<Output> {
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait for infoflyt"))
        .collect()
}
