//! Issue 9: casework — decisions on the information, their review up the chain, KSF's
//! registration decisions and access requests (R6, R22–R24, R27, R34).
//!
//! One test per rule, named after the rule. They drive the real binary; the journey of a
//! decision between stores is driven through the library API the transfer module will call
//! (`casework::chain`), since packages are not built yet.
//!
//! Users of the local store made here: `boss` (admin), `kari` (officer, strengt-fortrolig,
//! decision authority), `ola` (officer, fortrolig, no decision authority), `dag` (officer,
//! fortrolig, decision authority) and `kim` (clerical, fortrolig).

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use infoflyt::casework::record::DecisionRecord;
use infoflyt::crypto::sign::SigningKey;
use infoflyt::crypto::Passphrase;
use infoflyt::identity::{self, Session};
use infoflyt::store::StorePaths;
use infoflyt::test_support;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const KARI: &str = "kari";
const KARI_PASS: &str = "kari passphrase for tests";
const OLA: &str = "ola";
const OLA_PASS: &str = "ola passphrase for tests";
const DAG: &str = "dag";
const DAG_PASS: &str = "dag passphrase for tests";
const KIM: &str = "kim";
const KIM_PASS: &str = "kim passphrase for tests";
/// The region's officer, and KSF's.
const RITA: &str = "rita";
const RITA_PASS: &str = "rita passphrase for tests";

fn pass_of(user: &str) -> &'static str {
    match user {
        KARI => KARI_PASS,
        OLA => OLA_PASS,
        DAG => DAG_PASS,
        KIM => KIM_PASS,
        RITA => RITA_PASS,
        ADMIN => ADMIN_PASS,
        other => panic!("no passphrase known for {other}"),
    }
}

/// A proper assessment (R34): content, reliability, age, police asked, why the measure.
const ASSESSMENT: &str = "Opplysningene fra Kripos er tre måneder gamle og ikke bekreftet, men \
     beskriver en konkret plan om rømning under fremstilling; politiet er bedt om å utdype.";

/// A reason long enough for an overturn.
const OVERTURN_REASON: &str =
    "Grunnlaget er for tynt til besøksforbud; vurder besøkskontroll i stedet.";

fn days_ago(n: u64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Days::new(n)).to_string()
}

/// A store with its users, run through the binary.
struct Case {
    store: Store,
    /// The unit's name, as its card gives it.
    unit: String,
}

impl Case {
    /// A local store with the five users above.
    fn local() -> Case {
        Case {
            store: Store::cached("casework local", Case::build_local),
            unit: "Test fengsel".into(),
        }
    }

    fn build_local() -> Store {
        let store = Store::new_local();
        let add = |name, clearance, pass, authority: bool| {
            let extra: &[&str] = if authority {
                &["--decision-authority"]
            } else {
                &[]
            };
            let out =
                store.try_add_user((ADMIN, ADMIN_PASS), name, "officer", clearance, pass, extra);
            ok(&out);
        };
        add(KARI, "strengt-fortrolig", KARI_PASS, true);
        add(OLA, "fortrolig", OLA_PASS, false);
        add(DAG, "fortrolig", DAG_PASS, true);
        store.add_user(KIM, "clerical", "fortrolig", KIM_PASS);
        store
    }

    /// A store at `level` (region or ksf) with `rita`, an officer with decision authority.
    fn upper(level: &str, unit: &str) -> Case {
        let store = Store::cached(&format!("casework {level} {unit}"), || {
            Case::build_upper(level, unit)
        });
        Case {
            store,
            unit: unit.into(),
        }
    }

    fn build_upper(level: &str, unit: &str) -> Store {
        let store = Store::init(&InitOpts {
            level,
            unit,
            region: None,
            ..InitOpts::default()
        });
        let out = store.try_add_user(
            (ADMIN, ADMIN_PASS),
            RITA,
            "officer",
            "strengt-fortrolig",
            RITA_PASS,
            &["--decision-authority"],
        );
        ok(&out);
        store
    }

    fn dir(&self) -> &Path {
        &self.store.dir
    }

    fn run(&self, user: &str, args: &[&str]) -> Output {
        self.store.run(user, pass_of(user), args)
    }

    /// Runs with more standard input after the passphrase line.
    fn run_with_input(&self, user: &str, input: &str, args: &[&str]) -> Output {
        self.store
            .run_stdin(user, &format!("{}\n{input}", pass_of(user)), args)
    }

    #[track_caller]
    fn json(&self, user: &str, args: &[&str]) -> Value {
        self.store.json(user, pass_of(user), args)
    }

    /// Kim registers an access request about `person` from `from`, received yesterday;
    /// gives its id.
    #[track_caller]
    fn request_access(&self, person: &str, from: &str) -> i64 {
        self.json(
            KIM,
            &[
                "access",
                "request",
                "--person",
                person,
                "--from",
                from,
                "--received",
                &days_ago(1),
            ],
        )["id"]
            .as_i64()
            .unwrap()
    }

    #[track_caller]
    fn person(&self, user: &str, name: &str) -> i64 {
        let v = self.json(user, &["person", "add", "--name", name, "--kind", "inmate"]);
        v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
    }

    /// `doc add` as `user`; returns the journal number.
    #[track_caller]
    fn doc(&self, user: &str, person: i64, grading: &str, source: &str, extra: &[&str]) -> String {
        let p = person.to_string();
        let mut a = vec![
            "doc",
            "add",
            "--person",
            &p,
            "--grading",
            grading,
            "--title",
            "Melding",
            "--source",
            source,
            "--text",
            "Innhold i meldingen.",
        ];
        // Police information is unverified unless said otherwise (doc add --verified): these
        // tests say which they mean, so a police document not marked --unverified is verified.
        let police = matches!(source, "kripos" | "pst" | "police");
        if police && !extra.contains(&"--unverified") {
            a.push("--verified");
        }
        a.extend_from_slice(extra);
        let v = self.json(user, &a);
        v["journal_number"].as_str().unwrap().to_owned()
    }

    /// `decision add` as `user` with these options (the assessment given by the caller).
    fn decide(
        &self,
        user: &str,
        person: i64,
        basis: &str,
        reliability: &str,
        extra: &[&str],
    ) -> Output {
        let p = person.to_string();
        let mut a = vec![
            "--json",
            "decision",
            "add",
            "--person",
            &p,
            "--measure",
            "visit-ban",
            "--basis",
            basis,
            "--reliability",
            reliability,
            "--asked-police",
            "yes",
        ];
        a.extend_from_slice(extra);
        self.run(user, &a)
    }

    /// `decision supersede OLD` as `user`: a visit control on `basis` instead.
    fn supersede(&self, user: &str, old: i64, basis: &str) -> Output {
        let old = old.to_string();
        self.run(
            user,
            &[
                "--json",
                "decision",
                "supersede",
                &old,
                "--measure",
                "visit-control",
                "--basis",
                basis,
                "--reliability",
                "verified",
                "--asked-police",
                "no",
                "--assessment",
                ASSESSMENT,
            ],
        )
    }

    /// A proper decision as kari; returns its id.
    #[track_caller]
    fn decision(&self, person: i64, basis: &str, reliability: &str) -> i64 {
        let out = self.decide(
            KARI,
            person,
            basis,
            reliability,
            &["--assessment", ASSESSMENT],
        );
        ok(&out);
        parse_json(&out)["id"].as_i64().unwrap()
    }

    #[track_caller]
    fn log(&self) -> Vec<Value> {
        array(self.json(KARI, &["log", "list"]))
    }

    #[track_caller]
    fn decisions(&self, user: &str) -> Vec<Value> {
        array(self.json(user, &["decision", "list"]))
    }

    fn session(&self, user: &str) -> Session {
        identity::unlock(
            &StorePaths::new(self.dir()),
            user,
            &Passphrase::from(pass_of(user)),
        )
        .unwrap_or_else(|e| panic!("unlock as {user}: {e}"))
    }

    /// The database as `user` opens it with their own tools: the store key out of their
    /// own keyslot, which every account holder can take (SECURITY.md).
    fn insider_db(&self, user: &str) -> rusqlite::Connection {
        let key = test_support::store_key(self.dir(), user, pass_of(user)).unwrap();
        test_support::open_db(self.dir(), &key).unwrap()
    }

    /// This store's public unit signing key, as another store would trust it from its card.
    fn unit_key(&self, user: &str) -> [u8; 32] {
        test_support::unit_keys(&self.session(user))
            .unwrap()
            .0
            .public()
    }
}

#[track_caller]
fn array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        other => panic!("expected a JSON array, got {other}"),
    }
}

/// Asserts that the newest log entry is a refusal of `what` by `user` naming `rule`.
#[track_caller]
fn assert_last_refusal(case: &Case, what: &str, user: &str, rule: &str) -> Value {
    let log = case.log();
    // kari's own `log list` adds nothing before it reads; the newest entry is the refusal.
    let e = log
        .iter()
        .rev()
        .find(|e| e["act"] == "refused")
        .unwrap_or_else(|| panic!("no refusal in the log"))
        .clone();
    assert_eq!(e["user"], user, "{e}");
    assert_eq!(e["outcome"], "refused", "{e}");
    assert_eq!(e["detail"], format!("{what} refused: {rule}"), "{e}");
    e
}

// ---------------------------------------------------------------------------------------
// R34: the decision-maker's own assessment; reliability; age of the information.
// ---------------------------------------------------------------------------------------

#[test]
fn decision_without_assessment_is_refused_with_exit_4_and_logged() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "kripos", &[]);
    for (label, extra) in [
        ("missing", vec![]),
        ("empty", vec!["--assessment", ""]),
        ("whitespace", vec!["--assessment", "   \n  "]),
        ("very short", vec!["--assessment", "Se vedlegg."]),
        (
            "few words",
            vec![
                "--assessment",
                "Politiets_konklusjon_legges_til_grunn_uendret.",
            ],
        ),
    ] {
        let out = c.decide(KARI, p, &j, "unverified", &extra);
        expect(&out, 4, &["refused (own assessment)", "assessment"]);
        let e = assert_last_refusal(&c, "decision-add", KARI, "own assessment");
        assert_eq!(e["person_id"], p, "{label}: {e}");
    }
    // An empty file from standard input is no assessment either.
    let pp = p.to_string();
    let out = c.run_with_input(
        KARI,
        "",
        &[
            "decision",
            "add",
            "--person",
            &pp,
            "--measure",
            "visit-ban",
            "--basis",
            &j,
            "--reliability",
            "unverified",
            "--asked-police",
            "no",
            "--assessment-file",
            "-",
        ],
    );
    expect(&out, 4, &["own assessment"]);
    assert!(
        c.decisions(KARI).is_empty(),
        "a refused decision left a row"
    );
    // A proper one, from standard input, is recorded.
    let out = c.run_with_input(
        KARI,
        ASSESSMENT,
        &[
            "--json",
            "decision",
            "add",
            "--person",
            &pp,
            "--measure",
            "visit-ban",
            "--basis",
            &j,
            "--reliability",
            "unverified",
            "--asked-police",
            "no",
            "--assessment-file",
            "-",
        ],
    );
    ok(&out);
    assert_eq!(c.decisions(KARI).len(), 1);
}

