//! Insider attacks on need to know enforced by keys, from the red-team review of SECURITY.md's
//! claims, performed as the insiders of its threat model: an account holder derives the store
//! key from their own keyslot, unseals their own private keys, and reads and writes rows with
//! their own tools (rusqlite). Each test performs the attack and is named for what holds: the
//! attacker gains no key, document or account, and the program refuses (exit 5) or `verify`
//! reports it. Every one of them succeeded against the code as reviewed.
//!
//! Users: the first admin `boss`; officers `kari` and `siv` (STRENGT FORTROLIG), `ola` and
//! `eva` (FORTROLIG); clerical `kim`. Every passphrase is [`pass_of`] its user.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use infoflyt::audit::entry::{genesis, signed_message};
use infoflyt::audit::Entry;
use infoflyt::authz::folder::Tier;
use infoflyt::crypto::agree::AgreementKey;
use infoflyt::crypto::sign::SigningKey;
use infoflyt::crypto::{encode_fields, hex, SecretKey};
use infoflyt::documents::DocMeta;
use infoflyt::identity::{self, Session};
use infoflyt::store::StorePaths;
use infoflyt::test_support as ts;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::fs;
use std::process::Output;

const KARI: &str = "kari";
const SIV: &str = "siv";
const OLA: &str = "ola";
const EVA: &str = "eva";
const KIM: &str = "kim";

fn pass_of(user: &str) -> String {
    if user == ADMIN {
        ADMIN_PASS.to_owned()
    } else {
        format!("{user} passphrase for the review attacks")
    }
}

/// A local unit: kari and siv (SF), ola and eva (F) officers, kim (clerical).
struct Unit {
    store: Store,
}

