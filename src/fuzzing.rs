//! Entry points for the fuzz targets in `fuzz/` and their stable-toolchain smoke test
//! (tests/fuzz_smoke.rs). Each checks invariants, not only the absence of panics.

use crate::identity::keyslots::{KeyslotFile, Lookup};

/// Any bytes as a keyslots file: a clean error, or lookups and a wrong passphrase that fail
/// cleanly. A slot found must never open with a wrong passphrase.
pub fn keyslots(data: &[u8]) {
    let Ok(f) = KeyslotFile::parse(data) else {
        return;
    };
    assert_eq!(f.store_id().map(|s| s.len()), Some(16));
    for name in ["kari", "admin", ""] {
        if let Ok(Lookup::Slot(slot)) = f.lookup(name) {
            // Parameters out of range are refused before any work; in range, the floor is
            // 64 MiB, so only try when the fuzzer found a slot with floor parameters.
            let p = crate::crypto::Passphrase::from("not the passphrase");
            if let Ok(o) = f.open(slot, name, &p) {
                // Only possible if the fuzzer built a valid AEAD under this passphrase.
                assert_eq!(o.store_key().expose().len(), 32);
            }
        }
    }
}

/// Any text as a journal number: parse, and if accepted, print back the same number.
pub fn journal_number(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((j, v)) = crate::documents::parse_jno(s) {
        let again = match v {
            Some(v) => format!("{j}@{v}"),
            None => j.clone(),
        };
        assert_eq!(crate::documents::parse_jno(&again).ok(), Some((j, v)));
    }
}

/// Any text as a user name, grading, role or risk list: accepted values are normalised
/// and stable under a second parse.
pub fn names(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = crate::identity::account::parse_user_name(s) {
        assert_eq!(
            crate::identity::account::parse_user_name(&n).ok(),
            Some(n.clone())
        );
        assert!(!n.is_empty() && n.chars().count() <= 64);
    }
    if let Ok(g) = s.parse::<crate::authz::Grading>() {
        assert_eq!(g.as_str().parse::<crate::authz::Grading>().ok(), Some(g));
    }
    if let Ok(r) = s.parse::<crate::identity::Role>() {
        assert_eq!(r.as_str().parse::<crate::identity::Role>().ok(), Some(r));
    }
    if let Ok(set) = crate::text::parse_set("risk", s, crate::register::person::RISKS) {
        assert_eq!(
            crate::text::parse_set("risk", &set, crate::register::person::RISKS).ok(),
            Some(set)
        );
    }
}
