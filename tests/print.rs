//! Issue 12, "Printing with markings": a printed document carries its grading at the top and
//! bottom of every page, the journal number, the copy number and "side x av y", and the
//! notices that apply; its text wraps across pages; it is a numbered copy in the use log.
//! The journal and use-log reports print for an inspection, and printing them is logged.
//!
//! The PDFs are read back with poppler's `pdftotext` (page by page) and rendered with
//! `pdftoppm`; without poppler-utils these tests say so and pass without checking (CI
//! installs it).

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const KARI: &str = "kari";
const KARI_PASS: &str = "kari passphrase for tests";
const OLA: &str = "ola";
const OLA_PASS: &str = "ola passphrase for tests";

/// Whether poppler's tools are here; if not, the test says why it checks nothing.
fn poppler(test: &str) -> bool {
    let have = |t: &str| Command::new(t).arg("-v").output().is_ok();
    if have("pdftotext") && have("pdftoppm") {
        return true;
    }
    eprintln!("{test}: SKIPPED — pdftotext/pdftoppm not found; install poppler-utils");
    false
}

/// Page `n` of `pdf` as text, in layout mode.
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The whole of `pdf` as text in reading order.
fn all_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Renders page `n` in grey at 40 dpi and returns (width, height, pixels), 0 = black.
fn render_gray(pdf: &Path, n: usize, dir: &Path) -> (usize, usize, Vec<u8>) {
    let prefix = dir.join(format!("render-{n}"));
    let n_s = n.to_string();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "40", "-f", &n_s, "-l", &n_s, "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm failed: {out:?}");
    let data = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = data[i + 1..].to_vec();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

/// A local store with kari (officer, strengt fortrolig) and ola (officer, fortrolig).
fn store() -> Store {
    Store::cached("print", || {
        let s = Store::new_local();
        s.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
        s.add_user(OLA, "officer", "fortrolig", OLA_PASS);
        s
    })
}

fn kari(s: &Store, args: &[&str]) -> Value {
    s.json(KARI, KARI_PASS, args)
}

fn person(s: &Store) -> String {
    let v = kari(
        s,
        &[
            "person",
            "add",
            "--name",
            "Bjørn Åsen",
            "--kind",
            "inmate",
            "--unit",
            "Ila",
        ],
    );
    v["id"].as_i64().unwrap().to_string()
}

/// Adds a document with `text` read from a file; returns its journal number.
fn add_doc(s: &Store, person: &str, grading: &str, text: &[u8], flags: &[&str]) -> String {
    let f = s.scratch().join(format!("in-{}.txt", text.len()));
    std::fs::write(&f, text).unwrap();
    let f = f.display().to_string();
    let mut a = vec![
        "doc",
        "add",
        "--person",
        person,
        "--grading",
        grading,
        "--title",
        "Melding om Bjørn Åsen – rømningsfare",
        "--source",
        "police",
        "--file",
        &f,
    ];
    a.extend_from_slice(flags);
    kari(s, &a)["journal_number"].as_str().unwrap().to_owned()
}

/// A text of many pages: numbered lines of Norwegian words, a line far too long for the
/// page, and an unbreakable token of 200 characters.
fn long_text() -> String {
    let mut t = String::new();
    for i in 0..180 {
        t.push_str(&format!(
            "linje{i:03} Bjørn Åsen ble sett i besøksrommet; ÆØÅ æøå «sitat» – tankestrek.\n"
        ));
        if i == 5 {
            t.push_str(&"ordet ".repeat(60));
            t.push('\n');
            t.push_str(&"x".repeat(200));
            t.push('\n');
        }
    }
    t
}

fn pdf_path(s: &Store, name: &str) -> PathBuf {
    s.scratch().join(name)
}

fn log_of(s: &Store, jno: &str) -> Vec<Value> {
    match kari(s, &["log", "list", "--doc", jno]) {
        Value::Array(a) => a,
        v => panic!("not an array: {v}"),
    }
}

