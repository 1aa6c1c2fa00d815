//! Issue 11: `log verify` checks signatures in parallel batches while the chain is walked in
//! order, and has a chain-only mode. The verdict must be the one an entry-by-entry walk gives:
//! the first wrong entry, whatever batch position it sits in, in both modes.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use infoflyt::audit::verify::Depth;
use infoflyt::identity::Session;
use rusqlite::Connection;

/// Entries per batch in src/audit/verify.rs.
const BATCH: i64 = 1024;

/// A store whose log holds a little over three batches, and a session on it.
fn three_batches(dir: &std::path::Path) -> (Session, i64) {
    store_with_log(dir, 3 * BATCH as u64 + 100)
}

/// First, last and neighbouring entries of every batch, and the very last entry.
fn positions(n: i64) -> Vec<i64> {
    let mut v = vec![1, 2, n - 1, n];
    for b in 1..=n / BATCH {
        v.extend([b * BATCH - 1, b * BATCH, b * BATCH + 1]);
    }
    v.retain(|p| (1..=n).contains(p));
    v.sort_unstable();
    v.dedup();
    v
}

/// Applies `tamper` in a savepoint, verifies to `depth`, rolls back.
fn verify_tampered(
    s: &Session,
    depth: Depth,
    tamper: impl FnOnce(&Connection),
) -> infoflyt::Result<infoflyt::audit::verify::Verified> {
    let conn = infoflyt::test_support::conn(s);
    conn.execute_batch("SAVEPOINT t").unwrap();
    tamper(conn);
    let res = s.verify_log_with(depth, |_, _| {});
    conn.execute_batch("ROLLBACK TO t; RELEASE t").unwrap();
    res
}

fn flip_signature(seq: i64) -> impl FnOnce(&Connection) {
    move |c| {
        let mut sig: Vec<u8> = c
            .query_row("SELECT signature FROM use_log WHERE seq = ?1", [seq], |r| {
                r.get(0)
            })
            .unwrap();
        sig[7] ^= 0x20;
        c.execute(
            "UPDATE use_log SET signature = ?1 WHERE seq = ?2",
            rusqlite::params![sig, seq],
        )
        .unwrap();
    }
}

fn change_contents(seq: i64) -> impl FnOnce(&Connection) {
    move |c| {
        c.execute(
            "UPDATE use_log SET time = '2000-01-01T00:00:00Z' WHERE seq = ?1",
            [seq],
        )
        .unwrap();
    }
}

fn expect_at(res: infoflyt::Result<infoflyt::audit::verify::Verified>, seq: i64, why: &str) {
    let err = match res {
        Ok(v) => panic!("entry {seq} ({why}) was not caught: {v:?}"),
        Err(e) => e,
    };
    assert_eq!(err.exit_code(), 5, "{err}");
    let text = err.to_string();
    assert!(
        text.contains(&format!("entry {seq}:")) && text.contains(why),
        "expected entry {seq} ({why}), got: {text}"
    );
}

#[test]
fn a_bad_signature_in_any_batch_position_is_caught_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let (s, n) = three_batches(dir.path());
    let whole = s.verify_log_with(Depth::Full, |_, _| {}).unwrap();
    assert_eq!(whole.entries, n);
    assert!(whole.signatures);
    for seq in positions(n) {
        expect_at(
            verify_tampered(&s, Depth::Full, flip_signature(seq)),
            seq,
            "its signature is not valid",
        );
        // The chain-only walk does not look at signatures, and says so.
        let quick = verify_tampered(&s, Depth::ChainOnly, flip_signature(seq)).unwrap();
        assert!(!quick.signatures);
        assert_eq!(quick.entries, n);
    }
}

#[test]
fn a_broken_chain_in_any_batch_position_is_caught_in_both_modes() {
    let dir = tempfile::tempdir().unwrap();
    let (s, n) = three_batches(dir.path());
    for seq in positions(n) {
        for depth in [Depth::Full, Depth::ChainOnly] {
            expect_at(
                verify_tampered(&s, depth, change_contents(seq)),
                seq,
                "its contents were changed after it was written",
            );
        }
    }
    // An entry removed: the gap is named in both modes.
    for depth in [Depth::Full, Depth::ChainOnly] {
        let res = verify_tampered(&s, depth, |c| {
            c.execute("DELETE FROM use_log WHERE seq = ?1", [BATCH + 1])
                .unwrap();
        });
        expect_at(res, BATCH + 1, "removed or reordered");
    }
}

