//! Reading the log: lists with filters, and the two reports R15 asks for (who used a
//! document; what a user used).

use super::entry::Entry;
use crate::identity::Session;
use crate::Result;
use rusqlite::types::Value;
use serde::Serialize;

/// Filters for `log list`.
#[derive(Debug, Default)]
pub struct Filter {
    /// Only this user.
    pub user: Option<String>,
    /// Only this document.
    pub journal_number: Option<String>,
    /// Only the newest N (still printed oldest first).
    pub last: Option<i64>,
}

/// One line of a report.
#[derive(Debug, Serialize)]
pub struct ReportLine {
    /// Who (for a document report) or which document (for a user report).
    pub subject: String,
    /// Act.
    pub act: String,
    /// Number of times.
    pub count: i64,
    /// First time.
    pub first: String,
    /// Last time.
    pub last: String,
}

/// How many successful `act`s the log holds for a document (export copy numbers).
pub fn count_ok(conn: &rusqlite::Connection, journal_number: &str, act: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM use_log WHERE journal_number = ?1 AND act = ?2 AND outcome = 'ok'",
        rusqlite::params![journal_number, act],
        |r| r.get(0),
    )?)
}

impl Session {
    /// Entries matching `f`, oldest first.
    pub fn log_entries(&self, f: &Filter) -> Result<Vec<Entry>> {
        let mut sql = format!("SELECT {} FROM use_log WHERE 1=1", Entry::COLUMNS);
        let mut args: Vec<Value> = Vec::new();
        if let Some(u) = &f.user {
            sql.push_str(" AND user_name = ?"); // untranslated: SQL
            args.push(Value::Text(u.clone()));
        }
        if let Some(j) = &f.journal_number {
            sql.push_str(" AND journal_number = ?"); // untranslated: SQL
            args.push(Value::Text(j.clone()));
        }
        sql.push_str(" ORDER BY seq DESC"); // untranslated: SQL
        if let Some(n) = f.last {
            sql.push_str(" LIMIT ?");
            args.push(Value::Integer(n));
        }
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args), Entry::from_row)?;
        let mut v: Vec<Entry> = rows.collect::<std::result::Result<_, _>>()?;
        v.reverse();
        Ok(v)
    }

    /// Who used a document (by user and act), or what a user used (by document and act).
    pub fn log_report(&self, user: Option<&str>, jno: Option<&str>) -> Result<Vec<ReportLine>> {
        let (sql, arg) = match (user, jno) {
            (_, Some(j)) => (
                "SELECT user_name, act, count(*), min(time), max(time) FROM use_log
                 WHERE journal_number = ?1 GROUP BY user_name, act ORDER BY user_name, act",
                j.to_owned(),
            ),
            (Some(u), None) => (
                "SELECT coalesce(journal_number, '-'), act, count(*), min(time), max(time)
                 FROM use_log WHERE user_name = ?1
                 GROUP BY journal_number, act ORDER BY journal_number, act",
                u.to_owned(),
            ),
            (None, None) => {
                return Err(crate::Error::Usage(crate::t!("audit-report-needs-filter")))
            }
        };
        let mut st = self.conn().prepare(sql)?;
        let rows = st.query_map([&arg], |r| {
            Ok(ReportLine {
                subject: r.get(0)?,
                act: r.get(1)?,
                count: r.get(2)?,
                first: r.get(3)?,
                last: r.get(4)?,
            })
        })?;
        let lines: Vec<ReportLine> = rows.collect::<std::result::Result<_, _>>()?;
        // An empty report of a name nobody has reads as "did nothing": a mistyped name must
        // not pass for an account or a document with a clean record.
        if lines.is_empty() {
            let (known, missing) = if jno.is_some() {
                (
                    "SELECT EXISTS (SELECT 1 FROM journal_numbers WHERE journal_number = ?1)",
                    crate::t!("audit-report-no-document", jno = crate::text::escape(&arg)),
                )
            } else {
                (
                    "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)",
                    crate::t!("audit-report-no-user", name = crate::text::escape(&arg)),
                )
            };
            if !self
                .conn()
                .query_row(known, [&arg], |r| r.get::<_, bool>(0))?
            {
                return Err(crate::Error::NotFound(missing));
            }
        }
        Ok(lines)
    }
}

