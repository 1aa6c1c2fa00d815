//! Numbered migrations from `schema/`, applied in order on open and recorded with their
//! SHA-256, so an edited migration or a store from a newer program is refused instead of
//! silently misread.

use crate::crypto::{hex, sha256};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// One migration file.
#[derive(Debug)]
pub struct Migration {
    /// Its number.
    pub version: i64,
    /// Its file name in `schema/`.
    pub name: &'static str,
    /// Its SQL.
    pub sql: &'static str,
}

/// Every migration, in order. A test checks this list against the files in `schema/`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init.sql",
        sql: include_str!("../../schema/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_register.sql",
        sql: include_str!("../../schema/0002_register.sql"),
    },
    Migration {
        version: 3,
        name: "0003_authlist.sql",
        sql: include_str!("../../schema/0003_authlist.sql"),
    },
    Migration {
        version: 4,
        name: "0004_folder_keys.sql",
        sql: include_str!("../../schema/0004_folder_keys.sql"),
    },
    Migration {
        version: 5,
        name: "0005_register_upkeep.sql",
        sql: include_str!("../../schema/0005_register_upkeep.sql"),
    },
    // Casework (issue 9).
    Migration {
        version: 6,
        name: "0006_casework.sql",
        sql: include_str!("../../schema/0006_casework.sql"),
    },
    // Transfer packages (issue 7).
    Migration {
        version: 7,
        name: "0007_transfer.sql",
        sql: include_str!("../../schema/0007_transfer.sql"),
    },
    // Retention (issue 8).
    Migration {
        version: 8,
        name: "0008_retention.sql",
        sql: include_str!("../../schema/0008_retention.sql"),
    },
    // Speed (issue 11).
    Migration {
        version: 9,
        name: "0009_speed.sql",
        sql: include_str!("../../schema/0009_speed.sql"),
    },
    // What an insider could change unseen: trust, access requests, disclosures (issue 7).
    Migration {
        version: 10,
        name: "0010_insider.sql",
        sql: include_str!("../../schema/0010_insider.sql"),
    },
    // A folder's listing at full size (issue 11).
    Migration {
        version: 11,
        name: "0011_listing.sql",
        sql: include_str!("../../schema/0011_listing.sql"),
    },
];

/// Applies what is missing, in one transaction. An up-to-date store is only read: opening it
/// takes no write lock.
pub fn apply(conn: &mut Connection) -> Result<()> {
    if up_to_date(conn)? {
        return Ok(());
    }
    register_functions(conn)?;
    apply_missing(conn)
}

/// What differs between the store's schema and the one the migrations make in an empty
/// database: each table, index, trigger or view added, missing or changed, for `verify`.
/// Someone holding the store key can make a table over (a key that is no longer the rowid, a
/// CHECK dropped) or add a trigger that acts in every later session; rows alone do not show
/// either. SQLite's own objects (`sqlite_…`) are left out: they follow from the rest.
pub(crate) fn schema_differences(conn: &Connection) -> Result<Vec<String>> {
    type Objects = std::collections::BTreeMap<(String, String), Option<String>>;
    fn objects(c: &Connection) -> Result<Objects> {
        let mut st = c.prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?;
        let rows = st.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
    let mut made = Connection::open_in_memory()?;
    apply(&mut made)?;
    let (want, have) = (objects(&made)?, objects(conn)?);
    let name = |(kind, name): &(String, String)| (kind.clone(), crate::text::escape(name));
    let mut out = Vec::new();
    for (key, sql) in &have {
        let (kind, n) = name(key);
        match want.get(key) {
            None => out.push(crate::t!("integrity-schema-added", kind = kind, name = n)),
            Some(w) if w != sql => {
                out.push(crate::t!("integrity-schema-changed", kind = kind, name = n));
            }
            Some(_) => {}
        }
    }
    for key in want.keys().filter(|k| !have.contains_key(*k)) {
        let (kind, n) = name(key);
        out.push(crate::t!("integrity-schema-missing", kind = kind, name = n));
    }
    Ok(out)
}

/// SQL functions the migrations call: `infoflyt_fold(text)` is [`crate::text::fold`], which
/// SQLite cannot do itself (0005 fills the folded names of persons already registered).
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "infoflyt_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let s: Option<String> = ctx.get(0)?;
            Ok(s.map(|s| crate::text::fold(&s)))
        },
    )?;
    Ok(())
}

/// Whether every known migration is recorded with its digest and nothing newer is.
fn up_to_date(conn: &Connection) -> Result<bool> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(false);
    }
    let recorded: Vec<(i64, String)> = conn
        .prepare("SELECT version, sha256 FROM schema_version ORDER BY version")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let expected: Vec<(i64, String)> = MIGRATIONS
        .iter()
        .map(|m| (m.version, hex(&sha256(m.sql.as_bytes()))))
        .collect();
    Ok(recorded == expected)
}

