//! Claims of SECURITY.md about packages that no other test attacked ("Transfer packages" and
//! "A transfer's folder is destroyed only when its receipt returns"): the receipt checks, a
//! list change without its admin's signature (R19), whom a unit trusts (a trusted card or an
//! external recipient changed with the store key), and a package export whose log entry
//! cannot be written (R15). Each test drives real stores through the binary, shows the attack
//! refused with its exit code and message, and that it got the attacker nothing: the
//! receiving store is byte for byte as it was, and a transfer's folder is still there.
//!
//! Each test was checked against the program with its defence removed (the change to `src/`
//! is named in the test's comment; made locally, the test run and seen to fail, the file
//! restored byte for byte): so each fails if its defence goes.
//!
//! The units are those of tests/packages/chain.rs: an admin and two STRENGT FORTROLIG
//! officers each, trusting each other by fingerprint.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::chain;
use crate::common;

use chain::{assert_unchanged, snapshot, trust_all, Unit, KARI};
use common::{expect, ok, stdout};
use infoflyt::test_support as ts;
use infoflyt::transfer::minisig::Signature;
use infoflyt::transfer::seal::signature_path;
use infoflyt::transfer::TrustedComment;
use std::path::{Path, PathBuf};

/// Oslo fengsel with a person whose folder holds a FORTROLIG and a STRENGT FORTROLIG
/// document, and a prior consultation with Bergen fengsel about moving him there (R12);
/// Bergen fengsel; both trust each other.
fn moving(out: &Path) -> (Unit, Unit, i64) {
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let bergen = Unit::new("local", "Bergen fengsel", Some("Region vest"));
    trust_all(&[&oslo, &bergen], out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "RECEIPT-CLAIMS-F");
    oslo.doc(p, "STRENGT_FORTROLIG", "Notat", "RECEIPT-CLAIMS-SF");
    consulted(&oslo, p, "Bergen fengsel");
    (oslo, bergen, p)
}

/// Records the prior consultation with `unit` about `person` that a transfer needs (R12).
fn consulted(u: &Unit, person: i64, unit: &str) {
    ok(&u.kari(&[
        "consult",
        "record",
        "--person",
        &person.to_string(),
        "--unit",
        unit,
        "--with",
        "Kari Nordmann",
        "--at",
        "2026-01-05 10:00",
    ]));
}

/// `package export --kind transfer` of `person`'s folder to `to`, into `dir` (made here).
fn transfer(u: &Unit, dir: &Path, person: i64, to: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let p = person.to_string();
    u.export(dir, &["--kind", "transfer", "--to", to, "--person", &p])
}

/// The receipt `package import` wrote.
fn receipt_of(imported: &serde_json::Value) -> PathBuf {
    PathBuf::from(imported["receipt"].as_str().unwrap())
}

/// The tag manifest digest a package's outer signature names.
fn digest_of(package: &Path) -> [u8; 32] {
    let sig = Signature::parse(&std::fs::read(signature_path(package)).unwrap()).unwrap();
    TrustedComment::parse(sig.trusted_comment())
        .unwrap()
        .tagmanifest_sha256
}

/// `receipt` imported at `u` is refused as an integrity failure naming `why`, and leaves the
/// store byte for byte as it was; the folder still holds its `docs` documents, which kari
/// still reads (a destruction erases the keys first, R13).
#[track_caller]
fn refused_and_folder_kept(u: &Unit, receipt: &Path, why: &str, docs: usize) {
    // Settle everything a session of kari owes, so a refused import has nothing to write.
    ok(&u.kari(&["doc", "list"]));
    let before = snapshot(&u.store.dir);
    let r = u.kari(&["package", "import", receipt.to_str().unwrap()]);
    expect(&r, 5, &[why, "nothing was imported"]);
    assert_unchanged(&u.store.dir, &before, why);
    let list = u.json(&["doc", "list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), docs, "{why}: the folder lost documents");
    for d in list {
        let shown = u.kari(&["doc", "show", d["journal_number"].as_str().unwrap()]);
        ok(&shown);
        assert!(
            stdout(&shown).contains("RECEIPT-CLAIMS"),
            "{why}: the folder no longer opens"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Receipts: "a receipt answers a package this unit sealed, with that package's digest" and
// "A transfer's folder is destroyed only when its receipt returns" (SECURITY.md, R13).
// ---------------------------------------------------------------------------------------

/// Oslo moves a person's folder to Bergen, which files it and answers with a genuine receipt
/// (signed by Bergen's unit key, addressed to Oslo). That receipt is then taken to two stores
/// that did not send what it acknowledges: Oslo's store as it was before the export, which
/// never sent that package (a); and the same store after it sent, under the same number and
/// id, a package whose contents differ (one more document), so the digest the receipt
/// acknowledges is not the one this store signed (b). Each refuses it (exit 5), is left byte
/// for byte as it was, and keeps the folder whole. The real sender accepts the same file and
/// destroys its folder: the receipt was refused only for what it acknowledges.
///
/// Checked without the defence: with the digest comparison taken out of `check_receipt`
/// (transfer::receipt), (b) imports (exit 0) and destroys the folder, and this test fails.
/// With `check_receipt` made to return at once, (a) is no longer refused by it: the filing
/// transaction fails on the missing row ("Query returned no rows", exit 1),
/// and this test fails on the exit code.
#[test]
fn a_receipt_for_a_package_this_store_never_sent_or_sealed_otherwise_destroys_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, bergen, p) = moving(out);
    let before_export = oslo.store.copy();
    let moved = transfer(&oslo, &out.join("moved"), p, "Bergen fengsel");
    let receipt = receipt_of(&bergen.import(&moved));

    // (a) The store before the export never sent the package the receipt acknowledges.
    let never = Unit {
        store: before_export,
        name: oslo.name.clone(),
    };
    refused_and_folder_kept(&never, &receipt, "never sent", 2);

    // (b) The same store sends another package under the same number: the folder with one
    // more document, so its contents, and the digest its signatures cover, differ.
    never.doc(p, "FORTROLIG", "Etterpå", "RECEIPT-CLAIMS-LATER");
    let other = transfer(&never, &out.join("other"), p, "Bergen fengsel");
    assert_eq!(
        other.file_name(),
        moved.file_name(),
        "not the same package id (did the test run across midnight UTC?)"
    );
    assert_ne!(digest_of(&other), digest_of(&moved), "the same contents");
    refused_and_folder_kept(&never, &receipt, "does not match", 3);

    // The sender that did seal it accepts the same receipt, and only then destroys (R13).
    let done = oslo.import(&receipt);
    assert_eq!(done["folder_destroyed"], p);
    assert!(oslo.json(&["doc", "list"]).as_array().unwrap().is_empty());
}

/// Oslo sends Region øst a copy of a document (R11); Region øst files it and answers, and Oslo
/// imports the receipt: the package is delivered. Then the package is acknowledged again,
/// twice: (c) the same receipt file, a replay, refused by the sequence check before the
/// receipt is looked at ("imported before"); and (c') a second, genuine receipt for the same
/// package under a new number, which Region øst's store, put back to its copy from before the
/// import, makes by importing the package once more (after a checkpoint package, so that
/// its number and its log checkpoint are past what Oslo holds from it and neither the
/// sequence nor the checkpoint check stops it): refused because the package was acknowledged
/// already. Each time Oslo's store is byte for byte as it was, and its log holds one
/// `receipt` entry.
///
/// A copy-up and not a transfer: a transfer's first receipt destroys the folder, so a second
/// one finds no folder to destroy and fails on that as well (`transfer-folder-missing`),
/// and the check under test would not be the one that refuses.
///
/// Checked without the defences: with only the `receipt_at` test in `check_receipt`
/// (transfer::receipt) taken out, (c') imports (exit 0), and this test fails. With the
/// replay test in `check_sequence` (transfer::import) taken out, (c) is refused by
/// `check_receipt` instead ("acknowledged by an earlier receipt"), and this test fails on the
/// message; with both taken out, (c) fails on the database's unique key of `packages_in`
/// (exit 1), and this test fails on the exit code.
#[test]
fn a_package_acknowledged_once_is_not_acknowledged_again_by_a_replay_or_a_second_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, ost) = oslo_and(out, "region", "Region øst");
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "RECEIPT-CLAIMS-F");
    let f = oslo.export(out, &["--kind", "copy-up", "--to", "Region øst"]);
    let ost_before = ost.store.copy();
    let receipt = receipt_of(&ost.import(&f));
    oslo.import(&receipt);
    assert!(oslo.json(&["package", "pending"])["awaiting_receipt"]
        .as_array()
        .unwrap()
        .is_empty());

    // (c) The same receipt again.
    refused_and_folder_kept(&oslo, &receipt, "imported before", 1);

    // (c') A second receipt for the same package, from Region øst's store put back to
    // before the import: a checkpoint package moves its number and its log on.
    let again = Unit {
        store: ost_before,
        name: ost.name.clone(),
    };
    let (cps, answers) = (out.join("checkpoints"), out.join("answers"));
    std::fs::create_dir(&cps).unwrap();
    std::fs::create_dir(&answers).unwrap();
    let cp = again.export(&cps, &["--kind", "checkpoint", "--to", "Oslo fengsel"]);
    assert!(cp.exists());
    let second = receipt_of(&again.json(&[
        "package",
        "import",
        f.to_str().unwrap(),
        "--receipt-out",
        answers.to_str().unwrap(),
    ]));
    assert_ne!(
        second.file_name(),
        receipt.file_name(),
        "not a second receipt"
    );
    refused_and_folder_kept(&oslo, &second, "acknowledged by an earlier receipt", 1);
    let receipts = oslo
        .json(&["log", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["act"] == "receipt")
        .count();
    assert_eq!(receipts, 1, "the package was acknowledged more than once");
}

// ---------------------------------------------------------------------------------------
// List changes: "list changes carry their admins' signatures" (SECURITY.md, "Transfer
// packages"); R19: KSF "checks each admin's signature and keeps them".
// ---------------------------------------------------------------------------------------

/// A clerk, added to a unit's store where a test needs one: he holds the store key (from
/// his own keyslot) and a certified signing key, and no unit key.
const KIM: (&str, &str) = ("kim", "kim sin passfrase for tester");

/// The message a list change's signature covers (`authz::authlist::record_change_tx`), as
/// someone holding the store key builds it to sign a change of their own.
fn change_message(
    c: &rusqlite::Connection,
    unit: &str,
    time: &str,
    change: &str,
    list: &str,
    agreement: Option<&str>,
) -> Vec<u8> {
    let sid: Vec<u8> = c
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    infoflyt::crypto::encode_fields(
        b"infoflyt authlist change v1\0",
        &[
            &sid,
            time.as_bytes(),
            unit.as_bytes(),
            change.as_bytes(),
            list.as_bytes(),
            agreement.unwrap_or("").as_bytes(),
        ],
    )
}

/// Kari's disclosure of `doc` about `person` to "Kripos", into `out/what`, is refused as an
/// integrity failure naming the recipient's key, and writes nothing.
fn refused_to_kripos(ksf: &Unit, out: &Path, what: &str, person: &str, doc: &str) {
    refused_disclosure(ksf, out, what, "Kripos", person, doc);
}

/// Kari's disclosure of `doc` about `person` to external recipient `to`, into `out/what`,
/// is refused as an integrity failure naming the recipient's key, and writes nothing.
fn refused_disclosure(ksf: &Unit, out: &Path, what: &str, to: &str, person: &str, doc: &str) {
    let target = out.join(what);
    std::fs::create_dir_all(&target).unwrap();
    let r = ksf.kari(&[
        "package",
        "export",
        "--kind",
        "external",
        "--recipient",
        to,
        "--person",
        person,
        "--doc",
        doc,
        "--basis",
        "fvl-13b-5",
        "--out",
        target.to_str().unwrap(),
    ]);
    expect(
        &r,
        5,
        &[&format!(
            "the age key stored for external recipient {to} is not the one an admin named"
        )],
    );
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0, "{what}");
}

