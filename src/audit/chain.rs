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
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Sequence numbers per stretch: enough that starting one (a search for the hash below it)
/// costs nothing next to walking it, few enough that two cores share a short log.
const STRETCH: i64 = 8192;

/// The page cache of a helper's connection, in pages.
const HELPER_CACHE: &str = "PRAGMA cache_size = 32;"; // untranslated: SQL

/// What a walk checks each entry against.
pub(super) struct Rules<'a> {
    /// The hash before the first entry.
    pub(super) genesis: [u8; 32],
    /// Each certified account's signing key.
    pub(super) keys: &'a HashMap<String, Vec<u8>>,
    /// Each account's checked removal: nobody writes after it.
    pub(super) removed: &'a HashMap<String, i64>,
}

/// How a stretch (or the whole walk) ended.
#[derive(Debug, PartialEq)]
pub(super) enum End {
    /// Every entry passed: the last sequence number and its hash.
    Through(i64, Vec<u8>),
    /// Entry `seq` failed, for the reason given.
    Broken(i64, String),
}

/// Sequence numbers `from..=to`; the first stretch has no lower bound and the last no upper
/// one, so that an entry numbered outside 1..=max is still met where a walk in order meets it.
#[derive(Clone, Copy)]
struct Stretch {
    from: i64,
    to: i64,
}

fn stretches(total: i64) -> Vec<Stretch> {
    let mut out = vec![Stretch {
        from: i64::MIN,
        to: STRETCH,
    }];
    let mut next = STRETCH + 1;
    while next <= total {
        out.push(Stretch {
            from: next,
            to: next + STRETCH - 1,
        });
        next += STRETCH;
    }
    if let Some(last) = out.last_mut() {
        last.to = i64::MAX;
    }
    out
}

/// Walks the chain of the log whose highest sequence number is `total`, on `conn` and on a
/// connection of its own for each further core (`open` makes one). `progress` is called
/// with (entries done, total) on this thread.
pub(super) fn walk(
    conn: &Connection,
    open: impl Fn() -> Result<Db> + Sync,
    rules: &Rules<'_>,
    total: i64,
    mut progress: impl FnMut(u64, u64),
) -> Result<End> {
    let all = stretches(total);
    let next = AtomicUsize::new(0);
    let lowest = AtomicI64::new(i64::MAX);
    let done = AtomicU64::new(0);
    let found: Mutex<Vec<(usize, End)>> = Mutex::new(Vec::with_capacity(all.len()));
    let total_u = u64::try_from(total).unwrap_or(0);
    let share = Share {
        all: &all,
        next: &next,
        lowest: &lowest,
        done: &done,
        found: &found,
        rules,
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let helpers = cores.min(all.len()).saturating_sub(1);
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
fn verdict(found: Vec<(usize, End)>) -> End {
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
    all: &'a [Stretch],
    next: &'a AtomicUsize,
    lowest: &'a AtomicI64,
    done: &'a AtomicU64,
    found: &'a Mutex<Vec<(usize, End)>>,
    rules: &'a Rules<'a>,
}

impl Share<'_> {
    /// Takes stretches until none is left. One wholly above a failure found already cannot
    /// change the verdict and is skipped.
    fn work(&self, conn: &Connection, mut tick: impl FnMut(u64)) -> Result<()> {
        let mut buf = Vec::with_capacity(512);
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(s) = self.all.get(i) else {
                return Ok(());
            };
            if s.from > self.lowest.load(Ordering::Relaxed) {
                continue;
            }
            let (end, walked) = stretch(conn, *s, self.rules, &mut buf)?;
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

/// Walks one stretch: how it ended, and how many entries it passed.
fn stretch(
    conn: &Connection,
    s: Stretch,
    rules: &Rules<'_>,
    buf: &mut Vec<u8>,
) -> Result<(End, u64)> {
    let (mut expect, mut prev) = if s.from == i64::MIN {
        (1, rules.genesis.to_vec())
    } else {
        let below: Option<std::result::Result<Vec<u8>, _>> = conn
            .prepare_cached("SELECT hash FROM use_log WHERE seq = ?1")?
            .query_row([s.from - 1], |r| Ok(r.get::<_, Vec<u8>>(0)))
            .optional()?;
        match below {
            Some(Ok(h)) => (s.from, h),
            // Missing or unreadable: the stretch below reports that entry, or one before it.
            _ => return Ok((End::Broken(s.from - 1, t!("audit-entry-unreadable")), 0)),
        }
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM use_log WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq",
        Entry::COLUMNS
    ))?;
    let mut rows = st.query([s.from, s.to])?;
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
        expect += 1;
        walked += 1;
    }
    if s.to != i64::MAX && expect <= s.to {
        // Entries end before the stretch does, yet the log goes on above it: the walk in
        // order would meet the next entry where `expect` belongs.
        let next: Option<i64> = conn
            .prepare_cached("SELECT min(seq) FROM use_log WHERE seq > ?1")?
            .query_row([expect], |r| r.get(0))?;
        let why = t!(
            "audit-entry-out-of-order",
            expected = expect,
            found = next.unwrap_or(expect)
        );
        return Ok((End::Broken(expect, why), walked));
    }
    Ok((End::Through(expect - 1, prev), walked))
}

/// What is wrong with an entry read in place where entry `expect` linking to `prev` belongs,
/// in the order of [`super::verify`]'s own checks.
pub(super) fn fault(
    f: &Fields<'_>,
    hash: &[u8],
    expect: i64,
    prev: &[u8],
    rules: &Rules<'_>,
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