#[test]
fn decision_calling_unverified_basis_verified_is_refused() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let verified = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let soft = c.doc(KARI, p, "FORTROLIG", "pst", &["--unverified"]);
    let both = format!("{verified},{soft}");
    let out = c.decide(KARI, p, &both, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 4, &["refused (reliability)", &soft, "unverified"]);
    assert_last_refusal(&c, "decision-add", KARI, "reliability");
    assert!(c.decisions(KARI).is_empty());
    // Mixed is honest; verified is fine on verified information alone.
    let out = c.decide(KARI, p, &both, "mixed", &["--assessment", ASSESSMENT]);
    ok(&out);
    let out = c.decide(
        KARI,
        p,
        &verified,
        "verified",
        &["--assessment", ASSESSMENT],
    );
    ok(&out);
}

#[test]
fn person_show_json_gives_basis_age_in_days_and_reliability() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let old = c.doc(
        KARI,
        p,
        "FORTROLIG",
        "kripos",
        &["--unverified", "--info-date", &days_ago(100)],
    );
    let new = c.doc(
        KARI,
        p,
        "STRENGT_FORTROLIG",
        "local",
        &["--info-date", &days_ago(10)],
    );
    let id = c.decision(p, &format!("{old},{new}"), "mixed");
    let v = c.json(OLA, &["person", "show", &p.to_string()]);
    let ds = array(v["decisions"].clone());
    assert_eq!(ds.len(), 1, "{v}");
    let d = &ds[0];
    assert_eq!(d["id"], id);
    assert_eq!(d["reliability"], "mixed");
    assert_eq!(d["asked_police"], true);
    assert_eq!(d["police_info"], true);
    assert_eq!(d["standing"], "in force");
    // Graded like the highest of what it rests on.
    assert_eq!(d["grading"], "STRENGT_FORTROLIG");
    let basis = array(d["basis"].clone());
    assert_eq!(basis.len(), 2);
    assert_eq!(basis[0]["journal_number"], old.as_str());
    assert_eq!(basis[0]["age_days"], 100);
    assert_eq!(basis[0]["unverified"], true);
    assert_eq!(basis[0]["info_date"], days_ago(100).as_str());
    assert_eq!(basis[1]["age_days"], 10);
    assert_eq!(basis[1]["unverified"], false);
    // The text view shows it too.
    let out = c.run(KARI, &["person", "show", &p.to_string()]);
    ok(&out);
    assert!(
        stdout(&out).contains(&format!("{old} (100 d, unverified)")),
        "{}",
        describe(&out)
    );
}

#[test]
fn decision_is_graded_signed_journaled_and_logged() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "STRENGT_FORTROLIG", "kripos", &[]);
    let id = c.decision(p, &j, "verified");
    let d = c.json(KARI, &["decision", "show", &id.to_string()]);
    assert_eq!(d["signatures"], "valid");
    assert_eq!(d["assessment"], ASSESSMENT);
    let ajno = d["decision"]["assessment_journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(d["decision"]["grading"], "STRENGT_FORTROLIG");
    // Journaled as a document of its own, at the decision's grading.
    let journal = array(c.json(KARI, &["journal", "list"]));
    let entry = journal
        .iter()
        .find(|e| e["journal_number"] == ajno.as_str())
        .unwrap();
    assert_eq!(entry["grading"], "STRENGT_FORTROLIG");
    assert_eq!(entry["status"], "created");
    // Logged: the creation and the decision, and reading the assessment is a use.
    let log = c.log();
    assert!(log
        .iter()
        .any(|e| e["act"] == "decision-add" && e["journal_number"] == ajno.as_str()));
    assert!(log
        .iter()
        .any(|e| e["act"] == "show" && e["journal_number"] == ajno.as_str()));
    // A fortrolig officer may not read it.
    expect(
        &c.run(DAG, &["decision", "show", &id.to_string()]),
        4,
        &["clearance"],
    );
    // Someone holding the store key changes the decision's row: its signature no longer holds.
    let s = c.session(KARI);
    test_support::conn(&s)
        .execute(
            "UPDATE decisions SET measure = 'transfer' WHERE id = ?1",
            [id],
        )
        .unwrap();
    drop(s);
    expect(
        &c.run(KARI, &["decision", "show", &id.to_string()]),
        5,
        &["signature"],
    );
}

#[test]
fn decision_is_never_changed_in_place_only_superseded() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let old = c.decision(p, &j, "verified");
    let sup = |user: &str| c.supersede(user, old, &j);
    let out = sup(KARI);
    ok(&out);
    let new = parse_json(&out)["id"].as_i64().unwrap();
    let d = c.json(KARI, &["decision", "list"]);
    let by_id = |id: i64| {
        array(d.clone())
            .into_iter()
            .find(|x| x["id"] == id)
            .unwrap()
    };
    assert_eq!(by_id(old)["standing"], "superseded");
    assert_eq!(by_id(old)["superseded_by"], new);
    assert_eq!(
        by_id(old)["measure"],
        "visit-ban",
        "the old decision is unchanged"
    );
    assert_eq!(by_id(new)["supersedes"], old);
    assert_eq!(by_id(new)["standing"], "in force");
    // Once superseded, not again.
    expect(&sup(KARI), 2, &["already superseded"]);
}

/// A decision changed in place behind the program's back (an account holder with the store
/// key edits its measure and reliability) no longer matches its signatures: reading it is an
/// integrity failure (exit 5), in either language, and nothing of it is shown.
#[test]
fn decision_changed_in_place_with_store_key_fails_its_signatures() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "kripos", &["--unverified"]);
    let id = c.decision(p, &j, "unverified");
    ok(&c.run(KARI, &["decision", "show", &id.to_string()]));
    let db = c.insider_db(OLA);
    let n = db
        .execute(
            "UPDATE decisions SET measure = 'transfer', reliability = 'verified' WHERE id = ?1",
            [id],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let out = c.run(KARI, &["decision", "show", &id.to_string()]);
    expect(
        &out,
        5,
        &[&format!("decision {id}"), "does not match its signatures"],
    );
    assert!(!stdout(&out).contains(ASSESSMENT), "{}", describe(&out));
    let out = c.run(KARI, &["--lang", "nb", "decision", "show", &id.to_string()]);
    expect(
        &out,
        5,
        &[&format!("vedtak {id}"), "stemmer ikke med signaturene"],
    );
}

// ---------------------------------------------------------------------------------------
// Who may decide (R21, R22) and need to know on every basis document.
// ---------------------------------------------------------------------------------------

#[test]
fn officer_without_decision_authority_is_refused() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    for (user, rule) in [(OLA, "decision authority"), (ADMIN, "role"), (KIM, "role")] {
        let out = c.decide(user, p, &j, "verified", &["--assessment", ASSESSMENT]);
        expect(&out, 4, &[&format!("refused ({rule})")]);
        assert_last_refusal(&c, "decision-add", user, rule);
    }
    assert!(c.decisions(KARI).is_empty());
}

/// R21: decision authority is part of the account's certificate, signed with the unit key,
/// so an officer who sets the column on their own row with the store key (which every account
/// holder can take from their own keyslot) gains nothing: their next unlock finds their
/// record no longer matching its certificate (exit 5), and no decision is made.
#[test]
fn officer_setting_own_decision_authority_with_store_key_cannot_decide() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let out = c.decide(OLA, p, &j, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 4, &["refused (decision authority)"]);
    // Ola opens the database with the store key from his own keyslot and grants himself
    // decision authority.
    let db = c.insider_db(OLA);
    let n = db
        .execute(
            "UPDATE users SET decision_authority = 1 WHERE name = ?1",
            [OLA],
        )
        .unwrap();
    assert_eq!(n, 1);
    let out = c.decide(OLA, p, &j, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 5, &["account record of ola"]);
    // Nor can he decide an access request with it.
    let out = c.run(
        OLA,
        &[
            "access",
            "request",
            "--person",
            &p.to_string(),
            "--from",
            "press",
            "--received",
            &days_ago(1),
        ],
    );
    expect(&out, 5, &["account record of ola"]);
    // Nothing was recorded, and no decision by him is in the log.
    let decisions: i64 = db
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(decisions, 0);
    let made: i64 = db
        .query_row(
            "SELECT count(*) FROM use_log
             WHERE user_name = ?1 AND act = 'decision-add' AND outcome = 'ok'",
            [OLA],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(made, 0);
    drop(db);
    // `verify` names the forged account.
    let out = c.store.verify();
    expect(&out, 5, &[]);
    assert!(
        stdout(&out).contains("FAIL account certificates") && stdout(&out).contains(OLA),
        "{}",
        describe(&out)
    );
}

#[test]
fn officer_who_cannot_read_a_basis_document_is_refused() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let secret = c.doc(KARI, p, "STRENGT_FORTROLIG", "pst", &[]);
    let plain = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    // dag has decision authority but only fortrolig clearance.
    let out = c.decide(
        DAG,
        p,
        &format!("{plain},{secret}"),
        "verified",
        &["--assessment", ASSESSMENT],
    );
    expect(&out, 4, &["refused (clearance)", &secret]);
    let e = assert_last_refusal(&c, "decision-add", DAG, "clearance");
    assert_eq!(e["journal_number"], secret.as_str());
    // A folder restricted to kari: dag may not decide on anything in it.
    ok(&c.run(KARI, &["folder", "restrict", &p.to_string(), "--to", KARI]));
    let out = c.decide(DAG, p, &plain, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 4, &["refused (folder restricted)"]);
    assert_last_refusal(&c, "decision-add", DAG, "folder restricted");
    // A document from another person's folder is no basis here.
    let q = c.person(KARI, "Ola Hansen");
    let other = c.doc(KARI, q, "FORTROLIG", "local", &[]);
    let out = c.decide(KARI, p, &other, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 4, &["refused (basis outside folder)"]);
    assert!(c.decisions(KARI).is_empty());
}

// ---------------------------------------------------------------------------------------
// R23, R24: up the chain for review, police information on to KSF, reviews back down.
// ---------------------------------------------------------------------------------------

