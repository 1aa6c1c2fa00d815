//! Transfer packages through the chain of command (issue 7, DESIGN.md §6), with real stores
//! driven through the binary: copy-up, processed-down, transfer with its receipt, authlist,
//! trust by fingerprint, replay and gaps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::chain;
use crate::common;

use chain::{trust_all, Unit};
use common::{expect, ok, parse_json, stdout};
use std::path::Path;

fn has(journal: &[serde_json::Value], counterpart: &str, status: &str) -> bool {
    journal
        .iter()
        .any(|j| j["counterpart"] == counterpart && j["status"] == status)
}

#[test]
fn documents_travel_up_down_and_across_the_chain_of_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ost = Unit::new("region", "Region øst", None);
    let ksf = Unit::new("ksf", "KSF", None);
    let vest = Unit::new("region", "Region vest", None);
    let bergen = Unit::new("local", "Bergen fengsel", Some("Region vest"));
    trust_all(&[&oslo, &ost, &ksf], out);
    trust_all(&[&oslo, &bergen], out);
    trust_all(&[&ost, &vest], out);

    // A document written at the prison is owed to its region and to KSF (R11).
    let p = oslo.person("Navn Navnesen");
    let jno = oslo.doc(p, "FORTROLIG", "Observasjon", "innhold fra fengselet");
    let sf = oslo.doc(p, "STRENGT_FORTROLIG", "Notat", "strengt fortrolig innhold");
    let pending = oslo.json(&["package", "pending"]);
    assert_eq!(pending["copy_up"][0]["items"].as_array().unwrap().len(), 2);
    assert_eq!(pending["copy_up"][1]["to"], "KSF");

    let up = oslo.export(out, &["--kind", "copy-up", "--to", "Region øst"]);
    assert!(up
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("oslo-fengsel-"));
    let r = ost.import_and_answer(&up, &oslo);
    assert_eq!(r["documents"].as_array().unwrap().len(), 2);
    let local = r["documents"][0]["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(has(
        &ost.journal(),
        &format!("Oslo fengsel {jno} v1"),
        "received"
    ));
    let shown = ost.kari(&["doc", "show", &local]);
    ok(&shown);
    assert!(stdout(&shown).contains("innhold fra fengselet"));
    let to_ksf = oslo.export(out, &["--kind", "copy-up", "--to", "KSF"]);
    ksf.import_and_answer(&to_ksf, &oslo);
    assert!(has(
        &ksf.journal(),
        &format!("Oslo fengsel {sf} v1"),
        "received"
    ));
    let pending = oslo.json(&["package", "pending"]);
    assert!(pending["copy_up"][0]["items"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(pending["awaiting_receipt"].as_array().unwrap().is_empty());
    // Nothing received is owed again further up.
    assert!(ost.json(&["package", "pending"])["copy_up"][0]["items"]
        .as_array()
        .unwrap()
        .is_empty());

    // KSF sends a processed ("avskallet") version down to the region (R8).
    let ksf_jno = ksf.journal()[0]["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let derived = ksf.json(&[
        "doc",
        "derive",
        &ksf_jno,
        "--title",
        "Bearbeidet",
        "--grading",
        "FORTROLIG",
        "--text",
        "avskallet versjon",
    ])["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let down = ksf.export(
        out,
        &[
            "--kind",
            "processed-down",
            "--to",
            "Region øst",
            "--doc",
            &derived,
        ],
    );
    let r = ost.import_and_answer(&down, &ksf);
    assert!(has(
        &ost.journal(),
        &format!("KSF {derived} v1"),
        "received"
    ));
    assert_eq!(
        r["documents"][0]["person_id"], 1,
        "filed into the same person's folder"
    );
    expect(
        &ost.kari(&[
            "package",
            "export",
            "--kind",
            "processed-down",
            "--to",
            "KSF",
            "--doc",
            &local,
            "--out",
            out.to_str().unwrap(),
        ]),
        2,
        &["down the chain"],
    );

    // The inmate moves to Bergen (Region vest): the folder follows after a consultation
    // (R12, R13), and Region øst's documents go to Region vest.
    let person = p.to_string();
    expect(
        &oslo.kari(&[
            "package",
            "export",
            "--kind",
            "transfer",
            "--to",
            "Bergen fengsel",
            "--person",
            &person,
            "--out",
            out.to_str().unwrap(),
        ]),
        4,
        &["prior consultation"],
    );
    ok(&oslo.kari(&[
        "consult",
        "record",
        "--person",
        &person,
        "--unit",
        "Bergen fengsel",
        "--with",
        "Kari Nordmann",
        "--at",
        "2026-01-05 10:00",
    ]));
    let moved = oslo.export(
        out,
        &[
            "--kind",
            "transfer",
            "--to",
            "Bergen fengsel",
            "--person",
            &person,
        ],
    );
    let r = bergen.import(&moved);
    assert_eq!(r["documents"].as_array().unwrap().len(), 2);
    // Not before the receipt is back.
    assert_eq!(oslo.json(&["doc", "list"]).as_array().unwrap().len(), 2);
    let receipt = Path::new(r["receipt"].as_str().unwrap()).to_owned();
    let done = oslo.import(&receipt);
    assert_eq!(done["folder_destroyed"], p);
    assert!(oslo.json(&["doc", "list"]).as_array().unwrap().is_empty());
    assert!(has(&oslo.journal(), "Bergen fengsel", "destroyed"));
    assert_folder_keys_gone(&oslo);
    ok(&oslo.kari(&["verify"]));
    ok(&oslo.kari(&["person", "show", &person]));

    let region_person = ost.json(&["person", "list"])[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    ok(&ost.kari(&[
        "consult",
        "record",
        "--person",
        &region_person,
        "--unit",
        "Region vest",
        "--with",
        "Per Hansen",
        "--at",
        "2026-01-05",
    ]));
    let moved = ost.export(
        out,
        &[
            "--kind",
            "transfer",
            "--to",
            "Region vest",
            "--person",
            &region_person,
        ],
    );
    let r = vest.import_and_answer(&moved, &ost);
    assert_eq!(
        r["documents"].as_array().unwrap().len(),
        3,
        "the prison's two and KSF's one"
    );
    assert!(has(&vest.journal(), "Region øst 2026/00001 v1", "received"));
    assert!(ost.json(&["doc", "list"]).as_array().unwrap().is_empty());
    for u in [&oslo, &ost, &ksf, &vest, &bergen] {
        ok(&u.kari(&["verify"]));
    }
}

/// No wrap, record, pin or document of the destroyed folder is left in the store.
fn assert_folder_keys_gone(u: &Unit) {
    let key =
        infoflyt::test_support::store_key(&u.store.dir, chain::KARI.0, chain::KARI.1).unwrap();
    let db = infoflyt::test_support::open_db(&u.store.dir, &key).unwrap();
    for t in [
        "folder_key_versions",
        "folder_key_wraps",
        "key_pins",
        "documents",
        "doc_chunks",
        "folders",
    ] {
        let n: i64 = db
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{t} still holds rows of the destroyed folder");
    }
}

#[test]
fn a_unit_is_trusted_only_by_the_fingerprint_read_over_the_phone() {
    let dir = tempfile::tempdir().unwrap();
    let a = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let b = Unit::new("region", "Region øst", None);
    let (card, fp) = b.card(dir.path());
    let card = card.to_str().unwrap();
    let wrong = a.card(dir.path()).1;
    expect(
        &a.admin(&["unit", "trust", card, "--fingerprint", &wrong]),
        5,
        &["not the one"],
    );
    let log = a
        .store
        .json(common::ADMIN, common::ADMIN_PASS, &["log", "list"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["outcome"] == "refused"
            && e["detail"].as_str().unwrap_or("").contains("fingerprint")));
    expect(
        &a.kari(&["unit", "trust", card, "--fingerprint", &fp]),
        4,
        &["admin"],
    );
    // Read aloud: lower case, spaces, O for 0 are all the same fingerprint.
    let spoken = fp.to_lowercase().replace('-', " ").replace('0', "o");
    ok(&a.admin(&["unit", "trust", card, "--fingerprint", &spoken]));
    let units = a.json(&["unit", "list"]);
    assert_eq!(units["trusted"][0]["unit"], "Region øst");
    assert_eq!(units["trusted"][0]["fingerprint"], fp);
    // Signed and queued for KSF like a list change (R19).
    let pending = a
        .store
        .json(common::ADMIN, common::ADMIN_PASS, &["auth", "pending"]);
    assert!(pending
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["change"]["trust"] == "Region øst"));
    let card_json = a.json(&["unit", "card"]);
    for k in [
        "unit",
        "level",
        "fingerprint",
        "age_recipient",
        "minisign_public_key",
    ] {
        assert!(card_json[k].is_string(), "{k}");
    }
}