#[test]
fn every_page_carries_grading_journal_and_copy_number_page_count_and_notices() {
    if !poppler("every_page_carries_grading…") {
        return;
    }
    let s = store();
    let p = person(&s);
    let text = long_text();
    let j = add_doc(
        &s,
        &p,
        "STRENGT_FORTROLIG",
        text.as_bytes(),
        &["--unverified", "--health-confidential"],
    );
    // One export first: prints and exports share copy numbers.
    let e = pdf_path(&s, "export.txt").display().to_string();
    kari(
        &s,
        &[
            "doc",
            "export",
            "--to",
            "KSF",
            "--purpose",
            "prøve",
            &j,
            "--out",
            &e,
        ],
    );
    let out = pdf_path(&s, "print.pdf");
    let o = out.display().to_string();
    let v = kari(
        &s,
        &[
            "doc",
            "print",
            &j,
            "--out",
            &o,
            "--purpose",
            "møte med regionen",
        ],
    );
    assert_eq!(v["copy"], 2, "{v}");
    let pages = usize::try_from(v["pages"].as_u64().unwrap()).unwrap();
    assert!(
        pages >= 3,
        "{pages} pages for {} lines",
        text.lines().count()
    );

    for n in 1..=pages {
        let t = page_text(&out, n);
        assert!(
            t.matches("STRENGT FORTROLIG").count() >= 2,
            "page {n}: the grading at top and bottom\n{t}"
        );
        let first = t.lines().find(|l| !l.trim().is_empty()).unwrap();
        let last = t.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(first.trim(), "STRENGT FORTROLIG", "page {n}: top line\n{t}");
        assert_eq!(
            last.trim(),
            "STRENGT FORTROLIG",
            "page {n}: bottom line\n{t}"
        );
        assert!(t.contains(&format!("side {n} av {pages}")), "page {n}\n{t}");
        assert!(t.contains(&format!("Journalnr. {j} v1")), "page {n}\n{t}");
        assert!(t.contains("eksemplar nr. 2"), "page {n}\n{t}");
        assert!(
            t.contains("IKKE VERIFISERT: riktigheten av opplysningene er ikke fastslått"),
            "page {n}\n{t}"
        );
        assert!(t.contains("helsepersonelloven"), "page {n}\n{t}");
    }
    let p1 = page_text(&out, 1);
    for want in [
        "Melding om Bjørn Åsen – rømningsfare",
        "møte med regionen",
        "ÆØÅ æøå «sitat»",
    ] {
        assert!(p1.contains(want), "page 1 lacks {want:?}\n{p1}");
    }

    // The whole text is there, in order, across the pages; the long line and the long token
    // are wrapped, not cut off.
    let all = all_text(&out);
    let mut at = 0;
    for i in 0..180 {
        let w = format!("linje{i:03}");
        let found = all[at..]
            .find(&w)
            .unwrap_or_else(|| panic!("{w} missing or out of order"));
        at += found;
    }
    assert_eq!(all.matches("ordet").count(), 60);
    assert_eq!(all.chars().filter(|c| *c == 'x').count(), 200);
    for n in 1..=pages {
        for l in page_text(&out, n).lines() {
            assert!(
                l.trim_end().chars().count() <= 100,
                "page {n}: line too wide: {l:?}"
            );
        }
    }

    // In the use log: one print entry with its copy number and purpose; the export before.
    let log = log_of(&s, &j);
    let prints: Vec<&Value> = log.iter().filter(|e| e["act"] == "print").collect();
    assert_eq!(prints.len(), 1, "{log:?}");
    assert_eq!(prints[0]["detail"], "copy no. 2");
    assert_eq!(prints[0]["purpose"], "møte med regionen");
    assert_eq!(prints[0]["outcome"], "ok");
    // The next copy, exported or printed, is number 3, then 4.
    let o3 = pdf_path(&s, "print3.pdf").display().to_string();
    assert_eq!(kari(&s, &["doc", "print", &j, "--out", &o3])["copy"], 3);
    let e4 = pdf_path(&s, "export4.txt").display().to_string();
    assert_eq!(
        kari(
            &s,
            &[
                "doc",
                "export",
                "--to",
                "KSF",
                "--purpose",
                "prøve",
                &j,
                "--out",
                &e4
            ]
        )["copy"],
        4
    );
}

#[test]
fn a_printed_page_renders_with_ink_in_its_markings_and_its_body() {
    if !poppler("a_printed_page_renders…") {
        return;
    }
    let s = store();
    let p = person(&s);
    let j = add_doc(&s, &p, "FORTROLIG", long_text().as_bytes(), &[]);
    let out = pdf_path(&s, "look.pdf");
    kari(
        &s,
        &["doc", "print", &j, "--out", &out.display().to_string()],
    );
    let (w, h, px) = render_gray(&out, 1, s.scratch());
    assert!(w > 200 && h > w, "A4 upright: {w}×{h}");
    let dark = |rows: std::ops::Range<usize>| {
        rows.flat_map(|y| px[y * w..(y + 1) * w].iter())
            .filter(|v| **v < 128)
            .count()
    };
    // The top marking, the body and the bottom marking all have ink. Bands in points from
    // the top of the 842-point page: the marking's baseline is 38 pt from the top and 24 pt
    // from the bottom, the header line below it 58 pt from the top, the page label above the
    // bottom marking 48 pt from the bottom.
    let band = |from_pt: usize, to_pt: usize| dark(from_pt * h / 842..to_pt * h / 842);
    assert!(band(24, 50) > 20, "no marking at the top");
    assert!(band(200, 640) > 500, "an empty body");
    assert!(band(806, 836) > 20, "no marking at the bottom");
    // And the PNG a person would look at is made.
    let png = s.scratch().join("look");
    let st = Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&out)
        .arg(&png)
        .status()
        .unwrap();
    assert!(st.success());
    let bytes = std::fs::read(png.with_extension("png")).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn binary_contents_are_refused_with_no_file_and_the_refusal_logged() {
    let s = store();
    let p = person(&s);
    let j = add_doc(
        &s,
        &p,
        "FORTROLIG",
        &[0x25, 0x50, 0xff, 0x00, 0xfe, 0x80],
        &[],
    );
    let out = pdf_path(&s, "binary.pdf");
    let r = s.run(
        KARI,
        KARI_PASS,
        &["doc", "print", &j, "--out", &out.display().to_string()],
    );
    expect(&r, 2, &["binary", "doc export"]);
    assert!(!out.exists());
    let log = log_of(&s, &j);
    let last = log.last().unwrap();
    assert_eq!(last["act"], "refused", "{log:?}");
    assert_eq!(last["detail"], "print refused: binary contents", "{log:?}");
}