impl Unit {
    fn new() -> Unit {
        let store = Store::cached("insider", || {
            let store = Store::new_local();
            for (name, role, clearance) in [
                (KARI, "officer", "strengt-fortrolig"),
                (SIV, "officer", "strengt-fortrolig"),
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

    /// A person registered by `by` (who makes the folder's keys).
    #[track_caller]
    fn person(&self, by: &str, name: &str) -> i64 {
        self.json(by, &["person", "add", "--name", name, "--kind", "inmate"])["id"]
            .as_i64()
            .unwrap()
    }

    /// `doc add --json` as `by`, returning the process output.
    fn try_doc(&self, by: &str, person: i64, grading: &str, text: &str) -> Output {
        let p = person.to_string();
        self.run(
            by,
            &[
                "--json",
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
        )
    }

    #[track_caller]
    fn doc(&self, by: &str, person: i64, grading: &str, text: &str) -> String {
        let out = self.try_doc(by, person, grading, text);
        ok(&out);
        written(&out).unwrap()
    }

    fn restrict(&self, by: &str, person: i64, to: &[&str]) {
        self.ok(
            by,
            &[
                "folder",
                "restrict",
                &person.to_string(),
                "--to",
                &to.join(","),
            ],
        );
    }

    fn store_key(&self, who: &str) -> SecretKey {
        ts::store_key(&self.store.dir, who, &pass_of(who)).unwrap()
    }

    /// The database as an insider opens it with their own tools.
    fn db_with(&self, key: &SecretKey) -> Connection {
        ts::open_db(&self.store.dir, key).unwrap()
    }

    fn attacker_db(&self, who: &str) -> Connection {
        self.db_with(&self.store_key(who))
    }

    fn keys_of(&self, who: &str) -> (SigningKey, AgreementKey) {
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

    fn store_id(&self) -> Vec<u8> {
        self.session(ADMIN).meta().store_id.clone()
    }

    /// The stored metadata of every version of `jno` (read as the admin).
    fn versions(&self, jno: &str) -> Vec<DocMeta> {
        ts::all_versions(&self.session(ADMIN))
            .unwrap()
            .into_iter()
            .filter(|d| d.journal_number == jno)
            .collect()
    }
}

fn user_id(c: &Connection, name: &str) -> i64 {
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

fn folder_of(c: &Connection, person: i64) -> i64 {
    c.query_row(
        "SELECT id FROM folders WHERE person_id = ?1",
        [person],
        |r| r.get(0),
    )
    .unwrap()
}

fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The stored hash of a key record, hex.
fn record_hash(c: &Connection, folder: i64, tier: &str, version: i64) -> String {
    let h: Vec<u8> = c
        .query_row(
            "SELECT hash FROM folder_key_versions WHERE folder_id = ?1 AND tier = ?2 AND version = ?3",
            params![folder, tier, version],
            |r| r.get(0),
        )
        .unwrap();
    hex(&h)
}

/// Appends one use-log entry at the head, chained and signed by `signer` in the name of
/// `user`, exactly as the program would: what any account holder can do with their own key.
/// Returns its sequence number.
pub(crate) fn append_entry(
    c: &Connection,
    store_id: &[u8],
    signer: &SigningKey,
    user: &str,
    act: &str,
    person: Option<i64>,
    detail: &str,
) -> i64 {
    entry_at(c, store_id, signer, user, act, person, detail, None)
}

/// One use-log entry signed by `signer` in the name of `user`, its hash and signature
/// correct, filed at sequence number `at` (the head's successor if `None`), linking to the
/// head: with a number of the attacker's choosing it sits outside the chain.
#[allow(clippy::too_many_arguments)]
pub(crate) fn entry_at(
    c: &Connection,
    store_id: &[u8],
    signer: &SigningKey,
    user: &str,
    act: &str,
    person: Option<i64>,
    detail: &str,
    at: Option<i64>,
) -> i64 {
    let head: Option<(i64, Vec<u8>)> = c
        .query_row(
            "SELECT seq, hash FROM use_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .unwrap();
    let (last, prev) = head.unwrap_or_else(|| (0, genesis(store_id).to_vec()));
    let seq = at.unwrap_or(last + 1);
    entry_linked(c, signer, user, act, person, detail, seq, prev);
    seq
}

/// One use-log entry signed by `signer` in the name of `user`, filed at `seq` with the link
/// `prev`; gives its hash.
#[allow(clippy::too_many_arguments)]
pub(crate) fn entry_linked(
    c: &Connection,
    signer: &SigningKey,
    user: &str,
    act: &str,
    person: Option<i64>,
    detail: &str,
    seq: i64,
    prev: Vec<u8>,
) -> Vec<u8> {
    let unit: String = c
        .query_row("SELECT unit FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let e = Entry {
        seq,
        time: infoflyt::time::now_rfc3339(),
        user: user.to_owned(),
        unit,
        act: act.to_owned(),
        person_id: person,
        journal_number: None,
        doc_version: None,
        purpose: None,
        outcome: "ok".into(),
        detail: Some(detail.to_owned()),
        prev_hash: prev,
        hash: Vec::new(),
        signer: signer.public().to_vec(),
        signature: Vec::new(),
    };
    insert_entry(c, signer, e)
}

/// Files entry `e` (every field but its hash and signature as given), hashed and signed by
/// `signer`; gives its hash.
pub(crate) fn insert_entry(c: &Connection, signer: &SigningKey, mut e: Entry) -> Vec<u8> {
    e.signer = signer.public().to_vec();
    let h = e.compute_hash();
    e.hash = h.to_vec();
    e.signature = signer.sign(&signed_message(&h)).to_vec();
    c.execute(
        "INSERT INTO use_log (seq, time, user_name, unit, act, person_id, journal_number,
                              doc_version, purpose, outcome, detail, prev_hash, hash, signer,
                              signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            e.seq,
            e.time,
            e.user,
            e.unit,
            e.act,
            e.person_id,
            e.journal_number,
            e.doc_version,
            e.purpose,
            e.outcome,
            e.detail,
            e.prev_hash,
            e.hash,
            e.signer,
            e.signature
        ],
    )
    .unwrap();
    e.hash
}

/// Plants version `v` of folder `f`'s (person `p`'s) chain `tier` with key `planted`, for
/// everyone, signed by `who` and wrapped to kari and `who`, and announces it with an entry
/// `act` `who` appends with her own key, where the record says it was announced. Gives the
/// record's hash.
fn plant_and_announce(
    c: &Connection,
    (f, p): (i64, i64),
    (tier, v): (Tier, i64),
    planted: &SecretKey,
    (who, key): (&str, &SigningKey),
    act: &str,
) -> [u8; 32] {
    let store_id: Vec<u8> = c
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let next: i64 = count(c, "SELECT max(seq) FROM use_log") + 1;
    let h = ts::plant_key_version(
        c,
        &store_id,
        f,
        tier,
        v,
        planted,
        None,
        key,
        user_id(c, who),
        &readers(c, &[KARI, who]),
        Some(next),
    )
    .unwrap();
    let detail = format!("{} key v{v} record {} list 0:", tier.as_str(), hex(&h));
    let seq = append_entry(c, &store_id, key, who, act, Some(p), &detail);
    assert_eq!(seq, next);
    h
}

/// Every folder key `agreement` opens from the wraps in the store right now.
fn keys_held(unit: &Unit, who: &str) -> Vec<(i64, Tier, i64, SecretKey)> {
    let c = unit.attacker_db(who);
    let (_, agreement) = unit.keys_of(who);
    ts::every_key_opened_by(&c, &unit.store_id(), &agreement)
}

/// Asserts that none of `keys` opens any stored version of `jno` (a document written after
/// the holder lost their entitlement). `c` is any insider's connection.
#[track_caller]
fn none_opens(unit: &Unit, c: &Connection, jno: &str, keys: &[SecretKey], what: &str) {
    for d in unit.versions(jno) {
        for k in keys {
            if let Some(plain) = ts::decrypt_with(c, &d, k) {
                panic!(
                    "{what}: opens {} v{} ({:?})",
                    d.journal_number,
                    d.version,
                    String::from_utf8_lossy(&plain)
                );
            }
        }
    }
}

/// The journal number `doc add --json` printed, if it succeeded.
fn written(out: &Output) -> Option<String> {
    if code(out) != 0 {
        return None;
    }
    parse_json(out)["journal_number"]
        .as_str()
        .map(str::to_owned)
}

// ---------------------------------------------------------------------------------------
// 1. A key the attacker holds gets documents written under it.
// ---------------------------------------------------------------------------------------

/// A folder made by a FORTROLIG officer has no S chain until its first STRENGT FORTROLIG
/// document. Ola registers the person and restricts the folder to herself and kari; siv
/// (STRENGT FORTROLIG, excluded) makes the folder's S chain herself: a version 1 record
/// signed with her own key, for everyone, announced by a `key-create` entry she appends with
/// her own key, and the key wrapped to kari. Nothing ties a first S version to the folder's
/// (restricted) list: kari's first STRENGT FORTROLIG document is written under siv's key.
#[test]
fn an_officer_kept_off_a_restricted_folder_cannot_plant_its_strengt_fortrolig_chain() {
    let unit = Unit::new();
    let p = unit.person(OLA, "Per Olsen");
    unit.restrict(OLA, p, &[OLA, KARI]);

    let c = unit.attacker_db(SIV);
    let (siv_key, _) = unit.keys_of(SIV);
    let f = folder_of(&c, p);
    assert_eq!(
        count(
            &c,
            &format!(
                "SELECT count(*) FROM folder_key_versions WHERE folder_id = {f} AND tier = 'S'"
            )
        ),
        0,
        "the fixture's folder already has an S chain"
    );
    let planted = SecretKey::generate().unwrap();
    plant_and_announce(
        &c,
        (f, p),
        (Tier::S, 1),
        &planted,
        (SIV, &siv_key),
        "key-create",
    );
    drop(c);

    let out = unit.try_doc(KARI, p, "STRENGT_FORTROLIG", "SF-SENTINEL-RESTRICTED");
    assert_no_panic(&out);
    let c = unit.attacker_db(SIV);
    if let Some(j) = written(&out) {
        none_opens(
            &unit,
            &c,
            &j,
            &[planted],
            "siv, kept off the folder by `folder restrict`, with the S key she planted",
        );
    } else {
        expect(&out, 5, &[]);
    }
}

/// A pin is what spares a reader the checks of a chain she checked before, so moving it is
/// the cheapest way past them. Kim (clerical) plants the next F version of a folder kari
/// made, announces it with her own key, and moves kari's pin of the chain up to her record,
/// with a MAC of her own choosing (only kari holds the key a pin's MAC is made with). If kari
/// believed the pin she would take the planted record as checked and write under kim's key;
/// she refuses the pin (exit 5) and writes nothing.
#[test]
fn a_pin_moved_by_a_store_key_holder_over_a_planted_key_is_refused() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "PIN-BEFORE");

    let c = unit.attacker_db(KIM);
    let (kim_key, _) = unit.keys_of(KIM);
    let f = folder_of(&c, p);
    let pinned = count(
        &c,
        &format!(
            "SELECT count(*) FROM key_pins WHERE folder_id = {f} AND tier = 'F' AND user_id = {}",
            user_id(&c, KARI)
        ),
    );
    assert_eq!(pinned, 1, "kari, who made the folder, holds no pin of it");
    let v = count(
        &c,
        &format!(
            "SELECT max(version) FROM folder_key_versions WHERE folder_id = {f} AND tier = 'F'"
        ),
    ) + 1;
    let planted = SecretKey::generate().unwrap();
    let h = plant_and_announce(
        &c,
        (f, p),
        (Tier::F, v),
        &planted,
        (KIM, &kim_key),
        "key-rotate",
    );
    c.execute(
        "UPDATE key_pins SET version = ?1, record_hash = ?2, mac = ?3
         WHERE folder_id = ?4 AND tier = 'F' AND user_id = ?5",
        params![v, h.to_vec(), vec![7u8; 32], f, user_id(&c, KARI)],
    )
    .unwrap();
    drop(c);

    let out = unit.try_doc(KARI, p, "FORTROLIG", "PIN-SENTINEL-AFTER");
    assert_no_panic(&out);
    if let Some(j) = written(&out) {
        let c = unit.attacker_db(KIM);
        none_opens(
            &unit,
            &c,
            &j,
            &[planted],
            "kim, with the key her moved pin vouched for",
        );
    }
    expect(&out, 5, &["changed by someone else"]);
}

/// Ola (FORTROLIG) restricts a folder kari made to herself and kari. She does not hold its S
/// chain, so its new S version is only queued (a `folder_rotations_pending` row). Siv, who is
/// excluded and kept the S key, deletes that one row: the S chain stays at the version made
/// for everyone, and kari's next STRENGT FORTROLIG document is written under the key siv
/// holds. Nothing signed says the S chain owes a new version.
#[test]
fn deleting_the_queued_s_rotation_keeps_an_excluded_officer_from_new_sf_documents() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "STRENGT_FORTROLIG", "SF-BEFORE");
    let siv_keys: Vec<SecretKey> = keys_held(&unit, SIV)
        .into_iter()
        .filter(|(_, t, _, _)| *t == Tier::S)
        .map(|(_, _, _, k)| k)
        .collect();
    assert!(!siv_keys.is_empty(), "siv holds no S key before: vacuous");
    unit.restrict(OLA, p, &[OLA, KARI]);

    let c = unit.attacker_db(SIV);
    let f = folder_of(&c, p);
    let gone = c
        .execute(
            "DELETE FROM folder_rotations_pending WHERE folder_id = ?1 AND tier = 'S'",
            [f],
        )
        .unwrap();
    assert_eq!(gone, 1, "the fixture queued no S rotation");
    drop(c);

    let out = unit.try_doc(KARI, p, "STRENGT_FORTROLIG", "SF-SENTINEL-AFTER-RESTRICT");
    assert_no_panic(&out);
    let c = unit.attacker_db(SIV);
    if let Some(j) = written(&out) {
        none_opens(
            &unit,
            &c,
            &j,
            &siv_keys,
            "siv, excluded by `folder restrict`, with the S key she kept",
        );
    } else {
        expect(&out, 5, &[]);
    }
}

/// Kari restricts a folder to herself and eva (F and S version 2). Before anyone has used
/// version 2, clerical kim deletes the version-2 records and wraps and appends, with her own
/// key, a `key-rotate` entry that announces version 1 again. "The newest version is the one
/// the log announced last" then holds for version 1; kari's pin is at version 1 (she checked
/// it while restricting and never checked the version she made). Kari's next document is
/// written under version 1, which ola (excluded) kept; `verify` sees nothing wrong.
#[test]
fn a_clerk_cannot_roll_back_a_restrict_by_reannouncing_an_old_key() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "BEFORE");
    let ola_keys: Vec<SecretKey> = keys_held(&unit, OLA)
        .into_iter()
        .map(|(_, _, _, k)| k)
        .collect();
    assert!(!ola_keys.is_empty(), "ola holds no key before: vacuous");
    unit.restrict(KARI, p, &[KARI, EVA]);

    let c = unit.attacker_db(KIM);
    let (kim_key, _) = unit.keys_of(KIM);
    let store_id = unit.store_id();
    let f = folder_of(&c, p);
    let (hf, hs) = (record_hash(&c, f, "F", 1), record_hash(&c, f, "S", 1));
    c.execute_batch(&format!(
        "DELETE FROM folder_key_wraps WHERE folder_id = {f} AND version = 2;
         DELETE FROM folder_key_versions WHERE folder_id = {f} AND version = 2;"
    ))
    .unwrap();
    append_entry(
        &c,
        &store_id,
        &kim_key,
        KIM,
        "key-rotate",
        Some(p),
        &format!("F key v1 record {hf} list 0:; S key v1 record {hs} list 0:"),
    );
    // Ola, an officer the restriction excluded, re-announces version 1 with her own key too:
    // she is no more entitled than the clerk.
    let (ola_key, _) = unit.keys_of(OLA);
    append_entry(
        &c,
        &store_id,
        &ola_key,
        OLA,
        "key-rotate",
        Some(p),
        &format!("F key v1 record {hf} list 0:"),
    );
    drop(c);

    let out = unit.try_doc(KARI, p, "FORTROLIG", "SENTINEL-AFTER-RESTRICT");
    assert_no_panic(&out);
    let c = unit.attacker_db(KIM);
    if let Some(j) = written(&out) {
        none_opens(
            &unit,
            &c,
            &j,
            &ola_keys,
            "ola, excluded by `folder restrict`, with the key she kept",
        );
    } else {
        expect(&out, 5, &[]);
    }
    let v = unit.store.verify();
    assert_eq!(code(&v), 5, "verify misses the rollback\n{}", describe(&v));
}

/// A folder's key announcements count from the person's last destruction on: an inmate moved
/// away and back gets a new folder, whose keys the destroyed folder's announcements must not
/// bind. Ola, an officer the restriction excluded, tries to use that: with the store key and
/// his own signing key he moves the folder's documents into another person's folder (so it
/// looks empty), appends a `folder-destroy` of the person, and announces version 1 anew.
/// Nothing moves: the log says which documents were the person's, and they are still stored,
/// so it is no destruction, and the first announcements still bind. Kari goes on writing
/// documents under the version-2 keys, which open for none of the keys ola kept.
#[test]
fn an_officer_who_logs_a_folder_destroyed_that_is_still_there_resets_no_key() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    let before = unit.doc(KARI, p, "FORTROLIG", "BEFORE");
    let ola_keys: Vec<SecretKey> = keys_held(&unit, OLA)
        .into_iter()
        .map(|(_, _, _, k)| k)
        .collect();
    assert!(!ola_keys.is_empty(), "ola holds no key before: vacuous");
    unit.restrict(KARI, p, &[KARI, EVA]);

