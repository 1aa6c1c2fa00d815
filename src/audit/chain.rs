//! The chain-only walk (`log verify --no-signatures`) on every core.
//!
//! Each entry's checks need only the entry and the stored hash of the one before it, so the
//! log is cut into stretches of [`STRETCH`] sequence numbers and each core takes the next
//! unwalked stretch on a connection of its own. A stretch links to the stored hash of the
//! entry below its start; that entry's own hash is checked by the stretch below, so every
//! link of the whole chain is checked exactly as a walk in order checks it. The stretches'
//! findings are then put in order, and the verdict is the same as the walk in order gives:
//! the lowest sequence number that fails, for the same reason.
//!
//! Entries are read in place ([`Fields::from_row`]): at ten million entries, building an
//! owned entry for each was a quarter of the time (issue 11).

use super::entry::{Entry, Fields};
use crate::store::db::Db;
use crate::{t, Result};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

/// Sequence numbers per stretch: enough that starting one (a search for the hash below it)
/// costs nothing next to walking it, few enough that two cores share a short log.
const STRETCH: i64 = 8192;

/// The page cache of a helper's connection, in pages.
const HELPER_CACHE: &str = "PRAGMA cache_size = 32;"; // untranslated: SQL

/// What a walk checks each entry against.
pub(super) struct Rules {
    /// The hash before the first entry.
    pub(super) genesis: [u8; 32],
    /// Each certified account's signing key.
    pub(super) keys: HashMap<String, Vec<u8>>,
    /// Each account's checked removal: nobody writes after it.
    pub(super) removed: HashMap<String, i64>,
}

/// How a stretch (or the whole walk) ended.
#[derive(Debug, PartialEq)]
pub(super) enum End {
    /// Every entry passed: the last sequence number and its hash.
    Through(i64, Vec<u8>),
    /// Entry `seq` failed, for the reason given.
    Broken(i64, String),
}

/// The entries numbered above `after` and up to `upto`; the first stretch has no lower bound
/// and the last no upper one, so that an entry numbered below 1, above the highest number,
/// or between two whole numbers (in a table made over) is still met where a walk in order
/// meets it. `first` is the number the stretch's first entry must have.
#[derive(Clone, Copy)]
struct Stretch {
    after: Option<i64>,
    upto: Option<i64>,
    first: i64,
}

/// How many stretches a log whose highest number is `total` has; `total` may be anything an
/// insider wrote, so the stretches are made one at a time ([`nth`]), never listed.
fn count(total: i64) -> i64 {
    (total.max(1) - 1) / STRETCH + 1
}

/// Stretch `i` of `count`.
fn nth(i: i64, count: i64) -> Stretch {
    // i < count, so i * STRETCH <= total: no overflow.
    let after = (i > 0).then(|| i * STRETCH);
    Stretch {
        after,
        upto: (i + 1 < count).then(|| (i + 1) * STRETCH),
        first: after.map_or(1, |a| a + 1),
    }
}

/// Whether the log's table is the one migration 0002 made: with `seq` the table's rowid,
/// every entry's number is a distinct whole number, which the stretches rely on. A table
/// made over by someone with the store key (`seq` a plain column, holding NULL or 8192.5)
/// is walked in one stretch, in the walk in order's own order.
fn table_as_made(conn: &Connection) -> Result<bool> {
    const SCHEMA: &str = include_str!("../../schema/0002_register.sql");
    let made = SCHEMA
        .find("CREATE TABLE use_log (")
        .and_then(|start| Some(&SCHEMA[start..start + SCHEMA[start..].find(");")? + 1]));
    let stored: Option<String> = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'use_log'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(made.is_some() && stored.as_deref() == made)
}

