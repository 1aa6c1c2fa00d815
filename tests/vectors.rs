//! Named negative vectors (issue 10), walked by one test as age's test kit walks its own:
//! each file under `tests/vectors/store/` is one thing an insider holding the store key can do
//! to the files, and what the program must then answer. Adding a case is adding a file; a
//! reviewer reads the whole catalogue in one directory.
//!
//! A vector is a few `key: value` header lines, then `---`, then the tampering itself:
//!
//! ```text
//! # What the attacker does and what must hold (free text, kept for the reader).
//! as: ola                       who runs the command afterwards (their own passphrase)
//! run: doc show {doc:F}         the command, split on spaces, placeholders filled in
//! expect: 5                     its exit code (DESIGN §8)
//! stderr: integrity             (repeatable) text the message must contain
//! tamper: sql                   sql | keyslots | plant
//! ---
//! UPDATE documents SET title = 'x' WHERE journal_number = '{doc:F}';
//! ```
//!
//! `sql` runs the body on the database opened with the store key (as any account holder can);
//! `keyslots` edits the keyslots file, one operation per line (see [`edit_keyslots`]);
//! `plant` makes a key version of the attacker's own, signed with their own key (see
//! [`plant`]). Placeholders: `{user:NAME}` (account id), `{person:open}`, `{person:closed}`,
//! `{folder:open}`, `{folder:closed}`, `{doc:F}`, `{doc:S}`, `{doc:BIG}`, `{doc:CLOSED}`
//! (journal numbers), `{slot:NAME}` (keyslot id).
//!
//! Whatever the exit code, the command's output never holds a document's contents unless the
//! vector says `shows: contents`. `absent: NAME` says a file the command was to write must
//! not be left in the scratch directory (`{scratch}` in `run:`).
//!
//! `VECTOR_SHOW=NAME cargo test --test suite every_store_vector -- --nocapture` prints what
//! vector NAME's command answered, to write or review its expectations.
//!
//! The fixture: admin `boss`; officers `kari` (STRENGT FORTROLIG), `ola` and `eva` (FORTROLIG);
//! clerical `kim`. Person `open` has a FORTROLIG note (F), a STRENGT FORTROLIG note (S) and a
//! FORTROLIG file of three chunks (BIG); person `closed` is restricted to kari and ola and has
//! one FORTROLIG note (CLOSED).

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use infoflyt::authz::folder::Tier;
use infoflyt::crypto::SecretKey;
use infoflyt::test_support as ts;
use rusqlite::Connection;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const USERS: [(&str, &str, &str); 4] = [
    ("kari", "officer", "strengt-fortrolig"),
    ("ola", "officer", "fortrolig"),
    ("eva", "officer", "fortrolig"),
    ("kim", "clerical", "fortrolig"),
];

/// Text every document's contents start with, so any leak of contents is found by one search.
const SENTINEL: &str = "VECTOR-SENTINEL";

fn pass_of(user: &str) -> String {
    if user == ADMIN {
        ADMIN_PASS.to_owned()
    } else {
        format!("{user} passphrase for the vectors")
    }
}

/// The store every vector starts from, and the names its placeholders stand for.
struct Fixture {
    store: Store,
    names: BTreeMap<String, String>,
}

