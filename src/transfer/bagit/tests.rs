use super::*;

fn id() -> PackageId {
    PackageId::parse("bergen-2026-000001").unwrap()
}

#[test]
fn entry_names_are_exactly_ours() {
    for (raw, want) in [
        ("bergen-2026-000001/bagit.txt", BagFile::BagitTxt),
        (
            "bergen-2026-000001/data/package.json",
            BagFile::Payload(PayloadName::PackageJson),
        ),
        (
            "bergen-2026-000001/data/documents/000042.bin",
            BagFile::Payload(PayloadName::Document(42)),
        ),
        (
            "bergen-2026-000001/infoflyt-signatures.txt",
            BagFile::Signatures,
        ),
    ] {
        assert_eq!(
            BagFile::parse_entry_name(raw.as_bytes(), &id()).unwrap(),
            want
        );
        assert_eq!(format!("{}/{}", id(), want.path()), raw);
    }
    for raw in [
        &b"bagit.txt"[..],
        b"/bergen-2026-000001/bagit.txt",
        b"bergen-2026-000001//bagit.txt",
        b"bergen-2026-000001/./bagit.txt",
        b"bergen-2026-000001/../bagit.txt",
        b"bergen-2026-000001/data/../bagit.txt",
        b"bergen-2026-000001/data/../../etc/passwd",
        b"bergen-2026-000001/data/",
        b"bergen-2026-000001/data/documents/",
        b"bergen-2026-000001/data/documents/000000.bin",
        b"bergen-2026-000001/data/documents/1.bin",
        b"bergen-2026-000001/data/documents/0000001.bin",
        b"bergen-2026-000001/data/documents/00000a.bin",
        b"bergen-2026-000001/data/documents/000001.BIN",
        b"bergen-2026-000001/data/documents/+00001.bin",
        b"bergen-2026-000001/data/Package.json",
        b"bergen-2026-000001/data/extra.txt",
        b"bergen-2026-000001/manifest-md5.txt",
        b"bergen-2026-000001/bagit.txt/",
        b"bergen-2026-000001\\bagit.txt",
        b"other-package/bagit.txt",
        b"bergen-2026-000001/bagit.txt\0",
        b"bergen-2026-000001/\xff",
        b"",
    ] {
        assert!(BagFile::parse_entry_name(raw, &id()).is_err(), "{raw:?}");
    }
}

#[test]
fn bagit_txt_is_fixed() {
    parse_bagit_txt(BAGIT_TXT.as_bytes()).unwrap();
    for bad in [
        "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1\n",
        "Tag-File-Character-Encoding: UTF-8\nBagIt-Version: 1.0\n",
        "BagIt-Version: 1.0\n",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nX: y\n",
        "\u{feff}BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
    ] {
        assert!(parse_bagit_txt(bad.as_bytes()).is_err(), "{bad:?}");
    }
}

fn manifest(n: u32) -> Manifest {
    let mut e = vec![(PayloadName::PackageJson, [1; 32])];
    e.extend((1..=n).map(|i| (PayloadName::Document(i), [i as u8; 32])));
    Manifest::new(e).unwrap()
}

#[test]
fn manifests_round_trip() {
    let m = manifest(3);
    let text = m.encode();
    assert!(text.starts_with(&format!("{}  data/package.json\n", hex(&[1; 32]))));
    assert_eq!(Manifest::parse(text.as_bytes(), 10).unwrap(), m);
    let t = TagManifest {
        bagit: [1; 32],
        bag_info: [2; 32],
        manifest: [3; 32],
    };
    assert_eq!(TagManifest::parse(t.encode().as_bytes()).unwrap(), t);
}

#[test]
fn odd_manifests_are_refused() {
    let good = manifest(2).encode();
    let lines: Vec<&str> = good.lines().collect();
    let cases = [
        String::new(),
        good.trim_end().to_owned(),
        good.replace("  data", " data"),
        good.replace("  data", "\tdata"),
        good.replace("  data", "  ./data"),
        good.replace("000002", "000003"),
        good.replace("01010101", "0101010G"),
        good.to_uppercase(),
        format!("{}{}\n{}\n", good, lines[2], ""),
        format!("{}\n{}\n{}\n", lines[1], lines[0], lines[2]),
        format!("{}\n{}\n", lines[0], lines[2]),
        format!("{}\n{}\n", lines[1], lines[2]),
        format!("{good}{}  data/documents/000003.bin\n", hex(&[0; 32])).repeat(1),
        good.replace('\n', "\r\n"),
    ];
    for (i, c) in cases.iter().enumerate() {
        // The extra document line is fine with room for it and refused without.
        let max = if i == 12 { 3 } else { 10 };
        assert!(Manifest::parse(c.as_bytes(), max).is_err(), "{c:?}");
    }
    let t = TagManifest {
        bagit: [1; 32],
        bag_info: [2; 32],
        manifest: [3; 32],
    }
    .encode();
    for c in [
        t.replace("bag-info.txt", "bagit.txt"),
        t.lines().take(2).map(|l| format!("{l}\n")).collect(),
        format!("{t}{}  extra.txt\n", hex(&[0; 32])),
    ] {
        assert!(TagManifest::parse(c.as_bytes()).is_err(), "{c:?}");
    }
}

fn info() -> BagInfo {
    BagInfo {
        bagging_date: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        id: id(),
        sender: "Bjørgvin fengsel".into(),
        receiver: "Region vest".into(),
        payload_octets: 12345,
        payload_files: 3,
    }
}

#[test]
fn bag_info_round_trips() {
    let text = info().encode().unwrap();
    assert_eq!(
        text,
        "Bagging-Date: 2026-11-29\nExternal-Identifier: bergen-2026-000001\n\
         Source-Organization: Bjørgvin fengsel\nInfoflyt-Receiver: Region vest\n\
         Payload-Oxum: 12345.3\n"
    );
    assert_eq!(BagInfo::parse(text.as_bytes()).unwrap(), info());
}

#[test]
fn odd_bag_info_is_refused() {
    let good = info().encode().unwrap();
    for c in [
        good.replace("12345.3", "12345"),
        good.replace("12345.3", "012345.3"),
        good.replace("12345.3", "12345.3.1"),
        good.replace("12345.3", "-1.3"),
        good.replace("12345.3", "99999999999999999999999.3"),
        good.replace("2026-11-29", "2026-13-01"),
        good.replace("2026-11-29", "29.11.2026"),
        good.replace("bergen-2026-000001", "../x"),
        good.replace("Payload-Oxum", "Payload-oxum"),
        format!("{good}Contact-Name: x\n"),
        good.replace("Infoflyt-Receiver: Region vest\n", ""),
    ] {
        assert!(BagInfo::parse(c.as_bytes()).is_err(), "{c:?}");
    }
}
