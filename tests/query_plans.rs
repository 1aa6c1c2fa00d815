//! Issue 11: no query on a hot path reads a whole table. Every statement that unlocking, `doc
//! add`, `doc show`, `doc list --person`, `person show` and `journal list --limit` run is
//! recorded as the library runs it (the same calls the commands make), and SQLite's own plan
//! for each (`EXPLAIN QUERY PLAN`) must search an index, never scan a table that grows with
//! the store. Only tables whose size does not grow with the store may be scanned: they are
//! named below, each with why. No statement on those paths may build a temporary b-tree or
//! run a trigger at every execution either.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use infoflyt::authz::Grading;
use infoflyt::crypto::Passphrase;
use infoflyt::documents::add::{Content, NewDoc};
use infoflyt::documents::reader::Use;
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use infoflyt::synthetic::{bench_store, populate, Plan, OFFICER_PASS};
use infoflyt::test_support::statements::record;
use std::collections::BTreeSet;
use std::time::Duration;
use zeroize::Zeroizing;

/// Tables a hot path may scan, because they do not grow with the store's documents, persons
/// or log: one row per store, per account, per migration or per setting, and the queues of
/// work still to do.
const SMALL_TABLES: &[&str] = &[
    "store_meta",
    "schema_version",
    "sqlite_master",
    "users",
    "unit_keys",
    "store_settings",
    "log_witnesses",
    // Work queues: each row is a grant or a rotation that some reader's next session carries
    // out, so they are empty once the work is done (and a reader's own wraps, the other way
    // round, grow with the folders).
    "folder_grants_pending",
    "folder_rotations_pending",
];

/// The statement recorder is one per process: the tests that record take turns.
static RECORDER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Each hot path, with the statements it ran.
fn hot_paths(paths: &StorePaths) -> Vec<(&'static str, Vec<String>)> {
    let pass = Passphrase::from(OFFICER_PASS);
    let mut out = Vec::new();
    let ((mut s, _), sql) =
        record(|| infoflyt::sitting::begin(paths, "bench", &pass, |_, _, _| {}).unwrap());
    out.push(("unlock", sql));
    let person: i64 = infoflyt::test_support::conn(&s)
        .query_row("SELECT max(person_id) FROM folders", [], |r| r.get(0))
        .unwrap();
    let (jno, sql) = record(|| add(&mut s, person));
    out.push(("doc add", sql));
    let ((), sql) = record(|| {
        let mut d = s.open_document(&jno, Use::Show, None).unwrap();
        d.copy_to(&mut std::io::sink()).unwrap();
    });
    out.push(("doc show", sql));
    let (docs, sql) = record(|| s.documents(Some(person)).unwrap());
    assert!(!docs.is_empty());
    out.push(("doc list --person", sql));
    let ((), sql) = record(|| person_show(&mut s, person));
    out.push(("person show", sql));
    let (rows, sql) = record(|| s.journal_newest(None, 5).unwrap());
    assert_eq!(rows.len(), 5);
    out.push(("journal list --limit", sql));
    let ((), sql) = record(|| infoflyt::sitting::end(&mut s).unwrap());
    out.push(("end of a sitting", sql));
    out
}

fn add(s: &mut Session, person: i64) -> String {
    s.add_document(NewDoc {
        person_id: person,
        grading: Grading::Fortrolig,
        title: "Query plans".into(),
        source: infoflyt::documents::Source::Local,
        unverified: false,
        health_confidential: false,
        content: Content::Text(Zeroizing::new("x".repeat(100))),
        info_date: None,
        exemption: None,
    })
    .unwrap()
    .journal_number
}

/// What `person show` reads (src/cli/person.rs).
fn person_show(s: &mut Session, id: i64) {
    s.show_person(id).unwrap();
    s.person_links(id).unwrap();
    s.networks_of(id).unwrap();
    s.documents(Some(id)).unwrap();
    s.colocations(Some(id), None).unwrap();
}

