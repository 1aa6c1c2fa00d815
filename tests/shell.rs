//! Issue 12, "One unlock per sitting": `infoflyt shell` driven through a pseudo-terminal (a
//! small Python `pty` driver, since the shell reads a real terminal): three commands after one
//! passphrase, a lock after the idle time that refuses the next command until the passphrase
//! is given again, every act in the use log as with single commands, and nothing typed
//! written to disk.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use serde_json::{json, Value};
use std::process::Command;

const KARI: &str = "kari";
const KARI_PASS: &str = "kari passphrase for tests";

/// Runs the binary in a pseudo-terminal and plays `steps` against it: `["expect", TEXT]`
/// waits for TEXT (30 s at most), `["send", TEXT]` types it, `["sleep", SECONDS]` waits,
/// `["run", {"argv": […], "stdin": TEXT}]` runs another command beside it and demands success,
/// `["absent", TEXT]` fails if TEXT was printed after the last text expected. Answers the terminal's
/// cursor-position request as a terminal would. Returns (exit code, everything printed).
const DRIVER: &str = r#"
import json, os, pty, select, subprocess, sys, time
cfg = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execve(cfg["bin"], cfg["args"], cfg["env"])
seen = b""
buf = b""
def pump(timeout):
    global buf, seen
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return False
    try:
        data = os.read(fd, 4096)
    except OSError:
        data = b""
    if not data:
        raise EOFError
    if b"\x1b[6n" in data:
        os.write(fd, b"\x1b[1;1R")
        data = data.replace(b"\x1b[6n", b"")
    buf += data
    seen += data
    return True
def expect(needle):
    global buf
    end = time.time() + 30
    n = needle.encode()
    while n not in buf:
        left = end - time.time()
        try:
            if left <= 0 or not pump(left):
                sys.stderr.write("TIMEOUT waiting for %r; got %r; seen %r\n" % (needle, buf[-3000:], seen[-3000:]))
                sys.exit(90)
        except EOFError:
            sys.stderr.write("EOF waiting for %r; got %r\n" % (needle, buf[-3000:]))
            sys.exit(91)
    buf = buf[buf.index(n) + len(n):]
for kind, arg in cfg["steps"]:
    if kind == "expect":
        expect(arg)
    elif kind == "send":
        time.sleep(0.2)
        os.write(fd, arg.encode())
    elif kind == "sleep":
        end = time.time() + arg
        while time.time() < end:
            try:
                pump(max(0, end - time.time()))
            except EOFError:
                break
    elif kind == "run":
        done = subprocess.run(arg["argv"], input=arg["stdin"].encode(), capture_output=True)
        if done.returncode != 0:
            sys.stderr.write("RUN FAILED %r: %r\n" % (arg["argv"], done.stderr[-3000:]))
            sys.exit(93)
    elif kind == "absent":
        if arg.encode() in buf:
            sys.stderr.write("UNEXPECTED %r in %r\n" % (arg, buf[-3000:]))
            sys.exit(92)
try:
    while pump(30):
        pass
except EOFError:
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace"))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
"#;

fn python() -> Option<&'static str> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

/// Plays `steps` against `infoflyt --store DIR --user kari ARGS` in a pseudo-terminal, with
/// HOME in a fresh directory (to see that nothing is written there).
fn play(store: &Store, home: &std::path::Path, args: &[&str], steps: Value) -> (i32, String) {
    let mut argv = vec![
        "infoflyt".to_owned(),
        "--store".into(),
        store.dir.display().to_string(),
        "--user".into(),
        KARI.into(),
    ];
    argv.extend(args.iter().map(|a| a.to_string()));
    let cfg = json!({
        "bin": bin().display().to_string(),
        "args": argv,
        "env": { "LANG": "C", "TERM": "xterm", "HOME": home.display().to_string(),
                 "PATH": "/usr/bin:/bin" },
        "steps": steps,
    });
    let out = Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(cfg.to_string())
        .output()
        .expect("run the pty driver");
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code < 90,
        "the pty driver failed ({code}): {}\n--- screen ---\n{shown}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, shown)
}

/// A store with kari (officer, STRENGT FORTROLIG), one person and one document.
fn store_with_a_document() -> (Store, String) {
    let s = Store::new_local();
    s.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
    let p = s.json(
        KARI,
        KARI_PASS,
        &[
            "person",
            "add",
            "--name",
            "Navn Navnesen",
            "--kind",
            "inmate",
        ],
    );
    let id = p["id"].as_i64().unwrap().to_string();
    let d = s.json(
        KARI,
        KARI_PASS,
        &[
            "doc",
            "add",
            "--person",
            &id,
            "--grading",
            "FORTROLIG",
            "--title",
            "Notat",
            "--source",
            "local",
            "--text",
            "innholdet i notatet",
        ],
    );
    (s, d["journal_number"].as_str().unwrap().to_owned())
}

