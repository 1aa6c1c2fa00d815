use super::*;
use crate::crypto::agree::AgreementKey;
use crate::transfer::fingerprint::CROCKFORD;
use zeroize::Zeroizing;

fn keys(seed: u8) -> (SigningKey, AgreementKey) {
    (
        SigningKey::from_seed(Zeroizing::new([seed; 32])).unwrap(),
        AgreementKey::from_bytes(Zeroizing::new([seed ^ 0x55; 32])),
    )
}

fn card(seed: u8, serial: u32, previous: Option<&SigningKey>) -> UnitCard {
    let (s, a) = keys(seed);
    UnitCard::issue(
        "Bjørgvin fengsel",
        Level::Local,
        Some("Vest"),
        serial,
        &s,
        &a.public(),
        previous,
    )
    .unwrap()
}

#[test]
fn card_round_trips_with_derived_lines() {
    let c = card(1, 1, None);
    let text = c.encode().unwrap();
    assert!(text.starts_with(
        "Infoflyt-Unit-Card: 1\nUnit: Bjørgvin fengsel\nLevel: local\nRegion: Vest\nSerial: 1\n"
    ));
    assert!(text.contains(&format!("Age-Recipient: {}\n", c.age_recipient())));
    assert!(text.contains(&format!(
        "Minisign-Public-Key: {}\n",
        c.minisign_public_key().to_base64()
    )));
    let parsed = UnitCard::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed, c);
    let (_, a) = keys(1);
    assert_eq!(c.age_recipient(), crate::transfer::agekey::recipient_of(&a));
    let s = c.summary();
    let json = serde_json::to_value(&s).unwrap();
    for k in [
        "unit",
        "level",
        "fingerprint",
        "age_recipient",
        "minisign_public_key",
    ] {
        assert!(json.get(k).is_some(), "{k}");
    }
    assert_eq!(json["level"], "local");
}

#[test]
fn fingerprint_is_twenty_crockford_characters_and_binds_the_keys() {
    let c = card(1, 1, None);
    let fp = c.fingerprint().to_string();
    assert_eq!(fp.len(), 24);
    assert_eq!(fp.matches('-').count(), 4);
    assert!(fp.replace('-', "").bytes().all(|b| CROCKFORD.contains(&b)));
    // Typed loosely, it still matches; another card's does not.
    let typed = fp
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o")
        .replace('1', "l");
    assert!(c
        .fingerprint()
        .matches(&Fingerprint::parse(&typed).unwrap()));
    assert!(!card(2, 1, None).fingerprint().matches(&c.fingerprint()));
    // The serial does not change it; the name does.
    assert_eq!(card(1, 7, None).fingerprint(), c.fingerprint());
    let (s, a) = keys(1);
    let renamed = UnitCard::issue(
        "Bergen fengsel",
        Level::Local,
        Some("Vest"),
        1,
        &s,
        &a.public(),
        None,
    )
    .unwrap();
    assert_ne!(renamed.fingerprint(), c.fingerprint());
    for bad in [
        "",
        "ABCD",
        "ABCD-EFGH-JKMN-PQRS-TVWXU",
        "ABCD-EFGH-JKMN-PQRS-TVW!",
    ] {
        assert!(Fingerprint::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn fingerprint_bits_are_the_first_100_of_the_digest() {
    let c = card(3, 1, None);
    let d = sha256(&encode_fields(
        b"infoflyt unit card fingerprint v1\0",
        &[c.unit.as_bytes(), b"local", b"Vest", &c.ed25519, &c.x25519],
    ));
    let bits: String = d.iter().map(|b| format!("{b:08b}")).collect();
    let want: String = bits.as_bytes()[..100]
        .chunks(5)
        .map(|g| {
            let v = usize::from_str_radix(std::str::from_utf8(g).unwrap(), 2).unwrap();
            char::from(CROCKFORD[v])
        })
        .collect();
    assert_eq!(c.fingerprint().to_string().replace('-', ""), want);
}

#[test]
fn tampered_cards_are_refused() {
    let c = card(1, 1, None);
    let good = c.encode().unwrap();
    let other = card(2, 1, None);
    let cases = [
        good.replace("Serial: 1", "Serial: 2"),
        good.replace("Serial: 1", "Serial: 01"),
        good.replace("Level: local", "Level: Local"),
        good.replace("Region: Vest\n", ""),
        good.replace(&hex(&c.x25519), &hex(&other.x25519)),
        good.replace(
            &c.age_recipient().to_string(),
            &other.age_recipient().to_string(),
        ),
        good.replace(
            &c.fingerprint().to_string(),
            &other.fingerprint().to_string(),
        ),
        good.replace(
            &c.minisign_public_key().to_base64(),
            &other.minisign_public_key().to_base64(),
        ),
        good.replace("Infoflyt-Unit-Card: 1", "Infoflyt-Unit-Card: 2"),
        format!("{good}Extra: 1\n"),
        good.replace('\n', "\r\n"),
    ];
    for (i, t) in cases.iter().enumerate() {
        assert!(UnitCard::parse(t.as_bytes()).is_err(), "case {i}: {t}");
    }
    // Every single-bit flip of the file is refused.
    let bytes = good.as_bytes();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut b = bytes.to_vec();
            b[i] ^= 1 << bit;
            assert!(UnitCard::parse(&b).is_err(), "flip byte {i} bit {bit}");
        }
    }
}

#[test]
fn rollover_is_accepted_only_from_the_trusted_key() {
    let (old_key, _) = keys(1);
    let trusted = card(1, 1, None);
    let next = card(2, 2, Some(&old_key));
    let parsed = UnitCard::parse(next.encode().unwrap().as_bytes()).unwrap();
    assert_eq!(
        parsed.rollover().unwrap().previous_ed25519,
        old_key.public()
    );
    parsed.succeeds(&trusted).unwrap();
    // A new key without the old key's word, an older serial, another unit: refused.
    assert!(card(2, 2, None).succeeds(&trusted).is_err());
    let (stranger, _) = keys(9);
    assert!(card(2, 2, Some(&stranger)).succeeds(&trusted).is_err());
    assert!(card(2, 1, Some(&old_key)).succeeds(&trusted).is_err());
    assert!(
        card(1, 2, None).succeeds(&trusted).is_ok(),
        "same keys, new serial"
    );
    // The rollover signature covers the new card: moving it to another card fails.
    let forged = card(3, 2, Some(&stranger))
        .encode()
        .unwrap()
        .replace(&hex(&stranger.public()), &hex(&old_key.public()));
    assert!(UnitCard::parse(forged.as_bytes()).is_err());
}
