//! Issue 13: insider attacks, each performed as the threat model names the attacker (SECURITY.md):
//! an account holder derives the store key from their own keyslot (the same Argon2id, HKDF and
//! AES-GCM path as the program), unseals their own private keys, and edits the SQLCipher
//! database with rusqlite. Each test shows the attack refused or detected (exit 5), and that it
//! got the attacker nothing: no key, no plaintext, no hidden act.
//!
//! Users: the first admin `boss`; officers `kari` (STRENGT FORTROLIG), `ola` and `eva`
//! (FORTROLIG); clerical `kim`. Every passphrase is [`pass_of`] its user.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use infoflyt::audit::entry::{genesis, signed_message};
use infoflyt::audit::Entry;
use infoflyt::authz::folder::Tier;
use infoflyt::crypto::sign::SigningKey;
use infoflyt::crypto::SecretKey;
use infoflyt::documents::DocMeta;
use infoflyt::identity::{self, Session};
use infoflyt::store::StorePaths;
use infoflyt::test_support as ts;
use rusqlite::{params, Connection};
use serde_json::Value;
use std::fs;
use std::process::Output;

pub(crate) const KARI: &str = "kari";
pub(crate) const OLA: &str = "ola";
pub(crate) const EVA: &str = "eva";
pub(crate) const KIM: &str = "kim";

/// Every passphrase of the unit (tests/claims.rs uses this unit too).
pub(crate) fn pass_of(user: &str) -> String {
    if user == ADMIN {
        ADMIN_PASS.to_owned()
    } else {
        format!("{user} passphrase for the attack tests")
    }
}

/// A local unit with kari (SF), ola and eva (F) officers and kim (clerical).
pub(crate) struct Unit {
    pub(crate) store: Store,
}

impl Unit {
    pub(crate) fn new() -> Unit {
        let store = Store::cached("attacks", || {
            let store = Store::new_local();
            for (name, role, clearance) in [
                (KARI, "officer", "strengt-fortrolig"),
                (OLA, "officer", "fortrolig"),
                (EVA, "officer", "fortrolig"),
                (KIM, "clerical", "fortrolig"),
            ] {
                store.add_user(name, role, clearance, &pass_of(name));
            }
            store
        });
        Unit { store }
    }

    pub(crate) fn run(&self, user: &str, args: &[&str]) -> Output {
        self.store.run(user, &pass_of(user), args)
    }

    #[track_caller]
    fn ok(&self, user: &str, args: &[&str]) -> Output {
        let out = self.run(user, args);
        ok(&out);
        out
    }

    #[track_caller]
    pub(crate) fn json(&self, user: &str, args: &[&str]) -> Value {
        self.store.json(user, &pass_of(user), args)
    }

    #[track_caller]
    pub(crate) fn person(&self, name: &str) -> i64 {
        self.json(KARI, &["person", "add", "--name", name, "--kind", "inmate"])["id"]
            .as_i64()
            .unwrap()
    }