/// Where packages are written: beside the store, never in it.
fn outbox(case: &Case) -> std::path::PathBuf {
    let d = case.dir().parent().unwrap().join("outbox");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The stores trust each other's unit cards, as admins do after reading the fingerprints
/// over the phone.
fn trust_each_other(cases: &[&Case]) {
    for a in cases {
        let card = outbox(a).join("unit.card");
        let fp_file = outbox(a).join("unit.fp");
        if !card.exists() {
            let v = a.json(
                officer_of(a),
                &["unit", "card", "--out", card.to_str().unwrap()],
            );
            std::fs::write(&fp_file, v["fingerprint"].as_str().unwrap()).unwrap();
        }
        let fp = std::fs::read_to_string(&fp_file).unwrap();
        for b in cases.iter().filter(|b| b.unit != a.unit) {
            ok(&b.run(
                ADMIN,
                &[
                    "unit",
                    "trust",
                    card.to_str().unwrap(),
                    "--fingerprint",
                    &fp,
                ],
            ));
        }
    }
}

/// The officer of a store made by [`Case::local`] or [`Case::upper`].
fn officer_of(case: &Case) -> &'static str {
    if case.unit == "Test fengsel" {
        KARI
    } else {
        RITA
    }
}

/// `package export --kind decision-report` from `from` (as `user`) to `to`, and
/// `package import` there (as `to_user`), through the binary; gives the import's report.
fn carry(from: &Case, user: &str, to: &Case, to_user: &str) -> Value {
    let file = export_casework(from, user, to);
    to.json(to_user, &["package", "import", file.to_str().unwrap()])
}

/// A `decision-report` package of everything `from` owes `to`, not yet imported.
fn export_casework(from: &Case, user: &str, to: &Case) -> std::path::PathBuf {
    let dir = outbox(from);
    let e = from.json(
        user,
        &[
            "package",
            "export",
            "--kind",
            "decision-report",
            "--to",
            &to.unit,
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(e["kind"], "decision-report", "{e}");
    assert_eq!(e["documents"], 0, "{e}");
    e["file"].as_str().unwrap().into()
}

/// The header and `package.json` of the package `file`, which `from` sealed for `to`,
/// opened with `to`'s unit key, every signature checked.
fn open_json(
    file: &Path,
    (from, user): (&Case, &str),
    (to, to_user): (&Case, &str),
) -> (infoflyt::transfer::PackageHeader, Value) {
    use infoflyt::transfer::seal::signature_path;
    use infoflyt::transfer::{Expected, Limits, SignedPackage};
    let (unit, _) = test_support::unit_keys(&from.session(user)).unwrap();
    let (_, receiver) = test_support::unit_keys(&to.session(to_user)).unwrap();
    let sig = std::fs::read(signature_path(file)).unwrap();
    let expected = Expected {
        sender: &from.unit,
        sender_key: &unit.public(),
        receiver: &to.unit,
    };
    let opened = SignedPackage::new(std::fs::File::open(file).unwrap(), &sig, &expected)
        .unwrap()
        .decrypt(&receiver)
        .unwrap()
        .verify_contents(&Limits::default())
        .unwrap();
    let v = serde_json::from_slice(opened.package_json()).unwrap();
    (opened.header().clone(), v)
}

/// What a rogue peer running software of its own can send: the package `file`, which
/// `from` sealed for `to`, opened (the test holds `to`'s key, as the peer holds what it
/// put in), its `package.json` changed by `edit` (given `from`'s officer and unit signing
/// keys, to sign records again), then sealed and signed again with those keys, with
/// `package.json` as its only file: `edit` must leave no document listed. Every signature
/// on it holds; only what it says is the peer's own.
fn rogue_reseal(
    file: &Path,
    (from, user): (&Case, &str),
    (to, to_user): (&Case, &str),
    edit: impl FnOnce(&mut Value, &SigningKey, &SigningKey),
) {
    use infoflyt::transfer::seal::signature_path;
    use infoflyt::transfer::PackageWriter;
    let (header, mut v) = open_json(file, (from, user), (to, to_user));
    let (unit, _) = test_support::unit_keys(&from.session(user)).unwrap();
    let (_, receiver) = test_support::unit_keys(&to.session(to_user)).unwrap();
    let (officer, _) = test_support::private_keys(from.dir(), user, pass_of(user)).unwrap();
    edit(&mut v, &officer, &unit);
    let json = serde_json::to_vec_pretty(&v).unwrap();
    let recipient = infoflyt::transfer::agekey::recipient_of(&receiver);
    let date = chrono::Utc::now().date_naive();
    let w = PackageWriter::new(
        std::fs::File::create(file).unwrap(),
        header,
        &[recipient],
        &json,
        date,
    )
    .unwrap();
    let (_, sealed) = w.finish(&unit, user, &officer).unwrap();
    std::fs::write(signature_path(file), sealed.signature.to_file()).unwrap();
}

/// Carries every decision owed to `to` in a real package; gives their ids at `to`.
fn carry_decisions(from: &Case, user: &str, to: &Case, to_user: &str) -> Vec<i64> {
    let r = carry(from, user, to, to_user);
    array(r["decisions"].clone())
        .iter()
        .map(|d| d.as_i64().unwrap())
        .collect()
}

/// Carries every review owed to `to` back down in a real package; gives how many.
fn carry_reviews(from: &Case, user: &str, to: &Case, to_user: &str) -> usize {
    array(carry(from, user, to, to_user)["reviews"].clone()).len()
}

#[test]
fn overturn_by_level_above_is_recorded_and_shown_with_reason() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    let id = local.decision(p, &j, "verified");
    let region = Case::upper("region", "Region test");
    trust_each_other(&[&local, &region]);
    let got = carry_decisions(&local, KARI, &region, RITA);
    assert_eq!(got.len(), 1);
    let rid = got[0].to_string();
    // The region reads the received decision and its assessment, and overturns it.
    let shown = region.json(RITA, &["decision", "show", &rid]);
    assert_eq!(shown["assessment"], ASSESSMENT);
    assert_eq!(shown["decision"]["origin"], "received");
    assert_eq!(shown["decision"]["unit"], "Test fengsel");
    let reason = OVERTURN_REASON;
    // Too short a reason is refused.
    expect(
        &region.run(RITA, &["decision", "overturn", &rid, "--reason", "Nei."]),
        4,
        &["refused (reason)"],
    );
    ok(&region.run(RITA, &["decision", "overturn", &rid, "--reason", reason]));
    let d = region.json(RITA, &["decision", "list"]);
    assert_eq!(d[0]["standing"], "overturned", "{d}");
    // The overturn travels back down; the deciding store shows the standing and the reason.
    assert_eq!(carry_reviews(&region, RITA, &local, KARI), 1);
    let v = local.json(KARI, &["person", "show", &p.to_string()]);
    let d = &v["decisions"][0];
    assert_eq!(d["id"], id);
    assert_eq!(d["standing"], "overturned", "{v}");
    assert_eq!(d["reviews"][0]["verdict"], "overturn");
    assert_eq!(d["reviews"][0]["reason"], reason);
    assert_eq!(d["reviews"][0]["unit"], "Region test");
    let out = local.run(KARI, &["decision", "show", &id.to_string()]);
    ok(&out);
    assert!(
        stdout(&out).contains(&format!("OVERTURNED by {RITA} (Region test)")),
        "{}",
        describe(&out)
    );
    assert!(stdout(&out).contains(reason));
    // Nothing is owed any more at either end.
    assert!(array(local.json(KARI, &["decision", "pending"])).is_empty());
    assert!(array(region.json(RITA, &["decision", "pending"])).is_empty());
}

/// The `casework` check of `verify` as a program reads it: whether it passed, and what it
/// says.
fn casework_check(case: &Case, user: &str) -> (bool, String) {
    let out = case.run(user, &["--json", "verify"]);
    // A failed verify prints its report, then the error as a second document.
    let v: Value = serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("no report: {}", describe(&out)));
    let c = v["checks"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["check"] == "casework"))
        .unwrap_or_else(|| panic!("no casework check: {v}"))
        .clone();
    let passed = c["ok"] == true;
    // The whole verdict (and exit code 5) follows a failed check.
    assert_eq!(
        v["ok"] == true,
        passed && out.status.code() == Some(0),
        "{v}"
    );
    if !passed {
        expect(&out, 5, &[]);
    }
    (passed, c["detail"].as_str().unwrap_or_default().to_owned())
}