/// The entry with sequence number `seq`, if the log holds one.
pub(crate) fn entry_at(conn: &rusqlite::Connection, seq: i64) -> Result<Option<Entry>> {
    Ok(rusqlite::OptionalExtension::optional(
        conn.prepare_cached(&format!(
            "SELECT {} FROM use_log WHERE seq = ?1",
            Entry::COLUMNS
        ))?
        .query_row([seq], Entry::from_row),
    )?)
}

/// The successful entries of `act` about `person`, oldest first (one search of
/// `use_log_person`). Unchecked: see [`Session::checked_entry`] before relying on one.
pub(crate) fn person_entries(
    conn: &rusqlite::Connection,
    person: i64,
    act: &str,
) -> Result<Vec<Entry>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM use_log WHERE person_id = ?1 AND act = ?2 AND outcome = 'ok'
         ORDER BY seq",
        Entry::COLUMNS
    ))?;
    let rows = st.query_map(rusqlite::params![person, act], Entry::from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The successful entries of `user` whose detail is exactly `detail`, oldest first (one
/// search of `use_log_user`). Unchecked.
pub(crate) fn user_entries_saying(
    conn: &rusqlite::Connection,
    user: &str,
    detail: &str,
) -> Result<Vec<Entry>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM use_log WHERE user_name = ?1 AND detail = ?2 AND outcome = 'ok'
         ORDER BY seq",
        Entry::COLUMNS
    ))?;
    let rows = st.query_map(rusqlite::params![user, detail], Entry::from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The acts that make a document version (and so must each find it, or its destruction).
pub(crate) const MAKING_ACTS: &[&str] = &["create", "derive", "revise", "regrade", "import"];

/// [`MAKING_ACTS`] as an SQL list.
fn making_acts_sql() -> String {
    MAKING_ACTS
        .iter()
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One version's first making act, as the log has it: which entry, by whom, when.
#[derive(Debug, Clone)]
pub(crate) struct Made {
    pub(crate) seq: i64,
    pub(crate) user: String,
    pub(crate) time: String,
}

/// The versions of a journal number the log says were made, each with its first making act.
///
/// The acts are filtered here, not by `act IN (…)`: SQLite evaluates an `IN` list of more
/// than two values (and `DISTINCT`) through a temporary b-tree built at every call, whose
/// allocations SQLCipher's memory security locks and scrubs one by one, and this runs for
/// every document shown or exported. The rows read are the same: the journal number's own
/// entries, through `use_log_doc`, in the order of their numbers.
pub(crate) fn versions_made(
    conn: &rusqlite::Connection,
    jno: &str,
) -> Result<std::collections::BTreeMap<i64, Made>> {
    let mut st = conn.prepare_cached(
        "SELECT act, doc_version, seq, user_name, time FROM use_log
         WHERE journal_number = ?1 AND outcome = 'ok' AND doc_version IS NOT NULL",
    )?;
    let mut out = std::collections::BTreeMap::new();
    let rows = st.query_map([jno], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            Made {
                seq: r.get(2)?,
                user: r.get(3)?,
                time: r.get(4)?,
            },
        ))
    })?;
    for row in rows {
        let (act, v, made) = row?;
        if MAKING_ACTS.contains(&act.as_str()) {
            out.entry(v)
                .and_modify(|m: &mut Made| {
                    if made.seq < m.seq {
                        *m = made.clone();
                    }
                })
                .or_insert(made);
        }
    }
    Ok(out)
}

/// Every (journal number, version) the log says was made, for `verify`.
pub(crate) fn all_versions_made(conn: &rusqlite::Connection) -> Result<Vec<(String, i64)>> {
    let mut st = conn.prepare(&format!(
        "SELECT DISTINCT journal_number, doc_version FROM use_log
         WHERE outcome = 'ok' AND act IN ({})
           AND journal_number IS NOT NULL AND doc_version IS NOT NULL
         ORDER BY journal_number, doc_version",
        making_acts_sql()
    ))?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