    // Another person's folder, to hide this one's documents in.
    let q = unit.person(KARI, "Ola Olsen");
    unit.doc(KARI, q, "FORTROLIG", "ELSEWHERE");
    let c = unit.attacker_db(OLA);
    let (ola_key, _) = unit.keys_of(OLA);
    let store_id = unit.store_id();
    let f = folder_of(&c, p);
    let elsewhere = folder_of(&c, q);
    let hf = record_hash(&c, f, "F", 1);
    // The folder looks empty: its documents are moved into the other person's folder.
    c.execute(
        "UPDATE documents SET folder_id = ?1 WHERE folder_id = ?2",
        [elsewhere, f],
    )
    .unwrap();
    append_entry(
        &c,
        &store_id,
        &ola_key,
        OLA,
        "folder-destroy",
        Some(p),
        "transferred to Bergen fengsel; receipt r: 1 version(s), keys first",
    );
    append_entry(
        &c,
        &store_id,
        &ola_key,
        OLA,
        "folder-create",
        Some(p),
        &format!("F key v1 record {hf} list 0:"),
    );
    drop(c);

    let out = unit.try_doc(KARI, p, "FORTROLIG", "SENTINEL-AFTER-FORGED-DESTROY");
    ok(&out);
    let j = written(&out).unwrap();
    let c = unit.attacker_db(OLA);
    c.execute(
        "UPDATE documents SET folder_id = ?1 WHERE folder_id = ?2 AND journal_number = ?3",
        rusqlite::params![f, elsewhere, before],
    )
    .unwrap();
    ok(&unit.run(KARI, &["doc", "show", &before]));
    none_opens(
        &unit,
        &c,
        &j,
        &ola_keys,
        "ola, excluded by `folder restrict`, with the key he kept",
    );
}

