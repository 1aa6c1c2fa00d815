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

/// Any text as a log entry's detail: an announcement found in it names a positive version,
/// and its list is in the stored form (ascending, no repeats; empty unless restricted), so a
/// list read from the log and one read from a record compare equal exactly when they are.
pub fn announcement(data: &[u8]) {
    use crate::authz::folder::{announce, Tier};
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for tier in [Tier::F, Tier::S] {
        if let Some(a) = announce::parse(s, tier) {
            if let Some(l) = a.list {
                assert!(l.ids.windows(2).all(|w| w[0] < w[1]));
                assert!(l.restricted || l.ids.is_empty());
            }
        }
    }
}

/// Any bytes as a stored need-to-know list: accepted only in the form the program writes,
/// which encodes back to the same bytes.
pub fn folder_list(data: &[u8]) {
    use crate::authz::folder::List;
    let Some((&flag, blob)) = data.split_first() else {
        return;
    };
    if let Some(l) = List::decode(flag & 1 == 1, blob) {
        assert_eq!(l.encode(), blob);
        assert!(l.ids.windows(2).all(|w| w[0] < w[1]));
    }
}

/// Any bytes as a casework record from a package (decision or review), and any text as a
/// measure, reliability or requester: a clean error, or a record that re-encodes to the same
/// signed message and never verifies under a key that did not sign it.
pub fn casework(data: &[u8]) {
    use crate::casework::record::{DecisionRecord, ReviewRecord};
    let nobody = [7u8; 32];
    if let Ok(r) = DecisionRecord::from_json(data) {
        let again = DecisionRecord::from_json(&r.to_json());
        assert_eq!(again.map(|a| a.message()).ok(), Some(r.message()));
        assert!(r.verify(&nobody).is_err());
    }
    if let Ok(r) = ReviewRecord::from_json(data) {
        let again = ReviewRecord::from_json(&r.to_json());
        assert_eq!(again.map(|a| a.message()).ok(), Some(r.message()));
        assert!(r.verify(&nobody).is_err());
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = s.parse::<crate::casework::Measure>() {
        assert_eq!(
            m.to_string().parse::<crate::casework::Measure>().ok(),
            Some(m)
        );
    }
    if let Ok(r) = s.parse::<crate::casework::Reliability>() {
        assert_eq!(
            r.as_str().parse::<crate::casework::Reliability>().ok(),
            Some(r)
        );
    }
    if let Ok(r) = s.parse::<crate::casework::access::Requester>() {
        assert!(!crate::casework::access::grounds_for(r).is_empty());
    }
}

// ---- Transfer packages and unit cards (DESIGN.md §6): every parser of package contents ----

use crate::transfer::{agekey, bagit, card, minisig, signatures, PackageId, TrustedComment};

/// Any bytes as a unit card: an accepted card prints back to the same bytes, and its
/// fingerprint reads back as itself.
pub fn unit_card(data: &[u8]) {
    let Ok(c) = card::UnitCard::parse(data) else {
        return;
    };
    assert_eq!(c.encode().ok().as_deref().map(str::as_bytes), Some(data));
    let fp = c.fingerprint();
    assert!(card::Fingerprint::parse(&fp.to_string()).is_ok_and(|p| p.matches(&fp)));
    assert!(c.succeeds(&c).is_err(), "a card never succeeds itself");
}

/// Any bytes as each of the bag's tag files: what is accepted is in the one form we write.
pub fn bag_files(data: &[u8]) {
    if bagit::parse_bagit_txt(data).is_ok() {
        assert_eq!(data, bagit::BAGIT_TXT.as_bytes());
    }
    if let Ok(i) = bagit::BagInfo::parse(data) {
        assert_eq!(i.encode().ok().as_deref().map(str::as_bytes), Some(data));
    }
    if let Ok(m) = bagit::Manifest::parse(data, 64) {
        assert_eq!(m.encode().as_bytes(), data);
        assert!(!m.entries().is_empty() && m.entries().len() <= 64);
    }
    if let Ok(t) = bagit::TagManifest::parse(data) {
        assert_eq!(t.encode().as_bytes(), data);
    }
    if let Ok(s) = signatures::InnerSignatures::parse(data) {
        assert_eq!(s.encode().ok().as_deref().map(str::as_bytes), Some(data));
    }
}

/// Any bytes as a minisign signature file, public key file and key line: an accepted
/// signature prints back to the same bytes and never verifies under a key the fuzzer does
/// not hold.
pub fn minisign(data: &[u8]) {
    if let Ok(s) = minisig::Signature::parse(data) {
        assert_eq!(s.to_file().as_bytes(), data);
        let key = minisig::PublicKey::for_unit(&[0x5a; 32]);
        assert!(s.verify_prehashed(&key, &[0; 64]).is_err());
    }
    if let Ok(k) = minisig::PublicKey::parse_file(data) {
        assert_eq!(
            minisig::PublicKey::parse_base64(&k.to_base64()).ok(),
            Some(k)
        );
    }
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(k) = minisig::PublicKey::parse_base64(s) {
            assert_eq!(k.to_base64(), s);
        }
    }
}

/// Any text as a package signature's trusted comment: accepted ones print back to themselves.
pub fn trusted_comment(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = TrustedComment::parse(s) {
        assert_eq!(c.encode(), s);
    }
}

/// Any bytes as an archive entry name: an accepted name lies inside the bag's directory,
/// holds no `..`, `.` or empty component, and prints back to itself.
pub fn entry_names(data: &[u8]) {
    let Ok(id) = PackageId::parse("p-1") else {
        return;
    };
    if let Ok(f) = bagit::BagFile::parse_entry_name(data, &id) {
        let path = f.path();
        assert_eq!(format!("p-1/{path}").as_bytes(), data);
        assert!(path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".."));
    }
}

