//! Issue 4: need to know — authorisation lists enforced by keys, not only by checks
//! (R16–R21, R26; DESIGN.md §3, §5).
//!
//! One test (or a few) per point of the "How we will check", each named for what it
//! proves. They drive the real binary (helpers in `common`) and open the store at the library
//! level where the point is what someone *holding the store key* can do: every user of a
//! shared workstation holds it, so the only thing between a user and a folder they are not on
//! is that they hold no wrap of its key.
//!
//! Users: the first admin `boss` (keeps the list, reads no folder), officers `kari`
//! (strengt-fortrolig), `ola` and `eva` (fortrolig), clerical `kim` (fortrolig); some tests add
//! more. Every user's passphrase is [`pass_of`] their name.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use infoflyt::authz::disclosure::Recipient;
use infoflyt::authz::folder::Tier;
use infoflyt::crypto::{Passphrase, SecretKey};
use infoflyt::documents::reader::Use;
use infoflyt::documents::DocMeta;
use infoflyt::identity::{self, Session};
use infoflyt::store::StorePaths;
use infoflyt::test_support as ts;
use rusqlite::{params, Connection};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const KARI: &str = "kari";
const OLA: &str = "ola";
const EVA: &str = "eva";
const KIM: &str = "kim";

const OFFICER: &str = "officer";
const CLERICAL: &str = "clerical";
const F: &str = "fortrolig";
const SF: &str = "strengt-fortrolig";

/// Every user's passphrase: the admin's from `common`, the others made from their name.
fn pass_of(user: &str) -> String {
    if user == ADMIN {
        ADMIN_PASS.to_owned()
    } else {
        format!("{user} passphrase for need-to-know tests")
    }
}

/// A local unit's store and the commands the tests run on it.
struct Unit {
    store: Store,
}

impl Unit {
    /// A local store with `users` = (name, role, clearance) added by the admin, in order.
    fn new(users: &[(&str, &str, &str)]) -> Unit {
        let store = Store::cached(&format!("need to know {users:?}"), || {
            let unit = Unit {
                store: Store::new_local(),
            };
            for (name, role, clearance) in users {
                ok(&unit.add(name, role, clearance, &[]));
            }
            unit.store
        });
        Unit { store }
    }

    /// The usual four: kari (SF), ola and eva (F) officers, kim clerical.
    fn standard() -> Unit {
        Unit::new(&[
            (KARI, OFFICER, SF),
            (OLA, OFFICER, F),
            (EVA, OFFICER, F),
            (KIM, CLERICAL, F),
        ])
    }

    fn dir(&self) -> &Path {
        &self.store.dir
    }

    /// `user add` by the admin with `extra` options; the new account gets [`pass_of`].
    fn add(&self, name: &str, role: &str, clearance: &str, extra: &[&str]) -> Output {
        self.store.try_add_user(
            (ADMIN, ADMIN_PASS),
            name,
            role,
            clearance,
            &pass_of(name),
            extra,
        )
    }

    fn run(&self, user: &str, args: &[&str]) -> Output {
        self.store.run(user, &pass_of(user), args)
    }

    #[track_caller]
    fn ok(&self, user: &str, args: &[&str]) -> Output {
        let out = self.run(user, args);
        ok(&out);
        out
    }

    #[track_caller]
    fn json(&self, user: &str, args: &[&str]) -> Value {
        self.store.json(user, &pass_of(user), args)
    }

    /// `person add` as `by`; returns the id.
    #[track_caller]
    fn person(&self, by: &str, name: &str) -> i64 {
        let v = self.json(by, &["person", "add", "--name", name, "--kind", "inmate"]);
        v["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("person add --json prints no integer id: {v}"))
    }

    /// `doc add --text TEXT` as `by`; returns the journal number.
    #[track_caller]
    fn doc(&self, by: &str, person: i64, grading: &str, text: &str) -> String {
        let p = person.to_string();
        let v = self.json(
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
                "kripos",
                "--text",
                text,
            ],
        );
        v["journal_number"]
            .as_str()
            .unwrap_or_else(|| panic!("no journal_number in {v}"))
            .to_owned()
    }

    /// `folder show PERSON --json` as `user`.
    #[track_caller]
    fn folder(&self, user: &str, person: i64) -> Value {
        self.json(user, &["folder", "show", &person.to_string()])
    }

    /// The whole use log, as the admin sees it with `log list --json`.
    #[track_caller]
    fn log(&self) -> Vec<Value> {
        array(self.json(ADMIN, &["log", "list"]))
    }

    /// The newest sequence number (0 for an empty log).
    #[track_caller]
    fn last_seq(&self) -> i64 {
        self.log().last().map(seq).unwrap_or(0)
    }

    /// Log entries after sequence number `after`.
    #[track_caller]
    fn log_after(&self, after: i64) -> Vec<Value> {
        self.log().into_iter().filter(|e| seq(e) > after).collect()
    }

    /// `auth pending --json` as the admin.
    #[track_caller]
    fn pending(&self) -> Vec<Value> {
        array(self.json(ADMIN, &["auth", "pending"]))
    }

    /// Unlocks at the library level: the test now holds the store key, as every user does.
    fn session(&self, user: &str) -> Session {
        session_at(self.dir(), user)
    }
}

/// The store key in hex, out of `user`'s keyslot, as every user can get it.
fn store_key_of(dir: &Path, user: &str) -> String {
    infoflyt::crypto::hex(ts::store_key(dir, user, &pass_of(user)).unwrap().expose())
}

fn session_at(dir: &Path, user: &str) -> Session {
    identity::unlock(
        &StorePaths::new(dir),
        user,
        &Passphrase::from(pass_of(user).as_str()),
    )
    .unwrap_or_else(|e| panic!("unlock as {user}: {e}"))
}

#[track_caller]
fn array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        other => panic!("expected a JSON array, got {other}"),
    }
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

/// Asserts `entry` is a logged refusal of `what` by `user` (on `jno`, if given), naming
/// `rule`.
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

/// `user list --json` as the admin.
#[track_caller]
fn accounts(unit: &Unit) -> Vec<Value> {
    unit.store.list(ADMIN, ADMIN_PASS)
}

// ---------------------------------------------------------------------------------------
// The library level: what the store key alone gives.
// ---------------------------------------------------------------------------------------

/// Every wrap of a folder's keys, any tier and version, any user: (tier, version, user id).
fn wraps_of_folder(conn: &Connection, folder: i64) -> Vec<(String, i64, i64)> {
    conn.prepare(
        "SELECT tier, version, user_id FROM folder_key_wraps WHERE folder_id = ?1
         ORDER BY tier, version, user_id",
    )
    .unwrap()
    .query_map([folder], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// How many wraps `user` holds, of one folder or of all.
fn wrap_count(conn: &Connection, user: i64, folder: Option<i64>) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM folder_key_wraps
         WHERE user_id = ?1 AND (?2 IS NULL OR folder_id = ?2)",
        params![user, folder],
        |r| r.get(0),
    )
    .unwrap()
}

/// How many grants `user` is owed.
fn pending_count(conn: &Connection, user: i64) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM folder_grants_pending WHERE user_id = ?1",
        [user],
        |r| r.get(0),
    )
    .unwrap()
}

fn user_id(conn: &Connection, name: &str) -> i64 {
    conn.query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
        .unwrap()
}

/// The key versions a user holds a wrap of: (folder, tier, version).
fn held(conn: &Connection, user: i64) -> Vec<(i64, Tier, i64)> {
    conn.prepare(
        "SELECT folder_id, tier, version FROM folder_key_wraps WHERE user_id = ?1
         ORDER BY folder_id, tier, version",
    )
    .unwrap()
    .query_map([user], |r| {
        Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })
    .unwrap()
    .map(|r| {
        let (f, t, v) = r.unwrap();
        (f, t.parse().unwrap(), v)
    })
    .collect()
}

/// Decrypts every chunk of `d` with a content key derived from `folder_key`, straight from
/// the database as anyone holding the store key can read it.
fn decrypt_with(conn: &Connection, d: &DocMeta, folder_key: &SecretKey) -> Option<Vec<u8>> {
    assert!(d.chunk_count > 0, "{} has no chunks", d.journal_number);
    ts::decrypt_with(conn, d, folder_key)
}