/// After `folder restrict`, clerical kim appends one entry (signed with her own key) that
/// announces the folder's version 1 again, and runs `folder repair` through the program. The
/// repair believes the last announcement and deletes the genuine, signed, announced version
/// 2 as "never announced": the restriction is undone by the program itself.
#[test]
fn folder_repair_needs_a_reader_and_never_deletes_an_announced_version() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "BEFORE");
    unit.restrict(KARI, p, &[KARI, EVA]);

    let c = unit.attacker_db(KIM);
    let (kim_key, _) = unit.keys_of(KIM);
    let f = folder_of(&c, p);
    let hf = record_hash(&c, f, "F", 1);
    append_entry(
        &c,
        &unit.store_id(),
        &kim_key,
        KIM,
        "key-rotate",
        Some(p),
        &format!("F key v1 record {hf} list 0:"),
    );
    drop(c);

    // A clerk does not read the folder: refused and logged.
    let out = unit.run(KIM, &["folder", "repair", &p.to_string()]);
    expect(&out, 4, &[]);
    // A reader's repair believes only announcements by an entitled officer.
    let out = unit.run(KARI, &["folder", "repair", &p.to_string()]);
    assert_no_panic(&out);
    let c = unit.attacker_db(KIM);
    assert_eq!(
        count(
            &c,
            &format!(
                "SELECT count(*) FROM folder_key_versions WHERE folder_id = {f} AND tier = 'F' AND version = 2"
            )
        ),
        1,
        "`folder repair` deleted the genuine restricted version 2 ({})",
        stdout(&out).trim()
    );
}