/// The database as kari, an officer of `u`, opens it with her own tools: the store key out
/// of her own keyslot (SECURITY.md: "Someone holding the store key").
fn insider_db(u: &Unit) -> rusqlite::Connection {
    let key = ts::store_key(&u.store.dir, KARI.0, KARI.1).unwrap();
    ts::open_db(&u.store.dir, &key).unwrap()
}

/// An edit made with the store key; gives the number of rows it changed.
type Edit<'a> = dyn Fn(&rusqlite::Connection) -> usize + 'a;

/// Oslo's admin added kari and ola and trusted KSF: three signed list changes wait for KSF.
/// Someone holding the store key edits one queued change before kari, in good faith, exports
/// the `authlist` package: the change itself (ola's role written down as clerical, so KSF's
/// copy shows one officer fewer), the list it was made against, or one bit of the admin's
/// signature; or the change rewritten and signed again, by the clerk kim with his own
/// certified key (a clerk may make no list change) or with a fresh key of no account, the
/// admin's name left on it. Each on a copy of the store. The unit would vouch for whatever
/// the package carries, so Oslo refuses to export it (exit 5, naming the change), writes
/// nothing, and keeps the change queued; `verify` names it. KSF never sees it. The
/// untouched queue goes through.
///
/// Checked without the defence: with the check in `select_authlist` (transfer::export)
/// taken out, the three plain edits are refused by KSF (`check_auth_changes`), but both
/// re-signed changes are exported, imported by KSF as the admin's (exit 0), and this test
/// fails.
#[test]
fn a_list_change_altered_or_re_signed_after_its_admin_signed_it_never_leaves_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ksf = Unit::new("ksf", "KSF", None);
    let kim = KIM;
    oslo.store.add_user(kim.0, "clerical", "fortrolig", kim.1);
    trust_all(&[&oslo, &ksf], out);
    let queued = oslo
        .store
        .json(common::ADMIN, common::ADMIN_PASS, &["auth", "pending"]);
    let n = queued.as_array().unwrap().len();
    assert!(
        n >= 4,
        "three accounts added and one unit trusted: {queued}"
    );
    ok(&ksf.kari(&["doc", "list"]));
    let before = snapshot(&ksf.store.dir);
    let (kims_key, _) = ts::private_keys(&oslo.store.dir, kim.0, kim.1).unwrap();
    let nobodys_key = infoflyt::crypto::sign::SigningKey::generate().unwrap();

    // Each edit touches ola's addition (or, for the list, the newest change) and only it.
    const OLA_ADDED: &str = "change LIKE '%\"add\":\"ola\"%'";
    let re_sign = |c: &rusqlite::Connection, key: &infoflyt::crypto::sign::SigningKey| {
        let (id, time, change, list, agreement): (i64, String, String, String, Option<String>) = c
            .query_row(
                &format!(
                    "SELECT id, time, change, list, agreement FROM auth_changes WHERE {OLA_ADDED}"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        let change = change.replace("\"officer\"", "\"clerical\"");
        let msg = change_message(
            c,
            "Oslo fengsel",
            &time,
            &change,
            &list,
            agreement.as_deref(),
        );
        c.execute(
            "UPDATE auth_changes SET change = ?2, signer = ?3, signature = ?4 WHERE id = ?1",
            rusqlite::params![id, change, key.public().to_vec(), key.sign(&msg).to_vec()],
        )
        .unwrap()
    };
    let edits: [(&str, &Edit<'_>); 5] = [
        ("the change", &|c| {
            c.execute(
                &format!(
                    "UPDATE auth_changes SET change = replace(change, '\"officer\"', '\"clerical\"')
                     WHERE {OLA_ADDED} AND change LIKE '%\"role\":\"officer\"%'"
                ),
                [],
            )
            .unwrap()
        }),
        ("the list", &|c| {
            c.execute(
                "UPDATE auth_changes SET list = replace(list, '\"name\":\"ola\"', '\"name\":\"per\"')
                 WHERE id = (SELECT max(id) FROM auth_changes) AND list LIKE '%\"name\":\"ola\"%'",
                [],
            )
            .unwrap()
        }),
        ("the signature", &|c| {
            let (id, mut sig): (i64, Vec<u8>) = c
                .query_row(
                    &format!("SELECT id, signature FROM auth_changes WHERE {OLA_ADDED}"),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            sig[10] ^= 1;
            c.execute(
                "UPDATE auth_changes SET signature = ?2 WHERE id = ?1",
                rusqlite::params![id, sig],
            )
            .unwrap()
        }),
        ("re-signed by the clerk", &|c| re_sign(c, &kims_key)),
        ("re-signed by no account", &|c| re_sign(c, &nobodys_key)),
    ];
    for (i, (what, edit)) in edits.iter().enumerate() {
        let u = Unit {
            store: oslo.store.copy(),
            name: oslo.name.clone(),
        };
        assert_eq!(edit(&insider_db(&u)), 1, "{what}: nothing edited");
        let target = out.join(format!("edited-{i}"));
        std::fs::create_dir_all(&target).unwrap();
        let r = u.kari(&[
            "package",
            "export",
            "--kind",
            "authlist",
            "--to",
            "KSF",
            "--out",
            target.to_str().unwrap(),
        ]);
        // The list edit hits the newest change, KSF's trust: refused as that, before the
        // queue is looked at.
        expect(&r, 5, &["someone holding the store key has changed"]);
        assert_eq!(
            std::fs::read_dir(&target).unwrap().count(),
            0,
            "{what}: something was written"
        );
        let still = u
            .store
            .json(common::ADMIN, common::ADMIN_PASS, &["auth", "pending"]);
        assert_eq!(still.as_array().unwrap().len(), n, "{what}: {still}");
        let v = u.admin(&["verify"]);
        expect(&v, 5, &[]);
        assert!(
            stdout(&v).contains("FAIL list changes, trusted units and external recipients signed")
                && stdout(&v).contains("does not carry the signature"),
            "{what}: {}",
            common::describe(&v)
        );
    }
    assert_unchanged(&ksf.store.dir, &before, "nothing reached KSF");

    let f = oslo.export(&out.join("genuine"), &["--kind", "authlist", "--to", "KSF"]);
    assert_eq!(ksf.import(&f)["auth_changes"], n);
}

// ---------------------------------------------------------------------------------------
// Whom a unit trusts: "the sender is a unit an admin trusted after comparing its card's
// fingerprint by phone" (SECURITY.md, "Transfer packages"), and the external recipients an
// admin names (R25).
// ---------------------------------------------------------------------------------------

/// The clerk kim holds the store key. He puts the card of a store he made himself, also
/// called "Region øst", in place of the real region's in Oslo's trusted units, and, to look
/// the part, a trust change for it signed with his own certified key. Were the row believed,
/// every copy owed to the region would be sealed to his key, and his packages would be filed
/// as the region's. Kari's copy-up export to the region is refused (exit 5) and writes
/// nothing; a package from his store, signed by his card, is refused (exit 5) and leaves
/// Oslo's store byte for byte as it was; `verify` names the row and the change. An admin who
/// trusts the real card again, by its fingerprint, restores the exchange.
///
/// Checked without the defence: with `trusted_card` (transfer::trust) returning the row's
/// card unchecked, the export is sealed to kim's card (exit 0), and this test fails.
#[test]
fn a_clerk_who_puts_his_own_card_in_place_of_the_regions_gets_nothing_sealed_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let region = Unit::new("region", "Region øst", None);
    let kim = KIM;
    oslo.store.add_user(kim.0, "clerical", "fortrolig", kim.1);
    trust_all(&[&oslo, &region], out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "TRUST-CLAIMS-COPY");

    // Kim's own "Region øst", which trusts Oslo so that it can send there.
    let (fake, card_text) = fake_region(out);
    let fake_fp = infoflyt::transfer::card::UnitCard::parse(card_text.as_bytes())
        .unwrap()
        .fingerprint()
        .to_string();
    fake.trust(&oslo, out);
    let key = ts::store_key(&oslo.store.dir, kim.0, kim.1).unwrap();
    let c = ts::open_db(&oslo.store.dir, &key).unwrap();
    assert_eq!(
        c.execute(
            "UPDATE trusted_units SET card = ?1, fingerprint = ?2 WHERE unit = 'Region øst'",
            rusqlite::params![card_text, fake_fp],
        )
        .unwrap(),
        1
    );
    // His trust change, signed with his own certified key: a clerk may make none.
    let (kims_key, _) = ts::private_keys(&oslo.store.dir, kim.0, kim.1).unwrap();
    let change = serde_json::json!({ "trust": "Region øst", "level": "region", "serial": 1,
                                     "fingerprint": fake_fp, "how": "fingerprint" })
    .to_string();
    let time = "2026-11-30T10:00:00Z";
    let msg = change_message(&c, "Oslo fengsel", time, &change, "[]", None);
    c.execute(
        "INSERT INTO auth_changes (time, admin, change, list, agreement, signer, signature)
         VALUES (?1, 'kim', ?2, '[]', NULL, ?3, ?4)",
        rusqlite::params![
            time,
            change,
            kims_key.public().to_vec(),
            kims_key.sign(&msg).to_vec()
        ],
    )
    .unwrap();
    drop(c);

    let target = out.join("copy-up");
    std::fs::create_dir_all(&target).unwrap();
    let export = || {
        oslo.kari(&[
            "package",
            "export",
            "--kind",
            "copy-up",
            "--to",
            "Region øst",
            "--out",
            target.to_str().unwrap(),
        ])
    };
    expect(
        &export(),
        5,
        &["the trusted card of Region øst is not the one a signed trust change put there"],
    );
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);

    // A package from his store, signed by the card he planted.
    let fp = fake.doc(
        fake.person("Navn Navnesen"),
        "FORTROLIG",
        "Avskallet",
        "TRUST-CLAIMS-PLANTED",
    );
    let planted = fake.export(
        &out.join("planted"),
        &[
            "--kind",
            "processed-down",
            "--to",
            "Oslo fengsel",
            "--doc",
            &fp,
        ],
    );
    ok(&oslo.kari(&["doc", "list"]));
    planted_refused(&oslo, &planted);
    verify_says(
        &oslo,
        &[
            "the trusted card of Region øst is not the one",
            "does not carry the signature of the account it names",
        ],
    );

    // The admin compares the real fingerprint again: the exchange is restored.
    oslo.trust(&region, out);
    let f = PathBuf::from(
        common::parse_json(&{
            let o = oslo.kari(&[
                "--json",
                "package",
                "export",
                "--kind",
                "copy-up",
                "--to",
                "Region øst",
                "--out",
                target.to_str().unwrap(),
            ]);
            ok(&o);
            o
        })["file"]
            .as_str()
            .unwrap(),
    );
    let got = region.import(&f);
    assert_eq!(got["documents"].as_array().map(Vec::len), Some(1), "{got}");
}

/// An admin names Kripos's age key. The clerk kim, holding the store key, writes his own
/// age key in its place. Kari's disclosure to "Kripos" is refused (exit 5), nothing is
/// written, and nothing enters the disclosure register; `verify` names the recipient.
///
/// Checked without the defence: with `external_recipient` (transfer::trust) returning the
/// row's key unchecked, the package is sealed to kim's key (exit 0), and this test fails.
#[test]
fn a_clerk_who_writes_his_own_key_under_kripos_gets_no_disclosure_sealed_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let ksf = Unit::new("ksf", "KSF", None);
    let kim = KIM;
    ksf.store.add_user(kim.0, "clerical", "fortrolig", kim.1);
    let kripos = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    ok(&ksf.admin(&["unit", "trust-external", "Kripos", "--recipient", kripos]));
    let p = ksf.person("Navn Navnesen").to_string();
    let doc = ksf.doc(
        p.parse().unwrap(),
        "FORTROLIG",
        "Melding",
        "TRUST-CLAIMS-POLICE",
    );
    let kims_age = "age1cy0su9fwf3gf9mw868g5yut09p6nytfmmnktexz2ya5uqg9vl9sss4euqm";
    let key = ts::store_key(&ksf.store.dir, kim.0, kim.1).unwrap();
    let c = ts::open_db(&ksf.store.dir, &key).unwrap();
    assert_eq!(
        c.execute(
            "UPDATE external_recipients SET recipient = ?1 WHERE name = 'Kripos'",
            [kims_age],
        )
        .unwrap(),
        1
    );
    drop(c);
    refused_to_kripos(&ksf, out, "external", &p, &doc);
    let register = ksf.json(&["disclosure", "list"]);
    assert_eq!(register.as_array().map(Vec::len), Some(0), "{register}");
    let v = ksf.admin(&["verify"]);
    expect(&v, 5, &[]);
    assert!(
        stdout(&v).contains("the age key stored for external recipient Kripos"),
        "{}",
        common::describe(&v)
    );
}

