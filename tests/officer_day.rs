//! Issue 12, the rest of "An officer's day": exports that carry their marking, grading control
//! (the originator decides a lowering; police information unverified until cleared with a
//! reason), a file passed into a pipe only with `--raw`, the man page and completions, and
//! the purpose shown in `log list`. Each test drives the real binary.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use serde_json::Value;
use std::process::Output;

const KARI: &str = "kari";
const KARI_PASS: &str = "kari passphrase for tests";
const DORA: &str = "dora";
const DORA_PASS: &str = "dora passphrase for tests";

/// A local store with kari (officer, STRENGT FORTROLIG) and dora (the same, with decision
/// authority), and one person (id 1).
struct Day(Store);

impl Day {
    fn new() -> Day {
        let s = Store::new_local();
        s.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
        ok(&s.try_add_user(
            (ADMIN, ADMIN_PASS),
            DORA,
            "officer",
            "strengt-fortrolig",
            DORA_PASS,
            &["--decision-authority"],
        ));
        ok(&s.run(
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
        ));
        Day(s)
    }

    fn kari(&self, args: &[&str]) -> Output {
        self.0.run(KARI, KARI_PASS, args)
    }

    fn dora(&self, args: &[&str]) -> Output {
        self.0.run(DORA, DORA_PASS, args)
    }