/// R21, R23: casework rows are metadata under the store key, protected only by their
/// signatures. `verify` checks every one of them at both ends of a review (a decision made
/// here and one received, a review made here and one received) and names each record an
/// insider changed with the store key, not only the first: a verdict turned round, a reason
/// rewritten, a decision's maker swapped, a received decision put under another unit key.
#[test]
fn verify_names_every_casework_record_changed_with_store_key() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    let id = local.decision(p, &j, "verified");
    let region = Case::upper("region", "Region test");
    trust_each_other(&[&local, &region]);
    let rid = carry_decisions(&local, KARI, &region, RITA)[0];
    let reason = OVERTURN_REASON;
    ok(&region.run(
        RITA,
        &["decision", "overturn", &rid.to_string(), "--reason", reason],
    ));
    assert_eq!(carry_reviews(&region, RITA, &local, KARI), 1);
    // Untouched, both stores pass, and say what they counted.
    let (passed, detail) = casework_check(&local, KARI);
    assert!(passed, "{detail}");
    assert!(detail.starts_with("1 decision(s)"), "{detail}");
    assert!(detail.contains("1 review(s)"), "{detail}");
    let (passed, detail) = casework_check(&region, RITA);
    assert!(passed, "{detail}");

    // At the region: its own review's reason rewritten, and the received decision recorded
    // under a key the deciding prison never had.
    let db = region.insider_db(RITA);
    let n = db
        .execute(
            "UPDATE decision_reviews SET reason = 'Vedtaket var godt begrunnet og står ved lag.'
             WHERE origin = 'own'",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    let n = db
        .execute(
            "UPDATE decisions SET unit_key = randomblob(32) WHERE id = ?1",
            [rid],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let (passed, detail) = casework_check(&region, RITA);
    assert!(!passed);
    assert!(
        detail.contains("review 1 does not match its signatures"),
        "{detail}"
    );
    assert!(
        detail.contains(&format!(
            "decision {rid} is recorded under a key Test fengsel has never been trusted under"
        )),
        "{detail}"
    );

    // At the prison: the received overturn turned into an upholding, and its own decision
    // put in another officer's name.
    let db = local.insider_db(KARI);
    let n = db
        .execute(
            "UPDATE decision_reviews SET verdict = 'uphold' WHERE origin = 'received'",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    let n = db
        .execute(
            "UPDATE decisions SET decided_by = ?1 WHERE id = ?2",
            rusqlite::params![DAG, id],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let (passed, detail) = casework_check(&local, KARI);
    assert!(!passed);
    assert!(
        detail.contains("review 1 does not match its signatures"),
        "{detail}"
    );
    assert!(
        detail.contains(&format!(
            "decision {id} is not signed by the certified key of an officer with decision authority"
        )),
        "{detail}"
    );
}

/// R22, R23: a decision's signatures cover its assessment, which `verify` cannot open, so a
/// decision or review deleted, added or changed with the store key was passed by `verify` as
/// long as the rows that were left checked. Every decision and review is logged by the
/// officer who took or received it; `verify` now holds the rows against those entries and
/// names a deleted decision, a fabricated one, one re-dated out of a report's period, one
/// put in another decider's name (key and all), a deleted overturn, and an added review.
#[test]
fn verify_names_a_decision_or_review_deleted_added_or_changed_against_the_log() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let q = local.person(KARI, "Pål Hansen");
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    let jq = local.doc(KARI, q, "FORTROLIG", "local", &[]);
    let first = local.decision(p, &j, "verified");
    let other = local.decision(q, &jq, "verified");
    let out = local.supersede(KARI, first, &j);
    ok(&out);
    let second = parse_json(&out)["id"].as_i64().unwrap();
    let region = Case::upper("region", "Region test");
    trust_each_other(&[&local, &region]);
    let got = carry_decisions(&local, KARI, &region, RITA);
    assert_eq!(got.len(), 3);
    let reason = OVERTURN_REASON;
    // The region overturns the first decision (the one the second supersedes) and upholds
    // the other person's.
    let listed = array(region.json(RITA, &["decision", "list"]));
    let superseded = listed
        .iter()
        .find_map(|d| d["supersedes"].as_i64())
        .unwrap();
    for rid in got.iter().filter(|r| {
        listed
            .iter()
            .any(|d| d["id"] == **r && d["supersedes"].is_null())
    }) {
        let id = rid.to_string();
        if *rid == superseded {
            ok(&region.run(RITA, &["decision", "overturn", &id, "--reason", reason]));
        } else {
            ok(&region.run(RITA, &["decision", "uphold", &id]));
        }
    }
    assert_eq!(carry_reviews(&region, RITA, &local, KARI), 2);
    // Untouched, both pass: nothing here is named by the check against the log.
    for (c, u) in [(&local, KARI), (&region, RITA)] {
        let (passed, detail) = casework_check(c, u);
        assert!(passed, "{detail}");
    }

    // A clerk at the prison, with the store key out of his own keyslot.
    let db = local.insider_db(KIM);
    let overturned: i64 = db
        .query_row(
            "SELECT decision_id FROM decision_reviews WHERE verdict = 'overturn'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(overturned, first);
    let dag_key: Vec<u8> = db
        .query_row(
            "SELECT sign_public FROM users WHERE name = ?1",
            [DAG],
            |r| r.get(0),
        )
        .unwrap();
    for sql in [
        // The other person's decision, gone with everything hanging on it.
        "DELETE FROM casework_outbox WHERE decision_id = ?1",
        "DELETE FROM decision_reviews WHERE decision_id = ?1",
        "DELETE FROM decision_basis WHERE decision_id = ?1",
        "DELETE FROM decisions WHERE id = ?1",
    ] {
        db.execute(sql, [other]).unwrap();
    }
    // The overturn deleted: the first decision shows "in force" again.
    db.execute(
        "DELETE FROM decision_reviews WHERE verdict = 'overturn'",
        [],
    )
    .unwrap();
    // The first decision put in dag's name, key and all (dag has decision authority, so
    // the row's own check passes); the second re-dated out of this year's report.
    db.execute(
        "UPDATE decisions SET decided_by = ?1, decider_key = ?2 WHERE id = ?3",
        rusqlite::params![DAG, dag_key, first],
    )
    .unwrap();
    db.execute(
        "UPDATE decisions SET decided_at = '2019-01-01T10:00:00Z' WHERE id = ?1",
        [second],
    )
    .unwrap();
    // A decision nobody took: a copy of the first under a fresh uid.
    db.execute(
        "INSERT INTO decisions (id, uid, origin, unit, level, person_id, subject_ref, subject_name,
           subject_born, measure, reliability, asked_police, police_info, grading, decided_at,
           decided_by, decider_key, supersedes, signature, unit_key, unit_signature,
           assessment_jno, recorded_at)
         SELECT 99, randomblob(16), origin, unit, level, person_id, subject_ref, subject_name,
           subject_born, measure, reliability, asked_police, police_info, grading, decided_at,
           decided_by, decider_key, NULL, signature, unit_key, unit_signature,
           assessment_jno, recorded_at FROM decisions WHERE id = ?1",
        [first],
    )
    .unwrap();
    drop(db);
    let (passed, detail) = casework_check(&local, KARI);
    assert!(!passed);
    for named in [
        "records a decision or review that is gone from the store".to_owned(),
        format!("more reviews (overturn) of decision {first} than the store holds"),
        format!("decision {first} is not what the use log records of it"),
        format!("decision {second} is not what the use log records of it"),
        "decision 99 was neither taken nor received here".to_owned(),
    ] {
        assert!(detail.contains(&named), "{named}: {detail}");
    }
    // The review the prison received of the other decision went with it; not named twice.
    assert!(!detail.contains("reviews (uphold)"), "{detail}");

    // At the region, a second upholding added by copying the first.
    let db = region.insider_db(RITA);
    let n = db
        .execute(
            "INSERT INTO decision_reviews (uid, origin, decision_id, verdict, reason, unit, level,
               reviewed_at, reviewed_by, reviewer_key, signature, unit_key, unit_signature,
               recorded_at)
             SELECT randomblob(16), origin, decision_id, verdict, reason, unit, level,
               reviewed_at, reviewed_by, reviewer_key, signature, unit_key, unit_signature,
               recorded_at FROM decision_reviews WHERE verdict = 'uphold'",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    // And the overturn taken out of what the region owes the prison.
    let n = db
        .execute(
            "DELETE FROM casework_outbox WHERE review_id IN
               (SELECT id FROM decision_reviews WHERE verdict = 'overturn')",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let (passed, detail) = casework_check(&region, RITA);
    assert!(!passed);
    assert!(
        detail.contains("more reviews (uphold) of decision"),
        "{detail}"
    );
    assert!(detail.contains("is owed back to Test fengsel"), "{detail}");
    assert!(detail.contains("than the use log records"), "{detail}");
}

/// The person a decision is listed under is a column, outside its signatures: moved to
/// another person with the store key, the decision fell off the first person's page and
/// showed, "signatures valid", on the other's. `decision show` now refuses it (exit 5), and
/// `verify` names it against the log.
#[test]
fn a_decision_moved_to_another_person_with_the_store_key_is_refused_and_named() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let q = c.person(KARI, "Pål Hansen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let id = c.decision(p, &j, "verified");
    ok(&c.run(KARI, &["decision", "show", &id.to_string()]));
    let db = c.insider_db(KIM);
    db.execute(
        "UPDATE decisions SET person_id = ?1 WHERE id = ?2",
        rusqlite::params![q, id],
    )
    .unwrap();
    drop(db);
    let out = c.run(KARI, &["decision", "show", &id.to_string()]);
    expect(&out, 5, &["listed under another person"]);
    let (passed, detail) = casework_check(&c, KARI);
    assert!(!passed);
    assert!(
        detail.contains(&format!("decision {id} is not what the use log records")),
        "{detail}"
    );
}

/// A review row planted with the store key (an overturn nobody signed, "from the region")
/// decided the standing every list and report showed. Only a review that holds under its
/// signatures counts now; `verify` names the planted one.
#[test]
fn a_planted_overturn_changes_no_standing_a_list_shows() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let id = c.decision(p, &j, "verified");
    let db = c.insider_db(KIM);
    db.execute(
        "INSERT INTO decision_reviews (uid, origin, decision_id, verdict, reason, unit, level,
           reviewed_at, reviewed_by, reviewer_key, signature, unit_key, unit_signature,
           recorded_at)
         VALUES (randomblob(16), 'received', ?1, 'overturn',
           'Vedtaket oppheves fordi grunnlaget er for tynt.', 'Region test', 'region',
           '2026-06-01T10:00:00Z', 'rita', zeroblob(32), zeroblob(64), zeroblob(32),
           zeroblob(64), '2026-06-01T10:00:00Z')",
        [id],
    )
    .unwrap();
    drop(db);
    let listed = array(c.json(KARI, &["decision", "list"]));
    assert_eq!(listed[0]["standing"], "in force", "{listed:?}");
    assert!(array(listed[0]["reviews"].clone()).is_empty());
    let shown = c.json(KARI, &["person", "show", &p.to_string()]);
    assert_eq!(shown["decisions"][0]["standing"], "in force", "{shown}");
    let (passed, detail) = casework_check(&c, KARI);
    assert!(!passed);
    assert!(detail.contains("review 1"), "{detail}");
}

/// R22, R23: a decision's assessment is part of the signed decision. `doc revise` of it,
/// by any officer who could read it, left the decision failing its signatures for good and
/// blocked every report of it; lowering its grading needed no reason, so a FORTROLIG reader
/// could be given a STRENGT FORTROLIG decision's assessment. Revising is refused, and
/// lowering is for an officer with decision authority, with a reason.
#[test]
fn a_decisions_assessment_is_neither_revised_nor_lowered_without_authority_and_a_reason() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "STRENGT_FORTROLIG", "local", &[]);
    let id = c.decision(p, &j, "verified");
    let shown = c.json(KARI, &["decision", "show", &id.to_string()]);
    let a = shown["decision"]["assessment_journal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = c.run(KARI, &["doc", "revise", &a, "--text", "Noe annet."]);
    expect(&out, 4, &["never changed in place"]);
    let out = c.run(KARI, &["doc", "regrade", &a, "--grading", "FORTROLIG"]);
    expect(&out, 4, &["give the reason"]);
    // Still whole: its signatures hold, and its grading is the decision's.
    let shown = c.json(KARI, &["decision", "show", &id.to_string()]);
    assert_eq!(shown["signatures"], "valid", "{shown}");
    let out = c.run(
        KARI,
        &[
            "doc",
            "regrade",
            &a,
            "--grading",
            "FORTROLIG",
            "--reason",
            "Vedtaket er nedgradert etter ny vurdering.",
        ],
    );
    ok(&out);
}