// ---------------------------------------------------------------------------------------
// "A package is logged (`send` per document version, `package-export`) and committed before
// the first byte of content is decrypted into it" and "If the entry cannot be written,
// nothing is released" (SECURITY.md, R15).
// ---------------------------------------------------------------------------------------

const FAIL_CLOSED: &str = "PACKAGE-CLAIMS-FAIL-CLOSED";

/// Oslo owes Region øst a copy of a document (R11). Kari exports it on a disk that is full
/// for the store (a file-size limit of 32 KiB: the store opens and reads, but the write-ahead
/// log cannot take the transaction that logs `send` and `package-export`). The export fails
/// with exit 1, saying the disk is full; the directory it was to write to stays empty (no
/// package, no `.minisig`, no card); and nothing is half recorded: no package row, no item,
/// no `send` or `package-export` entry, the copy still owed, the log and the store verify.
/// Without the limit the same export goes through, under the number the failed one would
/// have had.
///
/// Checked without the defence: with `export_package` (transfer::export::seal) made to go on
/// when `record_export` fails (with the id and number it would have recorded), the package
/// and its `.minisig` are written and the export reports success (exit 0), and this test
/// fails.
#[test]
fn a_package_export_whose_log_entry_cannot_be_written_releases_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, _ost) = oslo_and(out, "region", "Region øst");
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", FAIL_CLOSED);
    let owed = oslo.json(&["package", "pending"])["copy_up"].clone();
    let usb = out.join("usb");
    std::fs::create_dir(&usb).unwrap();
    let args = [
        "package",
        "export",
        "--kind",
        "copy-up",
        "--to",
        "Region øst",
        "--out",
        usb.to_str().unwrap(),
    ];

    let r = oslo.store.run_with_fsize_limit(KARI.0, KARI.1, 64, &args);
    expect(&r, 1, &["disk"]);
    let left: Vec<_> = std::fs::read_dir(&usb).unwrap().collect();
    assert!(left.is_empty(), "released: {left:?}");
    assert!(!stdout(&r).contains(FAIL_CLOSED));

    let c = insider_db(&oslo);
    for (what, sql) in [
        ("package", "SELECT count(*) FROM packages_out"),
        ("item", "SELECT count(*) FROM package_items_out"),
        (
            "log entry",
            "SELECT count(*) FROM use_log WHERE act IN ('send', 'package-export')",
        ),
    ] {
        let n: i64 = c.query_row(sql, [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "a {what} of the export that failed was recorded");
    }
    drop(c);
    assert_eq!(oslo.json(&["package", "pending"])["copy_up"], owed);
    ok(&oslo.admin(&["log", "verify"]));
    ok(&oslo.admin(&["verify"]));

    let f = oslo.export(&usb, &args[2..6]);
    assert!(
        f.to_str().unwrap().ends_with("-000001.ifp"),
        "the failed export used up a number: {}",
        f.display()
    );
}

