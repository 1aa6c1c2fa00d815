//! Packages that must be refused (issue 7, DESIGN.md §9), each with exit 5 and the receiving
//! store left byte for byte as it was; the unit key rollover against a leaver who kept the
//! old keys; and log checkpoints against a store put back to an older copy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::chain;
use crate::common;

use chain::{assert_unchanged, snapshot, trust_all, Unit, KARI, OLA};
use common::{expect, ok};
use infoflyt::crypto::hash::blake2b512;
use infoflyt::crypto::sign::SigningKey;
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use infoflyt::transfer::minisig::{Signature, MAX_SIGNATURE_FILE};
use infoflyt::transfer::seal::signature_path;
use infoflyt::transfer::{
    Expected, PackageHeader, PackageId, PackageWriter, SignedPackage, TrustedComment,
};
use std::path::{Path, PathBuf};

fn session(u: &Unit, (name, pass): (&str, &str)) -> Session {
    infoflyt::identity::unlock(&StorePaths::new(&u.store.dir), name, &pass.into()).unwrap()
}

fn unit_keys(u: &Unit) -> (SigningKey, infoflyt::crypto::agree::AgreementKey) {
    infoflyt::test_support::unit_keys(&session(u, KARI)).unwrap()
}

/// Copies a package (and its signature) under a new name in `dir`, with `edit` applied to
/// the package's bytes.
fn copy_with(src: &Path, dir: &Path, name: &str, edit: impl Fn(&mut Vec<u8>)) -> PathBuf {
    let to = dir.join(name);
    let mut data = std::fs::read(src).unwrap();
    edit(&mut data);
    std::fs::write(&to, data).unwrap();
    std::fs::copy(signature_path(src), signature_path(&to)).unwrap();
    to
}

/// The signature of `file` by `key`, with a trusted comment naming `sender`.
fn resign(file: &Path, key: &SigningKey, sender: &str, receiver: &str) {
    let old = Signature::parse(&std::fs::read(signature_path(file)).unwrap()).unwrap();
    let c = TrustedComment::parse(old.trusted_comment()).unwrap();
    let comment = TrustedComment {
        header: PackageHeader::new(c.header.id().clone(), sender, receiver).unwrap(),
        tagmanifest_sha256: c.tagmanifest_sha256,
    };
    let digest = blake2b512(&std::fs::read(file).unwrap());
    let sig = Signature::sign_prehashed(key, &digest, &comment.encode()).unwrap();
    std::fs::write(signature_path(file), sig.to_file()).unwrap();
}