/// Folder keys someone might try on a folder they are not on: all zeros, all ones, random
/// ones, and every folder key `sess` really holds (of other folders).
fn guessed_keys(sess: &Session) -> Vec<(String, SecretKey)> {
    let mut keys = vec![
        ("zero key".to_owned(), SecretKey::from_bytes([0; 32])),
        ("all-ones key".to_owned(), SecretKey::from_bytes([0xff; 32])),
        ("random key 1".to_owned(), SecretKey::generate().unwrap()),
        ("random key 2".to_owned(), SecretKey::generate().unwrap()),
    ];
    for (folder, tier, version) in held(ts::conn(sess), sess.user().id) {
        keys.push((
            format!("the {tier:?} key of folder {folder} v{version}, which it holds"),
            ts::folder_key(sess, folder, tier, version).unwrap(),
        ));
    }
    keys
}

const OLD_TEXT: &str = "NTK-SENTINEL-BEFORE-RESTRICTION-4417";
const NEW_TEXT: &str = "NTK-SENTINEL-AFTER-RESTRICTION-9023";
const OTHER_TEXT: &str = "NTK-SENTINEL-OTHER-FOLDER-5521";

#[test]
fn with_the_store_key_a_user_off_a_folders_list_holds_no_wrap_unwraps_none_and_opens_no_chunk() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, F)]);
    let p1 = unit.person(KARI, "Per Olsen");
    let p2 = unit.person(KARI, "Pål Hansen");
    let old = unit.doc(KARI, p1, "FORTROLIG", OLD_TEXT);
    let other = unit.doc(KARI, p2, "FORTROLIG", OTHER_TEXT);
    // Ola is taken off folder 1 by narrowing it to kari; a document added afterwards is
    // under the new key.
    unit.ok(KARI, &["folder", "restrict", &p1.to_string(), "--to", KARI]);
    let new = unit.doc(KARI, p1, "FORTROLIG", NEW_TEXT);

    let kari = unit.session(KARI);
    let f1 = kari.folder_of(p1).unwrap();
    let f2 = kari.folder_of(p2).unwrap();
    let store_id = kari.meta().store_id.clone();
    let docs_f1: Vec<DocMeta> = [&old, &new]
        .iter()
        .map(|j| kari.document(j).unwrap())
        .collect();
    assert_eq!(docs_f1[0].key_version, 1);
    assert!(
        docs_f1[1].key_version > docs_f1[0].key_version,
        "restricting the folder did not rotate its key"
    );
    let all_wraps = wraps_of_folder(ts::conn(&kari), f1);
    let versions: Vec<i64> = all_wraps.iter().map(|w| w.1).collect();
    assert!(versions.contains(&1) && versions.contains(&docs_f1[1].key_version));

    // Control: kari, on the list, unwraps each of her rows with her agreement key, gets the
    // key the checked path gives, and opens both documents with it (and the rebuilt AAD).
    let kari_id = kari.user().id;
    let mut kari_rows = 0;
    for (tier, v, uid) in &all_wraps {
        if *uid != kari_id || tier != "F" {
            continue;
        }
        kari_rows += 1;
        let k = ts::unwrap_raw(
            ts::conn(&kari),
            &store_id,
            ts::agreement_key(&kari),
            kari_id,
            f1,
            Tier::F,
            *v,
        )
        .unwrap_or_else(|| panic!("kari cannot unwrap her own wrap of v{v}"));
        assert_eq!(
            k.expose(),
            ts::folder_key(&kari, f1, Tier::F, *v).unwrap().expose()
        );
    }
    assert_eq!(kari_rows, 2, "kari holds v1 and v2 of folder 1's F chain");
    for (d, text) in docs_f1.iter().zip([OLD_TEXT, NEW_TEXT]) {
        let key = ts::folder_key(&kari, f1, d.key_tier, d.key_version).unwrap();
        let plain = decrypt_with(ts::conn(&kari), d, &key)
            .unwrap_or_else(|| panic!("kari's key does not open {}", d.journal_number));
        assert_eq!(plain, text.as_bytes());
    }
    drop(kari);

    // The admin (keeps the list, reads nothing), clerical kim, and ola (an officer excluded
    // by `folder restrict`) all hold the store key; none gets anything out of folder 1.
    for outsider in [ADMIN, KIM, OLA] {
        let mut sess = unit.session(outsider);
        let me = sess.user().id;
        {
            let conn = ts::conn(&sess);
            assert_eq!(
                wrap_count(conn, me, Some(f1)),
                0,
                "{outsider} holds a wrap of folder 1"
            );
            let rows = wraps_of_folder(conn, f1);
            assert_eq!(rows, all_wraps, "the wraps changed under the test");
            let opened: Vec<_> = ts::every_key_opened_by(conn, &store_id, ts::agreement_key(&sess))
                .into_iter()
                .filter(|(f, _, _, _)| *f == f1)
                .collect();
            assert!(opened.is_empty(), "{outsider} unwrapped a key of folder 1");
            for tier in [Tier::F, Tier::S] {
                for v in 1..=docs_f1[1].key_version {
                    if let Ok(k) = ts::folder_key(&sess, f1, tier, v) {
                        panic!("{outsider} got folder 1's {tier:?} key v{v}: {k:?}");
                    }
                }
            }
            // Neither a guessed key nor a key of another folder opens a single chunk.
            let guesses = guessed_keys(&sess);
            for d in &docs_f1 {
                let d = sess.document(&d.journal_number).unwrap();
                for (what, key) in &guesses {
                    assert!(
                        decrypt_with(conn, &d, key).is_none(),
                        "{outsider} opened {} with {what}",
                        d.journal_number
                    );
                }
            }
        }
        for j in [&old, &new] {
            for how in [Use::Show, Use::Export(Recipient::Service)] {
                let err = sess
                    .open_document(j, how, None)
                    .expect_err("a user off the list opened a document");
                assert_eq!(err.exit_code(), 4, "{outsider}: {err}");
            }
        }
    }

    // Ola's agreement key is not broken: it opens the folder she is still on.
    let ola = unit.session(OLA);
    let d = ola.document(&other).unwrap();
    let key = ts::folder_key(&ola, f2, d.key_tier, d.key_version).unwrap();
    assert_eq!(
        decrypt_with(ts::conn(&ola), &d, &key).as_deref(),
        Some(OTHER_TEXT.as_bytes())
    );
    // And the admin and the clerical user hold no folder key at all.
    for u in [ADMIN, KIM] {
        let id = user_id(ts::conn(&ola), u);
        assert_eq!(wrap_count(ts::conn(&ola), id, None), 0, "{u} holds a wrap");
    }
}

// ---------------------------------------------------------------------------------------
// Roles, clearance, restricted folders: refused with exit 4, the rule named, and logged.
// ---------------------------------------------------------------------------------------

const SF_TEXT: &str = "NTK-STRENGT-FORTROLIG-7730";
const F_TEXT: &str = "NTK-FORTROLIG-3362";

#[test]
fn fortrolig_officer_is_refused_a_strengt_fortrolig_document_with_exit_4_and_it_is_logged() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F)]);
    let p = unit.person(KARI, "Per Olsen");
    let sf = unit.doc(KARI, p, "STRENGT_FORTROLIG", SF_TEXT);
    let f = unit.doc(KARI, p, "FORTROLIG", F_TEXT);

    let mark = unit.last_seq();
    let out = unit.run(OLA, &["doc", "show", &sf]);
    expect(&out, 4, &["clearance"]);
    assert!(!stdout(&out).contains(SF_TEXT), "{}", describe(&out));
    let dest = unit.store.scratch().join("ola.txt");
    let out = unit.run(
        OLA,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &sf,
            "--out",
            &dest.display().to_string(),
        ],
    );
    expect(&out, 4, &["clearance"]);
    assert!(!dest.exists(), "a refused export wrote a file");
    let new = unit.log_after(mark);
    assert_eq!(new.len(), 2, "one entry per refusal: {new:?}");
    assert_refusal(&new[0], "show", OLA, Some(&sf), "clearance");
    assert_refusal(&new[1], "export", OLA, Some(&sf), "clearance");

    // The same folder's FORTROLIG document is hers to read: the refusal is the grading's.
    let out = unit.ok(OLA, &["doc", "show", &f]);
    assert!(stdout(&out).contains(F_TEXT));
    let out = unit.ok(KARI, &["doc", "show", &sf]);
    assert!(stdout(&out).contains(SF_TEXT));
}