/// R23, R24: what is owed up the chain is a queue of rows. A decision taken out of it with
/// the store key never went up for review, one re-addressed went to another unit, and one
/// marked sent showed as sent; `verify` said nothing. It now names each.
#[test]
fn a_decision_taken_out_of_the_queue_or_marked_sent_with_the_store_key_is_named() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let gone = c.decision(p, &j, "verified");
    let moved = c.decision(p, &j, "verified");
    let marked = c.decision(p, &j, "verified");
    let (passed, detail) = casework_check(&c, KARI);
    assert!(passed, "{detail}");
    let db = c.insider_db(KIM);
    db.execute("DELETE FROM casework_outbox WHERE decision_id = ?1", [gone])
        .unwrap();
    db.execute(
        "UPDATE casework_outbox SET to_unit = 'Region vest' WHERE decision_id = ?1",
        [moved],
    )
    .unwrap();
    db.execute(
        "UPDATE casework_outbox SET sent_at = '2026-06-01T10:00:00Z',
           package = 'test-fengsel-2026-06-01-1' WHERE decision_id = ?1",
        [marked],
    )
    .unwrap();
    // And the sending "logged": in kim's own name (a clerk sends no casework) and in kari's
    // name, chained and signed with kim's key. Neither is an officer's checked entry.
    let (kim_key, _) = test_support::private_keys(c.dir(), KIM, pass_of(KIM)).unwrap();
    let sid: Vec<u8> = db
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    let sent = format!("decision-report {marked} in test-fengsel-2026-06-01-1");
    for name in [KIM, KARI] {
        crate::attacks_insider::append_entry(
            &db,
            &sid,
            &kim_key,
            name,
            "casework-sent",
            Some(p),
            &sent,
        );
    }
    drop(db);
    assert_eq!(array(c.json(KARI, &["decision", "pending"])).len(), 1);
    let (passed, detail) = casework_check(&c, KARI);
    assert!(!passed);
    for named in [
        format!("decision {gone} is owed to Region test for review"),
        format!("decision {moved} is owed to Region test for review"),
        "is marked sent in package test-fengsel-2026-06-01-1, which the use log does not record"
            .to_owned(),
    ] {
        assert!(detail.contains(&named), "{named}: {detail}");
    }
    assert!(
        !detail.contains(&format!("decision {marked} is owed")),
        "{detail}"
    );
}

/// An officer's leaving rolls the unit keys over. A decision or review made here before it
/// was checked against the new unit key only: the decision no longer opened, the review
/// dropped out of the standing lists show, and `verify` named both. They are checked
/// against every key this unit has had.
#[test]
fn decisions_and_reviews_made_before_a_unit_key_rollover_still_hold() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    let id = local.decision(p, &j, "verified");
    let region = Case::upper("region", "Region test");
    trust_each_other(&[&local, &region]);
    let rid = carry_decisions(&local, KARI, &region, RITA)[0];
    let reason = OVERTURN_REASON;
    ok(&region.run(
        RITA,
        &["decision", "overturn", &rid.to_string(), "--reason", reason],
    ));
    // A second officer at the region, who leaves; so does ola at the prison.
    region.store.add_user(
        "tor",
        "officer",
        "fortrolig",
        "tor passphrase for the tests 9",
    );
    ok(&region.run(ADMIN, &["user", "disable", "tor"]));
    ok(&local.run(ADMIN, &["user", "disable", OLA]));
    ok(&local.run(KARI, &["decision", "show", &id.to_string()]));
    let listed = array(region.json(RITA, &["decision", "list"]));
    assert_eq!(listed[0]["standing"], "overturned", "{listed:?}");
    for (c, u) in [(&local, KARI), (&region, RITA)] {
        let (passed, detail) = casework_check(c, u);
        assert!(passed, "{detail}");
    }
}

#[test]
fn only_the_level_directly_above_reviews_a_decision() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "kripos", &[]);
    let id = local.decision(p, &j, "verified");
    // Not the deciding unit itself: it supersedes instead.
    let out = local.run(KARI, &["decision", "uphold", &id.to_string()]);
    expect(&out, 4, &["refused (level above)", "supersede"]);
    assert_last_refusal(&local, "decision-review", KARI, "level above");
    // KSF receives a local decision on police information (through the region), but the
    // review is the region's.
    let region = Case::upper("region", "Region test");
    let ksf = Case::upper("ksf", "KSF");
    trust_each_other(&[&local, &region, &ksf]);
    carry_decisions(&local, KARI, &region, RITA);
    let got = carry_decisions(&region, RITA, &ksf, RITA);
    let out = ksf.run(
        RITA,
        &[
            "decision",
            "overturn",
            &got[0].to_string(),
            "--reason",
            "Et grunnlag som ikke holder.",
        ],
    );
    expect(&out, 4, &["refused (level above)"]);
}

#[test]
fn decision_on_police_information_is_owed_to_ksf_through_the_region() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let police = local.doc(KARI, p, "FORTROLIG", "kripos", &["--unverified"]);
    let own = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    local.decision(p, &police, "unverified");
    local.decision(p, &own, "verified");
    // Every decision goes to the region for review; the police one is marked for KSF.
    let pending = array(local.json(KARI, &["decision", "pending"]));
    assert_eq!(pending.len(), 2, "{pending:?}");
    for o in &pending {
        assert_eq!(o["kind"], "decision-report");
        assert_eq!(o["to_level"], "region");
        assert_eq!(o["to_unit"], "Region test");
    }
    assert_eq!(
        pending
            .iter()
            .filter(|o| o["why"].as_str().unwrap().contains("KSF"))
            .count(),
        1
    );
    let out = local.run(KARI, &["decision", "pending"]);
    ok(&out);
    assert!(
        stdout(&out).contains("Region test (region)"),
        "{}",
        describe(&out)
    );
    // At the region, only the police one is owed on, to KSF.
    let region = Case::upper("region", "Region test");
    let ksf = Case::upper("ksf", "KSF");
    trust_each_other(&[&local, &region, &ksf]);
    assert_eq!(carry_decisions(&local, KARI, &region, RITA).len(), 2);
    let pending = array(region.json(RITA, &["decision", "pending"]));
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0]["to_level"], "ksf");
    // `package pending` lists it too.
    let p = region.json(RITA, &["package", "pending"]);
    assert_eq!(array(p["casework"].clone()).len(), 1, "{p}");
    // At KSF it is owed to Kripos. Forwarded unchanged: still signed by the local unit that
    // decided, and verified under that unit's card.
    let got = carry_decisions(&region, RITA, &ksf, RITA);
    assert_eq!(got.len(), 1);
    let d = ksf.json(RITA, &["decision", "show", &got[0].to_string()]);
    assert_eq!(d["decision"]["unit"], "Test fengsel", "{d}");
    assert!(array(region.json(RITA, &["decision", "pending"])).is_empty());
    let pending = array(ksf.json(RITA, &["decision", "pending"]));
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0]["to_level"], "police");
    assert_eq!(pending[0]["to_unit"], "kripos");
}

#[test]
fn a_forwarded_decision_is_verified_under_the_deciding_units_card_or_nothing_is_filed() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "kripos", &[]);
    local.decision(p, &j, "verified");
    let region = Case::upper("region", "Region test");
    let ksf = Case::upper("ksf", "KSF");
    trust_each_other(&[&local, &region]);
    trust_each_other(&[&region, &ksf]);
    carry_decisions(&local, KARI, &region, RITA);
    let dir = outbox(&region);
    let e = region.json(
        RITA,
        &[
            "package",
            "export",
            "--kind",
            "decision-report",
            "--to",
            "KSF",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    let file = e["file"].as_str().unwrap();
    // KSF does not trust the local unit that signed the decision: the whole import is
    // refused, and nothing of it is filed (the region's key cannot stand in for Oslo's).
    let before = ksf.json(RITA, &["journal", "list"]);
    let out = ksf.run(RITA, &["package", "import", file]);
    expect(&out, 5, &["Test fengsel", "unit trust"]);
    assert_eq!(ksf.json(RITA, &["journal", "list"]), before);
    assert!(array(ksf.json(RITA, &["decision", "list"])).is_empty());
    // Once KSF trusts the deciding unit's card, the same package files it, once.
    trust_each_other(&[&local, &ksf]);
    let r = ksf.json(RITA, &["package", "import", file]);
    assert_eq!(array(r["decisions"].clone()).len(), 1, "{r}");
    expect(
        &ksf.run(RITA, &["package", "import", file]),
        5,
        &["imported before"],
    );
}

/// R23 against a rogue peer: a region holding its own keys, running software of its own,
/// forwards a prison's decision to KSF under another person, or signs a decision of its own
/// that claims to supersede the prison's. KSF refuses both with exit 5 and files nothing: a
/// forwarded decision goes only under the person its deciding unit signed it about, and a
/// unit supersedes only its own decisions. Before, KSF filed the prison's assessment in the
/// other person's folder (and owed it to Kripos under them), and showed the prison's
/// decision as superseded.
#[test]
fn a_rogue_region_neither_files_a_forwarded_decision_under_another_person_nor_supersedes_another_units(
) {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let police = local.doc(KARI, p, "FORTROLIG", "kripos", &["--unverified"]);
    local.decision(p, &police, "unverified");
    let region = Case::upper("region", "Region test");
    let ksf = Case::upper("ksf", "KSF");
    trust_each_other(&[&local, &region, &ksf]);
    assert_eq!(carry_decisions(&local, KARI, &region, RITA).len(), 1);

    // The forward, its decision's person renamed.
    let fwd = export_casework(&region, RITA, &ksf);
    let honest = fwd.with_extension("honest.ifp");
    std::fs::copy(&fwd, &honest).unwrap();
    let sig = |f: &Path| infoflyt::transfer::seal::signature_path(f);
    std::fs::copy(sig(&fwd), sig(&honest)).unwrap();
    let mut prison_uid = [0u8; 16];
    rogue_reseal(&fwd, (&region, RITA), (&ksf, RITA), |v, _, _| {
        let rec = serde_json::to_vec(&v["casework"][0]["record"]).unwrap();
        prison_uid = DecisionRecord::from_json(&rec).unwrap().uid;
        for person in v["persons"].as_array_mut().unwrap() {
            person["name"] = "Yngve Olsen".into();
        }
    });
    let out = ksf.run(RITA, &["package", "import", fwd.to_str().unwrap()]);
    expect(&out, 5, &["signed it about another person"]);
    assert!(array(ksf.json(RITA, &["decision", "list"])).is_empty());
    assert!(array(ksf.json(RITA, &["person", "list"])).is_empty());
    // The honest forward goes in.
    let got = ksf.json(RITA, &["package", "import", honest.to_str().unwrap()]);
    assert_eq!(array(got["decisions"].clone()).len(), 1, "{got}");

    // The region's own decision about the same person, signed again to supersede the
    // prison's.
    let listed = array(region.json(RITA, &["decision", "list"]));
    let p_here = listed[0]["person_id"].as_i64().unwrap();
    let basis = region.doc(RITA, p_here, "FORTROLIG", "local", &[]);
    let out = region.decide(
        RITA,
        p_here,
        &basis,
        "verified",
        &["--assessment", ASSESSMENT],
    );
    ok(&out);
    let own = export_casework(&region, RITA, &ksf);
    rogue_reseal(&own, (&region, RITA), (&ksf, RITA), |v, officer, unit| {
        let item = &mut v["casework"][0];
        let mut rec =
            DecisionRecord::from_json(&serde_json::to_vec(&item["record"]).unwrap()).unwrap();
        assert_eq!(rec.unit, "Region test");
        rec.supersedes = Some(prison_uid);
        test_support::sign_decision(&mut rec, officer, unit);
        item["record"] = serde_json::from_slice(&rec.to_json()).unwrap();
    });
    let out = ksf.run(RITA, &["package", "import", own.to_str().unwrap()]);
    expect(&out, 5, &["claims to supersede decision"]);
    let listed = array(ksf.json(RITA, &["decision", "list"]));
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["unit"], "Test fengsel");
    assert_eq!(listed[0]["standing"], "in force");
}

