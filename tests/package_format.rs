//! Transfer packages (DESIGN.md §6): what the writer seals, our opener and the stock tools
//! (`age`, `tar`, `bagit.py`, `minisign`) open; what is damaged, swapped, mis-addressed or
//! crafted is refused at the stage named for it. The named negative vectors live in
//! tests/vectors/packages/ (see its README).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::craft;

use craft::{Keys, OFFICER, OTHER_RECEIVER, RECEIVER, SENDER};
use infoflyt::crypto::agree::AgreementKey;
use infoflyt::transfer::agekey::{agreement_key_from_age, recipient_of};
use infoflyt::transfer::minisig::PublicKey;
use infoflyt::transfer::seal::signature_path;
use infoflyt::transfer::{
    Expected, Limits, PackageFile, PackageHeader, PackageWriter, SignedPackage,
};
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

/// Where opening stopped.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Stage {
    Signature,
    Decrypt,
    Contents,
    Documents,
}

struct Opened {
    package_json: Vec<u8>,
    documents: Vec<Vec<u8>>,
    officer: String,
}

fn open(pkg: &[u8], sig: &[u8], keys: &Keys, identity: &AgreementKey) -> Result<Opened, Stage> {
    let pk = keys.sender.public();
    let expected = Expected {
        sender: SENDER,
        sender_key: &pk,
        receiver: RECEIVER,
    };
    let signed = SignedPackage::new(Cursor::new(pkg.to_vec()), sig, &expected)
        .map_err(|e| why(Stage::Signature, e))?;
    let decrypted = signed
        .decrypt(identity)
        .map_err(|e| why(Stage::Decrypt, e))?;
    let mut verified = decrypted
        .verify_contents(&Limits::default())
        .map_err(|e| why(Stage::Contents, e))?;
    let mut documents = Vec::new();
    verified
        .for_each_document(|_, r| {
            let mut d = Vec::new();
            r.read_to_end(&mut d)
                .map_err(|e| infoflyt::Error::Other(e.to_string()))?;
            documents.push(d);
            Ok(())
        })
        .map_err(|_| Stage::Documents)?;
    Ok(Opened {
        package_json: verified.package_json().to_vec(),
        officer: verified.officer().name.clone(),
        documents,
    })
}

/// What the opener says when the outer signature does not hold over the file's bytes.
fn signature_refusal() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let keys = Keys::fixed();
        let (_, sig) = seal(&keys, "p-0", &[b"x"], &keys.receiver);
        infoflyt::transfer::minisig::Signature::parse(&sig)
            .unwrap()
            .verify_file(&PublicKey::for_unit(&keys.sender.public()), &[0; 64])
            .unwrap_err()
            .to_string()
    })
}

/// Keeps the reason beside the stage, for a failing test's output. The signature over the
/// file's bytes is checked when the file has been read (pass 1, or a failing decryption), so a
/// refusal for that reason counts as the signature stage wherever it comes.
fn why(stage: Stage, e: infoflyt::Error) -> Stage {
    assert_eq!(
        e.exit_code(),
        5,
        "a bad package is an integrity failure: {e}"
    );
    let stage = if e.to_string() == signature_refusal() {
        Stage::Signature
    } else {
        stage
    };
    if std::env::var_os("INFOFLYT_SHOW_REFUSALS").is_some() {
        eprintln!("{stage:?}: {e}");
    }
    stage
}

fn header(id: &str) -> PackageHeader {
    craft::header(id, RECEIVER)
}

/// A package made by the real writer, in memory.
fn seal(keys: &Keys, id: &str, docs: &[&[u8]], to: &AgreementKey) -> (Vec<u8>, Vec<u8>) {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let mut w = PackageWriter::new(
        Vec::new(),
        header(id),
        &[recipient_of(to)],
        br#"{"kind":"copy-up"}"#,
        date,
    )
    .unwrap();
    for d in docs {
        w.add_document(d.len() as u64, *d).unwrap();
    }
    let (file, sealed) = w.finish(&keys.sender, OFFICER, &keys.officer).unwrap();
    assert_eq!(sealed.size, file.len() as u64);
    (file, sealed.signature.to_file().into_bytes())
}