#[test]
fn clerical_user_is_refused_every_doc_show_and_export_but_can_use_journal_list() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (KIM, CLERICAL, SF)]);
    let p1 = unit.person(KARI, "Per Olsen");
    let p2 = unit.person(KARI, "Pål Hansen");
    let docs = [
        unit.doc(KARI, p1, "FORTROLIG", F_TEXT),
        unit.doc(KARI, p1, "STRENGT_FORTROLIG", SF_TEXT),
        unit.doc(KARI, p2, "FORTROLIG", F_TEXT),
        unit.doc(KARI, p2, "STRENGT_FORTROLIG", SF_TEXT),
    ];

    let mark = unit.last_seq();
    let mut tried = Vec::new();
    for j in &docs {
        let out = unit.run(KIM, &["doc", "show", j]);
        expect(&out, 4, &["clerical"]);
        assert!(
            !stdout(&out).contains(F_TEXT) && !stdout(&out).contains(SF_TEXT),
            "{}",
            describe(&out)
        );
        tried.push(("show", j));
        let dest = unit.store.scratch().join("kim.out");
        let out = unit.run(
            KIM,
            &[
                "doc",
                "export",
                "--to",
                "KSF",
                "--purpose",
                "prøve",
                j,
                "--out",
                &dest.display().to_string(),
            ],
        );
        expect(&out, 4, &["clerical"]);
        assert!(!dest.exists(), "a refused export wrote a file");
        tried.push(("export", j));
    }
    let new = unit.log_after(mark);
    assert_eq!(new.len(), tried.len(), "one entry per refusal: {new:?}");
    for (e, (what, j)) in new.iter().zip(&tried) {
        assert_refusal(e, what, KIM, Some(j), "role");
    }

    // The journal is clerical work: it lists every document.
    let journal = array(unit.json(KIM, &["journal", "list"]));
    for j in &docs {
        assert!(
            journal.iter().any(|e| s(&e["journal_number"]) == j),
            "{j} missing from kim's journal: {journal:?}"
        );
    }
    assert_eq!(journal, array(unit.json(KARI, &["journal", "list"])));
}

