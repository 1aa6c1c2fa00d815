//! KOMPIS marking (R1). We cannot reach KOMPIS, so the register says whom to mark (an inmate
//! newly covered) and whom to unmark (no longer covered, or removed from the register) since
//! the last acknowledgement; `--ack` records that the clerk has done it.

use crate::audit::{self, Act};
use crate::identity::Session;
use crate::time::now_rfc3339;
use crate::Result;
use rusqlite::params;
use serde::Serialize;

/// Who to mark and unmark.
#[derive(Debug, Serialize)]
pub struct KompisMarks {
    /// Persons to mark: (id, name, born).
    pub mark: Vec<(i64, String, Option<String>)>,
    /// Persons to unmark: (id or null, label).
    pub unmark: Vec<(Option<i64>, String)>,
}

/// A person is covered while an inmate (sentenced or remand) who has not been released.
const COVERED: &str =
    "kind IN ('inmate', 'remand') AND (release_at IS NULL OR release_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"; // untranslated: SQL

impl Session {
    /// The marking list since the last acknowledgement.
    pub fn kompis_marks(&self) -> Result<KompisMarks> {
        let conn = self.conn();
        let mark = conn
            .prepare(&format!(
                "SELECT id, name, born FROM persons WHERE kompis_marked = 0 AND {COVERED} ORDER BY id"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut unmark: Vec<(Option<i64>, String)> = conn
            .prepare(&format!(
                "SELECT id, name || coalesce(' (born ' || born || ')', '') FROM persons
                 WHERE kompis_marked = 1 AND NOT ({COVERED}) ORDER BY id"
            ))?
            .query_map([], |r| Ok((Some(r.get(0)?), r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let gone = conn
            .prepare("SELECT label FROM kompis_unmark ORDER BY id")?
            .query_map([], |r| Ok((None, r.get(0)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        unmark.extend(gone);
        Ok(KompisMarks { mark, unmark })
    }

    /// Records that the current list has been carried out in KOMPIS. Any role may: marking
    /// in KOMPIS is clerical work and reveals no document contents.
    pub fn kompis_ack(&mut self) -> Result<KompisMarks> {
        let marks = self.kompis_marks()?;
        let uid = self.user().id;
        let (m, u) = (marks.mark.len() as i64, marks.unmark.len() as i64);
        self.write(|tx, acting| {
            tx.execute_batch(&format!(
                "UPDATE persons SET kompis_marked = CASE WHEN {COVERED} THEN 1 ELSE 0 END;
                 DELETE FROM kompis_unmark;"
            ))?;
            tx.execute(
                "INSERT INTO kompis_acks (acked_at, acked_by, marked, unmarked) VALUES (?1, ?2, ?3, ?4)",
                params![now_rfc3339(), uid, m, u],
            )?;
            audit::append(
                tx,
                acting,
                &Act::new("kompis-ack").detail(format!("{m} marked, {u} unmarked")), // untranslated: use-log detail
            )?;
            Ok(())
        })?;
        Ok(marks)
    }
}
