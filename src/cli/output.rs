//! Rendering: tables and messages for people, or one JSON document for programs.
//!
//! Messages arrive here already in the reader's language (`crate::t!`); JSON keys and values
//! that programs read are never translated.

use crate::Error;
use serde::Serialize;
use std::io::Write;

/// Output mode.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    json: bool,
}

impl Out {
    /// `--json` or not.
    pub fn new(json: bool) -> Self {
        Out { json }
    }

    /// Whether `--json` was given.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints `value` as the JSON document, or `text` for people.
    pub fn emit<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        let mut stdout = std::io::stdout().lock();
        let res = if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => writeln!(stdout, "{s}"),
                Err(e) => writeln!(
                    std::io::stderr(),
                    "infoflyt: {}",
                    crate::text::for_terminal(&crate::t!(
                        "output-json-failed",
                        error = e.to_string()
                    ))
                ),
            }
        } else {
            write!(stdout, "{}", crate::text::for_terminal(&text()))
        };
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = res.and_then(|()| stdout.flush());
    }

    /// A message for people, on stderr. A stderr that cannot be written (a full disk) is no
    /// reason to panic: the exit code still tells.
    pub fn note(&self, msg: &str) {
        let _ = writeln!(std::io::stderr(), "{}", crate::text::for_terminal(msg));
    }

    /// Reports an error: on stderr always, and as the JSON document with `--json`.
    pub fn error(&self, e: &Error) {
        let _ = writeln!(
            std::io::stderr(),
            "infoflyt: {}",
            crate::text::for_terminal(&e.to_string())
        );
        if self.json {
            let v = serde_json::json!({
                "error": { "kind": e.kind(), "message": e.to_string(), "exit_code": e.exit_code() }
            });
            let _ = writeln!(std::io::stdout(), "{v}");
        }
    }
}

/// Formats rows as a left-aligned table with a header.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  "));
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// A value stored as JSON (a list change, a log detail) as people read it: `key: value`
/// pairs, strings without quotes; anything else as it is.
pub fn human_json(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(a) => a.iter().map(human_json).collect::<Vec<_>>().join(", "),
        Value::Object(o) => o
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| match v {
                Value::Object(_) | Value::Array(_) => format!("{k}: ({})", human_json(v)),
                _ => format!("{k}: {}", human_json(v)),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// A log entry's purpose and detail in one column: the purpose first, then the detail
/// (JSON details shown as `key: value`).
pub fn purpose_and_detail(purpose: Option<&str>, detail: Option<&str>) -> String {
    let detail = detail.map(|d| match serde_json::from_str::<serde_json::Value>(d) {
        Ok(v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => human_json(&v),
        _ => d.to_owned(),
    });
    match (
        purpose.filter(|p| !p.is_empty()),
        detail.filter(|d| !d.is_empty()),
    ) {
        (Some(p), Some(d)) => format!("«{p}» {d}"),
        (Some(p), None) => format!("«{p}»"),
        (None, Some(d)) => d,
        (None, None) => String::new(),
    }
}