#[test]
fn the_first_wrong_entry_decides_whichever_check_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = three_batches(dir.path());
    // A bad signature in a batch before a broken link: the signature is the first wrong entry,
    // though the walk reaches the break before the workers check that batch.
    let res = verify_tampered(&s, Depth::Full, |c| {
        flip_signature(BATCH / 2)(c);
        change_contents(BATCH + 3)(c);
    });
    expect_at(res, BATCH / 2, "its signature is not valid");
    // A broken link before a bad signature: the link.
    let res = verify_tampered(&s, Depth::Full, |c| {
        change_contents(BATCH / 2)(c);
        flip_signature(BATCH + 3)(c);
    });
    expect_at(res, BATCH / 2, "its contents were changed");
    // Both wrong in one entry: the chain check comes first, as in an entry-by-entry walk.
    let res = verify_tampered(&s, Depth::Full, |c| {
        flip_signature(BATCH)(c);
        change_contents(BATCH)(c);
    });
    expect_at(res, BATCH, "its contents were changed");
    // Two bad signatures in different batches: the lower.
    let res = verify_tampered(&s, Depth::Full, |c| {
        flip_signature(2 * BATCH + 5)(c);
        flip_signature(BATCH + 5)(c);
    });
    expect_at(res, BATCH + 5, "its signature is not valid");
}