/// Partial indexes whose rows are a small kind of row, not the table: a scan of one grows with
/// that kind only. `use_log_removals` holds the `list-remove` entries (one per account taken
/// off the list in the store's life), which every unlock reads to know who was removed.
const PARTIAL_INDEXES: &[&str] = &["use_log_removals"];

/// The tables a plan scans (`SCAN t`, with or without an index), other than small ones.
fn scans(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut st = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("cannot explain {sql}: {e}"));
    // The plan does not depend on the values: bind NULL to every parameter.
    let nulls = std::iter::repeat_n(rusqlite::types::Null, st.parameter_count());
    let details: Vec<String> = st
        .query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    details
        .into_iter()
        .filter(|d| {
            let Some(rest) = d.strip_prefix("SCAN ") else {
                return false;
            };
            let table = table_of(conn, sql, rest.split_whitespace().next().unwrap_or(""));
            let table = table.as_str();
            // A subquery's or a CTE's own rows, and a row of constants, are not tables.
            table != "CONSTANT"
                && !table.starts_with('(')
                && !SMALL_TABLES.contains(&table)
                && !rest.contains("VIRTUAL TABLE")
                && !PARTIAL_INDEXES
                    .iter()
                    .any(|i| rest.ends_with(&format!("INDEX {i}")))
        })
        .collect()
}

/// The table behind a name in a plan: the name itself, or what the SQL aliases to it
/// (`FROM folder_grants_pending g`).
fn table_of(conn: &rusqlite::Connection, sql: &str, name: &str) -> String {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    if tables.iter().any(|t| t == name) {
        return name.to_owned();
    }
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let alias = match words.get(i + 1) {
            Some(a) if a.eq_ignore_ascii_case("AS") => words.get(i + 2),
            a => a,
        };
        if alias == Some(&name) && tables.iter().any(|t| t == w) {
            return (*w).to_owned();
        }
    }
    name.to_owned()
}

/// What a statement builds anew at each execution: a temporary b-tree (for an `IN` list of
/// more than two values, in a query or a CHECK, or for `DISTINCT`) or a trigger's
/// sub-program. Each costs a pager, a page cache or a frame, allocated and freed every time,
/// and with SQLCipher's memory security every such allocation is locked in memory and
/// scrubbed: the journal's CHECK and trigger were half the time of a large import, and an
/// `IN` list in the folder-key check a third of the time of carrying out grants (issue 11).
fn per_row_temporaries(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
    let nulls = std::iter::repeat_n(rusqlite::types::Null, st.parameter_count());
    st.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(1))
        .unwrap()
        .map(Result::unwrap)
        .filter(|op| op == "OpenEphemeral" || op == "Program")
        .collect()
}

/// Subqueries run again for every row of the outer query: each another index search, which
/// in a large store reads pages of its own. A person's listing searched the (journal number,
/// version) index once per document for the newest version, two more pages per document
/// through SQLCipher in a store of a million documents (issue 11).
fn correlated_subqueries(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let nulls = std::iter::repeat_n(rusqlite::types::Null, st.parameter_count());
    st.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .filter(|d| d.starts_with("CORRELATED"))
        .collect()
}

/// What is wrong with the plan of `sql`, run on `path`: a scan of a table that grows, a
/// subquery run for every row, or a temporary built at every execution.
fn plan_failures(conn: &rusqlite::Connection, path: &str, sql: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let bad = scans(conn, sql);
    if !bad.is_empty() {
        failures.push(format!("{path}: {}\n    {}", bad.join("; "), sql.trim()));
    }
    let correlated = correlated_subqueries(conn, sql);
    if !correlated.is_empty() {
        failures.push(format!(
            "{path}: runs {} for every row\n    {}",
            correlated.join(", "),
            sql.trim()
        ));
    }
    let temporaries = per_row_temporaries(conn, sql);
    if !temporaries.is_empty() {
        failures.push(format!(
            "{path}: builds {} at every execution\n    {}",
            temporaries.join(", "),
            sql.trim()
        ));
    }
    failures
}