/// Walks the chain of the log whose highest sequence number is `total`, on `conn` and on a
/// connection of its own for each further core (`open` makes one). `progress` is called
/// with (entries done, total) on this thread.
pub(super) fn walk(
    conn: &Connection,
    open: impl Fn() -> Result<Db> + Sync,
    rules: &Rules,
    total: i64,
    mut progress: impl FnMut(u64, u64),
) -> Result<End> {
    let count = if table_as_made(conn)? {
        count(total)
    } else {
        1
    };
    let next = AtomicI64::new(0);
    let lowest = AtomicI64::new(i64::MAX);
    let done = AtomicU64::new(0);
    let found: Mutex<Vec<(i64, End)>> = Mutex::new(Vec::new());
    let total_u = u64::try_from(total).unwrap_or(0);
    let share = Share {
        count,
        next: &next,
        lowest: &lowest,
        done: &done,
        found: &found,
        rules,
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let helpers = usize::try_from(count)
        .unwrap_or(usize::MAX)
        .min(cores)
        .saturating_sub(1);
    std::thread::scope(|sc| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                sc.spawn(|| {
                    let db = open()?;
                    // A walk in order needs a handful of pages at a time. SQLCipher locks
                    // every page the cache takes in memory and scrubs it when freed, so a
                    // helper's default cache (500 pages) cost more than walking a short log.
                    db.conn().execute_batch(HELPER_CACHE)?;
                    share.work(db.conn(), |_| {})
                })
            })
            .collect();
        let mine = share.work(conn, |n| progress(n, total_u));
        // Every helper is joined before the verdict; an error of any is the walk's error.
        let theirs = handles.into_iter().map(|h| match h.join() {
            Ok(r) => r,
            Err(p) => std::panic::resume_unwind(p),
        });
        mine.and(theirs.collect::<Result<Vec<()>>>().map(|_| ()))
    })?;
    progress(done.load(Ordering::Relaxed), total_u);
    let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    found.sort_by_key(|(i, _)| *i);
    Ok(verdict(found))
}

/// The walk in order's verdict from the stretches' findings (in stretch order): the lowest
/// failing sequence number, the lower stretch's reason on a tie; else the last stretch's end.
fn verdict(found: Vec<(i64, End)>) -> End {
    let mut best: Option<End> = None;
    let mut last = End::Through(0, Vec::new());
    for (_, end) in found {
        match end {
            End::Broken(seq, _) if matches!(best, Some(End::Broken(b, _)) if b <= seq) => {}
            End::Broken(..) => best = Some(end),
            through => last = through,
        }
    }
    best.unwrap_or(last)
}

/// What the cores share.
struct Share<'a> {
    count: i64,
    next: &'a AtomicI64,
    lowest: &'a AtomicI64,
    done: &'a AtomicU64,
    found: &'a Mutex<Vec<(i64, End)>>,
    rules: &'a Rules,
}

impl Share<'_> {
    /// Takes stretches, in rising order, until none is left or the next lies wholly above a
    /// failure found already: then so does every later one, and none can change the verdict.
    fn work(&self, conn: &Connection, mut tick: impl FnMut(u64)) -> Result<()> {
        let mut buf = Vec::with_capacity(512);
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            if i >= self.count {
                return Ok(());
            }
            let s = nth(i, self.count);
            if s.first > self.lowest.load(Ordering::Relaxed) {
                return Ok(());
            }
            let (end, walked) = stretch(conn, s, self.rules, &mut buf)?;
            if let End::Broken(seq, _) = &end {
                self.lowest.fetch_min(*seq, Ordering::Relaxed);
            }
            self.found
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((i, end));
            tick(self.done.fetch_add(walked, Ordering::Relaxed) + walked);
        }
    }
}

/// Walks the entries above `after` to the head, in order, on this connection alone: whether
/// they run on whole from the stored entry `after` (for a check of the log since one
/// entry, not a whole walk).
pub(super) fn walk_above(conn: &Connection, rules: &Rules, after: i64) -> Result<End> {
    let s = Stretch {
        after: (after > 0).then_some(after),
        upto: None,
        first: after.max(0) + 1,
    };
    Ok(stretch(conn, s, rules, &mut Vec::with_capacity(512))?.0)
}