    #[track_caller]
    pub(crate) fn doc(&self, by: &str, person: i64, grading: &str, text: &str) -> String {
        let p = person.to_string();
        self.json(
            by,
            &[
                "doc",
                "add",
                "--person",
                &p,
                "--grading",
                grading,
                "--title",
                "Notat",
                "--source",
                "local",
                "--text",
                text,
            ],
        )["journal_number"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `doc add` as `by`, returning the process output.
    fn try_doc(&self, by: &str, person: i64, grading: &str, text: &str) -> Output {
        let p = person.to_string();
        self.run(
            by,
            &[
                "doc",
                "add",
                "--person",
                &p,
                "--grading",
                grading,
                "--title",
                "Ny",
                "--source",
                "local",
                "--text",
                text,
            ],
        )
    }

    /// The database as `who` opens it with their own tools: the store key out of their own
    /// keyslot.
    pub(crate) fn attacker_db(&self, who: &str) -> Connection {
        let key = ts::store_key(&self.store.dir, who, &pass_of(who)).unwrap();
        ts::open_db(&self.store.dir, &key).unwrap()
    }

    /// `who`'s own private keys, as they can unseal them.
    fn keys_of(&self, who: &str) -> (SigningKey, infoflyt::crypto::agree::AgreementKey) {
        ts::private_keys(&self.store.dir, who, &pass_of(who)).unwrap()
    }

    fn session(&self, who: &str) -> Session {
        identity::unlock(
            &StorePaths::new(&self.store.dir),
            who,
            &infoflyt::crypto::Passphrase::from(pass_of(who).as_str()),
        )
        .unwrap()
    }

    pub(crate) fn store_id(&self) -> Vec<u8> {
        self.session(ADMIN).meta().store_id.clone()
    }

    fn log(&self) -> Vec<Value> {
        match self.json(ADMIN, &["log", "list"]) {
            Value::Array(a) => a,
            v => panic!("{v}"),
        }
    }

    /// The store's journal numbers, in order.
    fn journal_numbers(&self) -> Vec<String> {
        match self.json(KARI, &["doc", "list"]) {
            Value::Array(a) => a
                .iter()
                .map(|d| d["journal_number"].as_str().unwrap().to_owned())
                .collect(),
            v => panic!("{v}"),
        }
    }
}

pub(crate) fn user_id(c: &Connection, name: &str) -> i64 {
    c.query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
        .unwrap()
}

fn readers(c: &Connection, names: &[&str]) -> Vec<(i64, [u8; 32])> {
    names
        .iter()
        .map(|n| {
            let (id, p): (i64, Vec<u8>) = c
                .query_row(
                    "SELECT id, agree_public FROM users WHERE name = ?1",
                    [n],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            (id, p.try_into().unwrap())
        })
        .collect()
}

pub(crate) fn folder_of(c: &Connection, person: i64) -> i64 {
    c.query_row(
        "SELECT id FROM folders WHERE person_id = ?1",
        [person],
        |r| r.get(0),
    )
    .unwrap()
}

pub(crate) fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every stored version of every document, read as the admin (metadata only).
fn all_versions(unit: &Unit) -> Vec<DocMeta> {
    ts::all_versions(&unit.session(ADMIN)).unwrap()
}

/// Asserts that `key` opens not one chunk of any document in the store.
#[track_caller]
fn opens_nothing(unit: &Unit, key: &SecretKey, what: &str) {
    let c = unit.attacker_db(ADMIN);
    for d in all_versions(unit) {
        assert!(
            ts::decrypt_with(&c, &d, key).is_none(),
            "{what} opens {} v{}",
            d.journal_number,
            d.version
        );
    }
}

// ---------------------------------------------------------------------------------------
// C1: an admin plants a folder key.
// ---------------------------------------------------------------------------------------

/// The admin, who reads no folder, replaces a folder's first key with one of his own, signs
/// its record with his own key, points it at the folder's real creation entry, and wraps the
/// key to every reader. The next reader's `doc add` refuses to write under it (exit 5), and
/// nothing anywhere opens with his key.
#[test]
fn c1_admin_planting_a_folder_key_gets_nothing_written_under_it() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    let before = unit.doc(KARI, p, "FORTROLIG", "C1-SENTINEL-BEFORE");
    let c = unit.attacker_db(ADMIN);
    let (admin_key, _) = unit.keys_of(ADMIN);
    let f = folder_of(&c, p);
    let creation: i64 = c
        .query_row(
            "SELECT log_seq FROM folder_key_versions WHERE folder_id = ?1 AND tier = 'F' AND version = 1",
            [f],
            |r| r.get(0),
        )
        .unwrap();
    let planted = SecretKey::generate().unwrap();
    ts::plant_key_version(
        &c,
        &unit.store_id(),
        f,
        Tier::F,
        1,
        &planted,
        None,
        &admin_key,
        user_id(&c, ADMIN),
        &readers(&c, &[KARI, OLA, EVA]),
        Some(creation),
    )
    .unwrap();
    let docs_before = count(&c, "SELECT count(*) FROM documents");
    drop(c);

    let out = unit.try_doc(KARI, p, "FORTROLIG", "C1-SENTINEL-AFTER");
    expect(&out, 5, &["not vouched for"]);
    let out = unit.try_doc(EVA, p, "FORTROLIG", "C1-SENTINEL-AFTER");
    expect(&out, 5, &[]);
    let c = unit.attacker_db(ADMIN);
    assert_eq!(
        count(&c, "SELECT count(*) FROM documents"),
        docs_before,
        "a document was written"
    );
    drop(c);
    opens_nothing(&unit, &planted, "the admin's planted key");
    // Kari's reading of the older document is refused too (her wrap now holds the planted
    // key), and `verify` names the planted record.
    expect(&unit.run(KARI, &["doc", "show", &before]), 5, &[]);
    let v = unit.store.verify();
    assert_eq!(code(&v), 5, "{}", describe(&v));
}

/// A clerical user plants a newer key version (no proof of the previous key), and an officer
/// who is kept off a restricted folder does the same: both refused before a byte is written.
#[test]
fn c1_a_key_version_made_by_clerical_staff_or_an_officer_off_the_list_is_refused() {
    for who in [KIM, OLA] {
        let unit = Unit::new();
        let p = unit.person("Per Olsen");
        unit.doc(KARI, p, "FORTROLIG", "x");
        if who == OLA {
            unit.ok(
                KARI,
                &[
                    "folder",
                    "restrict",
                    &p.to_string(),
                    "--to",
                    &format!("{KARI},{EVA}"),
                ],
            );
        }
        let c = unit.attacker_db(who);
        let (key, _) = unit.keys_of(who);
        let f = folder_of(&c, p);
        let v: i64 = c
            .query_row(
                "SELECT max(version) FROM folder_key_versions WHERE folder_id = ?1 AND tier = 'F'",
                [f],
                |r| r.get(0),
            )
            .unwrap();
        let planted = SecretKey::generate().unwrap();
        ts::plant_key_version(
            &c,
            &unit.store_id(),
            f,
            Tier::F,
            v + 1,
            &planted,
            if who == OLA {
                Some(vec![user_id(&c, OLA)])
            } else {
                None
            },
            &key,
            user_id(&c, who),
            &readers(&c, &[KARI, EVA]),
            None,
        )
        .unwrap();
        drop(c);
        let out = unit.try_doc(KARI, p, "FORTROLIG", "C1-SENTINEL");
        expect(&out, 5, &[]);
        opens_nothing(&unit, &planted, &format!("{who}'s planted key"));
    }
}

// ---------------------------------------------------------------------------------------
// H1: a removed officer replays the folder's older list.
// ---------------------------------------------------------------------------------------

const FOLDER_TABLES: &[&str] = &[
    "folder_key_versions",
    "folder_key_wraps",
    "key_pins",
    "folder_grants_pending",
    "folder_rotations_pending",
];

/// Before `folder restrict` excludes her, ola saves every folder-key row of the folder (a
/// genuine older state). Afterwards she puts that state back in place of the current one and
/// owes herself a grant. Kari's next session passes her nothing; writing into the folder,
/// showing it and `verify` all refuse with exit 5; and ola holds no key made after the state
/// she replayed, so she opens nothing written after the restriction.
#[test]
fn h1_replaying_an_older_folder_list_gets_the_excluded_officer_no_newer_key() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "H1-BEFORE");
    let saved = tempfile::tempdir().unwrap();
    fs::copy(unit.store.db(), saved.path().join("old.db")).unwrap();
    unit.ok(
        KARI,
        &[
            "folder",
            "restrict",
            &p.to_string(),
            "--to",
            &format!("{KARI},{EVA}"),
        ],
    );
    let after = unit.doc(KARI, p, "FORTROLIG", "H1-SENTINEL-AFTER");