// ---------------------------------------------------------------------------------------
// 5. Keeping access after `user disable`.
// ---------------------------------------------------------------------------------------

/// Ola keeps the store key and the folder key she held, and is disabled. Before a remaining
/// reader's next session, she (or any account holder) deletes the `folder_rotations_pending`
/// rows `user disable` queued: the rotation never happens, nothing signed says it is owed,
/// and kari's next document is written under the key ola kept. `verify` passes.
#[test]
fn deleting_the_queued_rotations_keeps_a_disabled_officer_from_later_documents() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "BEFORE");
    let ola_store_key = unit.store_key(OLA);
    let ola_keys: Vec<SecretKey> = keys_held(&unit, OLA)
        .into_iter()
        .map(|(_, _, _, k)| k)
        .collect();
    assert!(!ola_keys.is_empty(), "ola holds no key before: vacuous");
    unit.ok(ADMIN, &["user", "disable", OLA]);

    let c = unit.db_with(&ola_store_key);
    let gone = c
        .execute("DELETE FROM folder_rotations_pending", [])
        .unwrap();
    assert!(gone > 0, "the fixture queued no rotation");
    drop(c);
    // The rotation is owed by signed data (a checked removal after the newest version was
    // announced), whatever the queue says.
    let v = unit.store.verify();
    assert_eq!(
        code(&v),
        5,
        "verify misses the deleted rotation request\n{}",
        describe(&v)
    );

    let out = unit.try_doc(KARI, p, "FORTROLIG", "SENTINEL-AFTER-DISABLE");
    assert_no_panic(&out);
    let c = unit.db_with(&ola_store_key);
    if let Some(j) = written(&out) {
        none_opens(
            &unit,
            &c,
            &j,
            &ola_keys,
            "disabled ola, with the key she kept",
        );
    } else {
        expect(&out, 5, &[]);
    }
}