#[test]
fn folder_restricted_to_one_officer_refuses_the_others_while_she_reads_old_and_new_documents() {
    let unit = Unit::standard();
    let p = unit.person(KARI, "Per Olsen");
    let ps = p.to_string();
    let old = unit.doc(KARI, p, "FORTROLIG", OLD_TEXT);
    let before = unit.folder(KARI, p);
    assert_eq!(before["restricted"], false);
    unit.ok(KARI, &["folder", "restrict", &ps, "--to", KARI]);
    let new = unit.doc(KARI, p, "FORTROLIG", NEW_TEXT);

    let f = unit.folder(KARI, p);
    assert_eq!(f["restricted"], true, "{f}");
    assert!(
        f["key_version"].as_i64().unwrap() > before["key_version"].as_i64().unwrap(),
        "{f}"
    );
    let readers = f["readers"].as_array().unwrap();
    assert_eq!(readers.len(), 1, "{f}");
    assert_eq!(readers[0]["name"], KARI);
    assert_eq!(readers[0]["holds_key"], true);

    let mark = unit.last_seq();
    let mut tried = Vec::new();
    for other in [OLA, EVA] {
        for j in [&old, &new] {
            let out = unit.run(other, &["doc", "show", j]);
            expect(&out, 4, &["folder restricted"]);
            assert!(!stdout(&out).contains("NTK-SENTINEL"), "{}", describe(&out));
            tried.push(("show", other, j.clone()));
            let dest = unit.store.scratch().join("out.txt");
            let out = unit.run(
                other,
                &[
                    "doc",
                    "export",
                    "--to",
                    "KSF",
                    "--purpose",
                    "prøve",
                    j,
                    "--out",
                    &dest.display().to_string(),
                ],
            );
            expect(&out, 4, &["folder restricted"]);
            assert!(!dest.exists());
            tried.push(("export", other, j.clone()));
        }
    }
    // Nor can they write into it, nor widen it again.
    let out = unit.run(
        OLA,
        &[
            "doc",
            "add",
            "--person",
            &ps,
            "--grading",
            "FORTROLIG",
            "--title",
            "x",
            "--source",
            "local",
            "--text",
            "x",
        ],
    );
    expect(&out, 4, &["folder restricted"]);
    let out = unit.run(OLA, &["folder", "widen", &ps]);
    expect(&out, 4, &["not on the list"]);
    let new_log = unit.log_after(mark);
    assert_eq!(new_log.len(), tried.len() + 2, "{new_log:?}");
    for (e, (what, user, j)) in new_log.iter().zip(&tried) {
        assert_refusal(e, what, user, Some(j), "folder restricted");
    }
    assert_refusal(
        &new_log[tried.len()],
        "create",
        OLA,
        None,
        "folder restricted",
    );
    assert_refusal(
        &new_log[tried.len() + 1],
        "folder-widen",
        OLA,
        None,
        "not on the list",
    );

    // Kari reads the documents from before and after the restriction.
    let out = unit.ok(KARI, &["doc", "show", &old]);
    assert!(stdout(&out).contains(OLD_TEXT));
    let out = unit.ok(KARI, &["doc", "show", &new]);
    assert!(stdout(&out).contains(NEW_TEXT));

    // `folder widen` by kari gives the others both keys again.
    let v = unit.json(KARI, &["folder", "widen", &ps]);
    assert_eq!(v["granted"], 2, "{v}");
    for other in [OLA, EVA] {
        for (j, text) in [(&old, OLD_TEXT), (&new, NEW_TEXT)] {
            let out = unit.ok(other, &["doc", "show", j]);
            assert!(stdout(&out).contains(text), "{other} {j}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Size rules (R16, R18, R20).
// ---------------------------------------------------------------------------------------

#[test]
fn fifth_officer_is_refused_without_agreement_accepted_with_it_and_the_list_records_it() {
    let unit = Unit::new(&[]);
    let officers = ["o1", "o2", "o3", "o4"];

    // Below the minimum of 2 at a local unit: warned, but allowed.
    let out = unit.add(officers[0], OFFICER, F, &[]);
    expect(&out, 0, &["at least 2"]);
    let out = unit.run(ADMIN, &["auth", "list"]);
    expect(&out, 0, &["at least 2"]);
    let out = unit.add(officers[1], OFFICER, F, &[]);
    ok(&out);
    assert!(!stderr(&out).contains("at least"), "{}", describe(&out));
    for o in &officers[2..] {
        let out = unit.add(o, OFFICER, F, &[]);
        ok(&out);
        assert!(!stderr(&out).contains("warning"), "{}", describe(&out));
    }

    // Clerical staff are not counted: at the maximum of officers, two clerical need no
    // agreement, and a third draws a warning (R18) but is accepted.
    for c in ["c1", "c2"] {
        let out = unit.add(c, CLERICAL, F, &[]);
        ok(&out);
        assert!(
            !stderr(&out).contains("clerical staff"),
            "{}",
            describe(&out)
        );
    }
    let out = unit.add("c3", CLERICAL, F, &[]);
    expect(&out, 0, &["clerical staff", "minimum"]);
    let list = unit.json(ADMIN, &["auth", "list"]);
    assert_eq!(list["officers"], 4, "{list}");
    assert_eq!(list["clerical"], 3, "{list}");
    assert_eq!(list["bounds"], serde_json::json!([2, 4]), "{list}");
    assert!(
        list["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| s(w).contains("clerical staff")),
        "{list}"
    );

    // The fifth officer: refused without an agreement, and the refusal is logged.
    let pending_before = unit.pending().len();
    let mark = unit.last_seq();
    let out = unit.add("o5", OFFICER, F, &[]);
    expect(&out, 4, &["list size", "--agreement"]);
    let new = unit.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_refusal(&new[0], "list-add", ADMIN, None, "list size");
    assert!(
        !unit
            .store
            .names(ADMIN, ADMIN_PASS)
            .contains(&"o5".to_owned()),
        "a refused officer is on the list"
    );
    assert_eq!(unit.pending().len(), pending_before, "a refusal was queued");
    expect(&unit.run("o5", &["user", "list"]), 3, &[]);
    // A blank agreement is no agreement.
    expect(
        &unit.add("o5", OFFICER, F, &["--agreement", "  "]),
        4,
        &["list size"],
    );

    // With the agreement: accepted, and recorded with the list.
    const REF: &str = "KSF-POLITI-2026-17";
    let out = unit.add("o5", OFFICER, F, &["--agreement", REF]);
    ok(&out);
    let list = unit.json(ADMIN, &["auth", "list"]);
    assert_eq!(list["officers"], 5, "{list}");
    assert_eq!(list["clerical"], 3, "clerical are counted apart: {list}");
    let agreements = list["agreements"].as_array().unwrap();
    assert_eq!(agreements.len(), 1, "{list}");
    assert_eq!(agreements[0]["reference"], REF);
    assert_eq!(agreements[0]["recorded_by"], ADMIN);
    assert_eq!(agreements[0]["officers"], 5);
    assert!(
        list["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| s(w).contains("exceed the maximum") && s(w).contains(REF)),
        "{list}"
    );
    let pending = unit.pending();
    let last = pending.last().unwrap();
    assert_eq!(last["change"]["add"], "o5", "{last}");
    assert_eq!(last["agreement"], REF, "{last}");
    ok(&unit.run("o5", &["user", "list"]));

    // A sixth needs an agreement too: each officer above the maximum is its own decision.
    expect(&unit.add("o6", OFFICER, F, &[]), 4, &["list size"]);
}

#[test]
fn a_region_or_ksf_list_warns_below_three_officers() {
    let store = Store::init(&InitOpts {
        level: "region",
        unit: "Region test",
        region: None,
        ..InitOpts::default()
    });
    let unit = Unit { store };
    for (i, o) in ["r1", "r2", "r3"].iter().enumerate() {
        let out = unit.add(o, OFFICER, F, &[]);
        if i < 2 {
            expect(&out, 0, &["at least 3"]);
        } else {
            ok(&out);
            assert!(!stderr(&out).contains("at least"), "{}", describe(&out));
        }
    }
    let list = unit.json(ADMIN, &["auth", "list"]);
    assert_eq!(list["bounds"], serde_json::json!([3, 4]), "{list}");
    assert_eq!(list["warnings"], serde_json::json!([]), "{list}");
}

// ---------------------------------------------------------------------------------------
// Leaving: new keys that nothing the leaver kept opens.
// ---------------------------------------------------------------------------------------

#[test]
fn after_user_disable_new_documents_use_a_new_key_that_the_leavers_old_key_does_not_open() {
    let unit = Unit::standard();
    let p1 = unit.person(KARI, "Per Olsen");
    let p2 = unit.person(KARI, "Pål Hansen");
    let old1 = unit.doc(KARI, p1, "FORTROLIG", OLD_TEXT);
    let old2 = unit.doc(KARI, p2, "FORTROLIG", OTHER_TEXT);

    // What ola keeps: the folder keys she holds, taken out at the library level while she
    // still could.
    let (ola_id, kept) = {
        let ola = unit.session(OLA);
        let f1 = ola.folder_of(p1).unwrap();
        let f2 = ola.folder_of(p2).unwrap();
        let kept: Vec<(i64, i64, SecretKey)> = [f1, f2]
            .iter()
            .map(|f| {
                let v = ola.folder_state(*f).unwrap().f_version;
                (*f, v, ts::folder_key(&ola, *f, Tier::F, v).unwrap())
            })
            .collect();
        (ola.user().id, kept)
    };

    let v = unit.json(ADMIN, &["user", "disable", OLA]);
    // The admin holds no folder key: the two folders are queued for new keys, made by the
    // next session of a remaining reader (kari's `doc add` below) before anything is written.
    // Ola (FORTROLIG) held the F chains of the two folders only.
    assert_eq!(v["folders_to_rotate"], 2, "{v}");
    assert_eq!(v["user"]["status"], "disabled", "{v}");
    expect(&unit.run(OLA, &["user", "list"]), 3, &["disabled"]);

    let new1 = unit.doc(KARI, p1, "FORTROLIG", NEW_TEXT);
    let new2 = unit.doc(EVA, p2, "FORTROLIG", NEW_TEXT);

    let kari = unit.session(KARI);
    let conn = ts::conn(&kari);
    assert_eq!(wrap_count(conn, ola_id, None), 0, "ola's wraps survive");
    assert_eq!(pending_count(conn, ola_id), 0, "ola is still owed grants");
    let pairs = [(&old1, &new1, OLD_TEXT), (&old2, &new2, OTHER_TEXT)];
    for ((folder, old_version, ola_key), (old, new, old_text)) in kept.iter().zip(pairs) {
        let old_doc = kari.document(old).unwrap();
        let new_doc = kari.document(new).unwrap();
        assert_eq!(old_doc.key_version, *old_version);
        assert!(
            new_doc.key_version > *old_version,
            "{new} was added after the disable under the old key v{old_version}"
        );
        assert_eq!(
            new_doc.key_version,
            kari.folder_state(*folder).unwrap().f_version
        );
        assert!(
            wraps_of_folder(conn, *folder)
                .iter()
                .all(|(_, _, uid)| *uid != ola_id),
            "a wrap to ola is left in folder {folder}"
        );
        // The key ola kept opens what was there before she left (the test is not vacuous)…
        assert_eq!(
            decrypt_with(conn, &old_doc, ola_key).as_deref(),
            Some(old_text.as_bytes()),
            "ola's kept key does not open {old}"
        );
        // …but not one chunk of what was added afterwards,
        assert!(
            decrypt_with(conn, &new_doc, ola_key).is_none(),
            "the key ola kept opens {new}, added after she was disabled"
        );
        // which the remaining readers open with the new key.
        let current = ts::folder_key(&kari, *folder, Tier::F, new_doc.key_version).unwrap();
        assert_eq!(
            decrypt_with(conn, &new_doc, &current).as_deref(),
            Some(NEW_TEXT.as_bytes())
        );
        assert_ne!(
            current.expose(),
            ola_key.expose(),
            "the key was not rotated"
        );
    }
    drop(kari);

    // Through the program: the remaining officers read old and new documents alike.
    for u in [KARI, EVA] {
        for (j, text) in [
            (&old1, OLD_TEXT),
            (&new1, NEW_TEXT),
            (&old2, OTHER_TEXT),
            (&new2, NEW_TEXT),
        ] {
            let out = unit.ok(u, &["doc", "show", j]);
            assert!(stdout(&out).contains(text), "{u} {j}");
        }
    }
    // An officer who joins after the rotation is passed every key version by a reader's
    // session, and reads the documents from before and after it.
    ok(&unit.add("per", OFFICER, F, &[]));
    ok(&unit.run(EVA, &["user", "list"]));
    for (j, text) in [
        (&old1, OLD_TEXT),
        (&new1, NEW_TEXT),
        (&old2, OTHER_TEXT),
        (&new2, NEW_TEXT),
    ] {
        let out = unit.ok("per", &["doc", "show", j]);
        assert!(stdout(&out).contains(text), "per {j}");
    }
    let log = unit.log();
    // The admin queued the rotation; a remaining reader (kari) made and signed the new keys.
    assert!(
        log.iter()
            .any(|e| s(&e["act"]) == "key-rotate-queued" && s(&e["user"]) == ADMIN),
        "the queued rotation is not logged: {log:?}"
    );
    assert!(
        log.iter()
            .any(|e| s(&e["act"]) == "key-rotate" && s(&e["user"]) == KARI),
        "the rotation is not logged: {log:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Joining: keys come from a reader's session; clerical staff never get any.
// ---------------------------------------------------------------------------------------

/// The entry for `name` in `folder show --json`, if listed.
fn reader<'a>(folder: &'a Value, name: &str) -> Option<&'a Value> {
    folder["readers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
}

#[test]
fn new_officer_gets_folder_keys_at_a_readers_next_session_then_reads_old_documents() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F)]);
    let p1 = unit.person(KARI, "Per Olsen");
    let p2 = unit.person(KARI, "Pål Hansen");
    let d1 = unit.doc(KARI, p1, "FORTROLIG", OLD_TEXT);
    let d2 = unit.doc(KARI, p2, "FORTROLIG", OTHER_TEXT);

    ok(&unit.add(EVA, OFFICER, F, &[]));
    ok(&unit.add(KIM, CLERICAL, SF, &[]));

    // Until a reader's session, eva is owed the keys but holds none; the admin's and her own
    // sessions cannot pass them on.
    for who in [ADMIN, EVA, KIM] {
        for p in [p1, p2] {
            let f = unit.folder(who, p);
            let r = reader(&f, EVA).unwrap_or_else(|| panic!("eva not listed: {f}"));
            assert_eq!(r["pending"], true, "{who}: {f}");
            assert_eq!(r["holds_key"], false, "{who}: {f}");
            assert!(
                reader(&f, KIM).is_none(),
                "clerical kim is on a folder: {f}"
            );
        }
    }
    let mark = unit.last_seq();
    let out = unit.run(EVA, &["doc", "show", &d1]);
    expect(&out, 4, &["not on the list", "next session"]);
    let new = unit.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_refusal(&new[0], "show", EVA, Some(&d1), "not on the list");
    {
        let sess = unit.session(EVA);
        assert_eq!(wrap_count(ts::conn(&sess), sess.user().id, None), 0);
        assert_eq!(pending_count(ts::conn(&sess), sess.user().id), 2);
    }

    // Any command of kari's passes both keys on.
    let out = unit.run(KARI, &["--json", "folder", "show", &p1.to_string()]);
    expect(&out, 0, &["passed 2 folder key"]);
    for p in [p1, p2] {
        let f = unit.folder(ADMIN, p);
        let r = reader(&f, EVA).unwrap();
        assert_eq!(r["holds_key"], true, "{f}");
        assert_eq!(r["pending"], false, "{f}");
    }
    let log = unit.log();
    assert!(
        log.iter()
            .any(|e| s(&e["act"]) == "grant" && s(&e["user"]) == KARI),
        "the grant is not logged: {log:?}"
    );

    // Eva now reads the documents that were there before she joined.
    for (j, text) in [(&d1, OLD_TEXT), (&d2, OTHER_TEXT)] {
        let out = unit.ok(EVA, &["doc", "show", j]);
        assert!(stdout(&out).contains(text));
    }

    // Clerical kim was never owed a key and holds none, after all those sessions.
    let sess = unit.session(KIM);
    let conn = ts::conn(&sess);
    assert_eq!(wrap_count(conn, sess.user().id, None), 0);
    assert_eq!(pending_count(conn, sess.user().id), 0);
    let admin_id = user_id(conn, ADMIN);
    assert_eq!(
        wrap_count(conn, admin_id, None),
        0,
        "the admin holds a wrap"
    );
}

/// A reader's first use of many folders checks the signatures of their records and of the
/// log entries that announced them together at the end, on every core (identity::deferred).
/// A forged record and a forged announcement among them must still be caught, only their
/// grants left undone and nothing about them pinned, exactly as when each is checked in turn.
#[test]
fn forged_signatures_among_a_first_users_grants_are_caught_and_only_their_grants_left() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F)]);
    let persons: Vec<i64> = ["Per Olsen", "Pål Hansen", "Nils Berg", "Ivar Dahl"]
        .iter()
        .map(|n| unit.person(KARI, n))
        .collect();
    ok(&unit.add(EVA, OFFICER, F, &[]));
    // With the store key: the second folder's first record gets a signature kari never
    // made, and so does the log entry that announced the fourth folder's.
    tamper(
        &unit,
        OLA,
        persons[1],
        "UPDATE folder_key_versions SET signature = randomblob(64)
         WHERE folder_id = ?1 AND tier = 'F' AND version = 1",
    );
    tamper(
        &unit,
        OLA,
        persons[3],
        &format!(
            "UPDATE use_log SET signature = randomblob(64)
             WHERE act = 'folder-create' AND person_id = {}",
            persons[3]
        ),
    );
    // Ola holds every key but never used one: her session checks every signature.
    let mut ola = unit.session(OLA);
    let carried = ola.carry_out_grants(|_, _| {}).unwrap();
    assert_eq!(carried.done, 2, "{carried:?}");
    assert_eq!(carried.skipped.len(), 2, "{carried:?}");
    for (p, why) in [(persons[1], "signature does not check"), (persons[3], "")] {
        assert!(
            carried
                .skipped
                .iter()
                .any(|s| s.contains(&format!("person {p}")) && s.contains(why)),
            "person {p}: {carried:?}"
        );
    }
    ola.flush_pins().unwrap();
    let conn = ts::conn(&ola);
    let (eva, me) = (user_id(conn, EVA), ola.user().id);
    for (i, p) in persons.iter().enumerate() {
        let f = ola.folder_of(*p).unwrap();
        let good = i64::from(i % 2 == 0);
        assert_eq!(wrap_count(conn, eva, Some(f)), good, "person {p}");
        let pins: i64 = conn
            .query_row(
                "SELECT count(*) FROM key_pins WHERE user_id = ?1 AND folder_id = ?2",
                params![me, f],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(pins, good, "ola's pin of person {p}'s folder");
    }
    assert_eq!(
        pending_count(conn, eva),
        2,
        "the forged folders' grants stay pending"
    );
}