#[test]
fn list_and_trust_changes_reach_ksf_in_an_authlist_package() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ksf = Unit::new("ksf", "KSF", None);
    trust_all(&[&oslo, &ksf], out);
    let queued = oslo
        .store
        .json(common::ADMIN, common::ADMIN_PASS, &["auth", "pending"]);
    let n = queued.as_array().unwrap().len();
    assert!(n >= 3, "two officers added and one unit trusted");
    let f = oslo.export(out, &["--kind", "authlist", "--to", "KSF"]);
    let r = ksf.import_and_answer(&f, &oslo);
    assert_eq!(r["auth_changes"], n);
    let left = oslo
        .store
        .json(common::ADMIN, common::ADMIN_PASS, &["auth", "pending"]);
    assert!(left.as_array().unwrap().is_empty());
    expect(
        &oslo.kari(&[
            "package",
            "export",
            "--kind",
            "authlist",
            "--to",
            "KSF",
            "--out",
            out.to_str().unwrap(),
        ]),
        2,
        &["no list changes"],
    );
}

#[test]
fn a_replay_is_refused_and_a_gap_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let a = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let b = Unit::new("region", "Region øst", None);
    trust_all(&[&a, &b], out);
    let first = a.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    let second = a.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    let third = a.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    b.import(&first);
    let f = first.to_str().unwrap();
    expect(
        &b.kari(&["package", "import", f]),
        5,
        &["imported before", "replay"],
    );
    // A mistyped path is not found (exit 6), a directory is not a package (exit 2).
    let missing = out.join("oslo-fengsel-2026-01-01-000009.ifp");
    for cmd in ["import", "inspect"] {
        expect(
            &b.kari(&["package", cmd, missing.to_str().unwrap()]),
            6,
            &["no package file"],
        );
        expect(
            &b.kari(&["package", cmd, out.to_str().unwrap()]),
            2,
            &["is a directory"],
        );
    }
    let r = b.json(&["package", "import", third.to_str().unwrap()]);
    assert_eq!(r["gaps"], serde_json::json!([2]));
    let late = b.json(&["package", "import", second.to_str().unwrap()]);
    assert_eq!(late["gaps"], serde_json::json!([]));
    // Inspect shows the same checks and is logged.
    let i = b.json(&["package", "inspect", f]);
    assert_eq!(i["sender"], "Oslo fengsel");
    assert_eq!(i["imported_before"], true);
    assert!(b
        .json(&["log", "list"])
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["act"] == "package-inspect"));
    let _ = parse_json;
}

