//! Issue 7: a package import is one transaction. An import killed with SIGKILL at any moment
//! leaves the receiving store either as it was or with the whole package filed — never half —
//! and importing the same file afterwards files it exactly once. Also: a `decision-report`
//! package carries a decision up and its overturn back down, and is refused when replayed.
//!
//! `INFOFLYT_KILL_POINTS` sets the number of kill points (default 6).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::chain;
use crate::common;

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

/// Gives `u` an officer with decision authority, `dag`, and returns that user.
fn decider(u: &Unit) -> (&'static str, &'static str) {
    let dag = ("dag", "dag sin passfrase for tester");
    ok(&u.store.try_add_user(
        (common::ADMIN, common::ADMIN_PASS),
        dag.0,
        "officer",
        "strengt-fortrolig",
        dag.1,
        &["--decision-authority"],
    ));
    dag
}

#[test]
fn a_decision_travels_up_is_overturned_at_the_region_and_the_overturn_travels_back_down() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ost = Unit::new("region", "Region øst", None);
    trust_all(&[&oslo, &ost], dir.path());
    let (od, rd) = (decider(&oslo), decider(&ost));
    let p = oslo.person("Per Olsen");
    let j = oslo.doc(p, "FORTROLIG", "Melding", "Innhold i meldingen.");
    let assessment = "Opplysningene er ferske og bekreftet av egen observasjon; besøksforbud \
                      er nødvendig for å hindre innsmugling.";
    let ps = p.to_string();
    let d = oslo.store.json(
        od.0,
        od.1,
        &[
            "decision",
            "add",
            "--person",
            &ps,
            "--measure",
            "visit-ban",
            "--basis",
            &j,
            "--reliability",
            "verified",
            "--asked-police",
            "no",
            "--assessment",
            assessment,
        ],
    );
    let id = d["id"].as_i64().unwrap();
    // `package pending` lists the decision owed to the region.
    let pending = oslo.json(&["package", "pending"]);
    assert_eq!(
        pending["casework"][0]["kind"], "decision-report",
        "{pending}"
    );
    assert_eq!(pending["casework"][0]["to_unit"], "Region øst", "{pending}");
    // Up: one package, filed at the region under the same person match as documents.
    let up = oslo.store.json(
        od.0,
        od.1,
        &[
            "package",
            "export",
            "--kind",
            "decision-report",
            "--to",
            "Region øst",
            "--out",
            out,
        ],
    );
    let file = std::path::PathBuf::from(up["file"].as_str().unwrap());
    let r = ost
        .store
        .json(rd.0, rd.1, &["package", "import", file.to_str().unwrap()]);
    assert_eq!(r["kind"], "decision-report", "{r}");
    let rid = r["decisions"][0].as_i64().unwrap().to_string();
    assert_eq!(r["persons_registered"].as_array().unwrap().len(), 1, "{r}");
    // Sent once: nothing is owed any more, and the same package is refused as a replay.
    assert!(oslo.json(&["package", "pending"])["casework"]
        .as_array()
        .unwrap()
        .is_empty());
    let again = ost
        .store
        .run(rd.0, rd.1, &["package", "import", file.to_str().unwrap()]);
    expect(&again, 5, &["imported before"]);
    // The region reads the assessment and overturns the decision.
    let shown = ost.store.json(rd.0, rd.1, &["decision", "show", &rid]);
    assert_eq!(shown["assessment"], assessment, "{shown}");
    let reason = "Grunnlaget er for tynt til besøksforbud; vurder besøkskontroll i stedet.";
    ok(&ost.store.run(
        rd.0,
        rd.1,
        &["decision", "overturn", &rid, "--reason", reason],
    ));
    // Down: the overturn in a package back to Oslo.
    let down = ost.store.json(
        rd.0,
        rd.1,
        &[
            "package",
            "export",
            "--kind",
            "decision-report",
            "--to",
            "Oslo fengsel",
            "--out",
            out,
        ],
    );
    let r = oslo.import(std::path::Path::new(down["file"].as_str().unwrap()));
    assert_eq!(r["reviews"][0], id, "{r}");
    // The deciding store shows the decision's standing and the reason.
    let v = oslo.json(&["person", "show", &ps]);
    let shown = &v["decisions"][0];
    assert_eq!(shown["id"], id, "{v}");
    assert_eq!(shown["standing"], "overturned", "{v}");
    assert_eq!(shown["reviews"][0]["reason"], reason, "{v}");
    let list = oslo.json(&["decision", "list"]);
    assert_eq!(list[0]["standing"], "overturned", "{list}");
    // Nothing left owed in either direction.
    let none = ost.store.run(
        rd.0,
        rd.1,
        &[
            "package",
            "export",
            "--kind",
            "decision-report",
            "--to",
            "Oslo fengsel",
            "--out",
            out,
        ],
    );
    expect(&none, 2, &["Oslo fengsel"]);
}