#[test]
fn sealed_package_opens_and_streams_its_documents() {
    let keys = Keys::fixed();
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let (file, sig) = seal(&keys, "p-1", &[b"first", &big, b""], &keys.receiver);
    let o = open(&file, &sig, &keys, &keys.receiver).unwrap();
    assert_eq!(o.package_json, br#"{"kind":"copy-up"}"#);
    assert_eq!(o.documents, vec![b"first".to_vec(), big, Vec::new()]);
    assert_eq!(o.officer, OFFICER);
}

#[test]
fn crafted_well_formed_package_opens_so_vectors_fail_for_their_reason() {
    let keys = Keys::fixed();
    let bag = craft::well_formed(&keys, &header("p-2"), &[b"doc one"]);
    let (file, sig) = craft::package(&keys, &bag);
    let o = open(&file, &sig, &keys, &keys.receiver).unwrap();
    assert_eq!(o.documents, vec![b"doc one".to_vec()]);
}

#[test]
fn every_single_bit_flip_of_a_small_package_is_refused() {
    let keys = Keys::fixed();
    let (file, sig) = seal(&keys, "p-3", &[b"x"], &keys.receiver);
    assert!(file.len() < 16 * 1024, "small package: {}", file.len());
    let pk = PublicKey::for_unit(&keys.sender.public());
    let good = infoflyt::transfer::minisig::Signature::parse(&sig).unwrap();
    let mut flipped = file.clone();
    for i in 0..file.len() {
        for bit in 0..8 {
            flipped[i] ^= 1 << bit;
            let digest = infoflyt::crypto::hash::blake2b512(&flipped);
            assert!(
                good.verify_prehashed(&pk, &digest).is_err(),
                "flip of byte {i} bit {bit} was not caught"
            );
            flipped[i] ^= 1 << bit;
        }
    }
    // Spot-check that the whole opener refuses at the signature, as the loop above assumes.
    for i in [0, 40, file.len() / 2, file.len() - 1] {
        flipped[i] ^= 0x80;
        assert_eq!(
            open(&flipped, &sig, &keys, &keys.receiver).err(),
            Some(Stage::Signature)
        );
        flipped[i] ^= 0x80;
    }
    // And every bit flip of the signature file, except in the text of the untrusted comment,
    // which minisign does not sign (by design; we never read it).
    let comment_text = 19..sig.iter().position(|b| *b == b'\n').unwrap();
    for i in 0..sig.len() {
        if comment_text.contains(&i) {
            continue;
        }
        for bit in 0..8 {
            let mut s = sig.clone();
            s[i] ^= 1 << bit;
            assert!(
                open(&file, &s, &keys, &keys.receiver).is_err(),
                "flip of signature byte {i} bit {bit} was not caught"
            );
        }
    }
}

/// A forged file beside a genuine `.minisig` (any the sender made for this unit, such as one
/// left on the media beside an imported package) is refused at the signature, quickly and in
/// little memory. The file's signature is checked at the end of pass 1, so age's header
/// reader sees the unsigned file first; unbounded, it holds a header whole and parses it again
/// after every line.
#[test]
fn forged_age_header_beside_a_genuine_signature_is_refused_quickly() {
    let keys = Keys::fixed();
    let (_, sig) = seal(&keys, "p-h", &[b"x"], &keys.receiver);
    let mut many_stanzas = b"age-encryption.org/v1\n".to_vec();
    while many_stanzas.len() < 4 << 20 {
        many_stanzas.extend_from_slice(b"-> a\nAAAA\n");
    }
    let mut one_long_line = b"age-encryption.org/v1\n-> X25519 ".to_vec();
    one_long_line.resize(64 << 20, b'A');
    for forged in [many_stanzas, one_long_line] {
        let (tx, rx) = std::sync::mpsc::channel();
        let sig = sig.clone();
        std::thread::spawn(move || {
            let keys = Keys::fixed();
            let _ = tx.send(open(&forged, &sig, &keys, &keys.receiver).err());
        });
        // Hashing 64 MiB for the signature's verdict takes well under a second.
        let got = rx.recv_timeout(std::time::Duration::from_secs(20));
        assert_eq!(got, Ok(Some(Stage::Signature)));
    }
}

#[test]
fn truncated_package_is_refused() {
    let keys = Keys::fixed();
    let (file, sig) = seal(&keys, "p-4", &[b"x"], &keys.receiver);
    for len in [0, 1, 100, file.len() / 2, file.len() - 16, file.len() - 1] {
        assert_eq!(
            open(&file[..len], &sig, &keys, &keys.receiver).err(),
            Some(Stage::Signature),
            "cut at {len}"
        );
    }
}

#[test]
fn swapped_outer_signature_is_refused() {
    let keys = Keys::fixed();
    let (a, sig_a) = seal(&keys, "p-5", &[b"a"], &keys.receiver);
    let (b, sig_b) = seal(&keys, "p-5", &[b"b"], &keys.receiver);
    assert_eq!(
        open(&a, &sig_b, &keys, &keys.receiver).err(),
        Some(Stage::Signature)
    );
    assert_eq!(
        open(&b, &sig_a, &keys, &keys.receiver).err(),
        Some(Stage::Signature)
    );
}

#[test]
fn package_for_another_unit_is_refused() {
    let keys = Keys::fixed();
    let (file, sig) = seal(&keys, "p-6", &[b"x"], &keys.other);
    assert_eq!(
        open(&file, &sig, &keys, &keys.receiver).err(),
        Some(Stage::Decrypt)
    );
    // Addressed by name to another unit: refused before decryption.
    let bag = craft::well_formed(&keys, &craft::header("p-6", OTHER_RECEIVER), &[b"x"]);
    let (file, sig) = craft::package(&keys, &bag);
    assert_eq!(
        open(&file, &sig, &keys, &keys.receiver).err(),
        Some(Stage::Signature)
    );
}

#[test]
fn package_signed_by_another_unit_is_refused() {
    let keys = Keys::fixed();
    let mut mallory = Keys::fixed();
    mallory.sender = infoflyt::crypto::sign::SigningKey::generate().unwrap();
    let (file, sig) = seal(&mallory, "p-7", &[b"x"], &keys.receiver);
    assert_eq!(
        open(&file, &sig, &keys, &keys.receiver).err(),
        Some(Stage::Signature)
    );
}

#[test]
fn file_swapped_between_the_passes_fails_the_import() {
    let keys = Keys::fixed();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ifp");
    let (a, sig) = seal(&keys, "p-8", &[b"original"], &keys.receiver);
    // Same sender, same id, other contents: as if the media were rewritten.
    let (b, _) = seal(&keys, "p-8", &[b"replaced"], &keys.receiver);
    std::fs::write(&path, &a).unwrap();
    let pk = keys.sender.public();
    let expected = Expected {
        sender: SENDER,
        sender_key: &pk,
        receiver: RECEIVER,
    };
    let f = std::fs::File::open(&path).unwrap();
    let mut v = SignedPackage::new(f, &sig, &expected)
        .unwrap()
        .decrypt(&keys.receiver)
        .unwrap()
        .verify_contents(&Limits::default())
        .unwrap();
    std::fs::write(&path, &b).unwrap();
    let mut seen = Vec::new();
    let res = v.for_each_document(|_, r| {
        let mut d = Vec::new();
        let res = r.read_to_end(&mut d);
        seen.push(d);
        res.map(drop)
            .map_err(|e| infoflyt::Error::Other(e.to_string()))
    });
    assert!(res.is_err(), "a swapped file must fail pass 2");
    // Restored, the same verified package streams again.
    std::fs::write(&path, &a).unwrap();
    let mut docs = Vec::new();
    v.for_each_document(|_, r| {
        let mut d = Vec::new();
        r.read_to_end(&mut d).unwrap();
        docs.push(d);
        Ok(())
    })
    .unwrap();
    assert_eq!(docs, vec![b"original".to_vec()]);
}

#[test]
fn limits_are_enforced() {
    let keys = Keys::fixed();
    let (file, sig) = seal(&keys, "p-9", &[&[7u8; 5000], b"y"], &keys.receiver);
    let pk = keys.sender.public();
    let expected = Expected {
        sender: SENDER,
        sender_key: &pk,
        receiver: RECEIVER,
    };
    let tight = [
        Limits {
            max_entries: 2,
            ..Limits::default()
        },
        Limits {
            max_file: 4999,
            ..Limits::default()
        },
        Limits {
            max_total: 5000,
            ..Limits::default()
        },
        Limits {
            max_package_json: 10,
            ..Limits::default()
        },
    ];
    for l in tight {
        let d = SignedPackage::new(Cursor::new(file.clone()), &sig, &expected)
            .unwrap()
            .decrypt(&keys.receiver)
            .unwrap();
        assert!(d.verify_contents(&l).is_err(), "{l:?}");
    }
    let d = SignedPackage::new(Cursor::new(file), &sig, &expected).unwrap();
    assert_eq!(
        d.decrypt(&keys.receiver)
            .unwrap()
            .verify_contents(&Limits::default())
            .unwrap()
            .documents()
            .len(),
        2
    );
}

#[test]
fn package_file_appears_only_when_complete_and_never_overwrites() {
    let keys = Keys::fixed();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.ifp");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let mut p = PackageFile::create(
        &out,
        header("p-10"),
        &[recipient_of(&keys.receiver)],
        b"{}",
        date,
    )
    .unwrap();
    p.add_document(3, &b"abc"[..]).unwrap();
    assert!(
        p.add_document(3, &b"ab"[..]).is_err(),
        "short source refused"
    );
    assert!(!out.exists() && !signature_path(&out).exists());
    drop(p);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
    let mut p = PackageFile::create(
        &out,
        header("p-10"),
        &[recipient_of(&keys.receiver)],
        b"{}",
        date,
    )
    .unwrap();
    p.add_document(3, &b"abc"[..]).unwrap();
    p.finish(&keys.sender, OFFICER, &keys.officer).unwrap();
    assert!(out.exists() && signature_path(&out).exists());
    let sig = infoflyt::transfer::read_signature(&out).unwrap();
    let o = open(&std::fs::read(&out).unwrap(), &sig, &keys, &keys.receiver).unwrap();
    assert_eq!(o.documents, vec![b"abc".to_vec()]);
    assert!(PackageFile::create(
        &out,
        header("p-10"),
        &[recipient_of(&keys.receiver)],
        b"{}",
        date
    )
    .is_err());
}

