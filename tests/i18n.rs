//! Issue 12, "Norwegian first": every message in both languages, every id used in the code
//! defined in the message files and every id defined used, no requirement ids in what people
//! read, and the language chosen by `--lang` or the locale.

// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use infoflyt::cli::localise::{arg_id, command_id};
use infoflyt::i18n::{Lang, SOURCES};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id → the variables it uses, for one language's file.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let src = SOURCES.iter().find(|(l, _)| *l == lang).unwrap().1;
    let res = fluent_syntax::parser::parse(src)
        .unwrap_or_else(|(_, e)| panic!("locales/{}/*.ftl: {e:?}", lang.code()));
    let mut out = BTreeMap::new();
    for entry in res.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let value = m
                    .value
                    .unwrap_or_else(|| panic!("{} has no value", m.id.name));
                pattern_vars(&value, &mut vars);
                let dup = out.insert(m.id.name.to_owned(), vars);
                assert!(
                    dup.is_none(),
                    "{} defined twice in {}",
                    m.id.name,
                    lang.code()
                );
            }
            ast::Entry::Junk { content } => panic!("unparsable in {}: {content}", lang.code()),
            ast::Entry::Term(t) => panic!("terms are not used: -{}", t.id.name),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr_vars(expression, vars);
        }
    }
}

fn expr_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expr_vars(expression, vars),
        _ => {}
    }
}