#[test]
fn every_bad_package_is_refused_and_leaves_the_store_byte_for_byte_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ost = Unit::new("region", "Region øst", None);
    let ksf = Unit::new("ksf", "KSF", None);
    let stranger = Unit::new("local", "Ukjent fengsel", Some("Region øst"));
    trust_all(&[&oslo, &ost, &ksf], out);
    stranger.trust(&ost, out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "innhold");
    let good = oslo.export(out, &["--kind", "copy-up", "--to", "Region øst"]);
    let to_ksf = oslo.export(out, &["--kind", "copy-up", "--to", "KSF"]);
    let from_stranger = stranger.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    let replayed = ost.export(out, &["--kind", "checkpoint", "--to", "Oslo fengsel"]);
    oslo.import(&replayed);
    // Settle everything a session of kari owes, so a refused import has nothing to write.
    ok(&ost.kari(&["doc", "list"]));
    ok(&oslo.kari(&["doc", "list"]));

    let mut cases: Vec<(String, Unit_, PathBuf, &str)> = Vec::new();
    type Unit_ = &'static str;
    let ksf_keys = unit_keys(&ksf);
    let swapped_outer = copy_with(&good, out, "swapped-outer.ifp", |_| {});
    resign(&swapped_outer, &ksf_keys.0, "KSF", "Region øst");
    let wrong_key = copy_with(&good, out, "wrong-key.ifp", |_| {});
    resign(&wrong_key, &ksf_keys.0, "Oslo fengsel", "Region øst");
    let swapped_inner = inner_signed_by(&ksf_keys.0, &oslo, &ost, out);
    // The trusted comment altered to name another receiver: refused as a signature that does
    // not hold, not believed and answered "addressed to KSF".
    let readdressed = copy_with(&good, out, "readdressed.ifp", |_| {});
    let sig = std::fs::read_to_string(signature_path(&readdressed)).unwrap();
    let edited: Vec<String> = sig
        .lines()
        .map(|l| match l.strip_prefix("trusted comment: ") {
            Some(c) if c.contains("Region øst") => {
                format!("trusted comment: {}", c.replacen("Region øst", "KSF", 1))
            }
            _ => l.to_owned(),
        })
        .collect();
    assert_ne!(
        edited.join("\n") + "\n",
        sig,
        "the receiver is in the trusted comment"
    );
    std::fs::write(signature_path(&readdressed), edited.join("\n") + "\n").unwrap();
    for (n, f, why) in [
        ("replayed", replayed.clone(), "imported before"),
        ("for another unit", to_ksf.clone(), "addressed to"),
        (
            "from an untrusted unit",
            from_stranger.clone(),
            "does not trust",
        ),
        (
            "outer signature swapped for another trusted unit's",
            swapped_outer,
            "do not import",
        ),
        (
            "signed by another trusted unit's key",
            wrong_key,
            "not signed with the key",
        ),
        (
            "inner signatures by another trusted unit",
            swapped_inner,
            "signatures inside",
        ),
        (
            "trusted comment altered to name another receiver",
            readdressed,
            "signature does not match",
        ),
    ] {
        cases.push((n.into(), "", f, why));
    }
    for keep in [0usize, 100, 1000] {
        let f = copy_with(&good, out, &format!("cut-{keep}.ifp"), |d| d.truncate(keep));
        cases.push((format!("truncated to {keep} bytes"), "", f, "package"));
    }
    let f = copy_with(&good, out, "cut-last.ifp", |d| {
        d.pop();
    });
    cases.push(("cut by one byte".into(), "", f, "package"));
    for (name, _, file, why) in &cases {
        let (receiver, before) = if name.contains("replayed") {
            (&oslo, snapshot(&oslo.store.dir))
        } else {
            (&ost, snapshot(&ost.store.dir))
        };
        let r = receiver.kari(&["package", "import", file.to_str().unwrap()]);
        expect(&r, 5, &[why]);
        assert_unchanged(&receiver.store.dir, &before, name);
    }
    flip_every_byte(&ost, &good, out);
    // And the good package still imports.
    ost.import(&good);
}

/// A package from `from` to `to` whose inner (unit) signature is by `key`, another trusted
/// unit's, while its outer signature is `from`'s own.
fn inner_signed_by(key: &SigningKey, from: &Unit, to: &Unit, dir: &Path) -> PathBuf {
    let recipient = infoflyt::transfer::agekey::recipient_of(&unit_keys(to).1);
    let id = PackageId::parse("oslo-fengsel-2030-01-01-999999").unwrap();
    let h = PackageHeader::new(id, &from.name, &to.name).unwrap();
    let file = dir.join("swapped-inner.ifp");
    let f = std::fs::File::create(&file).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let w = PackageWriter::new(f, h, &[recipient], b"{}", date).unwrap();
    let officer = SigningKey::generate().unwrap();
    let (_, sealed) = w.finish(key, "kari", &officer).unwrap();
    std::fs::write(signature_path(&file), sealed.signature.to_file()).unwrap();
    resign(&file, &unit_keys(from).0, &from.name, &to.name);
    file
}