    /// `doc add` by kari of a text; returns the journal number.
    fn add_text(&self, grading: &str, source: &str, extra: &[&str]) -> String {
        let mut a = vec![
            "--json",
            "doc",
            "add",
            "--person",
            "1",
            "--grading",
            grading,
            "--title",
            "Melding",
            "--source",
            source,
            "--text",
            "opplysningene i meldingen",
        ];
        a.extend_from_slice(extra);
        let out = self.kari(&a);
        ok(&out);
        parse_json(&out)["journal_number"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `doc add --file` of `bytes`; returns the journal number.
    fn add_file(&self, bytes: &[u8]) -> String {
        let f = self.0.scratch().join("scan.bin");
        std::fs::write(&f, bytes).unwrap();
        let f = f.display().to_string();
        let out = self.kari(&[
            "--json",
            "doc",
            "add",
            "--person",
            "1",
            "--grading",
            "FORTROLIG",
            "--title",
            "Skann",
            "--source",
            "local",
            "--file",
            &f,
        ]);
        ok(&out);
        parse_json(&out)["journal_number"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn doc_json(&self, jno: &str) -> Value {
        let v = self.0.json(KARI, KARI_PASS, &["doc", "list"]);
        v.as_array()
            .unwrap()
            .iter()
            .find(|d| d["journal_number"] == jno)
            .cloned()
            .unwrap()
    }

    fn log(&self) -> Vec<Value> {
        let v = self.0.json(KARI, KARI_PASS, &["log", "list"]);
        v.as_array().unwrap().clone()
    }
}

#[test]
fn export_needs_a_purpose_and_a_recipient() {
    let d = Day::new();
    let jno = d.add_text("FORTROLIG", "local", &[]);
    let out_file = d.0.scratch().join("kopi.txt").display().to_string();
    for args in [
        vec!["doc", "export", &jno, "--out", &out_file, "--to", "KSF"],
        vec![
            "doc",
            "export",
            &jno,
            "--out",
            &out_file,
            "--purpose",
            "møte",
        ],
    ] {
        expect(&d.kari(&args), 2, &["--"]);
    }
    assert!(!std::path::Path::new(&out_file).exists());
}

#[test]
fn an_exported_text_carries_its_marking_above_and_below_and_police_text_is_never_unmarked() {
    let d = Day::new();
    let jno = d.add_text("STRENGT_FORTROLIG", "police", &[]);
    let f = d.0.scratch().join("kopi.txt");
    let fs = f.display().to_string();
    let out = d.kari(&[
        "doc",
        "export",
        &jno,
        "--out",
        &fs,
        "--to",
        "KSF",
        "--purpose",
        "overføringsmøte",
    ]);
    ok(&out);
    let text = std::fs::read_to_string(&f).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"STRENGT FORTROLIG"), "{text}");
    assert_eq!(lines.last(), Some(&"STRENGT FORTROLIG"), "{text}");
    for needle in [
        format!("Journalnr. {jno} v1 · eksemplar nr. 1"),
        "IKKE VERIFISERT".to_owned(),
        "Utlevert til: KSF · formål: overføringsmøte".to_owned(),
        "opplysningene i meldingen".to_owned(),
    ] {
        assert!(text.contains(&needle), "{needle:?} not in {text}");
    }
    // No sidecar for text: the marking is in the file.
    assert!(!d.0.scratch().join("kopi.txt.marking.txt").exists());
    let last = d
        .log()
        .into_iter()
        .rev()
        .find(|e| e["act"] == "export")
        .unwrap();
    assert_eq!(last["purpose"], "overføringsmøte", "{last}");
}

#[test]
fn an_exported_file_keeps_its_bytes_and_gets_a_marking_sidecar_made_first() {
    let d = Day::new();
    let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
    let jno = d.add_file(&bytes);
    let f = d.0.scratch().join("kopi.bin");
    let fs = f.display().to_string();
    let side = d.0.scratch().join("kopi.bin.marking.txt");
    // A sidecar already there: refused before any copy is made.
    std::fs::write(&side, "old").unwrap();
    let out = d.kari(&[
        "doc",
        "export",
        &jno,
        "--out",
        &fs,
        "--to",
        "KSF",
        "--purpose",
        "møte",
    ]);
    expect(&out, 2, &["exists"]);
    assert!(!f.exists());
    std::fs::remove_file(&side).unwrap();
    ok(&d.kari(&[
        "doc",
        "export",
        &jno,
        "--out",
        &fs,
        "--to",
        "KSF",
        "--purpose",
        "møte",
    ]));
    assert_eq!(std::fs::read(&f).unwrap(), bytes);
    let marking = std::fs::read_to_string(&side).unwrap();
    assert!(marking.starts_with("FORTROLIG\n"), "{marking}");
    assert!(marking.contains("eksemplar nr. 1"), "{marking}");
    assert!(marking.contains("kopi.bin"), "{marking}");
}

#[test]
fn a_health_confidential_document_is_not_exported_to_police() {
    let d = Day::new();
    let jno = d.add_text("FORTROLIG", "local", &["--health-confidential"]);
    let fs = d.0.scratch().join("k.txt").display().to_string();
    let out = d.kari(&[
        "doc",
        "export",
        &jno,
        "--out",
        &fs,
        "--to",
        "Kripos",
        "--purpose",
        "sak",
    ]);
    expect(&out, 4, &["health"]);
    assert!(!d.0.scratch().join("k.txt").exists());
}

#[test]
fn lowering_a_police_grading_needs_decision_authority_and_a_reason() {
    let d = Day::new();
    let jno = d.add_text("STRENGT_FORTROLIG", "kripos", &[]);
    // Without decision authority: refused, whatever the reason.
    let out = d.kari(&[
        "doc",
        "regrade",
        &jno,
        "--grading",
        "FORTROLIG",
        "--reason",
        "x y",
    ]);
    expect(&out, 4, &["originator decides"]);
    // With it but without a reason: refused, with a hint.
    let out = d.dora(&["doc", "regrade", &jno, "--grading", "FORTROLIG"]);
    expect(&out, 4, &["originator decides", "--reason"]);
    assert_eq!(d.doc_json(&jno)["grading"], "STRENGT_FORTROLIG");
    // With both: done, and the reason is in the log.
    ok(&d.dora(&[
        "doc",
        "regrade",
        &jno,
        "--grading",
        "FORTROLIG",
        "--reason",
        "Kripos samtykket",
    ]));
    assert_eq!(d.doc_json(&jno)["grading"], "FORTROLIG");
    let log = d.log();
    let refusals = log
        .iter()
        .filter(|e| e["detail"] == "regrade refused: originator decides")
        .count();
    assert_eq!(refusals, 2, "{log:?}");
    let done = log
        .iter()
        .rev()
        .find(|e| e["act"] == "regrade" && e["outcome"] == "ok")
        .unwrap();
    assert_eq!(done["user"], DORA);
    assert!(
        done["detail"]
            .as_str()
            .unwrap()
            .contains("Kripos samtykket"),
        "{done}"
    );
    // Raising is always allowed, and so is lowering the unit's own document.
    ok(&d.kari(&["doc", "regrade", &jno, "--grading", "STRENGT_FORTROLIG"]));
    let own = d.add_text("STRENGT_FORTROLIG", "local", &[]);
    ok(&d.kari(&["doc", "regrade", &own, "--grading", "FORTROLIG"]));
}

#[test]
fn police_information_is_unverified_until_cleared_with_a_reason() {
    let d = Day::new();
    let police = d.add_text("FORTROLIG", "police", &[]);
    let checked = d.add_text("FORTROLIG", "pst", &["--verified"]);
    let own = d.add_text("FORTROLIG", "local", &[]);
    assert_eq!(d.doc_json(&police)["unverified"], true);
    assert_eq!(d.doc_json(&checked)["unverified"], false);
    assert_eq!(d.doc_json(&own)["unverified"], false);
    expect(
        &d.kari(&["doc", "verified", &own, "--reason", "sjekket"]),
        2,
        &[],
    );
    ok(&d.kari(&[
        "doc",
        "verified",
        &police,
        "--reason",
        "bekreftet av politiet",
    ]));
    let v = d.doc_json(&police);
    assert_eq!(v["unverified"], false, "{v}");
    assert_eq!(v["version"], 2, "{v}");
    let e = d
        .log()
        .into_iter()
        .rev()
        .find(|e| e["act"] == "revise")
        .unwrap();
    assert_eq!(e["user"], KARI);
    assert!(
        e["detail"]
            .as_str()
            .unwrap()
            .contains("bekreftet av politiet"),
        "{e}"
    );
}

#[test]
fn a_file_goes_into_a_pipe_only_with_raw() {
    let d = Day::new();
    let bytes: Vec<u8> = vec![0, 159, 146, 150, 255, 1, 2];
    let jno = d.add_file(&bytes);
    let out = d.kari(&["doc", "show", &jno]);
    expect(&out, 2, &["--raw", "doc export"]);
    assert!(out.stdout.is_empty());
    let out = d.kari(&["doc", "show", &jno, "--raw"]);
    ok(&out);
    // Framed by its grading, the bytes in between as stored.
    let s = &out.stdout;
    assert!(s.windows(bytes.len()).any(|w| w == bytes.as_slice()));
}

#[test]
fn man_page_and_completions_are_generated_from_the_definitions() {
    let out = infoflyt(&["man"], "");
    ok(&out);
    let page = stdout(&out);
    assert!(page.contains(".TH infoflyt"), "{page}");
    assert!(page.contains("shell"), "{page}");
    let nb = infoflyt(&["--lang", "nb", "man"], "");
    ok(&nb);
    assert!(stdout(&nb).contains("register"), "{}", stdout(&nb));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("man1");
    ok(&infoflyt(&["man", "--dir", &d.display().to_string()], ""));
    assert!(d.join("infoflyt.1").is_file());
    assert!(d.join("infoflyt-doc-export.1").is_file());
    for shell in ["bash", "zsh", "fish"] {
        let out = infoflyt(&["completions", shell], "");
        ok(&out);
        assert!(stdout(&out).contains("regrade"), "{shell}");
    }
}

#[test]
fn log_list_shows_the_purpose_and_no_raw_json() {
    let d = Day::new();
    let jno = d.add_text("FORTROLIG", "local", &[]);
    ok(&d.kari(&["doc", "show", &jno, "--purpose", "vurdering av permisjon"]));
    let out = d.kari(&["log", "list"]);
    ok(&out);
    let text = stdout(&out);
    assert!(text.contains("«vurdering av permisjon»"), "{text}");
    let out = d.0.run(ADMIN, ADMIN_PASS, &["auth", "pending"]);
    ok(&out);
    let text = stdout(&out);
    assert!(!text.contains("{\""), "{text}");
}

/// Friction item: a document a region writes itself was journalled "received" unless
/// `--source local`. The source of a unit's own documents is that unit, whatever its level:
/// at a region store `--source region` is journalled as created, at a local store it is
/// received (it came from the region), and police information is received everywhere.
#[test]
fn a_units_own_documents_are_journalled_created_whatever_its_level() {
    let status_of = |s: &Store, source: &str| {
        let v = s.json(
            KARI,
            KARI_PASS,
            &[
                "doc",
                "add",
                "--person",
                "1",
                "--grading",
                "FORTROLIG",
                "--title",
                "Notat",
                "--source",
                source,
                "--verified",
                "--text",
                "Innhold.",
            ],
        );
        let jno = v["journal_number"].as_str().unwrap().to_owned();
        let rows = s.json(KARI, KARI_PASS, &["journal", "list"]);
        let row = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["journal_number"] == jno.as_str())
            .cloned()
            .unwrap();
        row["status"].as_str().unwrap().to_owned()
    };
    let region = Store::init(&InitOpts {
        level: "region",
        unit: "Region test",
        region: None,
        ..InitOpts::default()
    });
    let local = Store::new_local();
    for s in [&region, &local] {
        s.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
        ok(&s.run(
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
        ));
    }
    assert_eq!(status_of(&region, "region"), "created");
    assert_eq!(status_of(&region, "local"), "created");
    assert_eq!(status_of(&region, "kripos"), "received");
    assert_eq!(status_of(&local, "region"), "received");
    assert_eq!(status_of(&local, "local"), "created");
}