/// Any text as an age recipient or identity: accepted ones print back to themselves.
pub fn age_keys(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = agekey::AgeRecipient::parse(s) {
        assert_eq!(r.to_string(), s);
    }
    if let Ok(k) = agekey::agreement_key_from_age(s) {
        let again = agekey::age_secret_string(&k).ok();
        assert!(again.is_some_and(|a| s.contains(a.as_str())));
    }
}

/// Any bytes as a decrypted package archive, through all of pass 1: bounded, and whatever
/// passes the inner signatures (by the fixed test sender key, seed `11…11`) is consistent.
/// Tells whether the archive was accepted.
pub fn package_archive(data: &[u8]) -> bool {
    let seed = zeroize::Zeroizing::new([0x11; 32]);
    let Ok(sender) = crate::crypto::sign::SigningKey::from_seed(seed) else {
        return false;
    };
    let limits = crate::transfer::Limits {
        max_entries: 16,
        max_package_json: 64 << 10,
        max_file: 1 << 20,
        max_total: 4 << 20,
    };
    let res = crate::transfer::check_plain_archive(
        data,
        "Bjørgvin fengsel",
        "Region vest",
        &sender.public(),
        &limits,
    );
    if let Ok(c) = res {
        assert!(!c.files.is_empty() && c.files.len() <= limits.max_entries);
        let total: u64 = c.files.iter().map(|f| f.size).sum();
        assert_eq!(total, c.info.payload_octets);
        assert_eq!(c.package_json.len() as u64, c.files[0].size);
        return true;
    }
    false
}

/// Any bytes as a package file, to the age header check that runs before the file's
/// signature is known to hold: a header is accepted only if it opens with the fixed test
/// receiver key (seed `33…33`), and a file refused was read no further than the header limit
/// (age's own header reader has none). Tells whether the header was accepted.
pub fn age_header(data: &[u8]) -> bool {
    let key = crate::crypto::agree::AgreementKey::from_bytes(zeroize::Zeroizing::new([0x33; 32]));
    let Ok(identity) = agekey::age_identity(&key) else {
        return false;
    };
    let mut file = std::io::Cursor::new(data);
    match crate::transfer::check_header(&mut file, &identity) {
        Ok(()) => true,
        Err(_) => {
            assert!(file.position() <= crate::transfer::MAX_AGE_HEADER);
            false
        }
    }
}

// ---- Printing and the register's person queries ----

/// Any bytes as a document's text to print: wrapped lines never exceed the width, and the
/// pages render to a PDF (issue 12).
pub fn print_text(data: &[u8]) {
    use crate::print::layout::{wrap_text, Line};
    use crate::print::pdf::{render, Frame, Paper};
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for cols in [1, 7, Paper::Portrait.columns()] {
        for l in wrap_text(s, cols) {
            if let Line::Text(t) | Line::Bold(t) = l {
                assert!(t.chars().count() <= cols, "{cols}: {:?}", t.as_str());
            }
        }
    }
    let body = wrap_text(s, Paper::Portrait.columns());
    let frame = Frame {
        marking: "FORTROLIG".into(),
        header: vec![s.chars().take(40).collect()],
        notices: Vec::new(),
        repeat: Vec::new(),
    };
    let Ok((pdf, pages)) = render(Paper::Portrait, &frame, &body) else {
        panic!("a page without notices always has room for its body");
    };
    assert!(pdf.starts_with(b"%PDF-") && pages >= 1);
}

/// Any text as a `person find` query and as a name to fold: folding is stable, and a query
/// is either refused or made of folded words.
pub fn person_query(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let f = crate::text::fold(s);
    assert_eq!(crate::text::fold(&f), f, "folding twice changes {s:?}");
    assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    assert!(!f.contains("aa"));
    if let Ok(words) = crate::register::search::query_words(s) {
        for w in words {
            assert!(!w.is_empty() && !w.contains(' ') && crate::text::fold(&w) == w);
        }
    }
}

// ---- The contents of transfer packages (issue 7): package.json, checkpoints, receipts ----

/// Any bytes as `data/package.json`: accepted contents survive a round trip through the
/// writer unchanged, and say what their kind must hold.
pub fn package_json(data: &[u8]) {
    let Ok(p) = crate::transfer::payload::parse(data) else {
        return;
    };
    let again = p.encode().ok();
    let back = again.as_deref().map(crate::transfer::payload::parse);
    assert!(matches!(back, Some(Ok(ref b)) if *b == p), "round trip");
    assert!(p.seq >= 1);
    if p.kind != crate::transfer::payload::Kind::External {
        assert!(p.checkpoint.is_some());
    }
}

/// Any bytes as a checkpoint file: accepted files print back to the same bytes, and every
/// checkpoint in them carries a good signature by its own key.
pub fn checkpoint(data: &[u8]) {
    let Ok(list) = crate::transfer::checkpoint::Checkpoint::parse_file(data) else {
        return;
    };
    assert!(!list.is_empty());
    let again = crate::transfer::checkpoint::Checkpoint::encode_file(&list).ok();
    assert_eq!(again.as_deref().map(str::as_bytes), Some(data));
}

/// Any bytes as a receipt (the `receipt` object of a package.json): accepted receipts name
/// a valid package id and positive versions.
pub fn receipt(data: &[u8]) {
    if let Ok(r) = crate::transfer::payload::parse_receipt(data) {
        assert!(PackageId::parse(r.package.as_str()).is_ok());
        assert!(r
            .documents
            .iter()
            .all(|((_, sv), (_, v))| *sv >= 1 && *v >= 1));
    }
}
