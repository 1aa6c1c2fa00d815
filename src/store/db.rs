//! The SQLCipher connection: raw key, pragmas, transactions, integrity checks.

use crate::crypto::SecretKey;
use crate::{Error, Result};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;
use zeroize::Zeroizing;

/// How long a writer waits for another process before giving up (DESIGN.md §9: a second
/// process waits rather than fails).
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Prepared statements kept per connection (`prepare_cached`): more than the distinct
/// statements of any one command's inner loop.
const STATEMENT_CACHE: usize = 256;

/// An open, keyed database. Only `identity::Session` hands it out.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
}

/// SQLCipher's memory security (DESIGN.md §3): every allocation locked in memory and wiped
/// when freed. SQLCipher only ever switches it on, process-wide, so its cost can be measured
/// only in a build that never does: the `bench-without-memory-security` feature, which
/// requires the `bench` feature and is for `cargo bench` alone (docs/benchmarks.md).
#[cfg(not(feature = "bench-without-memory-security"))]
const MEMORY_SECURITY: &str = "PRAGMA cipher_memory_security = ON;"; // untranslated: SQL
#[cfg(feature = "bench-without-memory-security")]
const MEMORY_SECURITY: &str = "";
#[cfg(all(feature = "bench-without-memory-security", not(feature = "bench")))]
compile_error!("`bench-without-memory-security` is for benchmarks only (with `bench`)"); // untranslated: a build error for developers

impl Db {
    /// Creates a new database file (0600) and keys it. The file must not exist.
    pub fn create(path: &Path, key: &SecretKey) -> Result<Db> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(Error::io(crate::t!(
                "store-cannot-create",
                path = path.display().to_string()
            )))?;
        Self::open_with(path, key, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// Opens an existing database with its key.
    pub fn open(path: &Path, key: &SecretKey) -> Result<Db> {
        let len = std::fs::metadata(path)
            .map_err(Error::io(crate::t!(
                "store-cannot-open",
                path = path.display().to_string()
            )))?
            .len();
        // SQLCipher pages are 4096 bytes; a non-empty file of another size was cut short.
        if len == 0 || !len.is_multiple_of(4096) {
            return Err(Error::Integrity(crate::t!(
                "store-db-truncated",
                path = path.display().to_string(),
                len = len
            )));
        }
        Self::open_with(path, key, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(path: &Path, key: &SecretKey, flags: OpenFlags) -> Result<Db> {
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        #[allow(unused_mut)] // mutated only by the test-support statement recorder
        let mut conn = Connection::open_with_flags(path, flags)?;
        #[cfg(feature = "test-support")]
        super::statements::install(&mut conn)?;
        // SQLCipher logs HMAC failures to stderr itself; we report them once, clearly.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")?; // untranslated: SQL

        // The raw-key form skips SQLCipher's own PBKDF2: the key already comes from a keyslot.
        let mut sql = Zeroizing::new(String::with_capacity(80));
        sql.push_str("PRAGMA key = \"x'"); // untranslated: SQL
        sql.push_str(&key.to_hex());
        sql.push_str("'\";");
        conn.execute_batch(&sql)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Without the planner stability guarantee, SQLite marks a statement whose plan might
        // depend on a bound value (an equality the chosen index does not use, a partial
        // index) to be prepared again when that value changes, and rusqlite clears the
        // bindings of every statement it returns to its cache, which always counts as a
        // change. Such statements were parsed and planned anew at every use: grants to a
        // newcomer for 10 000 folders cost 40 times the raw key wraps instead of 6. Our
        // queries are planned for their indexes, not for particular values, and a plan that
        // does not move with the data is also easier to reason about.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // rusqlite keeps 16 prepared statements by default; filing one received document
        // alone runs more distinct statements than that, so each would be parsed again for
        // every document of a large import.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.execute_batch(MEMORY_SECURITY)?;
        conn.execute_batch(
            "PRAGMA secure_delete = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA foreign_keys = ON;
             PRAGMA trusted_schema = OFF;",
        )?;
        // First read of page 1: fails with NOTADB if the key is wrong or the page was changed.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?; // untranslated: SQL
        conn.execute_batch("PRAGMA synchronous = FULL;")?; // untranslated: SQL
        Ok(Db { conn })
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, for migrations.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one write transaction, begun IMMEDIATE so concurrent writers queue at
    /// the start instead of failing at commit. Nothing is kept unless `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f`'s reads in one read transaction (one snapshot), unless a transaction is
    /// already open. Without it every statement takes and drops SQLite's shared WAL lock
    /// (two `fcntl` calls), which was an eighth of the time of carrying out grants, where
    /// each folder costs some twenty statements (issue 11). `f` must not write.
    pub(crate) fn read<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        /// Ends the read transaction however `f` ends, a panic included, so that no later
        /// write of the session finds a transaction still open.
        struct End<'c>(&'c Connection);
        impl Drop for End<'_> {
            fn drop(&mut self) {
                // A read transaction has nothing to keep: ending it cannot lose anything.
                if self.0.execute_batch("COMMIT").is_err() {
                    // untranslated: SQL
                    let _ = self.0.execute_batch("ROLLBACK"); // untranslated: SQL
                }
                let _ = self.0.execute_batch("PRAGMA query_only = OFF"); // untranslated: SQL
            }
        }
        // `query_only` makes a write inside `f` an error rather than part of the snapshot.
        self.conn.execute_batch("PRAGMA query_only = ON")?; // untranslated: SQL
        let end = End(&self.conn);
        self.conn.execute_batch("BEGIN DEFERRED")?; // untranslated: SQL
        let out = f();
        drop(end);
        out
    }

    /// Like [`Db::write`], but gives up at once (`Ok(None)`) if another process holds the
    /// write lock: for bookkeeping that may be skipped, so a reader never waits on a writer.
    pub(crate) fn try_write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        self.conn.busy_timeout(Duration::ZERO)?;
        let res = Self::try_in(&mut self.conn, f);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        res
    }