/// Two ways round "the newest signed change": the clerk kim copies the admin's older, genuine
/// naming of Kripos's key into a new row, to put that key back (an old key the police may
/// have retired, or that went astray); and anne, an admin since taken off the list, whose
/// certificate and signing key outlive her, signs a new naming of her own key, logs it with
/// her key and has it written in. Neither is the newest change: the log orders the changes,
/// and anne's entry came after her removal. Each disclosure is refused (exit 5) with nothing
/// written.
///
/// Checked without the defence: with `check_stored` (authz::changes) taking the newest row
/// by its id and not asking for the account's log entry, both exports are sealed (exit 0),
/// and this test fails.
#[test]
fn an_old_trust_change_replayed_or_a_leavers_new_one_does_not_move_whom_the_unit_trusts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let ksf = Unit::new("ksf", "KSF", None);
    let anne = ("anne", "anne sin passfrase for tester");
    ksf.store
        .add_user(anne.0, "admin", "strengt-fortrolig", anne.1);
    let age_key = || age::x25519::Identity::generate().to_public().to_string();
    let (k1, k2, annes) = (age_key(), age_key(), age_key());
    ok(&ksf.admin(&["unit", "trust-external", "Kripos", "--recipient", &k1]));
    ok(&ksf.admin(&["unit", "trust-external", "Kripos", "--recipient", &k2]));
    let p = ksf.person("Navn Navnesen").to_string();
    let doc = ksf.doc(
        p.parse().unwrap(),
        "FORTROLIG",
        "Melding",
        "TRUST-CLAIMS-ORDER",
    );
    let (annes_key, _) = ts::private_keys(&ksf.store.dir, anne.0, anne.1).unwrap();
    ok(&ksf.admin(&["user", "disable", anne.0]));

    let disclose = |what: &str| refused_to_kripos(&ksf, out, what, &p, &doc);

    // The replay: the first naming copied into a new row, and its key written back.
    let c = insider_db(&ksf);
    c.execute(
        "INSERT INTO auth_changes (time, admin, change, list, agreement, signer, signature)
         SELECT time, admin, change, list, agreement, signer, signature FROM auth_changes
         WHERE change LIKE '%' || ?1 || '%'",
        [&k1],
    )
    .unwrap();
    c.execute(
        "UPDATE external_recipients SET recipient = ?1 WHERE name = 'Kripos'",
        [&k1],
    )
    .unwrap();
    drop(c);
    disclose("replayed");

    // The leaver: a change in her name, signed and logged with her key after her removal.
    let c = insider_db(&ksf);
    let sid: Vec<u8> = c
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let change = serde_json::json!({ "external": "Kripos", "recipient": annes }).to_string();
    let time = infoflyt::time::now_rfc3339();
    let msg = change_message(&c, "KSF", &time, &change, "[]", None);
    c.execute(
        "INSERT INTO auth_changes (time, admin, change, list, agreement, signer, signature)
         VALUES (?1, ?2, ?3, '[]', NULL, ?4, ?5)",
        rusqlite::params![
            time,
            anne.0,
            change,
            annes_key.public().to_vec(),
            annes_key.sign(&msg).to_vec()
        ],
    )
    .unwrap();
    crate::attacks_insider::append_entry(
        &c,
        &sid,
        &annes_key,
        anne.0,
        "unit-trust-external",
        None,
        &change,
    );
    c.execute(
        "UPDATE external_recipients SET recipient = ?1 WHERE name = 'Kripos'",
        [&annes],
    )
    .unwrap();
    drop(c);
    disclose("leaver");
}

/// Kari's import into `u` of a package from a store posing as Region øst is refused (exit
/// 5) and leaves `u`'s store byte for byte as it was.
fn planted_refused(u: &Unit, planted: &Path) {
    let before = snapshot(&u.store.dir);
    expect(
        &u.kari(&["package", "import", planted.to_str().unwrap()]),
        5,
        &["Region øst"],
    );
    assert_unchanged(&u.store.dir, &before, "the planted package");
}

/// `verify` of `u` fails (exit 5), saying each of `said`.
fn verify_says(u: &Unit, said: &[&str]) {
    let v = u.admin(&["verify"]);
    expect(&v, 5, &[]);
    for s in said {
        assert!(stdout(&v).contains(s), "{s}: {}", common::describe(&v));
    }
}

/// A store of the attacker's own making that calls itself "Region øst", and its card.
fn fake_region(out: &Path) -> (Unit, String) {
    let fake = Unit::new("region", "Region øst", None);
    let cards = out.join("fake");
    std::fs::create_dir_all(&cards).unwrap();
    let (card, _) = fake.card(&cards);
    let text = std::fs::read_to_string(card).unwrap();
    (fake, text)
}