#[test]
fn disclosures_are_registered_and_health_confidential_information_never_goes_to_police() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap().to_owned();
    let ksf = Unit::new("ksf", "KSF", None);
    let p = ksf.person("Navn Navnesen").to_string();
    let ok_doc = ksf.doc(p.parse().unwrap(), "FORTROLIG", "Melding", "til politiet");
    let health = ksf.json(&[
        "doc",
        "add",
        "--person",
        &p,
        "--grading",
        "FORTROLIG",
        "--title",
        "Helse",
        "--source",
        "local",
        "--health-confidential",
        "--text",
        "medisin",
    ])["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    ok(&ksf.admin(&["unit", "trust-external", "Kripos", "--recipient", key]));
    let exp = |docs: &str, basis: &[&str]| {
        let mut a = vec![
            "package",
            "export",
            "--kind",
            "external",
            "--recipient",
            "Kripos",
            "--person",
            &p,
            "--doc",
            docs,
            "--out",
            &out,
        ];
        a.extend_from_slice(basis);
        ksf.kari(&a)
    };
    expect(&exp(&ok_doc, &[]), 2, &["legal basis"]);
    expect(&exp(&health, &["--basis", "fvl-13b-5"]), 4, &["health"]);
    let log = ksf.json(&["log", "list"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["outcome"] == "refused" && e["journal_number"] == health.as_str()));
    ok(&exp(&ok_doc, &["--basis", "fvl-13b-6"]));
    expect(
        &ksf.kari(&[
            "disclosure",
            "record",
            "--oral",
            "--person",
            &p,
            "--recipient",
            "PST",
            "--doc",
            &health,
            "--basis",
            "fvl-13b-5",
            "--what",
            "sa noe",
        ]),
        4,
        &["health"],
    );
    ok(&ksf.kari(&[
        "disclosure",
        "record",
        "--oral",
        "--person",
        &p,
        "--recipient",
        "PST",
        "--basis",
        "other:straffeprosessloven § 230",
        "--what",
        "muntlig orientering",
    ]));
    ok(&ksf.kari(&[
        "disclosure",
        "record",
        "--withheld",
        "--person",
        &p,
        "--recipient",
        "Kripos",
        "--what",
        "ikke nødvendig for formålet",
    ]));
    // A numbered copy or a print for police is a disclosure too: refused without its basis
    // (nothing written, nothing logged as used), registered with it; a copy for the
    // service is no disclosure.
    let copy = |cmd: &str, file: &str, to: &str, basis: &[&str]| {
        let target = dir.path().join(file);
        let mut a = vec![
            "doc",
            cmd,
            &ok_doc,
            "--out",
            target.to_str().unwrap(),
            "--to",
            to,
            "--purpose",
            "etterforskning",
        ];
        a.extend_from_slice(basis);
        (ksf.kari(&a), target)
    };
    let used = || {
        ksf.json(&["log", "list", "--doc", &ok_doc])
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["outcome"] == "ok" && (e["act"] == "export" || e["act"] == "print"))
            .count()
    };
    for (cmd, to) in [("export", "Kripos"), ("print", "Oslo politidistrikt")] {
        let (o, f) = copy(cmd, &format!("{cmd}-no-basis"), to, &[]);
        expect(&o, 2, &["legal basis"]);
        assert!(!f.exists(), "{cmd}");
    }
    assert_eq!(used(), 0);
    let (o, _) = copy("export", "copy.txt", "Kripos", &["--basis", "fvl-13b-5"]);
    ok(&o);
    let (o, _) = copy(
        "print",
        "copy.pdf",
        "Oslo politidistrikt",
        &["--basis", "other:straffeprosessloven § 230"],
    );
    ok(&o);
    let (o, _) = copy("export", "ksf.txt", "KSF", &[]);
    ok(&o);
    assert_eq!(used(), 3);
    // Who received each copy is in the use log, as named.
    let details: Vec<String> = ksf
        .json(&["log", "list", "--doc", &ok_doc])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["outcome"] == "ok" && (e["act"] == "export" || e["act"] == "print"))
        .map(|e| e["detail"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        details,
        [
            "copy no. 1 for Kripos",
            "copy no. 2 for Oslo politidistrikt",
            "copy no. 3 for KSF"
        ],
        "{details:?}"
    );

    let reg = ksf.json(&["disclosure", "list"]);
    let kinds: Vec<&str> = reg
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["package", "oral", "withheld", "copy", "copy"]);
    assert_eq!(reg[0]["basis"], "fvl-13b-6");
    assert_eq!(reg[0]["recorded_by"], "kari");
    let v = format!("{ok_doc}@1");
    for (i, to, basis, n) in [
        (3, "Kripos", "fvl-13b-5", 1),
        (
            4,
            "Oslo politidistrikt",
            "other:straffeprosessloven § 230",
            2,
        ),
    ] {
        assert_eq!(reg[i]["recipient"], to, "{reg}");
        assert_eq!(reg[i]["basis"], basis, "{reg}");
        assert_eq!(reg[i]["documents"], serde_json::json!([v]), "{reg}");
        assert_eq!(reg[i]["what"], format!("copy no. {n}"), "{reg}");
    }

    // A name known neither as police nor as the service: no list of police names is
    // complete, so the sender says which it is. Without a word the copy is refused (exit 2,
    // nothing written); declared not police, the log says so with the copy; given a basis,
    // it is a disclosure to police, health rule included.
    let (o, f) = copy("export", "lawyer-1.txt", "advokat Hansen", &[]);
    expect(
        &o,
        2,
        &["knows neither as police nor as the correctional service"],
    );
    assert!(!f.exists());
    let (o, _) = copy(
        "export",
        "lawyer-2.txt",
        "advokat Hansen",
        &["--not-police"],
    );
    ok(&o);
    let last = ksf.json(&["log", "list", "--doc", &ok_doc]);
    let last = last.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last["detail"], "copy no. 4 for advokat Hansen (declared not police)",
        "{last}"
    );
    let target = dir.path().join("health-lawyer.txt");
    expect(
        &ksf.kari(&[
            "doc",
            "export",
            &health,
            "--out",
            target.to_str().unwrap(),
            "--to",
            "Økoteam Vest",
            "--purpose",
            "etterforskning",
            "--basis",
            "fvl-13b-5",
        ]),
        4,
        &["health"],
    );
    assert!(!target.exists());
    ok(&ksf.admin(&["verify"]));
}