    fn try_in<T>(
        conn: &mut Connection,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let begun = conn.transaction_with_behavior(TransactionBehavior::Immediate);
        match begun {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e.into()),
            Ok(tx) => {
                let out = f(&tx);
                match out {
                    Ok(v) => tx.commit().map(|()| Some(v)).map_err(Into::into),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Copies the write-ahead log into the database and truncates it to zero bytes, so no
    /// image of a page from before the last writes stays in it (retention: with
    /// `secure_delete`, freed pages are overwritten in the database itself). Waits a few
    /// seconds for readers in other processes; `Ok(false)` if one still holds an older
    /// snapshot, and then the log is not emptied.
    pub(crate) fn checkpoint_truncate(&self) -> Result<bool> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        let r = self.conn.query_row(
            "PRAGMA wal_checkpoint(TRUNCATE)", // untranslated: SQL
            [],
            |r| r.get::<_, i64>(0),
        );
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(r? == 0)
    }

    /// SQLCipher's page-by-page HMAC check plus SQLite's structural check. Returns the
    /// problems found; empty means sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA cipher_integrity_check")?; // untranslated: SQL
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            problems.push(r?);
        }
        let mut st = self.conn.prepare("PRAGMA integrity_check")?; // untranslated: SQL
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            let r = r?;
            if r != "ok" {
                problems.push(r);
            }
        }
        let fk: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")? // untranslated: SQL
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<_, _>>()?;
        for t in fk {
            problems.push(crate::t!("store-db-foreign-key", table = t));
        }
        Ok(problems)
    }

    /// The SQLCipher version linked in (for `verify` and the benchmarks).
    pub fn cipher_version(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA cipher_version", [], |r| r.get(0))?) // untranslated: SQL
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    /// The two statements the grants benchmark found parsed again at every use (issue 11):
    /// each runs from rusqlite's cache with a new value bound each time, and must keep its
    /// first preparation.
    #[test]
    fn cached_statements_are_not_prepared_again_when_their_values_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("s.db"), &SecretKey::from_bytes([7; 32])).unwrap();
        crate::store::migrate::apply(db.conn_mut()).unwrap();
        for sql in [
            "SELECT max(version) FROM folder_key_versions WHERE folder_id = ?1 AND tier = ?2", // untranslated: SQL
            "SELECT seq FROM use_log WHERE person_id = ?1 AND act IN ('create', 'grant') \
             AND outcome = 'ok' AND instr(detail, ?2) > 0 ORDER BY seq", // untranslated: SQL
        ] {
            let mut reprepared = 0;
            for (i, tier) in [(1_i64, "F"), (2, "S"), (3, "F"), (0, "S"), (70_000, "F")] {
                let mut st = db.conn().prepare_cached(sql).unwrap();
                let _ = st
                    .query_map(rusqlite::params![i, tier], |_| Ok(()))
                    .unwrap()
                    .count();
                reprepared = st.get_status(StatementStatus::RePrepare);
            }
            assert_eq!(reprepared, 0, "prepared again at every use: {sql}");
        }
    }

    /// `read` holds one snapshot: a commit by another connection in the middle is not seen
    /// until it ends, and it nests inside a transaction already open.
    #[test]
    fn reads_see_one_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let key = SecretKey::from_bytes([7; 32]);
        let db = Db::create(&path, &key).unwrap();
        db.conn()
            .execute_batch("CREATE TABLE t (x INTEGER)")
            .unwrap(); // untranslated: SQL
        let mut other = Db::open(&path, &key).unwrap();
        let count = |db: &Db| -> i64 {
            db.conn()
                .query_row("SELECT count(*) FROM t", [], |r| r.get(0)) // untranslated: SQL
                .unwrap()
        };
        let seen = db
            .read(|| {
                let before = count(&db);
                other
                    .write(|tx| Ok(tx.execute("INSERT INTO t VALUES (1)", [])?)) // untranslated: SQL
                    .unwrap();
                Ok((before, count(&db)))
            })
            .unwrap();
        assert_eq!(seen, (0, 0));
        assert_eq!(count(&db), 1);
        assert!(db.conn().is_autocommit());
        // A write inside it is refused, and afterwards writes work again.
        let refused = db.read(|| Ok(db.conn().execute("INSERT INTO t VALUES (2)", [])?)); // untranslated: SQL
        assert!(refused.is_err());
        assert_eq!(count(&db), 1);
        db.conn().execute("INSERT INTO t VALUES (3)", []).unwrap(); // untranslated: SQL
        assert_eq!(count(&db), 2);
        // A panic inside it ends it too.
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = db.read(|| -> Result<()> { panic!("inside a read") });
        }));
        assert!(caught.is_err());
        assert!(db.conn().is_autocommit());
        // Inside an open transaction it neither begins nor ends one.
        db.conn().execute_batch("BEGIN IMMEDIATE").unwrap(); // untranslated: SQL
        db.read(|| Ok(())).unwrap();
        assert!(!db.conn().is_autocommit());
        db.conn().execute_batch("ROLLBACK").unwrap(); // untranslated: SQL
    }

    /// Every connection the program opens runs with SQLCipher's memory security on
    /// (DESIGN.md §3); only a benchmark build made to measure its cost leaves it off.
    #[test]
    #[cfg(not(feature = "bench-without-memory-security"))]
    fn connections_run_with_memory_security() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let key = SecretKey::from_bytes([7; 32]);
        drop(Db::create(&path, &key).unwrap());
        let db = Db::open(&path, &key).unwrap();
        let on: String = db
            .conn()
            .query_row("PRAGMA cipher_memory_security", [], |r| r.get(0)) // untranslated: SQL
            .unwrap();
        assert_eq!(on, "1");
    }
}