/// Ola saves her keyslot and sealed keys before she is disabled. Afterwards she puts the old
/// keyslots file back, sets her row to `active` and restores her sealed keys: unlock and the
/// keyslot settling trust the row, not the signed `list-remove` entry, so she works in the
/// store again through the program and `verify` finds her slot in order.
#[test]
fn a_disabled_officer_revived_by_row_edits_cannot_unlock_and_verify_reports_it() {
    let unit = Unit::new();
    let slots = fs::read(unit.store.keyslots()).unwrap();
    let key = unit.store_key(OLA);
    let c = unit.db_with(&key);
    let ola = user_id(&c, OLA);
    let (salt, sealed): (Vec<u8>, Vec<u8>) = c
        .query_row(
            "SELECT kdf_salt, sealed FROM user_secrets WHERE user_id = ?1",
            [ola],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(c);
    unit.ok(ADMIN, &["user", "disable", OLA]);

    fs::write(unit.store.keyslots(), &slots).unwrap();
    let c = unit.db_with(&key);
    c.execute(
        "UPDATE users SET status = 'active', disabled_at = NULL, disabled_by = NULL WHERE id = ?1",
        [ola],
    )
    .unwrap();
    c.execute(
        "INSERT INTO user_secrets (user_id, kdf_salt, sealed) VALUES (?1, ?2, ?3)",
        params![ola, salt, sealed],
    )
    .unwrap();
    drop(c);

    let out = unit.run(OLA, &["person", "list"]);
    expect(&out, 3, &["taken off the list"]);
    let v = unit.store.verify();
    assert_eq!(
        code(&v),
        5,
        "verify misses the revived account\n{}",
        describe(&v)
    );
}

// ---------------------------------------------------------------------------------------
// 4. Documents deleted unnoticed.
// ---------------------------------------------------------------------------------------

/// Deletion is not built, yet a journal row with status `destroyed` excuses a missing
/// version, whoever signed it. Clerical kim deletes a document and adds a `destroyed` row
/// for it, signed with her own key: `doc show` says "not found" (exit 6, not 5), and
/// `verify` passes.
#[test]
fn a_self_signed_destroyed_journal_row_does_not_excuse_a_deleted_document() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    let j = unit.doc(KARI, p, "FORTROLIG", "EVIDENCE");
    let c = unit.attacker_db(KIM);
    let (kim_key, _) = unit.keys_of(KIM);
    let store_id = unit.store_id();
    let (grading, counterpart, exemption): (String, String, String) = c
        .query_row(
            "SELECT grading, counterpart, exemption FROM journal WHERE journal_number = ?1",
            [&j],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let date = infoflyt::time::now_rfc3339();
    let msg = encode_fields(
        b"infoflyt journal entry v1\0",
        &[
            &store_id,
            j.as_bytes(),
            &1i64.to_be_bytes(),
            date.as_bytes(),
            grading.as_bytes(),
            counterpart.as_bytes(),
            b"destroyed",
            exemption.as_bytes(),
            KIM.as_bytes(),
        ],
    );
    c.execute(
        "INSERT INTO journal (journal_number, version, date, grading, counterpart, status,
                              exemption, by_user, signer, signature)
         VALUES (?1, 1, ?2, ?3, ?4, 'destroyed', ?5, ?6, ?7, ?8)",
        params![
            j,
            date,
            grading,
            counterpart,
            exemption,
            KIM,
            kim_key.public().to_vec(),
            kim_key.sign(&msg).to_vec()
        ],
    )
    .unwrap();
    c.execute("DELETE FROM documents WHERE journal_number = ?1", [&j])
        .unwrap();
    drop(c);

    let out = unit.run(KARI, &["doc", "show", &j]);
    expect(&out, 5, &[]);
    let v = unit.store.verify();
    assert_eq!(
        code(&v),
        5,
        "verify misses the deleted document\n{}",
        describe(&v)
    );
}

// ---------------------------------------------------------------------------------------
// 6. Denial of service with one row.
// ---------------------------------------------------------------------------------------