// ---------------------------------------------------------------------------------------
// The list itself: contact order, signed changes queued for KSF, every change logged.
// ---------------------------------------------------------------------------------------

/// Asserts that the active accounts' contact orders are exactly 1, 2, … n.
#[track_caller]
fn assert_orders_unique(list: &[Value]) {
    let mut orders: Vec<i64> = list
        .iter()
        .filter(|u| u["status"] == "active")
        .map(|u| u["order"].as_i64().unwrap())
        .collect();
    orders.sort_unstable();
    let want: Vec<i64> = (1..=i64::try_from(orders.len()).unwrap()).collect();
    assert_eq!(orders, want, "contact orders are not 1..n: {list:?}");
}

fn order_of(list: &[Value], name: &str) -> i64 {
    list.iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed: {list:?}"))["order"]
        .as_i64()
        .unwrap()
}

#[test]
fn user_order_keeps_contact_orders_unique() {
    let unit = Unit::standard();
    assert_orders_unique(&accounts(&unit));

    let v = unit.json(ADMIN, &["user", "order", EVA, "1"]);
    assert_eq!(v["order"], 1, "{v}");
    let list = accounts(&unit);
    assert_orders_unique(&list);
    assert_eq!(order_of(&list, EVA), 1);
    assert_eq!(list[0]["name"], EVA, "user list is not in contact order");

    // Past the end goes last.
    ok(&unit.run(ADMIN, &["user", "order", KARI, "99"]));
    let list = accounts(&unit);
    assert_orders_unique(&list);
    assert_eq!(order_of(&list, KARI), 5);

    // Adding at an order shifts the others; disabling closes the gap.
    ok(&unit.add("per", OFFICER, F, &["--order", "2"]));
    let list = accounts(&unit);
    assert_orders_unique(&list);
    assert_eq!(order_of(&list, "per"), 2);
    ok(&unit.run(ADMIN, &["user", "disable", EVA]));
    let list = accounts(&unit);
    assert_orders_unique(&list);
    assert_eq!(order_of(&list, "per"), 1);

    // The order as printed is the contact order.
    let names: Vec<&str> = list
        .iter()
        .filter(|u| u["status"] == "active")
        .map(|u| s(&u["name"]))
        .collect();
    let mut by_order = list
        .iter()
        .filter(|u| u["status"] == "active")
        .collect::<Vec<_>>();
    by_order.sort_by_key(|u| u["order"].as_i64().unwrap());
    assert_eq!(
        names,
        by_order.iter().map(|u| s(&u["name"])).collect::<Vec<_>>()
    );

    // Only the admin may reorder; order 0 is bad input; a disabled user has no order.
    let mark = unit.last_seq();
    expect(&unit.run(KARI, &["user", "order", OLA, "1"]), 4, &["role"]);
    let new = unit.log_after(mark);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_refusal(&new[0], "list-order", KARI, None, "role");
    expect(&unit.run(ADMIN, &["user", "order", OLA, "0"]), 2, &[]);
    assert_ne!(code(&unit.run(ADMIN, &["user", "order", EVA, "1"])), 0);
    assert_orders_unique(&accounts(&unit));
}

/// A row of `auth_changes`: id, time, admin, change, list, agreement, signer, signature.
type ChangeRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Vec<u8>,
    Vec<u8>,
);

/// The message an admin signs for one list change (src/authz/list.rs `record_change_tx`).
fn change_message(
    store_id: &[u8],
    time: &str,
    unit: &str,
    change: &str,
    list: &str,
    agreement: &str,
) -> Vec<u8> {
    let mut msg = b"infoflyt authlist change v1\0".to_vec();
    for part in [
        store_id,
        time.as_bytes(),
        unit.as_bytes(),
        change.as_bytes(),
        list.as_bytes(),
        agreement.as_bytes(),
    ] {
        msg.extend_from_slice(&(part.len() as u64).to_be_bytes());
        msg.extend_from_slice(part);
    }
    msg
}

