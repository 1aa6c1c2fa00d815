//! Issue 11: attacks on the chain-only `log verify` (src/audit/chain.rs), which walks
//! stretches of the log on every core, by someone holding the store key. Every tampering is
//! committed (so that every connection of the walk sees it), then the verdicts of
//! `Depth::ChainOnly` and `Depth::Full` (the walk in order) are compared: they must name the
//! same entry for the same reason, and a tampered log must never pass the chain-only walk.
//! The first cases are what a review of the first version found: a table made over so that
//! an entry's number is NULL or 8192.5 (in no stretch), a number near the end of the
//! integers (which listed 2^50 stretches), and a signature that no longer reads as one.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{copy_dir, store_with_log};
use infoflyt::audit::verify::Depth;
use infoflyt::crypto::Passphrase;
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use infoflyt::synthetic::OFFICER_PASS;
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::OnceLock;

const STRETCH: i64 = 8192;

/// A store whose log spans a little over three stretches, made once and copied per attack.
fn template() -> &'static (PathBuf, i64) {
    static T: OnceLock<(PathBuf, i64)> = OnceLock::new();
    T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let (s, n) = store_with_log(&dir, 3 * STRETCH as u64 + 50);
        infoflyt::test_support::conn(&s)
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        drop(s);
        (dir, n)
    })
}

/// A fresh copy of the template store, a session on it, and max(seq).
fn fresh() -> (tempfile::TempDir, Session, i64) {
    let (src, n) = template();
    let dir = tempfile::tempdir().unwrap();
    copy_dir(src, dir.path());
    let paths = StorePaths::new(dir.path());
    let s = infoflyt::identity::unlock(&paths, "bench", &Passphrase::from(OFFICER_PASS)).unwrap();
    (dir, s, *n)
}

fn verdict(s: &Session, depth: Depth) -> String {
    match s.verify_log_with(depth, |_, _| {}) {
        Ok(v) => format!("INTACT entries={} head={}", v.entries, v.head),
        Err(e) => format!("ERR(exit {}) {e}", e.exit_code()),
    }
}

/// Tampers (committed: autocommit on the session's connection), then compares both walks.
fn attack(name: &str, tamper: impl FnOnce(&Connection, i64)) -> (String, String) {
    let (_dir, s, n) = fresh();
    tamper(infoflyt::test_support::conn(&s), n);
    let chain = verdict(&s, Depth::ChainOnly);
    let full = verdict(&s, Depth::Full);
    eprintln!("[{name}]\n  chain-only: {chain}\n  full:       {full}");
    (chain, full)
}

fn same(name: &str, tamper: impl FnOnce(&Connection, i64)) {
    let (chain, full) = attack(name, tamper);
    assert!(
        !chain.starts_with("INTACT"),
        "{name}: chain-only passed a tampered log"
    );
    assert_eq!(chain, full, "{name}: verdicts differ");
}

