//! A chain of command made of real stores, for the package tests: each unit a store with an
//! admin and two STRENGT FORTROLIG officers, trusting the others by their cards' fingerprints
//! as `unit card` prints them.
#![allow(dead_code, unreachable_pub)]

use crate::common::{ok, parse_json, InitOpts, Store, ADMIN, ADMIN_PASS};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The officers of every unit, with their passphrases.
pub const KARI: (&str, &str) = ("kari", "kari sin passfrase for tester");
pub const OLA: (&str, &str) = ("ola", "ola sin passfrase for tester");

/// One unit and its store.
#[derive(Debug)]
pub struct Unit {
    pub store: Store,
    pub name: String,
}

impl Unit {
    /// A unit of `level` named `name` (a local unit in `region`), with kari and ola.
    pub fn new(level: &str, name: &str, region: Option<&str>) -> Unit {
        let store = Store::init(&InitOpts {
            level,
            unit: name,
            region,
            admin: ADMIN,
            pass: ADMIN_PASS,
        });
        for (u, p) in [KARI, OLA] {
            store.add_user(u, "officer", "strengt-fortrolig", p);
        }
        Unit {
            store,
            name: name.to_owned(),
        }
    }

    /// As kari.
    pub fn kari(&self, args: &[&str]) -> Output {
        self.store.run(KARI.0, KARI.1, args)
    }

    /// As ola.
    pub fn ola(&self, args: &[&str]) -> Output {
        self.store.run(OLA.0, OLA.1, args)
    }

    /// As the admin.
    pub fn admin(&self, args: &[&str]) -> Output {
        self.store.run(ADMIN, ADMIN_PASS, args)
    }

    /// As kari with `--json`; panics unless it succeeds.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        self.store.json(KARI.0, KARI.1, args)
    }

    /// Writes the unit's card into `dir`; gives its path and fingerprint.
    pub fn card(&self, dir: &Path) -> (PathBuf, String) {
        let p = dir.join(format!("{}.card", self.name.replace(' ', "_")));
        if !p.exists() {
            let out = self.kari(&["--json", "unit", "card", "--out", p.to_str().unwrap()]);
            ok(&out);
            let fp = parse_json(&out)["fingerprint"].as_str().unwrap().to_owned();
            std::fs::write(p.with_extension("fp"), &fp).unwrap();
        }
        let fp = std::fs::read_to_string(p.with_extension("fp")).unwrap();
        (p, fp)
    }

    /// The admin trusts `other`'s card, with the fingerprint it read out.
    pub fn trust(&self, other: &Unit, dir: &Path) {
        let (card, fp) = other.card(dir);
        ok(&self.admin(&[
            "unit",
            "trust",
            card.to_str().unwrap(),
            "--fingerprint",
            &fp,
        ]));
    }

    /// Registers a person; gives the id.
    pub fn person(&self, name: &str) -> i64 {
        self.json(&[
            "person",
            "add",
            "--name",
            name,
            "--kind",
            "inmate",
            "--born",
            "1990-02-03",
        ])["id"]
            .as_i64()
            .unwrap()
    }

    /// Adds a text document; gives its journal number.
    pub fn doc(&self, person: i64, grading: &str, title: &str, text: &str) -> String {
        let p = person.to_string();
        self.json(&[
            "doc",
            "add",
            "--person",
            &p,
            "--grading",
            grading,
            "--title",
            title,
            "--source",
            "local",
            "--text",
            text,
        ])["journal_number"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `package export` as kari with `args` and `--out dir`; gives the package file.
    pub fn export(&self, dir: &Path, args: &[&str]) -> PathBuf {
        let mut a = vec!["package", "export", "--out", dir.to_str().unwrap()];
        a.extend_from_slice(args);
        PathBuf::from(self.json(&a)["file"].as_str().unwrap())
    }

    /// `package import` as kari; gives the JSON report.
    pub fn import(&self, file: &Path) -> serde_json::Value {
        self.json(&["package", "import", file.to_str().unwrap()])
    }

    /// Imports `file` and takes the receipt back to `sender`.
    pub fn import_and_answer(&self, file: &Path, sender: &Unit) -> serde_json::Value {
        let r = self.import(file);
        let receipt = PathBuf::from(r["receipt"].as_str().unwrap());
        sender.import(&receipt);
        r
    }

    /// The journal as JSON.
    pub fn journal(&self) -> Vec<serde_json::Value> {
        self.json(&["journal", "list"]).as_array().unwrap().clone()
    }
}

/// Every unit trusts every other.
pub fn trust_all(units: &[&Unit], dir: &Path) {
    for a in units {
        for b in units {
            if a.name != b.name {
                a.trust(b, dir);
            }
        }
    }
}

/// Every file of a store directory, by name, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Asserts that the store's files are exactly `before`, byte for byte.
#[track_caller]
pub fn assert_unchanged(dir: &Path, before: &BTreeMap<String, Vec<u8>>, what: &str) {
    let now = snapshot(dir);
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "{what}: the store's files changed"
    );
    for (k, v) in &now {
        assert!(before[k] == *v, "{what}: {k} changed");
    }
}