/// Kari's `copy-up` to Region øst from `u`, into `out/what`: refused (exit 5) as a trusted
/// card no signed trust change put there, and nothing written.
fn copy_up_refused(u: &Unit, out: &Path, what: &str) {
    let target = out.join(what);
    std::fs::create_dir_all(&target).unwrap();
    expect(
        &u.kari(&[
            "package",
            "export",
            "--kind",
            "copy-up",
            "--to",
            "Region øst",
            "--out",
            target.to_str().unwrap(),
        ]),
        5,
        &["the trusted card of Region øst is not the one a signed trust change put there"],
    );
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0, "{what}");
}

/// A trust change for Region øst as `user` (of `u`, holding the store key and their own
/// signing key) writes it: the change signed and logged with their key, the card put in
/// `trusted_units`, as `store_trusted_tx` would have done.
fn forge_trust(u: &Unit, user: (&str, &str), card: &str, how: &str) {
    let (key, _) = ts::private_keys(&u.store.dir, user.0, user.1).unwrap();
    forge_trust_with(u, user.0, &key, card, how);
}

/// [`forge_trust`] with a key already in hand (a removed user's kept key).
fn forge_trust_with(
    u: &Unit,
    user: &str,
    key: &infoflyt::crypto::sign::SigningKey,
    card: &str,
    how: &str,
) {
    let parsed = infoflyt::transfer::card::UnitCard::parse(card.as_bytes()).unwrap();
    let fp = parsed.fingerprint().to_string();
    let change = serde_json::json!({ "trust": "Region øst", "level": "region",
                                     "serial": parsed.serial(), "fingerprint": fp,
                                     "how": how, "card": card })
    .to_string();
    let c = insider_db(u);
    let sid: Vec<u8> = c
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let unit: String = c
        .query_row("SELECT unit FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let time = infoflyt::time::now_rfc3339();
    let msg = change_message(&c, &unit, &time, &change, "[]", None);
    c.execute(
        "INSERT INTO auth_changes (time, admin, change, list, agreement, signer, signature)
         VALUES (?1, ?2, ?3, '[]', NULL, ?4, ?5)",
        rusqlite::params![
            time,
            user,
            change,
            key.public().to_vec(),
            key.sign(&msg).to_vec()
        ],
    )
    .unwrap();
    crate::attacks_insider::append_entry(&c, &sid, key, user, "unit-trust", None, &change);
    assert_eq!(
        c.execute(
            "UPDATE trusted_units SET card = ?1, fingerprint = ?2, serial = ?3, how = ?4
             WHERE unit = 'Region øst'",
            rusqlite::params![card, fp, parsed.serial(), how],
        )
        .unwrap(),
        1
    );
}

/// An officer may sign a rollover trust: it is how the card a peer rolled over to is taken
/// over at an import. Ola, an officer of Oslo holding the store key, names a card of his own
/// making as Region øst's rollover: signed with his certified key and logged, as an import
/// would. His card does not succeed the one an admin trusted (it carries no signature of
/// the trusted key), so the change counts for nothing: kari's copy-up is refused (exit 5)
/// and nothing is sealed to him; a package from his store is refused and leaves Oslo's store
/// as it was; `verify` names the stray change. The same with a card his own store rolled
/// over to, signed by its own old key rather than the region's.
///
/// Checked without the defence: with `trust_history` (transfer::trust) taking a rollover
/// without `succeeds`, the copy-up is sealed to ola's card (exit 0), and this test fails.
#[test]
fn an_officer_who_names_his_own_card_as_a_rollover_gets_nothing_sealed_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, _region) = oslo_and(out, "region", "Region øst");
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "TRUST-ROLLOVER-COPY");

    let (fake, card) = fake_region(out);
    fake.trust(&oslo, out);
    forge_trust(&oslo, chain::OLA, &card, "rollover");
    copy_up_refused(&oslo, out, "plain");

    let planted = fake.export(
        &out.join("planted"),
        &["--kind", "checkpoint", "--to", "Oslo fengsel"],
    );
    planted_refused(&oslo, &planted);
    verify_says(
        &oslo,
        &["records a trust change for Region øst that counts for nothing"],
    );

    // His store rolls over (an officer leaves it): a genuine rollover card, but from his
    // own old key.
    ok(&fake.admin(&["user", "disable", "ola"]));
    let rolled_cards = out.join("fake-rolled");
    std::fs::create_dir_all(&rolled_cards).unwrap();
    let (rolled, _) = fake.card(&rolled_cards);
    let rolled = std::fs::read_to_string(rolled).unwrap();
    assert!(rolled.contains("Previous-Ed25519"), "{rolled}");
    forge_trust(&oslo, chain::OLA, &rolled, "rollover");
    copy_up_refused(&oslo, out, "rolled");
}

/// Region øst rolls its keys over when an officer leaves (who may have kept the old ones);
/// Oslo takes the new card over from the next package. Ola, an officer of Oslo holding the
/// store key, then deletes the signed change that took it over and writes the old card
/// back: packages to the region would again be sealed to a key the leaver holds. The use
/// log still holds the change, and it, not the table, says what Oslo trusts: kari's
/// copy-up is refused (exit 5), nothing is written, and `verify` names the card.
///
/// Checked without the defence: with the newest change read from `auth_changes` rather
/// than the log (the code before `trust_history`), the copy-up is sealed to the old card
/// (exit 0), and this test fails.
#[test]
fn a_rollover_deleted_with_the_store_key_does_not_bring_the_old_card_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, region) = oslo_and(out, "region", "Region øst");
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "TRUST-ROLLBACK-COPY");
    let old: String = insider_db(&oslo)
        .query_row(
            "SELECT card FROM trusted_units WHERE unit = 'Region øst'",
            [],
            |r| r.get(0),
        )
        .unwrap();

    ok(&region.admin(&["user", "disable", "ola"]));
    let next = region.export(out, &["--kind", "checkpoint", "--to", "Oslo fengsel"]);
    assert_eq!(oslo.import(&next)["card_rollover"], true);

    let c = insider_db(&oslo);
    assert_eq!(
        c.execute(
            "DELETE FROM auth_changes WHERE change LIKE '%\"how\":\"rollover\"%'",
            []
        )
        .unwrap(),
        1
    );
    let parsed = infoflyt::transfer::card::UnitCard::parse(old.as_bytes()).unwrap();
    assert_eq!(
        c.execute(
            "UPDATE trusted_units SET card = ?1, fingerprint = ?2, serial = ?3,
                                      how = 'fingerprint'
             WHERE unit = 'Region øst'",
            rusqlite::params![old, parsed.fingerprint().to_string(), parsed.serial()],
        )
        .unwrap(),
        1
    );
    drop(c);
    copy_up_refused(&oslo, out, "rolled-back");
    verify_says(&oslo, &["the trusted card of Region øst is not the one"]);
}

/// The store id and its insider connection, for entries written by hand.
fn store_id(c: &rusqlite::Connection) -> Vec<u8> {
    c.query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap()
}

