//! Parsing closed vocabularies from the command line (risks, kinds, sources): once, at the
//! edge, into the canonical spelling (STYLE 4).

use crate::{Error, Result};

/// Parses a comma-separated list against the allowed words.
pub fn parse_set(what: &str, s: &str, allowed: &[&str]) -> Result<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let p = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(part))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown {what} {part:?}: use {}",
                    allowed.join(", ")
                ))
            })?;
        if !out.contains(p) {
            out.push(p);
        }
    }
    Ok(out.join(","))
}

/// Parses one word against the allowed ones.
pub fn parse_one(what: &str, s: &str, allowed: &[&str]) -> Result<String> {
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(s.trim()))
        .map(|a| (*a).to_owned())
        .ok_or_else(|| Error::Usage(format!("unknown {what} {s:?}: use {}", allowed.join(", "))))
}
