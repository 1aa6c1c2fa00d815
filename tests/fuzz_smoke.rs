//! The fuzz targets of `fuzz/` run on stable: each over deterministic pseudo-random inputs
//! and over single-byte mutations of valid seeds. The real fuzzing is
//! `cargo +nightly fuzz run TARGET` (fuzz/README in fuzz/Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = (self.next() as usize) % (max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn mutations(seed: &[u8], rng: &mut Rng, n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|_| {
            let mut v = seed.to_vec();
            if v.is_empty() {
                return v;
            }
            let i = (rng.next() as usize) % v.len();
            match rng.next() % 3 {
                0 => v[i] ^= 1 << (rng.next() % 8),
                1 => {
                    v.remove(i);
                }
                _ => v.insert(i, rng.next() as u8),
            }
            v
        })
        .collect()
}

const KEYSLOT_SEED: &str = r#"{
  "format": "infoflyt-keyslots/1",
  "store_id": "9bb8f177a66c4e60f29cd8f0d562dc65",
  "slots": [
    {
      "id": "ec72a57619f54b82351f73b34967f07e11948ec9265b97842411a81a1fe5dcfe",
      "kdf": { "m_kib": 65536, "t": 1, "p": 1 },
      "salt": "91013fc117f644029997b679461c0a41",
      "wrapped": "eee00493f897b43c8dc441533c0a2395b7199175a6c9dc65cf3779da48323925d3a06b9a509242f82f928945653c273da636087f6f62e8ba47df3fad"
    }
  ],
  "revoked": []
}"#;

#[test]
fn keyslots_parser_survives_random_and_mutated_input() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..2000 {
        infoflyt::fuzzing::keyslots(&rng.bytes(300));
    }
    for m in mutations(KEYSLOT_SEED.as_bytes(), &mut rng, 3000) {
        infoflyt::fuzzing::keyslots(&m);
    }
}

#[test]
fn journal_number_parser_survives_random_and_mutated_input() {
    let mut rng = Rng(0xfeed_beef_0bad_cafe);
    for _ in 0..20_000 {
        infoflyt::fuzzing::journal_number(&rng.bytes(20));
    }
    for seed in ["2026/00042", "2026/00042@3", "2026/100001"] {
        for m in mutations(seed.as_bytes(), &mut rng, 5000) {
            infoflyt::fuzzing::journal_number(&m);
        }
    }
}

#[test]
fn name_parsers_survive_random_and_mutated_input() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for _ in 0..20_000 {
        infoflyt::fuzzing::names(&rng.bytes(40));
    }
    for seed in [
        "kari.nordmann",
        "STRENGT_FORTROLIG",
        "officer",
        "escape,hostage-taking",
        "bjørn",
    ] {
        for m in mutations(seed.as_bytes(), &mut rng, 3000) {
            infoflyt::fuzzing::names(&m);
        }
    }
}

/// A decision record as a package carries it (signatures zero: it parses, never verifies).
const DECISION_SEED: &str = r#"{"uid":"01010101010101010101010101010101","unit":"Test fengsel","level":"local","subject":{"ref_id":4,"name":"Per Olsen","born":null},"measure":"other:Arbeidsdrift","basis":[{"journal_number":"2026/00001","version":1,"grading":"FORTROLIG","source":"kripos","info_date":"2026-01-01","age_days":31,"unverified":true,"health_confidential":false}],"reliability":"unverified","asked_police":true,"police_info":true,"grading":"FORTROLIG","assessment":"Opplysningene er ubekreftede og en måned gamle, men alvorlige nok.","decided_at":"2026-02-01T10:00:00Z","decided_by":"kari","decider_key":"0000000000000000000000000000000000000000000000000000000000000000","supersedes":null,"signature":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000","unit_signature":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"}"#;

/// A review record as a package carries it.
const REVIEW_SEED: &str = r#"{"uid":"02020202020202020202020202020202","decision_uid":"01010101010101010101010101010101","decision_signature":"03030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303","decision_unit":"Test fengsel","verdict":"overturn","reason":"Opplysningene er for gamle til å bære tiltaket.","unit":"Region test","level":"region","reviewed_at":"2026-02-02T10:00:00Z","reviewed_by":"rita","reviewer_key":"0000000000000000000000000000000000000000000000000000000000000000","signature":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000","unit_signature":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"}"#;