fn apply_missing(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version     INTEGER PRIMARY KEY,
             name        TEXT NOT NULL,
             sha256      TEXT NOT NULL,
             applied_at  TEXT NOT NULL
         );",
    )?;
    let newest: Option<i64> = tx
        .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
        .optional()?
        .flatten();
    let known = MIGRATIONS.last().map(|m| m.version).unwrap_or(0);
    if newest.unwrap_or(0) > known {
        return Err(Error::Other(crate::t!(
            "store-schema-too-new",
            version = newest.unwrap_or(0),
            known = known
        )));
    }
    for m in MIGRATIONS {
        let digest = hex(&sha256(m.sql.as_bytes()));
        let recorded: Option<String> = tx
            .query_row(
                "SELECT sha256 FROM schema_version WHERE version = ?1",
                [m.version],
                |r| r.get(0),
            )
            .optional()?;
        match recorded {
            Some(d) if d == digest => {}
            Some(_) => {
                return Err(Error::Integrity(crate::t!(
                    "store-migration-differs",
                    name = m.name
                )))
            }
            None => {
                tx.execute_batch(m.sql)?;
                tx.execute(
                    "INSERT INTO schema_version (version, name, sha256, applied_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![m.version, m.name, digest, crate::time::now_rfc3339()],
                )?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_schema_is_listed_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/schema");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<&str> = MIGRATIONS.iter().map(|m| m.name).collect();
        assert_eq!(files, listed);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i64::try_from(i).unwrap() + 1);
            assert!(m.name.starts_with(&format!("{:04}_", m.version)));
        }
    }

    /// 0009 rebuilds the journal (issue 11): a store made before it keeps every row, id and
    /// signature, its retention clock, and the rule on `status`.
    #[test]
    fn the_journal_survives_its_rebuild() {
        let mut c = Connection::open_in_memory().unwrap();
        register_functions(&c).unwrap();
        c.execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                                          sha256 TEXT NOT NULL, applied_at TEXT NOT NULL);",
        )
        .unwrap();
        for m in MIGRATIONS.iter().take_while(|m| m.version <= 8) {
            c.execute_batch(m.sql).unwrap();
            c.execute(
                "INSERT INTO schema_version VALUES (?1, ?2, ?3, 'then')",
                params![m.version, m.name, hex(&sha256(m.sql.as_bytes()))],
            )
            .unwrap();
        }
        let insert = "INSERT INTO journal (id, journal_number, version, date, grading, counterpart,
                          status, exemption, by_user, signer, signature)
                      VALUES (?1, ?2, 1, ?3, 'FORTROLIG', 'x', ?4, '', 'a', x'01', x'02')";
        for (id, jno, date, status) in [
            (3, "2026/1", "2026-01-01T00:00:00Z", "created"),
            (7, "2026/1", "2026-02-01T00:00:00Z", "sent"),
            (9, "2026/2", "2026-03-01T00:00:00Z", "received"),
        ] {
            c.execute(insert, params![id, jno, date, status]).unwrap();
        }
        let rows = |c: &Connection| -> Vec<(i64, String, String, Vec<u8>)> {
            c.prepare("SELECT id, journal_number, status, signature FROM journal ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let clock = |c: &Connection| -> Vec<(String, String)> {
            c.prepare("SELECT journal_number, entered_at FROM retention_clock ORDER BY 1")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let (before, clock_before) = (rows(&c), clock(&c));
        assert_eq!(clock_before.len(), 2);
        apply(&mut c).unwrap();
        assert_eq!(rows(&c), before);
        assert_eq!(clock(&c), clock_before);
        let index: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'journal_number' AND tbl_name = 'journal'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(index, 1);
        assert!(c
            .execute(
                insert,
                params![10, "2026/3", "2026-04-01T00:00:00Z", "lost"]
            )
            .is_err());
        // The trigger is gone: the clock is the journal writer's job now.
        c.execute(
            insert,
            params![11, "2026/4", "2026-05-01T00:00:00Z", "created"],
        )
        .unwrap();
        assert_eq!(clock(&c), clock_before);
    }

    #[test]
    fn migrations_apply_twice_without_change() {
        let mut c = Connection::open_in_memory().unwrap();
        apply(&mut c).unwrap();
        apply(&mut c).unwrap();
        let n: i64 = c
            .query_row("SELECT count(*) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, i64::try_from(MIGRATIONS.len()).unwrap());
    }

    #[test]
    fn a_schema_as_made_has_no_differences_and_each_kind_is_named() {
        let mut c = Connection::open_in_memory().unwrap();
        apply(&mut c).unwrap();
        assert_eq!(schema_differences(&c).unwrap(), Vec::<String>::new());
        c.execute_batch(
            "CREATE TABLE extra (x);
             DROP INDEX use_log_doc;
             DROP TABLE doc_chunks;
             CREATE TABLE doc_chunks (doc_id, idx, data);",
        )
        .unwrap();
        let found = schema_differences(&c).unwrap().join("\n");
        for what in [
            "table extra was added",
            "index use_log_doc is missing",
            "table doc_chunks was made over",
        ] {
            assert!(found.contains(what), "{what}: {found}");
        }
    }
}