fn tool(name: &str, version_arg: &str) -> bool {
    let ok = Command::new(name).arg(version_arg).output().is_ok();
    // CI installs every stock tool and sets this, so a check is never skipped there.
    if !ok && std::env::var("INFOFLYT_STOCK_TOOLS").as_deref() == Ok("required") {
        panic!("the stock tool {name} is required (INFOFLYT_STOCK_TOOLS=required) but missing");
    }
    if !ok {
        eprintln!(
            "SKIPPED part of the test: the stock tool {name} is not installed (CI installs it)"
        );
    }
    ok
}

fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {out:?}");
    out
}

#[test]
fn stock_tools_open_and_check_a_sealed_package() {
    if !tool("age-keygen", "--version") {
        return;
    }
    let keys = Keys::fixed();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A fresh identity made by the stock tool, read by us.
    run(Command::new("age-keygen").arg("-o").arg(d.join("key.txt")));
    let identity =
        agreement_key_from_age(&std::fs::read_to_string(d.join("key.txt")).unwrap()).unwrap();
    let theirs = run(Command::new("age-keygen").arg("-y").arg(d.join("key.txt")));
    assert_eq!(
        String::from_utf8(theirs.stdout).unwrap().trim_end(),
        recipient_of(&identity).to_string()
    );

    let pkg = d.join("bjorgvin-2026-11-29-000001.ifp");
    let doc: Vec<u8> = (0..100_000u32).map(|i| (i * 31 % 256) as u8).collect();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let mut p = PackageFile::create(
        &pkg,
        header("bjorgvin-2026-11-29-000001"),
        &[recipient_of(&identity)],
        b"{\"kind\":\"external\"}",
        date,
    )
    .unwrap();
    p.add_document(doc.len() as u64, &doc[..]).unwrap();
    p.add_document(5, &b"hello"[..]).unwrap();
    let sealed = p.finish(&keys.sender, OFFICER, &keys.officer).unwrap();
    let unit_pub = d.join("unit.pub");
    std::fs::write(
        &unit_pub,
        PublicKey::for_unit(&keys.sender.public()).to_file(),
    )
    .unwrap();

    if tool("minisign", "-v") {
        for extra in [&[][..], &["-H"][..]] {
            let out = run(Command::new("minisign")
                .args(["-V", "-m"])
                .arg(&pkg)
                .arg("-p")
                .arg(&unit_pub)
                .args(extra));
            let stdout = String::from_utf8(out.stdout).unwrap();
            assert!(stdout.contains(&sealed.comment.encode()), "{stdout}");
        }
    }
    if !tool("age", "--version") {
        return;
    }
    let tarball = d.join("p.tar");
    run(Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(d.join("key.txt"))
        .arg("-o")
        .arg(&tarball)
        .arg(&pkg));
    let out = d.join("out");
    std::fs::create_dir(&out).unwrap();
    run(Command::new("tar")
        .arg("-xf")
        .arg(&tarball)
        .arg("-C")
        .arg(&out));
    let bag = out.join("bjorgvin-2026-11-29-000001");
    assert_eq!(
        std::fs::read(bag.join("data/documents/000001.bin")).unwrap(),
        doc
    );
    assert_eq!(
        std::fs::read(bag.join("data/documents/000002.bin")).unwrap(),
        b"hello"
    );
    assert_eq!(
        std::fs::read(bag.join("data/package.json")).unwrap(),
        b"{\"kind\":\"external\"}"
    );
    // The other way round: an archive encrypted by the stock tool opens with our code.
    let crafted = craft::well_formed(&keys, &header("made-by-stock-age"), &[b"from the Go tool"]);
    let plain = d.join("plain.tar");
    std::fs::write(&plain, craft::tar(&crafted.entries)).unwrap();
    let theirs = d.join("theirs.ifp");
    let recipient = recipient_of(&identity).to_string();
    run(Command::new("age")
        .args(["-r", &recipient, "-o"])
        .arg(&theirs)
        .arg(&plain));
    let file = std::fs::read(&theirs).unwrap();
    let sig = craft::sign(&keys, &file, &crafted.header, &crafted.tag_digest);
    let o = open(&file, &sig, &keys, &identity).unwrap();
    assert_eq!(o.documents, vec![b"from the Go tool".to_vec()]);

    if tool("bagit.py", "--version") {
        run(Command::new("bagit.py").arg("--validate").arg(&bag));
        // bagit.py notices a changed document too, so the check above can fail.
        std::fs::write(bag.join("data/documents/000002.bin"), b"hellO").unwrap();
        let o = Command::new("bagit.py")
            .arg("--validate")
            .arg(&bag)
            .output()
            .unwrap();
        assert!(!o.status.success());
    }
}