/// The prison's decision about a new person, carried up to its own region (Region test),
/// which overturns it; `other` is trusted by both. Gives the region (whose directory holds
/// the package), its casework package down to the prison (not imported), and the review
/// record in it.
fn overturned_by_own_region(local: &Case, other: &Case) -> (Case, std::path::PathBuf, Vec<u8>) {
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    local.decision(p, &j, "verified");
    let region = Case::upper("region", "Region test");
    trust_each_other(&[local, &region, other]);
    let rid = carry_decisions(local, KARI, &region, RITA)[0].to_string();
    let overturn = ["decision", "overturn", &rid, "--reason", OVERTURN_REASON];
    ok(&region.run(RITA, &overturn));
    let genuine = export_casework(&region, RITA, local);
    let (_, v) = open_json(&genuine, (&region, RITA), (local, KARI));
    let review = serde_json::to_vec(&v["casework"][0]["record"]).unwrap();
    (region, genuine, review)
}

/// Makes a package's `package.json` `v` a `decision-report` that carries review `rec` alone.
fn carry_only_review(v: &mut Value, rec: &infoflyt::casework::record::ReviewRecord) {
    v["kind"] = "decision-report".into();
    v["persons"] = Value::Array(Vec::new());
    v["documents"] = Value::Array(Vec::new());
    v["casework"] = serde_json::json!([{
        "kind": "review",
        "person": null,
        "record": serde_json::from_slice::<Value>(&rec.to_json()).unwrap(),
    }]);
}

/// A review counts as the level above's only when its sender is at that level, as the
/// sender's trusted card gives it. KSF is trusted by the prison (it sends documents down),
/// knows the prison's decision (the region forwards it) and could sign a review "at region
/// level" of its own: without the check it would overturn the decision in the region's
/// place, past the region. Refused (exit 5), and the decision stands.
#[test]
fn a_review_signed_at_another_level_than_its_senders_is_refused() {
    use infoflyt::casework::record::ReviewRecord;
    let local = Case::local();
    let ksf = Case::upper("ksf", "KSF");
    let (_region, genuine, review) = overturned_by_own_region(&local, &ksf);

    // KSF's own package down to the prison, turned into casework carrying that review as
    // KSF's, signed at the region's level.
    let kp = ksf.person(RITA, "Ola Nordmann");
    let kd = ksf.doc(RITA, kp, "FORTROLIG", "local", &[]);
    let dir = outbox(&ksf);
    let down = ksf.json(
        RITA,
        &[
            "package",
            "export",
            "--kind",
            "processed-down",
            "--to",
            &local.unit,
            "--doc",
            &kd,
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    let file = Path::new(down["file"].as_str().unwrap()).to_owned();
    rogue_reseal(&file, (&ksf, RITA), (&local, KARI), |v, officer, unit| {
        let mut rec = ReviewRecord::from_json(&review).unwrap();
        assert_eq!(rec.level.as_str(), "region");
        rec.unit = "KSF".into();
        test_support::sign_review(&mut rec, officer, unit);
        carry_only_review(v, &rec);
    });
    let out = local.run(KARI, &["package", "import", file.to_str().unwrap()]);
    expect(&out, 5, &["KSF", "did not make at its level"]);
    let listed = array(local.json(KARI, &["decision", "list"]));
    assert_eq!(listed[0]["standing"], "in force", "{listed:?}");
    // The region's own review still goes in.
    assert_eq!(
        array(
            local.json(KARI, &["package", "import", genuine.to_str().unwrap()])["reviews"].clone()
        )
        .len(),
        1
    );
    let listed = array(local.json(KARI, &["decision", "list"]));
    assert_eq!(listed[0]["standing"], "overturned", "{listed:?}");
}

/// A local unit's decisions are reviewed by its own region only. Region vest is trusted by
/// the prison too (transfers cross regions), and has come by the prison's decision and the
/// own region's review of it: it signs that review as its own, at region level, and sends it
/// in a package of its own. Refused (exit 5), and the decision stands.
#[test]
fn a_review_from_a_region_that_is_not_the_units_own_is_refused() {
    use infoflyt::casework::record::ReviewRecord;
    let local = Case::local();
    let vest = Case::upper("region", "Region vest");
    let (_region, _, review) = overturned_by_own_region(&local, &vest);

    let dir = outbox(&vest);
    let cp = vest.json(
        RITA,
        &[
            "package",
            "export",
            "--kind",
            "checkpoint",
            "--to",
            &local.unit,
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    let file = Path::new(cp["file"].as_str().unwrap()).to_owned();
    rogue_reseal(&file, (&vest, RITA), (&local, KARI), |v, officer, unit| {
        let mut rec = ReviewRecord::from_json(&review).unwrap();
        rec.unit = "Region vest".into();
        test_support::sign_review(&mut rec, officer, unit);
        carry_only_review(v, &rec);
    });
    let out = local.run(KARI, &["package", "import", file.to_str().unwrap()]);
    expect(&out, 5, &["Region vest", "own region"]);
    let listed = array(local.json(KARI, &["decision", "list"]));
    assert_eq!(listed[0]["standing"], "in force", "{listed:?}");
}

/// The receiver keeps its own register and never takes a name or date of birth over from a
/// package, so a correction at the deciding unit after the person was sent must not stop its
/// decisions: the folded name or the date of birth must agree, not both. Both changed at
/// once is refused (exit 5), and the message says to correct the register here first.
#[test]
fn a_decision_about_a_person_corrected_since_still_goes_up() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let ps = p.to_string();
    let fix = |args: &[&str]| {
        let mut a = vec!["person", "correct", &ps, "--reason", "Feil i registeret"];
        a.extend_from_slice(args);
        ok(&local.run(KARI, &a));
    };
    fix(&["--born", "1980-01-01"]);
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    local.decision(p, &j, "verified");
    let region = Case::upper("region", "Region test");
    trust_each_other(&[&local, &region]);
    assert_eq!(carry_decisions(&local, KARI, &region, RITA).len(), 1);
    fix(&["--name", "Per Olsen Berg"]);
    local.decision(p, &j, "verified");
    assert_eq!(carry_decisions(&local, KARI, &region, RITA).len(), 1);
    fix(&["--name", "Peder Olsen", "--born", "1980-02-01"]);
    local.decision(p, &j, "verified");
    let file = export_casework(&local, KARI, &region);
    let out = region.run(RITA, &["package", "import", file.to_str().unwrap()]);
    expect(&out, 5, &["correct the register first"]);
}

#[test]
fn decision_resting_on_health_confidential_information_is_never_owed_to_police() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "kripos", &["--health-confidential"]);
    local.decision(p, &j, "verified");
    // Forwarded through the region, KSF receives it as police information (R24)…
    let region = Case::upper("region", "Region test");
    let ksf = Case::upper("ksf", "KSF");
    trust_each_other(&[&local, &region, &ksf]);
    carry_decisions(&local, KARI, &region, RITA);
    let got = carry_decisions(&region, RITA, &ksf, RITA);
    let d = ksf.json(RITA, &["decision", "show", &got[0].to_string()]);
    assert_eq!(d["decision"]["police_info"], true);
    assert_eq!(d["decision"]["basis"][0]["health_confidential"], true);
    // …but what was learnt as assistant to health personnel never goes to police (R26).
    assert!(array(ksf.json(RITA, &["decision", "pending"])).is_empty());
}

#[test]
fn received_records_are_verified_before_anything_is_written() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "local", &[]);
    local.decision(p, &j, "verified");
    let key = local.unit_key(KARI);
    let mut s = local.session(KARI);
    let o = s.casework_owed().unwrap()[0].id;
    let wire = s.owed_decision_record(o).unwrap().to_json().to_vec();
    drop(s);
    let region = Case::upper("region", "Region test");
    let rp = region.person(RITA, "Per Olsen");
    let before = region.json(RITA, &["journal", "list"]);
    let mut t = region.session(RITA);
    // A changed assessment, a changed measure, another unit's key: each refused (exit 5).
    let text: Value = serde_json::from_slice(&wire).unwrap();
    for (field, value) in [
        ("assessment", Value::from(format!("{ASSESSMENT} Endret."))),
        ("measure", Value::from("transfer")),
    ] {
        let mut v = text.clone();
        v[field] = value;
        let rec = DecisionRecord::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
        let e = t.receive_decision(&rec, &key, rp).unwrap_err();
        assert_eq!(e.exit_code(), 5, "{field}: {e}");
    }
    let rec = DecisionRecord::from_json(&wire).unwrap();
    let e = t
        .receive_decision(&rec, &region.unit_key(RITA), rp)
        .unwrap_err();
    assert_eq!(e.exit_code(), 5, "{e}");
    // Unknown fields and garbage are refused by the parser.
    let mut v = text.clone();
    v["extra"] = Value::from(1);
    assert!(DecisionRecord::from_json(&serde_json::to_vec(&v).unwrap()).is_err());
    assert!(DecisionRecord::from_json(b"{}").is_err());
    drop(t);
    assert_eq!(
        region.json(RITA, &["journal", "list"]),
        before,
        "a refused record wrote something"
    );
    // A local store is not above a local store.
    let other = Case::local();
    let op = other.person(KARI, "Per Olsen");
    let e = other
        .session(KARI)
        .receive_decision(&rec, &key, op)
        .unwrap_err();
    assert_eq!(e.exit_code(), 5, "{e}");
    // The genuine record goes in once, and a replay is refused.
    let mut t = region.session(RITA);
    t.receive_decision(&rec, &key, rp).unwrap();
    assert!(t.receive_decision(&rec, &key, rp).is_err());
}

// ---------------------------------------------------------------------------------------
// R6: KSF's registration decisions.
// ---------------------------------------------------------------------------------------