#[test]
fn casework_record_parsers_survive_random_and_mutated_input() {
    // The seeds are valid records: the mutations start from inside the format.
    assert!(
        infoflyt::casework::record::DecisionRecord::from_json(DECISION_SEED.as_bytes()).is_ok()
    );
    assert!(infoflyt::casework::record::ReviewRecord::from_json(REVIEW_SEED.as_bytes()).is_ok());
    let mut rng = Rng(0x5eed_ca5e_0f00_d001);
    for _ in 0..5000 {
        infoflyt::fuzzing::casework(&rng.bytes(200));
    }
    for seed in [
        DECISION_SEED,
        REVIEW_SEED,
        "other:Arbeidsdrift",
        "visit-ban",
        "mixed",
        "lawyer",
    ] {
        for m in mutations(seed.as_bytes(), &mut rng, 2000) {
            infoflyt::fuzzing::casework(&m);
        }
    }
}

// ---- Transfer packages and unit cards ----

use crate::craft;

use infoflyt::transfer::{agekey, card, minisig};

fn package_seeds() -> (craft::Bag, Vec<u8>) {
    let keys = craft::Keys::fixed();
    let h = craft::header("p-1", craft::RECEIVER);
    let bag = craft::well_formed(&keys, &h, &[b"document one", b"document two"]);
    let archive = craft::tar(&bag.entries);
    (bag, archive)
}

#[test]
fn age_header_survives_random_and_mutated_input() {
    let keys = craft::Keys::fixed();
    let (bag, _) = package_seeds();
    let (file, _) = craft::package(&keys, &bag);
    let header_end = file.windows(4).position(|w| w == b"\n---").unwrap() + 48;
    let seed = &file[..header_end];
    let mut rng = Rng(0x5eed_0a9e_0000_0001);
    for _ in 0..500 {
        assert!(!infoflyt::fuzzing::age_header(&rng.bytes(3000)));
    }
    // A real header for the fixed receiver opens; most mutations of it do not.
    assert!(infoflyt::fuzzing::age_header(&file));
    let mut accepted = 0;
    for m in mutations(seed, &mut rng, 3000) {
        accepted += usize::from(infoflyt::fuzzing::age_header(&m));
    }
    assert!(accepted < 3000 / 2, "{accepted} mutations accepted");
    // Far past the header limit, in many stanzas or one line: refused (the target asserts
    // that it read no further than the limit).
    let mut stanzas = b"age-encryption.org/v1\n".to_vec();
    while stanzas.len() < 64 << 10 {
        stanzas.extend_from_slice(b"-> a\nAAAA\n");
    }
    assert!(!infoflyt::fuzzing::age_header(&stanzas));
    let mut line = b"age-encryption.org/v1\n-> X25519 ".to_vec();
    line.resize(1 << 20, b'A');
    assert!(!infoflyt::fuzzing::age_header(&line));
}

#[test]
fn package_archive_survives_random_and_mutated_input() {
    let (_, archive) = package_seeds();
    let mut rng = Rng(0x5eed_0a2c_41fe_0001);
    for _ in 0..500 {
        assert!(!infoflyt::fuzzing::package_archive(&rng.bytes(3000)));
    }
    // The seed itself passes all of pass 1 (so mutations explore beyond the first check).
    assert!(infoflyt::fuzzing::package_archive(&archive));
    let mut accepted = 0;
    for m in mutations(&archive, &mut rng, 3000) {
        accepted += usize::from(infoflyt::fuzzing::package_archive(&m));
    }
    // Only mutations of padding and of the header fields we do not read can pass.
    assert!(accepted < 3000 / 2, "{accepted} mutations accepted");
}

#[test]
fn bag_file_parsers_survive_random_and_mutated_input() {
    let (bag, _) = package_seeds();
    let mut rng = Rng(0x5eed_0a2c_41fe_0002);
    for _ in 0..5000 {
        infoflyt::fuzzing::bag_files(&rng.bytes(200));
    }
    for e in &bag.entries {
        if e.name.ends_with(b".txt") {
            for m in mutations(&e.data, &mut rng, 1500) {
                infoflyt::fuzzing::bag_files(&m);
            }
        }
    }
}