#[test]
fn every_list_change_is_signed_by_its_admin_queued_in_auth_pending_and_in_the_use_log() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, F)]);
    ok(&unit.add("boss2", "admin", SF, &[]));
    ok(&unit.store.try_add_user(
        ("boss2", &pass_of("boss2")),
        EVA,
        OFFICER,
        F,
        &pass_of(EVA),
        &[],
    ));
    ok(&unit.run(ADMIN, &["user", "order", KIM, "1"]));
    ok(&unit.run("boss2", &["user", "disable", OLA]));
    // Refused changes are not list changes.
    expect(&unit.run(KARI, &["user", "disable", KIM]), 4, &["role"]);
    expect(&unit.run(KARI, &["user", "order", KIM, "2"]), 4, &["role"]);
    let out = unit.store.try_add_user(
        (KARI, &pass_of(KARI)),
        "x",
        OFFICER,
        F,
        "x pass 1234567890",
        &[],
    );
    expect(&out, 4, &["role"]);

    let want: Vec<(&str, Value)> = vec![
        (ADMIN, serde_json::json!({"add": KARI})),
        (ADMIN, serde_json::json!({"add": OLA})),
        (ADMIN, serde_json::json!({"add": KIM})),
        (ADMIN, serde_json::json!({"add": "boss2"})),
        ("boss2", serde_json::json!({"add": EVA})),
        (ADMIN, serde_json::json!({"order": KIM})),
        ("boss2", serde_json::json!({"remove": OLA})),
    ];
    let pending = unit.pending();
    let pending: Vec<&Value> = pending
        .iter()
        .skip(pending.len().saturating_sub(want.len()))
        .collect();
    assert_eq!(pending.len(), want.len(), "{pending:?}");
    for (p, (admin, change)) in pending.iter().zip(&want) {
        assert_eq!(p["admin"], *admin, "{p}");
        for (k, v) in change.as_object().unwrap() {
            assert_eq!(&p["change"][k], v, "{p}");
        }
        assert_eq!(
            s(&p["signature"]).len(),
            128,
            "not an Ed25519 signature: {p}"
        );
    }
    let all_pending = unit.pending();

    // Each queued change verifies under the public key of the admin who made it, over the
    // whole list as it then stood; and a changed byte does not.
    let sess = unit.session(KARI);
    let conn = ts::conn(&sess);
    let store_id = sess.meta().store_id.clone();
    let unit_name = sess.meta().unit.clone();
    let rows: Vec<ChangeRow> = conn
        .prepare(
            "SELECT id, time, admin, change, list, agreement, signer, signature
             FROM auth_changes WHERE sent_at IS NULL ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), all_pending.len());
    for ((id, time, admin, change, list, agreement, signer, sig), p) in
        rows.iter().zip(&all_pending)
    {
        assert_eq!(p["id"], *id);
        assert_eq!(s(&p["signature"]), infoflyt::crypto::hex(sig));
        let admin_key: Vec<u8> = conn
            .query_row(
                "SELECT sign_public FROM users WHERE name = ?1",
                [admin],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(signer, &admin_key, "change {id} not signed by {admin}");
        let msg = change_message(
            &store_id,
            time,
            &unit_name,
            change,
            list,
            agreement.as_deref().unwrap_or(""),
        );
        assert!(
            infoflyt::crypto::sign::verify(&admin_key, &msg, sig),
            "change {id} does not verify under {admin}'s key"
        );
        let forged = change_message(
            &store_id,
            time,
            &unit_name,
            &change.replace('"', "'"),
            list,
            agreement.as_deref().unwrap_or(""),
        );
        assert!(!infoflyt::crypto::sign::verify(&admin_key, &forged, sig));
        // The signed list carries the accounts' public keys.
        let l: Value = serde_json::from_str(list).unwrap();
        assert!(
            l.as_array()
                .unwrap()
                .iter()
                .all(|a| s(&a["agree_public"]).len() == 64 && s(&a["sign_public"]).len() == 64),
            "{l}"
        );
    }
    drop(sess);

    // Each change is in the use log, by its admin, in the same order, with the same change.
    let changes: Vec<Value> = unit
        .log()
        .into_iter()
        .filter(|e| s(&e["act"]).starts_with("list-"))
        .collect();
    assert_eq!(changes.len(), all_pending.len(), "{changes:?}");
    for (e, p) in changes.iter().zip(&all_pending) {
        assert_eq!(e["outcome"], "ok", "{e}");
        assert_eq!(e["user"], p["admin"], "{e}");
        let detail: Value = serde_json::from_str(s(&e["detail"])).unwrap();
        assert_eq!(detail, p["change"], "{e}");
    }
    let refused: Vec<Value> = unit
        .log()
        .into_iter()
        .filter(|e| s(&e["act"]) == "refused" && s(&e["user"]) == KARI)
        .collect();
    assert_eq!(
        refused.len(),
        3,
        "each refused list change is logged: {refused:?}"
    );
}

// ---------------------------------------------------------------------------------------
// A store-key holder editing the tables gets no key.
// ---------------------------------------------------------------------------------------

#[test]
fn store_key_holder_inserting_a_grant_for_a_clerical_user_gets_no_key() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, SF)]);
    let p1 = unit.person(KARI, "Per Olsen");
    let p2 = unit.person(KARI, "Pål Hansen");
    let d = unit.doc(KARI, p1, "FORTROLIG", OLD_TEXT);

    // Kim, holding the store key, writes herself grants for every folder.
    let kim_id = {
        let kim = unit.session(KIM);
        let me = kim.user().id;
        let n = ts::conn(&kim)
            .execute(
                "INSERT INTO folder_grants_pending (folder_id, tier, user_id)
                 SELECT id, 'F', ?1 FROM folders",
                [me],
            )
            .unwrap();
        assert_eq!(n, 2);
        me
    };
    // An officer's session carries the grants out: kim's are void.
    for p in [p1, p2] {
        let f = unit.folder(KARI, p);
        assert!(reader(&f, KIM).is_none(), "{f}");
    }
    let sess = unit.session(KIM);
    let conn = ts::conn(&sess);
    assert_eq!(
        wrap_count(conn, kim_id, None),
        0,
        "kim was given a folder key"
    );
    assert_eq!(pending_count(conn, kim_id), 0, "the void grants were kept");
    let f1 = sess.folder_of(p1).unwrap();
    assert!(ts::folder_key(&sess, f1, Tier::F, 1).is_err());
    drop(sess);
    expect(&unit.run(KIM, &["doc", "show", &d]), 4, &["role"]);
    ok(&unit.store.verify());
}