/// The text people read of every message of a file: text elements and string literals.
fn texts(lang: Lang) -> Vec<(String, String)> {
    fn pat(p: &ast::Pattern<&str>, out: &mut String) {
        for el in &p.elements {
            match el {
                ast::PatternElement::TextElement { value } => out.push_str(value),
                ast::PatternElement::Placeable { expression } => expr(expression, out),
            }
        }
    }
    fn expr(e: &ast::Expression<&str>, out: &mut String) {
        match e {
            ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                out.push_str(value)
            }
            ast::Expression::Select { variants, .. } => {
                for v in variants {
                    pat(&v.value, out);
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    let src = SOURCES.iter().find(|(l, _)| *l == lang).unwrap().1;
    let res = fluent_syntax::parser::parse(src).unwrap();
    res.body
        .iter()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => {
                let mut t = String::new();
                pat(m.value.as_ref().unwrap(), &mut t);
                Some((m.id.name.to_owned(), t))
            }
            _ => None,
        })
        .collect()
}

/// Every id given to `t!` or `t_in!` in src/ (comment lines skipped).
fn ids_used_in_src() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let src = std::fs::read_to_string(&p).unwrap();
                let code: String = src
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                for m in ["t!(", "t_in!("] {
                    let mut rest = code.as_str();
                    while let Some(i) = rest.find(m) {
                        // A macro name of its own, not the end of `assert!(` or `print!(`.
                        let prev = rest[..i].chars().next_back();
                        rest = &rest[i + m.len()..];
                        if prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                            continue;
                        }
                        // The id is the first string literal of the call.
                        let Some(q) = rest.find('"') else { break };
                        let head = &rest[..q];
                        if head.contains(')') || head.contains(';') {
                            continue; // the macro's own definition or a non-literal use
                        }
                        let tail = &rest[q + 1..];
                        let end = tail.find('"').unwrap();
                        out.insert(tail[..end].to_owned(), p.display().to_string());
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// The ids the help localiser looks up: each command's about and long about, each argument.
fn clap_ids() -> BTreeSet<String> {
    fn walk(c: &clap::Command, path: &mut Vec<String>, out: &mut BTreeSet<String>) {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let id = command_id(&p);
        out.insert(format!("{id}-about"));
        out.insert(format!("{id}-long-about"));
        for a in c.get_arguments() {
            out.insert(arg_id(&id, a.get_id().as_str()));
        }
        for s in c.get_subcommands() {
            path.push(s.get_name().to_owned());
            walk(s, path, out);
            path.pop();
        }
    }
    let mut out = BTreeSet::new();
    let cmd = <infoflyt::cli::args::Cli as clap::CommandFactory>::command();
    walk(&cmd, &mut Vec::new(), &mut out);
    out
}

#[test]
fn every_message_has_both_languages_with_the_same_variables() {
    let nb = messages(Lang::Nb);
    let en = messages(Lang::En);
    let only_nb: Vec<_> = nb.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !nb.contains_key(*k)).collect();
    assert!(only_nb.is_empty(), "missing in English: {only_nb:?}");
    assert!(only_en.is_empty(), "missing in bokmål: {only_en:?}");
    for (id, vars) in &nb {
        assert_eq!(vars, &en[id], "{id}: the languages use different variables");
    }
}

#[test]
fn every_id_used_in_src_is_defined_and_every_defined_id_is_used() {
    let defined = messages(Lang::En);
    let used = ids_used_in_src();
    let clap = clap_ids();
    for (id, file) in &used {
        assert!(
            defined.contains_key(id),
            "{file} uses {id}, which no .ftl file defines"
        );
    }
    for id in defined.keys() {
        if used.contains_key(id) {
            continue;
        }
        assert!(
            id.starts_with("cli-") && clap.contains(id),
            "{id} is defined but never used (no t!/t_in! in src/, and no such command or \
             option for the help)"
        );
    }
}

#[test]
fn no_requirement_id_appears_in_any_message() {
    for lang in Lang::ALL {
        for (id, text) in texts(lang) {
            let b = text.as_bytes();
            for i in 0..b.len().saturating_sub(1) {
                let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
                assert!(
                    !(b[i] == b'R' && starts_word && b[i + 1].is_ascii_digit()),
                    "{id} ({}) cites a requirement id: {text}",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn every_message_formats_in_both_languages_without_errors() {
    for (lang, src) in SOURCES {
        let res = FluentResource::try_new(src.to_owned()).unwrap();
        let mut b = FluentBundle::new(vec![lang.code().parse().unwrap()]);
        b.set_use_isolating(false);
        b.add_resource(res).unwrap();
        for (id, vars) in messages(lang) {
            // Each variable as 1 and as 2, so both plural branches are taken.
            for n in [1, 2] {
                let mut args = FluentArgs::new();
                for v in &vars {
                    args.set(v.clone(), FluentValue::from(n));
                }
                let msg = b.get_message(&id).unwrap();
                let mut errors = vec![];
                let out = b.format_pattern(msg.value().unwrap(), Some(&args), &mut errors);
                assert!(errors.is_empty(), "{id} ({}): {errors:?}", lang.code());
                assert!(!out.trim().is_empty(), "{id} ({}) is empty", lang.code());
            }
        }
    }
    // Plural forms in bokmål really are chosen.
    assert_eq!(
        infoflyt::t_in!(Lang::Nb, "print-report-done", out = "x.pdf", pages = 1),
        "Skrev x.pdf (1 side)."
    );
    assert_eq!(
        infoflyt::t_in!(Lang::Nb, "print-report-done", out = "x.pdf", pages = 3),
        "Skrev x.pdf (3 sider)."
    );
}

fn help(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut c = command(args);
    for v in ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        c.env_remove(v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    ok(&out);
    stdout(&out)
}

#[test]
fn the_locale_or_lang_chooses_the_language_of_help() {
    let nb = help(&[("LANG", "nb_NO.UTF-8")], &["--help"]);
    assert!(nb.contains("Kommandoer") && nb.contains("Bruk:"), "{nb}");
    assert!(nb.contains("kriminalomsorgens krypterte register"), "{nb}");
    let en = help(&[("LANG", "C")], &["--help"]);
    assert!(en.contains("Commands") && en.contains("Usage:"), "{en}");
    // LC_ALL overrides LANG; --lang overrides both.
    let en2 = help(&[("LANG", "nb_NO.UTF-8"), ("LC_ALL", "C")], &["--help"]);
    assert!(en2.contains("Commands"), "{en2}");
    let nb2 = help(&[("LANG", "C")], &["--lang", "nb", "--help"]);
    assert!(nb2.contains("Kommandoer"), "{nb2}");
    let nn = help(&[("LC_MESSAGES", "nn_NO.UTF-8")], &["person", "--help"]);
    assert!(nn.contains("Finn personer"), "{nn}");
}

#[test]
fn top_level_help_cites_no_requirement_ids_in_either_language() {
    for lang in ["nb", "en"] {
        for args in [
            vec!["--help"],
            vec!["-h"],
            vec!["person", "--help"],
            vec!["network", "-h"],
        ] {
            let mut a = vec!["--lang", lang];
            a.extend(args.iter().copied());
            let h = help(&[], &a);
            let b = h.as_bytes();
            let cites = (1..b.len().saturating_sub(1)).any(|i| {
                b[i] == b'R' && !b[i - 1].is_ascii_alphanumeric() && b[i + 1].is_ascii_digit()
            });
            assert!(!cites, "{a:?}:\n{h}");
        }
    }
}

#[test]
fn a_refusal_reads_in_bokmal_and_its_json_keys_stay_english() {
    let store = Store::new_local();
    store.add_user("kim", "clerical", "fortrolig", "kim passphrase for tests");
    let args = [
        "--lang",
        "nb",
        "--json",
        "person",
        "add",
        "--name",
        "Ola Nordmann",
        "--kind",
        "inmate",
    ];
    let out = store.run("kim", "kim passphrase for tests", &args);
    expect(
        &out,
        4,
        &[
            "avvist (rolle)",
            "kontorpersonale kan ikke registrere personer",
        ],
    );
    let v = parse_json(&out);
    assert_eq!(v["error"]["kind"], "refused", "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("avvist"),
        "{v}"
    );
    let out = store.run("kim", "kim passphrase for tests", &args[2..]);
    expect(
        &out,
        4,
        &["refused (role)", "clerical staff cannot register persons"],
    );
}

/// Files whose string literals are not text for people: domain-separation labels of the
/// key hierarchy, and the fuzzing, synthetic-store and test helpers. Every other file in `src/`
/// must hold no English-only message.
const NOT_MESSAGES: &[&str] = &[
    "src/crypto/labels.rs",
    "src/fuzzing.rs",
    "src/synthetic.rs",
    "src/test_support.rs",
];

/// Files not yet converted: each still has English-only messages. The test fails when one has
/// none left, so that the list only shrinks (docs/i18n.md).
const NOT_YET_CONVERTED: &[&str] = &[];

/// String literals in `src` that read as English prose for people: at least two words,
/// outside comments, attributes, `expect` (an invariant's panic text), and the log's detail
/// codes (`format!("to {}` …) and SQL.
fn prose_literals(path: &str) -> Vec<(usize, String)> {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let mut out = Vec::new();
    // A literal continued on later lines: (its first line, the text so far, whether it counts).
    let mut open: Option<(usize, String, bool)> = None;
    // A `// untranslated: why` line marks the next literal, however far down it starts.
    let mut marked = false;
    for (n, line) in src.lines().enumerate() {
        let l = line.trim_start();
        if l.starts_with("#[cfg(test)]") {
            break;
        }
        let mut rest = line;
        if let Some((start, mut lit, counts)) = open.take() {
            match closing_quote(line) {
                None => {
                    lit.push_str(l.trim_end_matches('\\'));
                    open = Some((start, lit, counts));
                    continue;
                }
                Some(j) => {
                    lit.push_str(line[..j].trim_start());
                    if counts {
                        check_literal(start, &lit, &mut out);
                    }
                    rest = &line[j + 1..];
                }
            }
        }
        if l.starts_with("// untranslated:") {
            marked = true;
            continue;
        }
        if l.starts_with("//") {
            continue;
        }
        // A refusing rule's name stays English by design (the log's record; `rule_label`
        // shows it in the reader's language). A record kept in one stable form (a log detail,
        // a package field) says so on its line or on a comment line above.
        let rule_name = l.contains("const ") && l.contains("_RULE");
        let record = line.contains("// untranslated:") || (marked && rest.contains('"'));
        if rest.contains('"') {
            marked = false;
        }
        let counts = !(rule_name || record || l.starts_with("#[") || l.contains(".expect("));
        while let Some(i) = rest.find('"') {
            // A character literal ('"') opens nothing.
            if rest[..i].ends_with('\'') {
                rest = &rest[i + 1..];
                continue;
            }
            let after = &rest[i + 1..];
            let Some(j) = closing_quote(after) else {
                open = Some((n + 1, after.trim_end_matches('\\').to_owned(), counts));
                break;
            };
            if counts {
                check_literal(n + 1, &after[..j], &mut out);
            }
            rest = &after[j + 1..];
        }
    }
    out
}

/// Where the string literal that `s` continues ends: its first quote not escaped.
fn closing_quote(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| b[i] == b'"' && (i == 0 || b[i - 1] != b'\\'))
}

/// Adds `lit` (found on line `n`) to `out` if it reads as English prose.
fn check_literal(n: usize, lit: &str, out: &mut Vec<(usize, String)>) {
    // Placeholders (`{name}`), options (`--passphrase-fd`) and escapes are not words.
    let mut plain = String::new();
    let mut depth = 0;
    for w in lit.replace("\\n", " ").split(' ') {
        if w.starts_with("--") {
            continue;
        }
        for c in w.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        plain.push(' ');
    }
    let words = plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .count();
    let t = lit.trim_start();
    let sql = [
        "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "PRAGMA", "WITH ",
    ]
    .iter()
    .any(|k| t.starts_with(k))
        || [
            "FROM ",
            "WHERE ",
            "JOIN ",
            "GROUP BY ",
            "ORDER BY ",
            " IS NULL",
        ]
        .iter()
        .any(|k| t.contains(k));
    // A list of columns: lower-case names and commas only.
    let columns = t.contains(", ")
        && t.split(", ").all(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || "_.".contains(ch))
        });
    let code_like = sql
        || columns
        || t.starts_with("to {")
        || t.starts_with("verified; reason")
        || t.contains("; reason: {");
    // A literal without a space is an id or a code, not a sentence.
    if words >= 2 && t.trim().contains(' ') && !code_like {
        out.push((n, lit.to_owned()));
    }
}

/// Every `.rs` file under `src/`, as a path relative to the crate root.
fn source_files() -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("src"), root, &mut out);
    out.sort();
    out
}

#[test]
fn no_file_holds_a_message_outside_the_fluent_files() {
    let mut bad = Vec::new();
    for f in source_files() {
        // Unit tests in their own file; args.rs and args_tools.rs are the English help,
        // replaced at run time (localise.rs walks it).
        let skip = f.ends_with("/tests.rs")
            || f.starts_with("src/cli/args")
            || NOT_MESSAGES.contains(&f.as_str())
            || NOT_YET_CONVERTED.contains(&f.as_str());
        if skip {
            continue;
        }
        for (n, lit) in prose_literals(&f) {
            bad.push(format!("{f}:{n}: \"{lit}\""));
        }
    }
    assert!(
        bad.is_empty(),
        "English-only messages (give each an id in both locales/*/*.ftl and use t!, or mark a \
         record kept in English with `// untranslated: why`):\n{}",
        bad.join("\n")
    );
    for f in NOT_YET_CONVERTED {
        assert!(
            !prose_literals(f).is_empty(),
            "{f} has no English-only message left: take it off NOT_YET_CONVERTED"
        );
    }
}