#[test]
fn entry_name_parser_survives_random_and_mutated_input() {
    let mut rng = Rng(0x5eed_0a2c_41fe_0003);
    for _ in 0..20_000 {
        infoflyt::fuzzing::entry_names(&rng.bytes(40));
    }
    for seed in [
        "p-1/bagit.txt",
        "p-1/data/package.json",
        "p-1/data/documents/000001.bin",
        "p-1/infoflyt-signatures.txt",
        "p-1/../p-1/bagit.txt",
    ] {
        for m in mutations(seed.as_bytes(), &mut rng, 3000) {
            infoflyt::fuzzing::entry_names(&m);
        }
    }
}

#[test]
fn minisign_and_trusted_comment_parsers_survive_random_and_mutated_input() {
    let keys = craft::Keys::fixed();
    let (bag, archive) = package_seeds();
    let sig = craft::sign(&keys, &archive, &bag.header, &bag.tag_digest);
    let public = minisig::PublicKey::for_unit(&keys.sender.public());
    let comment = minisig::Signature::parse(&sig)
        .unwrap()
        .trusted_comment()
        .to_owned();
    let mut rng = Rng(0x5eed_0a2c_41fe_0004);
    for _ in 0..5000 {
        let r = rng.bytes(400);
        infoflyt::fuzzing::minisign(&r);
        infoflyt::fuzzing::trusted_comment(&r);
    }
    for seed in [
        sig.clone(),
        public.to_file().into_bytes(),
        public.to_base64().into_bytes(),
    ] {
        for m in mutations(&seed, &mut rng, 3000) {
            infoflyt::fuzzing::minisign(&m);
        }
    }
    for m in mutations(comment.as_bytes(), &mut rng, 5000) {
        infoflyt::fuzzing::trusted_comment(&m);
    }
}

#[test]
fn unit_card_and_age_key_parsers_survive_random_and_mutated_input() {
    let keys = craft::Keys::fixed();
    let c = card::UnitCard::issue(
        craft::SENDER,
        infoflyt::identity::Level::Local,
        Some("Vest"),
        2,
        &keys.sender,
        &keys.receiver.public(),
        Some(&keys.officer),
    )
    .unwrap()
    .encode()
    .unwrap();
    let mut rng = Rng(0x5eed_0a2c_41fe_0005);
    for _ in 0..5000 {
        let r = rng.bytes(300);
        infoflyt::fuzzing::unit_card(&r);
        infoflyt::fuzzing::age_keys(&r);
    }
    for m in mutations(c.as_bytes(), &mut rng, 2000) {
        infoflyt::fuzzing::unit_card(&m);
    }
    let recipient = agekey::recipient_of(&keys.receiver).to_string();
    let identity = craft::age_secret(&keys.receiver);
    for seed in [recipient, identity] {
        for m in mutations(seed.as_bytes(), &mut rng, 3000) {
            infoflyt::fuzzing::age_keys(&m);
        }
    }
}

/// Seeds the cargo-fuzz corpora of the package targets with valid inputs (the corpora are not
/// kept in git): `INFOFLYT_WRITE_SEEDS=1 cargo test --test suite fuzz_smoke::write_fuzz_seeds -- --ignored`.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    if std::env::var_os("INFOFLYT_WRITE_SEEDS").is_none() {
        return;
    }
    let keys = craft::Keys::fixed();
    let (bag, archive) = package_seeds();
    let sig = craft::sign(&keys, &archive, &bag.header, &bag.tag_digest);
    let public = minisig::PublicKey::for_unit(&keys.sender.public());
    let comment = minisig::Signature::parse(&sig)
        .unwrap()
        .trusted_comment()
        .to_owned();
    let c = card::UnitCard::issue(
        craft::SENDER,
        infoflyt::identity::Level::Local,
        Some("Vest"),
        2,
        &keys.sender,
        &keys.receiver.public(),
        Some(&keys.officer),
    )
    .unwrap()
    .encode()
    .unwrap();
    let (json, checkpoints, receipt) = contents_seeds();
    let mut seeds: Vec<(&str, Vec<u8>)> = vec![
        ("package_json", json),
        ("casework", DECISION_SEED.as_bytes().to_vec()),
        ("casework", REVIEW_SEED.as_bytes().to_vec()),
        ("checkpoint", checkpoints),
        ("receipt", receipt),
        ("package_archive", archive),
        ("age_header", {
            let keys = craft::Keys::fixed();
            let (bag, _) = package_seeds();
            craft::package(&keys, &bag).0
        }),
        ("minisign", sig),
        ("minisign", public.to_file().into_bytes()),
        ("minisign", public.to_base64().into_bytes()),
        ("trusted_comment", comment.into_bytes()),
        ("unit_card", c.into_bytes()),
        (
            "age_keys",
            agekey::recipient_of(&keys.receiver)
                .to_string()
                .into_bytes(),
        ),
        ("age_keys", craft::age_secret(&keys.receiver).into_bytes()),
    ];
    for e in &bag.entries {
        seeds.push(("entry_names", e.name.clone()));
        if e.name.ends_with(b".txt") {
            seeds.push(("bag_files", e.data.clone()));
        }
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
    for (i, (target, data)) in seeds.iter().enumerate() {
        let dir = std::path::Path::new(root).join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{i}")), data).unwrap();
    }
}

