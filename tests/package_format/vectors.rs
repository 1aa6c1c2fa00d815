//! The named negative vectors: how each is made, and the stage that must refuse it. Written
//! to tests/vectors/packages/ by `write_vectors`; checked from the files by
//! `named_vectors_are_refused_at_their_stage`, so a later change to the writer cannot quietly
//! change what they hold.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::craft::{self, Entry, Keys, OTHER_RECEIVER, RECEIVER};
use infoflyt::crypto::sha256;
use infoflyt::transfer::bagit::{Manifest, PayloadName};
use infoflyt::transfer::signatures::InnerSignatures;

type Vector = (&'static str, &'static str, (Vec<u8>, Vec<u8>));

fn bag(keys: &Keys, id: &str) -> craft::Bag {
    craft::well_formed(
        keys,
        &craft::header(id, RECEIVER),
        &[b"document one", b"document two"],
    )
}

/// Re-signs a crafted archive as the real sender would (outer signature valid), so only the
/// inside is wrong.
fn resign(keys: &Keys, b: &craft::Bag, entries: &[Entry]) -> (Vec<u8>, Vec<u8>) {
    let file = craft::encrypt(&craft::tar(entries), &keys.receiver);
    let sig = craft::sign(keys, &file, &b.header, &b.tag_digest);
    (file, sig)
}

fn index(b: &craft::Bag, suffix: &str) -> usize {
    b.entries
        .iter()
        .position(|e| e.name.ends_with(suffix.as_bytes()))
        .unwrap()
}