// ---- Named negative vectors (tests/vectors/packages/) ----

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/packages");

fn stage_name(s: Option<Stage>) -> &'static str {
    match s {
        None => "ok",
        Some(Stage::Signature) => "refused signature",
        Some(Stage::Decrypt) => "refused decrypt",
        Some(Stage::Contents) => "refused contents",
        Some(Stage::Documents) => "refused documents",
    }
}

#[test]
fn named_vectors_are_refused_at_their_stage() {
    let keys = Keys::fixed();
    // The vectors carry their keys, so they stand alone; they must be the fixed test keys.
    let identity = agreement_key_from_age(
        &std::fs::read_to_string(Path::new(VECTORS).join("receiver.key")).unwrap(),
    )
    .unwrap();
    assert_eq!(identity.public(), keys.receiver.public());
    let sender =
        PublicKey::parse_file(&std::fs::read(Path::new(VECTORS).join("sender.pub")).unwrap())
            .unwrap();
    assert_eq!(sender.ed25519(), &keys.sender.public());
    let mut count = 0;
    for e in std::fs::read_dir(VECTORS).unwrap() {
        let path = e.unwrap().path();
        if path.extension().and_then(|x| x.to_str()) != Some("ifp") {
            continue;
        }
        count += 1;
        let want = std::fs::read_to_string(path.with_extension("expect")).unwrap();
        let file = std::fs::read(&path).unwrap();
        let sig = std::fs::read(signature_path(&path)).unwrap();
        let got = open(&file, &sig, &keys, &identity).err();
        assert_eq!(stage_name(got), want.trim(), "{}", path.display());
    }
    assert!(count >= 12, "vectors missing: found {count}");
}

/// Writes the vectors anew: `INFOFLYT_WRITE_VECTORS=1 cargo test --test suite
/// write_vectors -- --ignored`. Existing vectors must keep failing as before; add new ones.
#[test]
#[ignore]
fn write_vectors() {
    if std::env::var_os("INFOFLYT_WRITE_VECTORS").is_none() {
        return;
    }
    let dir = Path::new(VECTORS);
    std::fs::create_dir_all(dir).unwrap();
    let keys = Keys::fixed();
    std::fs::write(
        dir.join("receiver.key"),
        format!(
            "# test key, never used outside tests\n{}\n",
            craft::age_secret(&keys.receiver)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("sender.pub"),
        PublicKey::for_unit(&keys.sender.public()).to_file(),
    )
    .unwrap();
    for (name, expect, (file, sig)) in vectors::all(&keys) {
        std::fs::write(dir.join(format!("{name}.ifp")), &file).unwrap();
        std::fs::write(dir.join(format!("{name}.ifp.minisig")), &sig).unwrap();
        std::fs::write(dir.join(format!("{name}.expect")), format!("{expect}\n")).unwrap();
    }
}

#[path = "package_format/vectors.rs"]
mod vectors;