/// An officer may sign one kind of trust change: a card taken over at a rollover. Ola, an
/// officer of KSF holding the store key, writes a change naming his own age key for
/// "Kripos", dressed with the fields of a rollover (`trust`, `how`), signed and logged with
/// his certified key, and puts his key in the row. A recipient is named by an admin alone,
/// and a change that is not purely a rollover is no rollover: kari's disclosure to Kripos
/// is refused (exit 5) and nothing is sealed to him.
///
/// Found by an attacker review; checked without the defence: with `entitled`
/// (authz::changes) taking any change with `trust` and `how: rollover` as a rollover, and
/// `logged_trust_changes` applying it to recipients, the package is sealed to ola's key
/// (exit 0), and this test fails.
#[test]
fn an_officer_who_dresses_a_recipient_change_as_a_rollover_gets_no_disclosure_sealed_to_him() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let ksf = Unit::new("ksf", "KSF", None);
    let kripos = age::x25519::Identity::generate().to_public().to_string();
    ok(&ksf.admin(&["unit", "trust-external", "Kripos", "--recipient", &kripos]));
    let p = ksf.person("Navn Navnesen").to_string();
    let doc = ksf.doc(p.parse().unwrap(), "FORTROLIG", "Melding", "TRUST-DRESSED");
    let olas = age::x25519::Identity::generate().to_public().to_string();
    let (ola_key, _) = ts::private_keys(&ksf.store.dir, chain::OLA.0, chain::OLA.1).unwrap();
    for (what, change) in [
        (
            "dressed",
            serde_json::json!({ "external": "Kripos", "recipient": olas,
                                "trust": "Kripos", "how": "rollover" }),
        ),
        (
            "dressed with a card",
            serde_json::json!({ "external": "Kripos", "recipient": olas,
                                "trust": "Kripos", "how": "rollover", "card": "x" }),
        ),
    ] {
        let c = insider_db(&ksf);
        crate::attacks_insider::append_entry(
            &c,
            &store_id(&c),
            &ola_key,
            chain::OLA.0,
            "unit-trust-external",
            None,
            &change.to_string(),
        );
        c.execute(
            "UPDATE external_recipients SET recipient = ?1 WHERE name = 'Kripos'",
            [&olas],
        )
        .unwrap();
        drop(c);
        refused_to_kripos(&ksf, out, what, &p, &doc);
    }
}

/// Which trust change is the newest, and whether its signer was still on the list, is read
/// from the entries' sequence numbers, and anyone holding the store key can write a row at
/// any number. Anne, an admin of KSF, is removed; she kept her key, and her certificate still
/// names it. She signs a naming of her own age key as "PST" and files it at number 0, before
/// the first entry, so that it seems made while she was on the list, and puts the row in.
/// The entry does not sit in the chain (it links to nothing there), so it is no evidence:
/// kari's disclosure to PST is refused (exit 5). The same entry at the head is refused as a
/// leaver's.
///
/// Found by an attacker review; checked without the defence: with `in_chain`
/// (audit::checked) taken out, the package is sealed to anne's key (exit 0), and this test
/// fails.
#[test]
fn a_removed_admins_trust_change_filed_before_the_first_entry_counts_for_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let ksf = Unit::new("ksf", "KSF", None);
    let anne = ("anne", "anne sin passfrase for tester");
    ksf.store
        .add_user(anne.0, "admin", "strengt-fortrolig", anne.1);
    let p = ksf.person("Navn Navnesen").to_string();
    let doc = ksf.doc(p.parse().unwrap(), "FORTROLIG", "Melding", "TRUST-SEQ-ZERO");
    let (annes_key, _) = ts::private_keys(&ksf.store.dir, anne.0, anne.1).unwrap();
    ok(&ksf.admin(&["user", "disable", anne.0]));
    let annes = age::x25519::Identity::generate().to_public().to_string();
    let change = serde_json::json!({ "external": "PST", "recipient": annes }).to_string();
    let c = insider_db(&ksf);
    crate::attacks_insider::entry_at(
        &c,
        &store_id(&c),
        &annes_key,
        anne.0,
        "unit-trust-external",
        None,
        &change,
        Some(0),
    );
    c.execute(
        "INSERT INTO external_recipients (name, recipient, added_at, added_by)
         VALUES ('PST', ?1, '2026-01-01T00:00:00Z', 'anne')",
        [&annes],
    )
    .unwrap();
    drop(c);
    refused_disclosure(&ksf, out, "before the first", "PST", &p, &doc);
    let c = insider_db(&ksf);
    crate::attacks_insider::append_entry(
        &c,
        &store_id(&c),
        &annes_key,
        anne.0,
        "unit-trust-external",
        None,
        &change,
    );
    drop(c);
    refused_disclosure(&ksf, out, "at the head", "PST", &p, &doc);
}

/// The same with the list itself. Anne, a removed admin of Oslo, signs the removal of the
/// admin who removed her and files it at number 0, so that he seems removed first and her
/// own removal counts for nothing; then she trusts a card of her own making as Region øst's
/// "by fingerprint", at the head. The removal is outside the chain, so it removes nobody:
/// she stays removed, her trust change counts for nothing, and kari's copy-up is refused
/// (exit 5). The admin's own changes still count: the store's own view of the list holds.
///
/// Found by an attacker review; checked without the defence: with `in_chain` taken out of
/// `checked_removals` (audit::checked), the copy-up is sealed to anne's card (exit 0), and
/// this test fails.
#[test]
fn a_removed_admin_who_files_the_removal_of_her_remover_first_stays_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let region = Unit::new("region", "Region øst", None);
    let anne = ("anne", "anne sin passfrase for tester");
    oslo.store
        .add_user(anne.0, "admin", "strengt-fortrolig", anne.1);
    trust_all(&[&oslo, &region], out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "TRUST-REMOVER-FIRST");
    let (annes_key, _) = ts::private_keys(&oslo.store.dir, anne.0, anne.1).unwrap();
    ok(&oslo.admin(&["user", "disable", anne.0]));

    let (_, card) = fake_region(out);

    let c = insider_db(&oslo);
    let sid = store_id(&c);
    let remove =
        serde_json::json!({ "remove": common::ADMIN, "key_chains_to_rotate": [] }).to_string();
    crate::attacks_insider::entry_at(
        &c,
        &sid,
        &annes_key,
        anne.0,
        "list-remove",
        None,
        &remove,
        Some(0),
    );
    drop(c);
    forge_trust_with(&oslo, anne.0, &annes_key, &card, "fingerprint");
    copy_up_refused(&oslo, out, "remover-first");
    // The admin's word still counts: he trusts the real region again and the copy-up goes.
    oslo.trust(&region, out);
    ok(&oslo.kari(&[
        "package",
        "export",
        "--kind",
        "copy-up",
        "--to",
        "Region øst",
        "--out",
        out.to_str().unwrap(),
    ]));
}

/// Writes entry `k` of the log over with one signed by `signer` in the name of `user`,
/// linking to entry `k - 1` as it stands: someone holding the store key rewriting history
/// in the middle. Gives the new entry's hash.
pub(crate) fn overwrite_entry(
    c: &rusqlite::Connection,
    signer: &infoflyt::crypto::sign::SigningKey,
    user: &str,
    act: &str,
    detail: &str,
    k: i64,
) -> Vec<u8> {
    let prev: Vec<u8> = c
        .query_row("SELECT hash FROM use_log WHERE seq = ?1", [k - 1], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        c.execute("DELETE FROM use_log WHERE seq = ?1", [k])
            .unwrap(),
        1
    );
    crate::attacks_insider::entry_linked(c, signer, user, act, None, detail, k, prev)
}