/// A stock tool, or (outside CI) a note that its check is skipped.
fn tool(name: &str, arg: &str) -> bool {
    let ok = std::process::Command::new(name).arg(arg).output().is_ok();
    if !ok && std::env::var("INFOFLYT_STOCK_TOOLS").as_deref() == Ok("required") {
        panic!("the stock tool {name} is required (INFOFLYT_STOCK_TOOLS=required) but missing");
    }
    if !ok {
        eprintln!("SKIPPED: the stock tool {name} is not installed (CI installs it)");
    }
    ok
}

fn run(cmd: &mut std::process::Command) -> std::process::Output {
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{cmd:?}: {o:?}");
    o
}

#[test]
fn an_external_package_opens_with_stock_tools_only() {
    if !["age", "age-keygen", "minisign", "tar", "bagit.py"]
        .iter()
        .all(|t| tool(t, "--version"))
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ksf = Unit::new("ksf", "KSF", None);
    let p = ksf.person("Navn Navnesen");
    let jno = ksf.doc(
        p,
        "STRENGT_FORTROLIG",
        "Til Kripos",
        "opplysninger til politiet",
    );
    // Police make their own key with the stock tool and tell KSF the public half.
    let key = d.join("kripos.key");
    run(std::process::Command::new("age-keygen").arg("-o").arg(&key));
    let public = stdout(&run(std::process::Command::new("age-keygen")
        .arg("-y")
        .arg(&key)));
    ok(&ksf.admin(&[
        "unit",
        "trust-external",
        "Kripos",
        "--recipient",
        public.trim(),
    ]));
    let pubkey = d.join("unit.pub");
    ok(&ksf.kari(&["unit", "card", "--minisign-pub", pubkey.to_str().unwrap()]));
    let f = d.join("til-kripos.ifp");
    let person = p.to_string();
    ok(&ksf.kari(&[
        "package",
        "export",
        "--kind",
        "external",
        "--recipient",
        "Kripos",
        "--person",
        &person,
        "--basis",
        "fvl-13b-5",
        "--out",
        f.to_str().unwrap(),
    ]));

    // The police's side: Debian's minisign, age and tar, and PyPI's bagit.py. Nothing else.
    let v = run(std::process::Command::new("minisign")
        .arg("-Vm")
        .arg(&f)
        .arg("-p")
        .arg(&pubkey));
    assert!(stdout(&v).contains("sender:KSF\treceiver:Kripos"));
    let tarball = d.join("p.tar");
    run(std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&key)
        .arg("-o")
        .arg(&tarball)
        .arg(&f));
    // The stock tar lists a BagIt bag: its tag files and the payload under data/.
    let listing = stdout(&run(std::process::Command::new("tar")
        .arg("-tf")
        .arg(&tarball)));
    for name in [
        "/bagit.txt",
        "/bag-info.txt",
        "/manifest-sha256.txt",
        "/tagmanifest-sha256.txt",
        "/data/package.json",
        "/data/documents/000001.bin",
    ] {
        assert!(
            listing.lines().any(|l| l.ends_with(name)),
            "{name} not in the archive:\n{listing}"
        );
    }
    run(std::process::Command::new("tar")
        .arg("-xf")
        .arg(&tarball)
        .current_dir(d));
    let bag = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    run(std::process::Command::new("bagit.py")
        .arg("--validate")
        .arg(&bag));
    let doc = std::fs::read_to_string(bag.join("data/documents/000001.bin")).unwrap();
    assert_eq!(doc, "opplysninger til politiet");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bag.join("data/package.json")).unwrap()).unwrap();
    assert_eq!(json["documents"][0]["journal_number"], jno.as_str());
    assert_eq!(json["disclosure"]["basis"], "fvl-13b-5");
    assert!(
        json["persons"][0]["risks"] == "",
        "police get who, not the unit's assessment"
    );
    // A bit changed on the way is caught by the stock tool too.
    let mut data = std::fs::read(&f).unwrap();
    data[200] ^= 1;
    let g = d.join("changed.ifp");
    std::fs::write(&g, data).unwrap();
    std::fs::copy(
        d.join("til-kripos.ifp.minisig"),
        d.join("changed.ifp.minisig"),
    )
    .unwrap();
    let o = std::process::Command::new("minisign")
        .arg("-Vm")
        .arg(&g)
        .arg("-p")
        .arg(&pubkey)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let reg = ksf.json(&["disclosure", "list"]);
    assert_eq!(reg[0]["recipient"], "Kripos");
    assert_eq!(reg[0]["documents"][0], format!("{jno}@1"));
}