#[test]
fn store_key_holder_promoting_a_clerical_user_to_officer_gets_no_key_and_is_named() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, SF)]);
    let p1 = unit.person(KARI, "Per Olsen");
    let p2 = unit.person(KARI, "Pål Hansen");
    let d = unit.doc(KARI, p1, "FORTROLIG", OLD_TEXT);
    let wraps_before = {
        let s = unit.session(KARI);
        let c = ts::conn(&s);
        (
            wraps_of_folder(c, s.folder_of(p1).unwrap()),
            wraps_of_folder(c, s.folder_of(p2).unwrap()),
        )
    };

    // Kim, holding the store key, makes herself an officer and owed every folder.
    let kim_id = {
        let kim = unit.session(KIM);
        let me = kim.user().id;
        let c = ts::conn(&kim);
        assert_eq!(
            c.execute("UPDATE users SET role = 'officer' WHERE id = ?1", [me])
                .unwrap(),
            1
        );
        c.execute(
            "INSERT INTO folder_grants_pending (folder_id, tier, user_id)
             SELECT id, 'F', ?1 FROM folders",
            [me],
        )
        .unwrap();
        me
    };
    let copy = unit.store.copy();

    // Kari's next session leaves kim out (her row fails its certificate), names her in a
    // warning and drops the grants; kari's own work goes on.
    {
        let mut kari = unit.session(KARI);
        let done = kari
            .carry_out_grants(|_, _| {})
            .expect("one forged row stops nobody else");
        assert_eq!(done.done, 0, "grants carried out to kim");
        assert_eq!(kari.uncertified_seen(), vec![KIM.to_owned()]);
        let c = ts::conn(&kari);
        assert_eq!(wrap_count(c, kim_id, None), 0, "kim was given a folder key");
        assert_eq!(
            (
                wraps_of_folder(c, kari.folder_of(p1).unwrap()),
                wraps_of_folder(c, kari.folder_of(p2).unwrap())
            ),
            wraps_before,
            "the wraps changed"
        );
    }
    let out = unit.run(KARI, &["folder", "show", &p1.to_string()]);
    expect(&out, 0, &[]);
    let out = unit.run(KARI, &["doc", "show", &d]);
    expect(&out, 0, &[]);
    // Kim, an "officer" now as far as the table goes, cannot even unlock: her own row no
    // longer matches her certificate (exit 5); and she holds no key anyway.
    let out = unit.run(KIM, &["doc", "show", &d]);
    expect(&out, 5, &["account record"]);
    {
        let err = identity::unlock(
            &StorePaths::new(unit.dir()),
            KIM,
            &Passphrase::from(pass_of(KIM).as_str()),
        )
        .expect_err("kim unlocked with a forged role");
        assert_eq!(err.exit_code(), 5, "{err}");
    }
    // `verify` reports the forged account.
    let out = unit.store.verify();
    expect(&out, 5, &[]);
    assert!(
        stdout(&out).contains("FAIL account certificates") && stdout(&out).contains(KIM),
        "{}",
        describe(&out)
    );

    // Without a pending grant, a new folder is wrapped to the certified officers only, and
    // the admin's work goes on too.
    let c = copy;
    {
        // Clear the grants through SQLCipher directly with the store key, as any holder can.
        let key = store_key_of(&c.dir, KARI);
        let conn = Connection::open(c.dir.join("infoflyt.db")).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))
            .unwrap();
        conn.execute("DELETE FROM folder_grants_pending", [])
            .unwrap();
    }
    let out = c.run(
        KARI,
        &pass_of(KARI),
        &["person", "add", "--name", "Ny Person", "--kind", "inmate"],
    );
    expect(&out, 0, &[]);
    let out = c.run(ADMIN, ADMIN_PASS, &["user", "disable", OLA]);
    expect(&out, 0, &[]);
    let kari = session_at(&c.dir, KARI);
    assert_eq!(wrap_count(ts::conn(&kari), kim_id, None), 0);
}

#[test]
fn store_key_holder_swapping_a_newcomers_public_key_for_her_own_gets_no_key_and_is_named() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (KIM, CLERICAL, SF)]);
    let p = unit.person(KARI, "Per Olsen");
    let d = unit.doc(KARI, p, "FORTROLIG", OLD_TEXT);
    ok(&unit.add(EVA, OFFICER, F, &[]));

    // Eva is owed the folder key; kim points eva's account at her own agreement key, so the
    // key would be wrapped to kim.
    {
        let kim = unit.session(KIM);
        let mine = ts::agreement_key(&kim).public().to_vec();
        let n = ts::conn(&kim)
            .execute(
                "UPDATE users SET agree_public = ?1 WHERE name = ?2",
                params![mine, EVA],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    // Kari's session leaves eva out and names her; kari reads her own document.
    let out = unit.run(KARI, &["doc", "show", &d]);
    expect(&out, 0, &["certificate", EVA]);
    assert!(stdout(&out).contains(OLD_TEXT));

    // Nothing was wrapped to anyone new; kim can unwrap no wrap of the folder.
    let kim = unit.session(KIM);
    let c = ts::conn(&kim);
    let f = kim.folder_of(p).unwrap();
    let store_id = kim.meta().store_id.clone();
    let rows = wraps_of_folder(c, f);
    let kari_id = user_id(c, KARI);
    assert!(rows.iter().all(|(_, _, uid)| *uid == kari_id), "{rows:?}");
    assert!(
        ts::every_key_opened_by(c, &store_id, ts::agreement_key(&kim)).is_empty(),
        "kim opens a folder key"
    );
}

/// A unit where kari has narrowed person 1's folder to herself, with one document before
/// and one after; returns the unit, the person, and the two journal numbers.
fn restricted_unit() -> (Unit, i64, String, String) {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, F)]);
    let p = unit.person(KARI, "Per Olsen");
    let old = unit.doc(KARI, p, "FORTROLIG", OLD_TEXT);
    unit.ok(KARI, &["folder", "restrict", &p.to_string(), "--to", KARI]);
    let new = unit.doc(KARI, p, "FORTROLIG", NEW_TEXT);
    (unit, p, old, new)
}

/// Runs `sql` (with `?1` = the folder of `person`, `?2` = `who`'s user id) as `who` at the
/// library level, as anyone holding the store key can.
fn tamper(unit: &Unit, who: &str, person: i64, sql: &str) {
    let sess = unit.session(who);
    let f = sess.folder_of(person).unwrap();
    let me = sess.user().id;
    ts::conn(&sess)
        .execute_batch(
            &sql.replace("?1", &f.to_string())
                .replace("?2", &me.to_string()),
        )
        .unwrap();
}

/// Asserts that `who` holds no wrap of `person`'s folder and cannot read either document.
#[track_caller]
fn assert_locked_out(unit: &Unit, who: &str, person: i64, docs: &[&str]) {
    {
        let sess = unit.session(who);
        let f = sess.folder_of(person).unwrap();
        assert_eq!(
            wrap_count(ts::conn(&sess), sess.user().id, Some(f)),
            0,
            "{who} was given a key of the restricted folder"
        );
    }
    for j in docs {
        let out = unit.run(who, &["doc", "show", j]);
        assert_eq!(code(&out), 4, "{}", describe(&out));
        assert!(!stdout(&out).contains("NTK-SENTINEL"), "{}", describe(&out));
    }
}

#[test]
fn store_key_holder_inserting_a_grant_to_a_restricted_folder_she_is_not_on_gets_no_key() {
    let (unit, p, old, new) = restricted_unit();
    tamper(
        &unit,
        OLA,
        p,
        "INSERT INTO folder_grants_pending (folder_id, tier, user_id) VALUES (?1, 'F', ?2)",
    );
    // Kari's session treats the grant as void: ola is not on the folder's signed list.
    let f = unit.folder(KARI, p);
    assert!(reader(&f, OLA).is_none(), "{f}");
    assert_locked_out(&unit, OLA, p, &[&old, &new]);
}

#[test]
fn store_key_holder_listing_herself_on_a_restricted_folder_gets_an_integrity_error_not_a_key() {
    let (unit, p, old, new) = restricted_unit();
    // The list is in the newest key record, signed by the officer who made it: ola adds her
    // own id to it and owes herself a grant.
    let (kari_id, ola_id) = {
        let s = unit.session(KARI);
        (user_id(ts::conn(&s), KARI), user_id(ts::conn(&s), OLA))
    };
    let mut ids = [kari_id, ola_id];
    ids.sort_unstable();
    let blob: String = ids.iter().map(|i| format!("{i:016x}")).collect();
    tamper(
        &unit,
        OLA,
        p,
        &format!(
            "UPDATE folder_key_versions SET readers = X'{blob}' WHERE folder_id = ?1 AND tier = 'F'
               AND version = (SELECT max(version) FROM folder_key_versions
                              WHERE folder_id = ?1 AND tier = 'F');
             INSERT INTO folder_grants_pending (folder_id, tier, user_id) VALUES (?1, 'F', ?2);"
        ),
    );
    let out = unit.run(KARI, &["folder", "show", &p.to_string()]);
    expect(&out, 5, &["person"]);
    assert_locked_out(&unit, OLA, p, &[&old, &new]);
}

#[test]
fn store_key_holder_clearing_a_folders_restricted_flag_gets_no_key() {
    let (unit, p, old, new) = restricted_unit();
    // Ola, excluded by `folder restrict`, flips the newest record back to the unit's list
    // and owes herself a grant; then waits for kari's next session.
    tamper(
        &unit,
        OLA,
        p,
        "UPDATE folder_key_versions SET restricted = 0, readers = X'' WHERE folder_id = ?1;
         INSERT INTO folder_grants_pending (folder_id, tier, user_id) VALUES (?1, 'F', ?2);",
    );
    let out = unit.run(KARI, &["folder", "show", &p.to_string()]);
    expect(&out, 5, &[]);
    assert_locked_out(&unit, OLA, p, &[&old, &new]);
}

