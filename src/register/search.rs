//! Finding persons by name or birth date, and noticing a person registered twice.
//!
//! Names are compared in their folded form (`text::fold`: case, accents and the ways
//! Norwegian letters are typed without a Norwegian keyboard). Each word of a folded name is a
//! row of `person_search`, so a search reads only the index entries that match its words
//! (prefix ranges on the primary key), never the whole register.

use super::person::Person;
use crate::audit::Act;
use crate::identity::Session;
use crate::text::fold;
use crate::{t, Error, Result};
use rusqlite::{params, Transaction};

/// The most hits `person find` returns; a broader search asks for more letters.
pub const FIND_LIMIT: usize = 200;

/// The edit distance between `a` and `b` if it is at most `limit` (Levenshtein, by
/// characters), else `None`. Stops as soon as the limit is passed.
pub fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|m| *m > limit) {
            return None;
        }
        prev = cur;
    }
    prev.last().copied().filter(|d| *d <= limit)
}

/// Rewrites the search rows and folded name of person `id` inside the caller's transaction.
pub(crate) fn index_name(tx: &Transaction<'_>, id: i64, name: &str) -> Result<()> {
    let key = fold(name);
    tx.execute(
        "UPDATE persons SET name_key = ?2 WHERE id = ?1",
        params![id, key],
    )?;
    tx.execute("DELETE FROM person_search WHERE person_id = ?1", [id])?; // untranslated: SQL
    let mut st = tx
        .prepare_cached("INSERT OR IGNORE INTO person_search (token, person_id) VALUES (?1, ?2)")?;
    for token in key.split(' ').filter(|t| !t.is_empty()) {
        st.execute(params![token, id])?;
    }
    Ok(())
}