    let c = unit.attacker_db(OLA);
    let key_hex = infoflyt::crypto::hex(
        ts::store_key(&unit.store.dir, OLA, &pass_of(OLA))
            .unwrap()
            .expose(),
    );
    let old = saved.path().join("old.db");
    c.execute_batch(&format!(
        "ATTACH DATABASE '{}' AS old KEY \"x'{key_hex}'\";",
        old.display()
    ))
    .unwrap();
    let f = folder_of(&c, p);
    for t in FOLDER_TABLES {
        c.execute(&format!("DELETE FROM main.{t} WHERE folder_id = ?1"), [f])
            .unwrap();
        c.execute(
            &format!("INSERT INTO main.{t} SELECT * FROM old.{t} WHERE folder_id = ?1"),
            [f],
        )
        .unwrap();
    }
    c.execute("DETACH DATABASE old", []).unwrap();
    let ola = user_id(&c, OLA);
    c.execute(
        "INSERT OR IGNORE INTO folder_grants_pending (folder_id, tier, user_id) VALUES (?1, 'F', ?2)",
        params![f, ola],
    )
    .unwrap();
    let ola_wraps_before = count(
        &c,
        &format!("SELECT count(*) FROM folder_key_wraps WHERE user_id = {ola}"),
    );
    drop(c);

    // Kari's next session: the replayed folder is refused, nothing is passed on, and the
    // rest of her work goes on (she is warned, not locked out of every folder).
    let out = unit.run(KARI, &["user", "list"]);
    expect(&out, 0, &["rolled back"]);
    let out = unit.run(KARI, &["folder", "show", &p.to_string()]);
    expect(&out, 5, &["rolled back"]);
    let out = unit.try_doc(KARI, p, "FORTROLIG", "H1-SENTINEL-LATER");
    expect(&out, 5, &["rolled back"]);
    let v = unit.store.verify();
    assert_eq!(code(&v), 5, "{}", describe(&v));