#[test]
fn a_lost_receipt_is_written_again_and_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let a = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let b = Unit::new("region", "Region øst", None);
    trust_all(&[&a, &b], out);
    let f = a.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    let r = b.import(&f);
    let first = std::path::PathBuf::from(r["receipt"].as_str().unwrap());
    let id = first.file_stem().unwrap().to_str().unwrap().to_owned();
    let again_dir = out.join("again");
    std::fs::create_dir(&again_dir).unwrap();
    let again = b.json(&[
        "package",
        "receipt",
        &id,
        "--out",
        again_dir.to_str().unwrap(),
    ]);
    let second = std::path::PathBuf::from(again["receipt"].as_str().unwrap());
    assert_eq!(
        second.file_name(),
        first.file_name(),
        "the same receipt, written again"
    );
    assert!(a.json(&["package", "pending"])["awaiting_receipt"][0]["id"].is_string());
    a.import(&second);
    assert!(a.json(&["package", "pending"])["awaiting_receipt"]
        .as_array()
        .unwrap()
        .is_empty());
    expect(
        &a.kari(&["package", "import", first.to_str().unwrap()]),
        5,
        &["imported before"],
    );
}

/// R12, R13: an inmate moved to another prison and later back. The first prison destroyed
/// his folder (keys first) when the receipt came back; the folder that comes back is a new
/// one, under keys of its own. The log still names the destroyed folder's key versions, and
/// they must not stand against the new folder's: the first prison files the folder again,
/// shows every document, and goes on adding to it. A document the region had sent before the
/// move, revised and sent again after it, is filed anew (under a new journal number, not the
/// destroyed one's); all three stores verify.
#[test]
fn an_inmate_moved_away_and_back_is_filed_again_where_he_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let bergen = Unit::new("local", "Bergen fengsel", Some("Region øst"));
    let region = Unit::new("region", "Region øst", None);
    trust_all(&[&oslo, &bergen, &region], out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "AWAY-AND-BACK-1");
    oslo.doc(p, "STRENGT_FORTROLIG", "Notat", "AWAY-AND-BACK-2");
    // The region learns of him (copy-up) and sends a document of its own down.
    let up = oslo.export(out, &["--kind", "copy-up", "--to", "Region øst"]);
    region.import_and_answer(&up, &oslo);
    let rp = region.json(&["person", "list"])[0]["id"].as_i64().unwrap();
    let rj = region.doc(rp, "FORTROLIG", "Vurdering", "AWAY-AND-BACK-REGION-1");
    let down = |what: &str| {
        region.export(
            &out.join(what),
            &[
                "--kind",
                "processed-down",
                "--to",
                "Oslo fengsel",
                "--doc",
                &rj,
            ],
        )
    };
    let first = oslo.import_and_answer(&down("first"), &region);
    let first_jno = first["documents"][0]["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();

    let consult = |u: &Unit, person: &str, unit: &str| {
        ok(&u.kari(&[
            "consult",
            "record",
            "--person",
            person,
            "--unit",
            unit,
            "--with",
            "Kari Nordmann",
            "--at",
            "2026-01-05 10:00",
        ]))
    };
    let move_to = |from: &Unit, person: &str, to: &str| {
        from.export(
            &out.join(format!("to-{}", to.replace(' ', "-"))),
            &["--kind", "transfer", "--to", to, "--person", person],
        )
    };
    consult(&oslo, &p.to_string(), "Bergen fengsel");
    let away = move_to(&oslo, &p.to_string(), "Bergen fengsel");
    bergen.import_and_answer(&away, &oslo);
    assert!(oslo.json(&["doc", "list"]).as_array().unwrap().is_empty());

    let there = bergen.json(&["person", "list"])[0]["id"].as_i64().unwrap();
    bergen.doc(
        there,
        "FORTROLIG",
        "Observasjon i Bergen",
        "AWAY-AND-BACK-3",
    );
    consult(&bergen, &there.to_string(), "Oslo fengsel");
    let back = move_to(&bergen, &there.to_string(), "Oslo fengsel");
    let r = oslo.import_and_answer(&back, &bergen);
    let filed = r["documents"].as_array().unwrap();
    assert_eq!(filed.len(), 4, "{r}");
    assert_eq!(
        filed[0]["person_id"], p,
        "filed under the person he was here"
    );
    for d in filed {
        ok(&oslo.kari(&["doc", "show", d["journal_number"].as_str().unwrap()]));
    }
    oslo.doc(
        p,
        "STRENGT_FORTROLIG",
        "Notat etter retur",
        "AWAY-AND-BACK-4",
    );

    // The region's document, revised, comes down again.
    ok(&region.kari(&["doc", "revise", &rj, "--text", "AWAY-AND-BACK-REGION-2"]));
    let again = oslo.import_and_answer(&down("again"), &region);
    let again_jno = again["documents"][0]["journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(
        again_jno, first_jno,
        "the destroyed number is not given again"
    );
    let shown = oslo.kari(&["doc", "show", &again_jno]);
    ok(&shown);
    assert!(stdout(&shown).contains("AWAY-AND-BACK-REGION-2"));
    let listed = oslo.json(&["doc", "list", "--person", &p.to_string()]);
    assert_eq!(listed.as_array().unwrap().len(), 6, "{listed}");
    assert!(bergen.json(&["doc", "list"]).as_array().unwrap().is_empty());
    for u in [&oslo, &bergen, &region] {
        ok(&u.kari(&["verify"]));
    }
}