#[test]
fn announcement_parser_survives_random_and_mutated_input() {
    let mut rng = Rng(0x0a11_0c0d_e5ee_d5a1);
    for _ in 0..20_000 {
        infoflyt::fuzzing::announcement(&rng.bytes(80));
    }
    for seed in [
        "restricted to kari; F key v2 record ab12 list 1:3,5; S key v4 record cd34 list 1:3",
        "F key v1 record ee list 0:",
        "S key v9 record 00 list 1:9,2,2,-1",
    ] {
        for m in mutations(seed.as_bytes(), &mut rng, 5000) {
            infoflyt::fuzzing::announcement(&m);
        }
    }
}

#[test]
fn folder_list_decoder_survives_random_and_mutated_input() {
    let mut rng = Rng(0x1157_dec0_de00_0001);
    for _ in 0..20_000 {
        infoflyt::fuzzing::folder_list(&rng.bytes(41));
    }
    let mut seed = vec![1u8];
    for id in [3i64, 5, 9] {
        seed.extend(id.to_be_bytes());
    }
    for m in mutations(&seed, &mut rng, 5000) {
        infoflyt::fuzzing::folder_list(&m);
    }
}

// ---- Printing and the register's person queries ----

#[test]
fn print_layout_survives_random_and_mutated_text() {
    let mut rng = Rng(0x5eed_0f0f_9417_0dd1);
    for _ in 0..300 {
        infoflyt::fuzzing::print_text(&rng.bytes(400));
    }
    for seed in [
        "Bjørn Åsen ble sett i besøksrommet.\r\n\tinnrykk\u{c}ny side",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "e\u{301} «sitat» – Ω ✓ 中文",
    ] {
        for m in mutations(seed.as_bytes(), &mut rng, 300) {
            infoflyt::fuzzing::print_text(&m);
        }
    }
}

#[test]
fn person_queries_and_name_folding_survive_random_and_mutated_input() {
    let mut rng = Rng(0x0f01_d0f0_1d0f_01d0);
    for _ in 0..20_000 {
        infoflyt::fuzzing::person_query(&rng.bytes(40));
    }
    for seed in [
        "Bjørn Åsen 31.01.1980",
        "haaland-sæther 1975",
        "O'Brien Müller",
        "ÅÅaa",
    ] {
        for m in mutations(seed.as_bytes(), &mut rng, 3000) {
            infoflyt::fuzzing::person_query(&m);
        }
    }
}