fn explainable(sql: &str) -> bool {
    let head = sql.trim_start().to_ascii_uppercase();
    ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE"]
        .iter()
        .any(|k| head.starts_with(k))
}

/// This test's turn at the recorder, armed, and an empty directory for its store.
fn recording() -> (
    std::sync::MutexGuard<'static, ()>,
    tempfile::TempDir,
    StorePaths,
) {
    let turn = RECORDER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    infoflyt::test_support::statements::arm();
    let dir = tempfile::tempdir().unwrap();
    let paths = StorePaths::new(dir.path());
    (turn, dir, paths)
}

/// A new store at the Argon2id floor, and `bench`'s sitting in it.
fn new_bench_store(paths: &StorePaths) -> Session {
    bench_store(paths, 0, Duration::from_millis(1)).unwrap();
    let (s, _) = infoflyt::sitting::begin(
        paths,
        "bench",
        &Passphrase::from(OFFICER_PASS),
        |_, _, _| {},
    )
    .unwrap();
    s
}

#[test]
fn no_hot_path_query_scans_a_table_that_grows_with_the_store() {
    let (_turn, dir, paths) = recording();
    {
        let mut s = new_bench_store(&paths);
        populate(
            &mut s,
            Plan {
                persons: 20,
                documents: 60,
                log_entries: 200,
            },
            |_, _| {},
        )
        .unwrap();
        infoflyt::sitting::end(&mut s).unwrap();
    }
    let paths_run = hot_paths(&paths);
    let key = infoflyt::test_support::store_key(dir.path(), "bench", OFFICER_PASS).unwrap();
    let conn = infoflyt::test_support::open_db(dir.path(), &key).unwrap();
    let mut failures = Vec::new();
    let mut explained = 0;
    for (path, statements) in &paths_run {
        assert!(!statements.is_empty(), "{path}: no statement was recorded");
        let distinct: BTreeSet<&String> = statements.iter().collect();
        for sql in distinct {
            if !explainable(sql) {
                continue;
            }
            explained += 1;
            failures.extend(plan_failures(&conn, path, sql));
        }
    }
    assert!(explained > 30, "only {explained} statements explained");
    assert!(
        failures.is_empty(),
        "hot-path queries that scan a table or build temporaries:\n{}",
        failures.join("\n")
    );
}

/// `log verify` reads the log once, in order: the walk is its only statement that scans
/// `use_log`. A count for the progress bar used to scan it first, a second pass over every
/// page of a ten-year log (issue 11). The chain-only walk of a log longer than one stretch
/// (8 192 entries) scans nothing: each core reads its stretches by searches of the primary key.
#[test]
fn log_verify_reads_the_log_once() {
    let (_turn, dir, paths) = recording();
    let mut s = new_bench_store(&paths);
    let plan = Plan {
        persons: 1,
        documents: 0,
        log_entries: 8_300,
    };
    populate(&mut s, plan, |_, _| {}).unwrap();
    let key = infoflyt::test_support::store_key(dir.path(), "bench", OFFICER_PASS).unwrap();
    let conn = infoflyt::test_support::open_db(dir.path(), &key).unwrap();
    for (depth, walk) in [
        (infoflyt::audit::verify::Depth::Full, "ORDER BY seq"),
        (infoflyt::audit::verify::Depth::ChainOnly, "WHERE seq <="),
    ] {
        let (verified, sql) = record(|| s.verify_log_with(depth, |_, _| {}).unwrap());
        assert!(verified.entries > 0);
        let distinct: BTreeSet<&String> = sql.iter().filter(|q| explainable(q)).collect();
        let log_scans: Vec<&&String> = distinct
            .iter()
            .filter(|q| scans(&conn, q).iter().any(|d| d.contains("use_log")))
            .collect();
        let expected = usize::from(depth == infoflyt::audit::verify::Depth::Full);
        assert_eq!(
            log_scans.len(),
            expected,
            "{depth:?}: statements scanning the log: {log_scans:#?}"
        );
        assert!(
            distinct
                .iter()
                .any(|q| q.contains("FROM use_log") && q.contains(walk)),
            "{depth:?}: the walk is missing: {distinct:#?}"
        );
    }
}