#[test]
fn registration_decision_is_recorded_at_ksf_only_refusals_included() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let reason = "Alvorlig og konkret informasjon om planlagt fritaking.";
    let out = local.run(
        KARI,
        &[
            "registration",
            "record",
            "--person",
            &p.to_string(),
            "--take",
            "--reason",
            reason,
        ],
    );
    expect(&out, 4, &["refused (level)", "KSF"]);
    let ksf = Case::upper("ksf", "KSF");
    let kp = ksf.person(RITA, "Per Olsen");
    let j = ksf.doc(RITA, kp, "FORTROLIG", "pst", &[]);
    let k = kp.to_string();
    ok(&ksf.run(
        RITA,
        &[
            "registration",
            "record",
            "--person",
            &k,
            "--take",
            "--reason",
            reason,
        ],
    ));
    ok(&ksf.run(
        RITA,
        &[
            "registration",
            "record",
            "--person",
            &k,
            "--doc",
            &j,
            "--refuse",
            "--reason",
            "Løst rykte uten konkret innhold; ikke av en art som skal registreres.",
        ],
    ));
    expect(
        &ksf.run(
            RITA,
            &[
                "registration",
                "record",
                "--person",
                &k,
                "--take",
                "--reason",
                "Ja",
            ],
        ),
        2,
        &["reason"],
    );
    let rs = array(ksf.json(RITA, &["registration", "list"]));
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[0]["outcome"], "take");
    assert_eq!(rs[0]["reason"], reason);
    assert_eq!(rs[1]["outcome"], "refuse");
    assert_eq!(rs[1]["journal_number"], j.as_str());
    // KSF records registrations; it does not decide measures (R22).
    let out = ksf.decide(RITA, kp, &j, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 4, &["refused (level)"]);
    let (passed, detail) = casework_check(&ksf, RITA);
    assert!(passed, "{detail}");
    assert!(
        detail.contains("2 registration decision(s) whose signatures hold"),
        "{detail}"
    );
    // A refusal turned into a yes with the store key fails its signature: the list refuses
    // to show it (exit 5), and `verify` names it.
    let db = ksf.insider_db(RITA);
    let n = db
        .execute("UPDATE registrations SET outcome = 'take' WHERE id = 2", [])
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    expect(
        &ksf.run(RITA, &["registration", "list"]),
        5,
        &["registration decision 2 does not match its signature"],
    );
    let (passed, detail) = casework_check(&ksf, RITA);
    assert!(!passed);
    assert!(
        detail.contains("registration decision 2 does not match its signature"),
        "{detail}"
    );
}

// ---------------------------------------------------------------------------------------
// R27: access requests.
// ---------------------------------------------------------------------------------------

#[test]
fn every_access_request_ends_with_recorded_decision_and_ground() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &[]);
    let ps = p.to_string();
    // The front office registers it.
    let v = c.json(
        KIM,
        &[
            "access",
            "request",
            "--person",
            &ps,
            "--from",
            "press",
            "--received",
            &days_ago(5),
            "--docs",
            &j,
        ],
    );
    let id = v["id"].as_i64().unwrap();
    let open = array(c.json(KARI, &["access", "list"]));
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["age_days"], 5);
    assert_eq!(open[0]["docs"][0], j.as_str());
    assert!(open[0]["outcome"].is_null());
    // The grounds that fit the press, as data.
    let gs = array(c.json(KARI, &["access", "grounds", "--from", "press"]));
    assert!(gs
        .iter()
        .all(|g| g["ground"].is_string() && g["text"].is_string()));
    assert!(gs.iter().any(|g| g["ground"] == "offl-24-3"));
    assert!(!gs.iter().any(|g| g["ground"] == "strgjfl-7c"));
    let lawyer = array(c.json(KARI, &["access", "grounds", "--from", "lawyer"]));
    assert!(lawyer.iter().any(|g| g["ground"] == "fvl-19-1c"));
    // A ground for another requester, or no authority, is refused; nothing is recorded.
    let ids = id.to_string();
    expect(
        &c.run(
            KARI,
            &[
                "access",
                "decide",
                &ids,
                "--refuse",
                "--ground",
                "strgjfl-7c",
            ],
        ),
        2,
        &["not a ground", "access grounds", "press"],
    );
    expect(
        &c.run(
            OLA,
            &[
                "access",
                "decide",
                &ids,
                "--refuse",
                "--ground",
                "offl-24-3",
            ],
        ),
        4,
        &["decision authority"],
    );
    ok(&c.run(
        KARI,
        &[
            "access",
            "decide",
            &ids,
            "--refuse",
            "--ground",
            "offl-24-3",
        ],
    ));
    assert!(array(c.json(KARI, &["access", "list"])).is_empty());
    let all = array(c.json(KARI, &["access", "list", "--all"]));
    assert_eq!(all[0]["outcome"], "refuse");
    assert_eq!(all[0]["ground"], "offl-24-3");
    assert_eq!(all[0]["decided_by"], KARI);
    assert_eq!(all[0]["received"], days_ago(5).as_str());
    assert!(all[0]["decided_at"].is_string());
    // Decided once.
    expect(
        &c.run(
            KARI,
            &["access", "decide", &ids, "--grant", "--ground", "offl-3"],
        ),
        2,
        &["already decided"],
    );
    let log = c.log();
    assert!(log.iter().any(|e| e["act"] == "access-request"));
    assert!(log.iter().any(|e| e["act"] == "access-decide"
        && e["detail"] == format!("request {id}: refuse (offl-24-3)")));
}

#[test]
fn ombud_request_cannot_be_refused_on_ordinary_grounds() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen").to_string();
    let request = |from: &str| c.request_access(&p, from).to_string();
    let ombud = request("ombud");
    for g in ["offl-13", "strgjfl-7c", "ombud-demand"] {
        let out = c.run(
            KARI,
            &["access", "decide", &ombud, "--refuse", "--ground", g],
        );
        expect(
            &out,
            4,
            &["refused (ombud or court demand)", "cannot be refused"],
        );
        assert_last_refusal(&c, "access-decide", KARI, "ombud or court demand");
    }
    let out = c.run(KARI, &["access", "grounds", "--from", "ombud"]);
    ok(&out);
    assert!(stdout(&out).contains("cannot be refused"));
    ok(&c.run(
        KARI,
        &[
            "access",
            "decide",
            &ombud,
            "--grant",
            "--ground",
            "ombud-demand",
        ],
    ));
    // A court's demand: likewise, or handled by the court's own process.
    let court = request("court");
    expect(
        &c.run(
            KARI,
            &[
                "access", "decide", &court, "--refuse", "--ground", "offl-21",
            ],
        ),
        4,
        &["ombud or court demand"],
    );
    ok(&c.run(
        KARI,
        &[
            "access",
            "decide",
            &court,
            "--court-process",
            "--ground",
            "court-process",
        ],
    ));
    let all = array(c.json(KARI, &["access", "list", "--all"]));
    assert_eq!(
        all.iter()
            .map(|r| r["outcome"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["grant", "court-process"]
    );
    let (passed, detail) = casework_check(&c, KARI);
    assert!(passed, "{detail}");
    assert!(
        detail.contains("2 access request(s) as the use log records them"),
        "{detail}"
    );
}

/// R27: an access request is not a signed record, but its registration and its decision are
/// signed use-log entries. A clerk holding the store key turns the Ombud's open demand into a
/// press request, so that an officer may refuse it, and rewrites a granted request as refused:
/// the decision is refused as an integrity failure (exit 5) and nothing is recorded, and
/// `verify` names both requests.
#[test]
fn an_access_request_changed_with_the_store_key_is_neither_decided_nor_passed_by_verify() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen").to_string();
    let request = |from: &str| c.request_access(&p, from);
    let press = request("press");
    ok(&c.run(
        KARI,
        &[
            "access",
            "decide",
            &press.to_string(),
            "--grant",
            "--ground",
            "offl-3",
        ],
    ));
    let ombud = request("ombud");
    let db = c.insider_db(KIM);
    let n = db
        .execute(
            "UPDATE access_requests SET requester = 'press' WHERE id = ?1",
            [ombud],
        )
        .unwrap();
    assert_eq!(n, 1);
    let n = db
        .execute(
            "UPDATE access_requests SET outcome = 'refuse', ground = 'offl-21' WHERE id = ?1",
            [press],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let out = c.run(
        KARI,
        &[
            "access",
            "decide",
            &ombud.to_string(),
            "--refuse",
            "--ground",
            "offl-21",
        ],
    );
    expect(
        &out,
        5,
        &[&format!(
            "access request {ombud} is not what the use log records"
        )],
    );
    let open = array(c.json(KARI, &["access", "list"]));
    assert_eq!(open.len(), 1, "{open:?}");
    assert!(open[0]["outcome"].is_null());
    // Nor does a registration entry of his own, appended after the genuine one and signed
    // with his own key, with the row made to name him as the one who registered it: the
    // first registration of the request is the one that counts.
    let (kims_key, _) = test_support::private_keys(c.dir(), KIM, KIM_PASS).unwrap();
    let db = c.insider_db(KIM);
    let store_id: Vec<u8> = db
        .query_row("SELECT store_id FROM store_meta", [], |r| r.get(0))
        .unwrap();
    crate::attacks_insider::append_entry(
        &db,
        &store_id,
        &kims_key,
        KIM,
        "access-request",
        Some(p.parse().unwrap()),
        &format!("request {ombud} from press"),
    );
    db.execute(
        "UPDATE access_requests SET registered_by = ?1 WHERE id = ?2",
        rusqlite::params![KIM, ombud],
    )
    .unwrap();
    drop(db);
    expect(
        &c.run(
            KARI,
            &[
                "access",
                "decide",
                &ombud.to_string(),
                "--refuse",
                "--ground",
                "offl-21",
            ],
        ),
        5,
        &[&format!(
            "access request {ombud} is not what the use log records"
        )],
    );
    let (passed, detail) = casework_check(&c, KARI);
    assert!(!passed);
    for id in [press, ombud] {
        assert!(
            detail.contains(&format!("access request {id} is not what the use log")),
            "{detail}"
        );
    }
}

/// A request for access deleted outright with the store key leaves no row to check: no
/// deadline and no decision owed. Its registration stays in the use log, and `verify`
/// names the request (exit 5), also when the person was deleted by hand and marked as
/// retired. A request that goes with its person at retention does not count
/// (tests/retention.rs runs `verify` after such a sweep).
///
/// Checked without the defence: with `access_requests_missing` (casework::access) giving
/// nothing, `verify` passes the store, and this test fails.
#[test]
fn an_access_request_deleted_with_the_store_key_is_named_by_verify() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen").to_string();
    let ombud = c.request_access(&p, "ombud");
    let kept = c.request_access(&p, "press");
    assert!(casework_check(&c, KARI).0);
    let db = c.insider_db(KIM);
    assert_eq!(
        db.execute("DELETE FROM access_requests WHERE id = ?1", [ombud])
            .unwrap(),
        1
    );
    drop(db);
    let open = array(c.json(KARI, &["access", "list"]));
    assert_eq!(open.len(), 1, "{open:?}");
    let (passed, detail) = casework_check(&c, KARI);
    assert!(!passed);
    assert!(
        detail.contains(&format!(
            "access request {ombud} is registered in the use log but gone from the store"
        )),
        "{detail}"
    );
    assert!(
        !detail.contains(&format!("access request {kept} ")),
        "{detail}"
    );

    // Nor can the deletion pass as retention's: a person marked removed and deleted by
    // hand, which takes the request (and the folder's keys) along, is not removed by any
    // signed destruction. `verify` names both the request and the register entry.
    let q = c.person(KARI, "Ola Olsen");
    let hidden = c.request_access(&q.to_string(), "ombud");
    let db = c.insider_db(KIM);
    db.execute(
        "INSERT INTO persons_retired (id, retired_at) VALUES (?1, '2026-01-01T00:00:00Z')",
        [q],
    )
    .unwrap();
    assert_eq!(
        db.execute("DELETE FROM persons WHERE id = ?1", [q])
            .unwrap(),
        1
    );
    drop(db);
    let (passed, detail) = casework_check(&c, KARI);
    assert!(!passed);
    assert!(
        detail.contains(&format!(
            "access request {hidden} is registered in the use log but gone from the store"
        )),
        "{detail}"
    );
    let v = c.run(KARI, &["verify"]);
    assert!(
        stdout(&v).contains(&format!(
            "register entry {q} is marked as removed, but no signed destruction"
        )),
        "{}",
        describe(&v)
    );
}