/// Walks one stretch: how it ended, and how many entries it passed.
fn stretch(conn: &Connection, s: Stretch, rules: &Rules, buf: &mut Vec<u8>) -> Result<(End, u64)> {
    let (mut expect, mut prev) = match s.after {
        None => (1, rules.genesis.to_vec()),
        Some(below) => {
            let hash: Option<std::result::Result<Vec<u8>, _>> = conn
                .prepare_cached("SELECT hash FROM use_log WHERE seq = ?1")?
                .query_row([below], |r| Ok(r.get::<_, Vec<u8>>(0)))
                .optional()?;
            match hash {
                Some(Ok(h)) => (s.first, h),
                // Missing or unreadable: the stretch below reports that entry, or one
                // before it, and wins the tie.
                _ => return Ok((End::Broken(below, t!("audit-entry-unreadable")), 0)),
            }
        }
    };
    let (bounds, params): (&str, Vec<i64>) = match (s.after, s.upto) {
        (None, None) => ("", vec![]),
        (None, Some(upto)) => ("WHERE seq <= ?1", vec![upto]),
        (Some(after), None) => ("WHERE seq > ?1", vec![after]),
        (Some(after), Some(upto)) => ("WHERE seq > ?1 AND seq <= ?2", vec![after, upto]),
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM use_log {bounds} ORDER BY seq",
        Entry::COLUMNS
    ))?;
    let mut rows = st.query(rusqlite::params_from_iter(params))?;
    let mut walked = 0u64;
    while let Some(row) = rows.next()? {
        // A field that no longer reads as its type is tampering too, at this entry.
        let Ok((f, hash)) = Fields::from_row(row) else {
            return Ok((End::Broken(expect, t!("audit-entry-unreadable")), walked));
        };
        if let Some(why) = fault(&f, hash, expect, &prev, rules, buf) {
            return Ok((End::Broken(expect, why), walked));
        }
        prev.clear();
        prev.extend_from_slice(hash);
        // Only a log of 2^63 entries could reach the end of the numbers.
        expect = expect.saturating_add(1);
        walked += 1;
    }
    match s.upto {
        Some(upto) if expect <= upto => {
            // Entries end before the stretch does, yet the log goes on above it: the walk
            // in order would meet the next entry where `expect` belongs.
            let next: Option<i64> = conn
                .prepare_cached("SELECT min(seq) FROM use_log WHERE seq > ?1")?
                .query_row([expect], |r| r.get(0))?;
            let why = t!(
                "audit-entry-out-of-order",
                expected = expect,
                found = next.unwrap_or(expect)
            );
            Ok((End::Broken(expect, why), walked))
        }
        _ => Ok((End::Through(expect - 1, prev), walked)),
    }
}

/// What is wrong with an entry read in place where entry `expect` linking to `prev` belongs,
/// in the order of [`super::verify`]'s own checks.
pub(super) fn fault(
    f: &Fields<'_>,
    hash: &[u8],
    expect: i64,
    prev: &[u8],
    rules: &Rules,
    buf: &mut Vec<u8>,
) -> Option<String> {
    // Plain comparisons: hashes and public keys are no secret to anyone who can read the
    // log, so a constant-time comparison (a barrier per byte) would protect nothing, and it
    // was a twentieth of the walk.
    if f.seq != expect {
        Some(t!(
            "audit-entry-out-of-order",
            expected = expect,
            found = f.seq
        ))
    } else if f.prev_hash != prev {
        Some(t!("audit-entry-unlinked"))
    } else if f.hash(buf)[..] != *hash {
        Some(t!("audit-entry-changed"))
    } else if rules.keys.get(f.user).is_none_or(|k| k[..] != *f.signer) {
        Some(t!("audit-entry-wrong-signer"))
    } else if rules.removed.get(f.user).is_some_and(|r| f.seq > *r) {
        Some(t!("audit-entry-removed-account"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_as_made_is_known_and_one_made_over_is_not() {
        let mut c = Connection::open_in_memory().unwrap();
        crate::store::migrate::apply(&mut c).unwrap();
        assert!(table_as_made(&c).unwrap());
        // Same columns, but `seq` no longer the rowid: it could hold NULL or 8192.5.
        c.execute_batch(
            "ALTER TABLE use_log RENAME TO made;
             CREATE TABLE use_log AS SELECT * FROM made;
             DROP TABLE made;",
        )
        .unwrap();
        assert!(!table_as_made(&c).unwrap());
    }

    #[test]
    fn stretches_cover_every_number_once_whatever_the_highest() {
        for total in [0, 1, STRETCH, STRETCH + 1, 3 * STRETCH + 50, i64::MAX] {
            let n = count(total);
            let first = nth(0, n);
            assert_eq!((first.after, first.first), (None, 1));
            assert_eq!(nth(n - 1, n).upto, None, "{total}");
            if n > 1 {
                // Each stretch starts just above where the one before ends.
                for i in [1, n / 2, n - 1] {
                    assert_eq!(nth(i, n).after, nth(i - 1, n).upto, "{total}, {i}");
                }
            }
        }
        assert_eq!(count(3 * STRETCH + 50), 4);
        assert_eq!(count(STRETCH), 1);
    }
}