/// Anne, a removed admin of Oslo who kept the store key and her key, writes history over in
/// the middle of the log, before her removal: two of kari's `show` entries become her
/// removal of the admin who removed her, and then, at the head, she trusts a card of her
/// own making for Region øst. Either she points the next entry's link column at her entry
/// (its hash no longer recomputes), or she writes the next entry over too with one of her
/// own, so that the run ends at an entry of kari's that no longer links to it. Neither is
/// in the chain where its number says, so her removal of the admin removes nobody, she
/// stays removed, and kari's copy-up is refused (exit 5).
///
/// Found by an attacker review; checked without the defence: with `in_chain`
/// (audit::checked) checking only the next entry's link column, the first is sealed to her
/// card (exit 0); checking only the next entry, the second is; and this test fails.
#[test]
fn a_removed_admin_who_writes_history_over_in_the_middle_stays_removed() {
    for run in [1, 2] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
        let region = Unit::new("region", "Region øst", None);
        let anne = ("anne", "anne sin passfrase for tester");
        oslo.store
            .add_user(anne.0, "admin", "strengt-fortrolig", anne.1);
        trust_all(&[&oslo, &region], out);
        let p = oslo.person("Navn Navnesen");
        let j = oslo.doc(p, "FORTROLIG", "Observasjon", "TRUST-MIDDLE");
        for _ in 0..3 {
            ok(&oslo.kari(&["doc", "show", &j]));
        }
        let (annes_key, _) = ts::private_keys(&oslo.store.dir, anne.0, anne.1).unwrap();
        ok(&oslo.admin(&["user", "disable", anne.0]));
        ok(&oslo.kari(&["doc", "show", &j]));

        let (_, card) = fake_region(out);

        let c = insider_db(&oslo);
        let k: i64 = c
            .query_row(
                "SELECT min(a.seq) FROM use_log a
                 JOIN use_log b ON b.seq = a.seq + 1 JOIN use_log d ON d.seq = a.seq + 2
                 WHERE a.act = 'show' AND b.act = 'show' AND d.act = 'show'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let removal: i64 = c
            .query_row(
                "SELECT max(seq) FROM use_log WHERE act = 'list-remove'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(k + 2 < removal, "{k} {removal}");
        let remove =
            serde_json::json!({ "remove": common::ADMIN, "key_chains_to_rotate": [] }).to_string();
        let h = overwrite_entry(&c, &annes_key, anne.0, "list-remove", &remove, k);
        if run == 1 {
            c.execute(
                "UPDATE use_log SET prev_hash = ?1 WHERE seq = ?2",
                rusqlite::params![h, k + 1],
            )
            .unwrap();
        } else {
            overwrite_entry(&c, &annes_key, anne.0, "log-list", "", k + 1);
        }
        drop(c);
        forge_trust_with(&oslo, anne.0, &annes_key, &card, "fingerprint");
        copy_up_refused(&oslo, out, &format!("middle-{run}"));
    }
}

/// Oslo fengsel (in Region øst) and a unit of `level` named `name`, trusting each other.
fn oslo_and(out: &Path, level: &str, name: &str) -> (Unit, Unit) {
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let other = Unit::new(level, name, None);
    trust_all(&[&oslo, &other], out);
    (oslo, other)
}

/// The store of `u` opened with kari's store key, as any account holder can (a clerk's
/// view: rows, not keys).
fn raw_db(u: &Unit) -> rusqlite::Connection {
    let key = ts::store_key(&u.store.dir, KARI.0, KARI.1).unwrap();
    ts::open_db(&u.store.dir, &key).unwrap()
}

/// R13: the receipt acknowledges what the transfer carried, and only that is destroyed. Oslo
/// seals a transfer of a person's folder (two documents) and then writes a third into it
/// while the package is on its way. Bergen files the two and answers. Oslo destroys the two,
/// keeps the third (and the folder, whose keys still open it), and says so; a second
/// transfer carries the third, and its receipt then takes the folder. Destroying the whole
/// folder on the first receipt, the third document was lost with nobody holding it.
#[test]
fn a_receipt_destroys_only_what_the_transfer_carried() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, bergen, p) = moving(out);
    let moved = transfer(&oslo, &out.join("moved"), p, "Bergen fengsel");
    let late = oslo.doc(p, "FORTROLIG", "Hendelse", "RECEIPT-CLAIMS-LATE");
    let done = oslo.import(&receipt_of(&bergen.import(&moved)));
    assert!(done["folder_destroyed"].is_null(), "{done}");
    assert_eq!(done["transfer_kept"], serde_json::json!([p, 1]), "{done}");
    let list = oslo.json(&["doc", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert!(stdout(&oslo.kari(&["doc", "show", &late])).contains("RECEIPT-CLAIMS-LATE"));
    ok(&oslo.kari(&["verify"]));

    let rest = transfer(&oslo, &out.join("rest"), p, "Bergen fengsel");
    let done = oslo.import(&receipt_of(&bergen.import(&rest)));
    assert_eq!(done["folder_destroyed"], p, "{done}");
    assert!(oslo.json(&["doc", "list"]).as_array().unwrap().is_empty());
    assert_eq!(bergen.json(&["doc", "list"]).as_array().unwrap().len(), 3);
    ok(&oslo.kari(&["verify"]));
}

/// A clerk at Oslo, holding the store key, turns an ordinary copy-up to Region øst into a
/// "transfer" of a person's folder in the package's row. Region øst files the copy and
/// answers with a genuine receipt; Oslo refuses it, byte for byte unchanged, and the folder
/// still opens. Trusting the row, the receipt erased a folder that never left.
#[test]
fn a_copy_up_made_a_transfer_with_the_store_key_destroys_no_folder_on_its_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, ost) = oslo_and(out, "region", "Region øst");
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "RECEIPT-CLAIMS-F");
    std::fs::create_dir_all(out.join("up")).unwrap();
    let up = oslo.export(
        &out.join("up"),
        &["--kind", "copy-up", "--to", "Region øst"],
    );
    let n = raw_db(&oslo)
        .execute(
            "UPDATE packages_out SET kind = 'transfer', person_id = ?1 WHERE kind = 'copy-up'",
            [p],
        )
        .unwrap();
    assert_eq!(n, 1);
    let receipt = receipt_of(&ost.import(&up));
    refused_and_folder_kept(&oslo, &receipt, "the store key", 1);
}

/// A clerk at Bergen, holding the store key, writes records of receipts that name nothing
/// stored ("Oslo's document, version 1, is here as 1999/00001") or another person's document.
/// Oslo transfers a folder holding those documents. Bergen files it all the same, the receipt names where, and after
/// the receipt both units hold it once. Trusting the record, Bergen filed nothing, its
/// receipt said filed, and Oslo destroyed the only copy.
#[test]
fn a_record_of_receipt_naming_nothing_stored_does_not_pass_for_a_filed_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, bergen, p) = moving(out);
    let sent: Vec<String> = oslo
        .json(&["doc", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["journal_number"].as_str().unwrap().to_owned())
        .collect();
    // The first names nothing; the second, another person's document stored here.
    let other = bergen.person("Annen Person");
    let theirs = bergen.doc(other, "FORTROLIG", "Annet", "RECEIPT-CLAIMS-OTHER");
    let db = raw_db(&bergen);
    for (local, jno) in ["1999/00001".to_owned(), theirs].iter().zip(&sent) {
        db.execute(
            "INSERT INTO documents_in (journal_number, version, sender, sender_journal_number,
                                       sender_version, package_id)
             VALUES (?1, 1, 'Oslo fengsel', ?2, 1, 'planted')",
            rusqlite::params![local, jno],
        )
        .unwrap();
    }
    drop(db);
    let v = bergen.kari(&["verify"]);
    expect(&v, 5, &[]);
    assert!(
        stdout(&v).contains("names nothing stored"),
        "{}",
        stdout(&v)
    );
    let moved = transfer(&oslo, &out.join("moved"), p, "Bergen fengsel");
    let r = bergen.import(&moved);
    for d in r["documents"].as_array().unwrap() {
        assert_eq!(d["already"], false, "{r}");
    }
    oslo.import(&receipt_of(&r));
    let list = bergen.json(&[
        "doc",
        "list",
        "--person",
        &r["documents"][0]["person_id"].to_string(),
    ]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    for d in list.as_array().unwrap() {
        ok(&bergen.kari(&["doc", "show", d["journal_number"].as_str().unwrap()]));
    }
    ok(&bergen.kari(&["verify"]));
}

/// R13, R29: a transfer moves a folder between prisons, or a region's documents to another
/// region. KSF keeps its copies for ten years, and a transfer from it (or to a unit of
/// another level) would destroy on its receipt what no rule lets go: both are refused.
#[test]
fn a_transfer_goes_between_units_of_one_level_and_never_from_ksf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, ksf) = oslo_and(out, "ksf", "KSF");
    for (from, to) in [(&oslo, "KSF"), (&ksf, "Oslo fengsel")] {
        let p = from.person("Navn Navnesen");
        consulted(from, p, to);
        let r = from.kari(&[
            "package",
            "export",
            "--kind",
            "transfer",
            "--to",
            to,
            "--person",
            &p.to_string(),
            "--out",
            out.to_str().unwrap(),
        ]);
        expect(&r, 2, &["KSF keeps its copies for ten years"]);
    }
}