fn x(c: &Connection, sql: &str) {
    c.execute_batch(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

const COLS: &str = "time, user_name, unit, act, person_id, journal_number, doc_version, \
                    purpose, outcome, detail, prev_hash, hash, signer, signature";

/// Copies entry `from` as a new row numbered `to` (an SQL expression).
fn plant(c: &Connection, from: i64, to: &str) {
    x(
        c,
        &format!("INSERT INTO use_log SELECT {to}, {COLS} FROM use_log WHERE seq = {from}"),
    );
}

/// The insider rebuilds `use_log` with `seq INT PRIMARY KEY` (not INTEGER: no longer the
/// rowid, so NULL and fractional values are accepted), keeping every row.
fn rebuild_seq_int_pk(c: &Connection) {
    x(
        c,
        "ALTER TABLE use_log RENAME TO use_log_old;
         CREATE TABLE use_log (seq INT PRIMARY KEY, time TEXT NOT NULL, user_name TEXT NOT NULL,
           unit TEXT NOT NULL, act TEXT NOT NULL, person_id INTEGER, journal_number TEXT,
           doc_version INTEGER, purpose TEXT, outcome TEXT NOT NULL, detail TEXT,
           prev_hash BLOB NOT NULL, hash BLOB NOT NULL, signer BLOB NOT NULL,
           signature BLOB NOT NULL);
         INSERT INTO use_log SELECT * FROM use_log_old ORDER BY seq;
         DROP TABLE use_log_old;",
    );
}

fn change(c: &Connection, seq: i64) {
    x(
        c,
        &format!("UPDATE use_log SET time = '2000-01-01T00:00:00Z' WHERE seq = {seq}"),
    );
}

/// A row whose number is NULL, in a table made over: the walk in order meets it first (NULL
/// sorts lowest) and fails entry 1 as unreadable; no stretch of whole numbers holds it.
#[test]
fn a_null_number_in_a_table_made_over_is_met_first() {
    same("null seq", |c, n| {
        rebuild_seq_int_pk(c);
        plant(c, n, "NULL");
    });
}

/// A number between two stretches (8192.5), in a table made over.
#[test]
fn a_number_between_two_stretches_is_met_in_order() {
    same("seq 8192.5", |c, _| {
        rebuild_seq_int_pk(c);
        plant(c, STRETCH, "8192.5");
    });
}

/// One row numbered i64::MAX: the log's highest number now asks for 2^50 stretches, which
/// are made one at a time and stop at the first failure; the walk in order names entry n+1.
#[test]
fn the_highest_number_possible_costs_no_more_than_the_log() {
    same("seq i64::MAX", |c, n| plant(c, n, &i64::MAX.to_string()));
}

/// A huge number that is not the last possible one.
#[test]
fn a_huge_number_is_named_where_the_log_ends() {
    same("seq 2^40", |c, n| plant(c, n, &(1i64 << 40).to_string()));
}

/// A signature that no longer reads as a blob: unreadable in both walks, though the
/// chain-only walk does not check it.
#[test]
fn a_signature_that_is_text_makes_the_entry_unreadable_in_both() {
    let (chain, full) = attack("text signature at 8193", |c, _| {
        x(
            c,
            "UPDATE use_log SET signature = 'forged' WHERE seq = 8193",
        );
    });
    assert_eq!(chain, full);
}

/// The same entry also changed: unreadable comes first in both.
#[test]
fn an_unreadable_signature_comes_before_changed_contents() {
    let (chain, full) = attack("text signature + change at 8193", |c, _| {
        x(
            c,
            "UPDATE use_log SET signature = 'forged' WHERE seq = 8193",
        );
        change(c, 8193);
    });
    assert_eq!(chain, full);
}

#[test]
fn changes_at_every_edge() {
    for seq in [
        1,
        STRETCH - 1,
        STRETCH,
        STRETCH + 1,
        2 * STRETCH,
        2 * STRETCH + 1,
        3 * STRETCH + 1,
    ] {
        same(&format!("change {seq}"), |c, _| change(c, seq));
    }
}

#[test]
fn deletions_at_and_across_edges() {
    for (lo, hi) in [
        (STRETCH, STRETCH),
        (STRETCH + 1, STRETCH + 1),
        (STRETCH, STRETCH + 1),
        (STRETCH + 1, 2 * STRETCH), // a whole stretch
        (STRETCH, 2 * STRETCH + 1), // more than a stretch, across two edges
        (2 * STRETCH, 2 * STRETCH),
        (1, 1),
        (1, STRETCH), // the first stretch wholly
    ] {
        same(&format!("delete {lo}..={hi}"), |c, _| {
            x(
                c,
                &format!("DELETE FROM use_log WHERE seq BETWEEN {lo} AND {hi}"),
            )
        });
    }
}

#[test]
fn a_log_cut_at_an_edge_gets_the_same_verdict() {
    // A cut at the end is consistent for both walks (witnesses are the same check for both);
    // what matters is that the verdicts agree.
    for keep in [STRETCH, STRETCH + 1, 2 * STRETCH, 3 * STRETCH] {
        let (chain, full) = attack(&format!("truncate to {keep}"), |c, _| {
            x(c, &format!("DELETE FROM use_log WHERE seq > {keep}"))
        });
        assert_eq!(chain, full);
    }
}

#[test]
fn unreadable_fields_at_edges() {
    for (col, val) in [
        ("hash", "'text'"),
        ("hash", "x''"),
        ("prev_hash", "'text'"),
        ("signer", "'text'"),
        ("time", "x'00'"),
        ("time", "CAST(x'ff' AS TEXT)"),
        ("person_id", "1.5"),
        ("doc_version", "'abc'"),
        ("journal_number", "7"), // TEXT affinity: stored as '7'
        ("detail", "x'41'"),
    ] {
        for seq in [STRETCH, STRETCH + 1] {
            same(&format!("{col}={val} at {seq}"), |c, _| {
                x(
                    c,
                    &format!("UPDATE use_log SET {col} = {val} WHERE seq = {seq}"),
                )
            });
        }
    }
}

#[test]
fn an_unreadable_link_and_a_lower_fault() {
    same("hash text at 16384 + change 16000", |c, _| {
        x(c, "UPDATE use_log SET hash = 'text' WHERE seq = 16384");
        change(c, 16000);
    });
    same("hash text at 16384 + change 16384", |c, _| {
        change(c, 16384);
        x(c, "UPDATE use_log SET hash = 'text' WHERE seq = 16384");
    });
}

#[test]
fn rows_planted_below_and_above() {
    for to in [
        "0".to_string(),
        "-1".into(),
        i64::MIN.to_string(),
        "-8193".into(),
    ] {
        same(&format!("plant {to}"), |c, _| plant(c, 1, &to));
    }
    for off in [1, 2, STRETCH, STRETCH + 1] {
        same(&format!("plant n+{off}"), |c, n| {
            plant(c, n, &(n + off).to_string())
        });
    }
    // Rows appended so that max(seq) lands exactly on a stretch end.
    same("plant at 4*STRETCH", |c, n| {
        plant(c, n, &(4 * STRETCH).to_string())
    });
    same("plant at 4*STRETCH+1", |c, n| {
        plant(c, n, &(4 * STRETCH + 1).to_string())
    });
}

#[test]
fn entries_swapped_across_an_edge() {
    same("swap 8192/8193", |c, _| {
        x(
            c,
            "UPDATE use_log SET seq = -1 WHERE seq = 8192;
             UPDATE use_log SET seq = 8192 WHERE seq = 8193;
             UPDATE use_log SET seq = 8193 WHERE seq = -1;",
        )
    });
    // Entry 8193 moved to 8192's place: the link for stretch 2 now reads 8193's hash.
    same("8192 := copy of 8193 body", |c, _| {
        x(c, "DELETE FROM use_log WHERE seq = 8192");
        plant(c, 8193, "8192");
    });
}

#[test]
fn duplicate_numbers_at_an_edge() {
    // No uniqueness on seq at all: a second row at the edge.
    for (from, to) in [
        (STRETCH, STRETCH),
        (STRETCH + 1, STRETCH),
        (STRETCH - 1, STRETCH),
    ] {
        same(&format!("dup {from} as {to}"), |c, _| {
            x(
                c,
                "ALTER TABLE use_log RENAME TO use_log_old;
                 CREATE TABLE use_log AS SELECT * FROM use_log_old WHERE 0;
                 INSERT INTO use_log SELECT * FROM use_log_old ORDER BY seq;
                 DROP TABLE use_log_old;
                 CREATE INDEX use_log_seq ON use_log(seq);",
            );
            plant(c, from, &to.to_string());
        });
    }
}

#[test]
fn a_table_made_over_with_the_same_rows_gets_the_same_verdict() {
    let (chain, full) = attack("rebuild only", |c, _| rebuild_seq_int_pk(c));
    assert_eq!(chain, full);
}