/// One bit flipped at every byte position of a small package, and of its signature's signed
/// lines: each refused as an integrity failure, in process (one unlock), then the store
/// compared whole.
fn flip_every_byte(u: &Unit, good: &Path, dir: &Path) {
    let before = snapshot(&u.store.dir);
    let data = std::fs::read(good).unwrap();
    let sig = std::fs::read(signature_path(good)).unwrap();
    assert!(data.len() < 64 * 1024, "a small package");
    let mut s = session(u, KARI);
    let f = dir.join("flipped.ifp");
    std::fs::write(signature_path(&f), &sig).unwrap();
    for i in 0..data.len() {
        let mut d = data.clone();
        d[i] ^= 1 << (i % 8);
        std::fs::write(&f, &d).unwrap();
        let e = s.import_package(&f, Some(dir), |_, _| {}).unwrap_err();
        assert!(matches!(e, infoflyt::Error::Integrity(_)), "byte {i}: {e}");
    }
    std::fs::write(&f, &data).unwrap();
    // The untrusted comment (first line) is not signed, in minisign as here: skip it.
    let first = sig.iter().position(|b| *b == b'\n').unwrap() + 1;
    assert!(sig.len() <= MAX_SIGNATURE_FILE);
    for i in first..sig.len() {
        let mut g = sig.clone();
        g[i] ^= 1 << (i % 8);
        std::fs::write(signature_path(&f), &g).unwrap();
        let e = s.import_package(&f, Some(dir), |_, _| {}).unwrap_err();
        assert!(
            matches!(e, infoflyt::Error::Integrity(_) | infoflyt::Error::Usage(_)),
            "signature byte {i}: {e}"
        );
    }
    drop(s);
    assert_unchanged(&u.store.dir, &before, "bit flips");
}

#[test]
fn a_leavers_copy_of_the_old_unit_keys_opens_no_package_sealed_after_the_rollover() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ost = Unit::new("region", "Region øst", None);
    oslo.store.add_user(
        "siri",
        "clerical",
        "fortrolig",
        "siri sin passfrase for tester",
    );
    trust_all(&[&oslo, &ost], out);
    // What ola can take home: the unit's private keys, wrapped to ola.
    let (old_sign, old_agree) = infoflyt::test_support::unit_keys(&session(&oslo, OLA)).unwrap();
    // A package on its way to Oslo, sealed to the old key before anyone knew.
    let in_flight = ost.export(out, &["--kind", "checkpoint", "--to", "Oslo fengsel"]);

    let r = oslo.store.json(
        common::ADMIN,
        common::ADMIN_PASS,
        &["user", "disable", "ola"],
    );
    assert!(r["unit_rollover"]["card"]["serial"].as_u64().unwrap() >= 2);
    // Everyone left still unlocks: their sealed anchors follow the signed succession.
    ok(&oslo.kari(&["verify"]));
    ok(&oslo.admin(&["log", "verify"]));
    ok(&oslo.store.run(
        "siri",
        "siri sin passfrase for tester",
        &["journal", "list"],
    ));
    let (new_sign, _) = unit_keys(&oslo);
    assert_ne!(new_sign.public(), old_sign.public());

    // The peer takes the new card over from the next package (signed by the old key).
    let next = oslo.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    let r = ost.import(&next);
    assert_eq!(r["card_rollover"], true);
    assert_eq!(ost.json(&["unit", "list"])["trusted"][0]["how"], "rollover");
    let receipt = PathBuf::from(r["receipt"].as_str().unwrap());
    // Sealed to the new key: the leaver's old key does not open it, with our code or stock age.
    let ost_sign = unit_keys(&ost).0.public();
    let e = SignedPackage::new(
        std::fs::File::open(&receipt).unwrap(),
        &std::fs::read(signature_path(&receipt)).unwrap(),
        &Expected {
            sender: "Region øst",
            sender_key: &ost_sign,
            receiver: "Oslo fengsel",
        },
    )
    .unwrap()
    .decrypt(&old_agree);
    assert!(
        e.is_err(),
        "the old key opened a package sealed after the rollover"
    );
    if std::process::Command::new("age")
        .arg("--version")
        .output()
        .is_ok()
    {
        let id = out.join("leaver.key");
        std::fs::write(
            &id,
            infoflyt::test_support::age_identity_of(&old_agree).unwrap(),
        )
        .unwrap();
        let o = std::process::Command::new("age")
            .args(["-d", "-i"])
            .arg(&id)
            .arg(&receipt)
            .output()
            .unwrap();
        assert!(!o.status.success(), "stock age opened it with the old key");
    }
    oslo.import(&receipt);
    // The package sealed to the old key before the rollover is not lost.
    oslo.import(&in_flight);
    // A package the leaver signs with the old key is refused by the peer that moved on.
    let forged = copy_with(&next, out, "forged.ifp", |_| {});
    std::fs::remove_file(out.join("forged.ifp.card")).ok();
    resign(&forged, &old_sign, "Oslo fengsel", "Region øst");
    let before = snapshot(&ost.store.dir);
    expect(
        &ost.kari(&["package", "import", forged.to_str().unwrap()]),
        5,
        &["not signed with the key"],
    );
    assert_unchanged(&ost.store.dir, &before, "forged with the old key");
}