impl Fixture {
    fn build() -> Fixture {
        let store = Store::new_local();
        for (name, role, clearance) in USERS {
            store.add_user(name, role, clearance, &pass_of(name));
        }
        let kari = pass_of("kari");
        let json = |args: &[&str]| store.json("kari", &kari, args);
        let person = |name: &str| -> String {
            json(&["person", "add", "--name", name, "--kind", "inmate"])["id"]
                .as_i64()
                .unwrap()
                .to_string()
        };
        let open = person("Per Open");
        let closed = person("Pia Closed");
        ok(&store.run(
            "kari",
            &kari,
            &["folder", "restrict", &closed, "--to", "kari,ola"],
        ));
        let note = |p: &str, grading: &str, text: &str| -> String {
            json(&[
                "doc",
                "add",
                "--person",
                p,
                "--grading",
                grading,
                "--title",
                "Notat",
                "--source",
                "local",
                "--text",
                &format!("{SENTINEL} {text}"),
            ])["journal_number"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let f = note(&open, "FORTROLIG", "fortrolig");
        let s = note(&open, "STRENGT_FORTROLIG", "strengt fortrolig");
        let c = note(&closed, "FORTROLIG", "closed");
        // Three chunks of 1 MiB: enough to reorder, drop and swap chunks.
        let big_file = store.scratch().join("big.bin");
        let mut big = SENTINEL.as_bytes().to_vec();
        big.resize(2 * 1024 * 1024 + 4096, b'x');
        fs::write(&big_file, &big).unwrap();
        let big = json(&[
            "doc",
            "add",
            "--person",
            &open,
            "--grading",
            "FORTROLIG",
            "--title",
            "Vedlegg",
            "--source",
            "local",
            "--file",
            &big_file.display().to_string(),
        ])["journal_number"]
            .as_str()
            .unwrap()
            .to_owned();
        fs::remove_file(&big_file).unwrap();

        let db = attacker_db(&store);
        let mut names = BTreeMap::new();
        for who in [ADMIN, "kari", "ola", "eva", "kim"] {
            let id: i64 = db
                .query_row("SELECT id FROM users WHERE name = ?1", [who], |r| r.get(0))
                .unwrap();
            names.insert(format!("user:{who}"), id.to_string());
        }
        for (label, p) in [("open", &open), ("closed", &closed)] {
            let folder: i64 = db
                .query_row(
                    "SELECT id FROM folders WHERE person_id = ?1",
                    [p.parse::<i64>().unwrap()],
                    |r| r.get(0),
                )
                .unwrap();
            names.insert(format!("person:{label}"), p.clone());
            names.insert(format!("folder:{label}"), folder.to_string());
        }
        for (label, j) in [("F", f), ("S", s), ("BIG", big), ("CLOSED", c)] {
            names.insert(format!("doc:{label}"), j);
        }
        let sid: Vec<u8> = db
            .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
            .unwrap();
        for who in [ADMIN, "kari", "ola", "eva", "kim"] {
            names.insert(format!("slot:{who}"), ts::slot_id(&sid, who));
        }
        Fixture { store, names }
    }

    /// `text` with every `{placeholder}` filled in; an unknown one fails the vector.
    fn fill(&self, text: &str, vector: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let j = rest[i..]
                .find('}')
                .unwrap_or_else(|| panic!("{vector}: unclosed placeholder"));
            let name = &rest[i + 1..i + j];
            let value = self
                .names
                .get(name)
                .unwrap_or_else(|| panic!("{vector}: unknown placeholder {{{name}}}"));
            out.push_str(value);
            rest = &rest[i + j + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// The database as an account holder opens it with their own tools: the store key out of
/// their own keyslot.
fn attacker_db(store: &Store) -> Connection {
    let key = ts::store_key(&store.dir, "ola", &pass_of("ola")).unwrap();
    ts::open_db(&store.dir, &key).unwrap()
}

/// One parsed vector file.
struct Vector {
    name: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Vector {
    fn parse(path: &Path) -> Vector {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(path).unwrap();
        let (head, body) = text
            .split_once("\n---\n")
            .unwrap_or_else(|| panic!("{name}: no `---` line"));
        let mut headers = Vec::new();
        for line in head.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("{name}: not a header: {line}"));
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
        for (k, _) in &headers {
            assert!(
                ["as", "run", "expect", "stderr", "tamper", "shows", "absent"]
                    .contains(&k.as_str()),
                "{name}: unknown header {k}"
            );
        }
        Vector {
            name,
            headers,
            body: body.to_owned(),
        }
    }

    fn one(&self, key: &str) -> &str {
        let mut it = self.headers.iter().filter(|(k, _)| k == key);
        let v = it
            .next()
            .unwrap_or_else(|| panic!("{}: missing `{key}:`", self.name));
        assert!(it.next().is_none(), "{}: `{key}:` twice", self.name);
        &v.1
    }

    fn all(&self, key: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Keyslot edits, one per line: `swap A B FIELD` exchanges a field between two users' slots;
/// `set A FIELD JSON` sets one (a dotted path such as `kdf.t`); `flip A FIELD` changes the
/// last hex digit of a hex field; `drop A` removes a slot; `dup A` adds a second copy of it;
/// `top FIELD JSON` sets a field of the file itself. Users are named by `{slot:NAME}`.
fn edit_keyslots(path: &Path, script: &str, vector: &str) {
    let mut file: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let slots = file["slots"].as_array_mut().unwrap();
        let at = |slots: &Vec<Value>, id: &str| -> usize {
            slots
                .iter()
                .position(|s| s["id"] == id)
                .unwrap_or_else(|| panic!("{vector}: no slot {id}"))
        };
        match words.as_slice() {
            ["swap", a, b, field] => {
                let (i, j) = (at(slots, a), at(slots, b));
                let tmp = slots[i][*field].take();
                slots[i][*field] = slots[j][*field].take();
                slots[j][*field] = tmp;
            }
            ["set", a, field, value] => {
                let i = at(slots, a);
                let mut target = &mut slots[i];
                for part in field.split('.') {
                    target = &mut target[part];
                }
                *target = serde_json::from_str(value).unwrap();
            }
            ["flip", a, field] => {
                let i = at(slots, a);
                let mut s = slots[i][*field].as_str().unwrap().to_owned();
                let last = s.pop().unwrap();
                s.push(if last == '0' { '1' } else { '0' });
                slots[i][*field] = Value::String(s);
            }
            ["drop", a] => {
                let i = at(slots, a);
                slots.remove(i);
            }
            ["dup", a] => {
                let i = at(slots, a);
                let copy = slots[i].clone();
                slots.push(copy);
            }
            ["top", field, value] => file[*field] = serde_json::from_str(value).unwrap(),
            _ => panic!("{vector}: unknown keyslot edit: {line}"),
        }
    }
    fs::write(path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
}

/// A key version of the attacker's own making, as `key: value` lines: `folder` (a folder id),
/// `tier` (F or S), `version`, `by` (whose signing key and account sign the record), `readers`
/// (comma-separated names it is wrapped to), `list` (`everyone` or comma-separated names),
/// `log-seq` (optional: the use-log entry it claims for version 1), `replace` (`yes` deletes
/// the genuine version first).
fn plant(store: &Store, script: &str, vector: &str) {
    let mut kv = BTreeMap::new();
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (k, v) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{vector}: not a plant line: {line}"));
        kv.insert(k.trim(), v.trim().to_owned());
    }
    let get = |k: &str| {
        kv.get(k)
            .unwrap_or_else(|| panic!("{vector}: plant needs `{k}:`"))
            .clone()
    };
    let db = attacker_db(store);
    let id_of = |name: &str| -> i64 {
        db.query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
            .unwrap()
    };
    let by = get("by");
    let (signer, _) = ts::private_keys(&store.dir, &by, &pass_of(&by)).unwrap();
    let readers: Vec<(i64, [u8; 32])> = get("readers")
        .split(',')
        .map(|n| {
            let p: Vec<u8> = db
                .query_row("SELECT agree_public FROM users WHERE name = ?1", [n], |r| {
                    r.get(0)
                })
                .unwrap();
            (id_of(n), p.try_into().unwrap())
        })
        .collect();
    let list = match get("list").as_str() {
        "everyone" => None,
        names => Some(names.split(',').map(id_of).collect()),
    };
    let tier = match get("tier").as_str() {
        "F" => Tier::F,
        "S" => Tier::S,
        t => panic!("{vector}: tier {t}"),
    };
    let folder: i64 = get("folder").parse().unwrap();
    let version: i64 = get("version").parse().unwrap();
    if kv.get("replace").map(String::as_str) == Some("yes") {
        db.execute(
            "DELETE FROM folder_key_versions WHERE folder_id = ?1 AND tier = ?2 AND version = ?3",
            rusqlite::params![folder, get("tier"), version],
        )
        .unwrap();
    }
    let sid: Vec<u8> = db
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let key = SecretKey::from_bytes([0x42; 32]);
    ts::plant_key_version(
        &db,
        &sid,
        folder,
        tier,
        version,
        &key,
        list,
        &signer,
        id_of(&by),
        &readers,
        kv.get("log-seq").map(|s| s.parse().unwrap()),
    )
    .unwrap();
}

fn vector_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "vec"))
        .collect();
    files.sort();
    files
}

/// Runs one vector on its own copy of the fixture; returns what went wrong, if anything.
fn run_vector(fixture: &Fixture, v: &Vector) -> Option<String> {
    let store = fixture.store.copy();
    let body = fixture.fill(&v.body, &v.name);
    match v.one("tamper") {
        "sql" => {
            let db = attacker_db(&store);
            if let Err(e) = db.execute_batch(&body) {
                return Some(format!("the tampering itself failed: {e}"));
            }
        }
        "keyslots" => edit_keyslots(&store.keyslots(), &body, &v.name),
        "plant" => plant(&store, &body, &v.name),
        t => return Some(format!("unknown tamper {t}")),
    }
    let who = v.one("as");
    let scratch = store.scratch().display().to_string();
    let run = fixture.fill(&v.one("run").replace("{scratch}", &scratch), &v.name);
    let args: Vec<&str> = run.split(' ').collect();
    let out = store.run(who, &pass_of(who), &args);
    assert_no_panic(&out);
    let want: i32 = v.one("expect").parse().unwrap();
    let err = stderr(&out);
    if std::env::var("VECTOR_SHOW").is_ok_and(|n| n == v.name) {
        eprintln!("{}: {}", v.name, describe(&out));
    }
    let mut problems = Vec::new();
    if code(&out) != want {
        problems.push(format!("exit {} (want {want})", code(&out)));
    }
    for needle in v.all("stderr") {
        if !err.contains(needle) {
            problems.push(format!("stderr lacks {needle:?}"));
        }
    }
    if v.all("shows") != ["contents"] && stdout(&out).contains(SENTINEL) {
        problems.push("contents on stdout".to_owned());
    }
    for name in v.all("absent") {
        if store.scratch().join(name).exists() {
            problems.push(format!("{name} was left behind"));
        }
    }
    if problems.is_empty() {
        None
    } else {
        let clip = |s: String| s.chars().take(600).collect::<String>();
        Some(format!(
            "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            problems.join("; "),
            clip(stdout(&out)),
            clip(err)
        ))
    }
}

#[test]
fn every_store_vector_is_refused_as_it_says() {
    let fixture = Fixture::build();
    let files = vector_files("tests/vectors/store");
    assert!(files.len() >= 20, "only {} store vectors", files.len());
    let mut failed = Vec::new();
    for path in &files {
        let v = Vector::parse(path);
        if let Some(why) = run_vector(&fixture, &v) {
            failed.push(format!("{}: {why}", v.name));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} vectors failed:\n\n{}",
        failed.len(),
        files.len(),
        failed.join("\n\n")
    );
}

/// The fixture itself works: without tampering, each reader reads what the list lets them,
/// so a vector's refusal is the tampering's doing.
#[test]
fn the_untampered_fixture_reads_as_its_lists_say() {
    let fixture = Fixture::build();
    let s = &fixture.store;
    let show = |who: &str, doc: &str| {
        let j = fixture.names[&format!("doc:{doc}")].clone();
        s.run(who, &pass_of(who), &["doc", "show", &j])
    };
    for (who, doc, want) in [
        ("kari", "S", 0),
        ("kari", "BIG", 0),
        ("ola", "F", 0),
        ("ola", "CLOSED", 0),
        ("ola", "S", 4),
        ("eva", "CLOSED", 4),
        ("kim", "F", 4),
    ] {
        let out = show(who, doc);
        assert_eq!(code(&out), want, "{who} {doc}: {}", describe(&out));
        assert_eq!(stdout(&out).contains(SENTINEL), want == 0, "{who} {doc}");
    }
    ok(&s.verify());
}