#[test]
fn printing_never_overwrites_and_a_refused_reader_gets_no_file() {
    let s = store();
    let p = person(&s);
    let j = add_doc(&s, &p, "STRENGT_FORTROLIG", b"hemmelig tekst\n", &[]);
    let existing = pdf_path(&s, "taken.pdf");
    std::fs::write(&existing, b"keep me").unwrap();
    let r = s.run(
        KARI,
        KARI_PASS,
        &["doc", "print", &j, "--out", &existing.display().to_string()],
    );
    expect(&r, 2, &["never overwritten"]);
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    assert!(
        log_of(&s, &j).iter().all(|e| e["act"] != "print"),
        "nothing was printed"
    );

    // ola is cleared for FORTROLIG only.
    let out = pdf_path(&s, "ola.pdf");
    let r = s.run(
        OLA,
        OLA_PASS,
        &["doc", "print", &j, "--out", &out.display().to_string()],
    );
    expect(&r, 4, &["clearance"]);
    assert!(!out.exists());
    let last = log_of(&s, &j).pop().unwrap();
    assert_eq!(last["act"], "refused");
    assert_eq!(last["user"], OLA);
}

#[test]
fn journal_and_log_reports_print_with_headers_and_are_logged() {
    let have = poppler("journal_and_log_reports…");
    let s = store();
    let p = person(&s);
    let j = add_doc(&s, &p, "FORTROLIG", b"tekst\n", &[]);
    let year = &j[..4];

    let jp = pdf_path(&s, "journal.pdf");
    let v = kari(
        &s,
        &[
            "journal",
            "print",
            "--year",
            year,
            "--out",
            &jp.display().to_string(),
        ],
    );
    assert_eq!(v["pages"], 1, "{v}");
    let lp = pdf_path(&s, "user.pdf");
    kari(
        &s,
        &[
            "log",
            "report",
            "--user",
            KARI,
            "--pdf",
            &lp.display().to_string(),
        ],
    );
    let dp = pdf_path(&s, "doc.pdf");
    kari(
        &s,
        &[
            "log",
            "report",
            "--doc",
            &j,
            "--pdf",
            &dp.display().to_string(),
        ],
    );

    let log = match kari(&s, &["log", "list", "--user", KARI]) {
        Value::Array(a) => a,
        v => panic!("{v}"),
    };
    let acts: Vec<&str> = log.iter().map(|e| e["act"].as_str().unwrap()).collect();
    assert!(acts.contains(&"journal-print"), "{acts:?}");
    assert_eq!(acts.iter().filter(|a| **a == "log-report-print").count(), 2);

    let r = s.run(
        KARI,
        KARI_PASS,
        &[
            "journal",
            "print",
            "--year",
            "12",
            "--out",
            &pdf_path(&s, "y.pdf").display().to_string(),
        ],
    );
    expect(&r, 2, &["year"]);
    let r = s.run(
        KARI,
        KARI_PASS,
        &[
            "log",
            "report",
            "--pdf",
            &pdf_path(&s, "n.pdf").display().to_string(),
        ],
    );
    expect(&r, 2, &["--user"]);

    if !have {
        return;
    }
    let t = page_text(&jp, 1);
    let title = format!("INFOFLYT-journal {year}");
    for want in [
        title.as_str(),
        "Enhet: Test fengsel",
        "av kari",
        "side 1 av 1",
        "UNNTATT OFFENTLIGHET",
        j.as_str(),
        "mottatt",
        "politiet",
    ] {
        assert!(t.contains(want), "journal lacks {want:?}\n{t}");
    }
    let t = page_text(&lp, 1);
    for want in [
        "Brukslogg: hva kari har brukt",
        "side 1 av 1",
        "journal-print",
        &j,
        "create",
    ] {
        assert!(t.contains(want), "user report lacks {want:?}\n{t}");
    }
    let t = page_text(&dp, 1);
    let title = format!("Brukslogg: hvem som har brukt {j}");
    for want in [title.as_str(), "create", "kari"] {
        assert!(t.contains(want), "document report lacks {want:?}\n{t}");
    }
}

