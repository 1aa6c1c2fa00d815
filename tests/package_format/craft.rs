//! Test-only package crafting: builds packages byte by byte, including ones the real writer
//! never makes (unlisted files, `..` in names, links, swapped signatures), so the negative
//! vectors fail for the one reason they are named after. `well_formed` with no changes gives
//! a package that opens, which the tests check, so a vector cannot pass for the wrong reason.
#![allow(dead_code, unreachable_pub)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use infoflyt::crypto::agree::AgreementKey;
use infoflyt::crypto::sha256;
use infoflyt::crypto::sign::SigningKey;
use infoflyt::transfer::agekey::{recipient_of, AgeRecipient};
use infoflyt::transfer::bagit::{BagInfo, Manifest, PayloadName, TagManifest, BAGIT_TXT};
use infoflyt::transfer::minisig::Signature;
use infoflyt::transfer::signatures::InnerSignatures;
use infoflyt::transfer::{PackageHeader, PackageId, TrustedComment};
use std::io::Write;
use std::str::FromStr;
use zeroize::Zeroizing;

pub const SENDER: &str = "Bjørgvin fengsel";
pub const RECEIVER: &str = "Region vest";
pub const OTHER_RECEIVER: &str = "Region øst";
pub const OFFICER: &str = "kari";

/// Fixed test keys (never used outside tests): the vectors under tests/vectors/packages/ are
/// made with these.
pub struct Keys {
    pub sender: SigningKey,
    pub officer: SigningKey,
    pub receiver: AgreementKey,
    pub other: AgreementKey,
}

impl Keys {
    pub fn fixed() -> Keys {
        Keys {
            sender: SigningKey::from_seed(Zeroizing::new([0x11; 32])).unwrap(),
            officer: SigningKey::from_seed(Zeroizing::new([0x22; 32])).unwrap(),
            receiver: infoflyt::test_support::agreement_key_from([0x33; 32]),
            other: infoflyt::test_support::agreement_key_from([0x44; 32]),
        }
    }
}

/// One archive entry, as raw as a hostile sender could make it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: Vec<u8>,
    pub data: Vec<u8>,
    pub kind: u8,
}

impl Entry {
    pub fn file(id: &str, path: &str, data: &[u8]) -> Entry {
        Entry {
            name: format!("{id}/{path}").into_bytes(),
            data: data.to_vec(),
            kind: b'0',
        }
    }
}

/// A bag's entries, with the digest of its tag manifest.
pub struct Bag {
    pub header: PackageHeader,
    pub entries: Vec<Entry>,
    pub tag_digest: [u8; 32],
}

pub fn header(id: &str, receiver: &str) -> PackageHeader {
    PackageHeader::new(PackageId::parse(id).unwrap(), SENDER, receiver).unwrap()
}

/// A well-formed bag, entries in the writer's order.
pub fn well_formed(keys: &Keys, h: &PackageHeader, docs: &[&[u8]]) -> Bag {
    let id = h.id().as_str();
    let json = br#"{"kind":"copy-up","test":true}"#.to_vec();
    let mut payload: Vec<(PayloadName, Vec<u8>)> = vec![(PayloadName::PackageJson, json)];
    for (i, d) in docs.iter().enumerate() {
        payload.push((PayloadName::Document(i as u32 + 1), d.to_vec()));
    }
    let manifest = Manifest::new(payload.iter().map(|(n, d)| (*n, sha256(d))).collect())
        .unwrap()
        .encode();
    let info = BagInfo {
        bagging_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        id: h.id().clone(),
        sender: h.sender().into(),
        receiver: h.receiver().into(),
        payload_octets: payload.iter().map(|(_, d)| d.len() as u64).sum(),
        payload_files: payload.len() as u64,
    }
    .encode()
    .unwrap();
    let tags = TagManifest {
        bagit: sha256(BAGIT_TXT.as_bytes()),
        bag_info: sha256(info.as_bytes()),
        manifest: sha256(manifest.as_bytes()),
    }
    .encode();
    let tag_digest = sha256(tags.as_bytes());
    let sigs = InnerSignatures::sign(h, &tag_digest, &keys.sender, OFFICER, &keys.officer)
        .unwrap()
        .encode()
        .unwrap();
    let mut entries = vec![Entry::file(id, "bagit.txt", BAGIT_TXT.as_bytes())];
    entries.extend(payload.iter().map(|(n, d)| Entry::file(id, &n.path(), d)));
    entries.push(Entry::file(id, "bag-info.txt", info.as_bytes()));
    entries.push(Entry::file(id, "manifest-sha256.txt", manifest.as_bytes()));
    entries.push(Entry::file(id, "tagmanifest-sha256.txt", tags.as_bytes()));
    entries.push(Entry::file(id, "infoflyt-signatures.txt", sigs.as_bytes()));
    Bag {
        header: h.clone(),
        entries,
        tag_digest,
    }
}

/// A ustar archive of the entries, names written as given (no checks), ended by two zero
/// blocks.
pub fn tar(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        let mut h = tar::Header::new_ustar();
        h.as_old_mut().name[..e.name.len()].copy_from_slice(&e.name);
        h.set_size(e.data.len() as u64);
        h.set_mode(0o600);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::new(e.kind));
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(&e.data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.extend_from_slice(&[0; 1024]);
    out
}

pub fn encrypt(plain: &[u8], to: &AgreementKey) -> Vec<u8> {
    encrypt_to(plain, &recipient_of(to))
}

pub fn encrypt_to(plain: &[u8], to: &AgeRecipient) -> Vec<u8> {
    let r = age::x25519::Recipient::from_str(&to.to_string()).unwrap();
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

/// The `.minisig` of `file`, with the trusted comment for `h` and `tag_digest`.
pub fn sign(keys: &Keys, file: &[u8], h: &PackageHeader, tag_digest: &[u8; 32]) -> Vec<u8> {
    let comment = TrustedComment {
        header: h.clone(),
        tagmanifest_sha256: *tag_digest,
    };
    let digest = infoflyt::crypto::hash::blake2b512(file);
    Signature::sign_prehashed(&keys.sender, &digest, &comment.encode())
        .unwrap()
        .to_file()
        .into_bytes()
}

/// A package from a bag: archive, encryption to the receiver, outer signature.
pub fn package(keys: &Keys, bag: &Bag) -> (Vec<u8>, Vec<u8>) {
    let file = encrypt(&tar(&bag.entries), &keys.receiver);
    let sig = sign(keys, &file, &bag.header, &bag.tag_digest);
    (file, sig)
}

/// The age identity string of the fixed receiver key (seed 0x33…), for the vectors' key file.
pub fn age_secret(key: &AgreementKey) -> String {
    let seed = [0x33u8; 32];
    assert_eq!(
        infoflyt::test_support::agreement_key_from(seed).public(),
        key.public(),
        "only the fixed receiver key is written out"
    );
    let hrp = bech32::Hrp::parse("AGE-SECRET-KEY-").unwrap();
    bech32::encode_upper::<bech32::Bech32>(hrp, &seed).unwrap()
}
