//! Issue 12, "Register upkeep": finding persons by name or birth date, the warning for a person
//! registered twice, corrections kept in the history, unlinking, leaving and retiring networks,
//! the co-location warning where it is news, units matched to the list, and reading the
//! register logged. Each test drives the real binary.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use serde_json::Value;
use std::process::Output;

const KARI: &str = "kari";
const KARI_PASS: &str = "kari passphrase for tests";
const KIM: &str = "kim";
const KIM_PASS: &str = "kim passphrase for tests";

/// A local store ("Test fengsel") with kari (officer) and kim (clerical).
struct Reg(Store);

impl Reg {
    fn new() -> Reg {
        Reg(Store::cached("register upkeep", || {
            let s = Store::new_local();
            s.add_user(KARI, "officer", "strengt-fortrolig", KARI_PASS);
            s.add_user(KIM, "clerical", "fortrolig", KIM_PASS);
            s
        }))
    }

    fn run(&self, args: &[&str]) -> Output {
        self.0.run(KARI, KARI_PASS, args)
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        ok(&out);
        out
    }

    #[track_caller]
    fn json(&self, args: &[&str]) -> Value {
        self.0.json(KARI, KARI_PASS, args)
    }

    /// `person add` with extra options; returns (id, warnings).
    #[track_caller]
    fn add(&self, name: &str, extra: &[&str]) -> (i64, Vec<String>) {
        let mut a = vec!["person", "add", "--name", name, "--kind", "inmate"];
        a.extend_from_slice(extra);
        let v = self.json(&a);
        (v["id"].as_i64().unwrap(), strings(&v["warnings"]))
    }

    /// The ids `person find TEXT` returns.
    #[track_caller]
    fn find(&self, text: &str) -> Vec<i64> {
        match self.json(&["person", "find", text]) {
            Value::Array(a) => a.iter().map(|p| p["id"].as_i64().unwrap()).collect(),
            v => panic!("person find --json is not an array: {v}"),
        }
    }

    fn log(&self) -> Vec<Value> {
        match self.json(&["log", "list"]) {
            Value::Array(a) => a,
            v => panic!("{v}"),
        }
    }

    fn acts(&self, act: &str) -> Vec<Value> {
        self.log().into_iter().filter(|e| e["act"] == act).collect()
    }
}