/// Valid seeds for the contents targets: a package.json (a transfer with one document and a
/// checkpoint), a file of two checkpoints, and a receipt object.
fn contents_seeds() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    use infoflyt::transfer::checkpoint::Checkpoint;
    use infoflyt::transfer::payload::{self, DocFacts, Kind, Payload, TransferFacts};
    let key =
        infoflyt::crypto::sign::SigningKey::from_seed(zeroize::Zeroizing::new([7; 32])).unwrap();
    let cp = Checkpoint::sign("Oslo fengsel", [1; 16], 42, [2; 32], &key);
    let person = infoflyt::register::travel::PersonFacts::check(
        [3; 16],
        "Navn Navnesen",
        "inmate",
        Some("1990-02-03"),
        None,
        "escape",
        "",
        None,
        None,
        None,
    )
    .unwrap();
    let p = Payload {
        kind: Kind::Transfer,
        id: infoflyt::transfer::PackageId::parse("oslo-fengsel-2026-01-01-000001").unwrap(),
        sender: "Oslo fengsel".into(),
        sender_level: infoflyt::identity::Level::Local,
        receiver: "Bergen fengsel".into(),
        seq: 1,
        created_at: "2026-01-01T10:00:00Z".into(),
        officer: "kari".into(),
        checkpoint: Some(cp.clone()),
        persons: vec![person],
        documents: vec![DocFacts {
            person: [3; 16],
            journal_number: "2026/00001".into(),
            version: 1,
            grading: infoflyt::authz::Grading::Fortrolig,
            title: "Observasjon".into(),
            source: infoflyt::documents::Source::Police,
            unverified: true,
            health_confidential: false,
            derived_from: None,
            info_date: "2026-01-01".into(),
            content_kind: "text".into(),
            file_name: None,
            size: 5,
        }],
        auth_changes: vec![],
        receipt: None,
        transfer: Some(TransferFacts {
            person: [3; 16],
            consulted_unit: "Bergen fengsel".into(),
            consulted_with: "Per".into(),
            consulted_at: "2026-01-01T09:00:00Z".into(),
        }),
        disclosure: None,
        casework: vec![],
    };
    let json = p.encode().unwrap();
    assert_eq!(
        payload::parse(&json).unwrap(),
        p,
        "the seed itself parses back"
    );
    let other = Checkpoint::sign("Oslo fengsel", [1; 16], 43, [4; 32], &key);
    let cps = Checkpoint::encode_file(&[cp, other]).unwrap().into_bytes();
    let receipt = br#"{"package":"oslo-fengsel-2026-01-01-000001","seq":1,"tagmanifest_sha256":"0000000000000000000000000000000000000000000000000000000000000000","imported_at":"2026-01-01T11:00:00Z","documents":[{"sender_journal_number":"2026/00001","sender_version":1,"journal_number":"2026/00007","version":1}]}"#.to_vec();
    assert!(payload::parse_receipt(&receipt).is_ok());
    (json, cps, receipt)
}

#[test]
fn package_contents_parsers_survive_random_and_mutated_input() {
    let (json, cps, receipt) = contents_seeds();
    let mut rng = Rng(0x5eed_0a2c_41fe_0777);
    for _ in 0..3000 {
        let r = rng.bytes(400);
        infoflyt::fuzzing::package_json(&r);
        infoflyt::fuzzing::checkpoint(&r);
        infoflyt::fuzzing::receipt(&r);
    }
    for m in mutations(&json, &mut rng, 3000) {
        infoflyt::fuzzing::package_json(&m);
    }
    for m in mutations(&cps, &mut rng, 3000) {
        infoflyt::fuzzing::checkpoint(&m);
    }
    for m in mutations(&receipt, &mut rng, 3000) {
        infoflyt::fuzzing::receipt(&m);
    }
    // The seeds themselves are accepted (the targets are not vacuous).
    assert!(infoflyt::transfer::payload::parse(&json).is_ok());
    assert_eq!(
        infoflyt::transfer::checkpoint::Checkpoint::parse_file(&cps)
            .unwrap()
            .len(),
        2
    );
}

/// `cargo fuzz` refuses the whole fuzz crate when its manifest is malformed (a merge once
/// joined two targets' tables), and CI's stable toolchain never reads it: check here that each
/// target in `fuzz/fuzz_targets/` has exactly one `[[bin]]` table naming it and its file.
#[test]
fn every_fuzz_target_has_one_well_formed_bin_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let tables: Vec<&str> = manifest.split("[[bin]]").skip(1).collect();
    let mut named = Vec::new();
    for t in &tables {
        let body = t.split("\n[").next().unwrap_or(t);
        let names: Vec<&str> = body
            .lines()
            .filter_map(|l| l.strip_prefix("name = "))
            .collect();
        let paths: Vec<&str> = body
            .lines()
            .filter_map(|l| l.strip_prefix("path = "))
            .collect();
        assert_eq!(
            names.len(),
            1,
            "a [[bin]] table without exactly one name: {body}"
        );
        assert_eq!(
            paths.len(),
            1,
            "a [[bin]] table without exactly one path: {body}"
        );
        let name = names[0].trim_matches('"');
        assert_eq!(
            paths[0].trim_matches('"'),
            format!("fuzz_targets/{name}.rs"),
            "{body}"
        );
        named.push(name.to_owned());
    }
    let mut files: Vec<String> = std::fs::read_dir(root.join("fuzz_targets"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    files.sort();
    let mut sorted = named.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        named.len(),
        "a target is listed twice: {named:?}"
    );
    assert_eq!(
        sorted, files,
        "fuzz/Cargo.toml and fuzz/fuzz_targets/ disagree"
    );
}