/// Oslo copies a FORTROLIG document up to Region øst, then raises it to STRENGT FORTROLIG
/// (a new version; at Oslo the older one moves under the S key) and copies that up too. At
/// the region every version of it is under the S key as well, whichever package it imports
/// first: a FORTROLIG reader there, who holds only the F key, opens no copy of contents now
/// graded STRENGT FORTROLIG. Filing the new version alone, the region's first version stayed
/// under the F key; imported out of order, the older version arrived under the F key.
#[test]
fn a_document_raised_at_its_sender_leaves_no_older_version_under_the_f_key_at_the_receiver() {
    for out_of_order in [false, true] {
        let tiers = regraded_at_the_sender(&["STRENGT_FORTROLIG"], out_of_order);
        assert_eq!(tiers, ["S", "S"], "out of order: {out_of_order}");
    }
}

/// The same document raised and then lowered again at Oslo (v1 F, v2 S, v3 F), its three
/// packages imported at the region in either order: what goes under the S key is decided by
/// Oslo's order of versions, not by the order they arrived in. Ordered by arrival, the
/// lowered v3, filed first, went under the S key when v2 came, and FORTROLIG readers lost it.
#[test]
fn a_version_lowered_again_after_a_raise_stays_under_the_f_key_whatever_the_order() {
    for out_of_order in [false, true] {
        let tiers = regraded_at_the_sender(&["STRENGT_FORTROLIG", "FORTROLIG"], out_of_order);
        assert_eq!(tiers, ["S", "S", "F"], "out of order: {out_of_order}");
    }
}

/// Oslo writes a FORTROLIG document, then regrades it to each of `gradings` in turn (each a
/// new version), copying each version up to Region øst; the region imports the packages in
/// order or in reverse. Returns the key tier of each of the region's versions, in Oslo's
/// order of versions, after checking that each opens there and that `verify` passes.
fn regraded_at_the_sender(gradings: &[&str], out_of_order: bool) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, ost) = oslo_and(out, "region", "Region øst");
    let p = oslo.person("Navn Navnesen");
    let j = oslo.doc(p, "FORTROLIG", "Observasjon", "RECEIPT-CLAIMS-RAISED");
    let mut sent = Vec::new();
    for step in 0..=gradings.len() {
        if let Some(g) = step.checked_sub(1).map(|i| gradings[i]) {
            ok(&oslo.kari(&["doc", "regrade", &j, "--grading", g]));
        }
        let to_dir = out.join(format!("step{step}"));
        std::fs::create_dir_all(&to_dir).unwrap();
        let to = ["--kind", "copy-up", "--to", "Region øst"];
        sent.push(oslo.export(&to_dir, &to));
    }
    if out_of_order {
        sent.reverse();
    }
    for up in &sent {
        ost.import_and_answer(up, &oslo);
    }
    let tiers: Vec<(i64, String)> = raw_db(&ost)
        .prepare(
            "SELECT i.sender_version, d.key_tier FROM documents d JOIN documents_in i
               ON i.journal_number = d.journal_number AND i.version = d.version
             ORDER BY i.sender_version",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let shown = ost.json(&["doc", "list"]);
    let jno = shown[0]["journal_number"].as_str().unwrap().to_owned();
    for v in 1..=sent.len() {
        let s = ost.kari(&["doc", "show", &format!("{jno}@{v}")]);
        ok(&s);
        assert!(stdout(&s).contains("RECEIPT-CLAIMS-RAISED"));
    }
    ok(&ost.kari(&["verify"]));
    let sender_versions: Vec<i64> = tiers.iter().map(|t| t.0).collect();
    assert_eq!(sender_versions, (1..=sent.len() as i64).collect::<Vec<_>>());
    tiers.into_iter().map(|t| t.1).collect()
}

/// While a transfer travels, a document is written into the folder, and a clerk at Oslo
/// moves it into another person's folder with the store key. The receipt destroys what was
/// filed, but the log says the folder's person still has that document here, so the
/// folder's keys stay and it opens again once moved back. Trusting the folder column, its
/// keys went and it was lost unseen.
#[test]
fn a_document_moved_out_of_a_travelling_folder_keeps_the_folder_keys() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, bergen, p) = moving(out);
    let q = oslo.person("Annen Person");
    oslo.doc(q, "FORTROLIG", "Annet", "RECEIPT-CLAIMS-OTHER");
    let moved = transfer(&oslo, &out.join("moved"), p, "Bergen fengsel");
    let late = oslo.doc(p, "FORTROLIG", "Hendelse", "RECEIPT-CLAIMS-LATE");
    let folder_of = |person: i64| -> i64 {
        raw_db(&oslo)
            .query_row(
                "SELECT id FROM folders WHERE person_id = ?1",
                [person],
                |r| r.get(0),
            )
            .unwrap()
    };
    let (fp, fq) = (folder_of(p), folder_of(q));
    let set_folder = |f: i64| {
        raw_db(&oslo)
            .execute(
                "UPDATE documents SET folder_id = ?1 WHERE journal_number = ?2",
                rusqlite::params![f, late],
            )
            .unwrap();
    };
    set_folder(fq);
    let done = oslo.import(&receipt_of(&bergen.import(&moved)));
    assert!(done["folder_destroyed"].is_null(), "{done}");
    assert_eq!(done["transfer_kept"], serde_json::json!([p, 1]), "{done}");
    set_folder(fp);
    assert!(stdout(&oslo.kari(&["doc", "show", &late])).contains("RECEIPT-CLAIMS-LATE"));
}

/// A clerk at Oslo makes a transfer's row read "copy-up" with no person, so that its receipt
/// would destroy nothing and the folder stay for good. The log says what was exported: the
/// receipt destroys the folder all the same.
#[test]
fn a_transfer_disguised_as_a_copy_up_with_the_store_key_still_ends_with_its_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, bergen, p) = moving(out);
    let moved = transfer(&oslo, &out.join("moved"), p, "Bergen fengsel");
    raw_db(&oslo)
        .execute(
            "UPDATE packages_out SET kind = 'copy-up', person_id = NULL WHERE kind = 'transfer'",
            [],
        )
        .unwrap();
    let done = oslo.import(&receipt_of(&bergen.import(&moved)));
    assert_eq!(done["folder_destroyed"], p, "{done}");
    assert!(oslo.json(&["doc", "list"]).as_array().unwrap().is_empty());
}

/// A clerk at Bergen holds back the receipt of a transfer and adds a record of receipt under
/// that package for a document Oslo wrote after sealing it; an officer writes the receipt
/// again (`package receipt`), which lists that document as filed. Oslo destroys only what it
/// sent in the package (its signed `send` entries): the late document stays. Trusting the
/// list alone, it was destroyed without having travelled.
#[test]
fn a_receipt_written_again_destroys_nothing_the_package_did_not_carry() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (oslo, bergen, p) = moving(out);
    let moved = transfer(&oslo, &out.join("moved"), p, "Bergen fengsel");
    let late = oslo.doc(p, "FORTROLIG", "Hendelse", "RECEIPT-CLAIMS-LATE");
    let r = bergen.import(&moved);
    let id = r["id"].as_str().unwrap().to_owned();
    let other = bergen.person("Annen Person");
    let theirs = bergen.doc(other, "FORTROLIG", "Annet", "RECEIPT-CLAIMS-OTHER");
    raw_db(&bergen)
        .execute(
            "INSERT INTO documents_in (journal_number, version, sender, sender_journal_number,
                                       sender_version, package_id)
             VALUES (?1, 1, 'Oslo fengsel', ?2, 1, ?3)",
            rusqlite::params![theirs, late, id],
        )
        .unwrap();
    let again = out.join("again");
    std::fs::create_dir_all(&again).unwrap();
    let first = receipt_of(&r);
    let receipt_id = first.file_stem().unwrap().to_str().unwrap();
    let to = again.to_str().unwrap();
    let written = bergen.json(&["package", "receipt", receipt_id, "--out", to]);
    let done = oslo.import(&PathBuf::from(written["receipt"].as_str().unwrap()));
    assert!(done["folder_destroyed"].is_null(), "{done}");
    assert!(stdout(&oslo.kari(&["doc", "show", &late])).contains("RECEIPT-CLAIMS-LATE"));
}