#[test]
fn dates_in_the_future_are_refused() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen").to_string();
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
    expect(
        &c.run(
            KIM,
            &[
                "access",
                "request",
                "--person",
                &p,
                "--from",
                "public",
                "--received",
                &tomorrow,
            ],
        ),
        2,
        &["future"],
    );
    expect(
        &c.run(
            KARI,
            &[
                "doc",
                "add",
                "--person",
                &p,
                "--grading",
                "FORTROLIG",
                "--title",
                "T",
                "--source",
                "local",
                "--info-date",
                &tomorrow,
                "--text",
                "x",
            ],
        ),
        2,
        &["future"],
    );
    assert!(array(c.json(KARI, &["access", "list"])).is_empty());
}

// ---------------------------------------------------------------------------------------
// Oversight and confidentiality.
// ---------------------------------------------------------------------------------------

#[test]
fn report_decisions_gives_assessment_reference_age_reliability_and_standing() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(
        KARI,
        p,
        "FORTROLIG",
        "police",
        &["--unverified", "--info-date", &days_ago(400)],
    );
    let id = c.decision(p, &j, "unverified");
    let today = days_ago(0);
    let r = c.json(
        ADMIN,
        &[
            "report",
            "decisions",
            "--from",
            &days_ago(30),
            "--to",
            &today,
        ],
    );
    assert_eq!(r["summary"]["decisions"], 1, "{r}");
    assert_eq!(r["summary"]["with_unverified_basis"], 1);
    assert_eq!(r["summary"]["on_police_information"], 1);
    assert_eq!(r["summary"]["oldest_information_days"], 400);
    assert_eq!(r["summary"]["standing"]["in force"], 1);
    let d = &r["decisions"][0];
    assert_eq!(d["id"], id);
    assert!(d["assessment_journal_number"].is_string());
    assert_eq!(d["reliability"], "unverified");
    assert_eq!(d["basis"][0]["age_days"], 400);
    // Outside the period: nothing. The report is logged.
    let r = c.json(
        ADMIN,
        &[
            "report",
            "decisions",
            "--from",
            &days_ago(60),
            "--to",
            &days_ago(31),
        ],
    );
    assert_eq!(r["summary"]["decisions"], 0);
    assert!(c
        .log()
        .iter()
        .any(|e| e["act"] == "report-decisions" && e["user"] == ADMIN));
}

const ASSESSMENT_SENTINEL: &str = "QZV-CASE-ASSESSMENT-7731-Brattli";
const MEASURE_SENTINEL: &str = "QZV-CASE-MEASURE-2209";
const REQUESTER_SENTINEL: &str = "QZV-CASE-REQUESTER-5150";
const REASON_SENTINEL: &str = "QZV-CASE-OVERTURN-8080";
const REGISTRATION_SENTINEL: &str = "QZV-CASE-REGISTRATION-4242";

#[test]
fn decisions_and_requests_never_appear_in_plaintext_in_store_files() {
    let local = Case::local();
    let p = local.person(KARI, "Per Olsen");
    let j = local.doc(KARI, p, "FORTROLIG", "kripos", &[]);
    // Hold a connection open so the WAL stays with the fresh pages in it.
    let holder = local.session(ADMIN);
    let assessment = format!("{ASSESSMENT} Kilde: {ASSESSMENT_SENTINEL}.");
    let measure = format!("other:Flytting til {MEASURE_SENTINEL}");
    let ps = p.to_string();
    let out = local.run_with_input(
        KARI,
        &assessment,
        &[
            "--json",
            "decision",
            "add",
            "--person",
            &ps,
            "--measure",
            &measure,
            "--basis",
            &j,
            "--reliability",
            "verified",
            "--asked-police",
            "no",
            "--assessment-file",
            "-",
        ],
    );
    ok(&out);
    ok(&local.run(
        KIM,
        &[
            "access",
            "request",
            "--person",
            &ps,
            "--from",
            "press",
            "--received",
            &days_ago(2),
            "--name",
            REQUESTER_SENTINEL,
        ],
    ));
    ok(&local.run(
        KARI,
        &["access", "decide", "1", "--refuse", "--ground", "offl-13"],
    ));
    let region = Case::upper("region", "Region test");
    trust_each_other(&[&local, &region]);
    let region_holder = region.session(ADMIN);
    let got = carry_decisions(&local, KARI, &region, RITA);
    let reason = format!("Grunnlaget holder ikke: {REASON_SENTINEL}.");
    ok(&region.run(
        RITA,
        &[
            "decision",
            "overturn",
            &got[0].to_string(),
            "--reason",
            &reason,
        ],
    ));
    carry_reviews(&region, RITA, &local, KARI);
    let ksf = Case::upper("ksf", "KSF");
    let kp = ksf.person(RITA, "Per Olsen").to_string();
    let ksf_holder = ksf.session(ADMIN);
    ok(&ksf.run(
        RITA,
        &[
            "registration",
            "record",
            "--person",
            &kp,
            "--refuse",
            "--reason",
            &format!("Ikke alvorlig nok: {REGISTRATION_SENTINEL}"),
        ],
    ));
    // The contents are there, for those who may read them.
    let shown = local.json(KARI, &["decision", "show", "1"]);
    assert!(shown["assessment"]
        .as_str()
        .unwrap()
        .contains(ASSESSMENT_SENTINEL));
    assert!(shown["decision"]["measure"]
        .as_str()
        .unwrap()
        .contains(MEASURE_SENTINEL));
    let all = [
        ASSESSMENT_SENTINEL,
        MEASURE_SENTINEL,
        REQUESTER_SENTINEL,
        REASON_SENTINEL,
        REGISTRATION_SENTINEL,
    ];
    for (case, when) in [(&local, "local"), (&region, "region"), (&ksf, "ksf")] {
        assert!(
            case.dir().join("infoflyt.db-wal").exists(),
            "{when}: the WAL should be present while a connection is open"
        );
        assert_no_plaintext(case.dir(), &all, &format!("{when}, WAL present"));
    }
    drop((holder, region_holder, ksf_holder));
    for (case, when) in [(&local, "local"), (&region, "region"), (&ksf, "ksf")] {
        ok(&case.run(ADMIN, &["verify"]));
        assert_no_plaintext(case.dir(), &all, &format!("{when}, after close"));
    }
    // The titles the journal shows name the measure's kind, never its text.
    let journal = local.json(KARI, &["journal", "list"]).to_string();
    assert!(!journal.contains(MEASURE_SENTINEL));
}

// ---------------------------------------------------------------------------------------
// Messages people read: bokmål under `--lang nb`, codes and `--json` keys unchanged.
// ---------------------------------------------------------------------------------------

/// The casework refusals name their rule in bokmål and say what to do; the commands' output
/// reads in bokmål; `--json` keeps the codes programs read (measure, reliability).
#[test]
fn casework_messages_read_in_bokmal_and_json_keeps_codes() {
    let c = Case::local();
    let p = c.person(KARI, "Per Olsen");
    let j = c.doc(KARI, p, "FORTROLIG", "local", &["--unverified"]);
    let ps = p.to_string();
    let add = |user: &str, reliability: &str, extra: &[&str]| {
        let mut a = vec![
            "--lang",
            "nb",
            "decision",
            "add",
            "--person",
            &ps,
            "--measure",
            "visit-ban",
            "--basis",
            &j,
            "--reliability",
            reliability,
            "--asked-police",
            "no",
        ];
        a.extend_from_slice(extra);
        c.run(user, &a)
    };
    let out = add(KARI, "unverified", &[]);
    expect(&out, 4, &["avvist (egen vurdering)", "din egen vurdering"]);
    assert!(!stderr(&out).contains("refused"), "{}", describe(&out));
    let out = add(KARI, "verified", &["--assessment", ASSESSMENT]);
    expect(&out, 4, &["avvist (pålitelighet)", "ikke verifisert", &j]);
    let out = add(OLA, "unverified", &["--assessment", ASSESSMENT]);
    expect(
        &out,
        4,
        &["avvist (vedtakskompetanse)", "har ikke vedtakskompetanse"],
    );
    // The log keeps its one stable form: the rule in English.
    assert_last_refusal(&c, "decision-add", OLA, "decision authority");
    let out = add(KARI, "unverified", &["--assessment", ASSESSMENT]);
    ok(&out);
    assert!(
        stdout(&out).contains("Registrerte vedtak") && stdout(&out).contains("Skal sendes til"),
        "{}",
        describe(&out)
    );
    let out = c.run(KARI, &["--lang", "nb", "decision", "list"]);
    ok(&out);
    assert!(
        stdout(&out).contains("TILTAK") && stdout(&out).contains("ikke verifisert"),
        "{}",
        describe(&out)
    );
    let v = c.json(KARI, &["--lang", "nb", "decision", "list"]);
    assert_eq!(v[0]["measure"], "visit-ban", "{v}");
    assert_eq!(v[0]["reliability"], "unverified", "{v}");
    // The Ombud's demand, and the grounds, in bokmål.
    let out = c.run(
        KARI,
        &["--lang", "nb", "access", "grounds", "--from", "ombud"],
    );
    ok(&out);
    assert!(
        stdout(&out).contains("kan ikke avslås") && stdout(&out).contains("Sivilombudets krav"),
        "{}",
        describe(&out)
    );
}