fn acts_of_kari(s: &Store) -> Vec<String> {
    let v = s.json(KARI, KARI_PASS, &["log", "list", "--user", KARI]);
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["act"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn shell_runs_three_commands_after_one_passphrase_and_locks_when_idle() {
    if python().is_none() {
        eprintln!("python3 is not installed: the pseudo-terminal test is skipped");
        return;
    }
    let (s, jno) = store_with_a_document();
    let before = acts_of_kari(&s);
    let home = tempfile::tempdir().unwrap();
    let pass = format!("{KARI_PASS}\r");
    let (code, screen) = play(
        &s,
        home.path(),
        &["shell", "--idle-lock", "3"],
        json!([
            ["expect", "Passphrase for kari: "],
            ["send", pass],
            ["expect", "locks after 3 seconds"],
            ["expect", "kari> "],
            ["send", "person show 1\r"],
            ["expect", "Navn Navnesen"],
            ["expect", "kari> "],
            ["send", format!("doc show {jno}\r")],
            ["expect", "innholdet i notatet"],
            ["expect", "kari> "],
            ["send", "person find navn\r"],
            ["expect", "Navn Navnesen"],
            ["expect", "kari> "],
            ["send", "--store /tmp doc list\r"],
            ["expect", "the store it was started on"],
            ["expect", "kari> "],
            ["sleep", 5],
            ["send", "doc list\r"],
            ["expect", "locked"],
            ["expect", "Passphrase for kari: "],
            ["send", "not the passphrase at all\r"],
            ["expect", "Still locked"],
            ["absent", "Notat"],
            ["expect", "kari> "],
            ["send", "doc list\r"],
            ["expect", "Passphrase for kari: "],
            ["send", pass],
            ["expect", "Notat"],
            ["expect", "kari> "],
            ["send", "exit\r"],
        ]),
    );
    assert_eq!(code, 0, "{screen}");
    // One passphrase for three commands: the first prompt, then only after the lock.
    assert_eq!(screen.matches("Passphrase for kari").count(), 3, "{screen}");
    // Each act is in the use log, as with single commands.
    let after = acts_of_kari(&s);
    let new: Vec<&String> = after.iter().skip(before.len()).collect();
    for act in ["person-show", "show", "person-find"] {
        assert_eq!(
            new.iter().filter(|a| a.as_str() == act).count(),
            1,
            "{act} in {new:?}"
        );
    }
    // Nothing typed went to disk: no history file in HOME.
    let left: Vec<_> = std::fs::read_dir(home.path()).unwrap().collect();
    assert!(left.is_empty(), "files left in HOME: {left:?}");
}

/// An admin disables kari while her shell is open. Her next command is refused (exit 3's
/// message) before it reads anything, and nothing more is logged in her name: the sitting
/// used to go on reading records, and logged its acts (refusals too) as an account already
/// off the list, a break in the log that `verify` then reported for good.
#[test]
fn a_shell_whose_account_is_disabled_meanwhile_stops_and_leaves_the_log_whole() {
    if python().is_none() {
        eprintln!("python3 is not installed: the pseudo-terminal test is skipped");
        return;
    }
    let (s, jno) = store_with_a_document();
    let home = tempfile::tempdir().unwrap();
    let pass = format!("{KARI_PASS}\r");
    let disable = json!({
        "argv": [bin().display().to_string(), "--store", s.dir.display().to_string(),
                 "--user", ADMIN, "--passphrase-fd", "0", "user", "disable", KARI,
                 "--accept-loss"],
        "stdin": format!("{ADMIN_PASS}\n"),
    });
    let (code, screen) = play(
        &s,
        home.path(),
        &["shell"],
        json!([
            ["expect", "Passphrase for kari: "],
            ["send", pass],
            ["expect", "kari> "],
            ["send", "person show 1\r"],
            ["expect", "Navn Navnesen"],
            ["expect", "kari> "],
            ["run", disable],
            ["send", "person show 1\r"],
            ["expect", "was taken off the list"],
            ["absent", "Navn Navnesen"],
            ["send", format!("doc show {jno}\r")],
            ["expect", "Passphrase for kari: "],
            ["send", pass],
            ["expect", "the account kari is disabled"],
            ["absent", "innholdet"],
            ["send", "exit\r"],
        ]),
    );
    assert_eq!(code, 0, "{screen}");
    // The sitting ended for the reason given, not for being left idle.
    assert!(!screen.contains("left idle"), "{screen}");
    ok(&s.verify());
}

#[test]
fn shell_idle_lock_can_only_shorten_the_store_setting() {
    if python().is_none() {
        eprintln!("python3 is not installed: the pseudo-terminal test is skipped");
        return;
    }
    let s = Store::new_local();
    s.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
    ok(&s.run(
        ADMIN,
        ADMIN_PASS,
        &["store", "set", "shell-idle-seconds", "60"],
    ));
    let home = tempfile::tempdir().unwrap();
    let pass = format!("{KARI_PASS}\r");
    for (asked, shown) in [("600", "60 seconds"), ("20", "20 seconds")] {
        let (code, screen) = play(
            &s,
            home.path(),
            &["shell", "--idle-lock", asked],
            json!([
                ["expect", "Passphrase for kari: "],
                ["send", pass],
                ["expect", format!("locks after {shown}")],
                ["expect", "kari> "],
                ["send", "init --level local --unit X --admin y\r"],
                ["expect", "not run inside the shell"],
                ["expect", "kari> "],
                ["send", "\u{4}"],
            ]),
        );
        assert_eq!(code, 0, "{screen}");
    }
}

#[test]
fn shell_without_a_terminal_says_how_to_give_the_passphrase() {
    let s = Store::new_local();
    let out = s.run(ADMIN, "", &["shell"]);
    // Piped, the passphrase comes from --passphrase-fd; the commands from the same stdin.
    assert_no_panic(&out);
    let out = s.run_stdin(
        ADMIN,
        &lines(&[ADMIN_PASS, "user list", "exit"]),
        &["shell"],
    );
    ok(&out);
    assert!(stdout(&out).contains(ADMIN), "{}", describe(&out));
}

/// Issue 12: `doc add` and `doc export` of a large document show a progress bar on a terminal,
/// and print none when stderr is not one (a script's log stays clean).
#[test]
fn large_add_and_export_show_progress_on_a_terminal_only() {
    if python().is_none() {
        eprintln!("python3 is not installed: the pseudo-terminal test is skipped");
        return;
    }
    let (s, _) = store_with_a_document();
    let big = s.scratch().join("big.bin");
    std::fs::write(&big, vec![0x5au8; 40 << 20]).unwrap();
    let big = big.display().to_string();
    let home = tempfile::tempdir().unwrap();
    let pass = format!("{KARI_PASS}\r");
    let add = [
        "doc",
        "add",
        "--person",
        "1",
        "--grading",
        "FORTROLIG",
        "--title",
        "Stor",
        "--source",
        "local",
        "--file",
        &big,
    ];
    let (code, screen) = play(
        &s,
        home.path(),
        &add,
        json!([
            ["expect", "Passphrase for kari: "],
            ["send", pass],
            ["expect", "reading and encrypting"]
        ]),
    );
    assert_eq!(code, 0, "{screen}");
    // A sweep with nothing to do draws no bar.
    assert!(!screen.contains("destroying what is due"), "{screen}");
    // The journal number is the last thing printed: YYYY/NNNNN.
    let slash = screen
        .rfind('/')
        .unwrap_or_else(|| panic!("no journal number in {screen}"));
    let jno = screen[slash - 4..slash + 6].to_owned();
    let out = s.scratch().join("copy.bin").display().to_string();
    let (code, screen) = play(
        &s,
        home.path(),
        &[
            "doc",
            "export",
            &jno,
            "--out",
            &out,
            "--to",
            "KSF",
            "--purpose",
            "prøve",
        ],
        json!([
            ["expect", "Passphrase for kari: "],
            ["send", pass],
            ["expect", "exporting"]
        ]),
    );
    assert_eq!(code, 0, "{screen}");
    // Without a terminal: the same commands, no bar.
    let out2 = s.scratch().join("copy2.bin").display().to_string();
    let plain = s.run(KARI, KARI_PASS, &add);
    ok(&plain);
    let plain2 = s.run(
        KARI,
        KARI_PASS,
        &[
            "doc",
            "export",
            &jno,
            "--out",
            &out2,
            "--to",
            "KSF",
            "--purpose",
            "prøve",
        ],
    );
    ok(&plain2);
    for o in [&plain, &plain2] {
        let e = stderr(o);
        assert!(
            !e.contains("reading and encrypting") && !e.contains("exporting"),
            "{e}"
        );
    }
}