/// Paper leaves the register like an export does: a print for police of information learnt as
/// an assistant to health personnel is refused (R26) and logged, with no file; a print for the
/// service, and a print for police of any other document, is made.
#[test]
fn a_health_confidential_document_is_never_printed_for_police() {
    let s = store();
    let p = person(&s);
    let health = add_doc(
        &s,
        &p,
        "FORTROLIG",
        b"observert under medisinutdeling",
        &["--health-confidential"],
    );
    let plain = add_doc(&s, &p, "FORTROLIG", b"vanlig melding", &[]);
    let print = |j: &str, to: Option<&str>, name: &str| {
        let out = pdf_path(&s, name);
        let o = out.display().to_string();
        let mut a = vec!["doc", "print", j, "--out", &o];
        if let Some(to) = to {
            a.extend(["--to", to]);
            // Paper for police is a disclosure and carries its legal basis (R25).
            if to != "KSF" {
                a.extend(["--basis", "fvl-13b-5"]);
            }
        }
        (s.run(KARI, KARI_PASS, &a), out)
    };
    for (i, to) in ["Kripos", "PST", "Oslo politidistrikt"]
        .into_iter()
        .enumerate()
    {
        let (r, f) = print(&health, Some(to), &format!("h-{i}.pdf"));
        expect(&r, 4, &["health confidentiality"]);
        assert!(!f.exists(), "a file was written for {to}");
    }
    for (to, name) in [(None, "h-own.pdf"), (Some("KSF"), "h-ksf.pdf")] {
        let (r, f) = print(&health, to, name);
        ok(&r);
        assert!(f.exists(), "{to:?}");
    }
    let (r, f) = print(&plain, Some("Kripos"), "p-kripos.pdf");
    ok(&r);
    assert!(f.exists());
    let log = log_of(&s, &health);
    let refused = log.iter().filter(|e| e["act"] == "refused").count();
    let printed: Vec<_> = log.iter().filter(|e| e["act"] == "print").collect();
    assert_eq!(refused, 3, "{log:?}");
    assert_eq!(printed.len(), 2, "{log:?}");
    assert!(
        printed[1]["detail"]
            .as_str()
            .unwrap()
            .contains("copy no. 2"),
        "refusals take no copy number: {log:?}"
    );
}

/// A print that cannot be written (the file size limit stands in for a full disk) is logged
/// as a failed copy after the entry that took its number, and no file is left.
#[test]
fn a_print_that_could_not_be_written_is_logged_as_failed() {
    let s = store();
    let p = person(&s);
    let mut text = String::new();
    while text.len() < 3 << 20 {
        text.push_str("Bjørn Åsen ble sett i besøksrommet sammen med to andre innsatte.\n");
    }
    let j = add_doc(&s, &p, "FORTROLIG", text.as_bytes(), &[]);
    // The WAL emptied, so the database's next writes land near its start: a limit of 1 MiB
    // leaves room for them, not for a PDF of 3 MiB of text.
    let key = infoflyt::test_support::store_key(&s.dir, KARI, KARI_PASS).unwrap();
    infoflyt::test_support::open_db(&s.dir, &key)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let out = pdf_path(&s, "big.pdf");
    let o = out.display().to_string();
    let args = s.args(KARI, &["doc", "print", &j, "--out", &o]);
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {} || exit 99; exec \"$0\" \"$@\"",
            (1 << 20) / 512
        ))
        .arg(bin())
        .args(&args)
        .env_remove("INFOFLYT_STORE")
        .env_remove("INFOFLYT_USER")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let r = spawn_command(sh, &lines(&[KARI_PASS]))
        .wait_with_output()
        .unwrap();
    assert_ne!(r.status.code(), Some(99), "ulimit failed");
    expect(&r, 1, &["was not written", "failed"]);
    assert!(!out.exists());
    let log = log_of(&s, &j);
    let prints: Vec<_> = log.iter().filter(|e| e["act"] == "print").collect();
    assert_eq!(prints.len(), 2, "{log:?}");
    assert_eq!(prints[0]["outcome"], "ok", "{log:?}");
    assert_eq!(prints[1]["outcome"], "failed", "{log:?}");
    assert!(
        prints[1]["detail"].as_str().unwrap().contains("copy no. 1"),
        "{log:?}"
    );
}
