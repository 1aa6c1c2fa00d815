use super::*;
use crate::crypto::hash::blake2b512;
use std::process::Command;

fn key() -> SigningKey {
    SigningKey::from_seed(zeroize::Zeroizing::new([7u8; 32])).unwrap()
}

fn signed(data: &[u8], comment: &str) -> Signature {
    Signature::sign_prehashed(&key(), &blake2b512(data), comment).unwrap()
}

#[test]
fn signature_file_round_trips_and_verifies() {
    let s = signed(b"package bytes", "infoflyt-package:1\tid:x");
    let text = s.to_file();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1].len(), 100);
    assert_eq!(lines[3].len(), 88);
    assert!(lines[2].starts_with("trusted comment: infoflyt-package:1\tid:x"));
    let parsed = Signature::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed, s);
    let pk = PublicKey::for_unit(&key().public());
    parsed
        .verify_prehashed(&pk, &blake2b512(b"package bytes"))
        .unwrap();
    assert!(parsed
        .verify_prehashed(&pk, &blake2b512(b"package bytez"))
        .is_err());
    // The halves: the comment holds whatever the file; the file signature needs the file.
    parsed.verify_comment(&pk).unwrap();
    parsed
        .verify_file(&pk, &blake2b512(b"package bytes"))
        .unwrap();
    assert!(parsed
        .verify_file(&pk, &blake2b512(b"package bytez"))
        .is_err());
    let mut other_comment = parsed.clone();
    other_comment.trusted_comment.push('!');
    assert!(other_comment.verify_comment(&pk).is_err());
    let other_pk = PublicKey::for_unit(&SigningKey::generate().unwrap().public());
    assert!(parsed.verify_comment(&other_pk).is_err());
    assert!(parsed
        .verify_file(&other_pk, &blake2b512(b"package bytes"))
        .is_err());
}

#[test]
fn public_key_file_has_minisigns_layout() {
    let pk = PublicKey::for_unit(&key().public());
    let f = pk.to_file();
    let (comment, line) = f.trim_end().split_once('\n').unwrap();
    assert_eq!(
        comment,
        format!(
            "untrusted comment: minisign public key {:X}",
            u64::from_le_bytes(*pk.key_id())
        )
    );
    assert_eq!(line.len(), 56);
    assert!(line.starts_with("RW"), "base64 of \"Ed\"");
    assert_eq!(PublicKey::parse_file(f.as_bytes()).unwrap(), pk);
    assert_eq!(PublicKey::parse_base64(line).unwrap(), pk);
    assert_eq!(pk.key_id(), &key_id(&key().public()));
}

#[test]
fn a_changed_trusted_comment_or_key_is_refused() {
    let s = signed(b"p", "infoflyt-package:1");
    let pk = PublicKey::for_unit(&key().public());
    let text = s.to_file().replace("package:1", "package:2");
    let forged = Signature::parse(text.as_bytes()).unwrap();
    assert!(forged.verify_prehashed(&pk, &blake2b512(b"p")).is_err());
    let other = SigningKey::from_seed(zeroize::Zeroizing::new([8u8; 32])).unwrap();
    let other_pk = PublicKey::for_unit(&other.public());
    assert!(s.verify_prehashed(&other_pk, &blake2b512(b"p")).is_err());
    // Right key id, wrong key: the signature arithmetic refuses it.
    let mut swapped = other_pk.clone();
    swapped.key_id = pk.key_id;
    assert!(s.verify_prehashed(&swapped, &blake2b512(b"p")).is_err());
}

#[test]
fn malformed_signature_files_are_refused() {
    let good = signed(b"p", "c").to_file();
    let lines: Vec<String> = good.lines().map(str::to_owned).collect();
    let join = |l: &[String]| l.iter().map(|x| format!("{x}\n")).collect::<String>();
    let legacy = {
        let mut raw = B64.decode(&lines[1]).unwrap();
        raw[1] = b'd';
        let mut l = lines.clone();
        l[1] = B64.encode(raw);
        join(&l)
    };
    let unknown_alg = {
        let mut raw = B64.decode(&lines[1]).unwrap();
        raw[0] = b'X';
        let mut l = lines.clone();
        l[1] = B64.encode(raw);
        join(&l)
    };
    let mut cases = vec![
        legacy,
        unknown_alg,
        String::new(),
        join(&lines[..3]),
        good.trim_end().to_owned(),
        good.replace('\n', "\r\n"),
        format!("{good}extra\n"),
        good.replace("untrusted comment: ", "untrusted comment:"),
        good.replace("trusted comment: c", "trusted comment: c\u{1}"),
        good.replace("trusted comment: c", "Trusted comment: c"),
        join(&[
            lines[0].clone(),
            lines[2].clone(),
            lines[1].clone(),
            lines[3].clone(),
        ]),
    ];
    // Bad base64: a character outside the alphabet, missing padding, non-zero trailing bits.
    let mut l = lines.clone();
    l[3] = format!("{}*=", &l[3][..86]);
    cases.push(join(&l));
    let mut l = lines.clone();
    l[3] = l[3].trim_end_matches('=').to_owned();
    cases.push(join(&l));
    let mut l = lines.clone();
    let mut b = l[3].clone().into_bytes();
    b[85] = if b[85] == b'A' { b'B' } else { b'A' };
    l[3] = String::from_utf8(b).unwrap();
    if B64.decode(&l[3]).is_err() {
        cases.push(join(&l));
    }
    let long = format!(
        "untrusted comment: x\n{}\ntrusted comment: {}\n{}\n",
        lines[1],
        "x".repeat(super::super::header::MAX_TRUSTED_COMMENT + 1),
        lines[3]
    );
    cases.push(long);
    for c in cases {
        assert!(Signature::parse(c.as_bytes()).is_err(), "{c:?}");
    }
    assert!(Signature::parse(&vec![b'a'; MAX_SIGNATURE_FILE + 1]).is_err());
}