/// A newcomer's grants are pending. Clerical kim edits one column of one account row (eva's
/// clearance). Every session that has a grant to carry out calls `officers()`, which fails
/// on the first account whose certificate does not check: kari cannot unlock at all (exit 5
/// before any command), the newcomer never gets a key, and even the admin's `user disable`
/// of the tampered account fails — there is no way back short of a backup.
#[test]
fn one_edited_account_row_is_left_out_and_reported_without_locking_anyone_out() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "x");
    // A fifth officer needs a KSF–police agreement at a local unit (R20).
    ok(&unit.store.try_add_user(
        (ADMIN, ADMIN_PASS),
        "nina",
        "officer",
        "fortrolig",
        &pass_of("nina"),
        &["--agreement", "KSF-2026-1"],
    ));
    let c = unit.attacker_db(KIM);
    c.execute(
        "UPDATE users SET clearance = 'strengt-fortrolig' WHERE name = ?1",
        [EVA],
    )
    .unwrap();
    drop(c);

    let kari = unit.run(KARI, &["person", "list"]);
    let siv = unit.run(SIV, &["person", "list"]);
    let disable = unit.run(ADMIN, &["user", "disable", EVA]);
    for out in [&kari, &siv, &disable] {
        assert_no_panic(out);
    }
    assert_eq!(
        (code(&kari), code(&siv), code(&disable)),
        (0, 0, 0),
        "kari's and siv's sessions, and the admin's `user disable eva`, after one edited \
         account row:\n{}\n{}\n{}",
        describe(&kari),
        describe(&siv),
        describe(&disable)
    );
    let v = unit.store.verify();
    assert_eq!(
        code(&v),
        5,
        "verify misses the edited account\n{}",
        describe(&v)
    );
    assert!(
        stdout(&v).contains("eva"),
        "verify does not name the edited account\n{}",
        describe(&v)
    );
}

/// Clerical kim appends one `list-remove` entry, signed with her own key, that names kari.
/// `removals()` believes any such entry: kari, an active officer, is no longer among the
/// unit's officers, so the folder she registers next is not wrapped even to her, and every
/// record she makes from now on counts as made after her removal. `verify` sees nothing.
#[test]
fn a_list_remove_entry_signed_by_a_clerk_removes_nobody() {
    kim_removes_kari_in_the_name_of(KIM);
}

/// The same removal in the admin's name, chained and signed with kim's own key (the key the
/// entry carries): an entry is evidence only under the certified key of the account it
/// names, so it removes nobody either, and `verify` names the forgery.
#[test]
fn a_list_remove_entry_in_the_admins_name_signed_by_a_clerk_removes_nobody() {
    let unit = kim_removes_kari_in_the_name_of(ADMIN);
    expect(&unit.store.verify(), 5, &[]);
}

/// Kim appends a `list-remove` of kari in `name`'s name, chained and signed with her own
/// key; kari still registers a person and writes into the folder.
fn kim_removes_kari_in_the_name_of(name: &str) -> Unit {
    let unit = Unit::new();
    let c = unit.attacker_db(KIM);
    let (kim_key, _) = unit.keys_of(KIM);
    append_entry(
        &c,
        &unit.store_id(),
        &kim_key,
        name,
        "list-remove",
        None,
        &serde_json::json!({ "remove": KARI, "key_chains_to_rotate": 0 }).to_string(),
    );
    drop(c);
    let p = unit.person(KARI, "Per Olsen");
    let out = unit.try_doc(KARI, p, "FORTROLIG", "x");
    expect(&out, 0, &[]);
    unit
}

/// A sitting that was open when its account was disabled (a command running at that moment,
/// in this process's terms a session unlocked before) writes nothing afterwards: its next
/// write transaction is refused (exit 3's kind) and the log stays whole. It used to log its
/// acts as an account already off the list, and `verify` reported the log broken for good.
#[test]
fn a_session_opened_before_its_account_was_disabled_writes_nothing_after() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    let mut kari = unit.session(KARI);
    let mut ola = unit.session(OLA);
    unit.session(ADMIN).disable_account(OLA, true).unwrap();
    let log = |s: &mut Session| s.log_act(&infoflyt::audit::Act::new("person-show").person(p));
    let err = log(&mut ola).unwrap_err();
    assert!(matches!(err, infoflyt::Error::Auth(_)), "{err}");
    // Kari's sitting began before the unit keys were renewed (ola held them): refused too,
    // until she unlocks again.
    assert!(matches!(log(&mut kari), Err(infoflyt::Error::Auth(_))));
    log(&mut unit.session(KARI)).unwrap();
    ok(&unit.store.verify());
}

/// Kari made a folder's first keys and has since left (disabled; siv and ola carried on and
/// rotated). Kim appends one entry about that person whose detail names the hash of kari's
/// version-1 record. `check_public` takes the newest entry naming a record as its
/// announcement, so kari's genuine record now counts as made after her removal: `verify`
/// fails for everyone, and a reader who has not pinned the chain (a newcomer) is locked out
/// of the folder.
#[test]
fn an_entry_naming_a_leavers_record_after_her_removal_leaves_her_genuine_keys_valid() {
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    let j = unit.doc(KARI, p, "FORTROLIG", "x");
    unit.ok(ADMIN, &["user", "disable", KARI]);
    unit.ok(SIV, &["person", "list"]); // rotations carried out
    unit.ok(OLA, &["person", "list"]);
    ok(&unit.store.verify());

    let c = unit.attacker_db(KIM);
    let (kim_key, _) = unit.keys_of(KIM);
    let f = folder_of(&c, p);
    let h = record_hash(&c, f, "F", 1);
    append_entry(
        &c,
        &unit.store_id(),
        &kim_key,
        KIM,
        "person-note",
        Some(p),
        &format!("see {h}"),
    );
    drop(c);

    ok(&unit.store.verify());
    unit.store
        .add_user("nina", "officer", "fortrolig", &pass_of("nina"));
    unit.ok(SIV, &["person", "list"]); // passes nina her keys
    expect(&unit.run("nina", &["doc", "show", &j]), 0, &[]);
}