/// A document sent down, revised and sent down again, is filed here as the next version of
/// the one received before, under the same journal number; a version received before is
/// not filed twice, and the revision's contents are what the new version shows.
#[test]
fn a_revised_document_sent_again_is_filed_as_its_next_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let region = Unit::new("region", "Region øst", None);
    trust_all(&[&oslo, &region], out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "REVISED-0");
    let up = oslo.export(out, &["--kind", "copy-up", "--to", "Region øst"]);
    region.import_and_answer(&up, &oslo);
    let rp = region.json(&["person", "list"])[0]["id"].as_i64().unwrap();
    let rj = region.doc(rp, "FORTROLIG", "Vurdering", "REVISED-1");
    let down = |what: &str| {
        let args = [
            "--kind",
            "processed-down",
            "--to",
            "Oslo fengsel",
            "--doc",
            &rj,
        ];
        region.export(&out.join(what), &args)
    };
    let first = oslo.import_and_answer(&down("first"), &region);
    let here = first["documents"][0]["journal_number"].clone();
    ok(&region.kari(&["doc", "revise", &rj, "--text", "REVISED-2"]));
    let again = oslo.import_and_answer(&down("again"), &region);
    let filed: Vec<_> = again["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["already"] == false)
        .collect();
    assert_eq!(filed.len(), 1, "{again}");
    assert_eq!(filed[0]["journal_number"], here, "{again}");
    assert_eq!(filed[0]["version"], 2, "{again}");
    let jno = here.as_str().unwrap();
    assert!(stdout(&oslo.kari(&["doc", "show", jno])).contains("REVISED-2"));
    let listed = oslo.json(&["doc", "list", "--person", &p.to_string()]);
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    // The same package again is a replay; a package with the same version is not filed twice.
    let third = oslo.import_and_answer(&down("third"), &region);
    assert!(
        third["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["already"] == true),
        "{third}"
    );
    ok(&oslo.kari(&["verify"]));
}