/// A birth date as people write it: 1980-01-31 or 31.01.1980.
fn parse_birth_date(s: &str) -> Option<String> {
    ["%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
        .map(|d| d.to_string())
}

/// What a search asks for: words of the name, and a birth date or year.
#[derive(Debug, Default, PartialEq, Eq)]
struct Query {
    words: Vec<String>,
    born: Option<String>,
    year: Option<String>,
}

fn parse_query(text: &str) -> Result<Query> {
    let mut q = Query::default();
    for part in text.split_whitespace() {
        if let Some(d) = parse_birth_date(part) {
            q.born = Some(d);
        } else if part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()) {
            q.year = Some(part.to_owned());
        } else {
            q.words.extend(
                fold(part)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    if q.words.len() > 8 || (q.words.is_empty() && q.born.is_none() && q.year.is_none()) {
        return Err(Error::Usage(t!("person-find-empty")));
    }
    Ok(q)
}

/// The folded name words of a `person find` query (dates and years left out), or why it is
/// refused. For the fuzz target.
#[doc(hidden)]
pub fn query_words(text: &str) -> Result<Vec<String>> {
    parse_query(text).map(|q| q.words)
}

impl Session {
    /// Persons whose name has words starting with each word of `text` (folded), and whose
    /// birth date or year matches any date or year in it. Logged as a use of the register,
    /// with the number of hits and never the search text.
    pub fn find_persons(&mut self, text: &str) -> Result<Vec<Person>> {
        let q = parse_query(text)?;
        let mut sql = format!("SELECT {} FROM persons p WHERE 1=1", Person::COLUMNS);
        let mut args: Vec<String> = Vec::new();
        for w in &q.words {
            args.push(w.clone());
            args.push(format!("{w}\u{10FFFF}"));
            sql.push_str(&format!(
                " AND p.id IN (SELECT person_id FROM person_search WHERE token >= ?{} AND token < ?{})", // untranslated: SQL
                args.len() - 1,
                args.len()
            ));
        }
        if let Some(b) = &q.born {
            args.push(b.clone());
            sql.push_str(&format!(" AND p.born = ?{}", args.len())); // untranslated: SQL
        }
        if let Some(y) = &q.year {
            args.push(format!("{y}-"));
            args.push(format!("{y}-\u{10FFFF}"));
            sql.push_str(&format!(
                " AND p.born >= ?{} AND p.born < ?{}", // untranslated: SQL
                args.len() - 1,
                args.len()
            ));
        }
        sql.push_str(&format!(
            " ORDER BY p.name_key, p.id LIMIT {}", // untranslated: SQL
            FIND_LIMIT + 1
        ));
        let found: Vec<Person> = {
            let mut st = self.conn().prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(&args), Person::from_row)?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if found.len() > FIND_LIMIT {
            return Err(Error::Usage(t!("person-find-too-many", limit = FIND_LIMIT)));
        }
        self.log_act(&Act::new("person-find").detail(format!("{} hits", found.len())))?;
        Ok(found)
    }

    /// Registered persons who look like `name` born `born`: the same folded name, or the same
    /// birth date and a name that shares a word or differs by at most two letters. `except`
    /// leaves one person out (the one being corrected).
    pub fn similar_persons(
        &self,
        name: &str,
        born: Option<&str>,
        except: Option<i64>,
    ) -> Result<Vec<Person>> {
        let key = fold(name);
        let words: Vec<&str> = key.split(' ').filter(|w| w.len() >= 2).collect();
        // Two index lookups (folded name; birth date), not a scan.
        let mut st = self.conn().prepare(&format!(
            "SELECT {c}, name_key FROM persons WHERE name_key = ?1
             UNION
             SELECT {c}, name_key FROM persons WHERE born = ?2
             ORDER BY 1 LIMIT 50",
            c = Person::COLUMNS
        ))?;
        let rows = st.query_map(params![key, born], |r| {
            Ok((Person::from_row(r)?, r.get::<_, String>(12)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (p, other) = row?;
            if Some(p.id) == except {
                continue;
            }
            let alike = other == key
                || other.split(' ').any(|w| words.contains(&w))
                || distance(&other, &key, 2).is_some();
            if alike {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// A person, as a logged use of the register (`person show`).
    pub fn show_person(&mut self, id: i64) -> Result<Person> {
        let p = self.person(id)?;
        self.log_act(&Act::new("person-show").person(id))?;
        Ok(p)
    }

    /// Persons by unit and kind, as a logged use of the register (`person list`). The unit is
    /// matched to the list's spelling.
    pub fn list_persons(&mut self, unit: Option<&str>, kind: Option<&str>) -> Result<Vec<Person>> {
        let unit = unit.map(|u| self.known_unit(u)).transpose()?;
        let ps = self.persons(unit.as_deref(), kind)?;
        self.log_act(&Act::new("person-list").detail(format!("{} persons", ps.len())))?;
        Ok(ps)
    }
}

/// The warning for persons who look like the one being registered or corrected.
pub(crate) fn similar_warning(similar: &[Person]) -> Option<String> {
    if similar.is_empty() {
        return None;
    }
    let list = similar
        .iter()
        .map(|p| match &p.born {
            Some(b) => t!(
                "person-similar-one-born",
                id = p.id,
                name = p.name.as_str(),
                born = b.as_str()
            ),
            None => t!("person-similar-one", id = p.id, name = p.name.as_str()),
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(t!(
        "person-similar",
        count = similar.len(),
        candidates = list
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_bounded_levenshtein() {
        assert_eq!(distance("hansen", "hansen", 2), Some(0));
        assert_eq!(distance("hansen", "hanssen", 2), Some(1));
        assert_eq!(distance("jensen", "hansen", 2), Some(2));
        assert_eq!(distance("olsen", "hansen", 2), None);
        assert_eq!(distance("a", "abcd", 2), None);
    }

    #[test]
    fn the_migration_indexes_persons_registered_before_it() {
        use crate::crypto::{hex, sha256};
        use crate::store::migrate::{apply, MIGRATIONS};
        let mut c = rusqlite::Connection::open_in_memory().unwrap();
        // A store as it was before: the earlier migrations, recorded, and a person.
        c.execute_batch(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                 sha256 TEXT NOT NULL, applied_at TEXT NOT NULL);",
        )
        .unwrap();
        for m in MIGRATIONS {
            if m.name.ends_with("_register_upkeep.sql") {
                continue;
            }
            c.execute_batch(m.sql).unwrap();
            c.execute(
                "INSERT INTO schema_version VALUES (?1, ?2, ?3, 'then')",
                params![m.version, m.name, hex(&sha256(m.sql.as_bytes()))],
            )
            .unwrap();
        }
        c.execute(
            "INSERT INTO persons (name, kind, created_at, created_by, updated_at)
             VALUES ('Bjørn Åsen-Hansen', 'inmate', 'then', 1, 'then')",
            [],
        )
        .unwrap();
        apply(&mut c).unwrap();
        let key: String = c
            .query_row("SELECT name_key FROM persons", [], |r| r.get(0))
            .unwrap();
        assert_eq!(key, "bjorn asen hansen");
        let tokens: Vec<String> = c
            .prepare("SELECT token FROM person_search ORDER BY token")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(tokens, ["asen", "bjorn", "hansen"]);
    }

    #[test]
    fn queries_split_into_words_dates_and_years() {
        let q = parse_query("Bjørn 31.01.1980").unwrap();
        assert_eq!(q.words, ["bjorn"]);
        assert_eq!(q.born.as_deref(), Some("1980-01-31"));
        assert_eq!(parse_query("1980").unwrap().year.as_deref(), Some("1980"));
        assert!(parse_query("  ").is_err());
        assert!(parse_query("--").is_err());
    }
}