#[test]
fn malformed_public_keys_are_refused() {
    let pk = PublicKey::for_unit(&key().public());
    let line = pk.to_base64();
    let mut raw = B64.decode(&line).unwrap();
    raw[1] = b'D';
    for bad in [
        B64.encode(&raw),
        line[..55].to_owned(),
        format!("{line}A"),
        format!(" {line}"),
        String::new(),
    ] {
        assert!(PublicKey::parse_base64(&bad).is_err(), "{bad}");
    }
    assert!(
        PublicKey::parse_file(line.as_bytes()).is_err(),
        "no comment line"
    );
    assert!(PublicKey::parse_file(format!("{}x\n", pk.to_file()).as_bytes()).is_err());
}

fn stock_minisign() -> bool {
    let ok = Command::new("minisign").arg("-v").output().is_ok();
    if !ok {
        eprintln!("SKIPPED: the stock minisign tool is not installed (CI installs it)");
    }
    ok
}

#[test]
fn stock_minisign_verifies_our_signature_and_we_verify_its() {
    if !stock_minisign() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ifp");
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7) as u8).collect();
    std::fs::write(&file, &data).unwrap();
    let (digest, len) = hash_reader(std::fs::File::open(&file).unwrap()).unwrap();
    assert_eq!(len, data.len() as u64);
    let comment = "infoflyt-package:1\tid:p\tsender:Bjørgvin fengsel";
    let sig = Signature::sign_prehashed(&key(), &digest, comment).unwrap();
    std::fs::write(dir.path().join("p.ifp.minisig"), sig.to_file()).unwrap();
    let pk = PublicKey::for_unit(&key().public());
    std::fs::write(dir.path().join("unit.pub"), pk.to_file()).unwrap();
    for extra in [&[][..], &["-H"][..]] {
        let out = Command::new("minisign")
            .args(["-V", "-m"])
            .arg(&file)
            .arg("-p")
            .arg(dir.path().join("unit.pub"))
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains(comment), "{stdout}");
    }
    let out = Command::new("minisign")
        .args(["-V", "-m"])
        .arg(&file)
        .args(["-P", &pk.to_base64()])
        .output()
        .unwrap();
    assert!(out.status.success(), "-P takes the base64 line: {out:?}");
    // A changed file fails under the stock tool too.
    let mut changed = data.clone();
    changed[100_000] ^= 1;
    std::fs::write(&file, &changed).unwrap();
    let out = Command::new("minisign")
        .args(["-V", "-m"])
        .arg(&file)
        .arg("-p")
        .arg(dir.path().join("unit.pub"))
        .output()
        .unwrap();
    assert!(!out.status.success());

    // The other way round: a key and signature made by the stock tool.
    let (spk, ssk) = (dir.path().join("s.pub"), dir.path().join("s.key"));
    let out = Command::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(&spk)
        .arg("-s")
        .arg(&ssk)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = Command::new("minisign")
        .args(["-S", "-s"])
        .arg(&ssk)
        .arg("-m")
        .arg(&file)
        .args(["-t", "made by the stock tool"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let theirs =
        Signature::parse(&std::fs::read(dir.path().join("p.ifp.minisig")).unwrap()).unwrap();
    let their_pk = PublicKey::parse_file(&std::fs::read(&spk).unwrap()).unwrap();
    assert_eq!(theirs.trusted_comment(), "made by the stock tool");
    theirs
        .verify_prehashed(&their_pk, &blake2b512(&changed))
        .unwrap();
    assert!(theirs.verify_prehashed(&pk, &blake2b512(&changed)).is_err());
    // Its legacy format is refused.
    let out = Command::new("minisign")
        .args(["-S", "-l", "-s"])
        .arg(&ssk)
        .arg("-m")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(Signature::parse(&std::fs::read(dir.path().join("p.ifp.minisig")).unwrap()).is_err());
}