    let c = unit.attacker_db(OLA);
    assert_eq!(
        count(
            &c,
            &format!("SELECT count(*) FROM folder_key_wraps WHERE user_id = {ola}")
        ),
        ola_wraps_before,
        "ola was given a key"
    );
    let (_, agreement) = unit.keys_of(OLA);
    let mine = ts::every_key_opened_by(&c, &unit.store_id(), &agreement);
    let d = ts::all_versions(&unit.session(ADMIN))
        .unwrap()
        .into_iter()
        .find(|d| d.journal_number == after)
        .unwrap();
    for (_, tier, v, k) in &mine {
        assert!(
            ts::decrypt_with(&c, &d, k).is_none(),
            "ola opens the document written after her exclusion with her {tier:?} v{v}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// H2: the use log's tail is cut.
// ---------------------------------------------------------------------------------------

/// Deleting the newest entries, or all of them: caught at the next unlock of anyone who saw
/// them, and by `log verify` and `verify`.
#[test]
fn h2_a_log_cut_below_what_a_colleague_saw_is_caught_at_their_unlock_and_by_verify() {
    for cut in [
        "DELETE FROM use_log WHERE seq > (SELECT max(seq) - 3 FROM use_log)",
        "DELETE FROM use_log",
    ] {
        let unit = Unit::new();
        let p = unit.person("Per Olsen");
        let j = unit.doc(KARI, p, "FORTROLIG", "x");
        unit.ok(KARI, &["doc", "show", &j]);
        unit.ok(EVA, &["user", "list"]); // eva sees the head
        let c = unit.attacker_db(OLA);
        c.execute_batch(cut).unwrap();
        drop(c);
        expect(&unit.run(EVA, &["user", "list"]), 5, &["use log"]);
        expect(&unit.run(KARI, &["user", "list"]), 5, &["use log"]);
        // An admin who had not seen it is not locked out, and his checks find the cut.
        let ola_out = unit.run(OLA, &["log", "verify"]);
        assert_eq!(code(&ola_out), 5, "{cut}\n{}", describe(&ola_out));
    }
}

/// Every entry of the log as stored, in order (tests/register.rs and tests/retention.rs too).
pub(crate) fn load_entries(c: &Connection) -> Vec<Entry> {
    c.prepare(
        "SELECT seq, time, user_name, unit, act, person_id, journal_number, doc_version,
                purpose, outcome, detail, prev_hash, hash, signer, signature
         FROM use_log ORDER BY seq",
    )
    .unwrap()
    .query_map([], |r| {
        Ok(Entry {
            seq: r.get(0)?,
            time: r.get(1)?,
            user: r.get(2)?,
            unit: r.get(3)?,
            act: r.get(4)?,
            person_id: r.get(5)?,
            journal_number: r.get(6)?,
            doc_version: r.get(7)?,
            purpose: r.get(8)?,
            outcome: r.get(9)?,
            detail: r.get(10)?,
            prev_hash: r.get(11)?,
            hash: r.get(12)?,
            signer: r.get(13)?,
            signature: r.get(14)?,
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Ola exports a document, then shows it twice; kari works after that. Ola deletes her own
/// export entry, renumbers the rest, re-chains and re-signs her own later entries with her own
/// key (a log that verifies link by link). Kari's next unlock and `verify` catch it.
#[test]
fn h2_an_officer_deleting_her_own_export_and_resigning_her_later_entries_is_caught() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    let j = unit.doc(KARI, p, "FORTROLIG", "x");
    let out = unit.store.scratch().join("copy.txt");
    unit.ok(
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
            &out.display().to_string(),
        ],
    );
    unit.ok(OLA, &["doc", "show", &j]);
    unit.ok(OLA, &["doc", "show", &j]);
    unit.ok(KARI, &["user", "list"]);
    let c = unit.attacker_db(OLA);
    let (ola_key, _) = unit.keys_of(OLA);
    let export: i64 = c
        .query_row(
            "SELECT seq FROM use_log WHERE act = 'export' AND user_name = 'ola'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let later: Vec<String> = c
        .prepare("SELECT user_name FROM use_log WHERE seq > ?1")
        .unwrap()
        .query_map([export], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        later.iter().all(|u| u == OLA),
        "the fixture has others' entries after: {later:?}"
    );
    c.execute_batch(&format!(
        "DELETE FROM use_log WHERE seq = {export};
         UPDATE use_log SET seq = -seq WHERE seq > {export};
         UPDATE use_log SET seq = -seq - 1 WHERE seq < 0;"
    ))
    .unwrap();
    let store_id = unit.store_id();
    let entries = load_entries(&c);
    let mut prev = if export == 1 {
        genesis(&store_id).to_vec()
    } else {
        entries[usize::try_from(export - 2).unwrap()].hash.clone()
    };
    for mut e in entries.into_iter().filter(|e| e.seq >= export) {
        e.prev_hash = prev.clone();
        e.signer = ola_key.public().to_vec();
        let h = e.compute_hash();
        e.hash = h.to_vec();
        e.signature = ola_key.sign(&signed_message(&h)).to_vec();
        c.execute(
            "UPDATE use_log SET prev_hash = ?2, hash = ?3, signer = ?4, signature = ?5 WHERE seq = ?1",
            params![e.seq, e.prev_hash, e.hash, e.signer, e.signature],
        )
        .unwrap();
        prev = e.hash;
    }
    drop(c);
    // The chain itself is consistent again…
    // …but kari saw the head before, so her next unlock refuses, and verify fails.
    expect(&unit.run(KARI, &["user", "list"]), 5, &["use log"]);
    let v = unit.run(OLA, &["verify"]);
    assert_eq!(code(&v), 5, "{}", describe(&v));
}

// ---------------------------------------------------------------------------------------
// M1, M2: interrupted account changes leave no live keyslot.
// ---------------------------------------------------------------------------------------

/// `user disable` killed between its database commit and the keyslots rewrite leaves the
/// leaver's slot alive (ola could still derive the store key). The next unlock of anyone
/// destroys it, and running `user disable` again finishes it too.
#[test]
fn m1_an_interrupted_user_disable_is_finished_at_the_next_unlock_or_on_retry() {
    for finish in ["unlock", "retry"] {
        let unit = Unit::new();
        let slots = fs::read(unit.store.keyslots()).unwrap();
        unit.ok(ADMIN, &["user", "disable", OLA]);
        // The interrupted state: the database says disabled, the old file is back.
        fs::write(unit.store.keyslots(), &slots).unwrap();
        assert!(
            ts::store_key(&unit.store.dir, OLA, &pass_of(OLA)).is_ok(),
            "the fixture does not reproduce the interrupted disable"
        );
        match finish {
            "unlock" => {
                let out = unit.run(KARI, &["user", "list"]);
                expect(&out, 0, &["finished disabling ola"]);
            }
            _ => {
                // Running it again finishes it (the admin's unlock already destroys the
                // slot; the command itself succeeds and changes nothing more).
                let v = unit.json(ADMIN, &["user", "disable", OLA]);
                assert_eq!(v["user"]["status"], "disabled", "{v}");
            }
        }
        assert!(ts::store_key(&unit.store.dir, OLA, &pass_of(OLA)).is_err());
        expect(&unit.run(OLA, &["user", "list"]), 3, &["disabled"]);
        ok(&unit.store.verify());
    }
}

/// A keyslot without an account (an interrupted `user add` of an older version, or one
/// planted) is destroyed at the next unlock: the would-be user derives the store key no more.
#[test]
fn m2_a_keyslot_without_an_account_does_not_survive_the_next_unlock() {
    let unit = Unit::new();
    let copy = unit.store.copy();
    copy.add_user("mallory", "officer", "fortrolig", &pass_of("mallory"));
    fs::copy(copy.keyslots(), unit.store.keyslots()).unwrap();
    assert!(ts::store_key(&unit.store.dir, "mallory", &pass_of("mallory")).is_ok());
    let out = unit.run(EVA, &["user", "list"]);
    expect(&out, 0, &["belonged to no account"]);
    assert!(ts::store_key(&unit.store.dir, "mallory", &pass_of("mallory")).is_err());
    ok(&unit.store.verify());
}

/// `user add` as the admin under a file-size limit of `blocks` × 512 bytes, with SIGXFSZ
/// ignored, so writes past it fail as on a full disk.
fn add_on_full_disk(unit: &Unit, name: &str, blocks: u64) -> Output {
    let args = unit
        .store
        .args(ADMIN, &Store::add_args(name, "officer", "fortrolig", &[]));
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} || exit 99; exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(&args)
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let out = spawn_command(sh, &lines(&[ADMIN_PASS, &pass_of(name)]))
        .wait_with_output()
        .unwrap();
    assert_ne!(out.status.code(), Some(99), "ulimit failed");
    out
}

/// `user add` on a full disk leaves nothing behind — no account, no keyslot, no temporary
/// file, nothing to repair — whether the disk is full before the new keyslots file could be
/// written (one block) or only after it, when the database cannot grow.
#[test]
fn m2_a_user_add_that_fails_on_a_full_disk_leaves_no_slot_and_no_account() {
    let unit = Unit::new();
    let slots = fs::metadata(unit.store.keyslots()).unwrap().len();
    // Room for the keyslots file with one more slot, not for a database page (4 KiB).
    let after_slots = (slots + 1024).div_ceil(512);
    assert!(
        after_slots * 512 < 4096,
        "the keyslots file has grown past the test's room"
    );
    for (name, blocks) in [("nina", 1), ("nora", after_slots)] {
        let out = add_on_full_disk(&unit, name, blocks);
        assert_no_panic(&out);
        assert_ne!(
            code(&out),
            0,
            "the add succeeded under the limit\n{}",
            describe(&out)
        );
        assert!(
            ts::store_key(&unit.store.dir, name, &pass_of(name)).is_err(),
            "{name} has a slot"
        );
        assert!(!unit.store.dir.join(".keyslots.json.tmp").exists());
        let names = unit.store.names(ADMIN, ADMIN_PASS);
        assert!(!names.contains(&name.to_owned()), "{names:?}");
        ok(&unit.store.verify());
    }
}

// ---------------------------------------------------------------------------------------
// M3: rows deleted with the store key.
// ---------------------------------------------------------------------------------------

/// Clerical kim deletes a document with its journal rows; a version of another (after a
/// regrade to STRENGT FORTROLIG, the newer version, which would make the older one current);
/// and a journal row of a third. Each is an integrity error in `verify` and in any command
/// that touches the document; ola reads none of it.
#[test]
fn m3_deleting_a_document_a_version_or_a_journal_row_is_exit_5() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    let whole = unit.doc(KARI, p, "FORTROLIG", "M3-WHOLE");
    let graded = unit.doc(KARI, p, "FORTROLIG", "M3-SENTINEL-GRADED");
    unit.ok(
        KARI,
        &["doc", "regrade", &graded, "--grading", "STRENGT_FORTROLIG"],
    );
    let journaled = unit.doc(KARI, p, "FORTROLIG", "M3-JOURNALED");
    let c = unit.attacker_db(KIM);
    c.execute_batch(&format!(
        "DELETE FROM documents WHERE journal_number = '{whole}';
         DELETE FROM journal WHERE journal_number = '{whole}';
         DELETE FROM documents WHERE journal_number = '{graded}' AND version = 2;
         DELETE FROM journal WHERE journal_number = '{journaled}';"
    ))
    .unwrap();
    drop(c);
    for j in [&whole, &graded, &journaled] {
        for u in [KARI, OLA] {
            let out = unit.run(u, &["doc", "show", j]);
            expect(&out, 5, &["not whole"]);
            assert!(!stdout(&out).contains("M3-"), "{}", describe(&out));
        }
    }
    let v = unit.store.verify();
    expect(&v, 5, &[]);
    assert!(
        stdout(&v).contains("FAIL documents, journal and use log agree"),
        "{}",
        describe(&v)
    );
}

/// M4: a key holder makes the schema over: the log's table rebuilt with the same rows but
/// an entry's number no longer the rowid (its indexes gone with the old table), and a
/// trigger that would act in every later session. Rows alone show neither; `verify` names
/// each, and passes the same store before (every other `verify` in the tests passes it too).
#[test]
fn m4_a_table_made_over_or_a_trigger_added_is_named_by_verify() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "M4-DOC");
    let before = unit.store.verify();
    assert_eq!(code(&before), 0, "{}", describe(&before));
    let c = unit.attacker_db(KIM);
    c.execute_batch(
        "ALTER TABLE use_log RENAME TO made;
         CREATE TABLE use_log AS SELECT * FROM made;
         DROP TABLE made;
         CREATE TRIGGER quiet AFTER INSERT ON use_log BEGIN SELECT 1; END;",
    )
    .unwrap();
    drop(c);
    let v = unit.store.verify();
    expect(&v, 5, &[]);
    for what in [
        "FAIL tables, indexes and triggers",
        "trigger quiet was added",
        "table use_log was made over",
        "index use_log_doc is missing",
    ] {
        assert!(stdout(&v).contains(what), "{what}: {}", describe(&v));
    }
}

// ---------------------------------------------------------------------------------------
// Clearance by keys.
// ---------------------------------------------------------------------------------------

/// A FORTROLIG officer on a folder's list, with the store key and his own private keys,
/// tries every key he can unwrap on every chunk of every STRENGT FORTROLIG document — one
/// added as such, and one raised to it (whose older FORTROLIG version moved under the S key):
/// none opens. The FORTROLIG document opens, so the attempt is not vacuous.
#[test]
fn a_fortrolig_reader_with_the_store_key_and_his_own_keys_opens_no_strengt_fortrolig_chunk() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    let sf = unit.doc(KARI, p, "STRENGT_FORTROLIG", "SF-SENTINEL-ADDED");
    let raised = unit.doc(KARI, p, "FORTROLIG", "SF-SENTINEL-RAISED");
    unit.ok(
        KARI,
        &["doc", "regrade", &raised, "--grading", "STRENGT_FORTROLIG"],
    );
    let plain = unit.doc(KARI, p, "FORTROLIG", "F-CONTROL");
    let c = unit.attacker_db(OLA);
    let (_, agreement) = unit.keys_of(OLA);
    let keys = ts::every_key_opened_by(&c, &unit.store_id(), &agreement);
    assert!(
        keys.iter().all(|(_, t, _, _)| *t == Tier::F),
        "ola unwraps an S key"
    );
    let versions = all_versions(&unit);
    let mut opened_control = false;
    for d in &versions {
        for (_, _, _, k) in &keys {
            let got = ts::decrypt_with(&c, d, k);
            if d.journal_number == plain {
                opened_control |= got.as_deref() == Some(&b"F-CONTROL"[..]);
            } else if d.journal_number == sf || d.journal_number == raised {
                assert!(
                    got.is_none(),
                    "ola opens {} v{}",
                    d.journal_number,
                    d.version
                );
            }
        }
    }
    assert!(
        opened_control,
        "ola's keys do not open the FORTROLIG document: the test is vacuous"
    );
    assert_eq!(
        versions
            .iter()
            .filter(|d| d.journal_number == raised)
            .count(),
        2,
        "the regraded document has two versions"
    );
}

// ---------------------------------------------------------------------------------------
// Low: text, names, passphrases, files, descriptors, sizes, a failed copy.
// ---------------------------------------------------------------------------------------

/// L1: control characters (terminal escapes) are refused on input and shown escaped on
/// output, even when someone stores them with the store key; every text field is bounded.
#[test]
fn l1_terminal_escapes_are_refused_on_input_and_escaped_on_output_and_text_is_bounded() {
    let unit = Unit::new();
    let esc = "Per\u{1b}[2J\u{1b}]0;pwned\u{7}";
    let out = unit.run(KARI, &["person", "add", "--name", esc, "--kind", "inmate"]);
    expect(&out, 2, &["control character"]);
    let p = unit.person("Per Olsen");
    let pstr = p.to_string();
    let out = unit.run(
        KARI,
        &[
            "doc",
            "add",
            "--person",
            &pstr,
            "--grading",
            "FORTROLIG",
            "--title",
            esc,
            "--source",
            "local",
            "--text",
            "x",
        ],
    );
    expect(&out, 2, &["control character"]);
    let huge = "x".repeat(120_000);
    let out = unit.run(
        KARI,
        &[
            "network",
            "add",
            "--name",
            "Stor",
            "--kind",
            "mc",
            "--purpose",
            &huge,
            "--member",
            &pstr,
        ],
    );
    expect(&out, 2, &["characters long"]);
    // Stored with the store key, it reaches nobody's terminal as an escape.
    let c = unit.attacker_db(KIM);
    c.execute(
        "UPDATE persons SET name = ?1 WHERE id = ?2",
        params![esc, p],
    )
    .unwrap();
    drop(c);
    let out = unit.run(KARI, &["person", "list"]);
    ok(&out);
    assert!(
        !out.stdout.contains(&0x1b),
        "an escape reached the terminal\n{}",
        describe(&out)
    );
    assert!(stdout(&out).contains("\\u{1b}"), "{}", describe(&out));
}

/// L2: a user name that looks like another (a Cyrillic "а" in "kari") is refused.
#[test]
fn l2_a_user_name_confusable_with_another_is_refused() {
    let unit = Unit::new();
    let out = unit.store.try_add_user(
        (ADMIN, ADMIN_PASS),
        "k\u{430}ri",
        "officer",
        "fortrolig",
        &pass_of("x"),
        &[],
    );
    expect(&out, 2, &["invalid user name"]);
    assert_eq!(
        unit.store
            .names(ADMIN, ADMIN_PASS)
            .iter()
            .filter(|n| n.contains("ri"))
            .count(),
        1
    );
}

/// L3: guessable passphrases, a colleague's, and the same one again are refused; the KDF has
/// a floor, and a keyslot edited to absurd parameters is refused before Argon2id runs.
#[test]
fn l3_weak_reused_and_colleagues_passphrases_are_refused_and_the_kdf_is_bounded() {
    let unit = Unit::new();
    for weak in ["aaaaaaaaaaaa", "            ", "123456789012"] {
        let out = unit.store.try_add_user(
            (ADMIN, ADMIN_PASS),
            "nina",
            "officer",
            "fortrolig",
            weak,
            &[],
        );
        expect(&out, 2, &["passphrase"]);
    }
    let out = unit.store.try_add_user(
        (ADMIN, ADMIN_PASS),
        "nina",
        "officer",
        "fortrolig",
        &pass_of(KARI),
        &[],
    );
    expect(&out, 2, &["already in use"]);
    let out = unit.store.passwd(OLA, &pass_of(OLA), &pass_of(OLA));
    expect(&out, 2, &["already in use"]);
    let out = unit.store.passwd(OLA, &pass_of(OLA), &pass_of(EVA));
    expect(&out, 2, &["already in use"]);
    // The KDF: 1 GiB and 64 passes in a slot is refused at once, not run for a minute.
    let mut v: Value = serde_json::from_slice(&fs::read(unit.store.keyslots()).unwrap()).unwrap();
    for slot in v["slots"].as_array_mut().unwrap() {
        slot["kdf"]["m_kib"] = 1_048_576.into();
        slot["kdf"]["t"] = 64.into();
    }
    fs::write(unit.store.keyslots(), serde_json::to_vec(&v).unwrap()).unwrap();
    let t = std::time::Instant::now();
    expect(&unit.run(KARI, &["user", "list"]), 5, &["out of range"]);
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        t.elapsed()
    );
}

/// L4: a store directory others can reach, or a file of it, is refused with what to check
/// (never silently "repaired"); the keyslots file's temporary name never follows a planted
/// symlink.
#[test]
fn l4_loose_permissions_are_refused_and_a_planted_symlink_is_not_followed() {
    use std::os::unix::fs::PermissionsExt;
    let unit = Unit::new();
    fs::set_permissions(&unit.store.dir, fs::Permissions::from_mode(0o777)).unwrap();
    expect(
        &unit.run(KARI, &["user", "list"]),
        1,
        &["mode 777", "chmod 700"],
    );
    fs::set_permissions(&unit.store.dir, fs::Permissions::from_mode(0o700)).unwrap();
    fs::set_permissions(unit.store.db(), fs::Permissions::from_mode(0o400)).unwrap();
    expect(&unit.run(KARI, &["user", "list"]), 1, &["mode 400"]);
    assert_eq!(
        mode(&unit.store.db()),
        0o400,
        "the mode was changed behind the user's back"
    );
    fs::set_permissions(unit.store.db(), fs::Permissions::from_mode(0o600)).unwrap();
    // A file or directory of the right mode that belongs to someone else is refused too, and
    // the message says whose it is (a chmod would not fix it). Only root can give a file
    // away; CI runs as root, so there this always runs.
    use std::os::unix::fs::MetadataExt;
    if fs::metadata(&unit.store.dir).unwrap().uid() == 0 {
        for path in [
            unit.store.db(),
            unit.store.keyslots(),
            unit.store.dir.clone(),
        ] {
            std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
            expect(
                &unit.run(KARI, &["user", "list"]),
                1,
                &[
                    "belongs to user 65534",
                    "not to the user running infoflyt (user 0)",
                ],
            );
            std::os::unix::fs::chown(&path, Some(0), Some(0)).unwrap();
        }
        ok(&unit.run(KARI, &["user", "list"]));
    } else {
        eprintln!("not root: a file given away to another user is not tried");
    }
    // A symlink where the keyslots file's temporary copy goes, pointing at a file of ours.
    let target = unit.store.scratch().join("precious.txt");
    fs::write(&target, b"do not truncate").unwrap();
    let link = unit.store.dir.join(".keyslots.json.tmp");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // It lies in the store directory, so the store is refused until it is looked at…
    expect(&unit.run(KARI, &["user", "list"]), 1, &["symbolic link"]);
    assert_eq!(fs::read(&target).unwrap(), b"do not truncate");
    // …and the writer itself never follows it (a race between check and write).
    fs::remove_file(&link).unwrap();
    ok(&unit.run(KARI, &["user", "list"]));
}

/// L5: `--passphrase-fd 1` or `2` is refused at once (it used to hang); a document larger
/// than the store's limit (`/dev/zero`) is refused with nothing written; a clerical user who
/// changes a folder's signed list locks nobody out: the readers' other work goes on, the
/// folder refuses, and a reader repairs it back to the signed state.
#[test]
fn l5_descriptors_sizes_and_a_tampered_list_do_not_hang_fill_or_lock_out() {
    let unit = Unit::new();
    for fd in ["1", "2"] {
        let args = [
            "--store",
            &unit.store.dir.display().to_string(),
            "--user",
            KARI,
            "--passphrase-fd",
            fd,
            "user",
            "list",
        ];
        let mut child = command(&args).spawn().unwrap();
        let t = std::time::Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(2), "fd {fd}");
                break;
            }
            assert!(
                t.elapsed() < std::time::Duration::from_secs(20),
                "--passphrase-fd {fd} hangs"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    unit.ok(ADMIN, &["store", "set", "max-document-mib", "1"]);
    let p = unit.person("Per Olsen");
    let pstr = p.to_string();
    let docs = unit.journal_numbers().len();
    let out = unit.run(
        KARI,
        &[
            "doc",
            "add",
            "--person",
            &pstr,
            "--grading",
            "FORTROLIG",
            "--title",
            "Null",
            "--source",
            "local",
            "--file",
            "/dev/zero",
        ],
    );
    expect(&out, 2, &["limit of 1 MiB"]);
    assert_eq!(unit.journal_numbers().len(), docs, "a document was written");

    let j = unit.doc(KARI, p, "FORTROLIG", "L5-TEXT");
    let q = unit.person("Pål Hansen");
    let other = unit.doc(KARI, q, "FORTROLIG", "L5-OTHER");
    let c = unit.attacker_db(KIM);
    let f = folder_of(&c, p);
    c.execute_batch(&format!(
        "UPDATE folder_key_versions SET restricted = 1, readers = X'{:016x}' WHERE folder_id = {f};
         INSERT INTO folder_grants_pending (folder_id, tier, user_id) VALUES ({f}, 'F', {});",
        user_id(&c, KIM),
        user_id(&c, EVA)
    ))
    .unwrap();
    drop(c);
    // Kari's other work goes on (warned), the tampered folder refuses…
    let out = unit.run(KARI, &["doc", "show", &other]);
    expect(&out, 0, &["folder repair"]);
    expect(&unit.run(KARI, &["doc", "show", &j]), 5, &[]);
    // …until a reader puts its list back to what its makers signed.
    let v = unit.json(KARI, &["folder", "repair", &pstr]);
    assert!(v["repaired"].as_i64().unwrap() >= 1, "{v}");
    ok(&unit.run(KARI, &["doc", "show", &j]));
    ok(&unit.run(KARI, &["folder", "show", &pstr]));
}

/// L6: an export to a full disk is logged as a failed copy, not only as a made one, and the
/// message does not claim that nothing changed.
#[test]
fn l6_a_copy_that_could_not_be_written_is_logged_as_failed() {
    let unit = Unit::new();
    let p = unit.person("Per Olsen");
    let big = unit.store.scratch().join("big.bin");
    fs::write(&big, vec![7u8; 3 << 20]).unwrap();
    let pstr = p.to_string();
    let j = unit.json(
        KARI,
        &[
            "doc",
            "add",
            "--person",
            &pstr,
            "--grading",
            "FORTROLIG",
            "--title",
            "Stor",
            "--source",
            "local",
            "--file",
            &big.display().to_string(),
        ],
    )["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    // The WAL emptied, so the database's next writes land near its start: a limit of 1 MiB
    // leaves room for them, not for a 3 MiB copy.
    unit.attacker_db(KARI)
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let blocks = (1 << 20) / 512;
    let out_file = unit.store.scratch().join("copy.bin");
    let args = unit.store.args(
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
            &out_file.display().to_string(),
        ],
    );
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} || exit 99; exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(&args)
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let out = spawn_command(sh, &lines(&[&pass_of(KARI)]))
        .wait_with_output()
        .unwrap();
    expect(&out, 1, &["was not written", "failed"]);
    assert!(
        !stderr(&out).contains("nothing was changed"),
        "{}",
        describe(&out)
    );
    assert!(!out_file.exists());
    let log = unit.log();
    let exports: Vec<&Value> = log.iter().filter(|e| e["act"] == "export").collect();
    assert_eq!(exports.len(), 2, "{exports:?}");
    assert_eq!(exports[1]["outcome"], "failed", "{exports:?}");
    assert!(
        exports[1]["detail"]
            .as_str()
            .unwrap()
            .contains("copy no. 1"),
        "{exports:?}"
    );
}