/// Every vector: name, expected outcome, (package, signature).
pub(crate) fn all(keys: &Keys) -> Vec<Vector> {
    let mut v: Vec<Vector> = Vec::new();
    let good = bag(keys, "valid");
    v.push(("valid", "ok", craft::package(keys, &good)));

    let (file, sig) = craft::package(keys, &bag(keys, "truncated"));
    v.push((
        "truncated",
        "refused signature",
        (file[..file.len() - 100].to_vec(), sig),
    ));

    let (a, _) = craft::package(keys, &bag(keys, "swapped-outer-signature"));
    let (_, sig_b) = craft::package(keys, &bag(keys, "swapped-outer-signature"));
    v.push(("swapped-outer-signature", "refused signature", (a, sig_b)));

    // The whole file signed (minisign's legacy "Ed"), not its BLAKE2b-512.
    let (file, sig) = craft::package(keys, &bag(keys, "legacy-signature"));
    v.push((
        "legacy-signature",
        "refused signature",
        (file.clone(), legacy(keys, &file, &sig)),
    ));

    let other_name = craft::well_formed(
        keys,
        &craft::header("addressed-to-other-unit", OTHER_RECEIVER),
        &[b"x"],
    );
    v.push((
        "addressed-to-other-unit",
        "refused signature",
        craft::package(keys, &other_name),
    ));

    let b = bag(keys, "encrypted-to-other-unit");
    let file = craft::encrypt(&craft::tar(&b.entries), &keys.other);
    let sig = craft::sign(keys, &file, &b.header, &b.tag_digest);
    v.push(("encrypted-to-other-unit", "refused decrypt", (file, sig)));

    // The inner signatures of another package with the same id, under a valid outer one.
    let b = bag(keys, "swapped-inner-signature");
    let other = craft::well_formed(keys, &b.header, &[b"other contents", b"document two"]);
    let mut entries = b.entries.clone();
    let i = index(&b, "infoflyt-signatures.txt");
    entries[i] = other.entries[i].clone();
    v.push((
        "swapped-inner-signature",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    // Inner signatures by another officer key than the unit vouched for.
    let b = bag(keys, "inner-signature-by-stranger");
    let mut entries = b.entries.clone();
    let stranger = infoflyt::crypto::sign::SigningKey::generate().unwrap();
    let forged =
        InnerSignatures::sign(&b.header, &b.tag_digest, &stranger, "kari", &keys.officer).unwrap();
    let i = index(&b, "infoflyt-signatures.txt");
    entries[i].data = forged.encode().unwrap().into_bytes();
    v.push((
        "inner-signature-by-stranger",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    let b = bag(keys, "unlisted-payload");
    let mut entries = b.entries.clone();
    let i = index(&b, "000002.bin");
    entries.insert(
        i + 1,
        Entry::file("unlisted-payload", "data/documents/000003.bin", b"extra"),
    );
    v.push((
        "unlisted-payload",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    let b = bag(keys, "missing-payload");
    let mut entries = b.entries.clone();
    entries.remove(index(&b, "000002.bin"));
    v.push((
        "missing-payload",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    let b = bag(keys, "changed-document");
    let mut entries = b.entries.clone();
    let i = index(&b, "000001.bin");
    entries[i].data = b"document 0ne".to_vec();
    v.push((
        "changed-document",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    for (name, bad) in [
        (
            "path-traversal",
            &b"path-traversal/../../etc/cron.d/evil"[..],
        ),
        (
            "path-traversal-in-data",
            b"path-traversal-in-data/data/../../evil",
        ),
        ("absolute-path", b"/tmp/absolute-path/evil"),
        (
            "foreign-bag-directory",
            b"other-bag/data/documents/000003.bin",
        ),
    ] {
        let b = bag(keys, name);
        let mut entries = b.entries.clone();
        let i = index(&b, "000002.bin");
        entries.insert(
            i + 1,
            Entry {
                name: bad.to_vec(),
                data: b"evil".to_vec(),
                kind: b'0',
            },
        );
        v.push((name, "refused contents", resign(keys, &b, &entries)));
    }

    // A link, a directory and a PAX header, each where a payload file should be.
    for (name, kind) in [
        ("symlink-entry", b'2'),
        ("hardlink-entry", b'1'),
        ("directory-entry", b'5'),
        ("pax-header", b'x'),
    ] {
        let b = bag(keys, name);
        let mut entries = b.entries.clone();
        let i = index(&b, "000002.bin");
        entries[i].kind = kind;
        v.push((name, "refused contents", resign(keys, &b, &entries)));
    }

    // The trusted comment names another tag manifest than the one inside.
    let b = bag(keys, "tag-manifest-mismatch");
    let file = craft::encrypt(&craft::tar(&b.entries), &keys.receiver);
    let sig = craft::sign(keys, &file, &b.header, &[0x5a; 32]);
    v.push(("tag-manifest-mismatch", "refused contents", (file, sig)));

    // A manifest that hides a document from the tag manifest: tag files do not match.
    let b = bag(keys, "manifest-without-tagmanifest");
    let mut entries = b.entries.clone();
    let i = index(&b, "/manifest-sha256.txt");
    let m = Manifest::new(vec![
        (PayloadName::PackageJson, sha256(&entries[1].data)),
        (PayloadName::Document(1), sha256(b"document one")),
    ])
    .unwrap();
    entries[i].data = m.encode().into_bytes();
    v.push((
        "manifest-without-tagmanifest",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    let b = bag(keys, "data-after-archive");
    let mut plain = craft::tar(&b.entries);
    plain.extend_from_slice(b"hidden after the end of the archive");
    let file = craft::encrypt(&plain, &keys.receiver);
    let sig = craft::sign(keys, &file, &b.header, &b.tag_digest);
    v.push(("data-after-archive", "refused contents", (file, sig)));

    let b = bag(keys, "tag-files-first");
    let mut entries = b.entries.clone();
    let tail = entries.split_off(entries.len() - 4);
    let mut reordered = vec![entries[0].clone()];
    reordered.extend(tail);
    reordered.extend(entries.into_iter().skip(1));
    v.push((
        "tag-files-first",
        "refused contents",
        resign(keys, &b, &reordered),
    ));

    let b = bag(keys, "duplicate-entry");
    let mut entries = b.entries.clone();
    let i = index(&b, "000001.bin");
    entries.insert(i + 1, entries[i].clone());
    v.push((
        "duplicate-entry",
        "refused contents",
        resign(keys, &b, &entries),
    ));

    v
}

/// The same package signed with minisign's legacy algorithm `Ed` over the whole file.
fn legacy(keys: &Keys, file: &[u8], prehashed: &[u8]) -> Vec<u8> {
    use base64::engine::general_purpose::STANDARD as B64;
    use base64::Engine as _;
    let text = String::from_utf8(prehashed.to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut raw = B64.decode(lines[1]).unwrap();
    raw[1] = b'd';
    let sig = keys.sender.sign(file);
    raw[10..].copy_from_slice(&sig);
    let comment = lines[2].strip_prefix("trusted comment: ").unwrap();
    let mut global = sig.to_vec();
    global.extend_from_slice(comment.as_bytes());
    format!(
        "{}\n{}\n{}\n{}\n",
        lines[0],
        B64.encode(&raw),
        lines[2],
        B64.encode(keys.sender.sign(&global))
    )
    .into_bytes()
}