/// Issue 7: an import of many documents files at least 10 000 signed log entries a second.
/// Every statement it runs once per document (or more often) is held to the hot paths' rule:
/// the look-up of earlier receipts sorted its few rows with `ORDER BY … LIMIT 1`, a temporary
/// b-tree per document that was two fifths of the filing thread's time. More documents than
/// the import lets wait for their signatures (64), so that the store must verify after rows
/// were written well behind the documents they belong to.
#[test]
fn an_import_runs_nothing_per_document_that_scans_or_builds_temporaries() {
    use infoflyt::identity::Level;
    use infoflyt::synthetic::{bench_trust, bench_unit_store, BenchUnit};
    const DOCS: usize = 70;
    let (_turn, dir, _) = recording();
    let (prison, region) = (
        StorePaths::new(dir.path().join("prison")),
        StorePaths::new(dir.path().join("region")),
    );
    let unit = |level, unit, region| BenchUnit {
        level,
        unit,
        region,
    };
    bench_unit_store(
        &prison,
        &unit(Level::Local, "Oslo fengsel", Some("Region øst")),
    )
    .unwrap();
    bench_unit_store(&region, &unit(Level::Region, "Region øst", None)).unwrap();
    bench_trust(&prison, &region).unwrap();
    bench_trust(&region, &prison).unwrap();
    let pass = Passphrase::from(OFFICER_PASS);
    let (mut s, _) = infoflyt::sitting::begin(&prison, "bench", &pass, |_, _, _| {}).unwrap();
    let plan = Plan {
        persons: 3,
        documents: DOCS as u64,
        log_entries: DOCS as u64,
    };
    populate(&mut s, plan, |_, _| {}).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let file = infoflyt::synthetic::bench_copy_up(&mut s, "Region øst", &out).unwrap();
    infoflyt::sitting::end(&mut s).unwrap();
    let (mut r, _) = infoflyt::sitting::begin(&region, "bench", &pass, |_, _, _| {}).unwrap();
    let (imported, sql) = record(|| r.import_package(&file, Some(&out), |_, _| {}).unwrap());
    assert_eq!(imported.documents.len(), DOCS);
    let failed: Vec<_> = r
        .verify_store()
        .unwrap()
        .into_iter()
        .filter(|c| !c.ok)
        .collect();
    assert!(failed.is_empty(), "verify after the import: {failed:#?}");
    let mut runs: std::collections::BTreeMap<&String, usize> = Default::default();
    for q in sql.iter().filter(|q| explainable(q)) {
        *runs.entry(q).or_default() += 1;
    }
    let per_document: Vec<&String> = runs
        .into_iter()
        .filter(|&(_, n)| n >= DOCS)
        .map(|(q, _)| q)
        .collect();
    assert!(
        per_document.iter().any(|q| q.contains("FROM documents_in")),
        "the look-up of earlier receipts was not run per document: {per_document:#?}"
    );
    let key = infoflyt::test_support::store_key(&region.dir, "bench", OFFICER_PASS).unwrap();
    let conn = infoflyt::test_support::open_db(&region.dir, &key).unwrap();
    let failures: Vec<String> = per_document
        .iter()
        .flat_map(|q| plan_failures(&conn, "package import, per document", q))
        .collect();
    assert!(
        failures.is_empty(),
        "statements an import runs per document that scan a table or build temporaries:\n{}",
        failures.join("\n")
    );
}