/// The co-location warnings among a command's warnings (others: notes on units).
fn colocations(v: &Value) -> Vec<String> {
    strings(&v["warnings"])
        .into_iter()
        .filter(|w| w.contains("members of network"))
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

#[test]
fn person_find_matches_names_in_any_case_with_or_without_norwegian_letters() {
    let r = Reg::new();
    let (bjorn, _) = r.add("Bjørn Åsen", &["--born", "1980-01-31"]);
    let (per, _) = r.add("Per Hansen", &["--born", "1975-05-05"]);
    let (kari, _) = r.add("Kari Haaland-Sæther", &[]);

    for q in ["bjorn", "BJØRN", "Åsen", "aasen", "asen", "bjo"] {
        assert_eq!(r.find(q), vec![bjorn], "{q}");
    }
    for q in [
        "håland",
        "haaland",
        "HAL",
        "saether",
        "sæther",
        "kari haaland",
    ] {
        assert_eq!(r.find(q), vec![kari], "{q}");
    }
    assert_eq!(r.find("31.01.1980"), vec![bjorn]);
    assert_eq!(r.find("1980-01-31"), vec![bjorn]);
    assert_eq!(r.find("1975"), vec![per]);
    assert_eq!(r.find("per 1975"), vec![per]);
    assert!(r.find("per 1980").is_empty());
    assert!(r.find("sen").is_empty(), "words match from their start");
    let out = r.ok(&["person", "find", "nobody"]);
    assert!(
        stderr(&out).contains("No person matches"),
        "{}",
        describe(&out)
    );
    expect(&r.run(&["person", "find", "  "]), 2, &["name"]);

    // Each search is logged with its number of hits, never with what was searched for.
    let finds = r.acts("person-find");
    assert_eq!(finds.len(), 19, "{finds:?}");
    assert_eq!(finds[0]["detail"], "1 hits");
    let log = serde_json::to_string(&r.log()).unwrap().to_lowercase();
    for q in ["bjorn", "haaland", "nobody"] {
        assert!(!log.contains(q), "the log holds the search text {q:?}");
    }
}

#[test]
fn adding_a_person_who_looks_registered_warns_and_names_the_candidates() {
    let r = Reg::new();
    let (bjorn, w) = r.add("Bjørn Åsen", &["--born", "1980-01-31"]);
    assert!(w.is_empty(), "{w:?}");

    // The same name typed without Norwegian letters, same birth date.
    let (_, w) = r.add("Bjorn Aasen", &["--born", "1980-01-31"]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("looks like")
            && w[0].contains(&bjorn.to_string())
            && w[0].contains("Bjørn Åsen"),
        "{w:?}"
    );
    // Same birth date and a shared name: a candidate; both earlier ones are named.
    let out = r.ok(&[
        "person",
        "add",
        "--name",
        "B. Åsen",
        "--kind",
        "inmate",
        "--born",
        "1980-01-31",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("2 registered persons look like this one"),
        "{err}"
    );
    // The same name without a birth date is a candidate too.
    let (_, w) = r.add("bjørn åsen", &[]);
    assert_eq!(w.len(), 1, "{w:?}");
    // Same birth date but another name, or another person altogether: no warning.
    let (_, w) = r.add("Ola Nordmann", &["--born", "1980-01-31"]);
    assert!(w.is_empty(), "{w:?}");
    let (_, w) = r.add("Per Hansen", &["--born", "1975-05-05"]);
    assert!(w.is_empty(), "{w:?}");
    // In bokmål.
    let out = r.ok(&[
        "--lang",
        "nb",
        "person",
        "add",
        "--name",
        "Per Hansen",
        "--kind",
        "inmate",
    ]);
    assert!(stderr(&out).contains("ligner denne"), "{}", describe(&out));
}

#[test]
fn a_correction_keeps_the_old_values_in_the_history_and_is_logged_without_them() {
    let r = Reg::new();
    let (id, _) = r.add("Bjørn Asen", &["--born", "1980-01-13"]);
    let id_s = id.to_string();
    let v = r.json(&[
        "person",
        "correct",
        &id_s,
        "--name",
        "Bjørn Åsen",
        "--born",
        "1980-01-31",
        "--reason",
        "feil i dom",
    ]);
    assert_eq!(v["person"]["name"], "Bjørn Åsen");
    assert_eq!(v["person"]["born"], "1980-01-31");

    let h = r.json(&["person", "history", &id_s]);
    let changes = h["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{h}");
    let name = changes.iter().find(|c| c["field"] == "name").unwrap();
    assert_eq!(name["old"], "Bjørn Asen");
    assert_eq!(name["new"], "Bjørn Åsen");
    assert_eq!(name["reason"], "feil i dom");
    assert_eq!(name["user"], KARI);
    let born = changes.iter().find(|c| c["field"] == "born").unwrap();
    assert_eq!(born["old"], "1980-01-13");

    // Found by the corrected birth date, not the old one.
    assert_eq!(r.find("31.01.1980"), vec![id]);
    assert!(r.find("13.01.1980").is_empty());

    // Logged: the fields, not the values.
    let c = r.acts("person-correct");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["person_id"], id);
    assert_eq!(c[0]["detail"], "name, born");
    assert_eq!(r.acts("person-history").len(), 1);
    let log = serde_json::to_string(&r.log()).unwrap();
    assert!(
        !log.contains("Asen") && !log.contains("1980-01-13"),
        "{log}"
    );

    // Other changes go into the history too; --born "" clears the date.
    r.ok(&[
        "person",
        "update",
        &id_s,
        "--unit",
        "Ila",
        "--conduct",
        "rolig",
    ]);
    r.ok(&["person", "correct", &id_s, "--born", ""]);
    let h = r.json(&["person", "history", &id_s]);
    let fields: Vec<&str> = h["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "born", "unit", "conduct", "born"], "{h}");
    let out = r.ok(&["person", "history", &id_s]);
    assert!(stdout(&out).contains("feil i dom"), "{}", describe(&out));

    // Nothing to correct, the same values, another role: refused.
    expect(&r.run(&["person", "correct", &id_s]), 2, &["--name"]);
    expect(
        &r.run(&["person", "correct", &id_s, "--name", "Bjørn Åsen"]),
        2,
        &["nothing to correct"],
    );
    expect(
        &r.run(&["person", "correct", "999", "--name", "X"]),
        6,
        &["999"],
    );
    let out = r.0.run(
        KIM,
        KIM_PASS,
        &["person", "correct", &id_s, "--name", "X Y"],
    );
    expect(&out, 4, &["role"]);
}

#[test]
fn unlinking_removes_links_both_ways_one_kind_at_a_time_and_records_them() {
    let r = Reg::new();
    let (a, _) = r.add("Anne Aas", &[]);
    let (b, _) = r.add("Berit Berg", &[]);
    let (a_s, b_s) = (a.to_string(), b.to_string());
    r.ok(&["person", "link", &a_s, "--to", &b_s, "--as", "visitor"]);
    r.ok(&[
        "person",
        "link",
        &b_s,
        "--to",
        &a_s,
        "--as",
        "phone-contact",
    ]);
    let v = r.json(&["person", "unlink", &a_s, "--from", &b_s, "--as", "visitor"]);
    assert_eq!(v["removed"], 1);
    let links = r.json(&["person", "show", &a_s])["links"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["kind"], "phone-contact");
    let v = r.json(&["person", "unlink", &a_s, "--from", &b_s]);
    assert_eq!(v["removed"], 1);
    assert!(r.json(&["person", "show", &b_s])["links"]
        .as_array()
        .unwrap()
        .is_empty());
    expect(
        &r.run(&["person", "unlink", &a_s, "--from", &b_s]),
        6,
        &["not linked"],
    );
    assert_eq!(r.acts("person-unlink").len(), 2);
    let h = r.json(&["person", "history", &a_s]);
    let old: Vec<&str> = h["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["old"].as_str().unwrap())
        .collect();
    assert_eq!(
        old,
        [
            format!("{a} visitor of {b}"),
            format!("{b} phone-contact of {a}")
        ]
    );
}

/// A network "Nordic MC" of the given members; returns its id and the warnings of `add`.
fn network(r: &Reg, members: &[i64]) -> (i64, Vec<String>) {
    let m = members
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let v = r.json(&[
        "network",
        "add",
        "--name",
        "Nordic MC",
        "--kind",
        "mc",
        "--purpose",
        "narkotikaomsetning og torpedovirksomhet",
        "--member",
        &m,
    ]);
    (v["id"].as_i64().unwrap(), strings(&v["warnings"]))
}

#[test]
fn the_colocation_warning_appears_when_a_change_makes_it_news_and_not_otherwise() {
    let r = Reg::new();
    let (a, _) = r.add("Arne Aas", &["--unit", "Ila"]);
    let (b, _) = r.add("Bjørn Berg", &["--unit", "Bergen"]);
    let (c, _) = r.add("Carl Carlsen", &["--unit", "Ullersmo"]);
    let (net, w) = network(&r, &[a, b]);
    assert!(w.is_empty(), "{w:?}");
    let (a_s, b_s, c_s, net_s) = (a.to_string(), b.to_string(), c.to_string(), net.to_string());

    // Moving b to Ila creates it: news.
    let out = r.ok(&["person", "update", &b_s, "--unit", "Ila"]);
    assert!(
        stderr(&out).contains("2 members of network \"Nordic MC\""),
        "{}",
        describe(&out)
    );
    // Changes that leave it as it was: no warning.
    for args in [
        vec!["person", "update", &b_s, "--conduct", "rolig"],
        vec!["person", "update", &a_s, "--risk", "escape"],
        vec!["person", "show", &a_s],
        vec!["network", "list"],
        vec!["person", "list"],
    ] {
        let out = r.ok(&args);
        assert!(
            !stderr(&out).contains("warning"),
            "{args:?}\n{}",
            describe(&out)
        );
    }
    // But it is still shown where one looks for it.
    assert!(stdout(&r.ok(&["network", "list"])).contains("Ila"));
    assert_eq!(
        r.json(&["person", "show", &a_s])["warnings"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // A third member placed there is news again (joining, or moving in).
    let v = r.json(&["network", "join", &net_s, "--person", &c_s]);
    assert!(colocations(&v).is_empty(), "c is in Ullersmo: {v}");
    let v = r.json(&["person", "update", &c_s, "--unit", "ILA"]);
    assert_eq!(v["person"]["unit"], "Ila");
    let w = colocations(&v);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("3 members"), "{w:?}");
    // Moving out is not news; moving back in is.
    let v = r.json(&["person", "update", &c_s, "--unit", "Ullersmo"]);
    assert!(colocations(&v).is_empty(), "{v}");
    let v = r.json(&["person", "update", &c_s, "--unit", "Ila"]);
    assert_eq!(colocations(&v).len(), 1);

    // In bokmål, without a requirement id.
    let v = r.json(&["person", "update", &c_s, "--unit", "Ullersmo"]);
    assert!(colocations(&v).is_empty(), "{v}");
    let out = r.ok(&["--lang", "nb", "person", "update", &c_s, "--unit", "Ila"]);
    let err = stderr(&out);
    assert!(
        err.contains("advarsel: 3 medlemmer av nettverket «Nordic MC»"),
        "{err}"
    );
    assert!(!err.contains("R3"), "{err}");
}

#[test]
fn leaving_and_retiring_networks_keeps_the_record_and_ends_the_warnings() {
    let r = Reg::new();
    let (a, _) = r.add("Arne Aas", &["--unit", "Ila"]);
    let (b, _) = r.add("Bjørn Berg", &["--unit", "Ila"]);
    let (net, w) = network(&r, &[a, b]);
    assert_eq!(w.len(), 1, "a new network of two in Ila: {w:?}");
    let (a_s, b_s, net_s) = (a.to_string(), b.to_string(), net.to_string());

    // b leaves: kept as a former member, no co-location.
    r.ok(&["network", "leave", &net_s, "--person", &b_s]);
    let v = r.json(&["network", "list"]);
    assert_eq!(v["networks"][0]["members"], serde_json::json!([a]));
    assert_eq!(v["networks"][0]["former_members"], serde_json::json!([b]));
    assert!(strings(&v["warnings"]).is_empty(), "{v}");
    expect(
        &r.run(&["network", "leave", &net_s, "--person", &b_s]),
        6,
        &["not a current member"],
    );
    // Joining again is news again.
    let v = r.json(&["network", "join", &net_s, "--person", &b_s]);
    assert_eq!(strings(&v["warnings"]).len(), 1, "{v}");

    // Retired: not listed as active, no warnings anywhere, cannot be changed, kept with --all.
    r.ok(&[
        "network",
        "retire",
        &net_s,
        "--reason",
        "nettverket er oppløst",
    ]);
    let v = r.json(&["network", "list"]);
    assert!(v["networks"].as_array().unwrap().is_empty(), "{v}");
    assert!(strings(&v["warnings"]).is_empty(), "{v}");
    let v = r.json(&["network", "list", "--all"]);
    assert_eq!(v["networks"][0]["retired_reason"], "nettverket er oppløst");
    assert!(v["networks"][0]["retired_at"].is_string());
    let out = r.ok(&["network", "list", "--all"]);
    assert!(stdout(&out).contains("retired"), "{}", describe(&out));
    assert!(r.json(&["person", "show", &a_s])["warnings"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(r.json(&["person", "show", &a_s])["networks"]
        .as_array()
        .unwrap()
        .is_empty());
    expect(
        &r.run(&["network", "join", &net_s, "--person", &a_s]),
        2,
        &["retired"],
    );
    expect(
        &r.run(&["network", "retire", &net_s, "--reason", "igjen"]),
        2,
        &["retired"],
    );
    expect(
        &r.run(&["network", "retire", "999", "--reason", "finnes ikke"]),
        6,
        &["999"],
    );
    // A clerk may do neither.
    let out = r.0.run(
        KIM,
        KIM_PASS,
        &["network", "leave", &net_s, "--person", &a_s],
    );
    expect(&out, 4, &["role"]);

    assert_eq!(r.acts("network-leave").len(), 1);
    assert_eq!(r.acts("network-retire").len(), 1);
}

#[test]
fn units_are_matched_to_the_list_without_regard_to_case_and_typos_are_caught() {
    let r = Reg::new();
    // The store's own unit is on the list from the start.
    let v = r.json(&[
        "person",
        "add",
        "--name",
        "A A",
        "--kind",
        "inmate",
        "--unit",
        "test FENGSEL",
    ]);
    assert_eq!(v["person"]["unit"], "Test fengsel");
    assert!(strings(&v["warnings"]).is_empty(), "{v}");
    // A new unit is taken with a note; after that, any case finds its spelling.
    let (_, w) = r.add("B B", &["--unit", "Ila"]);
    assert!(
        w.iter().any(|w| w.contains("new to the register's list")),
        "{w:?}"
    );
    let v = r.json(&[
        "person", "add", "--name", "C C", "--kind", "inmate", "--unit", "ILA",
    ]);
    assert_eq!(v["person"]["unit"], "Ila");
    assert!(strings(&v["warnings"]).is_empty(), "{v}");
    // A spelling that folds to a known one is taken as it, and said so.
    let v = r.json(&[
        "person", "add", "--name", "D D", "--kind", "inmate", "--unit", "Ilaa",
    ]);
    assert_eq!(v["person"]["unit"], "Ila");
    assert!(strings(&v["warnings"])[0].contains("taken as"), "{v}");
    // Close to a known unit but not it: refused, naming the known one, unless --new-unit.
    let out = r.run(&[
        "person", "add", "--name", "E E", "--kind", "inmate", "--unit", "Ula",
    ]);
    expect(&out, 2, &["close to Ila", "--new-unit"]);
    let v = r.json(&[
        "person",
        "add",
        "--name",
        "E E",
        "--kind",
        "inmate",
        "--unit",
        "Ula",
        "--new-unit",
    ]);
    assert_eq!(v["person"]["unit"], "Ula");
    let out = r.run(&["person", "update", "1", "--unit", "Tst fengsel"]);
    expect(&out, 2, &["Test fengsel"]);

    assert_eq!(
        r.json(&["person", "units"]),
        serde_json::json!(["Ila", "Test fengsel", "Ula"])
    );
    let ps = r.json(&["person", "list", "--unit", "ila"]);
    assert_eq!(ps.as_array().unwrap().len(), 3, "{ps}");
}

#[test]
fn showing_listing_and_finding_persons_are_logged_as_uses_of_the_register() {
    let r = Reg::new();
    let (a, _) = r.add("Arne Aas", &[]);
    r.ok(&["person", "show", &a.to_string()]);
    r.ok(&["person", "list"]);
    r.ok(&["person", "find", "arne"]);
    let shows = r.acts("person-show");
    assert_eq!(shows.len(), 1);
    assert_eq!(shows[0]["person_id"], a);
    assert_eq!(shows[0]["user"], KARI);
    assert_eq!(r.acts("person-list").len(), 1);
    assert_eq!(r.acts("person-find").len(), 1);
    // A person that does not exist is not found, and nothing is logged as shown.
    expect(&r.run(&["person", "show", "999"]), 6, &["999"]);
    assert_eq!(r.acts("person-show").len(), 1);
    // Tables in bokmål.
    let out = r.ok(&["--lang", "nb", "person", "list"]);
    assert!(
        stdout(&out).contains("NAVN") && stdout(&out).contains("innsatt"),
        "{}",
        describe(&out)
    );
}