/// Kari restricts a folder to herself and eva, and writes into it. Ola (excluded, FORTROLIG,
/// no unit key needed) swaps her `users` row id with eva's (with her own connection's foreign
/// keys off): a certificate binds name, role, clearance and keys, but not the row id, while a
/// restricted list is a list of row ids. She sets eva's wraps of the folder aside and asks
/// for a grant for eva's id. Kari's next session finds, at eva's id, a certified active
/// officer the list admits — ola — and wraps every F version to ola's key. Ola swaps back,
/// takes her wraps and puts eva's back: ola reads the restricted folder.
#[test]
fn swapping_user_ids_gets_an_excluded_officer_no_key_of_a_restricted_folder() {
    type Wrap = (i64, i64, String, i64, i64, Vec<u8>);
    let unit = Unit::new();
    let p = unit.person(KARI, "Per Olsen");
    unit.doc(KARI, p, "FORTROLIG", "BEFORE");
    unit.restrict(KARI, p, &[KARI, EVA]);
    let after = unit.doc(KARI, p, "FORTROLIG", "SENTINEL-RESTRICTED");

    let c = unit.attacker_db(OLA);
    let (_, ola_agree) = unit.keys_of(OLA);
    let store_id = unit.store_id();
    let f = folder_of(&c, p);
    let (ola, eva) = (user_id(&c, OLA), user_id(&c, EVA));
    let swap = format!(
        "PRAGMA foreign_keys = OFF;
         UPDATE users SET id = -1 WHERE id = {eva};
         UPDATE users SET id = {eva} WHERE id = {ola};
         UPDATE users SET id = {ola} WHERE id = -1;"
    );
    let saved: Vec<Wrap> = c
        .prepare("SELECT * FROM folder_key_wraps WHERE user_id = ?1 AND folder_id = ?2")
        .unwrap()
        .query_map([eva, f], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!saved.is_empty(), "eva holds no key of the folder: vacuous");
    c.execute(
        "DELETE FROM folder_key_wraps WHERE user_id = ?1 AND folder_id = ?2",
        [eva, f],
    )
    .unwrap();
    c.execute_batch(&swap).unwrap();
    c.execute(
        "INSERT OR IGNORE INTO folder_grants_pending (folder_id, tier, user_id) VALUES (?1, 'F', ?2)",
        [f, eva],
    )
    .unwrap();
    drop(c);

    // Kari's next session, whatever she does, carries out the grant.
    assert_no_panic(&unit.run(KARI, &["person", "list"]));

    let c = unit.attacker_db(OLA);
    c.execute_batch(&swap).unwrap();
    let got: Vec<SecretKey> = (1..=2)
        .filter_map(|v| ts::unwrap_raw(&c, &store_id, &ola_agree, eva, f, Tier::F, v))
        .collect();
    c.execute(
        "DELETE FROM folder_key_wraps WHERE user_id = ?1 AND folder_id = ?2",
        [eva, f],
    )
    .unwrap();
    for w in &saved {
        c.execute(
            "INSERT INTO folder_key_wraps VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![w.0, w.1, w.2, w.3, w.4, w.5],
        )
        .unwrap();
    }
    c.execute(
        "DELETE FROM key_batches WHERE user_id = ?1
           AND id NOT IN (SELECT batch_id FROM folder_key_wraps)",
        [eva],
    )
    .unwrap();
    drop(c);
    none_opens(
        &unit,
        &unit.attacker_db(OLA),
        &after,
        &got,
        "ola, excluded by `folder restrict`, with keys granted to her under eva's id",
    );
}

// ---------------------------------------------------------------------------------------
// 7. Writing in the log after removal.
// ---------------------------------------------------------------------------------------

/// Ola keeps the store key and her signing key when she is disabled, and later appends a
/// use-log entry in her own name, chained and signed with her own certified key, as if she
/// had used a document. `log verify` refuses it: nobody writes after the checked removal that
/// took them off the list.
#[test]
fn an_entry_written_by_an_account_after_its_removal_fails_log_verify() {
    let unit = Unit::new();
    let key = unit.store_key(OLA);
    let (ola_key, _) = unit.keys_of(OLA);
    let store_id = unit.store_id();
    unit.ok(ADMIN, &["user", "disable", OLA]);
    ok(&unit.store.run(ADMIN, ADMIN_PASS, &["log", "verify"]));

    let c = unit.db_with(&key);
    append_entry(&c, &store_id, &ola_key, OLA, "show", None, "after removal");
    drop(c);

    let out = unit.store.run(ADMIN, ADMIN_PASS, &["log", "verify"]);
    expect(&out, 5, &["taken off the list"]);
}
