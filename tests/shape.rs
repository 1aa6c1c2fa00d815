//! The code's shape, checked so a change that breaks it shows in review (issue 10):
//! dependencies point one way between the layers of docs/architecture.md, cryptography lives
//! only under src/crypto/, no file in src/ passes 600 lines, and no function passes ~80 lines
//! (the clap definitions apart).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every .rs file under src/, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

/// The top-level module a file of src/ belongs to (`lib` and `main` for the crate roots).
fn module_of(p: &Path) -> String {
    let rel = p
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The layer of each top-level module: a module may use modules of its own layer or below,
/// never above. `cli` → `sitting`/`integrity` → (`casework`, `transfer`, `retention`,
/// `print`) → (`register`, `documents`) → (`authz`, `audit`) → `identity` → (`store`,
/// `crypto`) → (`error`, `text`, `time`, `vocab`, `process`, `i18n`).
fn layer(m: &str) -> Option<u8> {
    Some(match m {
        "lib" | "main" | "fuzzing" | "test_support" | "synthetic" => 9,
        "cli" => 8,
        "sitting" | "integrity" => 7,
        "casework" | "transfer" | "retention" | "print" => 6,
        "register" | "documents" => 5,
        "authz" | "audit" => 4,
        "identity" => 3,
        "store" | "crypto" => 2,
        "error" | "text" | "time" | "vocab" | "process" | "i18n" => 1,
        _ => return None,
    })
}

/// The top-level modules a file names through `crate::`, `super::` at the top level, or
/// `use crate::{…}` groups.
fn uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            for part in group.split('}').next().unwrap_or("").split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out.retain(|n| !n.is_empty() && n.chars().next().is_some_and(char::is_lowercase));
    out.sort();
    out.dedup();
    out
}

#[test]
fn dependencies_point_one_way_between_layers() {
    let mut wrong = Vec::new();
    for (path, text) in sources() {
        let m = module_of(&path);
        let Some(mine) = layer(&m) else {
            wrong.push(format!(
                "{}: module {m} has no layer in tests/shape.rs",
                path.display()
            ));
            continue;
        };
        // Test-only code may reach anywhere: a `#[cfg(test)]` section, or a `tests.rs` file
        // that its parent includes only under a `cfg(…test…)`.
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            // The parent is `dir/mod.rs`, or `dir.rs` beside the directory.
            let mod_rs = path.with_file_name("mod.rs");
            let parent = if mod_rs.exists() {
                mod_rs
            } else {
                path.parent().unwrap_or(Path::new("")).with_extension("rs")
            };
            let decl = fs::read_to_string(&parent).unwrap_or_default();
            let gated = decl.lines().collect::<Vec<_>>().windows(2).any(|w| {
                w[0].trim_start().starts_with("#[cfg(")
                    && w[0].contains("test")
                    && w[1].trim() == "mod tests;"
            });
            if !gated {
                wrong.push(format!(
                    "{}: not declared `mod tests;` under a test-only cfg in {}",
                    path.display(),
                    parent.display()
                ));
            }
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for used in uses(code) {
            if used == m {
                continue;
            }
            match layer(&used) {
                Some(theirs) if theirs <= mine => {}
                Some(theirs) => wrong.push(format!(
                    "{}: {m} (layer {mine}) uses {used} (layer {theirs})",
                    path.display()
                )),
                None => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn ring_is_used_only_under_src_crypto() {
    let crypto = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("crypto");
    let users: Vec<String> = sources()
        .into_iter()
        .filter(|(p, t)| {
            !p.starts_with(&crypto)
                && t.match_indices("ring::").any(|(i, _)| {
                    i == 0
                        || !t.as_bytes()[i - 1].is_ascii_alphanumeric()
                            && t.as_bytes()[i - 1] != b'_'
                })
        })
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        users.is_empty(),
        "cryptography outside src/crypto/: {users:?}"
    );
}

#[test]
fn no_file_in_src_passes_600_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|(_, t)| t.lines().count() > 600)
        .map(|(p, t)| format!("{} ({} lines)", p.display(), t.lines().count()))
        .collect();
    assert!(long.is_empty(), "files over 600 lines: {long:?}");
}

/// Function bodies by indentation: from a line `fn …` (after any `pub`, `async`, `const`) to
/// the first line at the same indentation that is a closing brace.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let indent = l.len() - t.len();
        let t = t
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ")
            .trim_start_matches("const ");
        if !t.starts_with("fn ") || l.trim_end().ends_with(';') {
            continue;
        }
        let name: String = t[3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = " ".repeat(indent) + "}";
        if let Some(end) = lines[i + 1..]
            .iter()
            .position(|x| x.starts_with(&close) && x.trim() == "}")
        {
            out.push((name, end + 1));
        }
    }
    out
}

#[test]
fn no_function_passes_about_80_lines() {
    let mut long = BTreeMap::new();
    for (path, text) in sources() {
        if path.ends_with("cli/args.rs") {
            continue; // clap definitions
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for (name, n) in function_lengths(code) {
            if n > 90 {
                long.insert(format!("{}::{name}", path.display()), n);
            }
        }
    }
    assert!(long.is_empty(), "functions over ~80 lines: {long:#?}");
}