#[test]
fn log_verify_with_a_checkpoint_detects_a_log_cut_back_by_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let oslo = Unit::new("local", "Oslo fengsel", Some("Region øst"));
    let ost = Unit::new("region", "Region øst", None);
    trust_all(&[&oslo, &ost], out);
    let p = oslo.person("Navn Navnesen");
    oslo.doc(p, "FORTROLIG", "Observasjon", "innhold");
    ok(&oslo.kari(&["doc", "list"]));
    let older = oslo.store.copy();
    let n_before = oslo.json(&["log", "list"]).as_array().unwrap().len();
    // A checkpoint package adds exactly one entry to the sender's log, and names it.
    let f = oslo.export(out, &["--kind", "checkpoint", "--to", "Region øst"]);
    assert_eq!(
        oslo.json(&["log", "list"]).as_array().unwrap().len(),
        n_before + 1
    );
    ost.import(&f);
    let cp = out.join("oslo.checkpoint");
    ok(&ost.kari(&[
        "log",
        "checkpoint",
        "--of",
        "Oslo fengsel",
        "--out",
        cp.to_str().unwrap(),
    ]));
    let cp = cp.to_str().unwrap();
    ok(&oslo.kari(&["log", "verify", "--checkpoint", cp]));
    // The store is put back to its copy from just before: one entry short, and consistent
    // in itself (its chain, signatures and witnesses all check).
    let back = Unit {
        store: older,
        name: oslo.name.clone(),
    };
    ok(&back.kari(&["log", "verify"]));
    expect(
        &back.kari(&["log", "verify", "--checkpoint", cp]),
        5,
        &["cut back or rewritten", "another unit"],
    );
    // Its own checkpoint written on paper works the same way.
    let own = out.join("own.checkpoint");
    ok(&oslo.kari(&["log", "checkpoint", "--out", own.to_str().unwrap()]));
    expect(
        &back.kari(&["log", "verify", "--checkpoint", own.to_str().unwrap()]),
        5,
        &["cut back"],
    );
    // And the next package from the rolled-back store is refused by the peer that kept it.
    let later = out.join("later");
    std::fs::create_dir(&later).unwrap();
    let g = back.export(&later, &["--kind", "checkpoint", "--to", "Region øst"]);
    expect(
        &ost.kari(&["package", "import", g.to_str().unwrap()]),
        5,
        &[],
    );
    // The rolled-back store writes on past the checkpoint's number: the entry there is now
    // another one, and the checkpoint still tells.
    back.doc(p, "FORTROLIG", "Etterpå", "nytt innhold");
    let head: i64 = back.json(&["log", "list"]).as_array().unwrap().len() as i64;
    assert!(
        head > n_before as i64 + 1,
        "the copy did not write past the checkpoint"
    );
    expect(
        &back.kari(&["log", "verify", "--checkpoint", cp]),
        5,
        &["cut back or rewritten"],
    );
}