#[test]
fn disabling_the_only_reader_of_a_restricted_folder_is_refused_unless_the_loss_is_accepted() {
    let (unit, p, old, new) = restricted_unit();
    let mark = unit.last_seq();
    let out = unit.run(ADMIN, &["user", "disable", KARI]);
    expect(&out, 4, &["last reader", &p.to_string(), "--accept-loss"]);
    let log = unit.log_after(mark);
    assert_eq!(log.len(), 1, "{log:?}");
    assert_refusal(&log[0], "list-remove", ADMIN, None, "last reader");
    // Still readable, by kari, who is still on the list.
    for j in [&old, &new] {
        ok(&unit.run(KARI, &["doc", "show", j]));
    }
    // With --accept-loss the account goes, and the folder's documents with it: nobody holds
    // a wrap of its keys any more.
    let v = unit.json(ADMIN, &["user", "disable", KARI, "--accept-loss"]);
    assert_eq!(v["user"]["status"], "disabled", "{v}");
    let ola = unit.session(OLA);
    let f = ola.folder_of(p).unwrap();
    assert!(
        wraps_of_folder(ts::conn(&ola), f).is_empty(),
        "a wrap of the lost folder survives"
    );
    drop(ola);
    for j in [&old, &new] {
        expect(&unit.run(OLA, &["doc", "show", j]), 4, &[]);
    }
}

#[test]
fn clerical_user_promoting_herself_to_admin_in_the_users_table_cannot_change_the_list() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, F)]);
    let p = unit.person(KARI, "Per Olsen");
    tamper(
        &unit,
        KIM,
        p,
        "UPDATE users SET role = 'admin' WHERE id = ?2",
    );
    let before = accounts(&unit);
    let pending = unit.pending().len();
    let out = unit.run(KIM, &["user", "disable", OLA]);
    assert_ne!(code(&out), 0, "{}", describe(&out));
    let out = unit.run(KIM, &["user", "order", KIM, "1"]);
    assert_ne!(code(&out), 0, "{}", describe(&out));
    assert_eq!(accounts(&unit), before, "the list changed");
    assert_eq!(unit.pending().len(), pending, "a list change was queued");
}

#[test]
fn officer_raising_her_own_clearance_in_the_users_table_is_not_shown_strengt_fortrolig() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F)]);
    let p = unit.person(KARI, "Per Olsen");
    let sf = unit.doc(KARI, p, "STRENGT_FORTROLIG", SF_TEXT);
    tamper(
        &unit,
        OLA,
        p,
        "UPDATE users SET clearance = 'strengt-fortrolig' WHERE id = ?2",
    );
    let out = unit.run(OLA, &["doc", "show", &sf]);
    assert_ne!(code(&out), 0, "{}", describe(&out));
    assert!(!stdout(&out).contains(SF_TEXT), "{}", describe(&out));
}

/// R26: a health-confidential document can never be exported to police; the refusal names
/// its rule and is logged. Other documents, and service recipients, pass.
#[test]
fn health_confidential_documents_are_never_disclosed_to_police() {
    let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F)]);
    let p = unit.person(KARI, "Per Olsen");
    let plain = unit.doc(KARI, p, "FORTROLIG", OLD_TEXT);
    let pstr = p.to_string();
    let out = unit.store.run(
        KARI,
        &pass_of(KARI),
        &[
            "--json",
            "doc",
            "add",
            "--person",
            &pstr,
            "--grading",
            "FORTROLIG",
            "--title",
            "Medisinutdeling",
            "--source",
            "local",
            "--health-confidential",
            "--text",
            "observert under medisinutdeling",
        ],
    );
    ok(&out);
    let health = parse_json(&out)["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = unit.store.scratch().to_owned();
    // A copy for police needs its legal basis (R25); the health rule is asked first.
    let export = |j: &str, to: &str, name: &str| {
        let out = dir.join(name);
        let o = unit.run(
            KARI,
            &[
                "doc",
                "export",
                j,
                "--out",
                &out.display().to_string(),
                "--to",
                to,
                "--purpose",
                "etterforskning",
                "--basis",
                "fvl-13b-5",
            ],
        );
        (o, out)
    };
    // As named, and as an attacker review spelt police to slip past a plain word match.
    let police = [
        "Kripos",
        "PST",
        "Oslo politidistrikt",
        "Økokrim",
        "K R I P O S",
        "\u{41a}ripos",
    ];
    for (i, to) in police.into_iter().enumerate() {
        let (o, f) = export(&health, to, &format!("h-{i}.txt"));
        expect(&o, 4, &["health confidentiality"]);
        assert!(!f.exists(), "a file was written for {to}");
    }
    let (o, f) = export(&health, "KSF", "h-ksf.txt");
    ok(&o);
    assert!(f.exists());
    let (o, _) = export(&plain, "Kripos", "p-kripos.txt");
    ok(&o);
    let log = array(
        unit.store
            .json(KARI, &pass_of(KARI), &["log", "list", "--doc", &health]),
    );
    assert_eq!(
        log.iter()
            .filter(|e| e["act"] == "refused"
                && e["detail"]
                    .as_str()
                    .unwrap_or("")
                    .contains("health confidentiality"))
            .count(),
        police.len(),
        "{log:?}"
    );
}

/// Plants a key version of `who`'s making on `person`'s folder, as anyone holding the store
/// key and their own keys can: a fresh key wrapped to kari and to `who`, recorded as the next
/// version of the F chain for the whole unit, with a record signed with `who`'s own key
/// (without proof of the previous key, which `who` does not hold).
fn plant_key_version(unit: &Unit, who: &str, person: i64) -> i64 {
    let sess = unit.session(who);
    let f = sess.folder_of(person).unwrap();
    let v = sess.folder_state(f).unwrap().f_version + 1;
    let store_id = sess.meta().store_id.clone();
    let planted = SecretKey::generate().unwrap();
    let c = ts::conn(&sess);
    let readers: Vec<(i64, [u8; 32])> = [KARI, who]
        .iter()
        .map(|name| {
            let (id, public): (i64, Vec<u8>) = c
                .query_row(
                    "SELECT id, agree_public FROM users WHERE name = ?1",
                    [name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            (id, public.try_into().unwrap())
        })
        .collect();
    ts::plant_key_version(
        c,
        &store_id,
        f,
        Tier::F,
        v,
        &planted,
        None,
        ts::signing_key(&sess),
        sess.user().id,
        &readers,
        None,
    )
    .unwrap();
    v
}

/// A clerical user holding the store key plants a key version of her own on a folder: the
/// reader's next `doc add` refuses it as an integrity failure (exit 5) instead of writing
/// anything she could read, and `verify` reports it.
#[test]
fn store_key_holder_planting_a_key_version_gets_nothing_written_under_it() {
    for who in [KIM, OLA] {
        let unit = Unit::new(&[(KARI, OFFICER, SF), (OLA, OFFICER, F), (KIM, CLERICAL, F)]);
        let p = unit.person(KARI, "Per Olsen");
        let old = unit.doc(KARI, p, "FORTROLIG", OLD_TEXT);
        if who == OLA {
            // Ola is kept off this folder, so she holds no key of it to prove anything with.
            unit.ok(KARI, &["folder", "restrict", &p.to_string(), "--to", KARI]);
        }
        let planted = plant_key_version(&unit, who, p);
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
                "Ny",
                "--source",
                "local",
                "--text",
                NEW_TEXT,
            ],
        );
        expect(&out, 5, &["not vouched for"]);
        let kari = unit.session(KARI);
        let under_planted: i64 = ts::conn(&kari)
            .query_row(
                "SELECT count(*) FROM documents WHERE key_tier = 'F' AND key_version = ?1",
                [planted],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            under_planted, 0,
            "{who}: a document was written under the planted key"
        );
        drop(kari);
        // `verify` names the planted version; the folder refuses until a reader repairs it
        // back to its last announced key, and then reads as before.
        let v = unit.run(KARI, &["verify"]);
        assert_eq!(
            code(&v),
            5,
            "{who}: verify passed a planted key version\n{}",
            describe(&v)
        );
        expect(&unit.run(KARI, &["doc", "show", &old]), 5, &[]);
        let r = unit.json(KARI, &["folder", "repair", &pstr]);
        assert_eq!(r["repaired"], 1, "{r}");
        let out = unit.run(KARI, &["doc", "show", &old]);
        ok(&out);
        assert!(stdout(&out).contains(OLD_TEXT));
        ok(&unit.run(KARI, &["verify"]));
    }
}