#[test]
fn log_verify_no_signatures_checks_the_chain_and_says_signatures_were_not_checked() {
    let store = Store::new_local();
    // Two signed entries to check.
    for mib in ["100", "200"] {
        let out = store.run(
            ADMIN,
            ADMIN_PASS,
            &["store", "set", "max-document-mib", mib],
        );
        assert_eq!(code(&out), 0, "{}", describe(&out));
    }
    let out = store.run(ADMIN, ADMIN_PASS, &["log", "verify", "--no-signatures"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stdout(&out).contains("2 entries") && stdout(&out).contains("signatures NOT checked"),
        "{}",
        describe(&out)
    );
    let out = store.run(ADMIN, ADMIN_PASS, &["log", "verify"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stdout(&out).contains("chain and signatures verified"),
        "{}",
        describe(&out)
    );
    // A changed entry is caught by both, with exit 5.
    let key = infoflyt::test_support::store_key(&store.dir, ADMIN, ADMIN_PASS).unwrap();
    let c = infoflyt::test_support::open_db(&store.dir, &key).unwrap();
    c.execute(
        "UPDATE use_log SET time = '2000-01-01T00:00:00Z' WHERE seq = 1",
        [],
    )
    .unwrap();
    drop(c);
    for args in [
        &["log", "verify"][..],
        &["log", "verify", "--no-signatures"],
    ] {
        let out = store.run(ADMIN, ADMIN_PASS, args);
        assert_eq!(code(&out), 5, "{args:?}: {}", describe(&out));
    }
}

/// Sequence numbers per stretch of the chain-only walk in src/audit/chain.rs.
const STRETCH: i64 = 8192;

/// A store whose log spans a little over three stretches of the chain-only walk, so that
/// both cores take stretches.
fn three_stretches(dir: &std::path::Path) -> (Session, i64) {
    store_with_log(dir, 3 * STRETCH as u64 + 50)
}

/// Applies `tamper` to the entries `seqs` and commits it, so that every connection of the
/// walk sees it (a savepoint would be seen by the session's own connection alone); verifies
/// to `depth`; then puts the entries back as they were.
fn verify_committed(
    s: &Session,
    depth: Depth,
    seqs: &[i64],
    tamper: impl FnOnce(&Connection),
) -> infoflyt::Result<infoflyt::audit::verify::Verified> {
    use rusqlite::types::Value;
    let conn = infoflyt::test_support::conn(s);
    let mut saved: Vec<Vec<Value>> = Vec::new();
    for seq in seqs {
        let row = conn
            .query_row("SELECT * FROM use_log WHERE seq = ?1", [seq], |r| {
                (0..r.as_ref().column_count())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            })
            .unwrap();
        saved.push(row);
    }
    tamper(conn);
    let res = s.verify_log_with(depth, |_, _| {});
    for (seq, row) in seqs.iter().zip(saved) {
        conn.execute("DELETE FROM use_log WHERE seq = ?1", [seq])
            .unwrap();
        let marks = vec!["?"; row.len()].join(", ");
        conn.execute(
            &format!("INSERT INTO use_log VALUES ({marks})"),
            rusqlite::params_from_iter(row),
        )
        .unwrap();
    }
    res
}

/// The chain-only walk cuts the log into stretches and walks them on every core; a wrong
/// entry anywhere, and above all where one stretch ends and the next begins, is named as the
/// walk in order names it.
#[test]
fn the_chain_walk_on_every_core_names_the_first_wrong_entry_at_any_stretch_edge() {
    let dir = tempfile::tempdir().unwrap();
    let (s, n) = three_stretches(dir.path());
    let whole = s.verify_log_with(Depth::ChainOnly, |_, _| {}).unwrap();
    assert_eq!(whole.entries, n);
    assert_eq!(
        whole.head,
        s.verify_log_with(Depth::Full, |_, _| {}).unwrap().head
    );
    let mut edges = vec![1, 2, n - 1, n];
    for k in 1..=n / STRETCH {
        edges.extend([k * STRETCH - 1, k * STRETCH, k * STRETCH + 1]);
    }
    for seq in edges {
        expect_at(
            verify_committed(&s, Depth::ChainOnly, &[seq], change_contents(seq)),
            seq,
            "its contents were changed after it was written",
        );
    }
    // The same entry through the walk in order, signatures and all: the same verdict.
    expect_at(
        verify_committed(
            &s,
            Depth::Full,
            &[STRETCH + 1],
            change_contents(STRETCH + 1),
        ),
        STRETCH + 1,
        "its contents were changed",
    );
    // Two wrong entries in different stretches: the lower, whichever core got there first.
    for (low, high) in [(STRETCH + 7, 2 * STRETCH + 7), (3, 3 * STRETCH + 3)] {
        let res = verify_committed(&s, Depth::ChainOnly, &[low, high], |c| {
            change_contents(high)(c);
            change_contents(low)(c);
        });
        expect_at(res, low, "its contents were changed");
    }
    // The last entry of a stretch removed: named, though the next stretch links to it.
    for seq in [STRETCH, STRETCH + 1] {
        let res = verify_committed(&s, Depth::ChainOnly, &[seq], |c| {
            c.execute("DELETE FROM use_log WHERE seq = ?1", [seq])
                .unwrap();
        });
        expect_at(res, seq, "removed or reordered");
    }
    // A stored hash that no longer reads as one, at a stretch's end: that entry is named,
    // not the next stretch's first, which links to it.
    let res = verify_committed(&s, Depth::ChainOnly, &[2 * STRETCH], |c| {
        c.execute(
            "UPDATE use_log SET hash = 'not a hash' WHERE seq = ?1",
            [2 * STRETCH],
        )
        .unwrap();
    });
    expect_at(res, 2 * STRETCH, "no longer read as what was written");
    // An entry planted below the first: met where the walk in order meets it.
    let res = verify_committed(&s, Depth::ChainOnly, &[], |c| {
        c.execute_batch(
            "INSERT INTO use_log SELECT 0, time, user_name, unit, act, person_id, \
             journal_number, doc_version, purpose, outcome, detail, prev_hash, hash, signer, \
             signature FROM use_log WHERE seq = 1",
        )
        .unwrap();
    });
    infoflyt::test_support::conn(&s)
        .execute("DELETE FROM use_log WHERE seq = 0", [])
        .unwrap();
    expect_at(res, 1, "expected entry 1 but found 0");
    // Put back whole: the walk passes again.
    assert_eq!(
        s.verify_log_with(Depth::ChainOnly, |_, _| {})
            .unwrap()
            .entries,
        n
    );
}
