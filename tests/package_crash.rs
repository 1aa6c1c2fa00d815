//! Issue 7: a package import is one transaction. An import killed with SIGKILL at any moment
//! leaves the receiving store either as it was or with the whole package filed — never half —
//! and importing the same file afterwards files it exactly once. Also: the `decision-report`
//! kind is reserved (refused on export, exit 2) until casework reports decisions.
//!
//! `INFOFLYT_KILL_POINTS` sets the number of kill points (default 6).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "packages/chain.rs"]
mod chain;
mod common;

use chain::{trust_all, Unit, KARI};
use common::{code, describe, expect, ok};
use std::time::{Duration, Instant};

const DOCS: usize = 12;

/// The documents of the receiving unit's journal received from `sender`.
fn received(u: &Unit, sender: &str) -> usize {
    u.journal()
        .iter()
        .filter(|j| {
            j["status"] == "received" && j["counterpart"].as_str().unwrap_or("").contains(sender)
        })
        .count()
}

fn verifies(u: &Unit, what: &str) {
    for out in [u.admin(&["verify"]), u.kari(&["verify"])] {
        assert_eq!(code(&out), 0, "{what}: verify fails\n{}", describe(&out));
    }
}

#[test]
fn an_import_killed_at_any_moment_files_all_or_nothing_and_a_second_import_files_it_once() {
    let points: u64 = std::env::var("INFOFLYT_KILL_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ost = Unit::new("region", "Region øst", None);
    trust_all(&[&oslo, &ost], out);
    let p = oslo.person("Navn Navnesen").to_string();
    // Documents large enough that the import takes a while to file.
    let big = out.join("big.txt");
    std::fs::write(&big, "observasjon ".repeat(40_000)).unwrap();
    for i in 0..DOCS {
        ok(&oslo.kari(&[
            "doc",
            "add",
            "--person",
            &p,
            "--grading",
            "FORTROLIG",
            "--title",
            &format!("Observasjon {i}"),
            "--source",
            "local",
            "--file",
            big.to_str().unwrap(),
        ]));
    }
    let pkg = oslo.export(out, &["--kind", "copy-up", "--to", "Region øst"]);
    // Settle what a session owes, then time one undisturbed import on a copy.
    ok(&ost.kari(&["doc", "list"]));
    let probe = Unit {
        store: ost.store.copy(),
        name: ost.name.clone(),
    };
    let t = Instant::now();
    let rcpt = probe.store.scratch().join("receipt.ifp");
    ok(&probe.kari(&[
        "package",
        "import",
        pkg.to_str().unwrap(),
        "--receipt-out",
        rcpt.to_str().unwrap(),
    ]));
    let span = t.elapsed();
    assert_eq!(received(&probe, "Oslo fengsel"), DOCS);

    let (mut none, mut all) = (0, 0);
    for i in 0..points {
        let u = Unit {
            store: ost.store.copy(),
            name: ost.name.clone(),
        };
        let rcpt = u.store.scratch().join("receipt.ifp");
        let at = span.mul_f64((i as f64 + 0.5) / points as f64);
        let mut child = u.store.spawn(
            KARI.0,
            KARI.1,
            &[
                "package",
                "import",
                pkg.to_str().unwrap(),
                "--receipt-out",
                rcpt.to_str().unwrap(),
            ],
        );
        let started = Instant::now();
        while started.elapsed() < at && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill();
        let _ = child.wait_with_output().unwrap();
        let what = format!("killed after {at:?}");
        verifies(&u, &what);
        let n = received(&u, "Oslo fengsel");
        assert!(n == 0 || n == DOCS, "{what}: {n} of {DOCS} documents filed");
        let rcpt2 = u.store.scratch().join("receipt-again.ifp");
        let again = u.kari(&[
            "package",
            "import",
            pkg.to_str().unwrap(),
            "--receipt-out",
            rcpt2.to_str().unwrap(),
        ]);
        if n == 0 {
            none += 1;
            // Nothing was committed: no receipt names an import that did not happen.
            assert!(
                !rcpt.exists(),
                "{what}: a receipt for an import that never committed"
            );
            ok(&again);
        } else {
            all += 1;
            expect(&again, 5, &["imported before"]);
        }
        assert_eq!(received(&u, "Oslo fengsel"), DOCS, "{what}: exactly once");
        verifies(&u, &what);
    }
    eprintln!("{points} kills: {none} before the commit, {all} after");
    assert!(
        none > 0,
        "no kill landed inside the import: the test proved nothing"
    );
}

#[test]
fn the_decision_report_kind_is_reserved_and_refused_on_export() {
    let dir = tempfile::tempdir().unwrap();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ksf = Unit::new("ksf", "KSF", None);
    trust_all(&[&oslo, &ksf], dir.path());
    let out = oslo.kari(&[
        "package",
        "export",
        "--kind",
        "decision-report",
        "--to",
        "KSF",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    expect(&out, 2, &["reserved"]);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "ifp"))
        .collect();
    assert!(left.is_empty(), "no package file is left behind: {left:?}");
    // Nothing was sealed, so the next package to KSF is still number 1.
    let p = oslo.export(dir.path(), &["--kind", "checkpoint", "--to", "KSF"]);
    let r = ksf.import(&p);
    assert_eq!(r["seq"], 1, "{r}");
}
